"""Internal links in Markdown: finding them with their lines and checking their targets."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

_FENCE = re.compile(r"^\s*(```+|~~~+)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


@dataclass(frozen=True)
class Link:
    """A link target written in a Markdown body, with its file line."""

    target: str
    line: int


def find_links(body: str, first_line: int) -> Iterator[Link]:
    """Yield every inline, image and reference link of ``body`` outside code.

    ``first_line`` is the file line on which ``body`` starts.
    """
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "[", "!")):
            continue
        visible = _CODE_SPAN.sub("", line)
        for found in _INLINE.finditer(visible):
            yield Link(found.group(1), first_line + offset)
        reference = _REFERENCE.match(visible)
        if reference:
            yield Link(reference.group(1), first_line + offset)


def is_internal(target: str) -> bool:
    """Tell whether a link target points into the site's own source files."""
    return not _EXTERNAL.match(target)


def resolve(target: str, src_uri: str) -> str:
    """Return the content-relative path a relative link from ``src_uri`` points at.

    The anchor and query are dropped; a leading "/" means the content root.
    """
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(src_uri), path)
    return posixpath.normpath(joined)


def target_exists(path: str, known: set[str]) -> bool:
    """Tell whether a resolved link target is a known source or generated file.

    A folder counts when it holds an ``index.md``, as MkDocs serves it.
    """
    if path in known:
        return True
    folder = "" if path in (".", "") else path.rstrip("/") + "/"
    return folder + "index.md" in known
