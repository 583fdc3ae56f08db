"""One site per province (issue 13, point 4): the ``provinces`` option publishes only the chosen provinces' rows.

A 2023 decision of Huyện Can Lộc lists three rows in Tỉnh Hà Tĩnh and one in
a commune of the former Tỉnh Quảng Bình (today Tỉnh Quảng Trị); a 2024
decision lists only Quảng Bình rows. The whole site, a Hà Tĩnh site (option
in mkdocs.yml) and a Quảng Trị site (option from the environment through
``!ENV``, as a CI matrix job sets it) are built from the same rolls. A list
longer than two rows gets a page per commune (``split_over: 2``), so the
spanning decision is split on every site.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest
import yaml

from bangvang.core.honours.selection import resolve_provinces
from conftest import REPO, Site, blank_site, read_only

SPANNING = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "2,gia_dinh,Gia đình bà Trần Thị Bình,,,Thôn 2,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "3,gia_dinh,Gia đình ông Lê Văn Cường,,,Thôn Đông,Xã Quảng Phú,Huyện Quảng Trạch,Tỉnh Quảng Bình",
    "4,gia_dinh,Gia đình ông Phạm Văn Dũng,,,Thôn 4,Xã Không Có,Huyện Can Lộc,Tỉnh Hà Tĩnh",
]
ELSEWHERE = [
    "1,gia_dinh,Gia đình ông Võ Văn Giang,,,Thôn Tây,Xã Quảng Phú,Huyện Quảng Trạch,Tỉnh Quảng Bình",
    "2,gia_dinh,Gia đình bà Đặng Thị Hạnh,,,Thôn Nam,Xã Quảng Phú,Huyện Quảng Trạch,Tỉnh Quảng Bình",
]
ENV_OPTION = "bangvang:\n    provinces: !ENV [BANGVANG_PROVINCES, '']\n"
ANCHOR = re.compile(r'\bid="?([a-z0-9-]+-stt-\d+)')


def _rolls(site: Site) -> Site:
    # The unknown commune is a warning of the check (builds here are not strict); its province is known.
    site.decision("tl-2023", SPANNING, number="12/QĐ-UBND", signed=dt.date(2023, 12, 18))
    site.decision(
        "qt-2024",
        ELSEWHERE,
        number="7/QĐ-UBND",
        signed=dt.date(2024, 5, 2),
        period="2024",
        issuer={"name": "Ủy ban nhân dân huyện Quảng Trạch", "level": "huyen_xa"},
    )
    return site


def _from_environment(site: Site) -> Site:
    """Make the site read its provinces from BANGVANG_PROVINCES, as the workflow example does."""
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "- bangvang:\n" in text
    config.write_text(text.replace("- bangvang:\n", "- " + ENV_OPTION, 1), encoding="utf-8")
    return site


def _anchors(site: Site) -> dict[str, str]:
    """Every row anchor on the decision pages, with the page (site path) it stands on."""
    found: dict[str, str] = {}
    for page in sorted((site.out / "vinh-danh/quyet-dinh").rglob("index.html")):
        for anchor in ANCHOR.findall(page.read_text(encoding="utf-8")):
            assert anchor not in found, anchor
            found[anchor] = page.parent.relative_to(site.out).as_posix()
    return found


def _texts(site: Site) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(site.out.rglob("*")) if p.is_file())


def _manifest(site: Site) -> dict[str, object]:
    manifest: dict[str, object] = json.loads((site.out / "vinh-danh/du-lieu/manifest.json").read_text(encoding="utf-8"))
    return manifest


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Site]]:
    root = tmp_path_factory.mktemp("provinces")
    built = {
        "whole": _rolls(blank_site(root / "whole", plugin={"split_over": 2})),
        "ha-tinh": _rolls(blank_site(root / "ha-tinh", plugin={"provinces": ["Hà Tĩnh"], "split_over": 2})),
        "quang-tri": _from_environment(_rolls(blank_site(root / "quang-tri", plugin={"split_over": 2}))),
        "empty": _from_environment(_rolls(blank_site(root / "empty", plugin={"split_over": 2}))),
    }
    mp = pytest.MonkeyPatch()
    try:
        for name, site in built.items():
            if name == "quang-tri":
                mp.setenv("BANGVANG_PROVINCES", "Tỉnh Quảng Trị")
            else:
                mp.delenv("BANGVANG_PROVINCES", raising=False)
            run = site.build(strict=False)
            assert run.code == 0, run.output
            site.last = run
    finally:
        mp.undo()
    with read_only(built["whole"]), read_only(built["ha-tinh"]), read_only(built["quang-tri"]):
        yield built


def test_one_province_publishes_only_its_rows(sites: dict[str, Site]) -> None:
    site = sites["ha-tinh"]
    assert set(_anchors(site)) == {"tl-2023-stt-1", "tl-2023-stt-2", "tl-2023-stt-4"}
    # The decision with no Hà Tĩnh row is left out: no page, no export.
    assert not (site.out / "vinh-danh/quyet-dinh/qt-2024").exists()
    assert not list((site.out / "vinh-danh/du-lieu").glob("qt-2024.*"))
    # Nor are the other province's rows anywhere: pages, exports, the lookup's index.
    texts = _texts(site)
    assert "Gia đình ông Nguyễn Văn An" in texts and "Gia đình ông Phạm Văn Dũng" in texts
    for name in ("Lê Văn Cường", "Võ Văn Giang", "Đặng Thị Hạnh", "Quảng Bình", "Quảng Trị"):
        assert name not in texts, name
    provinces = {p.name for p in (site.out / "vinh-danh/dia-phuong").iterdir() if p.is_dir()}
    assert provinces == {"tinh-ha-tinh"}
    manifest = _manifest(site)
    assert manifest["complete"], manifest["problems"]
    assert "bỏ 1 quyết định và 3 mục của tỉnh, thành phố khác" in site.last.output
    # The decision page says its list is the province's part: STT 3 is not a gap in the data.
    page = site.html("vinh-danh/quyet-dinh/tl-2023/")
    assert "Quyết định có 4 mục; 1 mục ở tỉnh, thành phố khác không đăng ở trang này." in page


def test_province_sites_together_publish_every_row_at_the_whole_sites_address(sites: dict[str, Site]) -> None:
    whole, ha_tinh, quang_tri = (_anchors(sites[name]) for name in ("whole", "ha-tinh", "quang-tri"))
    assert len(whole) == len(SPANNING) + len(ELSEWHERE)
    assert set(quang_tri) == {"tl-2023-stt-3", "qt-2024-stt-1", "qt-2024-stt-2"}
    assert not set(ha_tinh) & set(quang_tri)
    # Each row keeps its anchor and its page: a link into the whole site works on its province's site.
    # The spanning decision is split into pages per commune on all three sites (its whole list is long), even
    # where the province's part alone would fit one page (Quảng Trị's one row).
    assert whole["tl-2023-stt-3"] == quang_tri["tl-2023-stt-3"] != "vinh-danh/quyet-dinh/tl-2023"
    assert {**ha_tinh, **quang_tri} == whole
    texts = _texts(sites["quang-tri"])
    assert "Gia đình ông Lê Văn Cường" in texts and "Trần Thị Bình" not in texts
    manifest = _manifest(sites["quang-tri"])
    assert manifest["complete"], manifest["problems"]


def test_no_selection_publishes_every_province_as_before(sites: dict[str, Site]) -> None:
    whole, empty = sites["whole"], sites["empty"]
    provinces = {p.name for p in (whole.out / "vinh-danh/dia-phuong").iterdir() if p.is_dir()}
    assert {"tinh-ha-tinh", "tinh-quang-tri"} <= provinces
    assert "mục của tỉnh, thành phố khác" not in whole.last.output
    # An empty BANGVANG_PROVINCES (the option through !ENV, unset) builds the very same site as no option.
    files = sorted(p.relative_to(whole.out) for p in whole.out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(empty.out) for p in empty.out.rglob("*") if p.is_file())
    for rel in files:
        assert (whole.out / rel).read_bytes() == (empty.out / rel).read_bytes(), rel


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(
            "Ha Tinh", "không có tỉnh, thành phố 'Ha Tinh' trong 34 tỉnh, thành phố hiện nay: ", id="no-tones"
        ),
        pytest.param(
            "Tỉnh Quảng Bình",
            "'Tỉnh Quảng Bình' không còn là tỉnh, thành phố từ 1/7/2025: nay thuộc Tỉnh Quảng Trị",
            id="former",
        ),
    ],
)
def test_an_unknown_province_is_a_config_error_naming_the_real_ones(site: Site, name: str, expected: str) -> None:
    _rolls(site)
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("- bangvang:\n", f"- bangvang:\n    provinces: ['{name}']\n", 1), encoding="utf-8")
    for run in (site.build(strict=False), site.check()):
        assert run.code != 0
        assert "provinces" in run.output and expected in run.output, run.output
        if name == "Ha Tinh":
            assert "Tỉnh Hà Tĩnh" in run.output and "Thành phố Hà Nội" in run.output and "Tỉnh Đắk Lắk" in run.output
    assert not site.out.exists()


def test_a_row_no_province_holds_stops_a_province_build(site: Site) -> None:
    rows = [*SPANNING, "5,gia_dinh,Gia đình ông Bùi Văn Khoa,,,Thôn 5,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Không Có"]
    site.decision("tl-2023", rows, number="12/QĐ-UBND", signed=dt.date(2023, 12, 18))
    whole = site.build(strict=False)
    assert whole.code == 0, whole.output  # the whole site publishes it as signed
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("- bangvang:\n", "- bangvang:\n    provinces: Hà Tĩnh\n", 1), encoding="utf-8")
    run = site.build(strict=False)
    assert run.code == 1
    assert "honours/tl-2023.csv:6" in run.output, run.output
    assert "không biết 'Tỉnh Không Có' nay là tỉnh, thành phố nào" in run.output


def test_a_matrix_job_after_another_does_not_reuse_the_other_provinces_pages(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One checkout, mkdocs.yml unchanged, the honour cache kept: only BANGVANG_PROVINCES differs between the builds.
    _from_environment(_rolls(site))
    monkeypatch.setenv("BANGVANG_PROVINCES", "Hà Tĩnh")
    assert site.build(strict=False).code == 0
    assert "Trần Thị Bình" in _texts(site) and "Lê Văn Cường" not in _texts(site)
    monkeypatch.setenv("BANGVANG_PROVINCES", "Quảng Trị")
    run = site.build(strict=False)
    assert run.code == 0, run.output
    assert "Trần Thị Bình" not in _texts(site) and "Lê Văn Cường" in _texts(site)


def test_the_workflow_example_builds_each_province_it_names_from_this_repository(
    example_copy: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/tinh.yml.example").read_text(encoding="utf-8"))
    job = workflow["jobs"]["site"]
    provinces = [item["province"] for item in job["strategy"]["matrix"]["include"]]
    assert len(provinces) > 1 and tuple(provinces) == resolve_provinces(provinces)
    build = next(step for step in job["steps"] if "mkdocs build --strict" in step.get("run", ""))
    assert build["env"]["BANGVANG_PROVINCES"] == "${{ matrix.province }}"
    # The repository's own mkdocs.yml reads the option from that variable: each job publishes its province's rows.
    total = 0
    for province in provinces:
        monkeypatch.setenv("BANGVANG_PROVINCES", province)
        run = example_copy.check("--strict")
        assert run.code == 0, run.output
        found = re.search(r"\(([\d.]+) mục\) hợp lệ của (.+?); bỏ", run.output)
        assert found and found.group(2) == province, run.output
        total += int(found.group(1).replace(".", ""))
    monkeypatch.delenv("BANGVANG_PROVINCES")
    run = example_copy.check("--strict")
    whole = re.search(r"\(([\d.]+) mục\) hợp lệ\.", run.output)
    assert whole, run.output
    assert total == int(whole.group(1).replace(".", "")), "the example's provinces together publish every row"
