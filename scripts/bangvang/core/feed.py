"""The RSS 2.0 feed of the latest articles."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from .articles import Article
from .settings import SiteSettings

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")
_ATOM = "http://www.w3.org/2005/Atom"
_DC = "http://purl.org/dc/elements/1.1/"


def localise(moment: dt.datetime) -> dt.datetime:
    """Attach Vietnam's time zone (UTC+7) to a naive publication time."""
    return moment.replace(tzinfo=VIETNAM) if moment.tzinfo is None else moment


def render_rss(articles: list[Article], settings: SiteSettings) -> str:
    """Return the feed XML of the newest ``settings.feed_size`` articles.

    ``articles`` are already ordered newest first; links are absolute, built
    from ``settings.site_url``.
    """
    ET.register_namespace("atom", _ATOM)
    ET.register_namespace("dc", _DC)
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
    ET.indent(rss)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text
