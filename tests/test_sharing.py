"""Sharing and search engines: robots.txt, the sitemap's dates, the feed, link previews, structured data."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

import pytest

from bangvang.core.feed import absolute_links
from conftest import Site, blank_site, built_once
from html_tools import meta, tags

BASE = "https://example.org/hoi-khuyen-hoc/"
EXAMPLE = "https://example.org/bang-vang/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


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


def lastmods(site: Site, base: str = BASE) -> dict[str, str]:
    """Every sitemap entry's lastmod, by address relative to the site at ``base``."""
    root = ET.fromstring((site.out / "sitemap.xml").read_bytes())
    found = {}
    for url in root.findall(f"{{{SITEMAP}}}url"):
        loc = url.findtext(f"{{{SITEMAP}}}loc", "").strip()
        found[loc.removeprefix(base)] = url.findtext(f"{{{SITEMAP}}}lastmod", "").strip()
    return found


def test_sitemap_gives_articles_directives_and_decisions_their_own_dates(shared: Site) -> None:
    dates = lastmods(shared)
    assert dates["tin-tuc/2023/hoi-nghi/"] == "2023-12-20"
    assert dates["tin-tuc/2022/bai-cu/"] == "2022-03-04"
    assert dates["van-ban/ket-luan-49/"] == "2019-05-10"
    assert dates["vinh-danh/quyet-dinh/1568/"] == "2023-12-18"
    # Pages without a date of their own keep the build's day.
    today = dates["tin-tuc/"]
    assert today not in ("2023-12-20", "2022-03-04", "2019-05-10", "2023-12-18")
    assert dates["vinh-danh/dia-phuong/"] == today


def test_a_warm_honour_cache_keeps_each_decisions_date_and_takes_the_new_build_day(
    example_copy: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANGVANG_SITE_URL", EXAMPLE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 1, 21, tzinfo=dt.UTC).timestamp())))
    assert example_copy.build().code == 0
    cold = lastmods(example_copy, EXAMPLE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 2, 2, tzinfo=dt.UTC).timestamp())))
    run = example_copy.build()
    assert run.code == 0 and "không đổi từ lần dựng trước" in run.output
    warm = lastmods(example_copy, EXAMPLE)
    assert cold.keys() == warm.keys()
    decision = "vinh-danh/quyet-dinh/1568-qd-ubnd/"
    assert cold[decision] == warm[decision] == "2023-12-18"
    assert (cold["vinh-danh/dia-phuong/"], warm["vinh-danh/dia-phuong/"]) == ("2026-01-21", "2026-02-02")
    assert {loc: day for loc, day in warm.items() if day != "2026-02-02"} == {
        loc: day for loc, day in cold.items() if day != "2026-01-21"
    }


def test_feed_carries_each_articles_full_html_and_cover_image(shared: Site) -> None:
    channel = ET.fromstring((shared.out / "tin-tuc/rss.xml").read_bytes()).find("channel")
    assert channel is not None
    items = {item.findtext("link"): item for item in channel.findall("item")}
    assert set(items) == {BASE + "tin-tuc/2023/hoi-nghi/", BASE + "tin-tuc/2022/bai-cu/"}
    for link, item in items.items():
        body = item.findtext(f"{{{CONTENT}}}encoded")
        assert body, link
        # The very HTML of the article's page, its links made absolute.
        page = shared.html(link.removeprefix(BASE))
        assert text_of(body) and text_of(body) in text_of(page)
    full = items[BASE + "tin-tuc/2023/hoi-nghi/"]
    body = full.findtext(f"{{{CONTENT}}}encoded", "")
    assert "Đoạn mở đầu của bài." in body and "<strong>thứ hai</strong>" in body and "Diễn biến" in body
    media = full.findall(f"{{{MEDIA}}}content")
    assert [(m.get("url"), m.get("medium"), m.get("type")) for m in media] == [
        (BASE + "anh/bia.png", "image", "image/png")
    ]
    assert media[0].findtext(f"{{{MEDIA}}}description") == "Ảnh hội nghị"
    assert items[BASE + "tin-tuc/2022/bai-cu/"].find(f"{{{MEDIA}}}content") is None


