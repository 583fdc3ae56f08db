"""Edge cases of matching a printed place against the unit list (core.units.matching)."""

from __future__ import annotations

import datetime as dt

from bangvang.core.units.matching import Matcher


def test_a_cached_match_never_carries_another_decisions_date() -> None:
    # Matches are cached per printed place; the message names the signing date, so it must be the asker's.
    matcher = Matcher()
    for signed, shown in ((dt.date(2025, 9, 1), "1/9/2025"), (dt.date(2026, 2, 3), "3/2/2026")):
        problem = matcher.locate("Tỉnh Hà Tĩnh", None, "Xã Thiên Lộc", signed).problem
        assert problem is not None and f"quyết định ký ngày {shown}" in problem, problem
    for signed, shown in ((dt.date(2020, 9, 1), "1/9/2020"), (dt.date(2023, 9, 1), "1/9/2023")):
        problem = matcher.locate("Tỉnh Hà Tỉnh", "Huyện Can Lộc", "Xã Thiên Lộc", signed).problem
        assert problem is not None and f"quyết định ký ngày {shown}" in problem, problem


def test_a_misspelt_former_name_after_the_reform_is_offered_the_former_unit_with_its_letters() -> None:
    # "Xã Thiên Lôc" has the letters of the former Xã Thiên Lộc, not of any current commune of Hà Tĩnh:
    # offering the look-alike current "Xã Thiên Cầm" would mislead.
    problem = Matcher().locate("Tỉnh Hà Tĩnh", None, "Xã Thiên Lôc", dt.date(2025, 9, 1)).problem
    assert problem is not None and problem.endswith("; có phải 'Xã Thiên Lộc, Huyện Can Lộc'?"), problem
    # A current commune with the same letters still comes first.
    problem = Matcher().locate("Tỉnh Hà Tĩnh", None, "Xã Can Lôc", dt.date(2025, 9, 1)).problem
    assert problem is not None and problem.endswith("; có phải 'Xã Can Lộc'?"), problem
