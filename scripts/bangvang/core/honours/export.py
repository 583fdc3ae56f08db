"""Open data: each decision, and all entries of each province, as CSV and JSON files."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..directives import LEVELS
from .model import ENTRY_FIELDS, FORMS, Decision, HonourEntry

EXPORT_COLUMNS = ("decision", "signed", "form", "period", *ENTRY_FIELDS, "anchor")
"""Columns of every CSV export: the decision's facts, then the entry as listed, then its anchor."""

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


def _entry_values(decision: Decision, entry: HonourEntry) -> tuple[Any, ...]:
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
        f"{decision.slug}-stt-{entry.stt}",
    )


def _entry_record(decision: Decision, entry: HonourEntry) -> dict[str, Any]:
    """Return one entry as published, keyed by column name (for JSON)."""
    return dict(zip(EXPORT_COLUMNS, _entry_values(decision, entry), strict=True))


class _SafeCells(dict[str | None, str | None]):
    """Texts as safe cells, each distinct text checked once (place and title texts repeat a lot)."""

    def __missing__(self, text: str | None) -> str | None:
        cell = self[text] = spreadsheet_cell(text)
        return cell


def write_csv(path: Path, rows: Iterable[tuple[Decision, HonourEntry]]) -> int:
    """Write rows as UTF-8 CSV (with a byte-order mark, so spreadsheets read the accents); return the count.

    Every text cell is made safe as :func:`spreadsheet_cell` says (inline:
    this runs for each cell of a province's rolls).
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
                    f"{decision.slug}-stt-{entry.stt}",
                )
            )  # csv writes None as an empty cell
            count += 1
    return count


def write_decision_json(path: Path, decision: Decision, entry_url: str) -> int:
    """Write a decision with its list as JSON; return how many entries it holds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = [_entry_record(decision, entry) for entry in decision.entries]
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


def write_rows_json(path: Path, rows: Iterable[tuple[Decision, HonourEntry]]) -> int:
    """Write rows as a JSON array, one record after another; return the count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for decision, entry in rows:
            handle.write("," if count else "")
            handle.write(json.dumps(_entry_record(decision, entry), ensure_ascii=False, separators=(",", ":")))
            count += 1
        handle.write("]\n")
    return count
