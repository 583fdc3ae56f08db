"""The same input gives the same site, byte for byte (issue 8, point 14), and the honour cache sees every input (7)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bangvang.core.layout import SiteLayout
from bangvang.mkdocs_plugin import honours_cache
from bangvang.mkdocs_plugin.theme import THEME_DIR
from conftest import Site, copy_example
from test_honours_build import roll, row

REUSED = "không đổi từ lần dựng trước"
BUILD_DATE = str(int(time.time()))
"""MkDocs writes the build date into sitemap.xml: one date for all builds, in case a test runs across midnight."""


def tree(folder: Path) -> dict[str, str]:
    """Return every path under ``folder`` (like ``diff -r``): files with their SHA-256, folders as "/"."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = "/" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def differences(before: dict[str, str], after: dict[str, str]) -> str:
    """Describe how two trees differ, briefly (empty when identical)."""
    missing = sorted(before.keys() - after.keys())
    extra = sorted(after.keys() - before.keys())
    changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    if not (missing or extra or changed):
        return ""
    return f"{len(missing)} missing {missing[:5]}, {len(extra)} extra {extra[:5]}, {len(changed)} changed {changed[:5]}"


def build(site: Site, seed: str = "0") -> str:
    """Run ``mkdocs build --strict`` with this hash seed; return its output (it must pass)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": BUILD_DATE}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    done = subprocess.run(command, cwd=site.root, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture(autouse=True)
def _one_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)


def build_here(site: Site) -> str:
    """Build in this process, where the hash seed is pytest's; return the output (the build must pass)."""
    run = site.build()
    assert run.code == 0, run.output
    return run.output


def test_same_site_whatever_the_hash_seed(example_copy: Site) -> None:
    trees = []
    for seed in ("1", "2", "3"):
        shutil.rmtree(example_copy.root / ".cache", ignore_errors=True)
        build(example_copy, seed)
        trees.append(tree(example_copy.out))
    assert differences(trees[0], trees[1]) == ""
    assert differences(trees[0], trees[2]) == ""


def test_warm_honour_cache_gives_the_same_site_as_a_cold_build(example_copy: Site) -> None:
    assert REUSED not in build(example_copy, "1")
    cold = tree(example_copy.out)
    assert REUSED in build(example_copy, "2")
    assert differences(cold, tree(example_copy.out)) == ""


def test_half_written_cache_entry_is_never_used(example_copy: Site) -> None:
    build_here(example_copy)
    cold = tree(example_copy.out)
    (entry,) = (example_copy.root / ".cache" / "bangvang" / "vinh-danh").iterdir()
    # A build killed after writing some files but before the marker: the entry has no (or a torn) marker.
    (entry / "complete").write_text("", encoding="utf-8")
    for page in list((entry / "files").rglob("*.html"))[:3]:
        page.unlink()
    assert REUSED not in build_here(example_copy)
    assert differences(cold, tree(example_copy.out)) == ""
    assert REUSED in build_here(example_copy)
    assert differences(cold, tree(example_copy.out)) == ""


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS: dict[str, Callable[[Site], None]] = {
    "decision YAML": lambda s: _append(s.root / "honours" / "215-qd-hkh.yaml", "# sửa\n"),
    "entries CSV": lambda s: _replace(s.root / "honours" / "76-qd-hkh.csv", "Nguyễn", "Nguyễn Thị"),
    "article a decision names": lambda s: _append(
        s.content / "tin-tuc/2020/ha-tinh-tong-ket-5-nam-thuc-hien-quyet-dinh-281-day-manh-hoc-tap-suot-doi.md",
        "\nĐoạn thêm.\n",
    ),
    "directive a decision cites": lambda s: _replace(
        s.content / "van-ban/ket-luan-49-kl-tw.md", 'issuer: "Ban Bí thư', 'issuer: "Ban Bí thư Trung ương'
    ),
    "theme template": lambda s: _append(s.root / "theme" / "partials" / "bv-honour-rows.html", "{# sửa #}\n"),
    "mkdocs.yml": lambda s: _replace(s.root / "mkdocs.yml", "site_name: Bảng Vàng", "site_name: Bảng Vàng mới"),
    "page title in the navigation": lambda s: _replace(
        s.content / "gioi-thieu.md", 'title: "Giới thiệu"', 'title: "Giới thiệu Hội"'
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_honour_cache_key_covers_every_file_read(tmp_path: Path, edit: str) -> None:
    site = copy_example(tmp_path / "example")
    # The site overrides one of our templates in its own custom_dir.
    (site.root / "theme" / "partials").mkdir(parents=True)
    shutil.copy(THEME_DIR / "partials" / "bv-honour-rows.html", site.root / "theme" / "partials")
    _replace(site.root / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: theme\n")
    build_here(site)
    assert REUSED in build_here(site)
    EDITS[edit](site)
    assert REUSED not in build_here(site)


def test_new_page_in_an_implicit_navigation_is_on_the_honour_pages(site: Site) -> None:
    roll(site, "lai", "8/QĐ-UBND", [row(1, "Gia đình ông Lê Văn An")])
    build_here(site)
    site.write("lien-he.md", "---\ntitle: Liên hệ với Hội\n---\n\n# Liên hệ\n")
    assert REUSED not in build_here(site)
    assert "Liên hệ với Hội" in site.html("vinh-danh/quyet-dinh/lai/")


def test_cache_entry_half_deleted_by_a_kill_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_dir, cache_dir = tmp_path / "site", tmp_path / "cache"
    (site_dir / "vinh-danh").mkdir(parents=True)
    (site_dir / "vinh-danh" / "a.html").write_text("a", encoding="utf-8")
    honours_cache.store(cache_dir, "old", site_dir, None, [], set(), SiteLayout())  # type: ignore[arg-type]
    assert honours_cache.probe(cache_dir, "old") is not None
    # The next build stores another key and is killed as it starts deleting the old entry.
    monkeypatch.setattr(honours_cache.shutil, "rmtree", lambda *args, **kwargs: None)
    honours_cache.store(cache_dir, "new", site_dir, None, [], set(), SiteLayout())  # type: ignore[arg-type]
    assert honours_cache.probe(cache_dir, "old") is None
    assert honours_cache.probe(cache_dir, "new") is not None
