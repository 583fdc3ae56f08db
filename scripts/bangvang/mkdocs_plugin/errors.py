"""The errors that stop a build, named like the plugin's log lines."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

PREFIX = "bangvang"
"""What mkdocs' ``get_plugin_logger`` puts before each log line of this package (MkDocs prints a PluginError bare)."""


def plugin_error(message: str) -> PluginError:
    """Return the error that stops the build with ``message``, under the same prefix as the plugin's log lines."""
    return PluginError(f"{PREFIX}: {message}")
