"""``bangvang nhap`` on lists typed in the legacy fonts, with the real TCVN3/VNI tables (issue 11, point 4)."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.styles import Font

from conftest import HONOUR_HEADER, Site
from sheets import assert_adds_up, nhap, report_groups


def _sheet(site: Site, name: str, rows: list[tuple[object, ...]], fonts: dict[str, str]) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "DS"
    ws.append(["DANH SÁCH GIA ĐÌNH HỌC TẬP"])
    ws.append(["STT", "Họ và tên chủ hộ", "Thôn", "Xã", "Tỉnh"])
    for row in rows:
        ws.append(list(row))
    for cell, font in fonts.items():
        ws[cell].font = Font(name=font)
    book.save(site.root / name)


def test_vntime_names_and_vntimeh_villages_are_converted_counted_and_refused_when_mixed(site: Site) -> None:
    _sheet(
        site,
        "tcvn3.xlsx",
        [
            (1, "NguyÔn V¨n Hoµ", "TH¤N B¾C", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
            (2, "TrÇn ThÞ Lan", "th«n b¾c", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
            (3, "Nguyễn V¨n T¸m", "TH¤N B¾C", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
        ],
        {"B3": ".VnTime", "B4": ".VnTime", "B5": ".VnTime", "C3": ".VnTimeH", "C4": ".VnTimeH", "C5": ".VnTimeH"},
    )
    site.decision("21-qd-ubnd")

    run = nhap(site.root, "tcvn3.xlsx", "--quyet-dinh", "honours/21-qd-ubnd.yaml")

    assert run.code == 0, run.output
    assert (site.root / "honours/21-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,THÔN BẮC,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,gia_dinh,Trần Thị Lan,Trần Thị Lan,,THÔN BẮC,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    lines = run.output.splitlines()
    assert (
        "Cột chuyển mã: DS!B 'Họ và tên chủ hộ' từ TCVN3 (.VnTime) sang Unicode: 2 ô; xem lại vài tên trong cột này"
    ) in lines
    assert "Cột chuyển mã: DS!C 'Thôn' từ TCVN3 (.VnTime) sang Unicode: 3 ô; xem lại vài tên trong cột này" in lines
    assert report_groups(run.output)["Bị từ chối"] == [
        "tcvn3.xlsx!DS!B5: ô lẫn chữ Unicode ('ễ') với chữ gõ bằng phông cũ TCVN3 (phông .VnTime) ('¨'): không "
        "chuyển chắc chắn được; gõ lại ô này bằng Unicode"
    ]
    assert_adds_up(run.output, 5)
    assert site.check().code == 0


def test_vni_times_cells_are_converted_from_their_font(site: Site) -> None:
    _sheet(
        site,
        "vni.xlsx",
        [(1, "Nguyeãn Vaên Hoaø", "Thoân Ñoâng", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh")],
        {"B3": "VNI-Times", "C3": "VNI-Times"},
    )
    site.decision("22-qd-ubnd")

    run = nhap(site.root, "vni.xlsx", "--quyet-dinh", "honours/22-qd-ubnd.yaml")

    assert run.code == 0, run.output
    assert (site.root / "honours/22-qd-ubnd.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "1,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh"
    )
    assert "Cột chuyển mã: DS!B 'Họ và tên chủ hộ' từ VNI (VNI-Times) sang Unicode: 1 ô" in run.output
    assert_adds_up(run.output, 3)


def test_legacy_text_in_a_csv_is_recognised_from_its_characters(site: Site) -> None:
    (site.root / "cu.csv").write_text(
        "STT,Họ và tên,Xã,Tỉnh\n"
        "1,Nguyeãn Vaên Hoaø,Xã Thiên Lộc,Tỉnh Hà Tĩnh\n"
        "2,Traàn Thò Lan,Xã Thiên Lộc,Tỉnh Hà Tĩnh\n",
        encoding="utf-8",
    )
    site.decision("23-qd-ubnd")

    run = nhap(site.root, "cu.csv", "--quyet-dinh", "honours/23-qd-ubnd.yaml", "--loai", "gia_dinh")

    assert run.code == 0, run.output
    assert report_groups(run.output)["Được nhập"] == [
        "cu.csv!cu!2: STT 1: Nguyễn Văn Hoà",
        "cu.csv!cu!3: STT 2: Trần Thị Lan",
    ]
    assert "Cột chuyển mã: cu!B 'Họ và tên' từ VNI (VNI-Times) sang Unicode: 2 ô" in run.output
    assert_adds_up(run.output, 3)


def _xls(site: Site, name: str, rows: list[tuple[object, ...]], fonts: dict[int, str]) -> None:
    """Write an Excel 97–2003 list (xlwt) whose data cells in column ``c`` use the font ``fonts[c]``."""
    import xlwt

    def style(font_name: str) -> xlwt.XFStyle:
        style = xlwt.XFStyle()
        font = xlwt.Font()
        font.name = font_name
        style.font = font
        return style

    styles = {c: style(font) for c, font in fonts.items()}
    book = xlwt.Workbook()
    sheet = book.add_sheet("DS")
    for c, text in enumerate(["DANH SÁCH GIA ĐÌNH HỌC TẬP"]):
        sheet.write(0, c, text)
    for c, text in enumerate(["STT", "Họ và tên chủ hộ", "Thôn", "Xã", "Tỉnh"]):
        sheet.write(1, c, text, style("Times New Roman"))
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if c in styles:
                sheet.write(r, c, value, styles[c])
            else:
                sheet.write(r, c, value)
    book.save(str(site.root / name))


def test_an_xls_in_vntime_and_vntimeh_is_converted_from_its_cell_fonts(site: Site) -> None:
    _xls(
        site,
        "tcvn3.xls",
        [
            (1, "NguyÔn V¨n Hoµ", "TH¤N B¾C", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
            (2, "TrÇn ThÞ Lan", "th«n ®«ng", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
            (3, "Lª V¨n T¸m", "th«n b¾c", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
        ],
        {1: ".VnTime", 2: ".VnTimeH"},
    )
    site.decision("24-qd-ubnd")

    run = nhap(site.root, "tcvn3.xls", "--quyet-dinh", "honours/24-qd-ubnd.yaml")

    assert run.code == 0, run.output
    assert (site.root / "honours/24-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,THÔN BẮC,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,gia_dinh,Trần Thị Lan,Trần Thị Lan,,THÔN ĐÔNG,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "3,gia_dinh,Lê Văn Tám,Lê Văn Tám,,THÔN BẮC,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    lines = run.output.splitlines()
    assert [line for line in lines if line.startswith("Cột chuyển mã")] == [
        "Cột chuyển mã: DS!B 'Họ và tên chủ hộ' từ TCVN3 (.VnTime) sang Unicode: 3 ô; xem lại vài tên trong cột này",
        "Cột chuyển mã: DS!C 'Thôn' từ TCVN3 (.VnTime) sang Unicode: 3 ô; xem lại vài tên trong cột này",
    ]
    groups = report_groups(run.output)
    assert groups["Được nhập"] == [
        "tcvn3.xls!DS!3: STT 1: Nguyễn Văn Hoà",
        "tcvn3.xls!DS!4: STT 2: Trần Thị Lan",
        "tcvn3.xls!DS!5: STT 3: Lê Văn Tám",
    ]
    assert groups["Bỏ qua có chủ ý"] == ["tcvn3.xls!DS!1: dòng tiêu đề", "tcvn3.xls!DS!2: dòng tên cột"]
    assert "Bị từ chối" not in groups or groups["Bị từ chối"] == []
    assert_adds_up(run.output, 5)
    assert site.check().code == 0


def test_an_xls_in_vni_times_is_converted_from_its_cell_fonts(site: Site) -> None:
    # The village "Hoà Sen" also reads as Unicode: only the cells' font tells it is VNI for "Hồ Sen".
    _xls(
        site,
        "vni.xls",
        [
            (1, "Nguyeãn Vaên Hoaø", "Hoà Sen", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
            (2, "Hoà Thò Hoa", "Hoà Sen", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
        ],
        {1: "VNI-Times", 2: "VNI-Times"},
    )
    site.decision("25-qd-ubnd")

    run = nhap(site.root, "vni.xls", "--quyet-dinh", "honours/25-qd-ubnd.yaml")

    assert run.code == 0, run.output
    assert (site.root / "honours/25-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,Hồ Sen,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,gia_dinh,Hồ Thị Hoa,Hồ Thị Hoa,,Hồ Sen,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    assert [line for line in run.output.splitlines() if line.startswith("Cột chuyển mã")] == [
        "Cột chuyển mã: DS!B 'Họ và tên chủ hộ' từ VNI (VNI-Times) sang Unicode: 2 ô; xem lại vài tên trong cột này",
        "Cột chuyển mã: DS!C 'Thôn' từ VNI (VNI-Times) sang Unicode: 2 ô; xem lại vài tên trong cột này",
    ]
    assert report_groups(run.output)["Được nhập"] == [
        "vni.xls!DS!3: STT 1: Nguyễn Văn Hoà",
        "vni.xls!DS!4: STT 2: Hồ Thị Hoa",
    ]
    assert_adds_up(run.output, 4)
    assert site.check().code == 0


def test_xls_fonts_are_kept_for_legacy_cells_only_and_sheets_are_not_read_without_one(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlrd.book

    from bangvang.core.importing import legacy
    from bangvang.core.importing.workbook import read_workbook

    def wanted(font: str) -> bool:
        return legacy.font_encoding(font) is not None

    _xls(
        site,
        "cu.xls",
        [(1, "NguyÔn V¨n Hoµ", "Hoà Sen", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh")],
        {1: ".VnTime", 2: "VNI-Times"},
    )
    _xls(site, "moi.xls", [(1, "Nguyễn Văn Hoà", "Thôn Đông", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh")], {1: "Arial"})

    (old,) = read_workbook(site.root / "cu.xls", wanted).sheets
    assert old.has_fonts
    assert old.fonts == {(2, 1): ".VnTime", (2, 2): "VNI-Times"}

    def no_sheet(*args: object) -> None:
        raise AssertionError("a sheet was read for its fonts")

    monkeypatch.setattr(xlrd.book.Book, "sheet_by_name", no_sheet)
    monkeypatch.setattr(xlrd.book.Book, "sheet_by_index", no_sheet)
    (new,) = read_workbook(site.root / "moi.xls", wanted).sheets
    assert new.has_fonts
    assert new.fonts == {}
    assert new.rows[2][1] == "Nguyễn Văn Hoà"
