"""What the chosen static host accepts, what a built site weighs, and the verdict in Vietnamese.

Each host's limits come from its own documentation (read in December 2026); a
number a host does not document is ``None`` (no limit known). Sizes are bytes;
"MB" in messages is 1.000.000 bytes, and a "GB" limit is taken as 10^9 bytes,
the smaller reading, so that a site the build accepts is never refused for the
difference between GB and GiB.

- GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB"
  (docs.github.com, "GitHub Pages limits"); no documented file count or file size.
- Cloudflare Pages (Free plan): "up to 20,000 files", "The maximum file size for
  a single Cloudflare Pages site asset is 25 MiB" (developers.cloudflare.com,
  "Pages › Platform › Limits"); no total size.
- GitLab Pages on GitLab.com: a site is at most 1 GB and 200,000 file entries,
  directories and symlinks included (docs.gitlab.com, "GitLab.com settings ›
  GitLab Pages"; gitlab-org/gitlab#500273).
- Netlify: "While Netlify doesn't have a limit on the number of files per deploy,
  we do have a limit of 54,000 files per directory" (docs.netlify.com, "Site
  deploys overview"); no documented total or file size for static files.
- ``none``: a web server of one's own; no limits.

``host_limits`` in ``mkdocs.yml`` overrides any of the numbers: a self-managed
GitLab whose administrator set 100 MB, a paid Cloudflare plan, or a test.
"""

from __future__ import annotations

import heapq
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .problems import Problem, Severity
from .text import format_number

MB = 1_000_000
"""The unit of the messages: a megabyte of 10^6 bytes."""
MIB = 1 << 20


@dataclass(frozen=True)
class HostLimits:
    """What one static host accepts for a published site; ``None`` is no limit.

    Attributes:
        key: the value of the ``host`` option ("github-pages").
        name: the host's name in messages ("GitHub Pages").
        total_bytes: the largest total size of the site's files.
        files: the most files (entries) a site may hold.
        file_bytes: the largest single file.
        folder_files: the most files directly in one folder.
        folders_count: whether folders count as entries towards ``files`` (GitLab Pages).
    """

    key: str
    name: str
    total_bytes: int | None = None
    files: int | None = None
    file_bytes: int | None = None
    folder_files: int | None = None
    folders_count: bool = False

    def with_overrides(
        self,
        *,
        size_mb: float | None = None,
        files: int | None = None,
        file_mb: float | None = None,
        folder_files: int | None = None,
    ) -> HostLimits:
        """Return these limits with the numbers an editor set in ``host_limits`` (the others stay)."""
        return replace(
            self,
            total_bytes=round(size_mb * MB) if size_mb is not None else self.total_bytes,
            files=files if files is not None else self.files,
            file_bytes=round(file_mb * MB) if file_mb is not None else self.file_bytes,
            folder_files=folder_files if folder_files is not None else self.folder_files,
        )


HOSTS: dict[str, HostLimits] = {
    "github-pages": HostLimits("github-pages", "GitHub Pages", total_bytes=10**9),
    "cloudflare-pages": HostLimits("cloudflare-pages", "Cloudflare Pages", files=20_000, file_bytes=25 * MIB),
    "gitlab-pages": HostLimits("gitlab-pages", "GitLab Pages", total_bytes=10**9, files=200_000, folders_count=True),
    "netlify": HostLimits("netlify", "Netlify", folder_files=54_000),
    "none": HostLimits("none", "máy chủ riêng (host: none)"),
}
"""The hosts the ``host`` option names, with their documented limits (see the module docstring)."""
DEFAULT_HOST = "github-pages"


