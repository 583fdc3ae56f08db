"""The search page opened with a query (the header box's target) does not move while Pagefind loads and answers.

Lighthouse (mobile) measured a layout shift of 0,14 on /tim-kiem/?q=…: the
results pushed the footer, which was on the first screen, down the page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser import FragmentGate, Serve, wait_for_search
from conftest import Site

PHONE = {"width": 360, "height": 800}
LAYOUT_SHIFTS = """
window.__shift = 0;
window.__sources = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shift += entry.value;
    window.__sources.push(...entry.sources.map((s) => s.node && (s.node.className || s.node.nodeName)));
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("query", ["gia đình", "khuyen hoc", "không có chữ này"])
def test_nothing_on_the_first_screen_moves_while_the_results_arrive(
    browser: Browser, serve: Serve, built_example: Site, query: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    page.add_init_script(LAYOUT_SHIFTS)
    try:
        page.goto(f"{serve(built_example.out)}tim-kiem/?q={query}")
        wait_for_search(page)
        page.wait_for_timeout(500)  # covers and late layout settle; the observer has seen every shift by then
        assert page.evaluate("window.__shift") == 0, page.evaluate("window.__sources")
    finally:
        page.close()


def test_results_already_shown_stay_shown_while_more_are_loading(
    browser: Browser, serve: Serve, built_example: Site
) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(f"{serve(built_example.out)}tim-kiem/?q=gia đình")
        shown = wait_for_search(page)
        assert len(shown) >= 2
        gate = FragmentGate(page)  # the next results' titles and texts wait
        page.get_by_role("button", name="Xem thêm kết quả").click()
        page.wait_for_selector(".pagefind-ui__loading", state="attached")
        assert gate.held
        titles = page.locator(".pagefind-ui__result-title")
        assert [titles.nth(i).is_visible() for i in range(len(shown))] == [True] * len(shown)
        placeholders = page.locator(".pagefind-ui__result:has(.pagefind-ui__loading)")
        assert placeholders.count() > 0
        assert not any(placeholders.nth(i).is_visible() for i in range(placeholders.count()))
        gate.release()
        assert len(wait_for_search(page)) > len(shown)
    finally:
        page.close()
