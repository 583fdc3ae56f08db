"""The crawlers' rules (``robots.txt``): everything may be crawled, and the sitemap is named."""

from __future__ import annotations

from .settings import SiteSettings


def render_robots(settings: SiteSettings) -> str:
    """Return ``robots.txt``: allow every crawler, and point to the sitemap when the site's address is known.

    The Sitemap line must be an absolute URL, so a site without ``site_url`` has none.
    """
    lines = ["User-agent: *", "Allow: /"]
    if settings.site_url:
        lines += ["", f"Sitemap: {settings.absolute_url(settings.layout.sitemap)}"]
    return "\n".join(lines) + "\n"
