"""Static redirect pages at the addresses places had before they were keyed by current unit.

A link shared before the 2025 reform ("…/tinh-ha-tinh/xa-thien-loc-huyen-can-loc/",
"…/tinh-quang-binh/") must still lead somewhere: a small HTML page at the old
address sends the visitor to the page listing the place now, as
mkdocs-redirects writes them (a meta refresh, a script that keeps the
entry's #anchor, a canonical link), in Vietnamese, kept out of search engines
(noindex). Every address in it is relative, so the site works under any
sub-path and with or without directory URLs. It is a file, not a page: no
sitemap entry, no search index, no entries for the manifest to count.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass

from ..inventory import output_path
from ..settings import SiteSettings
from .rows import escape


@dataclass(frozen=True)
class Redirect:
    """A redirect page: the file written at the old address, and where it leads."""

    path: str
    """The file at the old address ("vinh-danh/dia-phuong/tinh-quang-binh/index.html")."""
    target: str
    """The new page's address relative to the old one ("../tinh-quang-tri/")."""
    title: str
    html: str


def relative_url(from_file: str, to_url: str) -> str:
    """Return the URL of the page ``to_url`` (site-relative) from the file ``from_file``, as mkdocs-redirects does."""
    target = posixpath.relpath(to_url or ".", posixpath.dirname(from_file) or ".")
    return target + "/" if to_url.endswith("/") or not to_url else target


def redirect_page(old_src: str, new_src: str, title: str, settings: SiteSettings) -> Redirect:
    """Return the redirect from the page address ``old_src`` to the page ``new_src`` (titled ``title``)."""
    layout = settings.layout
    path = output_path(layout.url(old_src))
    new_url = layout.url(new_src)
    target = relative_url(path, new_url)
    canonical = settings.absolute_url(new_url) if settings.site_url else target
    shown, href = escape(title), escape(target)
    in_script = json.dumps(target).replace("<", "\\u003c")  # script text is not HTML: no entities there
    page = (
        "<!doctype html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Đã chuyển: {shown}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        # The script keeps a link's #anchor (an entry's row), which the refresh would drop.
        f"<script>location.replace({in_script} + location.hash)</script>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n<body>\n"
        f'<p>Trang này đã chuyển đến <a href="{href}">{shown}</a>.</p>\n'
        "</body>\n</html>\n"
    )
    return Redirect(path, target, title, page)
