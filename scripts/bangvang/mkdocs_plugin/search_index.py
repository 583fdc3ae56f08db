"""The header search: Pagefind indexes articles and directive pages as the build writes them.

Pagefind folds tone marks but reads "đ" as a letter of its own, so "duc"
would not find "Đức". Each indexed page therefore carries, hidden, the đ-free
form of its words that hold a đ, and the search page folds đ in the query.
"""

from __future__ import annotations

import base64
import contextlib
import json
import multiprocessing
import multiprocessing.queues
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from pagefind.service import get_executable

from ..core import search_reuse
from ..core.processes import can_fork, tie_to
from ..core.search_text import fold
from .errors import plugin_error

log = get_plugin_logger(__name__)

_D = re.compile(r"[đĐÐ]")
_WORD_PART = re.compile(r"\w*")
_TAG = re.compile(r"<[^<>]+>")  # a tag stops at the next "<": linear
_BODY = "data-pagefind-body"
"""Marks what Pagefind indexes: the article and directive pages have it, so it skips every other page."""


def folded_d_words(html: str) -> str:
    """Return the folded forms of the words with đ/Đ/Ð in a page's text, once each, space-separated."""
    text = _TAG.sub(" ", html)
    # From each đ not yet in a word found, the word around it: its end forwards, its start in the text
    # reversed. A few searches per word with đ, each in C, and each character looked at once or twice.
    backwards, last = text[::-1], len(text) - 1
    words: set[str] = set()
    found = _D.search(text)
    while found is not None:
        at = found.start()
        start = at + 1 - (_WORD_PART.match(backwards, last - at).end() - (last - at))  # type: ignore[union-attr]
        end = _WORD_PART.match(text, at).end()  # type: ignore[union-attr]
        words.add(text[start:end])
        found = _D.search(text, end)
    return " ".join(sorted({fold(word) for word in words}))


def searched_part(html: str) -> str:
    """Return a page cut to what Pagefind reads of it: its ``data-pagefind-body`` element, language and title.

    Pagefind indexes only that element once a page has it, so the site's
    header, navigation and footer (half of an article page's bytes) need not
    be encoded, sent and parsed. A page with any other Pagefind attribute (a
    filter or metadata, which may sit outside the body) is handed over whole.
    The cut ends at the last ``</article>`` (Material's content column, which
    holds the body element); a test holds the index of cut pages to that of
    whole pages, byte for byte.
    """
    marker = html.find(_BODY)
    if marker < 0 or html.count("data-pagefind") != 1:
        return html
    start = html.rfind("<", 0, marker)
    end = html.rfind("</article>")
    opening = html.find("<html")
    title_start, title_end = html.find("<title>"), html.find("</title>")
    if min(start, opening, title_start) < 0 or not marker < end or not title_start < title_end < start:
        return html
    html_tag = html[opening : html.index(">", opening) + 1]
    title = html[title_start : title_end + len("</title>")]
    return f'<!doctype html>{html_tag}<head><meta charset="utf-8">{title}</head><body>{html[start:end]}</body></html>'


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


def _version(executable: Path) -> str | None:
    """Return the version of a Pagefind program ("1.5.2"), or None if it does not say."""
    try:
        said = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, timeout=60, check=True
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    return said[-1] if said else None


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


RENDER_NICENESS = 5
"""How far a full build's rendering steps aside for Pagefind's service (nice +5: when they compete for a core,
Pagefind gets about three times the share of each rendering process)."""


