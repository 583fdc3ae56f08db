"""Statistics and open data by current place (issue 12, point 4), on a site built from rolls of both eras.

A 2023 decision names "Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh" (pre-reform)
and a former commune of Tỉnh Quảng Bình (now in Tỉnh Quảng Trị); a decision
signed in September 2025 names "Xã Can Lộc, Tỉnh Hà Tĩnh", the commune Thiên
Lộc became. One row names a commune the unit list does not know.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from bangvang.core.honours.pages import Summary
from bangvang.core.honours.stats import province_tables
from bangvang.core.units.data import load_units
from conftest import Site, blank_site, read_only

BEFORE = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "2,gia_dinh,Gia đình bà Trần Thị Bình,,,Thôn 2,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "3,gia_dinh,Gia đình ông Lê Văn Cường,,,Thôn Đông,Xã Quảng Phú,Huyện Quảng Trạch,Tỉnh Quảng Bình",
    "4,gia_dinh,Gia đình ông Phạm Văn Dũng,,,Thôn 4,Xã Không Có,Huyện Can Lộc,Tỉnh Hà Tĩnh",
]
AFTER = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn 1,Xã Can Lộc,,Tỉnh Hà Tĩnh",
    "2,gia_dinh,Gia đình bà Hoàng Thị Hoa,,,Thôn 5,Xã Can Lộc,,Tỉnh Hà Tĩnh",
]
CURRENT = ("current_commune", "current_commune_code", "current_province", "current_province_code")


def _code(level: str, name: str) -> str:
    """The official code of a current unit in the shipped list, by its name (never typed into the test)."""
    units = load_units()
    found = [u.code for u in (units.provinces if level == "province" else units.communes).values() if u.name == name]
    if level == "commune":
        found = [u.code for u in units.communes.values() if u.name == name and u.province.name == "Tỉnh Hà Tĩnh"]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def eras(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(tmp_path_factory.mktemp("eras"))
    site.decision("tl-2023", BEFORE, number="12/QĐ-UBND", signed=dt.date(2023, 12, 18))
    site.decision(
        "cl-2025",
        AFTER,
        number="34/QĐ-UBND",
        signed=dt.date(2025, 9, 10),
        period="2025",
        issuer={"name": "Ủy ban nhân dân xã Can Lộc", "level": "huyen_xa"},
    )
    # The unknown commune is a warning of the check (not strict here); the row is still published as signed.
    run = site.build(strict=False)
    assert run.code == 0, run.output
    site.last = run
    with read_only(site):
        yield site


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _by_name(records: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {record["name"]: record for record in records}


def test_rows_of_both_eras_export_their_signed_place_and_the_same_current_unit(eras: Site) -> None:
    data = eras.out / "vinh-danh/du-lieu"
    can_loc = (
        "Xã Can Lộc",
        _code("commune", "Xã Can Lộc"),
        "Tỉnh Hà Tĩnh",
        _code("province", "Tỉnh Hà Tĩnh"),
    )
    old = _by_name(_csv(data / "tl-2023.csv"))
    new = _by_name(_csv(data / "cl-2025.csv"))
    an = old["Gia đình ông Nguyễn Văn An"]
    assert (an["commune"], an["district"], an["province"]) == ("Xã Thiên Lộc", "Huyện Can Lộc", "Tỉnh Hà Tĩnh")
    assert tuple(an[c] for c in CURRENT) == can_loc
    an = new["Gia đình ông Nguyễn Văn An"]
    assert (an["commune"], an["district"], an["province"]) == ("Xã Can Lộc", "", "Tỉnh Hà Tĩnh")
    assert tuple(an[c] for c in CURRENT) == can_loc
    # The former province's row: signed in Quảng Bình, today in Quảng Trị.
    cuong = old["Gia đình ông Lê Văn Cường"]
    assert cuong["province"] == "Tỉnh Quảng Bình" and cuong["current_province"] == "Tỉnh Quảng Trị"
    assert cuong["current_province_code"] == _code("province", "Tỉnh Quảng Trị") and cuong["current_commune_code"]
    # Not settled: no current commune is guessed; the province, which is known, is given.
    dung = old["Gia đình ông Phạm Văn Dũng"]
    assert dung["commune"] == "Xã Không Có" and dung["current_commune"] == dung["current_commune_code"] == ""
    assert (dung["current_province"], dung["current_province_code"]) == can_loc[2:]


def test_province_files_carry_the_current_unit_and_keep_the_anchor_last(eras: Site) -> None:
    data = eras.out / "vinh-danh/du-lieu/tinh"
    path = data / "tinh-ha-tinh.csv"
    header = path.read_bytes().decode("utf-8-sig").splitlines()[0].split(",")
    assert header[-5:] == [*CURRENT, "anchor"]  # the manifest reads the anchor as the last cell
    rows = _csv(path)
    communes = {(r["commune"], r["district"]): r["current_commune_code"] for r in rows}
    assert communes[("Xã Thiên Lộc", "Huyện Can Lộc")] == communes[("Xã Can Lộc", "")] == _code("commune", "Xã Can Lộc")
    assert {(r["commune"], r["current_commune"]) for r in rows} >= {
        ("Xã Thiên Lộc", "Xã Can Lộc"),
        ("Xã Can Lộc", "Xã Can Lộc"),
        ("Xã Không Có", ""),
    }
    # tl-2023 lists rows of Hà Tĩnh and of (today) Quảng Trị: each province has its own file, of its own rows.
    assert {r["current_province"] for r in _csv(data / "tinh-quang-tri.csv")} == {"Tỉnh Quảng Trị"}
    manifest = json.loads((eras.out / "vinh-danh/du-lieu/manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"], manifest["problems"]


def _chart(page: str, chart_id: str) -> str:
    found = re.search(rf'<svg[^>]*aria-labelledby="{chart_id}-title".*?</svg>', page, re.S)
    assert found, chart_id
    return found.group(0)


def test_statistics_count_by_current_province_and_by_the_provinces_signed_before_the_reform(eras: Site) -> None:
    page = eras.html("vinh-danh/thong-ke/")
    current = _chart(page, "bv-chart-province")
    former = _chart(page, "bv-chart-former-province")
    # Today: Thiên Lộc's, Can Lộc's and the unknown commune's rows are Hà Tĩnh's, Quảng Phú's row is Quảng Trị's.
    assert "Tỉnh Hà Tĩnh: 5 mục; Tỉnh Quảng Trị: 1 mục." in current
    assert "Quảng Bình" not in current
    # Before 1/7/2025: only the 2023 decision's rows, by the province each names.
    assert "Tỉnh Hà Tĩnh: 3 mục; Tỉnh Quảng Bình: 1 mục." in former
    assert "Quảng Trị" not in former
    text = re.sub(r"<[^>]+>", " ", page.split('class="md-content"')[1])
    text = re.sub(r"\s+", " ", text)
    assert "theo đơn vị hành chính hiện nay (từ 1/7/2025)" in text
    assert "theo đơn vị hành chính cũ, trước 1/7/2025" in text
    # Each table's heading comes right before its chart: the page says which is which.
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>\s*<figure[^>]*>\s*<svg[^>]*aria-labelledby=\"([a-z-]+)-title\"", page)
    said = {chart: heading for heading, chart in headings}
    assert "hiện nay" in said["bv-chart-province"] and "cũ" in said["bv-chart-former-province"]


def test_without_decisions_before_the_reform_only_todays_provinces_are_counted() -> None:
    summary = Summary(entries=3, decisions=1, by_province=Counter({"Tỉnh Hà Tĩnh": 3}))
    (table,) = province_tables(summary)
    assert "hiện nay (từ 1/7/2025)" in table.heading and "Tỉnh Hà Tĩnh: 3 mục." in table.chart
    summary.by_former_province["Tỉnh Hà Tĩnh"] = summary.before_reform = 1200
    _, then = province_tables(summary)
    assert "1.200 mục của các quyết định ký trước 1/7/2025" in then.about and "cũ" in then.heading
