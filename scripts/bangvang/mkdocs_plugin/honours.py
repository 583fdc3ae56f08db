"""The honour section in MkDocs: generated pages, their context, exports and the manifest."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.directives import LEVELS, Registry
from ..core.honours import export
from ..core.honours.corrections import CorrectionLinks
from ..core.honours.manifest import Manifest, csv_anchors, csv_cells_anchors, lookup_anchors
from ..core.honours.model import FORMS, KINDS
from ..core.honours.name_index import NameIndex, write_name_index
from ..core.honours.plan import HonourPlan, PlanMemo, plan_honours
from ..core.honours.redirects import redirect_page
from ..core.honours.rolls import RollsMemo, load_rolls
from ..core.honours.rows import RowRenderer, number_html, numbers_html, with_number_html
from ..core.honours.stats import province_tables, summary_charts
from ..core.inventory import output_path
from ..core.problems import errors
from ..core.processes import Claim
from ..core.settings import SiteSettings
from ..core.site import SiteSource
from ..core.sitemap import honour_last_modified
from ..core.text import format_number
from .errors import plugin_error
from .honours_cache import CachedSection, FileHashes, probe, restore, section_key, store
from .reuse import Tally
from .theme import editable_dirs

log = get_plugin_logger(__name__)
Tallies = dict[str, tuple[int, int] | None]
"""Entries counted in written files, per manifest place (None: the file could not be read there)."""


@dataclass(frozen=True)
class WrittenFiles:
    """The section's exports and lookup index as written, with their entries counted back from disk."""

    name_index: NameIndex
    tallies: Tallies


LookupIndex = tuple[NameIndex, tuple[int, int] | None]
"""The lookup index as written, and its entries counted back from disk (None: it could not be read)."""


def added(first: Tallies, second: Tallies) -> Tallies:
    """Return the tallies of two processes' files together (None wherever either could not read its own)."""
    tallies: Tallies = {}
    for place in {**first, **second}:
        one, other = first.get(place, (0, 0)), second.get(place, (0, 0))
        tallies[place] = None if one is None or other is None else (one[0] + other[0], one[1] + other[1])
    return tallies


def written_files(index: LookupIndex, exports: list[Tallies]) -> WrittenFiles:
    """Return the section's files as the processes that wrote them counted them: the index, each one's exports."""
    tallies: Tallies = {"lookup": index[1]}
    for counted in exports:
        tallies = added(tallies, counted)
    return WrittenFiles(index[0], tallies)


_MANIFEST_PLACES = {"decision": "decision_pages", "decision-place": "decision_pages", "place": "place_pages"}


