"""The page inventory: one list of what the build generates, held against what it wrote and the editor's files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config import load_config

from bangvang.core.inventory import GeneratedPage, HonourSectionPage
from bangvang.core.layout import SiteLayout
from bangvang.core.linkcheck import dest_path
from bangvang.core.settings import SiteSettings
from bangvang.core.site import load_site, site_inventory
from bangvang.mkdocs_plugin import honours_cache
from bangvang.mkdocs_plugin.plugin import settings_from
from conftest import Site
from test_honours_build import roll, row

REUSED = "không đổi từ lần dựng trước"
RESERVED = "đường dẫn này dành cho các trang do Bảng Vàng tạo"


def settings_and_split(site: Site) -> tuple[SiteSettings, int]:
    config = load_config(str(site.root / "mkdocs.yml"))
    plugin = config.plugins["bangvang"]
    return settings_from(config, plugin.config), plugin.config.split_over  # type: ignore[attr-defined]


def inventory_pages(site: Site) -> dict[str, GeneratedPage]:
    settings, split_over = settings_and_split(site)
    source = load_site(settings)
    assert not source.has_errors, source.problems
    return site_inventory(source, settings, split_over).pages


def test_inventory_lists_exactly_the_generated_pages_the_build_wrote(built_example: Site) -> None:
    settings, split_over = settings_and_split(built_example)
    source = load_site(settings)
    inventory = site_inventory(source, settings, split_over)
    written = {p.relative_to(built_example.out).as_posix() for p in built_example.out.rglob("*.html")}
    editor = {
        dest_path(p.relative_to(built_example.content).as_posix(), settings.directory_urls)
        for p in built_example.content.rglob("*.md")
    } - {dest_path(src, True) for src in source.drafts}
    listed = {page.output for page in inventory.pages.values()}
    assert len(listed) == len(inventory.pages)  # one file per page
    assert listed.isdisjoint(editor)
    # No generated HTML page the inventory does not list (404.html is Material's), and none listed but unwritten;
    # the redirects at old place addresses are HTML files, listed as files.
    redirects = {item.path for item in inventory.files if item.kind == "redirect"}
    assert redirects and redirects.isdisjoint(listed)
    assert written - editor - {"404.html"} - redirects == listed
    kinds = {page.kind for page in inventory.pages.values()}
    assert {"news-list", "news-overview", "registry-index", "search", "index", "stats", "lookup"} <= kinds
    assert {"decision", "province", "place", "title", "period", "groups", "places", "exports"} <= kinds
    for item in inventory.files:
        path = built_example.out / item.path
        assert path.is_dir() if item.folder else path.is_file(), item
    kinds = {"feed", "robots", "export", "manifest", "name-index", "redirect"}  # the example names former communes
    assert {item.kind for item in inventory.files} == kinds
    # And the other way: every file the honour section and the news section wrote is listed.
    files = {item.path for item in inventory.files if not item.folder}
    folders = tuple(item.path + "/" for item in inventory.files if item.folder)
    layout = settings.layout
    for path in [*(built_example.out / layout.honours).rglob("*"), *(built_example.out / layout.news).rglob("*")]:
        rel = path.relative_to(built_example.out).as_posix()
        from_editor = rel in editor or (built_example.content / rel).is_file()
        if path.is_file() and not rel.startswith(folders) and not from_editor:
            assert rel in listed or rel in files, f"{rel} was written but the inventory does not list it"


def test_each_page_renders_from_its_own_typed_context(built_example: Site) -> None:
    pages = inventory_pages(built_example)
    stats = next(page for page in pages.values() if page.kind == "stats")
    assert isinstance(stats.context, HonourSectionPage)
    entries = stats.context.honour.summary.entries  # type: ignore[union-attr]
    assert f"{entries:,}".replace(",", ".") in built_example.html(stats.url)
    listing = pages["tin-tuc/index.md"]
    for article in listing.context.listing.articles:  # type: ignore[attr-defined]
        assert article.title in built_example.html(listing.url)


@pytest.mark.parametrize(
    "rel",
    [
        "tim-kiem/index.md",
        "vinh-danh/thong-ke/index.md",
        "vinh-danh/anh/logo.png",
        "vinh-danh/du-lieu/manifest.json",
        "tin-tuc/rss.xml",
        "van-ban/index.md",
        "tin-tuc/the/index.md",
        "pagefind/pagefind.js",
    ],
)
def test_an_editor_file_at_a_generated_address_is_a_located_error_in_check_and_build(site: Site, rel: str) -> None:
    """tim-kiem/index.md was silently replaced by the search page; a static file under vinh-danh/ or
    tin-tuc/rss.xml was silently written over, and the strict build said nothing."""
    path = site.content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: Của tôi\n---\n\n# Của biên tập viên\n", encoding="utf-8")
    check = site.check()
    assert check.code == 1
    assert f"content/{rel}:1: {RESERVED}" in check.output
    build = site.build()
    assert build.code == 1
    assert f"content/{rel}:1: {RESERVED}" in build.output
    assert not site.out.exists()


def test_the_collision_message_names_what_would_write_there(site: Site) -> None:
    site.write("tim-kiem/index.md", "# Tìm\n")
    (site.content / "tin-tuc").mkdir()
    (site.content / "tin-tuc" / "rss.xml").write_text("<rss/>", encoding="utf-8")
    check = site.check()
    assert "content/tim-kiem/index.md:1: " + RESERVED + " (trang “Tìm kiếm” được ghi ra cùng địa chỉ" in check.output
    assert "content/tin-tuc/rss.xml:1: " + RESERVED + " (tệp tin-tuc/rss.xml được ghi ra" in check.output


def test_a_cache_hit_never_writes_over_an_editor_file(site: Site) -> None:
    """On a cache hit the honour files were copied over an editor's vinh-danh/thong-ke/index.md."""
    roll(site, "lai", "8/QĐ-UBND", [row(1, "Gia đình ông Lê Văn An")])
    assert site.build().code == 0
    good = site.html("vinh-danh/thong-ke/")
    site.write("vinh-danh/thong-ke/index.md", "---\ntitle: Thống kê của tôi\n---\n\n# Của tôi\n")
    build = site.build()
    assert build.code == 1
    assert REUSED not in build.output or RESERVED in build.output
    assert "content/vinh-danh/thong-ke/index.md:1: " + RESERVED in build.output
    assert site.html("vinh-danh/thong-ke/") == good  # the last good site stays whole
    (site.content / "vinh-danh" / "thong-ke" / "index.md").unlink()
    rebuilt = site.build()
    assert rebuilt.code == 0 and REUSED in rebuilt.output
    assert site.html("vinh-danh/thong-ke/") == good


