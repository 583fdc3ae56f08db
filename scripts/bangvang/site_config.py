"""Reading a site's ``mkdocs.yml`` into the core settings, as the build does, for the CLI and the benchmarks."""

from __future__ import annotations

import logging
from pathlib import Path

from .core.settings import SiteSettings


class SiteConfigError(Exception):
    """A site's ``mkdocs.yml`` is missing or unusable; the message tells the editor what to fix."""


class _Collected(logging.Handler):
    """Keep the messages logged while it is attached, instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_settings(site: Path) -> SiteSettings:
    """Read ``mkdocs.yml`` of ``site`` the way the build does and return the core settings.

    Raises:
        SiteConfigError: the file is missing, invalid, or does not enable the plugin.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .mkdocs_plugin.plugin import settings_from

    config_file = site / "mkdocs.yml"
    if not config_file.is_file():
        raise SiteConfigError(f"không tìm thấy {config_file} (chạy lệnh trong thư mục site, hoặc chỉ rõ PATH)")
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.ERROR)
    # MkDocs logs each invalid option, then aborts with a summary: the logged lines are the message.
    config_errors = _Collected()
    mkdocs_log.addHandler(config_errors)
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, SystemExit) as exc:
        found = "\n".join(config_errors.messages) or str(exc)
        raise SiteConfigError(f"{config_file}: cấu hình không hợp lệ:\n{found}") from None
    finally:
        mkdocs_log.removeHandler(config_errors)
    plugin = config.plugins.get("bangvang")
    if plugin is None:
        raise SiteConfigError(f"{config_file}: thiếu plugin 'bangvang' trong mục plugins")
    return settings_from(config, plugin.config)
