"""Browser helpers for the tests: headless Chromium, one local server, and waits for real results.

Loaded as a pytest plugin by ``conftest.py``. Every wait is a condition on the page's DOM: the rows
(or the "nothing found" message) our scripts and Pagefind render, never a sleep, and never Pagefind's
loading placeholders, which show a result's place before its title has arrived.
"""

from __future__ import annotations

import http.server
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import pytest

from benchmarks.localsite import CHROMIUM, launch_chromium, serve_folder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

WAIT_MS = 20_000
"""How long a wait may take before the test fails: generous, for a busy machine."""

SEARCH_DONE = """() => {
  const message = document.querySelector('.pagefind-ui__message');
  if (!message || message.textContent.startsWith('Đang tìm')) return false;
  if (message.textContent.startsWith('Không tìm thấy')) return true;
  if (document.querySelector('.pagefind-ui__loading')) return false;
  return document.querySelectorAll('.pagefind-ui__result-title').length > 0;
}"""
"""Pagefind has answered: the "nothing found" message, or every shown result has its title (no placeholder left)."""

LOOKUP_DONE = """() => {
  const form = document.getElementById('bv-lookup');
  const status = document.getElementById('bv-lookup-status');
  return !!form && !form.hasAttribute('aria-busy') && status.textContent.length > 0;
}"""
"""Our lookup script has rendered the answer to the latest query: its rows and count, or "nothing found"."""

Serve = Callable[[Path], str]
"""Serve a built folder on 127.0.0.1 and return its base address (ending in "/")."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium (Debian's), driven by Playwright; skipped locally when missing, required in CI."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None  # type: ignore[assignment]
    if sync_playwright is None or not CHROMIUM.exists():
        reason = "Playwright for Python or /usr/bin/chromium is missing (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched: Browser = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def serve() -> Iterator[Serve]:
    """The one local server of the tests: each built folder is served once, on its own port, until the end."""
    servers: dict[Path, tuple[str, http.server.ThreadingHTTPServer]] = {}

    def start(folder: Path) -> str:
        if folder not in servers:
            servers[folder] = serve_folder(folder)
        return servers[folder][0]

    yield start
    for _, server in servers.values():
        server.shutdown()
        server.server_close()


def wait_for_search(page: Page, timeout: float = WAIT_MS) -> list[str]:
    """Wait until Pagefind's results are shown in full; return their titles."""
    page.wait_for_function(SEARCH_DONE, timeout=timeout)
    return page.locator(".pagefind-ui__result-title").all_inner_texts()


def wait_for_lookup(page: Page, timeout: float = WAIT_MS) -> list[str]:
    """Wait until the lookup has rendered the answer to its latest query; return the names found."""
    page.wait_for_function(LOOKUP_DONE, timeout=timeout)
    return page.locator(".bv-hit__name").all_inner_texts()


def open_search(browser: Browser, address: str, query: str) -> Page:
    """Open the search page of the site at ``address`` for ``query``, once its results are shown."""
    page = browser.new_page()
    page.goto(f"{address}tim-kiem/?q={quote(query)}")
    wait_for_search(page)
    return page


def open_lookup(browser: Browser, address: str, query: str = "", **filters: str) -> Page:
    """Open the honour lookup of the site at ``address`` with a query and filters, once it has answered."""
    page = browser.new_page()
    page.goto(f"{address}vinh-danh/tra-cuu/?{urlencode({'q': query, **filters}, quote_via=quote)}")
    wait_for_lookup(page)
    return page


class RouteGate:
    """Holds back every request matching ``pattern`` until ``release``: a slow link, without a sleep."""

    def __init__(self, page: Page, pattern: str) -> None:
        self.held: list[Route] = []
        self.open = False
        page.route(pattern, self._hold)

    def _hold(self, route: Route) -> None:
        if self.open:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        """Let the held requests and every later one through."""
        self.open = True
        for route in self.held:
            route.continue_()


class FragmentGate(RouteGate):
    """Holds back every Pagefind fragment (a result's title and text) of a page until ``release``."""

    def __init__(self, page: Page) -> None:
        super().__init__(page, "**/pagefind/fragment/**")
