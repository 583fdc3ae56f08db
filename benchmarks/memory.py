"""The memory a process tree holds, sampled while it runs: a build's workers count with it.

The kernel's peak RSS of a child (``wait4``) is that of its largest single
process. A build that forks workers holds the parent's memory plus what each
worker copied of it; sampling the proportional set size (PSS: each shared page
split between the processes sharing it) of the whole tree and keeping the peak
of the sum gives what the build needs of the machine, without counting a
shared page twice.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

INTERVAL = 0.1
"""Seconds between samples, at least."""
SHARE = 0.1
"""The part of one core the sampling may take: reading a large process's PSS walks its page tables
(about 15 ms for 600 MB), so samples of a large tree are spaced out to keep the build's own time its own."""


def children() -> dict[int, list[int]]:
    """Map each running process to its children, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        parent = int(stat.rpartition(")")[2].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def tree_pss_mb(pid: int) -> float:
    """Return the summed PSS of a process and all its descendants, in MB (MiB, as ru_maxrss is given)."""
    tree = children()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss_kb(current)
        todo.extend(tree.get(current, []))
    return total / 1024


class TreeSampler:
    """Samples a process tree's memory in a thread until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def available(self) -> bool:
        """Tell whether this system shows PSS (Linux 4.14 and later)."""
        return Path(f"/proc/{os.getpid()}/smaps_rollup").is_file()

    def start(self) -> TreeSampler:
        if self.available():
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            start = time.perf_counter()
            self.peak_mb = max(self.peak_mb, tree_pss_mb(self.pid))
            cost = time.perf_counter() - start
            self._stop.wait(max(INTERVAL, cost / SHARE - cost))

    def stop(self) -> float:
        """Stop sampling; return the peak in MB (0 when PSS could not be read)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak_mb
