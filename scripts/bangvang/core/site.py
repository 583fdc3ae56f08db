"""The whole site source: every article read, every link checked, all problems at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter
from .articles import Article, read_article
from .citations import Citations, build_citations, check_mentions
from .directives import Directive, Registry, build_registry, read_directive
from .honours.plan import plan_honours
from .honours.rolls import Rolls, load_rolls
from .inventory import Inventory, build_inventory, collisions
from .linkcheck import (
    PAGE_SUFFIXES,
    FoundLinks,
    HonourLink,
    LinkChecker,
    check_honour_links,
    check_nav,
    output_conflicts,
)
from .mentions import Citation, cited, link_first_mentions
from .news import News, build_news
from .problems import Problem, Severity, errors, sort_problems
from .processes import can_fork, worker_count
from .reading_apart import Mentions, PageReading, ReadingApart, read_apart
from .schema import FieldReader
from .settings import SiteSettings
from .text import nfc


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
    honour_links: list[HonourLink] = field(default_factory=list)
    """Links into the honour section, checked once its pages are known (:meth:`check_honour_links`)."""

    @property
    def has_errors(self) -> bool:
        """Tell whether any problem stops publishing."""
        return any(p.severity is Severity.ERROR for p in self.problems)

    def add_rolls(self, rolls: Rolls) -> None:
        """Take the honour rolls read separately, with their problems."""
        self.rolls = rolls
        self.problems = sort_problems(self.problems + rolls.problems)

    def check_honour_links(self, pages: Collection[str], moved: Mapping[str, str] | None = None) -> None:
        """Check the links into the honour section against the source paths of its pages.

        Rolls with errors stop the build on their own messages: their pages are not
        planned, so the links into them are not judged either.
        """
        if self.honour_links and not errors(self.rolls.problems):
            self.problems = sort_problems(self.problems + check_honour_links(self.honour_links, pages, moved))


def source_files(docs_dir: Path, root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """Return every file of the content folder MkDocs would publish, and the symlinks refused.

    Hidden files and folders are skipped, as MkDocs does. Symbolic links are
    followed, as MkDocs does, but only inside the repository (``root``, the
    folder of ``mkdocs.yml``): a link to anything outside it is a problem, and
    what it points at is never read.
    """
    root = (root or docs_dir).resolve()
    found: list[Path] = []
    problems: list[Problem] = []
    visited: set[Path] = set()
    stack = [docs_dir]
    while stack:
        folder = stack.pop()
        try:
            real = folder.resolve()
            entries = sorted(folder.iterdir()) if real not in visited else []
        except (OSError, RuntimeError):
            entries = []
        visited.add(real)
        for path in entries:
            if path.name.startswith("."):
                continue
            if path.is_symlink():
                problem = _check_symlink(path, root, docs_dir)
                if problem is not None:
                    problems.append(problem)
                    continue
            try:
                if path.is_dir():
                    stack.append(path)
                elif path.is_file():
                    found.append(path)
            except OSError:
                continue
    return sorted(found), problems


def _check_symlink(path: Path, root: Path, docs_dir: Path) -> Problem | None:
    """Return the problem with a symbolic link in the content folder, or None if it stays in the repository."""
    rel = _rel(path, root, docs_dir)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(rel, 1, "liên kết tượng trưng (symlink) hỏng hoặc vòng lặp; xóa nó hoặc trỏ tới tệp có thật")
    if target.is_dir() and (docs_dir.resolve() == target or target in docs_dir.resolve().parents):
        return Problem(
            rel, 1, "liên kết tượng trưng (symlink) trỏ tới thư mục chứa chính nội dung (vòng lặp); xóa liên kết"
        )
    try:
        target.relative_to(root)
    except ValueError:
        return Problem(
            rel,
            1,
            "liên kết tượng trưng (symlink) trỏ ra ngoài kho nội dung; không xuất bản tệp bên ngoài — "
            "chép tệp vào thư mục nội dung hoặc xóa liên kết",
        )
    return None


def _rel(path: Path, root: Path, docs_dir: Path) -> str:
    """Name ``path`` from the site root without following it (it may be a link pointing elsewhere)."""
    try:
        return (docs_dir.resolve() / path.relative_to(docs_dir)).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class ReadMemo:
    """What reading each page gave, kept by a caller that reads the same folder again (``mkdocs serve``).

    A page read again with the same text, the same settings and the same
    files beside it (an image it names may have gone) gives the same result,
    so it is not parsed and checked again; its directive mentions are not
    resolved again while every directive page is unchanged too (the same
    registry). Anything else is read as the first time.
    """

    key: str = ""
    pages: dict[str, tuple[str, frontmatter.FrontMatter, object, list[Problem]]] = field(default_factory=dict)
    registry: tuple[list[Directive], Registry, list[Problem]] | None = None
    mentions: dict[str, tuple[str, list[Citation], list[Problem], str]] = field(default_factory=dict)
    links: dict[str, FoundLinks] = field(default_factory=dict)
    """Each page's links as found in its body (:class:`.linkcheck.FoundLinks`)."""

    def start(self, key: str) -> None:
        """Begin a reading whose settings and non-page files make ``key``; forget all if it changed."""
        if key != self.key:
            self.key, self.registry = key, None
            self.pages.clear()
            self.mentions.clear()
            self.links.clear()


