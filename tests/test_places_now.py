"""One page per place, whatever it was called (issue 12, point 3).

A 2023 decision naming "Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh" and a
2025 one naming "Xã Can Lộc, Tỉnh Hà Tĩnh" land on the page of the commune
it became; each decision's list there keeps its signed wording and an older one
says what it is now. The addresses the old names had send the visitor to the new page; the
province page counts each commune's decisions before and after the reform.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Iterator

import pytest

from conftest import Site, blank_site, built_once

OLD_PLACE = "vinh-danh/dia-phuong/tinh-ha-tinh/xa-thien-loc-huyen-can-loc/"
NEW_PLACE = "vinh-danh/dia-phuong/tinh-ha-tinh/xa-can-loc/"
OLD_PROVINCE = "vinh-danh/dia-phuong/tinh-quang-binh/"
NEW_PROVINCE = "vinh-danh/dia-phuong/tinh-quang-tri/"
OLD_WARD = "vinh-danh/dia-phuong/tinh-quang-binh/phuong-hai-thanh-thanh-pho-dong-hoi/"
NEW_WARD = "vinh-danh/dia-phuong/tinh-quang-tri/phuong-dong-hoi/"
NOW_CAN_LOC = "(nay là Xã Can Lộc, Tỉnh Hà Tĩnh)"
AFTER = {"signed": dt.date(2025, 9, 15), "issuer": {"name": "Ủy ban nhân dân xã Can Lộc", "level": "huyen_xa"}}


def reform_site(site: Site) -> Site:
    """Two decisions naming one commune by its old and its new name, one naming a ward of a merged province."""
    site.decision(
        "cu",
        ["1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn Trung Thịnh,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh"],
        number="12/QĐ-UBND",
    )
    site.decision(
        "moi",
        [
            "1,gia_dinh,Gia đình bà Trần Thị Bình,,,Thôn Phúc Mỹ,Xã Can Lộc,,Tỉnh Hà Tĩnh",
            "2,gia_dinh,Gia đình ông Lê Văn Cường,,,Thôn Phúc Mỹ,Xã Can Lộc,,Tỉnh Hà Tĩnh",
        ],
        number="34/QĐ-UBND",
        **AFTER,
    )
    site.decision(
        "dong-hoi",
        ["1,gia_dinh,Gia đình ông Hoàng Văn Dũng,,,Tổ dân phố 3,Phường Hải Thành,Thành phố Đồng Hới,Tỉnh Quảng Bình"],
        number="56/QĐ-UBND",
        signed=dt.date(2024, 3, 2),
    )
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from built_once(reform_site(blank_site(tmp_path_factory.mktemp("reform"))))


def text_of(fragment: str) -> str:
    """The text of some HTML, tags removed, spaces joined (no space before a comma)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()).replace(" ,", ",")


def rows_of(page: str) -> dict[str, tuple[str, str]]:
    """Each entry row's name, with the text of its list's heading (decision, place as signed) and its own text."""
    rows = {}
    for section in re.findall(r'<section class="bv-signed">(.*?)</section>', page, re.S):
        head = text_of(section.split("<table", 1)[0])
        for row in re.findall(r'<tr id="[^"]+-stt-\d+".*?</tr>', section, re.S):
            name = re.search(r"</td><td>([^<]+)<", row)  # the second cell: the name
            assert name is not None
            rows[name.group(1)] = (head, text_of(row))
    return rows


def test_old_and_new_names_of_one_commune_land_on_its_page(built: Site) -> None:
    page = built.html(NEW_PLACE)
    assert "<title>Xã Can Lộc, Tỉnh Hà Tĩnh" in page
    rows = rows_of(page)
    assert set(rows) == {"Gia đình ông Nguyễn Văn An", "Gia đình bà Trần Thị Bình", "Gia đình ông Lê Văn Cường"}
    head, row = rows["Gia đình ông Nguyễn Văn An"]
    assert "Quyết định 12/QĐ-UBND" in head and "Thôn Trung Thịnh" in row
    assert f"Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh {NOW_CAN_LOC}" in head
    head, row = rows["Gia đình bà Trần Thị Bình"]
    assert "Quyết định 34/QĐ-UBND" in head and "Thôn Phúc Mỹ" in row
    assert "Xã Can Lộc, Tỉnh Hà Tĩnh" in head and "nay là" not in head + row
    assert rows["Gia đình ông Lê Văn Cường"][0] == head, "one list: the decision and the place said once"


