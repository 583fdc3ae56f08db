"""Every filter the theme's templates use exists in the build's Jinja environment, under an English name."""

from __future__ import annotations

import gc
from pathlib import Path

import material
from jinja2 import nodes
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from bangvang.mkdocs_plugin.plugin import BangVangPlugin
from conftest import Site

PLUGIN_FILTERS = {"bv_date", "bv_weekday_date", "bv_number", "bv_iso_datetime"}


def test_every_filter_of_the_theme_is_registered(site: Site) -> None:
    config = load_config(str(site.root / "mkdocs.yml"))
    plugin = config.plugins["bangvang"]
    assert isinstance(plugin, BangVangPlugin)
    # MkDocs keeps one plugin instance across loads: leave it as a plain build finds it.
    plugin.on_startup(command="build", dirty=False)
    try:
        config = plugin.on_config(config)
        plugin.on_pre_build(config)
        env = plugin.on_env(config.theme.get_env(), config, Files([]))
    finally:
        plugin.on_shutdown()  # removes the staging folder of this build that never ran
        gc.unfreeze()  # frozen by the honour section until its build finishes
    assert set(env.filters) >= PLUGIN_FILTERS
    ours = [
        Path(folder) for folder in config.theme.dirs if not Path(folder).is_relative_to(Path(material.__file__).parent)
    ]
    templates = [path for folder in ours for path in sorted(folder.rglob("*.html"))]
    assert len(templates) > 10
    used: dict[str, set[str]] = {}
    for path in templates:
        tree = env.parse(path.read_text(encoding="utf-8"))
        for node in tree.find_all(nodes.Filter):
            used.setdefault(node.name, set()).add(path.name)
    missing = {name: where for name, where in used.items() if name not in env.filters}
    assert missing == {}
    assert set(used) >= PLUGIN_FILTERS
