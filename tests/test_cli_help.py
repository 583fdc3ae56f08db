"""``bangvang`` speaks Vietnamese: its help, its usage line and argparse's own errors (issue 10, point 8)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from bangvang.cli_parser import translate
from conftest import run_command

ENGLISH = re.compile(
    r"\b(usage|options?|positional|arguments?|show|help|message|exit|error|required|following|invalid|choices?"
    r"|choose|unrecognized|expected|ambiguous|could|match|allowed|ignored|explicit|title|path|date|category)\b",
    re.IGNORECASE,
)
"""argparse's English words, and the argument names it would print in capitals (DATE, CATEGORY).

"site" is left out: the Vietnamese help says "thư mục site" as the README does.
"""
OPTION = re.compile(r"(?<![\w-])--?[a-z][\w-]*")
"""An option name, such as --strict or -h: the one English the command may keep."""
SUB_COMMANDS = re.compile(r"\{check,new,nhap\}|\b(check|new|nhap|import)\b")


def english_words(text: str) -> list[str]:
    """Return the English words left in the command's output, once option and sub-command names are set aside."""
    return ENGLISH.findall(OPTION.sub(" ", SUB_COMMANDS.sub(" ", text.replace("mkdocs.yml", " "))))


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        pytest.param(["--help"], 0, ["cách dùng: bangvang [-h] {check,new,nhap} ...", "tùy chọn:", "lệnh:"], id="help"),
        pytest.param(
            ["check", "--help"],
            0,
            [
                "cách dùng: bangvang check [-h] [--strict] [THƯ_MỤC]",
                "tham số:",
                "-h, --help  hiện hướng dẫn này rồi thoát",
            ],
            id="check-help",
        ),
        pytest.param(["new", "--help"], 0, ["--date NGÀY", "--category CHUYÊN_MỤC", "TIÊU_ĐỀ"], id="new-help"),
        pytest.param(
            ["nhap", "--help"],
            0,
            ["cách dùng: bangvang nhap [-h] [--quyet-dinh TỆP_YAML] [--thu] [--thay]", "TỆP", "--cot TRƯỜNG=CỘT"],
            id="nhap-help",
        ),
        pytest.param(["nhap"], 2, ["bangvang nhap: lỗi: thiếu tham số: TỆP"], id="nhap-no-file"),
        pytest.param([], 2, ["bangvang: lỗi: thiếu tham số: {check,new,nhap}"], id="no-command"),
        pytest.param(
            ["new"], 2, ["cách dùng: bangvang new", "bangvang new: lỗi: thiếu tham số: TIÊU_ĐỀ"], id="no-title"
        ),
        pytest.param(
            ["khong"],
            2,
            ["bangvang: lỗi: tham số {check,new,nhap}: lựa chọn không có: 'khong' (chọn một trong"],
            id="unknown-command",
        ),
        pytest.param(["check", "--bogus"], 2, ["lỗi: tham số không nhận ra: --bogus"], id="unknown-option"),
        pytest.param(["new", "Bài", "--date"], 2, ["lỗi: tham số --date: cần một giá trị"], id="option-without-value"),
        pytest.param(
            ["new", "Bài", "--date", "2024-13-01"],
            2,
            ["lỗi: tham số --date: ngày phải có dạng YYYY-MM-DD, nhận được '2024-13-01'"],
            id="bad-date",
        ),
    ],
)
def test_the_command_line_is_vietnamese(tmp_path: Path, args: list[str], code: int, expected: list[str]) -> None:
    run = run_command([sys.executable, "-m", "bangvang.cli", *args], tmp_path)
    assert run.code == code, run.output
    for text in expected:
        assert text in run.output, run.output
    assert english_words(run.output) == [], run.output
    assert list(tmp_path.iterdir()) == [], "a refused command writes nothing"


def test_the_english_detector_sees_argparse_english() -> None:
    assert english_words("usage: bangvang new [-h] [--date DATE] title\noptions:\n  -h, --help  show this help") == [
        "usage",
        "DATE",
        "title",
        "options",
        "show",
        "help",
    ]


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("ambiguous option: --s could match --site, --strict", "tùy chọn chưa rõ: --s có thể là --site, --strict"),
        ("argument --date: expected at least one argument", "tham số --date: cần ít nhất một giá trị"),
        ("argument --site: invalid Path value: 'x'", "tham số --site: giá trị không hợp lệ: 'x'"),
        ("one of the arguments --a --b is required", "cần một trong các tham số --a --b"),
        ("a message argparse words otherwise", "a message argparse words otherwise"),
    ],
)
def test_argparse_messages_the_commands_cannot_trigger_today_are_translated(english: str, vietnamese: str) -> None:
    assert translate(english) == vietnamese
