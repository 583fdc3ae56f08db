"""The example spreadsheet editors are pointed to (honours/README.md, section 9) imports as documented (issue 11)."""

from __future__ import annotations

import shutil
from pathlib import Path

import python_calamine

from conftest import REPO, Site
from sheets import assert_adds_up, example_workbook, nhap, report_groups

EXAMPLE = REPO / "tests" / "data" / "vi-du-danh-sach.xlsx"


def _cells(path: Path) -> list[tuple[str, list[list[object]]]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names]


def test_the_example_is_what_its_builder_writes(tmp_path: Path) -> None:
    assert _cells(EXAMPLE) == _cells(example_workbook(tmp_path / "fresh.xlsx"))


def test_the_example_imports_as_the_readme_says(site: Site) -> None:
    shutil.copyfile(EXAMPLE, site.root / EXAMPLE.name)

    run = nhap(site.root, EXAMPLE.name, "--tinh", "Tỉnh Hà Tĩnh")

    assert run.code == 0, run.output
    at = "vi-du-danh-sach.xlsx!"
    groups = report_groups(run.output)
    assert groups["Được nhập"][:2] == [f"{at}DS!9: STT 1: Nguyễn Văn Hoà", f"{at}DS!10: STT 2: Trần Thị Lan"]
    assert groups["Được nhập"][-2:] == [
        f"{at}Thôn Tây!3: STT {len(groups['Được nhập']) - 1} (STT gốc 1): Gia đình bà Hồ Thị Cúc",
        f"{at}Thôn Tây!4: STT {len(groups['Được nhập'])} (STT gốc 2): Gia đình ông Đặng Văn Hải",
    ]
    assert groups["Bị từ chối"][0].startswith(f"{at}DS!A11: ô là công thức chưa có giá trị tính sẵn")
    # Row 12 is typed in .VnTime (name) and .VnTimeH (village): converted, the village in capitals.
    assert f"{at}DS!12: STT 3 (STT gốc 4): Nguyễn Văn Hoà" in groups["Được nhập"]
    assert (
        "Cột chuyển mã: DS!C 'Thôn' từ TCVN3 (.VnTime) sang Unicode: 1 ô; xem lại vài tên trong cột này" in run.output
    )
    assert f"Cột không nhập (dữ liệu cá nhân, không bao giờ đăng): {at}DS!E 'Số CCCD' (số CCCD/CMND)" in run.output
    assert "thôn lấy từ tên trang tính: 'Thôn Tây'" in run.output
    assert "dòng cộng (tổng phụ)" in run.output and "phần chữ ký" in run.output
    assert_adds_up(run.output, 25)
    csv_text = (site.root / "honours/1234-qd-ubnd.csv").read_text(encoding="utf-8")
    assert "NguyÔn" not in csv_text and "042080" not in csv_text and "0912" not in csv_text
    assert "3,gia_dinh,Nguyễn Văn Hoà,Nguyễn Văn Hoà,,THÔN BẮC,Xã Thiên Lộc,,Tỉnh Hà Tĩnh" in csv_text
