"""On two cores, a forked process reads part of the content's pages: the site read is the one a single process reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bangvang.core import frontmatter, reading_apart
from bangvang.core import site as site_module
from bangvang.core.site import SiteSource, load_site
from conftest import Site, copy_example, settings_for


def _hostile_site(root: Path) -> Site:
    """The example site, with pages in the other process's part that must be refused as one process refuses them."""
    site = copy_example(root)
    for number in range(40):
        site.write(
            f"tin-tuc/2026/bai-thu-{number:02}.md",
            f"""\
            ---
            title: Bài thử số {number:02}
            date: 2026-03-{number % 28 + 1:02}
            category: "Hội nghị - Sự kiện"
            ---
            Bài thử số {number:02} nhắc Chỉ thị 11-CT/TW.
            """,
        )
    site.write("van-ban/zz-hong.md", "---\ntitle: [\n---\nNội dung.\n")
    (site.content / "van-ban" / "zz-latin1.md").write_bytes("---\ntitle: Hà Nội\n---\n".encode("latin-1", "replace"))
    (site.content / "van-ban" / "zz-cp1258.md").write_bytes(b"---\ntitle: H\xe0 N\xf4\xf2i\n---\n")
    return site


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the pages whose front matter this process parses (a forked process counts its own, apart)."""
    parsed: list[str] = []
    parse: Callable[[str], Any] = frontmatter.parse

    def counting(text: str) -> Any:
        parsed.append(text)
        return parse(text)

    monkeypatch.setattr(site_module.frontmatter, "parse", counting)
    return parsed


def _read(site: Site, workers: int) -> SiteSource:
    return load_site(settings_for(site, workers=workers), read_honours=False)


def _read_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Site, SiteSource, int, list[str]]:
    """Read the hostile site in one process; return it, its reading, how many pages it parsed, the count to come."""
    monkeypatch.setattr(reading_apart, "SPLIT_FROM", 2)
    site = _hostile_site(tmp_path / "site")
    parsed = _counted(monkeypatch)
    alone = _read(site, 1)
    alone_parsed = len(parsed)
    parsed.clear()
    return site, alone, alone_parsed, parsed


def _articles_in(parsed: list[str]) -> set[int]:
    """The numbers of the added articles among the texts parsed."""
    return {number for number in range(40) if any(f"Bài thử số {number:02}" in text for text in parsed)}


def test_pages_read_apart_are_the_site_one_process_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, alone, alone_parsed, parsed = _read_alone(tmp_path, monkeypatch)
    together = _read(site, 2)

    assert together == alone
    messages = "\n".join(str(problem) for problem in together.problems)
    assert "zz-hong.md" in messages and "zz-cp1258.md" in messages and "UTF-8" in messages
    assert any(together.citations.cites.values()), "the example's mentions were resolved"
    assert any(body for _, body in together.citations.linked.values()), "and linked in the bodies MkDocs gets"
    # This process parsed its own part and the directives: the other read the rest of the articles.
    assert len(_articles_in(parsed)) <= 30
    assert len(parsed) < alone_parsed


def test_a_failed_reader_leaves_this_process_to_read_it_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, alone, alone_parsed, parsed = _read_alone(tmp_path, monkeypatch)

    def fail() -> Any:
        raise MemoryError("the reader died")

    monkeypatch.setattr(reading_apart, "_run", fail)
    assert _read(site, 2) == alone
    assert _articles_in(parsed) == set(range(40))
    assert len(parsed) > alone_parsed


def test_a_page_read_once_is_not_read_from_the_disk_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page is read from the disk once, by one of the two processes: the reading in order takes its text."""
    site, alone, _, _ = _read_alone(tmp_path, monkeypatch)
    read: list[Path] = []
    read_text: Callable[[Path], str] = site_module._read_text

    def counting(path: Path) -> str:
        read.append(path)
        return read_text(path)

    monkeypatch.setattr(site_module, "_read_text", counting)
    assert _read(site, 2) == alone
    # Only the pages neither process could read are read again, in order, where their problem is told.
    readable = [path for path in read if not path.name.startswith(("zz-latin1", "zz-cp1258"))]
    assert len(readable) == len(set(readable)), "a page read twice by this process"
    mine = {number for number in range(40) if any(path.name == f"bai-thu-{number:02}.md" for path in read)}
    assert 0 < len(mine) <= 30, "this process read the other's part too"
