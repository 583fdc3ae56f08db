"""Inline SVG bar charts of the core: well-formed, proportional, readable and escaped."""

from __future__ import annotations

import itertools
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

import pytest

from bangvang.core.charts import (
    EMPTY_MESSAGE,
    MAX_LABEL_WIDTH,
    estimate_text_width,
    horizontal_bars,
    vertical_bars,
)

SVG = "{http://www.w3.org/2000/svg}"
Chart = Callable[..., str]
CHARTS = pytest.mark.parametrize("chart", [horizontal_bars, vertical_bars], ids=["horizontal", "vertical"])

KINDS = [
    ("Gia đình học tập", 309845),
    ("Dòng họ học tập", 4313),
    ("Cộng đồng học tập", 5850),
    ("Đơn vị học tập", 1200),
    ("Gia đình học tập tiêu biểu xuất sắc", 120),
]
PERIODS = [("2016-2020", 12500), ("2021", 3100), ("2022", 4650), ("2023", 0), ("2024", 5200)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def by_class(root: ET.Element, tag: str, css_class: str) -> list[ET.Element]:
    return [el for el in root.iter(f"{SVG}{tag}") if css_class in el.get("class", "").split()]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def view_box(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(part) for part in root.get("viewBox", "").split())
    return width, height


def label_lines(label: ET.Element) -> list[str]:
    spans = label.findall(f"{SVG}tspan")
    return [text_of(span) for span in spans] if spans else [text_of(label)]


def item_tooltips(root: ET.Element) -> list[str]:
    return [text_of(item.find(f"{SVG}title")) for item in by_class(root, "g", "bv-chart__item")]  # type: ignore[arg-type]


@CHARTS
def test_chart_is_an_accessible_svg(chart: Chart) -> None:
    root = parse(chart(KINDS, title="Danh hiệu theo loại", unit="đơn vị"))
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%"
    assert root.get("role") == "img"
    assert view_box(root)[0] > 0 and view_box(root)[1] > 0
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert text_of(title) == "Danh hiệu theo loại"
    assert text_of(desc).startswith("Gia đình học tập: 309.845 đơn vị; Dòng họ học tập: 4.313 đơn vị; ")
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}style"))


@CHARTS
def test_one_bar_per_row_with_its_tooltip_and_value(chart: Chart) -> None:
    root = parse(chart(KINDS, title="Danh hiệu", unit="đơn vị"))
    assert len(by_class(root, "rect", "bv-chart__bar")) == len(KINDS)
    assert item_tooltips(root) == [
        "Gia đình học tập: 309.845 đơn vị",
        "Dòng họ học tập: 4.313 đơn vị",
        "Cộng đồng học tập: 5.850 đơn vị",
        "Đơn vị học tập: 1.200 đơn vị",
        "Gia đình học tập tiêu biểu xuất sắc: 120 đơn vị",
    ]
    assert [text_of(v) for v in by_class(root, "text", "bv-chart__value")] == [
        "309.845",
        "4.313",
        "5.850",
        "1.200",
        "120",
    ]
    assert [" ".join(label_lines(label)) for label in by_class(root, "text", "bv-chart__label")] == [
        k for k, _ in KINDS
    ]


def test_tooltip_without_unit_has_no_trailing_space() -> None:
    root = parse(horizontal_bars([("Gia đình", 309845)], title="Gia đình"))
    assert item_tooltips(root) == ["Gia đình: 309.845"]
    assert text_of(root.find(f"{SVG}desc")) == "Gia đình: 309.845."  # type: ignore[arg-type]


def test_horizontal_bars_are_proportional_and_the_largest_is_full_length() -> None:
    root = parse(horizontal_bars(KINDS, title="Danh hiệu"))
    bars = by_class(root, "rect", "bv-chart__bar")
    widths = [float(bar.get("width", "")) for bar in bars]
    full = max(widths)
    assert widths[0] == full
    for width, (_, value) in zip(widths, KINDS, strict=True):
        assert width == pytest.approx(full * value / 309845, abs=0.06)
    assert len({bar.get("x") for bar in bars}) == 1
    assert len({bar.get("height") for bar in bars}) == 1


