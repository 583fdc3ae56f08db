"""The "Tra cứu" item the plugin puts in the navigation, after the honour section's index."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Site, blank_site

ROW = "1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh"


def nav_links(html: str) -> list[str]:
    """Return the titles of the primary navigation's links and section labels, in order."""
    start = html.index("md-nav--primary")
    drawer = html[start : html.index("md-sidebar--secondary", start)]
    return re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', drawer)


def test_the_lookup_follows_the_honour_index_inside_a_section(tmp_path: Path) -> None:
    site = blank_site(
        tmp_path,
        nav=[
            {"Trang chủ": "index.md"},
            {"Bảng vàng": [{"Vinh danh": "vinh-danh/index.md"}, {"Tin tức": "tin-tuc/index.md"}]},
        ],
    )
    site.article(2023, "tin", title="Một tin")
    site.decision("can-loc", [ROW])
    assert site.build().code == 0
    titles = nav_links(site.html(""))
    assert titles[titles.index("Vinh danh") + 1] == "Tra cứu", titles
    assert titles.count("Tra cứu") == 1
    assert 'href="vinh-danh/tra-cuu/"' in site.html("")


def test_a_nav_without_the_honour_index_gets_no_lookup_item(tmp_path: Path) -> None:
    site = blank_site(tmp_path, nav=[{"Trang chủ": "index.md"}, {"Tin tức": "tin-tuc/index.md"}])
    site.article(2023, "tin", title="Một tin")
    site.decision("can-loc", [ROW])
    assert site.build().code == 0
    assert "Tra cứu" not in nav_links(site.html(""))


def active_tabs(html: str) -> list[str]:
    """Return the titles of the top tabs marked as the one the page belongs to."""
    return re.findall(r'md-tabs__item--active">\s*<a [^>]*>\s*(.*?)\s*</a>', html)


def test_a_page_outside_the_nav_lights_the_tab_of_its_section(built_example: Site) -> None:
    """A citizen on the lookup, a decision or an article sees where they are in the top tabs."""
    assert active_tabs(built_example.html("vinh-danh/tra-cuu/")) == ["Tra cứu"]
    assert active_tabs(built_example.html("vinh-danh/quyet-dinh/1568-qd-ubnd/")) == ["Vinh danh"]
    assert active_tabs(built_example.html("vinh-danh/thong-ke/")) == ["Vinh danh"]
    article = "tin-tuc/2020/ha-tinh-co-309-845-gia-dinh-hoc-tap-4-313-dong-ho-hoc-tap/"
    assert active_tabs(built_example.html(article)) == ["Tin tức"]
    assert active_tabs(built_example.html("van-ban/quyet-dinh-387-qd-ttg/")) == ["Văn bản"]
    # Pages in the nav keep their own tab, and only the page being rendered lights one.
    assert active_tabs(built_example.html("vinh-danh/")) == ["Vinh danh"]
    assert active_tabs(built_example.html("tin-tuc/chuyen-muc/")) == ["Chuyên mục"]
    assert active_tabs(built_example.html("")) == ["Trang chủ"]
