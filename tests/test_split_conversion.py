"""A full build on two cores converts half the articles in a forked process (issue 14: builds at the floor).

The split must be invisible in what the build writes and says: the same
bytes as a serial build, each warning once (and counted by strict mode), and
if the forked process fails, this one converts its pages as a serial build
would.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from bangvang.mkdocs_plugin import split_conversion
from conftest import Site

ARTICLES = 12


def _write(site: Site) -> None:
    for number in range(ARTICLES):
        body = f"## Phần một\n\nBài số {number}, xem [bài trước](bai-{max(number - 1, 0):02d}.md#phan-mot).\n"
        site.article(2024, f"bai-{number:02d}", title=f"Bài số {number}", body=body)


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def _converted_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the pages whose Markdown this process (the test's) converts."""
    here, converted = os.getpid(), []
    render = Page.render

    def counted(page: Page, config: MkDocsConfig, files: Files) -> None:
        if os.getpid() == here:
            converted.append(page.file.src_uri)
        render(page, config, files)

    monkeypatch.setattr(Page, "render", counted)
    return converted


def _serial(make_site: Callable[..., Site]) -> dict[str, bytes]:
    serial = make_site("serial", plugin={"workers": 1, "search": False})
    _write(serial)
    run = serial.build()
    assert run.code == 0, run.output
    return _files(serial.out)


def test_half_the_articles_are_converted_apart_and_the_site_is_a_serial_builds(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _serial(make_site)
    converted = _converted_here(monkeypatch)
    site = make_site("parallel", plugin={"workers": 2, "search": False})
    _write(site)
    run = site.build()
    assert run.code == 0, run.output
    articles = [src_uri for src_uri in converted if src_uri.startswith("tin-tuc/2024/")]
    assert len(articles) == ARTICLES // 2, articles  # the other half came from the forked process
    written = _files(site.out)
    assert sorted(written) == sorted(expected)
    assert [name for name in expected if written[name] != expected[name]] == []


def test_if_the_forked_process_fails_its_pages_are_converted_here(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _serial(make_site)

    def fails(*_: object) -> None:  # only the forked process calls it
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(split_conversion, "_populate_page", fails)
    converted = _converted_here(monkeypatch)
    site = make_site("parallel", plugin={"workers": 2, "search": False})
    _write(site)
    run = site.build()
    assert run.code == 0, run.output
    assert "hỏng giữa chừng" not in run.output
    assert len([src_uri for src_uri in converted if src_uri.startswith("tin-tuc/2024/")]) == ARTICLES
    assert _files(site.out) == expected


WARNING_EXTENSION = """
import logging

from markdown import Extension
from markdown.preprocessors import Preprocessor


class _Warn(Preprocessor):
    def run(self, lines):
        if any("[cảnh báo thử]" in line for line in lines):
            logging.getLogger("mkdocs.thu").warning("một trang có dấu cảnh báo thử")
        return lines


class WarnExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_Warn(md), "canh_bao_thu", 0)


def makeExtension(**options):
    return WarnExtension(**options)
"""
"""A Markdown extension that warns while it converts a page with a mark (what an extension's warning looks like)."""


def test_a_warning_of_a_page_converted_apart_is_told_once_and_fails_a_strict_build(
    make_site: Callable[..., Site], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "canh_bao_thu.py").write_text(WARNING_EXTENSION, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    site = make_site("parallel", plugin={"workers": 2, "search": False}, markdown_extensions=["canh_bao_thu"])
    _write(site)
    last = site.content / "tin-tuc" / "2024" / f"bai-{ARTICLES - 1:02d}.md"  # in the forked process's half
    last.write_text(last.read_text(encoding="utf-8") + "\n[cảnh báo thử]\n", encoding="utf-8")
    run = site.build()
    assert run.code == 1, run.output
    assert run.output.count("một trang có dấu cảnh báo thử") == 1, run.output
    assert "Aborted with 1 warnings in strict mode" in run.output
