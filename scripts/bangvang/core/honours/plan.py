"""The honour section's pages: which pages there are, what each lists, in which order.

One pass over the entries groups them by decision and place, one sort orders
each group; every structure is linear in the number of entries. Nothing here
renders HTML: templates do, from these plans.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..collation import collation_key, given_name_key, name_key, person_name
from ..settings import SiteSettings
from .addresses import Place, Places, Row, Where, address_slug, assign_addresses, merge_titles, resolve_places
from .model import KINDS, PERSON_KINDS, Decision, HonourEntry

ROOT = "vinh-danh"
_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}


def entry_order(entry: HonourEntry) -> tuple[Any, ...]:
    """Sort key within a place: by kind, people by given name, others by name, then STT."""
    if entry.kind in PERSON_KINDS:
        name_key: tuple[Any, ...] = given_name_key(entry.person or person_name(entry.name))
    else:
        name_key = collation_key(entry.name)
    return _KIND_ORDER[entry.kind], name_key, entry.stt


@dataclass
class PlaceGroup:
    """The entries of one place on one page, in order; ``anchor`` is its heading's id on a decision page."""

    place: Place
    rows: list[Row]
    url: str = ""
    anchor: str = ""


@dataclass
class HonourPage:
    """One generated page: where it lives, its title, its template and what it lists."""

    src_uri: str
    url: str
    title: str
    template: str
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Summary:
    """Counts for the index and statistics pages."""

    entries: int = 0
    decisions: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_period: Counter[str] = field(default_factory=Counter)
    by_title: Counter[str] = field(default_factory=Counter)
    by_province: Counter[str] = field(default_factory=Counter)
    by_form: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class DecisionInfo:
    """What index pages show of a decision, without its list."""

    slug: str
    number: str
    signed: Any
    issuer: str
    form: str
    period: str
    title: str
    count: int


@dataclass
class Digest:
    """The counts and latest decisions: all the section index and the home page need."""

    summary: Summary
    latest: list[DecisionInfo]
    provinces: list[tuple[str, int]]
    sample: bool = False


@dataclass
class HonourPlan:
    """Every honour page, the page each entry lives on, and the counts."""

    pages: dict[str, HonourPage] = field(default_factory=dict)
    entry_urls: dict[tuple[str, int], str] = field(default_factory=dict)
    summary: Summary = field(default_factory=Summary)
    decisions: list[Decision] = field(default_factory=list)
    provinces: dict[str, dict[Place, list[Row]]] = field(default_factory=dict)
    province_addresses: dict[str, str] = field(default_factory=dict)
    place_of: dict[Where, Place] = field(default_factory=dict)
    """The place each printed (province, district, commune) is, whatever its spelling."""
    title_of: dict[str, str] = field(default_factory=dict)
    """The title each printed spelling of a title is."""

    def add(self, page: HonourPage) -> HonourPage:
        """Register a page; two pages at one address would be one page lost, never a choice."""
        if page.src_uri in self.pages:
            raise ValueError(f"two honour pages planned at {page.src_uri}")
        self.pages[page.src_uri] = page
        return page

    def digest(self, latest: int = 10) -> Digest:
        """Return the counts and the newest decisions, small enough to keep between builds."""
        infos = [
            DecisionInfo(d.slug, d.number, d.signed, d.issuer.name, d.form, d.period, d.title, len(d.entries))
            for d in self.decisions[:latest]
        ]
        provinces = [(p, sum(len(rows) for rows in places.values())) for p, places in self.provinces.items()]
        provinces.sort(key=lambda item: collation_key(item[0]))
        return Digest(self.summary, infos, provinces, any(d.sample for d in self.decisions))

    def entry_url(self, decision: Decision, entry: HonourEntry) -> str:
        """Return the URL of the page listing an entry (add its anchor to point at the row)."""
        return self.entry_urls[(decision.slug, entry.stt)]


def decision_folder(decision: Decision) -> str:
    """Return the folder of a decision's page(s)."""
    return f"{ROOT}/quyet-dinh/{decision.slug}"


def province_folder(address: str) -> str:
    """Return the folder of a province's place pages, from the province's address."""
    return f"{ROOT}/dia-phuong/{address}"


def export_path(decision: Decision, extension: str) -> str:
    """Return where a decision's open-data file is written."""
    return f"{ROOT}/du-lieu/{decision.slug}.{extension}"


def province_export_path(address: str, extension: str) -> str:
    """Return where a province's open-data file is written, from the province's address."""
    return f"{ROOT}/du-lieu/tinh/{address}.{extension}"


