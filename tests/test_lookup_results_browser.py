"""The lookup's results in Chromium on a 360×800 phone: "Xem thêm", "Báo thiếu tên", a slow index, no shift."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from browser import RouteGate, Serve, open_lookup, wait_for_lookup
from conftest import Site, blank_site, built_once

PHONE = {"width": 360, "height": 800}
MIDDLE = ["Văn", "Hữu", "Đức", "Minh", "Quang"]
GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hùng", "Khánh", "Long", "Mạnh", "Nam", "Phong", "Quân",
    "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Xuân", "Yên", "Bảo", "Chiến", "Đạt", "Hiếu",
]  # fmt: skip
NAMES = [f"Gia đình ông Nguyễn {middle} {given}" for middle in MIDDLE for given in GIVEN]
"""130 names that all match "nguyen": more than two windows of candidates the lookup ranks at once."""
NAME_INDEX = "**/vinh-danh/tra-cuu/chi-muc/**"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(tmp_path_factory.mktemp("lookup-results"))
    rows = [f"{n},gia_dinh,{name},,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh" for n, name in enumerate(NAMES, 1)]
    site.decision("thien-loc", rows, number="7/QĐ-UBND")
    yield from built_once(site)


@pytest.fixture(scope="module")
def address(many: Site, serve: Serve) -> str:
    return serve(many.out)


def shown(page: Page) -> list[str]:
    return page.locator(".bv-hit__name").all_inner_texts()


def test_more_rows_past_the_first_twenty(browser: Browser, address: str) -> None:
    page = open_lookup(browser, address, "nguyen")
    assert len(shown(page)) == 20
    assert page.locator("#bv-lookup-status").inner_text() == "130 kết quả, hiển thị 20 kết quả đầu."
    more = page.get_by_role("button", name="Xem thêm")
    count = 20
    while more.is_visible():
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.bv-hit').length > n && !document.getElementById('bv-lookup')"
            ".hasAttribute('aria-busy')",
            arg=count,
        )
        assert page.evaluate("document.activeElement.textContent") == shown(page)[count]
        assert len(shown(page)) == min(130, count + 20)
        count = len(shown(page))
    found = shown(page)
    assert len(found) == 130 and set(found) == set(NAMES)
    assert page.locator("#bv-lookup-status").inner_text() == "130 kết quả."
    page.close()


def test_nothing_found_offers_to_report_the_missing_name(browser: Browser, address: str) -> None:
    page = open_lookup(browser, address, "Phạm Thị Huệ")
    status = page.locator("#bv-lookup-status")
    assert status.inner_text().startswith("Không tìm thấy “Phạm Thị Huệ”.")
    report = status.get_by_role("link", name="Báo thiếu tên")
    href = report.get_attribute("href") or ""
    parts = urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", "bientap@example.org")
    asked = parse_qs(parts.query)
    assert asked["subject"] == ["Thiếu tên: Phạm Thị Huệ"]
    assert page.url in asked["body"][0] and "q=Ph%E1%BA%A1m" in page.url
    page.close()
    found = open_lookup(browser, address, "Nguyễn Đức An")
    assert shown(found)[0] == "Gia đình ông Nguyễn Đức An"
    assert found.locator(".bv-lookup__report").count() == 0
    found.close()


def test_letters_typed_while_the_index_loads_are_kept(browser: Browser, address: str) -> None:
    page = browser.new_page(viewport=PHONE)
    gate = RouteGate(page, NAME_INDEX)
    page.goto(address + "vinh-danh/tra-cuu/")
    box = page.locator("#bv-q")
    box.wait_for(state="visible")
    box.press_sequentially("nguyen minh")
    page.wait_for_function("() => document.getElementById('bv-lookup-status').textContent.startsWith('Đang tải')")
    assert gate.held, "the name index was still on its way"
    assert box.input_value() == "nguyen minh"
    gate.release()
    found = wait_for_lookup(page)
    assert box.input_value() == "nguyen minh"
    assert found and all("Nguyễn Minh" in name for name in found), found
    assert page.url.endswith("?q=nguyen+minh")
    page.close()


LAYOUT_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shift += entry.value;
    const nodes = entry.sources.map((s) => s.node && (s.node.id || s.node.nodeName));
    window.__sources = (window.__sources || []).concat(nodes);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("query", ["", "nguyen"])
def test_nothing_moves_when_the_script_and_the_index_arrive(browser: Browser, address: str, query: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.add_init_script(LAYOUT_SHIFTS)
    gate = RouteGate(page, NAME_INDEX)
    page.goto(address + "vinh-danh/tra-cuu/" + (f"?q={query}" if query else ""))
    page.locator("#bv-q").wait_for(state="visible")
    assert gate.held
    gate.release()
    wait_for_lookup(page)
    # With a query in the address, the rows arrive in the screen kept for them: nothing moves either way.
    assert page.evaluate("window.__shift") == 0, page.evaluate("window.__sources")
    page.close()


def test_a_form_address_gets_the_missing_name_and_the_page(browser: Browser, serve: Serve, tmp_path: Path) -> None:
    form = "https://forms.example.org/bao?ten={ten}&trang={trang}&so={so}&stt={stt}"
    site = blank_site(tmp_path, plugin={"corrections": form})
    site.decision("thien-loc", [f"1,gia_dinh,{NAMES[0]},,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh"])
    assert site.build().code == 0
    page = open_lookup(browser, serve(site.out), "Lê Văn Tám")
    href = page.locator(".bv-lookup__report").get_attribute("href") or ""
    asked = parse_qs(urlsplit(href).query, keep_blank_values=True)
    assert href.startswith("https://forms.example.org/bao?")
    assert asked == {"ten": ["Lê Văn Tám"], "trang": [page.url], "so": [""], "stt": [""]}
    page.close()
