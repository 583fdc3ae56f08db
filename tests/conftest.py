"""Fixtures that write real sites into temporary folders and build them with MkDocs."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import config_options, load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from bangvang import cli
from bangvang.core.settings import SiteSettings
from benchmarks.serve import Served

# Material prints a notice about MkDocs 2 on import unless this is set; the CLI runs set it too.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# The browser fixtures (Chromium, the local server) live in tests/browser.py.
pytest_plugins = ["browser"]

REPO = Path(__file__).resolve().parent.parent
CATEGORIES = ["Văn bản chỉ đạo", "Hội nghị - Sự kiện", "Gương điển hình", "Hoạt động của Hội"]
HONOUR_HEADER = "stt,kind,name,person,title,village,commune,district,province\n"
"""The header of an honour roll CSV, the columns ``Site.decision`` rows fill."""
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


# A hang guard, not a benchmark: the hostile-input tests feed megabyte lines and fields to rules that
# must stay linear. A quadratic rule took minutes on them; a linear one takes well under a second.
# The bound is generous so that a loaded machine never fails it (speed is measured by the benchmarks).
HANG_GUARD_SECONDS = 30.0


@dataclass
class Run:
    """The result of a command run on a site."""

    code: int
    output: str


@dataclass
class Site:
    """A site folder under construction in a test."""

    root: Path
    last: Run | None = None
    """The result of the build that made ``out``, for a site shared by several tests."""

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def out(self) -> Path:
        return self.root / "site"

    def write(self, rel: str, text: str) -> Path:
        """Write a content file (dedented) and return its path."""
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def image(self, rel: str) -> None:
        """Write a tiny PNG under the content folder."""
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_PNG)

    def article(self, year: int, slug: str, **front: object) -> Path:
        """Write an article with sensible front matter, overridden by ``front``."""
        body = str(front.pop("body", "Nội dung bài viết.\n"))
        meta: dict[str, object] = {
            "title": f"Bài {slug}",
            "date": f"{year}-05-10",
            "category": CATEGORIES[0],
        }
        meta.update(front)
        meta = {k: v for k, v in meta.items() if v is not None}
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return self.write(f"tin-tuc/{year}/{slug}.md", f"---\n{head}---\n\n{body}")

    def directive(self, slug: str, **front: object) -> Path:
        """Write a directive of the registry (``content/van-ban/<slug>.md``); ``front`` overrides, None drops a key."""
        body = str(front.pop("body", "Nội dung văn bản.\n"))
        meta: dict[str, object] = {
            "number": "49-KL/TW",
            "kind": "Kết luận",
            "issuer": "Ban Bí thư Trung ương Đảng khóa XII",
            "level": "trung_uong",
            "signed": dt.date(2019, 5, 10),
            "subject": "Về tiếp tục thực hiện Chỉ thị 11-CT/TW",
        }
        meta.update(front)
        meta = {k: v for k, v in meta.items() if v is not None}
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return self.write(f"van-ban/{slug}.md", f"---\n{head}---\n\n{body}")

    def decision(self, slug: str, rows: Sequence[str] = (), **fields: object) -> Path:
        """Write an honour decision ``honours/<slug>.yaml`` and its roll ``<slug>.csv`` (``rows`` under HONOUR_HEADER).

        ``fields`` override the decision's keys, None drops one; with ``entries_csv=None`` no CSV is written.
        """
        meta: dict[str, object] = {
            "number": f"{slug}/QĐ-UBND",
            "signed": dt.date(2023, 12, 18),
            "issuer": {"name": "Ủy ban nhân dân huyện Can Lộc", "level": "huyen_xa"},
            "form": "cong_nhan",
            "period": "2023",
            "title": "Gia đình học tập",
            "entries_csv": f"{slug}.csv",
        }
        meta.update(fields)
        meta = {k: v for k, v in meta.items() if v is not None}
        folder = self.root / "honours"
        folder.mkdir(exist_ok=True)
        path = folder / f"{slug}.yaml"
        path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if "entries_csv" in meta:
            roll = HONOUR_HEADER + "".join(f"{line}\n" for line in rows)
            (folder / str(meta["entries_csv"])).write_text(roll, encoding="utf-8")
        return path

    def html(self, url_path: str) -> str:
        """Return the built HTML at a site path such as "tin-tuc/" or "tin-tuc/rss.xml"."""
        path = self.out / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def build(self, *, strict: bool = True, dirty: bool = False, verbose: bool = False) -> Run:
        """Build the site in this process the way ``mkdocs build --strict`` does; return its code and messages.

        In process, pytest's ``filterwarnings = error`` covers the plugin, and a crash shows its traceback.
        ``strict=False`` is ``--no-strict``, ``dirty`` is ``--dirty``, ``verbose`` is ``--verbose``.
        """
        return build_in_process(self.root / "mkdocs.yml", strict=strict, dirty=dirty, verbose=verbose)

    def check(self, *extra: str) -> Run:
        """Run ``bangvang check`` on the site in this process; return its exit status and what it printed."""
        out = io.StringIO()
        mkdocs_logger = logging.getLogger("mkdocs")
        level = mkdocs_logger.level
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                code = cli.main(["check", str(self.root), *extra])
        finally:
            mkdocs_logger.setLevel(level)  # the CLI quietens MkDocs' logger for its own run
        return Run(code, out.getvalue())

    def build_subprocess(self, *extra: str) -> Run:
        """Run the real ``mkdocs build --strict`` command on the site, in a child process."""
        return run_command([sys.executable, "-m", "mkdocs", "build", "--strict", *extra], self.root)

    def check_subprocess(self, *extra: str) -> Run:
        """Run the real ``bangvang check`` command on the site, in a child process."""
        return run_command([sys.executable, "-m", "bangvang.cli", "check", str(self.root), *extra], self.root)


def run_command(command: list[str], cwd: Path) -> Run:
    """Run a command in a child process; return its exit status and its stdout and stderr."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return Run(done.returncode, done.stdout + done.stderr)