def megabytes(size: int) -> str:
    """Write a size in MB the Vietnamese way, one decimal: 1.234,5 MB."""
    whole, tenth = divmod(round(size / (MB // 10)), 10)
    return f"{format_number(whole)},{tenth} MB"


@dataclass
class SiteSize:
    """What a built site weighs: totals, its largest files, and where the bytes and files are."""

    total_bytes: int = 0
    files: int = 0
    folders: int = 0
    largest: list[tuple[int, str]] = field(default_factory=list)
    """The largest files, biggest first, as (size, path under the site)."""
    groups: dict[str, list[int]] = field(default_factory=dict)
    """Bytes and files under each folder two levels down ("vinh-danh/du-lieu"), or "." for the top."""
    crowded: tuple[int, str] = (0, ".")
    """The folder holding the most files directly, as (files, folder)."""
    oversized: list[tuple[int, str]] = field(default_factory=list)
    """The largest of the files larger than the per-file limit, biggest first."""
    oversized_count: int = 0
    """How many files are larger than the per-file limit."""

    @property
    def entries(self) -> int:
        """Files and folders under the site, the count GitLab Pages limits."""
        return self.files + self.folders


_KEPT = 5
"""How many of the largest (or oversized) files a measure keeps for messages."""


def measure(root: Path, file_bytes: int | None = None) -> SiteSize:
    """Walk a built site once and return its size; files larger than ``file_bytes`` are listed as oversized."""
    size = SiteSize()
    largest: list[tuple[int, str]] = []
    oversized: list[tuple[int, str]] = []
    pending = [("", root)]
    while pending:
        rel, folder = pending.pop()
        direct = 0
        group = size.groups.setdefault("/".join(rel.split("/")[:2]).strip("/") or ".", [0, 0])
        with os.scandir(folder) as scan:
            for item in scan:
                path = f"{rel}{item.name}"
                if item.is_dir(follow_symlinks=False):
                    size.folders += 1
                    pending.append((f"{path}/", Path(item.path)))
                    continue
                length = item.stat(follow_symlinks=False).st_size
                direct += 1
                size.files += 1
                size.total_bytes += length
                group[0] += length
                group[1] += 1
                _keep(largest, (length, path))
                if file_bytes is not None and length > file_bytes:
                    size.oversized_count += 1
                    _keep(oversized, (length, path))
        size.crowded = max(size.crowded, (direct, rel.rstrip("/") or "."))
    size.largest = sorted(largest, reverse=True)
    size.oversized = sorted(oversized, reverse=True)
    return size


def _keep(heap: list[tuple[int, str]], item: tuple[int, str]) -> None:
    # The kept set is the top of (size, path): the same files whatever order the folders are read in.
    if len(heap) < _KEPT:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def breaches(size: SiteSize, limits: HostLimits) -> list[str]:
    """Return, in Vietnamese, each limit of the host the site exceeds (none: it deploys)."""
    found = []
    if limits.total_bytes is not None and size.total_bytes > limits.total_bytes:
        found.append(
            f"dung lượng {megabytes(size.total_bytes)} vượt giới hạn {megabytes(limits.total_bytes)}; "
            f"phần lớn nhất: {_biggest_groups(size, by_files=False)}"
        )
    counted = size.entries if limits.folders_count else size.files
    if limits.files is not None and counted > limits.files:
        what = "tệp và thư mục" if limits.folders_count else "tệp"
        found.append(
            f"{format_number(counted)} {what} vượt giới hạn {format_number(limits.files)}; "
            f"nhiều tệp nhất: {_biggest_groups(size, by_files=True)}"
        )
    if limits.file_bytes is not None and size.oversized:
        files = ", ".join(f"{path} ({megabytes(length)})" for length, path in size.oversized)
        more = size.oversized_count - len(size.oversized)
        files += f" và {format_number(more)} tệp nữa" if more else ""
        oversized, cap = format_number(size.oversized_count), megabytes(limits.file_bytes)
        found.append(f"{oversized} tệp lớn hơn giới hạn {cap} mỗi tệp: {files}")
    if limits.folder_files is not None and size.crowded[0] > limits.folder_files:
        count, folder = size.crowded
        found.append(
            f"{_folder(folder)} chứa {format_number(count)} tệp, vượt giới hạn "
            f"{format_number(limits.folder_files)} tệp mỗi thư mục"
        )
    return found


def _biggest_groups(size: SiteSize, *, by_files: bool) -> str:
    index = 1 if by_files else 0
    filled = [item for item in size.groups.items() if item[1][1]]
    ranked = sorted(filled, key=lambda item: (-item[1][index], item[0]))[:3]
    return ", ".join(
        f"{_folder(folder)} ({megabytes(weight)}, {format_number(count)} tệp)" for folder, (weight, count) in ranked
    )


def _folder(folder: str) -> str:
    return "thư mục gốc" if folder == "." else f"{folder}/"


def closing_line(size: SiteSize, limits: HostLimits) -> str:
    """Return the build's last line: total, files, largest file, and the headroom left on the host."""
    largest = f"tệp lớn nhất {size.largest[0][1]} ({megabytes(size.largest[0][0])})" if size.largest else "không có tệp"
    counted = size.entries if limits.folders_count else size.files
    head = f"Site {megabytes(size.total_bytes)}, {format_number(size.files)} tệp, {largest}"
    return f"{head}; {_headroom(size.total_bytes, counted, limits)}."


def _headroom(total_bytes: int, counted: int, limits: HostLimits) -> str:
    left: list[str] = []
    over: list[str] = []
    if limits.total_bytes is not None:
        spare = limits.total_bytes - total_bytes
        (left if spare >= 0 else over).append(megabytes(abs(spare)))
    if limits.files is not None:
        spare = limits.files - counted
        (left if spare >= 0 else over).append(f"{format_number(abs(spare))} {'mục' if limits.folders_count else 'tệp'}")
    caps = []
    if limits.file_bytes is not None:
        caps.append(f"mỗi tệp tối đa {megabytes(limits.file_bytes)}")
    if limits.folder_files is not None:
        caps.append(f"mỗi thư mục tối đa {format_number(limits.folder_files)} tệp")
    if not left and not over and not caps:
        return f"{limits.name}: không đặt giới hạn"
    if over:
        room = f"vượt giới hạn của {limits.name}: thừa {' và '.join(over)}"
    elif left:
        room = f"còn {' và '.join(left)} trước giới hạn của {limits.name}"
    else:
        room = f"vừa giới hạn của {limits.name}"
    return room + (f" ({', '.join(caps)})" if caps else "")


def failure_message(size: SiteSize, limits: HostLimits, found: list[str]) -> str:
    """Return why the site would not deploy on the host, what weighs most, and what to do."""
    lines = "\n".join(f"- {line}" for line in found)
    return (
        f"site không xuất bản được lên {limits.name} (tùy chọn host: {limits.key}):\n{lines}\n"
        f"{closing_line(size, limits)}\n"
        "Site cũ giữ nguyên. Hãy giảm dữ liệu, chọn máy chủ khác (host, host_limits trong mkdocs.yml) "
        "hoặc tách mỗi tỉnh một site."
    )


# What a built site weighs per thing it is made of, measured on main at commit 22c74f8 (December 2026),
# counting file sizes only, and again at b2fca95 (lean rows, one CSV per decision, no JSON) for the section:
# - `python -m benchmarks --entries 100000 --repeat 1 --keep DIR`: the honour section (vinh-danh/) of the
#   100.000-entry site held 113.483.699 bytes in 533 files, 1.135 bytes an entry (319.983.518 bytes in 540
#   files before); its largest file, a decision's CSV, 5.174.888 bytes for 20.000 rows, 259 bytes a row;
#   the rest of the site (the example's pages, theme, Pagefind) 4.252.277 bytes in 135 files. At 1.000.000
#   entries the site had 4.560 files: 3.885 more for 900.000 more entries, 0,0043 a file per entry, over
#   108 files of the section's own. At 6dab59f + place pages in sections (branch i13-p) the section held
#   81.623.465 bytes in the same 533 files: 816 bytes an entry (place pages 459 → 188 bytes a row, decision
#   pages 286 → 238). With the lookup documents dictionary-coded (main at d8a95f7 + branch i13-l) it held
#   76.166.115 bytes in 533 files: 762 bytes an entry (lookup index 13,7 → 6,7 MB).
# - `python -m benchmarks --articles 400 --repeat 1 --keep DIR`: 17.849.743 bytes in 1.177 files, of which
#   the theme's assets 2.595.834 bytes in 49 files: 38.100 bytes and 2,8 (rounded up to 3) files an article.
# Re-measure and update these when the output layout changes: they are an estimate, the build measures.
BASE_BYTES = 4_250_000
BASE_FILES = 135
BYTES_PER_ENTRY = 762
HONOUR_FILES = 108
FILES_PER_ENTRY = 0.0043
BYTES_PER_EXPORT_ROW = 259
BYTES_PER_ARTICLE = 38_100
FILES_PER_ARTICLE = 3


@dataclass(frozen=True)
class Estimate:
    """The size a site is expected to build to, before building it."""

    total_bytes: int
    files: int
    largest_bytes: int
    """The largest export: the rows of the biggest decision (or of a province some decision mixes with another)."""


def estimate(articles: int, entries: int, largest_rows: int) -> Estimate:
    """Estimate a site's built size from its articles, honour entries and the rows of its largest export."""
    honour_files = HONOUR_FILES + round(FILES_PER_ENTRY * entries) if entries else 0
    return Estimate(
        total_bytes=BASE_BYTES + BYTES_PER_ARTICLE * articles + BYTES_PER_ENTRY * entries,
        files=BASE_FILES + FILES_PER_ARTICLE * articles + honour_files,
        largest_bytes=BYTES_PER_EXPORT_ROW * largest_rows,
    )


def estimate_line(guess: Estimate, limits: HostLimits) -> str:
    """Return the check's line: the estimated size and files, and the headroom left on the host."""
    largest = f", tệp dữ liệu lớn nhất khoảng {megabytes(guess.largest_bytes)}" if guess.largest_bytes else ""
    head = f"Ước tính khi dựng: {megabytes(guess.total_bytes)}, {format_number(guess.files)} tệp{largest}"
    # Only files are estimated; GitLab Pages also counts folders, which the build then measures.
    return f"{head}; {_headroom(guess.total_bytes, guess.files, limits)}."


def estimate_breaches(guess: Estimate, limits: HostLimits) -> list[str]:
    """Return, in Vietnamese, each host limit the estimate exceeds."""
    found = []
    if limits.total_bytes is not None and guess.total_bytes > limits.total_bytes:
        total, limit = megabytes(guess.total_bytes), megabytes(limits.total_bytes)
        found.append(f"dung lượng ước tính {total} vượt giới hạn {limit}")
    if limits.files is not None and guess.files > limits.files:
        found.append(f"số tệp ước tính {format_number(guess.files)} vượt giới hạn {format_number(limits.files)}")
    if limits.file_bytes is not None and guess.largest_bytes > limits.file_bytes:
        found.append(
            f"tệp dữ liệu lớn nhất ước tính {megabytes(guess.largest_bytes)} vượt giới hạn "
            f"{megabytes(limits.file_bytes)} mỗi tệp"
        )
    return found


def estimate_problems(guess: Estimate, limits: HostLimits, config: Path, root: Path) -> list[Problem]:
    """Return a warning on the ``host`` line of ``mkdocs.yml`` for each limit the estimate exceeds.

    A warning, not an error: the figure is an estimate and the build, which measures, is the judge;
    ``bangvang check --strict`` (as the deployment workflow runs it) stops on it before anything is built.
    """
    found = estimate_breaches(guess, limits)
    if not found:
        return []
    line = 1
    try:
        lines = config.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for number, text in enumerate(lines, start=1):
        if text.strip().startswith(("host:", "host_limits:")):
            line = number
            break
    where = config.relative_to(root).as_posix() if config.is_relative_to(root) else config.as_posix()
    return [
        Problem(where, line, f"site có thể không xuất bản được lên {limits.name}: {breach}", Severity.WARNING)
        for breach in found
    ]
