"""A list's values as Bảng Vàng keeps them: STT as integers, text trimmed and NFC, legacy fonts decoded.

Every value that cannot be kept is refused at its cell: a formula with no
cached value, an STT that is not a whole number, text that cannot be decoded
from a legacy font with confidence, text the privacy guard rejects.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from ..collation import person_name
from ..honours.guard import FORMULA_STARTS, MAX_TEXT_LENGTH, suspect, text_findings
from ..honours.model import KINDS, PERSON_KINDS
from ..honours.privacy import personal_data
from ..problems import Severity
from . import legacy
from .layout import Column, Layout, column_letter
from .workbook import Value

TEXT_FIELDS = ("name", "title", "village", "commune", "district", "province")
_PRIVACY_SAMPLE = 1000
"""How many values of a column show whether it holds personal data."""


@dataclass
class Options:
    """What the editor chose for the whole list: kind, title, and places missing from the sheet."""

    kind: str | None = None
    title: str | None = None
    places: dict[str, str] = field(default_factory=dict)


@dataclass
class Refusal:
    """A row that is not imported: the cell at fault (or None for the whole row) and why."""

    cell: str | None
    reason: str


@dataclass
class Converted:
    """A column decoded from a legacy font: where, which encoding, how many cells."""

    sheet: str
    column: Column
    encoding: str
    cells: int = 0


def cell_text(value: Value) -> str:
    """Return a cell as text: trimmed of spaces and NBSP, NFC; whole numbers without ".0"; dates d/m/yyyy."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.replace("\u00a0", " ").strip())
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    return str(value)


