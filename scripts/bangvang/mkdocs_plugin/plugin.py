"""The ``bangvang`` MkDocs plugin: validates the source, then adds the news pages."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from jinja2 import Environment
from jinja2.bccache import BytecodeCache, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core import hosting
from ..core.feed import localise, render_rss
from ..core.honours.addresses import province_key
from ..core.honours.pages import DecisionContext, DecisionPlaceContext
from ..core.honours.plan import PlanMemo
from ..core.honours.rolls import RollsMemo
from ..core.hosting import HOSTS, HostLimits
from ..core.inventory import (
    ArticlePage,
    DirectivePage,
    GeneratedPage,
    HomePage,
    HonourSectionPage,
    Inventory,
    ListingPage,
    OverviewPage,
    PageContext,
    SearchPage,
    build_inventory,
    province_tags,
)
from ..core.linkcheck import nav_paths
from ..core.mentions import analyse, link_first_mentions
from ..core.problems import errors, warnings
from ..core.processes import Claim, SharedCounter, can_fork, step_aside, worker_count
from ..core.robots import render_robots
from ..core.settings import SiteSettings
from ..core.share import honour_preview, share_links
from ..core.site import ReadMemo, SiteSource, load_site
from ..core.sitemap import last_modified
from ..core.structured_data import structured_data
from ..core.text import format_date, format_number, format_weekday_date, nfc
from . import search_index, serve_errors, split_conversion
from .collection import FullCollections
from .config import BangVangConfig
from .errors import plugin_error
from .honours import HonourSection, Tallies, written_files
from .honours_cache import FileHashes
from .kept_site import KeptSite
from .later import Later
from .nav import add_lookup, light_section
from .parallel import PARALLEL_FROM, PARALLEL_PAGES_FROM, PageWorkers
from .publication import Publication
from .reuse import BlankPage, RenderCache, ReusedPage, take_over
from .shared_parts import SharedParts, material_templates
from .split_conversion import Batch, ConvertedApart
from .theme import KeptBytecode, add_theme, template_dirs

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

_KEPT_CONTEXTS = (ArticlePage, DirectivePage, ListingPage, OverviewPage, HomePage, SearchPage)
"""The contexts whose pages a preview may reuse: plain data, shown whole by their templates (also ``PageContext``)."""


def _fields_but(value: GeneratedPage | HonourSectionPage, left_out: str) -> list[tuple[str, object]]:
    """A generated page's or context's fields by name, but one."""
    return [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != left_out]


def settings_from(config: MkDocsConfig, options: BangVangConfig) -> SiteSettings:
    """Translate MkDocs' configuration into the core's site settings."""
    site_url = config.site_url or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    root = Path(config.config_file_path).resolve().parent
    return SiteSettings(
        root=root,
        docs_dir=Path(config.docs_dir).resolve(),
        honours_dir=root / options.honours_dir,
        categories=tuple(options.categories),
        news_dir=options.news_dir,
        registry_dir=options.registry_dir,
        page_size=options.page_size,
        home_size=options.home_size,
        feed_size=options.feed_size,
        site_url=site_url,
        site_name=config.site_name,
        site_description=config.site_description or "",
        directory_urls=config.use_directory_urls,
        default_image=options.default_image,
        markdown_extensions=tuple(config.markdown_extensions),
        markdown_configs=dict(config.mdx_configs),
        template_dirs=tuple(Path(folder) for folder in template_dirs(config.theme.dirs, config.theme.custom_dir)),
        nav_paths=nav_paths(config.nav),
        honours_section=options.honours_section,
        split_over=options.split_over,
        host=host_limits(options),
        provinces=tuple(options.provinces),
        workers=options.workers,
    )


def host_limits(options: BangVangConfig) -> HostLimits:
    """Return the chosen host's limits with the numbers ``host_limits`` replaces."""
    chosen = options.host_limits
    return HOSTS[options.host].with_overrides(
        size_mb=chosen.size_mb, files=chosen.files, file_mb=chosen.file_mb, folder_files=chosen.folder_files
    )


