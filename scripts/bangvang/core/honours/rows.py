"""Entry rows as HTML: the hot path of the honour pages, rendered here rather than in Jinja.

A province's rolls put hundreds of thousands of rows on decision and place
pages; a Jinja macro costs several times more per row than this formatter.
The table around the rows, and everything else on the pages, stays in the
theme's templates. Every row carries its stable anchor
("<decision>-stt-<n>"), which the manifest counts.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from markupsafe import Markup

from ..mentions import NUMBER
from ..text import format_date
from .addresses import Place, Where, where_of
from .model import KINDS, Decision, HonourEntry


def escape(text: str) -> str:
    """Escape text for HTML content and attributes (plain C string passes: cheap at a province's scale)."""
    return html.escape(text, quote=True)


_KIND_LABELS = {kind: escape(label) for kind, label in KINDS.items()}


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


class SignedPlaces:
    """Each row's place as its decision signed it, with what it is now: per printed place, written once.

    On a place page rows of several decisions meet, named by former and current
    units alike: each shows "Xã Thiên Lộc, Huyện Can Lộc, Tỉnh Hà Tĩnh (nay là
    Xã Can Lộc, Tỉnh Hà Tĩnh)", or its wording alone when it names the current unit.
    """

    def __init__(self, place_of: Mapping[Where, Place]) -> None:
        self.place_of = place_of
        self._html: dict[Place, str] = {}

    def __call__(self, decision: Decision, entry: HonourEntry) -> str:
        """Return the HTML of a row's signed place."""
        place = self.place_of[where_of(decision, entry)]
        found = self._html.get(place)
        if found is None:
            now = place.now
            # No wrapper around the wording, and the shortest one around the note (styled as .bv-now is): at a
            # province's scale every byte of a row counts hundreds of thousands of times.
            note = f" <small>(nay là {escape(now)})</small>" if now else ""
            found = self._html[place] = f"{escape(place.written)}{note}"
        return found


def _relative(target: str, folder: str) -> str:
    """Return the shortest relative link from a page in ``folder`` to the page at ``target`` (both from the root)."""
    link = posixpath.relpath(target or ".", folder or ".")
    return f"{link}/" if target.endswith("/") or not target else link


class RowRenderer:
    """Renders rows; per-decision parts are escaped once and reused.

    A row is its anchor and its text: cells carry no class (the stylesheets
    tell them by position, the last being the link to the row), the manifest
    reads the decision from the anchor, and the "Báo sai sót" link is built by
    bv-rows.js from the row when a reader reaches it.
    """

    def __init__(self, entry_url: Callable[[Decision, HonourEntry], str]) -> None:
        self.entry_url = entry_url
        self._decisions: dict[str, tuple[str, str, str]] = {}

    def _decision_parts(self, decision: Decision) -> tuple[str, str, str]:
        parts = self._decisions.get(decision.slug)
        if parts is None:
            parts = (str(number_html(decision.number)), format_date(decision.signed), escape(decision.title))
            self._decisions[decision.slug] = parts
        return parts

    def render(
        self,
        rows: Iterable[tuple[Decision, HonourEntry]],
        root: str,
        with_decision: bool,
        ranks: Sequence[int] | None = None,
        places: Callable[[Decision, HonourEntry], str] | None = None,
        here: str = "",
    ) -> Markup:
        """Return the <tr> rows; ``root`` leads from the page to the site root ("../../").

        ``here`` is the page's own URL ("vinh-danh/dia-phuong/tinh-ha-tinh/xa-can-loc/"): a row's link to its
        decision's page is then the shortest relative one ("../../../quyet-dinh/…"), not one through the root.

        Without ``with_decision`` the rows are one decision's, whose title the page
        says once: a row shows a title only when it has its own. ``ranks`` (one per
        row) are the rows' ranks in name order, for the page's order switch.
        With ``places`` (a :class:`SignedPlaces`), each row also shows its place as signed; its village is
        then plain text (only a decision page's filter looks for a row's village).
        """
        out = []
        folder = posixpath.dirname(here) if here else ""
        links: dict[str, str] = {}
        ranked = iter(ranks) if ranks is not None else None
        for decision, entry in rows:
            number, signed, default_title = self._decision_parts(decision)
            anchor = f"{decision.slug}-stt-{entry.stt}"
            title = escape(entry.title) if entry.title else default_title
            kind = _KIND_LABELS[entry.kind]
            kind = f'<span class="bv-roll__kind">{kind}</span>' if kind != title else ""
            if not with_decision and title == default_title:
                title = ""
            if places is None:
                village = f'<span class="bv-roll__village">{escape(entry.village)}</span>' if entry.village else ""
            else:
                signed_place = places(decision, entry)
                village = f"{escape(entry.village)}, {signed_place}" if entry.village else signed_place
            where = f"{title}<br>{village}" if title and village else title or village
            rank = f' data-bv-name="{next(ranked)}"' if ranked is not None else ""
            cell = ""
            if with_decision:
                target = self.entry_url(decision, entry)
                link = links.get(target)
                if link is None:
                    link = links[target] = _relative(target, folder) if here else f"{root}{target}"
                cell = f'<td><a href="{link}#{anchor}">{number}</a><br>{signed}</td>'
            out.append(
                f'<tr id="{anchor}"{rank}><td>{entry.stt}</td><td>{escape(entry.name)}{kind}</td>'
                f'<td>{where}</td>{cell}<td><a href="#{anchor}">#</a></td></tr>\n'
            )
        return Markup("".join(out))
