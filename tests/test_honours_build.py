"""The honour section end to end: real builds of sites with honour rolls, read back as HTML, CSV, JSON."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from bangvang.core.honours.addresses import address_slug
from bangvang.core.site import load_site
from bangvang.core.units.data import Unit
from bangvang.core.units.matching import REFORM, Matcher
from bangvang.mkdocs_plugin.theme import THEME_DIR
from bangvang.site_config import load_settings
from conftest import REPO, Site
from html_tools import broken_relative_links, hrefs
from test_check import problem_lines


def roll(site: Site, slug: str, number: str, rows: list[str]) -> None:
    site.decision(slug, rows, number=number)


def row(stt: int, name: str, commune: str = "Xã Thiên Lộc", village: str = "Thôn 1") -> str:
    return f"{stt},gia_dinh,{name},,,{village},{commune},Huyện Can Lộc,Tỉnh Hà Tĩnh"


@pytest.fixture(scope="module")
def example(built_example: Site) -> Site:
    return built_example


def test_example_section_has_every_kind_of_page(example: Site) -> None:
    source = load_site(load_settings(REPO))
    decisions = source.rolls.decisions
    assert len(decisions) >= 5
    index = example.html("vinh-danh/")
    assert f"<strong>{sum(len(d.entries) for d in decisions)}</strong> mục" in index
    for decision in decisions:
        page = example.html(f"vinh-danh/quyet-dinh/{decision.slug}/")
        number = f'<span class="bv-no">{decision.number}</span>'
        assert f"Quyết định {number}" in index and f"<h1>Quyết định {number}</h1>" in page
        assert "Dữ liệu mẫu" in page
        rows = re.findall(r'<tr id="([^"]+-stt-\d+)"', page)
        assert len(rows) == len(decision.entries)
        assert set(rows) == {decision.anchor(e) for e in decision.entries}
    for path in ("vinh-danh/dia-phuong/", "vinh-danh/danh-hieu/", "vinh-danh/giai-doan/", "vinh-danh/tra-cuu/"):
        assert example.html(path)
    assert example.html("vinh-danh/giai-doan/2016-2020/")
    assert "Gia đình học tập tiêu biểu xuất sắc" in example.html(
        "vinh-danh/danh-hieu/gia-dinh-hoc-tap-tieu-bieu-xuat-sac/"
    )


def test_place_pages_list_every_entry_across_decisions(example: Site) -> None:
    source = load_site(load_settings(REPO))
    province = example.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    place_links = [h for h in hrefs(province) if h.count("/") == 1 and not h.startswith("..")]
    assert place_links
    total = 0
    for link in place_links:
        page = example.html(f"vinh-danh/dia-phuong/tinh-ha-tinh/{link}")
        total += len(re.findall(r'<tr id="[^"]+-stt-\d+"', page))
    expected = sum(1 for d in source.rolls.decisions for e in d.entries if e.province == "Tỉnh Hà Tĩnh")
    assert total == expected


def test_the_example_names_real_places_and_one_area_before_and_after_the_reform(example: Site) -> None:
    """Sample decisions signed before and after 1/7/2025 name the same communes, old and new; all places are real."""
    source = load_site(load_settings(REPO))
    matcher = Matcher()
    eras: dict[Unit, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    split: list[str | None] = []
    for decision in source.rolls.decisions:
        for entry in decision.entries:
            located = matcher.locate(
                entry.province, entry.district, entry.commune, decision.signed, entry.current_commune
            )
            assert located.problem is None and located.commune is not None, (decision.number, entry, located)
            eras[located.commune][decision.signed >= REFORM].add(decision.number)
            if located.named is not None and len(located.named.successors) > 1:
                split.append(entry.current_commune)
    # A former commune split between several current ones, with the editor's choice (Phường Đại Nài → Thành Sen).
    assert split and all(split)
    both = {unit: before | after for unit, (before, after) in eras.items() if before and after}
    assert len(both) > 1
    # One current commune has several decisions on each side of the reform (Xã Can Lộc: 2020, 2023 | 2025, 2026).
    assert any(len(before) > 1 and len(after) > 1 for before, after in eras.values())
    for unit, numbers in both.items():
        page = example.html(f"vinh-danh/dia-phuong/{address_slug(unit.province.name)}/{address_slug(unit.name)}/")
        assert all(number in page for number in numbers), (unit, numbers)


def test_people_are_listed_by_given_name_on_place_pages(example: Site) -> None:
    """Decision pages open in STT order (test_decision_page.py); a place's page lists people by given name
    within each decision's list."""
    section = example.html("vinh-danh/dia-phuong/tinh-ha-tinh/xa-can-loc/")  # Xã Thiên Lộc's, among others
    from bangvang.core.collation import given_name_key

    lists = re.findall(r'<section class="bv-signed">(.*?)</section>', section, re.S)
    assert len(lists) > 1, "one list per decision and place as signed"
    for found in lists:
        names = re.findall(r'-stt-\d+"><td>\d+</td><td>Gia đình (?:ông|bà) ([^<]+)</td>', found)
        assert names == sorted(names, key=given_name_key)
    assert max(len(re.findall(r"-stt-\d+", found)) for found in lists) > 5


