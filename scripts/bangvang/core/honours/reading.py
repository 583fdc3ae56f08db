"""Reading a province's decision files on two cores: a forked process reads part of them meanwhile.

Reading a list checks every row (several microseconds a row), the longest
stage of a province's build that nothing else can run beside. With more than
one process allowed, a worker forked before reading (while this process is
still small) reads about half of the files, by size, and sends back what it
read. Pickle keeps each text a list repeats once, and rows travel as plain
tuples: taking them back costs a tenth of reading them. This process reads
the other files meanwhile; the results are taken in file order, and the
numbers rows repeat (STT, line) are shared again as :class:`.entries.SharedValues`
shares them. What comes out is what reading every file here gives (a test
holds the two to each other); a worker that died is made up for by reading
its files here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..processes import can_fork, forked_pool
from .entries import SharedValues, entry_from
from .reader import DecisionRead, named_list

READ_TOGETHER_FROM = 2_000_000
"""Bytes of decision and list files from which two processes read them (about 20.000 rows): below, a fork
costs more than it saves."""

Read = Callable[[Path, SharedValues], DecisionRead]
"""Reads one decision file and its list, the rows' repeated values held in the given :class:`SharedValues`."""
_Sent = tuple[DecisionRead, list[tuple[Any, ...]] | None]
"""A decision file as a worker sends it back: what was read, its entries apart as plain tuples."""

_JOB: Read | None = None
"""Set just before the fork: the worker's copy reads its files with it."""


def read_files(paths: list[Path], read: Read, shared: SharedValues, processes: int = 1) -> list[DecisionRead]:
    """Read decision files, in order; with ``processes`` ≥ 2, share large ones with a forked worker."""
    sizes = [_size(path) for path in paths] if processes > 1 and len(paths) > 1 and can_fork() else []
    if sum(sizes) < READ_TOGETHER_FROM:
        return [read(path, shared) for path in paths]
    theirs = _their_share(sizes)
    global _JOB
    _JOB = read
    pool = forked_pool(1)
    try:
        future = pool.submit(_read_there, [paths[index] for index in theirs])  # forks the worker now
    finally:
        _JOB = None
    try:
        mine = {index: read(path, shared) for index, path in enumerate(paths) if index not in theirs}
        try:
            sent: list[_Sent] | None = future.result()
        except BrokenProcessPool:
            sent = None
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # the worker ends with this process
        raise
    pool.shutdown(wait=True)  # no thread of the pool left when the build forks its next workers
    if sent is None:  # the worker died (out of memory?): its files are read here
        taken = [read(paths[index], shared) for index in theirs]
    else:
        taken = [_taken(found, rows, shared) for found, rows in sent]
    mine.update(zip(theirs, taken, strict=True))
    return [mine[index] for index in range(len(paths))]


def _size(path: Path) -> int:
    """Return the bytes a decision file and the list beside it hold (what reading it costs)."""
    try:
        data = path.read_bytes()
        listed = named_list(path, data)
        return len(data) + (listed.stat().st_size if listed is not None and listed.is_file() else 0)
    except OSError:
        return 0


def _their_share(sizes: list[int]) -> list[int]:
    """Return the files the worker reads: the last ones, until they hold about half the bytes."""
    half = sum(sizes) / 2
    theirs: list[int] = []
    held = 0
    for index in range(len(sizes) - 1, 0, -1):
        if held + sizes[index] / 2 > half:
            break
        theirs.append(index)
        held += sizes[index]
    return sorted(theirs)


def _read_there(paths: list[Path]) -> list[_Sent]:
    """In the worker: read these files; send each decision with its entries apart, as plain tuples."""
    assert _JOB is not None, "worker started without a job"
    shared = SharedValues()
    sent: list[_Sent] = []
    for path in paths:
        found = _JOB(path, shared)
        decision = found.decision
        if decision is None:
            sent.append((found, None))
            continue
        rows = [tuple(entry) for entry in decision.entries]
        sent.append((dataclasses.replace(found, decision=dataclasses.replace(decision, entries=())), rows))
    return sent


def _taken(found: DecisionRead, rows: list[tuple[Any, ...]] | None, shared: SharedValues) -> DecisionRead:
    """Put a decision sent back together again, its numbers shared with this process's rows."""
    if found.decision is None or rows is None:
        return found
    entries = tuple(entry_from(row, shared) for row in rows)
    return dataclasses.replace(found, decision=dataclasses.replace(found.decision, entries=entries))
