"""Reading a province's rolls fast and small: the same entries and the same messages, values held once (issue 13)."""

from __future__ import annotations

import csv
import os
import pickle
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bangvang.core.directives import Registry
from bangvang.core.honours import reading
from bangvang.core.honours.csvlist import split_line
from bangvang.core.honours.entries import Rows, SharedValues
from bangvang.core.honours.guard import text_findings
from bangvang.core.honours.model import HonourEntry
from bangvang.core.honours.reader import DecisionRead, read_decision, read_decision_file
from bangvang.core.honours.rolls import load_rolls

HEADER = "stt,kind,name,person,title,village,commune,district,province\n"
HEAD = """number: "{number}/QĐ-UBND"
signed: 2020-09-30
issuer: {{name: "Ủy ban nhân dân tỉnh Hà Tĩnh", level: tinh}}
form: cong_nhan
period: "2016-2020"
title: "Gia đình học tập"
sample: true
entries_csv: {slug}.csv
"""


def _decision(root: Path, slug: str, number: int, rows: str) -> Path:
    folder = root / "honours"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.csv").write_text(HEADER + rows, encoding="utf-8")
    path = folder / f"{slug}.yaml"
    path.write_text(HEAD.format(number=number, slug=slug), encoding="utf-8")
    return path


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.text(alphabet=list('ab ,"\r\n\x00\tđ\u2028'), max_size=12), st.sampled_from(["", "\n", "\r\n", "\r"]))
def test_a_line_split_directly_is_what_the_csv_module_reads(text: str, ending: str) -> None:
    line = text + ending
    cells = split_line(line, csv.field_size_limit())
    if cells is None:
        assert '"' in line or "\r" in line.rstrip("\r\n") or "\x00" in line or "\n" in line.rstrip("\r\n")
        return
    assert cells == next(csv.reader([line]), [])


def test_a_cell_over_the_csv_field_limit_is_left_to_the_csv_module() -> None:
    assert split_line("a," + "b" * 20 + "\n", 20) is None
    assert split_line("a," + "b" * 18 + "\n", 20) == ["a", "b" * 18]


def test_a_value_repeated_on_many_rows_is_reported_at_each_row_in_field_order(tmp_path: Path) -> None:
    # Places and titles are checked once per distinct value: every row naming it still gets its messages.
    bad = "1,gia_dinh,Gia đình ông An,,=Gia đình,Thôn 5 SĐT 0912345678,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"
    clean = "{n},gia_dinh,Gia đình ông {n},,,Thôn 5,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"
    rows = bad + clean.format(n=2) + bad.replace("1,", "3,", 1).replace("ông An", "ông Ba") + clean.format(n=4)
    rows += bad.replace("1,", "5,", 1).replace("ông An", "ông Năm")
    path = _decision(tmp_path, "qd-1", 1, rows)
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    expected = [
        (line, message)
        for line in (2, 4, 6)
        for field, value in (("title", "=Gia đình"), ("village", "Thôn 5 SĐT 0912345678"))
        for _, message in text_findings(field, value)
    ]
    assert [(p.line, p.message) for p in problems] == expected
    assert len(expected) == 6 and "công thức" in expected[0][1] and "điện thoại" in expected[1][1]


def test_a_repeated_value_with_a_warning_keeps_the_row_and_warns_at_each(tmp_path: Path) -> None:
    rows = "".join(f"{n},gia_dinh,Gia đình ông {n},,,Thôn Ðông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n" for n in range(1, 4))
    decision, problems = read_decision(_decision(tmp_path, "qd-1", 1, rows), tmp_path)
    assert decision is not None and len(decision.entries) == 3
    assert [p.line for p in problems] == [2, 3, 4]
    assert len({p.message for p in problems}) == 1 and "U+00D0" in problems[0].message


