"""Full builds against MkDocs' own floor: Bảng Vàng and plain Material on the same generated articles.

For each article count the same synthetic articles are built by Bảng Vàng
(``mkdocs build`` with the plugin, Pagefind included) and by Material alone
(its default configuration: pages and its own search index), in interleaved
rounds so that the machine's drift falls on both alike. Each build runs as a
child process; its wall time, CPU and peak memory (the sampled sum of the
whole process tree's PSS, children included, and the kernel's peak RSS of its
largest process) are printed, with the per-round ratio's median.

Before the rounds, each count is built once by each tool in a folder with no
site yet: Bảng Vàng's first build has no published search index to take its
unchanged files from (``core.search_reuse``), as in a fresh clone. It is
printed apart; the rounds then rebuild, as an editor does.

Each round also measures the two halves a full build adds up: Bảng Vàng's
build in one process without Pagefind (``workers: 1``, ``search: false``),
and Pagefind's own command indexing the pages the build handed it (each cut as
the build cuts it). Their CPU time over two cores is the build's time if both
cores stayed busy from its first to its last moment: the lowest ratio to
Material that these two halves allow on this machine. Their peak memory is
printed beside: mkdocs' own process, and Pagefind's.
"""

from __future__ import annotations

import itertools
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from pagefind.service import get_executable

from bangvang.core.settings import SiteSettings
from bangvang.mkdocs_plugin.search_index import searched_part

from .build import ChildRun, run_child, write_site

CORES = 2
"""The cores the lowest ratio spreads the work over (the machine the issue's budget is set on)."""


@dataclass(frozen=True)
class Round:
    """One interleaved round: the Bảng Vàng build and the plain Material build of the same articles."""

    ours: ChildRun
    plain: ChildRun
    serial: ChildRun
    """Bảng Vàng's build in one process, without Pagefind."""
    pagefind: ChildRun
    """Pagefind's own command on the pages the build handed it."""

    @property
    def ratio(self) -> float:
        return self.ours.seconds / self.plain.seconds

    @property
    def lowest(self) -> float:
        """The ratio if the build's work and Pagefind's kept both cores busy throughout (see the module)."""
        work = _cpu(self.serial) + _cpu(self.pagefind)
        return work / CORES / self.plain.seconds


@dataclass(frozen=True)
class First:
    """The first build of the generated articles by each tool, in a folder with no site yet."""

    ours: ChildRun
    plain: ChildRun


def _cpu(run: ChildRun) -> float:
    return run.user + run.system


def write_plain_config(folder: Path) -> Path:
    """Write beside the site's mkdocs.yml a plain Material configuration of the same content; return its path."""
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {key: config[key] for key in ("site_name", "site_url", "docs_dir", "theme", "nav", "validation")}
    plain["site_dir"] = "site-material"
    path = folder / "material.yml"
    path.write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    return path


def write_serial_config(folder: Path) -> Path:
    """Write beside the site's mkdocs.yml the same build in one process and without Pagefind; return its path."""
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_dir"] = "site-serial"
    config["plugins"][0]["bangvang"].update({"workers": 1, "search": False})
    path = folder / "serial.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def write_searched_pages(site_dir: Path, folders: list[str], target: Path) -> int:
    """Copy the pages of ``folders`` Pagefind indexes into ``target``, each cut as the build cuts it; count them."""
    count = 0
    for folder in folders:
        for path in sorted((site_dir / folder).rglob("*.html")):
            html = path.read_text(encoding="utf-8")
            if "data-pagefind-body" not in html:
                continue
            copy = target / path.relative_to(site_dir)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(searched_part(html), encoding="utf-8")
            count += 1
    return count


def _pagefind(pages: Path, output: Path) -> ChildRun:
    """Run Pagefind's own command on ``pages`` (as the build's service is configured: Vietnamese)."""
    executable = get_executable()
    if executable is None:
        raise RuntimeError("không tìm thấy chương trình Pagefind (gói pagefind[bin])")
    shutil.rmtree(output, ignore_errors=True)
    command = [str(executable), "--site", str(pages), "--output-path", str(output), "--force-language", "vi"]
    run = run_child([*command, "--quiet"])
    if run.code != 0:
        raise RuntimeError(f"Pagefind thất bại:\n{run.output[-3000:]}")
    return run


def _build(folder: Path, *config: str) -> ChildRun:
    run = run_child([sys.executable, "-m", "mkdocs", "build", "--quiet", *config], folder)
    if run.code != 0:
        raise RuntimeError(f"mkdocs build thất bại ({' '.join(config) or 'mkdocs.yml'}):\n{run.output[-3000:]}")
    return run


