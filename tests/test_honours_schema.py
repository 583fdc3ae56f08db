"""honours/schema.json says exactly what the reader accepts (issue 8, point 12).

Editors see the schema in VS Code; the build uses the reader. The keys,
types, patterns and enums are compared structurally, then seeded mutations
of a valid decision are judged by both: a real JSON Schema validator
(``jsonschema``) and the reader must agree on every one.
"""

from __future__ import annotations

import copy
import json
import random
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bangvang.core.directives import LEVELS
from bangvang.core.honours.entries import REQUIRED_FIELDS, STT_PATTERN
from bangvang.core.honours.guard import MAX_TEXT_LENGTH
from bangvang.core.honours.model import ENTRY_FIELDS, FORMS, KINDS, LIST_FIELDS
from bangvang.core.honours.privacy import personal_data
from bangvang.core.honours.reader import (
    ARTICLE_PATTERN,
    CSV_NAME_PATTERN,
    DATE_PATTERN,
    DECISION_KEYS,
    PERIOD_PATTERN,
    read_decision,
)

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "honours/schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_schema_keys_enums_and_patterns_are_the_readers() -> None:
    props = SCHEMA["properties"]
    entry = SCHEMA["definitions"]["entry"]
    assert tuple(props) == DECISION_KEYS and SCHEMA["additionalProperties"] is False
    assert set(SCHEMA["required"]) == {"number", "signed", "issuer", "form", "period", "title"}
    assert tuple(entry["properties"]) == LIST_FIELDS and entry["additionalProperties"] is False
    assert tuple(entry["required"]) == REQUIRED_FIELDS
    assert props["form"]["enum"] == list(FORMS)
    assert props["issuer"]["properties"]["level"]["enum"] == list(LEVELS)
    assert entry["properties"]["kind"]["enum"] == list(KINDS)
    for key, pattern in (("signed", DATE_PATTERN), ("article", ARTICLE_PATTERN), ("entries_csv", CSV_NAME_PATTERN)):
        assert props[key]["pattern"] == "^" + pattern.pattern.replace("(?:", "(") + "$", key
    samples = ["2023", "2016-2020", "1999", "1899", "2100", "2016–2020", "2016 -2020", "20230", "2023-", " 2023"]
    period = re.compile(props["period"]["pattern"])
    assert [bool(period.search(s)) for s in samples] == [bool(PERIOD_PATTERN.fullmatch(s)) for s in samples]
    stt = entry["properties"]["stt"]["anyOf"]
    assert stt[0] == {"type": "integer", "minimum": 1, "maximum": 999_999_999}
    assert STT_PATTERN.fullmatch("999999999") and not STT_PATTERN.fullmatch("1000000000")
    assert stt[1]["pattern"] == r"^\s*" + STT_PATTERN.pattern + r"\s*$"
    assert SCHEMA["definitions"]["text"]["maxLength"] == MAX_TEXT_LENGTH


BASE: dict[str, Any] = {
    "number": "1234/QĐ-UBND",
    "aliases": ["1234/QĐ-UB"],
    "signed": "2020-09-30",
    "issuer": {"name": "Ủy ban nhân dân tỉnh Hà Tĩnh", "level": "tinh"},
    "form": "cong_nhan",
    "period": "2016-2020",
    "title": "Gia đình học tập",
    "basis": ["281/QĐ-TTg"],
    "article": "tin-tuc/2020/bai-viet",
    "sample": True,
    "entries": [
        {
            "stt": 1,
            "kind": "gia_dinh",
            "name": "Gia đình ông Nguyễn Văn An",
            "person": "Nguyễn Văn An",
            "village": "Thôn 3",
            "commune": "Xã Thiên Lộc",
            "district": "Huyện Can Lộc",
            "province": "Tỉnh Hà Tĩnh",
        },
        {"stt": 2, "kind": "dong_ho", "name": "Dòng họ Lê", "commune": "Xã Thiên Lộc", "province": "Tỉnh Hà Tĩnh"},
    ],
}

# Values a careless or hostile editor writes; each is judged the same way by schema and reader.
TEXTS = ["Xã A", "Thôn 5", " Xã B ", "Ðồng Tháp", "0912 345 678", "123456789", "a@b.vn", "=1+1", "+84", "-", "@x"]
TEXTS += [" =1", "\u200bA", "A\u202eB", "\tA", "A\x0bB", "Gia ®×nh", "A" * 301, "A" * 300, "", " ", "12/3/1980"]
TEXTS += ["Số nhà 5", "ngõ 7"]
OTHERS: list[Any] = [None, 0, 1, -1, 12, 1.5, True, False, [], {}, ["x"], {"a": 1}, "12", " 7 ", "0x10", "1.5"]
DATES = ["2020-09-30", "2020-02-30", "2020-9-30", "2026-01-20", "1850-01-01", "2020-09-30 10:00", "30/9/2020"]
PERIODS = ["2023", "2016-2020", "2016–2020", "2016 - 2020", "0000", "20230", "2023-"]
OTHER_KEYS = ["ghi_chu", "Number", "entries "]


