"""``bangvang nhap`` on the layouts communes send: every row accounted for, the exact entries kept (issue 11)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bangvang.core.importing import legacy
from conftest import HONOUR_HEADER, Site
from sheets import FILE, assert_adds_up, commune_sheet, commune_workbook, nhap, report_groups


def test_commune_list_imports_its_families_and_accounts_for_every_row(site: Site) -> None:
    commune_workbook(site.root / FILE)
    site.decision("1234-qd-ubnd", signed=dt.date(2024, 9, 30), period="2024")

    run = nhap(site.root, FILE, "--quyet-dinh", "honours/1234-qd-ubnd.yaml", "--tinh", "Tỉnh Hà Tĩnh")

    assert run.code == 0, run.output
    assert (site.root / "honours/1234-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,gia_dinh,Trần Thị Lan,Trần Thị Lan,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    lines = run.output.splitlines()
    assert (
        "Trang DS GĐHT 2024.xlsx!DS: dòng tên cột 7–8; A 'STT' → stt, B 'Họ và tên chủ hộ' → name, "
        "C 'Thôn' → village, D 'Xã' → commune, F 'Ghi chú' → note"
    ) in lines
    assert (
        "Cột không nhập (dữ liệu cá nhân, không bao giờ đăng): DS GĐHT 2024.xlsx!DS!E 'Số CCCD' (số CCCD/CMND)"
    ) in lines
    # The notes column has no place in an honour roll: it is not imported, and the report says so.
    assert (
        "Cột không nhập: DS GĐHT 2024.xlsx!DS!F 'Ghi chú' (ghi chú của bảng tính: bảng vàng không đăng ghi chú): "
        "1 ô có chữ; xem lại nếu ghi chú sửa tên hay nơi ở"
    ) in lines
    groups = report_groups(run.output)
    at = "DS GĐHT 2024.xlsx!DS!"
    assert groups["Được nhập"] == [f"{at}9: STT 1: Nguyễn Văn Hoà", f"{at}10: STT 2: Trần Thị Lan"]
    assert groups["Bị từ chối"] == [
        f"{at}A11: ô là công thức chưa có giá trị tính sẵn (tệp lưu khi chưa tính lại); mở tệp bằng Excel hoặc "
        "LibreOffice, tính lại (F9) rồi lưu, hoặc gõ giá trị thay công thức"
    ]
    kinds = {1: "dòng tiêu đề", 2: "dòng tiêu đề", 3: "dòng trống", 4: "dòng tiêu đề", 5: "dòng tiêu đề"}
    kinds |= {6: "dòng trống", 7: "dòng tên cột", 8: "dòng tên cột", 12: "dòng cộng (tổng phụ)"}
    kinds |= {13: "dòng tổng cộng", 14: "dòng trống", 15: "phần chữ ký", 16: "phần chữ ký"}
    kinds |= {17: "dòng trống", 18: "dòng trống", 19: "phần chữ ký"}
    assert groups["Bỏ qua có chủ ý"] == [f"{at}{row}: {reason}" for row, reason in kinds.items()]
    assert_adds_up(run.output, 19)
    assert "042080001234" not in (site.root / "honours/1234-qd-ubnd.csv").read_text(encoding="utf-8")

    checked = site.check()
    assert checked.code == 0, checked.output
    built = site.build()
    assert built.code == 0, built.output
    page = site.html("vinh-danh/quyet-dinh/1234-qd-ubnd/")
    assert "Nguyễn Văn Hoà" in page and "Trần Thị Lan" in page and "Lê Văn Tám" not in page


def _with_cached_value(path: Path, cell: str, value: int) -> None:
    """Give a formula cell the value Excel caches when it saves (openpyxl writes formulas without one)."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    cached, count = re.subn(rf'(<c r="{cell}"><f>[^<]*</f>)<v */>', rf"\g<1><v>{value}</v>", sheet)
    assert count == 1, sheet[:400]
    parts["xl/worksheets/sheet1.xml"] = cached.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


