"""The import benchmark: ``bangvang nhap`` on an .xlsx of N rows laid out as a commune sends it.

Each size writes a workbook (title rows, a two-row header, a CCCD column, the
village in every row) with openpyxl, then runs in child processes: the
readers alone (python-calamine for the values, the floor; then calamine and
openpyxl's read-only pass over the formulas, which ``bangvang nhap`` adds when
a used cell is empty); and ``bangvang nhap`` itself. Wall time and peak memory
(``getrusage`` of the child) are printed, never asserted.

Run ``python -m benchmarks --import-rows 100000 --dir /tmp/x`` from the repository.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from .build import ChildRun, run_child
from .synthetic import FAMILY, GIVEN_MEN, MIDDLE_MEN, former_places, settled

_CALAMINE_ONLY = (
    "import sys, python_calamine as c\n"
    "b = c.CalamineWorkbook.from_path(sys.argv[1])\n"
    "print(sum(len(b.get_sheet_by_index(i).to_python(skip_empty_area=False)) for i in range(len(b.sheet_names))))\n"
)
_BOTH_READERS = (
    _CALAMINE_ONLY + "import openpyxl\n"
    "w = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
    "print(sum(1 for s in w.worksheets for r in s.iter_rows(values_only=True) for x in r if str(x)[:1] == '='))\n"
)

_PROVINCE = "Tỉnh Hà Tĩnh"


def write_workbook(path: Path, rows: int, formula: bool = False) -> None:
    """Write ``rows`` fictional families under the title rows and the two-row header of a commune list.

    ``formula``: the first STT is a formula with no cached value, so ``bangvang nhap`` must read formulas too.
    """
    import openpyxl

    # Not write-only: that mode leaves out the sheet's <dimension>, which Excel always writes and without
    # which openpyxl's read-only mode parses a sheet twice.
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DS"
    sheet.append(["UBND XÃ THIÊN LỘC", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append(["DANH SÁCH GIA ĐÌNH HỌC TẬP NĂM 2024"])
    sheet.append(["(Kèm theo Quyết định số 2024/QĐ-UBND ngày 30/9/2024)"])
    sheet.append(["STT", "Họ và tên chủ hộ", "Địa chỉ", None, None, "Số CCCD"])
    sheet.append([None, None, "Thôn", "Xã", "Tỉnh", None])
    names = [f"{family} {middle} {given}" for family in FAMILY for middle in MIDDLE_MEN for given in GIVEN_MEN]
    communes = _communes()
    for stt in range(1, rows + 1):
        village = f"Thôn {stt % 40 + 1}"
        commune = communes[stt // 40 // len(names) % len(communes)]
        number: object = "=0+1" if formula and stt == 1 else stt
        sheet.append([number, names[(stt // 40) % len(names)], village, commune, _PROVINCE, f"0420{stt:08d}"])
    sheet.append(["Tổng cộng", None, None, None, None, None])
    book.save(path)


def _communes() -> list[str]:
    """Return Hà Tĩnh's communes of 2024 that a list with no district column names unmistakably, Thiên Lộc first."""
    signed = dt.date(2024, 9, 30)  # the date on the workbook's "Kèm theo Quyết định" line
    found = [commune for commune, _, province in former_places(_PROVINCE) if settled((commune, None, province), signed)]
    return sorted(found, key=lambda commune: commune != "Xã Thiên Lộc")


def _write_in_child(path: Path, rows: int, formula: bool) -> None:
    """Write the workbook in a child process: a child forked from a large parent would report its memory."""
    code = (
        "from pathlib import Path; from benchmarks.importing import write_workbook; "
        f"write_workbook(Path({str(path)!r}), {rows}, {formula})"
    )
    run = run_child([sys.executable, "-c", code], Path(__file__).resolve().parent.parent)
    if run.code != 0:
        raise RuntimeError(f"không ghi được bảng tính mẫu:\n{run.output[-2000:]}")


def _line(label: str, run: ChildRun) -> str:
    status = "" if run.code == 0 else f"  (mã thoát {run.code})"
    return f"  {label:<52} {run.seconds:>8.1f} s {run.peak_mb:>8.0f} MB{status}"


def run_import_bench(counts: list[int], where: Path | None = None, keep: bool = False) -> int:
    """Print the figures of ``bangvang nhap`` and of its readers alone for each size; return the exit status."""
    place = where or Path(tempfile.gettempdir())
    place.mkdir(parents=True, exist_ok=True)
    print(f"bangvang nhap một tệp .xlsx N dòng, trong {place} (thời gian thực, bộ nhớ đỉnh).")
    failed = False
    for count in counts:
        folder = Path(tempfile.mkdtemp(prefix=f"bangvang-nhap-{count}-", dir=place))
        try:
            source = folder / "ds.xlsx"
            _write_in_child(source, count, formula=False)
            print(f"{count} dòng, tệp {source.stat().st_size / 1e6:.1f} MB:")
            floor = run_child([sys.executable, "-c", _CALAMINE_ONLY, str(source)])
            print(_line("chỉ đọc bằng python-calamine (sàn)", floor))
            both = run_child([sys.executable, "-c", _BOTH_READERS, str(source)])
            print(_line("calamine + openpyxl đọc công thức (khi có ô trống)", both))
            for label, formula in (("bangvang nhap", False), ("bangvang nhap, một STT là công thức chưa tính", True)):
                if formula:
                    _write_in_child(source, count, formula=True)
                shutil.rmtree(folder / "honours", ignore_errors=True)
                command = [sys.executable, "-m", "bangvang.cli", "nhap", str(source), "--quyet-dinh", "honours/ds.yaml"]
                run = run_child(command, folder)
                print(_line(label, run), flush=True)
                if run.code != 0:
                    print(run.output[-2000:], file=sys.stderr)
                written = 0
                if run.code == 0:
                    written = (folder / "honours" / "ds.csv").read_text(encoding="utf-8").count("\n") - 1
                print(f"  đã nhập {written} dòng")
                failed = failed or run.code != 0 or written != count - formula
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0