class HonourSection:
    """Per-build state of the honour pages; the plugin calls it from its hooks.

    Each build either plans the section from the rolls (and keeps the result
    for the next build) or, when nothing the section is made from changed,
    reuses the last build's files and renders only the section's index page.
    """

    def __init__(
        self,
        settings: SiteSettings,
        split_over: int,
        corrections: str | None,
        cache_dir: Path | None,
        *,
        processes: int = 1,
        memo: RollsMemo | None = None,
        plans: PlanMemo | None = None,
        hashes: FileHashes | None = None,
    ) -> None:
        self.settings = settings
        self.hashes = hashes
        """The digests of the files the section's key is made from, kept across the builds of `mkdocs serve`."""
        self.memo = memo
        """Each decision file's reading, kept across the builds of `mkdocs serve`."""
        self.plans = plans
        """Each decision's pages as planned, kept across the builds of `mkdocs serve`."""
        self.processes = processes
        """How many processes may read the rolls (:func:`..core.honours.rolls.load_rolls`)."""
        self.split_over = split_over
        self.corrections = corrections
        self.cache_dir = cache_dir
        self.plan = HonourPlan()
        self.digest = self.plan.digest()
        self.cached: CachedSection | None = None
        self.linked: list[str] = []
        """On a cache hit, the reused pages editors link to: MkDocs must know them to resolve those links."""
        self.name_index: NameIndex | None = None
        self.key = ""
        self.manifest = Manifest()
        self.rows = RowRenderer()

    def start(self, source: SiteSource, config: MkDocsConfig) -> None:
        """Reuse the cached section if its key matches; otherwise read the rolls and plan the pages."""
        settings = self.settings
        self.cached = None
        self.linked = []
        gc.unfreeze()  # a previous round of `mkdocs serve` may have stopped before finishing
        if self.cache_dir is not None:
            self.key = section_key(
                settings,
                editable_dirs(config.theme.dirs),
                Path(config.config_file_path).read_bytes(),
                source,
                self.hashes,
            )
            self.cached = probe(self.cache_dir, self.key)
        if self.cached is not None:
            log.info("bảng vàng không đổi từ lần dựng trước, dùng lại %d trang", len(self.cached.page_urls))
            self.plan = HonourPlan()
            self.digest = self.cached.digest
            pages = set(self.cached.page_sources)
            source.check_honour_links(pages)
            self.linked = sorted({link.resolved for link in source.honour_links} & pages)
            return
        # A province's rolls are hundreds of thousands of small objects and no cycles: the cyclic
        # garbage collector would walk them again and again while they are read and rendered.
        gc.disable()
        try:
            source.add_rolls(
                load_rolls(
                    settings.honours_dir,
                    settings.root,
                    source.registry,
                    source.published,
                    settings=settings,
                    processes=self.processes,
                    memo=self.memo,
                )
            )
            if settings.provinces:
                left_decisions, left_entries = source.rolls.left_out
                log.info(
                    "bảng vàng chỉ đăng %s: %d quyết định, %s mục "
                    "(bỏ %d quyết định và %s mục của tỉnh, thành phố khác)",
                    ", ".join(settings.provinces),
                    len(source.rolls.decisions),
                    format_number(source.rolls.entry_count),
                    left_decisions,
                    format_number(left_entries),
                )
            # Rolls with errors are never planned: the build stops on their located messages instead.
            clean = not errors(source.rolls.problems)
            decisions = source.rolls.decisions if clean else []
            self.plan = plan_honours(decisions, settings, self.split_over, memo=self.plans)
        finally:
            gc.enable()
        gc.freeze()
        self.digest = self.plan.digest()
        source.check_honour_links(self.plan.pages, self.plan.redirects)
        self.rows = RowRenderer()
        self.manifest = Manifest()
        self.manifest.expect(self.plan.decisions)

    def warm(self, source: SiteSource) -> None:
        """Read and plan the rolls into the memos, as :meth:`start` does, without making the section.

        A preview whose build reused the cached section has read no decision:
        the first one saved would read and plan all the others too (2 s more
        at 100.000 entries than each save after it). Run after that preview is
        served (the next build waits for it), this leaves the memos as a build
        that read the rolls would. It reads in this process only: a thread may
        not fork.
        """
        if self.memo is None or self.plans is None:
            return
        settings = self.settings
        gc.disable()  # as in start: hundreds of thousands of objects, no cycles
        try:
            rolls = load_rolls(
                settings.honours_dir,
                settings.root,
                source.registry,
                source.published,
                settings=settings,
                processes=1,
                memo=self.memo,
            )
            if not errors(rolls.problems):
                plan_honours(rolls.decisions, settings, self.split_over, memo=self.plans)
        finally:
            gc.enable()

    @property
    def planned(self) -> HonourPlan | None:
        """The section's plan, or None when the last build's pages are reused."""
        return None if self.cached is not None else self.plan

    def globals(self, env: Environment, registry: Registry) -> None:
        """Give templates the labels and link helpers they need."""
        env.globals["bv_kinds"] = KINDS
        env.globals["bv_forms"] = FORMS
        env.globals["bv_levels"] = LEVELS
        env.globals["bv_directive"] = registry.find
        env.globals["bv_rows"] = self.rows.render
        env.globals["bv_honour_charts"] = summary_charts
        env.globals["bv_province_tables"] = province_tables
        env.filters["bv_no"] = number_html
        env.filters["bv_with_no"] = with_number_html
        env.filters["bv_numbers"] = numbers_html
        env.globals["bv_corrections"] = self.corrections
        links = CorrectionLinks(self.corrections) if self.corrections else None
        env.globals["bv_fix"] = lambda number, address: links.page_link(number or "", address or "") if links else ""

    def count_page(self, page: Page, output: str) -> None:
        """Count the entry rows of a decision or place page, by the file it is written to (its last writing counts)."""
        planned = self.plan.pages.get(page.file.src_uri)
        if planned is not None and planned.kind in _MANIFEST_PLACES:
            self.manifest.count_page(_MANIFEST_PLACES[planned.kind], Path(page.file.abs_dest_path), output)

    def tally_of(self, src_uri: str, files: Files) -> Tally | None:
        """Where the manifest counted the rows of a page written by this build, and their count; None if nowhere."""
        planned, file = self.plan.pages.get(src_uri), files.get_file_from_path(src_uri)
        place = _MANIFEST_PLACES.get(planned.kind) if planned is not None else None
        if place is None or file is None:
            return None
        counted = self.manifest.pages.get(place, {}).get(Path(file.abs_dest_path))
        return None if counted is None else (place, counted)

    def count_kept(self, path: Path, tally: Tally) -> None:
        """Count the rows of a page reused as it was written (``tally`` from :meth:`tally_of` then)."""
        place, counted = tally
        self.manifest.add_pages({place: {path: counted}})

    def finish(
        self,
        site_dir: Path,
        written: WrittenFiles | None = None,
        *,
        release: bool = True,
        in_place: bool = False,
        later: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        """Write (or reuse) the open data and the manifest; fail the build if an entry is missing anywhere.

        ``written`` is what the processes sharing the work wrote and counted (:func:`written_files`).
        ``release=False`` leaves the rolls out of the garbage collector's reach
        for good: a ``mkdocs build`` ends right after, and its last collection
        would walk every object of a province's rolls once more (over a second at
        100.000 entries) only to free memory the exiting process gives back anyway.
        ``in_place`` says a reused section's files are in the site already (a kept preview, :mod:`.kept_site`).
        ``later``, when given, is handed the lookup index, the exports, the manifest and the cache entry of a
        section made anew, to be written after this build (a preview serves its pages first).
        """
        try:
            self._finish(site_dir, written, in_place, later)
        finally:
            if release:
                gc.unfreeze()  # the rolls may be collected once this round of `mkdocs serve` is done

    def write_index(self, site_dir: Path) -> LookupIndex:
        """Write the lookup index; count its entries back from disk, for the manifest (see :meth:`_check_manifest`)."""
        plan, folder = self.plan, site_dir / self.settings.layout.name_index
        index = write_name_index(plan.decisions, plan.entry_url, folder, plan.place_of, plan.title_of)
        counted = Manifest()
        counted.count("lookup", partial(lookup_anchors, folder))
        return index, counted.tally("lookup")

    def _write_files(self, site_dir: Path) -> WrittenFiles:
        """Write the lookup index and every export in this process."""
        return written_files(self.write_index(site_dir), [self.write_exports(site_dir, itertools.count().__next__)])

    def write_exports(self, site_dir: Path, claim: Claim) -> Tallies:
        """Write each export ``claim`` hands this process until none is left; count the entries of those it wrote.

        An export is a decision's CSV, or every province's own CSV together (two
        provinces given one address write one file in turn, as a serial build would).
        """
        layout = self.settings.layout
        current = export.CurrentUnits(self.plan.place_of, self.plan.located)
        decisions = self.plan.decisions
        counted = Manifest()
        while (number := claim()) <= len(decisions):
            if number == len(decisions):
                for path in self._write_province_exports(site_dir, current):
                    counted.count("province_csv", partial(csv_anchors, path), partial(csv_cells_anchors, path))
                continue
            decision = decisions[number]
            path = site_dir / layout.decision_export(decision.slug, "csv")
            export.write_csv(path, ((decision, entry) for entry in decision.entries), current)
            counted.count("csv", partial(csv_anchors, path), partial(csv_cells_anchors, path))
        return {place: counted.tally(place) for place in ("csv", "province_csv")}

    def _write_province_exports(self, site_dir: Path, current: export.CurrentUnits) -> list[Path]:
        """Write each province's own CSV; return the files written, each once."""
        paths = []
        for province in self._own_exports():
            rows_of = [row for rows in self.plan.provinces[province].values() for row in rows]
            path = site_dir / self.settings.layout.province_export(self.plan.province_addresses[province], "csv")
            export.write_csv(path, rows_of, current)
            paths.append(path)
        return list(dict.fromkeys(paths))

    def _finish(
        self,
        site_dir: Path,
        written: WrittenFiles | None,
        in_place: bool,
        later: Callable[[Callable[[], None]], None] | None,
    ) -> None:
        if self.cached is not None:
            try:
                restore(self.cached, site_dir, in_place=in_place)
            except FileExistsError as exc:
                rel = Path(exc.filename).relative_to(site_dir).as_posix()
                raise plugin_error(
                    f"{rel} đã có trong trang dựng ra; bảng vàng không ghi đè (site/ giữ bản cũ)"
                ) from None
            return
        self._write_redirects(site_dir)
        if later is not None:
            later(partial(self._complete, site_dir, written))
        else:
            self._complete(site_dir, written)

    def _complete(self, site_dir: Path, written: WrittenFiles | None) -> None:
        """Write the lookup index and exports (unless ``written``), the manifest, and the cache entry."""
        written = written or self._write_files(site_dir)
        self.name_index = written.name_index
        self._check_manifest(site_dir, written.tallies)
        layout = self.settings.layout
        if self.cache_dir is not None and self.key:
            index = layout.url(layout.honours_index)
            pages = [page for page in self.plan.pages.values() if page.url != index]
            urls, sources = [page.url for page in pages], [page.src_uri for page in pages]
            dated = {page.url: day.isoformat() for page in pages if (day := honour_last_modified(page.context))}
            keep = {output_path(index)}
            store(self.cache_dir, self.key, site_dir, self.digest, urls, keep, layout, sources, dated)

    def _write_redirects(self, site_dir: Path) -> None:
        """Write a redirect page at each old place or province address (kept by the cache with the section)."""
        for old, new in self.plan.redirects.items():
            redirect = redirect_page(old, new, self.plan.pages[new].title, self.settings)
            path = site_dir / redirect.path
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with path.open("x", encoding="utf-8") as handle:  # the plan left it free; never write over a page
                    handle.write(redirect.html)
            except FileExistsError:
                raise plugin_error(f"{redirect.path} đã có trong trang dựng ra; bảng vàng không ghi đè") from None

    def _own_exports(self) -> list[str]:
        """The provinces with a CSV of their own: only where a decision mixes provinces (else the decisions' are it)."""
        return [province for province, (_, own) in self.plan.province_sources.items() if own]

    def _count_exports(self, site_dir: Path, manifest: Manifest) -> None:
        """Give the manifest the written exports to count: each decision's CSV, each province's own."""
        layout = self.settings.layout
        for decision in self.plan.decisions:
            path = site_dir / layout.decision_export(decision.slug, "csv")
            manifest.count("csv", partial(csv_anchors, path), partial(csv_cells_anchors, path))
        # Each file once, however many provinces were (wrongly) given it: what is on disk is what counts.
        addresses = (self.plan.province_addresses[province] for province in self._own_exports())
        for path in dict.fromkeys(site_dir / layout.province_export(address, "csv") for address in addresses):
            manifest.count("province_csv", partial(csv_anchors, path), partial(csv_cells_anchors, path))

    def _check_manifest(self, site_dir: Path, tallies: Tallies) -> None:
        """Count every entry in the pages and files as written; write the manifest; fail if any is missing.

        ``tallies`` are the files' counts taken where they were written; the
        files are read again here only where a count is missing or wrong.
        """
        manifest = self.manifest
        layout = self.settings.layout
        self._count_exports(site_dir, manifest)
        rows_of = (rows for name in self._own_exports() for rows in self.plan.provinces[name].values())
        manifest.expect_subset("province_csv", (row for rows in rows_of for row in rows))
        manifest.count("lookup", partial(lookup_anchors, site_dir / layout.name_index))
        manifest.add_tallies(tallies)
        manifest.write(site_dir / layout.manifest)
        problems = manifest.problems()
        if problems:
            lines = "\n".join(problems)
            raise plugin_error(f"bảng vàng xuất bản thiếu mục, không xuất bản (site/ giữ bản cũ):\n{lines}")
