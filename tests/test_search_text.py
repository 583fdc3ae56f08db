"""The search normalisation, checked against the vectors the lookup script shares."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bangvang.core.search_text import exact_word, fold, query_terms
from bangvang.mkdocs_plugin.search_index import folded_d_words
from conftest import Site

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


_WORD = re.compile(r"\w+")


def _d_words_oracle(html: str) -> str:
    """The words (maximal runs of word characters) holding đ, Đ or Ð in a page's text, folded, once each."""
    text = re.sub(r"<[^<>]+>", " ", html)
    return " ".join(sorted({fold(word) for word in _WORD.findall(text) if set(word) & set("đĐÐ")}))


D_WORD_CASES = [
    "",
    "đ",
    "Đồng Tháp đón đoàn",
    "Quyết định 281/QĐ-TTg ngày 25/5/2021",
    "xđy aĐb_cđ Ðo",
    "<p>Hội <b>đồ</b>ng</p><a href='đường'>Đà Nẵng</a>",
    "đđđ đ-đ đ.đ",
    "ẹđ ₫ 𝐝đ đ\u0301",
    "a" * 1000 + "đ " + "b" * 1000,
    "đ" * 5000 + " x" * 10,
]


@pytest.mark.parametrize("html", D_WORD_CASES, ids=range(len(D_WORD_CASES)))
def test_the_words_folded_for_the_search_are_every_word_with_a_d_stroke(html: str) -> None:
    assert folded_d_words(html) == _d_words_oracle(html)


def test_the_words_folded_for_the_search_match_on_the_built_articles(built_example: Site) -> None:
    pages = [path.read_text("utf-8") for path in (built_example.out / "tin-tuc").rglob("*.html")]
    assert len(pages) > 20
    assert all(folded_d_words(html) == _d_words_oracle(html) for html in pages)
    assert any(folded_d_words(html) for html in pages)
