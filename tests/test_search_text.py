"""The search normalisation, checked against the vectors the lookup script shares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bangvang.core.search_text import exact_word, fold, query_terms

VECTORS = json.loads((Path(__file__).parent / "search_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected"), VECTORS["fold"])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(("word", "expected"), VECTORS["exact"])
def test_exact_word(word: str, expected: str) -> None:
    assert exact_word(word) == expected


@pytest.mark.parametrize(("query", "expected"), VECTORS["query"])
def test_query_terms(query: str, expected: dict[str, object]) -> None:
    assert query_terms(query) == expected


def test_tone_placement_and_forms_agree() -> None:
    assert exact_word("Hoà") == exact_word("Hòa") != exact_word("Hoa")
    assert fold("Trần Văn Hải") != fold("Trần Văn Hà")
