"""On several cores, a forked process reads the last pages of the content while this one reads the others.

Reading the content (front matter, fields, directive mentions) is a serial
stretch at the start of every build and of ``bangvang check``: 1,3-2,0 s at
2.000 articles, with the second core idle. Here each process reads its part
of the pages with the very functions a single process uses, and the
directive pages as well (a few), so that it resolves its pages' mentions with
the registry they make. The other process takes two fifths: its readings come
back pickled (11 MB for 1.000 articles), which would leave this one waiting on
an even split. The reading then takes every page's result as a
preview takes a page it read before (``site.ReadMemo``), and a part's
mentions only if its directives came out equal to those read in order. A page
the other process could not read (or all of its part, if it failed) is read
again in order: its problem comes exactly as it would.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .frontmatter import FrontMatter
from .mentions import Citation
from .problems import Problem
from .processes import can_fork, forked_pool, worker_count
from .settings import SiteSettings

SPLIT_FROM = 300
"""Pages from which the reading is shared: below, forking costs more than half the reading."""

PageReading = tuple[str, FrontMatter, Any, list[Problem]]
"""A page's text, front matter, what it reads as (an article, a directive or None) and its problems."""
Mentions = tuple[str, list[Citation], list[Problem], str]
"""A page's body, its resolved mentions, their problems, the body with its first mentions linked."""
Page = tuple[Path, str]
"""A page's path and its path in the content folder."""


@dataclass
class _Read:
    """What one process read of its part: each page's reading and mentions, and the directives it resolved with."""

    pages: dict[str, tuple[PageReading, Mentions]]
    directives: list[Any]


_JOB: Callable[[], _Read] | None = None
"""Set in the parent just before the fork; the forked process reads its copy."""


def _run() -> _Read:
    assert _JOB is not None, "reader started without a job"
    return _JOB()


class ReadingApart:
    """Both parts' readings: this process's, and the other's, awaited when first asked for."""

    def __init__(self, pool: ProcessPoolExecutor, future: Future[_Read], own: _Read) -> None:
        self._pool: ProcessPoolExecutor | None = pool
        self._future = future
        self._parts = [own]

    def pages(self) -> dict[str, PageReading]:
        """Each page's reading by either process; the other's part is missing if it failed."""
        self._await()
        return {src_uri: reading for part in self._parts for src_uri, (reading, _) in part.pages.items()}

    def mentions(self, directives: list[Any]) -> dict[str, Mentions]:
        """Each page's mentions, from the parts whose process resolved them with these same directives."""
        self._await()
        return {
            src_uri: mentions
            for part in self._parts
            if part.directives == directives
            for src_uri, (_, mentions) in part.pages.items()
        }

    def _await(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        try:
            self._parts.append(self._future.result())
        except Exception:  # the process failed, died or its result did not come back: its pages are read again
            pass
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def read_apart(
    pages: list[Page],
    directive_pages: list[Page],
    settings: SiteSettings,
    read_one: Callable[[Path, str], PageReading | None],
    mentions_of: Callable[[Path, str, PageReading, Any], Mentions],
    registry_of: Callable[[list[Any]], Any],
) -> ReadingApart | None:
    """Read ``pages`` in two parts, the last two fifths in a forked process; None where not worth it or impossible.

    ``read_one`` reads a page as a single process does (None if it cannot:
    the page is read again in order, where the problem is met); each process
    first reads every directive page with it, makes the registry with
    ``registry_of``, and resolves each of its pages' mentions with ``mentions_of``.
    """
    global _JOB  # the forked process holds its copy of the job here
    if len(pages) < SPLIT_FROM or worker_count(settings.workers) < 2 or not can_fork():
        return None
    mine = len(pages) * 3 // 5

    def read(part: list[Page]) -> _Read:
        directives, readings = [], {}
        for path, src_uri in directive_pages:
            reading = readings[src_uri] = read_one(path, src_uri)
            if reading is not None and reading[2] is not None:
                directives.append(reading[2])
        registry = registry_of(directives)
        read = {}
        for path, src_uri in part:
            reading = readings[src_uri] if src_uri in readings else read_one(path, src_uri)
            if reading is not None:
                text, fm, page, problems = reading
                # Only the body is read of it from now on: its YAML nodes need not be sent.
                kept = (text, dataclasses.replace(fm, nodes={}), page, problems)
                read[src_uri] = (kept, mentions_of(path, src_uri, reading, registry))
        return _Read(read, directives)

    _JOB = partial(read, pages[mine:])
    try:
        pool = forked_pool(1)
        future = pool.submit(_run)  # with "fork", the process is a copy of this one as it is now
    finally:
        _JOB = None
    return ReadingApart(pool, future, read(pages[:mine]))
