"""``bangvang nhap`` on input it cannot import: a located message, exit 1, no traceback, nothing written (issue 11)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from conftest import Site, run_command
from sheets import FILE, commune_workbook, nhap


def _password_protected(folder: Path) -> tuple[str, list[str]]:
    # Excel saves an encrypted .xlsx as an OLE compound file holding the encrypted package, not as a zip.
    (folder / "mk.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + b"EncryptedPackage" * 40)
    return "mk.xlsx", []


def _corrupt(folder: Path) -> tuple[str, list[str]]:
    whole = commune_workbook(folder / "whole.xlsx").read_bytes()
    (folder / "hong.xlsx").write_bytes(whole[: len(whole) // 2])
    return "hong.xlsx", []


def _empty(folder: Path) -> tuple[str, list[str]]:
    openpyxl.Workbook().save(folder / "trong.xlsx")
    return "trong.xlsx", []


def _no_header(folder: Path) -> tuple[str, list[str]]:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Tổng hợp"
    ws.append(["Bảng tổng hợp số hộ"])
    ws.append(["Thôn Đông", 12])
    book.save(folder / "th.xlsx")
    return "th.xlsx", []


def _missing_column(folder: Path) -> tuple[str, list[str]]:
    commune_workbook(folder / FILE)
    return FILE, ["--cot", "ten=K"]


def _not_a_spreadsheet(folder: Path) -> tuple[str, list[str]]:
    (folder / "quyet-dinh.docx").write_bytes(b"PK\x03\x04 not a spreadsheet")
    return "quyet-dinh.docx", []


def _renamed_pdf(folder: Path) -> tuple[str, list[str]]:
    (folder / "ds.xls").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return "ds.xls", []


def _old_encoding_csv(folder: Path) -> tuple[str, list[str]]:
    (folder / "cu.csv").write_bytes("STT,Họ và tên\n1,Nguyễn Văn A\n".encode() + b"2,Tr\xb7n V\xa8n B\n")
    return "cu.csv", []


def _no_place_columns(folder: Path) -> tuple[str, list[str]]:
    # A commune's list names neither its commune nor its province: every row would lack both.
    (folder / "ds.csv").write_text(
        "STT,Họ và tên,Thôn\n1,Nguyễn Văn A,Thôn Đông\n2,Lê Thị B,Thôn Tây\n", encoding="utf-8"
    )
    return "ds.csv", ["--loai", "gia_dinh"]


def _megabyte_cell_csv(folder: Path) -> tuple[str, list[str]]:
    (folder / "dai.csv").write_text(f"STT,Họ và tên\n1,Nguyễn Văn A\n2,{'A' * 1_000_000}\n", encoding="utf-8")
    return "dai.csv", []


CASES: dict[str, tuple[Callable[[Path], tuple[str, list[str]]], str]] = {
    "password": (
        _password_protected,
        "bangvang nhap: mk.xlsx: bảng tính có đặt mật khẩu (mã hóa), không đọc được; mở tệp bằng Excel, bỏ mật khẩu "
        "(File → Info → Protect Workbook → Encrypt with Password, xóa mật khẩu) rồi lưu lại",
    ),
    "corrupt": (
        _corrupt,
        "bangvang nhap: hong.xlsx: tệp hỏng hoặc không phải bảng tính Excel dù có đuôi .xlsx (ZipError); mở tệp gốc "
        "bằng Excel hoặc LibreOffice và lưu lại, hoặc xin lại tệp",
    ),
    "empty": (_empty, "bangvang nhap: trong.xlsx: bảng tính không có ô nào có dữ liệu (các trang tính đều trống)"),
    "no header": (
        _no_header,
        "bangvang nhap: th.xlsx!Tổng hợp: không tìm thấy dòng tên cột (STT, Họ và tên, Thôn, Xã…) trong 40 dòng đầu; "
        "chỉ rõ dòng đó bằng --dong-tieu-de N, hoặc chọn trang tính khác bằng --trang",
    ),
    "missing column": (
        _missing_column,
        "bangvang nhap: DS GĐHT 2024.xlsx!DS: --cot ten=K: cột K không có trong trang tính hoặc không có dữ liệu "
        "(trang tính có các cột A–F)",
    ),
    "no place columns": (
        _no_place_columns,
        "bangvang nhap: ds.csv!ds: bảng tính không có cột xã, phường và cột tỉnh, nên dòng nào cũng thiếu; ghi chung "
        'cho cả danh sách bằng --xa "…" --tinh "…", hoặc chỉ rõ cột bằng --cot xa=CỘT, --cot tinh=CỘT',
    ),
    "megabyte cell": (
        _megabyte_cell_csv,
        "bangvang nhap: dai.csv!dai!3: có ô dài hơn 131.072 ký tự: không phải một tên hay địa danh",
    ),
    "not a spreadsheet": (
        _not_a_spreadsheet,
        "bangvang nhap: quyet-dinh.docx: không phải bảng tính; chỉ nhập được tệp .xlsx, .xls, .ods (Excel, "
        "LibreOffice) hoặc .csv",
    ),
    "renamed pdf": (
        _renamed_pdf,
        "bangvang nhap: ds.xls: tệp hỏng hoặc không phải bảng tính Excel 97–2003 dù có đuôi .xls (CalamineError); "
        "mở tệp gốc bằng Excel hoặc LibreOffice và lưu lại, hoặc xin lại tệp",
    ),
    "old encoding csv": (
        _old_encoding_csv,
        "bangvang nhap: cu.csv!cu!3: tệp không phải UTF-8 (có thể là Windows-1258 hay bảng mã cũ TCVN3/VNI); trong "
        "Excel lưu lại dưới dạng 'CSV UTF-8', hoặc nhập thẳng tệp .xlsx",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_refused_whole_and_nothing_is_written(site: Site, case: str) -> None:
    make, message = CASES[case]
    name, extra = make(site.root)
    site.decision("1234-qd-ubnd", ["1,gia_dinh,Gia đình ông Hồ Sỹ Tá,Hồ Sỹ Tá,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh"])
    before = {path: path.read_bytes() for path in (site.root / "honours").iterdir()}

    run = nhap(site.root, name, "--quyet-dinh", "honours/1234-qd-ubnd.yaml", *extra)

    assert run.code == 1
    assert run.output.splitlines() == [message, "Không ghi tệp nào."]
    assert {path: path.read_bytes() for path in (site.root / "honours").iterdir()} == before


def test_a_new_decision_is_not_created_when_the_input_is_bad(site: Site) -> None:
    _corrupt(site.root)
    run = nhap(site.root, "hong.xlsx", "--quyet-dinh", "honours/moi.yaml")
    assert run.code == 1
    assert not (site.root / "honours").exists()


def test_the_real_command_prints_no_traceback(site: Site) -> None:
    _password_protected(site.root)
    run = run_command(["bangvang", "nhap", "mk.xlsx"], site.root)
    assert run.code == 1
    assert "Traceback" not in run.output
    assert run.output.startswith("bangvang nhap: mk.xlsx: bảng tính có đặt mật khẩu")
    assert not (site.root / "honours").exists()


def test_no_decision_number_and_no_option_asks_for_one(site: Site) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["STT", "Họ và tên", "Xã", "Tỉnh"])
    ws.append([1, "Lê Văn A", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"])
    book.save(site.root / "ds.xlsx")
    run = nhap(site.root, "ds.xlsx", "--loai", "gia_dinh")
    assert run.code == 1
    assert run.output.splitlines() == [
        "bangvang nhap: không thấy số quyết định trong bảng tính (dòng 'Kèm theo Quyết định số …'); chỉ rõ tệp quyết "
        "định bằng --quyet-dinh honours/TÊN.yaml",
        "Không ghi tệp nào.",
    ]
