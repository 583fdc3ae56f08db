"""Articles, decisions and directives link to each other both ways, on a full build and on a cached one."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

import pytest

from bangvang.core.site import load_site, site_inventory
from bangvang.site_config import load_settings
from conftest import REPO, Run, Site
from html_tools import hrefs
from test_honours_build import row
from test_inventory import settings_and_split

REUSED = "không đổi từ lần dựng trước"
STRICT_LINKS = {
    "nav": {"omitted_files": "ignore"},
    "links": {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"},
}


@pytest.fixture
def linked_site(make_site: Callable[..., Site]) -> Site:
    """A decision, and an article linking to its page, its province's page and the honour index."""
    made = make_site("lien-ket", validation=STRICT_LINKS)
    made.decision("lai", [row(1, "Gia đình ông Lê Văn An"), row(2, "Gia đình bà Trần Thị Bình")])
    made.article(
        2023,
        "cong-nhan",
        body=(
            "Xem [quyết định](../../vinh-danh/quyet-dinh/lai/index.md), "
            "[Hà Tĩnh](../../vinh-danh/dia-phuong/tinh-ha-tinh/index.md) và [bảng vàng](../../vinh-danh/index.md).\n"
        ),
    )
    return made


def test_an_article_links_to_honour_pages_on_a_full_and_a_cached_build(linked_site: Site) -> None:
    """Every link into the honour section was "liên kết hỏng" in the check, and so stopped the build."""
    check = linked_site.check("--strict")
    assert check.code == 0, check.output
    for attempt in ("cold", "warm"):
        run = linked_site.build()
        assert run.code == 0, run.output
        assert (REUSED in run.output) is (attempt == "warm")
        assert "excluded" not in run.output and "liên kết" not in run.output, run.output
        article = linked_site.html("tin-tuc/2023/cong-nhan/")
        assert 'href="../../../vinh-danh/quyet-dinh/lai/"' in article, attempt
        assert 'href="../../../vinh-danh/dia-phuong/tinh-ha-tinh/"' in article, attempt
        assert 'href="../../../vinh-danh/"' in article, attempt
        # The reused page is the full build's, never an empty page MkDocs drew for the link.
        assert "Lê Văn An" in linked_site.html("vinh-danh/quyet-dinh/lai/")


def _refused_by_check_and_build(site: Site, expected: str) -> Run:
    """Both ``bangvang check`` and the build stop (exit 1) with the expected message; return the build's run."""
    check = site.check()
    assert check.code == 1 and expected in check.output, check.output
    run = site.build()
    assert run.code == 1 and expected in run.output, run.output
    return run


@pytest.mark.parametrize("attempt", ["cold", "warm"])
def test_a_link_to_a_missing_honour_page_is_reported_by_check_and_build(linked_site: Site, attempt: str) -> None:
    if attempt == "warm":
        assert linked_site.build().code == 0
    linked_site.article(2023, "hong", body="Xem [quyết định](../../vinh-danh/quyet-dinh/khong-co/index.md).\n")
    expected = (
        "content/tin-tuc/2023/hong.md:7: liên kết hỏng '../../vinh-danh/quyet-dinh/khong-co/index.md': "
        "bảng vàng không có trang vinh-danh/quyet-dinh/khong-co/index.md"
    )
    run = _refused_by_check_and_build(linked_site, expected)
    assert (REUSED in run.output) is (attempt == "warm")


def test_a_link_to_an_honour_folder_or_anchor_says_what_to_write(linked_site: Site) -> None:
    linked_site.article(
        2023,
        "thu-muc",
        body="[Quyết định](../../vinh-danh/quyet-dinh/lai/), [1](../../vinh-danh/quyet-dinh/lai/index.md#lai-stt-1)\n",
    )
    check = linked_site.check()
    assert check.code == 1
    assert (
        "content/tin-tuc/2023/thu-muc.md:7: liên kết '../../vinh-danh/quyet-dinh/lai/' trỏ tới một thư mục; "
        "MkDocs cần tên tệp: viết '../../vinh-danh/quyet-dinh/lai/index.md'"
    ) in check.output
    assert "không có mục neo '#lai-stt-1'" in check.output


