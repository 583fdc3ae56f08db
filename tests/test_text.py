"""Vietnamese text helpers."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from bangvang.core.text import fold_diacritics, format_date, format_number, format_weekday_date, is_slug, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đồng Tháp", "dong-thap"),
        ("Ðồng Tháp", "dong-thap"),  # U+00D0 typed for Đ
        ("Hội nghị - Sự kiện", "hoi-nghi-su-kien"),
        ("Kết luận 49-KL/TW", "ket-luan-49-kl-tw"),
        ("  Gia đình học tập!  ", "gia-dinh-hoc-tap"),
        ("Quyết định 281/QĐ-TTg", "quyet-dinh-281-qd-ttg"),
        ("Thuý Hoà Khoẻ", "thuy-hoa-khoe"),
    ],
)
def test_slugify_folds_vietnamese(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_is_blind_to_nfd_input() -> None:
    text = "Đồng Tháp quán triệt"
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(text) == "dong-thap-quan-triet"


def test_fold_keeps_case_and_folds_d() -> None:
    assert fold_diacritics("Đức Hoà") == "Duc Hoa"
    assert fold_diacritics("đường") == "duong"


def test_is_slug() -> None:
    assert is_slug("dong-thap")
    assert not is_slug("Dong-Thap")
    assert not is_slug("đồng-tháp")
    assert not is_slug("")


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (999, "999"), (5850, "5.850"), (309845, "309.845"), (1000000, "1.000.000")]
)
def test_format_number_uses_dots(value: int, text: str) -> None:
    assert format_number(value) == text


def test_dates_are_written_the_vietnamese_way() -> None:
    assert format_date(dt.date(2020, 9, 30)) == "30/9/2020"
    assert format_weekday_date(dt.date(2020, 9, 30)) == "Thứ Tư, 30/9/2020"
    assert format_weekday_date(dt.date(2022, 11, 1)) == "Thứ Ba, 1/11/2022"
    assert format_weekday_date(dt.date(2023, 10, 29)) == "Chủ Nhật, 29/10/2023"
