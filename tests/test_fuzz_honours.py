"""Fuzzing decisions and their CSV lists: a clean read or located problems, never a traceback (issue 8, point 12).

Hypothesis runs derandomized, so the suite is reproducible; each property is
bounded to a few seconds. Every variant must give either a clean read or
problems at real lines; every CSV row read is an entry or has a problem at its
line; and what is accepted is never garbage.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bangvang.core.honours.csvlist import read_csv
from bangvang.core.honours.entries import Rows
from bangvang.core.honours.guard import FORMULA_STARTS, MAX_TEXT_LENGTH
from bangvang.core.honours.model import FORMS, KINDS, Decision, HonourEntry
from bangvang.core.honours.privacy import personal_data
from bangvang.core.honours.reader import PERIOD_PATTERN, read_decision
from bangvang.core.problems import Problem, Severity

FUZZ = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HEAD = """number: "1234/QĐ-UBND"
signed: 2020-09-30
issuer: {name: "Ủy ban nhân dân tỉnh Hà Tĩnh", level: tinh}
form: cong_nhan
period: "2016-2020"
title: "Gia đình học tập"
"""
HEADER = "stt,kind,name,person,title,village,commune,district,province\n"
ROWS = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn An,Nguyễn Văn An,,Thôn 3,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n",
    '2,dong_ho,"Dòng họ Lê, chi 2",,Dòng họ học tập,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n',
    "3,cong_dong,Thôn Đèo Lang,,,,Xã Kỳ Lâm,Huyện Kỳ Anh,Tỉnh Hà Tĩnh\n",
    "4,ca_nhan,Bà Lê Thị Mai,Lê Thị Mai,Giấy khen,Tổ dân phố số 12,Phường 12,,Tỉnh Hà Tĩnh\n",
    "5,gia_dinh,Gia đình bà Hoàng Thị Hoa,Hoàng Thị Hoa,,Xóm 7,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh\n",
]
INLINE = """entries:
  - stt: 1
    kind: gia_dinh
    name: "Gia đình ông Nguyễn Văn An"
    village: "Thôn 3"
    commune: "Xã Thiên Lộc"
    province: "Tỉnh Hà Tĩnh"
  - {stt: 2, kind: dong_ho, name: "Dòng họ Lê", commune: "Xã Thiên Lộc", province: "Tỉnh Hà Tĩnh"}
