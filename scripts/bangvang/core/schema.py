"""Reading front-matter fields against a schema, collecting located problems."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .frontmatter import FrontMatter
from .problems import Problem, Severity
from .text import closest, nfc

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
# The scheme in any case (HTTPS:// is valid); nothing but http(s): no javascript:, data:.
_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def is_web_address(value: object) -> bool:
    """Tell whether ``value`` is an http(s) address with a host name."""
    return isinstance(value, str) and bool(_WEB_ADDRESS.match(value.strip()))


def shown(value: Any, quote: Callable[[object], str] = lambda text: f"'{text}'") -> str:
    """Describe a wrong value for a message: its shape when it has no text, else its text as ``quote`` shows it."""
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng khóa"
    if isinstance(value, bool):
        return "'true'" if value else "'false'"
    if value is None:
        return "giá trị rỗng"
    if isinstance(value, dt.date):
        return f"ngày {value.isoformat()}"
    return quote(value)


def suggestion(word: str, allowed: list[str]) -> str:
    """Return " (có phải 'x'?)" for the allowed word closest to a typo, or ""."""
    hint = closest(word, allowed)
    return f" (có phải '{hint}'?)" if hint else ""


class FieldReader:
    """Reads the fields of one file's front matter; every problem lands in ``problems``."""

    def __init__(self, path: str, fm: FrontMatter) -> None:
        self.path = path
        self.fm = fm
        self.problems: list[Problem] = [Problem(path, line, msg) for line, msg in fm.problems]

    @property
    def has_errors(self) -> bool:
        """Tell whether an error was found so far."""
        return any(p.severity is Severity.ERROR for p in self.problems)

    def error(self, key: str, message: str, line: int | None = None) -> None:
        """Report an error at the line of ``key`` (or at ``line``)."""
        self.problems.append(Problem(self.path, line or self.fm.line_of(key), message))

    def warn(self, key: str, message: str) -> None:
        """Report a warning at the line of ``key``."""
        self.problems.append(Problem(self.path, self.fm.line_of(key), message, Severity.WARNING))

    def only_keys(self, allowed: tuple[str, ...]) -> None:
        """Report every key not in ``allowed``, suggesting the likely intended one."""
        for key in self.fm.values:
            if key not in allowed:
                hint = suggestion(key, list(allowed))
                self.error(key, f"khóa không hợp lệ '{key}'{hint}; các khóa được dùng: {', '.join(allowed)}")

    def text(self, key: str, *, required: bool = False) -> str | None:
        """Return a non-empty text value; an empty optional value counts as absent."""
        value = self.fm.values.get(key)
        if value is None or (not required and value == ""):
            if required:
                self.error(key, f"thiếu khóa bắt buộc '{key}'")
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            self.error(key, f"'{key}' phải là một chuỗi chữ không rỗng, nhận được {shown(value)}")
            return None
        return nfc(str(value).strip())

    def texts(self, key: str, example: str) -> list[str]:
        """Return a list of non-empty texts (absent: empty list)."""
        value = self.fm.values.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, f"'{key}' phải là danh sách, ví dụ {example}, nhận được {shown(value)}")
            return []
        found = []
        for item in value:
            if not isinstance(item, str | int) or isinstance(item, bool) or not str(item).strip():
                self.error(key, f"mỗi mục trong '{key}' phải là chữ, nhận được {shown(item)}")
                continue
            found.append(nfc(str(item).strip()))
        return found

    def choice(self, key: str, allowed: dict[str, str], *, default: str | None = None) -> str | None:
        """Return a value that must be one of ``allowed``'s keys (labels explain them)."""
        value = self.fm.values.get(key, default)
        if value is None:
            self.error(key, f"thiếu khóa bắt buộc '{key}' ({_listing(allowed)})")
            return None
        if not isinstance(value, str) or value not in allowed:
            hint = suggestion(value, list(allowed)) if isinstance(value, str) else ""
            self.error(key, f"'{key}' không hợp lệ: {shown(value)}{hint}; được dùng: {_listing(allowed)}")
            return None
        return str(value)

    def moment(self, key: str) -> dt.datetime | None:
        """Return a required date (or date and time) written as YYYY-MM-DD[ HH:MM[:SS]]."""
        value = self.fm.values.get(key)
        if value is None:
            self.error(key, f"thiếu khóa bắt buộc '{key}' (ngày, dạng YYYY-MM-DD)")
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None) if value.tzinfo else value
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            # Web editors often quote dates; the same strict ISO form is accepted.
            try:
                return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
            except ValueError:
                pass
        self.error(key, f"'{key}' phải là ngày có thật dạng YYYY-MM-DD (ví dụ 2020-09-30), nhận được {shown(value)}")
        return None

    def mapping(self, key: str, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        """Return a mapping whose sub-keys must be in ``allowed``."""
        value = self.fm.values.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            keys = ", ".join(f"{k}: …" for k in allowed)
            self.error(key, f"'{key}' phải là bảng khóa ({keys}), nhận được {shown(value)}")
            return None
        for sub in value:
            if sub not in allowed:
                hint = suggestion(str(sub), list(allowed))
                self.error(f"{key}.{sub}", f"khóa không hợp lệ '{key}.{sub}'{hint}; được dùng: {', '.join(allowed)}")
        return value

    def flag(self, key: str) -> bool:
        """Return a true/false value (absent: false)."""
        value = self.fm.values.get(key, False)
        if not isinstance(value, bool):
            self.error(key, f"'{key}' phải là true hoặc false, nhận được {shown(value)}")
            return False
        return value


def _listing(allowed: dict[str, str]) -> str:
    return ", ".join(key if key == label else f"{key} ({label})" for key, label in allowed.items())
