"""Atomic publication of a built site: build beside it, then swap folders in one step.

A build writes into a hidden staging folder next to the site folder, on the
same filesystem: ``.bangvang-staging-<pid>-<random>``. Only a build that passed
every check replaces the site, and it does so by renames, never by deleting
and copying, so a build killed at any moment leaves the last good site whole:

- first build (no site yet): one rename of the staging folder;
- on Linux: one ``renameat2(RENAME_EXCHANGE)`` swaps the staging folder and the
  site atomically; the old site, now under the staging name, is then deleted;
- where the exchange is unsupported: the site is renamed aside
  (``.bangvang-old-<pid>-<random>``), then the staging folder takes its name.
  A kill between the two renames leaves no site folder; the next run renames
  the aside copy back before anything else.

Folders of dead builds (the pid in their name no longer runs) are removed at
the start of the next run; those of builds still running are left alone.

Removing the replaced site is the last step of a build, and a slow one: its
3.000 folders (one a page) took 0,4-0,5 s of a 9 s build of 2.000 articles,
the processor all but idle while the disk frees them. A build that keeps a
cache therefore moves the replaced site into it (:func:`retire`, one rename),
and the next build removes what was moved there in a process of its own, at
low priority (:func:`sweep`), while it reads and converts the content. A retired site is
never put back: only the aside folder above is.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from .processes import can_fork

STAGING_PREFIX = ".bangvang-staging-"
"""Name prefix of the folder a build writes into."""
ASIDE_PREFIX = ".bangvang-old-"
"""Name prefix of the previous site while it is moved aside (when no atomic exchange exists)."""
RETIRED_PREFIX = "site-"
"""Name prefix of a replaced site moved into the cache's folder of retired sites (:func:`retire`)."""

REMOVING_THREADS = 4
"""Threads removing a folder's subfolders side by side (the disk waits on each deletion, not the processor)."""

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


def _renameat2() -> Callable[..., int] | None:
    """Return libc's renameat2 (glibc 2.28+, Linux 3.15+), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function: Callable[..., int] = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; return False if this system or filesystem cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _name(prefix: str) -> str:
    return f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"


def _owner(folder: Path) -> int | None:
    """Return the pid written in a staging, aside or retired folder's name, or None if it has none."""
    for prefix in (STAGING_PREFIX, ASIDE_PREFIX, RETIRED_PREFIX):
        if folder.name.startswith(prefix):
            pid, _, _ = folder.name[len(prefix) :].partition("-")
            return int(pid) if pid.isdigit() else None
    return None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier process with this pid left it: no folder of this run exists yet
    if sys.platform == "win32":
        # os.kill(pid, 0) would send Ctrl+C there: ask whether the process can be opened and is still running.
        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return bool(kernel.GetLastError() == 5)  # ERROR_ACCESS_DENIED: another user's running process
        try:
            return bool(kernel.WaitForSingleObject(handle, 0) == 0x102)  # WAIT_TIMEOUT: still running
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Tell whether a process has died but was not reaped yet (Linux; elsewhere it counts as running)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _dead_folders(parent: Path, prefix: str) -> list[Path]:
    """The folders in ``parent`` named with ``prefix`` and the pid of a process that ended."""
    if not parent.is_dir():
        return []
    found = []
    for folder in parent.iterdir():
        pid = _owner(folder) if folder.name.startswith(prefix) else None
        if pid is not None and not _alive(pid):
            found.append(folder)
    return sorted(found)


def remove_tree(folder: Path) -> None:
    """Remove a folder and everything in it, as ``shutil.rmtree`` with errors ignored, its subfolders side by side.

    A site of 2.000 articles is 5.000 files in 3.000 folders; removed one after
    the other they took 1,2-1,6 s on the build machine, mostly waiting for
    the disk, and 0,6-0,95 s with four threads. Symbolic links are removed,
    never followed.
    """
    parts: list[str] = []
    try:
        with os.scandir(folder) as top:
            for entry in top:
                if entry.is_dir(follow_symlinks=False):
                    with os.scandir(entry.path) as inner:
                        parts.extend(sub.path for sub in inner if sub.is_dir(follow_symlinks=False))
    except OSError:
        parts = []
    if len(parts) > 1:
        with ThreadPoolExecutor(REMOVING_THREADS) as pool:
            for _ in pool.map(partial(shutil.rmtree, ignore_errors=True), parts):
                pass
    shutil.rmtree(folder, ignore_errors=True)


def recover(site_dir: Path) -> list[Path]:
    """Put back the site a killed publication left aside, and remove dead builds' folders; return those removed."""
    asides = _dead_folders(site_dir.parent, ASIDE_PREFIX)
    if asides and not site_dir.exists():
        # Killed between "site aside" and "staging in place": the aside copy is the last good site.
        newest = max(asides, key=lambda folder: folder.stat().st_mtime_ns)
        newest.rename(site_dir)
        asides.remove(newest)
    removed = [*asides, *_dead_folders(site_dir.parent, STAGING_PREFIX)]
    for folder in removed:
        remove_tree(folder)
    return removed


def stage(site_dir: Path) -> Path:
    """Create and return a new empty staging folder beside ``site_dir``."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = site_dir.parent / _name(STAGING_PREFIX)
    staging.mkdir()
    return staging


def discard(staging: Path) -> None:
    """Remove a staging folder whose build did not pass."""
    remove_tree(staging)


def publish(staging: Path, site_dir: Path, retired: Path | None = None) -> None:
    """Make the staging folder the site, atomically where the system allows it, and remove the old site.

    With ``retired``, the old site is moved into that folder for the next build to remove (:func:`retire`).

    Raises:
        OSError: the folders cannot be renamed (site_dir is a mount point, say); the site is then unchanged.
    """
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if exchange(staging, site_dir):
        _put_away(staging, retired)  # the old site now lives under the staging name
        return
    aside = site_dir.parent / _name(ASIDE_PREFIX)
    site_dir.rename(aside)
    try:
        staging.rename(site_dir)
    except OSError:
        aside.rename(site_dir)
        raise
    _put_away(aside, retired)


def _put_away(old: Path, retired: Path | None) -> None:
    if retired is None or not retire(old, retired):
        remove_tree(old)


def retire(old: Path, retired: Path) -> bool:
    """Move a replaced site into the folder ``retired`` (one rename); False if it cannot be moved there.

    It cannot where ``retired`` is on another filesystem than the site, or cannot be made.
    """
    try:
        retired.mkdir(parents=True, exist_ok=True)
        old.rename(retired / _name(RETIRED_PREFIX))
    except OSError:
        return False
    return True


def sweep(retired: Path) -> Callable[[], None] | None:
    """Start removing the sites ended builds retired into ``retired``; return what waits for the removal to end.

    None if there are none. The removal runs in a forked process (a thread where there is no fork): walking
    thousands of folders in Python would take this process's interpreter from the build it overlaps. A retired
    site of a build still running is left to it: it is whole, but that build may still be moving it.
    """
    found = _dead_folders(retired, RETIRED_PREFIX)
    if not found:
        return None

    def remove() -> None:
        for folder in found:
            shutil.rmtree(folder, ignore_errors=True)  # never follows a symbolic link

    if can_fork():
        pid = os.fork()
        if pid == 0:  # the forked copy removes, and ends without running this process's exit handlers
            try:
                os.nice(19)  # the processor the build leaves idle is enough
                remove()
            finally:
                os._exit(0)
        return partial(_reap, pid)
    sweeping = threading.Thread(target=remove, name="bangvang-sweep")
    sweeping.start()
    return sweeping.join


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