def test_rows_repeating_values_share_one_object_across_the_lists(tmp_path: Path) -> None:
    # Two lists of 400 rows: names, places, line numbers and STTs (beyond Python's small integers) held once.
    row = "{n},gia_dinh,Gia đình ông Lê Văn {n},Lê Văn {n},,Thôn {m},Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"
    for number, slug in ((1, "qd-1"), (2, "qd-2")):
        _decision(tmp_path, slug, number, "".join(row.format(n=n, m=n % 7) for n in range(1, 401)))
    rolls = load_rolls(tmp_path / "honours", tmp_path, Registry(), set())
    first, second = (d.entries for d in rolls.decisions)
    assert len(first) == len(second) == 400
    assert first[299].commune is second[5].commune and first[0].province is second[399].province
    assert first[3].name is second[3].name and first[3].person is second[3].person
    assert first[3].village is second[10].village and first[3].village == "Thôn 4"  # 4 % 7 == 11 % 7
    assert first[299].stt is second[299].stt and first[299].line is second[299].line  # 300 and 301
    assert first[300].stt is second[299].line  # STT 301 and line 301


def test_a_name_written_decomposed_is_kept_composed_whichever_spelling_came_first(tmp_path: Path) -> None:
    # A name met before is taken as kept without normalising it again: only a text already NFC may be found so.
    composed = "Gia đình ông Lê Văn Hòa"
    decomposed = unicodedata.normalize("NFD", composed)
    person, person_nfd = "Lê Văn Hòa", unicodedata.normalize("NFD", "Lê Văn Hòa")
    assert decomposed != composed
    row = "{n},gia_dinh,{name},{person},,Thôn {n},Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"
    _decision(
        tmp_path,
        "qd-1",
        1,
        row.format(n=1, name=decomposed, person=person) + row.format(n=2, name=composed, person=person_nfd),
    )
    _decision(
        tmp_path,
        "qd-2",
        2,
        row.format(n=1, name=composed, person=person_nfd) + row.format(n=2, name=decomposed, person=person),
    )
    rolls = load_rolls(tmp_path / "honours", tmp_path, Registry(), set())
    assert rolls.problems == []
    entries = [entry for decision in rolls.decisions for entry in decision.entries]
    assert [(entry.name, entry.person) for entry in entries] == [(composed, person)] * 4
    assert len({id(entry.name) for entry in entries}) == 1 and len({id(entry.person) for entry in entries}) == 1


def test_the_same_name_spelt_decomposed_in_one_place_is_a_duplicate(tmp_path: Path) -> None:
    composed = "Gia đình ông Lê Văn Hòa"
    row = "{n},gia_dinh,{name},,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"
    rows = row.format(n=1, name=composed) + row.format(n=2, name=unicodedata.normalize("NFD", composed.upper()))
    _, problems = read_decision(_decision(tmp_path, "qd-1", 1, rows), tmp_path)
    assert [(p.line, "trùng với STT 1 (dòng 2)" in p.message) for p in problems] == [(3, True)]


def test_shared_texts_are_kept_composed() -> None:
    shared = SharedValues()
    kept = shared.text(unicodedata.normalize("NFD", "Xã Thiên Lộc"))
    assert kept == "Xã Thiên Lộc" and shared.text("Xã Thiên Lộc") is kept


def test_shared_values_hold_numbers_once_and_leave_large_ones_alone() -> None:
    shared = SharedValues()
    big = int("12345678901")
    assert shared.number(int("1000")) is shared.number(int("1000"))
    assert shared.number(big) == big
    assert shared.text("Xã " + "A") is shared.text("Xã A")


def test_an_entry_is_immutable_and_survives_pickling() -> None:
    # Entries may be sent to another process: they come back equal, with their fields by name.
    entry = HonourEntry(7, "gia_dinh", "Gia đình ông An", "An", None, "Thôn 1", "Xã A", None, "Tỉnh B", 8)
    back = pickle.loads(pickle.dumps(entry))
    assert back == entry and back.current_commune is None and back.line == 8
    try:
        entry.stt = 9  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("an entry must not change once read")


