"""Checking the entry rows of one decision, from inline YAML or CSV, with bounded memory and problems.

Per-row work is kept small: one regex search gates the detailed text rules,
and duplicate detection keeps an integer per row, not the row's keys. Places
and titles repeat on thousands of rows, so each distinct value of those fields
is checked once per list and its findings said again at every row naming it.
A province holds a million entries: the texts and numbers rows repeat are held
once for all the lists read together (:class:`SharedValues`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, cast

from ..collation import collation_key, spelling_string
from ..problems import FileProblems, Severity
from ..schema import shown, suggestion
from ..text import format_date
from .guard import FORMULA_STARTS, MAX_TEXT_LENGTH, Finding, clipped, suspect, suspect_in, text_findings
from .model import DISTRICTS_ABOLISHED, KINDS, HonourEntry

REQUIRED_FIELDS = ("stt", "kind", "name", "commune", "province")
TEXT_FIELDS = ("name", "person", "title", "village", "commune", "district", "province", "current_commune")
STT_PATTERN = re.compile(r"[1-9][0-9]{0,8}")
"""An STT as written: digits, no sign, no leading zero, at most nine of them."""

_KIND_LIST = ", ".join(KINDS)
_normal = functools.partial(unicodedata.normalize, "NFC")
_KIND_KEYS = {kind: kind for kind in KINDS}  # one string object per kind, not one per row
_STT_BITS_LIMIT = 1 << 25  # 4 MB of bits at most
_entry = cast("Callable[[tuple[Any, ...]], HonourEntry]", functools.partial(tuple.__new__, HonourEntry))
"""Make an entry from its eleven fields in order, without the named tuple's keyword handling."""
PLACE_FIELDS = TEXT_FIELDS[2:]
"""Title and place fields, whose few distinct values fill many rows: checked once per value and list."""
_KNOWN_LIMIT = 1 << 15
"""How many distinct values of one field a list remembers the checks of (a national list has ~10.000 communes)."""
_SHARED_NUMBERS = 1 << 20
"""Line numbers and STTs below this are one object for every list (two integers a row otherwise)."""

_Checked = tuple[str | None, tuple[Finding, ...]]
"""A text value as kept (None when blank) and what the published-text rules found in it as written."""


class _Places(NamedTuple):
    """The place and title fields of a row as checked: what many rows share, remembered per list."""

    texts: tuple[str | None, str | None, str | None, str | None, str | None, str | None]
    """Title, village, commune, district, province and current commune as kept."""
    found: tuple[Finding, ...]
    """Their problems in field order."""
    wrong: frozenset[str]
    """The fields that held something other than text."""
    where: tuple[str | None, ...]
    """Village, commune, district and province: where the row's family lives, for the duplicate check."""


class SharedValues:
    """The texts and numbers rows repeat, held once for every list of a reading of the rolls.

    Names, places and titles recur across rows and lists, and every row has a
    line number and an STT that other lists' rows have too: one object each,
    not one per row, is what lets a province's million entries fit.
    """

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        """Each text kept (NFC, as rows keep them), by itself: ``texts.setdefault(text, text)`` is the one object
        equal to ``text``; a text found here is therefore NFC already."""
        self.numbers: list[int] = []
        """The numbers kept so far: ``numbers[n]`` is the one object equal to ``n``."""

    def text(self, text: str) -> str:
        """Return the one kept object equal to ``text`` in NFC."""
        text = _normal(text)
        return self.texts.setdefault(text, text)

    def number(self, number: int) -> int:
        """Return the one kept object equal to ``number`` (small positive numbers; others as given)."""
        numbers = self.numbers
        if number < len(numbers):
            return numbers[number] if number >= 0 else number
        if number >= _SHARED_NUMBERS:
            return number
        numbers.extend(range(len(numbers), number))
        numbers.append(number)
        return number


