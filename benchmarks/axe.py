"""``python -m benchmarks.axe``: axe-core's accessibility report on every page type of the example site.

Builds the repository's example site in a temporary folder, serves it on 127.0.0.1, opens each page
type in Debian's Chromium at 360×800 and 1280×800, injects axe-core (the npm package pinned in
``package-lock.json``, installed by ``npm ci``) and prints the rules each page violates, with their
impact and how many elements fail. ``tests/test_accessibility_browser.py`` runs the same audit and
requires zero serious or critical violations.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core as npm installs it from the repository's package-lock.json."""
WIDTHS = (360, 1280)
"""A phone and a desktop, both 800 px high."""
HEIGHT = 800
SITE_PATH = "/bang-vang/"
"""The path of the example's site_url: the 404 page's addresses start with it (it is served at any depth)."""
BLOCKING = ("serious", "critical")
"""Impacts the tests allow none of."""

LOOKUP_ANSWERED = """() => {
  const form = document.getElementById('bv-lookup');
  return !!form && !form.hasAttribute('aria-busy') && document.querySelectorAll('.bv-hit__name').length > 0;
}"""
"""The lookup shows its results (names found), not its loading state."""
SEARCH_ANSWERED = """() => document.querySelectorAll('.pagefind-ui__result-title').length > 0
  && !document.querySelector('.pagefind-ui__loading')
  && !!document.querySelector('#bv-search-lookup a')"""
"""Pagefind shows its results in full, and the way to the lookup above them."""

# axe's rules tagged WCAG 2.2 AA that it leaves off by default: the target size (2.5.8) is one of ours.
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    resultTypes: ['violations'],
    rules: { 'target-size': { enabled: true } },
  });
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact || 'minor',
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}"""


class AxeMissingError(RuntimeError):
    """axe-core is not installed and ``npm ci`` could not install it."""


@dataclass(frozen=True)
class PageType:
    """One kind of page of the example site: its name in the report, its address, what to wait for."""

    name: str
    path: str
    ready: str | None = None


PAGE_TYPES = (
    PageType("home", ""),
    PageType("news list", "tin-tuc/"),
    PageType("category", "tin-tuc/chuyen-muc/van-ban-chi-dao/"),
    PageType("categories overview", "tin-tuc/chuyen-muc/"),
    PageType("tag", "tin-tuc/the/khuyen-hoc/"),
    PageType("article", "tin-tuc/2020/ha-tinh-tong-ket-5-nam-thuc-hien-quyet-dinh-281-day-manh-hoc-tap-suot-doi/"),
    PageType("directives index", "van-ban/"),
    PageType("directive", "van-ban/ket-luan-49-kl-tw/"),
    PageType("honour index", "vinh-danh/"),
    PageType("decision", "vinh-danh/quyet-dinh/1568-qd-ubnd/"),
    PageType("places", "vinh-danh/dia-phuong/"),
    PageType("province", "vinh-danh/dia-phuong/tinh-ha-tinh/"),
    PageType("place", "vinh-danh/dia-phuong/tinh-ha-tinh/xa-can-loc/"),
    PageType("titles", "vinh-danh/danh-hieu/"),
    PageType("title", "vinh-danh/danh-hieu/gia-dinh-hoc-tap/"),
    PageType("period", "vinh-danh/giai-doan/2023/"),
    PageType("stats", "vinh-danh/thong-ke/"),
    PageType("exports", "vinh-danh/du-lieu/"),
    PageType("lookup", "vinh-danh/tra-cuu/?q=nguyen+van+hoa", LOOKUP_ANSWERED),
    PageType("search", "tim-kiem/?q=khuyen+hoc", SEARCH_ANSWERED),
    PageType("404", "404.html"),
    PageType("about", "gioi-thieu/"),
)
"""Every page type of the example (it has no decision split by commune)."""


@dataclass(frozen=True)
class Violation:
    """A rule a page breaks: its id, impact and the elements that fail it (axe's CSS selectors)."""

    rule: str
    impact: str
    targets: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        """Serious or critical."""
        return self.impact in BLOCKING

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:3]) + (" …" if len(self.targets) > 3 else "")
        return f"{self.rule} ({self.impact}) {len(self.targets)} nút: {shown}"


def axe_script(root: Path = REPO) -> str:
    """Return axe-core's script, running ``npm ci`` in ``root`` first when it is not installed.

    Raises:
        AxeMissingError: npm is missing or ``npm ci`` failed; the message says what to do.
    """
    script = root / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise AxeMissingError(f"{script} is missing and npm is not installed: apt-get install -y npm, then npm ci")
        run = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=root, capture_output=True, text=True)
        if run.returncode != 0 or not script.exists():
            raise AxeMissingError(f"npm ci in {root} did not install axe-core:\n{run.stdout}{run.stderr}")
    return script.read_text(encoding="utf-8")


def audit_page(page: Any, address: str, page_type: PageType, script: str) -> list[Violation]:
    """Open ``page_type`` of the site at ``address`` in ``page`` (already sized), then run axe on it."""
    response = page.goto(address + page_type.path)
    if response is None or response.status != 200:
        raise AssertionError(f"{page_type.name}: {address + page_type.path} answered {response and response.status}")
    if page_type.ready is not None:
        page.wait_for_function(page_type.ready, timeout=20_000)
    page.add_script_tag(content=script)
    found = page.evaluate(AXE_RUN)
    return [Violation(v["rule"], v["impact"], tuple(v["targets"])) for v in found]


