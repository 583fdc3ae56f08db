"""Parts of Material's layout that many pages draw alike, drawn once per build for each way they come out.

Material draws the navigation (and, with ``navigation.tabs``, the tabs) and
the ``__config`` script on every page: at 2.000 articles they are a tenth of
the build's work. What they show depends on a page in three ways only:

- the addresses they link to, each made relative to the page by MkDocs'
  ``url`` filter (the page's ``base_url`` too);
- the navigation items lit (``active``) for the page;
- whether the page is itself in the navigation (the item drawn as the current
  one, with its table of contents).

So for a page outside the navigation each part is drawn once for every set
of lit items: its ``url`` filter's inputs are kept while it is drawn, and
another page whose lit items are the same and whose ``base_url`` and
addresses for those inputs come out the same gets the same text, by
construction. A page in the navigation, or a page without one, is drawn as
Material draws it. What was drawn is forgotten at the start of each build.

Material's translations (``lang.t(key)``, a dozen on every page, each made
from a literal of all its words) are looked up once a build for each key: a
word depends on the theme's language and the key only.

This holds for Material's own templates: they pass the ``url`` filter only
the navigation's and the theme's addresses, never the page's. A site whose
``custom_dir`` replaces a template these parts use draws every part on every
page, as Material does. A test holds a site built with sharing to the same
site built without, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, TemplateNotFound, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .theme import MATERIAL_DIR

MATERIAL = "bangvang-material"
"""The prefix under which the template environment finds Material's own templates first, whatever a site's
``custom_dir`` holds (``bangvang-material/partials/nav.html``)."""

PARTIALS = ("partials/nav.html", "partials/tabs.html")
"""Material's partials we replace by one that shares its drawing (``{{ bv_shared(name) }}``)."""
LANGUAGE = "partials/language.html"
"""Material's translations, which we replace by one whose ``t`` looks each key up once (``bv_translated``)."""

SOURCES = (
    "base.html",
    "partials/nav-item.html",
    "partials/tabs-item.html",
    "partials/logo.html",
    "partials/source.html",
)
"""The templates the shared parts draw with: each must be Material's own, or nothing is shared."""


class SharedParts:
    """Draws the shared parts of one build's pages: ``bv_shared`` in the templates."""

    share = True
    """False draws every part on every page (the tests compare both)."""

    def __init__(self) -> None:
        self.enabled = False
        self._drawn: dict[tuple[object, ...], str] = {}
        self._inputs: dict[tuple[object, ...], list[str]] = {}
        self._items: list[StructureItem] = []
        self._nav: Navigation | None = None
        self._words: dict[str, str] = {}
        self.draws = 0
        """Parts drawn in this build (a test counts them against the pages)."""

    def start(self, env: Environment, material_templates: Path) -> None:
        """Before a build renders its pages: forget the last build's parts, and give its templates ``bv_shared``."""
        self._drawn.clear()
        self._inputs.clear()
        self._words.clear()
        self._nav = None
        self.draws = 0
        assert env.loader is not None
        env.loader = ChoiceLoader([PrefixLoader({MATERIAL: FileSystemLoader(str(material_templates))}), env.loader])
        self.enabled = self.share and all(_from(env, name, material_templates) for name in SOURCES)
        env.globals["bv_shared"] = self._shared
        env.globals["bv_translated"] = self._translated

    @pass_context
    def _translated(self, context: Context, key: str) -> str:
        """Return Material's translation of ``key`` (its ``t`` macro's text), looked up once a build."""
        kept = self._words.get(key)
        if kept is None:
            template = context.environment.get_template(f"{MATERIAL}/{LANGUAGE}")
            module: Any = template.make_module(context.get_all())
            kept = module.t(key)  # Markup where the environment escapes: kept as the macro gave it
            if self.share:
                self._words[key] = kept
        return kept

    @pass_context
    def _shared(self, context: Context, name: str, draw: Callable[[], str] | None = None) -> str:
        """Return the part ``name``: a partial of Material's, or a block whose parent (``super``) is ``draw``."""
        page, nav = context.get("page"), context.get("nav")
        if not self.enabled or not isinstance(page, Page) or not isinstance(nav, Navigation) or page in nav.pages:
            return self._draw(context, name, draw)
        shape = (name, *self._lit(nav))
        inputs = self._inputs.get(shape)
        if inputs is None:
            inputs = self._inputs[shape] = []
            text = self._draw(context, name, draw, recording=inputs)
            self._drawn[self._key(context, shape, inputs)] = text
            return text
        key = self._key(context, shape, inputs)
        kept = self._drawn.get(key)
        if kept is None:
            kept = self._drawn[key] = self._draw(context, name, draw)
        return kept

    def _key(self, context: Context, shape: tuple[object, ...], inputs: list[str]) -> tuple[object, ...]:
        url = context.environment.filters["url"]
        return (*shape, context.get("base_url"), *(url(context, value) for value in inputs))

    def _draw(
        self, context: Context, name: str, draw: Callable[[], str] | None, recording: list[str] | None = None
    ) -> str:
        """Draw the part as Material would: its partial rendered with the including page's context, or ``draw``.

        ``recording``, when given, gets each value handed to the ``url`` filter meanwhile.
        """
        self.draws += 1
        env = context.environment
        url = env.filters["url"]
        if recording is not None:

            @pass_context
            def recorded(context: Any, value: str) -> str:
                recording.append(value)
                return str(url(context, value))

            env.filters["url"] = recorded
        try:
            if draw is not None:
                return str(draw())
            template = env.get_template(f"{MATERIAL}/{name}")
            return Markup("".join(template.root_render_func(template.new_context(context.get_all(), shared=True))))
        finally:
            env.filters["url"] = url

    def _lit(self, nav: Navigation) -> Iterator[int]:
        """The positions of the lit items of ``nav`` (in a walk of it all)."""
        if nav is not self._nav:
            self._nav, self._items = nav, list(_walk(nav.items))
        return (position for position, item in enumerate(self._items) if getattr(item, "active", False))


def _walk(items: list[StructureItem]) -> Iterator[StructureItem]:
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from _walk(item.children)


def _from(env: Environment, name: str, folder: Path) -> bool:
    """Tell whether the environment finds ``name`` in ``folder`` (Material's templates), not in a site's."""
    assert env.loader is not None
    try:
        _, filename, _ = env.loader.get_source(env, name)
    except TemplateNotFound:
        return True  # not used by this Material
    return filename is not None and Path(filename).resolve().is_relative_to(folder.resolve())


def material_templates(dirs: list[str]) -> Path | None:
    """Return Material's installed templates folder among the theme's folders, if it is there."""
    for folder in dirs:
        path = Path(folder).resolve()
        if path.is_relative_to(MATERIAL_DIR):
            return path
    return None
