"""A decision's pages: its places as signed, split into one page per place when it is long.

An entry keeps its anchor whichever page lists it; :class:`PageRuns` finds
that page from its STT with a few bytes a run of consecutive STT.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..layout import SiteLayout
from .addresses import Place, Row, assign_addresses
from .model import Decision
from .order import entry_order, place_order
from .pages import DecisionContext, DecisionPlaceContext, HonourPage, PlaceGroup


@dataclass(frozen=True)
class PageRuns:
    """The pages of one decision's entries as runs of consecutive STT: a few bytes a run, not a dict entry a row."""

    urls: list[str]
    starts: array[int] = field(default_factory=lambda: array("q"))
    """First STT of each run, ascending; none when every entry is on ``urls[0]``."""
    pages: array[int] = field(default_factory=lambda: array("l"))
    """Each run's page, an index into ``urls``."""

    def url(self, stt: int) -> str:
        """Return the URL of the page listing the entry numbered ``stt`` (one of the decision's)."""
        if not self.starts:
            return self.urls[0]
        return self.urls[self.pages[bisect_right(self.starts, stt) - 1]]


def _document_groups(by_place: dict[Place, list[Row]]) -> list[PlaceGroup]:
    """A decision's groups as signed: rows by STT, places by their first STT, each province's places together.

    Each row and place also gets its rank in the order of :func:`.plan._sorted_groups`
    (places by name, people by given name), which the page's order switch applies.
    """
    groups = []
    for place, rows in by_place.items():
        in_order = sorted(rows, key=lambda row: row[1].stt)
        ranks = [0] * len(in_order)
        for rank, index in enumerate(sorted(range(len(in_order)), key=lambda i: entry_order(in_order[i][1]))):
            ranks[index] = rank
        groups.append(PlaceGroup(place, in_order, ranks=ranks))
    for rank, group in enumerate(sorted(groups, key=place_order)):
        group.rank = rank
    first: dict[str, int] = {}
    for group in groups:
        stt = group.rows[0][1].stt
        first[group.place.province] = min(first.get(group.place.province, stt), stt)
    groups.sort(key=lambda g: (first[g.place.province], g.rows[0][1].stt, g.rank))
    return groups


def plan_decision(
    decision: Decision,
    by_place: dict[Place, list[Row]],
    split_over: int,
    layout: SiteLayout,
    add: Callable[[HonourPage], HonourPage],
    share: Callable[[str, list[tuple[HonourPage, int]]], None],
) -> PageRuns:
    """Plan a decision's page (and its places' pages when split) with ``add``; return where its entries are.

    ``share(src_uri, choices)`` plans the page at an address several places' pages would share.
    """
    main_uri = layout.decision(decision.slug)
    groups = _document_groups(by_place)
    # Split as the whole decision is: a province's site (``provinces``) keeps the pages its rows are on there.
    split = len(decision.entries) + decision.elsewhere > split_over and (len(groups) > 1 or decision.elsewhere > 0)
    context = DecisionContext(decision, groups, split)
    title = f"Quyết định {decision.number}"
    main = add(HonourPage(main_uri, layout.url(main_uri), title, "honour-decision.html", "decision", context))
    anchors = assign_addresses(
        {group.place: (group.place.anchor, f"{group.place.province_address}/{group.place.address}") for group in groups}
    )
    page_of: dict[int, int] = {}
    sub_pages: dict[Place, HonourPage] = {}
    for index, group in enumerate(groups):
        group.anchor = anchors.of[group.place]
        if split:
            src_uri = layout.decision_part(decision.slug, group.anchor)
            page = add(
                HonourPage(
                    src_uri,
                    layout.url(src_uri),
                    f"Quyết định {decision.number}: {group.place.name}, {group.place.province}",
                    "honour-decision-place.html",
                    "decision-place",
                    DecisionPlaceContext(decision, [group], main),
                )
            )
            group.url = page.url
            sub_pages[group.place] = page
            for _, entry in group.rows:
                page_of[entry.stt] = index
        else:
            group.url = main.url
    if not split:
        return PageRuns([main.url])
    sizes = {group.place: len(group.rows) for group in groups}
    for slug, shared in anchors.shared.items():
        choices = [(sub_pages[p], sizes[p]) for p in shared]
        share(layout.decision_part(decision.slug, slug), choices)
    runs = merge_runs(page_of)
    context.stt_runs = json.dumps(runs)
    context.page_urls = [group.url for group in groups]
    starts, pages = array("q", (run[0] for run in runs)), array("l", (run[2] for run in runs))
    return PageRuns(context.page_urls, starts, pages)


def merge_runs(page_of: dict[int, int]) -> list[list[int]]:
    """Merge STT → page into [first, last, page] runs of consecutive STT on one page."""
    merged: list[list[int]] = []
    for stt in sorted(page_of):
        page = page_of[stt]
        if merged and merged[-1][2] == page and merged[-1][1] + 1 == stt:
            merged[-1][1] = stt
        else:
            merged.append([stt, stt, page])
    return merged
