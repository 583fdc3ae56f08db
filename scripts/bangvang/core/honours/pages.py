"""The honour section's pages and what each kind hands its template.

A page's ``context`` is typed by its kind: templates read ``bv.honour.<field>``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from .addresses import Place, Row
from .model import DISTRICTS_ABOLISHED, Decision

HonourKind = Literal[
    "index",
    "stats",
    "lookup",
    "decision",
    "decision-place",
    "shared",
    "places",
    "province",
    "place",
    "title",
    "period",
    "groups",
    "exports",
]


@dataclass
class Summary:
    """Counts for the index and statistics pages."""

    entries: int = 0
    decisions: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_period: Counter[str] = field(default_factory=Counter)
    by_title: Counter[str] = field(default_factory=Counter)
    by_province: Counter[str] = field(default_factory=Counter)
    """Entries by the province each lies in today (since 1/7/2025), where the unit list settles it."""
    by_form: Counter[str] = field(default_factory=Counter)
    by_former_province: Counter[str] = field(default_factory=Counter)
    """Entries of decisions signed before 1/7/2025, by the province each names (as it was then)."""
    before_reform: int = 0
    """Entries of decisions signed before 1/7/2025."""


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
    article: str | None = None
    """The source path of the article announcing the decision."""
    basis: tuple[str, ...] = ()
    """The numbers of the directives the decision is based on, as written."""


@dataclass
class Digest:
    """The counts and latest decisions: all the section index, the home page and the linked pages need.

    It is kept between builds: articles and directives are drawn on every build, the
    honour section's plan only when the rolls changed.
    """

    summary: Summary
    latest: list[DecisionInfo]
    provinces: list[tuple[str, int]]
    sample: bool = False
    linked: list[DecisionInfo] = field(default_factory=list)
    """Every decision naming an article or a basis, newest first: the back-links of those pages."""
    province_pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each province's name and page (source path) by :func:`.addresses.province_key`, for the tags naming it."""


@dataclass
class PlaceGroup:
    """The entries of one place on one page, in order; ``anchor`` is its heading's id on a decision page."""

    place: Place
    rows: list[Row]
    url: str = ""
    anchor: str = ""
    ranks: list[int] | None = None
    """On a decision's pages (rows by STT): each row's rank in given-name order, for the page's order switch."""
    rank: int = 0
    """On a decision's pages: the place's rank in name order among the decision's places."""

    def decisions_by_era(self) -> tuple[int, int]:
        """Return how many of the rows' decisions were signed before 1/7/2025 (old units), and how many since."""
        before: set[str] = set()
        since: set[str] = set()
        for decision, _ in self.rows:
            (since if decision.signed >= DISTRICTS_ABOLISHED else before).add(decision.slug)
        return len(before), len(since)

    def villages(self) -> list[tuple[str, int]]:
        """Return each village (thôn, tổ dân phố) named by the rows, with its count, in the rows' order."""
        counts: dict[str, int] = {}
        for _, entry in self.rows:
            if entry.village:
                counts[entry.village] = counts.get(entry.village, 0) + 1
        return list(counts.items())


@dataclass
class DecisionContext:
    """A decision's page: its places in order; a split decision links one page per place."""

    decision: Decision
    groups: list[PlaceGroup]
    split: bool
    stt_runs: str = "[]"
    """[first STT, last STT, page number] runs as JSON, for jumping to an entry of a split decision.

    Kept as text: a province's decisions have hundreds of thousands of runs."""
    page_urls: list[str] = field(default_factory=list)

    def provinces(self) -> list[tuple[str, int, list[PlaceGroup]]]:
        """Return the groups by province, in the groups' order, with each province's rank in name order."""
        by_province: dict[str, list[PlaceGroup]] = {}
        for group in self.groups:
            by_province.setdefault(group.place.province, []).append(group)
        ranks = {name: min(g.rank for g in groups) for name, groups in by_province.items()}
        order = {name: rank for rank, name in enumerate(sorted(ranks, key=ranks.__getitem__))}
        return [(name, order[name], groups) for name, groups in by_province.items()]


@dataclass
class DecisionPlaceContext:
    """One place's page of a split decision."""

    decision: Decision
    groups: list[PlaceGroup]
    parent: HonourPage


@dataclass
class SharedContext:
    """The page at an address several names share: each name's own page and its count."""

    choices: list[tuple[HonourPage, int]]


@dataclass
class ProvinceContext:
    """A province's page: its places, with its open-data files."""

    province: str
    places: list[PlaceGroup]
    count: int
    csv: str | None
    """The province's own CSV, or None where its rows are whole decisions' files (``decisions``)."""
    decisions: list[Decision]
    """The decisions listing the province's rows, whose CSVs hold them."""


@dataclass
class SignedSection:
    """A place page's rows of one decision and one place as that decision signed it, as the printed list groups them.

    Its heading says once what each row would otherwise repeat: the decision (linking to ``url``, the
    decision's page holding these rows under the same anchors), its date, the place as signed with what it is
    now, and the decision's title; a row shows a title only when it has its own.
    """

    decision: Decision
    place: Place
    rows: list[Row]
    url: str
    anchor: str


@dataclass
class PlaceContext:
    """A place's page: its entries from every decision, in sections by decision and place as signed."""

    group: PlaceGroup
    province: HonourPage
    sections: list[SignedSection] = field(default_factory=list)


@dataclass
class TitleContext:
    """A title's page: the decisions that give it, each with its count."""

    name: str
    decisions: list[tuple[Decision, int]]
    count: int


@dataclass
class PeriodContext:
    """A period's page: its decisions."""

    name: str
    decisions: list[Decision]
    count: int


@dataclass
class GroupsContext:
    """The page listing every title or every period."""

    pages: list[HonourPage]


@dataclass
class ProvincesContext:
    """The section pages that list the provinces (places overview, statistics, lookup, index)."""

    provinces: list[HonourPage]


@dataclass
class ExportsContext:
    """The open-data page: each decision's files, each province's, and the manifest."""

    decisions: list[Decision]
    provinces: list[tuple[str, int, str, str | None, list[Decision]]]
    """Each province's name, entry count, page (source path), own CSV (or None) and the decisions listing it."""
    manifest: str


@dataclass
class IndexContext:
    """The section's index: the counts and newest decisions (kept between builds)."""

    digest: Digest


@dataclass
class StatsContext:
    """The statistics page: every count."""

    summary: Summary


HonourContext = (
    DecisionContext
    | DecisionPlaceContext
    | SharedContext
    | ProvinceContext
    | PlaceContext
    | TitleContext
    | PeriodContext
    | GroupsContext
    | ProvincesContext
    | ExportsContext
    | IndexContext
    | StatsContext
)


@dataclass
class HonourPage:
    """One generated page: where it lives, its title, its template and what it lists."""

    src_uri: str
    url: str
    title: str
    template: str
    kind: HonourKind
    context: HonourContext

    @property
    def count(self) -> int:
        """The entries a title, period or province page lists."""
        context = self.context
        if isinstance(context, ProvinceContext | TitleContext | PeriodContext):
            return context.count
        raise TypeError(f"a {self.kind} page has no count")
