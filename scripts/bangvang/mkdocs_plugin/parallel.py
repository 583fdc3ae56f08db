"""Honour pages and files, and news listings, written by worker processes while MkDocs writes the rest.

A province's honour section is thousands of pages and files, each made from
the plan alone, and 2.000 articles make a thousand listing pages (lists,
categories, tags, archives): they can be written side by side. When the plugin's ``on_env``
runs, MkDocs has read every page and built the navigation and the template
environment; the workers are forked from that moment, so each holds the very
same state and renders pages with MkDocs' own page builder, the function the
serial build calls. Their output is therefore the serial build's, byte for
byte (a test holds the two against each other).

The work is shared out as it goes, not in fixed parts: a counter the
processes share hands out the honour pages one at a time, then the exports.
The first worker writes the lookup index (the longest single piece) before it
draws; the others draw at once. The main process meanwhile copies the theme's
files, writes the sitemap (which must still list the honour pages, taken out
of its loop once it is written) and the rest of the site's pages; then
(``on_post_build``) it draws what is left like a worker, so all finish
together whatever each was given. Last it collects what each worker reports —
the rows it counted for the manifest, the log records it would have printed,
or the error that stopped it — and goes on as if it had done the work itself.
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

from ..core.processes import Claim, SharedCounter, forked_pool
from .errors import plugin_error

PARALLEL_FROM = 20_000
"""Entries from which a build with ``workers: 0`` (one per core) starts workers: below, forking costs more."""
PARALLEL_PAGES_FROM = 300
"""News pages from which a build with ``workers: 0`` starts workers (a page takes about 3 ms)."""


@dataclass
class _Job:
    """What the processes share the honour section's work with: the build's state at the moment of the fork."""

    config: MkDocsConfig
    doc_files: Sequence[File]
    nav: Navigation
    env: Environment
    pages: list[File]
    """The honour pages, handed out one at a time by number."""
    claim: SharedCounter
    lead: Callable[[], Any]
    """The first worker's own task, run before it draws pages (the lookup index: the longest piece of work)."""
    after: Callable[[Claim], Any]
    """What follows the pages, drawing its own numbers from 0 (the exports)."""
    harvest: Callable[[], Any]
    """Called in a worker at its end: what the parent needs back from it (the manifest's counts of its pages)."""


@dataclass
class Share:
    """What one process did of the shared work: the lead task's result (first worker), ``after``'s, its harvest."""

    led: Any = None
    after: Any = None
    harvest: Any = None


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


def logged(task: Callable[[], Any]) -> Outcome:
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


def _draw(job: _Job) -> Any:
    """Render each page the counter hands this process, then run ``after`` on the numbers past the pages."""
    pages = job.pages
    number = job.claim()
    while number < len(pages):
        page = pages[number].page
        assert page is not None
        _build_page(page, job.config, job.doc_files, job.nav, job.env)
        number = job.claim()
    drawn = [number - len(pages)]  # the first number past the pages is this process's first of the rest

    def claim_after() -> int:
        return drawn.pop() if drawn else job.claim() - len(pages)

    return job.after(claim_after)


def _work(lead: bool) -> Outcome:
    """In a worker: the lead task if it is the first, then its draw of the pages and the rest."""
    job = _JOB
    assert job is not None, "worker started without a job"

    def work() -> Share:
        led = job.lead() if lead else None
        return Share(led, _draw(job), job.harvest())

    return logged(work)


class PageWorkers:
    """A pool of forked workers sharing the honour section's pages and files with this process during one build."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._shares: list[Future[Outcome]] = []
        self._job: _Job | None = None
        self.pages: list[File] = []
        """The pages shared out (taken out of MkDocs' loop once the sitemap lists them)."""

    def start(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: Environment,
        pages: list[File],
        claim: SharedCounter,
        lead: Callable[[], Any],
        after: Callable[[Claim], Any],
        harvest: Callable[[], Any],
    ) -> None:
        """Fork the workers: the first runs ``lead``; each then draws ``pages`` to render, then runs ``after``."""
        global _JOB  # the forked workers hold their copy of the build here
        self.pages = pages
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self._job = _JOB = _Job(config, doc_files, nav, env, pages, claim, lead, after, harvest)
        # With "fork", the first submit starts every worker: each is a copy of this process as it is now.
        self._pool = forked_pool(self.workers)
        self._shares = [self._pool.submit(_work, index == 0) for index in range(self.workers)]

    def take_pages(self) -> None:
        """Take the shared pages out of MkDocs' own page loop (once the sitemap has listed them)."""
        assert self._job is not None
        for file in self._job.pages:
            file.inclusion = InclusionLevel.EXCLUDED

    def draw(self) -> Any:
        """In this process, once MkDocs' own pages are written: render the pages and run the rest left to draw.

        Returns ``after``'s result; the pages count themselves here as MkDocs' own do (``on_post_page``).
        """
        assert self._job is not None
        return _draw(self._job)

    def finish(self, merge: Callable[[Any], None]) -> list[Share]:
        """Wait for every worker; replay their log records; ``merge`` each one's harvest; return their shares.

        The first error of any worker is raised here, after every worker stopped.
        """
        global _JOB
        pool = self._pool
        if pool is None:
            return []
        self._pool = None
        self._job = _JOB = None
        try:
            outcomes = [future.result() for future in self._shares]
        except BrokenProcessPool:
            raise plugin_error(
                "một tiến trình dựng song song bảng vàng đã dừng đột ngột (thiếu bộ nhớ?); không xuất bản, "
                "site/ giữ bản cũ. Dựng lại, hoặc đặt workers: 1 để dựng trong một tiến trình"
            ) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        for outcome in outcomes:
            for record in outcome.records:
                logging.getLogger(record.name).handle(record)
        for outcome in outcomes:
            if outcome.error is not None:
                raise outcome.error
        shares: list[Share] = [outcome.result for outcome in outcomes]
        for share in shares:
            merge(share.harvest)
        return shares

    def abandon(self) -> None:
        """Stop the workers of a build that failed elsewhere: they take no new work, and end."""
        global _JOB
        if self._job is not None:
            self._job.claim.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._job = _JOB = None
