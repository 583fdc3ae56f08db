"""Front matter read with the lines of its keys."""

from __future__ import annotations

import datetime as dt

from bangvang.core.frontmatter import parse


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
