"""Reading decisions from YAML and their lists from YAML or CSV, with every problem located.

Long lists are CSV (see :mod:`.csvlist`): the ``csv`` module reads 100.000
rows in a fraction of the time PyYAML needs. Rows are checked with plain code
(:mod:`.entries`), not a schema library, so a province's rolls validate in
seconds. What is accepted is exactly what ``honours/schema.json`` says, plus
the checks a schema cannot make (real dates, privacy, registered basis…).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import frontmatter
from ..directives import LEVELS, Registry
from ..problems import FileProblems, Problem, Severity
from ..schema import FieldReader, shown, suggestion
from ..settings import SiteSettings
from ..text import is_slug, nfc, slugify
from .csvlist import encoding_message, read_csv
from .entries import STT_PATTERN, Rows, SharedValues
from .guard import clipped, text_findings
from .model import FORMS, LIST_FIELDS, Decision, HonourEntry, Issuer

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
# "2016-2020" as decisions print it: an en dash or spaces around the dash are the same period.
PERIOD_PATTERN = re.compile(r"((?:19|20)\d{2})(?: ?[-–] ?((?:19|20)\d{2}))?")
DATE_PATTERN = re.compile(r"(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")
ARTICLE_PATTERN = re.compile(r"tin-tuc/\d{4}/[a-z0-9]+(?:-[a-z0-9]+)*(?:\.md)?")
CSV_NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.csv")
_CSV_KEY = re.compile(r"^entries_csv\s*:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)
_EMPTY = "quyết định không có mục nào"


@dataclass
class DecisionRead:
    """What reading one decision file gave: the decision (None on errors), its problems, the list it names."""

    decision: Decision | None
    problems: list[Problem]
    claimed: Path | None = None


@dataclass(frozen=True)
class ListRead:
    """A list file's reading, kept for the next reading while the file, its name and the decision's date stay."""

    stamp: tuple[int, int]
    """The file's size and modification time when it was read."""
    rel: str
    signed: dt.date | None
    entries: tuple[HonourEntry, ...]
    log: FileProblems


ListsMemo = dict[Path, ListRead]
"""Each list file's reading by its path: a decision whose YAML changed but not its list reads the list from here."""


def file_stamp(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time (None if it cannot be read): what a memo of its reading is kept under."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def read_decision(
    path: Path, root: Path, registry: Registry | None = None, published: set[str] | None = None
) -> tuple[Decision | None, list[Problem]]:
    """Read one decision file and its list; return the decision (None on errors) and every problem.

    With ``registry`` and ``published``, ``basis`` numbers must be registered
    directives and ``article`` a published page.
    """
    found = read_decision_file(path, root, registry, published)
    return found.decision, found.problems