"""
# What a spreadsheet, a web editor or a hostile contributor slips into a file.
PIECES = [
    '"', ",", "\n", "\r", "\r\n", "\x00", "\x0b", "\t", "\u200b", "\u202e", "\ufeff", "\u00a0", "=", "+", "-", "@",
    "Ð", "®", "0912 345 678", "038095001234", "sinh 1980", "ngõ 5", "a@b.vn", ":", "[", "]", "{", "}", "'", "#",
    "&a", "*a", "!!python/object", "|", ">", "- ", "yes", "~", "null", "0x10", "1.5", "1_000", "2020-02-30",
    "[giay_khen]", "{}", "[]", "٣", "²", "１２", "x" * 400, "Tỉnh Hà Tĩnh", "gia_dinh", "stt", "kind",
]  # fmt: skip
BYTES = [b"\xff", b"\xc3", b"\xe1\xba", b"\x80", b"\xef\xbb\xbf"]
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")

edits = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=1),
        st.sampled_from(["insert", "insert", "delete", "bytes", "duplicate"]),
        st.sampled_from(PIECES),
        st.sampled_from(BYTES),
        st.integers(min_value=1, max_value=12),
    ),
    min_size=1,
    max_size=4,
)


def _mutate(data: bytes, changes: list[tuple[float, str, str, bytes, int]]) -> bytes:
    for where, kind, piece, raw, size in changes:
        at = int(where * len(data))
        if kind == "insert":
            data = data[:at] + piece.encode() + data[at:]
        elif kind == "bytes":
            data = data[:at] + raw + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + size :]
        else:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            line = data[start : end + 1] if end >= 0 else data[start:] + b"\n"
            data = data[:start] + line + data[start:]
    return data


def _physical_lines(data: bytes) -> int:
    return data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)


def _assert_located(problems: list[Problem], files: dict[str, int]) -> None:
    for problem in problems:
        assert problem.path in files, problem
        assert 1 <= problem.line <= max(files[problem.path], 1), (problem, files)
        assert "Traceback" not in problem.message and len(problem.message) < 1000


def _assert_sane_entry(entry: HonourEntry) -> None:
    assert isinstance(entry.stt, int) and not isinstance(entry.stt, bool) and entry.stt >= 1
    assert entry.kind in KINDS
    for value in (entry.name, entry.commune, entry.province):
        assert isinstance(value, str) and value.strip() == value and value
    for value in (entry.name, entry.person, entry.title, entry.village, entry.commune, entry.district, entry.province):
        if value is None:
            continue
        assert isinstance(value, str) and value and len(value) <= MAX_TEXT_LENGTH
        assert not _HIDDEN.search(value) and value[0] not in FORMULA_STARTS, value
        assert personal_data(value) is None, value


def _assert_sane_decision(decision: Decision) -> None:
    assert decision.form in FORMS and PERIOD_PATTERN.fullmatch(decision.period)
    first, last = decision.period_years
    assert 1900 <= first <= last <= 2099
    for text in (decision.number, decision.title, decision.issuer.name, *decision.aliases):
        assert isinstance(text, str) and text and not _HIDDEN.search(text) and text[0] not in FORMULA_STARTS
    for entry in decision.entries:
        _assert_sane_entry(entry)
    assert len({e.stt for e in decision.entries}) == len(decision.entries)


@FUZZ
@given(rows=st.lists(st.sampled_from(ROWS), min_size=0, max_size=5, unique=True), changes=edits)
def test_fuzzed_csv_lists_read_cleanly_or_with_located_problems(rows: list[str], changes: list[Any]) -> None:
    data = _mutate((HEADER + "".join(rows)).encode(), changes)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "honours").mkdir()
        path = root / "honours/qd.yaml"
        path.write_text(HEAD + "entries_csv: qd.csv\n", encoding="utf-8")
        (root / "honours/qd.csv").write_bytes(data)
        decision, problems = read_decision(path, root)
        _assert_located(problems, {"honours/qd.yaml": 8, "honours/qd.csv": _physical_lines(data)})
        if decision is not None:
            _assert_sane_decision(decision)
        # Never a silently lost row: each physical data line is an entry or has a problem at its line.
        checked = Rows("honours/qd.csv", None)
        read_csv(root / "honours/qd.csv", checked)
    reported = checked.log.report()
    if any(p.line == 1 for p in reported) or checked.log.omitted:
        return  # a header that does not read names no columns: the rows are not read, and that is said
    kept = {entry.line for entry in checked.entries}
    flagged = {problem.line for problem in reported}
    for number, line in enumerate(data.split(b"\n")[1:], start=2):
        text = line.decode("utf-8", "replace")
        if any(char not in ',"' and not char.isspace() for char in text):
            assert number in kept | flagged, (number, text, reported)
    if decision is not None:
        assert [e.line for e in decision.entries] == sorted(kept)


@FUZZ
@given(changes=edits)
def test_fuzzed_decision_yaml_reads_cleanly_or_with_located_problems(changes: list[Any]) -> None:
    data = _mutate((HEAD + INLINE).encode(), changes)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "honours").mkdir()
        path = root / "honours/qd.yaml"
        path.write_bytes(data)
        decision, problems = read_decision(path, root)
    _assert_located(problems, {"honours/qd.yaml": _physical_lines(data) + 1})
    if decision is None:
        assert any(p.severity is Severity.ERROR for p in problems)
        return
    _assert_sane_decision(decision)
    listed = yaml.safe_load(data.decode("utf-8-sig"))["entries"]
    assert len(decision.entries) == len(listed), "every listed entry is published or reported"


@settings(FUZZ, max_examples=150)
@given(
    value=st.one_of(
        st.sampled_from(PIECES),
        st.lists(st.sampled_from(["gia_dinh", "giay_khen", "tinh"]), max_size=2),
        st.dictionaries(st.sampled_from(["a", "name"]), st.sampled_from(["x", "1"]), max_size=2),
        st.integers(),
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
        st.dates().map(str),
        st.text(max_size=30),
    ),
    key=st.sampled_from(
        ["number", "aliases", "signed", "issuer", "form", "period", "title", "basis", "article", "sample", "level"]
    ),
    entry_key=st.sampled_from(["stt", "kind", "name", "person", "title", "village", "commune", "district", None]),
)
def test_fuzzed_values_of_every_key_are_located(value: Any, key: str, entry_key: str | None) -> None:
    doc: dict[str, Any] = yaml.safe_load(HEAD + INLINE)
    if entry_key is None:
        if key == "level":
            doc["issuer"]["level"] = value
        else:
            doc[key] = value
    else:
        doc["entries"][0][entry_key] = value
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "honours").mkdir()
        path = root / "honours/qd.yaml"
        path.write_text(text, encoding="utf-8")
        decision, problems = read_decision(path, root)
    _assert_located(problems, {"honours/qd.yaml": text.count("\n") + 1})
    if decision is not None:
        _assert_sane_decision(decision)
        assert len(decision.entries) == 2
