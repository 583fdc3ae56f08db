"""Reading a site's ``mkdocs.yml`` into the core settings, as the build does, for the CLI and the benchmarks."""

from __future__ import annotations

import logging
from pathlib import Path

from .core.settings import SiteSettings


class SiteConfigError(Exception):
    """A site's ``mkdocs.yml`` is missing or unusable; the message tells the editor what to fix."""


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
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, SystemExit) as exc:
        raise SiteConfigError(f"{config_file}: cấu hình không hợp lệ: {exc}") from None
    plugin = config.plugins.get("bangvang")
    if plugin is None:
        raise SiteConfigError(f"{config_file}: thiếu plugin 'bangvang' trong mục plugins")
    return settings_from(config, plugin.config)
