"""Places of the honour section: each printed place, and the page of the current commune that lists it.

A decision prints its places as signed: before 1/7/2025 a commune, its
district and a former province; since then a current commune and province.
Rows are grouped twice. By printed place (spellings that differ only in case
or tone placement joined), for decision pages, which show the list as
signed. And by the current commune each printed place lies in today, for
place pages: a 2023 decision naming "Xã Thiên Lộc, Huyện Can Lộc" and a 2025
one naming "Xã Can Lộc" land on one page. A printed place the unit list
cannot settle (an unknown name, a split commune no one chose for) keeps a
page of its own wording, in its current province when that is known; the
check warns about it (:mod:`.places_check`), nothing is guessed.

The address a printed place had before places were keyed by current unit
(its province's folder, then its name) stays reachable: ``redirects`` maps
it to the page that lists it now.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..collation import name_key
from ..units.matching import REFORM, Located, Matcher
from .addresses import Addresses, Place, Row, Where, address_slug, assign_addresses, commonest, name_suffix

PlaceKey = tuple[str, str | None, str, bool, str]
"""What makes rows one printed place: the name keys of province, district and commune, the era, the choice."""

PageKey = tuple[str, ...]
"""What makes printed places one page: the current commune's code, or the place's current province and names."""

_BEFORE = REFORM - dt.timedelta(days=1)


@dataclass
class Places:
    """Every printed place by spelling, the pages listing them, and the old addresses that lead there.

    ``provinces`` (page places and their rows) and its addresses and counts are
    keyed by the province's shown name, current where known; ``shared_places``
    by province, then plain slug. ``redirects`` maps an old (province folder,
    place folder or None) to the new one.
    """

    of_where: dict[Where, Place]
    provinces: dict[str, dict[Place, list[Row]]]
    province_addresses: dict[str, str]
    counts: dict[str, int]
    shared_provinces: dict[str, list[str]]
    shared_places: dict[str, dict[str, list[Place]]]
    redirects: dict[tuple[str, str | None], tuple[str, str | None]] = field(default_factory=dict)
    located: dict[Place, Located] = field(default_factory=dict)
    """Each printed place's match: its current commune and province, and the (former) unit it names."""


def _place_key(where: Where) -> PlaceKey:
    province, district, commune, after, chosen = where
    district_key = name_key(district) if district else None
    return name_key(province), district_key, name_key(commune), after, name_key(chosen) if chosen else ""


def _printed_places(
    site_rows: dict[Where, list[Row]],
) -> tuple[dict[Where, Place], dict[Place, list[Row]], dict[Place, str]]:
    """One Place per printed place whatever its spellings, addressed as before places had current units.

    Also returns the current commune the editor chose for a printed place, in its commonest spelling.
    """
    key_of: dict[Where, PlaceKey] = {}
    province_spellings: dict[str, Counter[str]] = defaultdict(Counter)
    district_spellings: dict[PlaceKey, Counter[str]] = defaultdict(Counter)
    commune_spellings: dict[PlaceKey, Counter[str]] = defaultdict(Counter)
    chosen_spellings: dict[PlaceKey, Counter[str]] = defaultdict(Counter)
    for where, rows in site_rows.items():
        province, district, commune, _, chosen = where
        key = _place_key(where)
        key_of[where] = key
        province_spellings[key[0]][province] += len(rows)
        commune_spellings[key][commune] += len(rows)
        if district:
            district_spellings[key][district] += len(rows)
        if chosen:
            chosen_spellings[key][chosen] += len(rows)
    province_name = {key: commonest(spellings) for key, spellings in province_spellings.items()}
    province_addresses = assign_addresses({key: (address_slug(name), key) for key, name in province_name.items()})
    in_province: dict[str, dict[PlaceKey, Place]] = defaultdict(dict)
    for key in commune_spellings:
        district = commonest(district_spellings[key]) if key[1] is not None else None
        in_province[key[0]][key] = Place(
            province_name[key[0]],
            district,
            commonest(commune_spellings[key]),
            province_address=province_addresses.of[key[0]],
        )
    for found in in_province.values():
        in_folder: Addresses[PlaceKey] = assign_addresses(
            {key: (address_slug(f"{p.commune} {p.district or ''}"), _identity(key)) for key, p in found.items()}
        )
        for key, place in found.items():
            place.address = in_folder.of[key]
    of_where = {where: in_province[key[0]][key] for where, key in key_of.items()}
    rows_of: dict[Place, list[Row]] = defaultdict(list)
    for where, rows in site_rows.items():
        rows_of[of_where[where]].extend(rows)
    choices = {in_province[key[0]][key]: commonest(spellings) for key, spellings in chosen_spellings.items()}
    return of_where, dict(rows_of), choices


def _identity(key: PlaceKey) -> str:
    """The text a printed place's address suffix comes from: its names, then era and choice where they tell it apart."""
    identity = f"{key[2]}|{key[1] or ''}"
    if key[3]:
        identity += "|2025"
    return f"{identity}|{key[4]}" if key[4] else identity