class _Messages(logging.Handler):
    """Keeps what ``mkdocs build`` would print, formatted like its console handler."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.lines: list[str] = []
        self._seen: set[object] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "mkdocs.commands.build":
            # The CLI's DuplicateFilter drops a repeated message of the build module.
            if record.msg in self._seen:
                return
            self._seen.add(record.msg)
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def _forget_plugin_instances() -> None:
    """Make the next load create new plugin instances, as each ``mkdocs build`` command does.

    MkDocs keeps the instances of plugins with startup or shutdown hooks (ours has both) in its config
    schema, shared by every load in one process, so that ``mkdocs serve`` reuses them across rebuilds.
    """
    for _, option in MkDocsConfig._schema:
        if isinstance(option, config_options.Plugins):
            option.plugin_cache.clear()


def build_in_process(config_file: Path, *, strict: bool = True, dirty: bool = False, verbose: bool = False) -> Run:
    """Load, build and shut down a MkDocs site in this process, as ``mkdocs build`` does (``mkdocs/__main__.py``).

    Returns code 1 with MkDocs' abort message when the build aborts (``Abort``, a ``BuildError``, strict
    warnings), like the CLI; any other exception propagates, so that a plugin crash fails the test loudly.
    """
    mkdocs_logger = logging.getLogger("mkdocs")
    level = mkdocs_logger.level
    messages = _Messages(logging.DEBUG if verbose else logging.INFO)
    mkdocs_logger.setLevel(messages.level)
    mkdocs_logger.addHandler(messages)
    code = 0
    _forget_plugin_instances()
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            mkdocs_build.build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except Abort as exc:
        messages.lines.append(f"\n{exc.format_message()}")
        code = 1
    finally:
        mkdocs_logger.removeHandler(messages)
        mkdocs_logger.setLevel(level)
    return Run(code, "\n".join(messages.lines) + "\n")


def write_config(root: Path, **overrides: object) -> None:
    """Write a mkdocs.yml that uses Material and the bangvang plugin (which adds its own theme)."""
    plugin = {"categories": CATEGORIES, "page_size": 2, "corrections": "mailto:bientap@example.org"}
    plugin.update(overrides.pop("plugin", {}))  # type: ignore[arg-type]
    config: dict[str, object] = {
        "site_name": "Khuyến học thử nghiệm",
        "site_description": "Trang thử nghiệm",
        "site_url": "https://example.org/hoi-khuyen-hoc/",
        "docs_dir": "content",
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": [{"bangvang": plugin}],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    config.update(overrides)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def blank_site(root: Path, **overrides: object) -> Site:
    """Write a site with a home page into ``root``, configured like the real one with ``overrides``."""
    root.mkdir(parents=True, exist_ok=True)
    write_config(root, **overrides)
    made = Site(root)
    made.write("index.md", "---\ntitle: Trang chủ\n---\n\n# Trang chủ\n")
    return made


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty site with a home page, configured like the real one."""
    return blank_site(tmp_path)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """Make a site with chosen config overrides, in its own folder."""

    def make(name: str = "custom", **overrides: object) -> Site:
        root = tmp_path / name
        root.mkdir()
        return blank_site(root, **overrides)

    return make


