"""Rebuild the shipped unit list from a release of the vietnamadminunits package (MIT).

Run by a maintainer, never by a build: ``python -m bangvang.core.units.refresh
vietnamadminunits-1.0.4-py3-none-any.whl``. The wheel is read as a zip (its
SQLite dataset and its 2025 converter table); the package itself is not
installed, nor imported. Writes :data:`~bangvang.core.units.data.DATA_FILE`.
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from .data import DATA_FILE, FORMER_PROVINCE_NAMES

_VERSION = re.compile(r"vietnamadminunits-([0-9][^-]*)-")


def _clean(text: str) -> str:
    """Tabs and newlines would break a line of the data file; the source has none, and keeps none."""
    if "\t" in text or "\n" in text:
        raise ValueError(f"unexpected tab or newline in {text!r}")
    return text


def _aliases(cell: str | None) -> str:
    return ",".join(json.loads(cell)) if cell else ""


def build_lines(db: sqlite3.Connection, converter: dict[str, Any], version: str) -> list[str]:
    """Return the data file's lines: current provinces and communes, former ones, and former → current."""
    db.row_factory = sqlite3.Row
    new = list(db.execute("select * from admin_units order by provinceCode, wardCode"))
    old = list(db.execute("select * from admin_units_legacy order by provinceCode, districtCode, wardCode"))
    lines = [f"#\tvietnamadminunits\t{version}"]
    new_code = {}
    for row in new:
        new_code[(row["provinceKey"], row["wardKey"])] = row["wardCode"]
    province_code = {row["provinceKey"]: row["provinceCode"] for row in new}
    for key, code in sorted(province_code.items(), key=lambda item: item[1]):
        name = next(row["province"] for row in new if row["provinceKey"] == key)
        lines.append(f"P\t{code}\t{_clean(name)}")
    for row in new:
        lines.append(f"C\t{row['wardCode']}\t{row['provinceCode']}\t{_clean(row['ward'])}")
    successors: dict[str, list[str]] = {}
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            for old_key in olds:
                successors.setdefault(old_key, []).append(new_code[(new_province, ward)])
    for new_province, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, wards in divided.items():
            for ward in wards:
                successors.setdefault(old_key, []).append(new_code[(new_province, ward["newWardKey"])])
    merged_into = {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
    seen_provinces: set[str] = set()
    seen_districts: set[str] = set()
    for row in old:
        if row["provinceCode"] not in seen_provinces:
            seen_provinces.add(row["provinceCode"])
            aliases = _aliases(row["provinceAlias"])
            former = FORMER_PROVINCE_NAMES.get(row["province"], ())
            target = province_code[merged_into[row["provinceKey"]]]
            lines.append(
                f"p\t{row['provinceCode']}\t{_clean(row['province'])}\t{target}\t{aliases}\t{'|'.join(former)}"
            )
        if row["districtCode"] not in seen_districts:
            seen_districts.add(row["districtCode"])
            island = "" if row["ward"] else ",".join(successors[f"{row['provinceKey']}_{row['districtKey']}_"])
            aliases = _aliases(row["districtAlias"])
            lines.append(
                f"d\t{row['districtCode']}\t{row['provinceCode']}\t{_clean(row['district'])}\t{aliases}\t{island}"
            )
        if row["ward"]:
            key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
            after = ",".join(dict.fromkeys(successors[key]))
            aliases = _aliases(row["wardAlias"])
            lines.append(f"c\t{row['wardCode']}\t{row['districtCode']}\t{_clean(row['ward'])}\t{aliases}\t{after}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Read the wheel named on the command line and write the data file."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("cách dùng: python -m bangvang.core.units.refresh vietnamadminunits-X.Y.Z-py3-none-any.whl")
        return 2
    wheel = Path(args[0])
    match = _VERSION.search(wheel.name)
    if not match:
        print(f"{wheel}: không phải tệp wheel của vietnamadminunits")
        return 1
    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "dataset.db"
        db_path.write_bytes(archive.read("vietnamadminunits/data/dataset.db"))
        converter = json.loads(archive.read("vietnamadminunits/data/converter_2025.json"))
        with sqlite3.connect(db_path) as db:
            lines = build_lines(db, converter, match.group(1))
    # mtime=0: the same release always gives the same bytes.
    DATA_FILE.write_bytes(gzip.compress("\n".join(lines).encode("utf-8") + b"\n", mtime=0))
    print(f"{DATA_FILE}: {len(lines) - 1} dòng")
    return 0


if __name__ == "__main__":
    sys.exit(main())
