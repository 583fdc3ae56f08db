"""An article's cover keeps its place while the picture is on its way: the text under it never jumps.

Lighthouse (mobile) measured a layout shift of 0,09 on an article when the
cover arrived after the first paint: Material draws a figure as wide as its
content, and an image not yet loaded has no width, so the figure was 0 px
high until the picture came and pushed the text down.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser import RouteGate, Serve
from conftest import Site

ARTICLE = "tin-tuc/2020/ha-tinh-co-309-845-gia-dinh-hoc-tap-4-313-dong-ho-hoc-tap/"
LAYOUT_SHIFTS = """
window.__shift = 0;
window.__sources = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__shift += entry.value;
    window.__sources.push(...entry.sources.map((s) => s.node && s.node.nodeName));
  }
}).observe({ type: "layout-shift", buffered: true });
"""
COVER_BOX = """() => {
  const box = document.querySelector('.bv-article__cover img').getBoundingClientRect();
  return [box.width, box.height, document.querySelector('.md-content__inner').clientWidth];
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_the_cover_keeps_its_place_until_the_picture_arrives(
    browser: Browser, serve: Serve, built_example: Site, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.add_init_script(LAYOUT_SHIFTS)
    try:
        gate = RouteGate(page, "**/anh/*.png")
        page.goto(serve(built_example.out) + ARTICLE, wait_until="domcontentloaded")
        page.wait_for_function("() => document.querySelector('.bv-article__cover img') !== null")
        assert gate.held
        held_width, held_height, column = page.evaluate(COVER_BOX)
        assert held_width > 0.8 * column  # the picture's box is drawn at the text's width, before the picture
        assert held_height == pytest.approx(held_width * 630 / 1200, abs=1)
        gate.release()
        page.wait_for_function("() => document.querySelector('.bv-article__cover img').complete")
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert page.evaluate(COVER_BOX)[:2] == pytest.approx([held_width, held_height], abs=1)
        assert page.evaluate("window.__shift") == 0, page.evaluate("window.__sources")
    finally:
        page.close()