def test_restoring_the_cache_refuses_to_replace_a_file(tmp_path: Path) -> None:
    site_dir, cache_dir = tmp_path / "site", tmp_path / "cache"
    (site_dir / "vinh-danh").mkdir(parents=True)
    (site_dir / "vinh-danh" / "a.html").write_text("bản dựng", encoding="utf-8")
    honours_cache.store(cache_dir, "k", site_dir, None, [], set(), SiteLayout())  # type: ignore[arg-type]
    section = honours_cache.probe(cache_dir, "k")
    assert section is not None
    fresh = tmp_path / "fresh"
    (fresh / "vinh-danh").mkdir(parents=True)
    (fresh / "vinh-danh" / "a.html").write_text("của biên tập viên", encoding="utf-8")
    with pytest.raises(FileExistsError) as refused:
        honours_cache.restore(section, fresh)
    assert refused.value.filename == str(fresh / "vinh-danh" / "a.html")  # the build's message names it
    assert (fresh / "vinh-danh" / "a.html").read_text(encoding="utf-8") == "của biên tập viên"
    shutil.rmtree(fresh / "vinh-danh")
    assert honours_cache.restore(section, fresh) == 1


def test_the_honour_section_folder_is_an_option(make_site: Callable[..., Site]) -> None:
    site = make_site("khac", plugin={"honours_section": "bang-vang"})
    roll(site, "lai", "8/QĐ-UBND", [row(1, "Gia đình ông Lê Văn An")])
    run = site.build()
    assert run.code == 0, run.output
    assert not (site.out / "vinh-danh").exists()
    decision = site.html("bang-vang/quyet-dinh/lai/")
    assert "Lê Văn An" in decision
    assert 'href="../../du-lieu/lai.csv"' in decision or "bang-vang/du-lieu/lai.csv" in decision
    assert (site.out / "bang-vang" / "du-lieu" / "lai.csv").is_file()
    assert (site.out / "bang-vang" / "tra-cuu" / "chi-muc" / "meta.json").is_file()
    lookup = site.html("bang-vang/tra-cuu/")
    assert "chi-muc/" in lookup and "vinh-danh" not in lookup
    site.write("bang-vang/ghi-chu.md", "# Ghi chú\n")
    assert f"content/bang-vang/ghi-chu.md:1: {RESERVED}" in site.check().output
