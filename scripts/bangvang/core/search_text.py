"""Vietnamese text as search sees it: folded forms, exact forms and query terms.

The index builder (Python) and the lookup script (JavaScript) must fold text
the same way; tests/search_vectors.json holds the cases both are checked
against. Folding ignores Unicode form (NFC/NFD), case, tone placement and all
diacritics, and reads đ, Đ and Ð (U+00D0, typed by mistake for Đ) as d. The
exact form keeps the letters' marks and the syllable's tone, so that "Hoà" and
"Hòa" are the same word and "Anh" and "Ánh" are not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import fold_diacritics

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}

LEADING_OPTIONAL = (
    ("gia", "dinh", "ong"),
    ("gia", "dinh", "ba"),
    ("gia", "dinh"),
    ("dong", "ho"),
    ("ong",),
    ("ba",),
)
"""Honorifics and kind words a citizen may type, or not, before a name (folded)."""


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Return the folded form: lower case, no diacritics, đ as d, words joined by single spaces.

    Cached: names repeat a great deal in honour lists.
    """
    return " ".join(_NOT_WORD.sub(" ", fold_diacritics(text).lower()).split())


def words(text: str) -> list[str]:
    """Return the folded words of a text."""
    return fold(text).split()


def exact_word(word: str) -> str:
    """Return a word's exact form: lower case, letter marks kept, the tone as a final digit (0 for none).

    "Hoà" and "Hòa" both give "hoa1"; "Ánh" gives "anh4", "Anh" gives "anh0".
    """
    tone = "0"
    kept = []
    for char in unicodedata.normalize("NFD", word.lower().replace("ð", "đ")):
        if char in _TONES:
            tone = _TONES[char] if tone == "0" else tone
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def query_terms(query: str) -> dict[str, object]:
    """Split a query into the words every result must have and the leading words that may be left out.

    The last word is a prefix while the citizen is still typing, unless the
    query ends with a space.
    """
    folded = words(query)
    optional: list[str] = []
    for phrase in LEADING_OPTIONAL:
        if len(folded) > len(phrase) and tuple(folded[: len(phrase)]) == phrase:
            optional = list(phrase)
            folded = folded[len(phrase) :]
            break
    return {"required": folded, "optional": optional, "prefix": bool(folded) and not query.endswith(" ")}
