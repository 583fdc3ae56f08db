"""Structured data for search engines (JSON-LD): NewsArticle on articles, Dataset on decisions' pages."""

from __future__ import annotations

import json
from typing import Any

from .feed import localise
from .honours.pages import DecisionContext
from .inventory import ArticlePage, GeneratedPage, PageContext
from .settings import SiteSettings
from .share import honour_preview


def structured_data(context: PageContext, generated: GeneratedPage | None, settings: SiteSettings) -> str:
    """Return the JSON-LD of a page, ready to go inside ``<script type="application/ld+json">``, or ""."""
    data: dict[str, Any] | None = None
    if isinstance(context, ArticlePage):
        data = news_article(context, settings)
    elif generated is not None:
        data = dataset(generated, settings)
    if data is None:
        return ""
    # "</" would end the script element early; JSON allows "<" written as \u003c.
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def news_article(context: ArticlePage, settings: SiteSettings) -> dict[str, Any]:
    """An article as a NewsArticle: headline, dates, image, author and publisher."""
    article = context.article
    url = settings.absolute_url(article.url)
    publisher = {"@type": "Organization", "name": settings.site_name, "url": settings.absolute_url("")}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "vi",
        "datePublished": localise(article.published).isoformat(),
        "dateModified": localise(article.published).isoformat(),
        "articleSection": article.category,
        "author": {"@type": "Organization", "name": article.author} if article.author else publisher,
        "publisher": publisher,
    }
    image = article.image.path if article.image else settings.default_image
    if image:
        data["image"] = [image if image.lower().startswith(("http://", "https://")) else settings.absolute_url(image)]
    if article.tags:
        data["keywords"] = [tag.name for tag in article.tags]
    return data


def dataset(page: GeneratedPage, settings: SiteSettings) -> dict[str, Any] | None:
    """A decision's page as a Dataset whose distributions are its open-data file (CSV)."""
    honour = getattr(page.context, "honour", None)
    preview = honour_preview(page)
    if not isinstance(honour, DecisionContext) or preview is None:
        return None
    decision = honour.decision
    layout = settings.layout
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": preview.title,
        "description": preview.description,
        "url": settings.absolute_url(page.url),
        "identifier": decision.number,
        "inLanguage": "vi",
        "datePublished": decision.signed.isoformat(),
        "temporalCoverage": decision.period.replace("-", "/"),
        "spatialCoverage": sorted({group.place.province for group in honour.groups}),
        "creator": {"@type": "GovernmentOrganization", "name": decision.issuer.name},
        "publisher": {"@type": "Organization", "name": settings.site_name, "url": settings.absolute_url("")},
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": settings.absolute_url(layout.decision_export(decision.slug, "csv")),
            }
        ],
    }
