"""``mkdocs serve`` shows a failed rebuild's problems in the browser, and recovers by itself (issue 10, point 8)."""

from __future__ import annotations

from playwright.sync_api import Browser

from bangvang.mkdocs_plugin.serve_errors import failure_page
from benchmarks.serve import Served
from conftest import SERVE_WAIT_MS as WAIT_MS
from conftest import Site


def test_a_broken_rebuild_shows_its_problems_in_the_browser_then_recovers(
    browser: Browser, served: tuple[Site, Served]
) -> None:
    site, server = served
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.port}/hoi-khuyen-hoc/tin-tuc/2024/bai-mot/")
        assert page.locator("h1").inner_text() == "Bài một"
        site.article(2024, "bai-loi", title="Bài lỗi", category="Chuyên mục không có")
        # MkDocs' live-reload script reloads the open page once the (failed) rebuild is done.
        page.wait_for_selector("h1:text-is('Chưa dựng được trang')", timeout=WAIT_MS)
        problems = page.locator(".bv-build-problems li").all_inner_texts()
        assert any("bai-loi.md" in problem and "Chuyên mục không có" in problem for problem in problems), problems
        assert page.evaluate("document.documentElement.lang") == "vi"
        (site.content / "tin-tuc" / "2024" / "bai-loi.md").unlink()
        # The failure page's own script reloads it once the next rebuild is done.
        page.wait_for_selector("h1:text-is('Bài một')", timeout=WAIT_MS)
    finally:
        page.close()
    assert "Dựng lại không thành công: trình duyệt hiện các vấn đề thay cho trang." in "".join(server.lines)


def test_the_failure_page_escapes_what_it_shows() -> None:
    page = failure_page(["tin-tuc/2024/a.md:2: tiêu đề '<script>alert(1)</script>' & thẻ"])
    assert "<pre>tin-tuc/2024/a.md:2: tiêu đề &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27; &amp; thẻ</pre>" in page
    assert page.count("<script>") == 1, "only the reload script"
