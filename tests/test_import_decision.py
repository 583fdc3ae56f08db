"""``bangvang nhap`` into a decision: a new skeleton, appending, replacing, re-importing, dry runs (issue 11)."""

from __future__ import annotations

import datetime as dt

import openpyxl

from conftest import HONOUR_HEADER, Site
from sheets import FILE, assert_adds_up, commune_workbook, nhap, report_groups

EXISTING = "7,gia_dinh,Gia đình ông Hồ Sỹ Tá,Hồ Sỹ Tá,,Thôn Bắc,Xã Thiên Lộc,,Tỉnh Hà Tĩnh"


def _snapshot(site: Site) -> dict[str, bytes]:
    folder = site.root / "honours"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())} if folder.exists() else {}


def test_a_new_decision_gets_a_skeleton_from_the_attached_to_line(site: Site) -> None:
    commune_workbook(site.root / FILE)

    run = nhap(site.root, FILE, "--tinh", "Tỉnh Hà Tĩnh")

    assert run.code == 0, run.output
    assert run.output.splitlines()[0] == "Nhập vào honours/1234-qd-ubnd.csv (honours/1234-qd-ubnd.yaml, tạo mới)"
    assert (site.root / "honours/1234-qd-ubnd.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=schema.json\n"
        "# Tạo bởi 'bangvang nhap' từ DS GĐHT 2024.xlsx: điền các khóa còn thiếu (dòng '# …' dưới đây),\n"
        "# rồi chạy bangvang check.\n"
        'number: "1234/QĐ-UBND"\n'
        "aliases: []\n"
        "signed: 2024-09-30\n"
        "# issuer:\n"
        '#   name: "Ủy ban nhân dân …"  (cơ quan ban hành)\n'
        "#   level: huyen_xa\n"
        "form: cong_nhan\n"
        'period: "2024"\n'
        'title: "Gia đình học tập"\n'
        "entries_csv: 1234-qd-ubnd.csv\n"
    )
    checked = site.check()
    assert checked.code == 1
    assert [line for line in checked.output.splitlines() if line.startswith("honours/")] == [
        "honours/1234-qd-ubnd.yaml:1: thiếu khóa bắt buộc 'issuer' (name: cơ quan ban hành, level: cấp)"
    ]


def test_append_after_the_last_stt_then_reimport_changes_nothing(site: Site) -> None:
    commune_workbook(site.root / FILE)
    site.decision("1234-qd-ubnd", [EXISTING], signed=dt.date(2024, 9, 30), period="2024")
    yaml_before = (site.root / "honours/1234-qd-ubnd.yaml").read_bytes()

    first = nhap(site.root, FILE, "--quyet-dinh", "honours/1234-qd-ubnd.yaml", "--tinh", "Tỉnh Hà Tĩnh")

    assert first.code == 0, first.output
    assert (site.root / "honours/1234-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        f"{EXISTING}\n"
        "8,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "9,gia_dinh,Trần Thị Lan,Trần Thị Lan,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )
    assert report_groups(first.output)["Được nhập"] == [
        "DS GĐHT 2024.xlsx!DS!9: STT 8 (STT gốc 1): Nguyễn Văn Hoà",
        "DS GĐHT 2024.xlsx!DS!10: STT 9 (STT gốc 2): Trần Thị Lan",
    ]
    assert (site.root / "honours/1234-qd-ubnd.yaml").read_bytes() == yaml_before
    after_first = _snapshot(site)

    again = nhap(site.root, FILE, "--quyet-dinh", "honours/1234-qd-ubnd.yaml", "--tinh", "Tỉnh Hà Tĩnh")

    assert again.code == 0, again.output
    assert _snapshot(site) == after_first
    groups = report_groups(again.output)
    assert groups["Được nhập"] == []
    assert groups["Bị từ chối"][1:] == [
        "DS GĐHT 2024.xlsx!DS!9: có vẻ trùng: cùng tên và nơi ở với STT 8 đã có trong quyết định; không nhập lại",
        "DS GĐHT 2024.xlsx!DS!10: có vẻ trùng: cùng tên và nơi ở với STT 9 đã có trong quyết định; không nhập lại",
    ]
    assert_adds_up(again.output, 19)
    assert site.check().code == 0


