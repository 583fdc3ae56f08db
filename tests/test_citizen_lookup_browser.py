"""Citizens reach the honour lookup, on a 360×800 phone in Chromium: from the home page and the navigation."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from browser import Serve, wait_for_lookup, wait_for_search
from conftest import Site

PHONE = {"width": 360, "height": 800}


def phone(browser: Browser) -> Page:
    return browser.new_page(viewport=PHONE)


def test_the_home_page_lookup_box_is_on_the_first_screen_and_lands_on_results(
    browser: Browser, built_example: Site, serve: Serve
) -> None:
    address = serve(built_example.out)
    page = phone(browser)
    page.goto(address)
    box = page.get_by_role("searchbox", name="Tìm tên trong bảng vàng")
    assert box.get_attribute("placeholder") == "Tra cứu gia đình, dòng họ, đơn vị…"
    bounds = box.bounding_box()
    assert bounds is not None and bounds["y"] + bounds["height"] <= PHONE["height"], bounds
    button = page.get_by_role("button", name="Tra cứu")
    button_bounds = button.bounding_box()
    assert button_bounds is not None and button_bounds["y"] + button_bounds["height"] <= PHONE["height"]
    box.fill("Hồ Hữu Chiến")
    button.click()
    page.wait_for_url("**/vinh-danh/tra-cuu/?q=*")
    assert "Gia đình ông Hồ Hữu Chiến" in wait_for_lookup(page)
    assert page.locator("#bv-q").input_value() == "Hồ Hữu Chiến"
    page.close()


def test_the_top_tabs_and_the_phone_drawer_offer_the_lookup(
    browser: Browser, built_example: Site, serve: Serve
) -> None:
    address = serve(built_example.out)
    wide = browser.new_page(viewport={"width": 1280, "height": 800})
    wide.goto(address + "tin-tuc/")
    tabs = wide.locator(".md-tabs__link").all_inner_texts()
    assert tabs.index("Tra cứu") == tabs.index("Vinh danh") + 1, tabs
    wide.locator(".md-tabs__link", has_text="Tra cứu").click()
    wide.wait_for_url(address + "vinh-danh/tra-cuu/")
    wait_for_lookup(wide)
    wide.close()
    page = phone(browser)
    page.goto(address + "van-ban/")
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link", has_text="Tra cứu")
    drawer.wait_for(state="visible")
    drawer.click()
    page.wait_for_url(address + "vinh-danh/tra-cuu/")
    wait_for_lookup(page)
    page.close()


def test_the_header_search_shows_the_way_to_the_lookup_for_a_family_name(
    browser: Browser, built_example: Site, serve: Serve
) -> None:
    address = serve(built_example.out)
    page = phone(browser)
    page.goto(address + "tin-tuc/")
    header = page.locator("#bv-header-q")
    assert header.get_attribute("placeholder") == "Tìm bài viết, tên"
    header.fill("Hồ Hữu Chiến")
    header.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    wait_for_search(page)
    offer = page.locator("#bv-search-lookup")
    link = offer.get_by_role("link", name="Tìm “Hồ Hữu Chiến” trong bảng vàng →")
    assert link.is_visible()
    page.wait_for_function("() => document.querySelector('.bv-search__lookup-count').textContent !== ''")
    assert offer.inner_text().endswith("(1 tên khớp)")
    link.click()
    page.wait_for_url("**/vinh-danh/tra-cuu/?q=*")
    assert wait_for_lookup(page) == ["Gia đình ông Hồ Hữu Chiến"]
    page.close()


def test_the_offer_follows_a_query_typed_on_the_search_page(
    browser: Browser, built_example: Site, serve: Serve
) -> None:
    address = serve(built_example.out)
    page = phone(browser)
    page.goto(address + "tim-kiem/")
    assert page.locator("#bv-search-lookup").is_hidden()
    page.locator(".pagefind-ui__search-input").fill("nguyen")
    link = page.locator("#bv-search-lookup a")
    link.wait_for(state="visible")
    assert link.inner_text() == "Tìm “nguyen” trong bảng vàng →"
    assert link.get_attribute("href") == "../vinh-danh/tra-cuu/?q=nguyen"
    page.close()