def test_statistics_page_draws_svg_charts(example: Site) -> None:
    page = example.html("vinh-danh/thong-ke/")
    charts = re.findall(r'<figure class="bv-chart"><svg[^>]*>.*?</svg>', page, re.S)
    assert len(charts) == 6  # period, kind, form, title; provinces now and (decisions before 1/7/2025) as they were
    assert (
        "Gia đình học tập" in charts[1] and "<script" not in page.split('class="md-content"')[1].split("</article>")[0]
    )


def test_open_data_matches_the_lists(example: Site) -> None:
    source = load_site(load_settings(REPO))
    for decision in source.rolls.decisions:
        raw = (example.out / f"vinh-danh/du-lieu/{decision.slug}.csv").read_text(encoding="utf-8-sig")
        records = list(csv.DictReader(io.StringIO(raw)))
        assert [int(r["stt"]) for r in records] == [e.stt for e in decision.entries]
        assert records[0]["decision"] == decision.number and records[0]["anchor"] == decision.anchor(
            decision.entries[0]
        )
        assert list(records[0]) == [
            "decision", "signed", "form", "period", "stt", "kind", "name", "person", "title", "village", "commune",
            "district", "province", "current_commune", "current_commune_code", "current_province",
            "current_province_code", "anchor",
        ]  # fmt: skip
    assert list(example.out.glob("vinh-danh/du-lieu/**/*.json")) == [example.out / "vinh-danh/du-lieu/manifest.json"]


