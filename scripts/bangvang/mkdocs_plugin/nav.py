"""Our navigation: the "Tra cứu" item after the honour section's index, and the tab of pages outside the nav."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..core.layout import SiteLayout

LOOKUP_TITLE = "Tra cứu"


def add_lookup(nav: Navigation, layout: SiteLayout) -> Navigation:
    """Put a "Tra cứu" link after the honour index's item (top tabs and the phone drawer draw it).

    It is a link, not the page: the lookup page is one the build may reuse from its cache, and a
    link draws the same on every page whether the section was rendered or reused. A nav without
    the honour index, or already pointing at the lookup, is left as it is.
    """
    lookup_url = layout.url(layout.lookup)
    if _find(nav.items, lambda item: getattr(item, "url", None) == lookup_url) is not None:
        return nav
    found = _find(nav.items, lambda item: isinstance(item, Page) and item.file.src_uri == layout.honours_index)
    if found is None:
        return nav
    siblings, position = found
    link = Link(LOOKUP_TITLE, lookup_url)
    link.parent = siblings[position].parent
    siblings.insert(position + 1, link)
    return nav


def _find(
    items: list[StructureItem], wanted: Callable[[StructureItem], bool]
) -> tuple[list[StructureItem], int] | None:
    """Return the list holding the first item ``wanted(item)`` accepts, and its position, searching sections too."""
    for position, item in enumerate(items):
        if wanted(item):
            return items, position
        if isinstance(item, Section):
            inner = _find(item.children, wanted)
            if inner is not None:
                return inner
    return None


def light_section(nav: Navigation, page: Page) -> StructureItem | None:
    """Mark the top item a page outside the nav belongs to as active (its tab lights); return it to unmark.

    Articles, decisions and the lookup are not in the nav (a menu of thousands would be redrawn on
    every page); the top item whose address is the longest start of the page's own is its section.
    """
    if any(getattr(item, "active", False) for item in nav.items):  # the page is in the nav: mkdocs lit its own
        return None
    address = page.url.strip("/")
    best: tuple[int, StructureItem] | None = None
    for item in nav.items:
        for url in _urls(item):
            start = url.strip("/")
            if (
                start
                and (address == start or address.startswith(start + "/"))
                and (best is None or len(start) > best[0])
            ):
                best = (len(start), item)
    if best is None:
        return None
    best[1].active = True  # type: ignore[attr-defined]  # Page and Link have it, StructureItem does not say
    return best[1]


def _urls(item: StructureItem) -> list[str]:
    """Return the addresses of a top item: its own, or those of every page in its section."""
    if isinstance(item, Section):
        return [url for child in item.children for url in _urls(child)]
    url = getattr(item, "url", None)
    return [url] if isinstance(url, str) and "://" not in url else []
