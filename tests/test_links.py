"""Finding and resolving internal links in Markdown."""

from __future__ import annotations

from bangvang.core.links import find_links, folder_index, is_internal, resolve, target_exists


def test_links_with_lines_outside_code() -> None:
    body = "\n".join(
        [
            'Xem [bài](../2022/a.md#phan-1) và ![ảnh](../../anh/x.png "tiêu đề").',
            "Mã `[không](b.md)` không tính.",
            "```",
            "[cũng không](c.md)",
            "```",
            "[tham chiếu]: d.md",
            "[ngoài](https://example.org) [neo](#muc)",
        ]
    )
    found = [(link.target, link.line) for link in find_links(body, 10)]
    assert found == [
        ("../2022/a.md#phan-1", 10),
        ("../../anh/x.png", 10),
        ("d.md", 15),
        ("https://example.org", 16),
        ("#muc", 16),
    ]


def test_internal_and_resolution() -> None:
    assert is_internal("../a.md")
    assert not is_internal("https://x.vn")
    assert not is_internal("mailto:a@b.vn")
    assert is_internal("#neo")  # this page itself: its anchor is checked
    assert resolve("../2022/a.md#x", "tin-tuc/2023/b.md") == "tin-tuc/2022/a.md"
    assert resolve("/anh/x.png", "tin-tuc/2023/b.md") == "anh/x.png"
    assert resolve("h%E1%BB%8Dc.md", "a/b.md") == "a/học.md"


def test_folder_link_is_not_a_file_but_its_index_is_suggested() -> None:
    known = {"tin-tuc/index.md", "gioi-thieu.md"}
    # MkDocs looks a link's file up by its exact path: "tin-tuc/" is an unrecognized link.
    assert not target_exists("tin-tuc", known)
    assert folder_index("tin-tuc", known) == "tin-tuc/index.md"
    assert target_exists("gioi-thieu.md", known)
    assert folder_index("tin-tuc/2020", known) is None
