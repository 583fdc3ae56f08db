"""The header search, in Chromium: Pagefind over articles and directives, Vietnamese-aware."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import FragmentGate, Serve, open_search, wait_for_search
from conftest import Site, blank_site, built_once


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(tmp_path_factory.mktemp("search"))
    site.directive("ket-luan-49-kl-tw", body="Văn bản chỉ đạo công tác xây dựng xã hội học tập.\n")
    site.article(
        2022, "hoi-khuyen-hoc-tinh", title="Đại hội Hội Khuyến học tỉnh", body="Đại hội Hội Khuyến học nhiệm kỳ mới.\n"
    )
    site.article(
        2022, "gia-dinh-ong-duc", title="Gương gia đình ông Đức", body="Ông Nguyễn Văn Đức nuôi ba con đỗ đại học.\n"
    )
    site.article(2022, "quan-triet", title="Quán triệt văn bản", body="Các cấp quán triệt Kết luận số 49-KL/TW.\n")
    site.article(2022, "tin-khac", title="Tin thể thao", body="Giải bóng chuyền mùa xuân.\n")
    yield from built_once(site)


@pytest.fixture(scope="module")
def address(searchable: Site, serve: Serve) -> str:
    assert (searchable.out / "pagefind" / "pagefind-ui.js").exists()
    return serve(searchable.out)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("khuyen hoc", "Đại hội Hội Khuyến học tỉnh"),
        ("Khuyến Học", "Đại hội Hội Khuyến học tỉnh"),
        ("ket luan 49", "Kết luận 49-KL/TW"),
        ("ket luan 49", "Quán triệt văn bản"),
        ("duc", "Gương gia đình ông Đức"),
        ("Ðức", "Gương gia đình ông Đức"),
    ],
)
def test_header_search_finds_articles(browser: Browser, address: str, query: str, expected: str) -> None:
    page = open_search(browser, address, query)
    found = page.locator(".pagefind-ui__result-title").all_inner_texts()
    page.close()
    assert expected in found, found
    assert "Tin thể thao" not in found


def test_nothing_found_is_an_answer(browser: Browser, address: str) -> None:
    page = open_search(browser, address, "zzzyyyxxx")
    assert page.locator(".pagefind-ui__result-title").count() == 0
    assert "Không tìm thấy kết quả cho" in page.locator(".pagefind-ui__message").inner_text()
    page.close()


def test_the_wait_does_not_take_loading_placeholders_for_results(browser: Browser, address: str) -> None:
    page = browser.new_page()
    gate = FragmentGate(page)
    page.goto(f"{address}tim-kiem/?q=khuyen+hoc")
    page.wait_for_selector(".pagefind-ui__loading", state="attached")  # placeholders are drawn hidden
    with pytest.raises(PlaywrightTimeout):
        wait_for_search(page, timeout=1_000)
    assert gate.held, "the results were still waiting for their fragments"
    gate.release()
    assert "Đại hội Hội Khuyến học tỉnh" in wait_for_search(page)
    page.close()


def test_header_box_submits_to_the_search_page(browser: Browser, address: str) -> None:
    page = browser.new_page()
    page.goto(address + "tin-tuc/")
    page.fill("#bv-header-q", "khuyen hoc")
    page.press("#bv-header-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=khuyen+hoc")
    assert "Đại hội Hội Khuyến học tỉnh" in wait_for_search(page)
    page.close()
