"""News articles: the model, and reading one from its Markdown file with validation."""

from __future__ import annotations

import datetime as dt
import os.path
import re
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .problems import Problem
from .schema import FieldReader, is_web_address, shown, suggestion
from .settings import SiteSettings
from .text import is_slug, nfc, slugify

ALLOWED_KEYS = ("title", "date", "category", "tags", "summary", "author", "source", "image", "draft")
SOURCE_KEYS = ("name", "url")
IMAGE_KEYS = ("src", "alt")
SUMMARY_LENGTH = 200
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# Each alternative stops at the next bracket it cannot pair: linear on "[[[[" or "<<<<".
_MARKUP = re.compile(r"!\[[^\[\]]*\]\([^()]*\)|\[([^\[\]]*)\]\([^()]*\)|[*_`>#]|<[^<>]+>")


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
        return self.path.lower().startswith(("http://", "https://"))


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


def read_article(
    path: Path, fm: frontmatter.FrontMatter, settings: SiteSettings
) -> tuple[Article | None, list[Problem]]:
    """Validate one article from its file path and parsed front matter.

    Returns the article (None when it has errors) and every problem found.
    """
    rel = settings.rel(path)
    src_uri = path.relative_to(settings.docs_dir).as_posix()
    reader = FieldReader(rel, fm)
    if not fm.present and not fm.problems:
        reader.error("title", "thiếu phần đầu (front matter) giữa hai dòng '---' với title, date, category")
        return None, reader.problems

    reader.only_keys(ALLOWED_KEYS)

    slug, year_folder = _check_location(reader, src_uri)
    title = reader.text("title", required=True)
    published = reader.moment("date")
    category = _read_category(reader, settings.categories)
    tags = _read_tags(reader)
    summary = reader.text("summary")
    author = reader.text("author")
    source = _read_source(reader)
    image = _read_image(reader, path, settings)
    draft = reader.flag("draft")

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

    if reader.has_errors:
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


def _check_location(reader: FieldReader, src_uri: str) -> tuple[str | None, int | None]:
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


def _read_category(reader: FieldReader, categories: tuple[str, ...]) -> str | None:
    category = reader.text("category", required=True)
    if category is None:
        return None
    if category not in categories:
        hint = suggestion(category, list(categories))
        allowed = ", ".join(f"'{c}'" for c in categories)
        reader.error("category", f"chuyên mục không có trong danh sách: '{category}'{hint}; được dùng: {allowed}")
        return None
    return category


def _read_tags(reader: FieldReader) -> tuple[Tag, ...]:
    tags: list[Tag] = []
    for name in reader.texts("tags", '["Hà Tĩnh", "khuyến học"]'):
        slug = slugify(name)
        if not slug:
            reader.error("tags", f"thẻ '{name}' không có chữ hay số nào để làm địa chỉ")
        elif all(tag.slug != slug for tag in tags):
            tags.append(Tag(name, slug))
    return tuple(tags)


def _read_source(reader: FieldReader) -> Source | None:
    value = reader.mapping("source", SOURCE_KEYS)
    if value is None:
        return None
    name, url = value.get("name"), value.get("url")
    if not isinstance(name, str) or not name.strip():
        reader.error("source.name", "'source.name' (tên nguồn tin) là bắt buộc khi có 'source'")
        return None
    if url is not None and not is_web_address(url):
        reader.error("source.url", f"'source.url' phải là địa chỉ http(s)://…, nhận được {shown(url)}")
        return None
    return Source(nfc(name.strip()), url.strip() if isinstance(url, str) else None)


def _read_image(reader: FieldReader, path: Path, settings: SiteSettings) -> Image | None:
    value = reader.mapping("image", IMAGE_KEYS)
    if value is None:
        return None
    src, alt = value.get("src"), value.get("alt")
    if not isinstance(alt, str) or not alt.strip():
        reader.error("image.alt", "'image.alt' (mô tả ảnh cho người khiếm thị và khi ảnh không tải được) là bắt buộc")
    if not isinstance(src, str) or not src.strip():
        reader.error("image.src", "'image.src' (đường dẫn ảnh bìa) là bắt buộc khi có 'image'")
        return None
    src = src.strip()
    if is_web_address(src):
        return Image(src, nfc(str(alt or "").strip()))
    if _SCHEME.match(src):
        reader.error("image.src", "'image.src' phải là đường dẫn ảnh trong thư mục nội dung hoặc địa chỉ http(s)://…")
        return None
    target = settings.docs_dir / src.lstrip("/") if src.startswith("/") else path.parent / src
    target = Path(os.path.normpath(target))
    try:
        if _CONTROL.search(src):
            raise ValueError(src)
        found = target.is_file() and _is_within(target, settings.docs_dir)
    except (OSError, ValueError):
        # A name longer than the file system allows (255 bytes), or a NUL byte.
        reader.error("image.src", "'image.src' không phải đường dẫn tệp dùng được (tên quá dài hoặc có ký tự lạ)")
        return None
    if not found:
        reader.error("image.src", f"không tìm thấy ảnh bìa '{src}' (tìm tại {settings.rel(target)})")
        return None
    return Image(target.relative_to(settings.docs_dir).as_posix(), nfc(str(alt or "").strip()))


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