def _locate(place: Place, after: bool, chosen: str | None, matcher: Matcher) -> Located:
    return matcher.locate(place.province, place.district, place.commune, REFORM if after else _BEFORE, chosen)


def resolve_places(site_rows: dict[Where, list[Row]], matcher: Matcher) -> Places:
    """Make one Place per printed place, one page per current commune (or unsettled wording), and their addresses."""
    of_where, rows_of, chosen = _printed_places(site_rows)
    after_of = {place: where[3] for where, place in of_where.items()}
    page_of: dict[PageKey, Place] = {}
    page_rows: dict[Place, list[Row]] = {}
    located_of: dict[Place, Located] = {}
    for printed, rows in rows_of.items():
        located = located_of[printed] = _locate(printed, after_of[printed], chosen.get(printed), matcher)
        province = located.province.name if located.province else printed.province
        if located.commune is not None:
            key: PageKey = ("unit", located.commune.code)
            make: tuple[str, str | None, str] = (province, None, located.commune.name)
        else:
            # Its own wording, in its current province; the province as signed stays in its name, so that a
            # district of a former province is never said to lie in the province that province joined.
            district = name_key(printed.district) if printed.district else ""
            signed = name_key(printed.province)
            key = ("wording", name_key(province), signed, district, name_key(printed.commune))
            make = (province, printed.district, printed.commune)
        page = page_of.get(key)
        if page is None:
            page = page_of[key] = Place(*make, unit=located.commune)
            if located.commune is None and name_key(printed.province) != name_key(province):
                page.signed_province = printed.province
            page_rows[page] = []
        printed.unit = located.commune
        printed.page = page
        page_rows[page].extend(rows)
    places = _address_pages(of_where, page_rows, list(rows_of))
    places.located = located_of
    return places


def _address_pages(of_where: dict[Where, Place], page_rows: dict[Place, list[Row]], printed: list[Place]) -> Places:
    """Give the pages their provinces' folders and their own, and lead every printed place's old address there."""
    province_spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for page, rows in page_rows.items():
        province_spellings[name_key(page.province)][page.province] += len(rows)
    province_name = {key: commonest(spellings) for key, spellings in province_spellings.items()}
    province_addresses = assign_addresses({key: (address_slug(name), key) for key, name in province_name.items()})
    in_province: dict[str, dict[Place, list[Row]]] = defaultdict(dict)
    for page, rows in page_rows.items():
        key = name_key(page.province)
        page.province = province_name[key]
        page.province_address = province_addresses.of[key]
        in_province[page.province][page] = rows
    shared_places: dict[str, dict[str, list[Place]]] = {}
    for province, pages in in_province.items():
        shared = _address_in_province(list(pages))
        if shared:
            shared_places[province] = shared
    redirects: dict[tuple[str, str | None], tuple[str, str | None]] = {}
    for place in printed:
        page = place.page or place
        if (place.province_address, place.address) != (page.province_address, page.address):
            redirects[(place.province_address, place.address)] = (page.province_address, page.address)
        if place.province_address != page.province_address:
            redirects.setdefault((place.province_address, None), (page.province_address, None))
    counts = {name: sum(len(rows) for rows in in_province[name].values()) for name in province_name.values()}
    addresses = {name: province_addresses.of[key] for key, name in province_name.items()}
    shared_provinces = {slug: [province_name[key] for key in keys] for slug, keys in province_addresses.shared.items()}
    return Places(of_where, dict(in_province), addresses, counts, shared_provinces, shared_places, redirects)


def _address_in_province(pages: list[Place]) -> dict[str, list[Place]]:
    """Give a province's pages their folders: current communes first, so a wording never takes one's plain slug.

    Returns the plain slugs several pages share (each of those lists its pages).
    """
    units = assign_addresses({page: (address_slug(page.commune), page.unit.code) for page in pages if page.unit})
    unsettled = [page for page in pages if page.unit is None]
    wordings = assign_addresses(
        {page: (address_slug(f"{page.commune} {page.district or ''}"), _wording(page)) for page in unsettled}
    )
    taken = set(units.of.values()) | set(units.shared)
    for page, address in wordings.of.items():
        # "Xã Can Lôc" (a typo the list cannot settle) would otherwise share "xa-can-loc" with Xã Can Lộc.
        page.address = f"{address}-{name_suffix(_wording(page))}" if address in taken else address
    for page, address in units.of.items():
        page.address = address
    shared = {slug: found for slug, found in wordings.shared.items() if slug not in taken}
    return {**shared, **units.shared}


def _wording(page: Place) -> str:
    """The text an unsettled wording's address suffix comes from: its names (and its province as signed)."""
    identity = f"{name_key(page.commune)}|{name_key(page.district or '')}"
    return f"{identity}|{name_key(page.signed_province)}" if page.signed_province else identity
