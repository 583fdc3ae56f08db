"""The honour lookup's static index: small files, so a query loads only what it needs.

Entries are numbered in name order: given name first, then the rest, folded
(the way people are listed). In that order every word of a name covers long
runs of consecutive numbers: a given name one run, a family name one run per
given name. Each word's postings are therefore stored as runs, which keeps
even the commonest words ("nguyen", "van") small, and a query intersects the
runs of its words exactly: every word must match.

Files, under ``vinh-danh/tra-cuu/chi-muc/``:

- ``meta.json``: the lists filters use (kinds, titles, periods, provinces,
  places, decisions), the chunk size, and which shard holds each two-letter
  word beginning;
- ``s<n>.json``: shards, ``{word: [start, length, start, length, …]}`` with
  each start counted from the end of the previous run;
- ``d<n>.json``: the entries themselves, ``CHUNK`` per file, in name order.

At most one file per 500 entries (and at least a handful for tiny sites).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..collation import name_key, person_name
from ..search_text import words
from .addresses import commonest
from .model import FORMS, KINDS, PERSON_KINDS, Decision, HonourEntry

FOLDER = "vinh-danh/tra-cuu/chi-muc"
CHUNK = 1000
"""Entries per document file."""
MIN_FILES = 8
"""File allowance for small sites, where one file per 500 entries would be too few to shard at all."""


@dataclass
class LookupIndex:
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


def build_lookup(decisions: list[Decision], entry_url: Any, out: Path) -> LookupIndex:
    """Write the lookup index of every entry into ``out``; ``entry_url(decision, entry)`` gives its page."""
    out.mkdir(parents=True, exist_ok=True)
    kinds = list(KINDS)
    periods: dict[str, int] = {}
    # Titles, provinces and places are one filter value per name whatever its case or tone
    # placement, shown in the spelling most rows use, as on the honour pages.
    titles = _Names()
    provinces = _Names()
    places: dict[tuple[str, str | None, str], int] = {}
    place_keys: dict[tuple[Any, ...], int] = {}
    place_spellings: list[tuple[Counter[str], Counter[str]]] = []
    place_province: list[int] = []
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
        title = titles.index(decision.entry_title(entry))
        province = provinces.index(entry.province)
        where = (entry.province, entry.district, entry.commune)
        place = places.get(where)
        if place is None:
            key = (province, name_key(entry.district) if entry.district else None, name_key(entry.commune))
            place = places[where] = place_keys.setdefault(key, len(place_keys))
            if place == len(place_spellings):
                place_spellings.append((Counter(), Counter()))
                place_province.append(province)
        communes, districts = place_spellings[place]
        communes[entry.commune] += 1
        if entry.district:
            districts[entry.district] += 1
        for word in dict.fromkeys(name_words):  # not a set: its order would follow PYTHONHASHSEED into the shards
            postings[word].append(number)
        documents.append(
            [
                entry.name,
                entry.stt,
                kinds.index(entry.kind),
                title,
                entry.village or "",
                place,
                d_index,
                entry_url(decision, entry),
            ]
        )

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
    meta = {
        "chunk": CHUNK,
        "entries": total,
        "shards": shard_of,
        "kinds": [KINDS[k] for k in kinds],
        "kind_keys": kinds,
        "titles": titles.labels(),
        "periods": list(periods),
        "provinces": provinces.labels(),
        "places": [
            [commonest(communes), commonest(districts) if districts else None, place_province[index]]
            for index, (communes, districts) in enumerate(place_spellings)
        ],
        "decisions": decision_rows,
    }
    written += _write(out / "meta.json", meta)
    return LookupIndex(files + 1, written, total)


class _Names:
    """Numbers names in order of first sight, spellings of one name (case, tone placement) together."""

    def __init__(self) -> None:
        self._exact: dict[str, int] = {}
        self._keys: dict[str, int] = {}
        self._spellings: list[Counter[str]] = []

    def index(self, text: str) -> int:
        """Return the number of the name ``text`` spells, counting the spelling once more."""
        number = self._exact.get(text)
        if number is None:
            number = self._exact[text] = self._keys.setdefault(name_key(text), len(self._keys))
            if number == len(self._spellings):
                self._spellings.append(Counter())
        self._spellings[number][text] += 1
        return number

    def labels(self) -> list[str]:
        """Return each name in its commonest spelling, by number."""
        return [commonest(spellings) for spellings in self._spellings]


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
