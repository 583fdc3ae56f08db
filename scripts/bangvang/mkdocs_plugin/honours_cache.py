"""Reusing the honour section between builds when nothing it is made from changed.

The key is a hash of everything the honour pages depend on: the honour files,
the theme, mkdocs.yml and the site address, the package's own code, the
directives decisions cite and the articles they name. On a hit, the pages and
exports of the last build are hard-linked into the new site instead of being
read, checked and rendered again.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..core.directives import Registry
from ..core.honours.plan import ROOT, Digest

_ARTICLE = re.compile(r"^article:\s*['\"]?([^\s'\"#]+)", re.M)
_MARKER = "complete"


@dataclass
class CachedSection:
    """A reusable honour section: its digest, page addresses and folder of files."""

    key: str
    folder: Path
    digest: Digest
    page_urls: list[str]


def section_key(
    honours_dir: Path,
    theme_dirs: Iterable[Path],
    config_text: bytes,
    site_url: str,
    directory_urls: bool,
    registry: Registry,
    published: set[str],
) -> str:
    """Return the hash of everything the honour pages are made from."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for name in ("mkdocs", "mkdocs-material", "bangvang"):
        digest.update(f"{name}={_version(name)}\n".encode())
    digest.update(config_text)
    digest.update(f"{site_url}|{directory_urls}\n".encode())
    for folder in (package, *theme_dirs, honours_dir):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            data = path.read_bytes()
            digest.update(hashlib.sha256(data).digest())
            if path.suffix in (".yaml", ".yml"):
                for article in _ARTICLE.findall(data.decode("utf-8", errors="replace")):
                    src = article.strip("/") + ("" if article.endswith(".md") else ".md")
                    digest.update(f"article {src} {src in published}\n".encode())
    for directive in registry.directives:
        digest.update(f"{directive.number}|{directive.title}|{directive.url}\n".encode())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def lookup(cache_dir: Path, key: str) -> CachedSection | None:
    """Return the cached section for ``key`` if a complete one is there."""
    folder = cache_dir / key
    if not (folder / _MARKER).is_file():
        return None
    try:
        with (folder / "state.pickle").open("rb") as handle:
            digest, page_urls = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return None
    return CachedSection(key, folder, digest, page_urls)


def store(cache_dir: Path, key: str, site_dir: Path, digest: Digest, page_urls: list[str], keep: set[str]) -> None:
    """Keep this build's honour files (all but ``keep``, which are rendered every build) for later builds."""
    folder = cache_dir / key
    shutil.rmtree(folder, ignore_errors=True)
    files = folder / "files"
    source = site_dir / ROOT
    for path in source.rglob("*"):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and rel not in keep:
            _link(path, files / rel)
    with (folder / "state.pickle").open("wb") as handle:
        pickle.dump((digest, page_urls), handle)
    (folder / _MARKER).write_text(key, encoding="utf-8")
    for other in cache_dir.iterdir():
        if other.name != key:
            shutil.rmtree(other, ignore_errors=True)


def restore(section: CachedSection, site_dir: Path, absolute: Iterable[str]) -> int:
    """Link the cached files into the site and add their pages to the sitemap; return the file count."""
    files = section.folder / "files"
    count = 0
    for path in files.rglob("*"):
        if path.is_file():
            _link(path, site_dir / path.relative_to(files))
            count += 1
    _extend_sitemap(site_dir, absolute)
    return count


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _extend_sitemap(site_dir: Path, addresses: Iterable[str]) -> None:
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    entries = "".join(f"    <url>\n         <loc>{address}</loc>\n    </url>\n" for address in addresses)
    text = text.replace("</urlset>", entries + "</urlset>")
    sitemap.write_text(text, encoding="utf-8")
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as handle:
        handle.write(text.encode("utf-8"))
