"""The manifest: for every decision, entries read and entries found in each published page and file.

Every count is read back from the files as written, never taken from what a
writer meant to write: a page or export that another one overwrote, or a
writer that dropped a row, shows as a shortfall. Besides the count, the sum of
the STT found is compared, so one entry twice and another missing is caught
too. The manifest is written with the site and must be complete before the
build may succeed.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Decision

PLACES = ("decision_pages", "place_pages", "csv", "json", "province_csv", "province_json", "lookup")
"""Where every entry must appear exactly once."""

_ROW = re.compile(rb'<tr id="[a-z0-9-]+-stt-(\d+)" data-bv-entry="([a-z0-9-]+)"')
_JSON_ANCHOR = re.compile(rb'"anchor":"([a-z0-9-]+)-stt-(\d+)"')
_LOOKUP_DOCUMENTS = re.compile(r"d\d+\.json")
_BLOCK = 1 << 20


@dataclass
class Tally:
    """Entries of one decision found in one place: how many, and the sum of their STT."""

    count: int = 0
    stt_sum: int = 0


@dataclass
class Manifest:
    """Per decision slug: entries read, and entries found in each place."""

    read: dict[str, Tally] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    seen: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Tally)))
    unreadable: list[str] = field(default_factory=list)

    def expect(self, decisions: list[Decision]) -> None:
        """Record the entries each decision read."""
        for decision in decisions:
            self.read[decision.slug] = Tally(len(decision.entries), sum(entry.stt for entry in decision.entries))
            self.numbers[decision.slug] = decision.number

    def count_pages(self, place: str, paths: Iterable[Path]) -> None:
        """Count the entry rows written pages hold (a row carries its anchor and data-bv-entry, on one line)."""
        for path in paths:
            self._scan(place, path, _ROW, b"\n", stt_first=True)

    def count_json(self, place: str, path: Path) -> None:
        """Count the records of a written JSON export by their anchor."""
        self._scan(place, path, _JSON_ANCHOR, b'"anchor":"', stt_first=False)

    def count_csv(self, place: str, path: Path) -> None:
        """Count the rows of a written CSV export by their anchor, its last column (parsed as CSV: cells may quote)."""
        counts: dict[str, int] = {}
        sums: dict[str, int] = {}
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = csv.reader(handle)
                next(rows, None)
                for row in rows:
                    slug, _, stt = row[-1].rpartition("-stt-") if row else ("", "", "")
                    if stt.isdigit():
                        counts[slug] = counts.get(slug, 0) + 1
                        sums[slug] = sums.get(slug, 0) + int(stt)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            self.unreadable.append(f"{place}: không đọc lại được {path.name}: {exc}")
        self._merge(place, counts, sums)

    def count_lookup(self, folder: Path) -> None:
        """Count the entries of the written lookup index: its documents name their decision and STT."""
        counts: dict[str, int] = {}
        sums: dict[str, int] = {}
        try:
            meta = json.loads((folder / "meta.json").read_bytes())
            slugs = [row[3] for row in meta["decisions"]]
            for path in sorted(folder.iterdir()):
                if _LOOKUP_DOCUMENTS.fullmatch(path.name):
                    for document in json.loads(path.read_bytes()):
                        slug = slugs[document[6]]
                        counts[slug] = counts.get(slug, 0) + 1
                        sums[slug] = sums.get(slug, 0) + int(document[1])
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            self.unreadable.append(f"lookup: không đọc lại được chỉ mục tra cứu: {exc!r}")
        self._merge("lookup", counts, sums)

    def _scan(self, place: str, path: Path, pattern: re.Pattern[bytes], boundary: bytes, stt_first: bool) -> None:
        """Count a pattern's (slug, STT) matches in a file, a block at a time (a province's file is large).

        A block is scanned up to its last ``boundary``, which no match spans;
        the rest is carried to the next block.
        """
        counts: dict[bytes, int] = {}
        sums: dict[bytes, int] = {}
        carry = b""
        try:
            with path.open("rb") as handle:
                while True:
                    block = handle.read(_BLOCK)
                    data = carry + block
                    end = len(data) if not block else data.rfind(boundary)
                    if end <= 0:
                        carry = data
                        if not block:
                            break
                        continue
                    for first, second in pattern.findall(data, 0, end):
                        slug, stt = (second, first) if stt_first else (first, second)
                        counts[slug] = counts.get(slug, 0) + 1
                        sums[slug] = sums.get(slug, 0) + int(stt)
                    carry = data[end:]
                    if not block:
                        break
        except OSError as exc:
            self.unreadable.append(f"{place}: không đọc lại được {path.name}: {exc.strerror}")
        self._merge(place, {k.decode(): v for k, v in counts.items()}, {k.decode(): v for k, v in sums.items()})

    def _merge(self, place: str, counts: dict[str, int], sums: dict[str, int]) -> None:
        seen = self.seen[place]
        for slug, count in counts.items():
            tally = seen[slug]
            tally.count += count
            tally.stt_sum += sums[slug]

    def problems(self) -> list[str]:
        """Return one message per decision and place where the entries found differ from those read."""
        found = list(self.unreadable)
        for slug, read in self.read.items():
            number = self.numbers[slug]
            for place in PLACES:
                seen = self.seen[place].get(slug, Tally())
                if seen.count != read.count:
                    found.append(f"quyết định {number}: đọc {read.count} mục nhưng {place} có {seen.count} mục")
                elif seen.stt_sum != read.stt_sum:
                    found.append(f"quyết định {number}: {place} có {seen.count} mục nhưng không đúng các STT đã đọc")
        for place in PLACES:
            for slug in self.seen[place]:
                if slug not in self.read:
                    found.append(f"{place} có mục của quyết định lạ '{slug}'")
        return found

    def write(self, path: Path) -> None:
        """Write the manifest as JSON."""
        path.parent.mkdir(parents=True, exist_ok=True)
        problems = self.problems()
        document = {
            "decisions": [
                {
                    "number": self.numbers[slug],
                    "slug": slug,
                    "entries_read": read.count,
                    **{place: self.seen[place].get(slug, Tally()).count for place in PLACES},
                }
                for slug, read in self.read.items()
            ],
            "entries_read": sum(read.count for read in self.read.values()),
            "complete": not problems,
            "problems": problems,
        }
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