def read_decision_file(
    path: Path,
    root: Path,
    registry: Registry | None = None,
    published: set[str] | None = None,
    *,
    settings: SiteSettings | None = None,
    shared: SharedValues | None = None,
    lists: ListsMemo | None = None,
) -> DecisionRead:
    """Read one decision file; also say which list file it names, even when it has errors.

    ``settings``, when given, names the content folders in messages as the site configures them;
    ``shared`` holds the values rows repeat once for all the files read with it; ``lists`` keeps each
    list file's reading for the next call (a list unchanged, named and dated alike, is not read again).
    """
    rel = path.relative_to(root).as_posix()
    if not inside(path, root):
        return DecisionRead(None, [Problem(rel, 1, outside_message())])
    data = path.read_bytes()
    claimed = named_list(path, data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "tệp lưu bằng bảng mã UTF-16 (kiểu 'Unicode' của Notepad); lưu lại với bảng mã UTF-8"
        return DecisionRead(None, [Problem(rel, 1, message)], claimed)
    if b"\x00" in data:
        message = "tệp không phải tệp chữ (có byte 0, có vẻ là tệp nhị phân): tệp quyết định phải là YAML dạng chữ"
        return DecisionRead(None, [Problem(rel, _line_at(data, data.index(b"\x00")), message)], claimed)
    try:
        text = nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        message = (
            "tệp không phải UTF-8 (có thể là Windows-1258 hay bảng mã cũ TCVN3/VNI); lưu lại với bảng mã UTF-8, "
            "hoặc để lệnh 'bangvang nhap' lập tệp quyết định từ bảng tính gốc"
        )
        return DecisionRead(None, [Problem(rel, _line_at(data, exc.start), message)], claimed)
    node, syntax = frontmatter.compose(text)
    if syntax:
        return DecisionRead(None, [Problem(rel, line, message) for line, message in syntax], claimed)
    if not isinstance(node, yaml.MappingNode):
        message = "tệp quyết định phải là các cặp 'khóa: giá trị' (number, signed, …)"
        return DecisionRead(None, [Problem(rel, 1, message)], claimed)
    fm = frontmatter.read_mapping(node, frontmatter.FrontMatter(present=True), first_line=1)
    named = fm.values.get("entries_csv")
    claimed = path.parent / named if isinstance(named, str) and CSV_NAME_PATTERN.fullmatch(named) else None
    reader = FieldReader(rel, fm)
    decision, rows_problems = _read_fields(path, root, reader, registry, published, settings, shared, lists)
    problems = reader.problems + rows_problems
    failed = any(p.severity is Severity.ERROR for p in problems)
    return DecisionRead(None if failed else decision, problems, claimed)


def _read_fields(
    path: Path,
    root: Path,
    reader: FieldReader,
    registry: Registry | None,
    published: set[str] | None,
    settings: SiteSettings | None,
    shared: SharedValues | None = None,
    lists: ListsMemo | None = None,
) -> tuple[Decision | None, list[Problem]]:
    fm = reader.fm
    if not is_slug(path.stem):
        reader.error(
            "number",
            f"tên tệp '{path.name}' không phải slug ASCII; đổi thành '{slugify(path.stem)}{path.suffix}'",
            line=1,
        )
    reader.only_keys(DECISION_KEYS)
    number = _text(reader, "number", required=True)
    aliases = _texts(reader, "aliases", '["448/QĐ-HKH"]')
    signed = _signed(reader)
    issuer = _read_issuer(reader)
    form = _form(reader)
    period = _read_period(reader)
    title = _text(reader, "title", required=True)
    basis = _texts(reader, "basis", '["281/QĐ-TTg"]')
    article = _read_article(reader)
    sample = _sample(reader)
    _check_references(reader, basis, article, registry, published, settings)

    rows = Rows(reader.path, signed, shared)
    list_path = reader.path
    has_inline, has_csv = "entries" in fm.values, "entries_csv" in fm.values
    if has_inline == has_csv:
        reader.error(
            "entries_csv" if has_csv else "number",
            "cần đúng một trong hai: 'entries' (danh sách ngay trong tệp) hoặc 'entries_csv' (tệp CSV bên cạnh)",
        )
    elif has_inline:
        _read_inline(fm.nodes["entries"], rows, reader)
    else:
        csv_rows = _read_list(path, root, reader, shared, lists)
        if csv_rows is not None:
            rows, list_path = csv_rows, csv_rows.rel
    problems = rows.log.report()
    if reader.has_errors or rows.has_errors:
        return None, problems
    if not rows.entries:
        line = 1 if has_csv else fm.line_of("entries")
        where = "tệp chỉ có dòng tiêu đề" if has_csv else "'entries' là danh sách rỗng"
        problems.append(Problem(list_path, line, f"{_EMPTY} ({where})", Severity.WARNING))
    assert number and signed and issuer and form and period and title
    decision = Decision(
        path=reader.path,
        list_path=list_path,
        slug=path.stem,
        number=number,
        aliases=tuple(aliases),
        signed=signed,
        issuer=issuer,
        form=form,
        period=period,
        title=title,
        basis=tuple(basis),
        article=article,
        sample=sample,
        entries=tuple(rows.entries),
        lines=dict(fm.lines),
    )
    return decision, problems


def _read_list(
    path: Path, root: Path, reader: FieldReader, shared: SharedValues | None, lists: ListsMemo | None = None
) -> Rows | None:
    """Read the CSV list a decision names: a plain file name beside it, inside the repository."""
    value = reader.fm.values.get("entries_csv")
    if not isinstance(value, str) or not CSV_NAME_PATTERN.fullmatch(value):
        reader.error(
            "entries_csv",
            f"'entries_csv' phải là tên một tệp .csv đặt cạnh tệp quyết định trong honours/, chữ thường không dấu, "
            f"ví dụ '{path.stem}.csv'; nhận được {clipped(value) if isinstance(value, str) else shown(value)}",
        )
        return None
    csv_path = path.parent / value
    list_path = csv_path.relative_to(root).as_posix()
    if not csv_path.is_file():
        reader.error("entries_csv", f"không tìm thấy tệp danh sách '{value}' (tìm tại {list_path})")
        return None
    if not inside(csv_path, root):
        reader.error("entries_csv", f"tệp danh sách {list_path}: {outside_message()}")
        return None
    signed = _signed_date(reader)
    stamp = file_stamp(csv_path)  # before reading: a file changed meanwhile is read again next time
    kept = lists.get(csv_path) if lists is not None else None
    if kept is not None and (kept.stamp, kept.rel, kept.signed) == (stamp, list_path, signed):
        rows = Rows(list_path, signed)
        rows.entries, rows.log = list(kept.entries), kept.log
        return rows
    rows = Rows(list_path, signed, shared)
    read_csv(csv_path, rows)
    if lists is not None and stamp is not None:
        lists[csv_path] = ListRead(stamp, list_path, signed, tuple(rows.entries), rows.log)
    return rows


def inside(path: Path, root: Path) -> bool:
    """Tell whether a path, symbolic links followed, stays inside the repository (the site root)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def outside_message() -> str:
    """Say that a file is a symbolic link leading out of the repository, and is not read."""
    return "là liên kết tượng trưng (symlink) trỏ ra ngoài kho nội dung: không đọc; đặt chính tệp vào honours/"


def named_list(path: Path, data: bytes) -> Path | None:
    """Return the list file a decision seems to name, read or not: its 'entries_csv', or its namesake."""
    found = _CSV_KEY.search(data[:1_000_000].decode("utf-8", "replace"))
    if found and CSV_NAME_PATTERN.fullmatch(found.group(1)):
        return path.parent / found.group(1)
    return path.with_suffix(".csv")


def _text(reader: FieldReader, key: str, *, required: bool = False) -> str | None:
    """Return a text key: a non-blank YAML string (quoted), checked by the published-text rules."""
    value = reader.fm.values.get(key)
    if key not in reader.fm.values:
        if required:
            reader.error(key, f"thiếu khóa bắt buộc '{key}'")
        return None
    if not isinstance(value, str) or not value.strip():
        got = shown(value) if value is not None else "giá trị rỗng"
        reader.error(key, f"'{key}' phải là một chuỗi chữ không rỗng (đặt trong ngoặc kép), nhận được {got}")
        return None
    if not _guarded(reader, key, value):
        return None
    return nfc(value.strip())


def _texts(reader: FieldReader, key: str, example: str) -> list[str]:
    """Return a list of distinct non-blank strings (absent: empty list)."""
    if key not in reader.fm.values:
        return []
    value = reader.fm.values[key]
    if not isinstance(value, list):
        reader.error(key, f"'{key}' phải là danh sách, ví dụ {example}, nhận được {_shown(value)}")
        return []
    found: dict[str, None] = {}
    for item in value:
        if not isinstance(item, str) or not item.strip():
            reader.error(key, f"mỗi mục trong '{key}' phải là chuỗi chữ không rỗng, nhận được {_shown(item)}")
        elif _guarded(reader, key, item):
            text = nfc(item.strip())
            if text in found:
                reader.error(key, f"'{key}' ghi '{text}' hai lần")
            found[text] = None
    return list(found)


def _guarded(reader: FieldReader, key: str, value: str) -> bool:
    """Apply the published-text rules (length, hidden characters, formulas, privacy); tell whether it passed."""
    clean = True
    for severity, message in text_findings(key, value, dates=False):
        if severity is Severity.ERROR:
            reader.error(key, message)
            clean = False
        else:
            reader.warn(key, message)
    return clean


def _signed(reader: FieldReader) -> dt.date | None:
    """Return the signing date, written YYYY-MM-DD (a real day, no time)."""
    node = reader.fm.nodes.get("signed")
    if isinstance(node, yaml.ScalarNode) and not DATE_PATTERN.fullmatch(str(node.value)):
        got = "giá trị rỗng" if node.value == "" else clipped(node.value)
        reader.error("signed", f"'signed' phải là ngày dạng YYYY-MM-DD (ví dụ 2020-09-30), nhận được {got}")
        return None
    moment = reader.moment("signed")
    return moment.date() if moment else None


def _signed_date(reader: FieldReader) -> dt.date | None:
    value = reader.fm.values.get("signed")
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def _check_references(
    reader: FieldReader,
    basis: list[str],
    article: str | None,
    registry: Registry | None,
    published: set[str] | None,
    settings: SiteSettings | None,
) -> None:
    if registry is not None:
        where = f" ({_content_path(settings, settings.registry_dir)}/)" if settings else ""
        for number in basis:
            if registry.find(number) is None:
                reader.error("basis", f"căn cứ '{number}' chưa có trong sổ văn bản{where}; thêm văn bản đó trước")
    if published is not None and article and article not in published:
        reader.error("article", f"'article' trỏ tới bài không có hoặc chưa đăng: {_content_path(settings, article)}")


def _content_path(settings: SiteSettings | None, src_uri: str) -> str:
    """Name a path under the content folder as the site's messages do ("content/tin-tuc/…")."""
    return settings.rel(settings.docs_dir / src_uri) if settings else src_uri


def _read_issuer(reader: FieldReader) -> Issuer | None:
    if "issuer" not in reader.fm.values:
        reader.error("issuer", "thiếu khóa bắt buộc 'issuer' (name: cơ quan ban hành, level: cấp)")
        return None
    if reader.fm.values["issuer"] is None:
        reader.error("issuer", "'issuer' phải là bảng khóa (name: …, level: …), nhận được giá trị rỗng")
        return None
    value = reader.mapping("issuer", ("name", "level"))
    if value is None:
        return None
    name, level = value.get("name"), value.get("level")
    if not isinstance(name, str) or not name.strip():
        reader.error("issuer.name", "thiếu 'issuer.name': tên cơ quan ký quyết định (chuỗi chữ)")
        name = None
    elif not _guarded(reader, "issuer.name", name):
        name = None
    # A list or mapping is unhashable: test the type before the membership.
    if not isinstance(level, str) or level not in LEVELS:
        hint = suggestion(level, list(LEVELS)) if isinstance(level, str) and len(level) < 40 else ""
        reader.error(
            "issuer.level", f"'issuer.level' không hợp lệ: {_shown(level)}{hint}; được dùng: {', '.join(LEVELS)}"
        )
        return None
    return Issuer(nfc(name.strip()), level) if name else None


def _form(reader: FieldReader) -> str | None:
    value = reader.fm.values.get("form")
    if isinstance(value, str) and value not in FORMS and len(value) > 40:
        reader.error("form", f"'form' không hợp lệ: {clipped(value)}; được dùng: {', '.join(FORMS)}")
        return None
    return reader.choice("form", FORMS)


def _sample(reader: FieldReader) -> bool:
    value = reader.fm.values.get("sample", False)
    if not isinstance(value, bool):
        reader.error("sample", f"'sample' phải là true hoặc false, nhận được {_shown(value)}")
        return False
    return value


def _read_period(reader: FieldReader) -> str | None:
    value = reader.fm.values.get("period")
    if "period" not in reader.fm.values:
        reader.error("period", 'thiếu khóa bắt buộc \'period\' (năm "2023" hoặc giai đoạn "2016-2020")')
        return None
    match = PERIOD_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
        reader.error(
            "period",
            '\'period\' phải là một năm ("2023") hoặc một giai đoạn ("2016-2020", năm đầu trước năm cuối) đặt '
            f"trong ngoặc kép, nhận được {_shown(value)}",
        )
        return None
    return f"{match.group(1)}-{match.group(2)}" if match.group(2) else match.group(1)


def _read_article(reader: FieldReader) -> str | None:
    if "article" not in reader.fm.values:
        return None
    value = reader.fm.values["article"]
    if not isinstance(value, str) or not ARTICLE_PATTERN.fullmatch(value):
        reader.error(
            "article",
            "'article' phải là đường dẫn bài viết tính từ thư mục nội dung (docs_dir), dạng tin-tuc/NĂM/ten-bai.md, "
            "nhận được "
            f"{_shown(value)}",
        )
        return None
    # "tin-tuc/2020/bai" and "tin-tuc/2020/bai.md" name the same page.
    return value if value.endswith(".md") else value + ".md"


def _read_inline(node: yaml.Node, rows: Rows, reader: FieldReader) -> None:
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
            if key not in LIST_FIELDS or key in values:
                message = (
                    f"khóa '{key}' bị lặp trong một mục"
                    if key in values
                    else f"khóa không hợp lệ {clipped(key)}{suggestion(key[:40], list(LIST_FIELDS))}; "
                    f"được dùng: {', '.join(LIST_FIELDS)}"
                )
                rows.error(key_node.start_mark.line + 1, message)
                continue
            try:
                values[key] = constructor.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError):
                values[key] = str(getattr(value_node, "value", ""))  # an impossible date, say: keep the text
            if key == "stt" and isinstance(values[key], int) and not STT_PATTERN.fullmatch(str(value_node.value)):
                values[key] = str(value_node.value)  # 0x10, 1_000, 010: YAML reads numbers an editor did not mean
        rows.add(values, line)


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _shown(value: Any) -> str:
    if value is None:
        return "giá trị rỗng"
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return clipped(value)
    return shown(value)


__all__ = ["DecisionRead", "encoding_message", "inside", "read_decision", "read_decision_file"]
