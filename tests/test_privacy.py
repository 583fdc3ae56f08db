"""The privacy guard rejects personal data and lets ordinary place names through."""

from __future__ import annotations

import pytest

from bangvang.core.honours.privacy import personal_data


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Nguyễn Văn An 038095001234", "CMND/CCCD"),
        ("Nguyễn Văn An CMND 123456789", "CMND/CCCD"),
        ("ĐT 0912 345 678", "điện thoại"),
        ("0912.345.678", "điện thoại"),
        ("+84 912345678", "điện thoại"),
        ("(0239) 3855 123", "điện thoại"),
        ("an.nguyen@gmail.com", "e-mail"),
        ("sinh ngày 12/3/1980", "sinh"),
        ("12/03/1980", "sinh"),
        ("SN 1980", "sinh"),
        ("Số nhà 15 đường Trần Phú", "số nhà"),
        ("15 đường Lê Lợi", "số nhà"),
        ("ngõ 12 Thôn 3", "số nhà"),
        # Issue 8, point 9: separators, zero-width characters, full-width digits and the usual prefixes.
        ("CCCD: 0380 9500 1234", "CMND/CCCD"),
        ("CMND 12.345.678.9", "CMND/CCCD"),
        ("Số định danh 038095001234", "CMND/CCCD"),
        ("số định danh: 0380-9500-1234", "CMND/CCCD"),
        ("Nguyễn Văn An 038\u00a0095\u00a0001\u00a0234", "CMND/CCCD"),
        ("Nguyễn Văn An 038_095_001_234", "CMND/CCCD"),
        ("Nguyễn Văn An 038,095,001,234", "CMND/CCCD"),
        ("Nguyễn Văn An ０３８０９５００１２３４", "CMND/CCCD"),
        ("ĐT: 0912-345-678", "điện thoại"),
        ("SĐT 0912 345 678", "điện thoại"),
        ("sđt:0912345678", "điện thoại"),
        ("Zalo 0912345678", "điện thoại"),
        ("zalo: ０９１２３４５６７８", "điện thoại"),
        ("0912/345/678", "điện thoại"),
        ("09\u200b12\u200b345\u200b678", "điện thoại"),
        ("0 9 1 2 3 4 5 6 7 8", "điện thoại"),
        ("ĐT 12345", "điện thoại"),
        ("sinh 1980", "sinh"),
        ("SN: 1980", "sinh"),
        ("NS 12/3/1980", "sinh"),
        ("năm sinh 1980", "sinh"),
        ("Gia đình ông An sinh năm 1975", "sinh"),
        ("12-3-1980", "sinh"),
        ("số nhà 15", "số nhà"),
        ("Ngõ 5 Thôn 3", "số nhà"),
        ("ngách 12/4", "số nhà"),
        ("hẻm 34", "số nhà"),
        ("Kiệt 7 Thôn 2", "số nhà"),
        ("nhà số 9", "số nhà"),
        ("an.nguyen (at) gmail.com", "e-mail"),
        ("an.nguyen[at]gmail.com", "e-mail"),
        ("an＠gmail.com", "e-mail"),
    ],
)
def test_personal_data_is_named(text: str, reason: str) -> None:
    found = personal_data(text)
    assert found is not None and reason in found


@pytest.mark.parametrize(
    "text",
    [
        "Gia đình ông Nguyễn Văn An",
        "Thôn 5",
        "Tổ dân phố 3",
        "Khối 10",
        "Xã Thiên Lộc",
        "Trường THCS Kỳ Lâm",
        "Gia đình học tập tiêu biểu (2016-2020)",
        "Chi hội Khuyến học thôn 12",
        # Issue 8, point 9: ordinary places and decision numbers are never personal data.
        "Thôn 3",
        "Xóm 7",
        "Tổ dân phố số 12",
        "Khu phố 5",
        "Đội 4",
        "Phường 12",
        "Quận 10",
        "Ấp 3",
        "Khóm 1",
        "1014/QĐ-UBND",
        "Quyết định số 1014/QĐ-UBND",
        "448/QĐ-KHVN",
        "Gia đình học tập 3 năm liền (2021, 2022, 2023)",
        "Giai đoạn 2016 - 2020",
        "Học sinh giỏi cấp tỉnh",
        "Đội 4, Thôn 3, Xã Thiên Lộc",
    ],
)
def test_ordinary_values_pass(text: str) -> None:
    assert personal_data(text) is None
