"""Addresses of the honour pages and files named after places, titles and decision files.

A slug drops tones and case, so different names can fold to one slug ("Xã
Đông Sơn", "Xã Đồng Sơn"). Such names never share a page: each gets the slug
followed by a suffix computed from the name alone, and the plain slug becomes
a short page listing them. A name alone on its slug keeps the plain slug. No
address depends on the order of files or rows, and a name's suffixed address
stays the same whatever other names come to share its slug.

Spellings that differ only in case or tone placement ("Hoà"/"Hòa") are one
name (:func:`~bangvang.core.collation.name_key`); its page shows the commonest
spelling.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from ..collation import collation_key, name_key
from ..problems import Problem
from ..text import fold_diacritics, slugify
from ..units.data import Unit
from .model import DISTRICTS_ABOLISHED, Decision, HonourEntry

K = TypeVar("K", bound=Hashable)

_PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ")


@lru_cache(maxsize=4096)
def province_key(name: str) -> str:
    """Return what a province's name and a tag naming it share ("Tỉnh Hà Tĩnh", "Hà Tĩnh" → "ha tinh")."""
    key = " ".join(fold_diacritics(name).lower().split())
    for prefix in _PROVINCE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :].strip()
    return key


Row = tuple[Decision, HonourEntry]
"""An entry with the decision that lists it."""

Where = tuple[str, str | None, str, bool, str | None]
"""A place exactly as a row prints it (province, district, commune), whether its decision was signed
after the 2025 reform, and the current commune the editor chose for it (``current_commune``)."""


def where_of(decision: Decision, entry: HonourEntry) -> Where:
    """Return the place a row prints, as :data:`Where`."""
    after = decision.signed >= DISTRICTS_ABOLISHED
    return entry.province, entry.district, entry.commune, after, entry.current_commune


@dataclass(eq=False)
class Place:
    """A commune as printed on decisions, with its district when the decision names one; or a place's page.

    Spellings that differ only in case or tone placement are one place, shown
    in its commonest spelling; ``address`` is its folder within its province's.
    A printed place is listed on the page of the current commune it lies in
    today (``page``, whose ``unit`` is that commune), or, when the unit list
    cannot settle that, on a page of its own wording.
    """

    province: str
    district: str | None
    commune: str
    address: str = ""
    province_address: str = ""
    unit: Unit | None = None
    """The current commune (since 1/7/2025) the place is, or lies in; None when not settled."""
    page: Place | None = None
    """For a printed place: the place whose page lists its rows."""
    signed_province: str | None = None
    """For the page of a wording the unit list cannot settle: the province as signed, when not ``province``."""

    @property
    def name(self) -> str:
        """The place written out ("Xã Thiên Lộc, Huyện Can Lộc")."""
        return f"{self.commune}, {self.district}" if self.district else self.commune

    @property
    def written(self) -> str:
        """The place with its province as signed ("Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh")."""
        return f"{self.name}, {self.signed_province or self.province}"

    @property
    def now(self) -> str | None:
        """The current unit ("Xã Can Lộc, Tỉnh Hà Tĩnh") when the printed wording names another or a former one."""
        unit = self.unit
        if unit is None:
            return None
        province = unit.province.name
        same = name_key(self.commune) == name_key(unit.name) and name_key(self.province) == name_key(province)
        if self.district is None and same:
            return None
        return f"{unit.name}, {province}"

    @property
    def anchor(self) -> str:
        """The place's address among all places (province, then place): a decision's heading id and sub-page."""
        return f"{self.province_address}-{self.address}"


SUFFIX_LENGTH = 6
"""Hex digits of a name's suffix: 16 million values for the few names that share one slug."""

SLUG_LENGTH = 96
"""Longest plain slug of a name: a file name holds 255 bytes, and a decision's sub-page joins two slugs."""

MAX_DECISION_SLUG = 250
"""Longest decision file name (without extension) whose exports ("<name>.json") still fit a file name."""

RESERVED_DECISION_SLUGS = {"manifest": "tệp manifest.json mà Bảng Vàng tạo trong vinh-danh/du-lieu/"}
"""Decision file names whose exports would overwrite a file the section writes itself."""


def address_slug(name: str) -> str:
    """Return the plain slug of a name, cut at a word boundary to SLUG_LENGTH (longer names then share it)."""
    slug = slugify(name)
    if len(slug) <= SLUG_LENGTH:
        return slug
    cut = slug[: SLUG_LENGTH + 1]
    return cut[: cut.rfind("-")] if "-" in cut else cut[:SLUG_LENGTH]


def name_suffix(identity: str, length: int = SUFFIX_LENGTH) -> str:
    """Return the suffix a name's address carries when its slug is shared: the start of a hash of the name."""
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:length]


