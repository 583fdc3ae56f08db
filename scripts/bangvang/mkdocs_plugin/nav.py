"""The "Tra cứu" item of the navigation: right after the honour section's index, wherever the nav puts it."""

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
