"""Decision pages on a 360×800 phone (issue 10, point 4): order switch kept in the address, jump list, filter."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

from bangvang.core.honours.model import Decision
from bangvang.core.honours.order import entry_order
from bangvang.core.search_text import fold
from browser import WAIT_MS, Serve, open_lookup
from conftest import Site, blank_site
from test_decision_page import build_split, example_decision

PHONE = {"width": 360, "height": 800}
PATH = "vinh-danh/quyet-dinh/1568-qd-ubnd/"

SHOWN = """() => [...document.querySelectorAll('.bv-roll tbody > tr[id]')]
  .filter((row) => row.offsetParent !== null)
  .map((row) => Number(row.id.split('-stt-')[1]))"""
"""The STT of every row shown, in the order shown."""

PLACES_SHOWN = """() => [...document.querySelectorAll('.bv-place')]
  .filter((place) => place.offsetParent !== null).map((place) => place.querySelector('h3').id)"""


@pytest.fixture(scope="module")
def decision() -> Decision:
    return example_decision()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport=PHONE)
    yield page
    page.close()


def open_decision(page: Page, address: str, query: str = "", path: str = PATH) -> None:
    page.goto(f"{address}{path}{query}")
    page.wait_for_function("() => document.querySelector('.bv-decision-tools[data-bv-ready]')", timeout=WAIT_MS)


def by_commune(decision: Decision, order: Callable[..., object]) -> list[int]:
    """The STT of every entry, commune by commune (communes by first STT), each commune sorted by ``order``."""
    communes: dict[str, list[int]] = {}
    entries = {e.stt: e for e in decision.entries}
    for entry in sorted(decision.entries, key=lambda e: e.stt):
        communes.setdefault(entry.commune or "", []).append(entry.stt)
    return [stt for stts in communes.values() for stt in sorted(stts, key=lambda s: order(entries[s]))]


def test_the_page_opens_in_stt_order(phone: Page, serve: Serve, built_example: Site, decision: Decision) -> None:
    open_decision(phone, serve(built_example.out))
    assert phone.evaluate(SHOWN) == by_commune(decision, lambda e: e.stt)
    assert phone.locator("input[name=xep][value=stt]").is_checked()


def test_the_switch_sorts_by_given_name_through_the_address_and_back(
    phone: Page, serve: Serve, built_example: Site, decision: Decision
) -> None:
    address = serve(built_example.out)
    open_decision(phone, address)
    phone.get_by_label("Tên", exact=True).check()
    assert phone.url.endswith(f"{PATH}?xep=ten")
    shown = phone.evaluate(SHOWN)
    places = phone.evaluate(PLACES_SHOWN)
    assert places[0] == "tinh-ha-tinh-thi-tran-nghen-huyen-can-loc", "communes by name"
    assert places[-1] == "tinh-ha-tinh-xa-vuong-loc-huyen-can-loc", places
    entries = {e.stt: e for e in decision.entries}
    first = [entries[stt] for stt in shown if entries[stt].commune == "Thị trấn Nghèn"]
    assert first == sorted(first, key=entry_order) and len(first) == 47
    assert sorted(shown) == sorted(entries)
    phone.reload()
    phone.wait_for_function("() => document.querySelector('.bv-decision-tools[data-bv-ready]')", timeout=WAIT_MS)
    assert phone.evaluate(SHOWN) == shown, "a reload keeps the order"
    assert phone.locator("input[name=xep][value=ten]").is_checked()
    phone.get_by_label("STT", exact=True).check()
    assert phone.url.endswith(PATH)
    assert phone.evaluate(SHOWN) == by_commune(decision, lambda e: e.stt)


def test_a_shared_address_in_name_order_opens_in_name_order_at_its_row(
    phone: Page, serve: Serve, built_example: Site
) -> None:
    open_decision(phone, serve(built_example.out), "?xep=ten#1568-qd-ubnd-stt-200")
    assert phone.locator("input[name=xep][value=ten]").is_checked()
    assert phone.evaluate(PLACES_SHOWN)[0].startswith("tinh-ha-tinh-thi-tran-nghen")
    phone.wait_for_function(
        "() => { const r = document.getElementById('1568-qd-ubnd-stt-200').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        timeout=WAIT_MS,
    )


@pytest.mark.parametrize("query", ["", "?xep=ten"])
def test_the_jump_list_moves_to_a_commune_and_a_village_narrows_to_it(
    phone: Page, serve: Serve, built_example: Site, decision: Decision, query: str
) -> None:
    open_decision(phone, serve(built_example.out), query)
    jump = phone.locator("nav.bv-jump")
    jump.locator("a[href*=xa-my-loc]:not([data-bv-village])").click()
    phone.wait_for_function(
        "() => { const h = document.querySelector('h3[id*=xa-my-loc]').getBoundingClientRect();"
        " return h.top >= 0 && h.top < 200; }",
        timeout=WAIT_MS,
    )
    jump.locator("li", has=phone.locator("a[href*=xa-tung-loc]:not([data-bv-village])")).locator("summary").click()
    jump.locator("a[data-bv-village='Thôn Thanh Hoà']").click()
    expected = [e.stt for e in decision.entries if e.commune == "Xã Tùng Lộc" and e.village == "Thôn Thanh Hoà"]
    assert sorted(phone.evaluate(SHOWN)) == sorted(expected) and len(expected) == 16
    assert phone.locator("#bv-filter-status").inner_text() == f"Hiển thị 16/{len(decision.entries)} mục"
    assert phone.evaluate(PLACES_SHOWN) == ["tinh-ha-tinh-xa-tung-loc-huyen-can-loc"], "the other communes hide"
    assert phone.locator("#bv-filter").input_value() == "Thôn Thanh Hoà"
    phone.wait_for_function(
        "() => { const h = document.querySelector('h3[id*=xa-tung-loc]').getBoundingClientRect();"
        " return h.top >= 0 && h.top < 200; }",
        timeout=WAIT_MS,
    )


@pytest.mark.parametrize("typed", ["nguyen van", "Nguyễn Văn", "NGUYEN VAN"])
def test_the_filter_narrows_rows_and_counts_without_diacritics(
    phone: Page, serve: Serve, built_example: Site, decision: Decision, typed: str
) -> None:
    open_decision(phone, serve(built_example.out))
    phone.get_by_label("Lọc trong danh sách").press_sequentially(typed)
    words = fold(typed).split()
    expected = [
        e.stt
        for e in decision.entries
        if all(any(w.startswith(q) for w in fold(f"{e.stt} {e.name} {e.village or ''}").split()) for q in words)
    ]
    assert 10 < len(expected) < len(decision.entries)
    phone.wait_for_function(
        f"() => document.getElementById('bv-filter-status').textContent === "
        f"'Hiển thị {len(expected)}/{len(decision.entries)} mục'",
        timeout=WAIT_MS,
    )
    assert sorted(phone.evaluate(SHOWN)) == sorted(expected)
    phone.get_by_label("Lọc trong danh sách").fill("zzzz")
    assert phone.evaluate(SHOWN) == [] and phone.evaluate(PLACES_SHOWN) == []
    assert phone.locator("#bv-filter-status").inner_text() == f"Hiển thị 0/{len(decision.entries)} mục"
    phone.get_by_label("Lọc trong danh sách").fill("")
    assert len(phone.evaluate(SHOWN)) == len(decision.entries)


def test_the_tools_take_their_place_before_the_script_runs(browser: Browser, serve: Serve, built_example: Site) -> None:
    """No layout shift: the list starts at the same height with and without the page's script."""
    tops = []
    for blocked in (True, False):
        page = browser.new_page(viewport=PHONE)
        try:
            if blocked:
                page.route("**/bv-decision.js", lambda route: route.abort())
            page.goto(f"{serve(built_example.out)}{PATH}", wait_until="load")
            if not blocked:
                page.wait_for_function("() => document.querySelector('.bv-decision-tools[data-bv-ready]')")
            tops.append(page.evaluate("() => document.querySelector('table.bv-roll').getBoundingClientRect().top"))
        finally:
            page.close()
    assert tops[0] == tops[1]


