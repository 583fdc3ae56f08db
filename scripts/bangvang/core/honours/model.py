"""Honour rolls: a decision (quyết định) and the entries of its list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

KINDS = {
    "gia_dinh": "Gia đình học tập",
    "dong_ho": "Dòng họ học tập",
    "cong_dong": "Cộng đồng học tập",
    "don_vi": "Đơn vị học tập",
    "cong_dan": "Công dân học tập",
    "tap_the": "Tập thể",
    "ca_nhan": "Cá nhân",
}
"""The kinds of entry, with the learning model each names."""

PERSON_KINDS = frozenset({"gia_dinh", "cong_dan", "ca_nhan"})
"""Kinds whose entries name a person, listed by given name."""

FORMS = {
    "cong_nhan": "Công nhận",
    "bang_khen": "Bằng khen",
    "giay_khen": "Giấy khen",
    "bieu_duong": "Biểu dương",
}
"""The forms a decision takes."""

ENTRY_FIELDS = ("stt", "kind", "name", "person", "title", "village", "commune", "district", "province")
"""The columns of an entry as the decision prints it, in CSV order; nothing else is ever published."""

CHOICE_FIELDS = ("current_commune",)
"""Optional columns holding the editor's choices, not the decision's words: read and checked, not exported."""

LIST_FIELDS = (*ENTRY_FIELDS, *CHOICE_FIELDS)
"""Every column a list (YAML entries or CSV) may have."""

DISTRICTS_ABOLISHED = dt.date(2025, 7, 1)
"""From this day Vietnam has no district level: later decisions name no district."""


class HonourEntry(NamedTuple):
    """One row of a decision's list, as printed, with the source line it came from.

    A named tuple, immutable like a frozen dataclass: a province's million rows
    are made several times faster, and sent to another process and back (pickled)
    at a fraction of the cost.
    """

    stt: int
    kind: str
    name: str
    person: str | None
    title: str | None
    village: str | None
    commune: str
    district: str | None
    province: str
    line: int
    # The current commune the editor chose for a row whose former commune was split (or is not listed).
    current_commune: str | None = None


@dataclass(frozen=True)
class Issuer:
    """The body that signed a decision, and its level."""

    name: str
    level: str


@dataclass(frozen=True)
class Decision:
    """A recognition decision and its list.

    ``path`` names the YAML file (from the site root), ``list_path`` the file
    the entries came from (the YAML itself or its CSV). ``slug`` is the YAML
    file's name: two bodies may both sign a "15/QĐ-UBND", files stay apart.
    """

    path: str
    list_path: str
    slug: str
    number: str
    aliases: tuple[str, ...]
    signed: dt.date
    issuer: Issuer
    form: str
    period: str
    title: str
    basis: tuple[str, ...]
    article: str | None
    sample: bool
    entries: tuple[HonourEntry, ...]
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    elsewhere: int = 0
    """Entries of the decision in provinces this site does not publish (``provinces`` option), not in ``entries``."""

    @property
    def period_years(self) -> tuple[int, int]:
        """The first and last year of the period."""
        first, _, last = self.period.partition("-")
        return int(first), int(last or first)

    def anchor(self, entry: HonourEntry) -> str:
        """Return the stable anchor of an entry: built from the decision and its STT, never its position."""
        return f"{self.slug}-stt-{entry.stt}"

    def entry_title(self, entry: HonourEntry) -> str:
        """Return the title an entry holds: its own, else the decision's."""
        return entry.title or self.title
