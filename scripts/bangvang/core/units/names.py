"""What makes two printed unit names the same unit: the kind of unit, and the name's letters and tones.

Decisions and spreadsheets write one unit many ways: "Tp. Hà Tĩnh" and
"Thành phố Hà Tĩnh", "TX Kỳ Anh" and "Thị xã Kỳ Anh", "H. Can Lộc" and
"Huyện Can Lộc"; "Hoà" and "Hòa" (tone placement), "Ðông" (Icelandic eth)
and "Đông"; "Bà Rịa-Vũng Tàu" and "Bà Rịa - Vũng Tàu"; "Phường 01" and
"Phường 1". All of these give one key. A tone mark that differs, or is
missing, gives another key: that is a spelling to check, not a variant.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..collation import name_key
from ..text import fold_diacritics

KINDS = {
    "tinh": "tỉnh",
    "thanh pho": "thành phố",
    "tp": "thành phố",
    "t p": "thành phố",
    "huyen": "huyện",
    "h": "huyện",
    "quan": "quận",
    "q": "quận",
    "thi xa": "thị xã",
    "tx": "thị xã",
    "t x": "thị xã",
    "xa": "xã",
    "x": "xã",
    "phuong": "phường",
    "p": "phường",
    "thi tran": "thị trấn",
    "tt": "thị trấn",
    "t t": "thị trấn",
    "dac khu": "đặc khu",
}
"""Every way a unit's kind is written at the start of its name (folded), and the kind it stands for."""

# Longest first, so "thi xa" wins over "thi" and "tp" over "t".
_KIND_WORDS = sorted(KINDS, key=len, reverse=True)
_SEPARATORS = re.compile(r"[\s\-–—.,;:()/]+")
_LEADING_ZEROS = re.compile(r"\b0+(\d)")


def split_kind(text: str) -> tuple[str | None, str]:
    """Return the unit kind a name starts with (written out, e.g. "thành phố") and the rest of the name.

    ``"Tp. Hà Tĩnh"`` gives ``("thành phố", "Hà Tĩnh")``; a name without a
    kind gives ``(None, name)``. The rest keeps its letters as written. Some
    names start with a kind's letters ("Quan Hóa", "Tĩnh Gia"):
    :func:`unit_keys` also offers the whole name.
    """
    words = [word for word in _SEPARATORS.split(text) if word]
    folded = [fold_diacritics(word).lower() for word in words]
    for kind in _KIND_WORDS:
        parts = kind.split()
        if folded[: len(parts)] == parts and len(words) > len(parts):
            return KINDS[kind], " ".join(words[len(parts) :])
    return None, " ".join(words)


@lru_cache(maxsize=1 << 16)
def unit_key(text: str) -> tuple[str | None, str]:
    """Return the kind of a unit's name and the key of the rest (see the module's docstring)."""
    kind, rest = split_kind(text)
    return kind, name_key(_LEADING_ZEROS.sub(r"\1", rest))


@lru_cache(maxsize=1 << 16)
def unit_keys(text: str) -> tuple[tuple[str | None, str], ...]:
    """Return the ways to read a printed name: with its kind split off, then (if it had one) whole."""
    kind, key = unit_key(text)
    if kind is None:
        return ((None, key),)
    return (kind, key), (None, name_key(_LEADING_ZEROS.sub(r"\1", " ".join(_SEPARATORS.split(text)).strip())))


@lru_cache(maxsize=1 << 16)
def loose_key(text: str) -> str:
    """Return the name without kind, tones and marks ("Xã Thiên Lôc" → "thien loc"): near misses share it."""
    return " ".join(_SEPARATORS.split(fold_diacritics(split_kind(text)[1]).lower())).strip()


def alias_key(text: str) -> str:
    """Return the name as the source's alias keys write it: folded letters run together ("thongnong")."""
    return loose_key(text).replace(" ", "")
