"""In ``mkdocs serve``: a page whose inputs did not change since the last preview is not converted or rendered again.

Each save rebuilds the whole site, and MkDocs would convert every Markdown
page and render every template again: at 2.000 articles that is most of the
rebuild. The plugin instance lives across the preview's rebuilds, so it keeps
two things of each page from one build to the next, each under a key made of
everything that can change it:

- **the conversion** (Markdown → HTML, table of contents, title) of an
  editor's article or directive page, keyed by the file's bytes and what its
  Markdown is read with: the configuration, the directives (mentions become
  links), every file's address (links are resolved against them) and the day
  (a page without a date of its own is dated by the build);
- **the rendered page**, keyed by what its template shows: the page's HTML,
  title, table of contents, metadata and address, the Bảng Vàng context
  handed to it (its articles, links, counts: dataclasses, compared by value),
  the navigation, the theme's files and the configuration.

A key that matches gives back the page's earlier result; any other is
converted or rendered as on a clean build, so a page whose inputs changed is
never stale. Only pages with this plugin's own contexts are kept, and only
when no other plugin has a page event (it could change what the key does not
see). The honour section is reused as a whole by its own cache; when a saved
decision makes it anew, the pages of the other decisions are kept as files,
their contexts compared by identity (:meth:`RenderCache.reuse_placed`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..core.articles import Article
from .theme import editable_dirs

REUSED_TEMPLATE = "bv-reused.html"
"""The template a reused page is rendered with: it prints the kept output (``bv_reused``) as it is."""

_MATERIAL_VERSION = metadata.version("mkdocs-material")
_PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")


@dataclass(frozen=True)
class Converted:
    """A page's Markdown as converted by an earlier build: what MkDocs' reading and conversion set on the page."""

    key: bytes
    markdown: str
    meta: dict[str, object]
    content: str
    toc: TableOfContents
    title_from_render: str | None
    present_anchor_ids: frozenset[str]
    update_date: str
    links_to_anchors: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """The page's links to anchors of other pages, by the linked page's source path (MkDocs checks them)."""


def conversion_of(page: Page, key: bytes) -> Converted:
    """What reading and converting set on the page (after every plugin's page_markdown and page_content)."""
    assert page.markdown is not None and page.content is not None
    return Converted(
        key,
        page.markdown,
        dict(page.meta),
        page.content,
        page.toc,
        page._title_from_render,
        frozenset(page.present_anchor_ids or ()),
        page.update_date,
        tuple((linked.src_uri, tuple(anchors.items())) for linked, anchors in (page.links_to_anchors or {}).items()),
    )


def take_source(page: Page, kept: Converted) -> None:
    """Read the page as ``kept`` was read: its Markdown and metadata as the plugins left them."""
    page.markdown = kept.markdown
    page.meta = dict(kept.meta)  # the build changes a page's meta (its template): never the kept one's


def apply_conversion(page: Page, kept: Converted, files: Files) -> None:
    """Convert the page as ``kept`` was converted."""
    page.content = kept.content
    page.toc = kept.toc
    page._title_from_render = kept.title_from_render
    page.present_anchor_ids = set(kept.present_anchor_ids)
    page.update_date = kept.update_date
    # The linked files are this build's: a kept conversion is used with the same files' addresses.
    page.links_to_anchors = {
        linked: dict(anchors)
        for src_uri, anchors in kept.links_to_anchors
        if (linked := files.get_file_from_path(src_uri)) is not None
    }


_Made = TypeVar("_Made", bound=Page)


def take_over(file: File, kind: type[_Made]) -> _Made:
    """Make the page MkDocs made for ``file`` one of ``kind``, a subclass whose state the caller then sets.

    A new page would run MkDocs' page constructor a second time (it works out
    the canonical and edit addresses) for every page of every preview, and
    would drop what another plugin's ``on_nav`` set on the page.
    """
    page = file.page
    assert page is not None
    page.__class__ = kind
    return cast(_Made, page)


class ReusedPage(Page):
    """A page whose Markdown did not change: reading and converting it hand back the earlier build's result."""

    kept: Converted

    def read_source(self, config: MkDocsConfig) -> None:
        take_source(self, self.kept)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        apply_conversion(self, self.kept, files)


class BlankPage(Page):
    """A generated page whose Markdown is its front matter only: nothing to convert, so no converter is made.

    MkDocs builds a Markdown converter for every page (a third of a
    millisecond with Material's extensions); the thousand listing pages of
    2.000 articles have no body to give it. The result is what converting
    nothing gives: no HTML, an empty table of contents, no title, no anchors.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        self.content = ""
        self.toc = TableOfContents([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def _digest(parts: Iterable[str | bytes]) -> bytes:
    """Hash the parts, each length-prefixed so that no two different sequences hash alike."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()


def _toc_text(items: Iterable[AnchorLink]) -> Iterable[str]:
    for item in items:
        yield f"{item.level}|{item.id}|{item.title}|{item.url}|{len(item.children)}"
        yield from _toc_text(item.children)


def _nav_text(items: Iterable[object]) -> Iterable[str]:
    for item in items:
        if isinstance(item, Section):
            yield f"S|{item.title}|{len(item.children)}"
            yield from _nav_text(item.children)
        else:
            yield f"{type(item).__name__}|{getattr(item, 'title', '')}|{getattr(item, 'url', '')}"


def theme_digest(folders: Sequence[str]) -> bytes:
    """Hash the name, size and modification time of every file of the theme's folders (an edit changes them).

    Material's own folder (thousands of icons) is named by its version: an installed package is not edited.
    """
    parts = [f"mkdocs-material={_MATERIAL_VERSION}"]
    for folder in editable_dirs(folders):
        for path in sorted(folder.rglob("*")):
            stat = path.stat()
            parts.append(f"{path}|{stat.st_size}|{stat.st_mtime_ns}")
    return _digest(parts)


class ShownTexts:
    """A page's context written out by value, as ``repr`` would, each dataclass instance once (as a hash).

    Listing pages share their articles: each one's text is kept, by identity,
    for the next page of the build. An article whose file did not change is
    the same object in the next build (``core.site.ReadMemo``), and its fields
    are all immutable: its text is kept for that build too, with a reference
    to the object, so that no other object can take its identity meanwhile.
    """

    def __init__(self) -> None:
        self._now: dict[int, str] = {}
        self._lasting: dict[int, tuple[object, str]] = {}
        self._before: dict[int, tuple[object, str]] = {}

    def begin(self) -> None:
        """Start a build: forget this build's objects; keep the articles' texts of the last one for this one."""
        self._now = {}
        self._before, self._lasting = self._lasting, {}

    def text(self, value: object) -> str:
        """Return ``value`` written out."""
        kind = type(value)
        if kind in _PLAIN:
            return repr(value)
        names = _field_names(kind)
        if names is not None:
            known = self._now.get(id(value))
            if known is not None:
                return known
            lasting = isinstance(value, Article)
            earlier = self._before.get(id(value)) if lasting else None
            known = earlier[1] if earlier is not None and earlier[0] is value else self._written_out(value, names)
            self._now[id(value)] = known
            if lasting:
                self._lasting[id(value)] = (value, known)
            return known
        if isinstance(value, list | tuple):
            return f"{kind.__name__}[{','.join(self.text(item) for item in value)}]"
        if isinstance(value, dict):
            return "{" + ",".join(f"{k!r}:{self.text(v)}" for k, v in value.items()) + "}"
        return repr(value)

    def _written_out(self, value: object, names: tuple[str, ...]) -> str:
        """Write out a dataclass instance field by field (``names``), as its type and the hash of that text.

        The hash stands for the instance wherever it is shown: an article is
        on dozens of listing pages, which would otherwise each write it out
        whole into their keys (40 MB hashed a save at 2.000 articles; 13 MB since).
        """
        inner = ",".join(f"{name}={self.text(getattr(value, name))}" for name in names)
        return f"{type(value).__qualname__}#{_digest([inner]).hex()}"


_PLAIN = frozenset({str, int, float, bool, type(None)})
"""The types a context holds most, written out by ``repr`` at once."""


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The names of a dataclass type's fields in order, or None for any other type (found once per type)."""
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    return _FIELD_NAMES[kind]


Tally = tuple[str, tuple[int, int]]
"""Where the honour manifest counts a page's rows, and their count and sum of anchor hashes."""


@dataclass(frozen=True)
class Placed:
    """An honour page of the last preview whose file is reused as it lies: its key, context and rows counted."""

    key: bytes
    context: object
    """The plan's context of the page, held against the next build's by identity (:class:`RenderCache`)."""
    tally: Tally | None


@dataclass
class RenderCache:
    """Conversions and rendered pages kept from one preview build to the next (see the module's docstring)."""

    converted: dict[str, Converted] = field(default_factory=dict)
    rendered: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    markdown_key: bytes = b""
    """What every page's conversion depends on besides its own file, for the build under way."""
    site_key: bytes = b""
    """What every page's rendering depends on besides its own context, for the build under way."""
    _converting: dict[str, bytes] = field(default_factory=dict)
    _rendering: dict[str, bytes] = field(default_factory=dict)
    _reusing: dict[str, Markup] = field(default_factory=dict)
    _shown: ShownTexts = field(default_factory=ShownTexts)
    placed: dict[str, Placed] = field(default_factory=dict)
    """The honour pages of the last build that planned them, by source path (:meth:`reuse_placed`)."""
    _placing: dict[str, tuple[bytes, object]] = field(default_factory=dict)
    placed_again: list[str] = field(default_factory=list)
    """Honour pages the last build took as they were (:meth:`reuse_placed`)."""
    reconverted: list[str] = field(default_factory=list)
    """Pages converted by the last build (the others were reused): what the tests and the log look at."""
    rerendered: list[str] = field(default_factory=list)
    """Pages rendered by the last build (the others were reused)."""

    @staticmethod
    def usable(config: MkDocsConfig, owner: object) -> bool:
        """Tell whether every page event of the build belongs to ``owner`` (this plugin): only then are keys whole."""
        events = config.plugins.events
        return all(getattr(hook, "__self__", None) is owner for name in _PAGE_EVENTS for hook in events[name])

    def begin(
        self, config: MkDocsConfig, files: Iterable[File], nav: Navigation, site_parts: Iterable[str | bytes]
    ) -> None:
        """Start a build: compute the keys every page shares; ``files`` are those a page's links may point to."""
        self._converting.clear()
        self._rendering.clear()
        self._placing.clear()
        self._shown.begin()
        self.reconverted, self.rerendered, self.placed_again = [], [], []
        config_file = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        shared = [
            config_file,
            repr(config.markdown_extensions),
            repr(config.mdx_configs),
            repr(config.validation),
            repr(config.extra_css),
            repr(config.extra_javascript),
            str(config.use_directory_urls),
            config.site_url or "",
            dt.date.today().isoformat(),
            *site_parts,
        ]
        files_text = "\n".join(f"{f.src_uri}|{f.dest_uri}|{f.url}|{f.inclusion.value}" for f in files)
        self.markdown_key = _digest([*shared, files_text])
        self.site_key = _digest(
            [
                self.markdown_key,
                theme_digest(config.theme.dirs),
                repr(config.extra),
                repr(dict(config.theme.items())),
                "\n".join(_nav_text(nav.items)),
            ]
        )

    def reuse_conversions(self, files: Files, pages: Iterable[tuple[str, object]]) -> None:
        """Give each of these pages (outside the navigation) whose source did not change its earlier conversion.

        Each comes with what its reading shows besides its source: for a page
        the plugin generates, its context (the dates and descriptions of its
        metadata come from it); for an editor's page, None.
        """
        for src_uri, context in pages:
            file = files.get_file_from_path(src_uri)
            if file is None or file.page is None:
                continue
            source = file.content_bytes if file.generated_by is not None else Path(file.abs_src_path or "").read_bytes()
            key = _digest([self.markdown_key, src_uri, source, self._shown.text(context)])
            kept = self.converted.get(src_uri)
            if kept is not None and kept.key == key:
                take_over(file, ReusedPage).kept = kept
            else:
                self._converting[src_uri] = key

    def keep_conversions(self, files: Files) -> None:
        """Once every page is converted: keep the conversions made by this build."""
        for src_uri, key in self._converting.items():
            file = files.get_file_from_path(src_uri)
            page = file.page if file is not None else None
            if page is None or page.content is None or page.markdown is None:
                self.converted.pop(src_uri, None)
                continue
            self.reconverted.append(src_uri)
            self.converted[src_uri] = conversion_of(page, key)

    def render_key(self, page: Page, shown: object) -> bytes:
        """Key one page's rendering: the page as the template reads it, and ``shown`` (its context, by value)."""
        neighbours = [page.previous_page, page.next_page, *page.ancestors]
        # A conversion's key stands for what it gave, whether this build made it or reused it.
        conversion = page.kept.key if isinstance(page, ReusedPage) else self._converting.get(page.file.src_uri)
        if conversion is not None:
            converted: list[str | bytes] = [conversion]
        else:
            converted = [
                page.content or "",
                page.markdown or "",
                "\n".join(_toc_text(page.toc)),
                repr(sorted((key, repr(value)) for key, value in page.meta.items())),
            ]
        return _digest(
            [
                self.site_key,
                page.file.src_uri,
                page.url,
                page.canonical_url or "",
                page.edit_url or "",
                str(page.is_homepage),
                page.title or "",
                *converted,
                page.update_date,
                "\n".join(f"{getattr(n, 'title', '')}|{getattr(n, 'url', '')}" for n in neighbours),
                self._shown.text(shown),
            ]
        )

    def reuse_renderings(self, shown: Iterable[tuple[Page, object]]) -> None:
        """Before MkDocs renders any page: each page whose key matches is to print its earlier output.

        MkDocs picks a page's template before its context event, so the choice
        is made here for all pages at once: those reused get ``REUSED_TEMPLATE``.
        """
        self._reusing.clear()
        for page, context in shown:
            src_uri = page.file.src_uri
            key = self.render_key(page, context)
            kept = self.rendered.get(src_uri)
            if kept is not None and kept[0] == key:
                page.meta["template"] = REUSED_TEMPLATE
                self._reusing[src_uri] = Markup(kept[1])
            else:
                self._rendering[src_uri] = key

    def reuse_placed(self, pages: Iterable[tuple[Page, object, object]], present: Callable[[str], bool]) -> None:
        """Before the honour pages are rendered: find those whose last file can be taken as it is.

        Each page comes with what its template shows besides its plan context,
        by value, and that context. A preview plans an unchanged decision's
        pages once (``core.honours.plan.PlanMemo``): the next plan gives them
        the very same context objects, read and never changed. So a page whose
        key matches and whose context is the same object shows what it showed;
        its context, made of thousands of rows, is never written out. The file
        must still be there to take (``present``, by its output path).
        """
        for page, shown, context in pages:
            src_uri = page.file.src_uri
            key = self.render_key(page, shown)
            kept = self.placed.get(src_uri)
            if kept is not None and kept.key == key and kept.context is context and present(page.file.dest_uri):
                self.placed_again.append(src_uri)
            else:
                self._placing[src_uri] = (key, context)

    def keep_placed(self, tally_of: Callable[[str], Tally | None]) -> None:
        """Once the honour pages are written and counted: keep this build's, and forget those it no longer has."""
        placed = {src_uri: self.placed[src_uri] for src_uri in self.placed_again}
        for src_uri, (key, context) in self._placing.items():
            placed[src_uri] = Placed(key, context, tally_of(src_uri))
        self.placed = placed

    def reused_output(self, page: Page) -> Markup | None:
        """Return the earlier output a page reuses, or None if it is rendered."""
        return self._reusing.get(page.file.src_uri)

    @property
    def reused(self) -> list[str]:
        """The pages this build reuses (rendered with ``REUSED_TEMPLATE``, or not rendered at all)."""
        return [*self._reusing, *self.placed_again]

    def keep_rendering(self, page: Page, output: str) -> None:
        """Keep a page's output under the key it was rendered with (a no-op for pages not keyed or reused)."""
        key = self._rendering.pop(page.file.src_uri, None)
        if key is not None:
            self.rerendered.append(page.file.src_uri)
            self.rendered[page.file.src_uri] = (key, output)