class Rows:
    """Checks the entry rows of one list file; keeps clean entries and a bounded report of problems."""

    def __init__(self, rel: str, signed: dt.date | None, shared: SharedValues | None = None) -> None:
        self.rel = rel
        self.signed = signed
        self.log = FileProblems(rel)
        self.entries: list[HonourEntry] = []
        self._shared = shared if shared is not None else SharedValues()
        self._share_text = self._shared.texts.setdefault
        # Per text field, the checks of each distinct value met (None: values too varied to remember).
        self._fields: list[tuple[str, dict[str, _Checked] | None]] = [
            (field, {} if field in PLACE_FIELDS else None) for field in TEXT_FIELDS
        ]
        self._places: dict[tuple[Any, ...], _Places] = {}
        # STTs seen: a bit per number up to a bound (a list's STTs run 1…N), a set beyond it.
        self._stt_bits = bytearray()
        self._stt_far: set[int] = set()
        self._seen: dict[int, int] = {}
        self._unkept_stt: dict[int, Any] = {}  # rows with errors, while their messages can still be shown

    @property
    def has_errors(self) -> bool:
        """Tell whether any row had an error."""
        return self.log.errors > 0

    def error(self, line: int, message: str) -> None:
        """Report an error at a file line."""
        self.log.add(line, message)

    def warn(self, line: int, message: str) -> None:
        """Report a warning at a file line."""
        self.log.add(line, message, Severity.WARNING)

    def add(self, values: dict[str, Any], line: int) -> None:
        """Validate one row (missing fields absent or None) and keep it when it has no error.

        Text values must be strings (CSV cells always are; YAML ones must be
        quoted text, not a number, date, true/false, list or mapping).
        """
        get = values.get
        places = (
            get("title"),
            get("village"),
            get("commune"),
            get("district"),
            get("province"),
            get("current_commune"),
        )
        self.add_row(get("stt"), get("kind"), get("name"), get("person"), places, line)

    def add_row(self, raw_stt: Any, kind: Any, raw_name: Any, raw_person: Any, raw: tuple[Any, ...], line: int) -> None:
        """Validate one row given field by field (``raw``: the fields of ``PLACE_FIELDS``), as :meth:`add` does."""
        log = self.log
        errors = log.errors
        numbers = self._shared.numbers
        line = numbers[line] if 0 <= line < len(numbers) else self._shared.number(line)
        # Messages in field order: name, person, then the place and title fields.
        share = self._shared.texts
        name = _plain_text(raw_name, share) or self._field("name", raw_name, line)
        if raw_person is None or raw_person == "":
            person = None  # what _field keeps of a blank, with nothing to report
        else:
            person = _plain_text(raw_person, share) or self._field("person", raw_person, line)
        try:
            places = self._places.get(raw)
        except TypeError:  # a YAML list or mapping where a text belongs: never remembered
            places = None
        if places is None:
            places = self._check_places(raw)
        for severity, message in places.found:
            log.add(line, message, severity)
        value = raw_stt
        if value.__class__ is str and value.isdigit() and value.isascii() and value[0] != "0" and len(value) <= 9:
            # A new STT as a spreadsheet writes it: what _stt would say, without its calls.
            number = int(value)
            byte, bit = number >> 3, 1 << (number & 7)
            bits = self._stt_bits
            if number < _STT_BITS_LIMIT and byte < len(bits) and not bits[byte] & bit:
                bits[byte] |= bit
                stt: int | None = numbers[number] if number < len(numbers) else self._shared.number(number)
            else:
                stt = self._stt(value, line)
        else:
            stt = self._stt(value, line)
        if kind is None or kind == "":
            self.error(line, f"thiếu 'kind' (loại: {_KIND_LIST})")
        elif not isinstance(kind, str) or kind not in KINDS:
            # A suggestion costs more than the rest of the row: none once the report is full.
            short = isinstance(kind, str) and len(kind) < 40 and not log.full
            hint = suggestion(kind, list(KINDS)) if short else ""
            self.error(line, f"'kind' không hợp lệ: {_shown(kind)}{hint}; được dùng: {_KIND_LIST}")
        title, village, commune, district, province, current = places.texts
        if name is None and (raw_name is None or isinstance(raw_name, str)):  # not text at all: said above
            self.error(line, "thiếu 'name'")
        if commune is None and "commune" not in places.wrong:
            self.error(line, "thiếu 'commune'")
        if province is None and "province" not in places.wrong:
            self.error(line, "thiếu 'province'")
        if district and self.signed and self.signed >= DISTRICTS_ABOLISHED:
            self.error(
                line,
                f"'district' là '{district}' nhưng quyết định ký ngày {format_date(self.signed)}, "
                "sau 1/7/2025 đã không còn cấp huyện; ghi địa danh đúng như in trên quyết định",
            )
        if name:
            # One integer per row: the hash of the comparison key, pointing at the line of the first row that had it.
            earlier = self._seen.setdefault(hash((spelling_string(name), places.where)), line)
            if earlier != line:
                self._check_duplicate(name, places.where, line, earlier)
        if log.errors > errors or stt is None:
            if not log.full:
                self._unkept_stt[line] = raw_stt
            return
        self.entries.append(
            _entry(
                (
                    stt,
                    _KIND_KEYS[kind],
                    name or "",
                    person,
                    title,
                    village,
                    commune or "",
                    district,
                    province or "",
                    line,
                    current,
                )
            )
        )

    def _field(self, field: str, value: Any, line: int) -> str | None:
        """Check one text field of a row (name, person) and report its problems; return it as kept."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(line, f"'{field}' phải là chữ (đặt trong ngoặc kép), nhận được {_shown(value)}")
            return None
        text, findings = self._check_text(field, value)
        for severity, message in findings:
            self.log.add(line, message, severity)
        return text

    def _check_places(self, raw: tuple[Any, ...]) -> _Places:
        """Check the place and title fields of a row as written, each distinct value once; remember the result."""
        texts: list[str | None] = []
        found: list[Finding] = []
        wrong: set[str] = set()
        remembered = True
        for (field, known), value in zip(self._fields[2:], raw, strict=True):
            if value is None:
                texts.append(None)
            elif isinstance(value, str):
                checked = known.get(value) if known is not None else None
                if checked is None:
                    checked = self._check_text(field, value)
                    if known is not None and len(known) < _KNOWN_LIMIT and len(value) <= MAX_TEXT_LENGTH:
                        known[value] = checked
                    else:
                        remembered = False
                texts.append(checked[0])
                found.extend(checked[1])
            else:
                message = f"'{field}' phải là chữ (đặt trong ngoặc kép), nhận được {_shown(value)}"
                found.append((Severity.ERROR, message))
                texts.append(None)
                wrong.add(field)
                remembered = False
        title, village, commune, district, province, current = texts
        places = _Places(
            (title, village, commune, district, province, current),
            tuple(found),
            frozenset(wrong),
            (village, commune, district, province),
        )
        if remembered and len(self._places) < _KNOWN_LIMIT:
            self._places[raw] = places
        return places

    def _check_text(self, field: str, value: str) -> _Checked:
        """Check one text as written; return it as kept (stripped, NFC, shared) and the findings, in order."""
        text = value.strip()
        if not text:
            return None, ()
        # The length first, so no rule ever scans a megabyte; then one search gates the rest.
        found: tuple[Finding, ...] = ()
        if len(value) > MAX_TEXT_LENGTH or text[0] in FORMULA_STARTS or suspect(value):
            found = tuple(text_findings(field, value))
        text = _normal(text)
        return self._share_text(text, text), found

    def _check_duplicate(self, name: str, places: tuple[str | None, ...], line: int, earlier_line: int) -> None:
        # The row's key hashed like an earlier row's: a match with a kept entry is
        # confirmed in full, so a collision never reports a false duplicate.
        earlier = self._kept_at(earlier_line)
        if earlier is not None and (same_name_key(earlier.name) != same_name_key(name) or _places(earlier) != places):
            return
        if self.log.full:
            self.error(line, "")
            return
        stt = earlier.stt if earlier is not None else self._unkept_stt.get(earlier_line, "?")
        self.error(
            line, f"trùng với STT {stt} (dòng {earlier_line}): cùng tên '{name}' và cùng nơi ở trong một quyết định"
        )

    def _kept_at(self, line: int) -> HonourEntry | None:
        index = bisect_left(self.entries, line, key=lambda entry: entry.line)
        return self.entries[index] if index < len(self.entries) and self.entries[index].line == line else None

    def _stt(self, value: Any, line: int) -> int | None:
        if isinstance(value, str):
            if value.isascii() and value.isdigit() and value[0] != "0" and len(value) <= 9:
                value = int(value)  # as a spreadsheet writes it: the pattern below would say the same
            elif STT_PATTERN.fullmatch(value.strip()):
                value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.error(
                line, f"'stt' phải là số thứ tự nguyên dương viết bằng chữ số (1, 2, 3…), nhận được {_shown(value)}"
            )
            return None
        if self._stt_seen(value):
            self.error(line, self._stt_repeat(value) if not self.log.full else "")
            return None
        return self._shared.number(value)

    def _stt_seen(self, value: int) -> bool:
        """Tell whether an STT was met before, and remember it."""
        if value >= _STT_BITS_LIMIT:
            seen = value in self._stt_far
            self._stt_far.add(value)
            return seen
        byte, bit = divmod(value, 8)
        if byte >= len(self._stt_bits):
            self._stt_bits.extend(bytes(max(byte + 1, 2 * len(self._stt_bits)) - len(self._stt_bits)))
        seen = bool(self._stt_bits[byte] >> bit & 1)
        self._stt_bits[byte] |= 1 << bit
        return seen

    def _stt_repeat(self, value: int) -> str:
        """Say which earlier line holds the same STT (a scan: only while messages are still shown)."""
        lines = [line for line, raw in self._unkept_stt.items() if _as_int(raw) == value]
        lines += [entry.line for entry in self.entries if entry.stt == value][:1]
        return f"STT {value} trùng với dòng {min(lines)}" if lines else f"STT {value} trùng với một dòng trước"


Columns = tuple[Any, ...]
"""A list's entries field by field (:func:`columns_of`): eleven sequences, STT and line as ``array('q')``."""


