"""No English label left in the pages: Material's Vietnamese labels completed, the example's heading links (point 8)."""

from __future__ import annotations

import re
from pathlib import Path

import material

from bangvang.mkdocs_plugin.theme import THEME_DIR
from conftest import Site

MATERIAL_VI = Path(material.__file__).resolve().parent / "templates" / "partials" / "languages" / "vi.html"
OURS_VI = THEME_DIR / "partials" / "languages" / "vi.html"
_LABEL = re.compile(r'^\s*"([\w.]+)": "(.*)",?$', re.MULTILINE)
ENGLISH_LABELS = {"Tabs", "Metadata", "RSS feed", "RSS feed of updated content", "Initializing search", "Contributors"}


def labels(path: Path) -> dict[str, str]:
    return dict(_LABEL.findall(path.read_text(encoding="utf-8")))


def test_our_vietnamese_labels_have_materials_keys_and_no_english() -> None:
    ours, theirs = labels(OURS_VI), labels(MATERIAL_VI)
    assert len(theirs) > 40
    assert ours.keys() == theirs.keys(), "Material's labels changed: update our copy"
    assert not ENGLISH_LABELS & set(ours.values())
    assert ours["top"] == "Lên đầu trang"


def test_the_example_pages_carry_no_english_label(built_example: Site) -> None:
    for url in ("", "tin-tuc/", "gioi-thieu/", "vinh-danh/", "404.html"):
        page = built_example.html(url)
        assert 'aria-label="Tabs"' not in page, url
        assert "Permanent link" not in page and "Made with" not in page and "Not found" not in page, url
    assert 'title="Liên kết tới mục này"' in built_example.html("gioi-thieu/")
    assert 'aria-label="Mục chính"' in built_example.html("")
