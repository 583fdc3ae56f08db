"""Reusing the honour section between builds when nothing it is made from changed.

The key is a hash of every file the honour pages are made from: the honour
files, the theme, mkdocs.yml and the site address, the package's own code,
the directives (every field), the articles decisions name and the other pages
whose titles make up the navigation drawn on every page. On a hit, the pages
and exports of the last build are hard-linked into the new site instead of
being read, checked and rendered again, and their sitemap entries are put
back where a full build writes them, so both builds give the same bytes.

An entry is complete only once its marker (written last, by a rename) holds
its key: a build killed while storing leaves an entry that is never used.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
import pickle
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ..core.honours.pages import Digest
from ..core.layout import SiteLayout
from ..core.settings import SiteSettings
from ..core.site import SiteSource

_ARTICLE = re.compile(r"^article:\s*['\"]?([^\s'\"#]+)", re.M)
_MARKER = "complete"
_URL_BLOCK = re.compile(r"[ \t]*<url>.*?</url>[ \t]*\n?", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)
_LASTMOD = re.compile(r"<lastmod>.*?</lastmod>", re.S)


@dataclass(frozen=True)
class SitemapPlace:
    """Where a full build's sitemap lists the honour pages: around the section index, with these addresses."""

    index_loc: str
    locs: list[str]
    before: int
    """How many of ``locs`` come before the index's entry."""
    lastmods: list[str | None]
    """Each entry's own date (a decision's signing day), or None: the build's day, as the index's entry has."""


@dataclass
class CachedSection:
    """A reusable honour section: its digest, page addresses, sitemap entries and folder of files."""

    key: str
    folder: Path
    digest: Digest
    page_urls: list[str]
    sitemap: SitemapPlace | None = None
    page_sources: tuple[str, ...] = ()
    """The source paths of the pages (all but the section index), for the links editors write to them."""


@dataclass
class FileHashes:
    """Each file's SHA-256 digest with what the file system said of it then; kept across a preview's builds.

    A file whose size, modification and change times and inode are unchanged
    is not read again: any write or rename changes its change time, which no
    program can set back. A province's lists are tens of megabytes, read and
    hashed on every save before.
    """

    known: dict[Path, tuple[tuple[int, int, int, int], bytes]] = field(default_factory=dict)

    def of(self, path: Path) -> bytes:
        """Return the file's digest (raises OSError as reading it would)."""
        stat = path.stat()
        mark = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        kept = self.known.get(path)
        if kept is not None and kept[0] == mark:
            return kept[1]
        digest = hashlib.sha256(path.read_bytes()).digest()
        self.known[path] = (mark, digest)
        return digest


def section_key(
    settings: SiteSettings,
    theme_dirs: Iterable[Path],
    config_text: bytes,
    source: SiteSource,
    hashes: FileHashes | None = None,
) -> str:
    """Return the hash of everything the honour pages are made from (``hashes``: the files' digests known)."""
    hashes = hashes or FileHashes()
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for name in ("mkdocs", "mkdocs-material", "bangvang"):
        digest.update(f"{name}={_version(name)}\n".encode())
    digest.update(config_text)
    # Both may come from the environment (!ENV), which the config text does not show.
    digest.update(f"{settings.site_url}|{settings.directory_urls}|{'|'.join(settings.provinces)}\n".encode())
    # The package holds our own theme: a site's theme folders are hashed besides it, not again.
    site_theme = [folder for folder in theme_dirs if not folder.resolve().is_relative_to(package)]
    for folder in (package, *site_theme, settings.honours_dir):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            if path.suffix not in (".yaml", ".yml"):
                digest.update(hashes.of(path))
                continue
            data = path.read_bytes()
            digest.update(hashlib.sha256(data).digest())
            for article in _ARTICLE.findall(data.decode("utf-8", errors="replace")):
                src = article.strip("/") + ("" if article.endswith(".md") else ".md")
                digest.update(f"article {src} {src in source.published}\n".encode())
                _hash_file(digest, settings.docs_dir / src, hashes)
    # A province's page links to the news tag naming it (see province_tags): a new tag may be one.
    for listing in source.news.listings:
        if listing.kind == "tag" and listing.number == 1:
            digest.update(f"tag {listing.name} {listing.url}\n".encode())
    registry = source.registry
    for directive in registry.directives:
        fields = [getattr(directive, f.name) for f in dataclasses.fields(directive) if f.name != "lines"]
        digest.update(f"directive {fields!r}\n".encode())
    # Every page draws the navigation: the pages in it and their titles (read from the page when the
    # nav does not give one) are part of every honour page. Articles and directives are not in it.
    not_in_nav = {a.src_uri for a in source.articles} | {d.src_uri for d in registry.directives}
    for src in sorted(source.published - not_in_nav):
        digest.update(f"page {src}\n".encode())
        _hash_file(digest, settings.docs_dir / src, hashes)
    return digest.hexdigest()


def _hash_file(digest: hashlib._Hash, path: Path, hashes: FileHashes) -> None:
    try:
        digest.update(hashes.of(path))
    except OSError:
        digest.update(b"missing\n")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def probe(cache_dir: Path, key: str) -> CachedSection | None:
    """Return the cached section for ``key`` if a complete one is there."""
    folder = cache_dir / key
    try:
        if (folder / _MARKER).read_text(encoding="utf-8") != key:
            return None
        with (folder / "state.pickle").open("rb") as handle:
            digest, page_urls, sitemap, page_sources = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    return CachedSection(key, folder, digest, page_urls, sitemap, tuple(page_sources))


