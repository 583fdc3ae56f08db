"""Reading a spreadsheet as it came: .xlsx, .xls, .ods through python-calamine, .csv through the csv module.

Calamine gives the values (a formula's cached value) fast. It shows a formula
with no cached value as an empty cell, and it reads no fonts; so for .xlsx,
openpyxl (read-only) tells which cells hold formulas and which fonts the text
cells use, and for .xls, xlrd tells the fonts. Merged ranges come from calamine.
Every failure is a ``WorkbookError`` whose message names the file and says what
to do, in Vietnamese.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from ..honours.csvlist import csv_message

Value = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta
"""What a cell holds: text, a number, a date or time; an empty cell is ``""``."""

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
_CFB = bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE compound file: .xls, or an encrypted .xlsx/.ods
_CSV_SAMPLE_LINES = 30


class WorkbookError(Exception):
    """A file that cannot be read as a spreadsheet; the message is Vietnamese and names the file."""


@dataclass
class Sheet:
    """One sheet: its rows of values from row 1, merged ranges, and what only openpyxl can tell."""

    name: str
    rows: list[list[Value]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column), 0-based, inclusive."""
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)
    """The font of a text cell, (row, column) 0-based, where the caller wanted it kept."""
    uncached: set[tuple[int, int]] = field(default_factory=set)
    """Formula cells whose file holds no computed value."""
    has_fonts: bool = False
    """Whether the file format carries font names (.xlsx and .xls here)."""
    merges_known: bool = True
    """False when the reader cannot tell merged ranges (python-calamine on .ods): a merged cell reads as empty."""
    source: Path | None = None
    """The .xlsx whose formulas are still to be read (``find_uncached``), when no legacy font made us read them."""


@dataclass
class Workbook:
    """A file's sheets, in order, and the name it is reported by."""

    name: str
    sheets: list[Sheet]


def read_workbook(path: Path, font_wanted: Callable[[str], bool] = lambda name: True) -> Workbook:
    """Read a spreadsheet or CSV file; ``font_wanted`` picks the font names worth keeping per cell."""
    name = path.name
    if not path.is_file():
        raise WorkbookError(f"{name}: không có tệp này")
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix == ".csv":
        return Workbook(name, [_read_csv(path)])
    if suffix not in SPREADSHEETS:
        raise WorkbookError(
            f"{name}: không phải bảng tính; chỉ nhập được tệp .xlsx, .xls, .ods (Excel, LibreOffice) hoặc .csv"
        )
    if not head:
        raise WorkbookError(f"{name}: tệp rỗng (0 byte), không có trang tính nào; mở bảng tính gốc và lưu lại")
    if suffix != ".xls" and head == _CFB:
        raise WorkbookError(_password_message(name))
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = [_calamine_sheet(book, index, sheet_name) for index, sheet_name in enumerate(book.sheet_names)]
    except python_calamine.PasswordError:
        raise WorkbookError(_password_message(name)) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise WorkbookError(_corrupt_message(name, suffix, exc)) from None
    if not any(any(value != "" for value in row) for sheet in sheets for row in sheet.rows):
        raise WorkbookError(f"{name}: bảng tính không có ô nào có dữ liệu (các trang tính đều trống)")
    if suffix in (".xlsx", ".xlsm"):
        _read_xlsx_extras(path, sheets, font_wanted)
    elif suffix == ".xls":
        _read_xls_fonts(path, sheets, font_wanted)
    return Workbook(name, sheets)


def _calamine_sheet(book: python_calamine.CalamineWorkbook, index: int, name: str) -> Sheet:
    sheet = book.get_sheet_by_index(index)
    rows: list[list[Value]] = sheet.to_python(skip_empty_area=False)
    first_row, first_column = sheet.start or (0, 0)
    if first_column:
        rows = [[""] * first_column + row for row in rows]
    if first_row:
        rows = [[] for _ in range(first_row)] + rows
    ranges = sheet.merged_cell_ranges
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (ranges or [])]
    return Sheet(name, rows, merged, merges_known=ranges is not None)


def _read_xlsx_extras(path: Path, sheets: list[Sheet], font_wanted: Callable[[str], bool]) -> None:
    """Read fonts and formulas with openpyxl when the stylesheet has a wanted font; else leave formulas for later.

    openpyxl's cells cost ten times calamine's whole read: a file with no
    legacy font needs them only where calamine shows an empty cell the list
    uses (see ``find_uncached``).
    """
    for sheet in sheets:
        sheet.has_fonts = True
        sheet.source = path
    if not _has_wanted_font(path, font_wanted):
        return
    book = _open(path)
    try:
        for sheet in sheets:
            sheet.source = None
            if sheet.name not in book.sheetnames:
                continue
            for row in book[sheet.name].iter_rows():
                for cell in row:
                    kind = getattr(cell, "data_type", None)
                    if kind == "f":
                        r, c = cell.row - 1, cell.column - 1
                        if r >= len(sheet.rows) or c >= len(sheet.rows[r]) or sheet.rows[r][c] == "":
                            sheet.uncached.add((r, c))
                    elif kind == "s":
                        font = cell.font.name
                        if font and font_wanted(font):
                            sheet.fonts[(cell.row - 1, cell.column - 1)] = font
    finally:
        book.close()


