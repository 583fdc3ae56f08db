"""Pagefind is handed only the part of a page it indexes (issue 14: builds at the floor).

The cut must not change the index: the example site's index made from cut
pages is the one made from whole pages, byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bangvang.mkdocs_plugin import search_index
from bangvang.mkdocs_plugin.search_index import searched_part
from conftest import Site, copy_example


def _index(root: Path) -> dict[str, bytes]:
    folder = root / "pagefind"
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_index_of_cut_pages_is_the_index_of_whole_pages(
    built_example: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = next(
        path
        for path in (built_example.out / "tin-tuc").rglob("index.html")
        if "data-pagefind-body" in path.read_text(encoding="utf-8")
    )
    page = article.read_text(encoding="utf-8")
    cut = searched_part(page)
    assert len(cut) < len(page) * 0.7 and "data-pagefind-body" in cut and '<html lang="vi"' in cut
    assert 'class="md-header' not in cut  # the site's header is left out
    monkeypatch.setattr(search_index, "searched_part", lambda html: html)
    whole = copy_example(tmp_path / "whole")
    run = whole.build()
    assert run.code == 0, run.output
    cut_index, whole_index = _index(built_example.out), _index(whole.out)
    assert len(cut_index) > 10
    assert sorted(cut_index) == sorted(whole_index)
    assert [name for name in whole_index if cut_index[name] != whole_index[name]] == []


PAGE = (
    '<!doctype html><html lang="vi" class="no-js"><head><meta charset="utf-8"><title>Bài một</title>'
    '<link rel="stylesheet" href="x.css"></head><body><header class="md-header">Đầu trang</header>'
    '<article class="md-content__inner"><div data-pagefind-body><h1>Bài một</h1><p>Nội dung.</p></div>'
    "<footer>Thẻ</footer></article><footer>Chân trang</footer></body></html>"
)


def test_a_page_is_cut_to_its_body_element_language_and_title() -> None:
    assert searched_part(PAGE) == (
        '<!doctype html><html lang="vi" class="no-js"><head><meta charset="utf-8"><title>Bài một</title></head>'
        "<body><div data-pagefind-body><h1>Bài một</h1><p>Nội dung.</p></div><footer>Thẻ</footer></body></html>"
    )


@pytest.mark.parametrize(
    "page",
    [
        PAGE.replace('<header class="md-header">', '<header class="md-header" data-pagefind-filter="loai:tin">'),
        PAGE.replace("<p>Nội dung.</p>", "<p>Viết data-pagefind-meta trong bài.</p>"),
        PAGE.replace("</article>", ""),  # no content column: nowhere to end the cut
        PAGE.replace("<title>Bài một</title>", ""),
        PAGE.replace("data-pagefind-body", "data-khac"),
    ],
    ids=["filter-outside", "attribute-in-text", "no-article", "no-title", "no-body"],
)
def test_a_page_with_anything_else_pagefind_might_read_is_handed_whole(page: str) -> None:
    assert searched_part(page) == page


def test_a_page_pagefind_leaves_out_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page handed over has its fragment in the index: one missing from the search stops the build."""
    cut = search_index.searched_part
    left_out: list[str] = []

    def one_without_its_body(html: str) -> str:
        if left_out:
            return cut(html)
        left_out.append(html)
        return cut(html).replace("data-pagefind-body", "data-khac", 1)  # Pagefind skips it, the others have one

    monkeypatch.setattr(search_index, "searched_part", one_without_its_body)
    site = copy_example(tmp_path / "site")
    site.out.mkdir(parents=True)
    (site.out / "index.html").write_text("bản cũ", encoding="utf-8")
    run = site.build()
    assert run.code == 1, run.output
    said = re.search(
        r"Pagefind không lập được chỉ mục tìm kiếm:\s+Pagefind chỉ lập chỉ mục (\d+) trong (\d+) trang", run.output
    )
    assert said is not None, run.output
    assert int(said[1]) + 1 == int(said[2])
    assert "Traceback" not in run.output
    assert (site.out / "index.html").read_text(encoding="utf-8") == "bản cũ"  # the last site, left whole
