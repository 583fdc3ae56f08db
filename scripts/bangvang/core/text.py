"""Vietnamese text helpers: normalisation, folding, slugs, numbers and dates."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata

# "Đ" is a letter of its own: stripping combining marks leaves it intact, so it
# is folded explicitly. "Ð" (U+00D0, Icelandic eth) is a common typing mistake
# for "Đ" (U+0110) and folds the same way.
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# The combining-mark blocks: every Vietnamese tone and vowel mark lies in the first.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C, the form all comparisons use."""
    return unicodedata.normalize("NFC", text)


def fold_diacritics(text: str) -> str:
    """Remove tone and vowel marks and fold đ/Đ/Ð to d/D ("Đồng Tháp" → "Dong Thap")."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_FOLDS))
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


def slugify(text: str) -> str:
    """Return the ASCII URL slug of a Vietnamese text ("Đồng Tháp" → "dong-thap")."""
    # Every page asks again for its category's and tags' slugs: short texts are remembered.
    return _short_slug(text) if len(text) <= _REMEMBERED else _slug(text)


_REMEMBERED = 200
"""The longest text whose slug is remembered (4.096 of them at most)."""


def _slug(text: str) -> str:
    return _NON_SLUG.sub("-", fold_diacritics(text).lower()).strip("-")


_short_slug = functools.lru_cache(maxsize=4096)(_slug)


def is_slug(text: str) -> bool:
    """Tell whether ``text`` is already a slug as :func:`slugify` makes them."""
    return bool(text) and slugify(text) == text


def format_number(value: int) -> str:
    """Write an integer the Vietnamese way, with dots between thousands (309.845)."""
    return f"{value:,}".replace(",", ".")


def format_date(value: dt.date) -> str:
    """Write a date as printed in Vietnam, without leading zeros (30/9/2020)."""
    return f"{value.day}/{value.month}/{value.year}"


def format_weekday_date(value: dt.date) -> str:
    """Write a date with its weekday ("Thứ Tư, 30/9/2020")."""
    return f"{_WEEKDAYS[value.weekday()]}, {format_date(value)}"


def closest(word: str, choices: list[str]) -> str | None:
    """Return the choice most like ``word`` (a likely typo target), or None."""
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.7)
    return found[0] if found else None
