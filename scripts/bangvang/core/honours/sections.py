"""A place page's rows in sections, one per decision and place as signed: how the printed lists group them.

Each row then carries what a decision page's row carries (STT, name, village, its link); the decision,
its date, the place as signed and the title are said once, in the section's heading.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .addresses import Place, Where, where_of
from .model import Decision, HonourEntry
from .order import place_key
from .pages import PlaceGroup, SignedSection


def signed_sections(
    group: PlaceGroup,
    decisions: list[Decision],
    place_of: Mapping[Where, Place],
    entry_url: Callable[[Decision, HonourEntry], str],
) -> list[SignedSection]:
    """Split a place's rows into sections, and order the group's rows as the sections list them.

    Sections follow ``decisions`` (the section's order: newest signed first), then the places a decision
    signs in name order; rows keep their order within a section (people by given name). The group's rows
    are reordered to match, so that exports list rows as the page does.

    Args:
        group: the place's group, its rows in page order.
        decisions: every decision, in the order the section lists them.
        place_of: each printed place (:func:`.addresses.where_of`) as :class:`.addresses.Place`.
        entry_url: the URL of the page listing a row on its decision's pages.
    """
    rank = {decision.slug: index for index, decision in enumerate(decisions)}
    by_key: dict[tuple[str, int], SignedSection] = {}
    for decision, entry in group.rows:
        place = place_of[where_of(decision, entry)]
        key = (decision.slug, id(place))
        section = by_key.get(key)
        if section is None:
            anchor = f"{decision.slug}-{place.anchor}"
            section = by_key[key] = SignedSection(decision, place, [], entry_url(decision, entry), anchor)
        section.rows.append((decision, entry))
    sections = sorted(
        by_key.values(),
        key=lambda s: (rank[s.decision.slug], *place_key(s.place)),
    )
    group.rows = [row for section in sections for row in section.rows]
    return sections
