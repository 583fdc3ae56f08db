"""Cards without a cover give their text the card's whole width; titles (h1) have full contrast (issue 10, point 9)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from browser import Serve
from conftest import Site, blank_site, built_once

TEXT_WIDTH = """(slug) => {
  const card = [...document.querySelectorAll('.bv-card')].find((c) => c.querySelector(`a[href*="${slug}"]`));
  const style = getComputedStyle(card);
  const inner = card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [card.querySelector('.bv-card__body').getBoundingClientRect().width, inner];
}"""
"""The width of a card's text block, and the card's width inside its padding."""


@pytest.fixture(scope="module")
def cards_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(tmp_path_factory.mktemp("cards"))
    site.image("anh/bia.png")
    site.article(2024, "co-anh", title="Bài có ảnh bìa", date="2024-05-11", image={"src": "/anh/bia.png", "alt": "Ảnh"})
    site.article(2024, "khong-anh", title="Bài không có ảnh bìa", summary="Tóm tắt " * 30)
    yield from built_once(site)


@pytest.mark.parametrize("width", [360, 768, 1280])
def test_a_card_without_a_cover_gives_its_text_the_whole_width(
    browser: Browser, serve: Serve, cards_site: Site, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(f"{serve(cards_site.out)}tin-tuc/")
        text, inner = page.evaluate(TEXT_WIDTH, "khong-anh")
        assert inner > 250
        assert text == pytest.approx(inner, abs=1), f"the text block is {text} px of the card's {inner} px"
        with_cover, inner = page.evaluate(TEXT_WIDTH, "co-anh")
        if width >= 768:
            assert with_cover < inner - 200, "beside its cover, the text is narrower"
        else:
            assert with_cover == pytest.approx(inner, abs=1), "on phones the cover sits above the text"
    finally:
        page.close()


def test_an_article_title_has_the_full_text_colour(browser: Browser, serve: Serve, cards_site: Site) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{serve(cards_site.out)}tin-tuc/2024/khong-anh/")
        colours = page.evaluate(
            "() => [getComputedStyle(document.querySelector('.md-content h1')).color,"
            " getComputedStyle(document.querySelector('.md-content article p:not(.bv-article__meta)')).color]"
        )
        assert colours[0] == colours[1] == "rgba(0, 0, 0, 0.87)", colours
    finally:
        page.close()
