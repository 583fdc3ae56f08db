"""Reading built HTML in tests: meta tags, links, and whether relative links resolve."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str, name: str | None = None) -> list[dict[str, str]]:
    """Return the attributes of every start tag (of one name, if given)."""
    collector = _Collector()
    collector.feed(html)
    return [attrs for tag, attrs in collector.tags if name is None or tag == name]


def meta(html: str) -> dict[str, list[str]]:
    """Return the content of every <meta property|name>, keyed by property or name."""
    found: dict[str, list[str]] = {}
    for attrs in tags(html, "meta"):
        key = attrs.get("property") or attrs.get("name")
        if key:
            found.setdefault(key, []).append(attrs.get("content", ""))
    return found


def hrefs(html: str, selector_class: str | None = None) -> list[str]:
    """Return every <a href>, optionally of anchors with a given class."""
    return [
        a["href"]
        for a in tags(html, "a")
        if "href" in a and (selector_class is None or selector_class in a.get("class", "").split())
    ]


def broken_relative_links(site_dir: Path, prefix: str) -> list[str]:
    """Return "page -> link" for every href/src of the site that points at nothing.

    ``prefix`` is the sub-path the site is served under ("/hoi-khuyen-hoc/"):
    only the 404 page may use absolute paths, and they must start with it.
    """
    broken = []
    for page in site_dir.rglob("*.html"):
        page_url = page.relative_to(site_dir).as_posix()
        html = page.read_text(encoding="utf-8")
        for attrs in tags(html):
            for attr in ("href", "src"):
                value = attrs.get(attr)
                if not value or value.startswith(("#", "mailto:", "data:", "javascript:")):
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc:
                    continue
                if value.startswith("/"):
                    if page_url != "404.html" or not value.startswith(prefix):
                        broken.append(f"{page_url} -> {value} (absolute)")
                        continue
                    target = unquote(parts.path)[len(prefix) :]
                else:
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(parts.path)))
                path = site_dir / target
                if path.is_dir():
                    path = path / "index.html"
                if not path.exists():
                    broken.append(f"{page_url} -> {value}")
    return broken
