"""The honour section's pages: which pages there are, what each lists, in which order.

One pass over the entries groups them by decision and place, one sort orders
each group; every structure is linear in the number of entries. Nothing here
renders HTML: templates do, from these plans.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..collation import collation_key, name_key
from ..layout import SiteLayout
from ..settings import SiteSettings
from ..units.matching import Located, Matcher, shared_matcher
from .addresses import (
    Place,
    Row,
    Where,
    address_slug,
    assign_addresses,
    merge_titles,
    province_key,
    where_of,
)
from .decision_plan import PageRuns, plan_decision
from .export import province_sources
from .model import Decision, HonourEntry
from .order import EntryOrder, entry_order, place_order
from .pages import (
    DecisionInfo,
    Digest,
    ExportsContext,
    GroupsContext,
    HonourContext,
    HonourKind,
    HonourPage,
    IndexContext,
    PeriodContext,
    PlaceContext,
    PlaceGroup,
    ProvinceContext,
    ProvincesContext,
    SharedContext,
    StatsContext,
    Summary,
    TitleContext,
)
from .places import Places, resolve_places
from .sections import signed_sections


@dataclass
class HonourPlan:
    """Every honour page, the page each entry lives on, and the counts."""

    pages: dict[str, HonourPage] = field(default_factory=dict)
    entry_pages: dict[str, PageRuns] = field(default_factory=dict)
    """Per decision slug, the page listing each of its entries (by STT)."""
    summary: Summary = field(default_factory=Summary)
    decisions: list[Decision] = field(default_factory=list)
    provinces: dict[str, dict[Place, list[Row]]] = field(default_factory=dict)
    province_addresses: dict[str, str] = field(default_factory=dict)
    place_of: dict[Where, Place] = field(default_factory=dict)
    """The place each printed place (:func:`.addresses.where_of`) is, whatever its spelling; its ``page`` lists it."""
    located: dict[Place, Located] = field(default_factory=dict)
    """Each printed place's match (:attr:`.places.Places.located`): its current units, the unit it names."""
    redirects: dict[str, str] = field(default_factory=dict)
    """Old page addresses (source paths) of places and provinces, and the source path of the page listing them now."""
    title_of: dict[str, str] = field(default_factory=dict)
    """The title each printed spelling of a title is."""
    province_sources: dict[str, tuple[list[Decision], bool]] = field(default_factory=dict)
    """Per province: the decisions listing its rows, and if it has its own CSV (:func:`.export.province_sources`)."""

    def add(self, page: HonourPage) -> HonourPage:
        """Register a page; two pages at one address would be one page lost, never a choice."""
        if page.src_uri in self.pages:
            raise ValueError(f"two honour pages planned at {page.src_uri}")
        self.pages[page.src_uri] = page
        return page

    def digest(self, latest: int = 10) -> Digest:
        """Return the counts and the newest decisions, small enough to keep between builds."""
        infos = [_info(d) for d in self.decisions[:latest]]
        provinces = [(p, sum(len(rows) for rows in places.values())) for p, places in self.provinces.items()]
        provinces.sort(key=lambda item: collation_key(item[0]))
        linked = [_info(d) for d in self.decisions if d.article or d.basis]
        province_pages = {
            province_key(page.title): (page.title, page.src_uri)
            for page in self.pages.values()
            if page.kind == "province"
        }
        return Digest(self.summary, infos, provinces, any(d.sample for d in self.decisions), linked, province_pages)

    def entry_url(self, decision: Decision, entry: HonourEntry) -> str:
        """Return the URL of the page listing an entry (add its anchor to point at the row)."""
        return self.entry_pages[decision.slug].url(entry.stt)


@dataclass
class _Planned:
    """One decision's pages as planned, and what they were planned from."""

    decision: Decision
    key: tuple[Any, ...]
    pages: list[HonourPage]
    shares: list[tuple[str, list[tuple[HonourPage, int]]]]
    runs: PageRuns


