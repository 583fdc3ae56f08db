"""Pages written the same as the published ones are hard links to them (issue 14: builds at the floor)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import mkdocs.utils
import pytest

from bangvang.core.unchanged import PublishedFiles, own_files
from conftest import Site, configured_example, copy_example
from test_determinism import differences, tree

PAGE = "tin-tuc/2023/hoi-khuyen-hoc-viet-nam-danh-gia-cong-tac-phoi-hop-voi-cac-ban-bo-nganh/index.html"
"""An article of the example site."""


def _plain_write(content: bytes, output_path: str) -> None:
    Path(output_path).parent.mkdir(parents=True, exist_ok=True)
    Path(output_path).write_bytes(content)


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    published, staging = tmp_path / "site", tmp_path / ".bangvang-staging-1-ab"
    (published / "a").mkdir(parents=True)
    staging.mkdir()
    return published, staging


def _written(files: PublishedFiles, staging: Path, rel: str, content: bytes) -> Path:
    files.write(content, str(staging / rel), _plain_write)
    return staging / rel


def test_a_page_written_the_same_is_linked_and_a_changed_one_written(tmp_path: Path) -> None:
    published, staging = _folders(tmp_path)
    (published / "a" / "index.html").write_bytes(b"<p>same</p>")
    (published / "b.html").write_bytes(b"<p>old</p>")
    files = PublishedFiles(published, staging)
    same = _written(files, staging, "a/index.html", b"<p>same</p>")
    changed = _written(files, staging, "b.html", b"<p>new</p>")
    new = _written(files, staging, "c/index.html", b"<p>same</p>")
    assert same.stat().st_ino == (published / "a" / "index.html").stat().st_ino
    assert changed.read_bytes() == b"<p>new</p>" and changed.stat().st_nlink == 1
    assert (published / "b.html").read_bytes() == b"<p>old</p>"
    assert new.read_bytes() == b"<p>same</p>" and new.stat().st_nlink == 1
    assert files.linked == 1


def test_a_linked_page_written_again_leaves_the_published_file_as_it_was(tmp_path: Path) -> None:
    published, staging = _folders(tmp_path)
    (published / "a" / "index.html").write_bytes(b"<p>same</p>")
    files = PublishedFiles(published, staging)
    _written(files, staging, "a/index.html", b"<p>same</p>")
    again = _written(files, staging, "a/index.html", b"<p>written again</p>")
    assert again.read_bytes() == b"<p>written again</p>"
    assert (published / "a" / "index.html").read_bytes() == b"<p>same</p>"
    assert (published / "a" / "index.html").stat().st_nlink == 1


def test_only_the_sites_own_files_are_linked(tmp_path: Path) -> None:
    published, staging = _folders(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_bytes(b"<p>same</p>")
    (published / "linked-folder").symlink_to(outside)  # a folder of the site that is a symbolic link
    (published / "linked-file.html").symlink_to(outside / "index.html")
    (published / "a" / "index.html").write_bytes(b"<p>same</p>")
    os.link(published / "a" / "index.html", tmp_path / "elsewhere.html")  # a file with another link
    assert own_files(published) == {}
    files = PublishedFiles(published, staging)
    for rel in ("linked-folder/index.html", "linked-file.html", "a/index.html"):
        written = _written(files, staging, rel, b"<p>same</p>")
        assert written.stat().st_nlink == 1, rel
    assert files.linked == 0
    assert (outside / "index.html").stat().st_nlink == 1


def test_a_file_made_a_symbolic_link_after_the_listing_is_not_followed(tmp_path: Path) -> None:
    published, staging = _folders(tmp_path)
    page = published / "a" / "index.html"
    page.write_bytes(b"<p>same</p>")
    files = PublishedFiles(published, staging)
    files.wait()
    outside = tmp_path / "outside.html"
    outside.write_bytes(b"<p>same</p>")
    page.unlink()
    page.symlink_to(outside)
    written = _written(files, staging, "a/index.html", b"<p>same</p>")
    assert written.stat().st_nlink == 1 and outside.stat().st_nlink == 1
    assert files.linked == 0


def test_a_path_outside_the_staging_folder_is_written_as_mkdocs_writes_it(tmp_path: Path) -> None:
    published, staging = _folders(tmp_path)
    (published / "a" / "index.html").write_bytes(b"<p>same</p>")
    files = PublishedFiles(published, staging)
    other = tmp_path / "other" / "a" / "index.html"
    files.write(b"<p>same</p>", str(other), _plain_write)
    assert other.read_bytes() == b"<p>same</p>" and other.stat().st_nlink == 1


def _inodes(folder: Path) -> dict[str, int]:
    """The inode of each news and registry page (the honour pages may be the cache's, linked again each build)."""
    pages = [*(folder / "tin-tuc").rglob("*.html"), *(folder / "van-ban").rglob("*.html")]
    return {path.relative_to(folder).as_posix(): path.stat().st_ino for path in pages}


def _other_links(site: Site) -> list[str]:
    """The site's files linked from anywhere but the cache: the honour section's, or the site the build replaced."""
    cached = Counter(path.stat().st_ino for path in (site.root / ".cache").rglob("*") if path.is_file())
    return [
        path.relative_to(site.out).as_posix()
        for path in site.out.rglob("*")
        if path.is_file() and path.stat().st_nlink != 1 + cached[path.stat().st_ino]
    ]


def test_a_rebuild_links_the_pages_that_did_not_change_and_equals_a_clean_build(tmp_path: Path) -> None:
    site = copy_example(tmp_path / "example")
    assert site.build().code == 0
    first = _inodes(site.out)
    path = site.content / PAGE.replace("/index.html", ".md")
    path.write_text(path.read_text(encoding="utf-8").replace('title: "', 'title: "Đã sửa — ', 1), encoding="utf-8")
    assert site.build().code == 0
    assert mkdocs.utils.write_file.__module__ == "mkdocs.utils"  # MkDocs' own again once the build ended
    again = _inodes(site.out)
    kept = {rel for rel, inode in again.items() if first.get(rel) == inode}
    assert PAGE not in kept and "Đã sửa" in site.html(PAGE.removesuffix("index.html"))
    assert "tin-tuc/index.html" not in kept  # the news list shows the new title
    assert len(kept) > len(again) // 2, f"{len(kept)} of {len(again)} pages kept"
    assert _other_links(site) == []  # the old site's links went with it (into the cache, for the next build)
    assert site.build().code == 0
    kept_again = {rel for rel, inode in _inodes(site.out).items() if again.get(rel) == inode}
    assert len(kept_again) == len(again), "the next build links every page, once the replaced site is removed"
    clean = copy_example(tmp_path / "clean")
    (clean.content / PAGE.replace("/index.html", ".md")).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert clean.build().code == 0
    assert differences(tree(clean.out), tree(site.out)) == ""


def test_a_failed_rebuild_leaves_the_published_pages_with_one_link(tmp_path: Path) -> None:
    site = copy_example(tmp_path / "example")
    assert site.build().code == 0
    good = tree(site.out)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_templates: [khong-co.html]\n", encoding="utf-8")
    assert site.build().code == 1
    assert mkdocs.utils.write_file.__module__ == "mkdocs.utils"
    assert differences(good, tree(site.out)) == ""
    assert _other_links(site) == []  # the staging folder's links went with it


@pytest.mark.parametrize("cache", [True, False])
def test_cache_false_writes_every_page_anew(tmp_path: Path, cache: bool) -> None:
    site: Site = configured_example(tmp_path / "example", cache=cache)
    assert site.build().code == 0
    first = _inodes(site.out)
    assert site.build().code == 0
    kept = [rel for rel, inode in _inodes(site.out).items() if first.get(rel) == inode]
    assert bool(kept) is cache


def test_the_published_files_are_listed_once_their_second_link_is_gone(tmp_path: Path) -> None:
    """A build lists the published files once the site the last build replaced is removed, not before."""
    published, staging = _folders(tmp_path)
    page = published / "a" / "index.html"
    page.write_bytes(b"<p>same</p>")
    retired = tmp_path / "retired.html"
    os.link(page, retired)  # the replaced site's copy, which the sweep removes

    def settle() -> None:
        retired.unlink()

    files = PublishedFiles(published, staging, settle)
    linked = _written(files, staging, "a/index.html", b"<p>same</p>")
    assert linked.stat().st_ino == page.stat().st_ino and files.linked == 1
