"""Pages load in Chromium without a failed request, an error response, or a request outside the site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Request, Response

from browser import Serve
from conftest import Site

PAGES = [
    "",
    "tin-tuc/",
    "tin-tuc/2023/hoi-khuyen-hoc-viet-nam-danh-gia-cong-tac-phoi-hop-voi-cac-ban-bo-nganh/",
    "van-ban/quyet-dinh-387-qd-ttg/",
    "vinh-danh/quyet-dinh/1568-qd-ubnd/",
    "vinh-danh/tra-cuu/",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_makes_no_failed_or_outside_request(
    browser: Browser, serve: Serve, built_example: Site, path: str
) -> None:
    address = serve(built_example.out)
    assert (built_example.out / path / "index.html").is_file(), path
    troubles: list[str] = []
    page = browser.new_page()

    def on_request(request: Request) -> None:
        if urlsplit(request.url).hostname != "127.0.0.1" and not request.url.startswith("data:"):
            troubles.append(f"outside: {request.url}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            troubles.append(f"{response.status}: {response.url}")

    page.on("request", on_request)
    page.on("requestfailed", lambda request: troubles.append(f"failed: {request.url} {request.failure}"))
    page.on("response", on_response)
    # Material asks for sitemaps once the page has loaded: wait until the network is quiet.
    page.goto(address + path, wait_until="networkidle")
    page.close()
    assert troubles == []


def test_the_copy_button_shows_and_copies_the_pages_address(
    browser: Browser, serve: Serve, built_example: Site
) -> None:
    address = serve(built_example.out)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=address.rstrip("/"))
    page = context.new_page()
    page.goto(address + PAGES[2])
    button = page.locator(".bv-share__copy")
    button.click()
    page.locator(".bv-share__status", has_text="Đã sao chép liên kết.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == button.get_attribute("data-bv-copy")
    assert page.evaluate("navigator.clipboard.readText()").endswith("/" + PAGES[2])
    context.close()
