"""The RSS 2.0 feed of the latest articles."""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
from collections.abc import Mapping
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from .articles import Article
from .settings import SiteSettings

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")
_ATOM = "http://www.w3.org/2005/Atom"
_DC = "http://purl.org/dc/elements/1.1/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_MEDIA = "http://search.yahoo.com/mrss/"
_LINKED = re.compile(r"""(\s(?:href|src)=)(["'])(.*?)\2""")


def localise(moment: dt.datetime) -> dt.datetime:
    """Attach Vietnam's time zone (UTC+7) to a naive publication time."""
    return moment.replace(tzinfo=VIETNAM) if moment.tzinfo is None else moment


def render_rss(articles: list[Article], settings: SiteSettings, bodies: Mapping[str, str] | None = None) -> str:
    """Return the feed XML of the newest ``settings.feed_size`` articles.

    ``articles`` are already ordered newest first; links are absolute, built
    from ``settings.site_url``. ``bodies`` holds each article's rendered HTML
    by source path, given in full as ``content:encoded`` (known only once the
    pages are rendered; an article without one has its summary alone).
    """
    ET.register_namespace("atom", _ATOM)
    ET.register_namespace("dc", _DC)
    ET.register_namespace("content", _CONTENT)
    ET.register_namespace("media", _MEDIA)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", settings.site_name)
    _text(channel, "link", settings.absolute_url(""))
    _text(channel, "description", settings.site_description or settings.site_name)
    _text(channel, "language", "vi")
    ET.SubElement(
        channel,
        f"{{{_ATOM}}}link",
        {"href": settings.absolute_url(settings.layout.feed), "rel": "self", "type": "application/rss+xml"},
    )
    latest = articles[: settings.feed_size]
    if latest:
        _text(channel, "lastBuildDate", format_datetime(localise(latest[0].published)))
    for article in latest:
        item = ET.SubElement(channel, "item")
        link = settings.absolute_url(article.url)
        _text(item, "title", article.title)
        _text(item, "link", link)
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = link
        _text(item, "pubDate", format_datetime(localise(article.published)))
        _text(item, "description", article.summary)
        _text(item, "category", article.category)
        for tag in article.tags:
            _text(item, "category", tag.name)
        if article.author:
            _text(item, f"{{{_DC}}}creator", article.author)
        body = (bodies or {}).get(article.src_uri)
        if body is not None:
            _text(item, f"{{{_CONTENT}}}encoded", absolute_links(body, link))
        if article.image is not None:
            _add_image(item, article, settings)
    ET.indent(rss)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def absolute_links(html: str, base: str) -> str:
    """Return ``html`` with every ``href`` and ``src`` made absolute from the page at ``base``, for feed readers."""
    return _LINKED.sub(lambda m: f"{m.group(1)}{m.group(2)}{urljoin(base, m.group(3))}{m.group(2)}", html)


def _add_image(item: ET.Element, article: Article, settings: SiteSettings) -> None:
    """Give an item its cover image, as Media RSS does (no file size needed, unlike an enclosure)."""
    assert article.image is not None
    image = article.image
    url = image.path if image.is_remote else settings.absolute_url(image.path)
    attributes = {"url": url, "medium": "image"}
    kind = mimetypes.guess_type(image.path)[0]
    if kind:
        attributes["type"] = kind
    content = ET.SubElement(item, f"{{{_MEDIA}}}content", attributes)
    if image.alt:
        ET.SubElement(content, f"{{{_MEDIA}}}description").text = image.alt


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text
