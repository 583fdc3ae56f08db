"""The honour section's pages: which pages there are, what each lists, in which order.

One pass over the entries groups them by decision and place, one sort orders
each group; every structure is linear in the number of entries. Nothing here
renders HTML: templates do, from these plans.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..collation import collation_key, given_name_key, person_name
from ..settings import SiteSettings
from ..text import slugify
from .model import KINDS, PERSON_KINDS, Decision, HonourEntry

ROOT = "vinh-danh"
_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}

Row = tuple[Decision, HonourEntry]
"""An entry with the decision that lists it."""


@dataclass(frozen=True)
class Place:
    """A commune as printed on decisions: with its district when the decision names one."""

    province: str
    district: str | None
    commune: str

    @property
    def name(self) -> str:
        """The place written out ("Xã Thiên Lộc, Huyện Can Lộc")."""
        return f"{self.commune}, {self.district}" if self.district else self.commune

    @property
    def slug(self) -> str:
        """The place's slug within its province."""
        return slugify(f"{self.commune} {self.district or ''}")


def entry_order(entry: HonourEntry) -> tuple[Any, ...]:
    """Sort key within a place: by kind, people by given name, others by name, then STT."""
    if entry.kind in PERSON_KINDS:
        name_key: tuple[Any, ...] = given_name_key(entry.person or person_name(entry.name))
    else:
        name_key = collation_key(entry.name)
    return _KIND_ORDER[entry.kind], name_key, entry.stt


@dataclass
class PlaceGroup:
    """The entries of one place on one page, in order."""

    place: Place
    rows: list[Row]
    url: str = ""


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

    def add(self, page: HonourPage) -> HonourPage:
        """Register a page."""
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


def province_folder(province: str) -> str:
    """Return the folder of a province's place pages."""
    return f"{ROOT}/dia-phuong/{slugify(province)}"


def export_path(decision: Decision, extension: str) -> str:
    """Return where a decision's open-data file is written."""
    return f"{ROOT}/du-lieu/{decision.slug}.{extension}"


def province_export_path(province: str, extension: str) -> str:
    """Return where a province's open-data file is written."""
    return f"{ROOT}/du-lieu/tinh/{slugify(province)}.{extension}"


def plan_honours(decisions: list[Decision], settings: SiteSettings, split_over: int) -> HonourPlan:
    """Plan every honour page for the decisions (newest decision first on index pages).

    A decision listing more than ``split_over`` entries gets one page per place
    under its own page, which then lists the places; an entry's anchor stays
    the same either way.
    """
    plan = HonourPlan(decisions=sorted(decisions, key=lambda d: (d.signed, d.number), reverse=True))
    url = settings.page_url
    provinces: dict[str, dict[Place, list[Row]]] = defaultdict(lambda: defaultdict(list))
    titles: dict[str, list[tuple[Decision, int]]] = defaultdict(list)
    periods: dict[str, list[Decision]] = defaultdict(list)
    summary = plan.summary
    known_places: dict[tuple[str, str | None, str], Place] = {}
    for decision in plan.decisions:
        summary.decisions += 1
        summary.by_form[decision.form] += len(decision.entries)
        summary.by_period[decision.period] += len(decision.entries)
        periods[decision.period].append(decision)
        by_place: dict[Place, list[Row]] = defaultdict(list)
        title_counts: Counter[str] = Counter()
        for entry in decision.entries:
            where = (entry.province, entry.district, entry.commune)
            place = known_places.get(where)
            if place is None:
                place = known_places[where] = Place(*where)
            row = (decision, entry)
            by_place[place].append(row)
            provinces[entry.province][place].append(row)
            title_counts[decision.entry_title(entry)] += 1
            summary.by_kind[entry.kind] += 1
            summary.by_province[entry.province] += 1
        summary.entries += len(decision.entries)
        summary.by_title.update(title_counts)
        for title, count in title_counts.items():
            titles[title].append((decision, count))
        _plan_decision(plan, decision, by_place, split_over, url)
    plan.provinces = {province: dict(places) for province, places in provinces.items()}
    _plan_places(plan, url)
    _plan_groups(plan, titles, periods, url)
    for name, title, template in (
        ("index", "Bảng vàng vinh danh", "honour-index.html"),
        ("thong-ke/index", "Thống kê bảng vàng", "honour-stats.html"),
        ("tra-cuu/index", "Tra cứu bảng vàng", "honour-lookup.html"),
    ):
        src_uri = f"{ROOT}/{name}.md"
        plan.add(HonourPage(src_uri, url(src_uri), title, template, name.split("/")[0]))
    return plan


def _sorted_groups(by_place: dict[Place, list[Row]]) -> list[PlaceGroup]:
    groups = [PlaceGroup(place, sorted(rows, key=lambda row: entry_order(row[1]))) for place, rows in by_place.items()]
    groups.sort(key=lambda g: (collation_key(g.place.province), collation_key(g.place.name)))
    return groups


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
    page_of: dict[int, int] = {}
    for index, group in enumerate(groups):
        if split:
            src_uri = f"{folder}/{slugify(group.place.province)}-{group.place.slug}/index.md"
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
        else:
            group.url = main.url
        for _, entry in group.rows:
            plan.entry_urls[(decision.slug, entry.stt)] = group.url
            if split:
                page_of[entry.stt] = index
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


def _plan_places(plan: HonourPlan, url: Any) -> None:
    overview_uri = f"{ROOT}/dia-phuong/index.md"
    overview = plan.add(
        HonourPage(overview_uri, url(overview_uri), "Bảng vàng theo địa phương", "honour-places.html", "places")
    )
    provinces = []
    for province in sorted(plan.provinces, key=collation_key):
        folder = province_folder(province)
        province_uri = f"{folder}/index.md"
        province_page = plan.add(
            HonourPage(province_uri, url(province_uri), province, "honour-province.html", "province")
        )
        places = []
        for group in _sorted_groups(plan.provinces[province]):
            src_uri = f"{folder}/{group.place.slug}/index.md"
            title = f"{group.place.name}, {province}"
            page = plan.add(HonourPage(src_uri, url(src_uri), title, "honour-place.html", "place"))
            group.url = page.url
            page.data.update(group=group, province=province_page)
            places.append(group)
        count = sum(len(g.rows) for g in places)
        province_page.data.update(
            province=province,
            places=places,
            count=count,
            csv=province_export_path(province, "csv"),
            json=province_export_path(province, "json"),
        )
        provinces.append(province_page)
    overview.data.update(provinces=provinces)


def _plan_groups(
    plan: HonourPlan, titles: dict[str, list[tuple[Decision, int]]], periods: dict[str, list[Decision]], url: Any
) -> None:
    title_pages = []
    for title in sorted(titles, key=collation_key):
        src_uri = f"{ROOT}/danh-hieu/{slugify(title)}/index.md"
        page = plan.add(HonourPage(src_uri, url(src_uri), f"Danh hiệu: {title}", "honour-title.html", "title"))
        page.data.update(name=title, decisions=titles[title], count=sum(c for _, c in titles[title]))
        title_pages.append(page)
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