def test_a_link_to_a_place_page_that_moved_says_where_it_is_now(linked_site: Site) -> None:
    """Place pages are kept by current commune: Xã Thiên Lộc, Huyện Can Lộc is listed on Xã Can Lộc's page now."""
    old = "../../vinh-danh/dia-phuong/tinh-ha-tinh/xa-thien-loc-huyen-can-loc/index.md"
    linked_site.article(2023, "dia-chi-cu", body=f"Xem [Thiên Lộc]({old}).\n")
    expected = (
        f"content/tin-tuc/2023/dia-chi-cu.md:7: liên kết '{old}' trỏ tới địa chỉ cũ của một trang địa phương: "
        "từ khi bảng vàng xếp địa danh theo đơn vị hành chính hiện nay, trang đó là "
        "vinh-danh/dia-phuong/tinh-ha-tinh/xa-can-loc/index.md; "
        "viết '../../vinh-danh/dia-phuong/tinh-ha-tinh/xa-can-loc/index.md'"
    )
    _refused_by_check_and_build(linked_site, expected)


def _announced_site(site: Site) -> Site:
    """A decision naming its article and, as its basis, a registered directive the article does not cite."""
    site.directive("quyet-dinh-387-qd-ttg", number="387/QĐ-TTg", kind="Quyết định", level="chinh_phu")
    site.article(2023, "cong-nhan-gia-dinh", body="Huyện công nhận các gia đình học tập.\n")
    site.decision(
        "lai",
        [row(1, "Gia đình ông Lê Văn An"), row(2, "Gia đình bà Trần Thị Bình")],
        number="1568/QĐ-UBND",
        article="tin-tuc/2023/cong-nhan-gia-dinh.md",
        basis=["387/QĐ-TTg"],
    )
    return site


@pytest.mark.parametrize("attempt", ["cold", "warm"])
def test_a_decision_links_back_from_its_article_and_its_basis(site: Site, attempt: str) -> None:
    """The decision linked to its article and its basis; neither page linked back, and 387/QĐ-TTg showed "(0)"."""
    _announced_site(site)
    runs = [site.build() for _ in range(1 if attempt == "cold" else 2)]
    assert all(run.code == 0 for run in runs), runs[-1].output
    assert (REUSED in runs[-1].output) is (attempt == "warm")
    decision_url = "../../../vinh-danh/quyet-dinh/lai/"
    # Decision → article and directive (as before).
    decision = site.html("vinh-danh/quyet-dinh/lai/")
    assert 'href="../../../tin-tuc/2023/cong-nhan-gia-dinh/"' in decision
    assert 'href="../../../van-ban/quyet-dinh-387-qd-ttg/"' in decision
    # Article → decision.
    article = site.html("tin-tuc/2023/cong-nhan-gia-dinh/")
    box = article.split('class="admonition bv-backlink"', 1)[1].split("</aside>", 1)[0]
    assert (
        'Quyết định <span class="bv-no">1568/QĐ-UBND</span> (công nhận, 18/12/2023): Gia đình học tập — 2 mục.' in box
    )
    assert f'<a href="{decision_url}">Xem bảng vàng</a>' in box
    # Directive → decision, and the registry index counts it.
    directive = site.html("van-ban/quyet-dinh-387-qd-ttg/")
    based = directive.split('id="bv-based"', 1)[1]
    assert "Quyết định vinh danh căn cứ văn bản này (1)" in based
    assert f'href="{decision_url.removeprefix("../")}">Quyết định <span class="bv-no">1568/QĐ-UBND</span></a>' in based
    assert "chưa có bài viết · 1 quyết định vinh danh" in site.html("van-ban/")


def test_the_example_links_its_decisions_back_from_articles_and_directives(built_example: Site) -> None:
    announcing = built_example.html(
        "tin-tuc/2020/ha-tinh-tong-ket-5-nam-thuc-hien-quyet-dinh-281-day-manh-hoc-tap-suot-doi/"
    )
    assert "bv-backlink" in announcing and 'href="../../../vinh-danh/quyet-dinh/2987-qd-ubnd/"' in announcing
    other = built_example.html("tin-tuc/2023/hoi-khuyen-hoc-viet-nam-danh-gia-cong-tac-phoi-hop-voi-cac-ban-bo-nganh/")
    assert "bv-backlink" not in other
    directive = built_example.html("van-ban/quyet-dinh-387-qd-ttg/")
    citing = [d.number for d in load_site(load_settings(REPO)).rolls.decisions if "387/QĐ-TTg" in d.basis]
    assert len(citing) > 1
    assert f"Quyết định vinh danh căn cứ văn bản này ({len(citing)})" in directive
    assert all(f'<span class="bv-no">{number}</span>' in directive for number in citing)


