"""The honour section in MkDocs: generated pages, their context, exports and the manifest."""

from __future__ import annotations

import gc
import json
from functools import partial
from pathlib import Path
from typing import Any

import material
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.directives import LEVELS, Registry
from ..core.honours import export
from ..core.honours.corrections import CorrectionLinks
from ..core.honours.lookup import FOLDER as LOOKUP_FOLDER
from ..core.honours.lookup import LookupIndex, build_lookup
from ..core.honours.manifest import Manifest, csv_anchors, csv_cells_anchors, json_anchors, lookup_anchors
from ..core.honours.model import FORMS, KINDS
from ..core.honours.plan import (
    ROOT,
    HonourPage,
    HonourPlan,
    export_path,
    plan_honours,
    province_export_path,
)
from ..core.honours.rolls import load_rolls
from ..core.honours.rows import RowRenderer
from ..core.honours.stats import summary_charts
from ..core.problems import errors
from ..core.settings import SiteSettings
from ..core.site import SiteSource
from .errors import plugin_error
from .honours_cache import CachedSection, lookup, restore, section_key, store

log = get_plugin_logger(__name__)
_MATERIAL = Path(material.__file__).resolve().parent

MANIFEST_PATH = f"{ROOT}/du-lieu/manifest.json"
_MANIFEST_PLACES = {"decision": "decision_pages", "place": "place_pages"}


def page_source(title: str, template: str, *, searchable: bool = True) -> str:
    """Return the Markdown source of a generated page: front matter only."""
    # JSON strings are valid YAML scalars, and much cheaper to write than yaml.safe_dump.
    search = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ntemplate: {template}\n{search}---\n"


