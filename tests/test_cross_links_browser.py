"""The honour index's "Theo mô hình" items lead to the lookup filtered by that kind, in Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from browser import Serve, wait_for_lookup
from conftest import Site, blank_site, built_once

ROWS = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn Hoà,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "2,dong_ho,Dòng họ Nguyễn Đức,,Dòng họ học tập,,Xã Vượng Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
]


@pytest.fixture(scope="module")
def kinds_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(tmp_path_factory.mktemp("kinds"))
    site.decision("can-loc", ROWS, number="12/QĐ-UBND")
    yield from built_once(site)


def test_a_kind_on_the_honour_index_opens_the_lookup_filtered_by_it(
    kinds_site: Site, serve: Serve, browser: Browser
) -> None:
    """The kinds were plain text while the periods beside them were links."""
    page = browser.new_page()
    page.goto(f"{serve(kinds_site.out)}vinh-danh/")
    page.get_by_role("link", name="Dòng họ học tập").click()
    page.wait_for_url("**/vinh-danh/tra-cuu/?loai=dong_ho")
    page.wait_for_function("document.forms['bv-lookup'].elements.loai.value === 'dong_ho'")
    page.fill("#bv-q", "nguyen")
    assert wait_for_lookup(page) == ["Dòng họ Nguyễn Đức"]
    page.close()
