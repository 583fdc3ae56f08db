"""Sharing and search engines: robots.txt, the sitemap's dates, the feed, link previews, structured data."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from conftest import Site, blank_site, built_once

BASE = "https://example.org/hoi-khuyen-hoc/"


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Articles, a directive and a decision, built once and only read by this module's tests."""
    site = blank_site(tmp_path_factory.mktemp("sharing"))
    site.image("anh/bia.png")
    site.article(
        2023,
        "hoi-nghi",
        title="Hội nghị tổng kết",
        date="2023-12-20",
        summary="Tóm tắt hội nghị.",
        author="Ban biên tập",
        image={"src": "/anh/bia.png", "alt": "Ảnh hội nghị"},
        body="Đoạn mở đầu của bài.\n\n## Diễn biến\n\nĐoạn **thứ hai** của bài.\n",
    )
    site.article(2022, "bai-cu", title="Bài cũ", date="2022-03-04")
    site.directive("ket-luan-49")
    site.decision(
        "1568",
        [
            "1,gia_dinh,Gia đình ông Nguyễn Văn Hoà,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
            "2,gia_dinh,Gia đình bà Lê Thị Thuý,,,Thôn 2,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
        ],
    )
    yield from built_once(site)


def test_robots_txt_allows_all_and_points_to_the_sitemap(shared: Site) -> None:
    robots = (shared.out / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == ["User-agent: *", "Allow: /", "", f"Sitemap: {BASE}sitemap.xml"]
    assert (shared.out / "sitemap.xml").is_file()


def test_robots_txt_without_site_url_has_no_sitemap_line(make_site: Callable[..., Site]) -> None:
    site = make_site(site_url=None)
    assert site.build().code == 0
    assert (site.out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
