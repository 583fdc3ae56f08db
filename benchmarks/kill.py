"""The kill benchmark: SIGKILL ``mkdocs build`` at evenly spaced moments and check site/ is still the last good site.

On a synthetic site with N honour entries: one good build is kept (every
file's path and SHA-256, like ``diff -r``), then the build is run again and
killed at moments spread over its measured duration, with the honour cache
removed first (cold) and kept (warm). After each kill site/ must be byte for
byte the good site; the stale folders the kill left are then removed the way
the next run removes them. Figures are printed, never asserted.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bangvang.core import publish
from bangvang.core.layout import SiteLayout
from bangvang.site_config import load_settings

from .build import write_honour_site

LAYOUT = SiteLayout()
_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]


def tree(folder: Path) -> dict[str, str]:
    """Return every path under ``folder``: files with their SHA-256, folders as "/"."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_dir():
            found[rel] = "/"
        else:
            with path.open("rb") as handle:
                found[rel] = hashlib.file_digest(handle, "sha256").hexdigest()
    return found


_BUILD_DATE = str(int(time.time()))
"""MkDocs writes the build date into sitemap.xml: every build of a run gets the same one, even across midnight."""


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": _BUILD_DATE}


def _build(folder: Path) -> float:
    """Run a full build that must pass; return its wall time."""
    start = time.perf_counter()
    done = subprocess.run(_BUILD, cwd=folder, env=_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build thất bại:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - start


def _staging(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{publish.STAGING_PREFIX}*"))


def _phase(folder: Path, process: subprocess.Popen[bytes], site_inode: int) -> str:
    """Guess what the build was doing from what its staging folder holds (read just before the kill)."""
    if process.poll() is not None:
        return f"đã xong (mã {process.returncode})"
    staging = _staging(folder)
    if not staging:
        site = folder / "site"
        if site.exists() and site.stat().st_ino != site_inode:
            return "đã hoán đổi, xóa site cũ"
        return "khởi động, đọc nội dung"
    where = staging[-1]
    if site_inode and where.stat().st_ino == site_inode:
        return "đã hoán đổi, xóa site cũ"
    if not any(where.iterdir()):
        return "đọc nội dung, danh sách"
    if not (where / "sitemap.xml").exists():
        return "chép tệp tĩnh"
    if not (where / LAYOUT.manifest).exists():
        return "dựng trang"
    if not (where / LAYOUT.search_index / "pagefind.js").exists():
        return "xuất dữ liệu, Pagefind"
    return "sắp hoán đổi"


def _kill_at(folder: Path, seconds: float) -> tuple[str, float]:
    """Start a build, SIGKILL it after ``seconds``; return the phase it was in and when it died."""
    site = folder / "site"
    site_inode = site.stat().st_ino if site.exists() else 0
    start = time.perf_counter()
    process = subprocess.Popen(_BUILD, cwd=folder, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(max(0.0, seconds - (time.perf_counter() - start)))
    phase = _phase(folder, process, site_inode)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return phase, time.perf_counter() - start


def run_kill_bench(site: Path, entries: int, moments: int = 10, where: Path | None = None) -> int:
    """Kill builds of an ``entries``-entry site at ``moments`` moments, cold and warm; print a table."""
    settings = load_settings(site)
    place = where or Path(tempfile.gettempdir())
    folder = Path(tempfile.mkdtemp(prefix=f"bangvang-bench-kill-{entries}-", dir=place))
    cache = folder / ".cache"
    failures = 0
    try:
        write_honour_site(folder, entries, settings)
        cold = _build(folder)
        good = tree(folder / "site")
        warm = _build(folder)
        same = tree(folder / "site") == good
        print(f"Site thật + {entries} mục bảng vàng giả lập, trong {folder}.")
        print(f"Lần dựng tốt: {len(good)} tệp và thư mục; dựng lạnh {cold:.1f} s, dựng ấm {warm:.1f} s.")
        print(f"Dựng ấm (dùng bộ nhớ đệm) giống hệt dựng lạnh: {'có' if same else 'KHÔNG'}.")
        print("Trước mỗi lần giết, một lần dựng trọn đo thời gian (máy này nhanh chậm thất thường).")
        failures += not same
        print(
            f"{'bộ đệm':>7} {'dựng trọn (s)':>14} {'thời điểm':>10} {'giây':>6} {'giai đoạn lúc bị giết':>27} "
            f"{'site/ giống hệt':>15} {'thư mục tạm lần sau dọn':>24}"
        )
        for mode in ("lạnh", "ấm"):
            for moment in range(moments):
                if mode == "lạnh":
                    shutil.rmtree(cache, ignore_errors=True)
                duration = _build(folder)
                failures += tree(folder / "site") != good
                if mode == "lạnh":
                    shutil.rmtree(cache, ignore_errors=True)
                fraction = (moment + 0.5) / moments
                phase, died = _kill_at(folder, duration * fraction)
                identical = tree(folder / "site") == good
                failures += not identical
                # What the next run does first: put an aside site back, remove dead builds' folders.
                cleaned = publish.recover(folder / "site")
                left = _staging(folder) + sorted(folder.glob(f"{publish.ASIDE_PREFIX}*"))
                failures += bool(left)
                print(
                    f"{mode:>7} {duration:>14.1f} {fraction:>10.0%} {died:>6.1f} {phase:>27} "
                    f"{'có' if identical else 'KHÔNG':>15} {len(cleaned):>20}"
                    + (f" (còn {len(left)})" if left else ""),
                    flush=True,
                )
        print(f"Kết quả: {'mọi lần giết đều để lại site/ tốt cuối cùng' if not failures else f'{failures} lần hỏng'}.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0
