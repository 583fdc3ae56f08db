"""``mkdocs serve`` shows a failed rebuild's problems in the browser, and recovers by itself (issue 10, point 8)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bangvang.mkdocs_plugin.serve_errors import failure_page
from conftest import Site, blank_site

WAIT_MS = 120_000
"""How long the server may take to notice a change and rebuild, on a busy machine."""


class Served:
    """A ``mkdocs serve`` child process and what it printed."""

    def __init__(self, root: Path, *extra: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *extra]
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        self.serving = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if "Serving on" in line:
                self.serving.set()
        self.serving.set()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # as Ctrl+C: serve removes its temporary folder
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Site, Served]]:
    site = blank_site(tmp_path)
    site.article(2024, "bai-mot", title="Bài một")
    server = Served(site.root)
    try:
        assert server.serving.wait(timeout=WAIT_MS / 1000), "".join(server.lines)
        assert server.process.poll() is None, "".join(server.lines)
        yield site, server
    finally:
        server.stop()


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
