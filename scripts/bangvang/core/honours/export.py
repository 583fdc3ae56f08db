"""Open data: each decision, and all entries of each province, as CSV and JSON files.

Every row carries its place twice: as the decision signed it (``commune``,
``district``, ``province``), and the current unit it lies in today (since
1/7/2025) with its official code, as the unit list settles it; a current cell
the list cannot settle is empty, never guessed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..directives import LEVELS
from ..units.matching import Located
from .addresses import Place, Where, where_of
from .model import ENTRY_FIELDS, FORMS, Decision, HonourEntry

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
    decision number may still begin with "-" or "=". JSON keeps the text exact.
    """
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _entry_values(decision: Decision, entry: HonourEntry, current: Current) -> tuple[Any, ...]:
    """Return one entry as published, in EXPORT_COLUMNS order: only schema fields, the title resolved."""
    return (
        decision.number,
        decision.signed.isoformat(),
        decision.form,
        decision.period,
        entry.stt,
        entry.kind,
        entry.name,
        entry.person,
        entry.title or decision.title,
        entry.village,
        entry.commune,
        entry.district,
        entry.province,
        *current,
        f"{decision.slug}-stt-{entry.stt}",
    )


def _entry_record(decision: Decision, entry: HonourEntry, current: Current) -> dict[str, Any]:
    """Return one entry as published, keyed by column name (for JSON)."""
    return dict(zip(EXPORT_COLUMNS, _entry_values(decision, entry, current), strict=True))


class _SafeCells(dict[str | None, str | None]):
    """Texts as safe cells, each distinct text checked once (place and title texts repeat a lot)."""

    def __missing__(self, text: str | None) -> str | None:
        cell = self[text] = spreadsheet_cell(text)
        return cell


def write_csv(path: Path, rows: Iterable[tuple[Decision, HonourEntry]], current_of: CurrentOf) -> int:
    """Write rows as UTF-8 CSV (with a byte-order mark, so spreadsheets read the accents); return the count.

    Every text cell is made safe as :func:`spreadsheet_cell` says (inline:
    this runs for each cell of a province's rolls). ``current_of`` gives each
    row's current unit (:class:`CurrentUnits`).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    bad = FORMULA_STARTS
    cells = _SafeCells()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        for decision, entry in rows:
            name, person = entry.name, entry.person
            commune, commune_code, province, province_code = current_of(decision, entry)
            writer.writerow(
                (
                    cells[decision.number],
                    decision.signed.isoformat(),
                    decision.form,
                    decision.period,
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
                )
            )  # csv writes None as an empty cell
            count += 1
    return count


def write_decision_json(path: Path, decision: Decision, entry_url: str, current_of: CurrentOf) -> int:
    """Write a decision with its list as JSON; return how many entries it holds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = [_entry_record(decision, entry, current_of(decision, entry)) for entry in decision.entries]
    document: dict[str, object] = {
        "number": decision.number,
        "aliases": list(decision.aliases),
        "signed": decision.signed.isoformat(),
        "issuer": {
            "name": decision.issuer.name,
            "level": decision.issuer.level,
            "level_label": LEVELS[decision.issuer.level],
        },
        "form": decision.form,
        "form_label": FORMS[decision.form],
        "period": decision.period,
        "title": decision.title,
        "basis": list(decision.basis),
        "sample": decision.sample,
        "page": entry_url,
        "entries": entries,
    }
    # json.dumps uses the C encoder; json.dump to a file would not.
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(entries)


def write_rows_json(path: Path, rows: Iterable[tuple[Decision, HonourEntry]], current_of: CurrentOf) -> int:
    """Write rows as a JSON array, one record after another; return the count.

    Records are those of :func:`_entry_record`; the current unit's keys, the
    same for every row of a place, are encoded once per place (a province's
    rolls run to a million rows).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    head_columns = EXPORT_COLUMNS[: -len(CURRENT_COLUMNS) - 1]
    currents: dict[Current, str] = {}
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for decision, entry in rows:
            current = current_of(decision, entry)
            tail = currents.get(current)
            if tail is None:
                tail = currents[current] = json.dumps(
                    dict(zip(CURRENT_COLUMNS, current, strict=True)), ensure_ascii=False, separators=(",", ":")
                )[1:-1]
            values = _entry_values(decision, entry, current)
            head = json.dumps(dict(zip(head_columns, values, strict=False)), ensure_ascii=False, separators=(",", ":"))
            # The anchor is a slug and a number: it never needs escaping.
            handle.write(f'{"," if count else ""}{head[:-1]},{tail},"anchor":"{values[-1]}"}}')
            count += 1
        handle.write("]\n")
    return count
