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
import shutil
import signal
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
from functools import partial
from pathlib import Path

import yaml

from bangvang.core.settings import SiteSettings
from bangvang.site_config import load_settings

from .build import write_site
from .synthetic import write_synthetic_rolls

WAIT = 600.0
"""Seconds a first build or a rebuild may take before the benchmark gives up."""
QUIET = "đã cập nhật chỉ mục tìm kiếm"
"""What the server says when its background search index is done."""
HONOURS_DONE = "đã cập nhật tra cứu, tệp dữ liệu và bản kê bảng vàng"
"""What the preview says once a saved decision's lookup index, exports, manifest and cache entry are written."""


class Served:
    """A ``mkdocs serve`` child process on a free port of 127.0.0.1, and what it printed.

    As a context manager it waits until the site is served (or says why not) and stops the server after.
    """

    def __init__(self, root: Path, *extra: str, wait: float = WAIT) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.wait = wait
        """Seconds the first build, or any awaited change, may take."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *extra]
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        self.serving = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def __enter__(self) -> Served:
        if not self.serving.wait(timeout=self.wait) or self.process.poll() is not None:
            self.stop()
            raise RuntimeError(f"mkdocs serve không phục vụ site:\n{''.join(self.lines)}")
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if "Serving on" in line:
                self.serving.set()
        self.serving.set()

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        """Poll ``condition`` until it holds; raise, with what the server printed last, past ``wait`` seconds."""
        deadline = time.monotonic() + self.wait
        while not condition():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{what}:\n{''.join(self.lines[-40:])}")
            time.sleep(0.05)

    def said_since(self, after: int, text: str) -> bool:
        """Tell whether the server printed ``text`` in a line after its first ``after`` lines."""
        return any(text in line for line in self.lines[after:])

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


def fetch(url: str) -> bytes:
    """Return what ``url`` serves, or nothing when it serves an error or nothing yet."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # our own server on 127.0.0.1
            return bytes(response.read())
    except (urllib.error.URLError, OSError):
        return b""


def _quiet(server: Served, after: int, *also: str) -> None:
    """Wait for the background search index of the build that started after line ``after``, and each of ``also``."""
    server.wait_for(lambda: server.said_since(after, QUIET), "chỉ mục tìm kiếm không xong")
    for text in also:
        server.wait_for(partial(server.said_since, after, text), f"không thấy dòng “{text}”")


def _saved(server: Served, path: Path, text: str, url: str, marker: str, *also: str) -> tuple[float, float]:
    """Write ``text`` to ``path``; return the seconds until ``url`` shows ``marker``, and until the preview is idle.

    Idle: its search index is written again, and it said each of ``also`` (the work it does after serving the
    page); the next save then starts from a preview with nothing left to do, as an editor's usually does.
    """
    after = len(server.lines)
    start = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    server.wait_for(lambda: marker.encode() in fetch(url), f"{url} không hiện thay đổi")
    seconds = time.perf_counter() - start
    _quiet(server, after, *also)
    return seconds, time.perf_counter() - start


def run_serve_bench(site: Path, articles: int, entries: int, rounds: int, where: Path | None = None) -> int:
    """Serve a synthetic site; print save → served for an article and for a decision, ``rounds`` times each."""
    settings = load_settings(site)
    folder = Path(tempfile.mkdtemp(prefix="bangvang-bench-serve-", dir=where))
    try:
        return _serve_bench(folder, settings, articles, entries, rounds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _serve_bench(folder: Path, settings: SiteSettings, articles: int, entries: int, rounds: int) -> int:
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
    start = time.perf_counter()
    with Served(folder) as server:
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
            saving_decision.append(_saved(server, decision, text, decision_url, marker, HONOURS_DONE))
    print(
        f"Xem thử bằng mkdocs serve: {articles} bài viết, {entries} mục bảng vàng; "
        f"lần dựng đầu (kể cả chỉ mục tìm kiếm) {first:.1f} s."
    )
    for label, runs in (("lưu một bài viết", saving_article), ("lưu một quyết định", saving_decision)):
        times = [seconds for seconds, _ in runs]
        shown = " / ".join(f"{seconds:.2f}" for seconds in times)
        idle = " / ".join(f"{seconds:.1f}" for _, seconds in runs)
        print(
            f"{label} → trang đã đổi: {shown} s (trung vị {statistics.median(times):.2f} s); "
            f"đến khi xem thử xong mọi việc nền: {idle} s"
        )
    return 0


def _mount(site_url: str) -> str:
    """Return the path ``mkdocs serve`` mounts the site at: the site address's path, without its first slash."""
    return re.sub(r"^[a-z]+://[^/]+/?", "", site_url)
