"""The honour lookup benchmark: index build time, files and bytes, and queries measured in Chromium.

For each size the real site is built with N synthetic entries; the lookup
index is then built again alone and timed, and the site is served on
127.0.0.1 for headless Chromium (Debian's, driven by Playwright) to run
queries: bytes a first and a second query transfer (gzip-compressed, the
lookup script included) and the time each answer takes.
"""

from __future__ import annotations

import gzip
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bangvang.core.honours.name_index import write_name_index
from bangvang.core.honours.plan import plan_honours
from bangvang.core.layout import SiteLayout
from bangvang.core.site import load_site
from bangvang.site_config import load_settings

from .build import measure_build, write_honour_site
from .localsite import launch_chromium, serve_folder

QUERIES = 100

LAYOUT = SiteLayout()
FOLDER = LAYOUT.name_index


def run_lookup_bench(site: Path, counts: list[int], where: Path | None = None) -> int:
    """Print the lookup figures for each size; return the exit status."""
    settings = load_settings(site)
    place = where or Path(tempfile.gettempdir())
    print("Tra cứu bảng vàng: chỉ mục tĩnh, đo trong Chromium không giao diện (127.0.0.1).")
    print(
        f"{'mục':>9} {'lập chỉ mục (s)':>16} {'số tệp':>7} {'MB':>6} {'tệp/500 mục':>12} "
        f"{'truy vấn 1 (KB gz)':>19} {'truy vấn 2 (KB gz)':>19} {'p50 (ms)':>9} {'p95 (ms)':>9}"
    )
    for count in counts:
        folder = Path(tempfile.mkdtemp(prefix=f"bangvang-bench-lookup-{count}-", dir=place))
        try:
            write_honour_site(folder, count, settings)
            measure_build(folder, count)
            site_settings = load_settings(folder)
            source = load_site(site_settings)
            plan = plan_honours(source.rolls.decisions, site_settings, 500)
            scratch = folder / "lookup-timing"
            start = time.perf_counter()
            index = write_name_index(plan.decisions, plan.entry_url, scratch, plan.place_of, plan.title_of)
            seconds = time.perf_counter() - start
            names = [entry.person or entry.name for d in plan.decisions for entry in d.entries]
            first, second, timings = _measure_queries(folder / "site", names)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        p50 = statistics.median(timings)
        p95 = sorted(timings)[int(0.95 * (len(timings) - 1))]
        print(
            f"{count:>9} {seconds:>16.2f} {index.files:>7} {index.bytes / 1e6:>6.1f} "
            f"{index.files / max(1, count / 500):>12.2f} {first / 1024:>19.1f} {second / 1024:>19.1f} "
            f"{p50:>9.1f} {p95:>9.1f}",
            flush=True,
        )
    return 0


def _queries(names: list[str]) -> list[str]:
    rng = random.Random(2026)
    chosen = rng.sample(names, min(QUERIES, len(names)))
    queries = []
    for number, name in enumerate(chosen):
        words = name.split()
        if number % 3 == 1 and len(words) > 2:
            queries.append(f"{words[0]} {words[-1]}")  # family and given name
        elif number % 3 == 2:
            queries.append(" ".join([*words[:-1], words[-1][:2]]))  # still typing the last word
        else:
            queries.append(name)
    return queries


def _measure_queries(site_dir: Path, names: list[str]) -> tuple[int, int, list[float]]:
    from playwright.sync_api import sync_playwright

    base, server = serve_folder(site_dir)
    queries = _queries(names)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(base + LAYOUT.url(LAYOUT.lookup))
            page.wait_for_function("window.BVLookup !== undefined")
            timings: list[float] = page.evaluate(
                """async ([queries, folder]) => {
                    const index = new BVLookup.Index(new URL(folder + '/', location.origin + '/').href);
                    const times = [];
                    for (const q of queries) {
                        const start = performance.now();
                        await BVLookup.search(index, q, {});
                        times.push(performance.now() - start);
                        if (times.length === 1) window.__firstFetched = index.fetched.slice();
                        if (times.length === 2) window.__secondFetched = index.fetched.slice();
                    }
                    return times;
                }""",
                [queries, FOLDER],
            )
            first_files = page.evaluate("window.__firstFetched")
            second_files = page.evaluate("window.__secondFetched")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    script = site_dir / "assets/javascripts/bv-lookup.js"
    index_dir = site_dir / FOLDER
    first = _gz(script) + sum(_gz(index_dir / name) for name in first_files)
    second = sum(_gz(index_dir / name) for name in second_files[len(first_files) :])
    return first, second, timings


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))
