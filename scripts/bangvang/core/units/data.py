"""The shipped list of administrative units: current provinces and communes, former ones, and former → current.

The list comes from the vietnamadminunits package (MIT licence), pinned to the
release named on the data file's first line; :mod:`.refresh` rebuilds it. It
is read from inside the package: a build never reaches the network.

Current units are those in force since 1/7/2025 (34 provinces, 3.321
communes, no districts). Former units are the provinces, districts and
communes of 30/6/2025; each former commune lists every current commune that
took part of it (several where it was split).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("units-2025.tsv.gz")
"""The compact unit list inside the package."""

FORMER_PROVINCE_NAMES = {"Thành phố Huế": ("Tỉnh Thừa Thiên Huế",)}
"""Names a province bore before the list's former ones, which decisions before then print.

Thừa Thiên Huế became the centrally governed Thành phố Huế on 1/1/2025
(Nghị quyết 1314/NQ-UBTVQH15); the source lists only the latter.
"""


@dataclass(frozen=True, eq=False)
class Unit:
    """One administrative unit: its official code, its name as published, and the unit it belongs to.

    ``aliases`` are the diacritic-free keys the source gives for earlier names
    of a former unit (a district merged into it, a renamed ward).
    """

    code: str
    name: str
    level: str
    """"province" or "commune" (current), "former-province", "district" or "former-commune"."""
    parent: Unit | None = None
    aliases: tuple[str, ...] = ()
    successors: tuple[Unit, ...] = ()
    """For a former unit: the current unit(s) it became part of."""

    @property
    def province(self) -> Unit:
        """The province the unit lies in (itself for a province)."""
        unit = self
        while unit.parent is not None:
            unit = unit.parent
        return unit

    def written(self) -> str:
        """The unit with its district, as a pre-reform decision prints it ("Xã Thiên Lộc, Huyện Can Lộc")."""
        if self.level == "former-commune" and self.parent is not None:
            return f"{self.name}, {self.parent.name}"
        return self.name

    def __repr__(self) -> str:
        return f"Unit({self.code!r}, {self.name!r}, {self.level!r})"


@dataclass
class UnitList:
    """Every unit of the pinned release, by code."""

    version: str
    provinces: dict[str, Unit] = field(default_factory=dict)
    communes: dict[str, Unit] = field(default_factory=dict)
    former_provinces: dict[str, Unit] = field(default_factory=dict)
    districts: dict[str, Unit] = field(default_factory=dict)
    former_communes: dict[str, Unit] = field(default_factory=dict)
    former_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Former province code → names it bore before (see :data:`FORMER_PROVINCE_NAMES`)."""


def _codes(cell: str) -> list[str]:
    return [code for code in cell.split(",") if code]


def parse_units(text: str) -> UnitList:
    """Read the data file's text (see :mod:`.refresh` for its lines)."""
    lines = text.splitlines()
    head = lines[0].split("\t")
    units = UnitList(version=f"{head[1]} {head[2]}")
    for line in lines[1:]:
        cells = line.split("\t")
        tag = cells[0]
        if tag == "P":
            units.provinces[cells[1]] = Unit(cells[1], cells[2], "province")
        elif tag == "C":
            units.communes[cells[1]] = Unit(cells[1], cells[3], "commune", units.provinces[cells[2]])
        elif tag == "p":
            code, name, target, aliases, former = cells[1:6]
            units.former_provinces[code] = Unit(
                code, name, "former-province", None, tuple(_codes(aliases)), (units.provinces[target],)
            )
            if former:
                units.former_names[code] = tuple(former.split("|"))
        elif tag == "d":
            code, province, name, aliases, island = cells[1:6]
            successors = tuple(units.communes[c] for c in _codes(island))
            units.districts[code] = Unit(
                code, name, "district", units.former_provinces[province], tuple(_codes(aliases)), successors
            )
        elif tag == "c":
            code, district, name, aliases, after = cells[1:6]
            successors = tuple(units.communes[c] for c in _codes(after))
            units.former_communes[code] = Unit(
                code, name, "former-commune", units.districts[district], tuple(_codes(aliases)), successors
            )
    return units


@lru_cache(maxsize=1)
def load_units() -> UnitList:
    """Return the shipped unit list, read once per process."""
    return parse_units(gzip.decompress(DATA_FILE.read_bytes()).decode("utf-8"))
