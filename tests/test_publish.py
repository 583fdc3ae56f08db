"""Atomic publication: a killed or failed build leaves the last good site/ byte for byte (issue 8, point 1)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bangvang.core import publish
from conftest import Run, Site, copy_example
from test_determinism import differences, tree

STAGING = ".bangvang-staging-"
ASIDE = ".bangvang-old-"
# One build date for every build of a test: MkDocs writes it into sitemap.xml, and a test may run across midnight.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(int(time.time()))}
BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]

# Runs `mkdocs build --strict` in this process after arranging a SIGKILL at an exact step of publication.
_KILL_AT = """
import os, signal, sys
from pathlib import Path
from bangvang.core import publish

def die():
    os.kill(os.getpid(), signal.SIGKILL)

point = sys.argv[1]
exchange, rename = publish.exchange, Path.rename
if point == "before-exchange":
    def patched(first, second):
        die()
    publish.exchange = patched
elif point == "after-exchange":
    def patched(first, second):
        exchange(first, second)
        die()
    publish.exchange = patched
elif point == "between-renames":
    publish.exchange = lambda first, second: False
    def patched_rename(self, target):
        moved = rename(self, target)
        if Path(target).name.startswith(publish.ASIDE_PREFIX):
            die()
        return moved
    Path.rename = patched_rename
elif point == "pagefind-fails":
    from mkdocs.exceptions import PluginError
    from bangvang.mkdocs_plugin import search_index
    def failing(self):
        raise PluginError("Pagefind hỏng (thử)")
    search_index.FedIndex.finish = failing
from mkdocs.__main__ import cli
cli(["build", "--strict", "--quiet"])
"""


def leftovers(site: Site) -> list[str]:
    """Return the staging and aside folders beside site/."""
    return sorted(p.name for p in site.root.iterdir() if p.name.startswith((STAGING, ASIDE)))


def run_build(site: Site) -> Run:
    """Run ``mkdocs build --strict`` with the tests' build date."""
    done = subprocess.run(BUILD[:-1], cwd=site.root, env=ENV, capture_output=True, text=True, check=False)
    return Run(done.returncode, done.stdout + done.stderr)


def good_build(site: Site) -> dict[str, str]:
    """Build the site (it must pass) and return its tree."""
    run = run_build(site)
    assert run.code == 0, run.output
    return tree(site.out)