@dataclass
class PlanMemo:
    """Each decision's pages as last planned, kept by a caller that plans again (``mkdocs serve``).

    A decision's pages are a function of the decision, the places its rows
    fall in and the layout. When a preview plans again after another decision
    was saved, an unchanged decision is the same object (``rolls.RollsMemo``)
    and, if its places came out the same, its pages are those planned before:
    its page contexts are read, never changed, once planned.
    """

    planned: dict[str, _Planned] = field(default_factory=dict)
    hits: int = 0
    """Decisions taken from the memo by the last planning (what the tests look at)."""
    orders: dict[int, tuple[HonourEntry, EntryOrder]] = field(default_factory=dict)
    """Each entry's sort key (:func:`.order.entry_order`) by the entry's identity, with the entry it is of."""
    _ordered: dict[int, tuple[HonourEntry, EntryOrder]] = field(default_factory=dict)
    walks: dict[str, tuple[Decision, Walk]] = field(default_factory=dict)
    """Each decision's walk through its entries (:func:`_walk`), by slug, with the decision it is of."""
    _walked: dict[str, tuple[Decision, Walk]] = field(default_factory=dict)

    def order_of(self, entry: HonourEntry) -> EntryOrder:
        """Return an entry's sort key, as the last planning found it if the entry is the same object."""
        kept = self.orders.get(id(entry))
        if kept is None or kept[0] is not entry:
            kept = (entry, entry_order(entry))
        self._ordered[id(entry)] = kept
        return kept[1]

    def walk_of(self, decision: Decision) -> Walk:
        """Return a decision's walk, as the last planning made it if the decision is the same object."""
        kept = self.walks.get(decision.slug)
        if kept is None or kept[0] is not decision:
            kept = (decision, _walk(decision))
        self._walked[decision.slug] = kept
        return kept[1]

    def forget_unused(self) -> None:
        """Once a planning is done: keep the keys and walks it asked for, and forget the others (entries gone)."""
        self.orders, self._ordered = self._ordered, {}
        self.walks, self._walked = self._walked, {}


def _place_value(place: Place) -> tuple[Any, ...]:
    """What a decision's pages show of a place, and what orders and names them: all of it but its page."""
    unit = place.unit
    return (
        place.province,
        place.district,
        place.commune,
        place.address,
        place.province_address,
        place.signed_province,
        (unit.name, unit.province.name) if unit is not None else None,
    )


_Share = Callable[[str, list[tuple[HonourPage, int]]], None]


def _plan_decision(
    plan: HonourPlan,
    decision: Decision,
    by_place: dict[Where, list[Row]],
    of_where: dict[Where, Place],
    how: tuple[int, SiteLayout, _Share],
    memo: PlanMemo | None,
    kept: _Planned | None,
) -> PageRuns:
    """Plan one decision's pages into ``plan`` (split over, layout, shared pages: ``how``), or take ``kept``.

    ``kept`` is the decision's last planning: it is taken when nothing its pages come from changed.
    """
    split_over, layout, share = how
    if memo is None:
        return plan_decision(decision, _merge_places(by_place, of_where), split_over, layout, plan.add, share)
    key = (split_over, layout, tuple((where, _place_value(of_where[where])) for where in by_place))
    if kept is not None and kept.decision is decision and kept.key == key:
        memo.planned[decision.slug] = kept
        memo.hits += 1
        for page in kept.pages:
            plan.add(page)
        for src_uri, choices in kept.shares:
            share(src_uri, list(choices))
        return kept.runs
    pages: list[HonourPage] = []
    shares: list[tuple[str, list[tuple[HonourPage, int]]]] = []

    def add(page: HonourPage) -> HonourPage:
        pages.append(page)
        return plan.add(page)

    def shared(src_uri: str, choices: list[tuple[HonourPage, int]]) -> None:
        shares.append((src_uri, list(choices)))
        share(src_uri, choices)

    runs = plan_decision(decision, _merge_places(by_place, of_where), split_over, layout, add, shared)
    memo.planned[decision.slug] = _Planned(decision, key, pages, shares, runs)
    return runs


def _info(d: Decision) -> DecisionInfo:
    """Return what lists of decisions show of one, without its entries."""
    return DecisionInfo(
        d.slug, d.number, d.signed, d.issuer.name, d.form, d.period, d.title, len(d.entries), d.article, d.basis
    )


