"""The real dates the sitemap gives search engines, instead of the build's day."""

from __future__ import annotations

import datetime as dt

from .honours.pages import DecisionContext, DecisionPlaceContext, HonourContext
from .inventory import ArticlePage, DirectivePage, HonourSectionPage, PageContext


def last_modified(context: PageContext) -> dt.date | None:
    """Return the day a page's content dates from, or None for a page that changes with every build.

    An article dates from its publication, a directive and a decision's pages from
    their signing: the articles have no "updated" date to prefer.
    """
    if isinstance(context, ArticlePage):
        return context.article.date
    if isinstance(context, DirectivePage):
        return context.directive.signed
    if isinstance(context, HonourSectionPage):
        return honour_last_modified(context.honour)
    return None


def honour_last_modified(honour: HonourContext) -> dt.date | None:
    """Return the signing day of a decision's pages, None for the honour section's other pages."""
    if isinstance(honour, DecisionContext | DecisionPlaceContext):
        return honour.decision.signed
    return None
