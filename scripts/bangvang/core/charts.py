"""Bar charts drawn at build time as inline SVG, for the statistics page of honour rolls.

Counts by period, kind, title or province become plain ``<svg>`` strings: no
JavaScript, no chart library, no external font. Each chart carries its title
and a sentence listing every figure (``<title>``/``<desc>``), so screen readers
get the numbers, and each bar has a ``<title>`` tooltip. Colours come from CSS
classes (``bv-chart__bar``, ``bv-chart__label``, ``bv-chart__value``,
``bv-chart__title``, ``bv-chart__axis``) with defaults that follow the page's
text colour, so the charts suit light and dark themes alike.

Text widths cannot be measured at build time, so they are estimated from the
characters (see :func:`estimate_text_width`) on the generous side: a label may
leave a little air, but it does not run into its bar.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from bangvang.core.text import format_number, nfc

EMPTY_MESSAGE = "Chưa có dữ liệu"
"""What a chart without rows says."""

BAR_FILL = "var(--bv-chart-bar, #a3201c)"
TEXT_FILL = "currentColor"

FONT_SIZE = 13.0
TITLE_FONT_SIZE = 15.0
# Titles are bold, and bold glyphs run about a tenth wider: wrap them as if larger.
_TITLE_MEASURE_SIZE = TITLE_FONT_SIZE * 1.15
LINE_HEIGHT = 16.0
PADDING = 8.0
GAP = 6.0
CHART_WIDTH = 640.0

# Horizontal chart: labels wider than this wrap to a second line.
MAX_LABEL_WIDTH = 260.0
MIN_BAR_LENGTH = 160.0
BAR_THICKNESS = 18.0
ROW_GAP = 8.0

# Vertical chart.
PLOT_HEIGHT = 200.0
MIN_SLOT_WIDTH = 44.0
MAX_COLUMN_WIDTH = 56.0
MAX_COLUMN_LABEL_WIDTH = 96.0
ROTATED_SLOT_WIDTH = LINE_HEIGHT + 2

# Advance widths in em, on the wide side of common sans-serif fonts (DejaVu
# Sans is the widest fallback on Linux; Roboto and Arial are narrower).
_NARROW_CHARS = frozenset(" .,:;'!|()[]-/ijlftrI")
_WIDE_CHARS = frozenset("mwMW%@")
_NARROW_EM = 0.36
_DIGIT_EM = 0.64
_CAPITAL_EM = 0.76
_WIDE_EM = 0.98
_DEFAULT_EM = 0.6

# Beyond &, < and >: quotes, so the result is safe in attributes too, and
# braces, so "{{ ... }}" in data stays inert if the page meets a template engine.
_EXTRA_ESCAPES = {'"': "&quot;", "'": "&apos;", "{": "&#123;", "}": "&#125;"}
# Characters XML 1.0 forbids outright; data may still carry them (pasted text).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class _Item:
    """One bar ready to draw: label lines, value and its printed form."""

    label: str
    lines: tuple[str, ...]
    value: int
    shown: str


def estimate_text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """Estimate how wide ``text`` renders, in user units, at ``font_size``.

    Ordinary letters count 0.6 em, narrow ones (i, l, t, spaces, dots) less,
    digits, capitals and m/w more; combining marks count nothing, so NFC and
    NFD spellings of a Vietnamese word measure the same.

    Args:
        text: The text to measure.
        font_size: Font size in user units.

    Returns:
        The estimated advance width.
    """
    ems = 0.0
    for char in nfc(text):
        if unicodedata.combining(char):
            continue
        if char in _NARROW_CHARS:
            ems += _NARROW_EM
        elif char in _WIDE_CHARS:
            ems += _WIDE_EM
        elif char.isdigit():
            ems += _DIGIT_EM
        elif char.isupper():
            ems += _CAPITAL_EM
        else:
            ems += _DEFAULT_EM
    return ems * font_size


def horizontal_bars(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    unit: str = "",
    show_title: bool = True,
    chart_id: str | None = None,
) -> str:
    """Draw one horizontal bar per row, labels on the left and values after the bars.

    Suits categories with long names (kinds, titles, provinces). The label
    column is as wide as the longest label; labels wider than
    :data:`MAX_LABEL_WIDTH` wrap to two lines.

    Args:
        rows: ``(label, value)`` pairs in the order to draw them; values are counts (≥ 0).
        title: The chart's title, read out by screen readers and shown above the bars.
        unit: Unit of the values ("gia đình"), used in the description and tooltips.
        show_title: Whether to print the title inside the chart as well.
        chart_id: Id for the ``<title>``/``<desc>`` references; by default derived from the data.

    Returns:
        A complete ``<svg>`` element.

    Raises:
        ValueError: If a value is negative or ``chart_id`` is not a valid id.
    """
    items = _prepare_items(rows, MAX_LABEL_WIDTH)
    ident = _resolve_chart_id("horizontal", title, unit, items, chart_id)
    if not items:
        return _render_empty(title, ident)
    label_width = max(estimate_text_width(line) for item in items for line in item.lines)
    value_width = max(estimate_text_width(item.shown) for item in items)
    line_count = max(len(item.lines) for item in items)
    bar_x = PADDING + label_width + GAP
    bar_space = max(MIN_BAR_LENGTH, CHART_WIDTH - bar_x - GAP - value_width - PADDING)
    width = bar_x + bar_space + GAP + value_width + PADDING
    title_lines = _wrap_greedy(title, width - 2 * PADDING, _TITLE_MEASURE_SIZE) if show_title else []
    top = PADDING + len(title_lines) * (TITLE_FONT_SIZE + 5) + (ROW_GAP / 2 if title_lines else 0)
    row_height = max(BAR_THICKNESS, line_count * LINE_HEIGHT) + ROW_GAP
    height = top + len(items) * row_height + PADDING
    peak = max(item.value for item in items)

    parts = _render_head("horizontal", ident, title, unit, items, width, height)
    parts += _render_title_lines(title_lines)
    for index, item in enumerate(items):
        middle = top + index * row_height + row_height / 2
        length = _scale(item.value, peak, bar_space)
        first_baseline = middle - (len(item.lines) - 1) * LINE_HEIGHT / 2 + _baseline_shift(FONT_SIZE)
        parts.append(f'<g class="bv-chart__item"><title>{_escape(_tooltip(item, unit))}</title>')
        parts.append(
            _render_label(item.lines, x=bar_x - GAP, first_baseline=first_baseline, anchor="end"),
        )
        parts.append(
            f'<rect class="bv-chart__bar" x="{_num(bar_x)}" y="{_num(middle - BAR_THICKNESS / 2)}"'
            f' width="{_num(length)}" height="{_num(BAR_THICKNESS)}" fill="{BAR_FILL}"/>'
        )
        parts.append(
            f'<text class="bv-chart__value" x="{_num(bar_x + length + GAP)}"'
            f' y="{_num(middle + _baseline_shift(FONT_SIZE))}" fill="{TEXT_FILL}">{_escape(item.shown)}</text></g>'
        )
    parts.append(
        f'<line class="bv-chart__axis" x1="{_num(bar_x)}" y1="{_num(top)}" x2="{_num(bar_x)}"'
        f' y2="{_num(top + len(items) * row_height)}" stroke="{TEXT_FILL}" stroke-opacity="0.35"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def vertical_bars(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    unit: str = "",
    show_title: bool = True,
    chart_id: str | None = None,
) -> str:
    """Draw one column per row, label under each column and value above it.

    Suits time series (periods such as "2016-2020", "2021", "2022"). Columns
    share the width evenly. When upright labels and values would not fit side
    by side, they are turned to read bottom-to-top; only when even that does
    not fit (over 34 columns) does the drawing widen, for the browser to
    scale it down.

    Args:
        rows: ``(label, value)`` pairs from left to right; values are counts (≥ 0).
        title: The chart's title, read out by screen readers and shown above the columns.
        unit: Unit of the values ("gia đình"), used in the description and tooltips.
        show_title: Whether to print the title inside the chart as well.
        chart_id: Id for the ``<title>``/``<desc>`` references; by default derived from the data.

    Returns:
        A complete ``<svg>`` element.

    Raises:
        ValueError: If a value is negative or ``chart_id`` is not a valid id.
    """
    items = _prepare_items(rows, MAX_COLUMN_LABEL_WIDTH)
    ident = _resolve_chart_id("vertical", title, unit, items, chart_id)
    if not items:
        return _render_empty(title, ident)
    upright_slot = max(
        MIN_SLOT_WIDTH,
        max(max(estimate_text_width(item.shown), *(estimate_text_width(line) for line in item.lines)) for item in items)
        + 2 * GAP,
    )
    # Upright texts that do not fit side by side turn to read bottom-to-top, so
    # a long series keeps legible text instead of being scaled down to fit.
    rotated = len(items) * upright_slot > CHART_WIDTH - 2 * PADDING
    if rotated:
        slot_need = ROTATED_SLOT_WIDTH
        value_extent = max(estimate_text_width(item.shown) for item in items)
        label_extent = max(estimate_text_width(item.label) for item in items)
    else:
        slot_need = upright_slot
        value_extent = LINE_HEIGHT
        label_extent = max(len(item.lines) for item in items) * LINE_HEIGHT
    width = max(CHART_WIDTH, len(items) * slot_need + 2 * PADDING)
    slot = (width - 2 * PADDING) / len(items)
    column_width = min(MAX_COLUMN_WIDTH, slot * 0.6)
    title_lines = _wrap_greedy(title, width - 2 * PADDING, _TITLE_MEASURE_SIZE) if show_title else []
    top = PADDING + len(title_lines) * (TITLE_FONT_SIZE + 5) + value_extent + GAP
    baseline = top + PLOT_HEIGHT
    height = baseline + GAP + label_extent + PADDING
    peak = max(item.value for item in items)

    parts = _render_head("vertical", ident, title, unit, items, width, height)
    parts += _render_title_lines(title_lines)
    for index, item in enumerate(items):
        centre = PADDING + (index + 0.5) * slot
        length = _scale(item.value, peak, PLOT_HEIGHT)
        parts.append(f'<g class="bv-chart__item"><title>{_escape(_tooltip(item, unit))}</title>')
        parts.append(
            f'<rect class="bv-chart__bar" x="{_num(centre - column_width / 2)}" y="{_num(baseline - length)}"'
            f' width="{_num(column_width)}" height="{_num(length)}" fill="{BAR_FILL}"/>'
        )
        if rotated:
            # Turned a quarter left, the glyphs' height lies along x: shift the baseline to centre them.
            x = centre + _baseline_shift(FONT_SIZE)
            parts.append(
                f'<text class="bv-chart__value" {_rotated_at(x, baseline - length - GAP)}'
                f' fill="{TEXT_FILL}">{_escape(item.shown)}</text>'
            )
            parts.append(
                f'<text class="bv-chart__label" {_rotated_at(x, baseline + GAP)} text-anchor="end"'
                f' fill="{TEXT_FILL}">{_escape(item.label)}</text></g>'
            )
            continue
        parts.append(
            f'<text class="bv-chart__value" x="{_num(centre)}" y="{_num(baseline - length - GAP)}"'
            f' text-anchor="middle" fill="{TEXT_FILL}">{_escape(item.shown)}</text>'
        )
        first_baseline = baseline + GAP + LINE_HEIGHT / 2 + _baseline_shift(FONT_SIZE)
        parts.append(_render_label(item.lines, x=centre, first_baseline=first_baseline, anchor="middle") + "</g>")
    parts.append(
        f'<line class="bv-chart__axis" x1="{_num(PADDING)}" y1="{_num(baseline)}" x2="{_num(width - PADDING)}"'
        f' y2="{_num(baseline)}" stroke="{TEXT_FILL}" stroke-opacity="0.35"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _prepare_items(rows: Sequence[tuple[str, int]], max_label_width: float) -> list[_Item]:
    """Normalise labels, check values and wrap labels wider than ``max_label_width``."""
    items: list[_Item] = []
    for label, value in rows:
        clean = " ".join(_XML_INVALID.sub("", nfc(label)).split())
        if value < 0:
            raise ValueError(f"chart value for {clean!r} is negative ({value}); charts show counts")
        items.append(_Item(clean, _wrap_in_two(clean, max_label_width), value, format_number(value)))
    return items


def _wrap_in_two(text: str, limit: float) -> tuple[str, ...]:
    """Split ``text`` at the space that best balances two lines, if it is wider than ``limit``.

    Text without spaces stays on one line; the caller sizes its column to the
    widest line, so nothing is cut.
    """
    if estimate_text_width(text) <= limit:
        return (text,)
    total = estimate_text_width(text)
    best: tuple[float, int] | None = None
    prefix = 0.0
    for index, char in enumerate(text):
        if char == " ":
            # Width after the space is the total minus the prefix and the space itself.
            rest = total - prefix - estimate_text_width(" ")
            worst = max(prefix, rest)
            if best is None or worst < best[0]:
                best = (worst, index)
        prefix += estimate_text_width(char)
    if best is None:
        return (text,)
    return (text[: best[1]], text[best[1] + 1 :])


def _wrap_greedy(text: str, limit: float, font_size: float) -> list[str]:
    """Wrap ``text`` into as many lines as needed to stay within ``limit``, breaking at spaces."""
    lines: list[str] = []
    current = ""
    current_width = 0.0
    space = estimate_text_width(" ", font_size)
    for word in " ".join(_XML_INVALID.sub("", nfc(text)).split()).split(" "):
        word_width = estimate_text_width(word, font_size)
        if current and current_width + space + word_width > limit:
            lines.append(current)
            current, current_width = word, word_width
        elif current:
            current, current_width = f"{current} {word}", current_width + space + word_width
        else:
            current, current_width = word, word_width
    if current:
        lines.append(current)
    return lines


def _resolve_chart_id(kind: str, title: str, unit: str, items: list[_Item], chart_id: str | None) -> str:
    """Return the id for ``<title>``/``<desc>``: the one given, or one derived from the data.

    A derived id keeps output deterministic while letting several different
    charts share a page without clashing ids.
    """
    if chart_id is not None:
        if not _CHART_ID.fullmatch(chart_id):
            raise ValueError(f"chart id {chart_id!r} must start with a letter and hold only letters, digits, - and _")
        return chart_id
    digest = hashlib.blake2b(digest_size=5)
    for piece in (kind, title, unit, *(f"{item.label}\x1f{item.value}" for item in items)):
        digest.update(piece.encode("utf-8") + b"\x1e")
    return f"bv-chart-{digest.hexdigest()}"


def _render_head(
    kind: str, ident: str, title: str, unit: str, items: list[_Item], width: float, height: float
) -> list[str]:
    """Return the opening ``<svg>`` tag with its ``<title>`` and ``<desc>``."""
    description = "; ".join(_tooltip(item, unit) for item in items) + "."
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bv-chart bv-chart--{kind}"'
        f' viewBox="0 0 {_num(width)} {_num(height)}" width="100%" role="img"'
        f' aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" font-size="{_num(FONT_SIZE)}">',
        f'<title id="{ident}-title">{_escape(title)}</title>',
        f'<desc id="{ident}-desc">{_escape(description)}</desc>',
    ]


def _render_title_lines(lines: list[str]) -> list[str]:
    """Return the visible title, one ``<text>`` per wrapped line."""
    return [
        f'<text class="bv-chart__title" x="{_num(PADDING)}" y="{_num(PADDING + (index + 0.8) * (TITLE_FONT_SIZE + 5))}"'
        f' font-size="{_num(TITLE_FONT_SIZE)}" font-weight="bold" fill="{TEXT_FILL}">{_escape(line)}</text>'
        for index, line in enumerate(lines)
    ]


def _render_label(lines: tuple[str, ...], *, x: float, first_baseline: float, anchor: str) -> str:
    """Return a label ``<text>``, with a ``<tspan>`` per line when it wraps."""
    head = f'<text class="bv-chart__label" x="{_num(x)}" y="{_num(first_baseline)}" text-anchor="{anchor}"'
    head += f' fill="{TEXT_FILL}">'
    if len(lines) == 1:
        return f"{head}{_escape(lines[0])}</text>"
    spans = "".join(
        f'<tspan x="{_num(x)}" y="{_num(first_baseline + index * LINE_HEIGHT)}">{_escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f"{head}{spans}</text>"


def _rotated_at(x: float, y: float) -> str:
    """Return the position attributes of a text turned a quarter left around its anchor."""
    return f'x="{_num(x)}" y="{_num(y)}" transform="rotate(-90 {_num(x)} {_num(y)})"'


def _render_empty(title: str, ident: str) -> str:
    """Return the small chart that says there is no data yet."""
    # As wide as a real chart, so that at width="100%" its text has the same size as theirs.
    width = CHART_WIDTH
    height = LINE_HEIGHT + 2 * PADDING
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="bv-chart bv-chart--empty"'
            f' viewBox="0 0 {_num(width)} {_num(height)}" width="100%" role="img"'
            f' aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" font-size="{_num(FONT_SIZE)}">',
            f'<title id="{ident}-title">{_escape(title)}</title>',
            f'<desc id="{ident}-desc">{EMPTY_MESSAGE}</desc>',
            f'<text class="bv-chart__label" x="{_num(PADDING)}" y="{_num(height / 2 + _baseline_shift(FONT_SIZE))}"'
            f' fill="{TEXT_FILL}">{EMPTY_MESSAGE}</text>',
            "</svg>",
        ]
    )


def _tooltip(item: _Item, unit: str) -> str:
    """Return "label: value unit", the words a bar stands for."""
    suffix = f" {' '.join(unit.split())}" if unit.strip() else ""
    return f"{item.label}: {item.shown}{suffix}"


def _scale(value: int, peak: int, full: float) -> float:
    """Return the length of a bar for ``value`` when ``peak`` takes the ``full`` length."""
    return full * value / peak if peak else 0.0


def _baseline_shift(font_size: float) -> float:
    """Return how far below a line's middle its baseline sits (about a third of an em).

    Computed rather than left to ``dominant-baseline``, which some SVG
    renderers ignore.
    """
    return font_size * 0.35


def _num(value: float) -> str:
    """Write a coordinate rounded to one decimal, without a trailing ".0" or a negative zero."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    text = f"{rounded:.1f}"
    return text.removesuffix(".0")


def _escape(text: str) -> str:
    """Escape ``text`` for XML content or attributes; braces too, so no template engine reads it."""
    return escape(_XML_INVALID.sub("", text), _EXTRA_ESCAPES)
