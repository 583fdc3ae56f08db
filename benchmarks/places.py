"""The place matching of the honour build, timed alone; and what the unit list adds to the installed package.

``python -m benchmarks.places SITE`` does in a fresh process what the build
does with places, with every ``Matcher.locate`` call timed: reads the shipped
unit list (:func:`~bangvang.core.units.matching.shared_matcher`), reads the
rolls (:func:`~bangvang.core.honours.rolls.load_rolls`, where a place check
matches each list's printed places), groups the rows by printed place as
:func:`~bangvang.core.honours.plan.plan_honours` does and runs the stage the
2025 reform added to the plan,
:func:`~bangvang.core.honours.places.resolve_places`. It prints one JSON line
(:class:`PlaceStage`). The honour benchmark runs it in a child process for
each size, before the build.

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

from bangvang.core.honours.addresses import Row, Where, where_of
from bangvang.core.honours.places import resolve_places
from bangvang.core.honours.rolls import load_rolls
from bangvang.core.site import load_site
from bangvang.core.units.data import load_units
from bangvang.core.units.matching import Located, Matcher, shared_matcher
from bangvang.site_config import load_settings

REPO = Path(__file__).resolve().parent.parent
UNITS = "bangvang/core/units/"


class _LocateTimer:
    """Adds up the calls to ``Matcher.locate`` and the time they take, whichever matcher makes them."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.calls = 0

    def timed(self) -> Callable[..., Located]:
        """Return ``Matcher.locate`` counted and timed, to put in its place on the class."""
        locate = Matcher.locate

        def timed_locate(
            matcher: Matcher,
            province: str,
            district: str | None,
            commune: str,
            signed: dt.date,
            chosen: str | None = None,
        ) -> Located:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return locate(matcher, province, district, commune, signed, chosen)
            finally:
                self.seconds += time.perf_counter() - start
                self.cpu_seconds += time.process_time() - cpu
                self.calls += 1

        return timed_locate


@dataclass(frozen=True)
class PlaceStage:
    """The figures of the place matching for one site."""

    rows: int
    printed: int
    """Distinct printed places (province, district, commune, era, choice as written)."""
    located: int
    """``locate`` calls in all: the check's (per printed place of a list file) and the plan's (per printed place)."""
    checked: int
    """Of those, the calls made while the rolls were read (the place check)."""
    pages: int
    """Place pages: current communes, and printed places the list cannot settle."""
    load_seconds: float
    """Reading and parsing the shipped unit list."""
    match_seconds: float
    """Reading the list plus every ``locate`` call: what matching adds to the build."""
    match_cpu_seconds: float
    """The same in CPU time of this process (steadier than wall time on a busy machine)."""
    stage_seconds: float
    """The whole of ``resolve_places`` (its matching, grouping by current commune, addresses)."""
    kept_mb: float
    """Resident memory the list and ``resolve_places`` added (the check's few matches aside)."""


def _resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def measure_place_stage(site: Path) -> PlaceStage:
    """Read the site's rolls and plan its places as the build does, timing every match from a cold unit list."""
    settings = load_settings(site)
    source = load_site(settings, read_honours=False)
    timer = _LocateTimer()
    # As in the build: no cyclic garbage collection over the rolls' many small objects.
    gc.disable()
    try:
        load_units.cache_clear()
        shared_matcher.cache_clear()
        before = _resident_mb()
        start, cpu = time.perf_counter(), time.process_time()
        matcher = shared_matcher()
        loaded, loaded_cpu = time.perf_counter() - start, time.process_time() - cpu
        kept = _resident_mb() - before
        with patch.object(Matcher, "locate", timer.timed()):
            rolls = load_rolls(
                settings.honours_dir, settings.root, source.registry, source.published, settings=settings
            )
            checked = timer.calls
            site_rows: dict[Where, list[Row]] = defaultdict(list)
            for decision in rolls.decisions:
                for entry in decision.entries:
                    site_rows[where_of(decision, entry)].append((decision, entry))
            before = _resident_mb()
            start = time.perf_counter()
            places = resolve_places(site_rows, matcher)
            stage = time.perf_counter() - start
            kept += _resident_mb() - before
    finally:
        gc.enable()
    pages = sum(len(found) for found in places.provinces.values())
    return PlaceStage(
        rolls.entry_count,
        len(site_rows),
        timer.calls,
        checked,
        pages,
        loaded,
        loaded + timer.seconds,
        loaded_cpu + timer.cpu_seconds,
        stage,
        kept,
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
