"""What a link to an honour page shows when shared on Zalo or Facebook: its own title and description."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from urllib.parse import quote

from .honours.model import FORMS, KINDS, Decision
from .honours.pages import DecisionContext, DecisionPlaceContext, PlaceContext, ProvincesContext
from .inventory import GeneratedPage, HonourSectionPage
from .text import format_date, format_number


@dataclass(frozen=True)
class Preview:
    """A shared link's preview: its title (og:title) and description (og:description)."""

    title: str
    description: str


@dataclass(frozen=True)
class ShareLinks:
    """Plain links that share a page's address on Zalo and Facebook: no third-party script on our pages."""

    zalo: str
    facebook: str


def share_links(url: str) -> ShareLinks:
    """Return the share links of the page at the absolute address ``url``.

    Zalo's share page reads the address from ``d``, the base64 of ``{"url": …}``,
    as its own share button sends it; Facebook's sharer reads ``u``.
    """
    payload = base64.b64encode(json.dumps({"url": url}).encode()).decode()
    return ShareLinks(
        zalo=f"https://button-share.zalo.me/share_external?layout=1&customize=false&d={quote(payload, safe='')}",
        facebook=f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
    )


def honour_preview(page: GeneratedPage) -> Preview | None:
    """Return the preview of a decision's, a place's or the lookup's page; None for the other pages."""
    context = page.context
    if not isinstance(context, HonourSectionPage):
        return None
    honour = context.honour
    if isinstance(honour, DecisionContext):
        return _decision_preview(honour.decision, len(honour.decision.entries), _where(honour))
    if isinstance(honour, DecisionPlaceContext):
        group = honour.groups[0]
        return _decision_preview(honour.decision, len(group.rows), f"{group.place.name}, {group.place.province}")
    if isinstance(honour, PlaceContext):
        return _place_preview(page.title, len(honour.group.rows), len({s.decision.slug for s in honour.sections}))
    if isinstance(honour, ProvincesContext) and page.kind == "lookup":
        count = sum(province.count for province in honour.provinces)
        return Preview(
            "Tra cứu bảng vàng khuyến học: tìm gia đình, dòng họ, đơn vị được vinh danh",
            f"Gõ tên người, gia đình, dòng họ hay đơn vị để tìm trong {format_number(count)} lượt vinh danh "
            f"của {format_number(len(honour.provinces))} tỉnh, thành phố; lọc theo địa phương và danh hiệu.",
        )
    return None


def _where(honour: DecisionContext) -> str:
    """Where a decision's list lives: its one place, its one district or province, else who signed it."""
    places = [group.place for group in honour.groups]
    if len(places) == 1:
        return f"{places[0].name}, {places[0].province}"
    districts = {(place.district, place.province) for place in places}
    if len(districts) == 1 and places[0].district:
        return f"{places[0].district}, {places[0].province}"
    if len({place.province for place in places}) == 1:
        return places[0].province
    return honour.decision.issuer.name


def _decision_preview(decision: Decision, count: int, where: str) -> Preview:
    """A decision's preview: "Quyết định 1568/QĐ-UBND: công nhận 319 gia đình học tập — Huyện …, 18/12/2023"."""
    form = _lower_first(FORMS.get(decision.form, decision.form))
    # A recognition's title names the learning model; other forms' titles are citations, so name the kinds.
    if decision.form == "cong_nhan":
        who = _lower_first(decision.title)
    else:
        who = ", ".join(dict.fromkeys(_lower_first(KINDS.get(e.kind, e.kind)) for e in decision.entries))
    signed = format_date(decision.signed)
    return Preview(
        f"Quyết định {decision.number}: {form} {format_number(count)} {who} — {where}, {signed}",
        f"Danh sách {format_number(count)} {who} theo Quyết định {decision.number} "
        f"ngày {signed} của {decision.issuer.name}: tên, thôn, xã theo đúng số thứ tự trong văn bản.",
    )


def _place_preview(title: str, rows: int, decisions: int) -> Preview:
    """A place's preview: how many were honoured there, by how many decisions (its sections say which)."""
    count = format_number(rows)
    return Preview(
        f"Bảng vàng {title}: {count} lượt vinh danh",
        f"{count} gia đình, dòng họ, đơn vị và công dân học tập ở {title} được vinh danh "
        f"qua {format_number(decisions)} quyết định.",
    )


def _lower_first(text: str) -> str:
    """Lower the first letter only: "Gia đình học tập" → "gia đình học tập" (names further on keep their capitals)."""
    return text[:1].lower() + text[1:]
