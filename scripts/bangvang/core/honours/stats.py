"""The statistics page's charts, from the honour summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..charts import horizontal_bars, vertical_bars
from ..collation import collation_key
from ..text import format_number
from .model import FORMS, KINDS
from .pages import Summary

CURRENT_UNITS = "theo đơn vị hành chính hiện nay (từ 1/7/2025)"
FORMER_UNITS = "theo đơn vị hành chính cũ, trước 1/7/2025"


@dataclass(frozen=True)
class ProvinceTable:
    """One count by province on the statistics page: its heading, what it counts, and its chart."""

    heading: str
    about: str
    chart: str


def summary_charts(summary: Summary) -> list[str]:
    """Return the SVG charts of the statistics page that do not depend on places: by period, kind, form, title."""
    periods = sorted(summary.by_period.items())
    kinds = [(KINDS[kind], count) for kind, count in summary.by_kind.items()]
    kinds.sort(key=lambda item: -item[1])
    forms = [(FORMS[form], count) for form, count in summary.by_form.items()]
    titles = sorted(summary.by_title.items(), key=lambda item: (-item[1], collation_key(item[0])))
    return [
        vertical_bars(periods, title="Số mục theo giai đoạn, năm", unit="mục", chart_id="bv-chart-period"),
        horizontal_bars(kinds, title="Số mục theo mô hình học tập", unit="mục", chart_id="bv-chart-kind"),
        horizontal_bars(forms, title="Số mục theo hình thức", unit="mục", chart_id="bv-chart-form"),
        horizontal_bars(titles, title="Số mục theo danh hiệu", unit="mục", chart_id="bv-chart-title"),
    ]


def _by_count(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], collation_key(item[0])))


def province_tables(summary: Summary) -> list[ProvinceTable]:
    """Return the counts by province: every entry by today's province, then earlier decisions' by the former one.

    The second table is left out when no decision was signed before 1/7/2025.
    """
    tables = [
        ProvinceTable(
            "Theo tỉnh, thành hiện nay (từ 1/7/2025)",
            f"Mọi mục, {CURRENT_UNITS}: mỗi mục tính vào tỉnh, thành nơi nó nằm hôm nay, "
            "kể cả mục của quyết định ký trước cải cách.",
            horizontal_bars(
                _by_count(summary.by_province),
                title=f"Số mục theo tỉnh, thành, {CURRENT_UNITS}",
                unit="mục",
                chart_id="bv-chart-province",
            ),
        )
    ]
    if summary.before_reform:
        tables.append(
            ProvinceTable(
                "Theo tỉnh, thành cũ (trước 1/7/2025)",
                f"Chỉ {format_number(summary.before_reform)} mục của các quyết định ký trước 1/7/2025, "
                f"{FORMER_UNITS}: mỗi mục tính vào tỉnh, thành ghi trên quyết định.",
                horizontal_bars(
                    _by_count(summary.by_former_province),
                    title=f"Số mục của quyết định ký trước 1/7/2025, {FORMER_UNITS}",
                    unit="mục",
                    chart_id="bv-chart-former-province",
                ),
            )
        )
    return tables
