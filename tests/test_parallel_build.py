"""Honour pages and files written by worker processes (issue 13, point 3).

A parallel build must write the very bytes a serial one writes: both builds of
the example site are compared file by file. A worker's failure stops the build
like a failure of the main process: the message, exit status 1, the last good
site left whole.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from bangvang.core.site import load_site
from bangvang.mkdocs_plugin import parallel
from bangvang.mkdocs_plugin.honours import HonourSection, added
from bangvang.mkdocs_plugin.plugin import BangVangPlugin
from benchmarks.memory import children
from conftest import Site, configured_example

SLOW = '{% extends "main.html" %}{% block content %}{% for i in range(10 ** 8) %}{% endfor %}{% endblock %}\n'
"""A page that takes its time: a build is caught while it renders it."""


def _override(site: Site, template: str, text: str) -> None:
    """Replace one of the theme's templates for this site (``custom_dir``)."""
    overrides = site.root / "overrides"
    overrides.mkdir(exist_ok=True)
    (overrides / template).write_text(text, encoding="utf-8")
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "custom_dir: overrides" not in text:
        config.write_text(text.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8")


def _start(site: Site) -> subprocess.Popen[str]:
    """Start ``mkdocs build`` on the site in a child process, its messages to read as they come."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build"], cwd=site.root, env=env, stderr=subprocess.PIPE, text=True
    )


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def _built_in_parallel(tmp_path: Path) -> tuple[Site, dict[str, bytes]]:
    """The example site with two processes, built once: the site and its files, to hold a failed build to."""
    site = configured_example(tmp_path / "site", workers=2, cache=False)
    first = site.build_subprocess()
    assert first.code == 0, first.output
    return site, _files(site.out)


def test_a_parallel_build_writes_the_bytes_of_a_serial_one(tmp_path: Path) -> None:
    serial = configured_example(tmp_path / "serial", workers=1, cache=False)
    one = serial.build()
    assert one.code == 0, one.output
    assert "song song" not in one.output
    expected = _files(serial.out)
    assert any(name.startswith("vinh-danh/dia-phuong/") for name in expected)
    # One worker and this process drawing the pages and files from one counter, then two workers.
    for count in (2, 3):
        parallel = configured_example(tmp_path / f"parallel-{count}", workers=count, cache=False)
        run = parallel.build()
        assert run.code == 0, run.output
        assert f"và các tệp dữ liệu dựng song song trên {count} tiến trình" in run.output
        written = _files(parallel.out)
        assert sorted(written) == sorted(expected)
        different = [name for name in expected if written[name] != expected[name]]
        assert different == [], count


def test_this_process_renders_the_pages_a_busy_worker_has_not_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = configured_example(tmp_path / "serial", workers=1, cache=False)
    assert serial.build().code == 0
    # The worker writes the lookup index first: made slow, it leaves the honour pages to this process.
    write_index = HonourSection.write_index

    def slow_index(section: HonourSection, site_dir: Path) -> object:
        time.sleep(3)
        return write_index(section, site_dir)

    here, rendered_here = os.getpid(), []
    build_page = parallel._build_page

    def counted(page: Page, *args: object, **options: object) -> None:
        if os.getpid() == here:
            rendered_here.append(page.file.src_uri)
        build_page(page, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(HonourSection, "write_index", slow_index)
    monkeypatch.setattr(parallel, "_build_page", counted)
    site = configured_example(tmp_path / "parallel", workers=2, cache=False)
    run = site.build()
    assert run.code == 0, run.output
    assert "vinh-danh/thong-ke/index.md" in rendered_here and len(rendered_here) > 20
    assert _files(site.out) == _files(serial.out)


def test_exports_two_processes_share_are_each_written_once_and_counted_whole(tmp_path: Path) -> None:
    # The worker and the main process draw the exports from one counter and each counts what it wrote:
    # here one writer stops after two exports, the other takes the rest, and the counts add up to one
    # writer's counts of the same files.
    site = configured_example(tmp_path / "site", cache=False)
    config = load_config(str(site.root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    plugin = config.plugins["bangvang"]
    assert isinstance(plugin, BangVangPlugin) and plugin.honours is not None and plugin.settings is not None
    try:
        plugin.honours.start(load_site(plugin.settings, read_honours=False), config)
        decisions = plugin.honours.plan.decisions
        assert len(decisions) > 2
        counter = itertools.count()
        first_took: list[int] = []

        def first_claim() -> int:
            if len(first_took) == 2:
                return len(decisions) + 1  # this writer stops: nothing left for it
            first_took.append(next(counter))
            return first_took[-1]

        shared = tmp_path / "shared"
        first = plugin.honours.write_exports(shared, first_claim)
        second = plugin.honours.write_exports(shared, counter.__next__)
        alone = plugin.honours.write_exports(tmp_path / "alone", itertools.count().__next__)
    finally:
        plugin.on_shutdown()
    assert first_took == [0, 1]
    assert first["csv"] is not None and 0 < first["csv"][0] < alone["csv"][0]  # type: ignore[index]
    assert added(first, second) == alone
    assert _files(shared) == _files(tmp_path / "alone")


def test_a_failing_worker_stops_the_build_and_keeps_the_last_site(tmp_path: Path) -> None:
    site, before = _built_in_parallel(tmp_path)
    # The statistics page breaks; the home page, which this process renders in MkDocs' own loop, takes its
    # time: the worker draws every honour page meanwhile, the broken one among them.
    _override(
        site,
        "honour-stats.html",
        SLOW.replace("{% for i in range(10 ** 8) %}{% endfor %}", "{{ bv_no_such_helper() }}"),
    )
    _override(site, "home.html", SLOW)
    second = site.build_subprocess()
    assert second.code == 1, second.output
    assert "dựng song song" in second.output
    assert "Error building page 'vinh-danh/thong-ke/index.md'" in second.output  # the worker's record, replayed
    assert "bv_no_such_helper" in second.output
    assert _files(site.out) == before


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_a_killed_build_leaves_no_worker_behind(tmp_path: Path) -> None:
    site = configured_example(tmp_path / "site", workers=2, cache=False)
    # The home page, rendered by the main process after the workers are forked, takes its time: the build
    # is killed while its workers wait for more work.
    _override(site, "home.html", SLOW)
    build = _start(site)
    try:
        assert build.stderr is not None
        for line in build.stderr:  # the workers exist once the build says it shares the section
            if "song song" in line:
                break
        workers = children().get(build.pid, [])
        assert workers, "the build started no worker"
    finally:
        build.kill()
        build.wait()
        if build.stderr is not None:
            build.stderr.close()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


def test_a_worker_killed_mid_build_stops_it_with_a_message(tmp_path: Path) -> None:
    site, before = _built_in_parallel(tmp_path)
    # The home page, which this process renders in MkDocs' own loop, takes its time, and so does the
    # statistics page: the worker draws the honour pages meanwhile and is killed while rendering that one.
    _override(site, "home.html", SLOW)
    _override(site, "honour-stats.html", SLOW)
    build = _start(site)
    assert build.stderr is not None
    with build.stderr:
        said = []
        for line in build.stderr:
            said.append(line)
            if "song song" in line:
                time.sleep(1)  # the worker is in the statistics page by now
                for pid in children().get(build.pid, []):
                    os.kill(pid, signal.SIGKILL)
                break
        said.extend(build.stderr)
    output = "".join(said)
    assert build.wait() == 1, output
    assert "tiến trình dựng song song bảng vàng đã dừng đột ngột" in output and "workers: 1" in output
    assert "Traceback" not in output
    assert _files(site.out) == before
