"""The manifest: for every decision, entries read and entries found in each published page and file.

Every count is read back from the files as written, never taken from what a
writer meant to write: a page or export that another one overwrote, or a
writer that dropped or repeated a row, shows. Entries are found by their
anchors ("<decision>-stt-<n>"). Each place is first compared as a whole: the
number of anchors and the sum of their hashes must equal those of the entries
read (fast, a province's rolls are large); only a place that differs is
counted again decision by decision, to say which decision lost what. The
manifest is written with the site and must be complete before the build may
succeed.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from .model import Decision, HonourEntry

PLACES = ("decision_pages", "place_pages", "csv", "province_csv", "lookup")
"""Where every entry must appear exactly once (``province_csv``: every entry of a province given its own file)."""

_ROW = re.compile(rb'<tr id="([a-z0-9-]+-stt-\d+)"')
_ROW_TEXT = re.compile(_ROW.pattern.decode())
# A CSV export's last column is the anchor, which never needs quoting; rows end with CRLF.
_CSV_ANCHOR = re.compile(rb",([a-z0-9-]+-stt-\d+)\r\n")
_LOOKUP_DOCUMENTS = re.compile(r"d\d+\.json")
_BLOCK = 1 << 20
_ROWS_AT_ONCE = 8192

Anchors = Iterator[list[bytes]]
"""Anchors found in a file, a list at a time."""


def anchor_of(slug: str, stt: int) -> str:
    """Return an entry's anchor, as pages, exports and the lookup write it."""
    return f"{slug}-stt-{stt}"


def _scan(path: Path, pattern: re.Pattern[bytes], boundary: bytes, ends_match: bool) -> Anchors:
    """Yield a pattern's matches in a file, a block at a time; each block is scanned up to its last ``boundary``.

    No match spans a boundary: it ends one (``ends_match``: a line end) or
    starts one, so no match is cut in two.
    """
    carry = b""
    with path.open("rb") as handle:
        while True:
            block = handle.read(_BLOCK)
            data = carry + block
            end = len(data)
            if block:
                end = data.rfind(boundary)
                end = end + len(boundary) if end >= 0 and ends_match else end
            if end > 0:
                yield pattern.findall(data, 0, end)
                carry = data[end:]
            else:
                carry = data
            if not block:
                return


def page_anchors(path: Path) -> Anchors:
    """Yield the anchors of the entry rows a written page holds (one row per line)."""
    return _scan(path, _ROW, b"\n", ends_match=True)


def csv_anchors(path: Path) -> Anchors:
    """Yield the anchors of the rows a written CSV export holds: the last cell of each row (fast).

    A quoted cell holding a line break followed by text like an anchor could
    add a match: then the count differs and :func:`csv_cells_anchors` recounts.
    """
    return _scan(path, _CSV_ANCHOR, b"\r\n", ends_match=True)


