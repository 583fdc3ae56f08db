"""The place check: every entry's printed place against the units in force on its decision's signing date.

A list names few distinct places (a commune's list, one or a few communes; a
province's, a few thousand), so rows are grouped by printed place first and
each place is matched once: one warning per distinct place of a list file, at
its first row, saying how many other rows share it and which. Villages have no
national list and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..problems import PER_FILE_LIMIT, Problem, Severity
from ..text import format_number
from ..units.matching import Matcher
from .model import Decision

SHOWN_LINES = 5
"""How many of the other lines sharing a place a warning names."""

_Place = tuple[str, str | None, str, str | None]
"""A printed place: province, district, commune, and the editor's current commune."""


def place_problems(decisions: Iterable[Decision], matcher: Matcher) -> list[Problem]:
    """Return a located warning for each distinct printed place the unit list does not settle.

    A row whose former commune was split, or whose place is unknown, or whose
    ``current_commune`` does not fit, gets the matcher's message; the warning
    stands at the first row of the list file naming that place (with that choice).
    Only the warnings a report shows (the first of each file, see
    :func:`~bangvang.core.problems.cap_per_file`) search for the nearest units;
    the others are only counted there, so they keep the matcher's reason alone.
    """
    problems: list[Problem] = []
    shown: dict[str, int] = {}
    for decision in decisions:
        # Per place: how many rows name it, then the lines of the first few (a place on a million rows keeps six).
        rows: dict[_Place, list[int]] = {}
        for entry in decision.entries:
            place = (entry.province, entry.district, entry.commune, entry.current_commune)
            seen = rows.get(place)
            if seen is None:
                rows[place] = [1, entry.line]
            else:
                seen[0] += 1
                if len(seen) <= SHOWN_LINES + 1:
                    seen.append(entry.line)
        for (province, district, commune, chosen), seen in rows.items():
            located = matcher.locate(province, district, commune, decision.signed, chosen)
            if located.reason is None:
                continue
            count = shown[decision.list_path] = shown.get(decision.list_path, 0) + 1
            message = (located.problem if count <= PER_FILE_LIMIT else None) or located.reason
            problems.append(Problem(decision.list_path, seen[1], message + _others(seen), Severity.WARNING))
    return problems


def _others(seen: list[int]) -> str:
    """Say how many other rows name the same place, and the first of them (``seen``: count, then lines)."""
    others = seen[0] - 1
    if not others:
        return ""
    shown = ", ".join(str(line) for line in seen[2:])
    more = "…" if others > SHOWN_LINES else ""
    return f" (nơi in này còn ở {format_number(others)} dòng khác: {shown}{more})"
