"""axe-core: no serious or critical violation on any page type of the example at 360 and 1280 px (issue 10, point 7).

axe-core is the npm package pinned in package-lock.json: the ``axe`` fixture runs ``npm ci`` when it is not
installed, and fails (never skips) when it cannot. ``python -m benchmarks.axe`` prints the same audit as a report.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from benchmarks.axe import PAGE_TYPES, WIDTHS, AxeMissingError, PageType, audit_page, axe_script, open_page
from browser import Serve
from conftest import Site

ALWAYS_FAILS = ("landmark-unique", "label", "label-title-only", "target-size")
"""Rules the issue names, failing at any impact: unique labelled landmarks, real labels, 24 px targets."""


@pytest.fixture(scope="session")
def axe() -> str:
    """axe-core's script, installed by ``npm ci`` if needed."""
    try:
        return axe_script()
    except AxeMissingError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def example_address(built_example: Site, serve: Serve) -> str:
    return serve(built_example.out)


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda width: f"{width}px")
def sized_page(browser: Browser, example_address: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """One tab per width (800 px high), reused by every page type."""
    page = open_page(browser, example_address, request.param)
    yield page
    page.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.name.replace(" ", "-"))
def test_no_serious_or_critical_axe_violation(
    sized_page: Page, example_address: str, axe: str, page_type: PageType
) -> None:
    violations = audit_page(sized_page, example_address, page_type, axe)
    failing = [str(v) for v in violations if v.blocking or v.rule in ALWAYS_FAILS]
    assert not failing, f"{page_type.name} ({sized_page.viewport_size}):\n" + "\n".join(failing)


def test_the_search_pages_box_has_a_real_label(sized_page: Page, example_address: str) -> None:
    sized_page.goto(example_address + "tim-kiem/?q=khuyen+hoc")
    box = sized_page.locator(".pagefind-ui__search-input")
    box.wait_for()
    assert sized_page.get_by_label("Tìm bài viết, văn bản", exact=True).evaluate("(el) => el.tagName") == "INPUT"
    assert box.evaluate("(el) => el.labels.length") == 1


def test_the_rows_link_is_a_24px_target(sized_page: Page, example_address: str) -> None:
    sized_page.goto(example_address + "vinh-danh/quyet-dinh/1568-qd-ubnd/")
    sizes = sized_page.locator(".bv-roll td:last-child > a:first-child").evaluate_all(
        "(links) => links.map((a) => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert len(sizes) == 319
    assert min(min(size) for size in sizes) >= 24, min(sizes)