def _pool(rng: random.Random) -> Any:
    return rng.choice([*TEXTS, *OTHERS, *DATES, *PERIODS, *KINDS, *FORMS, *LEVELS, "tin-tuc/2020/a.md", "a.csv"])


def _mutate(doc: dict[str, Any], rng: random.Random) -> None:
    where = rng.random()
    if where < 0.08:
        doc.pop(rng.choice(list(doc)), None)
    elif where < 0.12:
        doc[rng.choice(OTHER_KEYS)] = "x"
    elif where < 0.5:
        doc[rng.choice([*BASE, "entries_csv"])] = _pool(rng)
    elif where < 0.6 and isinstance(doc.get("issuer"), dict):
        issuer = doc["issuer"]
        if rng.random() < 0.2:
            issuer.pop(rng.choice(["name", "level"]), None)
        else:
            issuer[rng.choice(["name", "level", "cap"])] = _pool(rng)
    elif where < 0.65:
        doc[rng.choice(["aliases", "basis"])] = rng.choice([[_pool(rng)], ["A", "A"], ["281/QĐ-TTg", _pool(rng)]])
    elif isinstance(doc.get("entries"), list) and doc["entries"]:
        entry = rng.choice(doc["entries"])
        if not isinstance(entry, dict):
            return
        if rng.random() < 0.1:
            entry.pop(rng.choice(list(entry)), None)
        else:
            entry[rng.choice([*LIST_FIELDS, "phone"])] = _pool(rng)


def _reader_accepts(tmp_path: Path, doc: dict[str, Any], index: int) -> bool:
    folder = tmp_path / f"v{index}"
    honours = folder / "honours"
    honours.mkdir(parents=True)
    path = honours / "qd.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if isinstance(doc.get("entries_csv"), str) and CSV_NAME_PATTERN.fullmatch(doc["entries_csv"]):
        row = "1,gia_dinh,Gia đình ông An,,,,Xã A,,Tỉnh B\n"
        (honours / doc["entries_csv"]).write_text(",".join(ENTRY_FIELDS) + "\n" + row, encoding="utf-8")
    decision, _ = read_decision(path, folder)
    return decision is not None


def _disputed(doc: dict[str, Any]) -> bool:
    """Tell whether a document breaks a rule no JSON Schema can state (dates that do not exist aside)."""
    period = doc.get("period")
    if isinstance(period, str) and PERIOD_PATTERN.fullmatch(period):
        first, _, last = period.partition("-")
        if last and last < first:
            return True
    entries = doc.get("entries")
    if isinstance(entries, list):
        stts = [e.get("stt") for e in entries if isinstance(e, dict)]
        ints = [int(s) if isinstance(s, str) and s.strip().isdigit() else s for s in stts]
        if len(set(map(repr, ints))) < len(ints):
            return True
    # JSON Schema counts 1.0 as an integer; an STT is written in digits.
    if isinstance(entries, list) and any(isinstance(e, dict) and isinstance(e.get("stt"), float) for e in entries):
        return True
    # The privacy guard sees more than the schema's patterns can say (separators, prefixes).
    return any(personal_data(text) and not _schema_sees(text) for text in _strings(doc))


_PRIVACY = [re.compile(item["pattern"]) for item in SCHEMA["definitions"]["entryText"]["not"]["anyOf"]]


def _schema_sees(text: str) -> bool:
    return any(pattern.search(text) for pattern in _PRIVACY)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_schema_and_reader_agree_on_mutated_decisions(tmp_path: Path) -> None:
    rng = random.Random(2026)
    assert _reader_accepts(tmp_path, BASE, -1) and VALIDATOR.is_valid(BASE)
    disagreements = []
    for index in range(600):
        doc = copy.deepcopy(BASE)
        if rng.random() < 0.2:
            doc.pop("entries")
            doc["entries_csv"] = rng.choice(["qd.csv", "../x.csv", "/etc/passwd", "Qd.csv", "qd.txt", 5])
        for _ in range(rng.randint(1, 3)):
            _mutate(doc, rng)
        if _disputed(doc):
            continue
        by_schema = VALIDATOR.is_valid(doc)
        by_reader = _reader_accepts(tmp_path, doc, index)
        if by_schema != by_reader:
            disagreements.append((by_schema, by_reader, doc))
    assert disagreements == []


@pytest.mark.parametrize("example", sorted((REPO / "honours").glob("*.yaml")), ids=lambda p: p.name)
def test_example_decisions_are_valid_by_the_schema(example: Path) -> None:
    doc = yaml.safe_load(example.read_text(encoding="utf-8"))
    doc["signed"] = doc["signed"].isoformat()  # what VS Code's YAML server sees: the text as written
    assert list(VALIDATOR.iter_errors(doc)) == []