def test_vertical_bars_stand_on_one_baseline_with_values_above() -> None:
    root = parse(vertical_bars(PERIODS, title="Theo giai đoạn"))
    bars = by_class(root, "rect", "bv-chart__bar")
    heights = [float(bar.get("height", "")) for bar in bars]
    full = max(heights)
    assert heights[0] == full
    for height, (_, value) in zip(heights, PERIODS, strict=True):
        assert height == pytest.approx(full * value / 12500, abs=0.06)
    bottoms = {round(float(bar.get("y", "")) + float(bar.get("height", "")), 1) for bar in bars}
    assert len(bottoms) == 1
    values = by_class(root, "text", "bv-chart__value")
    for bar, printed in zip(bars, values, strict=True):
        assert float(printed.get("y", "")) < float(bar.get("y", ""))
        assert float(printed.get("y", "")) - 13 > 0  # the tallest value still fits at the top
    labels = by_class(root, "text", "bv-chart__label")
    assert all(float(label.get("y", "")) > min(bottoms) for label in labels)
    assert all(float(label.get("y", "")) <= view_box(root)[1] for label in labels)


@CHARTS
def test_zero_values_draw_an_empty_bar_but_still_say_zero(chart: Chart) -> None:
    root = parse(chart([("Có", 10), ("Không", 0)], title="Số"))
    bar = by_class(root, "rect", "bv-chart__bar")[1]
    assert bar.get("width" if chart is horizontal_bars else "height") == "0"
    assert [text_of(v) for v in by_class(root, "text", "bv-chart__value")] == ["10", "0"]


@CHARTS
def test_all_zero_values_do_not_divide_by_zero(chart: Chart) -> None:
    root = parse(chart([("A", 0), ("B", 0)], title="Số"))
    assert [text_of(v) for v in by_class(root, "text", "bv-chart__value")] == ["0", "0"]


@CHARTS
def test_empty_rows_say_there_is_no_data(chart: Chart) -> None:
    svg = chart([], title="Danh hiệu theo tỉnh")
    root = parse(svg)
    assert EMPTY_MESSAGE == "Chưa có dữ liệu"
    assert text_of(root.find(f"{SVG}title")) == "Danh hiệu theo tỉnh"  # type: ignore[arg-type]
    assert text_of(root.find(f"{SVG}desc")) == EMPTY_MESSAGE  # type: ignore[arg-type]
    assert EMPTY_MESSAGE in [text_of(t) for t in root.iter(f"{SVG}text")]
    assert not by_class(root, "rect", "bv-chart__bar")
    assert root.get("role") == "img" and root.get("width") == "100%"


HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "A & B \"quoted\" 'single'",
    "</text><image href=x onerror=alert(1)>",
]


@CHARTS
@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_appear_only_escaped(chart: Chart, label: str) -> None:
    svg = chart([(label, 3), ("Bình thường", 5)], title=label, unit=label)
    root = parse(svg)
    for raw in ("<script", "<image", "{{", "{%"):
        if raw in label:
            assert raw not in svg
    assert "{" not in svg and "}" not in svg
    assert {el.tag.removeprefix(SVG) for el in root.iter()} <= {
        "svg",
        "title",
        "desc",
        "g",
        "rect",
        "text",
        "tspan",
        "line",
    }
    assert text_of(root.find(f"{SVG}title")) == label  # type: ignore[arg-type]
    assert item_tooltips(root)[0] == f"{label}: 3 {label}"
    assert " ".join(label_lines(by_class(root, "text", "bv-chart__label")[0])) == label


@CHARTS
def test_control_characters_are_dropped_so_the_svg_stays_well_formed(chart: Chart) -> None:
    root = parse(chart([("Hà\x00 Nội\x0b", 7)], title="Tỉnh\x1f"))
    assert item_tooltips(root) == ["Hà Nội: 7"]


def test_label_column_holds_the_longest_label_without_touching_the_bars() -> None:
    root = parse(horizontal_bars(KINDS, title="Danh hiệu"))
    bar_x = float(by_class(root, "rect", "bv-chart__bar")[0].get("x", ""))
    for label in by_class(root, "text", "bv-chart__label"):
        right = float(label.get("x", ""))
        assert label.get("text-anchor") == "end"
        assert right < bar_x
        for line in label_lines(label):
            assert right - estimate_text_width(line) >= 0  # not cut off on the left
    label_area = bar_x - 8
    assert label_area >= estimate_text_width("Gia đình học tập tiêu biểu xuất sắc")


