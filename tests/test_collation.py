"""Vietnamese collation and the order of people's names."""

from __future__ import annotations

import random
import unicodedata

from bangvang.core.collation import (
    collation_key,
    collation_string,
    given_name_key,
    given_name_string,
    person_name,
    spelling_string,
)


def test_alphabet_order_not_code_points() -> None:
    words = ["Zô", "Đức", "Dung", "Yên", "Ý", "Ánh", "Ăn", "Ân", "An", "Ê", "Em", "Ơn", "Ổn", "Ưng", "Uyên", "Bình"]
    assert sorted(words, key=collation_key) == [
        "An", "Ánh", "Ăn", "Ân", "Bình", "Dung", "Đức", "Em", "Ê", "Ổn", "Ơn", "Uyên", "Ưng", "Ý", "Yên", "Zô",
    ]  # fmt: skip


def test_tones_order_after_letters() -> None:
    words = ["Hóa", "Họa", "Hòa", "Hoa", "Hỏa", "Hõa"]
    assert sorted(words, key=collation_key) == ["Hoa", "Hòa", "Hỏa", "Hõa", "Hóa", "Họa"]
    assert sorted(["Hải", "Hà", "Hai"], key=collation_key) == ["Hà", "Hai", "Hải"]


def test_tone_placement_and_normal_forms_do_not_matter() -> None:
    assert collation_key("Hoà")[:2] == collation_key("Hòa")[:2]
    assert collation_key("Thuý")[:2] == collation_key("Thúy")[:2]
    assert collation_key("Khoẻ")[:2] == collation_key("Khỏe")[:2]
    nfd = unicodedata.normalize("NFD", "Nguyễn Đức Ánh")
    assert collation_key(nfd)[:2] == collation_key("Nguyễn Đức Ánh")[:2]


def test_eth_sorts_as_d_with_stroke() -> None:
    assert collation_key("Ðức")[:2] == collation_key("Đức")[:2]
    assert sorted(["Đào", "Dương", "Ðinh"], key=collation_key) == ["Dương", "Đào", "Ðinh"]


def test_people_are_listed_by_given_name_then_the_rest() -> None:
    people = ["Nguyễn Văn Bình", "Trần Thị Ánh", "Lê An", "Đỗ Văn Đức", "Phạm Văn Dũng", "Hoàng Thị Ân", "Bùi An"]
    assert sorted(people, key=given_name_key) == [
        "Bùi An", "Lê An", "Trần Thị Ánh", "Hoàng Thị Ân", "Nguyễn Văn Bình", "Phạm Văn Dũng", "Đỗ Văn Đức",
    ]  # fmt: skip


def test_person_named_in_an_entry() -> None:
    assert person_name("Gia đình ông Nguyễn Văn An") == "Nguyễn Văn An"
    assert person_name("Gia đình bà Hoàng Thị Hoa") == "Hoàng Thị Hoa"
    assert person_name("Bà Lê Thị Mai") == "Lê Thị Mai"
    assert person_name("Dòng họ Nguyễn Đức") == "Dòng họ Nguyễn Đức"
    assert person_name("Ông") == "Ông"


def _sign(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


def test_the_collation_string_orders_exactly_as_the_collation_key() -> None:
    rng = random.Random(13)
    syllables = ["An", "Ân", "Anh", "Ánh", "Bảo", "Bình", "Đào", "Dũng", "Hòa", "Hoà", "Hoa", "Hỏa", "Hà", "Hai", "Hải"]
    syllables += ["Ư", "Ưng", "Uyên", "Ngọc", "Nguyễn", "Ngô", "Thị", "Văn", "Z", "zz", "É", "Ð", "Đ", "A1", "A-B"]
    syllables += ["Œ", "日本", "\U0010fffd", "\U0010fffe", "a\u0323\u0306"]
    texts = ["", " ", *(" ".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(3000))]
    for a, b in zip(texts, rng.sample(texts, len(texts)), strict=True):
        assert _sign(collation_string(a), collation_string(b)) == _sign(collation_key(a), collation_key(b)), (a, b)
        assert _sign(given_name_string(a), given_name_string(b)) == _sign(given_name_key(a), given_name_key(b)), (a, b)
    assert sorted(texts, key=collation_string) == sorted(texts, key=collation_key)
    for a, b in zip(texts, rng.sample(texts, len(texts)), strict=True):
        assert (spelling_string(a) == spelling_string(b)) == (collation_key(a)[:2] == collation_key(b)[:2]), (a, b)
    assert spelling_string("Hoà  HẢI") == spelling_string("hòa hải") != spelling_string("Hoa Hải")
    assert sorted(texts, key=given_name_string) == sorted(texts, key=given_name_key)
