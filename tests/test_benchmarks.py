"""The benchmarks' synthetic sites still build with the real site's theme and config (figures are not tested)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from bangvang.core.units.data import DATA_FILE
from bangvang.core.units.matching import Matcher
from bangvang.site_config import load_settings
from benchmarks.build import host_fit, measure_build, write_honour_site, write_site
from conftest import REPO


def test_the_article_benchmark_site_builds(tmp_path: Path) -> None:
    write_site(tmp_path, 3, load_settings(REPO))
    measure = measure_build(tmp_path, 3)  # raises with MkDocs' output when the strict build fails
    articles = sorted((tmp_path / "content" / "tin-tuc").rglob("*.md"))
    assert len(articles) == 3
    for article in articles:
        page = article.relative_to(tmp_path / "content").with_suffix("") / "index.html"
        assert (tmp_path / "site" / page).is_file(), page
    assert measure.files > 3


def test_the_honour_benchmark_site_builds_with_its_synthetic_rolls(tmp_path: Path) -> None:
    write_honour_site(tmp_path, 300, load_settings(REPO))
    measure_build(tmp_path, 300)
    assert sorted(p.name for p in (tmp_path / "honours").iterdir()) == ["tong-hop-0001.csv", "tong-hop-0001.yaml"]
    manifest = json.loads((tmp_path / "site" / "vinh-danh" / "du-lieu" / "manifest.json").read_bytes())
    assert (manifest["entries_read"], manifest["complete"]) == (300, True)
    # Sites beyond any host are built (host: none), then held against each host.
    assert "      host: none" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    fit = host_fit(tmp_path / "site")
    assert fit.startswith("tệp lớn nhất ") and "GitHub Pages: vừa, Cloudflare Pages: vừa" in fit, fit


def test_the_honour_benchmark_times_the_place_stage_once_per_printed_place(tmp_path: Path) -> None:
    from benchmarks.build import run_place_stage

    write_honour_site(tmp_path, 300, load_settings(REPO))
    stage = run_place_stage(tmp_path)  # in a child process, as the benchmark runs it
    assert stage.rows == 300
    # One decision of 2021 over 40 former communes: 40 printed places, each planned once, not once per row.
    assert stage.printed == stage.located - stage.checked == 40
    assert 0 < stage.pages <= stage.printed
    assert 0 < stage.load_seconds < stage.match_seconds and stage.stage_seconds > 0


def test_the_honour_benchmark_weighs_the_unit_list_installed_from_the_wheel() -> None:
    from benchmarks.places import units_installed_size

    size = units_installed_size()
    assert size.data_bytes == DATA_FILE.stat().st_size
    code = sum(path.stat().st_size for path in DATA_FILE.parent.glob("*.py"))
    assert size.files_bytes == size.data_bytes + code
    assert size.installed_bytes > size.files_bytes  # with the bytecode pip compiles


def test_the_check_benchmark_lists_real_communes_of_2020_with_their_districts(tmp_path: Path) -> None:
    from benchmarks.check import write_rows

    write_rows(tmp_path / "ds.csv", 3000)
    with (tmp_path / "ds.csv").open(encoding="utf-8") as handle:
        places = {(row["province"], row["district"], row["commune"]) for row in csv.DictReader(handle)}
    assert len(places) == 150
    matcher = Matcher()
    for province, district, commune in sorted(places):
        located = matcher.locate(province, district, commune, dt.date(2020, 12, 30))
        assert located.problem is None and located.former and located.commune is not None, located


def test_the_lighthouse_benchmark_says_how_to_install_lighthouse_when_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import lighthouse

    monkeypatch.setenv("LIGHTHOUSE", str(tmp_path / "khong-co" / "lighthouse"))
    assert lighthouse.main(["--site", str(tmp_path)]) == 2  # before building anything
    error = capsys.readouterr().err
    assert "npm install --prefix" in error
    assert "LIGHTHOUSE=" in error
    assert not (tmp_path / "site").exists()


def test_the_lighthouse_table_reads_scores_shift_and_failing_audits_from_a_report() -> None:
    from benchmarks.lighthouse import format_table, read_report

    audit = {"score": 1, "title": "Đạt"}
    report: dict[str, object] = {
        "categories": {
            "performance": {"score": 0.91, "auditRefs": [{"id": "cumulative-layout-shift", "weight": 25}]},
            "accessibility": {"score": 0.934, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {"score": 1, "auditRefs": [{"id": "errors-in-console", "weight": 1}]},
            "seo": {
                "score": 0.5,
                "auditRefs": [{"id": "meta-description", "weight": 1}, {"id": "hreflang", "weight": 0}],
            },
        },
        "audits": {
            "cumulative-layout-shift": {"score": 0.9, "numericValue": 0.0612, "title": "CLS"},
            "color-contrast": {"score": 0, "title": "Tương phản"},
            "errors-in-console": audit,
            "meta-description": {"score": 0, "title": "Mô tả"},
            "hreflang": {"score": 0, "title": "Không tính điểm"},
        },
    }
    row = read_report("vinh-danh/", report)
    assert row.scores == {"performance": 91, "accessibility": 93, "best-practices": 100, "seo": 50}
    assert row.cls == pytest.approx(0.0612)
    assert row.failing == ["accessibility: color-contrast (Tương phản)", "seo: meta-description (Mô tả)"]
    table = format_table([row]).splitlines()
    assert table[1].split() == ["vinh-danh/", "91", "93", "100", "50", "0,061"]


def test_the_import_benchmark_imports_every_row_of_its_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks.importing import run_import_bench

    assert run_import_bench([30], tmp_path) == 0
    out = capsys.readouterr().out
    assert "  đã nhập 30 dòng" in out and "  đã nhập 29 dòng" in out
    assert "chỉ đọc bằng python-calamine (sàn)" in out


def test_the_serve_benchmark_times_an_article_and_a_decision_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks.serve import run_serve_bench

    assert run_serve_bench(REPO, 12, 60, 1, tmp_path) == 0
    printed = capsys.readouterr().out
    assert "12 bài viết, 60 mục bảng vàng" in printed
    for label in ("lưu một bài viết", "lưu một quyết định"):
        line = next(line for line in printed.splitlines() if line.startswith(label))
        shown, _, idle = line.rpartition("trung vị ")[2].partition(" s); đến khi xem thử xong mọi việc nền: ")
        assert 0 < float(shown) <= float(idle.removesuffix(" s")) + 0.05  # idle is printed to a tenth


def test_the_floor_benchmark_measures_both_halves_of_a_build(tmp_path: Path) -> None:
    from benchmarks.floor import measure_rounds

    first, measured = measure_rounds(load_settings(REPO), [6], 1, tmp_path)
    (round_,) = measured[6]
    for run in (first[6].ours, first[6].plain, round_.ours, round_.plain, round_.serial, round_.pagefind):
        assert run.code == 0 and run.user + run.system > 0 and run.peak_mb > 0
    # The lowest ratio spreads both halves' CPU over two cores.
    work = round_.serial.user + round_.serial.system + round_.pagefind.user + round_.pagefind.system
    assert round_.lowest == pytest.approx(work / 2 / round_.plain.seconds)


def test_the_build_measured_without_pagefind_runs_in_one_process(tmp_path: Path) -> None:
    from benchmarks.floor import write_serial_config

    write_site(tmp_path, 3, load_settings(REPO))
    config = yaml.safe_load(write_serial_config(tmp_path).read_text(encoding="utf-8"))
    options = config["plugins"][0]["bangvang"]
    assert (options["workers"], options["search"], config["site_dir"]) == (1, False, "site-serial")
    assert config["docs_dir"] == yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))["docs_dir"]


def test_pagefind_is_measured_on_the_pages_the_build_hands_it(tmp_path: Path) -> None:
    from benchmarks.floor import write_searched_pages

    site = tmp_path / "site"
    page = site / "tin-tuc" / "bai" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!doctype html><html lang="vi"><head><title>Bài</title></head><body><header>Đầu</header>'
        "<article><div data-pagefind-body><h1>Bài</h1></div></article></body></html>",
        encoding="utf-8",
    )
    (site / "tin-tuc" / "index.html").write_text("<html><body>Danh sách</body></html>", encoding="utf-8")
    (site / "vinh-danh").mkdir()
    (site / "vinh-danh" / "index.html").write_text("<div data-pagefind-body></div>", encoding="utf-8")
    assert write_searched_pages(site, ["tin-tuc", "van-ban"], tmp_path / "cut") == 1
    cut = (tmp_path / "cut" / "tin-tuc" / "bai" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in cut and "<header>" not in cut
