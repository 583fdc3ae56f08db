"""Vietnamese alphabetical order, and the order lists of people are printed in.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
words that differ only in tone follow the tones' order (none, huyền, hỏi, ngã,
sắc, nặng). A tone belongs to the syllable, not to the vowel that carries it,
so "Hoà" and "Hòa" sort as the same word. Code-point order would put "Đ" after
"Z" and "Á" after "Y".
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_MODIFIERS = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng

# Titles, kinship and kind words that precede a person's name in honour lists.
PERSON_PREFIXES = (
    "gia đình ông",
    "gia đình bà",
    "gia đình anh",
    "gia đình chị",
    "gia đình",
    "ông",
    "bà",
    "anh",
    "chị",
    "em",
    "cháu",
    "cụ",
)


def _letter(base: str, modifiers: str) -> str:
    """Return the Vietnamese letter a base letter and its vowel modifiers make."""
    if base == "a" and "\u0306" in modifiers:
        return "ă"
    if base in "aeo" and "\u0302" in modifiers:
        return {"a": "â", "e": "ê", "o": "ô"}[base]
    if base in "ou" and "\u031b" in modifiers:
        return {"o": "ơ", "u": "ư"}[base]
    return base


@lru_cache(maxsize=65536)
def _word_key(word: str) -> tuple[tuple[int, ...], int]:
    """Return (letter ranks, tone) of one word; other characters rank after the letters."""
    letters: list[int] = []
    tone = 0
    for char in unicodedata.normalize("NFD", word.lower().replace("ð", "đ")):
        if unicodedata.combining(char):
            if char in _TONES:
                tone = tone or _TONES[char]
            elif char in _MODIFIERS and letters:
                # Re-rank the previous letter as the modified letter (a + breve → ă).
                previous = _ALPHABET[letters[-1]] if letters[-1] < len(_ALPHABET) else ""
                if previous:
                    letters[-1] = _RANK[_letter(previous, char)]
            continue
        rank = _RANK.get(char)
        letters.append(rank if rank is not None else len(_ALPHABET) + ord(char))
    return tuple(letters), tone


@lru_cache(maxsize=1 << 18)
def collation_key(text: str) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...], str]:
    """Return a sort key putting Vietnamese texts in dictionary order.

    Letters decide first, word by word; then tones, word by word; then the
    text itself, so that the order is total and stable. Names repeat a lot in
    honour lists, so keys are cached.
    """
    words = [_word_key(word) for word in text.split()]
    return tuple(w[0] for w in words), tuple(w[1] for w in words), text


_LAST = 0x10FFFF


def _chars(ranks: tuple[int, ...]) -> str:
    """Return ranks as characters from U+0002 in the same order; the few ranks past Unicode take two."""
    return "".join(chr(rank + 2) if rank + 2 < _LAST else chr(_LAST) + chr(rank + 4 - _LAST) for rank in ranks)


@lru_cache(maxsize=1 << 18)
def collation_string(text: str) -> str:
    """Return :func:`collation_key` as one string that sorts the same way, compared in C.

    Each word's letter ranks become characters (from U+0002), words are joined
    by U+0001 and the parts (letters, tones, the text) by U+0000: a word or a
    part that ends sorts before one that goes on, as a shorter tuple does.
    """
    words = [_word_key(word) for word in text.split()]
    letters = "\x01".join(_chars(ranks) for ranks, _ in words)
    return f"{letters}\x00{_chars(tuple(tone for _, tone in words))}\x00{text}"


@lru_cache(maxsize=1 << 18)
def spelling_string(text: str) -> str:
    """Return what :func:`collation_string` says of a text's letters and tones, without the text itself.

    Two texts have the same one exactly when their ``collation_key(text)[:2]``
    are equal: they differ at most in case, spacing and tone placement ("Hoà",
    "Hòa"). One cached string, whose hash Python keeps, instead of nested tuples.
    """
    whole = collation_string(text)
    return whole[: len(whole) - len(text) - 1]


@lru_cache(maxsize=1 << 18)
def given_name_string(person: str) -> tuple[str, str]:
    """Return :func:`given_name_key` as two strings that sort the same way (see :func:`collation_string`)."""
    words = person.split()
    if not words:
        return "", ""
    return collation_string(words[-1]), collation_string(" ".join(words[:-1]))


def person_name(name: str) -> str:
    """Return the person named in an entry ("Gia đình ông Nguyễn Văn An" → "Nguyễn Văn An").

    Only the leading title and kinship words are taken off; the name itself is
    never changed.
    """
    lowered = name.lower()
    for prefix in PERSON_PREFIXES:
        if lowered.startswith(prefix + " "):
            return name[len(prefix) + 1 :].strip()
    return name.strip()


@lru_cache(maxsize=1 << 18)
def given_name_key(person: str) -> tuple[object, ...]:
    """Return the key listing people by given name (last word), then by the rest.

    "Nguyễn Văn An" sorts under "An", before "Trần Thị Ánh" under "Ánh".
    """
    words = person.split()
    if not words:
        return ((), (), "")
    given, rest = words[-1], " ".join(words[:-1])
    return collation_key(given), collation_key(rest)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Return what makes two spellings the same name: letters and each word's tone, whatever case or tone placement.

    "Tỉnh Hà Tĩnh", "tỉnh Hà Tĩnh" and "Tỉnh Hà Tĩnh" with the tone on another
    vowel all give "tinh2 ha1 tinh3"; "Tỉnh Hà Tỉnh" (another tone) does not.
    Written with letters, not ranks, so the key never changes with this module.
    """
    spelled = []
    for letters, tone in zip(*collation_key(text)[:2], strict=True):
        word = "".join(_ALPHABET[r] if r < len(_ALPHABET) else chr(r - len(_ALPHABET)) for r in letters)
        spelled.append(f"{word}{tone}")
    return " ".join(spelled)