def plan_honours(
    decisions: list[Decision],
    settings: SiteSettings,
    split_over: int,
    matcher: Matcher | None = None,
    memo: PlanMemo | None = None,
) -> HonourPlan:
    """Plan every honour page for the decisions (newest decision first on index pages).

    A decision listing more than ``split_over`` entries gets one page per place
    under its own page, which then lists the places; an entry's anchor stays
    the same either way. Place pages are those of current communes, matched
    with ``matcher`` (the process's shared one by default). ``memo`` keeps each
    decision's pages for the next planning (:class:`PlanMemo`).
    """
    plan = HonourPlan(decisions=sorted(decisions, key=lambda d: (d.signed, d.number), reverse=True))
    layout = settings.layout
    site_rows: dict[Where, list[Row]] = defaultdict(list)
    titles: dict[str, list[tuple[Decision, int]]] = defaultdict(list)
    periods: dict[str, list[Decision]] = defaultdict(list)
    summary = plan.summary
    decision_places: list[dict[Where, list[Row]]] = []
    for decision in plan.decisions:
        summary.decisions += 1
        summary.by_form[decision.form] += len(decision.entries)
        summary.by_period[decision.period] += len(decision.entries)
        periods[decision.period].append(decision)
        by_place, title_counts, kinds = memo.walk_of(decision) if memo is not None else _walk(decision)
        for where, rows in by_place.items():
            site_rows[where].extend(rows)
        summary.by_kind.update(kinds)
        summary.entries += len(decision.entries)
        for title, count in title_counts.items():
            titles[title].append((decision, count))
        decision_places.append(by_place)
    places = resolve_places(site_rows, matcher or shared_matcher())
    plan.provinces, plan.province_addresses, plan.place_of, plan.located = (
        places.provinces,
        places.province_addresses,
        places.of_where,
        places.located,
    )
    plan.summary.by_province.update(places.counts)
    _count_former_provinces(plan.summary, site_rows, places)

    def share(src_uri: str, choices: list[tuple[HonourPage, int]]) -> None:
        _plan_shared(plan, src_uri, layout, choices)

    last: dict[str, _Planned] = {}
    if memo is not None:  # filled anew below: a decision gone is forgotten
        last, memo.planned, memo.hits = memo.planned, {}, 0
    for decision, by_place in zip(plan.decisions, decision_places, strict=True):
        plan.entry_pages[decision.slug] = _plan_decision(
            plan, decision, by_place, places.of_where, (split_over, layout, share), memo, last.get(decision.slug)
        )
    plan.province_sources = province_sources(plan.provinces, plan.decisions)
    province_pages = _plan_places(plan, places, layout, entry_order if memo is None else memo.order_of)
    if memo is not None:
        memo.forget_unused()
    _plan_groups(plan, titles, periods, layout)
    section: tuple[tuple[str, str, str, HonourKind, HonourContext], ...] = (
        (layout.honours_index, "Bảng vàng vinh danh", "honour-index.html", "index", IndexContext(plan.digest())),
        (layout.statistics, "Thống kê bảng vàng", "honour-stats.html", "stats", StatsContext(plan.summary)),
        (layout.lookup, "Tra cứu bảng vàng", "honour-lookup.html", "lookup", ProvincesContext(province_pages)),
        (layout.exports_page, "Dữ liệu mở bảng vàng", "honour-exports.html", "exports", _exports(plan, layout)),
    )
    for src_uri, title, template, kind, context in section:
        plan.add(HonourPage(src_uri, layout.url(src_uri), title, template, kind, context))
    _plan_redirects(plan, places, layout)
    return plan


def _count_former_provinces(summary: Summary, site_rows: dict[Where, list[Row]], places: Places) -> None:
    """Count the rows of decisions signed before the reform by the province each names, as it was then.

    That is the former province the unit list matched (the named unit's), or
    the printed province, in its commonest spelling, where nothing was matched.
    """
    for where, rows in site_rows.items():
        if where[3]:
            continue
        printed = places.of_where[where]
        named = places.located[printed].named
        summary.by_former_province[named.province.name if named else printed.province] += len(rows)
        summary.before_reform += len(rows)


def _plan_redirects(plan: HonourPlan, places: Places, layout: SiteLayout) -> None:
    """Lead the old address of each printed place and province to its page now, unless a page lives there."""
    for (old_province, old_place), (province, place) in places.redirects.items():
        old = layout.place(old_province, old_place) if old_place else layout.province(old_province)
        new = layout.place(province, place) if place else layout.province(province)
        if old not in plan.pages and new in plan.pages:
            plan.redirects[old] = new


def _exports(plan: HonourPlan, layout: SiteLayout) -> ExportsContext:
    """List the open-data files the build writes, as :func:`..inventory.build_inventory` lists them."""
    provinces = []
    for province in sorted(plan.provinces, key=collation_key):
        address = plan.province_addresses[province]
        count = sum(len(rows) for rows in plan.provinces[province].values())
        listing, own = plan.province_sources[province]
        csv = layout.province_export(address, "csv") if own else None
        provinces.append((province, count, layout.province(address), csv, listing))
    return ExportsContext(plan.decisions, provinces, layout.manifest)


def _merge_places(by_place: dict[Where, list[Row]], places: dict[Where, Place]) -> dict[Place, list[Row]]:
    """Join a decision's rows of one place printed in several spellings (in new lists: ``by_place`` may be kept)."""
    merged: dict[Place, list[Row]] = {}
    for where, rows in by_place.items():
        place = places[where]
        if place in merged:
            merged[place].extend(rows)
        else:
            merged[place] = list(rows)
    return merged


Walk = tuple[dict[Where, list[Row]], Counter[str], Counter[str]]
"""A decision's rows by printed place, and its entries counted by title and by kind, in the entries' order."""


def _walk(decision: Decision) -> Walk:
    """Go through a decision's entries once: its rows by printed place, its counts by title and by kind."""
    by_place: dict[Where, list[Row]] = defaultdict(list)
    titles: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for entry in decision.entries:
        by_place[where_of(decision, entry)].append((decision, entry))
        titles[decision.entry_title(entry)] += 1
        kinds[entry.kind] += 1
    return dict(by_place), titles, kinds


