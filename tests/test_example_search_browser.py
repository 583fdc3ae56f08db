"""Search on the repository's own example site, in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from benchmarks.localsite import serve_folder
from conftest import Site
from test_lookup_browser import names
from test_search_browser import RESULTS_READY, slow_fragments


@pytest.fixture(scope="module")
def example_address(built_example: Site) -> Iterator[str]:
    address, server = serve_folder(built_example.out)
    yield address
    server.shutdown()
    server.server_close()


def lookup(browser, address: str, query: str):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"{address}vinh-danh/tra-cuu/?q={quote(query)}")
    page.wait_for_function("document.getElementById('bv-lookup-status').textContent.length > 0")
    return page


def test_example_lookup_folds_tone_placement_and_diacritics(browser, example_address: str) -> None:  # type: ignore[no-untyped-def]
    page = lookup(browser, example_address, "nguyen van hoa")
    found = names(page)
    assert any(name.endswith("Nguyễn Văn Hoà") for name in found) and any(
        name.endswith("Nguyễn Văn Hòa") for name in found
    )
    page.close()


def test_example_lookup_never_drops_a_word(browser, example_address: str) -> None:  # type: ignore[no-untyped-def]
    page = lookup(browser, example_address, "Trần Văn Hải")
    found = names(page)
    assert found and all("Trần Văn Hải" in name for name in found), found
    page.close()


def test_example_lookup_result_opens_its_row(browser, example_address: str) -> None:  # type: ignore[no-untyped-def]
    page = lookup(browser, example_address, "Trần Văn Hải")
    link = page.locator(".bv-hit__name").first
    target = link.get_attribute("href")
    assert target and "#" in target
    link.click()
    page.wait_for_load_state()
    anchor = page.url.split("#", 1)[1]
    assert "Trần Văn Hải" in page.locator(f"[id='{anchor}']").inner_text()
    page.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("khuyen hoc", "Hội Khuyến học Việt Nam đánh giá công tác phối hợp với các Ban, Bộ, ngành"),
        ("Khuyến Học", "Hội Khuyến học Việt Nam đánh giá công tác phối hợp với các Ban, Bộ, ngành"),
        ("ket luan 49", "Kết luận 49-KL/TW"),
        ("dong thap", "Đồng Tháp quán triệt các văn bản về khuyến học, nhân rộng mô hình học tập"),
    ],
)
def test_example_header_search(browser, example_address: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    slow_fragments(page)
    page.goto(f"{example_address}tim-kiem/?q={quote(query)}")
    page.wait_for_function(RESULTS_READY, timeout=20_000)
    assert expected in page.locator(".pagefind-ui__result-title").all_inner_texts()
    page.close()


@pytest.mark.parametrize(
    ("query", "must", "must_not"),
    [
        ("nguyen van hoa", ["Nguyễn Văn Hoà", "Nguyễn Văn Hòa"], []),
        ("NGUYỄN VĂN HÒA", ["Nguyễn Văn Hoà", "Nguyễn Văn Hòa"], []),
        ("vo van duc", ["Võ Văn Đức"], []),
        ("\u00d0ặng Thị Ánh", ["Đặng Thị Ánh"], []),
        ("tran van h", ["Trần Văn Hải", "Trần Văn Hà"], []),
        ("Trần Văn Hải", ["Trần Văn Hải"], ["Trần Văn Hà"]),
        ("ông Trần Văn Hải", ["Trần Văn Hải"], ["Trần Văn Hà"]),
        ("gia đình ông Trần Văn Hải", ["Trần Văn Hải"], ["Trần Văn Hà"]),
    ],
)
def test_example_lookup_rules(browser, example_address: str, query: str, must: list[str], must_not: list[str]) -> None:  # type: ignore[no-untyped-def]
    page = lookup(browser, example_address, query)
    found = names(page)
    for name in must:
        assert any(item.endswith(name) for item in found), (name, found)
    for name in must_not:
        assert not any(item.endswith(name) for item in found), (name, found)
    page.close()


def test_example_lookup_whole_word_before_prefix(browser, example_address: str) -> None:  # type: ignore[no-untyped-def]
    page = lookup(browser, example_address, "tran van ha")
    found = names(page)
    assert found[0].endswith("Trần Văn Hà") and any(item.endswith("Trần Văn Hải") for item in found), found
    page.close()


def test_example_lookup_decomposed_query(browser, example_address: str) -> None:  # type: ignore[no-untyped-def]
    import unicodedata

    composed = names(lookup(browser, example_address, "Nguyễn Văn Hoà"))
    decomposed = names(lookup(browser, example_address, unicodedata.normalize("NFD", "Nguyễn Văn Hoà")))
    assert composed == decomposed != []
