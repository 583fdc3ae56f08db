"""A link inside a sentence is told apart from the text around it by more than colour (WCAG 1.4.1).

Lighthouse (axe's link-in-text-block) found the province page's "CSV · JSON"
download links, red in a grey sentence, at 1,33:1 from their text and without
an underline. The rule, as axe applies it: a link among other text either
has an underline (or a border, or another weight) or a colour at least 3:1 from
the text's.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser import Serve
from conftest import Site

PAGES = [
    "",
    "tin-tuc/",
    "tin-tuc/the/dong-thap/",
    "tin-tuc/2020/ha-tinh-co-309-845-gia-dinh-hoc-tap-4-313-dong-ho-hoc-tap/",
    "van-ban/quyet-dinh-387-qd-ttg/",
    "vinh-danh/",
    "vinh-danh/quyet-dinh/1568-qd-ubnd/",
    "vinh-danh/dia-phuong/tinh-dong-thap/",
    "vinh-danh/dia-phuong/tinh-dong-thap/xa-cai-be/",
    "vinh-danh/tra-cuu/",
]

LINKS_BY_COLOUR_ONLY = """() => {
  const rgb = (c) => {  // a translucent colour (Material's greys) as seen on the white page
    const [r, g, b, a = 1] = c.match(/[\\d.]+/g).map(Number);
    return [r, g, b].map((v) => v * a + 255 * (1 - a));
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const failing = [];
  for (const link of document.querySelectorAll('.md-content a[href]')) {
    if (!link.offsetParent || getComputedStyle(link).display !== 'inline') continue;
    let block = link.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    // As axe: a link is "in a text block" when the block's own text outweighs the text of its links.
    const words = (text) => text.replace(/\\s+/g, '').length;
    const linkText = [...block.querySelectorAll('a[href]')].map((a) => words(a.textContent)).reduce((a, b) => a + b, 0);
    if (words(block.textContent) - linkText <= linkText) continue;
    const own = getComputedStyle(link);
    const around = getComputedStyle(block);
    if (own.textDecorationLine.includes('underline') || parseFloat(own.borderBottomWidth) > 0) continue;
    if (own.fontWeight !== around.fontWeight) continue;  // bold against plain text is a cue besides colour
    const contrast = ratio(own.color, around.color);
    if (contrast < 3) failing.push(`${link.textContent.trim()} (${contrast.toFixed(2)}:1)`);
  }
  return failing;
}"""


@pytest.mark.parametrize("url", PAGES)
def test_links_in_a_sentence_are_underlined_or_stand_out_from_it(
    browser: Browser, serve: Serve, built_example: Site, url: str
) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(serve(built_example.out) + url)
        assert page.evaluate(LINKS_BY_COLOUR_ONLY) == [], url
    finally:
        page.close()
