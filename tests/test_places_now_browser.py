"""The old address of a renamed place, loaded in a browser, lands on the page of the commune it became."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from browser import WAIT_MS, Serve
from conftest import Site, blank_site, built_once
from test_places_now import NEW_PLACE, NEW_WARD, OLD_PLACE, OLD_PROVINCE, OLD_WARD, reform_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from built_once(reform_site(blank_site(tmp_path_factory.mktemp("reform-browser"))))


@pytest.mark.parametrize(
    ("old", "new", "heading"),
    [
        (OLD_PLACE, NEW_PLACE, "Xã Can Lộc"),
        (OLD_WARD, NEW_WARD, "Phường Đồng Hới"),
        (OLD_PROVINCE, "vinh-danh/dia-phuong/tinh-quang-tri/", "Tỉnh Quảng Trị"),
    ],
)
def test_loading_an_old_address_lands_on_the_new_page(
    browser: Browser, serve: Serve, built: Site, old: str, new: str, heading: str
) -> None:
    base = serve(built.out)
    page = browser.new_page()
    try:
        page.goto(base + old)
        page.wait_for_url(base + new, timeout=WAIT_MS)
        assert page.locator("h1").first.inner_text().startswith(heading)
    finally:
        page.close()


def test_an_entry_link_to_the_old_address_keeps_its_row(browser: Browser, serve: Serve, built: Site) -> None:
    base = serve(built.out)
    page = browser.new_page()
    try:
        page.goto(base + OLD_PLACE + "#cu-stt-1")
        page.wait_for_url(base + NEW_PLACE + "#cu-stt-1", timeout=WAIT_MS)
        assert page.locator("#cu-stt-1").count() == 1
    finally:
        page.close()
