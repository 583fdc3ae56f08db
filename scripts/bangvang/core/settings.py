"""The settings of one site, as the engine adapter hands them to the core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .hosting import DEFAULT_HOST, HOSTS, HostLimits
from .layout import SiteLayout


@dataclass(frozen=True)
class SiteSettings:
    """What the core needs to know about a site; the defaults live in the adapter's config.

    Attributes:
        root: the site folder (where ``mkdocs.yml`` is); messages name paths from here.
        docs_dir: the content folder (``content/``).
        honours_dir: the honour-roll folder (``honours/``): decisions as YAML, long lists as CSV.
        categories: the allowed article categories, in display order.
        news_dir: the folder under ``docs_dir`` holding articles by year.
        registry_dir: the folder under ``docs_dir`` holding one page per directive.
        page_size: articles per listing page.
        home_size: articles on the home page.
        feed_size: articles in the feed.
        site_url: the public address of the site, ending in "/", or "" if unknown.
        site_name: the site's name, for the feed and link previews.
        site_description: the site's one-line description, for the feed.
        directory_urls: whether pages are served as ``dir/`` (True) or ``dir.html``.
        default_image: a preview image (path under ``docs_dir``) for pages without a cover.
        today: the date that counts as today, for future-date warnings.
        markdown_extensions: the Markdown extensions the build renders pages with (names or instances).
        markdown_configs: their options by name, as in ``mkdocs.yml``.
        template_dirs: the theme's template folders, where a page's ``template:`` must be found (empty: unknown).
        nav_paths: the content files the navigation of ``mkdocs.yml`` names.
        honours_section: the site folder of the generated honour section.
        split_over: a decision listing more entries gets one page per place (so these pages' addresses depend on it).
        host: the static host the site is published on, with its limits (``host`` and ``host_limits`` options).
        provinces: the current provinces (as the unit list names them) whose rows the site publishes; empty: all.
        workers: the processes that may share the work of reading and building (``workers``; 0: one per core).
    """

    root: Path
    docs_dir: Path
    honours_dir: Path
    categories: tuple[str, ...]
    news_dir: str
    registry_dir: str
    page_size: int
    home_size: int
    feed_size: int
    site_url: str
    site_name: str
    site_description: str
    directory_urls: bool
    default_image: str | None
    today: dt.date = field(default_factory=dt.date.today)
    markdown_extensions: tuple[object, ...] = ("toc", "tables", "fenced_code")
    markdown_configs: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)
    template_dirs: tuple[Path, ...] = ()
    nav_paths: tuple[str, ...] = ()
    honours_section: str = "vinh-danh"
    split_over: int = 500
    host: HostLimits = HOSTS[DEFAULT_HOST]
    provinces: tuple[str, ...] = ()
    workers: int = 1

    @cached_property
    def layout(self) -> SiteLayout:
        """The site's section folders and page addresses."""
        return SiteLayout(self.news_dir, self.registry_dir, self.honours_section, self.directory_urls)

    def cache_folder(self, name: str) -> Path:
        """Return the folder ``name`` of what builds keep for the next (``.cache/bangvang/<name>``)."""
        return self.root / ".cache" / "bangvang" / name

    def rel(self, path: Path) -> str:
        """Return ``path`` relative to the site root, with forward slashes, for messages."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def page_url(self, src_uri: str) -> str:
        """Return the site-relative URL MkDocs gives the Markdown file ``src_uri``."""
        return self.layout.url(src_uri)

    def absolute_url(self, url: str) -> str:
        """Return the public address of a site-relative URL (unchanged without site_url)."""
        return self.site_url + url if self.site_url else url
