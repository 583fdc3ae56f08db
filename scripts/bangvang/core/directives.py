"""Directives: the registry of documents the news cites (Kết luận 49-KL/TW, Chỉ thị 11-CT/TW, …)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import frontmatter
from .problems import Problem
from .schema import FieldReader, is_web_address
from .settings import SiteSettings
from .text import fold_diacritics, nfc

ALLOWED_KEYS = ("number", "aliases", "kind", "issuer", "level", "signed", "subject", "status", "superseded_by", "url")

KINDS = (
    "Chỉ thị",
    "Kết luận",
    "Nghị quyết",
    "Quyết định",
    "Công văn",
    "Kế hoạch",
    "Thông tư",
    "Nghị định",
    "Luật",
    "Hướng dẫn",
    "Thông báo",
    "Chương trình",
    "Đề án",
)
"""The kinds of document, as written in Vietnamese."""

LEVELS = {
    "trung_uong": "Trung ương Đảng",
    "quoc_hoi": "Quốc hội",
    "chinh_phu": "Chính phủ",
    "bo_nganh": "Bộ ngành",
    "hoi": "Hội Khuyến học",
    "tinh": "Tỉnh",
    "huyen_xa": "Huyện và xã",
}
"""Issuing levels, in the order the registry index shows them."""

STATUSES = {"hieu_luc": "Còn hiệu lực", "bi_thay_the": "Đã được thay thế"}

_SPACES = re.compile(r"\s+")


def number_key(number: str) -> str:
    """Return the comparison key of a document number: no spaces, upper case, Ð read as Đ.

    "281/ QĐ-TTg", "281/QĐ-TTG" and "281/QÐ-TTg" all give "281/QĐ-TTG".
    """
    return _SPACES.sub("", nfc(number)).replace("Ð", "Đ").replace("ð", "đ").upper()


def leading_number(number: str) -> str:
    """Return the running number a document number starts with ("49-KL/TW" → "49")."""
    match = re.match(r"\d+", number.strip())
    return match.group(0).lstrip("0") or "0" if match else ""


@lru_cache(maxsize=256)
def kind_key(kind: str) -> str:
    """Return the comparison key of a kind word ("Quyết định", "quyết định" → "quyet dinh")."""
    return fold_diacritics(kind).lower()


@dataclass(frozen=True)
class Directive:
    """One registered document."""

    src_uri: str
    url: str
    number: str
    aliases: tuple[str, ...]
    kind: str
    issuer: str
    level: str
    signed: dt.date
    subject: str
    status: str
    superseded_by: str | None
    official_url: str | None
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        """The name readers know it by ("Kết luận 49-KL/TW")."""
        return f"{self.kind} {self.number}"

    @property
    def level_label(self) -> str:
        """The issuing level in words."""
        return LEVELS[self.level]

    @property
    def status_label(self) -> str:
        """The status in words."""
        return STATUSES[self.status]

    @property
    def short(self) -> str:
        """The running number alone, as short mentions write it ("49")."""
        return leading_number(self.number)

    @property
    def number_is_short(self) -> bool:
        """Tell whether the printed number is a running number only (Công văn 332)."""
        return self.number.strip().isdigit()


@dataclass
class Registry:
    """Every directive, found by number, alias, or kind and running number."""

    directives: list[Directive] = field(default_factory=list)
    by_number: dict[str, Directive] = field(default_factory=dict)
    by_short: dict[tuple[str, str], list[Directive]] = field(default_factory=lambda: defaultdict(list))

    def add(self, directive: Directive) -> None:
        """Register a directive under its number, aliases, and kind with running number.

        A number already taken stays with its first holder (the clash is an error elsewhere).
        """
        self.directives.append(directive)
        for number in (directive.number, *directive.aliases):
            self.by_number.setdefault(number_key(number), directive)
        self.by_short[(kind_key(directive.kind), directive.short)].append(directive)

    def find(self, number: str) -> Directive | None:
        """Return the directive printed with this full number (or alias), if registered."""
        return self.by_number.get(number_key(number))

    def candidates(self, kind: str, short: str) -> list[Directive]:
        """Return the directives a short mention ("Chỉ thị số 11") could mean."""
        return self.by_short.get((kind_key(kind), short.lstrip("0") or "0"), [])


def read_directive(
    path: Path, fm: frontmatter.FrontMatter, settings: SiteSettings
) -> tuple[Directive | None, list[Problem]]:
    """Validate one registry page; return the directive (None on errors) and its problems."""
    reader = FieldReader(settings.rel(path), fm)
    if not fm.present and not fm.problems:
        reader.error("number", "thiếu phần đầu (front matter) giữa hai dòng '---' với number, kind, issuer, signed")
        return None, reader.problems
    reader.only_keys(ALLOWED_KEYS)
    number = reader.text("number", required=True)
    aliases = tuple(reader.texts("aliases", '["89-KH/HU"]'))
    kind = reader.choice("kind", {k: k for k in KINDS})
    issuer = reader.text("issuer", required=True)
    level = reader.choice("level", LEVELS)
    signed = reader.moment("signed")
    subject = reader.text("subject", required=True)
    status = reader.choice("status", STATUSES, default="hieu_luc")
    superseded_by = reader.text("superseded_by")
    official_url = reader.text("url")
    if number is not None and not re.match(r"^\d", number):
        reader.error("number", f"số hiệu phải bắt đầu bằng số thứ tự như in trên văn bản, nhận được '{number}'")
    if status == "bi_thay_the" and superseded_by is None:
        reader.error("status", "văn bản 'bi_thay_the' cần 'superseded_by': số hiệu văn bản thay thế nó")
    if status == "hieu_luc" and superseded_by is not None:
        reader.error("superseded_by", "có 'superseded_by' nhưng 'status' là hieu_luc; đặt status: bi_thay_the")
    if official_url is not None and not is_web_address(official_url):
        reader.error("url", f"'url' phải là địa chỉ http(s)://…, nhận được '{official_url}'")
    if reader.has_errors:
        return None, reader.problems
    assert number and kind and issuer and level and signed and subject and status
    src_uri = path.relative_to(settings.docs_dir).as_posix()
    directive = Directive(
        src_uri=src_uri,
        url=settings.page_url(src_uri),
        number=number,
        aliases=aliases,
        kind=kind,
        issuer=issuer,
        level=level,
        signed=signed.date(),
        subject=subject,
        status=status,
        superseded_by=superseded_by,
        official_url=official_url,
        lines=dict(fm.lines),
    )
    return directive, reader.problems


def build_registry(directives: list[Directive], settings: SiteSettings) -> tuple[Registry, list[Problem]]:
    """Index the directives; report duplicate numbers and dangling ``superseded_by``.

    A number (or alias) held by two pages is reported on each of them.
    """
    owners: dict[str, list[tuple[Directive, str]]] = defaultdict(list)
    for directive in directives:
        for number in dict.fromkeys((directive.number, *directive.aliases)):
            owners[number_key(number)].append((directive, number))
    problems = []
    for holders in owners.values():
        if len({d.src_uri for d, _ in holders}) < 2:
            continue
        for directive, number in holders:
            others = ", ".join(
                f"{o.title} ({settings.rel(settings.docs_dir / o.src_uri)})" for o, _ in holders if o is not directive
            )
            key = "number" if number == directive.number else "aliases"
            rel = settings.rel(settings.docs_dir / directive.src_uri)
            problems.append(Problem(rel, directive.lines.get(key, 1), f"số hiệu '{number}' trùng với {others}"))
    registry = Registry()
    for directive in directives:
        registry.add(directive)
    for directive in directives:
        if directive.superseded_by and number_key(directive.superseded_by) not in owners:
            rel = settings.rel(settings.docs_dir / directive.src_uri)
            message = f"'superseded_by: {directive.superseded_by}' không trỏ tới văn bản nào trong sổ văn bản"
            problems.append(Problem(rel, directive.lines.get("superseded_by", 1), message))
    return registry, problems
