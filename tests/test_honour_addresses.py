"""Honour addresses: names that fold to one slug never merge or overwrite each other (issue 8, points 2 and 3).

Different names that share a slug each get their own stable address, and the
plain slug lists them; spellings of one name (case, tone placement) are one
page with one count. Whatever the planning does, ``bangvang check --strict``
and ``mkdocs build --strict`` agree. Rows that name a place off the unit list
on purpose (a typo, a long made-up name) are warned about at their line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from bangvang.core.honours.model import Decision, HonourEntry, Issuer
from bangvang.core.honours.pages import PlaceContext
from bangvang.core.honours.plan import HonourPlan, plan_honours
from conftest import Site, settings_for
from test_honours_build import roll

DONG_SON = "Xã Đông Sơn"
DONG_SON_HUYEN = "Xã Đồng Sơn"
# Two real current communes of one province whose names fold to one slug.
SON_HA = "Xã Sơn Hà"
SON_HA_NANG = "Xã Sơn Hạ"
AFTER = dt.date(2025, 9, 1)


def entry_row(
    stt: int,
    name: str,
    commune: str,
    province: str = "Tỉnh Hà Tĩnh",
    title: str = "",
    district: str = "Huyện Can Lộc",
) -> str:
    return f"{stt},gia_dinh,{name},,{title},Thôn 1,{commune},{district},{province}"


def quang_ngai_row(stt: int, name: str, commune: str) -> str:
    return entry_row(stt, name, commune, "Tỉnh Quảng Ngãi", district="")


def roll_after(site: Site, rows: list[str]) -> None:
    """Write decision "a", signed after 1/7/2025 (current communes, no district)."""
    site.decision("a", rows, number="1/QĐ-UBND", signed=AFTER)


def both_pass(site: Site, *warned: str) -> None:
    """Check and build agree and pass: strictly, or with a place warning at each of ``warned`` ("file:line") only."""
    check = site.check() if warned else site.check("--strict")
    assert check.code == 0, check.output
    found = re.findall(r"^(honours/\S+:\d+): cảnh báo: ", check.output, re.MULTILINE)
    assert found == list(warned), check.output
    build = site.build(strict=not warned)
    assert build.code == 0, build.output


def place_links(site: Site, province_path: str) -> dict[str, str]:
    """Return the province page's place links: name → href."""
    page = site.html(province_path)
    found = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>', page)
    return {name: href for href, name in found}


def manifest(site: Site) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((site.out / "vinh-danh/du-lieu/manifest.json").read_text(encoding="utf-8"))
    return loaded


def test_communes_sharing_a_slug_get_their_own_pages_and_check_equals_build(site: Site) -> None:
    roll_after(site, [quang_ngai_row(1, "Gia đình ông An", SON_HA), quang_ngai_row(2, "Gia đình bà Bình", SON_HA_NANG)])
    both_pass(site)
    assert manifest(site)["complete"] is True
    links = place_links(site, "vinh-danh/dia-phuong/tinh-quang-ngai/")
    assert set(links) == {SON_HA, SON_HA_NANG}
    first, second = links[SON_HA], links[SON_HA_NANG]
    assert first != second
    assert re.fullmatch(r"xa-son-ha-[0-9a-f]{6}/", first)
    assert "Gia đình ông An" in site.html(f"vinh-danh/dia-phuong/tinh-quang-ngai/{first}")
    assert "Gia đình bà Bình" in site.html(f"vinh-danh/dia-phuong/tinh-quang-ngai/{second}")
    # The plain slug, where the first spelling used to live, lists every spelling that shares it.
    shared = site.html("vinh-danh/dia-phuong/tinh-quang-ngai/xa-son-ha/")
    assert SON_HA in shared and SON_HA_NANG in shared and first in shared and second in shared
    # On the decision page, the two headings have two different anchors.
    ids = re.findall(r'<h3 id="([^"]+)"', site.html("vinh-danh/quyet-dinh/a/"))
    assert len(ids) == 2 and len(set(ids)) == 2


def test_a_one_letter_typo_in_a_commune_is_a_place_of_its_own_not_a_late_failure(site: Site) -> None:
    roll(
        site,
        "a",
        "1/QĐ-UBND",
        [entry_row(1, "Gia đình ông An", "Xã Thiên Lộc"), entry_row(2, "Gia đình bà Bình", "Xã Thiên Lôc")],
    )
    # The typo is warned about, with the right name, at its row; the build still gives it a page of its own.
    both_pass(site, "honours/a.csv:3")
    assert "có phải 'Xã Thiên Lộc, Huyện Can Lộc'?" in site.check().output
    links = place_links(site, "vinh-danh/dia-phuong/tinh-ha-tinh/")
    assert len(set(links.values())) == 2


