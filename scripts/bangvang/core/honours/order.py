"""The order entries and places are listed in: Vietnamese alphabetical, people by given name."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..collation import collation_key, collation_string, given_name_string, person_name
from .addresses import Place
from .model import KINDS, PERSON_KINDS, HonourEntry
from .pages import PlaceGroup

_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}

EntryOrder = tuple[int, str, str, int]
"""An entry's sort key within a place (:func:`entry_order`)."""


def entry_order(entry: HonourEntry) -> EntryOrder:
    """Sort key within a place: by kind, people by given name, others by name, then STT.

    Strings that sort as :func:`.collation.given_name_key` and :func:`.collation.collation_key`
    do: a province's rolls are sorted twice (by decision and by place), and strings compare in C.
    """
    if entry.kind in PERSON_KINDS:
        given, rest = given_name_string(entry.person or _person(entry.name))
    else:
        given, rest = collation_string(entry.name), ""
    return _KIND_ORDER[entry.kind], given, rest, entry.stt


@lru_cache(maxsize=1 << 18)
def _person(name: str) -> str:
    return person_name(name)


def place_key(place: Place) -> tuple[Any, ...]:
    """Sort key of a place: province, then place, by name."""
    return collation_key(place.province), collation_key(place.name), place.anchor


def place_order(group: PlaceGroup) -> tuple[Any, ...]:
    """Sort key of a place group: its place's (:func:`place_key`)."""
    return place_key(group.place)