def _sorted_groups(
    by_place: dict[Place, list[Row]], order: Callable[[HonourEntry], EntryOrder] = entry_order
) -> list[PlaceGroup]:
    groups = [PlaceGroup(place, sorted(rows, key=lambda row: order(row[1]))) for place, rows in by_place.items()]
    groups.sort(key=place_order)
    return groups


def _plan_shared(plan: HonourPlan, src_uri: str, layout: SiteLayout, choices: list[tuple[HonourPage, int]]) -> None:
    """Plan the page at a slug several names share: it links each name's own page."""
    choices.sort(key=lambda choice: collation_key(choice[0].title))
    title = " · ".join(page.title for page, _ in choices)
    plan.add(HonourPage(src_uri, layout.url(src_uri), title, "honour-shared.html", "shared", SharedContext(choices)))


def _plan_places(
    plan: HonourPlan, places: Places, layout: SiteLayout, order: Callable[[HonourEntry], EntryOrder]
) -> list[HonourPage]:
    provinces: list[HonourPage] = []
    overview_uri = layout.places
    plan.add(
        HonourPage(
            overview_uri,
            layout.url(overview_uri),
            "Bảng vàng theo địa phương",
            "honour-places.html",
            "places",
            ProvincesContext(provinces),
        )
    )
    for province in sorted(plan.provinces, key=collation_key):
        address = plan.province_addresses[province]
        province_uri = layout.province(address)
        listing, own = plan.province_sources[province]
        csv = layout.province_export(address, "csv") if own else None
        context = ProvinceContext(province, [], 0, csv, listing)
        province_page = plan.add(
            HonourPage(province_uri, layout.url(province_uri), province, "honour-province.html", "province", context)
        )
        place_pages: dict[Place, HonourPage] = {}
        for group in _sorted_groups(plan.provinces[province], order):
            src_uri = layout.place(address, group.place.address)
            title = group.place.written
            page = plan.add(
                HonourPage(
                    src_uri,
                    layout.url(src_uri),
                    title,
                    "honour-place.html",
                    "place",
                    PlaceContext(
                        group, province_page, signed_sections(group, plan.decisions, plan.place_of, plan.entry_url)
                    ),
                )
            )
            group.url = page.url
            context.places.append(group)
            place_pages[group.place] = page
        for slug, shared in places.shared_places.get(province, {}).items():
            choices = [(place_pages[p], len(plan.provinces[province][p])) for p in shared]
            _plan_shared(plan, layout.place(address, slug), layout, choices)
        plan.provinces[province] = {
            group.place: group.rows for group in context.places
        }  # exports list rows as pages do
        context.count = sum(len(g.rows) for g in context.places)
        provinces.append(province_page)
    by_name = {page.title: page for page in provinces}
    for slug, names in places.shared_provinces.items():
        choices = [(by_name[name], by_name[name].count) for name in names]
        _plan_shared(plan, layout.province(slug), layout, choices)
    return provinces


def _plan_groups(
    plan: HonourPlan,
    titles: dict[str, list[tuple[Decision, int]]],
    periods: dict[str, list[Decision]],
    layout: SiteLayout,
) -> None:
    merged, counts, plan.title_of = merge_titles(titles, plan.decisions)
    plan.summary.by_title.update(counts)
    addresses = assign_addresses({title: (address_slug(title), name_key(title)) for title in merged})
    title_pages = []
    by_name: dict[str, HonourPage] = {}
    for title in sorted(merged, key=collation_key):
        src_uri = layout.title(addresses.of[title])
        context = TitleContext(title, merged[title], sum(c for _, c in merged[title]))
        page = plan.add(
            HonourPage(src_uri, layout.url(src_uri), f"Danh hiệu: {title}", "honour-title.html", "title", context)
        )
        title_pages.append(page)
        by_name[title] = page
    for slug, names in addresses.shared.items():
        choices = [(by_name[name], by_name[name].count) for name in names]
        _plan_shared(plan, layout.title(slug), layout, choices)
    period_pages = []
    for period in sorted(periods, reverse=True):
        src_uri = layout.period(period)
        period_context = PeriodContext(period, periods[period], sum(len(d.entries) for d in periods[period]))
        page = plan.add(
            HonourPage(
                src_uri, layout.url(src_uri), f"Giai đoạn {period}", "honour-period.html", "period", period_context
            )
        )
        period_pages.append(page)
    for src_uri, title, pages in (
        (layout.titles, "Danh hiệu", title_pages),
        (layout.periods, "Giai đoạn", period_pages),
    ):
        plan.add(HonourPage(src_uri, layout.url(src_uri), title, "honour-groups.html", "groups", GroupsContext(pages)))
