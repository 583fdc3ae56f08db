"""The lookup's documents are dictionary-coded: no page address in them, yet every row link lands on its row."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest

from conftest import Site, blank_site, built_once

SPLIT = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "2,gia_dinh,Gia đình bà Trần Thị Bình,,,Thôn 2,Xã Vượng Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "3,gia_dinh,Gia đình ông Lê Văn Cường,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "4,dong_ho,Dòng họ Nguyễn Đức,,Dòng họ học tập,,Xã Vượng Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh",
    "5,cong_dan,Phạm Thị Mai,Phạm Thị Mai,Công dân học tập,Thôn 5,Xã Kỳ Lâm,Huyện Kỳ Anh,Tỉnh Hà Tĩnh",
    "6,gia_dinh,Gia đình ông Nguyễn Văn Dũng,,,Thôn 3,Xã Kỳ Lâm,Huyện Kỳ Anh,Tỉnh Hà Tĩnh",
]
"""Six rows in three communes as they were in 2023: over ``split_over``, one page per place."""
WHOLE = [
    "1,gia_dinh,Gia đình ông Nguyễn Văn An,,,Thôn 4,Xã Can Lộc,,Tỉnh Hà Tĩnh",
    "2,gia_dinh,Gia đình ông Hoàng Văn Giang,,,Thôn 4,Xã Can Lộc,,Tỉnh Hà Tĩnh",
]
"""Two rows of a decision signed since 1/7/2025: one page."""


@pytest.fixture(scope="module", params=[True, False], ids=["thu-muc", "html"])
def coded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = blank_site(
        tmp_path_factory.mktemp("lookup-coded"), use_directory_urls=request.param, plugin={"split_over": 3}
    )
    site.decision("lon", SPLIT, number="12/QĐ-UBND")
    site.decision("nho", WHOLE, number="3/QĐ-UBND", signed="2025-09-02", period="2025")
    yield from built_once(site)


def _index(site: Site) -> tuple[dict[str, Any], list[list[Any]]]:
    folder = site.out / "vinh-danh/tra-cuu/chi-muc"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    documents = []
    for path in sorted(folder.glob("d*.json")):
        documents.extend(json.loads(path.read_text(encoding="utf-8")))
    return meta, documents


def row_link(meta: dict[str, Any], document: list[Any]) -> str:
    """Return a document's link to its row, site-relative, built as bv-lookup.js builds it."""
    decision = meta["decisions"][document[6]]
    return f"{decision[5]}{decision[6][document[7]]}#{decision[3]}-stt-{document[1]}"


def test_no_document_carries_a_page_address(coded: Site) -> None:
    meta, documents = _index(coded)
    assert len(documents) == len(SPLIT) + len(WHOLE)
    for document in documents:
        # Name and village are the only words; everything else is a number into meta.json's lists.
        assert isinstance(document[0], str) and isinstance(document[4], str), document
        assert all(isinstance(value, int) for value in document[1:4] + document[5:]), document
    # The three places of the split decision are three pages; the other decision is one.
    pages = [len(row[6]) for row in meta["decisions"]]
    assert sorted(pages) == [1, 3]


def test_every_row_link_lands_on_its_row(coded: Site) -> None:
    meta, documents = _index(coded)
    landed = set()
    for document in documents:
        link = row_link(meta, document)
        address, anchor = link.split("#")
        path: Path = coded.out / address
        html = (path / "index.html" if address.endswith("/") else path).read_text(encoding="utf-8")
        row = re.search(f'<tr id="{anchor}"[^>]*>(.*?)</tr>', html)
        assert row and escape(document[0]) in row.group(1), (link, document[0])
        landed.add(address)
    # Each place's page of the split decision, and the other decision's own page.
    assert len(landed) == 4
