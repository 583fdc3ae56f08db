"""Writing an import: STTs after the decision's last (or the sheet's own), duplicates refused, CSV and YAML written.

Nothing is written until everything has read: the CSV and YAML go to
temporary files first and replace the old ones whole.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..honours.entries import same_name_key
from ..honours.model import ENTRY_FIELDS
from ..text import slugify
from .importer import Candidate, Found, ImportInputError
from .report import Imported, Report


@dataclass
class Target:
    """The decision an import goes into: its YAML, its CSV, the rows it already has."""

    yaml_path: Path
    csv_path: Path
    exists: bool
    rows: list[dict[str, str]] = field(default_factory=list)
    yaml_text: str = ""


def open_target(decision: Path | None, found: Found, honours: Path) -> Target:
    """Find the decision YAML (given, or named by the "Kèm theo Quyết định số …" line) and read its list."""
    if decision is None:
        if not found.number:
            raise ImportInputError(
                "không thấy số quyết định trong bảng tính (dòng 'Kèm theo Quyết định số …'); "
                "chỉ rõ tệp quyết định bằng --quyet-dinh honours/TÊN.yaml"
            )
        decision = honours / f"{slugify(found.number)}.yaml"
    if decision.suffix != ".yaml":
        raise ImportInputError(f"--quyet-dinh {decision}: tệp quyết định phải có đuôi .yaml")
    if not decision.exists():
        return Target(decision, decision.with_suffix(".csv"), exists=False)
    text = decision.read_text(encoding="utf-8-sig")
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ImportInputError(f"{decision}: tệp quyết định không đọc được ({exc}); sửa rồi nhập lại") from None
    if not isinstance(data, dict):
        raise ImportInputError(f"{decision}: tệp quyết định phải là các cặp 'khóa: giá trị'")
    if data.get("entries"):
        raise ImportInputError(
            f"{decision}: quyết định ghi danh sách ngay trong tệp (entries); để nhập từ bảng tính, chuyển danh sách "
            "sang tệp CSV (entries_csv) trước"
        )
    named = data.get("entries_csv")
    csv_path = decision.parent / named if isinstance(named, str) else decision.with_suffix(".csv")
    target = Target(decision, csv_path, exists=True, yaml_text=text)
    if csv_path.exists():
        with csv_path.open(encoding="utf-8-sig", newline="") as handle:
            target.rows = [dict(row) for row in csv.DictReader(handle)]
    return target


def place(candidates: list[Candidate], target: Target, replace: bool, report: Report) -> list[dict[str, str]]:
    """Give the candidates their STTs and refuse likely duplicates; return every row of the new list."""
    kept = [] if replace else list(target.rows)
    seen: dict[tuple[object, ...], str] = {}
    for row in kept:
        seen.setdefault(_key(row), f"STT {row.get('stt', '?')} đã có trong quyết định")
    fresh: list[Candidate] = []
    for candidate in candidates:
        key = _key(candidate.values)
        if key in seen:
            report.refused.append((candidate.where, f"có vẻ trùng: cùng tên và nơi ở với {seen[key]}; không nhập lại"))
            continue
        seen[key] = f"dòng {candidate.where}"
        fresh.append(candidate)
    last = max((int(row["stt"]) for row in kept if str(row.get("stt", "")).isdigit()), default=0)
    sources = [candidate.values.get("stt") for candidate in fresh]
    keep_own = last == 0 and all(isinstance(stt, int) for stt in sources) and len(set(sources)) == len(sources)
    rows = kept
    for number, candidate in enumerate(fresh, start=1):
        source = candidate.values.get("stt")
        stt = source if keep_own and isinstance(source, int) else last + number
        values = {**candidate.values, "stt": stt}
        rows.append({name: "" if values.get(name) is None else str(values[name]) for name in ENTRY_FIELDS})
        report.imported.append(
            Imported(candidate.where, int(stt), str(values["name"]), source if isinstance(source, int) else None)
        )
    return rows


def write(target: Target, rows: list[dict[str, str]], found: Found, title: str | None, source: str) -> None:
    """Write the list as our CSV, and the decision YAML: a skeleton when new, ``entries_csv`` added when missing."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ENTRY_FIELDS)
    writer.writerows([row.get(name, "") for name in ENTRY_FIELDS] for row in rows)
    target.yaml_path.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists:
        yaml_text = skeleton(target, found, title, source)
    elif "entries_csv" not in (yaml.safe_load(target.yaml_text) or {}):
        yaml_text = target.yaml_text.rstrip("\n") + f"\nentries_csv: {target.csv_path.name}\n"
    else:
        yaml_text = target.yaml_text
    _replace(target.csv_path, out.getvalue())
    if yaml_text != target.yaml_text:
        _replace(target.yaml_path, yaml_text)


def skeleton(target: Target, found: Found, title: str | None, source: str) -> str:
    """Return a new decision's YAML: the fields the sheet gave, the others as comments for the editor."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        "# yaml-language-server: $schema=schema.json",
        f"# Tạo bởi 'bangvang nhap' từ {source}: điền các khóa còn thiếu (dòng '# …' dưới đây),",
        "# rồi chạy bangvang check.",
    ]
    lines.append(f"number: {quoted(found.number)}" if found.number else '# number: "SỐ/QĐ-…"  (số quyết định)')
    lines.append("aliases: []")
    lines.append(f"signed: {found.signed}" if found.signed else "# signed: NĂM-THÁNG-NGÀY  (ngày ký)")
    lines += ["# issuer:", '#   name: "Ủy ban nhân dân …"  (cơ quan ban hành)', "#   level: huyen_xa"]
    lines.append("form: cong_nhan")
    lines.append(f"period: {quoted(found.year)}" if found.year else '# period: "NĂM"')
    lines.append(f"title: {quoted(title)}" if title else '# title: "Danh hiệu chung"')
    lines.append(f"entries_csv: {target.csv_path.name}")
    return "\n".join(lines) + "\n"


def _replace(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    temporary.replace(path)


def _key(values: dict[str, Any]) -> tuple[object, ...]:
    """Compare rows as the check does: the name as ``same_name_key`` folds it, then the places."""
    name = str(values.get("name") or "")
    places = tuple(str(values.get(name) or "") for name in ("village", "commune", "district", "province"))
    return (same_name_key(name), places)
