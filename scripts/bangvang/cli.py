"""The ``bangvang`` command: check the site source, start an article."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from .cli_import import add_import_parser, run_import
from .cli_parser import VietnameseArgumentParser
from .core import hosting
from .core.honours.addresses import province_key
from .core.problems import errors, warnings
from .core.scaffold import new_article_text
from .core.site import SiteSource, load_site
from .core.text import format_number, slugify
from .site_config import SiteConfigError, load_settings

_NHAP_HELP = (
    "nhập danh sách từ bảng tính (.xlsx, .xls, .ods, .csv) vào bảng vàng: mọi dòng nguồn được báo là "
    "được nhập, bỏ qua có chủ ý hoặc bị từ chối"
)


class CliError(Exception):
    """A problem the user can fix, reported as one message without a traceback."""


def run_check(site: Path, strict: bool) -> int:
    """Print every problem of the site source; return the exit status."""
    settings = load_settings(site)
    source = load_site(settings)
    guess = site_estimate(source)
    problems = [*source.problems, *hosting.estimate_problems(guess, settings.host, site / "mkdocs.yml", site)]
    for problem in problems:
        print(problem)
    print(hosting.estimate_line(guess, settings.host), file=sys.stderr)
    found_errors, found_warnings = len(errors(problems)), len(warnings(problems))
    if found_errors or found_warnings:
        print(f"{found_errors} lỗi, {found_warnings} cảnh báo.", file=sys.stderr)
    else:
        rolls = source.rolls
        chosen = ""
        if settings.provinces:
            chosen = (
                f" của {', '.join(settings.provinces)}; bỏ {format_number(rolls.left_out[1])} mục của tỉnh, thành phố"
                " khác (tùy chọn provinces)"
            )
        print(
            f"Không có vấn đề nào: {len(source.articles)} bài viết, {len(source.registry.directives)} văn bản, "
            f"{len(rolls.decisions)} quyết định vinh danh ({format_number(rolls.entry_count)} mục) hợp lệ{chosen}.",
            file=sys.stderr,
        )
    return 1 if found_errors or (strict and found_warnings) else 0


def site_estimate(source: SiteSource) -> hosting.Estimate:
    """Estimate the built size of a checked site from its articles and honour rolls."""
    rolls = source.rolls
    by_key: Counter[str] = Counter()
    mixed: set[str] = set()
    for decision in rolls.decisions:
        in_decision = Counter(province_key(entry.province) for entry in decision.entries)
        by_key.update(in_decision)
        if len(in_decision) > 1:
            mixed.update(in_decision)  # only such a province gets a file of its own (export.province_sources)
    largest_rows = max([*(by_key[key] for key in mixed), *(len(d.entries) for d in rolls.decisions), 0])
    return hosting.estimate(len(source.articles), rolls.entry_count, largest_rows)


def run_new(site: Path, title: str, day: dt.date, category: str | None) -> int:
    """Create a draft article from its title; return the exit status."""
    settings = load_settings(site)
    chosen = category or settings.categories[0]
    if chosen not in settings.categories:
        raise CliError(f"chuyên mục '{chosen}' không có trong mkdocs.yml; được dùng: {', '.join(settings.categories)}")
    slug = slugify(title)
    if not slug:
        raise CliError(f"tiêu đề '{title}' không có chữ nào để làm địa chỉ bài viết")
    path = settings.docs_dir / settings.news_dir / str(day.year) / f"{slug}.md"
    if path.exists():
        raise CliError(f"{settings.rel(path)} đã có; đặt tiêu đề khác hoặc sửa bài đó")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_article_text(title, day, chosen), encoding="utf-8")
    print(settings.rel(path))
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày phải có dạng YYYY-MM-DD, nhận được '{text}'") from None


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = VietnameseArgumentParser(prog="bangvang", description="Bảng Vàng: công cụ cho biên tập viên.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{check,new,nhap}", title="lệnh")

    check = commands.add_parser("check", help="kiểm tra toàn bộ nội dung site")
    where = "thư mục site (có mkdocs.yml)"
    check.add_argument("path", nargs="?", default=".", type=Path, metavar="THƯ_MỤC", help=where)
    check.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")

    new = commands.add_parser("new", help="tạo bài viết mới (bản nháp)")
    new.add_argument("title", metavar="TIÊU_ĐỀ", help="tiêu đề bài viết")
    new.add_argument(
        "--date", type=_date, default=dt.date.today(), metavar="NGÀY", help="ngày đăng, YYYY-MM-DD (mặc định hôm nay)"
    )
    new.add_argument("--category", metavar="CHUYÊN_MỤC", help="chuyên mục (mặc định chuyên mục đầu tiên)")
    new.add_argument("--site", type=Path, default=Path(), metavar="THƯ_MỤC", help=where)
    add_import_parser(commands, _NHAP_HELP)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.path.resolve(), args.strict)
        if args.command in ("nhap", "import"):
            return run_import(args)
        return run_new(args.site.resolve(), args.title, args.date, args.category)
    except (CliError, SiteConfigError) as exc:
        print(f"bangvang: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
