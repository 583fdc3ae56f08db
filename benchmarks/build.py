"""The build benchmarks: synthetic sites of N articles or N honour entries; time, memory and output size.

Each build runs ``mkdocs build`` in a child process so its peak memory is its
own; figures are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import yaml

from bangvang.core import hosting
from bangvang.core.settings import SiteSettings
from bangvang.core.text import slugify
from bangvang.site_config import load_settings

from .memory import TreeSampler
from .places import PlaceStage, units_installed_size
from .synthetic import write_synthetic_rolls

_TEXT = (
    "khuyến học khuyến tài xây dựng xã hội học tập gia đình dòng họ cộng đồng đơn vị công dân "
    "phong trào hội nghị tổng kết triển khai kế hoạch giai đoạn năm tỉnh huyện xã thôn chi hội "
    "hội viên quỹ học bổng học sinh nghèo vượt khó tiêu biểu xuất sắc biểu dương khen thưởng "
    "chỉ thị kết luận quyết định ban chấp hành thường trực đẩy mạnh nâng cao chất lượng hiệu quả"
)
_WORDS = _TEXT.split()
_CITATIONS = (
    "Thực hiện Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư và Chỉ thị số 11-CT/TW của Bộ Chính trị.",
    "Theo Quyết định 281/ QĐ-TTg và Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ.",
    "Căn cứ Kế hoạch số 89-KH/TU và Công văn số 332 ngày 5/7/2021.",
)
_SHORT_CITATIONS = (
    "Sau 5 năm thực hiện Kết luận 49-KL/TW, phong trào lan rộng.",
    "Quyết định 677/QĐ-TTg được quán triệt.",
)
_PLACES = (
    "Hà Tĩnh",
    "Đồng Tháp",
    "Lâm Đồng",
    "Nghệ An",
    "Thanh Hóa",
    "Quảng Trị",
    "Huế",
    "Đà Nẵng",
    "Cần Thơ",
    "Bắc Ninh",
)


@dataclass(frozen=True)
class Measure:
    """The figures of one build."""

    articles: int
    seconds: float
    user: float
    system: float
    peak_mb: float
    files: int
    megabytes: float
    tree_mb: float = 0.0
    """The peak of the build's summed PSS, workers included (``peak_mb`` is its largest single process)."""


