"""Honour pages and files written by worker processes (issue 13, point 3).

A parallel build must write the very bytes a serial one writes: both builds of
the example site are compared file by file. A worker's failure stops the build
like a failure of the main process: the message, exit status 1, the last good
site left whole.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Site, copy_example


def _configured(root: Path, **options: object) -> Site:
    site = copy_example(root)
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # The example's config uses !ENV: set the options on the plugin's line, leaving the rest as it is.
    lines = "".join(f"\n      {key}: {json.dumps(value)}" for key, value in options.items())
    config.write_text(text.replace("  - bangvang:", "  - bangvang:" + lines, 1), encoding="utf-8")
    return site


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_a_parallel_build_writes_the_bytes_of_a_serial_one(tmp_path: Path) -> None:
    serial = _configured(tmp_path / "serial", workers=1, cache=False)
    parallel = _configured(tmp_path / "parallel", workers=2, cache=False)
    one, two = serial.build(), parallel.build()
    assert one.code == 0, one.output
    assert two.code == 0, two.output
    assert "dựng song song trên 2 tiến trình" in two.output
    assert "song song" not in one.output
    written, expected = _files(parallel.out), _files(serial.out)
    assert sorted(written) == sorted(expected)
    assert any(name.startswith("vinh-danh/dia-phuong/") for name in written)
    different = [name for name in expected if written[name] != expected[name]]
    assert different == []


def test_a_failing_worker_stops_the_build_and_keeps_the_last_site(tmp_path: Path) -> None:
    site = _configured(tmp_path / "site", workers=2, cache=False)
    first = site.build_subprocess()
    assert first.code == 0, first.output
    before = _files(site.out)
    # A theme override that breaks only the statistics page, which a worker renders (this process keeps the
    # decisions' and places' pages).
    broken = site.root / "overrides"
    broken.mkdir()
    (broken / "honour-stats.html").write_text(
        '{% extends "main.html" %}{% block content %}{{ bv_no_such_helper() }}{% endblock %}\n'
    )
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8")
    second = site.build_subprocess()
    assert second.code == 1, second.output
    assert "dựng song song" in second.output
    assert "Error building page 'vinh-danh/thong-ke/index.md'" in second.output  # the worker's record, replayed
    assert "bv_no_such_helper" in second.output
    assert _files(site.out) == before
