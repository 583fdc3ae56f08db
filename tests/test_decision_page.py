"""Decision pages as built (issue 10, point 4): document order, name ranks, jump list, filter form, title once.

The browser side (switching order, filtering, jumping) is in test_decision_page_browser.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from bangvang.core.honours.model import Decision
from bangvang.core.honours.order import entry_order
from bangvang.core.site import load_site
from bangvang.site_config import load_settings
from conftest import REPO, Site
from html_tools import tags

ROW = re.compile(r'<tr id="([^"]+-stt-\d+)">')
RANKS = re.compile(r'<tbody data-bv-names="([\d ]+)">')
"""A list's rows' ranks in name order, once for the table (not an attribute per row)."""
PLACE = re.compile(r'<section class="bv-place" data-bv-name="(\d+)"[^>]*>\s*<h3 id="([^"]+)"')


def example_decision(slug: str = "1568-qd-ubnd") -> Decision:
    return next(d for d in load_site(load_settings(REPO)).rolls.decisions if d.slug == slug)


def places(page: str) -> list[tuple[str, int, list[tuple[int, int]]]]:
    """Each commune section of a decision page: its anchor, its name rank, and its rows as (STT, name rank)."""
    found = []
    parts = re.split(r'(?=<section class="bv-place")', page)
    for part in parts[1:]:
        head = PLACE.match(part)
        assert head, part[:200]
        ranks = RANKS.search(part)
        assert ranks, part[:400]
        pairs = zip(ROW.findall(part), ranks[1].split(), strict=True)
        rows = [(int(anchor.rsplit("-", 1)[1]), int(rank)) for anchor, rank in pairs]
        found.append((head.group(2), int(head.group(1)), rows))
    return found


def test_a_decision_page_opens_in_the_signed_documents_order(built_example: Site) -> None:
    decision = example_decision()
    sections = places(built_example.html(f"vinh-danh/quyet-dinh/{decision.slug}/"))
    assert len(sections) == 7
    firsts = [rows[0][0] for _, _, rows in sections]
    assert firsts == sorted(firsts), "communes in the order of their first STT"
    for _, _, rows in sections:
        stts = [stt for stt, _ in rows]
        assert stts == sorted(stts), "rows by STT"
    assert sum(len(rows) for _, _, rows in sections) == len(decision.entries)


def test_every_row_carries_its_rank_in_given_name_order(built_example: Site) -> None:
    decision = example_decision()
    by_stt = {entry.stt: entry for entry in decision.entries}
    sections = places(built_example.html(f"vinh-danh/quyet-dinh/{decision.slug}/"))
    for _, _, rows in sections:
        ranked = [by_stt[stt] for stt, _ in sorted(rows, key=lambda row: row[1])]
        assert [r for _, r in sorted(rows, key=lambda row: row[1])] == list(range(len(rows)))
        assert ranked == sorted(ranked, key=entry_order), "ranks give the given-name order of the core's collation"
    names = [anchor for anchor, _, _ in sorted(sections, key=lambda s: s[1])]
    assert names[0].startswith("tinh-ha-tinh-thi-tran-nghen") and names[1].startswith("tinh-ha-tinh-xa-gia-hanh"), names


def test_row_anchors_are_those_the_exports_and_lookup_point_to(built_example: Site) -> None:
    decision = example_decision()
    page = built_example.html(f"vinh-danh/quyet-dinh/{decision.slug}/")
    assert set(ROW.findall(page)) == {decision.anchor(e) for e in decision.entries}
    assert len(ROW.findall(page)) == len(decision.entries)


def test_the_jump_list_names_each_commune_and_the_villages_of_long_ones(built_example: Site) -> None:
    decision = example_decision()
    page = built_example.html(f"vinh-danh/quyet-dinh/{decision.slug}/")
    nav = page.split('<nav class="bv-jump"', 1)[1].split("</nav>", 1)[0]
    sections = places(page)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a> <span class="bv-count">(\d+)</span>', nav)
    assert [(anchor, int(count)) for anchor, _, count in links] == [(a, len(rows)) for a, _, rows in sections]
    villages = re.findall(r'<a href="#([^"]+)" data-bv-village="([^"]+)">[^<]+</a> <span class="bv-count">(\d+)', nav)
    mi_loc = [(village, int(count)) for anchor, village, count in villages if "xa-my-loc" in anchor]
    expected: dict[str, int] = {}
    for entry in sorted(decision.entries, key=lambda e: e.stt):
        if entry.commune == "Xã Mỹ Lộc" and entry.village:
            expected[entry.village] = expected.get(entry.village, 0) + 1
    assert mi_loc == list(expected.items()) and len(mi_loc) == 4, "villages as the document lists them"
    assert {anchor for anchor, _, _ in villages} == {a for a, _, rows in sections if len(rows) >= 30}


def test_the_order_switch_and_filter_are_in_the_html(built_example: Site) -> None:
    page = built_example.html("vinh-danh/quyet-dinh/1568-qd-ubnd/")
    inputs = {attrs.get("id"): attrs for attrs in tags(page, "input")}
    labels = {attrs.get("for") for attrs in tags(page, "label")}
    assert "bv-filter" in inputs and "bv-filter" in labels
    assert re.search(r'<label for="bv-filter">Lọc trong danh sách</label>', page)
    assert [a.get("value") for a in tags(page, "input") if a.get("name") == "xep"] == ["stt", "ten"]
    assert "Xếp theo" in page and 'id="bv-filter-status"' in page
    assert page.count("bv-decision.js") == 1
    assert "bv-decision.js" not in built_example.html("vinh-danh/dia-phuong/tinh-ha-tinh/")
    assert "bv-decision.js" not in built_example.html("")


def test_the_common_title_is_said_once_above_the_list(built_example: Site) -> None:
    decision = example_decision()
    page = built_example.html(f"vinh-danh/quyet-dinh/{decision.slug}/")
    body = re.split(r"<tbody[^>]*>", page, maxsplit=1)[1].rsplit("</tbody>", 1)[0]
    assert decision.title not in body
    own = sum(1 for e in decision.entries if e.title and e.title != decision.title)
    assert own > 0 and sum(body.count(t) for t in {"Cộng đồng học tập", "Dòng họ học tập"}) >= own
    assert re.search(r'<p class="bv-roll-title">Danh hiệu: <strong>Gia đình học tập</strong>', page)


class _Numbers(HTMLParser):
    """Text nodes outside <script>, each with whether it is inside a span.bv-no."""

    VOID = frozenset({"meta", "link", "br", "input", "img", "hr", "source", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append((tag, "bv-no" in (dict(attrs).get("class") or "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or tag not in {name for name, _ in self.stack}:
            return
        while self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not any(name in {"script", "style"} for name, _ in self.stack):
            self.texts.append((data, any(marked for _, marked in self.stack)))


def unwrapped_numbers(html: str, number: str) -> list[str]:
    """The texts showing ``number`` other than as the whole text of a span.bv-no."""
    parser = _Numbers()
    parser.feed(html)
    return [text for text, wrapped in parser.texts if number in text and not (wrapped and text == number)]


def region(html: str, start: str, end: str) -> str:
    return start + html.split(start, 1)[1].split(end, 1)[0]


CONTENT = ('class="md-content"', '<footer class="md-footer"')


@pytest.mark.parametrize(
    ("path", "number", "regions"),
    [
        ("vinh-danh/quyet-dinh/1568-qd-ubnd/", "1568/QĐ-UBND", [CONTENT]),
        ("vinh-danh/quyet-dinh/1568-qd-ubnd/", "387/QĐ-TTg", [CONTENT]),
        ("van-ban/", "387/QĐ-TTg", [CONTENT]),
        ("vinh-danh/", "1568/QĐ-UBND", [CONTENT]),
        ("vinh-danh/du-lieu/", "1568/QĐ-UBND", [CONTENT]),
        ("vinh-danh/giai-doan/2023/", "1568/QĐ-UBND", [CONTENT]),
        ("vinh-danh/danh-hieu/gia-dinh-hoc-tap/", "1568/QĐ-UBND", [CONTENT]),
        ("vinh-danh/dia-phuong/tinh-ha-tinh/xa-dong-loc/", "1568/QĐ-UBND", [CONTENT]),  # Xã Mỹ Lộc, H. Can Lộc
        ("", "112/QĐ-HKH", [CONTENT]),  # the home page shows the latest decisions
        (
            "van-ban/quyet-dinh-387-qd-ttg/",
            "387/QĐ-TTg",
            [('<header class="bv-directive__header"', "</dl>")],
        ),
        (
            "van-ban/quyet-dinh-387-qd-ttg/",
            "1568/QĐ-UBND",
            [('<section class="bv-citing"', '<footer class="md-footer"')],
        ),
        (
            "tin-tuc/2020/ha-tinh-tong-ket-5-nam-thuc-hien-quyet-dinh-281-day-manh-hoc-tap-suot-doi/",
            "2987/QĐ-UBND",
            [('<aside class="admonition bv-backlink"', "</aside>")],
        ),
    ],
)
def test_decision_numbers_never_break_inside(
    built_example: Site, path: str, number: str, regions: list[tuple[str, str]]
) -> None:
    """Every decision or directive number the theme prints is one span.bv-no (editors' own text aside)."""
    page = built_example.html(path)
    parts = [region(page, start, end) for start, end in regions]
    assert any(f'<span class="bv-no">{number}</span>' in part for part in parts)
    assert [text for part in parts for text in unwrapped_numbers(part, number)] == []


def test_numbers_in_an_editors_title_never_break(site: Site) -> None:
    site.article(2024, "trien-khai", title="Triển khai Quyết định 1568/QĐ-UBND và Kết luận 49-KL/TW (2021-2030)")
    run = site.build()
    assert run.code == 0, run.output
    card = region(site.html("tin-tuc/"), '<h2 class="bv-card__title"', "</h2>")
    assert '<span class="bv-no">1568/QĐ-UBND</span>' in card and '<span class="bv-no">49-KL/TW</span>' in card
    assert "(2021-2030)" in card, "years are no document number"
    assert unwrapped_numbers(card, "1568/QĐ-UBND") == [] and unwrapped_numbers(card, "49-KL/TW") == []


def test_numbers_never_break_in_the_stylesheet(built_example: Site) -> None:
    css = (built_example.out / "assets/stylesheets/bangvang.css").read_text(encoding="utf-8")
    assert re.search(r"\.bv-no\s*\{[^}]*white-space:\s*nowrap", css)
    script = (built_example.out / "assets/javascripts/bv-lookup.js").read_text(encoding="utf-8")
    assert '"bv-no"' in script


def row(stt: int, name: str, commune: str, village: str = "Thôn 1", title: str = "") -> str:
    return f"{stt},gia_dinh,{name},,{title},{village},{commune},Huyện Can Lộc,Tỉnh Hà Tĩnh"


SPLIT_ROWS = [
    ("Gia đình ông Nguyễn Văn Xuân", "Xã Vượng Lộc"),
    ("Gia đình bà Lê Thị An", "Xã Vượng Lộc"),
    ("Gia đình ông Trần Văn Minh", "Xã Thiên Lộc"),
    ("Gia đình bà Hồ Thị Bích", "Xã Thiên Lộc"),
    ("Gia đình ông Võ Văn Đức", "Xã Vượng Lộc"),
]


def build_split(make_site: Callable[..., Site]) -> Site:
    site = make_site(plugin={"split_over": 3})
    rows = [row(stt, name, commune) for stt, (name, commune) in enumerate(SPLIT_ROWS, start=1)]
    rows[3] = row(4, SPLIT_ROWS[3][0], SPLIT_ROWS[3][1], title="Gia đình học tập tiêu biểu")
    site.decision("dai", rows, number="9/QĐ-UBND")
    run = site.build()
    assert run.code == 0, run.output
    return site


def test_a_split_decision_lists_communes_by_first_stt_and_each_part_opens_in_stt_order(
    make_site: Callable[..., Site],
) -> None:
    site = build_split(make_site)
    main = site.html("vinh-danh/quyet-dinh/dai/")
    assert main.index("Xã Vượng Lộc, Huyện Can Lộc") < main.index("Xã Thiên Lộc, Huyện Can Lộc")
    part = site.html("vinh-danh/quyet-dinh/dai/tinh-ha-tinh-xa-vuong-loc-huyen-can-loc/")
    ranks = RANKS.search(part)
    assert ranks is not None
    rows = [(anchor, int(rank)) for anchor, rank in zip(ROW.findall(part), ranks[1].split(), strict=True)]
    assert rows == [("dai-stt-1", 2), ("dai-stt-2", 0), ("dai-stt-5", 1)]
    assert 'id="bv-filter"' in part and "bv-decision.js" in part and 'name="xep"' in part
    other = site.html("vinh-danh/quyet-dinh/dai/tinh-ha-tinh-xa-thien-loc-huyen-can-loc/")
    assert "Gia đình học tập tiêu biểu" in other.split('id="dai-stt-4"', 1)[1].split("</tr>", 1)[0]
    assert "Gia đình học tập" not in other.split('id="dai-stt-3"', 1)[1].split("</tr>", 1)[0]
    assert '<span class="bv-no">9/QĐ-UBND</span>' in other
