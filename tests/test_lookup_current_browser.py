"""The honour lookup by current place (issue 12, point 4), in Chromium.

Its province → commune filter offers the units in force since 1/7/2025 (and
the wordings the unit list cannot settle), and finds rows signed under their
predecessors: a 2023 row of "Xã Thiên Lộc, Huyện Can Lộc" is found under Xã
Can Lộc, shown as signed with "(nay là …)".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from browser import Serve, open_lookup, wait_for_lookup
from conftest import Site, blank_site, read_only

BEFORE = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "2,gia_dinh,Gia đình ông Nguyễn Văn Ba,,,Thôn Đông,Xã Quảng Phú,Huyện Quảng Trạch,Tỉnh Quảng Bình",
    "3,gia_dinh,Gia đình ông Nguyễn Văn Bốn,,,Thôn 4,Xã Không Có,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "4,gia_dinh,Gia đình ông Nguyễn Văn Năm,,,Thôn 2,Xã Kỳ Lâm,Huyện Kỳ Anh,Tỉnh Hà Tĩnh",
]
AFTER = ["1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn 1,Xã Can Lộc,,Tỉnh Hà Tĩnh"]


@pytest.fixture(scope="module")
def eras(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(tmp_path_factory.mktemp("lookup-eras"))
    site.decision("tl-2023", BEFORE, number="12/QĐ-UBND", signed=dt.date(2023, 12, 18))
    site.decision("cl-2025", AFTER, number="34/QĐ-UBND", signed=dt.date(2025, 9, 10), period="2025")
    run = site.build(strict=False)  # the unknown commune is the check's warning; its row is published as signed
    assert run.code == 0, run.output
    with read_only(site):
        yield site


@pytest.fixture(scope="module")
def address(eras: Site, serve: Serve) -> str:
    return serve(eras.out)


def _options(page: Page, name: str) -> list[str]:
    return page.locator(f"select[name={name}] option").all_inner_texts()[1:]


def _hits(page: Page) -> dict[str, list[str]]:
    """Each result's decision number → its place line."""
    found: dict[str, list[str]] = {}
    for item in page.locator(".bv-hit").all():
        number = item.locator(".bv-hit__decision .bv-no").inner_text()
        found.setdefault(number, []).append(item.locator(".bv-hit__place").inner_text())
    return found


def test_the_filter_offers_current_units_and_finds_rows_signed_under_their_predecessors(
    browser: Browser, address: str
) -> None:
    page = open_lookup(browser, address, "nguyen van an")
    assert sorted(_hits(page)) == ["12/QĐ-UBND", "34/QĐ-UBND"]
    page.locator("details.bv-lookup__more summary").click()
    # Provinces as they are now: Quảng Bình's row is in Quảng Trị; no former province is offered.
    assert _options(page, "tinh") == ["Tỉnh Hà Tĩnh", "Tỉnh Quảng Trị"]
    page.select_option("select[name=tinh]", "Tỉnh Hà Tĩnh")
    communes = _options(page, "xa")
    # Current communes (Thiên Lộc and Can Lộc's own rows are one), and the wording the list cannot settle.
    assert "Xã Can Lộc" in communes and "Xã Kỳ Lạc" in communes
    assert "Xã Không Có, Huyện Can Lộc" in communes
    assert not any("Thiên Lộc" in c or "Kỳ Lâm" in c for c in communes), communes
    page.select_option("select[name=xa]", "Xã Can Lộc")
    wait_for_lookup(page)
    hits = _hits(page)
    assert sorted(hits) == ["12/QĐ-UBND", "34/QĐ-UBND"]
    # Each row as signed; the 2023 one says what its commune is now.
    assert hits["12/QĐ-UBND"] == ["Thôn 1, Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh (nay là Xã Can Lộc, Tỉnh Hà Tĩnh)"]
    assert hits["34/QĐ-UBND"] == ["Thôn 1, Xã Can Lộc, Tỉnh Hà Tĩnh"]
    assert "xa=X%C3%A3+Can+L%E1%BB%99c" in page.url
    page.close()


def test_rows_of_a_former_province_and_of_an_unsettled_place_are_shown_as_signed(
    browser: Browser, address: str
) -> None:
    page = open_lookup(browser, address, "nguyen van ba", tinh="Tỉnh Quảng Trị")
    (line,) = _hits(page)["12/QĐ-UBND"]
    assert line.startswith("Thôn Đông, Xã Quảng Phú, Huyện Quảng Trạch, Tỉnh Quảng Bình (nay là ")
    assert line.endswith(", Tỉnh Quảng Trị)")
    page.close()
    page = open_lookup(browser, address, "nguyen van bon", tinh="Tỉnh Hà Tĩnh", xa="Xã Không Có, Huyện Can Lộc")
    assert _hits(page) == {"12/QĐ-UBND": ["Thôn 4, Xã Không Có, Huyện Can Lộc, Tỉnh Hà Tĩnh"]}  # nothing guessed
    page.close()


def test_only_rows_signed_in_another_wording_carry_a_signed_place(eras: Site) -> None:
    """The index stays small: a row shown as its current commune's page needs no second place."""
    folder = eras.out / "vinh-danh/tra-cuu/chi-muc"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    documents = json.loads((folder / "d0.json").read_text(encoding="utf-8"))
    signed = {(doc[6], doc[1]): doc[8] for doc in documents if len(doc) > 8}
    slugs = [row[3] for row in meta["decisions"]]
    # Not the 2025 row, nor the unsettled one, whose page is its own wording.
    assert {(slugs[d], stt) for d, stt in signed} == {("tl-2023", 1), ("tl-2023", 2), ("tl-2023", 4)}
    assert len(meta["signed_places"]) == 3
