"""Publishing a MkDocs build atomically: MkDocs writes into a staging folder that replaces the site when it passed.

The filesystem part (staging, exchange, recovery) is in ``core.publish``; this
module only decides when: the staging folder becomes the site at the end of
``on_post_build``, after the honour manifest and Pagefind, and only if MkDocs
will not abort the build for warnings in strict mode. Any other outcome (an
error, an interrupt, strict-mode warnings) removes the staging folder and
leaves the site as it was.

While the build writes, MkDocs' ``write_file`` goes through
:class:`~..core.unchanged.PublishedFiles`: a page written the same as the
published one is a hard link to it (MkDocs' builder calls the function by
its module, so it is swapped there for the build and put back after).

A build that keeps a cache moves the site it replaced into the cache, and the
next build removes it while it works, in a process of its own (``core.publish.sweep``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from ..core import publish
from ..core.unchanged import PublishedFiles
from .errors import plugin_error

log = get_plugin_logger(__name__)

_WRITE_FILE = utils.write_file
"""MkDocs' own ``write_file``, put back when a build ends."""


def _strict_abort_coming(config: MkDocsConfig) -> bool | None:
    """Tell whether MkDocs will abort this build for warnings; None if its warning counter cannot be found."""
    if not config.strict:
        return False
    # `mkdocs build --strict` counts warnings with a CountHandler on the "mkdocs" logger and raises
    # "Aborted with N warnings in strict mode" only after on_post_build.
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, utils.CountHandler)]
    if not counters:
        return None
    return any(counter.get_counts() for counter in counters)


@dataclass
class Publication:
    """One build's staging folder and the site folder it will replace."""

    site_dir: Path
    staging: Path
    config: MkDocsConfig
    ready: bool = False
    done: bool = False
    published: PublishedFiles | None = field(default=None, repr=False)
    """The published site's files, which pages written the same are linked to (none on a first build)."""
    retired: Path | None = None
    """Where the site this build replaces goes, for the next build to remove (None: removed at once)."""
    sweeping: Callable[[], None] | None = field(default=None, repr=False)
    """Waits for the removal of the sites earlier builds retired, which runs while this one works."""

    @classmethod
    def start(cls, config: MkDocsConfig, *, link: bool = True, retired: Path | None = None) -> Publication:
        """Recover from killed builds, then point MkDocs at a new staging folder beside the site.

        With ``link``, pages written the same as the published ones are linked to them. With
        ``retired``, the sites earlier builds moved there are removed on a thread, and this build's
        replaced site is moved there in turn.
        """
        site_dir = Path(config.site_dir).resolve()
        for folder in publish.recover(site_dir):
            log.info("xóa thư mục tạm của lần dựng bị dừng: %s", folder.name)
        staging = publish.stage(site_dir)
        config.site_dir = str(staging)
        publication = cls(site_dir, staging, config, retired=retired)
        if retired is not None:
            publication.sweeping = publish.sweep(retired)
        if link and site_dir.is_dir() and not site_dir.is_symlink():
            publication.published = PublishedFiles(site_dir, staging, publication.settle)
            utils.write_file = partial(publication.published.write, write=_WRITE_FILE)
        return publication

    def _stop_linking(self) -> None:
        utils.write_file = _WRITE_FILE

    def settle(self) -> None:
        """Wait until the sites earlier builds retired are removed (from any thread, as often as asked).

        Until then the published files have a second link (in the retired copy), and neither the
        pages nor the search index's files are linked to files with two.
        """
        if self.sweeping is not None:
            self.sweeping()

    def finish(self, config: MkDocsConfig) -> None:
        """Publish the staging folder as the site, unless MkDocs is about to abort the build."""
        coming = _strict_abort_coming(config)
        if coming:
            return  # MkDocs aborts next; on_build_error removes the staging folder
        self.ready = True
        if coming is None:
            return  # cannot tell yet: published in on_shutdown unless the build failed
        self._publish()

    def close(self) -> None:
        """At shutdown: publish a build that passed but was not published yet; remove anything else."""
        if self.ready:
            self._publish()
        else:
            self.abandon()

    def abandon(self) -> None:
        """Remove the staging folder of a build that did not pass; the site stays as it was."""
        self.ready = False
        self._stop_linking()
        if not self.done:
            self.done = True
            publish.discard(self.staging)
            self.config.site_dir = str(self.site_dir)
        self.settle()

    def _publish(self) -> None:
        self._stop_linking()
        if not self.done:
            self.done = True
            try:
                publish.publish(self.staging, self.site_dir, self.retired)
            except OSError as exc:
                self.settle()
                publish.discard(self.staging)
                raise plugin_error(
                    f"không thay được {self.site_dir} bằng bản dựng mới ({exc}); site cũ giữ nguyên. "
                    "Thư mục site phải là thư mục thường (không phải điểm gắn kết) và ghi được."
                ) from exc
            self.config.site_dir = str(self.site_dir)
            log.info("đã xuất bản vào %s (thay cả thư mục một lần)", self.site_dir)
        self.settle()