def commonest(spellings: Counter[str]) -> str:
    """Return the spelling most rows use; a tie goes to the first in alphabetical (then code-point) order."""
    return min(spellings.items(), key=lambda item: (-item[1], collation_key(item[0])))[0]


@dataclass
class Addresses(Generic[K]):
    """The address of each name in one folder, and the plain slugs several names share."""

    of: dict[K, str] = field(default_factory=dict)
    shared: dict[str, list[K]] = field(default_factory=dict)


def assign_addresses(names: dict[K, tuple[str, str]]) -> Addresses[K]:
    """Give each name in one folder its own address.

    ``names`` maps a name's key to its plain slug and its identity (the text its
    suffix is computed from). A name alone on its slug gets the slug; names
    sharing one get ``slug-<suffix>`` and the slug is listed in ``shared``.
    """
    by_slug: dict[str, list[K]] = defaultdict(list)
    for key, (slug, _) in names.items():
        by_slug[slug].append(key)
    found: Addresses[K] = Addresses()
    for slug, keys in by_slug.items():
        if len(keys) == 1 and slug:
            found.of[keys[0]] = slug
            continue
        length = SUFFIX_LENGTH
        while len({name_suffix(names[key][1], length) for key in keys}) < len(keys):
            length += 2  # two names of one slug with one short hash: longer suffixes for both
        for key in keys:
            suffix = name_suffix(names[key][1], length)
            found.of[key] = f"{slug}-{suffix}" if slug else suffix
        if slug:
            found.shared[slug] = keys
    _separate_from_plain_slugs(found, names)
    return found


def _separate_from_plain_slugs(found: Addresses[K], names: dict[K, tuple[str, str]]) -> None:
    """Give a suffixed address that equals another name's slug ("Xã A 1b2c3d") the name's whole hash instead."""
    owners: Counter[str] = Counter(found.of.values())
    owners.update(dict.fromkeys(found.shared, 2))  # a shared slug holds the page listing its names
    for key, address in found.of.items():
        if owners[address] > 1 and address != names[key][0]:
            found.of[key] = f"{names[key][0]}-{name_suffix(names[key][1], 64)}".lstrip("-")


def decision_file_problems(decisions: list[Decision]) -> list[Problem]:
    """Return a located error for each decision file whose name another one, or the section itself, also uses.

    A decision's page folder and open-data files are named after its file:
    ``honours/a.yaml`` and ``honours/x/a.yaml`` would overwrite each other.
    """
    holders: dict[str, list[Decision]] = defaultdict(list)
    for decision in decisions:
        holders[decision.slug].append(decision)
    problems = []
    for slug, same in holders.items():
        for decision in same:
            others = ", ".join(other.path for other in same if other is not decision)
            if others:
                message = (
                    f"tên tệp '{slug}' trùng với {others}: địa chỉ trang và tệp dữ liệu của quyết định lấy từ tên "
                    "tệp; đổi tên một trong hai tệp"
                )
                problems.append(Problem(decision.path, 1, message))
            if len(slug.encode("utf-8")) > MAX_DECISION_SLUG:
                message = f"tên tệp dài {len(slug)} ký tự; địa chỉ trang và tệp dữ liệu cần tên ngắn hơn"
                problems.append(Problem(decision.path, 1, f"{message} ({MAX_DECISION_SLUG} ký tự)"))
            if slug in RESERVED_DECISION_SLUGS:
                problems.append(
                    Problem(
                        decision.path, 1, f"tên tệp '{slug}' trùng với {RESERVED_DECISION_SLUGS[slug]}; đổi tên tệp"
                    )
                )
    return problems


def merge_titles(
    titles: dict[str, list[tuple[Decision, int]]], decisions: list[Decision]
) -> tuple[dict[str, list[tuple[Decision, int]]], dict[str, int], dict[str, str]]:
    """Join the spellings of one title: the commonest names it, each decision once (in ``decisions`` order).

    Returns the decisions awarding each title, each title's count of entries,
    and the title each spelling stands for.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    awarded: dict[str, dict[int, list[Any]]] = defaultdict(dict)
    for title, pairs in titles.items():
        key = name_key(title)
        counts = awarded[key]
        for decision, count in pairs:
            spellings[key][title] += count
            slot = counts.get(id(decision))
            if slot is None:
                counts[id(decision)] = [decision, count]
            else:
                slot[1] += count
    order = {id(decision): index for index, decision in enumerate(decisions)}
    merged: dict[str, list[tuple[Decision, int]]] = {}
    totals: dict[str, int] = {}
    shown: dict[str, str] = {}
    for key, counts in awarded.items():
        name = commonest(spellings[key])
        merged[name] = [(d, c) for d, c in sorted(counts.values(), key=lambda slot: order[id(slot[0])])]
        totals[name] = sum(spellings[key].values())
        shown.update(dict.fromkeys(spellings[key], name))
    return merged, totals, shown
