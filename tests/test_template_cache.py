"""Compiled templates are kept from one build to the next (issue 14: preview in seconds, builds at the floor).

MkDocs makes a new template environment for every build, so a preview
compiled every template again on every save. A preview keeps them in memory,
a build in ``.cache/``; an edited template is compiled again and shows at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import Environment

from conftest import Site, copy_example
from test_preview_reuse import Preview

OVERRIDE = "partials/copyright.html"


def _custom_dir(site: Site, text: str) -> None:
    """Give the site a ``custom_dir`` overriding the footer's copyright partial with ``text``."""
    overrides = site.root / "overrides"
    (overrides / "partials").mkdir(parents=True, exist_ok=True)
    (overrides / OVERRIDE).write_text(text, encoding="utf-8")
    config = site.root / "mkdocs.yml"
    config_text = config.read_text(encoding="utf-8")
    if "custom_dir: overrides" not in config_text:
        config.write_text(config_text.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8")


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates compiled (from their source) in this process."""
    names: list[str] = []
    compile_template = Environment.compile

    def counted(env: Environment, source: object, name: str | None = None, *args: object, **kwargs: object) -> object:
        names.append(name or "")
        return compile_template(env, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", counted)
    yield names


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_a_previews_next_build_compiles_only_the_template_edited(tmp_path: Path, compiled: list[str]) -> None:
    site = copy_example(tmp_path / "example")
    _custom_dir(site, '<div class="md-copyright">Bản quyền thử, lần một</div>\n')
    preview = Preview(site, tmp_path / "preview")
    try:
        preview.build()
        preview.settle()
        assert "main.html" in compiled and OVERRIDE in compiled
        compiled.clear()
        preview.build()
        preview.settle()
        assert compiled == []
        _custom_dir(site, '<div class="md-copyright">Bản quyền thử, lần hai</div>\n')
        preview.build()
        preview.settle()
        assert compiled == [OVERRIDE]
        home = (tmp_path / "preview" / "index.html").read_text(encoding="utf-8")
        assert "lần hai" in home and "lần một" not in home
    finally:
        preview.close()


def test_a_build_takes_its_compiled_templates_from_the_cache_and_writes_the_same_site(
    tmp_path: Path, compiled: list[str]
) -> None:
    site = copy_example(tmp_path / "example")
    _custom_dir(site, '<div class="md-copyright">Bản quyền thử, lần một</div>\n')
    first = site.build()
    assert first.code == 0, first.output
    assert "main.html" in compiled and any((site.root / ".cache" / "bangvang" / "jinja").iterdir())
    written = _files(site.out)
    compiled.clear()
    second = site.build()
    assert second.code == 0, second.output
    assert compiled == []
    assert _files(site.out) == written
    _custom_dir(site, '<div class="md-copyright">Bản quyền thử, lần hai</div>\n')
    third = site.build()
    assert third.code == 0, third.output
    assert compiled == [OVERRIDE]
    assert "lần hai" in site.html("")