def test_decision_pages_keep_the_signed_wording_and_say_what_it_is_now(built: Site) -> None:
    old = built.html("vinh-danh/quyet-dinh/cu/")
    heading = re.search(r'<h3 id="[^"]+">(.*?)</h3>', old, re.S)
    assert heading is not None
    text = text_of(heading.group(1))
    assert text.startswith(f"Xã Thiên Lộc, Huyện Can Lộc {NOW_CAN_LOC}")
    new = built.html("vinh-danh/quyet-dinh/moi/")
    assert "Xã Can Lộc" in new and "nay là" not in new


def test_a_split_decision_says_what_each_place_is_now(make_site: Callable[..., Site]) -> None:
    site = make_site("dai", plugin={"split_over": 3})
    rows = [
        f"{n},gia_dinh,Gia đình ông Tên {n},,,Thôn 1,{commune},Huyện Can Lộc,Tỉnh Hà Tĩnh"
        for n, commune in enumerate(["Xã Thiên Lộc", "Xã Thiên Lộc", "Xã Vượng Lộc", "Xã Vượng Lộc"], start=1)
    ]
    site.decision("dai", rows, number="78/QĐ-UBND")
    run = site.build()
    assert run.code == 0, run.output
    main = text_of(site.html("vinh-danh/quyet-dinh/dai/"))
    assert f"Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh {NOW_CAN_LOC}" in main
    part = site.html("vinh-danh/quyet-dinh/dai/tinh-ha-tinh-xa-thien-loc-huyen-can-loc/")
    h1 = re.search(r"<h1>(.*?)</h1>", part, re.S)
    assert h1 is not None and text_of(h1.group(1)) == f"Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh {NOW_CAN_LOC}"


def test_the_old_place_address_is_a_redirect_to_the_new_page(built: Site) -> None:
    page = built.html(OLD_PLACE)
    assert '<meta http-equiv="refresh" content="0; url=../xa-can-loc/">' in page
    assert '<link rel="canonical" href="https://example.org/hoi-khuyen-hoc/' + NEW_PLACE + '">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'Trang này đã chuyển đến <a href="../xa-can-loc/">Xã Can Lộc, Tỉnh Hà Tĩnh</a>' in page
    assert 'lang="vi"' in page
    assert "<tr id=" not in page  # not a page of entries: the manifest counts none here


def test_an_old_province_and_its_places_redirect_to_the_province_it_joined(built: Site) -> None:
    province = built.html(OLD_PROVINCE)
    assert '<meta http-equiv="refresh" content="0; url=../tinh-quang-tri/">' in province
    assert "Trang này đã chuyển đến" in province and "Tỉnh Quảng Trị" in province
    ward = built.html(OLD_WARD)
    assert '<meta http-equiv="refresh" content="0; url=../../tinh-quang-tri/phuong-dong-hoi/">' in ward
    assert "Gia đình ông Hoàng Văn Dũng" in built.html(NEW_WARD)
    head, _ = rows_of(built.html(NEW_WARD))["Gia đình ông Hoàng Văn Dũng"]
    assert "Phường Hải Thành, Thành phố Đồng Hới, Tỉnh Quảng Bình (nay là Phường Đồng Hới, Tỉnh Quảng Trị)" in head


