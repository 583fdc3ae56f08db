"""``mkdocs serve`` shows a failed rebuild's problems in the browser, instead of a page that waits for ever.

MkDocs' server holds every request until a rebuild succeeds (``mkdocs/livereload``: it waits for the
visible version of the site to catch up with the wanted one), so after a failed rebuild the browser
spins while only the terminal tells why. Here the server's builder is wrapped: when a rebuild fails,
the served folder is emptied and its ``404.html`` (which the server sends for any missing address)
explains the problems in Vietnamese. The rebuild then counts as done, the browsers reload onto that
page, and the page reloads itself when the next rebuild is done.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import clean_directory

log = get_plugin_logger(__name__)

ERROR_PAGE = "404.html"
"""The page MkDocs' server sends for every missing address: the failure page, once the folder is emptied."""

_RELOAD = """(function () {
  var id = Date.now();
  function poll(seen) {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      var now = parseFloat(this.responseText);
      if (seen !== null && now > seen) { location.reload(); return; }
      setTimeout(function () { poll(now > 0 ? now : seen); }, this.status === 200 ? 0 : 3000);
    };
    req.open("GET", "/livereload/" + (seen || 0) + "/" + id);
    req.send();
  }
  poll(null);
})();"""
"""Ask MkDocs' live-reload endpoint for the site's version, then wait for a newer one and reload.

The server adds its own live-reload script only to pages read from the folder, not to the error page it sends.
"""


class _Messages(logging.Handler):
    """Keeps the warnings and errors MkDocs and the plugins log during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def failure_page(messages: list[str]) -> str:
    """Return the Vietnamese page that lists what stopped the build."""
    items = "\n".join(f"<li><pre>{html.escape(message)}</pre></li>" for message in messages)
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chưa dựng được trang</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ color: #a3201c; }}
li {{ margin: .6rem 0; }}
pre {{ font-family: inherit; white-space: pre-wrap; margin: 0; padding: .6rem; }}
pre {{ background: #fdf3e1; border-left: .3rem solid #b8860b; }}
</style>
</head>
<body>
<h1>Chưa dựng được trang</h1>
<p>Lần dựng lại vừa rồi dừng vì những vấn đề dưới đây (cửa sổ dòng lệnh cũng ghi như vậy).
Sửa rồi lưu tệp: trang này tự tải lại khi dựng xong.</p>
<ol class="bv-build-problems">
{items}
</ol>
<script>{_RELOAD}</script>
</body>
</html>
"""


def show_failure(site_dir: Path, messages: list[str]) -> None:
    """Replace the served folder's content with the failure page, which the server sends for every address."""
    clean_directory(str(site_dir))
    (site_dir / ERROR_PAGE).write_text(failure_page(messages), encoding="utf-8")


def guard(builder: Callable[[], None], site_dir: Path) -> Callable[[], None]:
    """Return ``builder`` made to show a failed rebuild's problems in the browser instead of raising."""

    def build() -> None:
        messages = _Messages()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(messages)
        try:
            builder()
        except Exception as exc:  # whatever stopped the build, the browser must stop waiting
            if not isinstance(exc, MkDocsException):
                log.error("lỗi khi dựng lại: %s", exc, exc_info=exc)
            shown = messages.lines or [f"{type(exc).__name__}: {exc}"]
            show_failure(site_dir, shown)
            log.error("Dựng lại không thành công: trình duyệt hiện các vấn đề thay cho trang.")
        finally:
            logger.removeHandler(messages)

    return build
