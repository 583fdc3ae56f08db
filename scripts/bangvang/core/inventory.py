"""The inventory: every page and file the build generates, with the typed context each page's template gets.

The engine adapter adds the inventory's pages to the site, hands each page its
context and writes its files; the check compares the editor's files with the
inventory's outputs before anything is written, so a generated page never
replaces an editor's file unnoticed.

Templates read the context as ``bv``: ``bv.listing``, ``bv.article``,
``bv.honour.<field>`` and so on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from .articles import Article
from .citations import Citations, LevelGroup
from .directives import Directive, Registry
from .honours.addresses import province_key
from .honours.pages import DecisionInfo, Digest, HonourContext, HonourKind, IndexContext
from .honours.plan import HonourPlan
from .linkcheck import PAGE_SUFFIXES, dest_path
from .news import Group, Listing, News, Overview
from .problems import Problem
from .settings import SiteSettings

PageKind = Literal["news-list", "news-overview", "registry-index", "search"] | HonourKind
FileKind = Literal["feed", "robots", "export", "manifest", "name-index", "redirect"]


@dataclass(frozen=True)
class PageContext:
    """What every page's template gets: where the news section starts."""

    news_url: str | None


@dataclass(frozen=True)
class ListingPage(PageContext):
    """A listing page of the news: its articles, and the categories for the menu."""

    listing: Listing
    categories: list[Group]
    province: tuple[str, str] | None = None
    """For a tag naming a province: the province's name and honour page (source path)."""


@dataclass(frozen=True)
class OverviewPage(PageContext):
    """The page of every category, tag or year."""

    overview: Overview


@dataclass(frozen=True)
class RegistryIndexPage(PageContext):
    """The directive registry's index: directives grouped by level, with how often each is cited."""

    groups: list[LevelGroup]
    count: Callable[[Directive], int]
    decision_count: Callable[[Directive], int] = lambda _: 0
    """How many honour decisions cite a directive as their basis."""


@dataclass(frozen=True)
class SearchPage(PageContext):
    """The search page: the script does the rest."""


@dataclass(frozen=True)
class HonourSectionPage(PageContext):
    """A page of the honour section; ``root`` leads from the page back to the site's root."""

    honour: HonourContext
    root: str


@dataclass(frozen=True)
class ArticlePage(PageContext):
    """An article: its neighbours in time, the directives it cites, and its đ-folded words for search."""

    article: Article
    newer: Article | None
    older: Article | None
    cites: list[Directive]
    fold_words: str = ""
    decisions: tuple[DecisionInfo, ...] = ()
    """The honour decisions naming this article as theirs (``article:``), newest first."""
    provinces: tuple[tuple[str, str], ...] = ()
    """The provinces the article's tags name: each one's name and honour page (source path)."""


@dataclass(frozen=True)
class DirectivePage(PageContext):
    """A directive: what cites it, what replaced it, what it cites, which decisions it is the basis of."""

    directive: Directive
    cited_by: list[Article]
    superseded_by: Directive | None
    cites: list[Directive]
    fold_words: str = ""
    decisions: tuple[DecisionInfo, ...] = ()
    """The honour decisions citing this directive as their basis (``basis:``), newest first."""


@dataclass(frozen=True)
class HomePage(PageContext):
    """The home page: the latest articles, the categories, the honour section's counts."""

    latest: list[Article]
    categories: list[Group]
    honour_digest: Digest


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build makes: where, titled what, drawn by which template, with which context."""

    src_uri: str
    url: str
    title: str
    template: str
    kind: PageKind
    context: PageContext
    in_nav: bool = False
    """Only section index pages may be in the navigation: a nav of thousands of pages is drawn on every page."""
    searchable: bool = True

    @property
    def output(self) -> str:
        """The file the page is written to."""
        return output_path(self.url)


@dataclass(frozen=True)
class GeneratedFile:
    """A file (or, with ``folder``, a whole folder) the build writes besides the pages."""

    path: str
    kind: FileKind
    folder: bool = False


@dataclass
class Inventory:
    """Every generated page (by source path) and file, and the contexts of the editor's own pages."""

    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    files: list[GeneratedFile] = field(default_factory=list)
    content: dict[str, PageContext] = field(default_factory=dict)
    """Articles' and directives' contexts, by source path."""
    home: HomePage | None = None
    plain: PageContext = field(default_factory=lambda: PageContext(None))
    """What any other page gets: where the news section starts."""

    def add(self, page: GeneratedPage) -> None:
        """List a page; two pages at one address would be one page lost."""
        if page.src_uri in self.pages:
            raise ValueError(f"two generated pages at {page.src_uri}")
        self.pages[page.src_uri] = page

    def context(self, src_uri: str, *, is_homepage: bool) -> PageContext:
        """Return the context of the page at ``src_uri``: generated, an article, a directive, the home page."""
        if is_homepage and self.home is not None:
            return self.home
        page = self.pages.get(src_uri)
        if page is not None:
            return page.context
        return self.content.get(src_uri) or self.plain


