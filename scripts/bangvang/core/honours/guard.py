"""Rules every published text of an honour roll obeys: length, hidden characters, formulas, fonts, privacy.

The length is checked first, so no other rule ever scans a megabyte; every
rule after it is a linear scan. A cheap gate lets the common clean value
through with one regex search.
"""

from __future__ import annotations

import re
import unicodedata

from ..problems import Severity
from ..text import format_number
from .privacy import personal_data

MAX_TEXT_LENGTH = 300
"""The longest name, place or title accepted: longer is surely a paste gone wrong."""

FORMULA_STARTS = "=+-@"
"""Leading characters that make a spreadsheet read a cell as a formula (with tab and CR, refused as controls)."""

_NAMED = {
    0x061C: "dấu định hướng chữ Ả Rập",
    0x200B: "khoảng trắng độ rộng 0",
    0x200C: "ký tự nối độ rộng 0",
    0x200D: "ký tự nối độ rộng 0",
    0x200E: "dấu định hướng chữ",
    0x200F: "dấu định hướng chữ",
    0x2060: "ký tự nối từ ẩn",
    0xFEFF: "dấu BOM giữa chữ",
}
# Control characters, bidi controls and zero-width characters: they hide or
# reorder text (a name shown differently from what was typed).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_LEGACY = re.compile(r"[®×¬©¸µ¶·¹¨«»¼½¾¦§°±²³]")
_ETH = re.compile("[\u00d0\u00f0]")
# Everything a rule after the length looks at holds one of these characters: "(at)" and "[at]" their
# bracket. One character class, searched in C a character at a time, with no alternative to try at each.
_SUSPECT = re.compile(
    "[\\d@\uff20®×¬©¸µ¶·¹¨«»¼½¾¦§°±²³\u00d0\u00f0\u2070-\u209f"
    "\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff(\\[]"
)

Finding = tuple[Severity, str]

suspect_in = _SUSPECT.search
"""The gate itself, for loops over a million values: a match when a text needs the detailed rules."""


def suspect(text: str) -> bool:
    """Tell whether a text (or several joined) needs the detailed rules after the length."""
    return _SUSPECT.search(text) is not None


def text_findings(field: str, raw: str, *, dates: bool = True) -> list[Finding]:
    """Return the problems of one published text as written (before stripping), most telling first.

    ``dates``: whether a bare date counts as a date of birth (entry fields).
    """
    if len(raw) > MAX_TEXT_LENGTH:
        return [
            (
                Severity.ERROR,
                f"'{field}' dài {format_number(len(raw))} ký tự, quá giới hạn {MAX_TEXT_LENGTH}: có vẻ dán nhầm cả "
                "đoạn văn; chỉ ghi đúng tên như in trên quyết định",
            )
        ]
    found: list[Finding] = []
    text = raw.strip()
    if text[:1] in FORMULA_STARTS and text:
        found.append(
            (
                Severity.ERROR,
                f"'{field}' bắt đầu bằng '{text[0]}': bảng tính (Excel) sẽ hiểu ô này là công thức; bỏ ký tự đó ở đầu",
            )
        )
    if not _SUSPECT.search(raw):
        return found
    hidden = _HIDDEN.search(raw)
    if hidden:
        found.append((Severity.ERROR, f"'{field}' có ký tự ẩn {describe(hidden.group(0))}; xóa ký tự đó rồi gõ lại"))
        return found
    legacy = _LEGACY.search(text)
    if legacy:
        found.append(
            (
                Severity.ERROR,
                f"'{field}' có ký tự '{legacy.group(0)}': có vẻ là chữ gõ bằng bảng mã cũ (TCVN3/VNI, phông "
                ".VnTime); nhập bảng tính gốc bằng lệnh 'bangvang nhap' (lệnh này chuyển chữ sang Unicode)",
            )
        )
        return found
    eth = _ETH.search(text)
    if eth:
        wanted = "Đ (U+0110)" if eth.group(0) == "\u00d0" else "đ (U+0111)"
        found.append(
            (
                Severity.WARNING,
                f"'{field}' có chữ '{eth.group(0)}' (U+{ord(eth.group(0)):04X}, chữ eth của tiếng Iceland) trông "
                f"giống nhưng không phải {wanted}; gõ lại bằng bàn phím tiếng Việt",
            )
        )
    reason = personal_data(text, dates=dates)
    if reason:
        found.append(
            (
                Severity.ERROR,
                f"'{field}' {reason}: '{masked(text)}'; bảng vàng chỉ đăng điều quyết định ghi, không đăng dữ liệu "
                "cá nhân (Luật Bảo vệ dữ liệu cá nhân)",
            )
        )
    return found


def describe(char: str) -> str:
    """Name a hidden character by its code point ("U+200B (khoảng trắng độ rộng 0)")."""
    code = ord(char)
    if code in _NAMED:
        label = _NAMED[code]
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        label = "ký tự điều khiển hướng chữ (bidi)"
    elif unicodedata.category(char) == "Cc":
        label = {0x09: "dấu tab", 0x0A: "xuống dòng", 0x0D: "về đầu dòng (CR)", 0x0B: "xuống dòng của Word"}.get(
            code, "ký tự điều khiển"
        )
    else:
        label = "ký tự vô hình"
    return f"U+{code:04X} ({label})"


def masked(text: str) -> str:
    """Hide every digit after the first two, so a message does not republish the data it rejects."""
    digits = 0
    out = []
    for char in text:
        if char.isdigit():
            digits += 1
            out.append(char if digits <= 2 else "•")
        else:
            out.append(char)
    return "".join(out) if digits > 4 else text


def clipped(value: object, limit: int = 40) -> str:
    """Show a wrong value in a message, quoted and cut short, hidden characters named."""
    text = value if isinstance(value, str) else str(value)
    short = text[:limit] + ("…" if len(text) > limit else "")
    return "'" + _HIDDEN.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", short) + "'"