def page_source(title: str, template: str, *, searchable: bool = True) -> str:
    """Return the Markdown source of a generated page: front matter only."""
    # JSON strings are valid YAML scalars, and much cheaper to write than yaml.safe_dump.
    search = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ntemplate: {template}\n{search}---\n"


def report(source: SiteSource, strict: bool) -> None:
    """Log warnings, and stop the build with every message when anything must stop it.

    Raised before MkDocs cleans the output folder, so a failed build leaves the
    last good site in place instead of half a site.
    """
    for problem in warnings(source.problems):
        log.warning("%s", problem)
    stopping = errors(source.problems) + (warnings(source.problems) if strict else [])
    if stopping:
        lines = "\n".join(str(p) for p in stopping)
        raise plugin_error(f"nội dung có {len(stopping)} vấn đề, không xuất bản:\n{lines}")


def _nothing() -> None:
    """The lead task of a preview's workers: none (the lookup index is written after the preview)."""


def _no_exports(claim: Claim) -> Tallies:
    """What a preview's workers export: nothing (the exports are written after the preview)."""
    return {}


class BangVangPlugin(BasePlugin[BangVangConfig]):
    """Validate articles, then add listing pages, the feed and the page context."""

    def __init__(self) -> None:
        self.settings: SiteSettings | None = None
        self.source: SiteSource | None = None
        self.inventory = Inventory()
        self.honours: HonourSection | None = None
        self.command: str | None = None
        self.dirty = False
        self.publication: Publication | None = None
        self.link_targets: list[File] = []
        self.workers: PageWorkers | None = None
        self.background: search_index.BackgroundIndex | None = None
        """In `mkdocs serve`: the search index made after each preview is served."""
        self._nav: Navigation | None = None
        """The navigation as this plugin left it (workers render with it; other plugins' on_nav run first)."""
        self._lit: StructureItem | None = None
        """The top nav item lit for the page being rendered (outside the nav), unlit after it."""
        self.reuse = RenderCache()
        """In `mkdocs serve`: what each preview keeps of its pages for the next (:mod:`.reuse`)."""
        self._reusing = False
        self.read_memo = ReadMemo()
        """What reading each page gave: a preview's next build reads only the pages that changed."""
        self.rolls_memo = RollsMemo()
        """Each decision file's reading: a preview's next build reads only the decisions that changed."""
        self.plan_memo = PlanMemo()
        self.file_hashes = FileHashes()
        """The digests of the files the honour section's key is made from: a preview reads only those changed."""
        """Each decision's pages: a preview's next build plans again only the decisions that changed."""
        self.kept_site = KeptSite()
        """In `mkdocs serve`: the last preview's files, kept for the next (:mod:`.kept_site`)."""
        self._indexed: list[File] = []
        """The article and directive pages of this build, in its files' order (what Pagefind indexes)."""
        self._taken: list[File] = []
        """Reused pages MkDocs' loop does not write (their file is kept): their links are checked here."""
        self._files: Files | None = None
        self.bytecode = KeptBytecode()
        """The templates compiled by this process's builds: a preview's next build does not compile them again."""
        self.converting: Batch | None = None
        """In a full build: the articles and directives a forked process converts (:mod:`.split_conversion`)."""
        self.fed: search_index.FedIndex | None = None
        """In a build: Pagefind, fed each article and directive page as it is written."""
        self._stand_up: Callable[[], None] = lambda: None
        """Gives the rendering thread back the priority it had before it stepped aside for Pagefind."""
        self.shared = SharedParts()
        """The navigation, tabs and config script each drawn once for the pages that show them alike."""
        self.collections = FullCollections()
        """Python's full garbage collections, made when the build says (:mod:`.collection`)."""
        self.later = Later("đã cập nhật tra cứu, tệp dữ liệu và bản kê bảng vàng", self.collections.collect)
        """In `mkdocs serve`: what a preview writes after its pages are served (:mod:`.later`)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        self.collections.hold()

    # First, so that every other plugin sees the staging folder as the site folder.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # `mkdocs serve` builds into its own temporary folder, and a dirty build only rewrites what changed:
        # both write in place. Every other build writes into a staging folder, published when it passed.
        self.publication = None
        self.later.wait()  # it writes into the folder this build is about to change
        if self.command == "serve":
            self.collections.build_starts()
        if self.background is not None:
            self.background.stop()  # MkDocs is about to empty the folder it writes into
        add_theme(config)
        self.settings = settings_from(config, self.config)
        if self.command != "serve" and not self.dirty:
            retired = self.settings.cache_folder("site-cu") if self.config.cache else None
            self.publication = Publication.start(config, link=self.config.cache, retired=retired)
        self.source = None
        # A dirty build rewrites files of the site in place, and those may be hard links into the cache.
        use_cache = self.config.cache and not self.dirty
        cache = self.settings.cache_folder("vinh-danh") if use_cache else None
        # `mkdocs serve` reads the rolls in one process (it keeps each file's reading for the next build).
        processes = worker_count(self.config.workers) if self.command != "serve" and can_fork() else 1
        self.honours = HonourSection(
            self.settings,
            self.config.split_over,
            self.config.corrections,
            cache,
            processes=processes,
            memo=self.rolls_memo if self.command == "serve" else None,
            plans=self.plan_memo if self.command == "serve" else None,
            hashes=self.file_hashes if self.command == "serve" else None,
        )
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.settings is not None
        assert self.honours is not None
        self.source = load_site(
            self.settings, read_honours=False, memo=self.read_memo if self.command == "serve" else None
        )
        self.honours.start(self.source, config)
        report(self.source, bool(config.strict))
        source = self.source
        self.inventory = build_inventory(
            source.news, source.registry, source.citations, self.settings, self.honours.planned, self.honours.digest
        )
        self._reusing = self.command == "serve" and not self.dirty and RenderCache.usable(config, self)
        if self._reusing:
            self.kept_site.hold(Path(config.site_dir))  # MkDocs empties the folder next

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.settings is not None and self.source is not None and self.honours is not None
        # A section rebuilt is written afresh; one reused is in the kept folder already.
        rebuilt = [] if self.honours.cached is not None else [self.settings.layout.honours.split("/")[0]]
        self.kept_site.put_back(Path(config.site_dir), drop=rebuilt)
        # Articles and directives stay out of the navigation: a nav holding
        # thousands of pages would be drawn on every page, a quadratic build.
        for src_uri in self.inventory.content:
            page_file = files.get_file_from_path(src_uri)
            if page_file is not None:
                page_file.inclusion = InclusionLevel.NOT_IN_NAV
        for src_uri in self.source.drafts:
            draft = files.get_file_from_path(src_uri)
            if draft is not None:
                draft.inclusion = InclusionLevel.DRAFT
        for page in self.inventory.pages.values():
            # The check refused every editor file at a generated address; this guards that promise.
            if files.get_file_from_path(page.src_uri) is not None:
                raise plugin_error(f"{page.src_uri}: trang do Bảng Vàng tạo trùng một tệp của biên tập viên")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            content = page_source(page.title, page.template, searchable=page.searchable)
            files.append(File.generated(config, page.src_uri, content=content, inclusion=inclusion))
        # A reused honour page an article links to: known to MkDocs so that it resolves the link as on a
        # full build; it is read (front matter only) but never written, its cached file is (see on_env).
        assert self.honours is not None
        self.link_targets = [
            File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            for src_uri in self.honours.linked
        ]
        for target in self.link_targets:
            files.append(target)
        feed = render_rss(self.source.news.articles, self.settings)
        files.append(File.generated(config, self.settings.layout.feed, content=feed))
        files.append(File.generated(config, self.settings.layout.robots, content=render_robots(self.settings)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.source is not None
        if isinstance(page, ReusedPage) or (isinstance(page, ConvertedApart) and page.kept is not None):
            return markdown  # read as this build would read it, links and metadata included
        src_uri = page.file.src_uri
        # The sitemap (written before any page is rendered) gives update_date as the page's lastmod:
        # the build's day unless the page has a date of its own.
        modified = last_modified(self.inventory.context(src_uri, is_homepage=False))
        if modified is not None:
            page.update_date = modified.isoformat()
        context = self.inventory.content.get(src_uri)
        if isinstance(context, ArticlePage):
            page.meta["template"] = "article.html"
            page.meta["description"] = context.article.summary
        elif isinstance(context, DirectivePage):
            page.meta["template"] = "directive.html"
            page.meta["title"] = context.directive.title
            page.meta["description"] = context.directive.subject
        elif src_uri == "index.md":
            page.meta.setdefault("template", "home.html")
        generated = self.inventory.pages.get(src_uri)
        preview = honour_preview(generated) if generated is not None else None
        if preview is not None:
            page.meta["description"] = preview.description
            page.meta["share_title"] = preview.title
        # Front matter is text: Material prints these keys unescaped, so they
        # are handed over already escaped.
        for key in ("title", "description", "author"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        markdown = nfc(markdown)
        linked = self.source.citations.linked_markdown(src_uri, markdown)
        if linked is not None:
            return linked
        return link_first_mentions(markdown, analyse(markdown, self.source.registry), src_uri)

    # Last, so that the navigation kept here is the one every page is rendered with.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.settings is not None
        self._nav = add_lookup(nav, self.settings.layout)
        in_nav = {page.file.src_uri for page in self._nav.pages}
        if self._reusing:
            assert self.source is not None and self.honours is not None
            # Links are resolved against every file's address. The honour section's pages are files only when
            # its cache missed; those no page links to are left out, so that a decision saved keeps the rest.
            honours = self.settings.layout.honours + "/"
            linked = {link.resolved for link in self.source.honour_links}
            seen = [file for file in files if not file.src_uri.startswith(honours) or file.src_uri in linked]
            # The honour section's figures a page shows are in its context (home page, decisions of an article).
            # The plugin's options are in the key as loaded: one may come from an inherited file or the environment.
            site_parts = [repr(self.source.registry.directives), repr(sorted(self.config.items()))]
            self.reuse.begin(config, seen, self._nav, site_parts)
            own = ((src_uri, None) for src_uri in self._editors(in_nav))
            generated = (
                (src_uri, page)
                for src_uri, page in self.inventory.pages.items()
                if isinstance(page.context, _KEPT_CONTEXTS) and src_uri not in in_nav
            )
            self.reuse.reuse_conversions(files, [*own, *generated])
        elif self._can_share(config, len(editors := self._editors(in_nav))):
            self.converting = split_conversion.split(config, files, editors)
        for src_uri in self.inventory.pages:
            made = files.get_file_from_path(src_uri)
            if made is not None and type(made.page) is Page and src_uri not in in_nav:  # not one reused above
                take_over(made, BlankPage)
        return self._nav

    def _editors(self, in_nav: set[str]) -> list[str]:
        """The articles and directives outside the navigation (their page objects may be replaced)."""
        return [
            src_uri
            for src_uri, context in self.inventory.content.items()
            if isinstance(context, ArticlePage | DirectivePage) and src_uri not in in_nav
        ]

    def _can_share(self, config: MkDocsConfig, pages: int) -> bool:
        """Tell whether this full build shares ``pages`` news pages with forked processes.

        Only this plugin's page events may run there: another plugin's would
        lose what it records.
        """
        if self.command == "serve" or not self._may_fork():
            return False
        return bool(self.config.workers or pages >= PARALLEL_PAGES_FROM) and RenderCache.usable(config, self)

    def _may_fork(self) -> bool:
        """Tell whether this build may share its work with forked processes: more than one asked, and not dirty."""
        return worker_count(self.config.workers) >= 2 and not self.dirty and can_fork()

    # Last, so that the workers forked here hold the environment every plugin finished.
    @event_priority(-100)
    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        assert self.settings is not None
        settings = self.settings
        for target in self.link_targets:
            target.inclusion = InclusionLevel.EXCLUDED  # links are resolved by now; the cache writes the page
        if self.converting is not None:  # every page is read by now: the other process has ended
            self.converting.close()
            self.converting = None
        env.bytecode_cache = self._bytecode_cache()
        templates = material_templates(config.theme.dirs)
        if templates is None:
            raise plugin_error("không thấy mẫu trang của Material (theme.name phải là material)")
        self.shared.start(env, templates)
        self._files = files
        # A full build hands these to Pagefind and to its workers; a preview indexes later, and shares no news.
        self._indexed = [
            file
            for file in (files.documentation_pages() if self.command != "serve" else [])
            if isinstance(self.inventory.content.get(file.src_uri), ArticlePage | DirectivePage)
        ]
        if self._reusing:
            self.reuse.keep_conversions(files)
            self.reuse.reuse_renderings(self._shown(files))
            self._take_placed(files, Path(config.site_dir))
            self.kept_site.leave_unchanged(files)
            self.kept_site.produced([*config.theme.static_templates, *config.extra_templates])
            if "sitemap.xml" not in config.theme.static_templates:
                self._take_reused()
        if self._reusing:  # the old section's files left aside go once the preview is served
            self.later(self.kept_site.discard_aside, quiet=True)
        else:
            self.kept_site.discard_aside()
        env.filters["bv_date"] = format_date
        env.filters["bv_weekday_date"] = format_weekday_date
        env.filters["bv_number"] = format_number
        env.filters["bv_iso_datetime"] = lambda moment: localise(moment).isoformat()
        env.globals["bv_layout"] = settings.layout
        env.filters["bv_page_url"] = settings.layout.url
        env.globals["bv_absolute"] = settings.absolute_url
        env.globals["bv_default_image"] = settings.default_image
        env.globals["bv_contact"] = self.config.contact
        env.globals["bv_share_links"] = share_links
        assert self.honours is not None and self.source is not None
        self.honours.globals(env, self.source.registry)
        tags = province_tags(self.source.news)
        env.globals["bv_province_news"] = lambda name: tags.get(province_key(name))
        self._complete_feed(files)
        if self.config.search and self.command != "serve":  # before the workers, which feed it too
            layout = self.settings.layout
            output = Path(config.site_dir) / layout.search_index
            order = [file.dest_uri for file in self._indexed]
            # A build writing in place (--dirty) finds the last index there; any other, in the published site.
            last = None
            if self.publication is None:
                last = output
            elif self.config.cache:
                self.publication.settle()  # the published index's files have one link again
                last = self.publication.site_dir / layout.search_index
            self.fed = search_index.FedIndex([layout.news, layout.registry], output, order, last)
            # The pages are rendered at a lower priority than Pagefind indexes them (the workers forked next
            # too): it keeps up with them, instead of finishing alone after the last one.
            self._stand_up = step_aside(search_index.RENDER_NICENESS)
        if self.publication is not None and self.publication.published is not None:
            self.publication.published.wait()  # the workers forked next link pages too
        self._start_workers(env, config, files)
        return env

    def _take_placed(self, files: Files, site_dir: Path) -> None:
        """Take back the honour pages of the last preview that show what they would show (:mod:`.reuse`).

        They are the pages of the decisions that did not change: each one's own,
        and one per place of a long list. Their rows are counted for the
        manifest as they were when written.
        """
        assert self.honours is not None
        shown = []
        for src_uri, generated in self.inventory.pages.items():
            bv, file = generated.context, files.get_file_from_path(src_uri)
            if file is None or file.page is None or not isinstance(bv, HonourSectionPage):
                continue
            if isinstance(bv.honour, DecisionContext | DecisionPlaceContext):
                # All the page shows but its plan context, which is compared by identity.
                plain = [*_fields_but(generated, "context"), *_fields_but(bv, "honour")]
                shown.append((file.page, plain, bv.honour))
        self.reuse.reuse_placed(shown, self.kept_site.aside_holds)
        taken = []
        for src_uri in self.reuse.placed_again:
            file = files.get_file_from_path(src_uri)
            assert file is not None
            tally = self.reuse.placed[src_uri].tally
            if tally is not None:
                self.honours.count_kept(Path(file.abs_dest_path), tally)
            taken.append(file.dest_uri)
        self.kept_site.take_back(site_dir, taken)

    def _bytecode_cache(self) -> BytecodeCache:
        """Where this build keeps its compiled templates: in memory for a preview, else in .cache/ when it is used."""
        assert self.settings is not None
        if self.command == "serve" or not self.config.cache:
            return self.bytecode
        folder = self.settings.cache_folder("jinja")
        folder.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder))

    def _start_workers(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        """Hand the honour pages and files, and the news pages, to worker processes when the build can use more.

        The news pages (articles, directives, listings) are shared out in a full
        build only: a preview renders few of them again.
        """
        self.workers = None
        honours = self.honours
        assert honours is not None
        plan = honours.planned
        if not self._may_fork():
            return
        news = [] if self._reusing else self._shared_news(files)
        entries = plan.summary.entries if plan is not None else 0
        if not self.config.workers and entries < PARALLEL_FROM and len(news) < PARALLEL_PAGES_FROM:
            return  # starting workers costs more than a small section takes
        if plan is None and not news:
            return
        # The workers run the page events of this plugin only (another plugin's would lose what it records),
        # with the navigation this plugin's on_nav returned (so it must have been the last to change it).
        events = config.plugins.events
        if self._nav is None or getattr(events["nav"][-1], "__self__", None) is not self:
            return
        hooks = [*events["page_context"], *events["post_page"]]
        if any(getattr(hook, "__self__", None) is not self for hook in hooks):
            return
        count = worker_count(self.config.workers)
        # This process is one of the ``count``. A counter hands out the honour pages, then the exports, to
        # whichever process asks next: the workers from now on (the first after writing the lookup index),
        # this process once MkDocs' loop has written the other pages (on_post_build). Each entry is read by
        # the process that writes the lookup index and by those that render or export it, not by every
        # worker: a worker copies only the memory holding the entries it reads (their reference counts).
        # A preview writes the lookup index and the exports after it is served (:mod:`.later`): the workers
        # share its honour pages only. (Its server's threads wait on sockets meanwhile; a worker uses none
        # of their locks, and logging's own are renewed in a forked child.)
        honour_pages = plan.pages if plan is not None else {}
        placed = set(self.reuse.placed_again)  # empty unless this build reuses
        pages = news + [
            file
            for src_uri in honour_pages
            if src_uri not in placed and (file := files.get_file_from_path(src_uri)) is not None
        ]
        site_dir = Path(config.site_dir)
        deferred = self._reusing or plan is None  # nothing to write, or written after the preview
        self.workers = PageWorkers(count - 1)
        self.workers.start(
            config,
            files,
            self._nav,
            env,
            pages,
            SharedCounter(),
            _nothing if deferred else partial(honours.write_index, site_dir),
            _no_exports if deferred else partial(honours.write_exports, site_dir),
            honours.manifest.take_pages,
        )
        log.info(
            "%d trang (bảng vàng, danh sách tin) và các tệp dữ liệu dựng song song trên %d tiến trình",
            len(pages),
            count,
        )
        if "sitemap.xml" not in config.theme.static_templates:
            self.workers.take_pages()

    def _shared_news(self, files: Files) -> list[File]:
        """The news pages a full build shares out: articles and directives first, then the listings.

        Pagefind writes its files once it has every article and directive page
        (handed over in a serial build's order, :class:`.search_index.FedIndex`),
        while the listings (lists, categories, tags, archives) are rendered.
        """
        listings = []
        for src_uri, generated in self.inventory.pages.items():
            file = files.get_file_from_path(src_uri)
            if isinstance(generated.context, ListingPage | OverviewPage) and file is not None:
                listings.append(file)
        return self._indexed + listings

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        # The sitemap lists the honour pages; the workers render them: MkDocs' own page loop skips them.
        if template_name == "sitemap.xml":
            if self.workers is not None:
                self.workers.take_pages()
            self._take_reused()
        return output_content

    def _take_reused(self) -> None:
        """Take the pages a preview reuses out of MkDocs' page loop when their files are in the kept folder."""
        self._taken = []
        if self._reusing and self.kept_site.kept and self._files is not None:
            reused = (self._files.get_file_from_path(src_uri) for src_uri in self.reuse.reused)
            self._taken = [file for file in reused if file is not None]
        for file in self._taken:
            file.inclusion = InclusionLevel.EXCLUDED

    def _shown(self, files: Files) -> Iterator[tuple[Page, object]]:
        """Yield each page a preview may reuse with what its template shows of the site (its context)."""
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            page = file.page
            if page is None:
                continue
            bv = self.inventory.context(file.src_uri, is_homepage=page.is_homepage)
            if isinstance(bv, _KEPT_CONTEXTS) or type(bv) is PageContext:
                generated = self.inventory.pages.get(file.src_uri)
                yield page, generated if generated is not None else bv  # a generated page holds its context

    def _complete_feed(self, files: Files) -> None:
        """Write the feed again with each article's rendered HTML, known now that every page is read."""
        assert self.settings is not None and self.source is not None
        bodies = {}
        for article in self.source.news.articles[: self.settings.feed_size]:
            article_file = files.get_file_from_path(article.src_uri)
            if article_file is not None and article_file.page is not None and article_file.page.content is not None:
                bodies[article.src_uri] = article_file.page.content
        feed = files.get_file_from_path(self.settings.layout.feed)
        if feed is None:  # only when on_env is called without our on_files, as a test does
            return
        feed.content_string = render_rss(self.source.news.articles, self.settings, bodies)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        bv = self.inventory.context(page.file.src_uri, is_homepage=page.is_homepage)
        kept = self.reuse.reused_output(page) if self._reusing else None
        if kept is not None:
            context["bv_reused"] = kept  # type: ignore[typeddict-unknown-key]
            return context
        generated = self.inventory.pages.get(page.file.src_uri)
        if isinstance(bv, ArticlePage | DirectivePage):
            bv = dataclasses.replace(bv, fold_words=search_index.folded_d_words(f"{page.title} {page.content}"))
        context["bv"] = bv  # type: ignore[typeddict-unknown-key]
        assert self.settings is not None
        context["bv_json_ld"] = Markup(structured_data(bv, generated, self.settings))  # type: ignore[typeddict-unknown-key]
        self._lit = light_section(nav, page)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        assert self.honours is not None
        self.honours.count_page(page, output)
        if self.fed is not None:
            self.fed.add(page.file.dest_uri, output)
        if self._reusing:
            self.reuse.keep_rendering(page, output)
        if self._lit is not None:  # the tab lit for this page alone
            self._lit.active = False  # type: ignore[attr-defined]
            self._lit = None
        return output

    # Last, so that the site is published only once every other plugin has written its part.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.honours is not None and self.settings is not None
        written = None
        if self.workers is not None:
            # Done with MkDocs' own pages, this process renders and exports what the workers have not taken.
            mine = self.workers.draw()
            workers, self.workers = self.workers, None
            shares = workers.finish(self.honours.manifest.add_pages)
            self._check_anchors(workers.pages, config)  # MkDocs' loop, which checks them, skipped these
            index = next((share.led for share in shares if share.led is not None), None)
            written = written_files(index, [mine, *(share.after for share in shares)]) if index is not None else None
        if self._reusing and self.honours.planned is not None and self._files is not None:
            files = self._files
            self.reuse.keep_placed(lambda src_uri: self.honours.tally_of(src_uri, files) if self.honours else None)
        self.honours.finish(
            Path(config.site_dir),
            written,
            release=self.command == "serve",
            in_place=self.kept_site.kept,
            later=self.later if self._reusing else None,
        )
        # MkDocs writes sitemap.xml.gz beside sitemap.xml; hosts compress on the fly, so the copy is bytes twice.
        (Path(config.site_dir) / "sitemap.xml.gz").unlink(missing_ok=True)
        if self._reusing:
            self._check_anchors(self._taken, config)  # MkDocs' loop, which checks them, skipped these
            self._taken = []
            layout = self.settings.layout
            self.kept_site.remove_stale(Path(config.site_dir), own=[layout.honours, layout.search_index])
        if self.config.search:
            layout = self.settings.layout
            folders = [layout.news, layout.registry]
            if self.command == "serve":  # the preview is served at once; its search index follows
                self.background = self.background or search_index.BackgroundIndex()
                self.background.start(Path(config.site_dir), folders, layout.search_index)
            elif self.fed is not None:
                self._stand_up()
                fed, self.fed = self.fed, None
                fed.finish()
        site_dir = Path(config.site_dir)
        # A preview measures its folder after it is served (it warns only), once the deferred files are in.
        closing = None if self._reusing else self._weigh(site_dir)
        if self.publication is not None:
            self.publication.finish(config)
        if self._reusing:
            reuse = self.reuse
            log.info(
                "xem thử: dùng lại %s trang không đổi; dựng lại %s trang (%s bài Markdown đọc lại)",
                format_number(len(reuse.reused)),
                format_number(len(reuse.rerendered)),
                format_number(len(reuse.reconverted)),
            )
        if self._reusing and self.honours is not None and self.honours.cached is not None and not self.rolls_memo.reads:
            assert self.source is not None
            self.later(partial(self.honours.warm, self.source), quiet=True)
        if closing is None:
            self.later(lambda: log.info("%s", self._weigh(site_dir)), quiet=True)
        else:
            log.info("%s", closing)
        self.later.start()

    def _check_anchors(self, taken: list[File], config: MkDocsConfig) -> None:
        """Check the links to other pages' anchors of pages MkDocs' loop did not render, as it checks its own."""
        if self._files is not None:
            for file in taken:
                if file.page is not None:
                    file.page.validate_anchor_links(files=self._files, log_level=config.validation.links.anchors)

    def _weigh(self, site_dir: Path) -> str:
        """Measure the built (staged) site against the host; stop the build if the host would refuse it."""
        assert self.settings is not None
        limits = self.settings.host
        size = hosting.measure(site_dir, limits.file_bytes)
        found = hosting.breaches(size, limits)
        if found and self.command != "serve":
            raise plugin_error(hosting.failure_message(size, limits, found))
        for breach in found:  # `mkdocs serve` previews on this machine: it warns, the build refuses
            log.warning("site sẽ không xuất bản được lên %s: %s", limits.name, breach)
        return hosting.closing_line(size, limits)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        # A --dirty rebuild rewrites only what changed, so it cannot start again from an emptied folder.
        if not self.dirty:
            server.builder = serve_errors.guard(server.builder, Path(config.site_dir))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        if self.converting is not None:
            self.converting.close()
            self.converting = None
        if self.fed is not None:
            self._stand_up()
            self.fed.close()
            self.fed = None
        self.kept_site.abandon()
        if self.workers is not None:
            self.workers.abandon()
            self.workers = None
        if self.publication is not None:
            self.publication.abandon()

    def on_shutdown(self) -> None:
        self.later.wait()
        if self.background is not None:
            self.background.close()
            self.background = None
        if self.publication is not None:
            self.publication.close()
        self.collections.release()
        if self.command != "serve":  # the process ends with the build
            self.collections.none_at_exit()
