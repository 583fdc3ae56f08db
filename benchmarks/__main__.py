"""``python -m benchmarks``: build, check, kill and lookup benchmarks on synthetic sites; figures, never asserts."""

from __future__ import annotations

import argparse
import compileall
import sys
from pathlib import Path

import bangvang
from bangvang.site_config import SiteConfigError, load_settings


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Đo thời gian và bộ nhớ khi dựng, kiểm tra và tra cứu site giả lập (chạy trong thư mục kho mã).",
    )
    parser.add_argument(
        "--articles", type=int, nargs="+", default=[1000, 2000], help="số bài viết (mặc định 1000 2000)"
    )
    parser.add_argument("--entries", type=int, nargs="+", help="đo bảng vàng: số mục giả lập (ví dụ 100000 1000000)")
    parser.add_argument("--lookup", type=int, nargs="+", help="đo tra cứu bảng vàng: số mục giả lập (10000 100000 …)")
    parser.add_argument(
        "--kill",
        action="store_true",
        help="giết mkdocs build (SIGKILL) ở 10 thời điểm, lạnh và ấm, rồi so site/ với lần dựng tốt "
        "(số mục theo --entries, mặc định 100000)",
    )
    parser.add_argument(
        "--check-rows",
        type=int,
        nargs="+",
        help="đo bangvang check trên một tệp CSV N dòng (ví dụ 700000 1400000): thời gian, bộ nhớ đỉnh",
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        nargs="+",
        help="đo bangvang nhap trên một tệp .xlsx N dòng (ví dụ 100000): thời gian, bộ nhớ đỉnh, và của riêng bộ đọc",
    )
    parser.add_argument("--moments", type=int, default=10, help="số thời điểm giết cho --kill (mặc định 10)")
    parser.add_argument(
        "--serve",
        action="store_true",
        help="đo cho biên tập viên: dựng toàn bộ so với Material thuần trên cùng bài viết (--articles, mặc định "
        "2000 4000; --repeat vòng xen kẽ), rồi xem thử bằng mkdocs serve: từ lúc lưu một bài viết, một quyết định "
        "đến khi trang đã đổi (số bài đầu tiên của --articles; số mục theo --entries, mặc định 100000)",
    )
    parser.add_argument("--site", type=Path, default=Path(), help="site lấy theme và cấu hình")
    parser.add_argument("--keep", type=Path, help="giữ site giả lập trong thư mục này")
    parser.add_argument("--repeat", type=int, default=3, help="số lần dựng mỗi cỡ (mặc định 3, in trung vị)")
    parser.add_argument("--dir", type=Path, help="thư mục tạm để dựng (mặc định thư mục tạm của hệ thống)")
    return parser


def compile_package() -> None:
    """Compile Bảng Vàng's modules to bytecode beside their sources, as pip does when it installs a package.

    Run from a checkout (an editable install, or ``PYTHONPATH``) where
    ``PYTHONDONTWRITEBYTECODE`` is set, every build would compile them again
    as it starts: 0,3 s on the 2-core machine, which MkDocs' and Material's
    installed modules, compiled by pip, do not pay.
    """
    compileall.compile_dir(Path(bangvang.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark the options choose and return its exit status."""
    args = build_parser().parse_args(argv)
    compile_package()
    site = args.site.resolve()
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)  # scratch sites go there; it need not exist yet
    try:
        if args.kill:
            from .kill import run_kill_bench

            entries = args.entries[0] if args.entries else 100_000
            return run_kill_bench(site, entries, args.moments, args.dir)
        if args.import_rows:
            from .importing import run_import_bench

            return run_import_bench(args.import_rows, args.dir, args.keep is not None)
        if args.check_rows:
            from .check import run_check_bench

            return run_check_bench(site, args.check_rows, args.dir, args.keep is not None)
        if args.serve:
            from .floor import print_floor
            from .serve import run_serve_bench

            counts = args.articles if args.articles != [1000, 2000] else [2000, 4000]
            entries = args.entries[0] if args.entries else 100_000
            print_floor(load_settings(site), counts, max(args.repeat, 1), args.dir)
            return run_serve_bench(site, counts[0], entries, args.repeat, args.dir)
        if args.lookup:
            from .lookup import run_lookup_bench

            return run_lookup_bench(site, args.lookup, args.dir)
        from .build import run_bench, run_honour_bench

        if args.entries:
            return run_honour_bench(site, args.entries, args.keep, args.dir)
        return run_bench(site, args.articles, args.keep, args.repeat, args.dir)
    except SiteConfigError as exc:
        print(f"benchmarks: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
