"""The mention finder and resolver, on the shapes real articles use and on traps."""

from __future__ import annotations

import datetime as dt

import pytest

from bangvang.core.directives import Directive, Registry
from bangvang.core.mentions import analyse, cited, find_mentions, link_first_mentions, registry_stub


def directive(number: str, kind: str, issuer: str, signed: str, aliases: tuple[str, ...] = ()) -> Directive:
    from bangvang.core.text import slugify

    slug = slugify(f"{kind} {number}")
    return Directive(
        src_uri=f"van-ban/{slug}.md",
        url=f"van-ban/{slug}/",
        number=number,
        aliases=aliases,
        kind=kind,
        issuer=issuer,
        level="trung_uong",
        signed=dt.date.fromisoformat(signed),
        subject=f"Về {number}",
        status="hieu_luc",
        superseded_by=None,
        official_url=None,
    )


@pytest.fixture
def registry() -> Registry:
    made = Registry()
    for item in (
        directive("11-CT/TW", "Chỉ thị", "Bộ Chính trị khóa X", "2007-04-13"),
        directive("49-KL/TW", "Kết luận", "Ban Bí thư Trung ương Đảng khóa XII", "2019-05-10"),
        directive("281/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "2014-02-20"),
        directive("14/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "2021-05-25"),
        directive("332", "Công văn", "Ban Thường vụ Tỉnh ủy Đồng Tháp", "2021-07-05"),
        directive("89-KH/TU", "Kế hoạch", "Ban Thường vụ Tỉnh ủy Lâm Đồng", "2019-06-10", aliases=("89-KH/HU",)),
        # A second "Chỉ thị số 11", so short forms of it need context.
        directive("11/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "2020-03-04"),
    ):
        made.add(item)
    return made


def spans(text: str) -> list[tuple[str, str | None, str, bool]]:
    return [(m.text, m.kind, m.number, m.full) for m in find_mentions(text)]


# ---------------------------------------------------------------- shapes of point 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quán triệt Kết luận số 49-KL/TW của Ban Bí thư", [("Kết luận số 49-KL/TW", "Kết luận", "49-KL/TW", True)]),
        ("sau 5 năm thực hiện Kết luận 49, công tác", [("Kết luận 49", "Kết luận", "49", False)]),
        ("theo KL 49-KL/TW, các cấp ủy", [("KL 49-KL/TW", "Kết luận", "49-KL/TW", True)]),
        ("Chỉ thị số 11 của Bộ Chính trị khóa X về", [("Chỉ thị số 11", "Chỉ thị", "11", False)]),
        ("Quyết định 281/ QĐ-TTg của Thủ tướng", [("Quyết định 281/ QĐ-TTg", "Quyết định", "281/ QĐ-TTg", True)]),
        ("Chỉ thị số 14 ngày 25/5/2021 của Thủ tướng Chính phủ", [("Chỉ thị số 14", "Chỉ thị", "14", False)]),
        ("Công văn số 332 ngày 5/7/2021", [("Công văn số 332", "Công văn", "332", False)]),
        ("quyết định số 1234/QĐ-UBND của tỉnh", [("quyết định số 1234/QĐ-UBND", "Quyết định", "1234/QĐ-UBND", True)]),
        ("NGHỊ QUYẾT SỐ 13-NQ/HU, NGÀY 14/12/2023", [("NGHỊ QUYẾT SỐ 13-NQ/HU", "Nghị quyết", "13-NQ/HU", True)]),
        ("Thông tư 20/2018/TT-BGDĐT", [("Thông tư 20/2018/TT-BGDĐT", "Thông tư", "20/2018/TT-BGDĐT", True)]),
        ("Nghị định 13/2023/NĐ-CP", [("Nghị định 13/2023/NĐ-CP", "Nghị định", "13/2023/NĐ-CP", True)]),
        ("Luật 91/2025/QH15", [("Luật 91/2025/QH15", "Luật", "91/2025/QH15", True)]),
        ("căn cứ 448/QĐ-KHVN", [("448/QĐ-KHVN", None, "448/QĐ-KHVN", True)]),
        ("Quyết định 281/QÐ-TTg (Ð gõ nhầm)", [("Quyết định 281/QÐ-TTg", "Quyết định", "281/QÐ-TTg", True)]),
    ],
)
def test_real_shapes(text: str, expected: list[tuple[str, str | None, str, bool]]) -> None:
    assert spans(text) == expected


def test_spans_point_into_the_text() -> None:
    text = "Thực hiện Chỉ thị số 11-CT/TW và Kết luận 49, tỉnh đã"
    for mention in find_mentions(text):
        assert text[mention.start : mention.end] == mention.text
    assert [m.start for m in find_mentions(text)] == [10, 33]


# ---------------------------------------------------------------- traps of point 6


@pytest.mark.parametrize(
    "text",
    [
        "Kết luận được ban hành ngày 10/5/2019 tại Hà Nội",
        "giai đoạn 2021-2030",
        "giai đoạn 2015 - 2020",
        "chiến lược 2021–2030",
        "liên hệ 0912 345 678 hoặc 0912.345.678 hoặc (0239) 3855 123",
        "Bộ Chính trị khóa X",
        "là đơn vị số 1 của tỉnh, xếp thứ 1/20",
        "xã đạt số 1 về học tập",
        "năm 2020 - Hà Tĩnh dẫn đầu",
        "Hội nghị quyết định 3 nội dung",
        "Kế hoạch 2021-2025 của tỉnh",
        "phòng chống Covid-19 và F0-F1",
        "ngày 30/9, lúc 13:51",
        "Quyết định số 3/2020 về",
        "tỷ lệ 95,5% và 309.845 gia đình",
    ],
)
def test_traps_do_not_match(text: str) -> None:
    assert spans(text) == []


# ---------------------------------------------------------------- resolution


def states(body: str, registry: Registry) -> list[tuple[str, str, str | None]]:
    return [(c.mention.text, c.state, c.directive.number if c.directive else None) for c in analyse(body, registry)]


def test_full_numbers_aliases_and_stray_spaces_resolve(registry: Registry) -> None:
    body = "Theo Quyết định 281/ QĐ-TTg, Kế hoạch số 89-KH/HU và KL 49-KL/TW."
    assert states(body, registry) == [
        ("Quyết định 281/ QĐ-TTg", "resolved", "281/QĐ-TTg"),
        ("Kế hoạch số 89-KH/HU", "resolved", "89-KH/TU"),
        ("KL 49-KL/TW", "resolved", "49-KL/TW"),
    ]


def test_short_form_resolves_by_issuer_or_date(registry: Registry) -> None:
    assert states("Chỉ thị số 11 của Bộ Chính trị khóa X về khuyến học.", registry) == [
        ("Chỉ thị số 11", "resolved", "11-CT/TW")
    ]
    assert states("Chỉ thị số 14 ngày 25/5/2021 của Thủ tướng Chính phủ.", registry) == [
        ("Chỉ thị số 14", "resolved", "14/CT-TTg")
    ]
    assert states("Chỉ thị số 11 ngày 4/3/2020 về phòng dịch.", registry) == [
        ("Chỉ thị số 11", "resolved", "11/CT-TTg")
    ]


def test_short_form_resolves_by_the_articles_other_mentions(registry: Registry) -> None:
    body = "Kết luận 49 được quán triệt.\n\nKết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư."
    assert states(body, registry) == [
        ("Kết luận 49", "resolved", "49-KL/TW"),
        ("Kết luận số 49-KL/TW", "resolved", "49-KL/TW"),
    ]


def test_short_form_without_context_is_ambiguous(registry: Registry) -> None:
    found = analyse("Các cấp thực hiện Chỉ thị số 11 nghiêm túc.", registry)
    assert [(c.state, sorted(d.number for d in c.candidates)) for c in found] == [
        ("ambiguous", ["11-CT/TW", "11/CT-TTg"])
    ]
    # A single candidate is still not enough without context.
    assert states("Sau 5 năm thực hiện Kết luận 49, công tác khuyến học của huyện", registry) == [
        ("Kết luận 49", "ambiguous", None)
    ]


def test_context_that_contradicts_is_not_taken(registry: Registry) -> None:
    assert states("Kết luận 49 ngày 1/1/2020 của Tỉnh ủy.", registry) == []
    assert states("Chỉ thị số 14 của Ban Thường vụ Tỉnh ủy Đồng Tháp", registry) == []


def test_running_number_only_documents_resolve_by_kind(registry: Registry) -> None:
    assert states("Công văn số 332 và Công văn 332", registry) == [
        ("Công văn số 332", "resolved", "332"),
        ("Công văn 332", "resolved", "332"),
    ]


def test_unregistered_full_number(registry: Registry) -> None:
    (citation,) = analyse("theo Quyết định 1234/QĐ-UBND của UBND tỉnh", registry)
    assert citation.state == "unregistered"
    stub = registry_stub(citation.mention)
    assert 'number: "1234/QĐ-UBND"' in stub and 'kind: "Quyết định"' in stub


def test_code_urls_headings_and_links(registry: Registry) -> None:
    body = "\n".join(
        [
            "## Quán triệt Kết luận số 49-KL/TW",
            "",
            "Xem `Chỉ thị 11-CT/TW` và https://example.vn/van-ban/281/QĐ-TTg nhé.",
            "",
            "```",
            "Chỉ thị 14/CT-TTg",
            "```",
            "",
            "Đã có [Chỉ thị 14/CT-TTg](https://chinhphu.vn/) rồi; Kết luận 49-KL/TW và Kết luận 49-KL/TW.",
        ]
    )
    found = analyse(body, registry)
    assert [(c.mention.text, c.linkable) for c in found] == [
        ("Kết luận số 49-KL/TW", False),
        ("Chỉ thị 14/CT-TTg", False),
        ("Kết luận 49-KL/TW", True),
        ("Kết luận 49-KL/TW", True),
    ]
    assert [d.number for d in cited(found)] == ["49-KL/TW", "14/CT-TTg"]
    linked = link_first_mentions(body, found, "tin-tuc/2022/bai.md")
    assert linked.count("](../../van-ban/ket-luan-49-kl-tw.md") == 1
    assert 'rồi; [Kết luận 49-KL/TW](../../van-ban/ket-luan-49-kl-tw.md "Về 49-KL/TW") và Kết luận 49-KL/TW.' in linked
    assert "## Quán triệt Kết luận số 49-KL/TW\n" in linked
    assert "`Chỉ thị 11-CT/TW`" in linked and "```\nChỉ thị 14/CT-TTg\n```" in linked
    assert "[Chỉ thị 14/CT-TTg](https://chinhphu.vn/)" in linked


def test_page_does_not_link_to_itself(registry: Registry) -> None:
    body = "Kết luận số 49-KL/TW tiếp tục Chỉ thị số 11-CT/TW."
    linked = link_first_mentions(body, analyse(body, registry), "van-ban/ket-luan-49-kl-tw.md")
    assert linked == 'Kết luận số 49-KL/TW tiếp tục [Chỉ thị số 11-CT/TW](chi-thi-11-ct-tw.md "Về 11-CT/TW").'
