"""Matching printed places against the shipped units: variants, typos, splits, eras."""

from __future__ import annotations

import datetime as dt

import pytest

from bangvang.core.units.matching import Matcher
from bangvang.core.units.names import unit_key

BEFORE = dt.date(2023, 12, 18)
AFTER = dt.date(2025, 9, 1)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Tp. Hà Tĩnh", "Thành phố Hà Tĩnh"),
        ("TP Hà Tĩnh", "thành phố Hà Tĩnh"),
        ("TX Kỳ Anh", "Thị xã Kỳ Anh"),
        ("H. Can Lộc", "Huyện Can Lộc"),
        ("Xã Hoà Bình", "Xã Hòa Bình"),
        ("Xã Thuỵ An", "Xã Thụy An"),
        ("Ðông Hà", "Đông Hà"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Phường 01", "Phường 1"),
        ("TT. Nghèn", "Thị trấn Nghèn"),
        ("Xã  Thiên   Lộc", "Xã Thiên Lộc"),
    ],
)
def test_variants_of_one_name_are_one_key(one: str, other: str) -> None:
    assert unit_key(one) == unit_key(other)


@pytest.mark.parametrize(("one", "other"), [("Xã Thiên Lôc", "Xã Thiên Lộc"), ("Huyện Can Lọc", "Huyện Can Lộc")])
def test_a_wrong_or_missing_tone_is_another_name(one: str, other: str) -> None:
    assert unit_key(one) != unit_key(other)


def test_a_former_commune_leads_to_the_current_one(matcher: Matcher) -> None:
    found = matcher.locate("Tỉnh Hà Tĩnh", "Huyện Can Lộc", "Xã Thiên Lộc", BEFORE)
    assert found.problem is None
    assert found.commune is not None and found.commune.name == "Xã Can Lộc"
    assert found.province is not None and found.province.name == "Tỉnh Hà Tĩnh"
    assert found.named is not None and found.named.written() == "Xã Thiên Lộc, Huyện Can Lộc"
    same = matcher.locate("Hà Tĩnh", "H. Can Lộc", "Thiên Lộc", BEFORE)
    assert same.commune is found.commune


def test_a_current_name_after_the_reform_is_itself(matcher: Matcher) -> None:
    found = matcher.locate("Tỉnh Hà Tĩnh", None, "Xã Can Lộc", AFTER)
    assert found.problem is None and found.commune is not None and found.commune is found.named


def test_the_date_decides_which_list_applies(matcher: Matcher) -> None:
    # Thiên Lộc no longer exists after 1/7/2025; the message says what it became.
    after = matcher.locate("Tỉnh Hà Tĩnh", None, "Xã Thiên Lộc", AFTER)
    assert after.commune is None and after.problem is not None
    assert "'Xã Thiên Lộc, Huyện Can Lộc' cũ nay là 'Xã Can Lộc'" in after.problem
    # Quảng Bình was merged into Quảng Trị: a 2023 row of Quảng Bình is in Quảng Trị today.
    merged = matcher.locate("Tỉnh Quảng Bình", "Huyện Lệ Thủy", "Thị trấn Kiến Giang", BEFORE)
    assert merged.province is not None and merged.province.name == "Tỉnh Quảng Trị"
    assert merged.commune is not None and merged.commune.name == "Xã Lệ Thủy"
    # After it, "Tỉnh Quảng Bình" is no province: the editor is told which one it is part of, nothing is assumed.
    gone = matcher.locate("Tỉnh Quảng Bình", None, "Xã Lệ Thủy", AFTER)
    assert gone.province is None and gone.commune is None
    assert gone.problem is not None and "không còn 'Tỉnh Quảng Bình': nay thuộc 'Tỉnh Quảng Trị'" in gone.problem


def test_a_long_list_of_units_is_cut_and_counted(matcher: Matcher) -> None:
    found = matcher.locate("Thành phố Hồ Chí Minh", None, "Phường 1", AFTER)
    assert found.problem is not None
    assert "đơn vị khác" in found.problem and found.problem.count("'Phường 1, ") <= 6