def test_rows_read_from_yaml_and_csv_keep_the_same_values(tmp_path: Path) -> None:
    # The cached checks serve inline YAML lists alike.
    inline = textwrap.dedent(
        """
        number: "9/QĐ-UBND"
        signed: 2020-09-30
        issuer: {name: "Ủy ban nhân dân tỉnh Hà Tĩnh", level: tinh}
        form: cong_nhan
        period: "2016-2020"
        title: "Gia đình học tập"
        entries:
          - {stt: 1, kind: gia_dinh, name: " Gia đình ông An ", village: " Thôn 1 ", commune: Xã A, province: B}
          - {stt: 2, kind: gia_dinh, name: "Gia đình ông Ba", village: " Thôn 1 ", commune: Xã A, province: B}
        """
    )
    (tmp_path / "honours").mkdir()
    path = tmp_path / "honours" / "qd-9.yaml"
    path.write_text(inline, encoding="utf-8")
    decision, problems = read_decision(path, tmp_path)
    assert problems == [] and decision is not None
    one, two = decision.entries
    assert (one.name, one.village, two.village) == ("Gia đình ông An", "Thôn 1", "Thôn 1")
    assert one.village is two.village


def test_a_spreadsheet_stt_and_a_padded_one_read_alike() -> None:
    rows = Rows("honours/qd.csv", None)
    for line, stt in ((2, "1"), (3, " 2 "), (4, "03"), (5, "١٢"), (6, "1234567890")):
        rows.add({"stt": stt, "kind": "gia_dinh", "name": f"Gia đình {line}", "commune": "Xã A", "province": "B"}, line)
    assert [(e.stt, e.line) for e in rows.entries] == [(1, 2), (2, 3)]
    assert [p.line for p in rows.log.report()] == [4, 5, 6]


def _rolls_to_share(root: Path) -> None:
    """Six decisions, one with a bad row and one with a warning: what two processes must read alike."""
    row = "{n},gia_dinh,Gia đình ông Lê Văn {n},Lê Văn {n},,Thôn {m},Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"
    for number in range(1, 7):
        rows = "".join(row.format(n=n, m=n % 7) for n in range(1, 301 + number))
        if number == 2:
            rows += "9999,gia_dinh,=SUM(A1),,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"
        if number == 5:
            rows += "9999,gia_dinh,Gia đình ông Ðinh Văn Một,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"
        _decision(root, f"qd-{number}", number, rows)


def test_two_processes_read_the_rolls_one_process_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _rolls_to_share(tmp_path)
    alone = load_rolls(tmp_path / "honours", tmp_path, Registry(), set())
    monkeypatch.setattr(reading, "READ_TOGETHER_FROM", 0)  # these small rolls are shared too
    together = load_rolls(tmp_path / "honours", tmp_path, Registry(), set(), processes=2)
    assert [p.message for p in alone.problems if p.path.endswith("qd-2.csv")]  # the bad row is said
    assert together.problems == alone.problems
    assert together.decisions == alone.decisions and len(alone.decisions) == 5
    assert [d.lines for d in together.decisions] == [d.lines for d in alone.decisions]
    first, last = together.decisions[0].entries, together.decisions[-1].entries
    # The last files were read by the worker: their texts are its objects, their numbers this process's again.
    assert first[0].province == last[0].province and first[0].province is not last[0].province
    assert alone.decisions[0].entries[0].province is alone.decisions[-1].entries[0].province
    assert first[299].stt is last[299].stt and first[299].line is last[299].line  # 300 and 301


def test_the_files_of_a_worker_that_died_are_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _rolls_to_share(tmp_path)
    paths = sorted((tmp_path / "honours").glob("*.yaml"))
    parent = os.getpid()

    def read(path: Path, shared: SharedValues) -> DecisionRead:
        if os.getpid() != parent:
            os._exit(1)  # the worker dies as the out-of-memory killer would end it
        return read_decision_file(path, tmp_path, shared=shared)

    monkeypatch.setattr(reading, "READ_TOGETHER_FROM", 0)
    together = reading.read_files(paths, read, SharedValues(), processes=2)
    alone = [read(path, SharedValues()) for path in paths]
    assert [(found.decision, found.problems) for found in together] == [(f.decision, f.problems) for f in alone]