def kill_build_after(site: Site, seconds: float) -> bool:
    """Start ``mkdocs build`` and SIGKILL it after ``seconds``; return whether it was still running."""
    process = subprocess.Popen(BUILD, cwd=site.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return True


def run_killed_at(site: Site, point: str) -> int:
    """Run the build with a SIGKILL at ``point`` of publication; return its exit status."""
    done = subprocess.run([sys.executable, "-c", _KILL_AT, point], cwd=site.root, env=ENV, check=False)
    return done.returncode


@pytest.fixture(scope="module")
def good_example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The example site built once by the real command (its source, cache and site/), and that build's tree."""
    site = copy_example(tmp_path_factory.mktemp("publish") / "example")
    return site.root, good_build(site)


@pytest.fixture
def built(good_example: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[Site, dict[str, str]]:
    """A copy of the example site with a good build in site/, and that build's tree; each test may break its own."""
    root, good = good_example
    copy = shutil.copytree(root, tmp_path / "example", symlinks=True)
    assert tree(copy / "site") == good
    return Site(copy), good


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_kill_at_evenly_spaced_moments_leaves_the_last_good_site(
    built: tuple[Site, dict[str, str]], cache: str
) -> None:
    site, _ = built
    cache_dir = site.root / ".cache"
    if cache == "cold":
        shutil.rmtree(cache_dir)
    start = time.monotonic()
    good = good_build(site)
    duration = time.monotonic() - start
    killed = 0
    for tenth in (1, 3, 5, 7, 9):
        if cache == "cold":
            shutil.rmtree(cache_dir, ignore_errors=True)
        killed += kill_build_after(site, duration * tenth / 10)
        assert differences(good, tree(site.out)) == "", f"killed at {tenth}/10 of {duration:.1f} s"
    assert killed, "no build was still running when killed"
    assert good_build(site) == good
    assert leftovers(site) == []


def test_kill_while_staging_keeps_the_old_site_then_next_run_cleans_up(built: tuple[Site, dict[str, str]]) -> None:
    site, good = built
    article = next((site.content / "tin-tuc").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    process = subprocess.Popen(BUILD, cwd=site.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = False
    while process.poll() is None:
        staging = [p for p in site.root.glob(f"{STAGING}*") if (p / "index.html").is_file()]
        if staging:
            process.kill()
            seen = True
            break
        time.sleep(0.005)
    process.wait()
    assert seen, "the build never wrote into a staging folder"
    assert differences(good, tree(site.out)) == ""
    assert leftovers(site)
    run = run_build(site)
    assert run.code == 0, run.output
    assert leftovers(site) == []
    assert "Một đoạn mới." in (site.out / article.relative_to(site.content).with_suffix("") / "index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("point", ["before-exchange", "after-exchange"])
def test_kill_at_the_swap_leaves_a_whole_site(built: tuple[Site, dict[str, str]], point: str) -> None:
    site, good = built
    assert run_killed_at(site, point) == -signal.SIGKILL
    assert differences(good, tree(site.out)) == ""
    assert leftovers(site)
    assert good_build(site) == good
    assert leftovers(site) == []


def test_kill_between_fallback_renames_is_recovered_by_the_next_run(built: tuple[Site, dict[str, str]]) -> None:
    site, good = built
    assert run_killed_at(site, "between-renames") == -signal.SIGKILL
    assert not site.out.exists()
    aside = [p for p in site.root.iterdir() if p.name.startswith(ASIDE)]
    assert len(aside) == 1 and tree(aside[0]) == good
    # Even a build that stops on bad content first puts the last good site back.
    site.write("hong.md", "---\ntitle: [không đóng\n---\n")
    run = run_build(site)
    assert run.code != 0
    assert differences(good, tree(site.out)) == ""
    assert leftovers(site) == []


def test_late_failure_in_strict_mode_keeps_the_site(built: tuple[Site, dict[str, str]]) -> None:
    site, good = built
    # MkDocs warns about a missing extra template while writing the site, and aborts only after on_post_build.
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_templates: [khong-co.html]\n", encoding="utf-8")
    run = run_build(site)
    assert run.code != 0
    assert "strict mode" in run.output
    assert differences(good, tree(site.out)) == ""
    assert leftovers(site) == []


def test_pagefind_failure_keeps_the_site(built: tuple[Site, dict[str, str]]) -> None:
    site, good = built
    assert run_killed_at(site, "pagefind-fails") != 0
    assert differences(good, tree(site.out)) == ""
    assert leftovers(site) == []


def test_stale_folders_of_dead_builds_are_cleaned_and_live_ones_kept(built: tuple[Site, dict[str, str]]) -> None:
    site, good = built
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    dead_pid = int(dead.stdout)
    for name in (f"{STAGING}{dead_pid}-aaaa", f"{ASIDE}{dead_pid}-bbbb", f"{STAGING}{os.getpid()}-cccc"):
        (site.root / name / "vinh-danh").mkdir(parents=True)
        (site.root / name / "vinh-danh" / "index.html").write_text("cũ", encoding="utf-8")
    assert good_build(site) == good
    assert leftovers(site) == [f"{STAGING}{os.getpid()}-cccc"]


def test_first_build_publishes_the_staging_folder(example_copy: Site) -> None:
    assert not example_copy.out.exists()
    good = good_build(example_copy)
    assert "vinh-danh/index.html" in good and "pagefind/pagefind.js" in good
    assert leftovers(example_copy) == []


def test_recover_puts_back_an_aside_site_only_when_site_is_missing(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    aside = tmp_path / f"{ASIDE}{int(dead.stdout)}-abcd"
    (aside / "a").mkdir(parents=True)
    (aside / "a" / "index.html").write_text("tốt", encoding="utf-8")
    site_dir = tmp_path / "site"
    assert publish.recover(site_dir) == []
    assert (site_dir / "a" / "index.html").read_text(encoding="utf-8") == "tốt"
    assert not aside.exists()


def test_publish_without_an_atomic_exchange_renames_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "cu.html").write_text("cũ", encoding="utf-8")
    staging = publish.stage(site_dir)
    (staging / "moi.html").write_text("mới", encoding="utf-8")
    monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    publish.publish(staging, site_dir)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in site_dir.iterdir()] == ["moi.html"]


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "x").write_text("1", encoding="utf-8")
    if not publish.exchange(first, second):
        pytest.skip("no renameat2(RENAME_EXCHANGE) on this system or filesystem")
    assert (second / "x").is_file() and not (first / "x").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_still_serves_and_leaves_site_alone(built: tuple[Site, dict[str, str]]) -> None:
    site, good = built
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"]
    server = subprocess.Popen(
        command,
        cwd=site.root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # A shell without job control starts background jobs with SIGINT ignored, and a Python
        # started so never turns Ctrl+C into KeyboardInterrupt: give serve the default handler back.
        preexec_fn=_default_sigint,
    )
    try:
        deadline = time.monotonic() + 120  # a first build on a busy machine; not a timing assertion
        page = ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/bang-vang/vinh-danh/", timeout=5) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.2)
        assert "Bảng vàng" in page
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()  # never leave a server behind, then fail as the test should
            server.wait()
            raise
    assert differences(good, tree(site.out)) == ""
    assert leftovers(site) == []


def test_gh_deploy_pushes_the_built_site(built: tuple[Site, dict[str, str]], tmp_path: Path) -> None:
    site, good = built
    remote = tmp_path / "remote.git"
    git_env = {**ENV, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    git_env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args: str, cwd: Path = site.root) -> str:
        done = subprocess.run(["git", *args], cwd=cwd, env=git_env, capture_output=True, text=True, check=True)
        return done.stdout

    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    git("init", "-q")
    git("add", "mkdocs.yml")
    git("commit", "-q", "-m", "site")
    git("remote", "add", "origin", str(remote))
    command = [sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--force", "--no-history", "--ignore-version"]
    done = subprocess.run(command, cwd=site.root, env=git_env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    deployed = set(git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").split())
    assert {k for k, v in good.items() if v != "/"} <= deployed
    assert differences(good, tree(site.out)) == ""
    assert leftovers(site) == []


def test_publish_that_cannot_rename_leaves_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "cu.html").write_text("cũ", encoding="utf-8")
    staging = publish.stage(site_dir)
    monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    rename = Path.rename

    def failing(self: Path, target: Path) -> Path:
        if self == staging:
            raise OSError(16, "Device or resource busy")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OSError):
        publish.publish(staging, site_dir)
    assert [p.name for p in site_dir.iterdir()] == ["cu.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", staging.name])


def test_staging_of_a_killed_but_unreaped_build_is_cleaned(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        child.kill()
        stat = Path(f"/proc/{child.pid}/stat")
        while stat.exists() and stat.read_text().rpartition(")")[2].split()[0] != "Z":
            time.sleep(0.01)
        stale = tmp_path / f"{STAGING}{child.pid}-abcd"
        stale.mkdir()
        assert publish.recover(tmp_path / "site") == [stale]
        assert not stale.exists()
    finally:
        child.wait()


def test_removing_a_site_removes_every_file_and_no_linked_one(tmp_path: Path) -> None:
    # The old site is removed with its subfolders side by side; a symbolic link in it (to a folder or a file
    # outside) goes, what it points to stays.
    outside = tmp_path / "ngoai"
    (outside / "giu").mkdir(parents=True)
    (outside / "giu" / "tep.txt").write_text("giữ nguyên", encoding="utf-8")
    old = tmp_path / "site"
    for year in range(2015, 2025):
        for number in range(5):
            page = old / "tin-tuc" / str(year) / f"bai-{number}"
            page.mkdir(parents=True)
            (page / "index.html").write_text("<p>bài</p>", encoding="utf-8")
    (old / "index.html").write_text("<p>trang chủ</p>", encoding="utf-8")
    (old / "lien-ket").symlink_to(outside, target_is_directory=True)
    (old / "tin-tuc" / "lien-ket").symlink_to(outside / "giu", target_is_directory=True)
    (old / "tin-tuc" / "2015" / "tep").symlink_to(outside / "giu" / "tep.txt")
    publish.remove_tree(old)
    assert not old.exists()
    assert (outside / "giu" / "tep.txt").read_text(encoding="utf-8") == "giữ nguyên"
    publish.remove_tree(tmp_path / "khong-co")  # a folder gone already is no error


def _retired(site: Site) -> list[Path]:
    """The replaced sites moved into the cache for the next build to remove."""
    folder = site.root / ".cache" / "bangvang" / "site-cu"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_rebuild_retires_the_replaced_site_and_the_next_one_removes_it(built: tuple[Site, dict[str, str]]) -> None:
    site, good = built
    assert _retired(site) == [], "a first build replaces no site"
    assert good_build(site) == good
    first = _retired(site)
    assert len(first) == 1 and first[0].name.startswith(publish.RETIRED_PREFIX)
    assert differences(good, tree(first[0])) == "", "the replaced site, moved whole"
    assert leftovers(site) == []
    assert good_build(site) == good
    second = _retired(site)
    assert len(second) == 1 and second != first, "the next build removed the one before and retired its own"


def test_the_sweep_removes_links_not_what_they_point_to_and_leaves_a_running_builds(
    built: tuple[Site, dict[str, str]], tmp_path: Path
) -> None:
    site, good = built
    outside = tmp_path / "ngoai"
    (outside / "con").mkdir(parents=True)
    (outside / "con" / "giu.html").write_text("giữ", encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    folder = site.root / ".cache" / "bangvang" / "site-cu"
    stale = folder / f"{publish.RETIRED_PREFIX}{int(dead.stdout)}-aaaa"
    (stale / "tin-tuc").mkdir(parents=True)
    (stale / "tin-tuc" / "lien-ket").symlink_to(outside / "con", target_is_directory=True)
    (stale / "tep").symlink_to(outside / "con" / "giu.html")
    running = folder / f"{publish.RETIRED_PREFIX}{os.getpid()}-bbbb"  # this test's process still runs
    running.mkdir()
    assert good_build(site) == good
    assert not stale.exists() and running.is_dir()
    assert (outside / "con" / "giu.html").read_text(encoding="utf-8") == "giữ"


def test_without_a_cache_the_replaced_site_is_removed_at_once(built: tuple[Site, dict[str, str]]) -> None:
    site, _ = built
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - bangvang:\n" in text
    config.write_text(text.replace("  - bangvang:\n", "  - bangvang:\n      cache: false\n", 1), encoding="utf-8")
    good_build(site)
    good_build(site)
    assert _retired(site) == [] and leftovers(site) == []


def test_a_site_that_cannot_be_retired_is_removed_at_once(tmp_path: Path) -> None:
    site_dir, staging = tmp_path / "site", tmp_path / f"{STAGING}1-abcd"
    for folder, text in ((site_dir, "cũ"), (staging, "mới")):
        (folder / "a").mkdir(parents=True)
        (folder / "a" / "index.html").write_text(text, encoding="utf-8")
    blocked = tmp_path / "khong-phai-thu-muc"
    blocked.write_text("", encoding="utf-8")  # the folder of retired sites cannot be made
    publish.publish(staging, site_dir, blocked / "site-cu")
    assert (site_dir / "a" / "index.html").read_text(encoding="utf-8") == "mới"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["khong-phai-thu-muc", "site"]
