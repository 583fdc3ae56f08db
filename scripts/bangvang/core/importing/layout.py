"""Finding a list's layout in a sheet: the header among the title rows, the columns, and what each row is.

The header row is the first row whose cells name a list's columns in the
words communes use (STT; Họ và tên; Thôn; Xã; …). A header merged over two
rows ("Địa chỉ" over "Thôn" and "Xã") takes the lower row's words. Merged
cells are filled from their first cell, so a village written once and merged
down its rows applies to every row it covers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .workbook import Sheet, Value

HEADER_SEARCH_ROWS = 40
"""How many rows from the top may hold the header."""

# (field, words): a header cell names the field when it starts with one of the words (a whole word).
_FIELD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("stt", ("stt", "tt", "số tt", "số thứ tự")),
    (
        "name",
        (
            "họ và tên",
            "họ tên",
            "tên gia đình",
            "tên dòng họ",
            "tên đơn vị",
            "tên tập thể",
            "tên hộ",
            "chủ hộ",
            "tên",
        ),
    ),
    ("village", ("thôn", "xóm", "ấp", "bản", "tổ dân phố", "khu phố", "tdp", "khóm")),
    ("commune", ("xã", "phường", "thị trấn", "đặc khu")),
    ("district", ("huyện", "quận", "thị xã", "thành phố")),
    ("province", ("tỉnh",)),
    ("title", ("danh hiệu",)),
    ("note", ("ghi chú",)),
)
_PRIVATE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("số CCCD/CMND", ("số cccd", "cccd", "cmnd", "số cmnd", "căn cước", "chứng minh", "định danh", "số định danh")),
    ("số điện thoại", ("số điện thoại", "điện thoại", "sđt", "số đt", "đt", "di động", "zalo")),
    ("ngày sinh", ("ngày sinh", "năm sinh", "ngày tháng năm sinh", "ngày, tháng, năm sinh", "sinh ngày")),
    ("số nhà", ("số nhà", "địa chỉ chi tiết", "đường", "ngõ")),
    ("e-mail", ("email", "e-mail", "thư điện tử")),
    ("dân tộc, tôn giáo", ("dân tộc", "tôn giáo")),
)


def _rule(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})(?![\w])")


_FIELD_RULES = tuple((name, _rule(words)) for name, words in _FIELD_WORDS)
_PRIVATE_RULES = tuple((reason, _rule(words)) for reason, words in _PRIVATE_WORDS)
_SPACES = re.compile(r"\s+")
_NUMBERING = re.compile(r"\(?\d{1,2}\)?")
_TOTAL = re.compile(r"^(?:tổng cộng|tổng số|tổng)(?!\w)")
_SUBTOTAL = re.compile(r"^(?:cộng|cộng thôn|cộng xóm)(?!\w)")
_SIGNATURE = re.compile(
    r"^(?:người lập(?: biểu)?|tm\.|t/m|tm |kt\.|kt |chủ tịch|phó chủ tịch|trưởng ban|thủ trưởng|xác nhận|"
    r"\(ký|ký tên|ký,|\(đã ký\))|, ngày .{0,12} tháng .{0,8} năm"
)
_NOTE = re.compile(r"^(?:ghi chú|lưu ý|danh sách|ấn định|\*|\()")
VILLAGE_NAME = re.compile(r"^(?:thôn|xóm|ấp|bản|tổ dân phố|khu phố|tdp|khóm)(?!\w)", re.IGNORECASE)

LEFT_OUT_REASONS = {
    "title": "dòng tiêu đề",
    "header": "dòng tên cột",
    "blank": "dòng trống",
    "subtotal": "dòng cộng (tổng phụ)",
    "total": "dòng tổng cộng",
    "signature": "phần chữ ký",
    "note": "dòng ghi chú",
}
"""The rows left out on purpose, by class, as the report names them."""


class LayoutError(Exception):
    """A sheet whose list cannot be found; the message is Vietnamese and located."""


@dataclass
class Column:
    """A column of the list: its index, its header words, the field it fills or why it is never imported."""

    index: int
    label: str
    field: str | None = None
    private: str | None = None


@dataclass
class Layout:
    """Where the list is in a sheet: header rows, columns, and the class of every row."""

    sheet: Sheet
    header_first: int
    header_last: int
    columns: list[Column]
    classes: list[str] = field(default_factory=list)
    """Per row: "data" or a key of LEFT_OUT_REASONS."""
    village: str | None = None
    """The village the sheet's name gives, for one-sheet-per-village files."""
    villages: dict[int, str] = field(default_factory=dict)
    """Per data row, the village of the section it is under (a "Thôn Đông" row above its families)."""
    _fields: dict[str, Column] | None = None

    def column(self, name: str) -> Column | None:
        """Return the column that fills a field, if any."""
        return self.fields().get(name)

    def fields(self) -> dict[str, Column]:
        """Return the columns by the field they fill (computed once the columns are settled, on first use)."""
        if self._fields is None:
            self._fields = {column.field: column for column in self.columns if column.field}
        return self._fields

    def forget_fields(self) -> None:
        """Drop the field map after the columns changed (an override, a private column)."""
        self._fields = None


