"""The header search, in Chromium: Pagefind over articles and directives, Vietnamese-aware."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import Site


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Site:
    from conftest import write_config

    root = tmp_path_factory.mktemp("search")
    write_config(root)
    site = Site(root)
    site.write("index.md", "---\ntitle: Trang chủ\n---\n\n# Trang chủ\n")
    site.write(
        "van-ban/ket-luan-49-kl-tw.md",
        """
        ---
        number: "49-KL/TW"
        kind: "Kết luận"
        issuer: "Ban Bí thư Trung ương Đảng khóa XII"
        level: trung_uong
        signed: 2019-05-10
        subject: "Về tiếp tục thực hiện Chỉ thị 11-CT/TW"
        ---

        Văn bản chỉ đạo công tác xây dựng xã hội học tập.
        """,
    )
    site.article(
        2022, "hoi-khuyen-hoc-tinh", title="Đại hội Hội Khuyến học tỉnh", body="Đại hội Hội Khuyến học nhiệm kỳ mới.\n"
    )
    site.article(
        2022, "gia-dinh-ong-duc", title="Gương gia đình ông Đức", body="Ông Nguyễn Văn Đức nuôi ba con đỗ đại học.\n"
    )
    site.article(2022, "quan-triet", title="Quán triệt văn bản", body="Các cấp quán triệt Kết luận số 49-KL/TW.\n")
    site.article(2022, "tin-khac", title="Tin thể thao", body="Giải bóng chuyền mùa xuân.\n")
    run = site.build()
    assert run.code == 0, run.output
    assert (site.out / "pagefind" / "pagefind-ui.js").exists()
    return site


# Ready when Pagefind's message holds the final count and no result is still a loading
# placeholder (". . . ."): each result's title arrives in a fragment loaded after the count.
RESULTS_READY = """() => {
  const message = document.querySelector('.pagefind-ui__message');
  if (!message || message.textContent.startsWith('Đang tìm')) return false;
  if (document.querySelector('.pagefind-ui__loading')) return false;
  const count = parseInt(message.textContent, 10);
  return Number.isNaN(count) || document.querySelectorAll('.pagefind-ui__result-title').length > 0;
}"""


def slow_fragments(page, delay: float = 0.4) -> None:  # type: ignore[no-untyped-def]
    """Hold every Pagefind fragment back, as a busy machine or a slow link does."""

    def hold(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        time.sleep(delay)
        route.fulfill(response=response)

    page.route("**/pagefind/fragment/**", hold)


def titles(browser, base: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    try:
        slow_fragments(page)
        page.goto(f"{base}tim-kiem/?q={quote(query)}")
        page.wait_for_function(RESULTS_READY, timeout=20_000)
        return page.locator(".pagefind-ui__result-title").all_inner_texts()
    finally:
        page.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("khuyen hoc", "Đại hội Hội Khuyến học tỉnh"),
        ("Khuyến Học", "Đại hội Hội Khuyến học tỉnh"),
        ("ket luan 49", "Kết luận 49-KL/TW"),
        ("ket luan 49", "Quán triệt văn bản"),
        ("duc", "Gương gia đình ông Đức"),
        ("Ðức", "Gương gia đình ông Đức"),
    ],
)
def test_header_search_finds_articles(
    browser,
    serve: Callable[[Path], str],
    searchable: Site,
    query: str,
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    found = titles(browser, serve(searchable.out), query)
    assert expected in found, found
    assert "Tin thể thao" not in found


def test_header_box_submits_to_the_search_page(browser, serve: Callable[[Path], str], searchable: Site) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    slow_fragments(page)
    page.goto(serve(searchable.out) + "tin-tuc/")
    page.fill("#bv-header-q", "khuyen hoc")
    page.press("#bv-header-q", "Enter")
    page.wait_for_function(RESULTS_READY, timeout=20_000)
    assert "/tim-kiem/?q=khuyen+hoc" in page.url
    assert "Đại hội Hội Khuyến học tỉnh" in page.locator(".pagefind-ui__result-title").all_inner_texts()
    page.close()
