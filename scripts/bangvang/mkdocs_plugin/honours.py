"""The honour section in MkDocs: generated pages, their context, exports and the manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.directives import LEVELS, Registry
from ..core.honours import export
from ..core.honours.corrections import CorrectionLinks
from ..core.honours.manifest import Manifest
from ..core.honours.model import FORMS, KINDS, Decision
from ..core.honours.plan import (
    ROOT,
    HonourPage,
    HonourPlan,
    export_path,
    plan_honours,
    province_export_path,
    province_folder,
)
from ..core.honours.rows import RowRenderer
from ..core.honours.stats import summary_charts
from ..core.settings import SiteSettings

MANIFEST_PATH = f"{ROOT}/du-lieu/manifest.json"
_MANIFEST_PLACES = {"decision": "decision_pages", "place": "place_pages"}


def page_source(title: str, template: str, *, searchable: bool = True) -> str:
    """Return the Markdown source of a generated page: front matter only."""
    # JSON strings are valid YAML scalars, and much cheaper to write than yaml.safe_dump.
    search = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ntemplate: {template}\n{search}---\n"


class HonourSection:
    """Per-build state of the honour pages; the plugin calls it from its hooks."""

    def __init__(self, settings: SiteSettings, split_over: int, corrections: str | None) -> None:
        self.settings = settings
        self.split_over = split_over
        self.corrections = corrections
        self.plan = HonourPlan()
        self.manifest = Manifest()
        self.rows = RowRenderer(self.plan.entry_url, settings.absolute_url, None)

    def prepare(self, decisions: list[Decision]) -> None:
        """Plan the pages of the decisions read this build."""
        self.plan = plan_honours(decisions, self.settings, self.split_over)
        links = CorrectionLinks(self.corrections) if self.corrections else None
        self.rows = RowRenderer(self.plan.entry_url, self.settings.absolute_url, links)
        self.manifest = Manifest()
        self.manifest.expect(self.plan.decisions)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Add every honour page; only the section's index is in the navigation."""
        index = f"{ROOT}/index.md"
        for src_uri, page in self.plan.pages.items():
            inclusion = InclusionLevel.UNDEFINED if src_uri == index else InclusionLevel.NOT_IN_NAV
            source = page_source(page.title, page.template, searchable=page.kind not in ("decision", "place"))
            files.append(File.generated(config, src_uri, content=source, inclusion=inclusion))

    def context(self, src_uri: str) -> dict[str, Any] | None:
        """Return the template context of an honour page, or None for other pages."""
        page = self.plan.pages.get(src_uri)
        if page is None:
            return None
        root = "../" * page.url.count("/")
        return {"page": page, **page.data, "plan": self.plan, "summary": self.plan.summary, "root": root}

    def globals(self, env: Environment, registry: Registry) -> None:
        """Give templates the labels and link helpers they need."""
        settings = self.settings
        env.globals["bv_kinds"] = KINDS
        env.globals["bv_forms"] = FORMS
        env.globals["bv_levels"] = LEVELS
        env.globals["bv_honours_url"] = settings.page_url(f"{ROOT}/index.md")
        env.globals["bv_anchor"] = lambda decision, entry: decision.anchor(entry)
        env.globals["bv_entry_url"] = self.plan.entry_url
        env.globals["bv_export"] = export_path
        env.globals["bv_province_export"] = province_export_path
        env.globals["bv_directive"] = registry.lookup
        env.globals["bv_article_url"] = lambda src_uri: settings.page_url(src_uri)
        env.globals["bv_rows"] = lambda rows, root, with_decision=False: self.rows.render(rows, root, with_decision)
        env.globals["bv_honour_url"] = lambda name: settings.page_url(f"{ROOT}/{name}/index.md")
        env.globals["bv_province_url"] = lambda province: settings.page_url(f"{province_folder(province)}/index.md")
        env.globals["bv_honour_charts"] = summary_charts
        env.globals["bv_decision_url"] = lambda decision: settings.page_url(
            f"{ROOT}/quyet-dinh/{decision.slug}/index.md"
        )

    def count_page(self, page: Page, output: str) -> None:
        """Count the entry rows a rendered honour page holds, for the manifest."""
        planned: HonourPage | None = self.plan.pages.get(page.file.src_uri)
        if planned is not None and planned.kind in _MANIFEST_PLACES:
            self.manifest.count_html(_MANIFEST_PLACES[planned.kind], output)

    def write_exports(self, site_dir: Path) -> None:
        """Write the open-data files and the manifest; fail the build if an entry is missing anywhere."""
        manifest = self.manifest
        for decision in self.plan.decisions:
            url = self.settings.absolute_url(self.plan.pages[f"{ROOT}/quyet-dinh/{decision.slug}/index.md"].url)
            rows = ((decision, entry) for entry in decision.entries)
            manifest.add("csv", decision.slug, export.write_csv(site_dir / export_path(decision, "csv"), rows))
            count = export.write_decision_json(site_dir / export_path(decision, "json"), decision, url)
            manifest.add("json", decision.slug, count)
        for province, places in self.plan.provinces.items():
            rows_of = [row for rows in places.values() for row in rows]
            for extension, writer in (("csv", export.write_csv), ("json", export.write_rows_json)):
                path = site_dir / province_export_path(province, extension)
                writer(path, rows_of)
                for decision, _ in rows_of:
                    manifest.add(f"province_{extension}", decision.slug, 1)
        manifest.write(site_dir / MANIFEST_PATH)
        problems = manifest.problems()
        if problems:
            lines = "\n".join(problems)
            raise PluginError(f"Bảng Vàng: bảng vàng xuất bản thiếu mục (xem {MANIFEST_PATH}):\n{lines}")
