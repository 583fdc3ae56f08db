"""The directive registry end to end: registry pages, links both ways, and the check."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bangvang.core.site import load_site
from bangvang.site_config import load_settings
from conftest import REPO, Site
from html_tools import broken_relative_links, hrefs, tags
from test_check import problem_lines

DOMAIN_NUMBERS = [
    "11-CT/TW",
    "49-KL/TW",
    "281/QĐ-TTg",
    "14/CT-TTg",
    "677/QĐ-TTg",
    "387/QĐ-TTg",
    "332",
    "89-KH/TU",
    "123-KH/HU",
]


@pytest.fixture(scope="module")
def example(built_example: Site) -> Site:
    return built_example


def _body(html: str) -> str:
    """The article text, without the footer that lists related directives."""
    return html.split('<footer class="bv-article__footer">', 1)[0].split('class="md-content"', 1)[1]


def test_registry_index_lists_every_domain_directive(example: Site) -> None:
    html = example.html("van-ban/")
    for number in DOMAIN_NUMBERS:
        assert re.search(rf'>[^<]* <span class="bv-no">{re.escape(number)}</span></a>', html), number
    headings = re.findall(r"<h2 id=\"(\w+)\">", html)
    assert headings == ["trung_uong", "chinh_phu", "tinh", "huyen_xa"]
    assert "Trung ương Đảng" in html and "Huyện và xã" in html
    assert re.search(r'Kết luận <span class="bv-no">49-KL/TW</span></a>.*?(\d+) bài viết', html, re.S)


def test_articles_link_their_directives_and_pages_list_them_back(example: Site) -> None:
    source = load_site(load_settings(REPO))
    assert source.problems == []
    citing_total = 0
    for article in source.news.articles:
        html = example.html(article.url)
        cited = source.citations.cites[article.src_uri]
        assert cited, f"{article.src_uri} cites no registered directive"
        related = html.split('id="bv-related"', 1)[1].split("</section>", 1)[0]
        depth = "../" * article.url.count("/")
        assert hrefs(related) == [depth + d.url for d in cited]
        body_links = [h for h in hrefs(_body(html)) if "van-ban/" in h]
        assert body_links, article.src_uri
        assert len(body_links) == len(set(body_links)), "only the first mention is linked"
        assert set(body_links) <= {depth + d.url for d in cited}
        for directive in cited:
            page = example.html(directive.url)
            citing = page.split('id="bv-citing"', 1)[1]
            assert "../../" + article.url in hrefs(citing)
            citing_total += 1
    assert citing_total >= 12


def test_known_links_in_the_dong_thap_article(example: Site) -> None:
    html = example.html("tin-tuc/2022/dong-thap-quan-triet-cac-van-ban-ve-khuyen-hoc-nhan-rong-mo-hinh-hoc-tap/")
    links = {a.get("href"): a for a in tags(_body(html), "a") if "van-ban/" in a.get("href", "")}
    assert set(links) == {
        "../../../van-ban/ket-luan-49-kl-tw/",
        "../../../van-ban/chi-thi-11-ct-tw/",
        "../../../van-ban/cong-van-332/",
        "../../../van-ban/chi-thi-14-ct-ttg/",
        "../../../van-ban/quyet-dinh-677-qd-ttg/",
    }
    assert ">Kết luận số 49-KL/TW</a>" in html


def test_directive_page_lists_citing_articles_newest_first(example: Site) -> None:
    page = example.html("van-ban/ket-luan-49-kl-tw/")
    assert "Ban Bí thư Trung ương Đảng khóa XII" in page and "10/5/2019" in page and "Còn hiệu lực" in page
    citing = page.split('id="bv-citing"', 1)[1]
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})', citing)
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True)


def test_example_site_links_resolve(example: Site) -> None:
    assert broken_relative_links(example.out, "/bang-vang/") == []


UNREGISTERED = """
---
title: Tỉnh công nhận gia đình học tập
date: 2023-03-01
category: Văn bản chỉ đạo
---

