"""Checking the links of every page the way ``mkdocs build --strict`` validates them, and a little more.

The build stops on a link to a missing file, to a folder, an absolute link or
a link to an anchor the target page does not have; the check finds each of
them first, with its file and line. Script links are refused outright.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from . import links
from .anchors import AnchorReader, closest_anchor
from .problems import Problem
from .settings import SiteSettings

PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""File endings MkDocs renders as pages (only ``.md`` is read and checked here)."""


@dataclass
class _AnchorWanted:
    rel: str
    line: int
    target: str

    @property
    def anchor(self) -> str:
        return links.split_anchor(self.target)[1]


@dataclass(frozen=True)
class HonourLink:
    """A link into the generated honour section, checked once its pages are known (the rolls read, or cached)."""

    src_uri: str
    rel: str
    line: int
    target: str
    resolved: str


@dataclass(frozen=True)
class FoundLinks:
    """What a page's body holds: its script links and its links (they depend on the body alone)."""

    body: str
    body_line: int
    scripts: list[links.ScriptLink]
    links: list[links.Link]


@dataclass
class LinkChecker:
    """Checks the links of the pages of one site; anchors are checked once every page was seen."""

    settings: SiteSettings
    published: set[str]
    drafts: set[str]
    generated: set[str]
    bodies: dict[str, str] = field(default_factory=dict)
    honour_links: list[HonourLink] = field(default_factory=list)
    """Links into the honour section, left for :func:`check_honour_links`: its pages come from the rolls."""
    found: dict[str, FoundLinks] = field(default_factory=dict)
    """Each page's links as last found, by source path: a caller checking the same pages again passes its own."""
    _wanted: dict[str, list[_AnchorWanted]] = field(default_factory=lambda: defaultdict(list))

    def check_page(self, src_uri: str, rel: str, body: str, body_line: int) -> list[Problem]:
        """Check one page's links and script links; remember the anchors it asks for."""
        self.bodies[src_uri] = body
        found = self.found.get(src_uri)
        if found is None or found.body != body or found.body_line != body_line:
            masked = links.mask_code(body)
            found = self.found[src_uri] = FoundLinks(
                body,
                body_line,
                links.find_script_links(body, body_line, masked=masked),
                links.find_links(body, body_line, masked=masked),
            )
        problems = [
            Problem(rel, script.line, f"{script.what} có thể chạy mã trong trình duyệt; không được dùng trong nội dung")
            for script in found.scripts
        ]
        is_draft = src_uri in self.drafts
        verdicts: dict[str, tuple[list[str], str | None]] = {}  # a target written many times is resolved once
        for link in found.links:
            if link.target not in verdicts:
                internal = links.is_internal(link.target) and not links.script_scheme(link.target)
                verdicts[link.target] = self._check_link(src_uri, link.target, is_draft) if internal else ([], None)
            messages, anchored = verdicts[link.target]
            if anchored is not None and self._in_honours(anchored) and anchored not in self.published:
                self.honour_links.append(HonourLink(src_uri, rel, link.line, link.target, anchored))
                continue
            problems.extend(Problem(rel, link.line, message) for message in messages)
            if anchored is not None:
                self._wanted[anchored].append(_AnchorWanted(rel, link.line, link.target))
        return problems

    def _check_link(self, src_uri: str, target_text: str, is_draft: bool) -> tuple[list[str], str | None]:
        """Return the messages about one link target of the page ``src_uri``, and the page whose anchor it wants."""
        if target_text.startswith(("/", "\\")):
            return [
                f"liên kết tuyệt đối '{target_text}' sẽ hỏng khi site đặt ở đường dẫn con; dùng đường dẫn tương đối"
            ], None
        path, anchor = links.split_anchor(target_text)
        target = links.resolve(target_text, src_uri)
        if path and self._in_honours(target) and target not in self.published:
            return [], target  # the honour pages are known once the rolls are read: check_honour_links
        if not path or links.target_exists(target, self.published) or (is_draft and target in self.drafts):
            wants = anchor and target.endswith(PAGE_SUFFIXES) and target not in self.drafts
            return [], target if wants else None
        if target in self.drafts:
            message = f"liên kết '{target_text}' trỏ tới bài nháp (draft: true), bài đó chưa được đăng"
        elif index := links.folder_index(target, self.published):
            written = posixpath.relpath(index, posixpath.dirname(src_uri) or ".")
            message = f"liên kết '{target_text}' trỏ tới một thư mục; MkDocs cần tên tệp: viết '{written}'"
        else:
            message = f"liên kết hỏng '{target_text}': không có tệp {target} trong thư mục nội dung"
        return [message], None

    def _in_honours(self, target: str) -> bool:
        return target.startswith(self.settings.layout.honours + "/")

    def check_anchors(self) -> list[Problem]:
        """Check every anchor asked for against the ids the build will give the target page."""
        problems: list[Problem] = []
        reader: AnchorReader | None = None
        for target, wanted in sorted(self._wanted.items()):
            if target in self.bodies:
                if reader is None:
                    reader = AnchorReader(self.settings.markdown_extensions, self.settings.markdown_configs)
                present = reader.anchors(self.bodies[target].lstrip("\n"))
                if present is None:
                    continue
            elif target in self.generated:
                present = set()  # generated pages are front matter only: their headings come from templates
            else:
                continue
            for asked in wanted:
                if asked.anchor in present:
                    continue
                hint = closest_anchor(asked.anchor, present)
                where = "trang này" if not links.split_anchor(asked.target)[0] else f"trang {target}"
                message = f"liên kết '{asked.target}': {where} không có mục neo '#{asked.anchor}'"
                if hint:
                    message += f" (có phải '#{hint}'?)"
                else:
                    message += "; neo là mã của tiêu đề (chữ thường, bỏ dấu, nối bằng '-') hoặc {#ma-rieng}"
                problems.append(Problem(asked.rel, asked.line, message))
        return problems


