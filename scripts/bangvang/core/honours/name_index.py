"""The honour lookup's static index: small files, so a query loads only what it needs.

Entries are numbered in name order: given name first, then the rest, folded
(the way people are listed). In that order every word of a name covers long
runs of consecutive numbers: a given name one run, a family name one run per
given name. Each word's postings are therefore stored as runs, which keeps
even the commonest words ("nguyen", "van") small, and a query intersects the
runs of its words exactly: every word must match.

Files, in the layout's ``name_index`` folder (``vinh-danh/tra-cuu/chi-muc/``):

- ``meta.json``: the lists filters use (kinds, titles, periods, provinces,
  places, decisions), the chunk size, and which shard holds each two-letter
  word beginning; and ``signed_places``, the places rows print in another
  wording than their page's (see below);
- ``s<n>.json``: shards, ``{word: [start, length, start, length, …]}`` with
  each start counted from the end of the previous run;
- ``d<n>.json``: the entries themselves, ``CHUNK`` per file, in name order.

At most one file per 500 entries (and at least a handful for tiny sites).

A document is ``[name, stt, kind, title, village, place, decision, url]``:
``place`` is the page place the row is listed on (the current commune since
1/7/2025, or a wording the unit list cannot settle), which the province and
commune filters use. A row that prints its place otherwise (a former commune
and district, a former province, another spelling) has a ninth number, its
place as signed in ``signed_places``: ``[commune, district, province, now]``,
``province`` a number in ``signed_provinces``; ``now`` says whether the row
is shown with "(nay là …)": 1 for its page's unit ("Xã Can Lộc, Tỉnh Hà
Tĩnh"), 0 for no note, or the current unit's text should it ever be written
otherwise than its page. Rows of post-reform decisions naming their current
commune carry none, so the index grows only by the old wordings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..collation import person_name
from ..search_text import words
from .addresses import Place, Where, where_of
from .model import FORMS, KINDS, PERSON_KINDS, Decision, HonourEntry

CHUNK = 1000
"""Entries per document file."""
MIN_FILES = 8
"""File allowance for small sites, where one file per 500 entries would be too few to shard at all."""


@dataclass
class NameIndex:
    """What was written, for the benchmark and the tests."""

    files: int
    bytes: int
    entries: int


def _name_words(entry: HonourEntry) -> tuple[str, ...]:
    """Return the folded words a row is found by: for people, their name (given name first, then the rest).

    "Gia đình ông" and the like are not indexed: the query may leave them out,
    and as words of nine rows in ten they would only weigh the index down.
    """
    if entry.kind in PERSON_KINDS:
        return _listing_words(entry.person or person_name(entry.name), True)
    return _listing_words(entry.name, False)


@lru_cache(maxsize=1 << 18)
def _listing_words(named: str, person: bool) -> tuple[str, ...]:
    found = tuple(words(named))
    return found[-1:] + found[:-1] if person else found


def write_name_index(
    decisions: list[Decision],
    entry_url: Any,
    out: Path,
    place_of: Mapping[Where, Place],
    title_of: Mapping[str, str],
) -> NameIndex:
    """Write the lookup index of every entry into ``out``; ``entry_url(decision, entry)`` gives its page.

    ``place_of`` and ``title_of`` (from the plan) say which place and title each printed spelling is, so
    the filters offer one value per name, spelt as the honour pages spell it.
    """
    out.mkdir(parents=True, exist_ok=True)
    kinds = list(KINDS)
    titles: dict[str, int] = {}
    periods: dict[str, int] = {}
    provinces: dict[str, int] = {}
    places: dict[Place, int] = {}
    signed_places: dict[Place, int] = {}
    signed_provinces: dict[str, int] = {}
    decision_rows = []
    rows: list[tuple[tuple[str, ...], int, int, HonourEntry]] = []
    for d_index, decision in enumerate(decisions):
        periods.setdefault(decision.period, len(periods))
        decision_rows.append(
            [
                decision.number,
                decision.signed.isoformat(),
                periods[decision.period],
                decision.slug,
                FORMS[decision.form],
            ]
        )
        for entry in decision.entries:
            rows.append((_name_words(entry), d_index, entry.stt, entry))
    rows.sort(key=lambda row: (row[0], row[1], row[2]))

    postings: dict[str, list[int]] = defaultdict(list)
    documents: list[list[Any]] = []
    for number, (name_words, d_index, _, entry) in enumerate(rows):
        decision = decisions[d_index]
        title = titles.setdefault(title_of[decision.entry_title(entry)], len(titles))
        printed = place_of[where_of(decision, entry)]
        place = printed.page or printed
        provinces.setdefault(place.province, len(provinces))
        place_number = places.setdefault(place, len(places))
        for word in dict.fromkeys(name_words):  # not a set: its order would follow PYTHONHASHSEED into the shards
            postings[word].append(number)
        document = [
            entry.name,
            entry.stt,
            kinds.index(entry.kind),
            title,
            entry.village or "",
            place_number,
            d_index,
            entry_url(decision, entry),
        ]
        if printed is not place and _wording(printed) != _wording(place):
            document.append(signed_places.setdefault(printed, len(signed_places)))
        documents.append(document)

    total = len(documents)
    chunks = max(1, -(-total // CHUNK))
    allowance = max(MIN_FILES, total // 500)
    shard_count = max(1, allowance - chunks - 1)
    runs = {word: _runs(numbers) for word, numbers in postings.items()}
    shard_of = _pack_prefixes(runs, shard_count)
    shards: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for word, encoded in runs.items():
        shards[shard_of[word[:2]]][word] = encoded

    written = 0
    files = 0
    for index in range(chunks):
        written += _write(out / f"d{index}.json", documents[index * CHUNK : (index + 1) * CHUNK])
        files += 1
    for index, content in shards.items():
        written += _write(out / f"s{index}.json", content)
        files += 1
    signed = [_signed(printed, signed_provinces) for printed in signed_places]
    meta = {
        "chunk": CHUNK,
        "entries": total,
        "shards": shard_of,
        "kinds": [KINDS[k] for k in kinds],
        "kind_keys": kinds,
        "titles": list(titles),
        "periods": list(periods),
        "provinces": list(provinces),
        "places": [[place.commune, place.district, provinces[place.province]] for place in places],
        "signed_places": signed,
        "signed_provinces": list(signed_provinces),
        "decisions": decision_rows,
    }
    written += _write(out / "meta.json", meta)
    return NameIndex(files + 1, written, total)


def _wording(place: Place) -> tuple[str, str | None, str]:
    return place.commune, place.district, place.province


def _signed(printed: Place, provinces: dict[str, int]) -> list[Any]:
    """Return a place as signed for ``signed_places``: 1 notes its page's unit, a text any other current unit."""
    page = printed.page or printed
    now = printed.now
    note: int | str = 0 if now is None else 1 if now == f"{page.commune}, {page.province}" else now
    province = provinces.setdefault(printed.province, len(provinces))
    return [printed.commune, printed.district, province, note]