def columns_of(entries: Sequence[HonourEntry]) -> Columns:
    """Return entries field by field, for another process: numbers packed, repeated texts left to pickle's memo."""
    if not entries:
        return ()
    stt, kind, name, person, title, village, commune, district, province, line, current = zip(*entries, strict=True)
    return (array("q", stt), kind, name, person, title, village, commune, district, province, array("q", line), current)


def entries_from(columns: Columns, shared: SharedValues) -> tuple[HonourEntry, ...]:
    """Make the entries :func:`columns_of` took apart, their STT and line numbers held in ``shared``."""
    if not columns:
        return ()
    stt, kind, name, person, title, village, commune, district, province, line, current = columns
    number = shared.number
    numbered = map(number, stt), kind, name, person, title, village, commune, district, province, map(number, line)
    fields = zip(*numbered, current, strict=True)
    return tuple(map(_entry, fields))


def _plain_text(value: Any, shared: dict[str, str]) -> str | None:
    """Return a name as :meth:`Rows._field` keeps it when it is the common clean case, else None.

    The common case is text within the length limit, with nothing the detailed
    rules look at, not blank and not starting a formula: kept stripped, NFC and
    shared (``shared``: :attr:`SharedValues.texts`), with no finding to report.
    Anything else is for ``_field``. A name met before is found as written,
    NFC already: only a new one is normalised.
    """
    if value.__class__ is str and len(value) <= MAX_TEXT_LENGTH and not suspect_in(value):
        text = value.strip()
        if text and text[0] not in FORMULA_STARTS:
            kept = shared.get(text)
            if kept is None:
                text = _normal(text)
                kept = shared.setdefault(text, text)
            return kept
    return None


def same_name_key(text: str) -> tuple[object, ...]:
    """Return the comparison form of a name, for entries repeated in one decision (the check and the importer).

    Case, spacing and tone placement (Hoà = Hòa) do not count. Diacritics do: "Anh" and "Ánh" are two people.
    """
    return collation_key(text)[:2]


def _places(entry: HonourEntry) -> tuple[str | None, ...]:
    return entry.village, entry.commune, entry.district, entry.province


def _as_int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and STT_PATTERN.fullmatch(value.strip()):
        return int(value.strip())
    return None


def _shown(value: Any) -> str:
    """Describe a wrong value: its shape when it has no text, else its text cut short."""
    return shown(value, clipped)