def open_page(browser: Any, address: str, width: int, base_path: str = SITE_PATH) -> Any:
    """A new page ``width`` px wide, where the addresses under ``base_path`` are the site's (as its 404 uses)."""
    page = browser.new_page(viewport={"width": width, "height": HEIGHT})
    page.route(f"{address}{base_path.strip('/')}/**", lambda route: route.continue_(url=_unprefixed(route, base_path)))
    return page


def _unprefixed(route: Any, base_path: str) -> str:
    url: str = route.request.url
    scheme, host, path, query, fragment = urlsplit(url)
    return urlunsplit((scheme, host, "/" + path[len(base_path) :], query, fragment))


def audit_site(browser: Any, address: str, script: str) -> dict[tuple[str, int], list[Violation]]:
    """Every page type at every width: the violations axe finds, by (page type, width)."""
    report: dict[tuple[str, int], list[Violation]] = {}
    for width in WIDTHS:
        page = open_page(browser, address, width)
        for page_type in PAGE_TYPES:
            report[page_type.name, width] = audit_page(page, address, page_type, script)
        page.close()
    return report


def format_report(report: dict[tuple[str, int], list[Violation]], targets: int = 0) -> str:
    """Per page type and width, the violated rules; then each rule's totals over the whole site."""
    lines: list[str] = []
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    for (name, width), violations in report.items():
        blocking = sum(1 for v in violations if v.blocking)
        lines.append(f"{name} @{width}: {len(violations)} rules violated, {blocking} serious or critical")
        for v in violations:
            lines.append(f"    {v.rule:<28} {v.impact:<9} {len(v.targets):>5} nodes")
            lines.extend(f"        {target}" for target in v.targets[:targets])
            pages, nodes = totals.get((v.rule, v.impact), (0, 0))
            totals[v.rule, v.impact] = (pages + 1, nodes + len(v.targets))
    lines.append("")
    lines.append(f"{'rule':<28} {'impact':<9} {'pages':>5} {'nodes':>6}   (of {len(report)} page×width)")
    for (rule, impact), (pages, nodes) in sorted(totals.items(), key=lambda item: (-item[1][1], item[0])):
        lines.append(f"{rule:<28} {impact:<9} {pages:>5} {nodes:>6}")
    blocking_nodes = sum(n for (_, impact), (_, n) in totals.items() if impact in BLOCKING)
    lines.append(f"serious or critical: {blocking_nodes} nodes")
    return "\n".join(lines)


def build_example(folder: Path, root: Path = REPO, scheme: str | None = None) -> Path:
    """Copy the example site (content, honour rolls, config) of ``root`` into ``folder``, build it, return site/.

    ``scheme`` (Material's ``slate``, say) is added to the palette of the copied mkdocs.yml.
    """
    shutil.copytree(root / "content", folder / "content")
    shutil.copytree(root / "honours", folder / "honours")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if scheme is not None:
        config, found = re.subn(r"^(  palette:\n)", rf"\1    scheme: {scheme}\n", config, flags=re.MULTILINE)
        if not found:
            raise SystemExit(f"{root / 'mkdocs.yml'}: no 'palette:' under theme to add the scheme to")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=folder, check=True)
    return folder / "site"


def screenshot(browser: Any, address: str, paths: Iterable[tuple[str, str]], folder: Path) -> None:
    """Full-page screenshots of ``paths`` (name, address) at each width, as ``{name}-{width}.png``."""
    folder.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page = open_page(browser, address, width)
        for name, path in paths:
            page.goto(address + path)
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=width > 400)
        page.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Build, serve and audit the example; print the report; 1 if any violation is serious or critical."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.axe",
        description="Kiểm tra khả năng tiếp cận (axe-core) mọi loại trang của site mẫu, ở 360 và 1280 px.",
    )
    parser.add_argument("--site", type=Path, default=REPO, help="thư mục có content/, honours/, mkdocs.yml")
    parser.add_argument("--screenshots", type=Path, help="chụp trang chủ, bài viết, quyết định vào thư mục này")
    parser.add_argument("--scheme", help="thêm bảng màu này vào palette (ví dụ slate: nền tối)")
    parser.add_argument("--targets", type=int, default=0, help="in N phần tử hỏng đầu tiên của mỗi quy tắc")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from .localsite import launch_chromium, serve_folder

    script = axe_script()
    with tempfile.TemporaryDirectory() as scratch:
        out = build_example(Path(scratch) / "example", args.site.resolve(), args.scheme)
        address, server = serve_folder(out)
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                report = audit_site(browser, address, script)
                if args.screenshots:
                    shown = {p.name: p.path for p in PAGE_TYPES if p.name in ("home", "article", "decision")}
                    screenshot(browser, address, shown.items(), args.screenshots)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(format_report(report, args.targets))
    return 1 if any(v.blocking for found in report.values() for v in found) else 0


if __name__ == "__main__":
    sys.exit(main())