def test_values_fit_inside_the_drawing() -> None:
    root = parse(horizontal_bars(KINDS, title="Danh hiệu"))
    width, _ = view_box(root)
    for value in by_class(root, "text", "bv-chart__value"):
        assert float(value.get("x", "")) + estimate_text_width(text_of(value)) <= width


def test_very_long_labels_wrap_to_two_lines() -> None:
    long = "Gia đình học tập tiêu biểu xuất sắc cấp tỉnh giai đoạn 2016-2020"
    root = parse(horizontal_bars([(long, 10), ("Ngắn", 5)], title="Danh hiệu"))
    label = by_class(root, "text", "bv-chart__label")[0]
    lines = label_lines(label)
    assert len(lines) == 2 and " ".join(lines) == long
    bar_x = float(by_class(root, "rect", "bv-chart__bar")[0].get("x", ""))
    assert all(estimate_text_width(line) <= bar_x - 8 for line in lines)
    assert all(estimate_text_width(line) <= MAX_LABEL_WIDTH for line in lines)
    # Two-line rows are tall enough that neighbouring labels do not meet.
    ys = [float(span.get("y", "")) for span in label.findall(f"{SVG}tspan")]
    next_y = float(by_class(root, "text", "bv-chart__label")[1].get("y", ""))
    assert next_y - ys[-1] >= 13


def test_labels_too_long_for_two_lines_widen_the_column_rather_than_being_cut() -> None:
    long = "Gia đình học tập tiêu biểu xuất sắc cấp tỉnh giai đoạn 2016-2020 theo Quyết định 281/QĐ-TTg"
    root = parse(horizontal_bars([(long, 10)], title="Danh hiệu"))
    lines = label_lines(by_class(root, "text", "bv-chart__label")[0])
    assert len(lines) == 2 and " ".join(lines) == long
    bar = by_class(root, "rect", "bv-chart__bar")[0]
    assert all(8 + estimate_text_width(line) <= float(bar.get("x", "")) for line in lines)
    assert float(bar.get("width", "")) >= 160


def test_vertical_labels_do_not_overlap_their_neighbours() -> None:
    rows = [("2016-2020", 125000), *((str(year), year) for year in range(2021, 2026)), ("Chưa rõ năm học", 3)]
    root = parse(vertical_bars(rows, title="Theo giai đoạn"))
    width, _ = view_box(root)
    labels = by_class(root, "text", "bv-chart__label")
    assert not any(el.get("transform") for el in root.iter())  # these still fit upright
    assert len(label_lines(labels[-1])) == 2
    spans: list[tuple[float, float]] = []
    for label in labels:
        centre = float(label.get("x", ""))
        half = max(estimate_text_width(line) for line in label_lines(label)) / 2
        spans.append((centre - half, centre + half))
    assert spans[0][0] >= 0 and spans[-1][1] <= width
    for (_, right), (left, _) in itertools.pairwise(spans):
        assert right < left


def test_long_series_turn_their_texts_instead_of_shrinking() -> None:
    rows = [(str(year), (year * 7919) % 5000) for year in range(2000, 2031)] + [("Chưa rõ năm", 309845)]
    root = parse(vertical_bars(rows, title="Theo năm"))
    width, height = view_box(root)
    assert width == 640
    bars = by_class(root, "rect", "bv-chart__bar")
    baseline = float(bars[0].get("y", "")) + float(bars[0].get("height", ""))
    centres = [float(bar.get("x", "")) + float(bar.get("width", "")) / 2 for bar in bars]
    assert all(right - left >= 16 for left, right in itertools.pairwise(centres))  # a line of text per column
    for label in by_class(root, "text", "bv-chart__label"):
        x, y = label.get("x", ""), label.get("y", "")
        assert label.get("transform") == f"rotate(-90 {x} {y})"
        assert label.get("text-anchor") == "end"  # hangs down from the axis
        assert float(y) > baseline
        assert float(y) + estimate_text_width(text_of(label)) <= height
    for bar, value in zip(bars, by_class(root, "text", "bv-chart__value"), strict=True):
        x, y = value.get("x", ""), value.get("y", "")
        assert value.get("transform") == f"rotate(-90 {x} {y})"
        assert float(y) < float(bar.get("y", ""))
        assert float(y) - estimate_text_width(text_of(value)) >= 0
    assert text_of(by_class(root, "text", "bv-chart__value")[-1]) == "309.845"


