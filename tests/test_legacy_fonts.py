"""Legacy Vietnamese fonts (TCVN3, VNI) read back into Unicode, checked against Unikey's tables."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangvang.core.importing.legacy import Encoding, LegacyTextError, decode, font_encoding, guess_encoding

REFERENCE = Path(__file__).with_name("legacy_fonts_reference.tsv")


class Letter(NamedTuple):
    letter: str
    tcvn3: str
    vni: str


def reference() -> list[Letter]:
    """The vendored table: one letter per line, its TCVN3 and VNI codes as cp1252 characters."""
    rows = []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            letter, tcvn3, vni = line.split("\t")
            rows.append(Letter(letter, tcvn3, vni))
    return rows


REF = reference()
BY_LETTER = {row.letter: row for row in REF}


def alphabet() -> set[str]:
    """The 134 letters with a diacritic, built from base letters and marks (not from any table)."""
    tones = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    bases = ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"]
    letters = {"đ"}
    for base in bases:
        letters.update(unicodedata.normalize("NFC", base + tone) for tone in ["", *tones])
    letters -= set("aeiouy")
    return letters | {letter.upper() for letter in letters}


def test_the_reference_holds_every_letter_once() -> None:
    assert len(REF) == 134
    assert {row.letter for row in REF} == alphabet()
    assert len({row.vni for row in REF}) == 134  # VNI has a code for every letter, capitals included


@pytest.mark.parametrize("row", REF, ids=[f"U+{ord(row.letter):04X}" for row in REF])
def test_every_letter_through_tcvn3(row: Letter) -> None:
    lower = BY_LETTER[row.letter.lower()]
    if row.letter.islower() or row.tcvn3 != lower.tcvn3:
        # The letter has a code of its own (all lower-case letters, and Ă Â Ê Ô Ơ Ư Đ).
        assert decode(row.tcvn3, "tcvn3") == row.letter
    else:
        # No code for this capital: .VnTime shows the lower-case letter, .VnTimeH the capital.
        assert decode(row.tcvn3, "tcvn3") == row.letter.lower()
    assert decode(row.tcvn3, "tcvn3", upper=True) == row.letter.upper()


@pytest.mark.parametrize("row", REF, ids=[f"U+{ord(row.letter):04X}" for row in REF])
def test_every_letter_through_vni(row: Letter) -> None:
    assert decode(row.vni, "vni") == row.letter


def test_whole_alphabet_in_one_text_both_ways() -> None:
    lower = [row for row in REF if row.letter.islower()]
    upper = [row for row in REF if row.letter.isupper()]
    assert decode(" ".join(row.tcvn3 for row in lower), "tcvn3") == " ".join(row.letter for row in lower)
    assert decode(" ".join(row.tcvn3 for row in lower), "tcvn3", upper=True) == " ".join(row.letter for row in upper)
    assert decode("".join(row.vni for row in REF), "vni") == "".join(row.letter for row in REF)


CP1252_HIGH = [
    bytes([code]).decode("cp1252") for code in range(0x80, 0x100) if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
]


def _accepted(text: str, encoding: Encoding) -> str | None:
    try:
        return decode(text, encoding)
    except LegacyTextError:
        return None


def test_every_tcvn3_code_we_accept_is_the_references() -> None:
    """The other way round: each legacy character our table decodes means what the reference says."""
    codes = {row.tcvn3: row.letter.lower() for row in REF if row.letter.islower()}
    codes.update({row.tcvn3: row.letter for row in REF if row.letter.isupper() and row.tcvn3 not in codes})
    accepted = {}
    for char in CP1252_HIGH:
        result = _accepted(char, "tcvn3")
        if result is not None and unicodedata.category(result)[0] == "L":
            accepted[char] = result
    assert accepted == codes


def test_every_vni_code_we_accept_is_the_references() -> None:
    codes = {row.vni: row.letter for row in REF}
    bases = [chr(code) for code in range(0x41, 0x7B) if chr(code).isalpha()] + CP1252_HIGH
    accepted = {}
    for char in CP1252_HIGH:
        result = _accepted(char, "vni")
        if result is not None and unicodedata.category(result)[0] == "L":
            accepted[char] = result
    for base in bases:
        for mark in CP1252_HIGH:
            result = _accepted(base + mark, "vni")
            if result is not None and len(result) == 1:
                accepted[base + mark] = result
    assert accepted == codes


LOWER_TEXT = st.text(
    alphabet=st.sampled_from([row.letter for row in REF if row.letter.islower()] + list("abcdeghiklmnopqrstuvxy ")),
    max_size=40,
)


@given(LOWER_TEXT)
def test_any_text_encoded_by_the_reference_comes_back(text: str) -> None:
    as_tcvn3 = "".join(BY_LETTER[c].tcvn3 if c in BY_LETTER else c for c in text)
    as_vni = "".join(BY_LETTER[c].vni if c in BY_LETTER else c for c in text)
    assert decode(as_tcvn3, "tcvn3") == text
    assert decode(as_tcvn3, "tcvn3", upper=True) == text.upper()
    assert decode(as_vni, "vni") == text
    assert decode(as_vni.upper(), "vni") == text.upper()


# Real names, as a spreadsheet typed in the old fonts shows them.


@pytest.mark.parametrize(
    ("shown", "encoding", "upper", "unicode"),
    [
        ("NguyÔn V¨n Hoµ", "tcvn3", False, "Nguyễn Văn Hoà"),
        ("Gia ®×nh «ng Lª V¨n S¸u", "tcvn3", False, "Gia đình ông Lê Văn Sáu"),
        ("Th«n §«ng, X· Thiªn Léc", "tcvn3", False, "Thôn Đông, Xã Thiên Lộc"),
        ("Tr\xadêng THCS Kú L©m", "tcvn3", False, "Trường THCS Kỳ Lâm"),
        ("Hoµng ThÞ Thuû", "tcvn3", False, "Hoàng Thị Thuỷ"),
        ("DANH S¸CH GIA §×NH HäC TËP N¡M 2024", "tcvn3", True, "DANH SÁCH GIA ĐÌNH HỌC TẬP NĂM 2024"),
        ("nguyÔn v¨n hoµ", "tcvn3", True, "NGUYỄN VĂN HOÀ"),
        ("Nguyeãn Vaên Hoaø", "vni", False, "Nguyễn Văn Hoà"),
        ("Ñoã Thò Thuùy", "vni", False, "Đỗ Thị Thúy"),
        ("Ñoã Thò Thuyù", "vni", False, "Đỗ Thị Thuý"),
        ("Gia ñình hoïc taäp Tröông Coâng Ñònh", "vni", False, "Gia đình học tập Trương Công Định"),
        ("NGUYEÃN VAÊN HOAØ", "vni", False, "NGUYỄN VĂN HOÀ"),
        ("Thoân Ñoâng – xaõ Kyø Laâm", "vni", False, "Thôn Đông – xã Kỳ Lâm"),
        ("Nguyen Van A", "tcvn3", False, "Nguyen Van A"),
        ("Nguyen Van A", "tcvn3", True, "NGUYEN VAN A"),
        ("", "vni", False, ""),
    ],
)
def test_real_names(shown: str, encoding: Encoding, upper: bool, unicode: str) -> None:
    result = decode(shown, encoding, upper=upper)
    assert result == unicode
    assert unicodedata.is_normalized("NFC", result)


def test_text_already_in_unicode_comes_back_unchanged() -> None:
    """A cell keeps its old font after Unicode text is pasted in: letters no old font has prove it."""
    assert decode("Nguyễn Văn Hoà", "tcvn3") == "Nguyễn Văn Hoà"
    assert decode("Nguyễn Văn Hoà", "vni") == "Nguyễn Văn Hoà"
    assert decode("Nguye\u0302\u0303n", "vni") == "Nguyễn"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (".VnTime", ("tcvn3", False)),
        (".VnTimeH", ("tcvn3", True)),
        (".VnArial", ("tcvn3", False)),
        (".VnArialH", ("tcvn3", True)),
        (".VnArial NarrowH", ("tcvn3", True)),
        (" .VnBook-Antiqua ", ("tcvn3", False)),
        (".vntime", ("tcvn3", False)),
        ("VNI-Times", ("vni", False)),
        ("VNI-Helve", ("vni", False)),
        ("VNI-Helve-Condense", ("vni", False)),
        ("vni-times", ("vni", False)),
        ("Times New Roman", None),
        ("Arial", None),
        ("VNtimes new roman", None),
        ("Calibri", None),
        ("", None),
        (None, None),
    ],
)
def test_font_names(name: str | None, expected: tuple[Encoding, bool] | None) -> None:
    assert font_encoding(name) == expected


TCVN3_NAMES = ["NguyÔn V¨n Hoµ", "TrÇn ThÞ Lan", "Lª V¨n S¸u", "Ph¹m Minh Tó", "§ç V¨n Hïng"]
VNI_NAMES = ["Nguyeãn Vaên Hoaø", "Traàn Thò Lan", "Leâ Vaên Saùu", "Phaïm Minh Tuù", "Ñoã Vaên Huøng"]
UNICODE_NAMES = ["Nguyễn Văn Hoà", "Trần Thị Lan", "Lê Văn Sáu", "Phạm Minh Tú", "Đỗ Văn Hùng"]


def test_guessing_from_the_characters_of_a_column() -> None:
    assert guess_encoding(TCVN3_NAMES) == "tcvn3"
    assert guess_encoding(VNI_NAMES) == "vni"
    assert guess_encoding(["Th«n §«ng", "Th«n §oµi", "Th«n Trung"]) == "tcvn3"
    assert guess_encoding(["Thoân Ñoâng", "Thoân Ñoaøi", "Thoân Trung"]) == "vni"
    # A clear majority carries the column; cells in plain letters say nothing.
    assert guess_encoding([*TCVN3_NAMES, "Nguyễn Văn Hoà", "Nguyen Van A", "", "12"]) == "tcvn3"
    assert guess_encoding([*VNI_NAMES, "Nguyễn Văn Hoà"]) == "vni"
    # Capitals typed for the .VnTimeH font, and VNI capitals.
    assert guess_encoding(["NGUYÔN V¡N HOµ", "TRÇN THÞ LAN"]) == "tcvn3"
    assert guess_encoding(["NGUYEÃN VAÊN HOAØ", "TRAÀN THÒ LAN"]) == "vni"
    # "Thuû" reads in both (TCVN3 Thuỷ, VNI Thủ): it does not tip a TCVN3 column.
    assert guess_encoding(["Hoµng ThÞ Thuû", "Thuû", "Thuû"]) == "tcvn3"


@pytest.mark.parametrize(
    "column",
    [
        UNICODE_NAMES,
        ["Nguyen Van A", "Tran Thi B", "1", ""],
        [],
        ["Lê Hà", "Hà Tú", "Hoà"],  # Unicode in Latin-1 letters only
        TCVN3_NAMES[:3] + UNICODE_NAMES[:3],  # no clear majority
        TCVN3_NAMES[:3] + VNI_NAMES[:3],
        ["NguyÔn", "NguyÔn"],  # Ô is ễ in TCVN3 and Ơ in VNI: nothing decides
    ],
)
def test_no_guess_without_a_clear_majority(column: list[str]) -> None:
    assert guess_encoding(column) is None


@pytest.mark.parametrize(
    ("text", "encoding", "reason"),
    [
        (
            "NguyÔn V¨n Hà",
            "tcvn3",
            "ký tự 'à' (ký tự thứ 13) không có trong bảng mã TCVN3 (phông .VnTime): có vẻ ô lẫn chữ Unicode "
            "với chữ gõ bằng phông cũ; gõ lại ô này bằng Unicode",
        ),
        (
            "NguyÔn V¨n H°",
            "tcvn3",
            "ký tự '°' (ký tự thứ 13) không có trong bảng mã TCVN3 (phông .VnTime); kiểm tra lại ô này",
        ),
        (
            "Nguyễn Văn Hoµ",
            "tcvn3",
            "ô lẫn chữ Unicode ('ễ') với chữ gõ bằng phông cũ TCVN3 (phông .VnTime) ('µ'): không chuyển "
            "chắc chắn được; gõ lại ô này bằng Unicode",
        ),
        (
            "Nguyễn Vaên",
            "vni",
            "ô lẫn chữ Unicode ('ễ') với chữ gõ bằng phông cũ VNI (phông VNI-Times) ('aê'): không chuyển "
            "chắc chắn được; gõ lại ô này bằng Unicode",
        ),
        (
            "Nguyeãn Hø",
            "vni",
            "dấu 'ø' (ký tự thứ 10) của bảng mã VNI (phông VNI-Times) không đứng sau nguyên âm nào; kiểm tra lại ô này",
        ),
        (
            "øAn",
            "vni",
            "dấu 'ø' (ký tự thứ 1) của bảng mã VNI (phông VNI-Times) không đứng sau nguyên âm nào; kiểm tra lại ô này",
        ),
        (
            "Kiù",
            "vni",
            "dấu 'ù' (ký tự thứ 3) của bảng mã VNI (phông VNI-Times) không ghép được với chữ 'i'; kiểm tra lại ô này",
        ),
        (
            "HOAù",
            "vni",
            "dấu 'ù' (ký tự thứ 4) của bảng mã VNI (phông VNI-Times) không ghép được với chữ 'A'; kiểm tra lại ô này",
        ),
        (
            "Hoµng",
            "vni",
            "ký tự 'µ' (ký tự thứ 3) không có trong bảng mã VNI (phông VNI-Times); kiểm tra lại ô này",
        ),
    ],
)
def test_refusals_say_why_in_vietnamese(text: str, encoding: Encoding, reason: str) -> None:
    with pytest.raises(LegacyTextError) as caught:
        decode(text, encoding)
    assert str(caught.value) == reason
    assert isinstance(caught.value, ValueError)