def test_redirects_are_not_in_the_sitemap_nor_counted_as_honour_pages(built: Site) -> None:
    sitemap = built.html("sitemap.xml")
    assert NEW_PLACE in sitemap and NEW_PROVINCE in sitemap
    for old in (OLD_PLACE, OLD_PROVINCE, OLD_WARD):
        assert old not in sitemap
    manifest = json.loads((built.out / "vinh-danh/du-lieu/manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert (built.out / "pagefind").is_dir()
    indexed = {p.name for p in (built.out / "pagefind").rglob("*") if p.is_file()}
    assert indexed  # Pagefind ran; it indexes the news and the registry only (search_index.FedIndex)


def test_the_province_page_counts_old_and_new_decisions_per_commune(built: Site) -> None:
    page = built.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    text = text_of(page)
    assert "trước 1/7/2025" in text and "từ 1/7/2025" in text
    row = re.search(r'<tr>\s*<th scope="row"><a href="xa-can-loc/">Xã Can Lộc</a>(.*?)</tr>', page, re.S)
    assert row is not None, page
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    assert cells == ["1", "1", "3"]


def test_redirects_follow_the_site_without_directory_urls(make_site: Callable[..., Site]) -> None:
    site = reform_site(make_site("phang", use_directory_urls=False))
    run = site.build()
    assert run.code == 0, run.output
    old = (site.out / OLD_PLACE / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../xa-can-loc/index.html">' in old
    assert (site.out / NEW_PLACE / "index.html").is_file()
    province = (site.out / OLD_PROVINCE / "index.html").read_text(encoding="utf-8")
    assert 'url=../tinh-quang-tri/index.html"' in province


def test_a_cache_hit_restores_the_redirects(site: Site) -> None:
    reform_site(site)
    assert site.build().code == 0
    first = site.html(OLD_PLACE)
    again = site.build()
    assert again.code == 0 and "không đổi từ lần dựng trước" in again.output, again.output
    assert site.html(OLD_PLACE) == first


def test_a_wording_the_list_cannot_settle_keeps_its_own_page_and_says_nothing_false(site: Site) -> None:
    """A former province's unknown commune is not said to lie in the province it joined; a typo takes no address."""
    site.decision(
        "la",
        ["1,gia_dinh,Gia đình ông Đinh Văn Em,,,Bản 1,Xã Không Có,Huyện Minh Hóa,Tỉnh Quảng Bình"],
        number="90/QĐ-UBND",
        signed=dt.date(2024, 5, 6),
    )
    site.decision(
        "sai",
        [
            "1,gia_dinh,Gia đình bà Trần Thị Bình,,,Thôn Phúc Mỹ,Xã Can Lộc,,Tỉnh Hà Tĩnh",
            "2,gia_dinh,Gia đình ông Lê Văn Giang,,,Thôn Phúc Mỹ,Xã Can Lôc,,Tỉnh Hà Tĩnh",
        ],
        number="91/QĐ-UBND",
        **AFTER,
    )
    run = site.build(strict=False)  # the check warns about both wordings; the pages are what is tested here
    assert run.code == 0, run.output
    province = site.html(NEW_PROVINCE)
    link = re.search(r'<a href="([^"]+)">Xã Không Có, Huyện Minh Hóa, Tỉnh Quảng Bình</a>', province)
    assert link is not None, province
    page = site.html(NEW_PROVINCE + link.group(1))
    assert "<title>Xã Không Có, Huyện Minh Hóa, Tỉnh Quảng Bình" in page
    assert "Tỉnh Quảng Trị" in page and "Huyện Minh Hóa, Tỉnh Quảng Trị" not in page
    assert "chưa cho biết nơi này nay thuộc xã, phường nào" in page and "nay là" not in page
    assert "<title>Xã Can Lộc, Tỉnh Hà Tĩnh" in site.html(NEW_PLACE)
    typo = re.search(
        r'<a href="(xa-can-loc-[0-9a-f]+/)">Xã Can Lôc</a>', site.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    )
    assert typo is not None
    assert "Gia đình ông Lê Văn Giang" in site.html("vinh-danh/dia-phuong/tinh-ha-tinh/" + typo.group(1))


def test_an_editor_file_at_a_redirect_address_is_a_located_error(site: Site) -> None:
    reform_site(site)
    site.write(OLD_PROVINCE + "index.md", "---\ntitle: Quảng Bình\n---\n\n# Trang của biên tập viên\n")
    reserved = f"content/{OLD_PROVINCE}index.md:1: đường dẫn này dành cho các trang do Bảng Vàng tạo"
    check = site.check()
    assert check.code == 1 and reserved in check.output, check.output
    build = site.build()
    assert build.code == 1 and reserved in build.output, build.output
    assert not site.out.exists()