def stt_value(value: Value) -> int | None:
    """Return an STT as a positive integer (1, 1.0, "1", "1."), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.replace("\u00a0", " ").strip().rstrip(".")
        value = int(text) if text.isascii() and text.isdigit() else 0
    return value if isinstance(value, int) and value >= 1 else None


def decode_legacy(layout: Layout, where: str) -> tuple[list[Converted], dict[int, Refusal]]:
    """Decode legacy-font text (TCVN3, VNI) column by column, in place; count converted cells, refuse the rest.

    A cell whose font names an encoding is decoded by it (an "…H" font means
    upper case); the other cells of a column are decoded when their characters
    show an encoding. Returns the converted columns and the refused rows.
    """
    sheet = layout.sheet
    data = [r for r, kind in enumerate(layout.classes) if kind == "data"]
    converted: list[Converted] = []
    refused: dict[int, Refusal] = {}
    for column in layout.columns:
        if column.field not in TEXT_FIELDS:
            continue
        c = column.index
        by_font: dict[int, tuple[legacy.Encoding, bool]] = {}
        for r in data:
            found = legacy.font_encoding(sheet.fonts.get((r, c)))
            if found is not None:
                by_font[r] = found
        rest = [r for r in data if r not in by_font and c < len(sheet.rows[r]) and isinstance(sheet.rows[r][c], str)]
        guessed = legacy.guess_encoding([str(sheet.rows[r][c]) for r in rest]) if rest else None
        plan = dict(by_font)
        if guessed is not None:
            plan.update(dict.fromkeys(rest, (guessed, False)))
        counts: dict[str, int] = {}
        for r, (encoding, upper) in sorted(plan.items()):
            text = sheet.rows[r][c] if c < len(sheet.rows[r]) else ""
            if not isinstance(text, str) or not text.strip():
                continue
            try:
                sheet.rows[r][c] = legacy.decode(text, encoding, upper)
            except legacy.LegacyTextError as exc:
                refused.setdefault(r, Refusal(f"{where}!{column_letter(c)}{r + 1}", str(exc)))
                continue
            counts[encoding] = counts.get(encoding, 0) + 1
        converted += [Converted(sheet.name, column, encoding, n) for encoding, n in counts.items()]
    return converted, refused


def private_by_content(layout: Layout) -> None:
    """Mark a column private when most of its values are personal data (an unnamed CCCD or phone column)."""
    sheet = layout.sheet
    data = [r for r, kind in enumerate(layout.classes) if kind == "data"]
    for column in layout.columns:
        if column.private or column.field in ("stt", "name"):
            continue
        values = []
        for r in data:
            if column.index < len(sheet.rows[r]):
                value = cell_text(sheet.rows[r][column.index])
                if value:
                    values.append(value)
                    if len(values) == _PRIVACY_SAMPLE:
                        break  # a sample tells the column; the guard still sees every kept value
        flagged = [value for value in values if suspect(value) and personal_data(value)]
        if values and len(flagged) * 2 > len(values):
            reason = personal_data(flagged[0]) or ""
            column.private = reason.removeprefix("có ")
            column.field = None
    layout.forget_fields()


def row_values(layout: Layout, r: int, where: str, options: Options) -> dict[str, object] | Refusal:
    """Return one data row's entry values (``stt`` as found, maybe None), or why the row is refused."""
    sheet = layout.sheet
    row = sheet.rows[r]

    def cell(column: Column) -> str:
        return f"{where}!{column_letter(column.index)}{r + 1}"

    for column in layout.columns:
        if column.field and (r, column.index) in sheet.uncached:
            return Refusal(
                cell(column),
                "ô là công thức chưa có giá trị tính sẵn (tệp lưu khi chưa tính lại); mở tệp bằng Excel hoặc "
                "LibreOffice, tính lại (F9) rồi lưu, hoặc gõ giá trị thay công thức",
            )
    values: dict[str, object] = {"stt": None}
    stt_column = layout.column("stt")
    if stt_column is not None and stt_column.index < len(row) and cell_text(row[stt_column.index]):
        stt = stt_value(row[stt_column.index])
        if stt is None:
            shown = cell_text(row[stt_column.index])[:20]
            return Refusal(cell(stt_column), f"STT '{shown}' không phải số nguyên dương")
        values["stt"] = stt
    texts: dict[str, str | None] = {}
    for name in TEXT_FIELDS:
        source = layout.column(name)
        text = cell_text(row[source.index]) if source is not None and source.index < len(row) else ""
        if text and source is not None and (len(text) > MAX_TEXT_LENGTH or text[0] in FORMULA_STARTS or suspect(text)):
            for severity, message in text_findings(name, text):
                if severity is Severity.ERROR:
                    return Refusal(cell(source), _legacy_left(name, message))
        texts[name] = text or None
    if texts["village"] is None:
        texts["village"] = layout.villages.get(r) or layout.village
    for name in ("commune", "district", "province"):
        if texts[name] is None and name in options.places:
            texts[name] = options.places[name]
    if options.title and texts["title"] == options.title:
        texts["title"] = None
    kind = options.kind or ""
    for name, label in (("name", "tên"), ("commune", "xã, phường"), ("province", "tỉnh")):
        if texts[name] is None:
            missing = layout.column(name)
            hint = "" if missing is not None else f"; bảng tính không có cột này: dùng --cot hoặc --{_OPTION[name]}"
            return Refusal(cell(missing) if missing is not None else None, f"thiếu {label}{hint}")
    values.update(texts)
    values["kind"] = kind
    values["person"] = person_of(str(texts["name"]), kind)
    return values


def _legacy_left(name: str, message: str) -> str:
    """Word the guard's legacy-font finding for the importer, which has already tried to convert."""
    if "bảng mã cũ" not in message:
        return message
    return (
        f"'{name}' còn ký tự của bảng mã cũ (TCVN3/VNI) mà không xác định chắc được bảng mã, nên không đoán; "
        "chuyển cột này sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại"
    )


_OPTION = {"name": "cot ten=CỘT", "commune": "xa", "province": "tinh"}


def person_of(name: str, kind: str) -> str | None:
    """Return the person a name names, for kinds listed by person ("Gia đình ông Nguyễn Văn An" → "Nguyễn Văn An")."""
    if kind not in PERSON_KINDS:
        return None
    return person_name(name) or None


def guess_kind(texts: list[str], name_label: str) -> str | None:
    """Guess the kind of a list from its title rows and name header ("DANH SÁCH GIA ĐÌNH HỌC TẬP" → gia_dinh)."""
    clues = " ".join([*texts, name_label]).lower()
    for kind, words in (
        ("dong_ho", ("dòng họ",)),
        ("cong_dong", ("cộng đồng học tập",)),
        ("don_vi", ("đơn vị học tập", "tên đơn vị")),
        ("cong_dan", ("công dân học tập",)),
        ("gia_dinh", ("gia đình", "chủ hộ")),
    ):
        if any(word in clues for word in words):
            return kind
    return None


def kind_title(kind: str) -> str:
    """Return the usual title of a kind's list ("Gia đình học tập")."""
    return KINDS[kind]
