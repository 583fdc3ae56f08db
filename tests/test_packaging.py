"""What ships with the product: the editors' tools only, no benchmark, test or browser code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bangvang.cli import build_parser
from bangvang.cli import main as run_cli
from benchmarks.__main__ import main as run_benchmarks
from conftest import REPO

DEVELOPER_ONLY = {"benchmarks", "playwright", "pytest", "hypothesis", "jsonschema"}


def _imported(folder: Path) -> dict[str, set[str]]:
    """Map every module imported (absolutely) under ``folder`` to the files importing it."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name, set()).add(path.relative_to(REPO).as_posix())
    return found


def test_the_runtime_package_imports_no_developer_tool() -> None:
    imported = _imported(REPO / "scripts" / "bangvang")
    offending = {name: files for name, files in imported.items() if name.split(".")[0] in DEVELOPER_ONLY}
    assert offending == {}


def test_the_benchmarks_use_the_product_but_not_its_command_line() -> None:
    imported = _imported(REPO / "benchmarks")
    assert "bangvang.site_config" in imported
    assert not [name for name in imported if name == "bangvang.cli" or name.startswith("bangvang.cli.")]


def test_the_editors_command_offers_check_new_and_import_only(capsys: pytest.CaptureFixture[str]) -> None:
    commands = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(commands.choices or ()) == ["check", "import", "new", "nhap"]
    with pytest.raises(SystemExit) as exit_info:
        run_cli(["bench", "--articles", "10"])
    assert exit_info.value.code == 2
    assert "lựa chọn không có: 'bench'" in capsys.readouterr().err


def test_the_benchmarks_say_which_site_they_could_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_benchmarks(["--articles", "10", "--site", str(tmp_path)]) == 1
    assert (
        capsys.readouterr().err
        == f"benchmarks: không tìm thấy {tmp_path / 'mkdocs.yml'} (chạy lệnh trong thư mục site, hoặc chỉ rõ PATH)\n"
    )


def test_the_wheel_carries_the_unit_list_within_its_budget(tmp_path: Path) -> None:
    """The build reads the administrative units from inside the package (no network): the wheel must hold them."""
    import shutil
    import subprocess
    import sys
    import zipfile

    # A copy: pip builds in the source tree, and the checkout must stay clean.
    source = tmp_path / "source"
    ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "scripts", source / "scripts", ignore=ignored)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("bangvang-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    units = {name: size for name, size in sizes.items() if name.startswith("bangvang/core/units/")}
    assert "bangvang/core/units/units-2025.tsv.gz" in units
    assert sum(units.values()) < 3 * 1024 * 1024  # the budget for the data in the installed package
    assert any(name.startswith("bangvang/theme/") and name.endswith(".html") for name in sizes)
