"""In a full build on several cores, a forked process converts half the articles' and directives' Markdown.

MkDocs reads and converts every page, one after the other, before it renders
any: at 2.000 articles that is a quarter of the build, with the second core
idle. Once the plugin's ``on_nav`` has run, the build forks one process that
converts the second half of the articles and directives (in MkDocs' order)
while this process converts the first half as MkDocs always does. The other
process sends back each page's conversion as a preview keeps it
(:class:`.reuse.Converted`), and each page of its half is a
:class:`ConvertedApart`: MkDocs' loop reaching the first of them waits for the
batch, then each takes its conversion, as a page a preview reuses takes its
kept one.

The other process runs the very code this one would, so the pages come out
the same, byte for byte (a test holds a parallel build to a serial one). Its
log records (a broken link's warning) are replayed here, where strict mode
counts them. If it failed, for any reason, this process converts its pages
itself: an error or a warning then comes exactly as in a serial build.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from mkdocs.commands.build import _populate_page  # MkDocs' own page reader (private, stable within 1.x)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.processes import forked_pool
from .parallel import Outcome, logged
from .reuse import Converted, apply_conversion, conversion_of, take_over, take_source

log = logging.getLogger(__name__)


@dataclass
class _Job:
    """What the forked process converts: the build's state at the moment of the fork, and its half's pages."""

    config: MkDocsConfig
    files: Files
    src_uris: list[str]


_JOB: _Job | None = None
"""Set in the parent just before the fork; the forked process reads its copy."""


def _convert() -> Outcome:
    """In the forked process: read and convert each page of its half as MkDocs' loop would; return each one's."""
    job = _JOB
    assert job is not None, "converter started without a job"

    def work() -> list[Converted]:
        converted = []
        for src_uri in job.src_uris:
            file = job.files.get_file_from_path(src_uri)
            assert file is not None and file.page is not None
            _populate_page(file.page, job.config, job.files)
            converted.append(conversion_of(file.page, b""))
        return converted

    return logged(work)


class Batch:
    """The other process's conversions, awaited the first time one is asked for."""

    def __init__(self, pool: ProcessPoolExecutor, future: Future[Outcome], src_uris: Sequence[str]) -> None:
        self._pool: ProcessPoolExecutor | None = pool
        self._future = future
        self._src_uris = src_uris
        self._converted: dict[str, Converted] = {}

    def get(self, src_uri: str) -> Converted | None:
        """The page's conversion by the other process; None if it failed (this process converts it then)."""
        if self._pool is not None:
            self._collect()
        return self._converted.get(src_uri)

    def _collect(self) -> None:
        pool, self._pool = self._pool, None
        assert pool is not None
        try:
            outcome = self._future.result()
        except Exception as error:  # the process died (out of memory?) or its result did not come back
            log.debug("converting apart failed, converted here: %r", error)
            return
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if outcome.error is not None:
            # Converted again here, the pages give the error and its warnings as a serial build gives them.
            return
        for record in outcome.records:
            logging.getLogger(record.name).handle(record)
        self._converted = dict(zip(self._src_uris, outcome.result, strict=True))

    def close(self) -> None:
        """Stop the other process of a build that failed before it was awaited."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class ConvertedApart(Page):
    """A page converted by the other process: reading it takes that conversion, or reads it here if there is none."""

    batch: Batch
    kept: Converted | None

    def read_source(self, config: MkDocsConfig) -> None:
        self.kept = self.batch.get(self.file.src_uri)
        if self.kept is None:
            super().read_source(config)
        else:
            take_source(self, self.kept)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.kept is None:
            super().render(config, files)
        else:
            apply_conversion(self, self.kept, files)


def split(config: MkDocsConfig, files: Files, src_uris: Sequence[str]) -> Batch | None:
    """Fork the process converting the second half of these pages (in MkDocs' order); None if too few to split."""
    global _JOB  # the forked process holds its copy of the build here
    order = {file.src_uri: number for number, file in enumerate(files.documentation_pages())}
    pages = sorted((uri for uri in src_uris if uri in order), key=order.__getitem__)
    apart = pages[len(pages) // 2 :]
    if len(apart) < 2:
        return None
    _JOB = _Job(config, files, apart)
    try:
        pool = forked_pool(1)
        future = pool.submit(_convert)  # with "fork", the process is a copy of this one as it is now
    finally:
        _JOB = None
    batch = Batch(pool, future, apart)
    for src_uri in apart:
        file = files.get_file_from_path(src_uri)
        assert file is not None
        page = take_over(file, ConvertedApart)
        page.batch, page.kept = batch, None
    return batch
