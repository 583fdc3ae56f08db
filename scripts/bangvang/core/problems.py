"""Located problems found in the site source, reported together."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    """How a problem affects publishing: errors stop it, warnings do under --strict."""

    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a source file.

    ``path`` is relative to the site root (the folder of ``mkdocs.yml``) and
    ``line`` counts from 1 (a CSV row number for CSV files).
    """

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "cảnh báo: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    """Return the problems that stop publishing."""
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    """Return the problems that only warn."""
    return [p for p in problems if p.severity is Severity.WARNING]


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems by file, then line, so a report reads top to bottom."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.message))
