"""In ``mkdocs serve``: the last preview's files stay in place, and a rebuild writes only what changed.

MkDocs empties the preview's folder before each rebuild and writes every file
again. On a slow disk that alone takes seconds at 2.000 articles (a folder and
a file a page). When the last preview was built whole, its files are moved
aside just before MkDocs empties the folder and moved back right after (a
rename per top-level entry). The build then writes the pages it renders and
the files whose source is newer; a page it reuses (:mod:`.reuse`) and a
static file older than its copy are left as they are, and so is the honour
section when its cache would write the very same files. A section made anew
is moved aside with the rest, and the pages it reuses (those of the
decisions that did not change) are taken back from there. Last, every file of
the folder this build does not produce is removed, so the folder holds what a
clean build writes, byte for byte (a test holds the two against each other).

A rebuild that fails leaves the folder to MkDocs and to the error page; the
next one starts from an empty folder, as MkDocs does.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel


class KeptSite:
    """The preview folder's files, kept from one whole build to the next."""

    def __init__(self) -> None:
        self.whole = False
        """Whether the folder holds exactly what the last build produced (it ended well)."""
        self._held: Path | None = None
        self._aside: Path | None = None
        """The last build's files dropped by :meth:`put_back`, until :meth:`discard_aside`."""
        self.kept = False
        """Whether this build started from the last build's files (moved back after MkDocs emptied the folder)."""
        self._produced: set[str] = set()

    def hold(self, site_dir: Path) -> None:
        """Before MkDocs empties the folder: move the last whole build's files aside."""
        self.kept = False
        self._held = None
        if not self.whole or not site_dir.is_dir():
            return
        self.whole = False  # until this build ends well
        held = Path(tempfile.mkdtemp(prefix=".bangvang-held-", dir=site_dir.parent))
        for entry in os.scandir(site_dir):
            Path(entry.path).rename(held / entry.name)
        self._held = held

    def put_back(self, site_dir: Path, drop: Iterable[str] = ()) -> None:
        """After MkDocs emptied the folder (before it writes): move the files back, but the top-level ``drop``.

        What is dropped stays aside until :meth:`discard_aside`: a page of it may be taken back first.
        """
        held, self._held = self._held, None
        if held is None:
            return
        dropped = set(drop)
        for entry in os.scandir(held):
            if entry.name not in dropped:
                Path(entry.path).rename(site_dir / entry.name)
        self._aside = held
        self.kept = True

    def aside_holds(self, dest_uri: str) -> bool:
        """Tell whether the files dropped by :meth:`put_back` hold this file of the last build."""
        return self._aside is not None and (self._aside / dest_uri).is_file()

    def take_back(self, site_dir: Path, dest_uris: Iterable[str]) -> None:
        """Move these files of the last build from those dropped back into the folder (they are reused as they are)."""
        aside = self._aside
        if aside is None:
            return
        for dest_uri in dest_uris:
            target = site_dir / dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            (aside / dest_uri).rename(target)

    def discard_aside(self) -> None:
        """Delete what :meth:`put_back` dropped and :meth:`take_back` did not take back."""
        aside, self._aside = self._aside, None
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)

    def leave_unchanged(self, files: Files) -> None:
        """Once pages are read: note what this build produces; static files older than their copy are not copied."""
        self._produced = {file.dest_uri for file in files if file.inclusion.is_in_serve()}
        if not self.kept:
            return
        for file in files:
            if _unchanged_copy(file):
                file.inclusion = InclusionLevel.EXCLUDED

    def produced(self, names: Iterable[str]) -> None:
        """Note files this build writes that are not MkDocs files (its theme's static templates)."""
        self._produced.update(names)

    def remove_stale(self, site_dir: Path, own: Iterable[str]) -> None:
        """Remove the files this build did not produce, outside the folders in ``own`` (kept by their owners)."""
        if self.kept:
            _remove_unproduced(site_dir, self._produced, set(own))
        self.whole = True

    def abandon(self) -> None:
        """After a failed build: the folder is not whole; the files held aside go."""
        self.whole = False
        if self._held is not None:
            shutil.rmtree(self._held, ignore_errors=True)
            self._held = None
        self.discard_aside()


def _unchanged_copy(file: File) -> bool:
    """Tell whether a static file's copy in the kept folder is at least as new as its source."""
    if file.is_documentation_page() or file.generated_by is not None or file.abs_src_path is None:
        return False
    if not file.inclusion.is_in_serve():
        return False
    try:
        return Path(file.abs_dest_path).stat().st_mtime_ns >= Path(file.abs_src_path).stat().st_mtime_ns
    except OSError:
        return False


def _remove_unproduced(site_dir: Path, produced: set[str], own: set[str]) -> None:
    """Delete every file under ``site_dir`` whose path is not in ``produced``, and folders left empty."""

    def sweep(folder: str, prefix: str) -> bool:
        empty = True
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if rel in own or not sweep(entry.path, rel + "/"):
                        empty = False
                    else:
                        Path(entry.path).rmdir()
                elif rel in produced:
                    empty = False
                else:
                    Path(entry.path).unlink()
        return empty

    sweep(str(site_dir), "")
