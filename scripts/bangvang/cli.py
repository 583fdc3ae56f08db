"""The ``bangvang`` command: check the site source, start an article, run the benchmark."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from .core.problems import errors, warnings
from .core.scaffold import new_article_text
from .core.settings import SiteSettings
from .core.site import load_site
from .core.text import format_number, slugify


class CliError(Exception):
    """A problem the user can fix, reported as one message without a traceback."""


class _Collected(logging.Handler):
    """Keep the messages logged while it is attached, instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_settings(site: Path) -> SiteSettings:
    """Read ``mkdocs.yml`` of ``site`` the way the build does and return the core settings."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .mkdocs_plugin.plugin import settings_from

    config_file = site / "mkdocs.yml"
    if not config_file.is_file():
        raise CliError(f"không tìm thấy {config_file} (chạy lệnh trong thư mục site, hoặc chỉ rõ PATH)")
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.ERROR)
    # MkDocs logs each invalid option, then aborts with a summary: the logged lines are the message.
    config_errors = _Collected()
    mkdocs_log.addHandler(config_errors)
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, SystemExit) as exc:
        found = "\n".join(config_errors.messages) or str(exc)
        raise CliError(f"{config_file}: cấu hình không hợp lệ:\n{found}") from None
    finally:
        mkdocs_log.removeHandler(config_errors)
    plugin = config.plugins.get("bangvang")
    if plugin is None:
        raise CliError(f"{config_file}: thiếu plugin 'bangvang' trong mục plugins")
    return settings_from(config, plugin.config)


def run_check(site: Path, strict: bool) -> int:
    """Print every problem of the site source; return the exit status."""
    settings = load_settings(site)
    source = load_site(settings)
    for problem in source.problems:
        print(problem)
    found_errors, found_warnings = len(errors(source.problems)), len(warnings(source.problems))
    if found_errors or found_warnings:
        print(f"{found_errors} lỗi, {found_warnings} cảnh báo.", file=sys.stderr)
    else:
        rolls = source.rolls
        print(
            f"Không có vấn đề nào: {len(source.articles)} bài viết, {len(source.registry.directives)} văn bản, "
            f"{len(rolls.decisions)} quyết định vinh danh ({format_number(rolls.entry_count)} mục) hợp lệ.",
            file=sys.stderr,
        )
    return 1 if found_errors or (strict and found_warnings) else 0


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
    parser = argparse.ArgumentParser(prog="bangvang", description="Bảng Vàng: công cụ cho biên tập viên.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="kiểm tra toàn bộ nội dung site")
    check.add_argument("path", nargs="?", default=".", type=Path, help="thư mục site (có mkdocs.yml)")
    check.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")

    new = commands.add_parser("new", help="tạo bài viết mới (bản nháp)")
    new.add_argument("title", help="tiêu đề bài viết")
    new.add_argument("--date", type=_date, default=dt.date.today(), help="ngày đăng, YYYY-MM-DD (mặc định hôm nay)")
    new.add_argument("--category", help="chuyên mục (mặc định chuyên mục đầu tiên)")
    new.add_argument("--site", type=Path, default=Path(), help="thư mục site (có mkdocs.yml)")

    bench = commands.add_parser("bench", help="đo thời gian và bộ nhớ khi dựng site với N bài viết giả lập")
    bench.add_argument("--articles", type=int, nargs="+", default=[1000, 2000], help="số bài viết (mặc định 1000 2000)")
    bench.add_argument("--entries", type=int, nargs="+", help="đo bảng vàng: số mục giả lập (ví dụ 100000 1000000)")
    bench.add_argument("--lookup", type=int, nargs="+", help="đo tra cứu bảng vàng: số mục giả lập (10000 100000 …)")
    bench.add_argument(
        "--kill",
        action="store_true",
        help="giết mkdocs build (SIGKILL) ở 10 thời điểm, lạnh và ấm, rồi so site/ với lần dựng tốt "
        "(số mục theo --entries, mặc định 100000)",
    )
    bench.add_argument(
        "--check-rows",
        type=int,
        nargs="+",
        help="đo bangvang check trên một tệp CSV N dòng (ví dụ 700000 1400000): thời gian, bộ nhớ đỉnh",
    )
    bench.add_argument("--moments", type=int, default=10, help="số thời điểm giết cho --kill (mặc định 10)")
    bench.add_argument("--site", type=Path, default=Path(), help="site lấy theme và cấu hình")
    bench.add_argument("--keep", type=Path, help="giữ site giả lập trong thư mục này")
    bench.add_argument("--repeat", type=int, default=3, help="số lần dựng mỗi cỡ (mặc định 3, in trung vị)")
    bench.add_argument("--dir", type=Path, help="thư mục tạm để dựng (mặc định thư mục tạm của hệ thống)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.path.resolve(), args.strict)
        if args.command == "new":
            return run_new(args.site.resolve(), args.title, args.date, args.category)
        from .bench import run_bench, run_honour_bench

        if args.kill:
            from .bench_kill import run_kill_bench

            entries = args.entries[0] if args.entries else 100_000
            return run_kill_bench(args.site.resolve(), entries, args.moments, args.dir)
        if args.check_rows:
            from .bench_check import run_check_bench

            return run_check_bench(args.site.resolve(), args.check_rows, args.dir, args.keep is not None)
        if args.lookup:
            from .bench_lookup import run_lookup_bench

            return run_lookup_bench(args.site.resolve(), args.lookup, args.dir)
        if args.entries:
            return run_honour_bench(args.site.resolve(), args.entries, args.keep, args.dir)
        return run_bench(args.site.resolve(), args.articles, args.keep, args.repeat, args.dir)
    except CliError as exc:
        print(f"bangvang: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
