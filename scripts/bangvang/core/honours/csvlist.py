"""Reading a decision's list from CSV: streamed, one record per physical line, every problem located.

A spreadsheet's CSV never needs a cell spanning lines, and a stray quote
(``…,"Tỉnh Hà Tĩnh``) would otherwise swallow every later row into one cell.
So the ``csv`` module is fed one line at a time, and a record that asks for a
second line is refused at the line where its quote opened; the next line is
read as a row of its own. Most lines hold no quote at all: those are split at
commas directly (:func:`split_line`, exactly what the csv module would read),
the others go through the csv module. The file is read line by line, so memory
holds one line and the entries kept, never the whole file and its decoded copy.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

from ..schema import suggestion
from ..text import format_number
from .entries import PLACE_FIELDS, REQUIRED_FIELDS, Rows
from .guard import clipped
from .model import ENTRY_FIELDS, LIST_FIELDS

_BOM = b"\xef\xbb\xbf"


class _RecordContinuedError(Exception):
    """The csv module asked for another line in the middle of a record (an unclosed quote)."""


class _OneLine:
    """Gives the csv module one line, and refuses to continue a record onto the next."""

    def __init__(self) -> None:
        self.line: str | None = None

    def __iter__(self) -> _OneLine:
        return self

    def __next__(self) -> str:
        line, self.line = self.line, None
        if line is None:
            raise _RecordContinuedError
        return line


def split_line(line: str, limit: int) -> list[str] | None:
    """Return the cells of a line as the ``csv`` module reads it, when that is a plain split; else None.

    A line with no quote, no CR, LF or NUL inside and no cell longer than ``limit``
    (the csv module's field limit) is its text split at commas, line ending off;
    a blank line has no cells. Anything else is left to the csv module.
    """
    body = line.rstrip("\r\n")
    if '"' in body or "\r" in body or "\n" in body or "\x00" in body or len(body) > limit:
        return None
    return body.split(",") if body else []


class _Records:
    """The records of a list file, one per physical line, numbered; the lines that do not read are reported."""

    def __init__(self, handle: BinaryIO, rows: Rows) -> None:
        self.handle = handle
        self.rows = rows
        self.number = 0
        self.feed = _OneLine()
        self.reader = csv.reader(self.feed)
        self.limit = csv.field_size_limit()

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        rows = self.rows
        for raw in self.handle:
            self.number += 1
            number = self.number
            if number == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]  # a spreadsheet's "CSV UTF-8" starts with a byte-order mark
            elif number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                rows.error(
                    1, "tệp lưu bằng bảng mã UTF-16 (kiểu 'Unicode text' của Excel); lưu lại dưới dạng 'CSV UTF-8'"
                )
                return
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                rows.error(number, encoding_message())
                line = "\n"
            cells = split_line(line, self.limit)
            if cells is None:
                cells = self._parsed(line, number)
                if cells is None:
                    continue
            yield number, cells

    def _parsed(self, line: str, number: int) -> list[str] | None:
        """Read a line with the csv module (quotes, stray CR…); report it and return None when it does not read."""
        self.feed.line = line
        try:
            cells: list[str] = next(self.reader)
        except _RecordContinuedError:
            self.rows.error(
                number,
                'dấu ngoặc kép (") mở ở dòng này mà không đóng trên cùng dòng: ô không được xuống dòng, và các '
                "dòng sau sẽ bị nuốt vào ô này; xóa dấu ngoặc kép thừa hoặc đóng nó lại",
            )
            return None
        except csv.Error as exc:
            self.rows.error(number, csv_message(str(exc)))
            return None
        return cells


def read_csv(path: Path, rows: Rows) -> None:
    """Read a list from a UTF-8 CSV whose header names the entry fields; rows go to ``rows``."""
    with path.open("rb") as handle:
        records = _Records(handle, rows)
        lines = iter(records)
        header = next(lines, None)
        if records.number == 0:
            rows.error(1, "tệp CSV trống: cần dòng tiêu đề " + ",".join(ENTRY_FIELDS))
            return
        if header is None or header[0] != 1 or rows.has_errors:
            return  # a header that did not read (encoding, quotes) names no columns
        columns = [name.strip() for name in header[1]]
        if not _check_header(columns, rows):
            return
        width = len(columns)
        # Each field's cell by position; a column the file does not have reads the None put after the last cell.
        head = itemgetter(*(_position(columns, name) for name in ("stt", "kind", "name", "person")))
        places = itemgetter(*(_position(columns, name) for name in PLACE_FIELDS))
        add = rows.add_row
        for line, cells in lines:
            if not any(map(str.strip, cells)):
                continue
            if len(cells) != width:
                rows.error(line, f"dòng có {len(cells)} cột, dòng tiêu đề có {width} cột")
                continue
            cells.append(None)  # type: ignore[arg-type]
            stt, kind, name, person = head(cells)
            add(stt, kind, name, person, places(cells), line)


def _position(columns: list[str], name: str) -> int:
    """Return where a field's cell is in a row; -1 (the None after the last cell) when the file has no such column."""
    return columns.index(name) if name in columns else -1


def _check_header(columns: list[str], rows: Rows) -> bool:
    """Report unknown, missing and repeated columns; tell whether the header is usable."""
    allowed = ", ".join(LIST_FIELDS)
    for name in columns:
        if name not in LIST_FIELDS:
            if rows.log.full:
                rows.error(1, "")
                continue
            hint = suggestion(name, list(LIST_FIELDS)) if len(name) < 40 else ""
            rows.error(1, f"cột không hợp lệ {clipped(name)}{hint}; các cột được dùng: {allowed}")
    for name in REQUIRED_FIELDS:
        if name not in columns:
            rows.error(1, f"thiếu cột bắt buộc '{name}' trong dòng tiêu đề")
    if len(set(columns)) != len(columns):
        rows.error(1, "dòng tiêu đề có cột bị lặp")
    return not rows.has_errors


def csv_message(error: str) -> str:
    """Say in Vietnamese what the csv module could not read."""
    if "field larger than field limit" in error:
        return f"có ô dài hơn {format_number(csv.field_size_limit())} ký tự: không phải một tên hay địa danh"
    if "NUL" in error:
        return "có ký tự NUL (U+0000): tệp có vẻ không phải CSV dạng chữ; lưu lại dưới dạng 'CSV UTF-8'"
    if "new-line" in error:
        return "có ký tự xuống dòng (CR) đứng giữa dòng: ô không được xuống dòng; xóa ký tự đó"
    return f"dòng CSV không đọc được ({error})"


def encoding_message() -> str:
    """Say that a list file is not UTF-8 text, and how to save it."""
    return (
        "tệp không phải UTF-8 (có thể là Windows-1258 hay bảng mã cũ TCVN3/VNI); nhập bảng tính gốc bằng lệnh "
        "'bangvang nhap' (lệnh này chuyển cả chữ gõ bằng phông cũ sang Unicode) hoặc lưu lại dưới dạng 'CSV UTF-8'"
    )
