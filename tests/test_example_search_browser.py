"""Search on the repository's own example site, in Chromium."""

from __future__ import annotations

import unicodedata

import pytest
from playwright.sync_api import Browser

from browser import Serve, open_lookup, open_search
from conftest import Site
from test_lookup_browser import names


@pytest.fixture(scope="module")
def example_address(built_example: Site, serve: Serve) -> str:
    return serve(built_example.out)


def test_example_lookup_folds_tone_placement_and_diacritics(browser: Browser, example_address: str) -> None:
    page = open_lookup(browser, example_address, "nguyen van hoa")
    found = names(page)
    assert any(name.endswith("Nguyễn Văn Hoà") for name in found) and any(
        name.endswith("Nguyễn Văn Hòa") for name in found
    )
    page.close()


def test_example_lookup_never_drops_a_word(browser: Browser, example_address: str) -> None:
    page = open_lookup(browser, example_address, "Trần Văn Hải")
    found = names(page)
    assert found and all("Trần Văn Hải" in name for name in found), found
    page.close()


def test_example_lookup_result_opens_its_row(browser: Browser, example_address: str) -> None:
    page = open_lookup(browser, example_address, "Trần Văn Hải")
    link = page.locator(".bv-hit__name").first
    target = link.get_attribute("href")
    assert target and "#" in target
    link.click()
    page.wait_for_url(lambda url: url.endswith("#" + target.split("#", 1)[1]))
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
def test_example_header_search(browser: Browser, example_address: str, query: str, expected: str) -> None:
    page = open_search(browser, example_address, query)
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
def test_example_lookup_rules(
    browser: Browser, example_address: str, query: str, must: list[str], must_not: list[str]
) -> None:
    page = open_lookup(browser, example_address, query)
    found = names(page)
    for name in must:
        assert any(item.endswith(name) for item in found), (name, found)
    for name in must_not:
        assert not any(item.endswith(name) for item in found), (name, found)
    page.close()


def test_example_lookup_whole_word_before_prefix(browser: Browser, example_address: str) -> None:
    page = open_lookup(browser, example_address, "tran van ha")
    found = names(page)
    assert found[0].endswith("Trần Văn Hà") and any(item.endswith("Trần Văn Hải") for item in found), found
    page.close()


def test_example_lookup_decomposed_query(browser: Browser, example_address: str) -> None:
    composed = names(open_lookup(browser, example_address, "Nguyễn Văn Hoà"))
    decomposed = names(open_lookup(browser, example_address, unicodedata.normalize("NFD", "Nguyễn Văn Hoà")))
    assert composed == decomposed != []
