"""The editor's preview: from saving a file to ``mkdocs serve`` serving the changed page, polled over HTTP.

A synthetic site of N articles and M honour entries is served by a real
``mkdocs serve``; one article is saved with a new line, then one decision
with a new title, a few times each, and the page each changes is fetched
until it shows the change. Between rounds the server is left to finish its
background search index, so that each round starts from a quiet server.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

from bangvang.site_config import load_settings

from .build import write_site
from .synthetic import write_synthetic_rolls

WAIT = 600.0
"""Seconds a first build or a rebuild may take before the benchmark gives up."""
QUIET = "đã cập nhật chỉ mục tìm kiếm"
"""What the server says when its background search index is done."""


class _Server:
    """A ``mkdocs serve`` child process on a free port of 127.0.0.1, and what it printed."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"]
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
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # our own server on 127.0.0.1
            return bytes(response.read())
    except (urllib.error.URLError, OSError):
        return b""


def _until(condition: Callable[[], bool], server: _Server, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline or server.process.poll() is not None:
            raise RuntimeError(f"{what}:\n{''.join(server.lines[-40:])}")
        time.sleep(0.05)


def _quiet(server: _Server, after: int) -> None:
    """Wait for the background search index of the build that started after line ``after``."""
    _until(lambda: any(QUIET in line for line in server.lines[after:]), server, "chỉ mục tìm kiếm không xong")


def _saved(server: _Server, path: Path, text: str, url: str, marker: str) -> float:
    """Write ``text`` to ``path``; return the seconds until ``url`` shows ``marker``."""
    after = len(server.lines)
    start = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    _until(lambda: marker.encode() in _get(url), server, f"{url} không hiện thay đổi")
    seconds = time.perf_counter() - start
    _quiet(server, after)
    return seconds


def run_serve_bench(site: Path, articles: int, entries: int, rounds: int, where: Path | None = None) -> int:
    """Serve a synthetic site; print save → served for an article and for a decision, ``rounds`` times each."""
    settings = load_settings(site)
    folder = Path(tempfile.mkdtemp(prefix="bangvang-bench-serve-", dir=where))
    write_site(folder, articles, settings)
    write_synthetic_rolls(folder / "honours", entries)
    config_file = folder / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["watch"] = ["honours"]  # as the real site's mkdocs.yml: serve rebuilds when a decision is saved
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    served = load_settings(folder)
    layout = served.layout
    article = sorted((served.docs_dir / served.news_dir).rglob("*.md"))[0]
    decision = sorted(served.honours_dir.glob("*.yaml"))[0]
    server = _Server(folder)
    try:
        start = time.perf_counter()
        _until(server.serving.is_set, server, "mkdocs serve không khởi động được")
        _quiet(server, 0)
        first = time.perf_counter() - start
        base = f"http://127.0.0.1:{server.port}/{_mount(served.site_url)}"
        article_url = base + layout.url(article.relative_to(served.docs_dir).as_posix())
        decision_url = base + layout.url(layout.decision(decision.stem))
        original, yaml_text = article.read_text(encoding="utf-8"), decision.read_text(encoding="utf-8")
        saving_article, saving_decision = [], []
        for number in range(1, rounds + 1):
            marker = f"Dòng đo số {number}"
            saving_article.append(_saved(server, article, f"{original}\n{marker}\n", article_url, marker))
        for number in range(1, rounds + 1):
            marker = f"Gia đình học tập đo số {number}"
            text = re.sub(r"(?m)^title: .*$", f'title: "{marker}"', yaml_text, count=1)
            saving_decision.append(_saved(server, decision, text, decision_url, marker))
    finally:
        server.stop()
    print(
        f"Xem thử bằng mkdocs serve: {articles} bài viết, {entries} mục bảng vàng; "
        f"lần dựng đầu (kể cả chỉ mục tìm kiếm) {first:.1f} s."
    )
    for label, times in (("lưu một bài viết", saving_article), ("lưu một quyết định", saving_decision)):
        shown = " / ".join(f"{seconds:.2f}" for seconds in times)
        print(f"{label} → trang đã đổi: {shown} s (trung vị {statistics.median(times):.2f} s)")
    return 0


def _mount(site_url: str) -> str:
    """Return the path ``mkdocs serve`` mounts the site at: the site address's path, without its first slash."""
    return re.sub(r"^[a-z]+://[^/]+/?", "", site_url)
