"""End to end: real MkDocs builds of sites in temporary folders, read back as HTML and XML."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest

from conftest import Site, blank_site, built_once
from html_tools import broken_relative_links, hrefs, meta, tags

BASE = "https://example.org/hoi-khuyen-hoc/"
FEED = BASE + "tin-tuc/rss.xml"


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A news section built once and only read by the tests of this module."""
    site = blank_site(tmp_path_factory.mktemp("news"))
    site.image("anh/bia.png")
    for day in range(1, 6):
        site.article(
            2021,
            f"bai-{day}",
            title=f"Hội nghị khuyến học số {day}",
            date=f"2021-03-0{day}",
            category="Hội nghị - Sự kiện" if day % 2 else "Văn bản chỉ đạo",
            tags=["Hà Tĩnh", "Kết luận 49-KL/TW"],
            summary=f"Tóm tắt bài {day}.",
            author="Ban biên tập",
            source={"name": "Báo Hà Tĩnh", "url": "https://baohatinh.vn/"},
            image={"src": "/anh/bia.png", "alt": "Ảnh hội nghị"},
            body=f"Đoạn mở đầu bài {day}.\n\n## Diễn biến\n\nXem thêm [lưu trữ](../../gioi-thieu.md).\n",
        )
    site.article(2020, "nam-truoc", date="2020-12-31", category="Gương điển hình", tags=["Đồng Tháp"])
    site.article(2021, "ban-nhap", date="2021-04-01", draft=True, title="Bản nháp chưa đăng")
    site.write("gioi-thieu.md", "---\ntitle: Giới thiệu\n---\n\n# Giới thiệu\n\n[Tin tức](tin-tuc/index.md)\n")
    yield from built_once(site)


def test_news_index_is_paginated_newest_first(news_site: Site) -> None:
    html = news_site.html("tin-tuc/")
    assert [a for a in hrefs(html) if a.startswith(("2021/", "2020/"))][::2] == ["2021/bai-5/", "2021/bai-4/"]
    assert "Hội nghị khuyến học số 5" in html and "Hội nghị khuyến học số 4" in html
    assert "Hội nghị khuyến học số 3" not in html
    assert "Thứ Sáu, 5/3/2021" in html
    assert "Tóm tắt bài 5." in html
    next_links = [a["href"] for a in tags(html, "a") if a.get("rel") == "next"]
    assert next_links == ["trang/2/"]
    page3 = news_site.html("tin-tuc/trang/3/")
    assert "Trang 3/3" in page3
    assert "Hội nghị khuyến học số 1" in page3 and "nam-truoc" in page3
    assert "Bản nháp chưa đăng" not in html + page3


def test_category_tag_and_year_pages(news_site: Site) -> None:
    category = news_site.html("tin-tuc/chuyen-muc/hoi-nghi-su-kien/")
    assert "Chuyên mục: Hội nghị - Sự kiện" in category
    assert "3 bài viết" in category
    assert news_site.html("tin-tuc/chuyen-muc/hoi-nghi-su-kien/trang/2/")
    tag = news_site.html("tin-tuc/the/ket-luan-49-kl-tw/")
    assert "Thẻ: Kết luận 49-KL/TW" in tag and "5 bài viết" in tag
    year = news_site.html("tin-tuc/2020/")
    assert "Lưu trữ năm 2020" in year and "nam-truoc" in year and "bai-1" not in year
    archive = news_site.html("tin-tuc/luu-tru/")
    assert "2021" in archive and "2020" in archive
    overview = news_site.html("tin-tuc/the/")
    assert "Đồng Tháp" in overview and "Hà Tĩnh" in overview


def test_article_page_has_meta_links_and_neighbours(news_site: Site) -> None:
    html = news_site.html("tin-tuc/2021/bai-3/")
    found = meta(html)
    assert found["og:title"] == ["Hội nghị khuyến học số 3"]
    assert found["og:description"] == ["Tóm tắt bài 3."]
    assert found["description"] == ["Tóm tắt bài 3."]
    assert found["og:type"] == ["article"]
    assert found["og:url"] == [BASE + "tin-tuc/2021/bai-3/"]
    assert found["og:image"] == [BASE + "anh/bia.png"]
    assert found["article:published_time"] == ["2021-03-03T00:00:00+07:00"]
    assert found["article:tag"] == ["Hà Tĩnh", "Kết luận 49-KL/TW"]
    assert found["twitter:card"] == ["summary_large_image"]
    canonical = [link["href"] for link in tags(html, "link") if link.get("rel") == "canonical"]
    assert canonical == [BASE + "tin-tuc/2021/bai-3/"]
    assert "Thứ Tư, 3/3/2021" in html
    assert "Ban biên tập" in html
    assert 'href="https://baohatinh.vn/"' in html
    assert "../../chuyen-muc/hoi-nghi-su-kien/" in hrefs(html)
    assert "../../the/ha-tinh/" in hrefs(html)
    newer = [a["href"] for a in tags(html, "a") if "bv-neighbours__newer" in a.get("class", "")]
    older = [a["href"] for a in tags(html, "a") if "bv-neighbours__older" in a.get("class", "")]
    assert newer == ["../bai-4/"] and older == ["../bai-2/"]
    assert '<html lang="vi"' in html


