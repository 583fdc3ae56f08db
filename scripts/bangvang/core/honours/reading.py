"""Reading a province's decision files on two cores: a forked process reads part of them meanwhile.

Reading a list checks every row (several microseconds a row), the longest
stage of a province's build that nothing else can run beside. With more than
one process allowed, a worker forked before reading (while this process is
still small) reads a little under half of the files, by size, and sends back what it
read, its entries field by field: numbers packed, and each text rows repeat
pickled once. Taking them back costs a tenth of reading them. This process reads
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

from ..processes import can_fork, forked_pool
from .entries import Columns, SharedValues, columns_of, entries_from
from .reader import DecisionRead, named_list

READ_TOGETHER_FROM = 2_000_000
"""Bytes of decision and list files from which two processes read them (about 20.000 rows): below, a fork
costs more than it saves."""

WORKER_SHARE = 0.45
"""The part of the bytes the worker reads: a little under half, as sending its rows back takes time too
(at 1.000.000 rows both then finish within a few tenths of a second)."""

Read = Callable[[Path, SharedValues], DecisionRead]
"""Reads one decision file and its list, the rows' repeated values held in the given :class:`SharedValues`."""

_Sent = tuple[DecisionRead, Columns]
"""A decision file as the worker sends it back: what was read, its entries apart as columns."""

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
    # A worker that died (out of memory?) sent nothing: its files are read here.
    taken = [read(paths[index], shared) for index in theirs] if sent is None else _taken(sent, shared)
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
    """Return the files the worker reads: the last ones, until they hold about :data:`WORKER_SHARE` of the bytes."""
    wanted = sum(sizes) * WORKER_SHARE
    theirs: list[int] = []
    held = 0
    for index in range(len(sizes) - 1, 0, -1):
        if held + sizes[index] / 2 > wanted:
            break
        theirs.append(index)
        held += sizes[index]
    return sorted(theirs)


def _read_there(paths: list[Path]) -> list[_Sent]:
    """In the worker: read these files; send each decision with its entries as columns (one pickle for all)."""
    assert _JOB is not None, "worker started without a job"
    shared = SharedValues()
    sent: list[_Sent] = []
    for path in paths:
        found = _JOB(path, shared)
        decision = found.decision
        if decision is None:
            sent.append((found, ()))
            continue
        columns = columns_of(decision.entries)
        sent.append((dataclasses.replace(found, decision=dataclasses.replace(decision, entries=())), columns))
    return sent


def _taken(sent: list[_Sent], shared: SharedValues) -> list[DecisionRead]:
    """Put the decisions sent back together again, their numbers shared with this process's rows.

    Each decision's columns are let go once its entries are made, so the copy
    sent shrinks as the entries grow.
    """
    taken = []
    sent.reverse()
    while sent:
        found, columns = sent.pop()
        if found.decision is not None:
            entries = entries_from(columns, shared)
            found = dataclasses.replace(found, decision=dataclasses.replace(found.decision, entries=entries))
        del columns
        taken.append(found)
    return taken
