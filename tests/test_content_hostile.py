"""Hostile and careless content: script links, symlinks out of the repository, BOMs, huge lines."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bangvang.core import links
from bangvang.core.search_text import fold
from bangvang.core.site import load_site
from bangvang.mkdocs_plugin.search_index import folded_d_words
from conftest import HANG_GUARD_SECONDS, Site, settings_for


def problems_of(site: Site) -> list[str]:
    """Run the core check on a site and return its messages."""
    return [str(p) for p in load_site(settings_for(site), read_honours=False).problems]


# ---------------------------------------------------------------- point 8: no script links

HOSTILE_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](   javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](< javascript:alert(1)>)",
    "[x](\n<\tjavascript:alert(1)>)",
    "[x](java&#x09;script:alert(1))",
    "[x](java&Tab;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](java%09script:alert(1))",
    "[x](%6Aavascript:alert(1))",
    '[x](javascript:alert(1) "tiêu đề")',
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "[x](DATA:text/html,abc)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[r]:   <JAVASCRIPT:alert(1)>",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<a href=' JAVASCRIPT:alert(1)'>x</a>",
    "<a href=javascript:alert(1)>x</a>",
    '<a\nhref="java&#x0A;script:alert(1)">x</a>',
    '<form action="javascript:alert(1)"><button formaction="vbscript:x">b</button></form>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<iframe src="data:text/html,&lt;b&gt;"></iframe>',
    '<img src="anh/x.png" onerror="alert(1)">',
    "<script>alert(1)</script>",
    '[x](https://example.org){: onclick="alert(1)" }',
    '[x](https://example.org){: href="javascript:alert(1)" }',
    '<a title=">" href="javascript:alert(1)">x</a>',
    '<a title="<" href="javascript:alert(1)">x</a>',
    "<a title='>' HREF = javascript:alert(1)>x</a>",
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<base href="https://evil.example/">',
    '<div\nonmouseover="alert(1)">x</div>',
]

HARMLESS = [
    "[x](HTTPS://EXAMPLE.ORG/)",
    "[x](Https://example.org/javascript:alert)",
    "[x](mailto:bientap@example.org)",
    '<a href="https://example.org/?q=data:1">x</a>',
    "javascript: một ngôn ngữ lập trình; data: số liệu năm 2020.",
    "Mã `[x](javascript:alert(1))` và `<script>` chỉ để đọc.",
    '```\n<a href="javascript:alert(1)">x</a>\n```',
    '<img src="https://example.org/a.png" alt="data: 2020">',
    "<!-- bản cũ: [x](javascript:alert(1)) [y](khong-co.md) -->",
    "Học online = học trực tuyến; only = chỉ; to = đến; data = dữ liệu; href = địa chỉ.",
    '<a href="https://example.org/" title="onclick">x</a>',
]


@pytest.mark.parametrize("text", HOSTILE_LINKS)
def test_script_link_is_a_located_error(site: Site, text: str) -> None:
    site.write("gioi-thieu.md", f"---\ntitle: Giới thiệu\n---\n\nMở đầu.\n\n{text}\n")
    messages = problems_of(site)
    lines = [f"content/gioi-thieu.md:{7 + n}: " for n in range(text.count("\n") + 1)]
    assert messages, text
    assert all(m.startswith(tuple(lines)) and "chạy mã" in m for m in messages), messages


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_links_and_code_are_accepted(site: Site, text: str) -> None:
    site.write("gioi-thieu.md", f"---\ntitle: Giới thiệu\n---\n\nMở đầu.\n\n{text}\n")
    assert problems_of(site) == []


def test_script_links_are_found_in_articles_and_directives(site: Site) -> None:
    site.article(2022, "bai", body="Xem [đây](javascript:alert(1)).\n")
    site.write(
        "van-ban/ket-luan-49-kl-tw.md",
        """\
        ---
        number: "49-KL/TW"
        kind: "Kết luận"
        issuer: "Bộ Chính trị"
        level: trung_uong
        signed: 2019-05-10
        subject: "Về tiếp tục thực hiện Chỉ thị 11"
        ---

        <a href="vbscript:x">gốc</a>
        """,
    )
    messages = problems_of(site)
    assert any(m.startswith("content/tin-tuc/2022/bai.md:7: liên kết 'javascript:'") for m in messages), messages
    assert any(m.startswith("content/van-ban/ket-luan-49-kl-tw.md:10: thuộc tính href='vbscript:") for m in messages)


def test_script_link_stops_the_build_and_is_never_published(site: Site) -> None:
    site.write("gioi-thieu.md", "---\ntitle: Giới thiệu\n---\n\n[x](java&#x09;script:alert(1))\n")
    check = site.check()
    assert check.code == 1
    assert "content/gioi-thieu.md:5: liên kết 'javascript:' có thể chạy mã" in check.output
    build = site.build()
    assert build.code == 1
    assert "content/gioi-thieu.md:5: liên kết 'javascript:'" in build.output
    assert not site.out.exists()


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://example.org/bai", True),
        ("HTTPS://EXAMPLE.ORG/bai", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT://example.org/%0aalert(1)", False),
        ("data:text/html,abc", False),
        (" javascript:alert(1)", False),
    ],
)
def test_front_matter_addresses_are_http_only(site: Site, url: str, accepted: bool) -> None:
    site.article(2022, "bai", source={"name": "Báo", "url": url})
    site.write(
        "van-ban/ket-luan-49-kl-tw.md",
        "---\n"
        'number: "49-KL/TW"\nkind: "Kết luận"\nissuer: "Bộ Chính trị"\nlevel: trung_uong\n'
        f'signed: 2019-05-10\nsubject: "Về khuyến học"\nurl: "{url}"\n---\n\nNội dung.\n',
    )
    messages = problems_of(site)
    if accepted:
        assert messages == []
    else:
        assert any(m.startswith("content/tin-tuc/2022/bai.md:") and "'source.url'" in m for m in messages)
        assert any(m.startswith("content/van-ban/ket-luan-49-kl-tw.md:8: 'url'") for m in messages), messages


def test_cover_image_with_a_script_scheme_or_a_huge_name_is_a_located_error(site: Site) -> None:
    site.article(2022, "kich-ban", image={"src": "javascript:alert(1)", "alt": "x"})
    site.article(2022, "dai", image={"src": "a" * 300 + ".png", "alt": "x"})
    site.article(2022, "nul", image={"src": "a\x00b.png", "alt": "x"})
    site.image("anh/a.png")
    site.article(2022, "hoa", image={"src": "HTTPS://EXAMPLE.ORG/a.png", "alt": "x"})
    messages = problems_of(site)
    assert sorted(m.split(": ", 1)[0] for m in messages) == [
        "content/tin-tuc/2022/dai.md:6",
        "content/tin-tuc/2022/kich-ban.md:6",
        "content/tin-tuc/2022/nul.md:6",
    ], messages
    assert all("'image.src'" in m for m in messages)


# ---------------------------------------------------------------- point 7: nothing from outside


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the site holding a secret."""
    folder = tmp_path / "ngoai"
    folder.mkdir()
    (folder / "bi-mat.txt").write_text("MẬT-KHẨU-123\n", encoding="utf-8")
    (folder / "bai.md").write_text("---\ntitle: MẬT-KHẨU-123\n---\n\n[MẬT-KHẨU-123](khong-co.md)\n", encoding="utf-8")
    return folder


