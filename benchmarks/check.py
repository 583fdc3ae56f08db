"""The check benchmark: ``bangvang check`` on one decision whose CSV list holds N rows.

A province's rolls arrive as one spreadsheet of a million rows and more
(about 200 MB as CSV for 1,4 million). The check must stay linear and bounded
in memory: each size runs ``bangvang check`` in a child process and prints its
wall time, CPU time and peak memory (``getrusage`` of the child, as
``/usr/bin/time -v`` reports it); two sizes show the growth. Figures are
printed, never asserted.

Run ``python -m benchmarks --check-rows 700000 1400000 --dir /tmp/x`` from the
repository (the real site gives the directives and the config).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bangvang.core.honours.model import ENTRY_FIELDS

from .build import run_child
from .synthetic import FAMILY, GIVEN_MEN, GIVEN_WOMEN, MIDDLE_MEN, MIDDLE_WOMEN, TITLES, former_places

_COMMUNES = 150
_VILLAGES = 12


@dataclass(frozen=True)
class CheckMeasure:
    """The figures of one ``bangvang check`` run."""

    rows: int
    csv_mb: float
    seconds: float
    user: float
    system: float
    peak_mb: float
    status: int


def write_check_site(folder: Path, rows: int, site: Path) -> Path:
    """Write the real site's content and config with one decision listing ``rows`` entries; return the CSV."""
    shutil.copytree(site / "content", folder / "content")
    shutil.copyfile(site / "mkdocs.yml", folder / "mkdocs.yml")
    honours = folder / "honours"
    honours.mkdir()
    (honours / "tong-hop-2020.yaml").write_text(
        'number: "2020/QĐ-UBND"\n'
        "signed: 2020-12-30\n"
        'issuer: {name: "Ủy ban nhân dân tỉnh Hà Tĩnh", level: tinh}\n'
        "form: cong_nhan\n"
        'period: "2016-2020"\n'
        f'title: "{TITLES[0]}"\n'
        'basis: ["281/QĐ-TTg"]\n'
        "sample: true\n"
        "entries_csv: tong-hop-2020.csv\n",
        encoding="utf-8",
    )
    path = honours / "tong-hop-2020.csv"
    write_rows(path, rows)
    return path


def write_rows(path: Path, rows: int) -> None:
    """Write ``rows`` fictional families and clans in real communes of 2020, names unique in each village.

    Row ``i`` goes to place ``i mod P`` and takes name number ``i div P`` in
    that place, so no two rows of a place share a name and nothing random is
    kept in memory.
    """
    places = [
        (f"Thôn {village}", commune, district)
        for commune, district, _ in former_places("Tỉnh Hà Tĩnh")[:_COMMUNES]
        for village in range(1, _VILLAGES + 1)
    ]
    names = _names()
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(ENTRY_FIELDS) + "\n")
        lines = []
        for stt in range(1, rows + 1):
            village, commune, district = places[stt % len(places)]
            kind, name, person, title = names[(stt // len(places)) % len(names)]
            lines.append(f"{stt},{kind},{name},{person},{title},{village},{commune},{district},Tỉnh Hà Tĩnh\n")
            if len(lines) == 10_000:
                handle.write("".join(lines))
                lines.clear()
        handle.write("".join(lines))


def _names() -> list[tuple[str, str, str, str]]:
    """Return (kind, name, person, title) for every fictional family and clan, in a fixed order."""
    found: list[tuple[str, str, str, str]] = []
    for family in FAMILY:
        for woman in (False, True):
            middles, givens = (MIDDLE_WOMEN, GIVEN_WOMEN) if woman else (MIDDLE_MEN, GIVEN_MEN)
            for middle in middles:
                for given in givens:
                    person = f"{family} {middle} {given}"
                    title = TITLES[1] if len(found) % 10 == 0 else ""
                    found.append(("gia_dinh", f"Gia đình {'bà' if woman else 'ông'} {person}", person, title))
        for middle in MIDDLE_MEN:
            found.append(("dong_ho", f"Dòng họ {family} {middle}", "", TITLES[2]))
    return found


def measure_check(folder: Path, rows: int, csv_path: Path) -> CheckMeasure:
    """Run ``bangvang check`` on a site folder in a child process; return its time and peak memory."""
    run = run_child([sys.executable, "-m", "bangvang.cli", "check", str(folder)])
    if run.code != 0:
        print(run.output[-2000:], file=sys.stderr)
    size = csv_path.stat().st_size / 1e6
    return CheckMeasure(rows, size, run.seconds, run.user, run.system, run.peak_mb, run.code)


def run_check_bench(site: Path, counts: list[int], where: Path | None = None, keep: bool = False) -> int:
    """Print the figures of ``bangvang check`` for each size; return the exit status."""
    place = where or Path(tempfile.gettempdir())
    place.mkdir(parents=True, exist_ok=True)
    print(f"bangvang check với một quyết định có N dòng CSV, trong {place}.")
    print(f"{'dòng':>10} {'CSV (MB)':>9} {'kiểm tra (s)':>13} {'CPU user/sys (s)':>17} {'bộ nhớ đỉnh (MB)':>17}")
    measures: list[CheckMeasure] = []
    for count in counts:
        folder = Path(tempfile.mkdtemp(prefix=f"bangvang-check-{count}-", dir=place))
        try:
            csv_path = write_check_site(folder, count, site)
            found = measure_check(folder, count, csv_path)
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
        measures.append(found)
        cpu = f"{found.user:.1f}/{found.system:.1f}"
        print(
            f"{count:>10} {found.csv_mb:>9.0f} {found.seconds:>13.1f} {cpu:>17} {found.peak_mb:>17.0f}"
            + ("" if found.status == 0 else f"  (mã thoát {found.status})"),
            flush=True,
        )
    if len(measures) >= 2:
        first, last = measures[0], measures[-1]
        print(
            f"Tỉ lệ {last.rows / first.rows:.2f}× dòng: thời gian {last.seconds / first.seconds:.2f}×, "
            f"bộ nhớ đỉnh {last.peak_mb / first.peak_mb:.2f}×."
        )
    return 0 if all(m.status == 0 for m in measures) else 1
