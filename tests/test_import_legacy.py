"""``bangvang nhap`` on lists typed in the legacy fonts, with the real TCVN3/VNI tables (issue 11, point 4)."""

from __future__ import annotations

import openpyxl
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
