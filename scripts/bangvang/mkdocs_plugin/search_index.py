"""The header search: Pagefind indexes articles and directive pages after the build.

Pagefind folds tone marks but reads "đ" as a letter of its own, so "duc"
would not find "Đức". Each indexed page therefore carries, hidden, the đ-free
form of its words that hold a đ, and the search page folds đ in the query.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import partial
from pathlib import Path

from ..core.processes import tie_to
from ..core.search_text import fold
from .errors import plugin_error

# Tried at word starts only, and a tag stops at the next "<": both linear, even on a 1 MB word.
_D_WORD = re.compile(r"(?<!\w)\w*?[đĐÐ]\w*")
_TAG = re.compile(r"<[^<>]+>")


def folded_d_words(html: str) -> str:
    """Return the folded forms of the words with đ/Đ/Ð in a page's text, once each, space-separated."""
    text = _TAG.sub(" ", html)
    return " ".join(sorted({fold(word) for word in _D_WORD.findall(text)}))


def run_pagefind(site_dir: Path, folders: list[str], output: str) -> None:
    """Index the pages under ``folders`` with Pagefind into ``site_dir/output``."""
    pattern = "{" + ",".join(folders) + "}/**/*.html"
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--glob",
        pattern,
        "--output-subdir",
        output,
        "--force-language",
        "vi",
        "--quiet",
    ]
    done = run_tied(command)
    if done.returncode != 0:
        raise plugin_error(f"Pagefind không lập được chỉ mục tìm kiếm:\n{done.stdout}{done.stderr}")


def run_tied(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a child that dies with the build: a killed build's indexer would write on into a removed staging folder."""
    parent = os.getpid()
    return subprocess.run(command, capture_output=True, text=True, check=False, preexec_fn=partial(tie_to, parent))
