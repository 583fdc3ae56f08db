"""Located problems found in the site source, reported together."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .text import format_number


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
    omitted: int = field(default=0, compare=False, repr=False)
    """On the line that closes a capped report: how many problems of the file it stands for."""

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


PER_FILE_LIMIT = 50
"""How many problems a report shows per file; the rest are counted on one line."""


class FileProblems:
    """The problems of one file, bounded at the source: the first ``limit`` are kept, the rest only counted.

    A list with a million bad rows must not become a million objects (nor 84 MB
    of messages): the editor fixes the first ones and runs the check again.
    """

    def __init__(self, path: str, limit: int = PER_FILE_LIMIT) -> None:
        self.path = path
        self.limit = limit
        self.kept: list[Problem] = []
        self.errors = 0
        self.omitted = 0
        self.omitted_errors = 0
        self._first_omitted = 0

    @property
    def full(self) -> bool:
        """Tell whether further problems are only counted (callers may skip building their messages)."""
        return len(self.kept) >= self.limit

    def add(self, line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        """Keep or count one problem of this file."""
        if severity is Severity.ERROR:
            self.errors += 1
        if len(self.kept) < self.limit:
            self.kept.append(Problem(self.path, line, message, severity))
            return
        if not self.omitted:
            self._first_omitted = line
        self.omitted += 1
        if severity is Severity.ERROR:
            self.omitted_errors += 1

    def report(self) -> list[Problem]:
        """Return the kept problems, then one line counting the rest (if any)."""
        if not self.omitted:
            return list(self.kept)
        severity = Severity.ERROR if self.omitted_errors else Severity.WARNING
        return [*self.kept, _summary(self.path, self._first_omitted, self.omitted, self.limit, severity)]


def cap_per_file(problems: list[Problem], limit: int = PER_FILE_LIMIT) -> list[Problem]:
    """Keep the first ``limit`` problems of each file, in order, and one line per file counting the rest.

    A summary line already made by :class:`FileProblems` (its ``omitted``) is
    kept and its count added to.
    """
    kept: list[Problem] = []
    shown: dict[str, int] = {}
    left: dict[str, list[int]] = {}
    for problem in problems:
        if problem.omitted:
            found = left.setdefault(problem.path, [problem.line, 0, 0])
            found[1] += problem.omitted
            found[2] += problem.severity is Severity.ERROR
            continue
        if shown.get(problem.path, 0) < limit:
            shown[problem.path] = shown.get(problem.path, 0) + 1
            kept.append(problem)
            continue
        found = left.setdefault(problem.path, [problem.line, 0, 0])
        found[1] += 1
        found[2] += problem.severity is Severity.ERROR
    for path, (line, count, errors_left) in left.items():
        severity = Severity.ERROR if errors_left else Severity.WARNING
        kept.append(_summary(path, line, count, limit, severity))
    return kept


def _summary(path: str, line: int, count: int, limit: int, severity: Severity) -> Problem:
    return Problem(
        path,
        line,
        f"còn {format_number(count)} vấn đề khác trong tệp này (từ dòng {line}), không liệt kê: mỗi tệp chỉ báo "
        f"{limit} vấn đề đầu; sửa các vấn đề trên rồi chạy lại",
        severity,
        omitted=count,
    )