def column_letter(index: int) -> str:
    """Return a column's spreadsheet letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int | None:
    """Return the 0-based index of column letters ("C" → 2), None when they are not letters."""
    if not re.fullmatch(r"[A-Za-z]{1,3}", letters):
        return None
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def words(value: Value) -> str:
    """Return a cell as header words: text, NFC, lower case, single spaces, no trailing colon."""
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFC", value.replace("\u00a0", " ")).lower()
    return _SPACES.sub(" ", text).strip(" :.*")


def _shown(value: Value) -> str:
    """Return a header cell as the report shows it: its text on one line, NFC."""
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value.replace("\u00a0", " "))).strip()


def header_field(label: str) -> tuple[str | None, str | None]:
    """Return (field, private reason) that header words name; (None, None) for other columns."""
    for reason, rule in _PRIVATE_RULES:
        if rule.search(label):
            return None, reason
    for name, rule in _FIELD_RULES:
        if rule.search(label):
            return name, None
    return None, None


def fill_merged(sheet: Sheet) -> None:
    """Give every cell of a merged range its first cell's value (and font)."""
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(sheet.rows):
            continue
        top = sheet.rows[r0]
        value = top[c0] if c0 < len(top) else ""
        font = sheet.fonts.get((r0, c0))
        for r in range(r0, min(r1, len(sheet.rows) - 1) + 1):
            row = sheet.rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
                if font is not None:
                    sheet.fonts[(r, c)] = font
                if (r0, c0) in sheet.uncached:
                    sheet.uncached.add((r, c))


def find_layout(sheet: Sheet, where: str, header_row: int | None = None) -> Layout:
    """Find the header (or take ``header_row``, 1-based), the columns and every row's class."""
    fill_merged(sheet)
    if header_row is not None:
        if header_row < 1 or header_row > len(sheet.rows):
            raise LayoutError(f"{where}: không có dòng {header_row} (trang tính có {len(sheet.rows)} dòng)")
        first = header_row - 1
    else:
        found = next((r for r in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))) if _is_header(sheet.rows[r])), None)
        if found is None:
            raise LayoutError(
                f"{where}: không tìm thấy dòng tên cột (STT, Họ và tên, Thôn, Xã…) trong {HEADER_SEARCH_ROWS} dòng "
                "đầu; chỉ rõ dòng đó bằng --dong-tieu-de N, hoặc chọn trang tính khác bằng --trang"
            )
        first = found
    last = first
    labels = [_shown(value) for value in sheet.rows[first]]
    if first + 1 < len(sheet.rows) and _is_second_header(sheet.rows[first + 1]):
        last = first + 1
        lower = [_shown(value) for value in sheet.rows[first + 1]]
        labels = [lower[i] if i < len(lower) and lower[i] else label for i, label in enumerate(labels)]
        labels += lower[len(labels) :]
    columns = []
    for index, label in enumerate(labels):
        if not words(label):
            continue
        name, private = header_field(words(label))
        columns.append(Column(index, label, name, private))
    # Two columns naming one field: the first one fills it.
    seen: set[str] = set()
    for column in columns:
        if column.field in seen:
            column.field = None
        elif column.field:
            seen.add(column.field)
    layout = Layout(sheet, first, last, columns)
    if not any(column.field == "village" for column in columns) and VILLAGE_NAME.match(sheet.name.strip()):
        layout.village = unicodedata.normalize("NFC", sheet.name.strip())
    return layout


