"""Lean entry rows (issue 13, point 1): a row carries its anchor and its text, not repeated attributes.

The "Báo sai sót" link of a row is built by bv-rows.js from the row itself (decision number, STT, name,
address) when a reader reaches it; without scripts one link per page, prefilled with what the page knows,
stays. Pages are read back as built; the links are read in headless Chromium as a reader gets them.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

from playwright.sync_api import Browser

from bangvang.core.honours.corrections import CorrectionLinks
from bangvang.core.site import load_site
from bangvang.core.text import format_date
from bangvang.site_config import load_settings
from browser import Serve
from conftest import REPO, Site, blank_site

ROW = re.compile(r"<tr id=[^>]*>.*?</tr>\n")


def _row(decision: str) -> re.Pattern[str]:
    """A lean row, alike on both page kinds: its anchor, STT, name (kind), own title and village, its link."""
    return re.compile(
        rf'<tr id="(?P<id>{decision}-stt-(?P<stt>\d+))"><td>(?P=stt)</td>'
        r'<td>[^<]+(?:<span class="bv-roll__kind">[^<]+</span>)?</td>'
        r'<td>(?:<span class="bv-roll__title">[^<]+</span>(?:<br>)?)?[^<]*</td>'
        r'<td><a href="#(?P=id)">#</a></td></tr>\n'
    )


DECISION_ROW = _row("2987-qd-ubnd")


def test_a_decision_row_is_its_anchor_and_its_text(built_example: Site) -> None:
    page = built_example.html("vinh-danh/quyet-dinh/2987-qd-ubnd/")
    rows = ROW.findall(page)
    (decision,) = [d for d in load_site(load_settings(REPO)).rolls.decisions if d.number == "2987/QĐ-UBND"]
    assert len(rows) == len(decision.entries) > 0
    assert [row for row in rows if not DECISION_ROW.fullmatch(row)] == []
    for repeated in ("data-bv-entry", "data-bv-name", "title=", "<td class=", "mailto:", "bv-roll__fix"):
        assert repeated not in "".join(rows), repeated


PLACE = "vinh-danh/dia-phuong/tinh-ha-tinh/xa-dong-loc/"
SECTION = re.compile(r'<section class="bv-signed">(.*?)</section>', re.S)
PLACE_ROW = _row("[a-z0-9-]+")


def _text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split()).replace(" ,", ",")


def test_a_place_page_names_each_decision_once_per_section_and_every_row_reaches_it(built_example: Site) -> None:
    """Rows are grouped as the printed lists are: one section per decision and place as signed, its heading
    names the decision (linking to the page holding its rows), the date, the place and the title once."""
    page = built_example.html(PLACE)
    decisions = {d.slug: d for d in load_site(load_settings(REPO)).rolls.decisions}
    sections = SECTION.findall(page)
    assert len(sections) > 1
    seen: list[str] = []
    numbers: dict[str, int] = {}
    for section in sections:
        head, table = section.split("<table", 1)
        link = re.search(r'<a href="([^"]+)">Quyết định <span class="bv-no">([^<]+)</span></a>', head)
        assert link is not None, head
        numbers[link[2]] = numbers.get(link[2], 0) + 1
        target = (built_example.out / PLACE / link[1]).resolve() / "index.html"
        decision_page = target.read_text(encoding="utf-8")
        rows = ROW.findall(table)
        assert rows and [row for row in rows if not PLACE_ROW.fullmatch(row)] == [], rows[:2]
        heading = _text(head)
        for row in rows:
            anchor = re.match(r'<tr id="([^"]+)"', row)[1]  # type: ignore[index]
            slug, stt = anchor.rsplit("-stt-", 1)
            decision = decisions[slug]
            (entry,) = [e for e in decision.entries if e.stt == int(stt)]
            assert f'<tr id="{anchor}"' in decision_page, (link[1], anchor)
            assert decision.number == link[2] and format_date(decision.signed) in heading
            assert entry.commune in heading and (entry.district or "") in heading and entry.province in heading
            assert (entry.title or decision.title) in heading + _text(row)
            assert (entry.village or "") in _text(row)
            seen.append(anchor)
    assert len(seen) == len(set(seen)) == len(ROW.findall(page))
    shown = re.sub(r"<thead>.*?</thead>", "", page, flags=re.S)  # the print-only running header repeats it
    for number, count in numbers.items():
        assert shown.count(f'<span class="bv-no">{number}</span>') == count, number
    assert "data-bv-entry" not in page and "mailto:" not in "".join(ROW.findall(page))
    assert page.count("(nay là Xã Đồng Lộc, Tỉnh Hà Tĩnh)") <= len(sections)


def test_rows_carry_no_village_wrapper(built_example: Site) -> None:
    """The village is the third cell's own text: a decision's filter reads it there, no span per row."""
    for path in ("vinh-danh/quyet-dinh/2987-qd-ubnd/", PLACE):
        page = built_example.html(path)
        assert ROW.findall(page) and "bv-roll__village" not in page, path


def test_without_scripts_one_link_per_page_reports_an_error(built_example: Site) -> None:
    page = built_example.html("vinh-danh/quyet-dinh/2987-qd-ubnd/")
    links = re.findall(r'<p class="bv-roll-fix">.*?</p>', page, re.S)
    assert len(links) == 1, links
    href = unquote(re.search(r'href="([^"]+)"', links[0])[1])  # type: ignore[index]
    assert href == "mailto:bientap@example.org?subject=Sai sót QĐ 2987/QĐ-UBND"
    assert "Báo sai sót" in links[0] and "STT" in links[0]


def test_each_rows_link_is_prefilled_with_the_row(built_example: Site, serve: Serve, browser: Browser) -> None:
    address = serve(built_example.out)
    (decision,) = [d for d in load_site(load_settings(REPO)).rolls.decisions if d.number == "2987/QĐ-UBND"]
    links = CorrectionLinks("mailto:bientap@example.org")
    tab = browser.new_page()
    tab.goto(address + "vinh-danh/quyet-dinh/2987-qd-ubnd/")
    fixes = tab.locator("a.bv-roll__fix")
    assert fixes.count() == len(decision.entries)
    for index in (0, len(decision.entries) - 1):
        fix = fixes.nth(index)
        fix.focus()
        stt = int(fix.evaluate("(a) => a.closest('tr').cells[0].textContent"))
        (entry,) = [e for e in decision.entries if e.stt == stt]
        assert unquote(fix.get_attribute("href") or "") == unquote(links.link(decision, entry, ""))
    tab.close()


def test_a_form_gets_the_row_from_a_decision_and_a_place_page(browser: Browser, serve: Serve, tmp_path: object) -> None:
    form = "https://forms.example.org/sua?so={so}&stt={stt}&ten={ten}&trang={trang}"
    site = blank_site(tmp_path, plugin={"corrections": form})  # type: ignore[arg-type]
    site.decision(
        "thien-loc",
        ["1,gia_dinh,Gia đình ông Lê Văn An,,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh"],
        number="12/QĐ-UBND",
    )
    assert site.build().code == 0
    address = serve(site.out)
    decision_page = address + "vinh-danh/quyet-dinh/thien-loc/"
    row_address = decision_page + "#thien-loc-stt-1"
    expected = {"so": ["12/QĐ-UBND"], "stt": ["1"], "ten": ["Gia đình ông Lê Văn An"], "trang": [row_address]}
    tab = browser.new_page()
    for path in ("vinh-danh/quyet-dinh/thien-loc/", "vinh-danh/dia-phuong/tinh-ha-tinh/xa-can-loc/"):
        tab.goto(address + path + "?xep=ten")
        fix = tab.locator("a.bv-roll__fix")
        fix.hover()
        href = fix.get_attribute("href") or ""
        assert href.startswith("https://forms.example.org/sua?"), (path, href)
        assert parse_qs(urlsplit(href).query) == expected, path
    fallback = site.html("vinh-danh/quyet-dinh/thien-loc/")
    assert "so=12%2FQ%C4%90-UBND&amp;stt=&amp;ten=&amp;trang=" in fallback
    tab.close()