class FedIndex:
    """Pagefind's service, fed each page as MkDocs writes it: the index is made on the other core meanwhile.

    Run after the build, Pagefind read back every page and took 15-22 % of a
    build's time. Its service (``pagefind --service``, the protocol of its
    Python API: base64 JSON messages, each followed by a comma) takes pages
    as they come; this process only encodes them, a thread writes them to the
    service and another reads its answers, so the build does not wait for it.

    The pages are those the command would index: under ``folders``, with a
    ``data-pagefind-body`` (Pagefind skips the others once any page has one),
    each at the address Pagefind gives a file (``/`` and its path, without
    ``index.html``). The index's bytes follow the order its pages come in, so
    the pages of ``order`` (their paths in the site, in a serial build's order)
    are handed over in that order whichever process rendered them: a worker
    sends its pages here through a queue, and a page that comes early waits
    for those before it. Once they are all indexed, the index is written at
    once, while the build renders its other pages; a page that comes after
    makes ``finish`` write it again, whole.

    ``last`` is the published site's index: Pagefind then writes only the
    files that changed (:mod:`..core.search_reuse`). It is ``output`` itself
    for a build writing in place (``--dirty``).
    """

    def __init__(self, folders: list[str], output: Path, order: list[str], last: Path | None = None) -> None:
        self._prefixes = tuple(folder.rstrip("/") + "/" for folder in folders)
        self._output = output
        self._expected = len(order)
        self._position = {dest_uri: number for number, dest_uri in enumerate(order)}
        self._held: dict[int, dict[str, object]] = {}
        self._next = 0
        # Made before any worker is forked, which inherits it: its pages come back through it.
        self._from_workers: multiprocessing.queues.SimpleQueue[tuple[str, str] | None] | None = (
            multiprocessing.get_context("fork").SimpleQueue() if can_fork() else None
        )
        executable = get_executable()
        if executable is None:
            raise plugin_error("không tìm thấy chương trình Pagefind (gói pagefind[bin]); cài lại bằng pip")
        self._taken = frozenset[str]()
        if last is not None and last.is_dir():  # a first build has none: Pagefind's version is not asked
            version = _version(executable)
            if last == output:
                self._taken = search_reuse.prune(output, version)
            else:
                self._taken = search_reuse.take_last(last, output, version)
        parent = self._owner = os.getpid()
        self._process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=partial(tie_to, parent),
        )
        self._sent = 0
        self._added = 0
        self._indexed = 0
        self._written: int | None = None
        """The message asking for the files, once sent; the pages added by then are in them."""
        self._written_with = 0
        self._errors: list[str] = []
        self._answers: dict[int, dict[str, object]] = {}
        self._answered = threading.Condition()
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._writer = threading.Thread(target=self._write, daemon=True)
        self._writer.start()
        self._gatherer = threading.Thread(target=self._gather, daemon=True)
        self._gatherer.start()
        created = self._wait(self._send({"type": "NewIndex", "config": {"force_language": "vi"}}))
        self._index = created.get("index_id")

    @property
    def pid(self) -> int:
        """The service's process id."""
        return self._process.pid

    def add(self, dest_uri: str, html: str) -> None:
        """Hand Pagefind a written page (its path in the site, its HTML) if it is one it indexes."""
        if not dest_uri.endswith(".html") or not dest_uri.startswith(self._prefixes) or _BODY not in html:
            return
        html = searched_part(html)
        if os.getpid() != self._owner:  # a worker's copy, whose threads did not survive the fork
            assert self._from_workers is not None
            self._from_workers.put((dest_uri, html))
            return
        self._accept(dest_uri, html)

    def _accept(self, dest_uri: str, html: str) -> None:
        """Hand a page over now, or hold it until the pages before it in ``order`` are handed over."""
        url = "/" + dest_uri.removesuffix("index.html")
        payload = {"type": "AddFile", "index_id": self._index, "url": url, "file_contents": html}
        with self._answered:
            number = self._position.get(dest_uri)
            if number is None:
                self._hand_over(payload)
                return
            self._held[number] = payload
            while self._next in self._held:
                self._hand_over(self._held.pop(self._next))
                self._next += 1

    def _hand_over(self, payload: dict[str, object]) -> None:
        self._added += 1
        self._send(payload)

    def _gather(self) -> None:
        """Take the pages the workers rendered, until ``finish`` says they are all in."""
        if self._from_workers is None:
            return
        while (page := self._from_workers.get()) is not None:
            self._accept(*page)

    def finish(self) -> None:
        """Wait for the index's files (written again if pages came after); stop the build on any error.

        Called once the workers have ended: every page they sent is in the queue.
        """
        self._stop_gathering()
        with self._answered:
            for number in sorted(self._held):  # pages whose predecessors never came: in order all the same
                self._hand_over(self._held.pop(number))
            while self._indexed < self._added and self._reader.is_alive():
                self._answered.wait(timeout=1)
            if self._written is None or self._written_with != self._added:
                self._write_files()
            written = self._written
        assert written is not None
        done = self._wait(written)
        self.close()
        if not self._errors and done.get("type") == "WriteFiles":
            try:
                search_reuse.remove_unused(self._output, self._taken)
            except search_reuse.UnreadableIndexError as exc:
                self._errors.append(f"không đọc lại được chỉ mục vừa lập ({exc})")
            # One fragment a page: a page Pagefind left out would be missing from the search.
            fragments = self._output / "fragment"
            made = sum(1 for _ in fragments.iterdir()) if fragments.is_dir() else 0
            if made < self._added:
                self._errors.append(f"Pagefind chỉ lập chỉ mục {made} trong {self._added} trang")
        if self._errors or done.get("type") != "WriteFiles":
            said = "\n".join(self._errors) or str(done)
            raise plugin_error(f"Pagefind không lập được chỉ mục tìm kiếm:\n{said}")

    def close(self) -> None:
        """Stop the service (at the end, or when the build failed)."""
        self._stop_gathering()
        self._queue.put(None)
        if self._process.poll() is None:
            self._process.terminate()  # the writer, blocked on a full pipe, then fails and ends
        self._writer.join()
        self._process.wait()
        self._reader.join()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def _stop_gathering(self) -> None:
        if self._from_workers is not None and self._gatherer.is_alive():
            self._from_workers.put(None)
            self._gatherer.join()

    def _write_files(self) -> None:
        """Ask for the index's files (holding ``_answered``): every page added is indexed by now."""
        self._written_with = self._added
        self._written = self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(self._output)})

    def _send(self, payload: dict[str, object]) -> int:
        with self._answered:  # the reader thread sends too (the early write)
            self._sent += 1
            number = self._sent
            self._queue.put(base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode()) + b",")
        return number

    def _write(self) -> None:
        pipe = self._process.stdin
        assert pipe is not None
        while (data := self._queue.get()) is not None:
            try:
                pipe.write(data)
                pipe.flush()
            except OSError as exc:  # the service is gone: finish says so
                self._errors.append(f"không gửi được trang cho Pagefind ({exc.strerror})")
                break
        with contextlib.suppress(OSError):
            pipe.close()

    def _read(self) -> None:
        pipe = self._process.stdout
        assert pipe is not None
        pending = b""
        while chunk := os.read(pipe.fileno(), 1 << 16):
            pending += chunk
            *whole, pending = pending.split(b",")
            for data in whole:
                self._take(json.loads(base64.b64decode(data)))
        with self._answered:
            self._answered.notify_all()

    def _take(self, answer: dict[str, object]) -> None:
        """Note one of the service's answers; write the index once the expected pages are indexed."""
        payload = answer.get("payload")
        kind = payload.get("type") if isinstance(payload, dict) else None
        number = answer.get("message_id")
        with self._answered:
            if kind == "Error":
                self._errors.append(str(payload.get("message") if isinstance(payload, dict) else payload))
            if kind in ("IndexedFile", "Error"):
                self._indexed += 1
                if self._written is None and self._indexed == self._added == self._expected:
                    self._write_files()
            if isinstance(number, int) and isinstance(payload, dict) and kind in ("NewIndex", "WriteFiles", "Error"):
                self._answers[number] = payload
            self._answered.notify_all()

    def _wait(self, number: int) -> dict[str, object]:
        """Return the service's answer to message ``number`` (an error answer if it ended without one)."""
        with self._answered:
            while number not in self._answers and self._reader.is_alive():
                self._answered.wait(timeout=1)
            return self._answers.get(number, {"type": "Error", "message": "Pagefind đã dừng"})
