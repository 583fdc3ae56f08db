"""The Pagefind child dies with the build: killed, it went on writing into a staging folder already removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

PARENT = textwrap.dedent(
    """
    import pathlib, sys, time
    from bangvang.mkdocs_plugin.search_index import FedIndex
    # Pagefind's service, fed the pages as the build writes them
    fed = FedIndex(["tin-tuc"], pathlib.Path(sys.argv[1]).parent / "pagefind", [])
    pathlib.Path(sys.argv[1]).write_text(str(fed.pid))
    time.sleep(60)
    """
)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead: it waits only for its (new) parent to read its status.
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8") if Path(f"/proc/{pid}/stat").exists() else ""
    return bool(stat) and stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition, limit: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``condition`` until it holds or ``limit`` seconds pass (a hang guard, not a timing)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def test_the_indexer_child_dies_when_the_build_is_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(pid_file)])
    try:
        assert wait_for(lambda: pid_file.exists() and pid_file.read_text(encoding="utf-8") != "")
        child = int(pid_file.read_text(encoding="utf-8"))
        assert alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert wait_for(lambda: not alive(child)), "the child outlived the killed build"
    finally:
        parent.kill()
        parent.wait()