def csv_cells_anchors(path: Path) -> Anchors:
    """Yield the last cell of each row of a written CSV export, read as CSV (exact, slower)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        while chunk := [row[-1].encode() if row else b"" for row in islice(rows, _ROWS_AT_ONCE)]:
            yield chunk


def lookup_anchors(folder: Path) -> Anchors:
    """Yield the anchors of the entries of a written lookup index: its documents name their decision and STT."""
    meta = json.loads((folder / "meta.json").read_bytes())
    slugs = [row[3] for row in meta["decisions"]]
    for path in sorted(folder.iterdir()):
        if _LOOKUP_DOCUMENTS.fullmatch(path.name):
            documents = json.loads(path.read_bytes())
            yield [anchor_of(slugs[document[6]], document[1]).encode() for document in documents]


@dataclass
class Manifest:
    """Per decision slug: entries read, and entries found in each place."""

    read: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    sums: dict[str, int] = field(default_factory=dict)
    sources: dict[str, list[tuple[Callable[[], Anchors], Callable[[], Anchors]]]] = field(default_factory=dict)
    pages: dict[str, dict[Path, tuple[int, int]]] = field(default_factory=dict)
    seen: dict[str, dict[str, int]] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    subsets: dict[str, tuple[dict[str, int], dict[str, int]]] = field(default_factory=dict)
    """Places meant to hold only some entries: per decision slug, how many and the sum of their anchors' hashes."""
    tallied: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Places already counted where their files were written (:meth:`tally`): count and sum of anchor hashes."""
    _problems: list[str] | None = None

    def expect(self, decisions: list[Decision]) -> None:
        """Record the entries each decision read, and the sum of their anchors' hashes."""
        for decision in decisions:
            self.read[decision.slug] = len(decision.entries)
            self.numbers[decision.slug] = decision.number
            self.sums[decision.slug] = sum(hash(decision.anchor(entry).encode()) for entry in decision.entries)

    def expect_subset(self, place: str, rows: Iterable[tuple[Decision, HonourEntry]]) -> None:
        """Record that a place holds exactly these rows, not every entry read (a province's own files)."""
        counts: dict[str, int] = {}
        sums: dict[str, int] = {}
        for decision, entry in rows:
            slug = decision.slug
            counts[slug] = counts.get(slug, 0) + 1
            sums[slug] = sums.get(slug, 0) + hash(decision.anchor(entry).encode())
        self.subsets[place] = (counts, sums)
        self._problems = None

    def _expected(self, place: str) -> tuple[dict[str, int], dict[str, int]]:
        """Return the entries a place must hold, per decision: every entry read, or the subset recorded."""
        return self.subsets.get(place, (self.read, self.sums))

    def count_page(self, place: str, path: Path, html: str) -> None:
        """Count the entry rows of a page as it is written to ``path`` (a later page written there replaces it)."""
        anchors = _ROW_TEXT.findall(html)
        self.pages.setdefault(place, {})[path] = (len(anchors), sum(hash(anchor.encode()) for anchor in anchors))
        self._problems = None

    def take_pages(self) -> dict[str, dict[Path, tuple[int, int]]]:
        """Return the pages counted since the last call and forget them (what a worker rendering pages sends back)."""
        counted, self.pages = self.pages, {}
        self._problems = None
        return counted

    def add_pages(self, counted: dict[str, dict[Path, tuple[int, int]]]) -> None:
        """Add pages counted elsewhere (by a worker), as :meth:`take_pages` returned them."""
        for place, pages in counted.items():
            self.pages.setdefault(place, {}).update(pages)
        self._problems = None

    def count(self, place: str, source: Callable[[], Anchors], exact: Callable[[], Anchors] | None = None) -> None:
        """Count the anchors a written file (or the lookup folder) holds, in one of the PLACES.

        ``exact`` reads the same anchors more carefully, when the place is recounted.
        """
        self.sources.setdefault(place, []).append((source, exact or source))
        self._problems = None

    def _whole(self, place: str) -> bool:
        """Tell whether a place holds exactly the entries read (as a whole: count and sum of anchor hashes)."""
        pages = self.pages.get(place)
        if pages is not None:
            for path in pages:
                if not path.is_file():
                    self.unreadable.append(f"{place}: không có tệp {path.name} đã ghi")
            tallies = pages.values()
            found = (sum(n for n, _ in tallies), sum(f for _, f in tallies))
        else:
            found = self._tally(place)
        read, sums = self._expected(place)
        return found == (sum(read.values()), sum(sums.values()))

    def tally(self, place: str) -> tuple[int, int] | None:
        """Count a place's anchors now (in the process that wrote its files); None if a file could not be read."""
        unreadable = len(self.unreadable)
        found = self._tally(place)
        return None if len(self.unreadable) > unreadable else found

    def add_tallies(self, tallies: dict[str, tuple[int, int] | None]) -> None:
        """Take places counted elsewhere (:meth:`tally`); a place that could not be read there is read again."""
        self.tallied.update((place, found) for place, found in tallies.items() if found is not None)
        self._problems = None

    def _tally(self, place: str) -> tuple[int, int]:
        """Return how many anchors a place holds and the sum of their hashes."""
        if place in self.tallied:
            return self.tallied[place]
        total = fingerprint = 0
        for source, _ in self.sources.get(place, []):
            for anchors in self._each(place, source):
                total += len(anchors)
                fingerprint += sum(map(hash, anchors))
        return total, fingerprint

    def _per_decision(self, place: str) -> tuple[dict[str, int], dict[str, int]]:
        """Count a place's anchors decision by decision (only where the place as a whole is wrong)."""
        counts: dict[str, int] = {}
        sums: dict[str, int] = {}
        pages = self.pages.get(place)
        sources: list[Callable[[], Anchors]]
        if pages is not None:
            sources = [partial(page_anchors, path) for path in pages]
        else:
            sources = [exact for _, exact in self.sources.get(place, [])]
        for source in sources:
            for anchors in self._each(place, source, report=False):
                for anchor in anchors:
                    slug = anchor.rpartition(b"-stt-")[0].decode()
                    counts[slug] = counts.get(slug, 0) + 1
                    sums[slug] = sums.get(slug, 0) + hash(anchor)
        return counts, sums

    def _each(self, place: str, source: Callable[[], Anchors], report: bool = True) -> Anchors:
        try:
            yield from source()
        except (OSError, ValueError, KeyError, IndexError, TypeError, csv.Error) as exc:
            if report:
                self.unreadable.append(f"{place}: không đọc lại được tệp đã ghi: {exc}")

    def problems(self) -> list[str]:
        """Return one message per decision and place where the entries found differ from those read."""
        if self._problems is not None:
            return self._problems
        self.unreadable = []
        found: list[str] = []
        for place in PLACES:
            expected, expected_sums = self._expected(place)
            if self._whole(place):
                self.seen[place] = dict(expected)
                continue
            counts, sums = self._per_decision(place)
            self.seen[place] = counts
            for slug in self.read:
                read, seen = expected.get(slug, 0), counts.get(slug, 0)
                if seen != read:
                    found.append(f"quyết định {self.numbers[slug]}: đọc {read} mục nhưng {place} có {seen} mục")
                elif sums.get(slug, 0) != expected_sums.get(slug, 0):
                    found.append(
                        f"quyết định {self.numbers[slug]}: {place} có {seen} mục nhưng không đúng các mục đã đọc"
                    )
            found.extend(f"{place} có mục của quyết định lạ '{slug}'" for slug in counts if slug not in self.read)
        self._problems = self.unreadable + found
        return self._problems

    def write(self, path: Path) -> None:
        """Write the manifest as JSON."""
        problems = self.problems()
        path.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "decisions": [
                {
                    "number": self.numbers[slug],
                    "slug": slug,
                    "entries_read": read,
                    **{place: self.seen[place].get(slug, 0) for place in PLACES},
                }
                for slug, read in self.read.items()
            ],
            "entries_read": sum(self.read.values()),
            "complete": not problems,
            "problems": problems,
        }
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
