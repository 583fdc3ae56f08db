"""``python -m benchmarks.lighthouse``: Lighthouse (mobile) scores of the example site's main page kinds.

The site is built with ``mkdocs build`` into a temporary folder, served on
127.0.0.1 at the path its ``site_url`` expects, and Lighthouse runs on each
page in turn (it is CPU-heavy: one page at a time) with Debian's Chromium.
Lighthouse is not a dependency of the project: it comes from npm, found
through the ``LIGHTHOUSE`` variable or ``npx --no-install``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from .localsite import CHROMIUM, serve_folder

PAGES = (
    "",
    "tin-tuc/2020/ha-tinh-co-309-845-gia-dinh-hoc-tap-4-313-dong-ho-hoc-tap/",
    "vinh-danh/quyet-dinh/1568-qd-ubnd/",
    "vinh-danh/tra-cuu/",
    "vinh-danh/tra-cuu/?q=Nguyễn",
)
"""Home, an article, a decision, the lookup, and the lookup with a query (relative to the site's root)."""
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
INSTALL_HINT = (
    "Không tìm thấy Lighthouse. Cài nó từ npm, ngoài kho mã, rồi chỉ đường dẫn cho phép đo:\n"
    "  npm install --prefix ~/lighthouse lighthouse\n"
    "  LIGHTHOUSE=~/lighthouse/node_modules/.bin/lighthouse python -m benchmarks.lighthouse\n"
    "(hoặc cài toàn cục `npm install -g lighthouse`, khi đó `npx --no-install lighthouse` tìm thấy nó)."
)


@dataclass(frozen=True)
class PageScores:
    """One page's category scores (0-100), its layout shift and the audits it fails."""

    page: str
    scores: dict[str, int | None]
    cls: float | None
    failing: list[str]


def find_lighthouse() -> list[str] | None:
    """The command that runs Lighthouse: ``$LIGHTHOUSE``, else ``npx --no-install lighthouse``; None when absent."""
    configured = os.environ.get("LIGHTHOUSE")
    if configured:
        path = Path(configured).expanduser()
        return [str(path)] if path.is_file() else None
    npx = shutil.which("npx")
    if npx is None:
        return None
    probe = subprocess.run(
        [npx, "--no-install", "lighthouse", "--version"], capture_output=True, text=True, check=False
    )
    return [npx, "--no-install", "lighthouse"] if probe.returncode == 0 else None


def read_report(page: str, report: dict[str, object]) -> PageScores:
    """Pick the category scores, the CLS and the failing audits out of a Lighthouse JSON report."""
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    scores: dict[str, int | None] = {}
    failing: list[str] = []
    for name in CATEGORIES:
        category = categories.get(name)
        if category is None:
            scores[name] = None
            continue
        score = category.get("score")
        scores[name] = None if score is None else round(100 * score)
        if name == "performance":
            continue  # its audits are timings on a throttled phone, not faults to list
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{name}: {ref['id']} ({audit['title']})")
    shift = audits.get("cumulative-layout-shift", {}).get("numericValue")
    return PageScores(page, scores, shift, failing)


def run_page(command: list[str], url: str, page: str, keep: Path | None) -> PageScores:
    """Run Lighthouse (mobile, the default form factor) on one URL and read its report."""
    flags = "--headless=new --no-sandbox --disable-gpu"
    result = subprocess.run(
        [
            *command,
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", str(CHROMIUM))},
    )
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse thất bại trên {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        name = page.strip("/").replace("/", "_").replace("?", "_") or "trang-chu"
        (keep / f"{name}.json").write_text(result.stdout, encoding="utf-8")
    return read_report(page, report)


def build_site(site: Path, root: Path) -> str:
    """Build ``site`` under ``root`` at the path its ``site_url`` names; return that path."""
    from mkdocs.config import load_config

    config = load_config(str(site / "mkdocs.yml"))
    path = urlsplit(config["site_url"] or "/").path.strip("/")
    target = root / path if path else root / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(target)],
        cwd=site,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return f"{path}/" if path else "site/"


def format_table(rows: list[PageScores]) -> str:
    """The scores as a table: one line per page, the four categories and CLS."""
    width = max(len("trang"), *(len(row.page or "/") for row in rows))
    lines = [f"{'trang':<{width}} {'hiệu năng':>9} {'tiếp cận':>9} {'thực hành':>9} {'SEO':>5} {'CLS':>7}"]
    for row in rows:
        cells = [("—" if row.scores[name] is None else str(row.scores[name])) for name in CATEGORIES]
        shift = "—" if row.cls is None else f"{row.cls:.3f}".replace(".", ",")
        lines.append(f"{row.page or '/':<{width}} {cells[0]:>9} {cells[1]:>9} {cells[2]:>9} {cells[3]:>5} {shift:>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build, serve, run Lighthouse on each page and print the table; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.lighthouse",
        description="Điểm Lighthouse (di động) của site mẫu: trang chủ, một bài, một quyết định, trang tra cứu.",
    )
    parser.add_argument("--site", type=Path, default=Path(), help="thư mục site (mặc định thư mục hiện tại)")
    parser.add_argument("--page", action="append", help="đường dẫn trang, tính từ gốc site (lặp lại được)")
    parser.add_argument("--keep", type=Path, help="giữ các báo cáo JSON của Lighthouse trong thư mục này")
    args = parser.parse_args(argv)
    command = find_lighthouse()
    if command is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    pages = args.page or list(PAGES)
    with tempfile.TemporaryDirectory(prefix="bangvang-lighthouse-") as scratch:
        root = Path(scratch)
        base = build_site(args.site.resolve(), root)
        address, server = serve_folder(root)
        rows: list[PageScores] = []
        try:
            for page in pages:
                url = address + quote(base + page, safe="/?=&")
                rows.append(run_page(command, url, page, args.keep))
                print(f"… {page or '/'}", file=sys.stderr, flush=True)
        finally:
            server.shutdown()
    print("Lighthouse, di động (mặc định), Chromium không giao diện, site phục vụ trên 127.0.0.1.")
    print(format_table(rows))
    failing = [f"  {row.page or '/'}: {audit}" for row in rows for audit in row.failing]
    if failing:
        print("Kiểm tra chưa đạt (ngoài hiệu năng):")
        print("\n".join(failing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
