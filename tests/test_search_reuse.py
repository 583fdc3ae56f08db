"""A build takes the published search index, and Pagefind writes only what changed (issue 14: builds at the floor).

The index then holds what a clean build of the same content writes, byte for
byte; files the last index no longer uses are gone, and nothing but regular
files of the published index is ever taken.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

from conftest import Site, blank_site
from test_search_index_cut import _index


def _inodes(root: Path) -> dict[str, int]:
    folder = root / "site" / "pagefind" / "fragment"
    return {path.name: path.stat().st_ino for path in folder.iterdir()}


def _news_site(root: Path) -> Site:
    made = blank_site(root)
    for number in range(6):
        made.article(2024, f"bai-{number}", title=f"Đoàn xã số {number} đạt danh hiệu", body=f"Nội dung {number}.\n")
    return made


def _clean_index(site: Site, root: Path) -> dict[str, bytes]:
    """Build the same content in a new folder (no last index there) and return its index."""
    root.mkdir()
    shutil.copytree(site.content, root / "content")
    shutil.copy(site.root / "mkdocs.yml", root / "mkdocs.yml")
    run = Site(root).build()
    assert run.code == 0, run.output
    return _index(root / "site")


def _linked_elsewhere(site: Site) -> list[Path]:
    """The published index's files with a link from anywhere but the cache (the site the last build replaced)."""
    cached = Counter(path.stat().st_ino for path in (site.root / ".cache").rglob("*") if path.is_file())
    published = site.root / "site" / "pagefind"
    return [
        path
        for path in published.rglob("*")
        if path.is_file() and not path.is_symlink() and path.stat().st_nlink != 1 + cached[path.stat().st_ino]
    ]


def _build(site: Site) -> None:
    run = site.build()
    assert run.code == 0, run.output


def test_a_build_writes_only_the_changed_index_files_and_ends_as_a_clean_build(tmp_path: Path) -> None:
    site = _news_site(tmp_path / "site")
    _build(site)
    first = _inodes(site.root)
    site.article(2024, "bai-1", title="Đoàn xã số 1 đổi tên", body="Nội dung 1.\n")
    (site.content / "tin-tuc" / "2024" / "bai-2.md").unlink()
    site.article(2024, "bai-moi", title="Bài mới", body="Nội dung mới.\n")
    _build(site)
    assert _index(site.out) == _clean_index(site, tmp_path / "clean")
    now = _inodes(site.root)
    kept = [name for name, inode in now.items() if first.get(name) == inode]
    # The four unchanged articles: their fragments are the very files the first build wrote.
    assert len(kept) >= 4
    assert len(now) == len(first)  # one article gone, one new
    assert len(set(first) - set(now)) >= 2  # the removed article's and the renamed one's fragments are gone
    assert _linked_elsewhere(site) == []


def test_nothing_but_the_published_index_s_own_files_is_taken(tmp_path: Path) -> None:
    site = _news_site(tmp_path / "site")
    _build(site)
    published = site.root / "site" / "pagefind"
    first = _inodes(site.root)
    secret = tmp_path / "secret.txt"
    secret.write_text("bí mật", encoding="utf-8")
    linked, hard = sorted((published / "fragment").iterdir())[:2]
    linked.unlink()
    linked.symlink_to(secret)  # a symbolic link at a name the index uses
    hard.unlink()
    os.link(secret, hard)  # a hard link at a name the index uses
    (published / "pagefind.js").unlink()
    (published / "pagefind.js").symlink_to(secret)  # Pagefind writes this one again: it would write through a link
    (published / "ghi-chu.txt").write_text("tệp lạ", encoding="utf-8")
    _build(site)
    assert secret.read_text(encoding="utf-8") == "bí mật"
    published = site.root / "site" / "pagefind"
    assert [path for path in published.rglob("*") if path.is_symlink()] == []
    assert _linked_elsewhere(site) == []
    assert _index(site.out) == _clean_index(site, tmp_path / "clean")
    now = _inodes(site.root)
    assert now[linked.name] != first[linked.name] and now[hard.name] != first[hard.name]
    assert sum(now[name] == first[name] for name in now) == len(now) - 2  # the others were taken


def test_an_index_of_another_pagefind_version_is_not_taken(tmp_path: Path) -> None:
    site = _news_site(tmp_path / "site")
    _build(site)
    first = _inodes(site.root)
    entry = site.root / "site" / "pagefind" / "pagefind-entry.json"
    said = json.loads(entry.read_text(encoding="utf-8"))
    said["version"] = "0.0.1"
    entry.write_text(json.dumps(said), encoding="utf-8")
    _build(site)
    assert [name for name, inode in _inodes(site.root).items() if first.get(name) == inode] == []
    assert _index(site.out) == _clean_index(site, tmp_path / "clean")


def test_without_the_cache_every_index_file_is_written_anew(tmp_path: Path) -> None:
    site = blank_site(tmp_path / "site", plugin={"cache": False})
    site.article(2024, "bai-0", title="Bài một")
    _build(site)
    first = _inodes(site.root)
    _build(site)
    assert [name for name, inode in _inodes(site.root).items() if first.get(name) == inode] == []