def test_a_row_repeating_an_entry_after_folding_is_a_likely_duplicate(site: Site) -> None:
    site.decision("3-qd-ubnd", ["4,gia_dinh,Nguyễn Văn Hòa,,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh"])
    (site.root / "ds.csv").write_text(
        "STT,Họ và tên,Xã,Tỉnh\n1,NGUYỄN  VĂN HOÀ,Xã Thiên Lộc,Tỉnh Hà Tĩnh\n2,Lê Thị Hoa,Xã Thiên Lộc,Tỉnh Hà Tĩnh\n",
        encoding="utf-8",
    )
    run = nhap(site.root, "ds.csv", "--quyet-dinh", "honours/3-qd-ubnd.yaml", "--loai", "gia_dinh")
    assert run.code == 0, run.output
    groups = report_groups(run.output)
    assert groups["Bị từ chối"] == [
        "ds.csv!ds!2: có vẻ trùng: cùng tên và nơi ở với STT 4 đã có trong quyết định; không nhập lại"
    ]
    assert groups["Được nhập"] == ["ds.csv!ds!3: STT 5 (STT gốc 2): Lê Thị Hoa"]
    assert_adds_up(run.output, 3)


def test_replace_keeps_the_sheets_own_numbers(site: Site) -> None:
    commune_workbook(site.root / FILE)
    site.decision("1234-qd-ubnd", [EXISTING], signed=dt.date(2024, 9, 30), period="2024")
    run = nhap(site.root, FILE, "--quyet-dinh", "honours/1234-qd-ubnd.yaml", "--tinh", "Tỉnh Hà Tĩnh", "--thay")
    assert run.code == 0, run.output
    assert (site.root / "honours/1234-qd-ubnd.csv").read_text(encoding="utf-8") == HONOUR_HEADER + (
        "1,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        "2,gia_dinh,Trần Thị Lan,Trần Thị Lan,,Thôn Đông,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
    )


def test_dry_run_prints_the_report_and_writes_nothing(site: Site) -> None:
    commune_workbook(site.root / FILE)
    site.decision("1234-qd-ubnd", [EXISTING])
    before = _snapshot(site)
    run = nhap(
        site.root,
        FILE,
        "--thu",
        "--tinh",
        "Tỉnh Hà Tĩnh",
        "--quyet-dinh",
        "honours/1234-qd-ubnd.yaml",
        "--bao-cao",
        "bao-cao.txt",
    )
    assert run.code == 0, run.output
    assert run.output.splitlines()[0] == "Nhập thử (--thu): không ghi tệp nào"
    assert report_groups(run.output)["Được nhập"][0] == "DS GĐHT 2024.xlsx!DS!9: STT 8 (STT gốc 1): Nguyễn Văn Hoà"
    assert _snapshot(site) == before
    assert not (site.root / "bao-cao.txt").exists()


def test_report_file_holds_the_printed_report(site: Site) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["STT", "Tên đơn vị", "Xã", "Tỉnh"])
    ws.append([1, "Trường THCS Kỳ Lâm", "Xã Kỳ Lâm", "Tỉnh Hà Tĩnh"])
    book.save(site.root / "dv.xlsx")
    site.decision("2-qd-ubnd", title="Đơn vị học tập")
    run = nhap(site.root, "dv.xlsx", "--quyet-dinh", "honours/2-qd-ubnd.yaml", "--bao-cao", "bao-cao.txt")
    assert run.code == 0, run.output
    assert (site.root / "bao-cao.txt").read_text(encoding="utf-8") == run.output
    assert "1,don_vi,Trường THCS Kỳ Lâm,,,,Xã Kỳ Lâm,,Tỉnh Hà Tĩnh" in (site.root / "honours/2-qd-ubnd.csv").read_text(
        encoding="utf-8"
    )
