"""The privacy guard: personal data an honour list must never publish.

A decision may name a family and its village; it must not carry ID numbers
(CMND 9 digits, CCCD 12), phone numbers, e-mail addresses, dates of birth or
house numbers. Values that look like any of them are rejected, with the reason.

The guard sees through the disguises a spreadsheet or a careless paste gives:
separators between digits (spaces, NBSP, dots, dashes, slashes, commas,
underscores), zero-width characters and full-width digits. Every pattern is
anchored so that a match can only start where a run starts: the work stays
linear in the length of the text, whatever the text.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters and the soft hyphen hide nothing from the guard.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SEP = r"[\s.\-/,_()+·:‐‑‒–—−]"
_DIGIT_RUN = re.compile(rf"(?<!\d)\d(?:{_SEP}*\d)*")
_NON_DIGIT = re.compile(r"\D")
_YEAR = re.compile(r"(?:19|20)\d\d")
# After a prefix: separators, an optional "số"/"no", separators, then a digit.
_GAP = r"[\s.:,\-_/#()]*(?:(?:số|no)[\s.:,\-_/#()]*)?\d"
_ID_PREFIX = re.compile(
    rf"(?<!\w)(?:cccd|cmnd|cmtnd|căn cước(?: công dân)?|(?:số )?định danh(?: cá nhân)?|hộ chiếu){_GAP}"
)
_PHONE_PREFIX = re.compile(rf"(?<!\w)(?:sđt|đt|đtdđ|dđ|điện thoại|di động|zalo|tel|phone|mobile){_GAP}")
_BIRTH_PREFIX = re.compile(rf"(?<!\w)(?:(?:ngày |năm |ngày tháng năm )?sinh(?: năm| ngày)?|sn|ns){_GAP}")
_HOUSE = re.compile(
    rf"(?<!\w)(?:số nhà|nhà số|ngõ|ngách|hẻm|kiệt){_GAP}"
    r"|(?<![\w/])\d+[a-z]?(?:/\d+)*\s+(?:đường|phố)(?!\w)"
)
_BIRTH_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}(?!\d)")
_EMAIL = re.compile(r"@|\(at\)|\[at\]")
_FOREIGN_DIGIT = re.compile(r"(?![0-9])\d")
# Most values (a village "Thôn 12") hold no e-mail sign, no run of three
# digits (every date and long number has one) and no prefix before a digit:
# one search, the union of every rule, lets them through.
_QUICK = re.compile(
    "|".join(
        [_EMAIL.pattern, rf"(?<!\d)\d{_SEP}*\d{_SEP}*\d"]
        + [rule.pattern for rule in (_ID_PREFIX, _PHONE_PREFIX, _BIRTH_PREFIX, _HOUSE)]
    )
)


def plain(text: str) -> str:
    """Return ``text`` as the guard reads it: compatibility form (full-width → ASCII), no zero-width, lower case."""
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return folded.lower()
    folded = folded.translate(_INVISIBLE).lower()
    if not _FOREIGN_DIGIT.search(folded):
        return folded
    # Digits of other scripts count as digits ("٠٩١٢…").
    return _FOREIGN_DIGIT.sub(lambda m: str(unicodedata.digit(m.group(0), 0)), folded)


def personal_data(text: str, *, dates: bool = True) -> str | None:
    """Return why ``text`` looks like personal data that may not be published, or None.

    ``dates``: a bare date (12/3/1980) counts as a date of birth; the fields of
    the decision itself turn this off.
    """
    seen = plain(text)
    if not _QUICK.search(seen):
        return None
    if _EMAIL.search(seen):
        return "có địa chỉ e-mail"
    if _ID_PREFIX.search(seen):
        return "có số CMND/CCCD (số định danh)"
    if _PHONE_PREFIX.search(seen):
        return "có số điện thoại"
    if _BIRTH_PREFIX.search(seen) or (dates and _BIRTH_DATE.search(seen)):
        return "có ngày hoặc năm sinh"
    if _HOUSE.search(seen):
        return "có số nhà hoặc địa chỉ chi tiết hơn cấp thôn"
    for run in _DIGIT_RUN.finditer(seen):
        raw = run.group(0)
        digits = _NON_DIGIT.sub("", raw)
        if len(digits) < 9 or _only_years(raw):
            continue
        if raw.startswith("+84") or (digits.startswith("84") and len(digits) == 11):
            return "có số điện thoại"
        if digits.startswith("0") and len(digits) in (10, 11):
            return "có số điện thoại"
        if len(digits) in (9, 12):
            return f"có dãy {len(digits)} chữ số giống số CMND/CCCD"
        return f"có dãy {len(digits)} chữ số (số định danh hay số điện thoại?)"
    return None


def _only_years(run: str) -> bool:
    """Tell whether a run of digits is a list of years ("2016-2020", "2021, 2022, 2023"), not a number."""
    chunks = re.split(_SEP + "+", run.strip("()+"))
    return all(len(chunk) == 4 and _YEAR.fullmatch(chunk) for chunk in chunks)
