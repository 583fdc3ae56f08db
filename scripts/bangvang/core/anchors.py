"""The anchors a page will have once built: heading ids, attribute-list ids and raw HTML ids.

The build validates links to anchors against the ids of the rendered page, so
the check renders the page the same way, with Python-Markdown and the site's
own extensions (the ``toc`` extension's slugify as configured), and collects
the same ids MkDocs collects. Pages are rendered only when a link asks for one
of their anchors.
"""

from __future__ import annotations

import html.parser
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from .text import closest

DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code")


class _IdCollector(Treeprocessor):  # type: ignore[misc]
    """Collects the id of every element, and the name of every <a>, after ``toc`` gave headings theirs."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, root: Element) -> None:
        for element in root.iter():
            if anchor := element.get("id"):
                self.ids.add(anchor)
            if element.tag == "a" and (anchor := element.get("name")):
                self.ids.add(anchor)


class _HtmlIds(html.parser.HTMLParser):
    """Collects ids (and <a name>) written in raw HTML, as MkDocs does before Markdown stashes it."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


class AnchorReader:
    """Renders Markdown pages with the site's extensions to learn their anchors; one instance per check."""

    def __init__(self, extensions: Sequence[object], configs: Mapping[str, Mapping[str, Any]]) -> None:
        self._extensions = list(extensions) or list(DEFAULT_EXTENSIONS)
        self._configs = {name: dict(values) for name, values in configs.items()}
        self._md: markdown.Markdown | None = None
        self._collector: _IdCollector | None = None
        self.failed = False

    def _markdown(self) -> tuple[markdown.Markdown, _IdCollector] | None:
        if self._md is None and not self.failed:
            try:
                md = markdown.Markdown(extensions=self._extensions, extension_configs=self._configs)
            except Exception:
                self.failed = True
                return None
            collector = _IdCollector(md)
            # After 'toc' (5), which gives headings their ids; MkDocs collects at the same point.
            md.treeprocessors.register(collector, "bangvang_anchors", 4)
            self._md, self._collector = md, collector
        if self._md is None or self._collector is None:
            return None
        return self._md, self._collector

    def anchors(self, text: str) -> set[str] | None:
        """Return the anchors of a page body once rendered, or None when it cannot be rendered here."""
        made = self._markdown()
        if made is None:
            return None
        md, collector = made
        collector.ids = set()
        try:
            md.reset().convert(text)
        except Exception:
            return None
        parser = _HtmlIds()
        try:
            parser.feed(text)
            parser.close()
        except Exception:
            pass
        return collector.ids | parser.ids


def closest_anchor(anchor: str, anchors: set[str]) -> str | None:
    """Return the page anchor a mistyped one most probably meant, or None."""
    return closest(anchor, sorted(anchors))
