"""Text typed in the legacy Vietnamese fonts (TCVN3/ABC, VNI-Windows) read back into Unicode.

A spreadsheet typed before Unicode holds a legacy font's byte codes; Excel shows each byte as the
Windows-1252 character with that code ("NguyÔn V¨n Hoµ" for "Nguyễn Văn Hoà"), and that is the
text a reader gets. The tables below map those characters.

- TCVN3 (fonts ".VnTime", ".VnArial" ...) has one byte per letter, but no code for a capital with
  a tone: the "…H" fonts (".VnTimeH") draw every code as a capital, so the font name is part of the
  text's meaning (``upper``).
- VNI (fonts "VNI-Times" ...) writes a vowel as its base letter followed by a modifier byte
  ("Hoaø" for "Hoà"); capitals have modifiers of their own ("HOAØ").

Both tables are checked against Unikey's in tests/test_legacy_fonts.py. Nothing is guessed: a
character outside the table, a VNI mark with no letter to sit on, or a cell mixing Unicode letters
with legacy codes is refused with a Vietnamese reason. Tone placement is kept as typed ("Hoà").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Literal, NoReturn

Encoding = Literal["tcvn3", "vni"]

_NAMES: dict[Encoding, str] = {"tcvn3": "TCVN3 (phông .VnTime)", "vni": "VNI (phông VNI-Times)"}

# TCVN3 (TCVN 5712:1993, VN3) codes of the lower-case letters and of the seven capitals it has.
_TCVN3: dict[str, str] = {
    chr(code): letter
    for code, letter in {
        0xB5: "à", 0xB8: "á", 0xB6: "ả", 0xB7: "ã", 0xB9: "ạ",
        0xA8: "ă", 0xBB: "ằ", 0xBE: "ắ", 0xBC: "ẳ", 0xBD: "ẵ", 0xC6: "ặ",
        0xA9: "â", 0xC7: "ầ", 0xCA: "ấ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCB: "ậ",
        0xAE: "đ",
        0xCC: "è", 0xD0: "é", 0xCE: "ẻ", 0xCF: "ẽ", 0xD1: "ẹ",
        0xAA: "ê", 0xD2: "ề", 0xD5: "ế", 0xD3: "ể", 0xD4: "ễ", 0xD6: "ệ",
        0xD7: "ì", 0xDD: "í", 0xD8: "ỉ", 0xDC: "ĩ", 0xDE: "ị",
        0xDF: "ò", 0xE3: "ó", 0xE1: "ỏ", 0xE2: "õ", 0xE4: "ọ",
        0xAB: "ô", 0xE5: "ồ", 0xE8: "ố", 0xE6: "ổ", 0xE7: "ỗ", 0xE9: "ộ",
        0xAC: "ơ", 0xEA: "ờ", 0xED: "ớ", 0xEB: "ở", 0xEC: "ỡ", 0xEE: "ợ",
        0xEF: "ù", 0xF3: "ú", 0xF1: "ủ", 0xF2: "ũ", 0xF4: "ụ",
        0xAD: "ư", 0xF5: "ừ", 0xF8: "ứ", 0xF6: "ử", 0xF7: "ữ", 0xF9: "ự",
        0xFA: "ỳ", 0xFD: "ý", 0xFB: "ỷ", 0xFC: "ỹ", 0xFE: "ỵ",
        0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    }.items()
}  # fmt: skip

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_SHAPED = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_BREVED = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}


def _vni_pairs() -> dict[tuple[str, str], str]:
    """Every VNI base letter + modifier, lower and upper case: base and modifier share the case."""
    marks: dict[str, dict[str, str]] = {
        "a": {
            **_TONES,
            **{m: _CIRCUMFLEX + t for m, t in _SHAPED.items()},
            **{m: _BREVE + t for m, t in _BREVED.items()},
        },
        "e": {**_TONES, **{m: _CIRCUMFLEX + t for m, t in _SHAPED.items()}},
        "o": {**_TONES, **{m: _CIRCUMFLEX + t for m, t in _SHAPED.items()}},
        "ô": {m: _HORN + t for m, t in _TONES.items()},  # VNI's "ô" is ơ
        "u": dict(_TONES),
        "ö": {m: _HORN + t for m, t in _TONES.items()},  # VNI's "ö" is ư
        "y": {m: t for m, t in _TONES.items() if m != "ï"},  # ỵ has a code of its own
    }
    pairs = {}
    for base, table in marks.items():
        letter = {"ô": "o", "ö": "u"}.get(base, base)
        for mark, combining in table.items():
            composed = unicodedata.normalize("NFC", letter + combining)
            pairs[base, mark] = composed
            pairs[base.upper(), mark.upper()] = composed.upper()
    return pairs


_VNI_PAIRS = _vni_pairs()
_VNI_SINGLE = {"ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ô": "ơ", "ö": "ư"}
_VNI_SINGLE.update({code.upper(): letter.upper() for code, letter in list(_VNI_SINGLE.items())})
_VNI_MARKS = {mark for _, mark in _VNI_PAIRS}
_VNI_BASES = {base for base, _ in _VNI_PAIRS}

# Every letter with a diacritic, in Unicode; and what each scheme may hold besides its codes.
_LETTERS = frozenset(_TCVN3.values()) | {letter.upper() for letter in _TCVN3.values()}
_PASSED = frozenset("\xa0‘’“”–—…•‚„†‡‰‹›€™")
_CP1252 = frozenset(bytes(range(256)).decode("cp1252", errors="ignore"))
# A character no legacy font's code shows as in a spreadsheet: the text is Unicode.
_FOREIGN = re.compile("[^" + "".join(re.escape(char) for char in sorted(_CP1252)) + "]")

# What only legacy text holds: characters that are no Vietnamese letter, and (VNI) a base + mark
# that no Unicode word spells ("aê"); "oà", "oá", "oã" are left out: "Hoà" is Unicode too.
_TCVN3_SIGNS = frozenset(_TCVN3) - _LETTERS
_VNI_SIGNS = frozenset(_VNI_MARKS | set(_VNI_SINGLE)) - _LETTERS
_VNI_SIGN_PAIR = re.compile(
    "|".join(re.escape(base + mark) for base, mark in _VNI_PAIRS if not (base in "oO" and mark.lower() in "àáã"))
)
# Signs of one scheme that the other never uses: what tips a column one way.
_TCVN3_ONLY = _TCVN3_SIGNS - _VNI_MARKS - set(_VNI_SINGLE)

_VNI_FONT = re.compile(r"vni[-_ ]", re.IGNORECASE)


def _class(chars: set[str] | frozenset[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


def _vni_text() -> re.Pattern[str]:
    """A whole VNI text: each base letter with a mark it takes, or a character that needs none."""
    takes: dict[frozenset[str], set[str]] = {}
    for base in _VNI_BASES:
        takes.setdefault(frozenset(mark for b, mark in _VNI_PAIRS if b == base), set()).add(base)
    pairs = "|".join(_class(bases) + _class(marks) for marks, bases in takes.items())
    return re.compile(rf"(?:{pairs}|[\x00-\x7f]|{_class(set(_VNI_SINGLE) | _PASSED)})*")


# Whole-text checks and translations, so a column of 100.000 cells decodes in a fraction of a second;
# the character-by-character readers at the end run only to say why a text is refused.
_TCVN3_TEXT = re.compile(r"[\x00-\x7f" + _class(set(_TCVN3) | _PASSED)[1:] + "*")
_TCVN3_TRANSLATION = str.maketrans(_TCVN3)
_VNI_TEXT = _vni_text()
_VNI_CODE = re.compile(_class(_VNI_BASES) + _class(_VNI_MARKS) + "|" + _class(set(_VNI_SINGLE)))
_VNI_CODES = {base + mark: letter for (base, mark), letter in _VNI_PAIRS.items()} | _VNI_SINGLE


class LegacyTextError(ValueError):
    """Text that cannot be read back from a legacy font with confidence; ``str()`` says why, in Vietnamese."""


def font_encoding(font_name: str | None) -> tuple[Encoding, bool] | None:
    """Tell the legacy encoding a font name implies, and whether the font draws only capitals.

    ".VnTime" gives ("tcvn3", False), ".VnTimeH" and the other "…H" fonts ("tcvn3", True),
    "VNI-Times", "VNI-Helve" … ("vni", False); any other font, or none, gives None.
    """
    name = (font_name or "").strip()
    if _VNI_FONT.match(name):
        return ("vni", False)
    if name[:3].lower() == ".vn":
        return ("tcvn3", name.endswith("H"))
    return None


def decode(text: str, encoding: Encoding, upper: bool = False) -> str:
    """Return the Unicode (NFC) of a text typed in a legacy font, as a spreadsheet shows it.

    ``upper``: the font draws only capitals (TCVN3's "…H" fonts). Text that is already Unicode
    (it holds letters no legacy font could produce, such as "ễ") comes back unchanged.

    Raises:
        LegacyTextError: a character the encoding has no code for, a VNI mark with no letter to sit
            on, or Unicode letters and legacy codes mixed in one text.
    """
    foreign = _FOREIGN.search(text)
    if foreign:
        sign = _legacy_sign(text, encoding)
        if sign:
            raise LegacyTextError(
                f"ô lẫn chữ Unicode ('{foreign.group(0)}') với chữ gõ bằng phông cũ {_NAMES[encoding]} ('{sign}'): "
                "không chuyển chắc chắn được; gõ lại ô này bằng Unicode"
            )
        return unicodedata.normalize("NFC", text)
    if not _decodes(text, encoding):
        if encoding == "tcvn3":
            _explain_tcvn3(text)
        _explain_vni(text)
    if encoding == "tcvn3":
        decoded = text.translate(_TCVN3_TRANSLATION)
    else:
        decoded = _VNI_CODE.sub(lambda code: _VNI_CODES[code.group(0)], text)
    return unicodedata.normalize("NFC", decoded.upper() if upper else decoded)


def guess_encoding(texts: Sequence[str]) -> Encoding | None:
    """Tell which legacy encoding a column's cells are typed in, from their characters alone.

    Each cell votes for the scheme it decodes in and shows signs of (TCVN3's "µ", "¨", "«"; VNI's
    letter + mark, "eã", "aø", "oâ"), else for the one reading that fits it (a scheme, or Unicode),
    or for none when nothing fits; cells that fit several, and plain ASCII, do not vote. A scheme
    needs two thirds of the votes; else None.
    """
    votes: Counter[str] = Counter()
    for text in texts:
        if not text.isascii():
            vote = _vote(text)
            if vote:
                votes[vote] += 1
    if not votes:
        return None
    winner, count = votes.most_common(1)[0]
    if winner in ("tcvn3", "vni") and 3 * count >= 2 * sum(votes.values()):
        return "tcvn3" if winner == "tcvn3" else "vni"
    return None


def _vote(text: str) -> str | None:
    """The scheme one cell speaks for: "tcvn3", "vni", "unicode", "broken", or None when unclear."""
    if _FOREIGN.search(text):
        return "unicode"
    schemes: tuple[Encoding, ...] = ("tcvn3", "vni")
    fits: set[str] = {encoding for encoding in schemes if _decodes(text, encoding)}
    signed = [encoding for encoding in schemes if encoding in fits and _sign_of(text, encoding)]
    if signed:
        return signed[0] if len(signed) == 1 else None
    if all(char.isascii() or char in _LETTERS or char in _PASSED for char in text):
        fits.add("unicode")
    if not fits:
        return "broken"
    return fits.pop() if len(fits) == 1 else None


def _decodes(text: str, encoding: Encoding) -> bool:
    return (_TCVN3_TEXT if encoding == "tcvn3" else _VNI_TEXT).fullmatch(text) is not None


def _sign_of(text: str, encoding: Encoding) -> bool:
    """Whether a text shows what only this scheme writes (for a column's guess)."""
    if encoding == "tcvn3":
        return any(char in _TCVN3_ONLY for char in text)
    # "uû" is also TCVN3's "uỷ" (Thuỷ): no sign of VNI.
    return any(pair.group(0) not in ("uû", "UÛ") for pair in _VNI_SIGN_PAIR.finditer(text))


def _legacy_sign(text: str, encoding: Encoding) -> str | None:
    """The first piece of a text that only the legacy scheme writes, if any."""
    signs = _TCVN3_SIGNS if encoding == "tcvn3" else _VNI_SIGNS
    char = next((char for char in text if char in signs), None)
    if encoding == "vni":
        pair = _VNI_SIGN_PAIR.search(text)
        if pair and (char is None or pair.start() < text.index(char)):
            return pair.group(0)
    return char


def _unknown(char: str, position: int, encoding: Encoding) -> LegacyTextError:
    where = f"ký tự '{char}' (ký tự thứ {position + 1}) không có trong bảng mã {_NAMES[encoding]}"
    if char in _LETTERS:
        return LegacyTextError(f"{where}: có vẻ ô lẫn chữ Unicode với chữ gõ bằng phông cũ; gõ lại ô này bằng Unicode")
    return LegacyTextError(f"{where}; kiểm tra lại ô này")


def _explain_tcvn3(text: str) -> NoReturn:
    """Raise the reason a text is no TCVN3: its first character that is none of its codes."""
    for position, char in enumerate(text):
        if not (char.isascii() or char in _PASSED or char in _TCVN3):
            raise _unknown(char, position, "tcvn3")
    raise _unreadable("tcvn3")


def _explain_vni(text: str) -> NoReturn:
    """Raise the reason a text is no VNI: its first character or pair that is none of its codes."""
    position = 0
    while position < len(text):
        char, after = text[position], text[position + 1 : position + 2]
        if (char, after) in _VNI_PAIRS:
            position += 2
            continue
        if after in _VNI_MARKS and char in _VNI_BASES | set("iIyY"):
            raise LegacyTextError(
                f"dấu '{after}' (ký tự thứ {position + 2}) của bảng mã {_NAMES['vni']} không ghép được với chữ "
                f"'{char}'; kiểm tra lại ô này"
            )
        if char in _VNI_MARKS:
            raise LegacyTextError(
                f"dấu '{char}' (ký tự thứ {position + 1}) của bảng mã {_NAMES['vni']} không đứng sau nguyên âm "
                "nào; kiểm tra lại ô này"
            )
        if not (char in _VNI_SINGLE or char.isascii() or char in _PASSED):
            raise _unknown(char, position, "vni")
        position += 1
    raise _unreadable("vni")


def _unreadable(encoding: Encoding) -> LegacyTextError:
    # Not reached while the whole-text patterns and the readers above agree (tests/test_legacy_fonts.py).
    return LegacyTextError(f"ô không đọc được bằng bảng mã {_NAMES[encoding]}; kiểm tra lại ô này")


__all__ = ["Encoding", "LegacyTextError", "decode", "font_encoding", "guess_encoding"]