def test_manifest_accounts_for_every_entry(example: Site) -> None:
    manifest = json.loads((example.out / "vinh-danh/du-lieu/manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    for decision in manifest["decisions"]:
        read = decision["entries_read"]
        assert read > 0
        for place in ("decision_pages", "place_pages", "csv", "lookup"):
            assert decision[place] == read, (decision["number"], place)


def test_print_styles_and_links(example: Site) -> None:
    css = (example.out / "assets/stylesheets/bangvang.css").read_text(encoding="utf-8")
    assert "@media print" in css and "size: A4" in css
    assert broken_relative_links(example.out, "/bang-vang/") == []


def test_shared_link_survives_rows_inserted_above(site: Site) -> None:
    names = ["Gia đình ông Lê Văn An", "Gia đình bà Trần Thị Bích", "Gia đình ông Võ Văn Cường"]
    roll(site, "can-loc-2023", "12/QĐ-UBND", [row(stt, name) for stt, name in enumerate(names, start=1)])
    assert site.build().code == 0
    page = site.html("vinh-danh/quyet-dinh/can-loc-2023/")
    link = re.search(r'<tr id="(can-loc-2023-stt-2)"', page)
    assert link
    roll(
        site,
        "can-loc-2023",
        "12/QĐ-UBND",
        [row(4, "Gia đình ông Đặng Văn Dũng"), row(5, "Gia đình bà Hồ Thị Em")]
        + [row(stt, name) for stt, name in enumerate(names, start=1)],
    )
    assert site.build().code == 0
    page = site.html("vinh-danh/quyet-dinh/can-loc-2023/")
    again = page.split('<tr id="can-loc-2023-stt-2"', 1)[1].split("</tr>", 1)[0]
    assert "Gia đình bà Trần Thị Bích" in again


def test_long_list_is_split_per_commune_and_anchors_stay(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin={"split_over": 3})
    rows = [row(stt, f"Gia đình ông Nguyễn Văn {name}", commune) for stt, (name, commune) in enumerate(
        [("An", "Xã Thiên Lộc"), ("Ba", "Xã Vượng Lộc"), ("Bốn", "Xã Thiên Lộc"), ("Năm", "Xã Vượng Lộc")], start=1
    )]  # fmt: skip
    roll(site, "dai", "9/QĐ-UBND", rows)
    run = site.build()
    assert run.code == 0, run.output
    main = site.html("vinh-danh/quyet-dinh/dai/")
    assert "<tr id=" not in main and "xa-thien-loc-huyen-can-loc" in main
    part = site.html("vinh-danh/quyet-dinh/dai/tinh-ha-tinh-xa-thien-loc-huyen-can-loc/")
    assert 'id="dai-stt-1"' in part and 'id="dai-stt-3"' in part and 'id="dai-stt-2"' not in part
    assert '"stt_runs"' not in main and "[[1, 1, 0], [2, 2, 1], [3, 3, 0], [4, 4, 1]]" in main


def test_hostile_names_are_text_everywhere(site: Site) -> None:
    roll(site, "thu", "1/QĐ-UBND", [row(1, "<script>alert(1)</script>"), row(2, "{{ 7*7 }} {% raw %}")])
    run = site.build()
    assert run.code == 0, run.output
    for path in ("vinh-danh/quyet-dinh/thu/", "vinh-danh/dia-phuong/tinh-ha-tinh/xa-can-loc/"):
        page = site.html(path)
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "{{ 7*7 }} {% raw %}" in page
    raw = (site.out / "vinh-danh/du-lieu/thu.csv").read_text(encoding="utf-8-sig")
    assert [r["name"] for r in csv.DictReader(io.StringIO(raw))] == ["<script>alert(1)</script>", "{{ 7*7 }} {% raw %}"]


BROKEN_YAML = """
number: "77/QĐ-UBND"
signed: 2024-01-10
issuer: {name: "UBND huyện Can Lộc", level: huyen_xa}
form: cong_nhan
period: "2023"
title: "Gia đình học tập"
basis: ["999/QĐ-XYZ"]
entries:
  - {stt: 1, kind: gia_dinh, name: "Gia đình ông Lê Văn Một 038095001234", commune: "Xã A", province: "Tỉnh B"}
  - {stt: 1, kind: gia_dinh, name: "Gia đình bà Hai", commune: "Xã A", province: "Tỉnh B"}
  - {stt: 3, kind: gia_dinh, name: "Ông Ba ĐT 0912 345 678", commune: "Xã A", province: "Tỉnh B"}
  - {stt: 4, kind: nha_van_hoa, name: "Nhà văn hóa thôn", commune: "Xã A", province: "Tỉnh B"}
  - {stt: 5, kind: gia_dinh, name: "Gia đình bà Hai", commune: "Xã A", province: "Tỉnh B"}
"""


def test_broken_decisions_fail_check_and_build_with_located_messages(example_copy: Site) -> None:
    (example_copy.root / "honours/77-qd-ubnd.yaml").write_text(textwrap.dedent(BROKEN_YAML).lstrip(), encoding="utf-8")
    csv_path = example_copy.root / "honours/1568-qd-ubnd.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",thừa"
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = example_copy.check()
    assert check.code == 1
    found = [line for line in check.output.splitlines() if re.match(r"^honours/\S+:\d+: ", line)]
    assert found == [
        "honours/1568-qd-ubnd.csv:4: dòng có 10 cột, dòng tiêu đề có 9 cột",
        "honours/77-qd-ubnd.yaml:7: căn cứ '999/QĐ-XYZ' chưa có trong sổ văn bản (content/van-ban/); thêm văn bản đó "
        "trước",
        "honours/77-qd-ubnd.yaml:9: 'name' có dãy 12 chữ số giống số CMND/CCCD: 'Gia đình ông Lê Văn Một "
        "03••••••••••'; bảng vàng chỉ đăng điều quyết định ghi, không đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá "
        "nhân)",
        "honours/77-qd-ubnd.yaml:10: STT 1 trùng với dòng 9",
        "honours/77-qd-ubnd.yaml:11: 'name' có số điện thoại: 'Ông Ba ĐT 09•• ••• •••'; bảng vàng chỉ đăng điều quyết "
        "định ghi, không đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân)",
        "honours/77-qd-ubnd.yaml:12: 'kind' không hợp lệ: 'nha_van_hoa'; được dùng: gia_dinh, dong_ho, cong_dong, "
        "don_vi, cong_dan, tap_the, ca_nhan",
        "honours/77-qd-ubnd.yaml:13: trùng với STT 1 (dòng 10): cùng tên 'Gia đình bà Hai' và cùng nơi ở trong một "
        "quyết định",
    ]
    build = example_copy.build()
    assert build.code == 1 and "Traceback" not in build.output
    assert [line for line in build.output.splitlines() if re.match(r"^honours/\S+:\d+: ", line)] == found
    assert not example_copy.out.exists()
    assert problem_lines(check) == []


def test_build_fails_when_an_entry_goes_missing(tmp_path: Path, make_site: Callable[..., Site]) -> None:
    theme = tmp_path / "theme-drops-a-row"
    theme.mkdir()
    for name, rows in (("honour-decision.html", "group.rows"), ("honour-place.html", "s.rows")):
        template = theme / name
        text = (THEME_DIR / name).read_text(encoding="utf-8")
        assert f"honour_rows({rows}" in text
        template.write_text(text.replace(f"honour_rows({rows}", f"honour_rows({rows}[1:]"), encoding="utf-8")
    site = make_site(theme={"name": "material", "custom_dir": str(theme), "language": "vi", "font": False})
    roll(site, "mat", "3/QĐ-UBND", [row(1, "Gia đình ông A"), row(2, "Gia đình bà B")])
    build = site.build()
    assert build.code == 1 and "Traceback" not in build.output
    assert "quyết định 3/QĐ-UBND: đọc 2 mục nhưng decision_pages có 1 mục" in build.output
    assert "quyết định 3/QĐ-UBND: đọc 2 mục nhưng place_pages có 1 mục" in build.output
    assert not site.out.exists(), "a failed build publishes nothing"


def test_unchanged_rolls_are_reused_not_rendered_again(site: Site) -> None:
    roll(site, "lai", "8/QĐ-UBND", [row(1, "Gia đình ông Lê Văn An"), row(2, "Gia đình bà Trần Thị Bích")])
    site.article(2023, "bai-dau", title="Bài đầu")
    first = site.build()
    assert first.code == 0, first.output
    page = site.out / "vinh-danh/quyet-dinh/lai/index.html"
    export_file = site.out / "vinh-danh/du-lieu/lai.csv"
    inode, html = page.stat().st_ino, page.read_text(encoding="utf-8")
    sitemap = (site.out / "sitemap.xml").read_text(encoding="utf-8")

    site.article(2023, "bai-dau", title="Bài đầu, đã sửa")
    second = site.build(verbose=True)
    assert second.code == 0, second.output
    assert "INFO    -  bangvang: bảng vàng không đổi từ lần dựng trước" in second.output
    assert page.stat().st_ino == inode, "the page is the cached file, not a new rendering"
    assert page.read_text(encoding="utf-8") == html and export_file.exists()
    assert "Bài đầu, đã sửa" in site.html("tin-tuc/2023/bai-dau/")
    assert "2</strong> mục" in site.html("vinh-danh/")
    assert (site.out / "sitemap.xml").read_text(encoding="utf-8").count("<url>") == sitemap.count("<url>")
    assert "https://example.org/hoi-khuyen-hoc/vinh-danh/quyet-dinh/lai/" in (site.out / "sitemap.xml").read_text(
        encoding="utf-8"
    )

    roll(site, "lai", "8/QĐ-UBND", [row(1, "Gia đình ông Lê Văn An"), row(2, "Gia đình bà Trần Thị Bình")])
    third = site.build(verbose=True)
    assert third.code == 0, third.output
    assert "bảng vàng không đổi" not in third.output
    assert "Trần Thị Bình" in page.read_text(encoding="utf-8") and page.stat().st_ino != inode
