"""Check = build for links: whatever stops ``mkdocs build --strict`` in a page's links, the check finds first."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from markdown.extensions.toc import slugify_unicode

from bangvang.core.site import load_site
from conftest import Site, settings_for

# The validation the repository's mkdocs.yml sets: every link warning stops a strict build.
STRICT_LINKS = {
    "validation": {
        "nav": {"omitted_files": "ignore"},
        "links": {"absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"},
    },
    "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list", "tables", "admonition"],
}

GOOD_PAGE = """\
---
title: Giới thiệu
---

# Giới thiệu

## Kết luận 49: "học tập" & <em>suốt đời</em>

## Kết luận 49: "học tập" & <em>suốt đời</em>

## Ban chấp hành { #ban-chap-hanh }

<span id="neo-html">x</span> <a name="ten-a">y</a>

Đoạn có mã riêng.
{: #doan-rieng }

[a](#ket-luan-49-hoc-tap-suot-oi) [b](#ket-luan-49-hoc-tap-suot-oi_1) [c](#ban-chap-hanh)
[d](#neo-html) [e](#ten-a) [f](#doan-rieng) [g](tin-tuc/2022/bai.md#muc-mot) [h](?q=1)
[i](HTTPS://EXAMPLE.ORG/#x) [j](tin-tuc/index.md)

Mã `[k](#khong-co)` và

```
[l](#cung-khong-co)
```
"""


@pytest.fixture
def strict_site(make_site: Callable[..., Site]) -> Site:
    """A site validated like the repository's: link warnings stop the strict build."""
    made = make_site("strict", **STRICT_LINKS)
    made.article(2022, "bai", body="## Mục một\n\nNội dung.\n")
    return made


def assert_check_finds_what_stops_the_build(site: Site, located: list[str]) -> None:
    """Both refuse, each located message is in both outputs, and nothing was built."""
    check = site.check("--strict")
    assert check.code == 1, check.output
    build = site.build()
    assert build.code == 1, build.output
    for message in located:
        assert message in check.output, (message, check.output)
        # Raised by the plugin before MkDocs writes a page: the check's own message, and no site.
        assert message in build.output, (message, build.output)
    assert "ERROR   -  bangvang: nội dung có" in build.output
    assert not site.out.exists()


def test_good_anchors_pass_check_and_strict_build(strict_site: Site) -> None:
    strict_site.write("gioi-thieu.md", GOOD_PAGE)
    check = strict_site.check("--strict")
    assert check.code == 0, check.output
    build = strict_site.build()
    assert build.code == 0, build.output


def test_link_problems_that_stop_the_strict_build_are_found_first_by_the_check(strict_site: Site) -> None:
    strict_site.write(
        "gioi-thieu.md",
        """\
        ---
        title: Giới thiệu
        ---

        # Giới thiệu

        ## Đại hội lần thứ V

        [x](#khong-co-muc-nay)
        [y](#dai-hoi-lan-thu-v)
        Xem [bài](tin-tuc/2022/bai.md#muc) và [tin](tin-tuc/)
        và [chương
        trình](#chuong-trinh).

        !!! note "Ghi chú"
            Xem [mục](#muc-trong-ghi-chu).
        """,
    )
    strict_site.write("ghi/index.md", "---\ntitle: Ghi\n---\n\n# Ghi\n")
    strict_site.write("ghi/README.md", "---\ntitle: Đọc\n---\n\n# Đọc\n")
    assert_check_finds_what_stops_the_build(
        strict_site,
        [
            "content/gioi-thieu.md:9: liên kết '#khong-co-muc-nay': trang này không có mục neo '#khong-co-muc-nay'",
            # The default slugify drops "Đ": the heading's id is "ai-hoi-lan-thu-v".
            "content/gioi-thieu.md:10: liên kết '#dai-hoi-lan-thu-v': trang này không có mục neo "
            "'#dai-hoi-lan-thu-v' (có phải '#ai-hoi-lan-thu-v'?)",
            "content/gioi-thieu.md:11: liên kết 'tin-tuc/2022/bai.md#muc': trang tin-tuc/2022/bai.md "
            "không có mục neo '#muc'",
            "content/gioi-thieu.md:11: liên kết 'tin-tuc/' trỏ tới một thư mục; MkDocs cần tên tệp: "
            "viết 'tin-tuc/index.md'",
            "content/gioi-thieu.md:12: liên kết '#chuong-trinh': trang này không có mục neo",
            # Inside an admonition: indented, yet rendered and validated by the build.
            "content/gioi-thieu.md:16: liên kết '#muc-trong-ghi-chu': trang này không có mục neo",
            "content/ghi/README.md:1: tệp này và ghi/index.md cùng xuất ra địa chỉ ghi/index.html",
        ],
    )


def test_anchor_to_a_generated_page_is_found(strict_site: Site) -> None:
    strict_site.write("gioi-thieu.md", "---\ntitle: A\n---\n\n# A\n\n[tin](tin-tuc/index.md#moi-nhat)\n")
    assert_check_finds_what_stops_the_build(
        strict_site, ["content/gioi-thieu.md:7: liên kết 'tin-tuc/index.md#moi-nhat': trang tin-tuc/index.md"]
    )


def test_anchor_check_follows_the_configured_slugify(strict_site: Site) -> None:
    """With a Unicode slugify, "Đại hội" keeps its letters; the check renders with the site's own extensions."""
    settings = settings_for(
        strict_site,
        markdown_extensions=("toc",),
        markdown_configs={"toc": {"slugify": slugify_unicode}},
    )
    strict_site.write("gioi-thieu.md", "---\ntitle: A\n---\n\n## Đại hội\n\n[a](#đại-hội) [b](#ai-hoi)\n")
    messages = [str(p) for p in load_site(settings, read_honours=False).problems]
    assert len(messages) == 1
    assert messages[0].startswith("content/gioi-thieu.md:7: liên kết '#ai-hoi': trang này không có mục neo '#ai-hoi'")


def test_page_template_that_does_not_exist_is_found_before_the_build_crashes(strict_site: Site) -> None:
    """A missing template crashed the build with a Jinja traceback, after half the site was written."""
    strict_site.write("gioi-thieu.md", "---\ntitle: A\ntemplate: khong-co.html\n---\n\n# A\n")
    assert_check_finds_what_stops_the_build(
        strict_site, ["content/gioi-thieu.md:3: không có khuôn trang (template) 'khong-co.html' trong theme"]
    )
    assert "Traceback" not in strict_site.build().output


def test_page_title_and_description_must_be_text(strict_site: Site) -> None:
    """A list as a title was published as "['a', 'b']" in the page's <title>."""
    strict_site.write("gioi-thieu.md", "---\ntitle: [a, b]\ndescription: {a: 1}\ntemplate: home.html\n---\n\n# A\n")
    check = strict_site.check()
    assert check.code == 1
    assert "content/gioi-thieu.md:2: 'title' phải là một chuỗi chữ không rỗng, nhận được một danh sách" in check.output
    assert "content/gioi-thieu.md:3: 'description' phải là một chuỗi chữ không rỗng" in check.output
    assert "template" not in check.output


def test_pages_the_build_would_silently_replace_or_not_check_are_refused(strict_site: Site) -> None:
    """An editor's tim-kiem/index.md or vinh-danh/index.md was replaced by the generated page without a word."""
    strict_site.write("tim-kiem/index.md", "---\ntitle: Tìm\n---\n\n# Tìm của tôi\n")
    strict_site.write("vinh-danh/index.md", "---\ntitle: Vinh danh\n---\n\n# Của tôi\n")
    strict_site.write("ghi-chu.markdown", "---\ntitle: Ghi chú\n---\n\n[x](#khong-co)\n")
    check = strict_site.check()
    assert check.code == 1
    for rel in ("tim-kiem/index.md", "vinh-danh/index.md"):
        assert f"content/{rel}:1: đường dẫn này dành cho các trang do Bảng Vàng tạo" in check.output
    assert "content/ghi-chu.markdown:1: tệp Markdown phải có đuôi .md, không phải .markdown" in check.output


def test_nav_entry_naming_a_missing_page_is_found_by_the_check(make_site: Callable[..., Site]) -> None:
    """A renamed page left in the nav stopped the strict build; the check said nothing."""
    nav = [{"Trang chủ": "index.md"}, {"Vinh danh": "vinh-danh/index.md"}, {"Giới thiệu": "gioi-thieu.md"}]
    site = make_site("nav", nav=[*nav, {"Ngoài": "https://example.org/"}], **STRICT_LINKS)
    site.write("gioi-thieu-moi.md", "---\ntitle: Giới thiệu\n---\n\n# Giới thiệu\n")
    check = site.check("--strict")
    assert check.code == 1
    assert "mkdocs.yml:" in check.output
    assert "mục 'gioi-thieu.md' trong nav trỏ tới tệp không có trong thư mục nội dung" in check.output
    assert "vinh-danh" not in check.output and "example.org" not in check.output
    build = site.build()
    assert build.code == 1
    assert "mục 'gioi-thieu.md' trong nav" in build.output
    assert not site.out.exists()
    site.write("gioi-thieu.md", "---\ntitle: Giới thiệu\n---\n\n# Giới thiệu\n")
    assert site.check("--strict").code == 0
    assert site.build().code == 0
