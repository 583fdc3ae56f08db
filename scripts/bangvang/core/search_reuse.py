"""The published search index, reused: Pagefind does not write again a file it would write the same.

Pagefind names each page's fragment, each chunk of the word index, each
filter and the index's metadata by a hash of their content, and skips a file
of that name that already exists (its ``WriteBehavior::Immutable``). A build
starting from an empty folder made all of them again: 2.000 new files for
2.000 articles, each compressed at gzip's best level, most of Pagefind's
system time in a full build. So before Pagefind writes, the build's folder
gets a hard link to each file of the published site's index
(:func:`take_last`): no file is copied, and the site keeps its own.

What is taken is only what the published index uses: regular files of the
hashed kinds that its metadata names, none of them a symbolic link or a hard
link to another file, and nothing when another Pagefind version made the
index or it cannot be read. Pagefind writes its other files (its scripts, the
entry) anew. Once it has written, the files taken that the new index does not
use are removed (:func:`remove_unused`): the folder then holds what a clean
build writes, byte for byte (a test holds the two alike).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import stat
import zlib
from pathlib import Path

from .publish import remove_tree

ENTRY = "pagefind-entry.json"
"""Pagefind's entry file: its version and, for each language, the hash naming the metadata file."""
HASHED = {"fragment": ".pf_fragment", "index": ".pf_index", "filter": ".pf_filter"}
"""The folders of hashed files and their files' suffix; the metadata names each file by its stem."""


class UnreadableIndexError(ValueError):
    """The search index in a folder is not one this module can read (another Pagefind version, say)."""


_TEXT_HEAD = re.compile(rb"(?=[\x61-\x78])")
"""Where a short CBOR text string may start: its head byte, type 3 with a length of 1-23 (0x61-0x77), or 0x78
(a length byte follows)."""


def _short_texts(data: bytes) -> set[bytes]:
    """Return every text CBOR could have encoded at any position of ``data`` with a head of 0x61-0x78.

    One pass, so linear in the metadata: a superset of its short strings (hashes among them), checked
    against the files' names.
    """
    found: set[bytes] = set()
    for match in _TEXT_HEAD.finditer(data):
        at = match.start()
        size, start = data[at] - 0x60, at + 1
        if size == 24 and start < len(data):
            size, start = data[start], start + 1
        found.add(data[start : start + size])
    return found


def _regular(path: Path, *, own: bool = True) -> bool:
    """Tell whether a path is a regular file, not a symbolic link; with ``own``, not a hard link to another either."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (info.st_nlink == 1 or not own)


def read_index(folder: Path) -> tuple[str, set[str]]:
    """Return the Pagefind version that wrote the index in ``folder`` and the hashed files it uses.

    The files are paths relative to ``folder``: each language's metadata, and
    each fragment, word-index chunk and filter in the folder whose name the
    metadata holds. Every page of the index has its fragment there.

    Raises:
        UnreadableIndexError: the entry or a metadata file is missing or unreadable, or a page's fragment is missing.
    """
    try:
        entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
        version, languages = entry["version"], entry["languages"]
        metas = [(f"pagefind.{lang['hash']}.pf_meta", int(lang["page_count"])) for lang in languages.values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableIndexError(f"{folder / ENTRY}: {exc}") from exc
    used: set[str] = set()
    pages = fragments = 0
    for name, count in metas:
        try:
            # A build's own metadata may be linked from the published one: a hard link is read here.
            meta = gzip.decompress((folder / name).read_bytes()) if _regular(folder / name, own=False) else b""
        except (OSError, EOFError, zlib.error) as exc:
            raise UnreadableIndexError(f"{folder / name}: {exc}") from exc
        if not meta.startswith(b"pagefind_dcd"):
            raise UnreadableIndexError(f"{folder / name}: không phải siêu dữ liệu Pagefind")
        used.add(name)
        pages += count
        texts = _short_texts(meta)
        for kind, suffix in HASHED.items():
            for path in _files(folder / kind):
                if path.name.endswith(suffix) and path.name.removesuffix(suffix).encode() in texts:
                    used.add(f"{kind}/{path.name}")
                    fragments += kind == "fragment"
    if fragments != pages:
        raise UnreadableIndexError(f"{folder}: {fragments} fragment cho {pages} trang")
    return str(version), used


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(folder.iterdir())


def take_last(published: Path, output: Path, version: str | None) -> frozenset[str]:
    """Link into ``output`` (not there yet) the hashed files the published index in ``published`` uses.

    Hard links: no file is copied or created, and the published site keeps
    its own. Returns the files linked (relative to ``output``), for
    :func:`remove_unused`. Nothing is taken when Pagefind's ``version`` is
    unknown or another, the index cannot be read, or the system cannot link
    (another filesystem, say); a file that is not a regular file of its own
    (a symbolic link, or a hard link to another file) is never taken.
    """
    if version is None or not published.is_dir() or published.is_symlink() or output.exists():
        return frozenset()
    try:
        made_by, used = read_index(published)
    except UnreadableIndexError:
        return frozenset()
    if made_by != version:
        return frozenset()
    taken: set[str] = set()
    try:
        for name in sorted(used):
            source, target = published / name, output / name
            if _regular(source):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(source, target)
                taken.add(name)
    except OSError:
        remove_tree(output)
        return frozenset()
    return frozenset(taken)


def prune(output: Path, version: str | None) -> frozenset[str]:
    """Keep in ``output`` (a build writing in place) only the hashed files its index uses; return them.

    Everything is removed when Pagefind's ``version`` is unknown or another, or the index cannot be read.
    """
    try:
        made_by, used = read_index(output)
    except UnreadableIndexError:
        made_by, used = None, set()
    if version is None or made_by != version:
        remove_tree(output)
        return frozenset()
    kept: set[str] = set()
    for top in _files(output):
        if top.is_dir() and not top.is_symlink() and top.name in HASHED:
            for path in _files(top):
                if f"{top.name}/{path.name}" in used and _regular(path):
                    kept.add(f"{top.name}/{path.name}")
                else:
                    _remove(path)
        elif top.name in used and _regular(top):
            kept.add(top.name)
        else:
            _remove(top)
    return frozenset(kept)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        remove_tree(path)
    else:
        path.unlink(missing_ok=True)


def remove_unused(output: Path, taken: frozenset[str]) -> int:
    """Remove the files taken from the last index that the index now in ``output`` does not use; return how many.

    Raises:
        UnreadableIndexError: the new index cannot be read (Pagefind did not write it whole).
    """
    if not taken:
        return 0
    _, used = read_index(output)
    unused = sorted(taken - used)
    for name in unused:
        (output / name).unlink(missing_ok=True)
    for kind in HASHED:
        folder = output / kind
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # a clean build writes no empty folder
    return len(unused)