def _has_wanted_font(path: Path, font_wanted: Callable[[str], bool]) -> bool:
    """Tell whether the workbook's stylesheet (every font its cells use) has a wanted font, with openpyxl's parser."""
    from openpyxl.styles.stylesheet import Stylesheet
    from openpyxl.xml.functions import fromstring

    try:
        with zipfile.ZipFile(path) as archive:
            styles = archive.read("xl/styles.xml")
    except KeyError:
        return False
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookError(_corrupt_message(path.name, ".xlsx", exc)) from None
    fonts = Stylesheet.from_tree(fromstring(styles)).fonts
    return any(font.name and font_wanted(font.name) for font in fonts)


def _read_xls_fonts(path: Path, sheets: list[Sheet], font_wanted: Callable[[str], bool]) -> None:
    """Read the wanted fonts of an .xls's text cells with xlrd, when the workbook's font list has one.

    xlrd reads the workbook globals (fonts, cell formats) first and each sheet
    only on demand: a file with no wanted font costs no cell reading. A file
    xlrd cannot read (calamine could) keeps no fonts: its text is then judged by
    its characters alone, as a CSV's is.
    """
    import xlrd  # imported here: only .xls files need it

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO())
    except Exception:  # xlrd fails in many ways (XLRDError, CompDocError, struct.error) on files calamine reads
        return
    try:
        names = [font.name for font in book.font_list]
        wanted = {
            index: names[xf.font_index]
            for index, xf in enumerate(book.xf_list)
            if xf.font_index < len(names) and names[xf.font_index] and font_wanted(names[xf.font_index])
        }
        for sheet in sheets:
            sheet.has_fonts = True
        if not wanted:
            return
        listed = book.sheet_names()
        for sheet in sheets:
            if sheet.name in listed:
                _xls_sheet_fonts(book.sheet_by_name(sheet.name), sheet, wanted)
    except Exception:  # a sheet xlrd cannot parse: keep what calamine read, with no fonts
        for sheet in sheets:
            sheet.fonts.clear()
            sheet.has_fonts = False
    finally:
        book.release_resources()


def _xls_sheet_fonts(source: Any, sheet: Sheet, wanted: dict[int, str]) -> None:
    """Keep the font of every text cell of an xlrd sheet whose cell format uses a wanted font."""
    import xlrd

    for r in range(source.nrows):
        for c, kind in enumerate(source.row_types(r)):
            if kind == xlrd.XL_CELL_TEXT:
                font = wanted.get(source.cell_xf_index(r, c))
                if font is not None:
                    sheet.fonts[(r, c)] = font


def _open(path: Path) -> Any:
    import openpyxl  # imported here: only .xlsx files need it

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookError(_corrupt_message(path.name, ".xlsx", exc)) from None


def find_uncached(sheet: Sheet) -> None:
    """Mark the sheet's formulas with no cached value, reading formulas with openpyxl (for an .xlsx not yet read)."""
    if sheet.source is None:
        return
    book = _open(sheet.source)
    sheet.source = None
    try:
        if sheet.name in book.sheetnames:
            _find_uncached(sheet, book[sheet.name].iter_rows(values_only=True))
    finally:
        book.close()


def _find_uncached(sheet: Sheet, rows: Iterator[tuple[object, ...]]) -> None:
    """Mark the formulas (values read without computing: "=…") that calamine found no cached value for."""
    values = sheet.rows
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            formula = isinstance(value, str) and value.startswith("=")
            if formula and (r >= len(values) or c >= len(values[r]) or values[r][c] == ""):
                sheet.uncached.add((r, c))


def _read_csv(path: Path) -> Sheet:
    """Read a CSV as Excel saves it: UTF-8 with or without BOM, ',' or ';', CRLF or LF."""
    data = path.read_bytes()
    name = path.name
    if not data.strip():
        raise WorkbookError(f"{name}: tệp CSV trống, không có dòng nào")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkbookError(f"{name}: tệp lưu bằng bảng mã UTF-16; trong Excel lưu lại dưới dạng 'CSV UTF-8'")
    if b"\x00" in data[:4096]:
        raise WorkbookError(f"{name}: không phải tệp CSV dạng chữ (có byte 0); có thể là bảng tính đổi đuôi sai")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise WorkbookError(
            f"{name}!{path.stem}!{line}: tệp không phải UTF-8 (có thể là Windows-1258 hay bảng mã cũ TCVN3/VNI); "
            "trong Excel lưu lại dưới dạng 'CSV UTF-8', hoặc nhập thẳng tệp .xlsx"
        ) from None
    sample = text.splitlines()[:_CSV_SAMPLE_LINES]
    delimiter = ";" if sum(line.count(";") for line in sample) > sum(line.count(",") for line in sample) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows: list[list[Value]] = [list(record) for record in reader]
    except csv.Error as exc:
        raise WorkbookError(f"{name}!{path.stem}!{reader.line_num}: {csv_message(str(exc))}") from None
    return Sheet(path.stem, rows)


def _password_message(name: str) -> str:
    return (
        f"{name}: bảng tính có đặt mật khẩu (mã hóa), không đọc được; mở tệp bằng Excel, bỏ mật khẩu "
        "(File → Info → Protect Workbook → Encrypt with Password, xóa mật khẩu) rồi lưu lại"
    )


def _corrupt_message(name: str, suffix: str, exc: Exception) -> str:
    kind = {".xls": "Excel 97–2003", ".ods": "LibreOffice"}.get(suffix, "Excel")
    return (
        f"{name}: tệp hỏng hoặc không phải bảng tính {kind} dù có đuôi {suffix} ({type(exc).__name__}); "
        "mở tệp gốc bằng Excel hoặc LibreOffice và lưu lại, hoặc xin lại tệp"
    )
