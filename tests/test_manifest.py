"""The manifest counts every entry in every page and file as written (issue 8, point 4).

Each test sabotages one writer of a real build, in process, the way the slug
collisions of point 3 once did (two provinces writing one file, a short
export), and expects the build to stop with the manifest's message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from bangvang.core.honours import export
from bangvang.core.honours import manifest as manifest_module
from bangvang.core.honours.model import Decision, HonourEntry, Issuer
from bangvang.core.layout import SiteLayout
from bangvang.mkdocs_plugin import honours
from conftest import Site
from test_honours_build import roll

ROWS = [
    "1,gia_dinh,Gia đình ông An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "2,gia_dinh,Gia đình bà Bình,,,Thôn 2,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "3,gia_dinh,Gia đình ông Chung,,,Xóm 1,Xã Nghi Long,Huyện Nghi Lộc,Tỉnh Nghệ An",
]


def failed_build(site: Site) -> str:
    """Build the site in this process (where a writer can be sabotaged); return what the failed build printed."""
    run = site.build()
    assert run.code == 1, run.output
    return run.output


def manifest(site: Site) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((site.out / "vinh-danh/du-lieu/manifest.json").read_text(encoding="utf-8"))
    return loaded


def test_unsabotaged_build_counts_every_entry_everywhere(site: Site) -> None:
    roll(site, "a", "1/QĐ-UBND", ROWS)
    run = site.build()
    assert run.code == 0, run.output
    written = manifest(site)
    assert written["complete"] is True and written["problems"] == []
    (decision,) = written["decisions"]
    assert {place: decision[place] for place in manifest_module.PLACES} == dict.fromkeys(manifest_module.PLACES, 3)
    assert "lookup" in manifest_module.PLACES


def test_two_provinces_writing_one_file_fail_the_build(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # What "Tỉnh Hà Tĩnh" and "tỉnh Hà Tĩnh" did before names were grouped: one file, written twice.
    monkeypatch.setattr(SiteLayout, "province_export", lambda self, _, extension: f"{self.exports}/tinh/x.{extension}")
    roll(site, "a", "1/QĐ-UBND", ROWS)
    logged = failed_build(site)
    assert "bảng vàng xuất bản thiếu mục" in logged
    # The file holds one province or the other, never both.
    assert re.search("quyết định 1/QĐ-UBND: đọc 3 mục nhưng province_csv có [12] mục\n", logged), logged
    assert not site.out.exists()  # nothing of the failed build is published


def test_a_csv_writer_that_drops_a_row_fails_the_build(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    write_csv = export.write_csv

    def short(path: Path, rows: Any, current_of: Any) -> int:
        rows = list(rows)
        write_csv(path, rows[:-1], current_of)
        return len(rows)  # claims every row, as a writer with a bug would

    monkeypatch.setattr(export, "write_csv", short)
    roll(site, "a", "1/QĐ-UBND", ROWS)
    logged = failed_build(site)
    assert "quyết định 1/QĐ-UBND: đọc 3 mục nhưng csv có 2 mục" in logged
    assert "quyết định 1/QĐ-UBND: đọc 3 mục nhưng province_csv có 1 mục" in logged  # Hà Tĩnh 2 → 1, Nghệ An 1 → 0


def test_a_province_writer_that_repeats_one_entry_for_another_fails_the_build(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_csv = export.write_csv

    def repeats(path: Path, rows: Any, current_of: Any) -> int:
        rows = list(rows)
        if path.parent.name == "tinh" and len(rows) > 1:  # Hà Tĩnh's file: An twice, Bình never
            rows = [rows[0], *rows[:-1]]
        return write_csv(path, rows, current_of)

    monkeypatch.setattr(export, "write_csv", repeats)
    roll(site, "a", "1/QĐ-UBND", ROWS)
    logged = failed_build(site)
    assert "quyết định 1/QĐ-UBND: province_csv có 3 mục nhưng không đúng các mục đã đọc" in logged


def test_a_place_meant_to_hold_some_entries_is_held_to_exactly_those(tmp_path: Path) -> None:
    entries = tuple(
        HonourEntry(n, "gia_dinh", f"Gia đình {n}", None, None, None, "Xã A", None, province, n)
        for n, province in enumerate(["P", "Q", "P"], start=1)
    )
    decision = Decision(
        "honours/a.yaml", "honours/a.yaml", "a", "1/QĐ", (), dt.date(2024, 1, 2), Issuer("UBND", "huyen_xa"),
        "cong_nhan", "2024", "Gia đình học tập", (), None, False, entries,
    )  # fmt: skip
    rows = [(decision, entry) for entry in entries]
    p_rows = [row for row in rows if row[1].province == "P"]
    for name, written in (("right", p_rows), ("extra", rows), ("swapped", [rows[0], rows[1]])):
        path = tmp_path / f"{name}.csv"
        export.write_csv(path, written, lambda *_: export.NOT_SETTLED)
        counted = manifest_module.Manifest()
        counted.expect([decision])
        counted.expect_subset("province_csv", p_rows)  # only P has a file of its own
        counted.count("province_csv", partial(manifest_module.csv_anchors, path))
        problems = [problem for problem in counted.problems() if "province_csv" in problem]
        expected = {
            "right": [],
            "extra": ["quyết định 1/QĐ: đọc 2 mục nhưng province_csv có 3 mục"],
            "swapped": ["quyết định 1/QĐ: province_csv có 2 mục nhưng không đúng các mục đã đọc"],
        }
        assert problems == expected[name], name
        assert counted.seen["province_csv"] == {"a": 3 if name == "extra" else 2}


def test_a_lookup_index_missing_an_entry_fails_the_build(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    write_name_index = honours.write_name_index

    def without_last(decisions: list[Any], entry_url: Any, out: Path, *names: Any) -> Any:
        shorter = [dataclasses.replace(d, entries=d.entries[:-1]) for d in decisions]
        return write_name_index(shorter, entry_url, out, *names)

    monkeypatch.setattr(honours, "write_name_index", without_last)
    roll(site, "a", "1/QĐ-UBND", ROWS)
    logged = failed_build(site)
    assert "quyết định 1/QĐ-UBND: đọc 3 mục nhưng lookup có 2 mục" in logged


def test_a_cell_that_looks_like_a_csv_row_end_is_no_false_alarm(tmp_path: Path) -> None:
    entry = HonourEntry(1, "gia_dinh", "Gia đình ông An", None, None, "Thôn 1,a-stt-9\r\nThôn 2", "Xã A", None, "B", 1)
    decision = Decision(
        "honours/a.yaml", "honours/a.yaml", "a", "1/QĐ", (), dt.date(2024, 1, 2), Issuer("UBND", "huyen_xa"),
        "cong_nhan", "2024", "Gia đình học tập", (), None, False, (entry,),
    )  # fmt: skip
    path = tmp_path / "a.csv"
    export.write_csv(path, [(decision, entry)], lambda *_: export.NOT_SETTLED)
    quick, exact = manifest_module.csv_anchors, manifest_module.csv_cells_anchors
    assert [anchor for chunk in quick(path) for anchor in chunk] == [b"a-stt-9", b"a-stt-1"]
    counted = manifest_module.Manifest()
    counted.expect([decision])
    counted.count("csv", partial(quick, path), partial(exact, path))
    assert [problem for problem in counted.problems() if "nhưng csv" in problem] == []
    assert counted.seen["csv"] == {"a": 1}
