"""The manifest: for every decision, entries read and entries found on each kind of page and export.

It is written with the site and checked before the build may succeed, so an
entry that goes missing anywhere it should appear fails the build.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .model import Decision

PLACES = ("decision_pages", "place_pages", "csv", "json", "province_csv", "province_json")
"""Where every entry must appear exactly once."""

_ROW = re.compile(r'data-bv-entry="([a-z0-9-]+)"')


@dataclass
class Manifest:
    """Counts per decision slug: entries read, and entries seen in each place."""

    read: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    seen: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def expect(self, decisions: list[Decision]) -> None:
        """Record the entries each decision read."""
        for decision in decisions:
            self.read[decision.slug] = len(decision.entries)
            self.numbers[decision.slug] = decision.number

    def count_html(self, place: str, html: str) -> None:
        """Count the entry rows a rendered page holds, per decision (rows carry data-bv-entry)."""
        self.seen[place].update(_ROW.findall(html))

    def add(self, place: str, slug: str, count: int) -> None:
        """Count entries written to an export."""
        self.seen[place][slug] += count

    def problems(self) -> list[str]:
        """Return one message per decision and place whose count differs from what was read."""
        found = []
        for slug, read in self.read.items():
            for place in PLACES:
                seen = self.seen[place][slug]
                if seen != read:
                    found.append(f"quyết định {self.numbers[slug]}: đọc {read} mục nhưng {place} có {seen} mục")
        for place in PLACES:
            for slug in self.seen[place]:
                if slug not in self.read:
                    found.append(f"{place} có mục của quyết định lạ '{slug}'")
        return found

    def write(self, path: Path) -> None:
        """Write the manifest as JSON."""
        path.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "decisions": [
                {
                    "number": self.numbers[slug],
                    "slug": slug,
                    "entries_read": read,
                    **{place: self.seen[place][slug] for place in PLACES},
                }
                for slug, read in self.read.items()
            ],
            "entries_read": sum(self.read.values()),
            "complete": not self.problems(),
        }
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