def plan_honours(decisions: list[Decision], settings: SiteSettings, split_over: int) -> HonourPlan:
    """Plan every honour page for the decisions (newest decision first on index pages).

    A decision listing more than ``split_over`` entries gets one page per place
    under its own page, which then lists the places; an entry's anchor stays
    the same either way.
    """
    plan = HonourPlan(decisions=sorted(decisions, key=lambda d: (d.signed, d.number), reverse=True))
    url = settings.page_url
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
        by_place: dict[Where, list[Row]] = defaultdict(list)
        title_counts: Counter[str] = Counter()
        for entry in decision.entries:
            where = (entry.province, entry.district, entry.commune)
            row = (decision, entry)
            by_place[where].append(row)
            site_rows[where].append(row)
            title_counts[decision.entry_title(entry)] += 1
            summary.by_kind[entry.kind] += 1
        summary.entries += len(decision.entries)
        for title, count in title_counts.items():
            titles[title].append((decision, count))
        decision_places.append(by_place)
    places = resolve_places(site_rows)
    plan.provinces, plan.province_addresses, plan.place_of = (
        places.provinces,
        places.province_addresses,
        places.of_where,
    )
    plan.summary.by_province.update(places.counts)
    for decision, by_place in zip(plan.decisions, decision_places, strict=True):
        _plan_decision(plan, decision, _merge_places(by_place, places.of_where), split_over, url)
    province_pages = _plan_places(plan, places, url)
    _plan_groups(plan, titles, periods, url)
    for name, title, template in (
        ("index", "Bảng vàng vinh danh", "honour-index.html"),
        ("thong-ke/index", "Thống kê bảng vàng", "honour-stats.html"),
        ("tra-cuu/index", "Tra cứu bảng vàng", "honour-lookup.html"),
    ):
        src_uri = f"{ROOT}/{name}.md"
        page = plan.add(HonourPage(src_uri, url(src_uri), title, template, name.split("/")[0]))
        page.data.update(provinces=province_pages)
    return plan


def _merge_places(by_place: dict[Where, list[Row]], places: dict[Where, Place]) -> dict[Place, list[Row]]:
    """Join a decision's rows of one place printed in several spellings."""
    merged: dict[Place, list[Row]] = {}
    for where, rows in by_place.items():
        place = places[where]
        if place in merged:
            merged[place].extend(rows)
        else:
            merged[place] = rows
    return merged


def _sorted_groups(by_place: dict[Place, list[Row]]) -> list[PlaceGroup]:
    groups = [PlaceGroup(place, sorted(rows, key=lambda row: entry_order(row[1]))) for place, rows in by_place.items()]
    groups.sort(key=lambda g: (collation_key(g.place.province), collation_key(g.place.name), g.place.anchor))
    return groups


def _plan_shared(plan: HonourPlan, src_uri: str, url: Any, choices: list[tuple[HonourPage, int]]) -> None:
    """Plan the page at a slug several names share: it links each name's own page."""
    choices.sort(key=lambda choice: collation_key(choice[0].title))
    title = " · ".join(page.title for page, _ in choices)
    page = plan.add(HonourPage(src_uri, url(src_uri), title, "honour-shared.html", "shared"))
    page.data.update(choices=choices)


def _plan_decision(
    plan: HonourPlan, decision: Decision, by_place: dict[Place, list[Row]], split_over: int, url: Any
) -> None:
    folder = decision_folder(decision)
    main_uri = f"{folder}/index.md"
    groups = _sorted_groups(by_place)
    split = len(decision.entries) > split_over and len(groups) > 1
    main = plan.add(
        HonourPage(main_uri, url(main_uri), f"Quyết định {decision.number}", "honour-decision.html", "decision")
    )
    main.data.update(decision=decision, groups=groups, split=split)
    anchors = assign_addresses(
        {group.place: (group.place.anchor, f"{group.place.province_address}/{group.place.address}") for group in groups}
    )
    page_of: dict[int, int] = {}
    sub_pages: dict[Place, HonourPage] = {}
    for index, group in enumerate(groups):
        group.anchor = anchors.of[group.place]
        if split:
            src_uri = f"{folder}/{group.anchor}/index.md"
            page = plan.add(
                HonourPage(
                    src_uri,
                    url(src_uri),
                    f"Quyết định {decision.number}: {group.place.name}, {group.place.province}",
                    "honour-decision-place.html",
                    "decision",
                )
            )
            page.data.update(decision=decision, groups=[group], parent=main)
            group.url = page.url
            sub_pages[group.place] = page
        else:
            group.url = main.url
        for _, entry in group.rows:
            plan.entry_urls[(decision.slug, entry.stt)] = group.url
            if split:
                page_of[entry.stt] = index
    if split:
        sizes = {group.place: len(group.rows) for group in groups}
        for slug, shared in anchors.shared.items():
            _plan_shared(plan, f"{folder}/{slug}/index.md", url, [(sub_pages[p], sizes[p]) for p in shared])
    main.data["stt_runs"] = _merge_runs(page_of)
    main.data["page_urls"] = [group.url for group in groups] if split else []


