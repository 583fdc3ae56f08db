"""Links in Markdown: finding them with their lines, checking their targets, refusing script links.

Every pattern here is linear in the length of the text: no pattern can
re-scan text it has already given up on, however hostile the input (a 1 MB
line of "[[[[" or of backticks). Code (fenced blocks, spans) and HTML comments
are masked first, so a link shown as code is not a link.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

_FENCE = re.compile(r"^\s*(```+|~~~+)")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
# Link text: no brackets except balanced one-level pairs; each alternative starts
# with its own character, so a failed start costs only the text up to the next bracket.
_TEXT = r"(?:[^\[\]\\]|\\.|\[[^\[\]\\\n]*\])*"
_DESTINATION = r"(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
_INLINE = re.compile(rf"!?\[{_TEXT}\]\(\s*{_DESTINATION}{_TITLE}\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)", re.M)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")

# Where a browser may find a URL: after "](" or "]:" of Markdown, inside "<…>" (an
# autolink), and after an attribute name in raw HTML or an attribute list "{: … }".
# Attributes are found wherever they stand, not by parsing tags: a quoted ">" or
# "<" inside a tag cannot hide the attribute after it.
_URL_START = re.compile(r"(?:\]\(|\]:)\s*<?|<(?=[^\s<>/!?])")
_URL_ATTRIBUTE = re.compile(
    r"(?<![\w:-])(href|src|action|formaction|xlink:href|data|poster|background|cite|srcset|lowsrc|dynsrc|"
    r"ping|codebase|longdesc|usemap|manifest|icon|profile|archive|classid|values|to|from)\s*=\s*[\"'`]?",
    re.IGNORECASE,
)
# The event handlers of HTML and SVG: prose such as "online = …" is not one.
_EVENTS = (
    "abort activate afterprint afterscriptexecute animationcancel animationend animationiteration "
    "animationstart auxclick beforecopy beforecut beforeinput beforematch beforepaste beforeprint "
    "beforetoggle beforeunload begin blur cancel canplay canplaythrough change click close contextlost "
    "contextmenu contextrestored copy cuechange cut dblclick drag dragend dragenter dragexit dragleave "
    "dragover dragstart drop durationchange emptied end ended error focus focusin focusout formdata "
    "fullscreenchange fullscreenerror gotpointercapture hashchange input invalid keydown keypress keyup "
    "languagechange load loadeddata loadedmetadata loadend loadstart lostpointercapture message "
    "messageerror mousedown mouseenter mouseleave mousemove mouseout mouseover mouseup mousewheel offline "
    "online pagehide pagereveal pageshow pageswap paste pause play playing pointercancel pointerdown "
    "pointerenter pointerleave pointermove pointerout pointerover pointerrawupdate pointerup popstate "
    "progress ratechange readystatechange repeat reset resize scroll scrollend search securitypolicyviolation "
    "seeked seeking select selectionchange selectstart show slotchange stalled storage submit suspend "
    "timeupdate toggle touchcancel touchend touchmove touchstart transitioncancel transitionend "
    "transitionrun transitionstart unload volumechange waiting webkitanimationend webkitanimationiteration "
    "webkitanimationstart webkittransitionend wheel zoom"
).split()
_EVENT_ATTRIBUTE = re.compile(
    rf"(?<![\w:-])(on(?:{'|'.join(sorted(_EVENTS, key=len, reverse=True))})|srcdoc)\s*=", re.IGNORECASE
)
_SCRIPT_TAG = re.compile(r"<(script|base)\b", re.IGNORECASE)
# Characters a browser drops or ignores inside a scheme, and spacing around it.
_IGNORED = re.compile(r"[\x00-\x20\x7f-\xa0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_SCHEME_WINDOW = 200
# What may stand before the ":" of a hidden scheme: letters, spacing, entities, percent
# escapes. It holds none of "](<", so the heads of two URL starts never overlap.
_SCHEME_HEAD = re.compile(r"[\sA-Za-z0-9&#;%:\x00-\x1f\x7f-\xad\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff]{1,200}")


@dataclass(frozen=True)
class Link:
    """A link target written in a Markdown body, with its file line."""

    target: str
    line: int


@dataclass(frozen=True)
class ScriptLink:
    """A place where the body would run script: a script URL, an event attribute or a script tag."""

    line: int
    what: str


def line_finder(body: str, first_line: int) -> Callable[[int], int]:
    """Return a function giving the file line of a character offset in ``body``; the breaks are found once, lazily."""
    breaks: list[int] = []
    found = False

    def line_of(offset: int) -> int:
        nonlocal found
        if not found:
            breaks.extend(match.start() for match in re.finditer("\n", body))
            found = True
        return first_line + bisect.bisect_left(breaks, offset)

    return line_of


@lru_cache(maxsize=8)
def code_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) of every code span: a run of backticks closed by a run as long.

    A span does not cross a blank line. Linear: each run is paired by looking up
    the next run of the same length in the same paragraph, found in one backward
    pass. Cached, as the link check and the mention finder both ask for a body's spans.
    """
    if "`" not in text:
        return ()
    blanks = [match.start() for match in _BLANK_LINE.finditer(text)]
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    # One key per run: its length and its paragraph (the number of blank lines before it).
    keys = [(end - start) << 32 | bisect.bisect_left(blanks, start) for start, end in runs]
    following = [0] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        key = keys[index]
        following[index] = last.get(key, -1)
        last[key] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing < 0:
            index += 1
            continue
        spans.append((runs[index][0], runs[closing][1]))
        index = closing + 1
    return tuple(spans)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of HTML comments, each "<!--" paired with the next "-->": one pass, no re-scan."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        spans.append((start, end + 3))
        position = end + 3
    return spans