def test_the_open_data_folder_has_a_page_listing_every_export(built_example: Site) -> None:
    """/vinh-danh/du-lieu/ had no page: the exports were found only from each decision or province page."""
    settings, split_over = settings_and_split(built_example)
    inventory = site_inventory(load_site(settings), settings, split_over)
    page = built_example.html("vinh-danh/du-lieu/")
    linked = {posixpath.normpath(posixpath.join("vinh-danh/du-lieu", href)) for href in hrefs(page)}
    exports = {item.path for item in inventory.files if item.kind in ("export", "manifest")}
    assert len(exports) > 5 and exports <= linked, exports - linked  # six decisions, the manifest
    assert all((built_example.out / path).is_file() for path in exports)
    assert 'href="du-lieu/">Dữ liệu mở</a>' in built_example.html("vinh-danh/")


def test_the_open_data_page_is_kept_on_a_cached_build(site: Site) -> None:
    site.decision("lai", [row(1, "Gia đình ông Lê Văn An")], number="8/QĐ-UBND")
    assert site.build().code == 0
    cold = site.html("vinh-danh/du-lieu/")
    assert 'href="../dia-phuong/tinh-ha-tinh/">Tỉnh Hà Tĩnh</a>' in cold
    assert 'href="lai.csv"' in cold and 'href="manifest.json"' in cold
    # Hà Tĩnh's rows are lai's whole file: its download is that file, listed under it again.
    assert cold.count('href="lai.csv"') == 2 and 'href="tinh/' not in cold
    warm = site.build()
    assert warm.code == 0 and REUSED in warm.output
    assert site.html("vinh-danh/du-lieu/") == cold


@pytest.mark.parametrize("attempt", ["cold", "warm"])
def test_a_tag_naming_a_province_links_to_its_honour_page_and_back(site: Site, attempt: str) -> None:
    """The tag "Hà Tĩnh" and the page "Tỉnh Hà Tĩnh" of the honour section did not know each other."""
    site.decision("lai", [row(1, "Gia đình ông Lê Văn An")], number="8/QĐ-UBND")
    site.article(2023, "ha-tinh", tags=["Hà Tĩnh", "học tập"])
    runs = [site.build() for _ in range(1 if attempt == "cold" else 2)]
    assert all(run.code == 0 for run in runs), runs[-1].output
    assert (REUSED in runs[-1].output) is (attempt == "warm")
    article = site.html("tin-tuc/2023/ha-tinh/")
    assert 'Bảng vàng:\n        <a href="../../../vinh-danh/dia-phuong/tinh-ha-tinh/">Tỉnh Hà Tĩnh</a>' in article
    tag = site.html("tin-tuc/the/ha-tinh/")
    assert 'Bảng vàng Tỉnh Hà Tĩnh: <a href="../../../vinh-danh/dia-phuong/tinh-ha-tinh/">' in tag
    assert "vinh-danh" not in site.html("tin-tuc/the/hoc-tap/").split("<h1", 1)[1].split("</article>", 1)[0]
    province = site.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    assert 'Tin tức: <a href="../../../tin-tuc/the/ha-tinh/">các bài viết về Hà Tĩnh</a>' in province


def test_a_new_tag_naming_a_province_renews_the_cached_honour_pages(site: Site) -> None:
    site.decision("lai", [row(1, "Gia đình ông Lê Văn An")], number="8/QĐ-UBND")
    site.article(2023, "khac", tags=["học tập"])
    assert site.build().code == 0
    assert "Tin tức:" not in site.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    site.article(2023, "ha-tinh", tags=["Hà Tĩnh"])
    run = site.build()
    assert run.code == 0 and REUSED not in run.output
    assert "các bài viết về Hà Tĩnh" in site.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
