"""The 404 page is Vietnamese, offers the honour lookup and the way home, and works at any depth (issue 10, point 8)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from browser import wait_for_lookup
from conftest import Site, blank_site, built_once
from html_tools import hrefs, tags

PREFIX = "/hoi-khuyen-hoc/"
"""The path of the test sites' site_url: the server publishes the site under it, as a sub-path host would."""


@pytest.fixture(scope="module")
def honour_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(tmp_path_factory.mktemp("not-found"))
    site.article(2024, "bai-mot", title="Bài một")
    site.decision(
        "can-loc",
        ["1,gia_dinh,Gia đình ông Nguyễn Văn Hoà,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh"],
        number="12/QĐ-UBND",
    )
    yield from built_once(site)


def test_the_404_page_is_vietnamese_with_the_lookup_box_and_links_home(honour_site: Site) -> None:
    page = honour_site.html("404.html")
    assert "Not found" not in page and "404 -" not in page
    assert "<title>Không tìm thấy trang - Khuyến học thử nghiệm</title>" in page
    assert "<h1>Không tìm thấy trang</h1>" in page
    forms = [form for form in tags(page, "form") if "bv-notfound__lookup" in form.get("class", "")]
    assert len(forms) == 1
    assert forms[0]["action"] == f"{PREFIX}vinh-danh/tra-cuu/" and forms[0]["method"] == "get"
    assert forms[0]["aria-label"] == "Tra cứu bảng vàng"
    assert {"name": "q", "type": "search"}.items() <= tags(page, "input")[-1].items()
    links = hrefs(page)
    # Absolute paths under site_url's path: the page is served for a missing address at any depth.
    for path in ("", "vinh-danh/", "tin-tuc/", "tim-kiem/"):
        assert f"{PREFIX}{path}" in links, path


def test_without_site_url_the_404_links_start_at_the_server_root(make_site: Callable[..., Site]) -> None:
    site = make_site(site_url="")
    run = site.build()
    assert run.code == 0, run.output
    page = site.html("404.html")
    assert 'action="/vinh-danh/tra-cuu/"' in page
    assert '<a href="/">Về trang chủ</a>' in page


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under PREFIX, answering a missing address with its 404.html, as nginx's error_page does."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(PREFIX):
            return super().translate_path("/does-not-exist")
        return super().translate_path("/" + route[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def sub_path_server(honour_site: Site) -> Iterator[str]:
    handler = functools.partial(_SubPathHandler, directory=str(honour_site.out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


def test_a_missing_deep_address_leads_to_the_lookup_and_home(browser: Browser, sub_path_server: str) -> None:
    page = browser.new_page()
    try:
        response = page.goto(f"{sub_path_server}a/b/c/khong-co/")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Không tìm thấy trang"
        # Material's own stylesheet loaded from the deep address: the page is styled, not bare.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.get_by_label("Tra cứu gia đình, dòng họ, đơn vị…").fill("nguyen van hoa")
        page.get_by_role("button", name="Tra cứu").click()
        page.wait_for_url(f"{sub_path_server}vinh-danh/tra-cuu/?q=nguyen+van+hoa")
        assert wait_for_lookup(page) == ["Gia đình ông Nguyễn Văn Hoà"]
        page.goto(f"{sub_path_server}x/y/")
        page.get_by_role("link", name="Về trang chủ").click()
        page.wait_for_url(sub_path_server)
        assert page.locator(".bv-home__news").count() == 1
    finally:
        page.close()
