"""Python's full garbage collection: none of the interpreter's own in a build; a preview's once it is served."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from bangvang.mkdocs_plugin import collection
from bangvang.mkdocs_plugin import later as later_module
from bangvang.mkdocs_plugin.collection import FullCollections
from bangvang.mkdocs_plugin.later import Later
from conftest import build_in_process, copy_example
from test_preview_reuse import Preview


class _Collections:
    """Records when a collection was asked for."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.asked = threading.Event()

    def __call__(self) -> int:
        self.times.append(time.perf_counter())
        self.asked.set()
        return 0


def test_the_collection_follows_the_deferred_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(later_module, "IDLE_COLLECT_AFTER", 0.05)
    collections = _Collections()
    later = Later("xong", collect=collections)
    ended: list[float] = []

    def work() -> None:
        time.sleep(0.2)
        ended.append(time.perf_counter())

    later(work)
    later.start()
    assert collections.asked.wait(10), "no collection once the work was done"
    assert collections.times[0] >= ended[0] + 0.05
    later.wait()


def test_the_next_build_calls_off_a_waiting_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(later_module, "IDLE_COLLECT_AFTER", 0.3)
    collections = _Collections()
    later = Later("xong", collect=collections)
    later(lambda: None, quiet=True)
    later.start()
    later.wait()  # what the next build does first
    time.sleep(0.6)
    assert collections.times == []


def test_a_failed_piece_of_work_still_leaves_the_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(later_module, "IDLE_COLLECT_AFTER", 0.0)
    collections = _Collections()
    later = Later("xong", collect=collections)

    def fail() -> None:
        raise PluginError("hỏng")

    later(fail)
    later.start()
    assert collections.asked.wait(10)
    later.wait()


def test_a_preview_collects_all_generations_once_it_is_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(later_module, "IDLE_COLLECT_AFTER", 0.05)
    full = threading.Event()

    def watch(phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["generation"] == 2 and threading.current_thread() is not threading.main_thread():
            full.set()

    preview = Preview(copy_example(tmp_path / "example"), tmp_path / "preview")
    gc.callbacks.append(watch)
    try:
        preview.build()
        assert full.wait(30), "no full collection after the preview was served"
    finally:
        gc.callbacks.remove(watch)
        preview.close()


def _full_collections_started(into: list[str]) -> Any:
    """A garbage-collector callback noting each full collection begun on the main thread."""

    def watch(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2 and threading.current_thread() is threading.main_thread():
            into.append("full")

    return watch


def test_a_build_starts_no_full_collection_of_its_own(tmp_path: Path) -> None:
    # Frozen, the objects alive now are out of the count: with these thresholds the interpreter would collect in
    # full at every other young collection of the build, were it not held back.
    site = copy_example(tmp_path / "example")
    before = gc.get_threshold()
    started: list[str] = []
    watch = _full_collections_started(started)
    gc.freeze()
    gc.collect()
    gc.set_threshold(200, 1, 1)
    gc.callbacks.append(watch)
    try:
        run = build_in_process(site.root / "mkdocs.yml")
    finally:
        gc.callbacks.remove(watch)
        gc.set_threshold(*before)
        gc.unfreeze()
    assert run.code == 0, run.output
    assert started == []
    assert (site.root / "site" / "index.html").is_file()


def test_the_interpreter_s_thresholds_are_given_back_when_the_build_ends(tmp_path: Path) -> None:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # the interpreter's own
    try:
        run = build_in_process(copy_example(tmp_path / "example").root / "mkdocs.yml")
        after = gc.get_threshold()
    finally:
        gc.set_threshold(*before)
    assert run.code == 0, run.output
    assert after == (700, 10, 10)


def test_saves_in_a_row_collect_in_full_before_a_build_every_so_often() -> None:
    # A preview idle after its build is collected then (above); one saved again at once is not: every
    # FULL_AFTER builds in a row, the next build starts with the collection.
    started: list[str] = []
    watch = _full_collections_started(started)
    collections = FullCollections()
    gc.callbacks.append(watch)
    try:
        for _ in range(collection.FULL_AFTER):
            collections.build_starts()
        assert started == []
        collections.build_starts()
        assert started == ["full"]
        collections.collect()  # what an idle preview does
        started.clear()
        for _ in range(collection.FULL_AFTER):
            collections.build_starts()
        assert started == []
    finally:
        gc.callbacks.remove(watch)


_EXIT_SCRIPT = """
import atexit
import gc
import sys
from pathlib import Path

# Registered first, so run last of the exit handlers: what the interpreter's last collection will walk.
atexit.register(lambda: Path(sys.argv[2]).write_text(str(len(gc.get_objects())), encoding="utf-8"))
if sys.argv[1] == "build":
    from mkdocs.__main__ import cli

    cli(["build", "--quiet"], standalone_mode=False)
"""


@pytest.mark.parametrize("command", ["build", "none"])
def test_a_build_leaves_its_objects_out_of_the_collection_at_exit(tmp_path: Path, command: str) -> None:
    site = copy_example(tmp_path / "example")
    frozen = tmp_path / "walked.txt"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _EXIT_SCRIPT, command, str(frozen)],
        cwd=site.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (site.out / "index.html").is_file() is (command == "build")
    # After a build the objects left are frozen by then: the collection at exit passes them by. Without, it walks all.
    walked = int(frozen.read_text(encoding="utf-8"))
    assert walked < 1_000 if command == "build" else walked > 2_000, walked
