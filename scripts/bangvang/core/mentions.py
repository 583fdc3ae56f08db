"""Finding the directives an article mentions, resolving them, and linking the first mention.

Real articles cite documents in many shapes: "Kết luận số 49-KL/TW", "KL 49-KL/TW",
"Quyết định 281/ QĐ-TTg" (stray space), and short forms such as "Kết luận 49" or
"Chỉ thị số 11 của Bộ Chính trị khóa X". A full number identifies a document; a
short form only does when its kind, running number and context (the issuer or
date written after it, or the article's other mentions) leave one candidate.
Everything here is a single pass of regular expressions over the text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .directives import KINDS, Directive, Registry, kind_key
from .links import code_spans
from .text import fold_diacritics

_ABBREVIATIONS = {
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CV": "Công văn",
    "KH": "Kế hoạch",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
}
_KIND_BY_KEY = {kind_key(kind): kind for kind in KINDS}

_FULL_WORDS = "|".join(sorted(KINDS, key=len, reverse=True))
_ABBR_WORDS = "|".join(_ABBREVIATIONS)
# A document number: a running number, maybe a year, then one to three groups of
# capitals ("KL", "QĐ", "TTg", "BGDĐT", "QH15"). Dates ("10/5/2019"), ranges
# ("2021-2030") and phone numbers have no capitals after the digits.
NUMBER = (
    r"(?<![\w/.])\d{1,5}(?:\s?/\s?\d{4})?"
    r"(?:(?:-|\s?/\s?)[A-ZĐÐ][A-ZĐÐa-zđ]{1,7}\d{0,2}){1,3}(?![\wĐđÐ])"
)
# Mentions are found from their digits: a run of digits is cheap to find, and the
# kind word is then looked for just before it.
_DIGITS = re.compile(r"(?<![\w/.])\d{1,5}")
_FULL_NUMBER = re.compile(NUMBER)
_SHORT_END = re.compile(r"(?!\d)(?!\s?[-/]\s?[\dA-ZĐÐ])(?![.,]\d)")
_KIND_BEFORE_FULL = re.compile(rf"\b(?P<kind>(?i:{_FULL_WORDS})|{_ABBR_WORDS})\s+(?:(?i:số)\s*)?$")
_KIND_BEFORE_SHORT = re.compile(rf"\b(?P<kind>{_FULL_WORDS})\s+(?:số\s+)?$")
_LOOK_BACK = 24
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n|\)")
_CONTEXT_DATE = re.compile(r"\s*,?\s*ngày\s+(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})")
_CONTEXT_ISSUER = re.compile(r"\s*,?\s*(?:do\s+|của\s+)(.+)")
_ISSUER_END = re.compile(
    r"\s+(?:về|ngày|năm|đã|đến|nhằm|và|với|trong|tại|khóa|khoá|giai|theo|để)\b|[,;:(\"“]", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    """A piece of text that names a document.

    ``start``/``end`` delimit the whole phrase ("Kết luận số 49-KL/TW") in the
    text searched; ``kind`` is the canonical kind when a kind word is present;
    ``number`` is the number as written; ``full`` tells a full document number
    ("49-KL/TW") from a running number alone ("49").
    """

    start: int
    end: int
    text: str
    kind: str | None
    number: str
    full: bool


def find_mentions(text: str) -> list[Mention]:
    """Return every document mention in ``text`` (NFC), in order, with character spans."""
    found: list[Mention] = []
    position = 0
    for digits in _DIGITS.finditer(text):
        start = digits.start()
        if start < position:
            continue
        before = text[max(0, start - _LOOK_BACK) : start]
        number = _FULL_NUMBER.match(text, start)
        if number:
            kind = _KIND_BEFORE_FULL.search(before)
            begin = start - (len(before) - kind.start()) if kind else start
            end = number.end()
            found.append(Mention(begin, end, text[begin:end], _kind_of(kind), number.group(0), True))
            position = end
            continue
        kind = _KIND_BEFORE_SHORT.search(before)
        if kind is None or not _SHORT_END.match(text, digits.end()):
            continue
        begin, end = start - (len(before) - kind.start()), digits.end()
        found.append(Mention(begin, end, text[begin:end], _kind_of(kind), digits.group(0), False))
        position = end
    return found


def _kind_of(match: re.Match[str] | None) -> str | None:
    return _canonical_kind(match.group("kind")) if match else None


@lru_cache(maxsize=256)
def _canonical_kind(word: str) -> str | None:
    return _ABBREVIATIONS.get(word) or _KIND_BY_KEY.get(kind_key(word))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Tell whether [start, end) overlaps any of the sorted, disjoint ``spans``."""
    index = bisect.bisect_right(spans, (start, float("inf"))) - 1
    if index >= 0 and spans[index][1] > start:
        return True
    return index + 1 < len(spans) and spans[index + 1][0] < end


