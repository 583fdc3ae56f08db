"""The theme shipped with the package: its folder among the site's template folders, and its stylesheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import material
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig

MATERIAL_DIR = Path(material.__file__).resolve().parent
"""Material's installed package: its templates are not edited while a site is built or served."""

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
"""Our templates (overriding some of Material's), stylesheet and scripts."""

STYLESHEET = "assets/stylesheets/bangvang.css"


def template_dirs(dirs: Sequence[str], custom_dir: str | None) -> list[str]:
    """Return the theme's template folders with ours after the site's ``custom_dir``, before Material's.

    A site can then override any of our templates in its own ``custom_dir``,
    and ours override Material's (``main.html``, ``partials/header.html``).
    """
    ours = str(THEME_DIR)
    if ours in dirs:
        return list(dirs)
    at = dirs.index(custom_dir) + 1 if custom_dir is not None and custom_dir in dirs else 0
    return [*dirs[:at], ours, *dirs[at:]]


def editable_dirs(dirs: Sequence[str]) -> list[Path]:
    """Return the theme folders whose files can change between two builds: all but Material's installed one."""
    return [Path(folder) for folder in dirs if not Path(folder).resolve().is_relative_to(MATERIAL_DIR)]


def add_theme(config: MkDocsConfig) -> None:
    """Add our theme folder and stylesheet to the configuration, as mkdocs' search plugin adds its own."""
    config.theme.dirs[:] = template_dirs(config.theme.dirs, config.theme.custom_dir)
    # First, so that a site's own stylesheets come after ours and can override them.
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)


class KeptBytecode(BytecodeCache):
    """Compiled templates kept in memory from one build of this process to the next.

    MkDocs makes a new template environment for every build, and each
    compiles the theme's templates again (half a second for Material's and
    ours): in ``mkdocs serve``, on every save. Jinja checks a kept template
    against its source (a checksum), so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
