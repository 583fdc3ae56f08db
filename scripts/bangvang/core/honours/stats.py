"""The statistics page's charts, from the honour summary."""

from __future__ import annotations

from ..charts import horizontal_bars, vertical_bars
from ..collation import collation_key
from .model import FORMS, KINDS
from .pages import Summary


def summary_charts(summary: Summary) -> list[str]:
    """Return the SVG charts of the statistics page: by period, kind, form, title and province."""
    periods = sorted(summary.by_period.items())
    kinds = [(KINDS[kind], count) for kind, count in summary.by_kind.items()]
    kinds.sort(key=lambda item: -item[1])
    forms = [(FORMS[form], count) for form, count in summary.by_form.items()]
    titles = sorted(summary.by_title.items(), key=lambda item: (-item[1], collation_key(item[0])))
    provinces = sorted(summary.by_province.items(), key=lambda item: (-item[1], collation_key(item[0])))
    return [
        vertical_bars(periods, title="Số mục theo giai đoạn, năm", unit="mục", chart_id="bv-chart-period"),
        horizontal_bars(kinds, title="Số mục theo mô hình học tập", unit="mục", chart_id="bv-chart-kind"),
        horizontal_bars(forms, title="Số mục theo hình thức", unit="mục", chart_id="bv-chart-form"),
        horizontal_bars(titles, title="Số mục theo danh hiệu", unit="mục", chart_id="bv-chart-title"),
        horizontal_bars(provinces, title="Số mục theo tỉnh, thành", unit="mục", chart_id="bv-chart-province"),
    ]
