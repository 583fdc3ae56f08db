"""Text of a new article, as ``bangvang new`` writes it."""

from __future__ import annotations

import datetime as dt

import yaml


def new_article_text(title: str, day: dt.date, category: str) -> str:
    """Return the Markdown of a new draft article with every front-matter key to fill in."""
    head = yaml.safe_dump(
        {"title": title, "date": day, "category": category, "tags": [], "summary": "", "author": ""},
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return (
        "---\n"
        + head
        + '# source:\n#   name: "Tên báo hoặc trang gốc"\n#   url: "https://…"\n'
        + '# image:\n#   src: "/anh/ten-anh.jpg"\n#   alt: "Mô tả ảnh"\n'
        + "draft: true\n---\n\nNội dung bài viết.\n"
    )
