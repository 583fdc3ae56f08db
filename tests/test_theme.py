"""The theme ships with the plugin (issue 9, point 3): found without ``custom_dir``, overridable, complete, current."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
import jinja2.meta
import material
import yaml

import bangvang
from bangvang.mkdocs_plugin.theme import STYLESHEET, THEME_DIR, template_dirs
from conftest import REPO, Site
from html_tools import tags

PACKAGE = Path(bangvang.__file__).resolve().parent
MATERIAL = Path(material.__file__).resolve().parent / "templates"
_TEMPLATE_NAME = re.compile(r"[\w./-]+\.html")
_OUTPUT_NAMES = {"index.html"}
"""File names the code writes pages to, not templates it renders."""
_BEGIN = re.compile(r"\{#-?\s*bangvang: begin, in place of Material's (\d+) lines?\b")
_END = re.compile(r"\{#-?\s*bangvang: end\b")


# ---------------------------------------------------------------- the example site without custom_dir


def test_example_config_needs_only_material_and_the_plugin() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "custom_dir" not in config["theme"]
    assert "extra_css" not in config
    assert not (REPO / "theme").exists(), "the theme lives in the package"


def test_example_without_custom_dir_uses_our_templates(built_example: Site) -> None:
    home = built_example.html("")
    assert 'class="bv-home__news"' in home  # home.html
    assert 'class="bv-header-search"' in home  # our partials/header.html over Material's
    assert 'property="og:site_name"' in home  # main.html and partials/bv-meta.html
    decision = built_example.html("vinh-danh/quyet-dinh/215-qd-hkh/")
    assert 'class="bv-total"' in decision  # honour-decision.html
    for page in (home, decision):
        # Screen stylesheets: the honour lists' print stylesheet (media="print") comes with the list.
        stylesheets = [t["href"] for t in tags(page, "link") if t.get("rel") == "stylesheet" and "media" not in t]
        assert stylesheets[-1].endswith(STYLESHEET), stylesheets
    for asset in (STYLESHEET, "assets/javascripts/bv-lookup.js"):
        assert (built_example.out / asset).read_bytes() == (THEME_DIR / asset).read_bytes()


# ---------------------------------------------------------------- a site's own custom_dir


def test_site_custom_dir_overrides_our_templates(make_site: Callable[..., Site]) -> None:
    theme = {"name": "material", "custom_dir": "overrides", "language": "vi", "font": False}
    site = make_site(theme=theme, extra_css=["css/site.css"])
    (site.root / "overrides" / "partials").mkdir(parents=True)
    (site.root / "overrides" / "partials" / "bv-meta.html").write_text(
        '<meta name="bv-test" content="của site">\n', encoding="utf-8"
    )
    site.write("css/site.css", "body { color: black; }\n")
    site.article(2024, "bai-mot", title="Bài một")
    run = site.build()
    assert run.code == 0, run.output
    for page in (site.html(""), site.html("tin-tuc/2024/bai-mot/")):
        assert '<meta name="bv-test" content="của site">' in page
        assert 'property="og:site_name"' not in page, "the site's partial replaces ours"
        assert 'class="bv-header-search"' in page, "ours still override Material's"
        stylesheets = [t["href"] for t in tags(page, "link") if t.get("rel") == "stylesheet"]
        assert [href.rsplit("/", 1)[-1] for href in stylesheets[-2:]] == ["bangvang.css", "site.css"]
    assert (site.out / STYLESHEET).is_file()


def test_our_folder_comes_after_custom_dir_and_before_material() -> None:
    ours, material_dir, mkdocs_dir = str(THEME_DIR), str(MATERIAL), "/mkdocs/templates"
    assert template_dirs(["/site/overrides", material_dir, mkdocs_dir], "/site/overrides") == [
        "/site/overrides",
        ours,
        material_dir,
        mkdocs_dir,
    ]
    assert template_dirs([material_dir, mkdocs_dir], None) == [ours, material_dir, mkdocs_dir]
    assert template_dirs([ours, material_dir], None) == [ours, material_dir], "added once"


def test_check_finds_our_templates_for_a_page_template(site: Site) -> None:
    site.write("gioi-thieu.md", "---\ntitle: Giới thiệu\ntemplate: news-overview.html\n---\n\n# Giới thiệu\n")
    site.write("lien-he.md", "---\ntitle: Liên hệ\ntemplate: khong-co.html\n---\n\n# Liên hệ\n")
    found = site.check().output
    assert "news-overview.html" not in found
    assert "lien-he.md:3: không có khuôn trang (template) 'khong-co.html' trong theme" in found


# ---------------------------------------------------------------- every template name exists


def python_template_names(sources: Iterable[Path]) -> dict[str, str]:
    """Return each template name a Python string names, with where: ``name -> "file:line"``."""
    found: dict[str, str] = {}
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in in_fstrings:
                continue
            name = node.value
            if _TEMPLATE_NAME.fullmatch(name) and name.rsplit("/", 1)[-1] not in _OUTPUT_NAMES:
                found.setdefault(name, f"{path.name}:{node.lineno}")
    return found


def jinja_template_names(folder: Path) -> dict[str, str]:
    """Return each template our templates extend, include or import, with the template naming it."""
    env = jinja2.Environment()
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.html")):
        for name in jinja2.meta.find_referenced_templates(env.parse(path.read_text(encoding="utf-8"))):
            if name is not None:  # a name built at render time, such as an icon's
                found.setdefault(name, path.relative_to(folder).as_posix())
    return found


def missing_templates(names: dict[str, str], folders: Iterable[Path]) -> list[str]:
    """Return ``where: name`` for every name that is in none of ``folders``."""
    folders = list(folders)
    return [f"{where}: {name}" for name, where in names.items() if not any((f / name).is_file() for f in folders)]


def test_every_template_name_the_code_uses_exists() -> None:
    python = python_template_names(sorted(PACKAGE.rglob("*.py")))
    assert {"article.html", "home.html", "honour-decision.html", "search-page.html"} <= python.keys()
    jinja = jinja_template_names(THEME_DIR)
    assert {"main.html", "base.html", "partials/bv-meta.html"} <= jinja.keys()
    assert missing_templates(python | jinja, [THEME_DIR, MATERIAL]) == []


def test_a_misspelt_template_name_is_reported(tmp_path: Path) -> None:
    code = tmp_path / "pages.py"
    code.write_text('TEMPLATE = "honour-decison.html"\nOUT = "vinh-danh/index.html"\nURL = f"{TEMPLATE}.html"\n')
    partial = tmp_path / "theme" / "page.html"
    partial.parent.mkdir()
    partial.write_text('{% extends "main.html" %}{% include "partials/bv-metas.html" %}', encoding="utf-8")
    names = python_template_names([code]) | jinja_template_names(partial.parent)
    assert missing_templates(names, [THEME_DIR, MATERIAL]) == [
        "pages.py:1: honour-decison.html",
        "page.html: partials/bv-metas.html",
    ]


# ---------------------------------------------------------------- our copy of Material's header


def differences_outside_marks(ours: list[str], theirs: list[str]) -> list[str]:
    """Compare our copy with Material's file line by line, each marked block standing for its count of lines.

    A block opens with ``{#- bangvang: begin, in place of Material's N lines …``
    and closes with ``{#- bangvang: end``; every other line must be Material's.
    """
    problems: list[str] = []
    at = 0  # the next line of Material's file
    replacing: int | None = None
    for number, line in enumerate(ours, start=1):
        begin = _BEGIN.search(line)
        if replacing is not None:
            if _END.search(line):
                at += replacing
                replacing = None
            continue
        if begin is not None:
            replacing = int(begin.group(1))
            if _END.search(line):
                at += replacing
                replacing = None
            continue
        if at >= len(theirs) or theirs[at] != line:
            found = theirs[at] if at < len(theirs) else "(end of file)"
            problems.append(f"line {number}: ours {line!r}, Material's line {at + 1} {found!r}")
        at += 1
    if replacing is not None:
        problems.append("a bangvang block is never closed")
    if at < len(theirs):
        problems.append(f"Material's file goes on after our last line: {theirs[at]!r}")
    return problems


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_our_header_is_materials_outside_the_marked_blocks() -> None:
    ours = _lines(THEME_DIR / "partials" / "header.html")
    assert sum(1 for line in ours if _BEGIN.search(line)) == 2
    assert differences_outside_marks(ours, _lines(MATERIAL / "partials" / "header.html")) == []


def test_a_changed_material_header_is_noticed() -> None:
    ours = _lines(THEME_DIR / "partials" / "header.html")
    theirs = _lines(MATERIAL / "partials" / "header.html")
    changed = [line.replace("md-header__title", "md-header__name") for line in theirs]
    assert differences_outside_marks(ours, changed)[0].startswith("line ")
    assert differences_outside_marks(ours, theirs[:-1]) != []
    assert differences_outside_marks(ours, [*theirs[:20], "  <hr>", *theirs[20:]]) != []
    assert differences_outside_marks(ours, [*theirs, "{# new #}"]) != []