def _merge_runs(page_of: dict[int, int]) -> list[list[int]]:
    """Merge STT → page into [first, last, page] runs of consecutive STT on one page."""
    merged: list[list[int]] = []
    for stt in sorted(page_of):
        page = page_of[stt]
        if merged and merged[-1][2] == page and merged[-1][1] + 1 == stt:
            merged[-1][1] = stt
        else:
            merged.append([stt, stt, page])
    return merged


def _plan_places(plan: HonourPlan, places: Places, url: Any) -> list[HonourPage]:
    overview_uri = f"{ROOT}/dia-phuong/index.md"
    overview = plan.add(
        HonourPage(overview_uri, url(overview_uri), "Bảng vàng theo địa phương", "honour-places.html", "places")
    )
    provinces: list[HonourPage] = []
    for province in sorted(plan.provinces, key=collation_key):
        address = plan.province_addresses[province]
        folder = province_folder(address)
        province_uri = f"{folder}/index.md"
        province_page = plan.add(
            HonourPage(province_uri, url(province_uri), province, "honour-province.html", "province")
        )
        groups = []
        place_pages: dict[Place, HonourPage] = {}
        for group in _sorted_groups(plan.provinces[province]):
            src_uri = f"{folder}/{group.place.address}/index.md"
            title = f"{group.place.name}, {province}"
            page = plan.add(HonourPage(src_uri, url(src_uri), title, "honour-place.html", "place"))
            group.url = page.url
            page.data.update(group=group, province=province_page)
            groups.append(group)
            place_pages[group.place] = page
        for slug, shared in places.shared_places.get(province, {}).items():
            choices = [(place_pages[p], len(place_pages[p].data["group"].rows)) for p in shared]
            _plan_shared(plan, f"{folder}/{slug}/index.md", url, choices)
        plan.provinces[province] = {group.place: group.rows for group in groups}  # exports list rows as pages do
        province_page.data.update(
            province=province,
            places=groups,
            count=sum(len(g.rows) for g in groups),
            csv=province_export_path(address, "csv"),
            json=province_export_path(address, "json"),
        )
        provinces.append(province_page)
    by_name = {page.title: page for page in provinces}
    for slug, names in places.shared_provinces.items():
        choices = [(by_name[name], by_name[name].data["count"]) for name in names]
        _plan_shared(plan, f"{ROOT}/dia-phuong/{slug}/index.md", url, choices)
    overview.data.update(provinces=provinces)
    return provinces


def _plan_groups(
    plan: HonourPlan, titles: dict[str, list[tuple[Decision, int]]], periods: dict[str, list[Decision]], url: Any
) -> None:
    merged, counts, plan.title_of = merge_titles(titles, plan.decisions)
    plan.summary.by_title.update(counts)
    addresses = assign_addresses({title: (address_slug(title), name_key(title)) for title in merged})
    title_pages = []
    for title in sorted(merged, key=collation_key):
        src_uri = f"{ROOT}/danh-hieu/{addresses.of[title]}/index.md"
        page = plan.add(HonourPage(src_uri, url(src_uri), f"Danh hiệu: {title}", "honour-title.html", "title"))
        page.data.update(name=title, decisions=merged[title], count=sum(c for _, c in merged[title]))
        title_pages.append(page)
    by_name = {page.data["name"]: page for page in title_pages}
    for slug, names in addresses.shared.items():
        choices = [(by_name[name], by_name[name].data["count"]) for name in names]
        _plan_shared(plan, f"{ROOT}/danh-hieu/{slug}/index.md", url, choices)
    period_pages = []
    for period in sorted(periods, reverse=True):
        src_uri = f"{ROOT}/giai-doan/{period}/index.md"
        page = plan.add(HonourPage(src_uri, url(src_uri), f"Giai đoạn {period}", "honour-period.html", "period"))
        page.data.update(name=period, decisions=periods[period], count=sum(len(d.entries) for d in periods[period]))
        period_pages.append(page)
    for folder, title, pages in (
        ("danh-hieu", "Danh hiệu", title_pages),
        ("giai-doan", "Giai đoạn", period_pages),
    ):
        src_uri = f"{ROOT}/{folder}/index.md"
        overview = plan.add(HonourPage(src_uri, url(src_uri), title, "honour-groups.html", "groups"))
        overview.data.update(pages=pages)
