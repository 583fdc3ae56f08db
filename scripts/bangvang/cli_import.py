"""``bangvang nhap``: import spreadsheets into an honour roll, account for every row, write only when all read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .core.honours.model import KINDS
from .core.importing.importer import ImportInputError, Request, collect
from .core.importing.report import Report
from .core.importing.values import Options, kind_title
from .core.importing.writer import open_target, place, write


def _mapping(text: str) -> tuple[str, str]:
    name, sep, column = text.partition("=")
    if not sep or not name.strip() or not column.strip():
        raise argparse.ArgumentTypeError(f"cần dạng TRƯỜNG=CỘT (ví dụ ten=C), nhận được '{text}'")
    return name.strip().lower(), column.strip()


def add_import_parser(commands: Any, help_text: str) -> None:
    """Describe ``bangvang nhap`` (alias ``import``)."""
    nhap = commands.add_parser("nhap", aliases=["import"], help=help_text, description=help_text)
    nhap.add_argument("files", nargs="+", type=Path, metavar="TỆP", help="bảng tính .xlsx, .xls, .ods hoặc .csv")
    nhap.add_argument(
        "--quyet-dinh",
        type=Path,
        metavar="TỆP_YAML",
        help="tệp quyết định (honours/….yaml), có sẵn hoặc tạo mới; mặc định theo dòng 'Kèm theo Quyết định số …'",
    )
    nhap.add_argument("--thu", action="store_true", help="nhập thử: chỉ in báo cáo, không ghi tệp nào")
    nhap.add_argument("--thay", action="store_true", help="thay cả danh sách cũ của quyết định (mặc định: nối tiếp)")
    nhap.add_argument("--bao-cao", type=Path, metavar="TỆP", help="ghi thêm báo cáo vào tệp này")
    nhap.add_argument(
        "--cot",
        type=_mapping,
        action="append",
        default=[],
        metavar="TRƯỜNG=CỘT",
        help="chỉ rõ cột cho một trường, ví dụ ten=C (trường: stt, ten, thon, xa, huyen, tinh, danh-hieu, ghi-chu)",
    )
    nhap.add_argument(
        "--trang",
        action="append",
        default=[],
        metavar="TRANG",
        help="chỉ nhập trang tính này (tên hoặc số thứ tự); ghi nhiều lần để nhập nhiều trang",
    )
    nhap.add_argument("--dong-tieu-de", type=int, metavar="N", help="dòng tên cột là dòng N")
    nhap.add_argument("--danh-hieu", metavar="DANH_HIỆU", help="danh hiệu chung của danh sách")
    nhap.add_argument("--loai", choices=list(KINDS), metavar="LOẠI", help=f"loại của mọi dòng: {', '.join(KINDS)}")
    nhap.add_argument("--xa", metavar="XÃ", help="xã, phường cho các dòng bảng tính không ghi")
    nhap.add_argument("--huyen", metavar="HUYỆN", help="huyện cho các dòng bảng tính không ghi (trước 1/7/2025)")
    nhap.add_argument("--tinh", metavar="TỈNH", help="tỉnh cho các dòng bảng tính không ghi")


def run_import(args: argparse.Namespace) -> int:
    """Import the files; print the report; return the exit status (1 and nothing written on bad input)."""
    places = (("commune", args.xa), ("district", args.huyen), ("province", args.tinh))
    options = Options(args.loai, args.danh_hieu, {name: value for name, value in places if value})
    request = Request(list(args.files), options, dict(args.cot), args.trang, args.dong_tieu_de)
    report = Report()
    try:
        candidates, found = collect(request, report)
        target = open_target(args.quyet_dinh, found, Path("honours"))
        title = options.title or (kind_title(options.kind) if options.kind else None)
        rows = place(candidates, target, args.thay, report)
        if not args.thu:
            report.target = f"{target.csv_path} ({target.yaml_path}{'' if target.exists else ', tạo mới'})"
            write(target, rows, found, title, ", ".join(path.name for path in args.files))
    except ImportInputError as exc:
        print(f"bangvang nhap: {exc}", file=sys.stderr)
        print("Không ghi tệp nào.", file=sys.stderr)
        return 1
    lines = report.lines()
    print("\n".join(lines))
    if args.bao_cao is not None and not args.thu:
        args.bao_cao.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0
