"""While a full build renders its pages, Pagefind's service runs at the higher priority (issue 14: builds at the floor).

Rendering and indexing compete for the same two cores. At equal priority
Pagefind fell behind the pages and went on alone after the last one, with the
other core idle; stepping the rendering aside lets it keep up. The build gives
the priority back when the rendering is done, where the system lets it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bangvang.mkdocs_plugin import search_index
from conftest import copy_example


def test_pages_are_rendered_at_a_lower_priority_than_pagefind_indexes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, before = os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)
    seen: list[tuple[int, int]] = []
    add = search_index.FedIndex.add

    def watched(self: search_index.FedIndex, dest_uri: str, html: str) -> None:
        if os.getpid() == here:  # this process's rendering thread, not a worker's
            seen.append((os.getpriority(os.PRIO_PROCESS, 0), os.getpriority(os.PRIO_PROCESS, self.pid)))
        add(self, dest_uri, html)

    monkeypatch.setattr(search_index.FedIndex, "add", watched)
    run = copy_example(tmp_path / "site").build()
    assert run.code == 0, run.output
    lowered = min(before + search_index.RENDER_NICENESS, 19)
    assert seen and set(seen) == {(lowered, before)}
    if os.geteuid() == 0:  # raising a priority back needs the right to (root here, as in CI)
        assert os.getpriority(os.PRIO_PROCESS, 0) == before
