"""Spreadsheets as communes send them, built in code, and running ``bangvang nhap`` on them (issue 11)."""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from bangvang import cli
from conftest import Run

FILE = "DS GĐHT 2024.xlsx"

MOTTO = (
    ("A1", "UBND XÃ THIÊN LỘC"),
    ("D1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("D2", "Độc lập - Tự do - Hạnh phúc"),
    ("A4", "DANH SÁCH GIA ĐÌNH HỌC TẬP NĂM 2024"),
    ("A5", "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 30/9/2024 của UBND xã Thiên Lộc)"),
)


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def nhap(root: Path, *args: str) -> Run:
    """Run ``bangvang nhap`` in ``root`` in this process; return its exit status and everything it printed."""
    out = io.StringIO()
    with _inside(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["nhap", *args])
    return Run(code, out.getvalue())


def report_groups(output: str) -> dict[str, list[str]]:
    """Split a report into its three groups of row lines (imported, left out, refused)."""
    groups: dict[str, list[str]] = {}
    current = ""
    for line in output.splitlines():
        heading = re.match(r"(Được nhập|Bỏ qua có chủ ý|Bị từ chối) \(", line)
        if heading:
            current = heading.group(1)
            groups[current] = []
        elif line.startswith("  ") and current:
            groups[current].append(line.strip())
        elif not line.startswith("  "):
            current = ""
    return groups


def assert_adds_up(output: str, rows: int) -> None:
    """Every source row is in exactly one group, and the total line says so."""
    groups = report_groups(output)
    counted = [len(groups.get(name, [])) for name in ("Được nhập", "Bỏ qua có chủ ý", "Bị từ chối")]
    assert sum(counted) == rows
    places = [line.split(": ", 1)[0] for lines in groups.values() for line in lines]
    rows_named = [re.sub(r"![A-Z]+(\d+)$", r"!\1", place) for place in places]
    assert len(set(rows_named)) == rows  # no row twice, none missing
    assert f"Tổng: {rows} dòng nguồn = {counted[0]} được nhập + {counted[1]} bỏ qua + {counted[2]} bị từ chối" in output


def commune_sheet(ws: Worksheet, rows: Sequence[Sequence[object]], *, motto: bool = True) -> None:
    """Write the typical commune list: motto and title rows, a two-row header with 'Địa chỉ' over Thôn and Xã,
    a CCCD column, the data rows from row 9, a subtotal, a total and a signature block."""
    if motto:
        for cell, text in MOTTO:
            ws[cell] = text
    ws["A7"], ws["B7"], ws["C7"], ws["E7"], ws["F7"] = "STT", "Họ và tên chủ hộ", "Địa chỉ", "Số CCCD", "Ghi chú"
    ws["C8"], ws["D8"] = "Thôn", "Xã"
    for merged in ("A7:A8", "B7:B8", "C7:D7", "E7:E8", "F7:F8"):
        ws.merge_cells(merged)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(9 + offset, column, value)
    end = 9 + len(rows)
    ws.cell(end, 1, "Cộng thôn Đông: 3 hộ")
    ws.merge_cells(start_row=end, start_column=1, end_row=end, end_column=4)
    ws.cell(end + 1, 1, "Tổng cộng: 3 hộ")
    ws.cell(end + 3, 5, "Thiên Lộc, ngày 30 tháng 9 năm 2024")
    ws.cell(end + 4, 1, "Người lập biểu")
    ws.cell(end + 4, 5, "TM. ỦY BAN NHÂN DÂN")
    ws.cell(end + 7, 1, "Nguyễn Văn Bình")
    ws.cell(end + 7, 5, "Trần Văn Chủ")


def commune_workbook(path: Path) -> Path:
    """The issue's 'DS GĐHT 2024.xlsx': title rows, a two-row merged header, the village merged down its rows,
    STT typed as 1 and 2.0 and once as a formula with no cached value, a CCCD column, totals and signatures."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "DS"
    commune_sheet(
        ws,
        [
            (1, "Nguyễn Văn Hoà", "Thôn Đông", "Xã Thiên Lộc", "042080001234"),
            (2.0, " Trần Thị Lan\u00a0", None, "Xã Thiên Lộc", "042080001235", "hộ nghèo vươn lên"),
            ("=A10+1", "Lê Văn Tám", None, "Xã Thiên Lộc", "042080001236"),
        ],
    )
    ws.merge_cells("C9:C11")
    book.save(path)
    return path


def example_workbook(path: Path) -> Path:
    """The example under tests/data: every layout of issue 11 in one workbook.

    Sheet "DS": motto and title rows, the 'Kèm theo Quyết định số …' line, a two-row merged header, the village
    merged down, STT typed as 1, 2.0 and as a formula with no cached value, a CCCD column, names typed in
    .VnTime (TCVN3) and a village in .VnTimeH (upper case), a subtotal, a total and a signature block.
    Sheet "Thôn Tây": one sheet per village, the village only in the sheet's name.
    """
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "DS"
    commune_sheet(
        ws,
        [
            (1, "Nguyễn Văn Hoà", "Thôn Đông", "Xã Thiên Lộc", "042080001234"),
            (2.0, " Trần Thị Lan\u00a0", None, "Xã Thiên Lộc", "042080001235", "hộ nghèo vươn lên"),
            ("=A10+1", "Lê Văn Tám", None, "Xã Thiên Lộc", "042080001236"),
            (4, "NguyÔn V¨n Hoµ", "TH¤N B¾C", "Xã Thiên Lộc", "042080001237"),
        ],
    )
    ws.merge_cells("C9:C11")
    ws["B12"].font = openpyxl.styles.Font(name=".VnTime")
    ws["C12"].font = openpyxl.styles.Font(name=".VnTimeH")
    west = book.create_sheet("Thôn Tây")
    west.append(["DANH SÁCH GIA ĐÌNH HỌC TẬP - THÔN TÂY"])
    west.append(["TT", "Tên gia đình", "Xã", "Ghi chú"])
    west.append([1, "Gia đình bà Hồ Thị Cúc", "Xã Thiên Lộc", None])
    west.append([2, "Gia đình ông Đặng Văn Hải", "Xã Thiên Lộc", "ĐT 0912 345 678"])
    west.append(["Tổng cộng: 2 hộ"])
    book.save(path)
    return path
