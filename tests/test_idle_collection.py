"""``mkdocs serve`` runs Python's full garbage collection once a preview is served, not inside the next build."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from bangvang.mkdocs_plugin import later as later_module
from bangvang.mkdocs_plugin.later import Later
from conftest import copy_example
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
