"""The place stage of the honour build, timed alone; and what the unit list adds to the installed package.

``python -m benchmarks.places SITE`` reads the site's rolls as the build does,
groups the rows by printed place as :func:`~bangvang.core.honours.plan.plan_honours`
does, then runs the stage the 2025 reform added to the build,
:func:`~bangvang.core.honours.places.resolve_places`, with a matcher made
cold in this process (the unit list read and parsed again). It prints one
JSON line (:class:`PlaceStage`): the matching alone (reading the list, then every ``locate`` call),
the whole stage, the memory it kept. The honour benchmark runs it in a child
process for each size.

:func:`units_installed_size` builds the wheel from a copy of the sources
(``pip wheel --no-deps``) and measures ``bangvang/core/units/`` installed from
it, compiled as pip installs it.
"""

from __future__ import annotations

import compileall
import datetime as dt
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bangvang.core.honours.addresses import Row, Where, where_of
from bangvang.core.honours.places import resolve_places
from bangvang.core.honours.rolls import load_rolls
from bangvang.core.site import load_site
from bangvang.core.units.data import load_units
from bangvang.core.units.matching import Located, Matcher, shared_matcher
from bangvang.site_config import load_settings

REPO = Path(__file__).resolve().parent.parent
UNITS = "bangvang/core/units/"


class _TimedMatcher(Matcher):
    """The build's matcher, adding up the time its ``locate`` calls take."""

    seconds = 0.0
    calls = 0

    def locate(
        self, province: str, district: str | None, commune: str, signed: dt.date, chosen: str | None = None
    ) -> Located:
        start = time.perf_counter()
        found = super().locate(province, district, commune, signed, chosen)
        self.seconds += time.perf_counter() - start
        self.calls += 1
        return found


@dataclass(frozen=True)
class PlaceStage:
    """The figures of the place stage for one site."""

    rows: int
    printed: int
    """Distinct printed places (province, district, commune, era, choice as written)."""
    located: int
    """``locate`` calls: one per printed place once spellings are joined."""
    pages: int
    load_seconds: float
    """Reading and parsing the shipped unit list."""
    match_seconds: float
    """Reading the list plus every ``locate`` call."""
    stage_seconds: float
    """Reading the list plus the whole of ``resolve_places`` (matching, grouping by current commune, addresses)."""
    kept_mb: float
    """Resident memory the list, the matches and the grouping added."""


def _resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def measure_place_stage(site: Path) -> PlaceStage:
    """Read the site's rolls as the build does, then time the place stage with a cold matcher."""
    settings = load_settings(site)
    source = load_site(settings, read_honours=False)
    # As in the build: no cyclic garbage collection over the rolls' many small objects.
    gc.disable()
    try:
        rolls = load_rolls(settings.honours_dir, settings.root, source.registry, source.published, settings=settings)
        site_rows: dict[Where, list[Row]] = defaultdict(list)
        for decision in rolls.decisions:
            for entry in decision.entries:
                site_rows[where_of(decision, entry)].append((decision, entry))
        # Whatever read the rolls may have matched already: start from nothing, as a fresh build does.
        load_units.cache_clear()
        shared_matcher.cache_clear()
        before = _resident_mb()
        start = time.perf_counter()
        matcher = _TimedMatcher()
        loaded = time.perf_counter() - start
        places = resolve_places(site_rows, matcher)
        stage = time.perf_counter() - start
        kept = _resident_mb() - before
    finally:
        gc.enable()
    pages = sum(len(found) for found in places.provinces.values())
    return PlaceStage(
        rolls.entry_count, len(site_rows), matcher.calls, pages, loaded, loaded + matcher.seconds, stage, kept
    )


@dataclass(frozen=True)
class UnitsSize:
    """What ``bangvang/core/units/`` weighs in the wheel and installed."""

    data_bytes: int
    """The compressed unit list alone."""
    files_bytes: int
    """Every file of the folder as the wheel installs it (code and data)."""
    installed_bytes: int
    """The same with the bytecode pip compiles at install."""


def units_installed_size() -> UnitsSize:
    """Build the wheel from a copy of the sources and measure the unit folder installed from it."""
    with tempfile.TemporaryDirectory(prefix="bangvang-wheel-") as scratch:
        root = Path(scratch)
        # A copy: pip builds in the source tree, and the checkout must stay clean.
        ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
        shutil.copytree(REPO / "scripts", root / "source" / "scripts", ignore=ignored)
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(REPO / name, root / "source" / name)
        command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(root), str(root / "source")]
        subprocess.run(command, check=True, capture_output=True)
        (wheel,) = root.glob("bangvang-*.whl")
        installed = root / "site-packages"
        with zipfile.ZipFile(wheel) as archive:
            members = [name for name in archive.namelist() if name.startswith(UNITS)]
            archive.extractall(installed, members)
        folder = installed / UNITS
        files = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        data = sum(path.stat().st_size for path in folder.glob("*.gz"))
        compileall.compile_dir(folder, quiet=1)
        total = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    return UnitsSize(data, files, total)


if __name__ == "__main__":
    stage = measure_place_stage(Path(sys.argv[1]))
    print(json.dumps(stage.__dict__))