def test_drafts_are_not_published(news_site: Site) -> None:
    assert not (news_site.out / "tin-tuc/2021/ban-nhap").exists()
    assert "ban-nhap" not in news_site.html("tin-tuc/rss.xml")
    assert "ban-nhap" not in (news_site.out / "sitemap.xml").read_text(encoding="utf-8")


def test_feed_is_valid_and_linked_from_every_head(news_site: Site) -> None:
    root = ET.fromstring((news_site.out / "tin-tuc/rss.xml").read_bytes())
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert [item.findtext("link") for item in items][:2] == [BASE + "tin-tuc/2021/bai-5/", BASE + "tin-tuc/2021/bai-4/"]
    assert len(items) == 6
    assert items[0].findtext("pubDate") == "Fri, 05 Mar 2021 00:00:00 +0700"
    assert items[0].findtext("description") == "Tóm tắt bài 5."
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link is not None and self_link.get("href") == FEED
    pages = list(news_site.out.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        feeds = [
            link["href"]
            for link in tags(page.read_text(encoding="utf-8"), "link")
            if "alternate" in link.get("rel", "").split() and link.get("type") == "application/rss+xml"
        ]
        assert feeds == [FEED], page


def test_sitemap_lists_articles_and_listings(news_site: Site) -> None:
    sitemap = (news_site.out / "sitemap.xml").read_text(encoding="utf-8")
    assert BASE + "tin-tuc/2021/bai-1/" in sitemap
    assert BASE + "tin-tuc/chuyen-muc/van-ban-chi-dao/" in sitemap


def test_sub_path_site_has_no_broken_links(news_site: Site) -> None:
    assert broken_relative_links(news_site.out, "/hoi-khuyen-hoc/") == []


def test_home_page_lists_latest_articles(make_site) -> None:  # type: ignore[no-untyped-def]
    site: Site = make_site(plugin={"home_size": 2})
    for day in range(1, 4):
        site.article(2022, f"tin-{day}", title=f"Tin số {day}", date=f"2022-01-0{day}")
    assert site.build().code == 0
    home = site.html("")
    assert "Tin số 3" in home and "Tin số 2" in home and "Tin số 1" not in home
    assert "Tin mới nhất" in home


def test_plain_file_urls_also_resolve(make_site) -> None:  # type: ignore[no-untyped-def]
    site: Site = make_site(use_directory_urls=False, site_url="https://example.org/a/b/")
    for day in range(1, 4):
        site.article(2022, f"tin-{day}", date=f"2022-01-0{day}", tags=["Thẻ một"])
    run = site.build()
    assert run.code == 0, run.output
    assert (site.out / "tin-tuc/2022/tin-1.html").exists()
    assert (site.out / "tin-tuc/trang/2/index.html").exists()
    assert broken_relative_links(site.out, "/a/b/") == []
    assert "https://example.org/a/b/tin-tuc/2022/tin-3.html" in site.html("tin-tuc/rss.xml")


def test_markup_in_front_matter_is_shown_as_text(site: Site) -> None:
    site.article(
        2022,
        "thu-thoat",
        title="<script>alert(1)</script> {{ 7*7 }}",
        summary="Tóm <b>tắt</b> {% raw %}",
        tags=["<i>nghiêng</i>"],
    )
    run = site.build()
    assert run.code == 0, run.output
    for page in ("tin-tuc/2022/thu-thoat/", "tin-tuc/", "", "tin-tuc/the/i-nghieng-i/"):
        html = site.html(page)
        assert "<script>alert(1)</script>" not in html, page
        assert "<i>nghiêng</i>" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html, page
    feed = ET.fromstring((site.out / "tin-tuc/rss.xml").read_bytes())
    assert feed.findtext("channel/item/title") == "<script>alert(1)</script> {{ 7*7 }}"


def test_strict_build_aborts_on_a_warning_of_mkdocs_itself_and_publishes_nothing(site: Site) -> None:
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_templates: [khong-co.html]\n", encoding="utf-8")
    strict = site.build()
    assert strict.code == 1 and "Aborted with 1 warnings in strict mode!" in strict.output, strict.output
    assert "khong-co.html" in strict.output and not site.out.exists()
    assert not [p.name for p in site.root.iterdir() if p.name.startswith(".bangvang-")], "staging folder left"
    relaxed = site.build(strict=False)
    assert relaxed.code == 0 and "WARNING" in relaxed.output, relaxed.output
    assert (site.out / "index.html").exists()


def test_dirty_build_writes_in_place_and_a_clean_one_swaps_the_folder(site: Site) -> None:
    site.article(2021, "bai", title="Bài đầu")
    assert site.build().code == 0
    folder = site.out.stat().st_ino
    site.article(2021, "bai", title="Bài đã sửa")
    dirty = site.build(dirty=True, strict=False)  # `mkdocs build --dirty`: MkDocs warns that it is dirty
    assert dirty.code == 0, dirty.output
    assert "Bài đã sửa" in site.html("tin-tuc/2021/bai/") and site.out.stat().st_ino == folder
    assert site.build().code == 0
    assert site.out.stat().st_ino != folder, "a clean build publishes a new folder in one swap"
