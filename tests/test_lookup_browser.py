"""The honour lookup in Chromium: Vietnamese matching, ranking, filters, shared addresses, anchors."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser import Serve, open_lookup, wait_for_lookup
from conftest import Site, blank_site, built_once

ROWS = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn Hoà,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "2,gia_dinh,Gia đình ông Nguyễn Văn Hóa,,,Thôn 2,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "3,gia_dinh,Gia đình ông Trần Văn Hải,,,Thôn 1,Xã Vượng Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "4,gia_dinh,Gia đình ông Trần Văn Hà,,,Thôn 2,Xã Vượng Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "5,gia_dinh,Gia đình ông Đặng Đức Thịnh,,,Thôn 3,Xã Vượng Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "6,gia_dinh,Gia đình bà Lê Thị Thuý,,,Thôn 3,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "7,gia_dinh,Gia đình ông Lê Văn Ánh,,,Thôn 4,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "8,gia_dinh,Gia đình ông Lê Văn Anh,,,Thôn 4,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "9,dong_ho,Dòng họ Nguyễn Đức,,Dòng họ học tập,,Xã Vượng Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "10,cong_dan,Phạm Thị Mai,Phạm Thị Mai,Công dân học tập,Thôn 5,Xã Kỳ Lâm,Huyện Kỳ Anh,Tỉnh Hà Tĩnh",
]


@pytest.fixture(scope="module")
def lookup_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(tmp_path_factory.mktemp("lookup"))
    site.decision("can-loc", ROWS, number="12/QĐ-UBND")
    yield from built_once(site)


@pytest.fixture(scope="module")
def address(lookup_site: Site, serve: Serve) -> str:
    return serve(lookup_site.out)


def names(page: Page) -> list[str]:
    return page.locator(".bv-hit__name").all_inner_texts()


@pytest.mark.parametrize(
    ("query", "first", "also", "never"),
    [
        ("nguyen van hoa", None, ["Gia đình ông Nguyễn Văn Hoà", "Gia đình ông Nguyễn Văn Hóa"], []),
        ("Nguyễn Văn Hóa", "Gia đình ông Nguyễn Văn Hóa", ["Gia đình ông Nguyễn Văn Hoà"], []),
        ("Nguyễn Văn Hòa", "Gia đình ông Nguyễn Văn Hoà", [], []),
        ("Trần Văn Hải", "Gia đình ông Trần Văn Hải", [], ["Gia đình ông Trần Văn Hà"]),
        ("tran van ha ", "Gia đình ông Trần Văn Hà", [], ["Gia đình ông Trần Văn Hải"]),
        ("tran van h", None, ["Gia đình ông Trần Văn Hải", "Gia đình ông Trần Văn Hà"], []),
        ("duc", None, ["Gia đình ông Đặng Đức Thịnh", "Dòng họ Nguyễn Đức"], []),
        ("Ðức", None, ["Gia đình ông Đặng Đức Thịnh"], []),
        ("Thúy", "Gia đình bà Lê Thị Thuý", [], []),
        ("Lê Văn Ánh", "Gia đình ông Lê Văn Ánh", ["Gia đình ông Lê Văn Anh"], []),
        ("gia đình ông Lê Văn Anh", "Gia đình ông Lê Văn Anh", [], []),
        ("dòng họ nguyễn", "Dòng họ Nguyễn Đức", [], []),
        ("pham thi mai", "Phạm Thị Mai", [], []),
    ],
)
def test_vietnamese_matching(
    browser: Browser, address: str, query: str, first: str | None, also: list[str], never: list[str]
) -> None:
    page = open_lookup(browser, address, query)
    found = names(page)
    if first:
        assert found and found[0] == first, found
    for name in also:
        assert name in found, found
    for name in never:
        assert name not in found, found
    page.close()


def test_decomposed_input_matches_like_composed(browser: Browser, address: str) -> None:
    composed = open_lookup(browser, address, "Nguyễn Văn Hoà")
    decomposed = open_lookup(browser, address, unicodedata.normalize("NFD", "Nguyễn Văn Hoà"))
    assert names(composed) == names(decomposed) != []
    composed.close()
    decomposed.close()


def test_filters_live_in_the_address_and_empty_results_offer_to_drop_them(browser: Browser, address: str) -> None:
    page = open_lookup(browser, address, "le van")
    assert set(names(page)) == {"Gia đình ông Lê Văn Ánh", "Gia đình ông Lê Văn Anh"}
    page.locator("details.bv-lookup__more summary").click()
    page.select_option("select[name=tinh]", "Tỉnh Hà Tĩnh")
    page.select_option("select[name=xa]", "Xã Kỳ Lạc")  # Xã Kỳ Lâm's commune since 1/7/2025
    assert wait_for_lookup(page) == []
    assert page.locator("#bv-lookup-status").inner_text().startswith("Không tìm thấy")
    assert "tinh=T%E1%BB%89nh+H%C3%A0+T%C4%A9nh" in page.url and "xa=" in page.url
    shared = page.url
    page.get_by_role("button", name="Bỏ bộ lọc và tìm lại").click()
    assert len(wait_for_lookup(page)) == 2
    again = browser.new_page()
    again.goto(shared)
    assert wait_for_lookup(again) == []
    assert again.locator("#bv-lookup-status").inner_text().startswith("Không tìm thấy")
    assert again.locator("details.bv-lookup__more").get_attribute("open") is not None
    assert again.locator("select[name=xa]").input_value() == "Xã Kỳ Lạc"
    assert again.locator("#bv-q").input_value() == "le van"
    again.close()
    page.close()


def test_kind_and_decision_filters(browser: Browser, address: str) -> None:
    page = open_lookup(browser, address, "nguyen", loai="dong_ho")
    assert names(page) == ["Dòng họ Nguyễn Đức"]
    page.close()
    page = open_lookup(browser, address, "mai", qd="can-loc", giai_doan="2023")
    assert names(page) == ["Phạm Thị Mai"]
    assert "Quyết định 12/QĐ-UBND, ký ngày 18/12/2023" in page.locator(".bv-hit__decision").inner_text()
    page.close()


def test_a_result_opens_its_row_on_the_decision_page(browser: Browser, address: str) -> None:
    page = open_lookup(browser, address, "Trần Văn Hải")
    page.locator(".bv-hit__name").first.click()
    page.wait_for_url("**/vinh-danh/quyet-dinh/can-loc/#can-loc-stt-3")
    row = page.locator("#can-loc-stt-3")
    assert "Trần Văn Hải" in row.inner_text()
    assert row.is_visible()
    page.close()


@pytest.fixture(scope="module")
def split_address(tmp_path_factory: pytest.TempPathFactory, serve: Serve) -> Iterator[str]:
    """The same decision over ``split_over``: one page per place, which the lookup's links must reach."""
    site = blank_site(tmp_path_factory.mktemp("lookup-split"), plugin={"split_over": 3})
    site.decision("can-loc", ROWS, number="12/QĐ-UBND")
    for built in built_once(site):
        yield serve(built.out)


