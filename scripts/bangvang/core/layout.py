"""Where everything the build makes lives: every section folder and the address of every kind of page.

Pages are named by their source path ("tin-tuc/the/hoi-nghi/index.md"), as
MkDocs names them; :meth:`SiteLayout.url` turns a source path into the URL
MkDocs gives it. Nothing else in the code assembles a section path: it asks
the layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .text import slugify

INDEX = "index.md"


@dataclass(frozen=True)
class SiteLayout:
    """The folders of a site's sections and the source path of each generated page and file.

    Attributes:
        news: the news folder under the content folder (articles by year, listings).
        registry: the directive registry's folder under the content folder.
        honours: the honour section's folder (every file under it is generated).
        directory_urls: whether pages are served as ``dir/`` (True) or ``dir.html``.
    """

    news: str = "tin-tuc"
    registry: str = "van-ban"
    honours: str = "vinh-danh"
    directory_urls: bool = True

    search: str = "tim-kiem"
    """The search page's folder."""
    search_index: str = "pagefind"
    """Where Pagefind writes the header search's index."""
    categories: str = "chuyen-muc"
    tags: str = "the"
    archive: str = "luu-tru"
    pages: str = "trang"
    """Under a listing's folder: its pages after the first (``trang/2/``)."""

    # ------------------------------------------------------------------ addresses

    def url(self, src_uri: str) -> str:
        """Return the site-relative URL MkDocs gives the Markdown file ``src_uri``."""
        stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
        if stem == "index" or stem.endswith("/index"):
            base = stem[: -len("index")]
            return base if self.directory_urls else base + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    @staticmethod
    def page(folder: str) -> str:
        """Return the source path of a folder's own page (``folder/index.md``)."""
        return f"{folder}/{INDEX}" if folder else INDEX

    # ------------------------------------------------------------------ news

    @property
    def news_index(self) -> str:
        return self.page(self.news)

    def listing_pages(self, folder: str, count: int) -> list[str]:
        """Return the source paths of a list's ``count`` pages: the folder's page, then ``trang/2/`` on."""
        return [self.page(folder)] + [self.page(f"{folder}/{self.pages}/{n}") for n in range(2, count + 1)]

    def category_folder(self, name: str) -> str:
        return f"{self.news}/{self.categories}/{slugify(name)}"

    def tag_folder(self, slug: str) -> str:
        return f"{self.news}/{self.tags}/{slug}"

    def year_folder(self, year: int | str) -> str:
        return f"{self.news}/{year}"

    def category(self, name: str) -> str:
        """Return the source path of a category's first listing page."""
        return self.page(self.category_folder(name))

    def tag(self, slug: str) -> str:
        return self.page(self.tag_folder(slug))

    def year(self, year: int | str) -> str:
        return self.page(self.year_folder(year))

    def overview(self, kind: Literal["categories", "tags", "years"]) -> str:
        """Return the source path of the page listing every category, tag or year ("categories", "tags", "years")."""
        folder = {"categories": self.categories, "tags": self.tags, "years": self.archive}[kind]
        return self.page(f"{self.news}/{folder}")

    @property
    def news_owned(self) -> tuple[str, ...]:
        """The folders under the news folder whose pages are all generated."""
        return tuple(f"{self.news}/{name}/" for name in (self.categories, self.tags, self.archive, self.pages))

    @property
    def feed(self) -> str:
        """The RSS feed's file."""
        return f"{self.news}/rss.xml"

    @property
    def robots(self) -> str:
        """The crawlers' rules, at the site's root."""
        return "robots.txt"

    @property
    def sitemap(self) -> str:
        """The sitemap MkDocs writes at the site's root."""
        return "sitemap.xml"

    # ------------------------------------------------------------------ registry and search

    @property
    def registry_index(self) -> str:
        return self.page(self.registry)

    @property
    def search_page(self) -> str:
        return self.page(self.search)

    # ------------------------------------------------------------------ honours

    @property
    def honours_index(self) -> str:
        return self.page(self.honours)

    def decision_folder(self, slug: str) -> str:
        return f"{self.honours}/quyet-dinh/{slug}"

    def decision(self, slug: str) -> str:
        return self.page(self.decision_folder(slug))

    def decision_part(self, slug: str, part: str) -> str:
        """Return the source path of one place's page of a split decision, or of a slug its places share."""
        return self.page(f"{self.decision_folder(slug)}/{part}")

    @property
    def places(self) -> str:
        return self.page(f"{self.honours}/dia-phuong")

    def province_folder(self, address: str) -> str:
        return f"{self.honours}/dia-phuong/{address}"

    def province(self, address: str) -> str:
        return self.page(self.province_folder(address))

    def place(self, province: str, address: str) -> str:
        """Return the source path of a place's page, from its province's address and its own."""
        return self.page(f"{self.province_folder(province)}/{address}")

    @property
    def titles(self) -> str:
        return self.page(f"{self.honours}/danh-hieu")

    def title(self, address: str) -> str:
        return self.page(f"{self.honours}/danh-hieu/{address}")

    @property
    def periods(self) -> str:
        return self.page(f"{self.honours}/giai-doan")

    def period(self, name: str) -> str:
        return self.page(f"{self.honours}/giai-doan/{name}")

    @property
    def statistics(self) -> str:
        return self.page(f"{self.honours}/thong-ke")

    @property
    def lookup(self) -> str:
        """The honour lookup page."""
        return self.page(f"{self.honours}/tra-cuu")

    @property
    def name_index(self) -> str:
        """The folder of the static name index the honour lookup searches."""
        return f"{self.honours}/tra-cuu/chi-muc"

    @property
    def exports(self) -> str:
        """The folder of the open-data files."""
        return f"{self.honours}/du-lieu"

    @property
    def exports_page(self) -> str:
        """The page listing every open-data file."""
        return self.page(self.exports)

    def decision_export(self, slug: str, extension: str) -> str:
        """Return where a decision's open-data file is written."""
        return f"{self.exports}/{slug}.{extension}"

    def province_export(self, address: str, extension: str) -> str:
        """Return where a province's open-data file is written, from the province's address."""
        return f"{self.exports}/tinh/{address}.{extension}"

    @property
    def manifest(self) -> str:
        return f"{self.exports}/manifest.json"

    # ------------------------------------------------------------------ ownership

    @property
    def owned_folders(self) -> tuple[str, ...]:
        """Output folders the build writes whole: no editor file may be published under them."""
        return (f"{self.honours}/", f"{self.search_index}/")