@dataclass
class _Page:
    """A Markdown file read once: its place, its front matter and body."""

    src_uri: str
    rel: str
    fm: frontmatter.FrontMatter


def load_site(settings: SiteSettings, *, read_honours: bool = True, memo: ReadMemo | None = None) -> SiteSource:
    """Read and validate the content folder and the honour rolls; never raises on bad content.

    With ``read_honours`` false the rolls are left for the caller (the build
    reuses a cached honour section when the rolls did not change). ``memo``
    keeps what each page gave for the next reading (:class:`ReadMemo`).
    """
    files, problems = source_files(settings.docs_dir, settings.root)
    layout = settings.layout
    # Checked against the inventory below; read no further, so that a generated page is never checked as the editor's.
    reserved = (*layout.news_owned, layout.registry_index, *layout.owned_folders, layout.search_page)
    # A preview's memo holds what changed; a build or a check reads it all, in two processes on 2 cores.
    apart = None if memo is not None else _read_apart(files, settings, reserved)
    memo = memo or ReadMemo()
    memo.start(repr(settings) + "\n".join(str(path) for path in files if path.suffix != ".md"))
    # What either process read in this same run is taken as read: the disk is not read a second time.
    fresh = apart.pages() if apart is not None else {}
    known = {path.relative_to(settings.docs_dir).as_posix() for path in files}
    articles: list[Article] = []
    directives: list[Directive] = []
    pages: list[_Page] = []

    for path in files:
        if path.suffix in PAGE_SUFFIXES and path.suffix != ".md":
            # MkDocs renders these as pages too, but nothing here would check them.
            problems.append(Problem(settings.rel(path), 1, f"tệp Markdown phải có đuôi .md, không phải {path.suffix}"))
            continue
        if path.suffix != ".md":
            continue
        src_uri = path.relative_to(settings.docs_dir).as_posix()
        rel = settings.rel(path)
        if src_uri.startswith(reserved):
            continue
        kept = fresh.get(src_uri)
        if kept is None:
            try:
                text = _read_text(path)
            except OSError as exc:
                problems.append(Problem(rel, 1, f"không đọc được tệp ({exc.strerror})"))
                continue
            except UnicodeDecodeError as exc:
                problems.append(Problem(rel, 1, f"tệp không phải UTF-8 hợp lệ (byte lỗi ở vị trí {exc.start})"))
                continue
            kept = memo.pages.get(src_uri)
            if kept is None or kept[0] != text:
                fm = frontmatter.parse(text)
                kept = memo.pages[src_uri] = (text, fm, *_read_page(path, rel, src_uri, fm, settings))
        _, fm, read, found = kept
        problems.extend(found)
        if isinstance(read, Article):
            articles.append(read)
        elif isinstance(read, Directive):
            directives.append(read)
        pages.append(_Page(src_uri, rel, fm))

    kept_registry = memo.registry
    if (
        kept_registry is not None
        and len(kept_registry[0]) == len(directives)
        and all(kept is read for kept, read in zip(kept_registry[0], directives, strict=True))
    ):
        registry, found = kept_registry[1], kept_registry[2]
    else:
        registry, found = build_registry(directives, settings)
        memo.registry = (directives, registry, found)
        memo.mentions.clear()
    if apart is not None:
        memo.mentions.update(apart.mentions(directives))
    problems.extend(found)
    problems.extend(_check_duplicate_slugs(articles, settings))
    news = build_news(articles, settings)
    drafts = {a.src_uri for a in articles if a.draft}
    inventory = build_inventory(news, registry, Citations(), settings)
    # Always generated: the listings, the registry index, the search page and the honour section's index.
    generated = set(inventory.pages) | {layout.honours_index}
    problems.extend(collisions(known, inventory, settings))
    published = (known | generated) - drafts
    cites: dict[str, list[Directive]] = {}
    linked: dict[str, tuple[int, str | None]] = {}
    checker = LinkChecker(settings, published, drafts, generated, found=memo.links)
    problems.extend(output_conflicts(known, settings))
    problems.extend(check_nav(settings, published))
    for page in pages:
        body, body_line = page.fm.body, page.fm.body_line
        problems.extend(checker.check_page(page.src_uri, page.rel, body, body_line))
        mentioned = memo.mentions.get(page.src_uri)
        if mentioned is not None and mentioned[0] == body:
            _, found_citations, found, linked_body = mentioned
        else:
            _, found_citations, found, linked_body = memo.mentions[page.src_uri] = _mentions(
                page.rel, page.src_uri, body, body_line, registry, settings
            )
        problems.extend(found)
        cites[page.src_uri] = cited(found_citations)
        # MkDocs hands the body over without its leading blank lines.
        as_built = body.lstrip("\n")
        linked[page.src_uri] = (hash(as_built), linked_body if linked_body != as_built else None)
    problems.extend(checker.check_anchors())
    citations = build_citations(cites, news, registry, linked)
    rolls = (
        load_rolls(
            settings.honours_dir,
            settings.root,
            registry,
            published,
            settings=settings,
            processes=worker_count(settings.workers) if can_fork() else 1,
        )
        if read_honours
        else Rolls()
    )
    problems.extend(rolls.problems)
    source = SiteSource(
        articles, news, registry, citations, rolls, published, drafts, sort_problems(problems), checker.honour_links
    )
    if read_honours and source.honour_links:
        plan = plan_honours(rolls.decisions, settings, settings.split_over)
        source.check_honour_links(plan.pages, plan.redirects)
    return source


