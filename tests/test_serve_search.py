"""``mkdocs serve`` serves a saved page without waiting for Pagefind (issue 14, point 1): the last index
is served meanwhile, and the new one replaces it when it is ready."""

from __future__ import annotations

from benchmarks.serve import QUIET, Served, fetch
from conftest import Site

BUILT = "Documentation built"


def test_a_saved_article_is_served_before_its_search_index_is_made(served: tuple[Site, Served]) -> None:
    site, server = served
    base = f"http://127.0.0.1:{server.port}/hoi-khuyen-hoc/"
    server.wait_for(lambda: server.said_since(0, QUIET), "the first index was never made")
    assert fetch(base + "pagefind/pagefind.js")
    first = len(server.lines)
    site.article(2024, "bai-mot", title="Bài một đã sửa tên")
    server.wait_for(lambda: "Bài một đã sửa tên".encode() in fetch(base + "tin-tuc/2024/bai-mot/"), "never served")
    server.wait_for(lambda: server.said_since(first, BUILT), "the rebuild never ended")
    assert fetch(base + "pagefind/pagefind.js")  # the last index, served while the new one is made
    server.wait_for(lambda: server.said_since(first, QUIET), "the new index was never made")
    after = server.lines[first:]
    built = next(index for index, line in enumerate(after) if BUILT in line)
    indexed = next(index for index, line in enumerate(after) if QUIET in line)
    assert built < indexed, "".join(after)  # the preview was done before Pagefind was
    assert fetch(base + "pagefind/pagefind.js")