def output_path(url: str) -> str:
    """Return the output file of a page URL ("vinh-danh/" → "vinh-danh/index.html")."""
    return url + "index.html" if url.endswith("/") or not url else url


def build_inventory(
    news: News,
    registry: Registry,
    citations: Citations,
    settings: SiteSettings,
    honours: HonourPlan | None = None,
    digest: Digest | None = None,
) -> Inventory:
    """List every generated page and file.

    Without ``honours`` the honour section is its index page alone (the build
    reuses the rest from its cache, and the check needs only its folder, which
    the build owns whole).
    """
    layout = settings.layout
    news_url = news.listings[0].url if news.listings else None
    inventory = Inventory(plain=PageContext(news_url))
    provinces = digest.province_pages if digest is not None else {}
    for listing in news.listings:
        province = provinces.get(province_key(listing.name)) if listing.kind == "tag" else None
        context = ListingPage(news_url, listing, news.categories, province)
        in_nav = listing.src_uri == layout.news_index
        inventory.add(
            GeneratedPage(listing.src_uri, listing.url, listing.title, "news-list.html", "news-list", context, in_nav)
        )
    for overview in news.overviews:
        context_o = OverviewPage(news_url, overview)
        inventory.add(
            GeneratedPage(
                overview.src_uri, overview.url, overview.title, "news-overview.html", "news-overview", context_o
            )
        )
    _add_honours(inventory, settings, news_url, honours, digest)
    search = layout.search_page
    inventory.add(
        GeneratedPage(search, layout.url(search), "Tìm kiếm", "search-page.html", "search", SearchPage(news_url))
    )
    based = _decisions_by_basis(registry, digest)
    index = layout.registry_index
    context_r = RegistryIndexPage(news_url, citations.groups, citations.count, lambda d: len(based.get(d.src_uri, ())))
    inventory.add(
        GeneratedPage(
            index, layout.url(index), "Văn bản chỉ đạo", "directives-index.html", "registry-index", context_r, True
        )
    )
    inventory.files.append(GeneratedFile(layout.feed, "feed"))
    inventory.files.append(GeneratedFile(layout.robots, "robots"))
    _add_content(inventory, news, registry, citations, news_url, digest, based)
    if digest is not None:
        inventory.home = HomePage(news_url, news.articles[: settings.home_size], news.categories, digest)
    return inventory


def _add_honours(
    inventory: Inventory, settings: SiteSettings, news_url: str | None, plan: HonourPlan | None, digest: Digest | None
) -> None:
    layout = settings.layout
    pages = plan.pages.values() if plan is not None and plan.pages else ()
    for page in pages:
        root = "../" * page.url.count("/")
        context = HonourSectionPage(news_url, page.context, root)
        in_nav = page.src_uri == layout.honours_index
        searchable = page.kind not in ("decision", "decision-place", "place", "shared")
        inventory.add(
            GeneratedPage(page.src_uri, page.url, page.title, page.template, page.kind, context, in_nav, searchable)
        )
    if not pages and digest is not None:
        index = layout.honours_index
        url = layout.url(index)
        context = HonourSectionPage(news_url, IndexContext(digest), "../" * url.count("/"))
        inventory.add(GeneratedPage(index, url, "Bảng vàng vinh danh", "honour-index.html", "index", context, True))
    if plan is not None:
        for decision in plan.decisions:
            inventory.files.append(GeneratedFile(layout.decision_export(decision.slug, "csv"), "export"))
        owned = (address for province, address in plan.province_addresses.items() if plan.province_sources[province][1])
        for address in dict.fromkeys(owned):
            inventory.files.append(GeneratedFile(layout.province_export(address, "csv"), "export"))
        for old in plan.redirects:  # an old place or province address, sent on to the page listing it now
            inventory.files.append(GeneratedFile(output_path(layout.url(old)), "redirect"))
        inventory.files.append(GeneratedFile(layout.name_index, "name-index", folder=True))
        inventory.files.append(GeneratedFile(layout.manifest, "manifest"))