def test_feed_links_in_the_full_html_are_absolute() -> None:
    html = '<p><a href="../../the/ha-tinh/">thẻ</a> <img src="/anh/a.png" alt=""> <a href="#x">x</a></p>'
    assert absolute_links(html, BASE + "tin-tuc/2023/bai/") == (
        f'<p><a href="{BASE}tin-tuc/the/ha-tinh/">thẻ</a> <img src="https://example.org/anh/a.png" alt=""> '
        f'<a href="{BASE}tin-tuc/2023/bai/#x">x</a></p>'
    )


def text_of(html: str) -> str:
    """The words of an HTML fragment, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(html)).split())


def test_decision_place_and_lookup_pages_have_their_own_previews(shared: Site) -> None:
    decision = meta(shared.html("vinh-danh/quyet-dinh/1568/"))
    title = (
        "Quyết định 1568/QĐ-UBND: công nhận 2 gia đình học tập — Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh, 18/12/2023"
    )
    assert decision["og:title"] == decision["twitter:title"] == [title]
    assert (
        decision["og:description"]
        == decision["description"]
        == [
            "Danh sách 2 gia đình học tập theo Quyết định 1568/QĐ-UBND ngày 18/12/2023 của Ủy ban nhân dân huyện "
            "Can Lộc: tên, thôn, xã theo đúng số thứ tự trong văn bản."
        ]
    )
    # One place page (Xã Thiên Lộc, Huyện Can Lộc is now Xã Can Lộc); the old address only redirects there.
    found = [path.read_text(encoding="utf-8") for path in (shared.out / "vinh-danh/dia-phuong").glob("*/*/index.html")]
    pages = [page for page in found if 'http-equiv="refresh"' not in page]
    assert len(pages) == 1 and len(found) == 2
    place = meta(pages[0])
    assert place["og:title"] == ["Bảng vàng Xã Can Lộc, Tỉnh Hà Tĩnh: 2 lượt vinh danh"]
    assert place["og:description"][0].startswith("2 gia đình, dòng họ, đơn vị và công dân học tập ở Xã Can Lộc")
    assert place["og:description"][0].endswith(" được vinh danh qua 1 quyết định.")
    lookup = meta(shared.html("vinh-danh/tra-cuu/"))
    assert lookup["og:title"] == ["Tra cứu bảng vàng khuyến học: tìm gia đình, dòng họ, đơn vị được vinh danh"]
    assert lookup["og:description"][0].startswith("Gõ tên người, gia đình, dòng họ hay đơn vị để tìm trong 2 lượt")
    # Other pages keep their title.
    assert meta(shared.html("vinh-danh/dia-phuong/"))["og:title"] == ["Bảng vàng theo địa phương"]
    # The honour section's pages share its own card; an article keeps its cover; this site has no default image.
    card = BASE + "assets/images/bv-bang-vang.png"
    assert decision["og:image"] == place["og:image"] == lookup["og:image"] == decision["twitter:image"] == [card]
    assert (shared.out / card.removeprefix(BASE)).read_bytes().startswith(b"\x89PNG")
    assert meta(shared.html("tin-tuc/2023/hoi-nghi/"))["og:image"] == [BASE + "anh/bia.png"]
    assert "og:image" not in meta(shared.html("tin-tuc/"))


def test_the_examples_long_decision_names_its_count_in_its_preview(built_example: Site) -> None:
    found = meta(built_example.html("vinh-danh/quyet-dinh/1568-qd-ubnd/"))
    assert found["og:title"] == [
        "Quyết định 1568/QĐ-UBND: công nhận 319 gia đình học tập — Huyện Can Lộc, Tỉnh Hà Tĩnh, 18/12/2023"
    ]
    # A commendation's title is a citation: the preview names the kinds honoured instead.
    commendation = meta(built_example.html("vinh-danh/quyet-dinh/215-qd-hkh/"))["og:title"][0]
    assert commendation.startswith("Quyết định 215/QĐ-HKH: bằng khen 14 ")


def json_ld(html: str) -> list[dict[str, Any]]:
    """Every JSON-LD block of a page, parsed."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_articles_carry_a_news_article(shared: Site) -> None:
    [data] = json_ld(shared.html("tin-tuc/2023/hoi-nghi/"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Hội nghị tổng kết"
    assert data["datePublished"] == "2023-12-20T00:00:00+07:00"
    assert data["image"] == [BASE + "anh/bia.png"]
    assert data["author"] == {"@type": "Organization", "name": "Ban biên tập"}
    assert data["publisher"]["name"] == "Khuyến học thử nghiệm"
    assert data["mainEntityOfPage"] == BASE + "tin-tuc/2023/hoi-nghi/"
    [plain] = json_ld(shared.html("tin-tuc/2022/bai-cu/"))
    assert plain["author"] == plain["publisher"] and "image" not in plain
    assert json_ld(shared.html("tin-tuc/")) == []


def test_decisions_carry_a_dataset_of_their_exports(shared: Site) -> None:
    [data] = json_ld(shared.html("vinh-danh/quyet-dinh/1568/"))
    assert data["@type"] == "Dataset"
    assert data["name"].startswith("Quyết định 1568/QĐ-UBND: công nhận 2 gia đình học tập")
    assert len(data["description"]) >= 50  # search engines ask for 50 to 5.000 characters
    assert data["url"] == BASE + "vinh-danh/quyet-dinh/1568/"
    assert data["datePublished"] == "2023-12-18"
    assert data["creator"]["name"] == "Ủy ban nhân dân huyện Can Lộc"
    downloads = {d["encodingFormat"]: d["contentUrl"] for d in data["distribution"]}
    assert all(d["@type"] == "DataDownload" for d in data["distribution"])
    assert downloads == {"text/csv": BASE + "vinh-danh/du-lieu/1568.csv"}  # the CSV is the data; no JSON copy
    for url in downloads.values():
        assert (shared.out / url.removeprefix(BASE)).is_file()
    assert json_ld(shared.html("vinh-danh/tra-cuu/")) == []


def share_box(html: str) -> dict[str, str]:
    """The share box's Zalo and Facebook links and copy button's address, by kind."""
    found = {}
    for attrs in tags(html, "a") + tags(html, "button"):
        classes = attrs.get("class", "").split()
        for kind in ("zalo", "facebook", "copy"):
            if f"bv-share__{kind}" in classes:
                found[kind] = attrs.get("href") or attrs.get("data-bv-copy", "")
    return found


@pytest.mark.parametrize("path", ["tin-tuc/2023/hoi-nghi/", "vinh-danh/quyet-dinh/1568/"])
def test_articles_and_decisions_have_share_links_without_third_party_script(shared: Site, path: str) -> None:
    html = shared.html(path)
    links = share_box(html)
    zalo = urlsplit(links["zalo"])
    assert (zalo.scheme, zalo.hostname, zalo.path) == ("https", "button-share.zalo.me", "/share_external")
    [payload] = parse_qs(zalo.query)["d"]
    assert json.loads(base64.b64decode(payload)) == {"url": BASE + path}
    facebook = urlsplit(links["facebook"])
    assert (facebook.hostname, facebook.path) == ("www.facebook.com", "/sharer/sharer.php")
    assert parse_qs(facebook.query)["u"] == [BASE + path]
    assert links["copy"] == BASE + path
    copy = next(b for b in tags(html, "button") if "bv-share__copy" in b.get("class", ""))
    assert "hidden" in copy  # shown by our script only where the browser can copy
    # Every script the page loads is the site's own.
    sources = [s["src"] for s in tags(html, "script") if "src" in s]
    assert sources and all(not urlsplit(src).netloc for src in sources), sources
    assert (shared.out / "assets/javascripts/bv-share.js").is_file()


def test_other_pages_have_no_share_box(shared: Site) -> None:
    assert share_box(shared.html("tin-tuc/")) == {}
    assert share_box(shared.html("vinh-danh/tra-cuu/")) == {}
