"""The options of the ``bangvang`` plugin in ``mkdocs.yml``, with their defaults."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

DEFAULT_CATEGORIES = ["Văn bản chỉ đạo", "Hội nghị - Sự kiện", "Gương điển hình", "Hoạt động của Hội"]


class BangVangConfig(base.Config):
    """Options of the Bảng Vàng plugin."""

    categories = c.ListOfItems(c.Type(str), default=DEFAULT_CATEGORIES)
    """Allowed article categories, in the order menus show them."""
    news_dir = c.Type(str, default="tin-tuc")
    """Folder under docs_dir that holds the articles, one sub-folder per year."""
    registry_dir = c.Type(str, default="van-ban")
    """Folder under docs_dir that holds the directive registry, one page per directive."""
    honours_section = c.Type(str, default="vinh-danh")
    """Folder of the site where the honour pages are generated (the build owns it whole)."""
    honours_dir = c.Type(str, default="honours")
    """Folder beside mkdocs.yml that holds the honour rolls (decisions as YAML, long lists as CSV)."""
    split_over = c.Type(int, default=500)
    """A decision listing more entries than this gets one page per commune."""
    corrections = c.Optional(c.Type(str))
    """Where "Báo sai sót" goes: "mailto:address", or a form address with {so}, {stt}, {ten}, {trang}."""
    cache = c.Type(bool, default=True)
    """Reuse the honour pages of the last build (in .cache/) when nothing they are made from changed."""
    search = c.Type(bool, default=True)
    """Index articles and directives with Pagefind after the build, for the header search."""
    page_size = c.Type(int, default=10)
    """Articles per listing page."""
    home_size = c.Type(int, default=6)
    """Latest articles shown on the home page."""
    feed_size = c.Type(int, default=20)
    """Latest articles in the RSS feed."""
    default_image = c.Optional(c.Type(str))
    """Preview image (path under docs_dir) for link previews of pages without a cover."""
