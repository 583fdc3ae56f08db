"""Who cites what: directives cited by each page, articles citing each directive, the index."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .articles import Article
from .directives import KINDS, LEVELS, Directive, Registry
from .links import line_finder
from .mentions import Citation, analyse, registry_stub, stub_kind
from .news import News
from .problems import Problem, Severity
from .settings import SiteSettings
from .text import slugify


@dataclass(frozen=True)
class KindGroup:
    """The directives of one kind within a level, newest first."""

    kind: str
    directives: tuple[Directive, ...]


@dataclass(frozen=True)
class LevelGroup:
    """The directives of one issuing level, grouped by kind."""

    level: str
    label: str
    kinds: tuple[KindGroup, ...]


@dataclass
class Citations:
    """Citations both ways, and the registry index grouped by level and kind."""

    cites: dict[str, list[Directive]] = field(default_factory=dict)
    cited_by: dict[str, list[Article]] = field(default_factory=dict)
    groups: list[LevelGroup] = field(default_factory=list)
    linked: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    """Per page: the hash of the body as read, and the body with its mention links (None: no links).

    The build hands each page's Markdown over again; when it is the body read
    here, the links are taken from here instead of scanning the text twice.
    """

    def count(self, directive: Directive) -> int:
        """Return how many published articles cite ``directive``."""
        return len(self.cited_by.get(directive.src_uri, ()))

    def linked_markdown(self, src_uri: str, markdown: str) -> str | None:
        """Return ``markdown`` with its mention links if it is the body read for ``src_uri``, else None."""
        known = self.linked.get(src_uri)
        if known is None or known[0] != hash(markdown):
            return None
        return markdown if known[1] is None else known[1]


def check_mentions(
    rel: str, body: str, body_line: int, registry: Registry, settings: SiteSettings
) -> tuple[list[Citation], list[Problem]]:
    """Resolve the mentions of one page; warn about ambiguous and unregistered ones."""
    citations = analyse(body, registry)
    line_of = line_finder(body, body_line)
    problems = []
    for citation in citations:
        mention = citation.mention
        line = line_of(mention.start)
        if citation.state == "ambiguous":
            names = ", ".join(c.title for c in citation.candidates)
            example = citation.candidates[0]
            problems.append(
                Problem(
                    rel,
                    line,
                    f"tham chiếu '{mention.text}' chưa rõ là văn bản nào (có thể là {names}); không tạo liên kết. "
                    f"Ghi đủ số hiệu, ví dụ '{example.kind} số {example.number}', hoặc ghi cơ quan ban hành "
                    "hay ngày ký ngay sau",
                    Severity.WARNING,
                )
            )
        elif citation.state == "unregistered":
            number = "".join(mention.number.split())
            stub = registry_stub(mention).rstrip("\n").replace("\n", "\n    ")
            target = f"{settings.registry_dir}/{slugify(f'{stub_kind(mention)} {number}')}.md"
            problems.append(
                Problem(
                    rel,
                    line,
                    f"số hiệu '{number}' chưa có trong sổ văn bản; "
                    f"thêm tệp {settings.rel(settings.docs_dir / target)}:\n    {stub}",
                    Severity.WARNING,
                )
            )
    return citations, problems


def build_citations(
    cites: dict[str, list[Directive]], news: News, registry: Registry, linked: dict[str, tuple[int, str | None]]
) -> Citations:
    """Invert the per-article citations (newest article first) and group the registry."""
    result = Citations(cites=cites, linked=linked)
    cited_by: dict[str, list[Article]] = defaultdict(list)
    for article in news.articles:
        for directive in cites.get(article.src_uri, ()):
            cited_by[directive.src_uri].append(article)
    result.cited_by = dict(cited_by)
    kind_order = {kind: index for index, kind in enumerate(KINDS)}
    by_level: dict[str, dict[str, list[Directive]]] = defaultdict(lambda: defaultdict(list))
    for directive in registry.directives:
        by_level[directive.level][directive.kind].append(directive)
    for level, label in LEVELS.items():
        kinds = by_level.get(level)
        if not kinds:
            continue
        groups = tuple(
            KindGroup(kind, tuple(sorted(kinds[kind], key=lambda d: (d.signed, d.number), reverse=True)))
            for kind in sorted(kinds, key=lambda k: kind_order[k])
        )
        result.groups.append(LevelGroup(level, label, groups))
    return result
