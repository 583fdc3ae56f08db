"""The header search: Pagefind indexes articles and directive pages after the build.

Pagefind folds tone marks but reads "đ" as a letter of its own, so "duc"
would not find "Đức". Each indexed page therefore carries, hidden, the đ-free
form of its words that hold a đ, and the search page folds đ in the query.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from ..core.processes import tie_to
from ..core.search_text import fold
from .errors import plugin_error

log = get_plugin_logger(__name__)

# Tried at word starts only, and a tag stops at the next "<": both linear, even on a 1 MB word.
_D_WORD = re.compile(r"(?<!\w)\w*?[đĐÐ]\w*")
_TAG = re.compile(r"<[^<>]+>")


def folded_d_words(html: str) -> str:
    """Return the folded forms of the words with đ/Đ/Ð in a page's text, once each, space-separated."""
    text = _TAG.sub(" ", html)
    return " ".join(sorted({fold(word) for word in _D_WORD.findall(text)}))


def _command(site_dir: Path, folders: list[str], output: list[str]) -> list[str]:
    """Return the Pagefind command indexing the pages under ``folders``; ``output`` says where it writes."""
    pattern = "{" + ",".join(folders) + "}/**/*.html"
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--glob",
        pattern,
        *output,
        "--force-language",
        "vi",
        "--quiet",
    ]


def run_pagefind(site_dir: Path, folders: list[str], output: str) -> None:
    """Index the pages under ``folders`` with Pagefind into ``site_dir/output``."""
    done = run_tied(_command(site_dir, folders, ["--output-subdir", output]))
    if done.returncode != 0:
        raise plugin_error(f"Pagefind không lập được chỉ mục tìm kiếm:\n{done.stdout}{done.stderr}")


class BackgroundIndex:
    """Pagefind for ``mkdocs serve``: it runs after the page is served, the last index is served meanwhile.

    A preview must not wait for the search index (a few seconds at 2.000
    articles). Each build copies the last complete index into the site at
    once, then starts Pagefind on the side, writing into a folder of its own;
    when it ends, its index replaces the copy. The next build stops an index
    still running before MkDocs empties the site folder.
    """

    def __init__(self) -> None:
        self._kept = Path(tempfile.mkdtemp(prefix="bangvang-pagefind-"))
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None
        self._runs = 0

    def start(self, site_dir: Path, folders: list[str], output: str) -> None:
        """Serve the last index in ``site_dir/output`` now; index the pages again in the background."""
        self.stop()
        last, target = self._kept / "index", site_dir / output
        if last.is_dir() and not target.is_dir():  # a kept preview folder has it already
            shutil.copytree(last, target)
        self._runs += 1
        scratch = self._kept / f"next-{self._runs}"
        command = _command(site_dir, folders, ["--output-path", str(scratch)])
        parent = os.getpid()
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=partial(tie_to, parent)
        )
        self._thread = threading.Thread(target=self._swap, args=(self._process, scratch, target), daemon=True)
        self._thread.start()

    def _swap(self, process: subprocess.Popen[str], scratch: Path, target: Path) -> None:
        said, _ = process.communicate()
        if process.returncode != 0:
            if process.returncode > 0:  # not stopped by the next build
                log.warning("Pagefind không lập được chỉ mục tìm kiếm:\n%s", said)
            shutil.rmtree(scratch, ignore_errors=True)
            return
        last = self._kept / "index"
        shutil.rmtree(last, ignore_errors=True)
        scratch.rename(last)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(last, target)
        log.info("đã cập nhật chỉ mục tìm kiếm")

    def stop(self) -> None:
        """Stop an index still being made (its pages are about to change)."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
        if self._thread is not None:
            self._thread.join()
        self._process = self._thread = None

    def close(self) -> None:
        """Stop, and remove the kept index."""
        self.stop()
        shutil.rmtree(self._kept, ignore_errors=True)


def run_tied(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a child that dies with the build: a killed build's indexer would write on into a removed staging folder."""
    parent = os.getpid()
    return subprocess.run(command, capture_output=True, text=True, check=False, preexec_fn=partial(tie_to, parent))
