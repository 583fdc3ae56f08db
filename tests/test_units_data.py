"""The shipped unit list: the counts of its pinned release, and every former unit leads to a current one."""

from __future__ import annotations

import gzip
from collections import Counter

from bangvang.core.units.data import DATA_FILE, load_units, parse_units


def test_pinned_release_and_published_counts() -> None:
    units = load_units()
    assert units.version == "vietnamadminunits 1.0.4"
    # Since 1/7/2025: 34 provinces, 3.321 communes (2.621 xã, 687 phường, 13 đặc khu).
    assert len(units.provinces) == 34
    assert len(units.communes) == 3321
    kinds = Counter(unit.name.split()[0] for unit in units.communes.values())
    assert kinds == {"Xã": 2621, "Phường": 687, "Đặc": 13}
    # On 30/6/2025: 63 provinces, 696 district-level units, 10.035 communes.
    assert len(units.former_provinces) == 63
    assert len(units.districts) == 696
    assert len(units.former_communes) == 10035


def test_every_former_commune_leads_to_current_communes_that_exist() -> None:
    units = load_units()
    current = set(units.communes.values())
    for commune in units.former_communes.values():
        assert commune.successors, commune
        assert set(commune.successors) <= current, commune
        # A commune goes to communes of the province its own province became part of.
        assert {s.province for s in commune.successors} == {commune.province.successors[0]}, commune
    for district in units.districts.values():
        has_communes = any(c.parent is district for c in units.former_communes.values())
        assert has_communes or district.successors, district
    reached = {s for c in units.former_communes.values() for s in c.successors}
    reached |= {s for d in units.districts.values() for s in d.successors}
    assert reached == current  # no current commune is left without a predecessor
    for province in units.former_provinces.values():
        assert len(province.successors) == 1 and province.successors[0] in units.provinces.values()
    split = [c for c in units.former_communes.values() if len(c.successors) > 1]
    assert len(split) == 471


def test_codes_are_unique_and_the_file_is_small() -> None:
    text = gzip.decompress(DATA_FILE.read_bytes()).decode("utf-8")
    units = parse_units(text)
    codes = [line.split("\t")[:2] for line in text.splitlines()[1:]]
    assert len(codes) == len({tuple(code) for code in codes})
    assert len(units.communes) == len({u.code for u in units.communes.values()})
    assert DATA_FILE.stat().st_size < 3 * 1024 * 1024
