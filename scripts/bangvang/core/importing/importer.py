"""Reading every source row of the files given into candidates for a list, each row accounted for in the report."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..text import format_number
from . import legacy
from .layout import (
    Column,
    Layout,
    LayoutError,
    classify,
    column_index,
    column_letter,
    fill_merged,
    find_layout,
    words,
)
from .report import Report
from .values import Options, Refusal, cell_text, decode_legacy, guess_kind, private_by_content, row_values
from .workbook import Sheet, Workbook, WorkbookError, find_uncached, read_workbook

FIELD_NAMES = {
    "stt": "stt",
    "ten": "name",
    "name": "name",
    "thon": "village",
    "village": "village",
    "xa": "commune",
    "commune": "commune",
    "huyen": "district",
    "district": "district",
    "tinh": "province",
    "province": "province",
    "danh-hieu": "title",
    "danh_hieu": "title",
    "title": "title",
    "ghi-chu": "note",
}
"""The field names ``--cot`` takes (Vietnamese without diacritics, or the CSV column names)."""

_DECISION = re.compile(r"quyết định số\s*:?\s*([0-9][^\s,;)]*)", re.IGNORECASE)
_DATE = re.compile(r"ngày\s*(\d{1,2})\s*(?:[/.\-]|tháng)\s*(\d{1,2})\s*(?:[/.\-]|năm)\s*((?:19|20)\d\d)", re.IGNORECASE)
_YEAR = re.compile(r"năm\s+((?:19|20)\d\d)", re.IGNORECASE)


class ImportInputError(Exception):
    """Input that cannot be imported at all; the message is Vietnamese and located. Nothing is written."""


@dataclass
class Candidate:
    """A source row ready to import: where it came from and its entry values."""

    where: str
    values: dict[str, object]


@dataclass
class Found:
    """What the title rows tell about the decision: number, signing date, year, kind."""

    number: str | None = None
    signed: str | None = None
    year: str | None = None
    kind: str | None = None


@dataclass
class Request:
    """What the editor asked for."""

    files: list[Path]
    options: Options = field(default_factory=Options)
    columns: dict[str, str] = field(default_factory=dict)
    sheets: list[str] = field(default_factory=list)
    header_row: int | None = None


def collect(request: Request, report: Report) -> tuple[list[Candidate], Found]:
    """Read every file and sheet; put each row in the report (left out, refused) or in the candidates."""
    for name in request.columns:
        if name not in FIELD_NAMES:
            raise ImportInputError(f"--cot: không có trường '{name}'; dùng một trong: {', '.join(FIELD_NAMES)}")
    candidates: list[Candidate] = []
    found = Found()
    for path in request.files:
        try:
            book = read_workbook(path, lambda font: legacy.font_encoding(font) is not None)
        except WorkbookError as exc:
            raise ImportInputError(str(exc)) from None
        sheets = book.sheets
        if request.sheets:
            sheets = [_pick_sheet(book, wanted) for wanted in request.sheets]
        sheets = [sheet for sheet in sheets if any(any(cell != "" for cell in row) for row in sheet.rows)]
        for sheet in sheets:
            where = f"{book.name}!{sheet.name}"
            try:
                layout = find_layout(sheet, where, request.header_row)
            except LayoutError as exc:
                raise ImportInputError(str(exc)) from None
            _override(layout, request.columns, where)
            classify(layout)
            if sheet.source is not None and _empty_used_cell(layout):
                find_uncached(sheet)  # an empty cell the list uses may be a formula with no cached value
                fill_merged(sheet)
            candidates += _sheet_rows(layout, where, request, report, found)
    return candidates, found


def _pick_sheet(book: Workbook, wanted: str) -> Sheet:
    """Return the sheet named ``wanted``, or at that 1-based position."""
    for sheet in book.sheets:
        if sheet.name == wanted:
            return sheet
    if wanted.isdigit() and 1 <= int(wanted) <= len(book.sheets):
        return book.sheets[int(wanted) - 1]
    listed = ", ".join(f"'{sheet.name}'" for sheet in book.sheets)
    raise ImportInputError(f"{book.name}: không có trang tính '{wanted}'; các trang tính: {listed}")


def _empty_used_cell(layout: Layout) -> bool:
    """Tell whether a data row has an empty cell in a column the list uses."""
    used = [column.index for column in layout.columns if column.field]
    rows = layout.sheet.rows
    for r, kind in enumerate(layout.classes):
        if kind == "data":
            row = rows[r]
            if any(index >= len(row) or row[index] == "" for index in used):
                return True
    return False


def _override(layout: Layout, columns: dict[str, str], where: str) -> None:
    """Apply ``--cot field=COLUMN``: the column named fills the field, whatever its header says."""
    width = max((len(row) for row in layout.sheet.rows), default=0)
    for name, letters in columns.items():
        index = column_index(letters)
        if (
            index is None
            or index >= width
            or all(index >= len(row) or row[index] == "" for row in layout.sheet.rows[layout.header_last + 1 :])
        ):
            raise ImportInputError(
                f"{where}: --cot {name}={letters}: cột {letters} không có trong trang tính hoặc không có dữ liệu "
                f"(trang tính có các cột A–{column_letter(max(width - 1, 0))})"
            )
        target = FIELD_NAMES[name]
        for column in layout.columns:
            if column.field == target:
                column.field = None
        chosen = next((column for column in layout.columns if column.index == index), None)
        if chosen is None:
            chosen = Column(
                index,
                words(layout.sheet.rows[layout.header_first][index])
                if index < len(layout.sheet.rows[layout.header_first])
                else letters,
            )
            layout.columns.append(chosen)
            layout.columns.sort(key=lambda column: column.index)
        chosen.field, chosen.private = target, None
    layout.forget_fields()


def _sheet_rows(layout: Layout, where: str, request: Request, report: Report, found: Found) -> list[Candidate]:
    sheet = layout.sheet
    if layout.column("name") is None:
        raise ImportInputError(
            f"{where}: không tìm thấy cột tên (Họ và tên, Tên gia đình, Tên dòng họ…) ở dòng "
            f"{layout.header_first + 1}; chỉ rõ bằng --cot ten=CỘT"
        )
    titles = [
        unicodedata.normalize("NFC", value)
        for r, kind in enumerate(layout.classes)
        if kind == "title"
        for value in sheet.rows[r]
        if isinstance(value, str)
    ]
    _read_titles(titles, found)
    name_column = layout.column("name")
    options = request.options
    if options.kind is None:
        options.kind = found.kind or guess_kind(titles, name_column.label if name_column else "")
        if options.kind is None:
            raise ImportInputError(
                f"{where}: không đoán được loại danh sách (gia đình, dòng họ, đơn vị…) từ tiêu đề; "
                "chỉ rõ bằng --loai (ví dụ --loai gia_dinh)"
            )
    found.kind = options.kind
    _require_places(layout, options, where)
    private_by_content(layout)
    used = [column for column in layout.columns if column.field]
    report.columns.append(
        f"Trang {where}: dòng tên cột {layout.header_first + 1}"
        + (f"–{layout.header_last + 1}" if layout.header_last > layout.header_first else "")
        + "; "
        + ", ".join(f"{column_letter(column.index)} '{column.label}' → {column.field}" for column in used)
        + (f"; thôn lấy từ tên trang tính: '{layout.village}'" if layout.village else "")
    )
    for column in layout.columns:
        if column.private:
            report.private.append(f"{where}!{column_letter(column.index)} '{column.label}' ({column.private})")
    _say_unused_columns(layout, where, report)
    if not sheet.merges_known:
        _warn_unknown_merges(layout, where, report)
    converted, refused = decode_legacy(layout, where)
    report.converted += converted
    candidates = []
    for r, kind in enumerate(layout.classes):
        report.source_rows += 1
        at = f"{where}!{r + 1}"
        if kind != "data":
            report.left_out.append((at, kind))
            continue
        result = refused.get(r) or row_values(layout, r, where, options)
        if isinstance(result, Refusal):
            report.refused.append((result.cell or at, result.reason))
        else:
            candidates.append(Candidate(at, result))
    return candidates


_PLACES = (("commune", "xã, phường", "xa"), ("province", "tỉnh", "tinh"))


def _require_places(layout: Layout, options: Options, where: str) -> None:
    """Stop when no row can have its commune or province: a column missing, with no option to give it for all."""
    missing = [
        (label, option) for name, label, option in _PLACES if layout.column(name) is None and name not in options.places
    ]
    if not missing:
        return
    columns = " và ".join(f"cột {label}" for label, _ in missing)
    given = " ".join(f'--{option} "…"' for _, option in missing)
    pointed = ", ".join(f"--cot {option}=CỘT" for _, option in missing)
    raise ImportInputError(
        f"{where}: bảng tính không có {columns}, nên dòng nào cũng thiếu; ghi chung cho cả danh sách bằng "
        f"{given}, hoặc chỉ rõ cột bằng {pointed}"
    )


def _say_unused_columns(layout: Layout, where: str, report: Report) -> None:
    """Name each column with text that is not imported (notes, unknown headers): nothing is dropped unsaid."""
    rows = layout.sheet.rows
    data = [rows[r] for r, kind in enumerate(layout.classes) if kind == "data"]
    for column in layout.columns:
        if column.private or column.field not in (None, "note"):
            continue
        filled = sum(1 for row in data if column.index < len(row) and cell_text(row[column.index]))
        if not filled:
            continue
        why, advice = (
            ("ghi chú của bảng tính: bảng vàng không đăng ghi chú", "xem lại nếu ghi chú sửa tên hay nơi ở")
            if column.field == "note"
            else ("không nhận ra tên cột", "dùng --cot TRƯỜNG=CỘT nếu cột này cần nhập")
        )
        report.notes.append(
            f"Cột không nhập: {where}!{column_letter(column.index)} '{column.label}' ({why}): "
            f"{format_number(filled)} ô có chữ; {advice}"
        )


def _warn_unknown_merges(layout: Layout, where: str, report: Report) -> None:
    """Say where a place column is empty under a filled row, when the reader could not see merged cells."""
    rows = layout.sheet.rows
    data = [r for r, kind in enumerate(layout.classes) if kind == "data"]
    for name in ("village", "commune", "district", "province"):
        column = layout.column(name)
        if column is None:
            continue
        c = column.index
        gaps: list[int] = []
        seen = False
        for r in data:
            empty = c >= len(rows[r]) or rows[r][c] == ""
            if empty and seen:
                gaps.append(r)
            seen = seen or not empty
        if gaps:
            report.notes.append(
                f"Lưu ý: {where}!{column_letter(c)}: bộ đọc không thấy ô gộp của tệp này (.ods), và cột "
                f"'{column.label}' để trống ở {len(gaps)} dòng dưới một dòng có giá trị (đầu tiên: dòng "
                f"{gaps[0] + 1}). Nếu đó là ô gộp, các dòng ấy đang thiếu {column.label.lower()}: trong LibreOffice "
                "bỏ gộp ô (Định dạng → Gộp và bỏ gộp ô → Bỏ gộp ô), điền giá trị, lưu lại rồi nhập lại"
            )


def _read_titles(texts: list[str], found: Found) -> None:
    """Find the decision number and date in the "Kèm theo Quyết định số …" line, and the year of the list."""
    for text in texts:
        number = _DECISION.search(text)
        if number and found.number is None:
            found.number = number.group(1).rstrip(".")
            date = _DATE.search(text, number.end())
            if date:
                day, month, year = (int(part) for part in date.groups())
                found.signed = f"{year:04d}-{month:02d}-{day:02d}"
        in_year = _YEAR.search(text)
        if in_year and found.year is None:
            found.year = in_year.group(1)
