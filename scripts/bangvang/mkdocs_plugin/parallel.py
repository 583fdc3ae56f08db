"""Honour pages and files written by worker processes while MkDocs writes the rest of the site.

A province's honour section is thousands of pages and files, each made from
the plan alone: they can be written side by side. When the plugin's ``on_env``
runs, MkDocs has read every page and built the navigation and the template
environment; the workers are forked from that moment, so each holds the very
same state and renders its pages with MkDocs' own page builder, the function
the serial build calls. Their output is therefore the serial build's, byte for
byte (a test holds the two against each other).

The main process goes on meanwhile: it copies the theme's files, writes the
sitemap (which must still list the workers' pages), then renders the pages left
to it (the decisions' and places' among them, :data:`KEPT_KINDS`); the workers'
pages are taken out of its loop once the sitemap is written.
At the end (``on_post_build``) it collects what each worker reports — the
rows it counted for the manifest, the log records it would have printed, or
the error that stopped it — and goes on as if it had done the work itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page  # MkDocs' own page builder (private, stable within 1.x)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..core.processes import forked_pool
from .errors import plugin_error

PARALLEL_FROM = 20_000
"""Entries from which a build with ``workers: 0`` (one per core) starts workers: below, forking costs more."""
KEPT_KINDS = frozenset({"decision", "decision-place", "place"})
"""Honour pages the main process renders itself while the workers render the others and write the files."""
CHUNKS_PER_WORKER = 6
"""Pages are handed out in this many batches per worker, so a worker that drew big pages gets fewer."""


@dataclass
class _Job:
    """What a forked worker renders with: the build's state at the moment of the fork."""

    config: MkDocsConfig
    doc_files: Sequence[File]
    nav: Navigation
    env: Environment
    pages: dict[str, File]
    tasks: dict[str, Callable[[], Any]]
    harvest: Callable[[], Any]
    """Called in the worker after each batch: what the parent needs back from it (the manifest's counts)."""


_JOB: _Job | None = None
"""Set in the parent just before the fork; each worker reads its copy."""


@dataclass
class Outcome:
    """What a worker sends back for one task: its result or the error that stopped it, and its log records."""

    result: Any = None
    error: BaseException | None = None
    records: list[logging.LogRecord] = field(default_factory=list)


class _Collect(logging.Handler):
    """Keeps a worker's log records to be handled by the parent (which counts warnings in strict mode)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _logged(task: Callable[[], Any]) -> Outcome:
    """Run a task in a worker with MkDocs' log records kept for the parent instead of printed."""
    logger = logging.getLogger("mkdocs")
    handlers = logger.handlers[:]
    collect = _Collect()
    logger.handlers = [collect]
    try:
        return Outcome(task(), None, collect.records)
    except Exception as error:  # handed to the parent, which raises it after replaying the records
        return Outcome(None, error, collect.records)
    finally:
        logger.handlers = handlers


def _render(src_uris: list[str]) -> Outcome:
    """Render these pages in a worker, as the serial build would; return the harvest and the log records."""
    job = _JOB
    assert job is not None, "worker started without a job"

    def batch() -> Any:
        for src_uri in src_uris:
            page = job.pages[src_uri].page
            assert page is not None
            _build_page(page, job.config, job.doc_files, job.nav, job.env)
        return job.harvest()

    return _logged(batch)


def _named(name: str) -> Outcome:
    """Run one of the job's named tasks in a worker."""
    assert _JOB is not None, "worker started without a job"
    return _logged(_JOB.tasks[name])


class PageWorkers:
    """A pool of forked workers rendering honour pages and writing honour files during one build."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pages: list[Future[Outcome]] = []
        self._tasks: dict[str, Future[Outcome]] = {}
        self._files: list[File] = []

    def start(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: Environment,
        pages: list[File],
        tasks: dict[str, Callable[[], Any]],
        harvest: Callable[[], Any],
    ) -> None:
        """Fork the workers; hand them the ``tasks`` (named, run first) and the ``pages`` in batches."""
        global _JOB  # the forked workers hold their copy of the build here
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        _JOB = _Job(config, doc_files, nav, env, {file.src_uri: file for file in pages}, tasks, harvest)
        # With "fork", the first submit starts every worker: each is a copy of this process as it is now.
        self._pool = forked_pool(self.workers)
        self._tasks = {name: self._pool.submit(_named, name) for name in tasks}
        size = max(1, -(-len(pages) // (self.workers * CHUNKS_PER_WORKER)))
        uris = [file.src_uri for file in pages]
        self._pages = [self._pool.submit(_render, uris[i : i + size]) for i in range(0, len(uris), size)]
        self._files = pages

    def take_pages(self) -> None:
        """Take the workers' pages out of MkDocs' own page loop (once the sitemap has listed them)."""
        for file in self._files:
            file.inclusion = InclusionLevel.EXCLUDED

    def finish(self, merge: Callable[[Any], None]) -> dict[str, Any]:
        """Wait for every task; replay the workers' log records; ``merge`` each batch's harvest.

        Returns the named tasks' results. The first error of any worker is
        raised here, after every worker stopped.
        """
        global _JOB
        pool = self._pool
        if pool is None:
            return {}
        self._pool = None
        _JOB = None
        try:
            outcomes = [future.result() for future in self._pages]
            named = {name: future.result() for name, future in self._tasks.items()}
        except BrokenProcessPool:
            raise plugin_error(
                "một tiến trình dựng song song bảng vàng đã dừng đột ngột (thiếu bộ nhớ?); không xuất bản, "
                "site/ giữ bản cũ. Dựng lại, hoặc đặt workers: 1 để dựng trong một tiến trình"
            ) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        everything = [*outcomes, *named.values()]
        for outcome in everything:
            for record in outcome.records:
                logging.getLogger(record.name).handle(record)
        for outcome in everything:
            if outcome.error is not None:
                raise outcome.error
        for outcome in outcomes:
            merge(outcome.result)
        return {name: outcome.result for name, outcome in named.items()}

    def abandon(self) -> None:
        """Stop the workers of a build that failed elsewhere."""
        global _JOB
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        _JOB = None