def test_series_too_long_even_for_turned_texts_widen_the_drawing() -> None:
    rows = [(str(day), day) for day in range(1, 101)]
    root = parse(vertical_bars(rows, title="Theo ngày"))
    width, _ = view_box(root)
    assert width > 640
    assert len(by_class(root, "rect", "bv-chart__bar")) == 100


def test_long_title_wraps_inside_the_drawing() -> None:
    title = "Số gia đình, dòng họ, cộng đồng và đơn vị học tập được công nhận theo từng tỉnh, thành phố trực thuộc"
    root = parse(horizontal_bars(KINDS, title=title))
    width, _ = view_box(root)
    lines = [text_of(t) for t in by_class(root, "text", "bv-chart__title")]
    assert len(lines) > 1 and " ".join(lines) == title
    assert all(8 + estimate_text_width(line, 15) <= width for line in lines)
    first_bar_y = float(by_class(root, "rect", "bv-chart__bar")[0].get("y", ""))
    assert float(by_class(root, "text", "bv-chart__title")[-1].get("y", "")) < first_bar_y


@CHARTS
def test_title_can_be_left_to_the_page(chart: Chart) -> None:
    root = parse(chart(KINDS, title="Danh hiệu", show_title=False))
    assert not by_class(root, "text", "bv-chart__title")
    assert text_of(root.find(f"{SVG}title")) == "Danh hiệu"  # type: ignore[arg-type]


@CHARTS
def test_output_is_deterministic_and_ids_differ_between_charts(chart: Chart) -> None:
    first = chart(KINDS, title="Danh hiệu", unit="đơn vị")
    assert first == chart(list(KINDS), title="Danh hiệu", unit="đơn vị")
    other = chart(KINDS[:2], title="Danh hiệu", unit="đơn vị")
    assert parse(first).get("aria-labelledby") != parse(other).get("aria-labelledby")


@CHARTS
def test_given_chart_id_is_used_and_checked(chart: Chart) -> None:
    root = parse(chart(KINDS, title="Danh hiệu", chart_id="thong-ke-loai"))
    assert root.get("aria-labelledby") == "thong-ke-loai-title"
    with pytest.raises(ValueError, match="chart id"):
        chart(KINDS, title="Danh hiệu", chart_id='x" onload="alert(1)')


@CHARTS
def test_coordinates_have_at_most_one_decimal(chart: Chart) -> None:
    root = parse(chart([("Một phần ba", 1), ("Cả", 3), ("Hai phần bảy", 2)], title="Số"))
    for element in root.iter():
        for name in ("x", "y", "width", "height", "x1", "x2", "y1", "y2"):
            value = element.get(name)
            if value is not None:
                assert len(value.partition(".")[2]) <= 1, (element.tag, name, value)


@CHARTS
def test_negative_values_are_refused(chart: Chart) -> None:
    with pytest.raises(ValueError, match="Hà Nội"):
        chart([("Hà Nội", -1)], title="Số")


def test_nfd_labels_measure_and_render_like_nfc() -> None:
    label = "Gia đình học tập tiêu biểu xuất sắc"
    decomposed = unicodedata.normalize("NFD", label)
    assert estimate_text_width(decomposed) == estimate_text_width(label)
    assert horizontal_bars([(decomposed, 1)], title="T") == horizontal_bars([(label, 1)], title="T")


def test_estimate_is_generous_for_capitals_and_digits() -> None:
    assert estimate_text_width("ĐĐĐ") > estimate_text_width("aaa") > estimate_text_width("iii")
    assert estimate_text_width("mmm") > estimate_text_width("aaa")
    assert estimate_text_width("309.845") >= 0.55 * 13 * 6
    assert estimate_text_width("") == 0


@CHARTS
def test_many_rows_draw_one_bar_each(chart: Chart) -> None:
    rows: Sequence[tuple[str, int]] = [(f"Tỉnh {index}", index) for index in range(1000)]
    root = parse(chart(rows, title="Nhiều tỉnh"))
    assert len(by_class(root, "rect", "bv-chart__bar")) == 1000
