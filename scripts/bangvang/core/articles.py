"""News articles: the model, and reading one from its Markdown file with validation."""

from __future__ import annotations

import datetime as dt
import os.path
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import frontmatter
from .problems import Problem, Severity
from .settings import SiteSettings
from .text import closest, is_slug, nfc, slugify

ALLOWED_KEYS = ("title", "date", "category", "tags", "summary", "author", "source", "image", "draft")
SOURCE_KEYS = ("name", "url")
IMAGE_KEYS = ("src", "alt")
SUMMARY_LENGTH = 200

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|[*_`>#]|<[^>]+>")


@dataclass(frozen=True)
class Tag:
    """A tag as written on an article, with its URL slug."""

    name: str
    slug: str


@dataclass(frozen=True)
class Source:
    """Where a republished article first appeared."""

    name: str
    url: str | None


@dataclass(frozen=True)
class Image:
    """A cover image: its path under the content folder (or a web address) and alt text."""

    path: str
    alt: str

    @property
    def is_remote(self) -> bool:
        """Tell whether the image lives on another site."""
        return self.path.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Article:
    """One news article, validated.

    ``src_uri`` is the path under the content folder ("tin-tuc/2020/slug.md"),
    ``url`` the site-relative address MkDocs serves it at.
    """

    src_uri: str
    url: str
    slug: str
    title: str
    published: dt.datetime
    category: str
    category_slug: str
    tags: tuple[Tag, ...]
    summary: str
    author: str | None
    source: Source | None
    image: Image | None
    draft: bool

    @property
    def date(self) -> dt.date:
        """The publication day."""
        return self.published.date()

    @property
    def year(self) -> int:
        """The publication year, which names the article's archive folder."""
        return self.published.year


class _Reader:
    """Collects the problems of one article while its fields are checked."""

    def __init__(self, path: str, fm: frontmatter.FrontMatter) -> None:
        self.path = path
        self.fm = fm
        self.problems: list[Problem] = [Problem(path, line, msg) for line, msg in fm.problems]

    def error(self, key: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line or self.fm.line_of(key), message))

    def warn(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.fm.line_of(key), message, Severity.WARNING))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.fm.values.get(key)
        if value is None or (not required and value == ""):
            if required:
                self.error(key, f"thiếu khóa bắt buộc '{key}'")
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            self.error(key, f"'{key}' phải là một chuỗi chữ không rỗng, nhận được {_shown(value)}")
            return None
        return nfc(str(value).strip())


def _shown(value: Any) -> str:
    """Describe a wrong value for a message: its text, or its shape when it has none."""
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng khóa"
    if isinstance(value, bool):
        return "'true'" if value else "'false'"
    return f"'{value}'"


def read_article(
    path: Path, fm: frontmatter.FrontMatter, settings: SiteSettings
) -> tuple[Article | None, list[Problem]]:
    """Validate one article from its file path and parsed front matter.

    Returns the article (None when it has errors) and every problem found.
    """
    rel = settings.rel(path)
    src_uri = path.relative_to(settings.docs_dir).as_posix()
    reader = _Reader(rel, fm)
    if not fm.present and not fm.problems:
        reader.error("title", "thiếu phần đầu (front matter) giữa hai dòng '---' với title, date, category")
        return None, reader.problems

    for key in fm.values:
        if key not in ALLOWED_KEYS:
            hint = closest(key, list(ALLOWED_KEYS))
            suggestion = f" (có phải '{hint}'?)" if hint else ""
            reader.error(key, f"khóa không hợp lệ '{key}'{suggestion}; các khóa được dùng: {', '.join(ALLOWED_KEYS)}")

    slug, year_folder = _check_location(reader, src_uri)
    title = reader.text("title", required=True)
    published = _read_date(reader)
    category = _read_category(reader, settings.categories)
    tags = _read_tags(reader)
    summary = reader.text("summary")
    author = reader.text("author")
    source = _read_source(reader)
    image = _read_image(reader, path, settings)
    draft = _read_draft(reader)

    if published is not None and year_folder is not None and published.year != year_folder:
        reader.error(
            "date",
            f"bài nằm trong thư mục năm {year_folder} nhưng date là năm {published.year}; "
            f"chuyển tệp sang {settings.news_dir}/{published.year}/ hoặc sửa ngày",
        )
    if published is not None and not draft and published.date() > settings.today:
        reader.warn(
            "date",
            f"ngày {published.date().isoformat()} ở tương lai (hôm nay là {settings.today.isoformat()}); "
            "bài sẽ đứng đầu mục tin — đặt 'draft: true' nếu chưa muốn đăng",
        )

    if any(p.severity is Severity.ERROR for p in reader.problems):
        return None, reader.problems
    assert title is not None and published is not None and category is not None and slug is not None
    article = Article(
        src_uri=src_uri,
        url=settings.page_url(src_uri),
        slug=slug,
        title=title,
        published=published,
        category=category,
        category_slug=slugify(category),
        tags=tags,
        summary=summary or summarise(fm.body),
        author=author,
        source=source,
        image=image,
        draft=draft,
    )
    return article, reader.problems


def _check_location(reader: _Reader, src_uri: str) -> tuple[str | None, int | None]:
    """Check the file sits at ``<news_dir>/<year>/<slug>.md``; return its slug and year."""
    parts = src_uri.split("/")
    stem = parts[-1][: -len(".md")]
    year: int | None = None
    if len(parts) != 3 or not (parts[1].isdigit() and len(parts[1]) == 4):
        reader.error("title", f"bài viết phải nằm ở {parts[0]}/<năm>/<slug>.md, nhưng ở {src_uri}", line=1)
    else:
        year = int(parts[1])
    if not is_slug(stem):
        suggestion = slugify(stem) or "ten-bai-viet"
        reader.error("title", f"tên tệp '{parts[-1]}' không phải slug ASCII; đổi thành '{suggestion}.md'", line=1)
        return None, year
    if stem == "index":
        reader.error("title", "tên tệp 'index.md' dành cho trang danh sách do Bảng Vàng tạo; đặt tên khác", line=1)
        return None, year
    return stem, year


def _read_date(reader: _Reader) -> dt.datetime | None:
    value = reader.fm.values.get("date")
    if value is None:
        reader.error("date", "thiếu khóa bắt buộc 'date' (ngày đăng, dạng YYYY-MM-DD)")
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        # Web editors often quote dates; the same strict ISO form is accepted.
        try:
            return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        except ValueError:
            pass
    reader.error("date", f"'date' phải là ngày có thật dạng YYYY-MM-DD (ví dụ 2020-09-30), nhận được {_shown(value)}")
    return None


def _read_category(reader: _Reader, categories: tuple[str, ...]) -> str | None:
    category = reader.text("category", required=True)
    if category is None:
        return None
    if category not in categories:
        hint = closest(category, list(categories))
        suggestion = f" (có phải '{hint}'?)" if hint else ""
        allowed = ", ".join(f"'{c}'" for c in categories)
        reader.error("category", f"chuyên mục không có trong danh sách: '{category}'{suggestion}; được dùng: {allowed}")
        return None
    return category


def _read_tags(reader: _Reader) -> tuple[Tag, ...]:
    value = reader.fm.values.get("tags")
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error("tags", f'\'tags\' phải là danh sách, ví dụ ["Hà Tĩnh", "khuyến học"], nhận được {_shown(value)}')
        return ()
    tags: list[Tag] = []
    for item in value:
        if not isinstance(item, str | int) or isinstance(item, bool) or not slugify(str(item)):
            reader.error("tags", f"mỗi thẻ trong 'tags' phải là chữ, nhận được {_shown(item)}")
            continue
        name = nfc(str(item).strip())
        if all(tag.slug != slugify(name) for tag in tags):
            tags.append(Tag(name, slugify(name)))
    return tuple(tags)


def _read_mapping(reader: _Reader, key: str, allowed: tuple[str, ...]) -> dict[str, Any] | None:
    value = reader.fm.values.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        keys = ", ".join(f"{k}: …" for k in allowed)
        reader.error(key, f"'{key}' phải là bảng khóa ({keys}), nhận được {_shown(value)}")
        return None
    for sub in value:
        if sub not in allowed:
            hint = closest(str(sub), list(allowed))
            suggestion = f" (có phải '{hint}'?)" if hint else ""
            reader.error(
                f"{key}.{sub}", f"khóa không hợp lệ '{key}.{sub}'{suggestion}; được dùng: {', '.join(allowed)}"
            )
    return value


def _read_source(reader: _Reader) -> Source | None:
    value = _read_mapping(reader, "source", SOURCE_KEYS)
    if value is None:
        return None
    name, url = value.get("name"), value.get("url")
    if not isinstance(name, str) or not name.strip():
        reader.error("source.name", "'source.name' (tên nguồn tin) là bắt buộc khi có 'source'")
        return None
    if url is not None and (not isinstance(url, str) or not _URL.match(url.strip())):
        reader.error("source.url", f"'source.url' phải là địa chỉ http(s)://…, nhận được {_shown(url)}")
        return None
    return Source(nfc(name.strip()), url.strip() if isinstance(url, str) else None)


def _read_image(reader: _Reader, path: Path, settings: SiteSettings) -> Image | None:
    value = _read_mapping(reader, "image", IMAGE_KEYS)
    if value is None:
        return None
    src, alt = value.get("src"), value.get("alt")
    if not isinstance(alt, str) or not alt.strip():
        reader.error("image.alt", "'image.alt' (mô tả ảnh cho người khiếm thị và khi ảnh không tải được) là bắt buộc")
    if not isinstance(src, str) or not src.strip():
        reader.error("image.src", "'image.src' (đường dẫn ảnh bìa) là bắt buộc khi có 'image'")
        return None
    src = src.strip()
    if src.startswith(("http://", "https://")):
        return Image(src, nfc(str(alt or "").strip()))
    target = settings.docs_dir / src.lstrip("/") if src.startswith("/") else path.parent / src
    target = Path(os.path.normpath(target))
    if not target.is_file() or not _is_within(target, settings.docs_dir):
        reader.error("image.src", f"không tìm thấy ảnh bìa '{src}' (tìm tại {settings.rel(target)})")
        return None
    return Image(target.relative_to(settings.docs_dir).as_posix(), nfc(str(alt or "").strip()))


def _read_draft(reader: _Reader) -> bool:
    value = reader.fm.values.get("draft", False)
    if not isinstance(value, bool):
        reader.error("draft", f"'draft' phải là true hoặc false, nhận được {_shown(value)}")
        return False
    return value


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def summarise(body: str) -> str:
    """Make a listing summary from the first paragraph of a Markdown body."""
    for block in re.split(r"\n\s*\n", body):
        stripped = block.strip()
        if not stripped or stripped.startswith(("#", "!", "```", "~~~", "|", "<")):
            continue
        text = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", stripped).split())
        if len(text) <= SUMMARY_LENGTH:
            return text
        cut = text[:SUMMARY_LENGTH].rsplit(" ", 1)[0]
        return cut.rstrip(",;:.") + "…"
    return ""
