"""Synthetic honour rolls: deterministic (seeded) fictional decisions for tests and benchmarks.

The shape follows a province's real rolls: each decision is one province's
list for one year, spread over its communes and villages, mostly families,
with clans, villages and units among them. Names never repeat within a
place of one decision, so the data passes the duplicate check.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from bangvang.core.honours.model import DISTRICTS_ABOLISHED, ENTRY_FIELDS

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Đào Cao".split()
MIDDLE_MEN = "Văn Đức Hữu Minh Quang Công Xuân Đình Thanh Ngọc".split()
MIDDLE_WOMEN = "Thị Ngọc Thanh Thu Thúy Kim Mỹ Hồng Diệu Bảo".split()
GIVEN_MEN = "An Bình Cường Dũng Đức Giang Hải Hòa Hùng Khánh Long Minh Nam Phúc Quân Sơn Tâm Trung Tuấn Việt".split()
GIVEN_WOMEN = "Anh Ánh Châu Hà Hạnh Hoa Hương Lan Linh Mai Ngọc Phương Thảo Thủy Trang Vân Yến Ước Ân Đào".split()
PROVINCES = ("Tỉnh Hà Tĩnh", "Tỉnh Nghệ An", "Tỉnh Lâm Đồng", "Tỉnh Đồng Tháp", "Tỉnh Thanh Hóa", "Tỉnh Quảng Trị")
COMMUNE_WORDS = "Thiên Vượng Kỳ Cẩm Thạch Hương Đức Tân Phú Vĩnh Hòa An Bình Xuân Trung Đông Tây Nam Bắc Mỹ".split()
SECOND_WORDS = "Lộc Lâm Sơn Hà Thủy Long Phong Thịnh Hưng Yên Hải Phước Lợi Hiệp Thành Quang".split()
TITLES = ("Gia đình học tập", "Gia đình học tập tiêu biểu", "Dòng họ học tập", "Cộng đồng học tập", "Đơn vị học tập")
BASIS = ("281/QĐ-TTg", "14/CT-TTg", "49-KL/TW")

ENTRIES_PER_DECISION = 20_000
COMMUNES_PER_PROVINCE = 150
COMMUNES_PER_DECISION = 40
VILLAGES_PER_COMMUNE = 12


def write_synthetic_rolls(folder: Path, entries: int, seed: int = 2026) -> int:
    """Write decisions (YAML) and lists (CSV) holding ``entries`` entries in all; return the decision count."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    provinces = PROVINCES[: max(1, min(len(PROVINCES), -(-entries // 200_000)))]
    communes = {province: _communes(rng, province) for province in provinces}
    decisions = max(1, -(-entries // ENTRIES_PER_DECISION))
    left = entries
    for number in range(1, decisions + 1):
        size = min(left, -(-entries // decisions))
        left -= size
        province = provinces[number % len(provinces)]
        year = 2016 + number % 10
        signed = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        with_district = signed < DISTRICTS_ABOLISHED.isoformat()
        slug = f"tong-hop-{number:04d}"
        places = rng.sample(communes[province], COMMUNES_PER_DECISION)
        _write_list(folder / f"{slug}.csv", rng, size, province, places, with_district)
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


def _communes(rng: random.Random, province: str) -> list[tuple[str, str]]:
    """Return (commune, district) pairs of a fictional province, unique within it."""
    seen: set[str] = set()
    found: list[tuple[str, str]] = []
    while len(found) < COMMUNES_PER_PROVINCE:
        commune = f"Xã {rng.choice(COMMUNE_WORDS)} {rng.choice(SECOND_WORDS)}"
        if commune in seen:
            commune = f"{commune} {len(found)}"
        seen.add(commune)
        found.append((commune, f"Huyện {rng.choice(SECOND_WORDS)} {rng.choice(COMMUNE_WORDS)}"))
    return found


def _write_list(
    path: Path, rng: random.Random, size: int, province: str, places: list[tuple[str, str]], with_district: bool
) -> None:
    used: set[tuple[str, str, str]] = set()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ENTRY_FIELDS)
        for stt in range(1, size + 1):
            commune, district = places[stt % len(places)]
            village = f"Thôn {rng.randint(1, VILLAGES_PER_COMMUNE)}"
            kind, name, person, title = _entry(rng)
            while (name, village, commune) in used:
                kind, name, person, title = _entry(rng)
            used.add((name, village, commune))
            writer.writerow(
                [stt, kind, name, person, title, village, commune, district if with_district else "", province]
            )


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