def _runs(numbers: list[int]) -> list[int]:
    """Encode sorted numbers as [gap, length, gap, length, …] runs; each gap counts from the previous run's end."""
    encoded: list[int] = []
    previous_end = 0
    run_start = run_end = -1
    for number in numbers:
        if number == run_end:
            run_end += 1
            continue
        if run_start >= 0:
            encoded.extend((run_start - previous_end, run_end - run_start))
            previous_end = run_end
        run_start, run_end = number, number + 1
    if run_start >= 0:
        encoded.extend((run_start - previous_end, run_end - run_start))
    return encoded


def _pack_prefixes(runs: dict[str, list[int]], shard_count: int) -> dict[str, int]:
    """Assign each two-letter word beginning to a shard, filling shards to about equal size in prefix order."""
    sizes: dict[str, int] = defaultdict(int)
    for word, encoded in runs.items():
        sizes[word[:2]] += len(word) + 4 * len(encoded)
    target = sum(sizes.values()) / shard_count
    shard_of: dict[str, int] = {}
    shard, filled = 0, 0.0
    for prefix in sorted(sizes):
        if filled >= target and shard < shard_count - 1:
            shard, filled = shard + 1, 0.0
        shard_of[prefix] = shard
        filled += sizes[prefix]
    return shard_of


def _write(path: Path, content: object) -> int:
    data = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(data)
    return len(data)