@pytest.fixture
def example_copy(tmp_path: Path) -> Site:
    """A copy of the repository's own example site."""
    return copy_example(tmp_path / "example")


def _fingerprint(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` with its size and modification time."""
    return {
        str(path.relative_to(root)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in root.rglob("*")
        if not path.is_dir()
    }


@contextlib.contextmanager
def read_only(site: Site) -> Iterator[Site]:
    """Share a built site between tests, and fail if any of them changed a file of it."""
    before = _fingerprint(site.root)
    yield site
    changed = sorted(set(before.items()) ^ set(_fingerprint(site.root).items()))
    assert not changed, f"a test changed the shared site {site.root}: {changed[:5]}"


def built_once(site: Site) -> Iterator[Site]:
    """Build ``site`` (it must pass) and share it, read-only, with every test of a module or session."""
    run = site.build()
    assert run.code == 0, run.output
    site.last = run
    with read_only(site):
        yield site


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The repository's example site, built once for every test that only reads the output."""
    yield from built_once(copy_example(tmp_path_factory.mktemp("built-example")))


def copy_example(root: Path) -> Site:
    """Copy the repository's example site (content, honour rolls, config) to ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "honours", root / "honours", dirs_exist_ok=True)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return Site(root)


def configured_example(root: Path, **options: object) -> Site:
    """Copy the example site to ``root`` with these plugin ``options`` (``workers=1``, ``cache=False``…)."""
    site = copy_example(root)
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # The example's config uses !ENV: set the options on the plugin's line, leaving the rest as it is.
    lines = "".join(f"\n      {key}: {json.dumps(value)}" for key, value in options.items())
    config.write_text(text.replace("  - bangvang:", "  - bangvang:" + lines, 1), encoding="utf-8")
    return site


def settings_for(site: Site, **changes: object) -> SiteSettings:
    values: dict[str, object] = {
        "root": site.root,
        "docs_dir": site.content,
        "honours_dir": site.root / "honours",
        "categories": tuple(CATEGORIES),
        "news_dir": "tin-tuc",
        "registry_dir": "van-ban",
        "page_size": 2,
        "home_size": 3,
        "feed_size": 5,
        "site_url": "https://example.org/hoi/",
        "site_name": "Thử",
        "site_description": "",
        "directory_urls": True,
        "default_image": None,
        "today": dt.date(2026, 11, 22),
    }
    values.update(changes)
    return SiteSettings(**values)  # type: ignore[arg-type]


SERVE_WAIT_MS = 120_000
"""How long ``mkdocs serve`` may take to build, or to notice a change and rebuild, on a busy machine."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Site, Served]]:
    """A blank site with one article ("Bài một"), served by a real ``mkdocs serve`` on 127.0.0.1."""
    site = blank_site(tmp_path)
    site.article(2024, "bai-mot", title="Bài một")
    with Served(site.root, wait=SERVE_WAIT_MS / 1000) as server:
        yield site, server
