"""Checking the entry rows of one decision, from inline YAML or CSV, with bounded memory and problems.

Per-row work is kept small: one regex search gates the detailed text rules,
and duplicate detection keeps an integer per row, not the row's keys.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from bisect import bisect_left
from typing import Any

from ..collation import collation_key
from ..problems import FileProblems, Severity
from ..schema import shown, suggestion
from ..text import format_date
from .guard import FORMULA_STARTS, MAX_TEXT_LENGTH, clipped, suspect, text_findings
from .model import DISTRICTS_ABOLISHED, KINDS, HonourEntry

REQUIRED_FIELDS = ("stt", "kind", "name", "commune", "province")
TEXT_FIELDS = ("name", "person", "title", "village", "commune", "district", "province", "current_commune")
STT_PATTERN = re.compile(r"[1-9][0-9]{0,8}")
"""An STT as written: digits, no sign, no leading zero, at most nine of them."""

_KIND_LIST = ", ".join(KINDS)
_normal = functools.partial(unicodedata.normalize, "NFC")
_KIND_KEYS = {kind: kind for kind in KINDS}  # one string object per kind, not one per row
_STT_BITS_LIMIT = 1 << 25  # 4 MB of bits at most


class Rows:
    """Checks the entry rows of one list file; keeps clean entries and a bounded report of problems."""

    def __init__(self, rel: str, signed: dt.date | None) -> None:
        self.rel = rel
        self.signed = signed
        self.log = FileProblems(rel)
        self.entries: list[HonourEntry] = []
        self._shared: dict[str, str] = {}
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
        errors = self.log.errors
        texts: dict[str, str | None] = {}
        wrong: set[str] = set()
        for field in TEXT_FIELDS:
            value = values.get(field)
            if value is None:
                texts[field] = None
            elif isinstance(value, str):
                text = value.strip()
                if not text:
                    texts[field] = None
                    continue
                # The length first, so no rule ever scans a megabyte; then one search gates the rest.
                if len(value) > MAX_TEXT_LENGTH or text[0] in FORMULA_STARTS or suspect(value):
                    self._guard(field, value, line)
                texts[field] = _normal(text)
            else:
                self.error(line, f"'{field}' phải là chữ (đặt trong ngoặc kép), nhận được {_shown(value)}")
                texts[field] = None
                wrong.add(field)
        stt = self._stt(values.get("stt"), line)
        kind = values.get("kind")
        if kind is None or kind == "":
            self.error(line, f"thiếu 'kind' (loại: {_KIND_LIST})")
        elif not isinstance(kind, str) or kind not in KINDS:
            # A suggestion costs more than the rest of the row: none once the report is full.
            short = isinstance(kind, str) and len(kind) < 40 and not self.log.full
            hint = suggestion(kind, list(KINDS)) if short else ""
            self.error(line, f"'kind' không hợp lệ: {_shown(kind)}{hint}; được dùng: {_KIND_LIST}")
        for field in ("name", "commune", "province"):
            if texts[field] is None and field not in wrong:
                self.error(line, f"thiếu '{field}'")
        if texts["district"] and self.signed and self.signed >= DISTRICTS_ABOLISHED:
            self.error(
                line,
                f"'district' là '{texts['district']}' nhưng quyết định ký ngày {format_date(self.signed)}, "
                "sau 1/7/2025 đã không còn cấp huyện; ghi địa danh đúng như in trên quyết định",
            )
        if texts["name"]:
            self._check_duplicate(texts, line)
        if self.log.errors > errors or stt is None:
            if not self.log.full:
                self._unkept_stt[line] = values.get("stt")
            return
        self._keep(texts, stt, _KIND_KEYS[str(kind)], line)

    def _keep(self, texts: dict[str, str | None], stt: int, kind: str, line: int) -> None:
        shared = self._shared
        self.entries.append(
            HonourEntry(
                stt=stt,
                kind=kind,
                name=texts["name"] or "",
                person=texts["person"],
                title=shared.setdefault(texts["title"], texts["title"]) if texts["title"] else None,
                village=shared.setdefault(texts["village"], texts["village"]) if texts["village"] else None,
                commune=shared.setdefault(texts["commune"] or "", texts["commune"] or ""),
                district=shared.setdefault(texts["district"], texts["district"]) if texts["district"] else None,
                province=shared.setdefault(texts["province"] or "", texts["province"] or ""),
                line=line,
                current_commune=(
                    shared.setdefault(texts["current_commune"], texts["current_commune"])
                    if texts["current_commune"]
                    else None
                ),
            )
        )

    def _check_duplicate(self, texts: dict[str, str | None], line: int) -> None:
        # One integer per row: the hash of the comparison key, pointing at the
        # line of the first row that had it. A match with a kept entry is
        # confirmed in full, so a collision never reports a false duplicate.
        name = texts["name"] or ""
        places = (texts["village"], texts["commune"], texts["district"], texts["province"])
        key = hash((same_name_key(name), places))
        earlier_line = self._seen.setdefault(key, line)
        if earlier_line == line:
            return
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
        if isinstance(value, str) and STT_PATTERN.fullmatch(value.strip()):
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.error(
                line, f"'stt' phải là số thứ tự nguyên dương viết bằng chữ số (1, 2, 3…), nhận được {_shown(value)}"
            )
            return None
        if self._stt_seen(value):
            self.error(line, self._stt_repeat(value) if not self.log.full else "")
            return None
        return value

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

    def _guard(self, field: str, raw: str, line: int) -> None:
        for severity, message in text_findings(field, raw):
            self.log.add(line, message, severity)


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