def test_symlinks_out_of_the_repository_are_located_errors(make_site, outside: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site("trong")
    os.symlink(outside / "bi-mat.txt", site.content / "leak.txt")
    os.symlink(outside / "bai.md", site.content / "bai.md")
    os.symlink(outside, site.content / "thu-muc")
    (site.root / "tai-lieu").mkdir()
    (site.root / "tai-lieu" / "quy-che.txt").write_text("Quy chế\n", encoding="utf-8")
    os.symlink(site.root / "tai-lieu" / "quy-che.txt", site.content / "quy-che.txt")  # inside: fine
    check = site.check()
    assert check.code == 1
    for name in ("bai.md", "leak.txt", "thu-muc"):
        assert f"content/{name}:1: liên kết tượng trưng (symlink) trỏ ra ngoài kho nội dung" in check.output
    assert "quy-che" not in check.output
    assert "MẬT-KHẨU" not in check.output
    build = site.build()
    assert build.code == 1
    assert "MẬT-KHẨU" not in build.output
    assert not (site.out / "leak.txt").exists()
    assert not site.out.exists()


def test_looping_or_dangling_symlinks_are_located_errors(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site("vong")
    os.symlink(site.root, site.content / "vong")
    os.symlink(site.root / "khong-co.txt", site.content / "treo.txt")
    check = site.check()
    assert check.code == 1
    assert "content/vong:1: liên kết tượng trưng (symlink) trỏ tới thư mục chứa chính nội dung" in check.output
    assert "content/treo.txt:1: liên kết tượng trưng (symlink) hỏng hoặc vòng lặp" in check.output


def test_symlink_inside_the_repository_is_published(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site("trong")
    (site.root / "tai-lieu").mkdir()
    (site.root / "tai-lieu" / "quy-che.txt").write_text("Quy chế\n", encoding="utf-8")
    os.symlink(site.root / "tai-lieu" / "quy-che.txt", site.content / "quy-che.txt")
    assert site.check().code == 0
    assert site.build().code == 0
    assert (site.out / "quy-che.txt").read_text(encoding="utf-8") == "Quy chế\n"


# ---------------------------------------------------------------- point 13: a BOM is accepted


def test_markdown_files_saved_with_a_bom_are_read_and_built(site: Site) -> None:
    article = site.article(2022, "notepad", title="Bài lưu bằng Notepad")
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes().replace(b"\n", b"\r\n"))
    page = site.write(
        "gioi-thieu.md", "---\ntitle: Giới thiệu\n---\n\n# Giới thiệu\n\n[bài](tin-tuc/2022/notepad.md)\n"
    )
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    assert problems_of(site) == []
    check = site.check("--strict")
    assert check.code == 0, check.output
    build = site.build()
    assert build.code == 0, build.output
    html = site.html("tin-tuc/2022/notepad/")
    assert "Bài lưu bằng Notepad</h1>" in html
    assert "title: Bài" not in html
    assert "\ufeff" not in html


# ---------------------------------------------------------------- point 10: no regex that can hang

MEGABYTE = 1_000_000
HUGE_LINES = {
    "one word": "a" * MEGABYTE,
    "open brackets": "[" * MEGABYTE,
    "close brackets": "]" * MEGABYTE,
    "image openers": "![" * (MEGABYTE // 2),
    "link openers": "](" * (MEGABYTE // 2),
    "unclosed links": "[a](" * (MEGABYTE // 4),
    "unclosed titles": '[a](x "' * (MEGABYTE // 7),
    "nested brackets": "[" + "a[b]" * (MEGABYTE // 4),
    "backticks": "`" * MEGABYTE,
    "backtick pairs": "`a" * (MEGABYTE // 2),
    "uneven backticks": "``a`" * (MEGABYTE // 4),
    "angle brackets": "<" * MEGABYTE,
    "open tags": "<a " * (MEGABYTE // 3),
    "unclosed html links": "<a>" * (MEGABYTE // 3),
    "attribute lists": '{: a="' * (MEGABYTE // 6),
    "entities": "&#" * (MEGABYTE // 2),
    "backslashes": "\\" * MEGABYTE,
    "digits": "1" * MEGABYTE,
    "short mentions": "Kết luận số 49 " * (MEGABYTE // 15),
    "full mentions": "Kết luận số 49-KL/TW " * (MEGABYTE // 21),
    "mention with context": "Chỉ thị 11 ngày " * (MEGABYTE // 16),
    "name then number": "a" * MEGABYTE + " 1234",
    "newlines": "\n" * MEGABYTE,
    "reference openers": "[a]: " * (MEGABYTE // 5),
    "comment openers": "<!--" * (MEGABYTE // 4),
    "comments": "<!---->" * (MEGABYTE // 7),
}


@pytest.mark.parametrize("name", list(HUGE_LINES))
def test_check_of_a_megabyte_line_finishes_quickly(site: Site, name: str) -> None:
    """Each rule is linear: 1 MB must not hang the check (see HANG_GUARD_SECONDS)."""
    body = HUGE_LINES[name]
    site.write("tin-tuc/2022/dai.md", f"---\ntitle: T\ndate: 2022-01-01\ncategory: Văn bản chỉ đạo\n---\n\n{body}\n")
    started = time.perf_counter()
    load_site(settings_for(site), read_honours=False)
    assert time.perf_counter() - started < HANG_GUARD_SECONDS


@pytest.mark.parametrize("name", list(HUGE_LINES))
def test_link_and_script_scanners_and_search_folding_are_linear(name: str) -> None:
    body = HUGE_LINES[name]
    started = time.perf_counter()
    links.find_links(body, 1)
    links.find_script_links(body, 1)
    links.code_spans(body)
    # The build folds each article's text for the header search: a 1 MB word took minutes.
    folded_d_words(body)
    fold(body)
    assert time.perf_counter() - started < HANG_GUARD_SECONDS