def test_a_typo_gets_the_nearest_real_unit(matcher: Matcher) -> None:
    found = matcher.locate("Tỉnh Hà Tĩnh", "Huyện Can Lộc", "Xã Thiên Lôc", BEFORE)
    assert found.commune is None
    assert found.problem is not None and found.problem.endswith("có phải 'Xã Thiên Lộc, Huyện Can Lộc'?")
    district = matcher.locate("Tỉnh Hà Tĩnh", "Huyện Can Lọc", "Xã Thiên Lộc", BEFORE)
    assert district.problem is not None and "có phải 'Xã Thiên Lộc, Huyện Can Lộc'?" in district.problem
    province = matcher.locate("Tỉnh Hà Tỉnh", None, "Xã Can Lộc", AFTER)
    assert province.problem is not None and province.problem.endswith("có phải 'Tỉnh Hà Tĩnh'?")


def test_a_split_commune_is_never_settled_by_guessing(matcher: Matcher) -> None:
    found = matcher.locate("Thành phố Hà Nội", "Quận Ba Đình", "Phường Cống Vị", BEFORE)
    assert found.commune is None
    assert {unit.name for unit in found.choices} == {"Phường Giảng Võ", "Phường Ngọc Hà"}
    assert found.problem is not None and "current_commune" in found.problem
    chosen = matcher.locate("Thành phố Hà Nội", "Quận Ba Đình", "Phường Cống Vị", BEFORE, "P. Ngọc Hà")
    assert chosen.problem is None and chosen.commune is not None and chosen.commune.name == "Phường Ngọc Hà"
    wrong = matcher.locate("Thành phố Hà Nội", "Quận Ba Đình", "Phường Cống Vị", BEFORE, "Phường Hoàn Kiếm")
    assert wrong.commune is None and wrong.problem is not None and "Phường Giảng Võ" in wrong.problem


def test_an_island_district_without_communes_leads_to_its_special_zone(matcher: Matcher) -> None:
    found = matcher.locate("Tỉnh Bà Rịa-Vũng Tàu", "Huyện Côn Đảo", "Huyện Côn Đảo", BEFORE)
    assert found.commune is not None and found.commune.name == "Đặc khu Côn Đảo"
    assert found.province is not None and found.province.name == "Thành phố Hồ Chí Minh"


def test_a_name_starting_like_a_kind_is_still_found(matcher: Matcher) -> None:
    # "Quan Hóa" reads like "Quận Hóa", "Tĩnh Gia" like "Tỉnh Gia": the whole name is tried too.
    found = matcher.locate("Tỉnh Thanh Hóa", "Quan Hóa", "Thị trấn Hồi Xuân", BEFORE)
    assert found.problem is None, found.problem


def test_thua_thien_hue_is_the_city_of_hue(matcher: Matcher) -> None:
    found = matcher.locate("Tỉnh Thừa Thiên Huế", "Quận Thuận Hóa", "Phường Phú Hội", BEFORE)
    assert found.province is not None and found.province.name == "Thành phố Huế"


def test_unknown_names_cost_no_fuzzy_search_until_reported(matcher: Matcher) -> None:
    found = matcher.locate("Tỉnh Hà Tĩnh", "Huyện Can Lộc", "Xã Thiên Lôc", BEFORE)
    # Matching keeps the search for later; only the message runs it.
    assert found.reason is not None and "có phải" not in found.reason
    assert found.nearest is not None
    assert found.problem is not None and "có phải" in found.problem


def test_every_unit_written_as_the_list_writes_it_is_found(matcher: Matcher) -> None:
    """A round trip over the whole list: 10.035 former communes and 3.321 current ones match themselves."""
    units = matcher.units
    split = 0
    for commune in units.former_communes.values():
        assert commune.parent is not None
        found = matcher.locate(commune.province.name, commune.parent.name, commune.name, BEFORE)
        assert found.named is commune, (commune, found.problem)
        if len(commune.successors) == 1:
            assert found.commune is commune.successors[0] and found.problem is None
        else:
            split += 1
            assert found.commune is None and found.choices == commune.successors
    assert split == 471
    for commune in units.communes.values():
        found = matcher.locate(commune.province.name, None, commune.name, AFTER)
        assert found.commune is commune and found.problem is None, (commune, found.problem)


def test_an_alias_key_never_says_a_province_is_gone(matcher: Matcher) -> None:
    """'HN' is the source's key for Hà Nội, which still exists: it is an unknown name, not a former province."""
    found = matcher.locate("HN", None, "Phường Ngọc Hà", AFTER)
    assert found.problem is not None and "không còn" not in found.problem
    assert matcher.former_provinces_named("HN") == []
    assert [unit.name for unit in matcher.former_provinces_named("Quảng Bình")] == ["Tỉnh Quảng Bình"]