def province_tags(news: News) -> dict[str, Listing]:
    """Return the first listing page of each tag, by :func:`.honours.addresses.province_key` of its name."""
    return {province_key(item.name): item for item in news.listings if item.kind == "tag" and item.number == 1}


def _decisions_by_basis(registry: Registry, digest: Digest | None) -> dict[str, tuple[DecisionInfo, ...]]:
    """Return the decisions citing each directive (by source path) as their basis, newest first."""
    found: dict[str, list[DecisionInfo]] = {}
    for info in digest.linked if digest is not None else ():
        for number in info.basis:
            directive = registry.find(number)
            if directive is not None and info not in found.setdefault(directive.src_uri, []):
                found[directive.src_uri].append(info)
    return {src_uri: tuple(infos) for src_uri, infos in found.items()}


def _add_content(
    inventory: Inventory,
    news: News,
    registry: Registry,
    citations: Citations,
    news_url: str | None,
    digest: Digest | None,
    based: dict[str, tuple[DecisionInfo, ...]],
) -> None:
    """Give articles and directives their contexts, with the honour decisions naming them."""
    provinces = digest.province_pages if digest is not None else {}
    announced: dict[str, list[DecisionInfo]] = {}
    for info in digest.linked if digest is not None else ():
        if info.article:
            announced.setdefault(info.article, []).append(info)
    for article in news.articles:
        inventory.content[article.src_uri] = ArticlePage(
            news_url,
            article,
            news.newer.get(article.src_uri),
            news.older.get(article.src_uri),
            citations.cites.get(article.src_uri, []),
            decisions=tuple(announced.get(article.src_uri, ())),
            provinces=tuple(dict.fromkeys(p for tag in article.tags if (p := provinces.get(province_key(tag.name))))),
        )
    for directive in registry.directives:
        inventory.content[directive.src_uri] = DirectivePage(
            news_url,
            directive,
            citations.cited_by.get(directive.src_uri, []),
            registry.find(directive.superseded_by or ""),
            citations.cites.get(directive.src_uri, []),
            decisions=based.get(directive.src_uri, ()),
        )


def collisions(editor_files: Iterable[str], inventory: Inventory, settings: SiteSettings) -> list[Problem]:
    """Return a located error for every editor file the build would write over, or publish inside its own folders.

    Folders the build writes whole (the honour section, the search index) take
    no editor file at all; elsewhere a file clashes when it would be written
    where a generated page or file is, or is a page under a folder of listings.
    """
    layout = settings.layout
    generated: dict[str, str] = {page.output: f"trang “{page.title}”" for page in inventory.pages.values()}
    owned = list(layout.owned_folders)
    for item in inventory.files:
        if item.folder:
            owned.append(item.path + "/")
        elif item.kind == "redirect":
            generated[item.path] = f"trang chuyển hướng {item.path} (địa chỉ cũ của một địa phương)"
        else:
            generated[item.path] = f"tệp {item.path}"
    owned_pages = layout.news_owned
    problems = []
    for src_uri in sorted(editor_files):
        dest = dest_path(src_uri, settings.directory_urls)
        folder = next((f for f in owned if dest.startswith(f) or src_uri.startswith(f)), None)
        if folder is not None:
            why = f"cả thư mục {folder} được tạo khi dựng trang"
        elif dest in generated:
            why = f"{generated[dest]} được ghi ra cùng địa chỉ {dest}"
        elif src_uri.endswith(PAGE_SUFFIXES) and src_uri.startswith(owned_pages):
            why = f"các trang danh sách trong {next(f for f in owned_pages if src_uri.startswith(f))}"
        else:
            continue
        rel = settings.rel(settings.docs_dir / src_uri)
        problems.append(
            Problem(rel, 1, f"đường dẫn này dành cho các trang do Bảng Vàng tạo ({why}); chuyển tệp đi chỗ khác")
        )
    return problems