def check_honour_links(
    found: list[HonourLink], pages: Collection[str], moved: Mapping[str, str] | None = None
) -> list[Problem]:
    """Check links into the honour section against the source paths of its pages, as MkDocs will find them.

    ``moved`` maps the old address of a place or province page (see ``HonourPlan.redirects``) to its page
    now: a link written before places were kept by current unit is told where to point.
    """
    problems = []
    moved = moved or {}
    for link in found:
        target_text, target = link.target, link.resolved
        anchor = links.split_anchor(target_text)[1]
        if target in pages:
            if not anchor:
                continue
            # The honour pages are drawn by templates: MkDocs knows no heading of theirs, so it refuses any anchor.
            message = (
                f"liên kết '{target_text}': trang {target} do Bảng Vàng tạo, không có mục neo '#{anchor}' "
                "mà MkDocs kiểm tra được; bỏ phần '#…'"
            )
        elif (index := posixpath.join(target, "index.md")) in pages:
            written = posixpath.relpath(index, posixpath.dirname(link.src_uri) or ".")
            message = f"liên kết '{target_text}' trỏ tới một thư mục; MkDocs cần tên tệp: viết '{written}'"
        elif (now := moved.get(target) or moved.get(posixpath.join(target, "index.md"))) is not None:
            written = posixpath.relpath(now, posixpath.dirname(link.src_uri) or ".")
            message = (
                f"liên kết '{target_text}' trỏ tới địa chỉ cũ của một trang địa phương: từ khi bảng vàng xếp "
                f"địa danh theo đơn vị hành chính hiện nay, trang đó là {now}; viết '{written}'"
            )
        else:
            message = f"liên kết hỏng '{target_text}': bảng vàng không có trang {target}"
        problems.append(Problem(link.rel, link.line, message))
    return problems


def output_conflicts(known: set[str], settings: SiteSettings) -> list[Problem]:
    """Report source files MkDocs would write to the same address (README.md beside index.md, a.md and a/index.md)."""
    by_dest: dict[str, list[str]] = defaultdict(list)
    for src_uri in known:
        by_dest[dest_path(src_uri, settings.directory_urls)].append(src_uri)
    problems = []
    for dest, sources in by_dest.items():
        if len(sources) < 2:
            continue
        for src_uri in sorted(sources):
            others = ", ".join(o for o in sorted(sources) if o != src_uri)
            rel = settings.rel(settings.docs_dir / src_uri)
            problems.append(
                Problem(rel, 1, f"tệp này và {others} cùng xuất ra địa chỉ {dest}; chỉ một tệp được đăng — đổi tên")
            )
    return problems


def dest_path(src_uri: str, directory_urls: bool) -> str:
    """Return the output file MkDocs writes for a content file."""
    path = PurePosixPath(src_uri)
    if path.suffix not in PAGE_SUFFIXES:
        return src_uri
    folder = path.parent.as_posix()
    prefix = "" if folder == "." else folder + "/"
    if path.stem in ("index", "README"):
        return prefix + "index.html"
    return prefix + (f"{path.stem}/index.html" if directory_urls else f"{path.stem}.html")


def nav_paths(nav: object) -> tuple[str, ...]:
    """Return the content paths the ``nav`` of ``mkdocs.yml`` names (external addresses left out)."""
    found: list[str] = []
    stack = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not links.is_internal(item) or item.startswith("/"):
                continue
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return tuple(found)


def check_nav(settings: SiteSettings, published: set[str]) -> list[Problem]:
    """Report ``nav`` entries naming a file the content folder does not have (the strict build stops on them)."""
    config = settings.root / "mkdocs.yml"
    try:
        lines = config.read_text(encoding="utf-8-sig").split("\n") if config.is_file() else []
    except (OSError, UnicodeDecodeError):
        lines = []
    problems = []
    for path in settings.nav_paths:
        if path in published:
            continue
        line = next((number for number, text in enumerate(lines, 1) if path in text), 1)
        problems.append(
            Problem("mkdocs.yml", line, f"mục '{path}' trong nav trỏ tới tệp không có trong thư mục nội dung")
        )
    return problems
