"""One site per province: the provinces a build publishes, and the rolls cut down to their rows.

A province's rolls alone can fill a free host, so one repository may build one
site per province (the ``provinces`` option, set per job of a CI matrix). A
row belongs to the province it lies in today, as the unit list settles its
printed place (a 2023 row of "Tỉnh Quảng Bình" belongs to Tỉnh Quảng Trị). A
decision keeps only its rows in the chosen provinces, each with its own STT,
and counts the others (``Decision.elsewhere``), so every anchor, and the page
a long decision's row is on, stay the ones the whole site gives it; a decision
with no such row is left out. A row whose province the list cannot tell would be published
by no province's site: that is an error, never a silent drop.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..collation import collation_key
from ..problems import Problem, Severity
from ..text import format_number
from ..units.matching import Matcher, shared_matcher
from ..units.names import split_kind
from .model import Decision


class UnknownProvinceError(ValueError):
    """A configured province name that names no current province; the message is Vietnamese."""


def resolve_provinces(names: Sequence[str], matcher: Matcher | None = None) -> tuple[str, ...]:
    """Return the current provinces ``names`` mean, as the unit list names them, in the order given.

    A name is compared like a printed place (its kind, then its letters with
    their tones): "Hà Tĩnh" and "Tỉnh Hà Tĩnh" are one province, "Ha Tinh" none.

    Raises:
        UnknownProvinceError: a name is no current province; the message lists the real ones
            (and says which province a former one is part of now).
    """
    matcher = matcher or shared_matcher()
    chosen: list[str] = []
    for name in names:
        found = matcher.provinces_named(name.strip())
        if len(found) != 1:
            raise UnknownProvinceError(_unknown_message(name, matcher))
        chosen.append(found[0].name)
    return tuple(dict.fromkeys(chosen))


def _unknown_message(name: str, matcher: Matcher) -> str:
    units = matcher.units
    former = matcher.former_provinces_named(name.strip())
    if len(former) == 1 and former[0].successors:
        now = former[0].successors[0].name
        return f"'{name}' không còn là tỉnh, thành phố từ 1/7/2025: nay thuộc {now}; ghi '{now}'"
    names = sorted((unit.name for unit in units.provinces.values()), key=lambda n: collation_key(split_kind(n)[1]))
    real = ", ".join(names)
    return f"không có tỉnh, thành phố '{name}' trong {len(units.provinces)} tỉnh, thành phố hiện nay: {real}"


@dataclass
class Selection:
    """The decisions cut down to the chosen provinces' rows, what was left out, and the rows no province holds."""

    decisions: list[Decision] = field(default_factory=list)
    left_out_entries: int = 0
    left_out_decisions: int = 0
    problems: list[Problem] = field(default_factory=list)


def select_provinces(decisions: Iterable[Decision], provinces: Sequence[str], matcher: Matcher) -> Selection:
    """Keep the rows lying today in one of ``provinces`` (current province names, see :func:`resolve_provinces`)."""
    wanted = set(provinces)
    selection = Selection()
    for decision in decisions:
        kept = []
        # Per printed place: its current province (None: unknown), and the rows of it no province holds.
        province_of: dict[tuple[str, str | None, str, str | None], str | None] = {}
        lost: dict[str, list[int]] = {}
        for entry in decision.entries:
            place = (entry.province, entry.district, entry.commune, entry.current_commune)
            if place in province_of:
                province = province_of[place]
            else:
                found = matcher.locate(entry.province, entry.district, entry.commune, decision.signed, place[3])
                province = province_of[place] = found.province.name if found.province else None
            if province in wanted:
                kept.append(entry)
            elif province is None:
                lost.setdefault(entry.province, []).append(entry.line)
        selection.problems.extend(_lost_problems(decision, lost))
        selection.left_out_entries += len(decision.entries) - len(kept)
        if not kept:
            selection.left_out_decisions += 1
        elif len(kept) == len(decision.entries):
            selection.decisions.append(decision)
        else:
            elsewhere = len(decision.entries) - len(kept)
            selection.decisions.append(dataclasses.replace(decision, entries=tuple(kept), elsewhere=elsewhere))
    return selection


def _lost_problems(decision: Decision, lost: dict[str, list[int]]) -> list[Problem]:
    problems = []
    for printed, lines in lost.items():
        others = f" (và {format_number(len(lines) - 1)} dòng khác ghi tỉnh này)" if len(lines) > 1 else ""
        message = (
            f"không biết '{printed}' nay là tỉnh, thành phố nào, nên dòng này không thuộc tỉnh nào chọn ở "
            f"'provinces' và không trang nào đăng nó; sửa tên tỉnh cho đúng danh mục{others}"
        )
        problems.append(Problem(decision.list_path, lines[0], message, Severity.ERROR))
    return problems