def store(
    cache_dir: Path,
    key: str,
    site_dir: Path,
    digest: Digest,
    page_urls: list[str],
    keep: set[str],
    layout: SiteLayout,
    page_sources: Iterable[str] = (),
    dated: dict[str, str] | None = None,
) -> None:
    """Keep this build's honour files (all but ``keep``, which are rendered every build) for later builds.

    ``dated`` gives the pages whose sitemap date is their own (by URL); the others take the build's day.
    """
    folder = cache_dir / key
    _remove(folder)
    files = folder / "files"
    for path in (site_dir / layout.honours).rglob("*"):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and rel not in keep:
            _link(path, files / rel)
    sitemap = _sitemap_place(site_dir / "sitemap.xml", page_urls, layout, dated or {})
    with (folder / "state.pickle").open("wb") as handle:
        pickle.dump((digest, page_urls, sitemap, tuple(page_sources)), handle)
    # The marker goes last, whole or not at all: a kill before this line leaves an entry probe() ignores.
    marker = folder / f"{_MARKER}.tmp"
    marker.write_text(key, encoding="utf-8")
    marker.replace(folder / _MARKER)
    for other in cache_dir.iterdir():
        if other.name != key:
            _remove(other)


def _remove(folder: Path) -> None:
    """Delete a cache entry, its marker first: a kill half-way leaves an entry probe() ignores."""
    (folder / _MARKER).unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def restore(section: CachedSection, site_dir: Path, *, in_place: bool = False) -> int:
    """Link the cached files into the site and put their sitemap entries back; return the file count.

    The entries are the very ones the full build wrote, in the place it wrote them. A file
    already in the site is never written over: it raises FileExistsError instead. ``in_place``
    says the site already holds these files (a preview kept from the build that stored them):
    only the sitemap entries are put back.
    """
    files = section.folder / "files"
    count = 0
    for path in () if in_place else files.rglob("*"):
        if path.is_file():
            _link(path, site_dir / path.relative_to(files), replace=False)
            count += 1
    if section.sitemap is not None:
        _extend_sitemap(site_dir, section.sitemap)
    return count


def _link(source: Path, target: Path, *, replace: bool = True) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not replace and (target.exists() or target.is_symlink()):
        raise _taken(target)
    try:
        os.link(source, target)
    except OSError:
        if not replace and target.exists():
            raise _taken(target) from None
        shutil.copyfile(source, target)


def _taken(target: Path) -> FileExistsError:
    """The error restore() raises for a file already in the site; ``filename`` names it."""
    return FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


def _sitemap_place(
    sitemap: Path, page_urls: list[str], layout: SiteLayout, dated: dict[str, str]
) -> SitemapPlace | None:
    """Find the honour pages' entries in a full build's sitemap: one run, the section index among them."""
    if not page_urls or not sitemap.is_file():
        return None
    locs = [_loc(block.group()) for block in _URL_BLOCK.finditer(sitemap.read_text(encoding="utf-8"))]
    first = next((i for i, loc in enumerate(locs) if loc.endswith("/" + page_urls[0])), None)
    if first is None:
        return None  # no site_url: MkDocs lists no page at all
    prefix = locs[first][: -len(page_urls[0])]
    index_locs = {prefix + f"{layout.honours}/", prefix + f"{layout.honours}/index.html"}
    index = next((i for i, loc in enumerate(locs) if loc in index_locs), None)
    if index is None or not first - 1 <= index <= first + len(page_urls):
        return None
    start = min(first, index)
    honour = locs[start:index] + locs[index + 1 : start + len(page_urls) + 1]
    if honour != [prefix + url for url in page_urls]:
        return None
    return SitemapPlace(locs[index], honour, index - start, [dated.get(url) for url in page_urls])


def _loc(block: str) -> str:
    found = _LOC.search(block)
    return found.group(1).strip() if found else ""


def _entry(block: str, lastmod: str | None) -> str:
    """Give a copy of the index's entry a page's own date, as MkDocs writes it."""
    return block if lastmod is None else _LASTMOD.sub(f"<lastmod>{lastmod}</lastmod>", block)


def _extend_sitemap(site_dir: Path, place: SitemapPlace) -> None:
    """Put the honour entries back around the section index's entry, written exactly as MkDocs writes it."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    index = next((b for b in _URL_BLOCK.finditer(text) if _loc(b.group()) == place.index_loc), None)
    if index is None:
        return
    block = index.group()
    own = f"<loc>{place.index_loc}</loc>"
    entries = [
        _entry(block.replace(own, f"<loc>{loc}</loc>"), lastmod)
        for loc, lastmod in zip(place.locs, place.lastmods, strict=True)
    ]
    text = "".join(
        (text[: index.start()], *entries[: place.before], block, *entries[place.before :], text[index.end() :])
    )
    # A new file, not the old one written over: MkDocs' may be a link to the published sitemap (core.unchanged).
    written = sitemap.with_name(sitemap.name + ".new")
    written.write_text(text, encoding="utf-8")  # no sitemap.xml.gz: the plugin removes MkDocs' copy
    written.replace(sitemap)
