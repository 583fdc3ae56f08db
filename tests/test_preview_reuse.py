"""``mkdocs serve`` rebuilds only what changed, and shows nothing stale (issue 14).

The rebuilds run MkDocs' own build the way ``mkdocs serve`` calls it: one
plugin instance across builds (MkDocs keeps it), a fresh configuration each
time, the same output folder. The folder they leave is held against a clean
``mkdocs build`` of the same content, byte for byte (Pagefind's index aside).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import filecmp
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page

from bangvang.core import hosting, links
from bangvang.core.articles import Article
from bangvang.core.honours import plan as plan_module
from bangvang.core.honours import reader as reader_module
from bangvang.core.honours import rolls as rolls_module
from bangvang.core.honours.pages import PlaceContext
from bangvang.core.honours.plan import PlanMemo, plan_honours
from bangvang.core.honours.rolls import Rolls, RollsMemo, load_rolls
from bangvang.core.settings import SiteSettings
from bangvang.core.site import ReadMemo, SiteSource, load_site
from bangvang.mkdocs_plugin.honours_cache import FileHashes
from bangvang.mkdocs_plugin.plugin import BangVangPlugin
from bangvang.mkdocs_plugin.reuse import BlankPage, ShownTexts
from conftest import Site, _forget_plugin_instances, build_in_process, copy_example, settings_for

ARTICLE = "tin-tuc/2023/hoi-khuyen-hoc-viet-nam-danh-gia-cong-tac-phoi-hop-voi-cac-ban-bo-nganh.md"
OTHER = "tin-tuc/2020/ha-tinh-co-309-845-gia-dinh-hoc-tap-4-313-dong-ho-hoc-tap.md"  # not a neighbour of ARTICLE
GONE = "tin-tuc/2024/bai-se-xoa.md"
"""Written before the first preview, removed before a later one: its page must go."""
NEW_TITLE = "Tiêu đề mới hoàn toàn của bài đánh giá phối hợp"


class Preview:
    """The rebuild path of ``mkdocs serve``, in this process, into ``site_dir``."""

    def __init__(self, site: Site, site_dir: Path) -> None:
        _forget_plugin_instances()
        self.config_file = str(site.root / "mkdocs.yml")
        self.site_dir = site_dir
        self.plugin: BangVangPlugin | None = None

    def build(self) -> BangVangPlugin:
        config = load_config(config_file=self.config_file, site_dir=str(self.site_dir))
        if self.plugin is None:
            config.plugins.on_startup(command="serve", dirty=False)
        plugin = config.plugins["bangvang"]
        assert isinstance(plugin, BangVangPlugin)
        assert self.plugin is None or plugin is self.plugin, "MkDocs did not keep the plugin across rebuilds"
        self.plugin = plugin
        mkdocs_build.build(config, serve_url=config.site_url)
        return plugin

    def settle(self) -> None:
        """Wait for what the last preview writes after its pages (the honour section's index and files)."""
        if self.plugin is not None:
            self.plugin.later.wait()

    def close(self) -> None:
        if self.plugin is not None:
            self.plugin.on_shutdown()
        _forget_plugin_instances()


@pytest.fixture
def preview(tmp_path: Path) -> tuple[Site, Preview]:
    site = copy_example(tmp_path / "example")
    previewing = Preview(site, tmp_path / "preview")
    yield site, previewing
    previewing.close()


def retitle(site: Site, src_uri: str, title: str) -> str:
    """Give an article a new title in its front matter; return the old one."""
    path = site.content / src_uri
    text = path.read_text(encoding="utf-8")
    old = re.search(r"(?m)^title: (.*)$", text)
    assert old is not None
    path.write_text(text.replace(old.group(0), f"title: {title}", 1), encoding="utf-8")
    return old.group(1).strip().strip("\"'")


def page(folder: Path, src_uri: str) -> str:
    return (folder / src_uri.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def differences(left: Path, right: Path, skip: set[str]) -> list[str]:
    """Every path that is only on one side, or differs in bytes, below the two folders (``skip`` aside)."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only if prefix + name not in skip)
        for name in compared.common_files:
            if not filecmp.cmp(Path(compared.left) / name, Path(compared.right) / name, shallow=False):
                found.append(prefix + name)
        for name, sub in compared.subdirs.items():
            if prefix + name not in skip:
                walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(left, right), "")
    return found


def test_a_new_title_shows_on_the_article_its_listings_and_the_feed(preview: tuple[Site, Preview]) -> None:
    site, previewing = preview
    previewing.build()
    old = retitle(site, ARTICLE, NEW_TITLE)
    previewing.build()
    out = previewing.site_dir
    article = page(out, ARTICLE)
    assert NEW_TITLE in article and old not in article
    category = next((out / "tin-tuc" / "chuyen-muc").glob("*/index.html"))
    listings = {
        "news list": (out / "tin-tuc" / "index.html").read_text(encoding="utf-8"),
        "home": (out / "index.html").read_text(encoding="utf-8"),
        "feed": (out / "tin-tuc" / "rss.xml").read_text(encoding="utf-8"),
        "category": "".join(p.read_text(encoding="utf-8") for p in (out / "tin-tuc" / "chuyen-muc").rglob("*.html")),
    }
    assert category.is_file()
    for name, text in listings.items():
        assert NEW_TITLE in text, name
        assert old not in text, name


def test_only_what_changed_is_rendered_again(preview: tuple[Site, Preview]) -> None:
    site, previewing = preview
    first = previewing.build()
    assert ARTICLE in first.reuse.rerendered and OTHER in first.reuse.rerendered  # nothing kept yet
    retitle(site, ARTICLE, NEW_TITLE)
    second = previewing.build()
    assert [uri for uri in second.reuse.reconverted if (site.content / uri).is_file()] == [ARTICLE]
    assert ARTICLE in second.reuse.rerendered
    assert OTHER not in second.reuse.rerendered and OTHER in second.reuse.reused
    assert "tin-tuc/index.md" in second.reuse.rerendered  # the list shows the title
    unchanged = previewing.build()
    assert unchanged.reuse.reconverted == [] and unchanged.reuse.rerendered == []


def test_a_directive_edited_renders_the_articles_citing_it_again(preview: tuple[Site, Preview]) -> None:
    site, previewing = preview
    previewing.build()
    directive = site.content / "van-ban" / "ket-luan-49-kl-tw.md"
    text = directive.read_text(encoding="utf-8")
    directive.write_text(
        re.sub(r"(?m)^subject: .*$", 'subject: "Nội dung trích yếu đổi để thử"', text), encoding="utf-8"
    )
    again = previewing.build()
    assert "van-ban/ket-luan-49-kl-tw.md" in again.reuse.rerendered  # (mentions are read anew: every page's Markdown)
    pages = [path.read_text(encoding="utf-8") for path in (previewing.site_dir / "tin-tuc").glob("20*/*/index.html")]
    citing = [text for text in pages if 'id="bv-related"' in text and "ket-luan-49-kl-tw/" in text]
    assert citing, "no article cites Kết luận 49-KL/TW"
    for text in citing:
        assert "Nội dung trích yếu đổi để thử" in text


@pytest.mark.parametrize("workers", [1, 2])
def test_rebuilds_leave_what_a_clean_build_writes(preview: tuple[Site, Preview], workers: int) -> None:
    site, previewing = preview
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^(\s+)host: ", rf"\1workers: {workers}\n\1host: ", text, count=1), encoding="utf-8")
    site.article(2024, "bai-se-xoa", title="Bài sẽ xóa")
    previewing.build()
    retitle(site, ARTICLE, NEW_TITLE)
    previewing.build()
    (site.content / GONE).unlink()
    site.article(2024, "bai-moi-them", title="Bài mới thêm vào")
    decision = site.root / "honours" / "215-qd-hkh.yaml"
    text = decision.read_text(encoding="utf-8")
    decision.write_text(text.replace("Hội Khuyến học xã Đạ Đờn", "Hội Khuyến học xã Đạ Đờn mới"), encoding="utf-8")
    previewing.build()
    assert "Hội Khuyến học xã Đạ Đờn mới" in (previewing.site_dir / "vinh-danh" / "quyet-dinh").joinpath(
        "215-qd-hkh", "index.html"
    ).read_text(encoding="utf-8")
    bad = site.article(2024, "bai-hong", title="")  # stops the rebuild: the next one starts afresh
    with pytest.raises(Abort):
        previewing.build()
    bad.unlink()
    previewing.build()
    previewing.settle()
    assert build_in_process(site.root / "mkdocs.yml").code == 0
    assert not (previewing.site_dir / GONE.removesuffix(".md")).exists()
    assert differences(previewing.site_dir, site.out, {"pagefind"}) == []


def test_rebuilds_without_a_failure_keep_the_folder_and_match_a_clean_build(
    preview: tuple[Site, Preview], tmp_path: Path
) -> None:
    site, previewing = preview
    site.article(2024, "bai-se-xoa", title="Bài sẽ xóa")
    previewing.build()
    assert (previewing.site_dir / GONE.removesuffix(".md")).is_dir()
    retitle(site, ARTICLE, NEW_TITLE)
    (site.content / GONE).unlink()
    site.article(2024, "bai-moi-them", title="Bài mới thêm vào")
    again = previewing.build()
    assert again.kept_site.kept  # the folder was kept, not written anew
    assert not (previewing.site_dir / GONE.removesuffix(".md")).exists()
    previewing.settle()
    assert build_in_process(site.root / "mkdocs.yml").code == 0
    assert differences(previewing.site_dir, site.out, {"pagefind"}) == []


def test_a_preview_looks_for_links_only_in_the_pages_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_example(tmp_path / "example")
    settings = settings_for(site)
    searched: list[int] = []
    find_links = links.find_links

    def counted(body: str, first_line: int, **kwargs: Any) -> Any:
        searched.append(first_line)
        return find_links(body, first_line, **kwargs)

    monkeypatch.setattr(links, "find_links", counted)
    memo = ReadMemo()
    first = load_site(settings, read_honours=False, memo=memo)
    pages = len(searched)
    assert pages > 10 and first.problems == []
    searched.clear()
    assert load_site(settings, read_honours=False, memo=memo).problems == []
    assert searched == []
    path = site.content / ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + "\n[Xem thêm](khong-co.md)\n", encoding="utf-8")
    again = load_site(settings, read_honours=False, memo=memo)
    assert len(searched) == 1
    assert [problem.message for problem in again.problems] == [
        "liên kết hỏng 'khong-co.md': không có tệp tin-tuc/2023/khong-co.md trong thư mục nội dung"
    ]


def _example_source(tmp_path: Path) -> tuple[SiteSettings, SiteSource]:
    """The example site's settings and its content read (the rolls left for the test to read)."""
    settings = settings_for(copy_example(tmp_path / "example"))
    return settings, load_site(settings, read_honours=False)


def _files_read(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[str]:
    """Patch ``module.name``, a reader whose first argument is a file's path: note each file's name it reads."""
    read: list[str] = []
    original = getattr(module, name)

    def counted(path: Path, *args: Any, **kwargs: Any) -> Any:
        read.append(path.name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return read


def test_a_preview_orders_and_groups_only_the_entries_it_has_not_seen_yet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Place pages list every entry in order; each entry's sort key is found once, while the entry lives on.
    settings, source = _example_source(tmp_path)
    rolls_memo, memo = RollsMemo(), PlanMemo()

    def planned() -> Any:
        rolls = load_rolls(
            settings.honours_dir, settings.root, source.registry, source.published, settings=settings, memo=rolls_memo
        )
        return plan_honours(rolls.decisions, settings, settings.split_over, memo=memo)

    ordered = _calls(monkeypatch, plan_module, "entry_order", lambda entry: entry.name)
    walked = _calls(monkeypatch, plan_module, "_walk", lambda decision: decision.slug)
    first = planned()
    entries = sum(len(decision.entries) for decision in first.decisions)
    assert len(ordered) == entries and len(walked) == len(first.decisions)
    ordered.clear()
    walked.clear()
    assert planned().pages.keys() == first.pages.keys() and ordered == [] and walked == []
    listing = settings.honours_dir / "1568-qd-ubnd.csv"
    listing.write_text(
        listing.read_text(encoding="utf-8").replace("Hoàng Thị Thanh", "Hoàng Thị Thanh Chân"), encoding="utf-8"
    )
    again = planned()
    changed = next(decision for decision in again.decisions if decision.slug == "1568-qd-ubnd")
    assert sorted(ordered) == sorted(entry.name for entry in changed.entries)  # that list was read anew
    assert walked == ["1568-qd-ubnd"]
    reference = plan_honours(again.decisions, settings, settings.split_over)  # no memo: every key found anew
    assert _place_rows(again) == _place_rows(reference)


def _calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str, note: Callable[[Any], str]) -> list[str]:
    """Patch ``module.name``, a function of one argument: note what ``note`` says of each argument it is called with."""
    noted: list[str] = []
    original = getattr(module, name)

    def counted(value: Any) -> Any:
        noted.append(note(value))
        return original(value)

    monkeypatch.setattr(module, name, counted)
    return noted


def _place_rows(plan: Any) -> dict[str, list[tuple[str, int]]]:
    """Each place page's rows in order, as decision and STT."""
    return {
        src_uri: [(decision.slug, entry.stt) for decision, entry in page.context.group.rows]
        for src_uri, page in plan.pages.items()
        if isinstance(page.context, PlaceContext)
    }


def test_a_decision_is_read_again_only_when_it_or_its_list_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, source = _example_source(tmp_path)
    read = _files_read(monkeypatch, rolls_module, "read_decision_file")
    memo = RollsMemo()

    def load(published: set[str]) -> Rolls:
        read.clear()
        return load_rolls(settings.honours_dir, settings.root, source.registry, published, settings=settings, memo=memo)

    first = load(source.published)
    assert sorted(read) == sorted(path.name for path in settings.honours_dir.glob("*.yaml"))
    again = load(source.published)
    assert read == [] and again.decisions == first.decisions and again.problems == first.problems
    listed = settings.honours_dir / "1568-qd-ubnd.csv"
    text = listed.read_text(encoding="utf-8")
    listed.write_text(text.replace("Hoàng Thị Thanh Châu", "Hoàng Thị Thanh Chân"), encoding="utf-8")
    changed = load(source.published)
    assert read == ["1568-qd-ubnd.yaml"]  # its list changed
    assert "Gia đình bà Hoàng Thị Thanh Chân" in {entry.name for d in changed.decisions for entry in d.entries}
    load(source.published - {next(iter(source.published))})
    assert len(read) == len(first.decisions)  # what every decision is checked against changed


def test_pages_of_front_matter_only_are_not_converted_and_come_out_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_example(tmp_path / "example")
    converted: list[str] = []
    original = Page.render

    def render(page: Page, config: Any, files: Any) -> None:
        converted.append(page.file.src_uri)
        original(page, config, files)

    monkeypatch.setattr(Page, "render", render)
    assert build_in_process(site.root / "mkdocs.yml").code == 0
    listing = "tin-tuc/chuyen-muc/van-ban-chi-dao/index.md"  # front matter only
    assert listing not in converted and ARTICLE in converted
    skipped = {path.relative_to(site.out).as_posix(): path.read_bytes() for path in site.out.rglob("*.html")}
    monkeypatch.setattr(BlankPage, "render", render)  # every page converted, as MkDocs does
    assert build_in_process(site.root / "mkdocs.yml").code == 0
    assert listing in converted
    every = {path.relative_to(site.out).as_posix(): path.read_bytes() for path in site.out.rglob("*.html")}
    assert every == skipped


def _article(title: str) -> Article:
    return Article(
        "tin-tuc/2024/bai.md",
        "tin-tuc/2024/bai/",
        "bai",
        title,
        dt.datetime(2024, 5, 10),
        "Tin",
        "tin",
        (),
        "",
        None,
        None,
        None,
        False,
    )


def test_an_article_that_lives_on_is_written_out_once_across_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    # An unchanged article is the same object in the next preview build: its text (part of every key of the
    # pages listing it) is kept; a changed article is a new object, written out anew.
    walked: list[str] = []
    real_written_out = ShownTexts._written_out

    def counted(self: ShownTexts, value: object, names: tuple[str, ...]) -> str:
        walked.append(type(value).__name__)
        return real_written_out(self, value, names)

    monkeypatch.setattr(ShownTexts, "_written_out", counted)
    texts = ShownTexts()
    kept, listing = _article("Bài cũ"), [_article("Bài khác")]
    texts.begin()
    first = texts.text([kept, *listing])
    assert walked.count("Article") == 2
    walked.clear()
    texts.begin()
    assert texts.text([kept, *listing]) == first
    assert walked == []
    changed = dataclasses.replace(kept, title="Bài cũ, tiêu đề mới")
    texts.begin()
    again = texts.text([changed, *listing])
    assert walked == ["Article"] and again != first


def test_a_preview_is_served_before_its_folder_is_measured_against_the_host(
    preview: tuple[Site, Preview], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The measure only warns in a preview: the build returns (MkDocs then serves the folder) while it runs.
    _, previewing = preview
    gate, measured = threading.Event(), []
    measure = hosting.measure

    def held(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(timeout=120), "the test never let the measure run"
        measured.append(args[0])
        return measure(*args, **kwargs)

    monkeypatch.setattr(hosting, "measure", held)
    try:
        previewing.build()
        assert measured == [] and (previewing.site_dir / "index.html").is_file()
    finally:
        gate.set()
    previewing.settle()
    assert measured == [previewing.site_dir]


def test_a_list_is_read_again_only_when_it_its_name_or_its_decisions_date_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A decision's YAML saved with a new title: its list (thousands of rows at a province's scale) is not read
    # again; the rows come out the same. A new signing date is read again: the places are checked against it.
    settings, source = _example_source(tmp_path)
    lists = _files_read(monkeypatch, reader_module, "read_csv")
    memo = RollsMemo()

    def load() -> Rolls:
        lists.clear()
        return load_rolls(
            settings.honours_dir, settings.root, source.registry, source.published, settings=settings, memo=memo
        )

    first = load()
    decision = settings.honours_dir / "1568-qd-ubnd.yaml"
    text = decision.read_text(encoding="utf-8")
    assert "1568-qd-ubnd.csv" in lists
    decision.write_text(re.sub(r"(?m)^title: .*$", 'title: "Gia đình học tập tiêu biểu"', text), encoding="utf-8")
    retitled = load()
    assert lists == []
    before = next(d for d in first.decisions if d.slug == "1568-qd-ubnd")
    after = next(d for d in retitled.decisions if d.slug == "1568-qd-ubnd")
    assert after.title == "Gia đình học tập tiêu biểu" and after.entries == before.entries
    assert retitled.problems == first.problems
    redated = re.sub(r"(?m)^signed: .*$", "signed: 2024-01-05", text)
    assert redated != text
    decision.write_text(redated, encoding="utf-8")
    load()
    assert lists == ["1568-qd-ubnd.csv"]


_COLLIDING = """\
number: "301/QĐ-HKH"
aliases: []
signed: 2024-07-01
issuer:
  name: "Hội Khuyến học tỉnh Lâm Đồng"
  level: hoi
form: giay_khen
period: "2024"
title: "Đơn vị học tập"
sample: true
entries:
  - stt: 1
    kind: tap_the
    name: "Chi hội Khuyến học thôn Một"
    commune: "Xã Da Don"
    district: "Huyện Lâm Hà"
    province: "Tỉnh Lâm Đồng"
"""
"""A decision listing a place whose address would be that of 215/QĐ-HKH's "Xã Đạ Đờn": both must change."""


def test_a_decision_is_planned_again_only_when_it_or_its_places_changed(preview: tuple[Site, Preview]) -> None:
    site, previewing = preview
    planning = previewing.build().plan_memo
    decisions = len(planning.planned)
    decision = site.root / "honours" / "215-qd-hkh.yaml"
    text = decision.read_text(encoding="utf-8")
    decision.write_text(text.replace("Hội Khuyến học xã Đạ Đờn", "Hội Khuyến học xã Đạ Đờn mới"), encoding="utf-8")
    previewing.build()
    assert planning.hits == decisions - 1  # every decision but the one saved
    page = previewing.site_dir / "vinh-danh" / "quyet-dinh" / "215-qd-hkh" / "index.html"
    before = page.read_text(encoding="utf-8")
    assert "Hội Khuyến học xã Đạ Đờn mới" in before
    (site.root / "honours" / "301-qd-hkh.yaml").write_text(_COLLIDING, encoding="utf-8")
    previewing.build()
    assert page.read_text(encoding="utf-8") != before, "the colliding place left 215/QĐ-HKH's page as it was"
    assert planning.hits == decisions - 1  # the new one planned, and 215/QĐ-HKH again: its place's address moved
    previewing.settle()
    assert build_in_process(site.root / "mkdocs.yml").code == 0
    assert differences(previewing.site_dir, site.out, {"pagefind"}) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_decision_saved_leaves_the_other_decisions_pages_as_they_were(
    preview: tuple[Site, Preview], workers: int
) -> None:
    site, previewing = preview
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^(\s+)host: ", rf"\1workers: {workers}\n\1host: ", text, count=1), encoding="utf-8")
    plugin = previewing.build()
    previewing.settle()
    folder = previewing.site_dir / "vinh-danh" / "quyet-dinh"
    other = folder / "1568-qd-ubnd" / "index.html"
    written = other.stat()
    decision = site.root / "honours" / "215-qd-hkh.yaml"
    text = decision.read_text(encoding="utf-8")
    decision.write_text(re.sub(r"(?m)^title: .*$", 'title: "Danh hiệu đặt lại để thử"', text), encoding="utf-8")
    previewing.build()
    taken = set(plugin.reuse.placed_again)
    assert "vinh-danh/quyet-dinh/1568-qd-ubnd/index.md" in taken
    assert not any("215-qd-hkh" in src_uri for src_uri in taken)
    again = other.stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)  # moved back, not written
    assert "Danh hiệu đặt lại để thử" in (folder / "215-qd-hkh" / "index.html").read_text(encoding="utf-8")
    previewing.settle()  # the manifest counts the pages taken as they were counted when written
    assert list(previewing.site_dir.parent.glob(".bangvang-held-*")) == []  # the old section's other files went
    assert build_in_process(site.root / "mkdocs.yml").code == 0
    assert differences(previewing.site_dir, site.out, {"pagefind"}) == []


def test_a_preview_that_reused_the_cached_section_reads_only_the_first_decision_saved(
    preview: tuple[Site, Preview], monkeypatch: pytest.MonkeyPatch
) -> None:
    site, previewing = preview
    assert build_in_process(site.root / "mkdocs.yml").code == 0  # the section's cache entry
    plugin = previewing.build()
    assert plugin.honours is not None and plugin.honours.cached is not None  # served from the cache
    previewing.settle()  # the rolls are read and planned after the preview is served
    read = _files_read(monkeypatch, rolls_module, "read_decision_file")
    decision = site.root / "honours" / "215-qd-hkh.yaml"
    text = decision.read_text(encoding="utf-8")
    decision.write_text(text.replace("Hội Khuyến học xã Đạ Đờn", "Hội Khuyến học xã Đạ Đờn mới"), encoding="utf-8")
    previewing.build()
    assert plugin.honours.cached is None
    assert read == ["215-qd-hkh.yaml"]
    assert plugin.plan_memo.hits == len(plugin.plan_memo.planned) - 1
    page = previewing.site_dir / "vinh-danh" / "quyet-dinh" / "215-qd-hkh" / "index.html"
    assert "Hội Khuyến học xã Đạ Đờn mới" in page.read_text(encoding="utf-8")
    previewing.settle()
    assert build_in_process(site.root / "mkdocs.yml").code == 0
    assert differences(previewing.site_dir, site.out, {"pagefind"}) == []


def test_a_list_saved_with_its_old_size_and_time_is_still_read_again(tmp_path: Path) -> None:
    # A preview hashes the section's files only when the file system says they changed; a list edited in
    # place to the same size, its modification time set back, still changed its change time.
    listing = tmp_path / "1568-qd-ubnd.csv"
    listing.write_text("stt,ten\n1,Nguyễn Văn An\n", encoding="utf-8")
    hashes = FileHashes()
    first = hashes.of(listing)
    assert hashes.of(listing) == first
    before = listing.stat()
    time.sleep(0.01)
    listing.write_text("stt,ten\n1,Nguyễn Văn Am\n", encoding="utf-8")
    assert listing.stat().st_size == before.st_size
    os.utime(listing, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert hashes.of(listing) != first


def test_a_list_saved_in_a_preview_makes_the_section_anew(preview: tuple[Site, Preview]) -> None:
    site, previewing = preview
    plugin = previewing.build()
    previewing.settle()
    assert plugin.honours is not None and plugin.honours.cached is None
    plugin = previewing.build()  # nothing changed: the section stored by the first preview is reused
    assert plugin.honours is not None and plugin.honours.cached is not None
    previewing.settle()
    listing = site.root / "honours" / "1568-qd-ubnd.csv"
    text = listing.read_text(encoding="utf-8")
    assert "Hoàng Thị Thanh" in text
    listing.write_text(text.replace("Hoàng Thị Thanh", "Hoàng Thị Thành"), encoding="utf-8")
    plugin = previewing.build()
    assert plugin.honours is not None and plugin.honours.cached is None
    page = previewing.site_dir / "vinh-danh" / "quyet-dinh" / "1568-qd-ubnd" / "index.html"
    assert "Hoàng Thị Thành" in page.read_text(encoding="utf-8")


def test_joining_a_place_s_spellings_leaves_a_kept_walk_as_it_was() -> None:
    # A decision's walk is kept for the next planning; a place printed in two spellings is joined in new lists.
    first, second = ("Tỉnh Hà Tĩnh", None, "Xã Can Lộc", True, None), ("Tỉnh Hà Tĩnh", None, "xã Can Lộc", True, None)
    by_place: dict[Any, list[Any]] = {first: [("d", 1)], second: [("d", 2)]}
    merged = plan_module._merge_places(by_place, {first: "Xã Can Lộc", second: "Xã Can Lộc"})
    assert merged == {"Xã Can Lộc": [("d", 1), ("d", 2)]}
    assert by_place == {first: [("d", 1)], second: [("d", 2)]}
