"""Citable row links from before the slimmer pages (issue 13): an old ``#…-stt-N`` link still lands on its row.

The links are written the way pages have always written them (the row's id is
``{decision}-stt-{STT}``, which citations and shared links carry), not read from
the pages built now: a page that changed its anchors fails here. A split
decision's own address finds the page of the row (its script), a whole one
holds the row itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from bangvang.core.honours.model import Decision
from browser import WAIT_MS, Serve
from conftest import Site, blank_site
from test_decision_page import build_split, example_decision

LANDED = """(id) => {
  const row = document.getElementById(id);
  if (!row || !row.matches(':target')) return false;
  const box = row.getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight;
}"""


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("old-anchors")
    return build_split(lambda name="custom", **overrides: blank_site(root / name, **overrides))


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    yield page
    page.close()


def _lands(tab: Page, address: str, path: str, anchor: str) -> str:
    tab.goto(f"{address}{path}#{anchor}")
    tab.wait_for_function(LANDED, arg=anchor, timeout=WAIT_MS)
    return tab.url


@pytest.mark.parametrize("position", [0, -1])
def test_an_old_row_link_lands_on_its_row(tab: Page, serve: Serve, built_example: Site, position: int) -> None:
    decision: Decision = example_decision()
    entry = sorted(decision.entries, key=lambda e: e.stt)[position]
    anchor = f"{decision.slug}-stt-{entry.stt}"
    url = _lands(tab, serve(built_example.out), f"vinh-danh/quyet-dinh/{decision.slug}/", anchor)
    assert url.endswith(f"/vinh-danh/quyet-dinh/{decision.slug}/#{anchor}")
    assert entry.name in tab.locator(f'[id="{anchor}"]').inner_text()


@pytest.mark.parametrize(
    ("stt", "part"), [(1, "tinh-ha-tinh-xa-vuong-loc-huyen-can-loc"), (4, "tinh-ha-tinh-xa-thien-loc-huyen-can-loc")]
)
def test_an_old_row_link_to_a_split_decision_finds_the_rows_page(
    tab: Page, serve: Serve, split_site: Site, stt: int, part: str
) -> None:
    anchor = f"dai-stt-{stt}"
    url = _lands(tab, serve(split_site.out), "vinh-danh/quyet-dinh/dai/", anchor)
    assert url.endswith(f"/vinh-danh/quyet-dinh/dai/{part}/#{anchor}")


def test_the_row_ids_are_the_ones_citations_carry(built_example: Site) -> None:
    decision = example_decision()
    page = (Path(built_example.out) / "vinh-danh" / "quyet-dinh" / decision.slug / "index.html").read_text()
    missing = [e.stt for e in decision.entries if f'id="{decision.slug}-stt-{e.stt}"' not in page]
    assert missing == []


def test_an_old_row_link_to_a_commune_page_lands_on_its_row(tab: Page, serve: Serve, built_example: Site) -> None:
    decision = example_decision()
    (entry,) = [e for e in decision.entries if e.stt == 278]
    anchor = f"{decision.slug}-stt-{entry.stt}"
    url = _lands(tab, serve(built_example.out), "vinh-danh/dia-phuong/tinh-ha-tinh/xa-dong-loc/", anchor)
    assert url.endswith(f"/xa-dong-loc/#{anchor}")
    assert entry.name in tab.locator(f'[id="{anchor}"]').inner_text()