def classify(layout: Layout) -> None:
    """Give every row of the sheet its class: title, header, blank, subtotal, total, signature, note or data."""
    rows = layout.sheet.rows
    stt = layout.column("stt")
    name = layout.column("name")
    classes: list[str] = []
    signing = False
    after = layout.header_last + 1
    sections = layout.column("village") is None
    section: str | None = None
    for r, row in enumerate(rows):
        if r > after and not signing and _numbered(row, stt) and _has(row, name):
            classes.append("data")  # the common row, told apart without reading its words
            if section is not None:
                layout.villages[r] = section
            continue
        texts = [text for text in map(words, row) if text]
        filled = [value for value in row if not (isinstance(value, str) and not value.strip())]
        if not filled:
            classes.append("blank")
        elif r < layout.header_first:
            classes.append("title")
        elif r <= layout.header_last or (r == layout.header_last + 1 and _is_numbering(row)):
            classes.append("header")
        elif signing or any(_SIGNATURE.search(text) for text in texts):
            signing = True
            classes.append("signature")
        elif texts and _TOTAL.search(texts[0]):
            classes.append("total")
        elif texts and _SUBTOTAL.search(texts[0]):
            classes.append("subtotal")
        elif sections and len(set(texts)) == 1 and VILLAGE_NAME.match(texts[0]) and not _numbered(row, stt):
            section = _section_name(row)
            classes.append("title")  # a section heading: the village of the rows under it
            continue
        elif _has(row, name) or (_has(row, stt) and not (texts and _NOTE.search(texts[0]))):
            classes.append("note" if texts and _NOTE.search(texts[0]) and not _has(row, stt) else "data")
        else:
            classes.append("note")
        if section is not None and classes[-1] == "data":
            layout.villages[r] = section
    layout.classes = classes


def _section_name(row: list[Value]) -> str:
    """Return a section heading's village as written ("Thôn Đông"), a whole text cell."""
    text = next(value for value in row if isinstance(value, str) and value.strip())
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text.replace("\u00a0", " "))).strip().rstrip(":")


def _numbered(row: list[Value], column: Column | None) -> bool:
    if column is None or column.index >= len(row):
        return False
    value = row[column.index]
    return isinstance(value, int | float) and not isinstance(value, bool)


def _has(row: list[Value], column: Column | None) -> bool:
    if column is None or column.index >= len(row):
        return False
    value = row[column.index]
    return not (isinstance(value, str) and not value.strip())


def _is_header(row: list[Value]) -> bool:
    fields = {header_field(words(value))[0] for value in row if words(value)}
    return "name" in fields and len(fields - {None}) >= 2


def _is_second_header(row: list[Value]) -> bool:
    """A row under the header that names columns too (the lower half of a two-row header), with no data."""
    labels = [words(value) for value in row if words(value)]
    if not labels or any(isinstance(value, int | float) and not isinstance(value, bool) for value in row):
        return False
    if len(labels) > 1 and len(set(labels)) == 1:
        return False  # one text merged across the row: a section heading ("Thôn Đông"), not column names
    named = [label for label in labels if header_field(label) != (None, None)]
    return len(named) == len(labels)


def _is_numbering(row: list[Value]) -> bool:
    """The "(1) (2) (3)…" row many lists put under the header."""
    cells = [value for value in row if not (isinstance(value, str) and not value.strip())]
    if len(cells) < 3:
        return False
    numbers = []
    for value in cells:
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
        if not _NUMBERING.fullmatch(text):
            return False
        numbers.append(int(text.strip("()")))
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
