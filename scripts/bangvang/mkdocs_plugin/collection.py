"""When Python's full garbage collection runs, in a build and in a preview.

CPython collects its oldest generation whenever the objects that survived
into it since the last such collection reach a quarter of those there, and
to do so it walks every live object. A build makes most of its objects
early and keeps them to its end: the pages, their conversions, the
navigation, and in a preview a province's rolls and the memos of the last
build. Nearly all of a build's garbage goes with its last reference, and the
young generations catch the short-lived cycles; the full collections found
little to free, and cost:

- a full build of 2.000 articles: four of them, 0,5 s of its main process;
- a preview holding 100.000 entries: 0,6-1,6 s each, inside one save of two.

So while the plugin runs, the interpreter starts no full collection of its
own (the young generations are collected as before):

- ``mkdocs build`` makes none: the process ends with the build;
- ``mkdocs serve`` makes one once a preview is served and idle
  (:class:`.later.Later`), and one before a build that follows
  :data:`FULL_AFTER` builds without any (saves in a row), so that the cycles
  of earlier previews cannot pile up.

The thresholds are given back when the plugin shuts down. After a build,
the interpreter's own last collection as it exits walked every object the
build left (0,3 s at 2.000 articles) to free memory the process is about to
give back whole: :meth:`FullCollections.none_at_exit` freezes them first, so
that collection passes them by. Python does not promise to finalize the
objects still alive at exit; every file a build writes is closed by then.
"""

from __future__ import annotations

import atexit
import gc

FULL_AFTER = 5
"""Builds of a preview after which the next starts with a full collection, if none was made while idle."""

_NEVER = 1 << 30
"""A count of young collections the oldest generation's threshold never reaches."""


class FullCollections:
    """Holds the interpreter's full collections back while the plugin runs; makes them when asked."""

    def __init__(self) -> None:
        self._thresholds: tuple[int, int, int] | None = None
        self.builds = 0
        """Builds begun since the last full collection made here."""

    def hold(self) -> None:
        """Stop the interpreter from starting full collections (until :meth:`release`)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, _NEVER)

    def release(self) -> None:
        """Give the interpreter its own thresholds back."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def collect(self) -> None:
        """Collect every generation now."""
        gc.collect()
        self.builds = 0

    def none_at_exit(self) -> None:
        """Let the interpreter's last collection, as the process exits, pass by every object there is then."""
        atexit.unregister(gc.freeze)  # once, however many builds the process ran
        atexit.register(gc.freeze)  # registered last, so run first: before the other exit handlers

    def build_starts(self) -> None:
        """Count a preview's build; collect in full first if :data:`FULL_AFTER` builds went by without it."""
        if self.builds >= FULL_AFTER:
            self.collect()
        self.builds += 1
