"""Entry rows as HTML: the hot path of the honour pages, rendered here rather than in Jinja.

A province's rolls put hundreds of thousands of rows on decision and place
pages; a Jinja macro costs several times more per row than this formatter.
The table around the rows, and everything else on the pages, stays in the
theme's templates. Every row carries its stable anchor
("<decision>-stt-<n>"), which the manifest counts; rows are alike on
decision and place pages (a place page's sections say the decision once).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markupsafe import Markup

from ..mentions import NUMBER
from .model import KINDS, Decision, HonourEntry


def escape(text: str) -> str:
    """Escape text for HTML content and attributes (plain C string passes: cheap at a province's scale)."""
    return html.escape(text, quote=True)


_KIND_LABELS = {kind: escape(label) for kind, label in KINDS.items()}
_VILLAGES_KEPT = 1 << 16


def number_html(number: str) -> Markup:
    """Return a decision or directive number that never breaks inside ("1568/QĐ-" / "UBND")."""
    return Markup(f'<span class="bv-no">{escape(number)}</span>')


def with_number_html(text: str, number: str) -> Markup:
    """Return ``text`` escaped, with each ``number`` in it kept on one line as :func:`number_html` does."""
    return Markup(escape(text).replace(escape(number), number_html(number))) if number else Markup(escape(text))


_NUMBER = re.compile(NUMBER)
"""A document number in running text, as mentions find them: "1568/QĐ-UBND", "49-KL/TW" (not "2021-2030")."""


def numbers_html(text: str) -> Markup:
    """Return ``text`` (an editor's title) escaped, every document number in it kept on one line."""
    return Markup(_NUMBER.sub(lambda match: number_html(match.group()), escape(text)))


class RowRenderer:
    """Renders rows; per-decision parts are escaped once and reused.

    A row is its anchor and its text: STT, name (with its kind when the title does not say it), the row's
    own title if it differs from its decision's, its village, the link to the row. Cells carry no class (the
    stylesheets tell them by position, the last being the link to the row); the village is its cell's own
    last text, which a decision page's filter reads; the manifest reads the decision from the anchor; the
    "Báo sai sót" link is built by bv-rows.js from the row (and, on a place page, its section) when a
    reader reaches it. The rows are one decision's, or one section of a place page, whose heading says the
    decision, its date, the place as signed and the title once.
    """

    def __init__(self) -> None:
        self._titles: dict[str, str] = {}
        self._villages: dict[str, str] = {}
        """Villages escaped: a few thousand texts fill a province's rows (bounded, should a list be odd)."""

    def render(self, rows: Iterable[tuple[Decision, HonourEntry]]) -> Markup:
        """Return the <tr> rows (a decision page's ranks in name order are the table's, not each row's)."""
        out = []
        titles, villages = self._titles, self._villages
        for decision, entry in rows:
            default_title = titles.get(decision.slug)
            if default_title is None:
                default_title = titles[decision.slug] = escape(decision.title)
            anchor = f"{decision.slug}-stt-{entry.stt}"
            title = escape(entry.title) if entry.title else default_title
            kind = _KIND_LABELS[entry.kind]
            kind = f'<span class="bv-roll__kind">{kind}</span>' if kind != title else ""
            own = f'<span class="bv-roll__title">{title}</span>' if title != default_title else ""
            village = entry.village or ""
            if village:
                escaped = villages.get(village)
                if escaped is None:
                    escaped = escape(village)
                    if len(villages) < _VILLAGES_KEPT:
                        villages[village] = escaped
                village = escaped
            where = f"{own}<br>{village}" if own and village else own or village
            out.append(
                f'<tr id="{anchor}"><td>{entry.stt}</td><td>{escape(entry.name)}{kind}</td>'
                f'<td>{where}</td><td><a href="#{anchor}">#</a></td></tr>\n'
            )
        return Markup("".join(out))
