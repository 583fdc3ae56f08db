"""The honour lookup's static index: small files, so a query loads only what it needs.

Entries are numbered in name order: given name first, then the rest, folded
(the way people are listed). In that order every word of a name covers long
runs of consecutive numbers: a given name one run, a family name one run per
given name. Each word's postings are therefore stored as runs, which keeps
even the commonest words ("nguyen", "van") small, and a query intersects the
runs of its words exactly: every word must match.

Files, in the layout's ``name_index`` folder (``vinh-danh/tra-cuu/chi-muc/``):

- ``meta.json``: the lists documents number into (kinds, titles, periods,
  provinces, places, decisions, and each decision's pages), the chunk size,
  and which shard holds each two-letter word beginning; and
  ``signed_places``, the places rows print in another wording than their
  page's (see below);
- ``s<n>.json``: shards, ``{word: [start, length, start, length, …]}`` with
  each start counted from the end of the previous run;
- ``d<n>.json``: the entries themselves, ``CHUNK`` per file, in name order.

At most one file per 500 entries (and at least a handful for tiny sites).

Documents are dictionary-coded: a document is ``[name, stt, kind, title,
village, place, decision, page]``, the name and village as written and every
other field a number, most of them into ``meta.json``'s lists. ``place`` is
the page place the row is listed on (the current commune since 1/7/2025, or
a wording the unit list cannot settle), which the province and commune
filters use. A decision in ``decisions`` is ``[number, signed, period, slug,
form, prefix, pages]``: the page listing a row is ``prefix + pages[page]``
(site-relative; ``prefix`` is the text all the decision's pages begin with,
so ``pages`` is ``[""]`` for a decision on one page, and the places' rests,
"xa-can-loc/" after "vinh-danh/quyet-dinh/<slug>/tinh-ha-tinh-", for one
split by place), and its row is ``#<slug>-stt-<stt>`` there. A page address
is written once per page, not once per entry: 67 bytes an entry instead of
137 at 100.000 synthetic entries.

A row that prints its place otherwise (a former commune and district, a
former province, another spelling) has a ninth number, its place as signed
in ``signed_places``: ``[commune, district, province, now]``, ``province`` a
number in ``signed_provinces``; ``now`` says whether the row is shown with
"(nay là …)": 1 for its page's unit ("Xã Can Lộc, Tỉnh Hà Tĩnh"), 0 for no
note, or the current unit's text should it ever be written otherwise than
its page. Rows of post-reform decisions naming their current commune carry
none, so the index grows only by the old wordings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from os.path import commonprefix
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
    entry_url: Callable[[Decision, HonourEntry], str],
    out: Path,
    place_of: Mapping[Where, Place],
    title_of: Mapping[str, str],
) -> NameIndex:
    """Write the lookup index of every entry into ``out``; ``entry_url(decision, entry)`` gives its page.

    ``place_of`` and ``title_of`` (from the plan) say which place and title each printed spelling is, so
    the filters offer one value per name, spelt as the honour pages spell it.

    Linear but for sorting the distinct names: rows of one name are kept together
    in decision and STT order, so each name's words get one run of numbers, and
    documents are written a file at a time as they are numbered.
    """
    out.mkdir(parents=True, exist_ok=True)
    kinds = {kind: number for number, kind in enumerate(KINDS)}
    titles: dict[str, int] = {}
    periods: dict[str, int] = {}
    provinces: dict[str, int] = {}
    places: dict[Place, int] = {}
    signed_places: dict[Place, int] = {}
    signed_provinces: dict[str, int] = {}
    placed: dict[Place, tuple[int, int | None]] = {}
    decision_rows, pages_of, by_name = _gather(decisions, entry_url, periods)

    postings: dict[str, list[int]] = {}
    documents: list[tuple[Any, ...]] = []
    number = written = files = 0
    # Joined with a character below any letter, names sort as their word tuples do, only faster.
    for name_words in sorted(by_name, key="\0".join):
        rows = by_name[name_words]
        count = len(rows) // 2
        for word in dict.fromkeys(name_words):  # not a set: its order would follow PYTHONHASHSEED into the shards
            runs = postings.get(word)
            if runs is None:
                postings[word] = [number, number + count]
            elif runs[-1] == number:
                runs[-1] += count
            else:
                runs += (number, number + count)
        number += count
        for pair in range(0, len(rows), 2):
            d_index, e_index = rows[pair], rows[pair + 1]
            decision = decisions[d_index]
            entry = decision.entries[e_index]
            printed = place_of[where_of(decision, entry)]
            known = placed.get(printed)
            if known is None:
                known = placed[printed] = _place_numbers(printed, places, provinces, signed_places)
            document: tuple[Any, ...] = (
                entry.name,
                entry.stt,
                kinds[entry.kind],
                titles.setdefault(title_of[decision.entry_title(entry)], len(titles)),
                entry.village or "",
                known[0],
                d_index,
                pages_of[d_index][e_index],
            )
            documents.append(document if known[1] is None else (*document, known[1]))
            if len(documents) == CHUNK:
                written += _write(out / f"d{files}.json", documents)
                files, documents = files + 1, []
    if documents or not files:
        written += _write(out / f"d{files}.json", documents)
        files += 1

    total = number
    allowance = max(MIN_FILES, total // 500)
    shard_count = max(1, allowance - files - 1)
    encoded_runs = {word: _runs(found) for word, found in postings.items()}
    shard_of = _pack_prefixes(encoded_runs, shard_count)
    shards: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for word, encoded in encoded_runs.items():
        shards[shard_of[word[:2]]][word] = encoded
    for index, content in shards.items():
        written += _write(out / f"s{index}.json", content)
        files += 1
    signed = [_signed(printed, signed_provinces) for printed in signed_places]
    meta = {
        "chunk": CHUNK,
        "entries": total,
        "shards": shard_of,
        "kinds": [KINDS[k] for k in kinds],
        "kind_keys": list(kinds),
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


def _gather(
    decisions: list[Decision], entry_url: Callable[[Decision, HonourEntry], str], periods: dict[str, int]
) -> tuple[list[list[Any]], list[list[int]], dict[tuple[str, ...], list[int]]]:
    """Return each decision's row for ``meta.json``, each entry's page number, and the rows of each name.

    A name's rows are flat (decision, entry) index pairs in decision and STT
    order. A decision's pages are numbered in address order: the decisions of
    one province then list their places alike, which gzip sees.
    """
    decision_rows: list[list[Any]] = []
    pages_of: list[list[int]] = []
    by_name: dict[tuple[str, ...], list[int]] = {}
    for d_index, decision in enumerate(decisions):
        periods.setdefault(decision.period, len(periods))
        entries = decision.entries
        pages: dict[str, int] = {}
        page_numbers = [0] * len(entries)
        for e_index in sorted(range(len(entries)), key=lambda i: entries[i].stt):
            entry = entries[e_index]
            page_numbers[e_index] = pages.setdefault(entry_url(decision, entry), len(pages))
            name_words = _name_words(entry)
            rows = by_name.get(name_words)
            if rows is None:
                by_name[name_words] = [d_index, e_index]
            else:
                rows += (d_index, e_index)
        urls = sorted(pages)
        renumbered = [0] * len(urls)
        for index, url in enumerate(urls):
            renumbered[pages[url]] = index
        pages_of.append([renumbered[page] for page in page_numbers])
        prefix, rests = _page_table(urls)
        period = periods[decision.period]
        decision_rows.append(
            [decision.number, decision.signed.isoformat(), period, decision.slug, FORMS[decision.form], prefix, rests]
        )
    return decision_rows, pages_of, by_name


def _page_table(urls: list[str]) -> tuple[str, list[str]]:
    """Split a decision's page URLs, numbered as its documents number them, into the text they begin with and the rest.

    The text, not the folder: the pages of a decision split by place also share
    their province ("…/tong-hop-0024/tinh-thanh-hoa-" + "xa-son-thuy/").
    """
    shared = commonprefix(urls)  # noqa: RUF071 - a text prefix, not a path: the script only joins the two
    return shared, [url[len(shared) :] for url in urls]


def _place_numbers(
    printed: Place, places: dict[Place, int], provinces: dict[str, int], signed_places: dict[Place, int]
) -> tuple[int, int | None]:
    """Return a printed place's page place number, and its number as signed when it prints another wording."""
    place = printed.page or printed
    provinces.setdefault(place.province, len(provinces))
    number = places.setdefault(place, len(places))
    if printed is place or _wording(printed) == _wording(place):
        return number, None
    return number, signed_places.setdefault(printed, len(signed_places))


def _wording(place: Place) -> tuple[str, str | None, str]:
    return place.commune, place.district, place.province


def _signed(printed: Place, provinces: dict[str, int]) -> list[Any]:
    """Return a place as signed for ``signed_places``: 1 notes its page's unit, a text any other current unit."""
    page = printed.page or printed
    now = printed.now
    note: int | str = 0 if now is None else 1 if now == f"{page.commune}, {page.province}" else now
    province = provinces.setdefault(printed.province, len(provinces))
    return [printed.commune, printed.district, province, note]


def _runs(found: list[int]) -> list[int]:
    """Encode runs [start, end, start, end, …] as [gap, length, gap, length, …]; each gap from the previous end."""
    encoded: list[int] = []
    previous_end = 0
    for index in range(0, len(found), 2):
        start, end = found[index], found[index + 1]
        encoded += (start - previous_end, end - start)
        previous_end = end
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
