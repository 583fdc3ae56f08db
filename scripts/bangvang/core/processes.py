"""Forked worker processes: how many, started so that none outlives the process that forked it.

A worker is forked, never spawned: it starts as a copy of its parent's state
(a build's plan, the reader's settings), so nothing has to be sent to it but
the name of its task. Linux sends a worker SIGKILL when its parent dies
(``PR_SET_PDEATHSIG``); elsewhere a thread watches the parent. A killed build
thus leaves no process behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

Claim = Callable[[], int]
"""Draws the next number of a shared count of work (:class:`SharedCounter`, or ``itertools.count().__next__``
where one process does it all)."""
_PR_SET_PDEATHSIG = 1
"""prctl(2): the signal a process gets when its parent dies."""


def worker_count(asked: int) -> int:
    """Return how many processes share a build's work (this one and its workers): ``asked``, or one per core."""
    if asked:
        return asked
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Tell whether this system starts processes by forking (the workers need the parent's state)."""
    return "fork" in multiprocessing.get_all_start_methods()


def forked_pool(workers: int) -> ProcessPoolExecutor:
    """Return a pool of ``workers`` processes forked from this one at its first task, each ending with it."""
    return ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_die_with, initargs=(os.getpid(),)
    )


class SharedCounter:
    """A counter this process and the workers it forks next draw from together: 0, 1, 2…, each number once."""

    _PAST_ALL = 1 << 62

    def __init__(self) -> None:
        self._value = multiprocessing.get_context("fork").Value("q", 0)

    def __call__(self) -> int:
        """Draw the next number."""
        with self._value.get_lock():
            number: int = self._value.value
            self._value.value = number + 1
        return number

    def stop(self) -> None:
        """Hand out nothing more: every process drawing after this gets a number past all its work."""
        with self._value.get_lock():
            self._value.value = self._PAST_ALL


def tie_to(parent: int) -> bool:
    """Have the kernel kill this process when ``parent`` dies (Linux); end it now if ``parent`` is gone already.

    Returns False where the kernel cannot tie it (not Linux).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        tied = bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0)
    except (OSError, AttributeError):
        tied = False
    if os.getppid() != parent:
        os._exit(1)
    return tied


def _die_with(parent: int) -> None:
    """End this worker with the process that forked it: tied by the kernel, else watched by a thread."""
    if not tie_to(parent):
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def step_aside(by: int) -> Callable[[], None]:
    """Lower this thread's CPU priority by ``by`` (processes it forks next inherit it); return what restores it.

    A full build does it once Pagefind's service is running, so that the
    indexer keeps up with the pages as they come instead of finishing alone
    after the last one. Linux keeps a priority per thread: the thread that
    renders the pages is the one to call it. Restoring needs the right to
    raise a priority (root, or RLIMIT_NICE); without it the thread stays
    lower, as ``nice`` would leave a command it started.
    """
    try:
        before = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, 0, min(before + by, 19))
    except (OSError, AttributeError):  # no priorities here (not POSIX)
        return _nothing

    def restore() -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, 0, before)

    return restore


def _nothing() -> None:
    """Restore nothing."""