# ---------------------------------------------------------------- resolution


CitationState = Literal["resolved", "ambiguous", "unregistered"]


@dataclass(frozen=True)
class Citation:
    """A mention with what it resolved to.

    ``state`` is "resolved", "ambiguous" (a short form several or no context
    could decide), or "unregistered" (a full number missing from the registry).
    ``linkable`` is false inside headings and existing links.
    """

    mention: Mention
    state: CitationState
    directive: Directive | None
    candidates: tuple[Directive, ...]
    linkable: bool


def analyse(body: str, registry: Registry) -> list[Citation]:
    """Find, resolve and classify every mention in a Markdown body.

    Mentions inside code, URLs and HTML tags are not mentions; those in headings
    and link texts count as citations but are never linked.
    """
    skip, no_link = protected_spans(body)
    mentions = [m for m in find_mentions(body) if not _overlaps(m.start, m.end, skip)]
    decided: dict[int, Directive] = {}
    pending: list[tuple[Mention, list[Directive]]] = []
    for mention in mentions:
        if mention.full:
            directive = registry.find(mention.number)
            if directive is not None:
                decided[mention.start] = directive
            continue
        candidates = registry.candidates(mention.kind or "", mention.number)
        exact = [c for c in candidates if c.number_is_short]
        if len(exact) == 1:
            decided[mention.start] = exact[0]
            continue
        consistent, confirmed = _weigh_context(body, mention, candidates)
        if len(confirmed) == 1:
            decided[mention.start] = confirmed[0]
        elif candidates:
            pending.append((mention, consistent))
    # A short form nothing near it decides takes the one candidate the article names elsewhere.
    named = set(decided.values())
    open_candidates = {mention.start: tuple(consistent) for mention, consistent in pending}
    for mention, consistent in pending:
        chosen = [c for c in consistent if c in named]
        if len(chosen) == 1:
            decided[mention.start] = chosen[0]

    citations = []
    for mention in mentions:
        linkable = not _overlaps(mention.start, mention.end, no_link)
        directive = decided.get(mention.start)
        if directive is not None:
            citations.append(Citation(mention, "resolved", directive, (directive,), linkable))
        elif mention.full:
            citations.append(Citation(mention, "unregistered", None, (), linkable))
        else:
            # Only candidates the context leaves open make it ambiguous; when the
            # context rules them all out, it names some other document.
            possible = open_candidates.get(mention.start, ())
            if possible:
                citations.append(Citation(mention, "ambiguous", None, possible, linkable))
    return citations


def _weigh_context(body: str, mention: Mention, candidates: list[Directive]) -> tuple[list[Directive], list[Directive]]:
    """Return the candidates the context does not contradict, and those it confirms.

    Context is what directly follows the mention, as documents are cited:
    "Chỉ thị số 14 ngày 25/5/2021 của Thủ tướng Chính phủ".
    """
    window = body[mention.end : mention.end + 160]
    stop = _SENTENCE_END.search(window)
    window = window[: stop.start()] if stop else window
    date = None
    date_match = _CONTEXT_DATE.match(window)
    if date_match:
        day, month, year = (int(g) for g in date_match.groups())
        try:
            date = dt.date(year, month, day)
        except ValueError:
            date = None
        window = window[date_match.end() :]
    issuer_words = _issuer_words(window)
    consistent, confirmed = [], []
    for candidate in candidates:
        date_fits = None if date is None else date == candidate.signed
        issuer_fits = None if not issuer_words else issuer_words <= _words(candidate.issuer)
        if date_fits is False or issuer_fits is False:
            continue
        consistent.append(candidate)
        if date_fits or issuer_fits:
            confirmed.append(candidate)
    return consistent, confirmed


def _issuer_words(window: str) -> set[str]:
    match = _CONTEXT_ISSUER.match(window)
    if not match:
        return set()
    phrase = match.group(1)
    end = _ISSUER_END.search(phrase)
    return _words(phrase[: end.start()] if end else phrase)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold_diacritics(text).lower()))


def cited(citations: list[Citation]) -> list[Directive]:
    """Return the directives resolved in ``citations``, once each, in order of first mention."""
    seen: dict[str, Directive] = {}
    for citation in citations:
        if citation.directive is not None:
            seen.setdefault(citation.directive.src_uri, citation.directive)
    return list(seen.values())