Căn cứ Kết luận số 49-KL/TW, UBND tỉnh ban hành
Quyết định 1234/QĐ-UBND công nhận các gia đình học tập.
"""


def test_unregistered_number_warns_with_a_stub_and_fails_strict_build(example_copy: Site) -> None:
    example_copy.write("tin-tuc/2023/cong-nhan.md", UNREGISTERED)
    check = example_copy.check()
    assert check.code == 0, "a warning alone does not fail the plain check"
    rel = "content/tin-tuc/2023/cong-nhan.md"
    assert problem_lines(check) == [
        f"{rel}:8: cảnh báo: số hiệu '1234/QĐ-UBND' chưa có trong sổ văn bản; "
        "thêm tệp content/van-ban/quyet-dinh-1234-qd-ubnd.md:"
    ]
    assert '    number: "1234/QĐ-UBND"\n    kind: "Quyết định"' in check.output
    assert example_copy.check("--strict").code == 1
    build = example_copy.build()
    assert build.code == 1 and "Traceback" not in build.output
    assert f"{rel}:8: cảnh báo: số hiệu '1234/QĐ-UBND'" in build.output


def test_ambiguous_short_form_is_reported_and_not_linked(example_copy: Site) -> None:
    example_copy.write(
        "tin-tuc/2023/mo-ho.md",
        "---\ntitle: Mơ hồ\ndate: 2023-03-02\ncategory: Văn bản chỉ đạo\n---\n\nCác chi hội bàn về Kết luận 49.\n",
    )
    check = example_copy.check()
    assert problem_lines(check) == [
        "content/tin-tuc/2023/mo-ho.md:7: cảnh báo: tham chiếu 'Kết luận 49' chưa rõ là văn bản nào "
        "(có thể là Kết luận 49-KL/TW); không tạo liên kết. Ghi đủ số hiệu, ví dụ 'Kết luận số 49-KL/TW', "
        "hoặc ghi cơ quan ban hành hay ngày ký ngay sau"
    ]


def test_registry_errors_are_located(example_copy: Site) -> None:
    example_copy.write(
        "van-ban/ket-luan-49-ban-sao.md",
        """
        ---
        number: "49-KL/TW"
        kind: "Kết luận"
        issuer: "Ban Bí thư"
        level: trung_uong
        signed: 2019-05-10
        subject: "Bản sao"
        status: bi_thay_the
        superseded_by: "999-KL/TW"
        ---
        """,
    )
    example_copy.write(
        "van-ban/cong-van-sai.md",
        """
        ---
        number: "77"
        kind: "Công vắn"
        issuer: "UBND xã"
        level: xa
        signed: 2024-02-30
        subject: "Sai"
        nguoi_ky: "Ông A"
        ---
        """,
    )
    check = example_copy.check()
    assert check.code == 1
    lines = problem_lines(check)
    assert lines == [
        "content/van-ban/cong-van-sai.md:3: 'kind' không hợp lệ: 'Công vắn' (có phải 'Công văn'?); được dùng: "
        "Chỉ thị, Kết luận, Nghị quyết, Quyết định, Công văn, Kế hoạch, Thông tư, Nghị định, Luật, Hướng dẫn, "
        "Thông báo, Chương trình, Đề án",
        "content/van-ban/cong-van-sai.md:5: 'level' không hợp lệ: 'xa'; được dùng: trung_uong (Trung ương Đảng), "
        "quoc_hoi (Quốc hội), chinh_phu (Chính phủ), bo_nganh (Bộ ngành), hoi (Hội Khuyến học), tinh (Tỉnh), "
        "huyen_xa (Huyện và xã)",
        "content/van-ban/cong-van-sai.md:6: 'signed' phải là ngày có thật dạng YYYY-MM-DD (ví dụ 2020-09-30), "
        "nhận được '2024-02-30'",
        "content/van-ban/cong-van-sai.md:8: khóa không hợp lệ 'nguoi_ky'; các khóa được dùng: number, aliases, kind, "
        "issuer, level, signed, subject, status, superseded_by, url",
        "content/van-ban/ket-luan-49-ban-sao.md:2: số hiệu '49-KL/TW' trùng với Kết luận 49-KL/TW "
        "(content/van-ban/ket-luan-49-kl-tw.md)",
        "content/van-ban/ket-luan-49-ban-sao.md:9: 'superseded_by: 999-KL/TW' không trỏ tới văn bản nào "
        "trong sổ văn bản",
        "content/van-ban/ket-luan-49-kl-tw.md:2: số hiệu '49-KL/TW' trùng với Kết luận 49-KL/TW "
        "(content/van-ban/ket-luan-49-ban-sao.md)",
    ]
    build = example_copy.build()
    assert build.code == 1 and problem_lines(build) == lines


def test_superseded_directive_links_its_successor(site: Site) -> None:
    prime_minister = {"kind": "Chỉ thị", "issuer": "Thủ tướng Chính phủ", "level": "chinh_phu"}
    site.directive(
        "chi-thi-1-ct-ttg",
        number="1/CT-TTg",
        signed=dt.date(2015, 1, 1),
        subject="Văn bản cũ",
        status="bi_thay_the",
        superseded_by="2/CT-TTg",
        body="Đã được thay bằng Chỉ thị số 2/CT-TTg.\n",
        **prime_minister,
    )
    site.directive(
        "chi-thi-2-ct-ttg",
        number="2/CT-TTg",
        signed=dt.date(2020, 1, 1),
        subject="Văn bản mới",
        body="",
        **prime_minister,
    )
    site.article(2021, "trich-dan", body="Thực hiện Chỉ thị 1/CT-TTg và Chỉ thị 1/CT-TTg.\n")
    run = site.build()
    assert run.code == 0, run.output
    old = site.html("van-ban/chi-thi-1-ct-ttg/")
    assert "Đã được thay thế" in old
    assert '<a href="../chi-thi-2-ct-ttg/">Chỉ thị <span class="bv-no">2/CT-TTg</span></a>' in old
    assert '<a href="../chi-thi-2-ct-ttg/" title="Văn bản mới">Chỉ thị số 2/CT-TTg</a>' in old
    index = site.html("van-ban/")
    assert index.index(">2/CT-TTg<") < index.index(">1/CT-TTg<"), "newest first"
    assert "Chính phủ" in index and "1 bài viết" in index and "chưa có bài viết" in index
