"""Every entry's place is checked against the units in force on its decision's signing date (issue 12, point 2).

The check runs through the real commands on temporary sites: ``bangvang check``
and the build report the same located warnings, one per distinct printed place
of a list file, at its first row, counting the other rows that share it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bangvang.core.honours.model import Decision, HonourEntry, Issuer
from bangvang.core.honours.places_check import place_problems
from bangvang.core.problems import PER_FILE_LIMIT, Severity, cap_per_file
from bangvang.core.units import matching
from bangvang.core.units.data import Unit
from bangvang.core.units.matching import Located, Matcher
from conftest import HONOUR_HEADER, Run, Site

CAN_LOC = "Huyện Can Lộc,Tỉnh Hà Tĩnh"
CONG_VI = "Phường Cống Vị,Quận Ba Đình,Thành phố Hà Nội"
HA_NOI = {"name": "Ủy ban nhân dân quận Ba Đình", "level": "huyen_xa"}


def place_lines(run: Run) -> list[str]:
    """The problem lines a run printed about honour list files."""
    return [line for line in run.output.splitlines() if re.match(r"^honours/\S+:\d+: ", line)]


def about(lines: list[str], rel: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{rel}:")]


def family(n: int) -> str:
    return f"{n},gia_dinh,Gia đình ông Lê Văn {n},,,"


def write_list(site: Site, slug: str, header: str, rows: list[str], **fields: object) -> None:
    site.decision(slug, **fields)
    (site.root / "honours" / f"{slug}.csv").write_text(header + "".join(f"{r}\n" for r in rows), encoding="utf-8")


def places_site(site: Site) -> Site:
    """A site whose lists hold one of each case the check must tell apart."""
    typo = [f"{family(1)}Thôn Trung Lộc,Xã Thiên Lôc,{CAN_LOC}", f"{family(2)}Thôn Trung Lộc,Xã Thiên Lộc,{CAN_LOC}"]
    # Six more rows with the same typo, from other villages: one warning still, at the first row.
    typo += [f"{family(n)}Thôn {n},Xã Thiên Lôc,{CAN_LOC}" for n in range(3, 9)]
    write_list(site, "go-sai", HONOUR_HEADER, typo)
    variants = [
        f"{family(1)},Xã Hoà Lạc,Huyện Đức Thọ,Tỉnh Hà Tĩnh",
        f"{family(2)},Phường Bắc Hà,Tp. Hà Tĩnh,Tỉnh Hà Tĩnh",
        f"{family(3)},Xã Thuận Lộc,TX Hồng Lĩnh,Tỉnh Hà Tĩnh",
        f"{family(4)},Xã Thiên Lộc,H. Can Lộc,Tỉnh Hà Tĩnh",
        f"{family(5)},Xã Tùng Ảnh,Huyện Ðức Thọ,Tỉnh Hà Tĩnh",
        f"{family(6)},Phường 01,Quận 3,TP. Hồ Chí Minh",
    ]
    write_list(site, "bien-the", HONOUR_HEADER, variants)
    after = [
        f"{family(1)},Xã Yên Hoà,,Tỉnh Hà Tĩnh",
        f"{family(2)},Xã Hoà Lạc,,TP. Hà Nội",
        f"{family(3)},Xã Can Lộc,,Tỉnh Hà Tĩnh",
        f"{family(4)},Xã Thiên Lộc,,Tỉnh Hà Tĩnh",
    ]
    write_list(site, "sau-sap-nhap", HONOUR_HEADER, after, signed=dt.date(2025, 9, 1))
    split = [
        f"{family(1)},{CONG_VI},",
        f"{family(2)},{CONG_VI},Phường Ngọc Hà",
        f"{family(3)},{CONG_VI},Phường Hoàn Kiếm",
        f"{family(4)},{CONG_VI},",
        f"{family(5)},{CONG_VI},Phường Giảng Võ",
        # Printed so on the decision: the editor's current commune settles an unknown name too.
        f"{family(6)},Phường Cống Vi,Quận Ba Đình,Thành phố Hà Nội,Phường Giảng Võ",
    ]
    header = HONOUR_HEADER.rstrip("\n") + ",current_commune\n"
    write_list(site, "bi-chia", header, split, signed=dt.date(2024, 5, 10), issuer=HA_NOI)
    chosen = {
        "stt": 1,
        "kind": "gia_dinh",
        "name": "Gia đình ông Lê Văn Một",
        "commune": "Phường Cống Vị",
        "district": "Quận Ba Đình",
        "province": "Thành phố Hà Nội",
        "current_commune": "Phường Ngọc Hà",
    }
    site.decision("da-chon", entries_csv=None, entries=[chosen], signed=dt.date(2024, 5, 10), issuer=HA_NOI)
    return site


def test_check_and_build_warn_about_places_at_their_rows(site: Site) -> None:
    places_site(site)
    check = site.check_subprocess()
    assert check.code == 0 and "Traceback" not in check.output, check.output
    lines = place_lines(check)

    (typo,) = about(lines, "honours/go-sai.csv")
    assert typo.startswith("honours/go-sai.csv:2: cảnh báo: ")
    assert "'Xã Thiên Lôc'" in typo and "có phải 'Xã Thiên Lộc, Huyện Can Lộc'?" in typo
    assert "còn ở 6 dòng khác: 4, 5, 6, 7, 8…" in typo

    # Tone placement, Tp./TX/H./TP., Ð for Đ, "Phường 01": variants of real units, no place warning.
    # The eth is still warned about as a typing slip, by the text guard, and only by it.
    (eth,) = about(lines, "honours/bien-the.csv")
    assert eth.startswith("honours/bien-the.csv:6: cảnh báo: 'district' có chữ 'Ð' (U+00D0"), eth

    (renamed,) = about(lines, "honours/sau-sap-nhap.csv")
    assert renamed.startswith("honours/sau-sap-nhap.csv:5: cảnh báo: ")
    assert "'Xã Thiên Lộc'" in renamed and "nay là 'Xã Can Lộc'" in renamed and "1/9/2025" in renamed

    split = about(lines, "honours/bi-chia.csv")
    assert [line.split(": cảnh báo: ")[0] for line in split] == ["honours/bi-chia.csv:2", "honours/bi-chia.csv:4"]
    assert "'Phường Giảng Võ', 'Phường Ngọc Hà'" in split[0] and "'current_commune'" in split[0]
    assert "còn ở 1 dòng khác: 5" in split[0]
    assert "'Phường Hoàn Kiếm'" in split[1] and "'Phường Giảng Võ', 'Phường Ngọc Hà'" in split[1]
    assert about(lines, "honours/da-chon.yaml") == []

    strict = site.check("--strict")
    assert strict.code == 1 and place_lines(strict) == lines
    build = site.build()
    assert build.code == 1 and "Traceback" not in build.output
    assert place_lines(build) == lines, build.output
    assert not site.out.exists()


def test_a_district_after_the_reform_stays_one_error_per_row(site: Site) -> None:
    rows = [f"{family(1)},Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh", f"{family(2)},Xã Can Lộc,,Tỉnh Hà Tĩnh"]
    write_list(site, "moi", HONOUR_HEADER, rows, signed=dt.date(2025, 9, 1))
    run = site.check()
    assert run.code == 1
    (line,) = place_lines(run)
    assert line.startswith("honours/moi.csv:2: 'district' là 'Huyện Can Lộc'"), line


def test_a_site_with_real_places_builds_strict(site: Site) -> None:
    rows = [f"{family(1)},Xã Thiên Lộc,{CAN_LOC}", f"{family(2)},Xã Hoà Lạc,Huyện Đức Thọ,Tỉnh Hà Tĩnh"]
    write_list(site, "dung", HONOUR_HEADER, rows)
    run = site.build()
    assert run.code == 0, run.output
    assert "honours/" not in run.output


class CountingMatcher(Matcher):
    """A matcher that counts how often it is asked (its own cache aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def locate(
        self, province: str, district: str | None, commune: str, signed: dt.date, chosen: str | None = None
    ) -> Located:
        self.asked += 1
        return super().locate(province, district, commune, signed, chosen)


def decision(entries: list[HonourEntry], signed: dt.date = dt.date(2023, 12, 18)) -> Decision:
    return Decision(
        path="honours/lon.yaml",
        list_path="honours/lon.csv",
        slug="lon",
        number="1/QĐ-UBND",
        aliases=(),
        signed=signed,
        issuer=Issuer("Ủy ban nhân dân huyện Can Lộc", "huyen_xa"),
        form="cong_nhan",
        period="2023",
        title="Gia đình học tập",
        basis=(),
        article=None,
        sample=False,
        entries=tuple(entries),
    )


def test_each_distinct_place_of_a_list_is_matched_once(tmp_path: Path) -> None:
    places = [("Xã Thiên Lộc", None), ("Xã Thiên Lôc", None), ("Phường Cống Vị", None), ("Phường Cống Vị", "Phường X")]
    entries = []
    for n in range(1, 20_001):
        commune, chosen = places[n % len(places)]
        district, province = (
            ("Quận Ba Đình", "Thành phố Hà Nội") if "Cống" in commune else ("Huyện Can Lộc", "Tỉnh Hà Tĩnh")
        )
        entries.append(
            HonourEntry(
                n, "gia_dinh", f"Gia đình {n}", None, None, f"Thôn {n}", commune, district, province, n + 1, chosen
            )
        )
    matcher = CountingMatcher()
    problems = place_problems([decision(entries)], matcher)
    assert matcher.asked == len(places)
    assert [(p.path, p.line, p.severity) for p in problems] == [
        ("honours/lon.csv", line, Severity.WARNING) for line in (2, 3, 4)
    ]
    assert all("còn ở 4.999 dòng khác: " in p.message for p in problems)


def test_only_the_warnings_a_report_shows_search_for_the_nearest_units(monkeypatch: pytest.MonkeyPatch) -> None:
    # A list of many distinct misspelt places: the report shows the first PER_FILE_LIMIT of a file, so only
    # those run the fuzzy search for the nearest units; the rest are counted, without a hint.
    searched: list[str] = []
    nearest = matching._Scope.nearest

    def counted(self: matching._Scope, text: str) -> list[Unit]:
        searched.append(text)
        return nearest(self, text)

    monkeypatch.setattr(matching._Scope, "nearest", counted)
    entries = [
        HonourEntry(n, "gia_dinh", f"Gia đình {n}", None, None, None, f"Xã Thiên Lôc {n}", "Huyện Can Lộc",
                    "Tỉnh Hà Tĩnh", n + 1)
        for n in range(1, PER_FILE_LIMIT * 3 + 1)
    ]  # fmt: skip
    problems = place_problems([decision(entries)], Matcher())
    assert len(problems) == PER_FILE_LIMIT * 3
    assert len(searched) == PER_FILE_LIMIT
    assert all("có phải" in p.message for p in problems[:PER_FILE_LIMIT])
    assert not any("có phải" in p.message for p in problems[PER_FILE_LIMIT:])
    capped = cap_per_file(problems)
    assert [p.message for p in capped[:PER_FILE_LIMIT]] == [p.message for p in problems[:PER_FILE_LIMIT]]
    assert capped[-1].omitted == PER_FILE_LIMIT * 2