def _read_text(path: Path) -> str:
    """Return a page's text as MkDocs reads it ("utf-8-sig": Notepad starts a UTF-8 file with a BOM), normalised."""
    return nfc(path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"))


def _mentions(
    rel: str, src_uri: str, body: str, body_line: int, registry: Registry, settings: SiteSettings
) -> Mentions:
    """Resolve a page's directive mentions; return its body, the mentions, their problems, the linked body."""
    found_citations, found = check_mentions(rel, body, body_line, registry, settings)
    return body, found_citations, found, link_first_mentions(body, found_citations, src_uri).lstrip("\n")


def _read_apart(files: list[Path], settings: SiteSettings, reserved: tuple[str, ...]) -> ReadingApart | None:
    """Have another process read the last two fifths of the pages (:mod:`.reading_apart`), where it is worth it."""
    pages = [
        (path, src_uri)
        for path in files
        if path.suffix == ".md" and not (src_uri := path.relative_to(settings.docs_dir).as_posix()).startswith(reserved)
    ]
    in_registry = settings.registry_dir + "/"

    def read_one(path: Path, src_uri: str) -> PageReading | None:
        try:
            text = _read_text(path)
        except (OSError, UnicodeDecodeError):
            return None  # read here, where the problem is met
        fm = frontmatter.parse(text)
        read, found = _read_page(path, settings.rel(path), src_uri, fm, settings)
        return text, fm, read, found

    def mentions_of(path: Path, src_uri: str, reading: PageReading, registry: Registry) -> Mentions:
        fm = reading[1]
        return _mentions(settings.rel(path), src_uri, fm.body, fm.body_line, registry, settings)

    return read_apart(
        pages,
        [page for page in pages if page[1].startswith(in_registry)],
        settings,
        read_one,
        mentions_of,
        lambda directives: build_registry(directives, settings)[0],
    )


def site_inventory(source: SiteSource, settings: SiteSettings, split_over: int) -> Inventory:
    """Return every page and file a full build of ``source`` generates (its rolls read)."""
    plan = plan_honours(source.rolls.decisions, settings, split_over)
    return build_inventory(source.news, source.registry, source.citations, settings, plan, plan.digest())


def _read_page(
    path: Path, rel: str, src_uri: str, fm: frontmatter.FrontMatter, settings: SiteSettings
) -> tuple[Article | Directive | None, list[Problem]]:
    """Read one page's front matter as an article, a directive or an ordinary page, by its folder."""
    if src_uri.startswith(settings.news_dir + "/"):
        return read_article(path, fm, settings)
    if src_uri.startswith(settings.registry_dir + "/"):
        return read_directive(path, fm, settings)
    return None, _check_page_front_matter(rel, fm, settings)


def _check_page_front_matter(rel: str, fm: frontmatter.FrontMatter, settings: SiteSettings) -> list[Problem]:
    """Check the keys of an ordinary page the theme prints: text where text belongs, a template that exists."""
    reader = FieldReader(rel, fm)
    reader.text("title")
    reader.text("description")
    template = reader.text("template")
    if template is not None and settings.template_dirs:
        name = template.replace("\\", "/")
        safe = not name.startswith("/") and ".." not in name.split("/")
        if not safe or not any((folder / name).is_file() for folder in settings.template_dirs):
            reader.error("template", f"không có khuôn trang (template) '{template}' trong theme; bỏ khóa này")
    return reader.problems


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
