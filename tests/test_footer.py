"""Every page's footer is Vietnamese and gives the association's contact details from mkdocs.yml (issue 10, point 8)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import Site
from html_tools import hrefs

CONTACT = {
    "name": "Hội Khuyến học huyện Can Lộc",
    "address": "Số 5 đường Trần Phú, thị trấn Nghèn, huyện Can Lộc",
    "phone": "(0239) 3.845.678",
    "email": "hoikhuyenhoc@example.org",
}
PHONE = "Sub-option 'phone': phải là số điện thoại (ví dụ '0239 3855 123'), nhận được"
EMAIL = "Sub-option 'email': phải là địa chỉ email (ví dụ 'lienhe@example.org'), nhận được"


def footer(html: str) -> str:
    return html.split('<footer class="md-footer">', 1)[1].split("</footer>", 1)[0]


def test_the_footer_gives_the_contact_details_linked_and_no_english(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin={"contact": CONTACT})
    site.article(2024, "bai-mot", title="Bài một")
    run = site.build()
    assert run.code == 0, run.output
    for page in (site.html(""), site.html("tin-tuc/2024/bai-mot/"), site.html("404.html")):
        text = footer(page)
        assert "Made with" not in text
        assert '<strong class="bv-contact__name">Hội Khuyến học huyện Can Lộc</strong>' in text
        assert "Địa chỉ: Số 5 đường Trần Phú, thị trấn Nghèn, huyện Can Lộc" in text
        assert 'Điện thoại: <a href="tel:02393845678">(0239) 3.845.678</a>' in text
        assert "mailto:hoikhuyenhoc@example.org" in hrefs(text)
        assert "Xây dựng bằng Bảng Vàng trên nền" in text


def test_the_footer_shows_only_the_details_given(make_site: Callable[..., Site]) -> None:
    site = make_site(site_name="Khuyến học xã Thiên Lộc", plugin={"contact": {"email": "xa@example.org"}})
    run = site.build()
    assert run.code == 0, run.output
    text = footer(site.html(""))
    assert '<strong class="bv-contact__name">Khuyến học xã Thiên Lộc</strong>' in text, "the site's name by default"
    assert "Thư điện tử:" in text
    assert "Địa chỉ:" not in text and "Điện thoại:" not in text and "tel:" not in text


def test_without_contact_details_the_footer_has_no_address_and_no_english(site: Site) -> None:
    run = site.build()
    assert run.code == 0, run.output
    text = footer(site.html(""))
    assert "<address" not in text and "Made with" not in text
    assert "Xây dựng bằng Bảng Vàng" in text


def test_the_example_site_footer_has_its_sample_contact(built_example: Site) -> None:
    text = footer(built_example.html(""))
    assert "Made with" not in text
    links = hrefs(text)
    assert any(link.startswith("tel:0") for link in links), links
    assert any(link.startswith("mailto:") for link in links), links


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        ({"phone": "gọi 0239"}, f"{PHONE} 'gọi 0239'"),
        ({"phone": "0239 38"}, f"{PHONE} '0239 38'"),
        ({"email": "lien he@example.org"}, f"{EMAIL} 'lien he@example.org'"),
        ({"email": "lienhe@localhost"}, f"{EMAIL} 'lienhe@localhost'"),
    ],
)
def test_a_bad_contact_detail_stops_build_and_check(
    make_site: Callable[..., Site], contact: dict[str, str], message: str
) -> None:
    site = make_site(plugin={"contact": contact})
    expected = f"Config value 'plugins': Plugin 'bangvang' option 'contact': {message}"
    for run in (site.build(), site.check()):
        assert run.code == 1, run.output
        assert expected in run.output, run.output
    assert not site.out.exists()


def test_a_misspelt_contact_key_fails_a_strict_build(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin={"contact": {"adress": "Số 5 đường Trần Phú"}})
    run = site.build()
    assert run.code == 1, run.output
    assert "option 'contact': Sub-option 'adress': Unrecognised configuration name: adress" in run.output, run.output
