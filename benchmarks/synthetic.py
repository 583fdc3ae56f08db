"""Synthetic honour rolls: deterministic (seeded) fictional decisions for tests and benchmarks.

The shape follows a province's real rolls: each decision is one province's
list for one year, spread over its communes and villages, mostly families,
with clans, villages and units among them. Names never repeat within a
place of one decision, so the data passes the duplicate check.

People and villages are fictional; places are real units of the shipped list
as in force on the decision's signing date: a former commune with its district
and former province before 1/7/2025, a current commune and province (no
district) from then on. Only units the matcher settles by themselves are drawn
(no split commune, no name two units share), so a strict build warns of none.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from functools import cache
from pathlib import Path

from bangvang.core.honours.model import DISTRICTS_ABOLISHED, ENTRY_FIELDS
from bangvang.core.units.data import load_units
from bangvang.core.units.matching import shared_matcher

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Đào Cao".split()
MIDDLE_MEN = "Văn Đức Hữu Minh Quang Công Xuân Đình Thanh Ngọc".split()
MIDDLE_WOMEN = "Thị Ngọc Thanh Thu Thúy Kim Mỹ Hồng Diệu Bảo".split()
GIVEN_MEN = "An Bình Cường Dũng Đức Giang Hải Hòa Hùng Khánh Long Minh Nam Phúc Quân Sơn Tâm Trung Tuấn Việt".split()
GIVEN_WOMEN = "Anh Ánh Châu Hà Hạnh Hoa Hương Lan Linh Mai Ngọc Phương Thảo Thủy Trang Vân Yến Ước Ân Đào".split()
PROVINCES = ("Tỉnh Hà Tĩnh", "Tỉnh Nghệ An", "Tỉnh Lâm Đồng", "Tỉnh Đồng Tháp", "Tỉnh Thanh Hóa", "Tỉnh Quảng Trị")
"""Provinces whose name is the same before and after the reform."""
TITLES = ("Gia đình học tập", "Gia đình học tập tiêu biểu", "Dòng họ học tập", "Cộng đồng học tập", "Đơn vị học tập")
BASIS = ("281/QĐ-TTg", "14/CT-TTg", "49-KL/TW")

ENTRIES_PER_DECISION = 20_000
COMMUNES_PER_PROVINCE = 150
"""Communes drawn per province and era (all of them where the province has fewer)."""
COMMUNES_PER_DECISION = 40
VILLAGES_PER_COMMUNE = 12
YEARS = 11
"""Decisions are signed in 2016–2026: decision ``n`` in ``2016 + 5n mod 11``, so the first three span both eras."""

Place = tuple[str, str | None, str]
"""A place as printed: commune, district (``None`` from 1/7/2025), province."""


def write_synthetic_rolls(folder: Path, entries: int, seed: int = 2026) -> int:
    """Write decisions (YAML) and lists (CSV) holding ``entries`` entries in all; return the decision count."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    provinces = PROVINCES[: max(1, min(len(PROVINCES), -(-entries // 200_000)))]
    drawn = {
        province: (_draw(rng, former_places(province)), _draw(rng, current_places(province))) for province in provinces
    }
    decisions = max(1, -(-entries // ENTRIES_PER_DECISION))
    left = entries
    for number in range(1, decisions + 1):
        size = min(left, -(-entries // decisions))
        left -= size
        province = provinces[number % len(provinces)]
        year = 2016 + number * 5 % YEARS
        signed = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        before, after = drawn[province]
        communes = before if signed < DISTRICTS_ABOLISHED.isoformat() else after
        slug = f"tong-hop-{number:04d}"
        places = rng.sample(communes, min(COMMUNES_PER_DECISION, len(communes)))
        _write_list(folder / f"{slug}.csv", rng, size, places)
        (folder / f"{slug}.yaml").write_text(
            f'number: "{1000 + number}/QĐ-UBND"\n'
            f"signed: {signed}\n"
            f'issuer: {{name: "Ủy ban nhân dân {province.lower()}", level: tinh}}\n'
            f"form: cong_nhan\n"
            f'period: "{year}"\n'
            f'title: "{TITLES[0]}"\n'
            f'basis: ["{rng.choice(BASIS)}"]\n'
            f"sample: true\n"
            f"entries_csv: {slug}.csv\n",
            encoding="utf-8",
        )
    return decisions


@cache
def former_places(province: str) -> list[Place]:
    """Return the communes of a province on 30/6/2025 with their districts, by code (``province`` as printed then)."""
    units = load_units()
    (was,) = [unit for unit in units.former_provinces.values() if unit.name == province]
    places: list[Place] = [
        (commune.name, commune.parent.name, was.name)
        for commune in sorted(units.former_communes.values(), key=lambda unit: unit.code)
        if commune.parent is not None and commune.province is was
    ]
    return [place for place in places if settled(place, DISTRICTS_ABOLISHED - dt.timedelta(days=1))]


@cache
def current_places(province: str) -> list[Place]:
    """Return the communes of a province since 1/7/2025, by code (``province`` as printed now)."""
    units = load_units()
    (now,) = [unit for unit in units.provinces.values() if unit.name == province]
    places: list[Place] = [
        (commune.name, None, now.name)
        for commune in sorted(units.communes.values(), key=lambda unit: unit.code)
        if commune.parent is now
    ]
    return [place for place in places if settled(place, DISTRICTS_ABOLISHED)]


def settled(place: Place, signed: dt.date) -> bool:
    """Whether the matcher gives the place one current commune with nothing to say (not split, not ambiguous)."""
    commune, district, province = place
    located = shared_matcher().locate(province, district, commune, signed)
    return located.commune is not None and located.problem is None


def _draw(rng: random.Random, places: list[Place]) -> list[Place]:
    return rng.sample(places, min(COMMUNES_PER_PROVINCE, len(places)))


def _write_list(path: Path, rng: random.Random, size: int, places: list[Place]) -> None:
    used: set[tuple[str, str, str]] = set()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ENTRY_FIELDS)
        for stt in range(1, size + 1):
            commune, district, province = places[stt % len(places)]
            village = f"Thôn {rng.randint(1, VILLAGES_PER_COMMUNE)}"
            kind, name, person, title = _entry(rng)
            while (name, village, commune) in used:
                kind, name, person, title = _entry(rng)
            used.add((name, village, commune))
            writer.writerow([stt, kind, name, person, title, village, commune, district or "", province])


def _entry(rng: random.Random) -> tuple[str, str, str, str]:
    """Return (kind, name, person, title) for one fictional entry."""
    draw = rng.random()
    if draw < 0.04:
        clan = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MEN)}"
        return "dong_ho", f"Dòng họ {clan} {rng.randint(1, 99)}", "", TITLES[2]
    if draw < 0.10:
        woman = rng.random() < 0.5
        person = (
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_WOMEN if woman else MIDDLE_MEN)} "
            f"{rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN)} {rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN)}"
        )
        return "cong_dan", person, person, ""
    woman = rng.random() < 0.4
    person = (
        f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_WOMEN if woman else MIDDLE_MEN)} "
        f"{rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN)}"
    )
    title = TITLES[1] if rng.random() < 0.1 else ""
    return "gia_dinh", f"Gia đình {'bà' if woman else 'ông'} {person}", person, title
