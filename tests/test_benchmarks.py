"""The benchmarks' synthetic sites still build with the real site's theme and config (figures are not tested)."""

from __future__ import annotations

import json
from pathlib import Path

from bangvang.site_config import load_settings
from benchmarks.build import measure_build, write_honour_site, write_site
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
