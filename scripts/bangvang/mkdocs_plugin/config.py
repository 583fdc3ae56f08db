"""The options of the ``bangvang`` plugin in ``mkdocs.yml``, with their defaults and their checks.

The checks are config options in the style of mkdocs' own ``LangOption``
(``mkdocs/contrib/search/__init__.py``): MkDocs runs them when it reads
``mkdocs.yml``, for ``mkdocs build`` and ``bangvang check`` alike, and reports
a failure as a config error naming the option.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..core.honours.selection import UnknownProvinceError, resolve_provinces
from ..core.hosting import DEFAULT_HOST, HOSTS
from ..core.text import slugify

DEFAULT_CATEGORIES = ["Văn bản chỉ đạo", "Hội nghị - Sự kiện", "Gương điển hình", "Hoạt động của Hội"]


class Count(c.Type[int]):
    """A whole number no smaller than ``minimum`` (1: a positive integer, 0: a non-negative one)."""

    def __init__(self, minimum: int, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        # bool is an int to Python, but "page_size: true" is a mistake, not the number 1.
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValidationError(f"phải là số nguyên ≥ {self.minimum}, nhận được {value!r}")
        return value


class Categories(c.ListOfItems[str]):
    """The article categories: at least one, each with letters, no two sharing an address (slug)."""

    def __init__(self, default: list[str]) -> None:
        super().__init__(c.Type(str), default=default)

    def run_validation(self, value: object) -> list[str]:
        categories = super().run_validation(value)
        if not categories:
            raise ValidationError("cần ít nhất một chuyên mục, nhận được danh sách rỗng")
        seen: dict[str, str] = {}
        for category in categories:
            slug = slugify(category)
            if not slug:
                raise ValidationError(f"chuyên mục '{category}' không có chữ nào để làm địa chỉ")
            if slug in seen:
                raise ValidationError(f"hai chuyên mục '{seen[slug]}' và '{category}' cùng địa chỉ '{slug}'")
            seen[slug] = category
        return categories


class Provinces(base.BaseConfigOption[list[str]]):
    """Current provinces, as a list or one text with commas (what ``!ENV`` gives); empty: every province.

    Each is matched against the shipped unit list and kept as the list names it
    ("Hà Tĩnh" becomes "Tỉnh Hà Tĩnh"); a name that is no current province is a
    config error listing the real ones.
    """

    def __init__(self) -> None:
        super().__init__()
        self.default: list[str] = []

    def run_validation(self, value: object) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            names = [name.strip() for name in value.split(",")]
        elif isinstance(value, list) and all(isinstance(name, str) for name in value):
            names = [name.strip() for name in value]
        else:
            raise ValidationError(f"phải là tên tỉnh, thành phố hoặc danh sách tên, nhận được {value!r}")
        names = [name for name in names if name]
        if not names:
            return []
        try:
            return list(resolve_provinces(names))
        except UnknownProvinceError as exc:
            raise ValidationError(str(exc)) from None


class Folder(c.Type[str]):
    """A folder named relative to its parent, without ``..``; leading and trailing slashes are dropped."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        folder = super().run_validation(value).strip("/")
        parts = folder.split("/")
        if not folder or "\\" in folder or any(part in ("", ".", "..") for part in parts):
            raise ValidationError(
                f"phải là tên thư mục tương đối, không có '..' (ví dụ 'tin-tuc'), nhận được {value!r}"
            )
        return folder


class Phone(c.Type[str]):
    """A telephone number as people write it: digits, spaces, dots, dashes, brackets, a leading "+"."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        phone = super().run_validation(value).strip()
        digits = sum(char.isdigit() for char in phone)
        if digits < 8 or any(not (char.isdigit() or char in " .-()") for char in phone.removeprefix("+")):
            raise ValidationError(f"phải là số điện thoại (ví dụ '0239 3855 123'), nhận được {value!r}")
        return phone


class Email(c.Type[str]):
    """An e-mail address: one "@", no space, a dot in the domain."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        email = super().run_validation(value).strip()
        local, at, domain = email.partition("@")
        if not (local and at and "." in domain.strip(".")) or "@" in domain or any(char.isspace() for char in email):
            raise ValidationError(f"phải là địa chỉ email (ví dụ 'lienhe@example.org'), nhận được {value!r}")
        return email


