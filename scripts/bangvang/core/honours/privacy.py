"""The privacy guard: personal data an honour list must never publish.

A decision may name a family and its village; it must not carry ID numbers
(CMND 9 digits, CCCD 12), phone numbers, e-mail addresses, dates of birth or
house numbers. Values that look like any of them are rejected, with the reason.
"""

from __future__ import annotations

import re

_DIGIT_GROUPS = re.compile(r"(?<![\w])\(?\+?\d[\d .\-()]*\d(?![\w])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BIRTH_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d{2}(?!\d)")
_BIRTH_WORDS = re.compile(r"\b(?:sinh\s+(?:năm|ngày)|năm\s+sinh|ngày\s+sinh|SN)\s*:?\s*\d", re.IGNORECASE)
_HOUSE = re.compile(
    r"\b(?:số\s+nhà\s*\d|nhà\s+số\s*\d|(?:ngõ|ngách|hẻm|kiệt)\s+\d|\d+[A-Za-z]?(?:/\d+)*\s+(?:đường|phố)\b)",
    re.IGNORECASE,
)


def personal_data(text: str) -> str | None:
    """Return why ``text`` looks like personal data that may not be published, or None."""
    if _EMAIL.search(text):
        return "có địa chỉ e-mail"
    if _BIRTH_DATE.search(text) or _BIRTH_WORDS.search(text):
        return "có ngày hoặc năm sinh"
    if _HOUSE.search(text):
        return "có số nhà hoặc địa chỉ chi tiết hơn cấp thôn"
    for group in _DIGIT_GROUPS.finditer(text):
        raw = group.group(0)
        digits = re.sub(r"\D", "", raw)
        if raw.startswith("+84") or (digits.startswith("0") and len(digits) in (10, 11)):
            return "có số điện thoại"
        if len(digits) in (9, 12):
            return f"có dãy {len(digits)} chữ số giống số CMND/CCCD"
        if len(digits) >= 9:
            return f"có dãy {len(digits)} chữ số (số định danh hay số điện thoại?)"
    return None
