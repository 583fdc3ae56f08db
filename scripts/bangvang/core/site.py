"""The whole site source: every article read, every link checked, all problems at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, links
from .articles import Article, read_article
from .citations import Citations, build_citations, check_mentions
from .directives import Directive, Registry, build_registry, read_directive
from .honours.rolls import Rolls, load_rolls
from .mentions import cited, link_first_mentions
from .news import News, build_news, generated_folders
from .problems import Problem, Severity, sort_problems
from .settings import SiteSettings
from .text import nfc, slugify


@dataclass
class SiteSource:
    """What the build publishes from the content folder, and what is wrong with it."""

    articles: list[Article]
    news: News
    registry: Registry
    citations: Citations
    rolls: Rolls
    published: set[str]
    drafts: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        """Tell whether any problem stops publishing."""
        return any(p.severity is Severity.ERROR for p in self.problems)

    def add_rolls(self, rolls: Rolls) -> None:
        """Take the honour rolls read separately, with their problems."""
        self.rolls = rolls
        self.problems = sort_problems(self.problems + rolls.problems)


def source_files(docs_dir: Path) -> list[Path]:
    """Return every file of the content folder, skipping hidden ones as MkDocs does."""
    found = []
    for path in docs_dir.rglob("*"):
        rel = path.relative_to(docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.append(path)
    return sorted(found)


@dataclass
class _Page:
    """A Markdown file read once: its place, its front matter and body."""

    src_uri: str
    rel: str
    fm: frontmatter.FrontMatter


def load_site(settings: SiteSettings, *, read_honours: bool = True) -> SiteSource:
    """Read and validate the content folder and the honour rolls; never raises on bad content.

    With ``read_honours`` false the rolls are left for the caller (the build
    reuses a cached honour section when the rolls did not change).
    """
    problems: list[Problem] = _check_settings(settings)
    files = source_files(settings.docs_dir)
    known = {path.relative_to(settings.docs_dir).as_posix() for path in files}
    articles: list[Article] = []
    directives: list[Directive] = []
    pages: list[_Page] = []
    reserved = (*generated_folders(settings), f"{settings.registry_dir}/index.md")
    news_prefix = settings.news_dir + "/"
    registry_prefix = settings.registry_dir + "/"

    for path in files:
        if path.suffix != ".md":
            continue
        src_uri = path.relative_to(settings.docs_dir).as_posix()
        rel = settings.rel(path)
        if src_uri.startswith(reserved):
            problems.append(
                Problem(rel, 1, "đường dẫn này dành cho các trang do Bảng Vàng tạo; chuyển tệp đi chỗ khác")
            )
            continue
        try:
            text = nfc(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(Problem(rel, 1, f"tệp không phải UTF-8 hợp lệ (byte lỗi ở vị trí {exc.start})"))
            continue
        fm = frontmatter.parse(text)
        if src_uri.startswith(news_prefix):
            article, found = read_article(path, fm, settings)
            problems.extend(found)
            if article is not None:
                articles.append(article)
        elif src_uri.startswith(registry_prefix):
            directive, found = read_directive(path, fm, settings)
            problems.extend(found)
            if directive is not None:
                directives.append(directive)
        else:
            problems.extend(Problem(rel, line, message) for line, message in fm.problems)
        pages.append(_Page(src_uri, rel, fm))

    registry, found = build_registry(directives, settings)
    problems.extend(found)
    problems.extend(_check_duplicate_slugs(articles, settings))
    news = build_news(articles, settings)
    drafts = {a.src_uri for a in articles if a.draft}
    generated = news.src_uris() | {f"{settings.registry_dir}/index.md"}
    for src_uri in sorted(news.src_uris() & known):
        rel = settings.rel(settings.docs_dir / src_uri)
        problems.append(Problem(rel, 1, "tệp trùng đường dẫn với một trang danh sách do Bảng Vàng tạo"))
    published = (known | generated) - drafts
    cites: dict[str, list[Directive]] = {}
    linked: dict[str, tuple[int, str | None]] = {}
    for page in pages:
        body, body_line = page.fm.body, page.fm.body_line
        found_links = links.find_links(body, body_line)
        problems.extend(_check_links(page.src_uri, page.rel, found_links, published, drafts, page.src_uri in drafts))
        found_citations, found = check_mentions(page.rel, body, body_line, registry, settings)
        problems.extend(found)
        cites[page.src_uri] = cited(found_citations)
        # MkDocs hands the body over without its leading blank lines.
        as_built = body.lstrip("\n")
        linked_body = link_first_mentions(body, found_citations, page.src_uri).lstrip("\n")
        linked[page.src_uri] = (hash(as_built), linked_body if linked_body != as_built else None)
    citations = build_citations(cites, news, registry, linked)
    rolls = load_rolls(settings.honours_dir, settings.root, registry, published) if read_honours else Rolls()
    problems.extend(rolls.problems)
    return SiteSource(articles, news, registry, citations, rolls, published, drafts, sort_problems(problems))


def _check_settings(settings: SiteSettings) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for category in settings.categories:
        slug = slugify(category)
        if slug in seen:
            problems.append(
                Problem("mkdocs.yml", 1, f"hai chuyên mục '{seen[slug]}' và '{category}' cùng địa chỉ '{slug}'")
            )
        seen[slug] = category
    if not settings.categories:
        problems.append(Problem("mkdocs.yml", 1, "cần ít nhất một chuyên mục trong 'categories' của plugin bangvang"))
    return problems


def _check_duplicate_slugs(articles: list[Article], settings: SiteSettings) -> list[Problem]:
    by_slug: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_slug[article.slug].append(article)
    problems = []
    for slug, same in by_slug.items():
        if len(same) < 2:
            continue
        for article in same:
            others = ", ".join(f"{settings.news_dir}/{o.year}/{slug}.md" for o in same if o is not article)
            rel = settings.rel(settings.docs_dir / article.src_uri)
            problems.append(Problem(rel, 1, f"slug '{slug}' trùng với bài {others}; mỗi bài cần một slug riêng"))
    return problems


def _check_links(
    src_uri: str, rel: str, found: Iterable[links.Link], published: set[str], drafts: set[str], is_draft: bool
) -> list[Problem]:
    problems = []
    for link in found:
        if not links.is_internal(link.target):
            continue
        if link.target.startswith("/"):
            problems.append(
                Problem(
                    rel,
                    link.line,
                    f"liên kết tuyệt đối '{link.target}' sẽ hỏng khi site đặt ở đường dẫn con; "
                    "dùng đường dẫn tương đối",
                )
            )
            continue
        target = links.resolve(link.target, src_uri)
        if links.target_exists(target, published) or (is_draft and target in drafts):
            continue
        if target in drafts:
            problems.append(
                Problem(
                    rel, link.line, f"liên kết '{link.target}' trỏ tới bài nháp (draft: true), bài đó chưa được đăng"
                )
            )
        else:
            problems.append(
                Problem(rel, link.line, f"liên kết hỏng '{link.target}': không có tệp {target} trong thư mục nội dung")
            )
    return problems