class HonourSection:
    """Per-build state of the honour pages; the plugin calls it from its hooks.

    Each build either plans the section from the rolls (and keeps the result
    for the next build) or, when nothing the section is made from changed,
    reuses the last build's files and renders only the section's index page.
    """

    def __init__(
        self, settings: SiteSettings, split_over: int, corrections: str | None, cache_dir: Path | None
    ) -> None:
        self.settings = settings
        self.split_over = split_over
        self.corrections = corrections
        self.cache_dir = cache_dir
        self.plan = HonourPlan()
        self.digest = self.plan.digest()
        self.cached: CachedSection | None = None
        self.lookup: LookupIndex | None = None
        self.key = ""
        self.manifest = Manifest()
        self.rows = RowRenderer(self.plan.entry_url, settings.absolute_url, None)

    def start(self, source: SiteSource, config: MkDocsConfig) -> None:
        """Reuse the cached section if its key matches; otherwise read the rolls and plan the pages."""
        settings = self.settings
        self.cached = None
        gc.unfreeze()  # a previous round of `mkdocs serve` may have stopped before finishing
        if self.cache_dir is not None:
            theme_dirs = [Path(d) for d in config.theme.dirs if not Path(d).is_relative_to(_MATERIAL)]
            self.key = section_key(settings, theme_dirs, Path(config.config_file_path).read_bytes(), source)
            self.cached = lookup(self.cache_dir, self.key)
        if self.cached is not None:
            log.info("bảng vàng không đổi từ lần dựng trước, dùng lại %d trang", len(self.cached.page_urls))
            self.plan = HonourPlan()
            self.digest = self.cached.digest
            return
        # A province's rolls are hundreds of thousands of small objects and no cycles: the cyclic
        # garbage collector would walk them again and again while they are read and rendered.
        gc.disable()
        try:
            source.add_rolls(
                load_rolls(settings.honours_dir, settings.root, source.registry, source.published, settings=settings)
            )
            # Rolls with errors are never planned: the build stops on their located messages instead.
            clean = not errors(source.rolls.problems)
            self.plan = plan_honours(source.rolls.decisions if clean else [], settings, self.split_over)
        finally:
            gc.enable()
        gc.freeze()
        self.digest = self.plan.digest()
        links = CorrectionLinks(self.corrections) if self.corrections else None
        self.rows = RowRenderer(self.plan.entry_url, settings.absolute_url, links)
        self.manifest = Manifest()
        self.manifest.expect(self.plan.decisions)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Add the honour pages; only the section's index is in the navigation (and rendered on a reuse)."""
        index = f"{ROOT}/index.md"
        if self.cached is not None:
            files.append(File.generated(config, index, content=page_source("Bảng vàng vinh danh", "honour-index.html")))
            return
        for src_uri, page in self.plan.pages.items():
            inclusion = InclusionLevel.UNDEFINED if src_uri == index else InclusionLevel.NOT_IN_NAV
            source = page_source(page.title, page.template, searchable=page.kind not in ("decision", "place", "shared"))
            files.append(File.generated(config, src_uri, content=source, inclusion=inclusion))

    def context(self, src_uri: str, page_url: str) -> dict[str, Any] | None:
        """Return the template context of an honour page, or None for other pages."""
        root = "../" * page_url.count("/")
        if src_uri == f"{ROOT}/index.md":
            return {"digest": self.digest, "root": root}
        page = self.plan.pages.get(src_uri)
        if page is None:
            return None
        return {"page": page, **page.data, "plan": self.plan, "summary": self.plan.summary, "root": root}

    def globals(self, env: Environment, registry: Registry) -> None:
        """Give templates the labels and link helpers they need."""
        settings = self.settings
        env.globals["bv_kinds"] = KINDS
        env.globals["bv_forms"] = FORMS
        env.globals["bv_levels"] = LEVELS
        env.globals["bv_honours_url"] = settings.page_url(f"{ROOT}/index.md")
        env.globals["bv_export"] = export_path
        env.globals["bv_province_export"] = province_export_path
        env.globals["bv_directive"] = registry.lookup
        env.globals["bv_article_url"] = lambda src_uri: settings.page_url(src_uri)
        env.globals["bv_rows"] = lambda rows, root, with_decision=False: self.rows.render(rows, root, with_decision)
        env.globals["bv_honour_url"] = lambda name: settings.page_url(f"{ROOT}/{name}/index.md")
        env.globals["bv_honour_charts"] = summary_charts
        env.globals["bv_lookup_index"] = LOOKUP_FOLDER
        env.globals["bv_decision_url"] = lambda d: settings.page_url(f"{ROOT}/quyet-dinh/{d.slug}/index.md")

    def count_page(self, page: Page, output: str) -> None:
        """Count the entry rows of a decision or place page, by the file it is written to (its last writing counts)."""
        planned: HonourPage | None = self.plan.pages.get(page.file.src_uri)
        if planned is not None and planned.kind in _MANIFEST_PLACES:
            self.manifest.count_page(_MANIFEST_PLACES[planned.kind], Path(page.file.abs_dest_path), output)

    def finish(self, site_dir: Path) -> None:
        """Write (or reuse) the open data and the manifest; fail the build if an entry is missing anywhere."""
        try:
            self._finish(site_dir)
        finally:
            gc.unfreeze()  # the rolls may be collected once the build (or this serve round) is done

    def _finish(self, site_dir: Path) -> None:
        settings = self.settings
        if self.cached is not None:
            restore(self.cached, site_dir)
            return
        self._write_exports(site_dir)
        plan = self.plan
        self.lookup = build_lookup(
            plan.decisions, plan.entry_url, site_dir / LOOKUP_FOLDER, plan.place_of, plan.title_of
        )
        self._check_manifest(site_dir)
        if self.cache_dir is not None and self.key:
            index = settings.page_url(f"{ROOT}/index.md")
            urls = [page.url for page in self.plan.pages.values() if page.url != index]
            keep = {_output_path(index)}
            store(self.cache_dir, self.key, site_dir, self.digest, urls, keep)

    def _write_exports(self, site_dir: Path) -> None:
        for decision in self.plan.decisions:
            url = self.settings.absolute_url(self.plan.pages[f"{ROOT}/quyet-dinh/{decision.slug}/index.md"].url)
            rows = ((decision, entry) for entry in decision.entries)
            export.write_csv(site_dir / export_path(decision, "csv"), rows)
            export.write_decision_json(site_dir / export_path(decision, "json"), decision, url)
        for province, places in self.plan.provinces.items():
            rows_of = [row for rows in places.values() for row in rows]
            address = self.plan.province_addresses[province]
            export.write_csv(site_dir / province_export_path(address, "csv"), rows_of)
            export.write_rows_json(site_dir / province_export_path(address, "json"), rows_of)

    def _check_manifest(self, site_dir: Path) -> None:
        """Count every entry in the pages and files as written; write the manifest; fail if any is missing."""
        manifest = self.manifest
        for decision in self.plan.decisions:
            path = site_dir / export_path(decision, "csv")
            manifest.count("csv", partial(csv_anchors, path), partial(csv_cells_anchors, path))
            manifest.count("json", partial(json_anchors, site_dir / export_path(decision, "json")))
        # Each file once, however many provinces were (wrongly) given it: what is on disk is what counts.
        addresses = self.plan.province_addresses.values()
        for path in dict.fromkeys(site_dir / province_export_path(address, "csv") for address in addresses):
            manifest.count("province_csv", partial(csv_anchors, path), partial(csv_cells_anchors, path))
        for path in dict.fromkeys(site_dir / province_export_path(address, "json") for address in addresses):
            manifest.count("province_json", partial(json_anchors, path))
        manifest.count("lookup", partial(lookup_anchors, site_dir / LOOKUP_FOLDER))
        manifest.write(site_dir / MANIFEST_PATH)
        problems = manifest.problems()
        if problems:
            lines = "\n".join(problems)
            raise plugin_error(f"bảng vàng xuất bản thiếu mục, không xuất bản (site/ giữ bản cũ):\n{lines}")


def _output_path(url: str) -> str:
    """Return the output file of a page URL ("vinh-danh/" → "vinh-danh/index.html")."""
    return url + "index.html" if url.endswith("/") or not url else url
