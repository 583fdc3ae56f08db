"""Fixtures that write real sites into temporary folders and build them with MkDocs."""

from __future__ import annotations

import datetime as dt
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bangvang.core.settings import SiteSettings
from benchmarks.localsite import CHROMIUM, launch_chromium, serve_folder

REPO = Path(__file__).resolve().parent.parent
CATEGORIES = ["Văn bản chỉ đạo", "Hội nghị - Sự kiện", "Gương điển hình", "Hoạt động của Hội"]
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@dataclass
class Run:
    """The result of a command run on a site."""

    code: int
    output: str


@dataclass
class Site:
    """A site folder under construction in a test."""

    root: Path

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

    def html(self, url_path: str) -> str:
        """Return the built HTML at a site path such as "tin-tuc/" or "tin-tuc/rss.xml"."""
        path = self.out / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def build(self, *extra: str) -> Run:
        """Run the real ``mkdocs build --strict`` on the site."""
        return _run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra], self.root)

    def check(self, *extra: str) -> Run:
        """Run ``bangvang check`` on the site."""
        return _run([sys.executable, "-m", "bangvang.cli", "check", str(self.root), *extra], self.root)


def _run(command: list[str], cwd: Path) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return Run(done.returncode, done.stdout + done.stderr)


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


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty site with a home page, configured like the real one."""
    write_config(tmp_path)
    made = Site(tmp_path)
    made.write("index.md", "---\ntitle: Trang chủ\n---\n\n# Trang chủ\n")
    return made


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """Make a site with chosen config overrides, in its own folder."""

    def make(name: str = "custom", **overrides: object) -> Site:
        root = tmp_path / name
        root.mkdir()
        write_config(root, **overrides)
        made = Site(root)
        made.write("index.md", "---\ntitle: Trang chủ\n---\n\n# Trang chủ\n")
        return made

    return make


@pytest.fixture
def example_copy(tmp_path: Path) -> Site:
    """A copy of the repository's own example site."""
    return copy_example(tmp_path / "example")


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository's example site, built once for every test that only reads the output."""
    site = copy_example(tmp_path_factory.mktemp("built-example"))
    run = site.build()
    assert run.code == 0, run.output
    return site


def copy_example(root: Path) -> Site:
    """Copy the repository's example site (content, honour rolls, config) to ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "honours", root / "honours", dirs_exist_ok=True)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return Site(root)


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


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Headless Chromium (Debian's), driven by Playwright; skipped locally when missing, required in CI."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None  # type: ignore[assignment]
    if sync_playwright is None or not CHROMIUM.exists():
        reason = "Playwright for Python or /usr/bin/chromium is missing (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def serve() -> Callable[[Path], str]:  # type: ignore[misc]
    """Serve a built site folder on 127.0.0.1; return its base address."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        address, server = serve_folder(folder)
        servers.append(server)
        return address

    yield start  # type: ignore[misc]
    for server in servers:
        server.shutdown()
        server.server_close()