def test_a_row_is_one_compact_block_on_a_phone(phone: Page, serve: Serve, built_example: Site) -> None:
    open_decision(phone, serve(built_example.out))
    heights = phone.evaluate(
        "() => [...document.querySelectorAll('.bv-roll tbody > tr[id]')].slice(0, 20)"
        ".map((row) => row.getBoundingClientRect().height)"
    )
    name = "document.querySelector('.bv-roll td:nth-child(2)')"
    line = phone.evaluate(f"() => parseFloat(getComputedStyle({name}).lineHeight)")
    heights.sort()
    assert heights[len(heights) // 2] < 3 * line, "name, then village and STT: two lines"
    assert heights[-1] < 4 * line, "a long name may take one more"
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("split")
    return build_split(lambda name="custom", **overrides: blank_site(root / name, **overrides))


def test_a_split_commune_page_switches_order_too(phone: Page, serve: Serve, split_site: Site) -> None:
    path = "vinh-danh/quyet-dinh/dai/tinh-ha-tinh-xa-vuong-loc-huyen-can-loc/"
    address = serve(split_site.out)
    open_decision(phone, address, path=path)
    assert phone.evaluate(SHOWN) == [1, 2, 5]
    phone.get_by_label("Tên", exact=True).check()
    assert phone.evaluate(SHOWN) == [2, 5, 1] and phone.url.endswith("?xep=ten")
    open_decision(phone, address, "?xep=ten", path=path)
    assert phone.evaluate(SHOWN) == [2, 5, 1]
    phone.get_by_label("Lọc trong danh sách").fill("duc")
    assert phone.evaluate(SHOWN) == [5]


def test_lookup_results_keep_decision_numbers_whole(browser: Browser, serve: Serve, built_example: Site) -> None:
    page = open_lookup(browser, serve(built_example.out), "Hoàng Thị Thanh Châu")
    try:
        numbers = page.locator(".bv-hit__decision .bv-no")
        assert "1568/QĐ-UBND" in numbers.all_inner_texts()
        assert numbers.first.evaluate("(node) => getComputedStyle(node).whiteSpace") == "nowrap"
    finally:
        page.close()
