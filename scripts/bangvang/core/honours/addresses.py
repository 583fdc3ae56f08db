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
from typing import Any, Generic, TypeVar

from ..collation import collation_key, name_key
from ..problems import Problem
from ..text import fold_diacritics, slugify
from .model import Decision, HonourEntry

K = TypeVar("K", bound=Hashable)

_PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ")


def province_key(name: str) -> str:
    """Return what a province's name and a tag naming it share ("Tỉnh Hà Tĩnh", "Hà Tĩnh" → "ha tinh")."""
    key = " ".join(fold_diacritics(name).lower().split())
    for prefix in _PROVINCE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :].strip()
    return key


Row = tuple[Decision, HonourEntry]
"""An entry with the decision that lists it."""

Where = tuple[str, str | None, str]
"""A place exactly as a row prints it: province, district, commune."""

PlaceKey = tuple[str, str | None, str]
"""What makes rows one place: the name keys of their province, district and commune."""


@dataclass(eq=False)
class Place:
    """A commune as printed on decisions, with its district when the decision names one.

    Spellings that differ only in case or tone placement are one place, shown
    in its commonest spelling; ``address`` is its folder within its province's.
    """

    province: str
    district: str | None
    commune: str
    address: str = ""
    province_address: str = ""

    @property
    def name(self) -> str:
        """The place written out ("Xã Thiên Lộc, Huyện Can Lộc")."""
        return f"{self.commune}, {self.district}" if self.district else self.commune

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


@dataclass
class Places:
    """Every place of the site by spelling, the rows of each province, and the slugs several names share.

    ``provinces`` and its addresses and counts are keyed by the province's
    shown spelling; ``shared_places`` by province, then plain slug.
    """

    of_where: dict[Where, Place]
    provinces: dict[str, dict[Place, list[Row]]]
    province_addresses: dict[str, str]
    counts: dict[str, int]
    shared_provinces: dict[str, list[str]]
    shared_places: dict[str, dict[str, list[Place]]]


def resolve_places(site_rows: dict[Where, list[Row]]) -> Places:
    """Make one Place per place name (whatever its spellings) and give each its address."""
    key_of: dict[Where, PlaceKey] = {}
    province_spellings: dict[str, Counter[str]] = defaultdict(Counter)
    district_spellings: dict[PlaceKey, Counter[str]] = defaultdict(Counter)
    commune_spellings: dict[PlaceKey, Counter[str]] = defaultdict(Counter)
    for where, rows in site_rows.items():
        province, district, commune = where
        key = (name_key(province), name_key(district) if district else None, name_key(commune))
        key_of[where] = key
        province_spellings[key[0]][province] += len(rows)
        commune_spellings[key][commune] += len(rows)
        if district:
            district_spellings[key][district] += len(rows)
    province_name = {key: commonest(spellings) for key, spellings in province_spellings.items()}
    province_addresses = assign_addresses({key: (address_slug(name), key) for key, name in province_name.items()})
    in_province: dict[str, dict[PlaceKey, Place]] = defaultdict(dict)
    for key in commune_spellings:
        province_key = key[0]
        district = commonest(district_spellings[key]) if key[1] is not None else None
        in_province[province_key][key] = Place(
            province_name[province_key],
            district,
            commonest(commune_spellings[key]),
            province_address=province_addresses.of[province_key],
        )
    shared_places: dict[str, dict[str, list[Place]]] = {}
    for province_key, found in in_province.items():
        in_folder: Addresses[PlaceKey] = assign_addresses(
            {
                key: (address_slug(f"{p.commune} {p.district or ''}"), f"{key[2]}|{key[1] or ''}")
                for key, p in found.items()
            }
        )
        for key, place in found.items():
            place.address = in_folder.of[key]
        if in_folder.shared:
            shared = {slug: [found[key] for key in keys] for slug, keys in in_folder.shared.items()}
            shared_places[province_name[province_key]] = shared
    of_where = {where: in_province[key[0]][key] for where, key in key_of.items()}
    provinces: dict[str, dict[Place, list[Row]]] = defaultdict(dict)
    for where, rows in site_rows.items():
        place = of_where[where]
        places = provinces[place.province]
        places[place] = places[place] + rows if place in places else rows
    addresses = {name: province_addresses.of[key] for key, name in province_name.items()}
    counts = {name: sum(province_spellings[key].values()) for key, name in province_name.items()}
    shared_provinces = {slug: [province_name[key] for key in keys] for slug, keys in province_addresses.shared.items()}
    return Places(of_where, dict(provinces), addresses, counts, shared_provinces, shared_places)


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