def test_a_formula_stt_is_read_from_its_cached_value(site: Site) -> None:
    """The same list saved by Excel, which caches each formula's value: the third family is imported as STT 3."""
    _with_cached_value(commune_workbook(site.root / FILE), "A11", 3)
    site.decision("1234-qd-ubnd", signed=dt.date(2024, 9, 30), period="2024")

    run = nhap(site.root, FILE, "--quyet-dinh", "honours/1234-qd-ubnd.yaml", "--tinh", "Tỉnh Hà Tĩnh")

    assert run.code == 0, run.output
    assert (site.root / "honours/1234-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,gia_dinh,Trần Thị Lan,Trần Thị Lan,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "3,gia_dinh,Lê Văn Tám,Lê Văn Tám,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    groups = report_groups(run.output)
    at = "DS GĐHT 2024.xlsx!DS!"
    assert groups["Được nhập"] == [
        f"{at}9: STT 1: Nguyễn Văn Hoà",
        f"{at}10: STT 2: Trần Thị Lan",
        f"{at}11: STT 3: Lê Văn Tám",
    ]
    assert groups["Bị từ chối"] == []
    assert_adds_up(run.output, 19)
    assert site.check().code == 0


def test_one_sheet_per_village_takes_the_village_from_the_sheet_name(site: Site) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    for index, (village, names) in enumerate(
        (("Thôn Đông", ["Nguyễn Văn An", "Lê Thị Bé"]), ("Thôn Tây", ["Hồ Văn Cư"]))
    ):
        ws = first if index == 0 else book.create_sheet()
        ws.title = village
        ws.append(["DANH SÁCH GIA ĐÌNH HỌC TẬP"])
        ws.append(["TT", "Tên gia đình", "Xã", "Tỉnh"])
        for number, name in enumerate(names, start=1):
            ws.append([number, f"Gia đình ông {name}", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"])
    book.save(site.root / "thon.xlsx")
    site.decision("9-qd-ubnd")

    run = nhap(site.root, "thon.xlsx", "--quyet-dinh", "honours/9-qd-ubnd.yaml")

    assert run.code == 0, run.output
    assert (site.root / "honours/9-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,gia_dinh,Gia đình ông Nguyễn Văn An,Nguyễn Văn An,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,gia_dinh,Gia đình ông Lê Thị Bé,Lê Thị Bé,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "3,gia_dinh,Gia đình ông Hồ Văn Cư,Hồ Văn Cư,,Thôn Tây,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    groups = report_groups(run.output)
    assert groups["Được nhập"] == [
        "thon.xlsx!Thôn Đông!3: STT 1: Gia đình ông Nguyễn Văn An",
        "thon.xlsx!Thôn Đông!4: STT 2: Gia đình ông Lê Thị Bé",
        "thon.xlsx!Thôn Tây!3: STT 3 (STT gốc 1): Gia đình ông Hồ Văn Cư",
    ]
    assert "thôn lấy từ tên trang tính: 'Thôn Tây'" in run.output
    assert_adds_up(run.output, 7)
    assert site.check().code == 0


def test_excel_vietnamese_csv_with_bom_semicolons_and_crlf(site: Site) -> None:
    text = (
        "DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2025\r\n"
        ";;;\r\n"
        "STT;Họ và tên;Thôn;Ghi chú\r\n"
        "1;Phạm Thị Thu Hà;Thôn 3;\r\n"
        f"2; {unicodedata.normalize('NFD', 'Đặng Văn Hải')} ;Thôn 3;ĐT 0912 345 678\r\n"
        "3;Vũ Thị Mai;Số nhà 12 đường Lê Lợi;\r\n"
        "4;Hồ Thị Vân;Th«n 3;\r\n"
    )
    (site.root / "cd.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    site.decision("5-qd-ubnd", signed=dt.date(2025, 9, 1), period="2025", title="Công dân học tập")

    run = nhap(
        site.root, "cd.csv", "--quyet-dinh", "honours/5-qd-ubnd.yaml", "--xa", "Xã Can Lộc", "--tinh", "Tỉnh Hà Tĩnh"
    )

    assert run.code == 0, run.output
    assert (site.root / "honours/5-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,cong_dan,Phạm Thị Thu Hà,Phạm Thị Thu Hà,,Thôn 3,Xã Can Lộc,,Tỉnh Hà Tĩnh\n"
        "2,cong_dan,Đặng Văn Hải,Đặng Văn Hải,,Thôn 3,Xã Can Lộc,,Tỉnh Hà Tĩnh\n"
    )
    groups = report_groups(run.output)
    assert groups["Bị từ chối"] == [
        "cd.csv!cd!C6: 'village' có số nhà hoặc địa chỉ chi tiết hơn cấp thôn: 'Số nhà 12 đường Lê Lợi'; bảng vàng "
        "chỉ đăng điều quyết định ghi, không đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân)",
        "cd.csv!cd!C7: 'village' còn ký tự của bảng mã cũ (TCVN3/VNI) mà không xác định chắc được bảng mã, nên không "
        "đoán; chuyển cột này sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại",
    ]
    assert groups["Bỏ qua có chủ ý"] == [
        "cd.csv!cd!1: dòng tiêu đề",
        "cd.csv!cd!2: dòng trống",
        "cd.csv!cd!3: dòng tên cột",
    ]
    assert_adds_up(run.output, 7)
    assert site.check().code == 0


def test_xls_and_ods_files_read_like_xlsx(site: Site) -> None:
    import xlwt
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    rows: list[list[object]] = [
        ["DANH SÁCH DÒNG HỌ HỌC TẬP"],
        [],
        ["STT", "Tên dòng họ", "Thôn", "Xã", "Tỉnh"],
        [1.0, "Dòng họ Nguyễn Đức", "Thôn Trung Lộc", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"],
        [2.0, "Dòng họ Trần", "Thôn Trung Lộc", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"],
        ["Tổng cộng: 2 dòng họ"],
    ]
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("DS")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    workbook.save(str(site.root / "dh.xls"))
    document = OpenDocumentSpreadsheet()
    table = Table(name="DS")
    for row in rows:
        line = TableRow()
        for value in row:
            if isinstance(value, float):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(site.root / "dh.ods"))
    expected = HONOUR_HEADER + (
        "1,dong_ho,Dòng họ Nguyễn Đức,,,Thôn Trung Lộc,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,dong_ho,Dòng họ Trần,,,Thôn Trung Lộc,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    for name in ("dh.xls", "dh.ods"):
        slug = name.replace(".", "-")
        site.decision(slug, title="Dòng họ học tập")
        run = nhap(site.root, name, "--quyet-dinh", f"honours/{slug}.yaml")
        assert run.code == 0, run.output
        assert (site.root / f"honours/{slug}.csv").read_text(encoding="utf-8") == expected
        groups = report_groups(run.output)
        assert groups["Được nhập"] == [f"{name}!DS!4: STT 1: Dòng họ Nguyễn Đức", f"{name}!DS!5: STT 2: Dòng họ Trần"]
        assert groups["Bỏ qua có chủ ý"] == [
            f"{name}!DS!1: dòng tiêu đề",
            f"{name}!DS!2: dòng trống",
            f"{name}!DS!3: dòng tên cột",
            f"{name}!DS!6: dòng tổng cộng",
        ]
        assert_adds_up(run.output, 6)
    assert site.check().code == 0


def _fake_legacy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, bool]]:
    """Stand in for the TCVN3/VNI tables (helper F's legacy.py): the importer's plumbing is what is tested here."""
    calls: list[tuple[str, str, bool]] = []
    fonts = {".VnTime": ("tcvn3", False), ".VnTimeH": ("tcvn3", True), "VNI-Times": ("vni", False)}
    table = {"NguyÔn V¨n Hoµ": "Nguyễn Văn Hoà", "Nguyeãn Vaên Hoaø": "Nguyễn Văn Hoà", "TH¤N §¤NG": "THÔN ĐÔNG"}

    def decode(text: str, encoding: str, upper: bool = False) -> str:
        calls.append((text, encoding, upper))
        if text not in table:
            raise legacy.LegacyTextError(f"không chắc cách đọc '{text}' theo bảng mã {encoding}")
        return table[text]

    monkeypatch.setattr(legacy, "font_encoding", lambda name: fonts.get(name or ""))
    monkeypatch.setattr(legacy, "guess_encoding", lambda texts: "vni" if any("aø" in t for t in texts) else None)
    monkeypatch.setattr(legacy, "decode", decode)
    return calls


def test_legacy_fonts_are_decoded_per_cell_font_counted_and_refused_when_unsure(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fake_legacy(monkeypatch)
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "DS"
    commune_sheet(
        ws,
        [
            (1, "NguyÔn V¨n Hoµ", "TH¤N §¤NG", "Xã Thiên Lộc"),
            (2, "Lª V¨n Tá»", "TH¤N §¤NG", "Xã Thiên Lộc"),
        ],
    )
    for cell, font in (("B9", ".VnTime"), ("B10", ".VnTime"), ("C9", ".VnTimeH"), ("C10", ".VnTimeH")):
        ws[cell].font = openpyxl.styles.Font(name=font)
    book.save(site.root / "cu.xlsx")
    site.decision("7-qd-ubnd")

    run = nhap(site.root, "cu.xlsx", "--quyet-dinh", "honours/7-qd-ubnd.yaml", "--tinh", "Tỉnh Hà Tĩnh")

    assert run.code == 0, run.output
    assert ("TH¤N §¤NG", "tcvn3", True) in calls and ("NguyÔn V¨n Hoµ", "tcvn3", False) in calls
    groups = report_groups(run.output)
    assert groups["Được nhập"] == ["cu.xlsx!DS!9: STT 1: Nguyễn Văn Hoà"]
    assert groups["Bị từ chối"] == ["cu.xlsx!DS!B10: không chắc cách đọc 'Lª V¨n Tá»' theo bảng mã tcvn3"]
    assert "Cột chuyển mã: DS!B 'Họ và tên chủ hộ' từ TCVN3 (.VnTime) sang Unicode: 1 ô; xem lại vài tên" in run.output
    assert "Cột chuyển mã: DS!C 'Thôn' từ TCVN3 (.VnTime) sang Unicode: 2 ô; xem lại vài tên" in run.output
    assert (site.root / "honours/7-qd-ubnd.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "1,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,THÔN ĐÔNG,Xã Thiên Lộc,,Tỉnh Hà Tĩnh"
    )
    assert_adds_up(run.output, 18)


def test_vni_text_without_font_names_is_detected_from_its_characters(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_legacy(monkeypatch)
    (site.root / "vni.csv").write_text(
        "STT,Họ và tên,Xã,Tỉnh\n1,Nguyeãn Vaên Hoaø,Xã Thiên Lộc,Tỉnh Hà Tĩnh\n", encoding="utf-8"
    )
    site.decision("8-qd-ubnd")
    run = nhap(site.root, "vni.csv", "--quyet-dinh", "honours/8-qd-ubnd.yaml", "--loai", "gia_dinh")
    assert run.code == 0, run.output
    assert report_groups(run.output)["Được nhập"] == ["vni.csv!vni!2: STT 1: Nguyễn Văn Hoà"]
    assert "Cột chuyển mã: vni!B 'Họ và tên' từ VNI (VNI-Times) sang Unicode: 1 ô" in run.output
    assert_adds_up(run.output, 2)


def test_options_choose_the_sheet_the_header_row_the_columns_the_title_and_the_kind(site: Site) -> None:
    book = openpyxl.Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Tổng hợp"
    summary.append(["Bảng tổng hợp", 3])
    ws = book.create_sheet("Danh sach")
    ws.append(["Số", "Người được khen", "Nơi ở", "Ngày ký"])
    ws.append(["Danh sách kèm theo", None, None, None])
    ws.append(["Mã", "Tên", "Địa bàn", "Ngày"])
    ws.append([1, "Ông Trần Văn Hải", "Xã Kỳ Lâm", dt.datetime(2024, 3, 5)])
    ws.append([2, "Bà Lê Thị Mai", "Xã Kỳ Lâm", dt.datetime(2024, 3, 5)])
    ws.append([3, "Bà Võ Thị Hạnh", dt.datetime(1980, 3, 12), None])
    book.save(site.root / "khen.xlsx")
    site.decision("6-qd-ubnd", title="Giấy khen", form="giay_khen")

    run = nhap(
        site.root,
        "khen.xlsx",
        "--quyet-dinh",
        "honours/6-qd-ubnd.yaml",
        "--trang",
        "Danh sach",
        "--dong-tieu-de",
        "3",
        "--cot",
        "stt=A",
        "--cot",
        "ten=B",
        "--cot",
        "xa=C",
        "--loai",
        "ca_nhan",
        "--danh-hieu",
        "Giấy khen",
        "--tinh",
        "Tỉnh Hà Tĩnh",
    )

    assert run.code == 0, run.output
    assert (site.root / "honours/6-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,ca_nhan,Ông Trần Văn Hải,Trần Văn Hải,,,Xã Kỳ Lâm,,Tỉnh Hà Tĩnh\n"
        "2,ca_nhan,Bà Lê Thị Mai,Lê Thị Mai,,,Xã Kỳ Lâm,,Tỉnh Hà Tĩnh\n"
    )
    assert (
        "Trang khen.xlsx!Danh sach: dòng tên cột 3; A 'Mã' → stt, B 'Tên' → name, C 'Địa bàn' → commune" in run.output
    )
    groups = report_groups(run.output)
    assert groups["Bỏ qua có chủ ý"] == [
        "khen.xlsx!Danh sach!1: dòng tiêu đề",
        "khen.xlsx!Danh sach!2: dòng tiêu đề",
        "khen.xlsx!Danh sach!3: dòng tên cột",
    ]
    # A date serial is read as a date, and a date of birth in a kept column is refused where it is.
    assert groups["Bị từ chối"] == [
        "khen.xlsx!Danh sach!C6: 'commune' có ngày hoặc năm sinh: '12/•/••••'; bảng vàng chỉ đăng điều quyết định "
        "ghi, không đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân)"
    ]
    assert "Tổng hợp" not in run.output
    assert_adds_up(run.output, 6)
    assert site.check().code == 0


def test_a_village_heading_row_gives_its_village_to_the_rows_under_it(site: Site) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "DS"
    ws.append(["STT", "Họ và tên chủ hộ", "Ghi chú"])
    ws.append(["Thôn Đông", None, None])
    ws.merge_cells("A2:C2")
    ws.append([1, "Nguyễn Văn An", None])
    ws.append([2, "Lê Thị Bé", None])
    ws.append([None, "Xóm Tây", None])
    ws.append([3, "Hồ Văn Cư", None])
    book.save(site.root / "muc.xlsx")
    site.decision("4-qd-ubnd")

    run = nhap(
        site.root,
        "muc.xlsx",
        "--quyet-dinh",
        "honours/4-qd-ubnd.yaml",
        "--xa",
        "Xã Thiên Lộc",
        "--tinh",
        "Tỉnh Hà Tĩnh",
    )

    assert run.code == 0, run.output
    assert (site.root / "honours/4-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,gia_dinh,Nguyễn Văn An,Nguyễn Văn An,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,gia_dinh,Lê Thị Bé,Lê Thị Bé,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "3,gia_dinh,Hồ Văn Cư,Hồ Văn Cư,,Xóm Tây,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    groups = report_groups(run.output)
    assert groups["Bỏ qua có chủ ý"] == [
        "muc.xlsx!DS!1: dòng tên cột",
        "muc.xlsx!DS!2: dòng tiêu đề",
        "muc.xlsx!DS!5: dòng tiêu đề",
    ]
    assert_adds_up(run.output, 6)


def test_an_ods_whose_merged_cells_the_reader_cannot_see_gets_a_warning_at_the_column(site: Site) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="DS")
    rows = [
        ["STT", "Họ và tên", "Thôn"],
        ["1", "Lê Văn An", "Thôn Đông"],
        ["2", "Lê Văn Bình", None],
        ["3", "Lê Văn Cả", None],
    ]
    for r, row in enumerate(rows):
        line = TableRow()
        for value in row:
            if value is None:
                line.addElement(CoveredTableCell())
                continue
            cell = (
                TableCell(valuetype="string", numberrowsspanned=3)
                if r == 1 and value == "Thôn Đông"
                else TableCell(valuetype="string")
            )
            cell.addElement(P(text=value))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(site.root / "gop.ods"))
    site.decision("11-qd-ubnd")

    run = nhap(
        site.root,
        "gop.ods",
        "--quyet-dinh",
        "honours/11-qd-ubnd.yaml",
        "--loai",
        "gia_dinh",
        "--xa",
        "Xã A",
        "--tinh",
        "Tỉnh B",
    )

    assert run.code == 0, run.output
    assert (
        "Lưu ý: gop.ods!DS!C: bộ đọc không thấy ô gộp của tệp này (.ods), và cột 'Thôn' để trống ở 2 dòng dưới "
        "một dòng có giá trị (đầu tiên: dòng 3). Nếu đó là ô gộp, các dòng ấy đang thiếu thôn: trong LibreOffice "
        "bỏ gộp ô (Định dạng → Gộp và bỏ gộp ô → Bỏ gộp ô), điền giá trị, lưu lại rồi nhập lại"
    ) in run.output.splitlines()
    assert_adds_up(run.output, 4)


def test_a_summary_sheet_is_named_and_trang_picks_the_village_sheets(site: Site) -> None:
    book = openpyxl.Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Tổng hợp"
    summary.append(["Bảng tổng hợp số hộ"])
    summary.append(["Thôn Đông", 1])
    for village, name in (("Thôn Đông", "Nguyễn Văn An"), ("Thôn Tây", "Hồ Văn Cư")):
        ws = book.create_sheet(village)
        ws.append(["STT", "Họ và tên chủ hộ", "Xã", "Tỉnh"])
        ws.append([1, name, "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"])
    book.save(site.root / "thon.xlsx")
    site.decision("12-qd-ubnd")

    refused = nhap(site.root, "thon.xlsx", "--quyet-dinh", "honours/12-qd-ubnd.yaml")
    assert refused.code == 1
    assert refused.output.startswith("bangvang nhap: thon.xlsx!Tổng hợp: không tìm thấy dòng tên cột")

    run = nhap(
        site.root, "thon.xlsx", "--quyet-dinh", "honours/12-qd-ubnd.yaml", "--trang", "Thôn Đông", "--trang", "3"
    )
    assert run.code == 0, run.output
    assert report_groups(run.output)["Được nhập"] == [
        "thon.xlsx!Thôn Đông!2: STT 1: Nguyễn Văn An",
        "thon.xlsx!Thôn Tây!2: STT 2 (STT gốc 1): Hồ Văn Cư",
    ]
    assert_adds_up(run.output, 4)
