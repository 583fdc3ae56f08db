"""Open data: one CSV per decision, and a province's CSV where it earns its place.

A province gets its own file only when some decision listing its rows also
lists another province's: then its rows cannot be had by downloading whole
decision files. Otherwise its rows are exactly those of its decisions' files,
which its page and the open-data page list as its download; a second copy
would double the bytes (a province's site is one province's rolls, a few
hundred thousand rows, more than a free host takes in one file). JSON copies
of the rows are not written: the CSV holds every published field.

Every row carries its place twice: as the decision signed it (``commune``,
``district``, ``province``), and the current unit it lies in today (since
1/7/2025) with its official code, as the unit list settles it; a current cell
the list cannot settle is empty, never guessed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..units.matching import Located
from .addresses import Place, Row, Where, where_of
from .model import ENTRY_FIELDS, Decision, HonourEntry

CURRENT_COLUMNS = ("current_commune", "current_commune_code", "current_province", "current_province_code")
"""The current commune and province a row's place lies in today, with their official codes."""

EXPORT_COLUMNS = ("decision", "signed", "form", "period", *ENTRY_FIELDS, *CURRENT_COLUMNS, "anchor")
"""Columns of every CSV export: the decision's facts, the entry as listed, its current unit, then its anchor.

The anchor stays last: the manifest finds it as a row's last cell.
"""

Current = tuple[str | None, str | None, str | None, str | None]
"""A row's :data:`CURRENT_COLUMNS` values (None where not settled)."""

CurrentOf = Callable[[Decision, HonourEntry], Current]
"""Gives a row's current unit."""

NOT_SETTLED: Current = (None, None, None, None)


def current_cells(located: Located | None) -> Current:
    """Return the current commune and province of a match, with their codes; None where it settles neither."""
    if located is None:
        return NOT_SETTLED
    commune, province = located.commune, located.province
    if commune is not None:
        province = commune.province
    return (
        commune.name if commune else None,
        commune.code if commune else None,
        province.name if province else None,
        province.code if province else None,
    )


def province_sources(
    provinces: Mapping[str, Mapping[Place, list[Row]]], decisions: list[Decision]
) -> dict[str, tuple[list[Decision], bool]]:
    """Return, per province, the decisions listing its rows (in site order) and whether it earns its own file.

    It does when one of those decisions also lists another province's rows.
    """
    order = {id(decision): n for n, decision in enumerate(decisions)}
    listing: dict[str, dict[int, Decision]] = {}
    spans: dict[int, set[str]] = {}
    for province, places in provinces.items():
        found: dict[int, Decision] = {}
        for rows in places.values():
            for decision, _ in rows:
                found[id(decision)] = decision
        listing[province] = found
        for key in found:
            spans.setdefault(key, set()).add(province)
    return {
        province: (
            sorted(found.values(), key=lambda decision: order.get(id(decision), len(order))),
            any(len(spans[key]) > 1 for key in found),
        )
        for province, found in listing.items()
    }


class CurrentUnits:
    """Each row's current unit, from the plan's printed places and their matches: one lookup per row."""

    def __init__(self, place_of: Mapping[Where, Place], located: Mapping[Place, Located]) -> None:
        self._place_of = place_of
        self._located = located
        self._cells: dict[Where, Current] = {}

    def __call__(self, decision: Decision, entry: HonourEntry) -> Current:
        """Return the current unit of a row's printed place."""
        where = where_of(decision, entry)
        cells = self._cells.get(where)
        if cells is None:
            cells = self._cells[where] = current_cells(self._located.get(self._place_of[where]))
        return cells


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def spreadsheet_cell(value: str | None) -> str | None:
    """Return a text as a CSV cell no spreadsheet runs: one starting a formula gets a leading apostrophe.

    A second line of defence: the check refuses such names, but a title or a
    decision number may still begin with "-" or "=". The cell is otherwise the text as read.
    """
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeCells(dict[str | None, str | None]):
    """Texts as safe cells, each distinct text checked once (place and title texts repeat a lot)."""

    def __missing__(self, text: str | None) -> str | None:
        cell = self[text] = spreadsheet_cell(text)
        return cell


def write_csv(path: Path, rows: Iterable[tuple[Decision, HonourEntry]], current_of: CurrentOf) -> int:
    """Write rows as UTF-8 CSV (with a byte-order mark, so spreadsheets read the accents); return the count.

    Every text cell is made safe as :func:`spreadsheet_cell` says (inline:
    this runs for each cell of a province's rolls). ``current_of`` gives each
    row's current unit (:class:`CurrentUnits`). A decision's own cells are
    made once, not once per row.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    bad = FORMULA_STARTS
    cells = _SafeCells()
    heads: dict[int, tuple[str | None, ...]] = {}
    count = 0

    def records() -> Iterator[tuple[str | int | None, ...]]:
        nonlocal count
        for decision, entry in rows:
            head = heads.get(id(decision))
            if head is None:
                head = heads[id(decision)] = (
                    cells[decision.number],
                    decision.signed.isoformat(),
                    decision.form,
                    decision.period,
                )
            name, person = entry.name, entry.person
            commune, commune_code, province, province_code = current_of(decision, entry)
            count += 1
            yield (
                *head,
                entry.stt,
                entry.kind,
                "'" + name if name.startswith(bad) else name,
                "'" + person if person and person.startswith(bad) else person,
                cells[entry.title or decision.title],
                cells[entry.village],
                cells[entry.commune],
                cells[entry.district],
                cells[entry.province],
                cells[commune],
                commune_code,
                cells[province],
                province_code,
                f"{decision.slug}-stt-{entry.stt}",
            )  # csv writes None as an empty cell

    # "utf-8-sig" would encode every row in Python code; the mark is written once instead, in C's own UTF-8.
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(records())
    return count
