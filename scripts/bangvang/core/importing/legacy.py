"""TCVN3/VNI legacy-font text to Unicode: a placeholder with the agreed API that converts nothing.

Helper F writes the real tables in parallel; this file only lets the importer
run before that lands, and is replaced by F's at the merge.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Literal

Encoding = Literal["tcvn3", "vni"]


class LegacyTextError(ValueError):
    """Text that cannot be decoded with confidence; ``str(error)`` is a Vietnamese reason."""


def font_encoding(font_name: str | None) -> tuple[Encoding, bool] | None:
    """Return the encoding a font name implies and whether it is an upper-case font (placeholder: none)."""
    del font_name
    return None


def guess_encoding(texts: Sequence[str]) -> Encoding | None:
    """Guess a column's legacy encoding from its characters (placeholder: none)."""
    del texts
    return None


def decode(text: str, encoding: Encoding, upper: bool = False) -> str:
    """Decode legacy-font text to NFC Unicode (placeholder: refuses, since it has no tables)."""
    del upper
    raise LegacyTextError(f"chưa có bảng chuyển mã {encoding}: '{unicodedata.normalize('NFC', text)}'")