class Megabytes(base.BaseConfigOption[float]):
    """A size in MB greater than zero (whole or with decimals)."""

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ValidationError(f"phải là số MB lớn hơn 0 (ví dụ 500 hoặc 0.5), nhận được {value!r}")
        return float(value)


class Files(base.BaseConfigOption[int]):
    """A number of files: a whole number greater than zero."""

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValidationError(f"phải là số nguyên lớn hơn 0, nhận được {value!r}")
        return value


class HostLimitsConfig(base.Config):
    """Numbers that replace the chosen host's limits (a self-managed GitLab, a paid plan, a test)."""

    size_mb = c.Optional(Megabytes())
    """The largest total size of the site, in MB (1 MB = 1.000.000 bytes)."""
    files = c.Optional(Files())
    """The most files the site may hold."""
    file_mb = c.Optional(Megabytes())
    """The largest single file, in MB."""
    folder_files = c.Optional(Files())
    """The most files directly in one folder."""


class Contact(base.Config):
    """The association's contact details, shown in every page's footer."""

    name = c.Optional(c.Type(str))
    """The association's name (the site's name when left out)."""
    address = c.Optional(c.Type(str))
    """Its postal address."""
    phone = c.Optional(Phone())
    """Its telephone number, linked with tel:."""
    email = c.Optional(Email())
    """Its e-mail address, linked with mailto:."""


class BangVangConfig(base.Config):
    """Options of the Bảng Vàng plugin."""

    categories = Categories(default=DEFAULT_CATEGORIES)
    """Allowed article categories, in the order menus show them."""
    news_dir = Folder(default="tin-tuc")
    """Folder under docs_dir that holds the articles, one sub-folder per year."""
    registry_dir = Folder(default="van-ban")
    """Folder under docs_dir that holds the directive registry, one page per directive."""
    honours_section = Folder(default="vinh-danh")
    """Folder of the site where the honour pages are generated (the build owns it whole)."""
    honours_dir = Folder(default="honours")
    """Folder beside mkdocs.yml that holds the honour rolls (decisions as YAML, long lists as CSV)."""
    provinces = Provinces()
    """Publish only the rows of these current provinces (one site per province); empty: all the rolls."""
    split_over = Count(1, default=500)
    """A decision listing more entries than this gets one page per commune."""
    corrections = c.Optional(c.Type(str))
    """Where "Báo sai sót" goes: "mailto:address", or a form address with {so}, {stt}, {ten}, {trang}."""
    cache = c.Type(bool, default=True)
    """Reuse the honour pages of the last build (in .cache/) when nothing they are made from changed; keep the
    compiled templates there too; take the published site's search index files and pages that stay the same."""
    workers = Count(0, default=0)
    """Processes that share a full build's work (reading, converting, rendering); 0: one per core, 1: none."""
    search = c.Type(bool, default=True)
    """Index articles and directives with Pagefind after the build, for the header search."""
    page_size = Count(1, default=10)
    """Articles per listing page."""
    home_size = Count(0, default=6)
    """Latest articles shown on the home page."""
    feed_size = Count(1, default=20)
    """Latest articles in the RSS feed."""
    default_image = c.Optional(c.Type(str))
    """Preview image (path under docs_dir) for link previews of pages without a cover."""
    host = c.Choice(tuple(HOSTS), default=DEFAULT_HOST)
    """Where the site is published: the build fails when the site exceeds that host's limits."""
    host_limits = c.SubConfig(HostLimitsConfig)
    """Numbers that replace the host's documented limits (size_mb, files, file_mb, folder_files)."""
    contact = c.SubConfig(Contact)
    """The association's address, phone and e-mail for the footer; the footer shows only what is given."""
