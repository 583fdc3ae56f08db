"""Material's navigation, tabs and config script, drawn once for the pages that show them alike (issue 14).

A site built with the parts shared must be the very bytes of the site built
with every part drawn on every page, as Material does; a site that replaces a
template the parts draw with gets every part drawn on every page; a preview
draws them again when the navigation changed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bangvang.mkdocs_plugin.shared_parts import SharedParts
from bangvang.mkdocs_plugin.theme import MATERIAL_DIR
from conftest import configured_example, copy_example
from test_preview_reuse import Preview, differences


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[SharedParts]:
    """Keep each build's SharedParts, to read how many parts it drew."""
    started: list[SharedParts] = []
    start = SharedParts.start

    def keep(self: SharedParts, *args: object) -> None:
        started.append(self)
        start(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(SharedParts, "start", keep)
    return started


def _pages(root: Path) -> list[Path]:
    return [path for path in root.rglob("*.html") if 'data-md-type="navigation"' in path.read_text("utf-8")]


def test_shared_parts_come_out_as_material_draws_them_on_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SharedParts, "share", False)
    drawn = configured_example(tmp_path / "drawn", workers=1, cache=False)
    run = drawn.build()
    assert run.code == 0, run.output
    monkeypatch.setattr(SharedParts, "share", True)
    started = _counting(monkeypatch)
    shared = configured_example(tmp_path / "shared", workers=1, cache=False)
    run = shared.build()
    assert run.code == 0, run.output
    assert differences(drawn.out, shared.out, set()) == []
    pages = _pages(shared.out)
    # Articles, listings, honour pages, each tab lit in turn: far fewer drawings than pages and parts.
    assert len(pages) > 100
    (parts,) = started
    assert parts.enabled
    assert 0 < parts.draws < len(pages) // 2
    tabs = {re.search(r'md-tabs__item--active">\s*<a href="([^"]*)"', p.read_text("utf-8")) is not None for p in pages}
    assert tabs == {True, False}  # pages with a lit tab and pages without one, both shared


def test_translations_come_out_as_material_s_own_language_template_gives_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A site whose custom_dir holds Material's own language.html uses it instead of ours: the reference.
    material = configured_example(tmp_path / "material", workers=1, cache=False)
    overrides = material.root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    shutil.copyfile(MATERIAL_DIR / "templates" / "partials" / "language.html", overrides / "language.html")
    config = material.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8"
    )
    run = material.build()
    assert run.code == 0, run.output
    started = _counting(monkeypatch)
    ours = configured_example(tmp_path / "ours", workers=1, cache=False)
    run = ours.build()
    assert run.code == 0, run.output
    assert differences(material.out, ours.out, set()) == []
    (parts,) = started
    assert len(parts._words) > 10  # each key looked up once, whatever the pages
    assert "Bỏ qua" in (ours.out / "index.html").read_text("utf-8")  # Material's Vietnamese "skip to content"


NAV_ITEM_WITH_TITLE = (
    "{% macro render(nav_item, path, level, parent) %}"
    '<li class="probe">{{ nav_item.title }} / {{ page.title }}</li>'
    "{% endmacro %}\n"
)
"""A site's own navigation item, showing the page it is drawn on: sharing it would show one page's title on all."""


def test_a_site_replacing_a_template_the_parts_use_gets_them_drawn_on_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _counting(monkeypatch)
    site = configured_example(tmp_path / "site", workers=1, cache=False)
    overrides = site.root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "nav-item.html").write_text(NAV_ITEM_WITH_TITLE, encoding="utf-8")
    # A folder of the site's named like the prefix Material's own templates are found under: never drawn.
    shadow = site.root / "overrides" / "bangvang-material" / "partials"
    shadow.mkdir(parents=True)
    (shadow / "nav.html").write_text("SHADOWED", encoding="utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8"
    )
    run = site.build()
    assert run.code == 0, run.output
    assert not started[0].enabled
    assert not any("SHADOWED" in path.read_text("utf-8") for path in site.out.rglob("*.html"))
    articles = sorted((site.out / "tin-tuc").glob("20*/*/index.html"))[:3]
    assert len(articles) == 3
    for path in articles:
        html = path.read_text("utf-8")
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        assert title is not None
        shown = re.findall(r'<li class="probe">[^<]*? / ([^<]*)</li>', html)
        assert shown and set(shown) == {shown[0]}
        assert shown[0].strip() in html[title.start() :]  # each page's own title, not the first page's


def test_a_preview_draws_the_parts_again_when_the_navigation_changed(tmp_path: Path) -> None:
    site = copy_example(tmp_path / "example")
    previewing = Preview(site, tmp_path / "preview")
    try:
        previewing.build()
        config = site.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "  - Giới thiệu: gioi-thieu.md" in text
        config.write_text(text.replace("  - Giới thiệu: gioi-thieu.md", "  - Về Hội: gioi-thieu.md"), encoding="utf-8")
        previewing.build()
    finally:
        previewing.close()
    pages = _pages(previewing.site_dir)
    assert len(pages) > 100
    # The old title was only in the tabs and the navigation (the page's own text says it too).
    stale = [path for path in pages if "Giới thiệu" in path.read_text("utf-8") and path.parent.name != "gioi-thieu"]
    assert stale == []
    assert all("Về Hội" in path.read_text("utf-8") for path in pages)