def test_addresses_do_not_depend_on_file_order_or_on_a_new_colliding_spelling(site: Site) -> None:
    roll_after(site, [quang_ngai_row(1, "Gia đình ông An", SON_HA), quang_ngai_row(2, "Gia đình bà Bình", SON_HA_NANG)])
    both_pass(site)
    before = place_links(site, "vinh-danh/dia-phuong/tinh-quang-ngai/")
    roll_after(
        site,
        [
            quang_ngai_row(5, "Gia đình ông Chung", "Xã Sơn Hả"),  # a third spelling: a typo, warned about
            quang_ngai_row(2, "Gia đình bà Bình", SON_HA_NANG),
            quang_ngai_row(1, "Gia đình ông An", SON_HA),
        ],
    )
    both_pass(site, "honours/a.csv:2")
    after = place_links(site, "vinh-danh/dia-phuong/tinh-quang-ngai/")
    assert {name: after[name] for name in before} == before
    assert len(set(after.values())) == 3


def test_case_and_tone_variants_of_a_province_are_one_province_in_one_export(site: Site) -> None:
    rows = [
        entry_row(1, "Gia đình ông An", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
        entry_row(2, "Gia đình bà Bình", "Xã Thiên Lộc", "tỉnh Hà Tĩnh"),
        entry_row(3, "Gia đình ông Chung", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh"),
        entry_row(4, "Gia đình ông Dũng", "Xã Thiên Lộc", "Tỉnh Hà Tỉnh"),  # another tone: another name
    ]
    roll(site, "a", "1/QĐ-UBND", rows)
    both_pass(site, "honours/a.csv:5")
    assert manifest(site)["complete"] is True
    folder = site.out / "vinh-danh/du-lieu/tinh"
    exported = {
        path.name: list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        for path in folder.glob("*.csv")
    }
    assert sum(len(records) for records in exported.values()) == 4
    ha_tinh = [records for records in exported.values() if len(records) == 3]
    assert len(ha_tinh) == 1 and len(exported) == 2
    # Rows keep the spelling their decision printed; the page shows the commonest one.
    assert [r["province"] for r in ha_tinh[0]] == ["Tỉnh Hà Tĩnh", "tỉnh Hà Tĩnh", "Tỉnh Hà Tĩnh"]
    overview = site.html("vinh-danh/dia-phuong/")
    assert ">Tỉnh Hà Tĩnh</a>" in overview and ">tỉnh Hà Tĩnh</a>" not in overview and ">Tỉnh Hà Tỉnh</a>" in overview
    shared = site.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    assert '>Tỉnh Hà Tĩnh</a> <span class="bv-count">3 mục' in shared and ">Tỉnh Hà Tỉnh</a>" in shared
    assert sorted(path.stem for path in folder.glob("*.csv")) == sorted(
        re.findall(r'href="(tinh-ha-tinh-[0-9a-f]{6})/"', overview)
    )
    assert not list(folder.glob("*.json"))


def test_title_spellings_share_one_title_page(site: Site) -> None:
    rows = [
        entry_row(1, "Gia đình ông An", "Xã Thiên Lộc", title="Gia đình học tập"),
        entry_row(2, "Gia đình bà Bình", "Xã Thiên Lộc", title="Gia đình Học tập"),
        entry_row(3, "Gia đình ông Chung", "Xã Hoà Lạc", title="Gia đình học tập", district="Huyện Đức Thọ"),
        entry_row(4, "Gia đình ông Dũng", "Xã Hòa Lạc", title="Gia đình học tập", district="Huyện Đức Thọ"),
    ]
    roll(site, "a", "1/QĐ-UBND", rows)
    both_pass(site)
    page = site.html("vinh-danh/danh-hieu/gia-dinh-hoc-tap/")
    assert "<h1>Gia đình học tập</h1>" in page
    assert "4 mục được ghi danh hiệu này" in page
    groups = site.html("vinh-danh/danh-hieu/")
    assert groups.count("gia-dinh-hoc-tap/") == 1
    places = place_links(site, "vinh-danh/dia-phuong/tinh-ha-tinh/")
    assert len(places) == 2, places
    # "Xã Hoà Lạc" and "Xã Hòa Lạc" (tone placement) are one place, on one page.
    pages = [site.html(f"vinh-danh/dia-phuong/tinh-ha-tinh/{href}") for href in places.values()]
    (hoa,) = [page for page in pages if "Gia đình ông Chung" in page]
    assert "Gia đình ông Dũng" in hoa


def _decision(slug: str, rows: list[tuple[int, str, str, str | None]]) -> Decision:
    entries = tuple(
        HonourEntry(stt, "gia_dinh", f"Gia đình ông {stt}", None, title, None, commune, "Huyện Can Lộc", province, stt)
        for stt, commune, province, title in rows
    )
    return Decision(
        f"honours/{slug}.yaml", f"honours/{slug}.yaml", slug, f"{slug}/QĐ", (), dt.date(2024, 1, 2),
        Issuer("UBND", "huyen_xa"), "cong_nhan", "2024", "Gia đình học tập", (), None, False, entries,
    )  # fmt: skip


def _addresses(plan: HonourPlan) -> set[str]:
    return {page.src_uri for page in plan.pages.values()}


def test_plan_gives_every_page_its_own_address_whatever_the_order(site: Site) -> None:
    settings = settings_for(site)
    spellings = [
        (1, DONG_SON, "Tỉnh Hà Tĩnh", None),
        (2, DONG_SON_HUYEN, "tỉnh Hà Tĩnh", "Gia đình Học tập"),
        (3, "Xã Đông Sờn", "Tỉnh Hà Tỉnh", "Gia đình học tấp"),
        (4, "xã Đông Sơn", "Tỉnh Hà Tỉnh", None),
    ]
    forward = plan_honours([_decision("a", spellings[:2]), _decision("b", spellings[2:])], settings, 1)
    backward = plan_honours([_decision("b", spellings[:1:-1]), _decision("a", spellings[1::-1])], settings, 1)
    # Seven distinct spellings of places, provinces and titles; every one has a page of its own.
    place_pages = [p for p in forward.pages.values() if p.kind == "place"]
    province_pages = [p for p in forward.pages.values() if p.kind == "province"]
    title_pages = [p for p in forward.pages.values() if p.kind == "title"]
    assert len(place_pages) == 4 and len(province_pages) == 2 and len(title_pages) == 2
    assert {p.url for p in place_pages} == {p.url for p in backward.pages.values() if p.kind == "place"}
    assert {p.url for p in title_pages} == {p.url for p in backward.pages.values() if p.kind == "title"}
    assert {p.url for p in province_pages} == {p.url for p in backward.pages.values() if p.kind == "province"}
    assert len({p.url for p in forward.pages.values()}) == len(forward.pages)
    # Every entry is on exactly one place page and one decision page.
    for plan in (forward, backward):
        assert sum(len(p.context.group.rows) for p in plan.pages.values() if isinstance(p.context, PlaceContext)) == 4


def test_check_finds_decision_files_that_would_share_an_address(site: Site) -> None:
    rows = [entry_row(1, "Gia đình ông An", "Xã Thiên Lộc")]
    roll(site, "a", "1/QĐ-UBND", rows)
    (site.root / "honours/x").mkdir()
    roll_in = site.root / "honours/x"
    (roll_in / "a.yaml").write_text(
        (site.root / "honours/a.yaml").read_text(encoding="utf-8").replace("1/QĐ", "2/QĐ"), encoding="utf-8"
    )
    (roll_in / "a.csv").write_text((site.root / "honours/a.csv").read_text(encoding="utf-8"), encoding="utf-8")
    roll(site, "manifest", "3/QĐ-UBND", rows)
    check = site.check("--strict")
    assert check.code == 1
    located = [line for line in check.output.splitlines() if re.match(r"^honours/\S+:\d+: ", line)]
    assert located == [
        "honours/a.yaml:1: tên tệp 'a' trùng với honours/x/a.yaml: địa chỉ trang và tệp dữ liệu của quyết định lấy "
        "từ tên tệp; đổi tên một trong hai tệp",
        "honours/manifest.yaml:1: tên tệp 'manifest' trùng với tệp manifest.json mà Bảng Vàng tạo trong "
        "vinh-danh/du-lieu/; đổi tên tệp",
        "honours/x/a.yaml:1: tên tệp 'a' trùng với honours/a.yaml: địa chỉ trang và tệp dữ liệu của quyết định lấy "
        "từ tên tệp; đổi tên một trong hai tệp",
    ]
    build = site.build()
    assert build.code == 1 and "Traceback" not in build.output
    assert [line for line in build.output.splitlines() if re.match(r"^honours/\S+:\d+: ", line)] == located
    assert not site.out.exists()


def test_same_name_ignores_case_and_tone_placement_only() -> None:
    from bangvang.core.collation import name_key

    assert name_key("Tỉnh Hà Tĩnh") == name_key("tỉnh  Hà Tĩnh") == name_key("TỈNH HÀ TĨNH")
    assert name_key("Xã Thiên Hoà") == name_key("Xã Thiên Hòa")
    assert name_key("Gia đình học tập") == name_key("Gia đình Học tập")
    assert name_key("Tỉnh Hà Tĩnh") != name_key("Tỉnh Hà Tỉnh")
    assert name_key("Xã Đông Sơn") != name_key("Xã Đồng Sơn") != name_key("Xã Dông Sơn")


def test_long_names_get_addresses_that_fit_a_file_name(site: Site) -> None:
    long_commune = "Xã " + "Thiên Lộc " * 24
    long_province = "Tỉnh " + "Hà Tĩnh " * 30
    rows = [
        entry_row(1, "Gia đình ông An", long_commune.strip(), long_province.strip(), title="Gia đình " * 30),
        entry_row(2, "Gia đình bà Bình", long_commune.strip() + " Hai", long_province.strip()),
    ]
    roll(site, "a", "1/QĐ-UBND", rows)
    both_pass(site, "honours/a.csv:2", "honours/a.csv:3")  # no such province: made up to be long
    assert manifest(site)["complete"] is True
    names = [path.name for path in site.out.rglob("*")]
    assert max(len(name.encode("utf-8")) for name in names) <= 120


def test_a_decision_file_name_too_long_for_its_exports_is_a_located_error() -> None:
    from bangvang.core.honours.addresses import decision_file_problems

    fits, too_long = _decision("a" * 250, []), _decision("b" * 251, [])
    assert [str(p) for p in decision_file_problems([fits, too_long])] == [
        f"honours/{'b' * 251}.yaml:1: tên tệp dài 251 ký tự; địa chỉ trang và tệp dữ liệu cần tên ngắn hơn (250 ký tự)"
    ]


def test_lookup_filters_show_one_value_per_name_in_its_commonest_spelling(site: Site) -> None:
    rows = [
        entry_row(1, "Gia đình ông An", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh", "Gia đình học tập"),
        entry_row(2, "Gia đình bà Bình", "xã Thiên Lộc", "tỉnh Hà Tĩnh", "Gia đình Học tập"),
        entry_row(3, "Gia đình ông Chung", "Xã Thiên Lộc", "Tỉnh Hà Tĩnh", "Gia đình học tập"),
        entry_row(4, "Gia đình ông Dũng", "Xã Thiên Lôc", "Tỉnh Hà Tỉnh", "Gia đình học tập"),
    ]
    roll(site, "a", "1/QĐ-UBND", rows)
    both_pass(site, "honours/a.csv:5")
    meta = json.loads((site.out / "vinh-danh/tra-cuu/chi-muc/meta.json").read_text(encoding="utf-8"))
    assert meta["titles"] == ["Gia đình học tập"]
    assert sorted(meta["provinces"]) == ["Tỉnh Hà Tĩnh", "Tỉnh Hà Tỉnh"]
    # The filters offer current units (Xã Thiên Lộc, Huyện Can Lộc is Xã Can Lộc since 1/7/2025), and the
    # wording of the place the unit list cannot settle (an unknown province) as it is.
    places = sorted((commune, meta["provinces"][province]) for commune, _, province in meta["places"])
    assert places == [("Xã Can Lộc", "Tỉnh Hà Tĩnh"), ("Xã Thiên Lôc", "Tỉnh Hà Tỉnh")]
    # The three spellings of Thiên Lộc are one place as signed, in its commonest spelling.
    signed = [(c, d, meta["signed_provinces"][p], now) for c, d, p, now in meta["signed_places"]]
    assert signed == [("Xã Thiên Lộc", "Huyện Can Lộc", "Tỉnh Hà Tĩnh", 1)]
