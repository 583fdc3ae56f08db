"""The picture that fills a phone's first screen is fetched first; pictures further down wait until scrolled to.

Lighthouse (mobile) found the home page's first cover lazy-loaded although it
is the largest thing on the first screen, and no cover asked for a high
priority: the phone then fetches it after the stylesheets and scripts.
"""

from __future__ import annotations

import pytest

from conftest import Site
from html_tools import tags

FIRST_SCREEN_LISTS = ["", "tin-tuc/", "tin-tuc/2020/", "tin-tuc/chuyen-muc/hoi-nghi-su-kien/"]
"""The home page and pages of the news list: their first card is on the first screen."""


def _card_images(html: str) -> list[dict[str, str]]:
    images = []
    inside = False
    for attrs in tags(html):
        if attrs.get("class") == "bv-card__image":
            inside = True
        elif inside and "src" in attrs:
            images.append(attrs)
            inside = False
    return images


@pytest.mark.parametrize("url", FIRST_SCREEN_LISTS)
def test_a_list_fetches_its_first_cover_early_and_the_rest_lazily(built_example: Site, url: str) -> None:
    images = _card_images(built_example.html(url))
    assert len(images) >= 2, url
    first, *rest = images
    assert first.get("fetchpriority") == "high", first
    assert "loading" not in first, first  # a lazy first picture waits for layout before it is even requested
    for image in rest:
        assert image.get("loading") == "lazy", image
        assert "fetchpriority" not in image, image


def test_a_directive_keeps_every_citing_article_cover_lazy(built_example: Site) -> None:
    # The citing articles come after the directive's own text, below the first screen.
    images = _card_images(built_example.html("van-ban/ket-luan-49-kl-tw/"))
    assert images
    for image in images:
        assert image.get("loading") == "lazy", image
        assert "fetchpriority" not in image, image


def test_an_article_fetches_its_cover_first(built_example: Site) -> None:
    html = built_example.html("tin-tuc/2020/ha-tinh-co-309-845-gia-dinh-hoc-tap-4-313-dong-ho-hoc-tap/")
    covers = [attrs for attrs in tags(html, "img") if "/anh/ha-tinh-co-309-845" in attrs.get("src", "")]
    assert len(covers) == 1, covers
    assert covers[0].get("fetchpriority") == "high", covers[0]
    assert "loading" not in covers[0], covers[0]
