"""An argparse parser that speaks Vietnamese: its usage line, headings, help option and error messages."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

USAGE = "cách dùng: "
POSITIONALS = "tham số"
OPTIONALS = "tùy chọn"
HELP = "hiện hướng dẫn này rồi thoát"
ERROR = "lỗi"

_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), replacement)
    for pattern, replacement in (
        (r"^argument (.+?): (.*)$", r"tham số \1: \2"),
        (r"^the following arguments are required: (.*)$", r"thiếu tham số: \1"),
        (r"^unrecognized arguments: (.*)$", r"tham số không nhận ra: \1"),
        (r"^invalid choice: (.*) \(choose from (.*)\)$", r"lựa chọn không có: \1 (chọn một trong \2)"),
        (r"^expected one argument$", "cần một giá trị"),
        (r"^expected at most one argument$", "cần nhiều nhất một giá trị"),
        (r"^expected at least one argument$", "cần ít nhất một giá trị"),
        (r"^invalid (.+?) value: (.*)$", r"giá trị không hợp lệ: \2"),
        (r"^ignored explicit argument (.*)$", r"giá trị thừa: \1"),
        (r"^ambiguous option: (.*) could match (.*)$", r"tùy chọn chưa rõ: \1 có thể là \2"),
        (r"^not allowed with argument (.*)$", r"không dùng cùng được với \1"),
        (r"^one of the arguments (.*) is required$", r"cần một trong các tham số \1"),
    )
)
"""argparse's own messages (Python 3.11 to 3.13), matched whole; a message argparse words otherwise passes as it is."""


def translate(message: str) -> str:
    """Return argparse's English error message in Vietnamese (each nested part in turn)."""
    for pattern, replacement in _MESSAGES:
        match = pattern.match(message)
        if match is not None:
            translated = match.expand(replacement)
            if pattern.pattern.startswith("^argument "):
                # "argument X: <message>": the inner message is argparse's too, or already ours.
                name, _, inner = translated.partition(": ")
                return f"{name}: {translate(inner)}"
            return translated
    return message


class VietnameseHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with a Vietnamese usage line."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class VietnameseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Vietnamese; its sub-command parsers are too."""

    def __init__(self, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", VietnameseHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        # argparse names its two default groups with gettext, which has no Vietnamese catalogue.
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONALS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {ERROR}: {translate(message)}\n")