def link_first_mentions(body: str, citations: list[Citation], src_uri: str) -> str:
    """Turn the first linkable mention of each resolved directive into a Markdown link.

    Links are relative to the page ``src_uri`` and point at the directive's
    Markdown file, so MkDocs makes them right under any sub-path. A page does
    not link to itself.
    """
    folder = posixpath.dirname(src_uri)
    chosen: dict[str, Citation] = {}
    for citation in citations:
        directive = citation.directive
        if directive is None or directive.src_uri == src_uri or not citation.linkable:
            continue
        chosen.setdefault(directive.src_uri, citation)
    if not chosen:
        return body
    parts, position = [], 0
    for citation in sorted(chosen.values(), key=lambda c: c.mention.start):
        mention = citation.mention
        assert citation.directive is not None
        target = posixpath.relpath(citation.directive.src_uri, folder or ".")
        parts.append(body[position : mention.start])
        parts.append(f'[{mention.text}]({target} "{_quote(citation.directive.subject)}")')
        position = mention.end
    parts.append(body[position:])
    return "".join(parts)


def _quote(text: str) -> str:
    return text.replace('"', "'")


# ---------------------------------------------------------------- Markdown regions

_FENCE = re.compile(r"^\s{0,3}(```+|~~~+).*$", re.M)
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:[ \t].*)?$", re.M)
_SETEXT = re.compile(r"^[ ]{0,3}\S.*(?=\n[ ]{0,3}(?:=+|-+)[ \t]*$)", re.M)
# Link texts and destinations stop at the next bracket or parenthesis they cannot
# pair, so a failed start costs only the text up to it: linear on "[[[[" or "](((".
_LINK_TEXT = r"(?:[^\[\]\\\n]|\\.|\[[^\[\]\\\n]*\])*"
_INLINE_LINK = re.compile(rf"!?\[({_LINK_TEXT})\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_REF_LINK = re.compile(rf"\[{_LINK_TEXT}\]\[[^\[\]\n]*\]")
_REF_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:.*$", re.M)
_HTML_LINK_OPEN = re.compile(r"<a\b[^<>]*>", re.IGNORECASE)
_HTML_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_TAG_OR_AUTOLINK = re.compile(r"<[^<>\n]+>")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")


def protected_spans(body: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return (spans that hold no mentions, spans whose mentions are not linked).

    The first: fenced code, code spans, URLs, HTML tags, link definitions. The
    second: headings, link texts and HTML links. Both sorted and merged. Each
    pattern runs once over the whole body.
    """
    skip: list[tuple[int, int]] = []
    no_link: list[tuple[int, int]] = []
    fence: re.Match[str] | None = None
    for marker in _FENCE.finditer(body):
        if fence is None:
            fence = marker
        elif marker.group(1)[0] == fence.group(1)[0] and len(marker.group(1)) >= len(fence.group(1)):
            skip.append((fence.start(), marker.end()))
            fence = None
    if fence is not None:
        skip.append((fence.start(), len(body)))
    for pattern in (_HEADING, _SETEXT, _REF_LINK):
        no_link.extend(match.span() for match in pattern.finditer(body))
    no_link.extend(_html_link_spans(body))
    for pattern in (_REF_DEFINITION, _TAG_OR_AUTOLINK, _BARE_URL):
        skip.extend(match.span() for match in pattern.finditer(body))
    skip.extend(code_spans(body))
    for match in _INLINE_LINK.finditer(body):
        no_link.append(match.span(1))
        skip.append(match.span(2))
    return _merge(skip), _merge(no_link)


def _html_link_spans(body: str) -> list[tuple[int, int]]:
    """Return the spans of <a …>…</a>, each opening paired with the next closing: one pass, no re-scan."""
    closings = [match.end() for match in _HTML_LINK_CLOSE.finditer(body)]
    spans = []
    index, covered = 0, -1
    for opening in _HTML_LINK_OPEN.finditer(body):
        if opening.start() < covered:
            continue
        index = bisect.bisect_left(closings, opening.end(), lo=index)
        if index == len(closings):
            break
        spans.append((opening.start(), closings[index]))
        covered = closings[index]
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# ---------------------------------------------------------------- registry stubs


def stub_kind(mention: Mention) -> str:
    """Return the kind an unregistered mention names, from its kind word or its number's letters."""
    return mention.kind or _kind_from_number(mention.number) or "Quyết định"


def registry_stub(mention: Mention) -> str:
    """Return a registry page to paste for an unregistered number, to be completed by the editor."""
    kind = stub_kind(mention)
    number = re.sub(r"\s+", "", mention.number)
    return (
        "---\n"
        f'number: "{number}"\n'
        f'kind: "{kind}"\n'
        'issuer: "…"\n'
        "level: …  # trung_uong | quoc_hoi | chinh_phu | bo_nganh | hoi | tinh | huyen_xa\n"
        "signed: YYYY-MM-DD\n"
        'subject: "…"\n'
        "status: hieu_luc\n"
        "---\n"
    )


def _kind_from_number(number: str) -> str | None:
    for group in re.findall(r"[A-ZĐÐ][A-ZĐÐa-zđ]*", number):
        kind = _ABBREVIATIONS.get(group.upper().replace("Ð", "Đ"))
        if kind:
            return kind
    return None
