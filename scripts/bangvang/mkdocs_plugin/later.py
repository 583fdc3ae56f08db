"""In ``mkdocs serve``: work a preview leaves for after its pages are served, on a thread of its own.

A decision saved makes the honour section anew; its pages are what the
editor looks at, while the lookup index, the exports, the manifest and the
cache entry (a few seconds at 100.000 entries) can follow, as the search
index does. The next build waits for them before it touches the folder.

Python's full garbage collection is such work too. A preview of 2.000
articles and 100.000 entries holds half a million objects, and a full
collection walks them all (0,6-1,6 s). The interpreter starts none of its own
while the plugin runs (:mod:`.collection`): it is made here, while the editor
reads the preview.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

IDLE_COLLECT_AFTER = 2.0
"""Seconds after the deferred work ends before the full collection: the served page has been fetched by then."""


class Later:
    """Work deferred during a build, run on one thread once the build is done; ``wait`` until it ends.

    The thread starts last: a thread busy in Python makes every other thread
    wait for the interpreter at each file operation, which would slow the
    build's own last steps many times over.
    """

    def __init__(self, done: str, collect: Callable[[], object] = gc.collect) -> None:
        self.done = done
        """What is logged when the work ends well (unless it was all ``quiet``)."""
        self._collect = collect
        """The full collection run once the work has ended and the preview is idle (``gc.collect``)."""
        self._work: list[tuple[Callable[[], None], bool]] = []
        self._thread: threading.Thread | None = None
        self._idle: threading.Timer | None = None

    def __call__(self, work: Callable[[], None], *, quiet: bool = False) -> None:
        """Defer ``work`` to the thread :meth:`start` starts; ``quiet`` work does not make it say ``done``."""
        self._work.append((work, quiet))

    def start(self) -> None:
        """Run the deferred work on a thread of its own."""
        work, self._work = self._work, []
        if work:
            self.wait()
            self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
            self._thread.start()

    def _run(self, work: list[tuple[Callable[[], None], bool]]) -> None:
        try:
            for piece, _ in work:
                piece()
        except PluginError as error:  # what would have stopped a build: the preview says it
            log.error("%s", error)
            return
        finally:
            self._idle = threading.Timer(IDLE_COLLECT_AFTER, self._collect)
            self._idle.daemon = True
            self._idle.start()
        if not all(quiet for _, quiet in work):
            log.info("%s", self.done)

    def wait(self) -> None:
        """Return once the work started last has ended; drop work deferred by a build that failed.

        A full collection still waiting for the preview to be idle is called
        off: the next build is starting.
        """
        self._work = []
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