def write_site(folder: Path, count: int, settings: SiteSettings, seed: int = 2026) -> None:
    """Write a synthetic site of ``count`` articles, using the real site's categories and directives."""
    rng = random.Random(seed)
    content = folder / "content"
    (content / "anh").mkdir(parents=True)
    cover = None
    if settings.default_image and (settings.docs_dir / settings.default_image).is_file():
        shutil.copy(settings.docs_dir / settings.default_image, content / "anh" / "bia.png")
        cover = "/anh/bia.png"
    registry = settings.docs_dir / settings.registry_dir
    if registry.is_dir():
        shutil.copytree(registry, content / settings.registry_dir)
    (content / "index.md").write_text("---\ntitle: Trang chủ\n---\n\n# Trang chủ\n", encoding="utf-8")
    config = {
        "site_name": "Bảng Vàng — đo hiệu năng",
        "site_url": "https://example.org/bang-vang/",
        "docs_dir": "content",
        "site_dir": "site",
        "theme": {"name": "material", "language": "vi", "font": False},
        "nav": [{"Trang chủ": "index.md"}, {"Tin tức": f"{settings.news_dir}/index.md"}],
        "plugins": [
            {
                "bangvang": {
                    "categories": list(settings.categories),
                    "news_dir": settings.news_dir,
                    "registry_dir": settings.registry_dir,
                }
            },
        ],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for number in range(1, count + 1):
        year = 2015 + number % 10
        place = rng.choice(_PLACES)
        title = f"{place}: {' '.join(rng.choices(_WORDS, k=6)).capitalize()} số {number}"
        front: dict[str, object] = {
            "title": title,
            "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "category": rng.choice(settings.categories),
            "tags": [place, *rng.sample(_WORDS, 2)],
            "summary": " ".join(rng.choices(_WORDS, k=25)).capitalize() + ".",
            "author": "Ban biên tập",
        }
        if cover and number % 3 == 0:
            front["image"] = {"src": cover, "alt": f"Ảnh minh họa {place}"}
        paragraphs = [" ".join(rng.choices(_WORDS, k=70)).capitalize() + "." for _ in range(6)]
        # Directive mentions in the shapes articles use, so the scan and the links are measured.
        paragraphs[0] += " " + rng.choice(_CITATIONS)
        paragraphs[4] += " " + rng.choice(_SHORT_CITATIONS)
        body = "\n\n".join(paragraphs[:3]) + "\n\n## Kết quả\n\n" + "\n\n".join(paragraphs[3:])
        path = content / settings.news_dir / str(year) / f"{slugify(title)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"
        path.write_text(text, encoding="utf-8")


def write_honour_site(folder: Path, entries: int, settings: SiteSettings) -> None:
    """Write the real site (content, config) with ``entries`` synthetic honour entries."""
    shutil.copytree(settings.docs_dir, folder / "content")
    # The benchmark weighs sites beyond any free host: the build must not refuse them (host: none); the
    # host-fit line then holds the built site against each host.
    config = (settings.root / "mkdocs.yml").read_text(encoding="utf-8")
    config, found = re.subn(r"(?m)^(\s+)host: [\w-]+", r"\1host: none", config)
    if not found:
        raise RuntimeError(f"{settings.root / 'mkdocs.yml'}: no 'host:' option under the bangvang plugin")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_synthetic_rolls(folder / "honours", entries)


def host_fit(site: Path) -> str:
    """Return the built site's largest file and, for each host, whether the site fits it."""
    size = hosting.measure(site)
    largest = f"{size.largest[0][1]} ({hosting.megabytes(size.largest[0][0])})" if size.largest else "-"
    hosts = [limits for key, limits in hosting.HOSTS.items() if key != "none"]
    fits = ", ".join(f"{limits.name}: {'không vừa' if hosting.breaches(size, limits) else 'vừa'}" for limits in hosts)
    return f"tệp lớn nhất {largest}; {fits}"


def run_honour_bench(site: Path, counts: list[int], keep: Path | None, where: Path | None = None) -> int:
    """Build the site with N synthetic honour entries, then rebuild after editing one article.

    Before each build the place stage (matching every row's place against the
    unit list, :mod:`.places`) is timed alone in a child process; first, the
    size the unit list adds to the installed package.
    """
    settings = load_settings(site)
    place = where or Path(tempfile.gettempdir())
    size = units_installed_size()
    print(
        f"Danh mục đơn vị hành chính khi cài (bangvang/core/units/ từ gói wheel): {size.files_bytes / 1e6:.2f} MB, "
        f"{size.installed_bytes / 1e6:.2f} MB kể cả bytecode; riêng tệp dữ liệu {size.data_bytes / 1e6:.2f} MB."
    )
    print(f"Site thật + N mục bảng vàng giả lập, dựng trong {place}.")
    print(
        f"{'mục':>9} {'dựng (s)':>9} {'CPU user/sys (s)':>17} {'bộ nhớ đỉnh (MB)':>17} {'1 tiến trình (MB)':>18} "
        f"{'số tệp':>8} {'MB':>7} {'dựng lại sau khi sửa 1 bài (s)':>31}"
    )
    print(
        "(bộ nhớ đỉnh: tổng PSS của mọi tiến trình của lần dựng, lấy mẫu mỗi 0,1 s hoặc thưa hơn, tốn ≤ 1/10 một nhân; "
        "1 tiến trình: RSS đỉnh của tiến trình lớn nhất, theo nhân hệ điều hành)"
    )
    for count in counts:
        folder = Path(tempfile.mkdtemp(prefix=f"bangvang-bench-honours-{count}-", dir=place))
        try:
            write_honour_site(folder, count, settings)
            stage = run_place_stage(folder)
            full = measure_build(folder, count)
            fit = host_fit(folder / "site")
            article = next(iter(sorted((folder / "content" / settings.news_dir).rglob("*.md"))))
            with article.open("a", encoding="utf-8") as handle:
                handle.write("\nĐoạn thêm để đo lần dựng lại.\n")
            again = measure_build(folder, count)
        finally:
            if keep is not None:
                shutil.copytree(folder, keep / f"honours-{count}", dirs_exist_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
        cpu = f"{full.user:.1f}/{full.system:.1f}"
        print(
            f"{count:>9} {full.seconds:>9.2f} {cpu:>17} {full.tree_mb:>17.0f} {full.peak_mb:>18.0f} "
            f"{full.files:>8} {full.megabytes:>7.0f} {again.seconds:>31.2f}",
        )
        print(
            f"{'':>9} khớp địa danh: {stage.rows} dòng, {stage.printed} nơi in khác nhau, {stage.located} lần tra "
            f"danh mục ({stage.checked} khi kiểm tra) → {stage.match_seconds:.2f} s "
            f"(CPU {stage.match_cpu_seconds:.2f} s), kể cả nạp danh mục {stage.load_seconds:.2f} s; "
            f"giai đoạn resolve_places {stage.stage_seconds:.2f} s ({stage.pages} trang địa phương); "
            f"bộ nhớ giữ lại {stage.kept_mb:.0f} MB",
            flush=True,
        )
        print(f"{'':>9} {fit}", flush=True)
    return 0


def run_place_stage(site: Path) -> PlaceStage:
    """Time the place stage of a site's honour build in a child process (a cold unit list, its own memory)."""
    run = run_child([sys.executable, "-m", "benchmarks.places", str(site)], Path(__file__).resolve().parent.parent)
    if run.code != 0:
        raise RuntimeError(f"đo giai đoạn địa danh thất bại:\n{run.output[-2000:]}")
    return PlaceStage(**json.loads(run.output.strip().splitlines()[-1]))


@dataclass
class ChildRun:
    """One command run as a child process: wall time, CPU time, peak memory, exit code and what it printed."""

    seconds: float
    user: float
    system: float
    peak_mb: float
    code: int
    output: str
    tree_mb: float = 0.0
    """The peak of the process tree's summed PSS (:mod:`.memory`): the child with its workers."""


def run_child(command: list[str], cwd: Path | None = None) -> ChildRun:
    """Run a command as a child process and measure it with the kernel's own accounting of that child."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sampler = TreeSampler(process.pid).start()
    output = b""
    if process.stdout is not None:
        with process.stdout:
            output = process.stdout.read()
    tree_mb = sampler.stop()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = process.returncode = os.waitstatus_to_exitcode(status)
    return ChildRun(
        seconds, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024, code, output.decode(errors="replace"), tree_mb
    )


def measure_build(folder: Path, count: int) -> Measure:
    """Run ``mkdocs build`` on a site folder; return its wall time, peak memory and output size."""
    run = run_child([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], folder)
    if run.code != 0:
        raise RuntimeError(f"mkdocs build thất bại với {count} bài:\n{run.output}")
    files = [p for p in (folder / "site").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    return Measure(count, run.seconds, run.user, run.system, run.peak_mb, len(files), size / 1e6, run.tree_mb)


def run_bench(site: Path, counts: list[int], keep: Path | None, repeat: int = 3, where: Path | None = None) -> int:
    """Build a synthetic site for each count and print the figures; return the exit status.

    Each site is built ``repeat`` times; the median wall time is printed (this
    machine's speed varies from run to run) with the CPU time split into user
    (Python) and system (mostly creating files), and the largest peak memory.
    """
    settings = load_settings(site)
    place = where or Path(tempfile.gettempdir())
    print(f"Site giả lập trong {place}; mỗi cỡ dựng {repeat} lần, in trung vị (nhanh nhất–chậm nhất).")
    columns = ("bài viết", 9), ("thời gian (s)", 22), ("CPU user/sys (s)", 17), ("bộ nhớ đỉnh (MB)", 17), ("số tệp", 8)
    print(" ".join(f"{name:>{width}}" for name, width in columns), f"{'MB':>7}")
    results: list[Measure] = []
    for count in counts:
        folder = Path(tempfile.mkdtemp(prefix=f"bangvang-bench-{count}-", dir=place))
        try:
            write_site(folder, count, settings)
            runs = sorted((measure_build(folder, count) for _ in range(repeat)), key=lambda r: r.seconds)
        finally:
            if keep is not None:
                shutil.copytree(folder, keep / f"{count}", dirs_exist_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
        middle = runs[len(runs) // 2]
        result = Measure(
            count,
            middle.seconds,
            middle.user,
            middle.system,
            max(r.peak_mb for r in runs),
            middle.files,
            middle.megabytes,
        )
        results.append(result)
        spread = f"{result.seconds:.2f} ({runs[0].seconds:.2f}–{runs[-1].seconds:.2f})"
        cpu = f"{result.user:.1f}/{result.system:.1f}"
        print(
            f"{count:>9} {spread:>22} {cpu:>17} {result.peak_mb:>17.0f} {result.files:>8} {result.megabytes:>7.1f}",
            flush=True,
        )
    for before, after in pairwise(results):
        print(
            f"{before.articles} → {after.articles} bài: thời gian ×{after.seconds / before.seconds:.2f}, "
            f"bài viết ×{after.articles / before.articles:.2f}"
        )
    return 0
