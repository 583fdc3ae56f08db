"""Serving a built site on 127.0.0.1 and opening it in Debian's Chromium, for the lookup benchmark and the tests."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium: Playwright drives it and never downloads a browser of its own."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
"""Without the background-networking flags Chromium keeps calling hosts this machine cannot reach."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        return


def serve_folder(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` on 127.0.0.1 in a thread; return its address and the server (to shut down)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def launch_chromium(playwright: Any) -> Any:
    """Launch headless Chromium through a running Playwright."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