def test_results_of_a_split_decision_open_their_rows_on_its_place_pages(browser: Browser, split_address: str) -> None:
    found: dict[str, str] = {}
    for query in ("nguyen", "tran van hai", "pham thi mai"):
        page = open_lookup(browser, split_address, query)
        for link in page.locator(".bv-hit__name").all():
            found[link.inner_text()] = link.evaluate("a => a.href")
        page.close()
    assert len(found) == 5, found
    pages = set()
    page = browser.new_page()
    for name, href in found.items():
        address, anchor = href.split("#")
        assert address.startswith(split_address + "vinh-danh/quyet-dinh/can-loc/"), href
        pages.add(address)
        page.goto(href)
        row = page.locator(f"[id='{anchor}']")
        assert name in row.inner_text(), href
        assert row.is_visible()
    page.close()
    assert len(pages) == 3, pages  # Thiên Lộc, Vượng Lộc and Kỳ Lâm each have their page


def test_shared_vectors_pass_in_the_browser(browser: Browser, address: str) -> None:
    vectors = json.loads((Path(__file__).parent / "search_vectors.json").read_text(encoding="utf-8"))
    page = open_lookup(browser, address)
    failures = page.evaluate(
        """(v) => {
            const bad = [];
            for (const [text, want] of v.fold) {
                const got = BVLookup.fold(text);
                if (got !== want) bad.push(['fold', text, got]);
            }
            for (const [text, want] of v.exact) {
                const got = BVLookup.exactWord(text);
                if (got !== want) bad.push(['exact', text, got]);
            }
            for (const [text, want] of v.query) {
                const got = BVLookup.queryTerms(text);
                if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(['query', text, got]);
            }
            return bad;
        }""",
        vectors,
    )
    assert failures == []
    page.close()