def mask_code(body: str) -> str:
    """Return ``body`` with fenced blocks, code spans and HTML comments blanked, newlines kept."""
    lines = body.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines[index] = ""
            continue
        if match:
            fence = match.group(1)
            lines[index] = ""
    # Indented lines stay: inside admonitions and list items they are text the
    # build renders and validates, and telling them from indented code needs a parser.
    text = "\n".join(lines)
    spans = sorted([*code_spans(text), *comment_spans(text)])
    if not spans:
        return text
    parts, position = [], 0
    for start, end in spans:
        if end <= position:
            continue
        start = max(start, position)
        parts.append(text[position:start])
        code = text[start:end]
        parts.append(re.sub(r"[^\n]", " ", code) if "\n" in code else " " * len(code))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def find_links(body: str, first_line: int, *, masked: str | None = None) -> list[Link]:
    """Return every inline, image and reference link of ``body`` outside code, in order.

    ``first_line`` is the file line on which ``body`` starts; ``masked`` is
    :func:`mask_code` of ``body`` when the caller already has it.
    """
    visible = mask_code(body) if masked is None else masked
    line_of = line_finder(visible, first_line)
    found = [(m.start(), m.group(1)) for m in _INLINE.finditer(visible)]
    found += [(m.start(), m.group(1)) for m in _REFERENCE.finditer(visible)]
    found.sort()
    return [Link(_unbracket(target), line_of(start)) for start, target in found]


def _unbracket(target: str) -> str:
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target


def find_script_links(body: str, first_line: int, *, masked: str | None = None) -> list[ScriptLink]:
    """Return every place outside code where ``body`` would run script once rendered.

    Script URLs (javascript:, vbscript:, data:) are looked for in links, images,
    reference definitions, autolinks, raw HTML and attribute lists, through
    entities, percent escapes, case and hidden characters. Event attributes
    (onclick=…), srcdoc, and <script> and <base> tags count too.
    """
    visible = mask_code(body) if masked is None else masked
    line_of = line_finder(visible, first_line)
    found: list[tuple[int, str]] = []
    for start in _URL_START.finditer(visible):
        head = _SCHEME_HEAD.match(visible, start.end())
        scheme = script_scheme(head.group(0)) if head else None
        if scheme:
            found.append((start.start(), f"liên kết '{scheme}:'"))
    # An attribute has an "=": most pages have none, and skip both scans.
    attributes = "=" in visible
    for attribute in _URL_ATTRIBUTE.finditer(visible) if attributes else ():
        head = _SCHEME_HEAD.match(visible, attribute.end())
        scheme = script_scheme(head.group(0)) if head else None
        if scheme:
            found.append((attribute.start(), f"thuộc tính {attribute.group(1).lower()}='{scheme}:…'"))
    for attribute in _EVENT_ATTRIBUTE.finditer(visible) if attributes else ():
        found.append((attribute.start(), f"thuộc tính '{attribute.group(1).lower()}'"))
    for tag in _SCRIPT_TAG.finditer(visible):
        found.append((tag.start(), f"thẻ <{tag.group(1).lower()}>"))
    seen: set[tuple[int, str]] = set()
    result = []
    for offset, what in sorted(found):
        line = line_of(offset)
        if (line, what) not in seen:
            seen.add((line, what))
            result.append(ScriptLink(line, what))
    return result


def script_scheme(url: str) -> str | None:
    """Return "javascript", "vbscript" or "data" when ``url`` would be read with that scheme, else None.

    Entities (``java&#x09;script:``), percent escapes, case and the spaces and
    control characters browsers drop are all seen through. Only the start of
    ``url`` is looked at, so the cost is bounded.
    """
    text = url[:_SCHEME_WINDOW]
    if ":" not in text and "&" not in text and "%" not in text:
        return None  # no colon, written or encoded: no scheme at all
    for _ in range(3):  # entities inside percent escapes inside entities, at most
        decoded = unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    folded = _IGNORED.sub("", text).lower()
    for scheme in _SCRIPT_SCHEMES:
        if folded.startswith(scheme):
            return scheme[:-1]
    return None


def is_internal(target: str) -> bool:
    """Tell whether a link target points into the site's own source files (or this page)."""
    return not _EXTERNAL.match(target)


def split_anchor(target: str) -> tuple[str, str]:
    """Split a link target into its path (without query) and its anchor, as MkDocs does."""
    path, _, anchor = target.partition("#")
    return path.split("?", 1)[0], anchor


def resolve(target: str, src_uri: str) -> str:
    """Return the content-relative path a relative link from ``src_uri`` points at.

    The anchor and query are dropped; a leading "/" means the content root; an
    empty path (a link to an anchor or query of the page) is the page itself.
    """
    path = unquote(split_anchor(target)[0])
    if not path:
        return src_uri
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(src_uri), path)
    return posixpath.normpath(joined)


def target_exists(path: str, known: set[str]) -> bool:
    """Tell whether a resolved link target is a known source or generated file.

    MkDocs finds a link's file by its exact path: a folder, even one holding an
    ``index.md``, is not found (see :func:`folder_index`).
    """
    return path in known


def folder_index(path: str, known: set[str]) -> str | None:
    """Return the ``index.md`` a link to a folder probably meant, if that file exists."""
    folder = "" if path in (".", "") else path.rstrip("/") + "/"
    candidate = folder + "index.md"
    return candidate if candidate in known else None
