"""Fuzzing articles, directives and pages: every variant reads cleanly or gives located problems, never a traceback."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bangvang.core.site import load_site
from conftest import CATEGORIES, Site, settings_for, write_config

FUZZ = settings(
    max_examples=250,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# YAML written by careless hands: wrong shapes, broken syntax, control characters, tags.
RAW_VALUES = [
    "{}",
    "[]",
    "[giay_khen]",
    "{a: 1}",
    "null",
    "~",
    "''",
    '"  "',
    "true",
    "0",
    "-1",
    "1e400",
    ".nan",
    "2020-13-45",
    "2020-02-30 25:61",
    "'2020-09-30'",
    "0x1F",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system ['true']",
    "&a [*a]",
    "*undefined",
    "'unterminated",
    '"\\x0b"',
    "a\x0bb",
    "a\x00b",
    "\x1b[31m",
    "\u202eevil",
    "\ufeffBOM",
    ": :",
    "- a",
    "|\n  nhiều\n  dòng",
    "[1, [2, [3, {4: 5}]]]",
    "javascript:alert(1)",
    "HTTPS://EXAMPLE.ORG/x",
    "http://",
    "a" * 300,
    "anh/" + "x" * 300 + ".png",
    "../../../../etc/passwd",
    "/anh/khong-co.png",
    "Văn bản chỉ đạo",
    "hieu_luc",
    "bi_thay_the",
    "trung_uong",
    "Kết luận",
    "49-KL/TW",
]

PLAIN = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False)
    | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


@st.composite
def yaml_value(draw: st.DrawFn) -> str:
    """A value as written after "key: ": a raw hostile snippet, or any YAML value dumped in flow style."""
    if draw(st.booleans()):
        return draw(st.sampled_from(RAW_VALUES))
    value = draw(PLAIN)
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).removesuffix("\n...\n").strip()


BODY_TOKENS = [
    "[",
    "]",
    "(",
    ")",
    "`",
    "```",
    "~~~",
    "<",
    ">",
    "#",
    "## Mục",
    "{: #neo }",
    "{#neo}",
    "\n",
    "\n\n",
    "    ",
    "Kết luận số 49",
    "Chỉ thị 11 ngày 25/5/2021 của Bộ Chính trị",
    "49-KL/TW",
    "281/ QĐ-TTg",
    "[a](../2020/x.md#y)",
    "[a](#neo)",
    "[a](#khong-co)",
    "[b](tin-tuc/)",
    "![a](anh/x.png)",
    "[r]: khong-co.md",
    "<a href='javascript:x'>",
    "<span id='neo'>",
    "javascript:",
    "&#x09;",
    "\x00",
    "\x0b",
    "\ufeff",
    "\u202e",
    "đ",
    "Ð",
    "---",
]


@st.composite
def markdown_file(draw: st.DrawFn, keys: list[str]) -> bytes:
    """A Markdown file: some of ``keys`` with hostile values, a hostile body, maybe a BOM, CRLF or bad bytes."""
    chosen = draw(st.lists(st.sampled_from([*keys, "khoa_la", "title"]), max_size=len(keys) + 2))
    lines = [f"{key}: {draw(yaml_value())}" for key in chosen]
    body = "".join(draw(st.lists(st.sampled_from(BODY_TOKENS), max_size=30)))
    opening = draw(st.sampled_from(["---\n", "---\n", "--- \n", ""]))
    closing = draw(st.sampled_from(["---\n", "---\n", "...\n", ""]))
    text = opening + "\n".join(lines) + "\n" + closing + "\n" + body + "\n"
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")
    prefix = draw(st.sampled_from([b"", b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
    return prefix + data


def _fresh_site() -> Site:
    root = Path(tempfile.mkdtemp(prefix="bangvang-fuzz-"))
    write_config(root)
    made = Site(root)
    made.write("index.md", "---\ntitle: Trang chủ\n---\n\n# Trang chủ\n")
    return made


def _assert_clean_or_located(site: Site, written: dict[str, bytes]) -> None:
    source = load_site(settings_for(site), read_honours=False)  # must not raise
    for problem in source.problems:
        assert problem.path.startswith("content/"), problem
        assert problem.message.strip(), problem
        data = written.get(problem.path.removeprefix("content/"))
        if data is not None:
            assert 1 <= problem.line <= data.count(b"\n") + data.count(b"\r") + 1, problem
    with_errors = {p.path for p in source.problems if p.severity.name == "ERROR"}
    for article in source.articles:
        assert f"content/{article.src_uri}" not in with_errors


ARTICLE_KEYS = ["title", "date", "category", "tags", "summary", "author", "source", "image", "draft"]
DIRECTIVE_KEYS = ["number", "aliases", "kind", "issuer", "level", "signed", "subject", "status", "superseded_by", "url"]


@FUZZ
@given(article=markdown_file(ARTICLE_KEYS), directive=markdown_file(DIRECTIVE_KEYS), page=markdown_file(["title"]))
def test_fuzzed_articles_directives_and_pages_never_raise(article: bytes, directive: bytes, page: bytes) -> None:
    site = _fresh_site()
    try:
        site.image("anh/x.png")
        written = {"tin-tuc/2022/bai.md": article, "van-ban/vb.md": directive, "gioi-thieu.md": page}
        for rel, data in written.items():
            path = site.content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _assert_clean_or_located(site, written)
    finally:
        shutil.rmtree(site.root, ignore_errors=True)


RAW = st.sampled_from(RAW_VALUES)
ANY_VALUE = st.one_of(st.none(), PLAIN, RAW, RAW)
SUB_KEYS = {"image": ("src", "alt"), "source": ("name", "url")}


@settings(FUZZ, max_examples=400)
@given(
    values=st.fixed_dictionaries(
        {
            key: ANY_VALUE | st.fixed_dictionaries(dict.fromkeys(SUB_KEYS[key], ANY_VALUE))
            if key in SUB_KEYS
            else ANY_VALUE
            for key in ARTICLE_KEYS
        }
    )
)
def test_fuzzed_article_values_of_any_shape_never_raise(values: dict[str, object]) -> None:
    site = _fresh_site()
    try:
        site.image("anh/x.png")
        front = {k: v for k, v in values.items() if v is not None}
        front.setdefault("category", CATEGORIES[0])
        try:
            path = site.article(2022, "bai", **front)
        except yaml.YAMLError:
            return
        _assert_clean_or_located(site, {"tin-tuc/2022/bai.md": path.read_bytes()})
    finally:
        shutil.rmtree(site.root, ignore_errors=True)


@FUZZ
@given(values=st.fixed_dictionaries(dict.fromkeys(DIRECTIVE_KEYS, ANY_VALUE)))
def test_fuzzed_directive_values_of_any_shape_never_raise(values: dict[str, object]) -> None:
    site = _fresh_site()
    try:
        front = {k: v for k, v in values.items() if v is not None}
        try:
            head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        except yaml.YAMLError:
            return
        path = site.write("van-ban/vb.md", f"---\n{head}---\n\nXem Kết luận số 49.\n")
        site.article(2022, "bai", body="Theo Kết luận 49-KL/TW và Chỉ thị số 11.\n")
        _assert_clean_or_located(site, {"van-ban/vb.md": path.read_bytes()})
    finally:
        shutil.rmtree(site.root, ignore_errors=True)
