"""Listings: order, pagination, groups and neighbours."""

from __future__ import annotations

from bangvang.core.site import load_site
from conftest import Site, settings_for


def test_listings_paginate_and_group(site: Site) -> None:
    for day in range(1, 6):
        site.article(2021, f"bai-{day}", date=f"2021-03-0{day}", tags=["Hà Tĩnh"])
    site.article(2020, "cu", date="2020-01-01", category="Gương điển hình")
    site.article(2021, "nhap", date="2021-06-01", draft=True)
    news = load_site(settings_for(site)).news
    assert [a.slug for a in news.articles] == ["bai-5", "bai-4", "bai-3", "bai-2", "bai-1", "cu"]
    pages = {listing.src_uri: listing for listing in news.listings}
    first = pages["tin-tuc/index.md"]
    assert [a.slug for a in first.articles] == ["bai-5", "bai-4"]
    assert first.page_urls == ("tin-tuc/", "tin-tuc/trang/2/", "tin-tuc/trang/3/")
    assert [a.slug for a in pages["tin-tuc/trang/3/index.md"].articles] == ["bai-1", "cu"]
    assert pages["tin-tuc/2021/index.md"].total == 5
    assert pages["tin-tuc/2021/trang/3/index.md"].articles[0].slug == "bai-1"
    assert pages["tin-tuc/the/ha-tinh/index.md"].title == "Thẻ: Hà Tĩnh"
    assert pages["tin-tuc/chuyen-muc/guong-dien-hinh/index.md"].total == 1
    assert pages["tin-tuc/chuyen-muc/hoat-dong-cua-hoi/index.md"].total == 0  # empty categories still get a page
    assert news.older["tin-tuc/2021/bai-5.md"].slug == "bai-4"
    assert news.newer["tin-tuc/2021/bai-4.md"].slug == "bai-5"
    assert "tin-tuc/2021/bai-5.md" not in news.newer
    assert all(a.slug != "nhap" for listing in news.listings for a in listing.articles)


def test_pagination_window(site: Site) -> None:
    for day in range(1, 29):
        site.article(2021, f"bai-{day}", date=f"2021-02-{day:02d}")
    pages = {listing.src_uri: listing for listing in load_site(settings_for(site)).news.listings}
    assert pages["tin-tuc/index.md"].window() == [1, 2, 3, None, 14]
    assert pages["tin-tuc/trang/7/index.md"].window() == [1, None, 5, 6, 7, 8, 9, None, 14]
    assert pages["tin-tuc/trang/14/index.md"].window() == [1, None, 12, 13, 14]


def test_urls_without_directory_urls(site: Site) -> None:
    site.article(2021, "a")
    news = load_site(settings_for(site, directory_urls=False)).news
    assert news.articles[0].url == "tin-tuc/2021/a.html"
    assert news.listings[0].url == "tin-tuc/index.html"
