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
    ],
)
def test_ordinary_values_pass(text: str) -> None:
    assert personal_data(text) is None