def measure_rounds(
    settings: SiteSettings, counts: list[int], rounds: int, where: Path | None
) -> tuple[dict[int, First], dict[int, list[Round]]]:
    """Build each count's generated articles once with each tool, then ``rounds`` times with each tool.

    Every round builds every count, and which tool goes first alternates: the
    machine's drift over the run then falls on every figure alike, the growth
    from one count to the next included.
    """
    folders = {count: Path(tempfile.mkdtemp(prefix=f"bangvang-bench-floor-{count}-", dir=where)) for count in counts}
    try:
        plain, serial = {}, {}
        for count, folder in folders.items():
            write_site(folder, count, settings)
            plain[count] = write_plain_config(folder)
            serial[count] = write_serial_config(folder)
        searched = [settings.layout.news, settings.layout.registry]
        first = {
            count: First(_build(folder, "--strict"), _build(folder, "-f", str(plain[count])))
            for count, folder in folders.items()
        }
        measured: dict[int, list[Round]] = {count: [] for count in counts}
        for number in range(rounds):
            for count, folder in folders.items():
                if number % 2:
                    material = _build(folder, "-f", str(plain[count]))
                    ours = _build(folder, "--strict")
                else:
                    ours = _build(folder, "--strict")
                    material = _build(folder, "-f", str(plain[count]))
                alone = _build(folder, "-f", str(serial[count]))
                pages = folder / "searched"
                if number == 0:
                    write_searched_pages(folder / "site", searched, pages)
                indexed = _pagefind(pages, folder / "searched-index")
                measured[count].append(Round(ours, material, alone, indexed))
        return first, measured
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)


def print_floor(settings: SiteSettings, counts: list[int], rounds: int, where: Path | None) -> None:
    """Print each count's builds side by side, their ratio, and the growth from one count to the next."""
    print(
        f"Dựng toàn bộ: Bảng Vàng (kể cả Pagefind) và Material thuần (cấu hình mặc định, kể cả tìm kiếm của nó) "
        f"trên cùng các bài viết giả lập, {rounds} vòng, mỗi vòng dựng mọi cỡ, xen kẽ; in trung vị."
    )
    print(
        f"{'bài viết':>9} {'Bảng Vàng (s)':>14} {'Material (s)':>13} {'tỉ lệ':>7} {'CPU BV/Material (s)':>20} "
        f"{'bộ nhớ đỉnh BV (MB)':>20} {'Material (MB)':>14} {'tỉ lệ bộ nhớ':>13}"
    )
    first, measured = measure_rounds(settings, counts, rounds, where)
    for count in counts:
        runs = measured[count]
        ours = statistics.median(r.ours.seconds for r in runs)
        plain = statistics.median(r.plain.seconds for r in runs)
        ratio = statistics.median(r.ratio for r in runs)
        cpu_ours = statistics.median(r.ours.user + r.ours.system for r in runs)
        cpu_plain = statistics.median(r.plain.user + r.plain.system for r in runs)
        # Peak memory: the whole tree's (Pagefind and the workers included) for Bảng Vàng; mkdocs' own for Material.
        memory_ours = max(max(r.ours.tree_mb, r.ours.peak_mb) for r in runs)
        memory_plain = max(max(r.plain.tree_mb, r.plain.peak_mb) for r in runs)
        cpu = f"{cpu_ours:.1f}/{cpu_plain:.1f}"
        print(
            f"{count:>9} {ours:>14.2f} {plain:>13.2f} {ratio:>7.2f} {cpu:>20} {memory_ours:>20.0f} "
            f"{memory_plain:>14.0f} {memory_ours / memory_plain:>13.2f}",
            flush=True,
        )
        spread = ", ".join(f"{r.ours.seconds:.2f}/{r.plain.seconds:.2f}" for r in runs)
        print(f"{'':>9} từng vòng (Bảng Vàng/Material, s): {spread}", flush=True)
        cold = first[count]
        print(
            f"{'':>9} lần dựng đầu (chưa có site, chưa có chỉ mục tìm kiếm để dùng lại): "
            f"{cold.ours.seconds:.2f}/{cold.plain.seconds:.2f} s, tỉ lệ {cold.ours.seconds / cold.plain.seconds:.2f}",
            flush=True,
        )
        alone = statistics.median(_cpu(r.serial) for r in runs)
        indexing = statistics.median(_cpu(r.pagefind) for r in runs)
        lowest = statistics.median(r.lowest for r in runs)
        print(
            f"{'':>9} hai nửa: Bảng Vàng một tiến trình không Pagefind CPU {alone:.1f} s, đỉnh "
            f"{max(r.serial.peak_mb for r in runs):.0f} MB; Pagefind riêng CPU {indexing:.1f} s, đỉnh "
            f"{max(r.pagefind.peak_mb for r in runs):.0f} MB; tỉ lệ thấp nhất nếu {CORES} lõi luôn bận: "
            f"{lowest:.2f}",
            flush=True,
        )
    for before, after in itertools.pairwise(counts):
        pairs = list(zip(measured[before], measured[after], strict=True))
        growth = statistics.median(second.ours.seconds / first.ours.seconds for first, second in pairs)
        floor = statistics.median(second.plain.seconds / first.plain.seconds for first, second in pairs)
        print(
            f"{before} → {after} bài (trung vị theo vòng): Bảng Vàng ×{growth:.2f}, Material ×{floor:.2f} "
            f"(bài viết ×{after / before:.2f})"
        )
