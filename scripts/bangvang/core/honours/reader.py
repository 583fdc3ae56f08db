"""Reading decisions from YAML and their lists from YAML or CSV, with every problem located.

Long lists are CSV: the ``csv`` module reads 100.000 rows in a fraction of the
time PyYAML needs. Rows are checked with plain code, not a schema library, so a
province's rolls validate in seconds; every message names the file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from .. import frontmatter
from ..collation import collation_key
from ..directives import LEVELS, Registry
from ..problems import Problem
from ..schema import FieldReader, shown, suggestion
from ..text import format_date, is_slug, nfc, slugify
from .model import DISTRICTS_ABOLISHED, ENTRY_FIELDS, FORMS, KINDS, Decision, HonourEntry, Issuer
from .privacy import personal_data

DECISION_KEYS = (
    "number",
    "aliases",
    "signed",
    "issuer",
    "form",
    "period",
    "title",
    "basis",
    "article",
    "sample",
    "entries",
    "entries_csv",
)
REQUIRED_FIELDS = ("stt", "kind", "name", "commune", "province")
TEXT_FIELDS = ("name", "person", "title", "village", "commune", "district", "province")

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
# Personal data always holds a digit or an "@" (numbers, dates, house numbers,
# e-mail); values without either skip the detailed checks. Legacy-font text
# holds characters Vietnamese text never does ("Gia ®×nh" is TCVN3 read as Unicode).
_LEGACY = re.compile(r"[®×¬©¸µ¶·¹¨«»¼½¾¦§°±²³]")
_ANY_RISK = re.compile(r"[\d@®×¬©¸µ¶·¹¨«»¼½¾¦§°±²³]")
_DIGIT_RISK = re.compile(r"@|\d{4}|\d[\d .()/-]{4,}\d|\d\s*[/.-]\s*\d")
_RISKY_WORDS = ("nhà", "ngõ", "ngách", "hẻm", "kiệt", "đường", "phố", "sinh", "sn")


def _needs_check(text: str) -> bool:
    """Tell whether a value holding a digit could be personal data (cheap string tests first)."""
    if _DIGIT_RISK.search(text):
        return True
    lowered = text.lower()
    return any(word in lowered for word in _RISKY_WORDS)


class _Rows:
    """Checks entry rows of one decision; keeps problems and interns repeated place names."""

    def __init__(self, rel: str, signed: dt.date | None) -> None:
        self.rel = rel
        self.signed = signed
        self.problems: list[Problem] = []
        self.entries: list[HonourEntry] = []
        self._shared: dict[str, str] = {}
        self._stt_lines: dict[int, int] = {}
        self._seen: dict[tuple[object, ...], tuple[Any, int]] = {}

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel, line, message))

    def add(self, values: dict[str, Any], line: int) -> None:
        """Validate one row (missing fields absent or None) and keep it when it is clean."""
        found = len(self.problems)
        texts: dict[str, str | None] = {}
        for field in TEXT_FIELDS:
            value = values.get(field)
            if value is None or (isinstance(value, str) and not value.strip()):
                texts[field] = None
            elif isinstance(value, str | int) and not isinstance(value, bool):
                texts[field] = nfc(str(value).strip())
            else:
                self.error(line, f"'{field}' phải là chữ, nhận được {shown(value)}")
                texts[field] = None
        stt = self._stt(values.get("stt"), line)
        kind = values.get("kind")
        if kind is None or kind == "":
            self.error(line, "thiếu 'kind' (loại: " + ", ".join(KINDS) + ")")
        elif not isinstance(kind, str) or kind not in KINDS:
            hint = suggestion(str(kind), list(KINDS))
            self.error(line, f"'kind' không hợp lệ: {shown(kind)}{hint}; được dùng: {', '.join(KINDS)}")
        for field in ("name", "commune", "province"):
            if texts[field] is None:
                self.error(line, f"thiếu '{field}'")
        if texts["district"] and self.signed and self.signed >= DISTRICTS_ABOLISHED:
            self.error(
                line,
                f"'district' là '{texts['district']}' nhưng quyết định ký ngày {format_date(self.signed)}, "
                "sau 1/7/2025 đã không còn cấp huyện; ghi địa danh đúng như in trên quyết định",
            )
        self._guard(texts, line)
        key = (_fold(texts["name"] or ""), texts["village"], texts["commune"], texts["district"], texts["province"])
        earlier = self._seen.get(key) if texts["name"] else None
        if earlier is not None:
            self.error(
                line,
                f"trùng với STT {earlier[0]} (dòng {earlier[1]}): cùng tên '{texts['name']}' và cùng nơi ở "
                "trong một quyết định",
            )
        elif texts["name"]:
            self._seen[key] = (values.get("stt"), line)
        if len(self.problems) > found or stt is None:
            return
        shared = self._shared
        entry = HonourEntry(
            stt=stt,
            kind=str(kind),
            name=texts["name"] or "",
            person=texts["person"],
            title=shared.setdefault(texts["title"], texts["title"]) if texts["title"] else None,
            village=shared.setdefault(texts["village"], texts["village"]) if texts["village"] else None,
            commune=shared.setdefault(texts["commune"] or "", texts["commune"] or ""),
            district=shared.setdefault(texts["district"], texts["district"]) if texts["district"] else None,
            province=shared.setdefault(texts["province"] or "", texts["province"] or ""),
            line=line,
        )
        self.entries.append(entry)

    def _stt(self, value: Any, line: int) -> int | None:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.error(line, f"'stt' phải là số thứ tự nguyên dương, nhận được {shown(value)}")
            return None
        if value in self._stt_lines:
            self.error(line, f"STT {value} trùng với dòng {self._stt_lines[value]}")
            return None
        self._stt_lines[value] = line
        return value

    def _guard(self, texts: dict[str, str | None], line: int) -> None:
        if not _ANY_RISK.search("\x1f".join(t for t in texts.values() if t)):
            return
        for field, text in texts.items():
            if not text or not _ANY_RISK.search(text):
                continue
            legacy = _LEGACY.search(text)
            if legacy:
                self.error(
                    line,
                    f"'{field}' có ký tự '{legacy.group(0)}': có vẻ là chữ gõ bằng bảng mã cũ (TCVN3/VNI, phông "
                    ".VnTime); chuyển sang Unicode trước khi nhập",
                )
                continue
            reason = personal_data(text) if _needs_check(text) else None
            if reason:
                self.error(
                    line,
                    f"'{field}' {reason}: '{_masked(text)}'; bảng vàng chỉ đăng điều quyết định ghi, "
                    "không đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân)",
                )


def _fold(text: str) -> tuple[object, ...]:
    """Return the comparison form of a name: case, spacing and tone placement (Hoà = Hòa) do not count.

    Diacritics do: "Anh" and "Ánh" are two people.
    """
    return collation_key(text)[:2]


def _masked(text: str) -> str:
    """Hide every digit after the first two, so a message does not republish the data it rejects."""
    seen = 0

    def hide(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return match.group(0) if seen <= 2 else "•"

    return re.sub(r"\d", hide, text) if len(re.findall(r"\d", text)) > 4 else text


def read_decision(
    path: Path, root: Path, registry: Registry | None = None, published: set[str] | None = None
) -> tuple[Decision | None, list[Problem]]:
    """Read one decision file and its list; return the decision (None on errors) and every problem.

    With ``registry`` and ``published``, ``basis`` numbers must be registered
    directives and ``article`` a published page.
    """
    rel = path.relative_to(root).as_posix()
    try:
        text = nfc(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [Problem(rel, _line_at(path.read_bytes(), exc.start), _encoding_message())]
    node, syntax = frontmatter.compose(text)
    if syntax:
        return None, [Problem(rel, line, message) for line, message in syntax]
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(rel, 1, "tệp quyết định phải là các cặp 'khóa: giá trị' (number, signed, …)")]
    fm = frontmatter.read_mapping(node, frontmatter.FrontMatter(present=True), first_line=1)
    reader = FieldReader(rel, fm)
    if not is_slug(path.stem):
        reader.error(
            "number",
            f"tên tệp '{path.name}' không phải slug ASCII; đổi thành '{slugify(path.stem)}{path.suffix}'",
            line=1,
        )
    reader.only_keys(DECISION_KEYS)
    number = reader.text("number", required=True)
    aliases = tuple(reader.texts("aliases", '["448/QĐ-HKH"]'))
    moment = reader.moment("signed")
    signed = moment.date() if moment else None
    issuer = _read_issuer(reader)
    form = reader.choice("form", FORMS)
    period = _read_period(reader)
    title = reader.text("title", required=True)
    basis = tuple(reader.texts("basis", '["281/QĐ-TTg"]'))
    article = reader.text("article")
    if article and not article.endswith(".md"):
        article += ".md"  # "tin-tuc/2020/bai" and "tin-tuc/2020/bai.md" name the same page
    article = article.strip("/") if article else None
    sample = reader.flag("sample")

    _check_references(reader, basis, article, registry, published)
    rows = _Rows(rel, signed)
    list_path = rel
    has_inline, has_csv = "entries" in fm.values, "entries_csv" in fm.values
    if has_inline == has_csv:
        reader.error(
            "entries_csv" if has_csv else "number",
            "cần đúng một trong hai: 'entries' (danh sách ngay trong tệp) hoặc 'entries_csv' (tệp CSV bên cạnh)",
        )
    elif has_inline:
        _read_inline(fm.nodes["entries"], rows, reader)
    else:
        csv_name = reader.text("entries_csv", required=True)
        if csv_name:
            csv_path = path.parent / csv_name
            list_path = csv_path.relative_to(root).as_posix() if csv_path.is_relative_to(root) else csv_name
            if not csv_path.is_file():
                reader.error("entries_csv", f"không tìm thấy tệp danh sách '{csv_name}' (tìm tại {list_path})")
            else:
                csv_rows = _Rows(list_path, signed)
                read_csv(csv_path, csv_rows)
                rows.problems.extend(csv_rows.problems)
                rows.entries = csv_rows.entries
    problems = reader.problems + rows.problems
    if reader.has_errors or rows.problems:
        return None, problems
    assert number and signed and issuer and form and period and title
    decision = Decision(
        path=rel,
        list_path=list_path,
        slug=path.stem,
        number=number,
        aliases=aliases,
        signed=signed,
        issuer=issuer,
        form=form,
        period=period,
        title=title,
        basis=basis,
        article=article,
        sample=sample,
        entries=tuple(rows.entries),
        lines=dict(fm.lines),
    )
    return decision, problems


def _check_references(
    reader: FieldReader,
    basis: tuple[str, ...],
    article: str | None,
    registry: Registry | None,
    published: set[str] | None,
) -> None:
    if registry is not None:
        for number in basis:
            if registry.lookup(number) is None:
                reader.error(
                    "basis", f"căn cứ '{number}' chưa có trong sổ văn bản (content/van-ban/); thêm văn bản đó trước"
                )
    if published is not None and article and article not in published:
        reader.error("article", f"'article' trỏ tới bài không có hoặc chưa đăng: content/{article}")


def _read_issuer(reader: FieldReader) -> Issuer | None:
    value = reader.mapping("issuer", ("name", "level"))
    if value is None:
        if "issuer" not in reader.fm.values:
            reader.error("issuer", "thiếu khóa bắt buộc 'issuer' (name: cơ quan ban hành, level: cấp)")
        return None
    name, level = value.get("name"), value.get("level")
    if not isinstance(name, str) or not name.strip():
        reader.error("issuer.name", "thiếu 'issuer.name': tên cơ quan ký quyết định")
    if level not in LEVELS:
        hint = suggestion(str(level), list(LEVELS)) if level else ""
        reader.error(
            "issuer.level", f"'issuer.level' không hợp lệ: {shown(level)}{hint}; được dùng: {', '.join(LEVELS)}"
        )
    if not isinstance(name, str) or not name.strip() or level not in LEVELS:
        return None
    return Issuer(nfc(name.strip()), str(level))


def _read_period(reader: FieldReader) -> str | None:
    period = reader.text("period", required=True)
    if period is None:
        return None
    match = _PERIOD.match(period.replace(" ", "").replace("–", "-"))
    if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
        reader.error(
            "period", f"'period' phải là một năm (\"2023\") hoặc một giai đoạn (\"2016-2020\"), nhận được '{period}'"
        )
        return None
    return match.group(0)


def _read_inline(node: yaml.Node, rows: _Rows, reader: FieldReader) -> None:
    if not isinstance(node, yaml.SequenceNode):
        reader.error("entries", "'entries' phải là danh sách, mỗi mục một dòng của quyết định (- stt: 1 …)")
        return
    constructor = yaml.constructor.SafeConstructor()
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            rows.error(line, "mỗi mục của 'entries' phải là các cặp 'khóa: giá trị' (stt, kind, name, …)")
            continue
        values: dict[str, Any] = {}
        for key_node, value_node in item.value:
            key = str(key_node.value)
            if key not in ENTRY_FIELDS:
                hint = suggestion(key, list(ENTRY_FIELDS))
                rows.error(
                    key_node.start_mark.line + 1,
                    f"khóa không hợp lệ '{key}'{hint}; được dùng: {', '.join(ENTRY_FIELDS)}",
                )
                continue
            try:
                values[key] = constructor.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError):
                values[key] = str(getattr(value_node, "value", ""))  # an impossible date, say: keep the text
        rows.add(values, line)


def read_csv(path: Path, rows: _Rows) -> None:
    """Read a list from a UTF-8 CSV whose header names the entry fields."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # a spreadsheet's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as exc:
        rows.error(_line_at(data, exc.start), _encoding_message())
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        rows.error(1, "tệp CSV trống: cần dòng tiêu đề " + ",".join(ENTRY_FIELDS))
        return
    columns = [name.strip() for name in header]
    problems = len(rows.problems)
    for name in columns:
        if name not in ENTRY_FIELDS:
            hint = suggestion(name, list(ENTRY_FIELDS))
            rows.error(1, f"cột không hợp lệ '{name}'{hint}; các cột được dùng: {', '.join(ENTRY_FIELDS)}")
    for name in REQUIRED_FIELDS:
        if name not in columns:
            rows.error(1, f"thiếu cột bắt buộc '{name}' trong dòng tiêu đề")
    if len(set(columns)) != len(columns):
        rows.error(1, "dòng tiêu đề có cột bị lặp")
    if len(rows.problems) > problems:
        return
    width = len(columns)
    for record in _records(reader):
        line, cells = record
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != width:
            rows.error(line, f"dòng có {len(cells)} cột, dòng tiêu đề có {width} cột")
            continue
        rows.add(dict(zip(columns, cells, strict=True)), line)


def _records(reader: Iterable[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Yield (file line where the record starts, cells) for every CSV record."""
    line = 2
    csv_reader: Any = reader
    for cells in reader:
        yield line, cells
        line = csv_reader.line_num + 1


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _encoding_message() -> str:
    return (
        "tệp không phải UTF-8 (có thể là Windows-1258 hay bảng mã cũ TCVN3/VNI); "
        "lưu lại dưới dạng 'CSV UTF-8' hoặc chuyển mã sang Unicode"
    )
