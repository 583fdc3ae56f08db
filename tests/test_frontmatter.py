"""Front matter read with the lines of its keys."""

from __future__ import annotations

import datetime as dt

import pytest

from bangvang.core import frontmatter
from bangvang.core.frontmatter import parse
from bangvang.core.schema import FieldReader


def test_values_and_lines() -> None:
    fm = parse("---\ntitle: Tiêu đề\ndate: 2020-09-30\ntags: [a, b]\n---\n\nThân bài\n")
    assert fm.present
    assert fm.values == {"title": "Tiêu đề", "date": dt.date(2020, 9, 30), "tags": ["a", "b"]}
    assert fm.lines == {"title": 2, "date": 3, "tags": 4}
    assert fm.body_line == 6
    assert fm.body.strip() == "Thân bài"
    assert fm.problems == []


def test_impossible_date_is_kept_as_text_for_the_schema() -> None:
    fm = parse("---\ntitle: x\ndate: 2020-13-45\n---\n")
    assert fm.values["date"] == "2020-13-45"
    assert fm.lines["date"] == 3


def test_duplicate_key_is_reported_at_its_line() -> None:
    fm = parse("---\ntitle: a\nauthor: b\ntitle: c\n---\n")
    assert fm.problems == [(4, "khóa 'title' bị lặp (đã có ở dòng 2)")]


def test_broken_yaml_is_reported_with_a_line() -> None:
    fm = parse("---\ntitle: a\ntags: [a, b\ndate: 2020-01-01\n---\n")
    assert len(fm.problems) == 1
    line, message = fm.problems[0]
    assert line >= 3
    assert "YAML" in message


def test_unclosed_front_matter() -> None:
    fm = parse("---\ntitle: a\n")
    assert fm.problems and fm.problems[0][0] == 1


def test_no_front_matter() -> None:
    fm = parse("# Chỉ có thân bài\n")
    assert not fm.present
    assert fm.problems == []
    assert fm.body_line == 1


@pytest.mark.parametrize("character", ["\x0b", "\x00", "\x1b"])
def test_control_characters_are_located_problems_not_tracebacks(character: str) -> None:
    fm = frontmatter.parse(f"---\ntitle: Bài\nsummary: dòng một{character}dòng hai\n---\nThân bài\n")
    assert fm.problems == [
        (
            3,
            f"phần đầu YAML không đọc được: có ký tự điều khiển U+{ord(character):04X} (thường do dán từ Word); "
            "xóa ký tự đó",
        )
    ]


def test_a_list_or_mapping_where_a_choice_belongs_is_a_located_problem() -> None:
    fm = frontmatter.parse("---\nform: {}\nlevel: [tinh]\n---\n")
    reader = FieldReader("honours/qd.yaml", fm)
    assert reader.choice("form", {"cong_nhan": "Công nhận"}) is None
    assert reader.choice("level", {"tinh": "Tỉnh"}) is None
    assert [(p.line, p.message.split(":")[0]) for p in reader.problems] == [
        (2, "'form' không hợp lệ"),
        (3, "'level' không hợp lệ"),
    ]
