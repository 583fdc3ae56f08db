"""``mkdocs serve`` serves a saved page without waiting for Pagefind (issue 14, point 1): the last index
is served meanwhile, and the new one replaces it when it is ready."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import Site, blank_site
from test_serve_errors import WAIT_MS, Served

BUILT = "Documentation built"
INDEXED = "đã cập nhật chỉ mục tìm kiếm"


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return bytes(response.read())
    except urllib.error.HTTPError:
        return b""


def _wait(condition: Callable[[], bool], what: str, server: Served) -> None:
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}:\n{''.join(server.lines)}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Site, Served]]:
    site = blank_site(tmp_path)
    site.article(2024, "bai-mot", title="Bài một về khuyến học")
    server = Served(site.root)
    try:
        assert server.serving.wait(timeout=WAIT_MS / 1000), "".join(server.lines)
        yield site, server
    finally:
        server.stop()


def test_a_saved_article_is_served_before_its_search_index_is_made(served: tuple[Site, Served]) -> None:
    site, server = served
    base = f"http://127.0.0.1:{server.port}/hoi-khuyen-hoc/"
    _wait(lambda: any(INDEXED in line for line in server.lines), "the first index was never made", server)
    assert _get(base + "pagefind/pagefind.js")
    first = len(server.lines)
    site.article(2024, "bai-mot", title="Bài một đã sửa tên")
    _wait(lambda: "Bài một đã sửa tên".encode() in _get(base + "tin-tuc/2024/bai-mot/"), "never served", server)
    _wait(lambda: any(BUILT in line for line in server.lines[first:]), "the rebuild never ended", server)
    assert _get(base + "pagefind/pagefind.js")  # the last index, served while the new one is made
    _wait(lambda: any(INDEXED in line for line in server.lines[first:]), "the new index was never made", server)
    after = server.lines[first:]
    built = next(index for index, line in enumerate(after) if BUILT in line)
    indexed = next(index for index, line in enumerate(after) if INDEXED in line)
    assert built < indexed, "".join(after)  # the preview was done before Pagefind was
    assert _get(base + "pagefind/pagefind.js")
