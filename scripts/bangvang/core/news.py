"""The news section: ordering articles and cutting them into listing pages.

Every structure here is built in one pass over the articles sorted once, so
the section stays linear in the number of articles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from .articles import Article
from .settings import SiteSettings

ListingKind = Literal["all", "category", "tag", "year"]
OverviewKind = Literal["categories", "tags", "years"]


@dataclass(frozen=True)
class Listing:
    """One page of a list of articles: all news, a category, a tag or a year.

    ``page_urls`` holds the URL of every page of the same list, so templates
    can draw the pagination; ``number`` is this page's place in it (from 1).
    """

    src_uri: str
    url: str
    title: str
    kind: ListingKind
    name: str
    articles: tuple[Article, ...]
    number: int
    page_urls: tuple[str, ...]
    total: int

    def window(self, radius: int = 2) -> list[int | None]:
        """Return the page numbers to show around this one: first, last, neighbours; None for a gap."""
        count = len(self.page_urls)
        shown = sorted({1, count, *range(max(1, self.number - radius), min(count, self.number + radius) + 1)})
        window: list[int | None] = []
        for number in shown:
            if window and number - (window[-1] or 0) > 1:
                window.append(None)
            window.append(number)
        return window


@dataclass(frozen=True)
class Group:
    """A category, tag or year with the URL of its listing and its article count."""

    name: str
    url: str
    count: int


@dataclass(frozen=True)
class Overview:
    """A page that lists groups: every category, every tag, or every year."""

    src_uri: str
    url: str
    title: str
    kind: OverviewKind
    groups: tuple[Group, ...]


@dataclass
class News:
    """The published articles, newest first, and every page made from them."""

    articles: list[Article]
    listings: list[Listing] = field(default_factory=list)
    overviews: list[Overview] = field(default_factory=list)
    newer: dict[str, Article] = field(default_factory=dict)
    older: dict[str, Article] = field(default_factory=dict)
    categories: list[Group] = field(default_factory=list)

    def src_uris(self) -> set[str]:
        """Return the source paths of every generated page."""
        return {page.src_uri for page in self.listings} | {page.src_uri for page in self.overviews}


def build_news(articles: list[Article], settings: SiteSettings) -> News:
    """Order the published articles and make every listing and overview page."""
    published = sorted((a for a in articles if not a.draft), key=lambda a: (a.published, a.src_uri), reverse=True)
    news = News(published)
    for newer, older in pairwise(published):
        news.older[newer.src_uri] = older
        news.newer[older.src_uri] = newer

    layout = settings.layout
    by_category: dict[str, list[Article]] = {c: [] for c in settings.categories}
    by_tag: dict[str, list[Article]] = defaultdict(list)
    tag_names: dict[str, str] = {}
    by_year: dict[int, list[Article]] = defaultdict(list)
    for article in published:
        by_category[article.category].append(article)
        by_year[article.year].append(article)
        for tag in article.tags:
            by_tag[tag.slug].append(article)
            tag_names.setdefault(tag.slug, tag.name)

    def paginate(folder: str, title: str, kind: ListingKind, name: str, items: list[Article]) -> Group:
        size = settings.page_size
        count = max(1, -(-len(items) // size))
        uris = layout.listing_pages(folder, count)
        urls = tuple(layout.url(uri) for uri in uris)
        for number, uri in enumerate(uris, start=1):
            page_title = title if number == 1 else f"{title} — trang {number}"
            chunk = tuple(items[(number - 1) * size : number * size])
            news.listings.append(
                Listing(uri, urls[number - 1], page_title, kind, name, chunk, number, urls, len(items))
            )
        return Group(name, urls[0], len(items))

    paginate(layout.news, "Tin tức", "all", "Tin tức", published)
    news.categories = [
        paginate(layout.category_folder(c), f"Chuyên mục: {c}", "category", c, by_category[c])
        for c in settings.categories
    ]
    tag_groups = [
        paginate(layout.tag_folder(slug), f"Thẻ: {tag_names[slug]}", "tag", tag_names[slug], by_tag[slug])
        for slug in sorted(by_tag)
    ]
    year_groups = [
        paginate(layout.year_folder(year), f"Lưu trữ năm {year}", "year", str(year), by_year[year])
        for year in sorted(by_year, reverse=True)
    ]
    overviews: tuple[tuple[str, OverviewKind, list[Group]], ...] = (
        ("Chuyên mục", "categories", news.categories),
        ("Thẻ", "tags", tag_groups),
        ("Lưu trữ theo năm", "years", year_groups),
    )
    for title, kind, groups in overviews:
        uri = layout.overview(kind)
        news.overviews.append(Overview(uri, layout.url(uri), title, kind, tuple(groups)))
    return news
