"""Article validation in the core: one located message per problem, all at once."""

from __future__ import annotations

import datetime as dt

from bangvang.core.problems import Severity
from bangvang.core.site import load_site
from conftest import Site, settings_for


def messages(site: Site) -> list[str]:
    return [str(p) for p in load_site(settings_for(site)).problems]


def test_valid_article_is_read(site: Site) -> None:
    site.image("anh/bia.png")
    site.article(
        2020,
        "ha-tinh",
        title="Hà Tĩnh tổng kết",
        date="2020-09-30",
        tags=["Hà Tĩnh", "hà tĩnh", "khuyến học"],
        summary="Tóm tắt.",
        author="Ban biên tập",
        source={"name": "Báo Hà Tĩnh", "url": "https://baohatinh.vn/"},
        image={"src": "/anh/bia.png", "alt": "Ảnh bìa"},
    )
    source = load_site(settings_for(site))
    assert source.problems == []
    (article,) = source.articles
    assert article.url == "tin-tuc/2020/ha-tinh/"
    assert article.date == dt.date(2020, 9, 30)
    assert [t.slug for t in article.tags] == ["ha-tinh", "khuyen-hoc"]  # same slug merged
    assert article.image is not None and article.image.path == "anh/bia.png"
    assert article.source is not None and article.source.name == "Báo Hà Tĩnh"


def test_every_problem_is_reported_at_its_line(site: Site) -> None:
    site.write(
        "tin-tuc/2021/hong.md",
        """
        ---
        title: Bài hỏng
        date: 2021-13-45
        category: Tin vắn
        catgory: Hội nghị
        tags: khuyến học
        image:
          src: /anh/khong-co.png
          alt: Ảnh
        draft: có
        ---

        Xem [bài này](../2020/khong-co.md).
        """,
    )
    found = messages(site)
    path = "content/tin-tuc/2021/hong.md"
    assert any(m.startswith(f"{path}:3: 'date' phải là ngày có thật") and "2021-13-45" in m for m in found)
    assert any(m.startswith(f"{path}:4: chuyên mục không có trong danh sách: 'Tin vắn'") for m in found)
    assert any(m.startswith(f"{path}:5: khóa không hợp lệ 'catgory' (có phải 'category'?)") for m in found)
    assert any(m.startswith(f"{path}:6: 'tags' phải là danh sách") for m in found)
    assert any(m.startswith(f"{path}:8: không tìm thấy ảnh bìa '/anh/khong-co.png'") for m in found)
    assert any(m.startswith(f"{path}:10: 'draft' phải là true hoặc false") for m in found)
    assert any(m.startswith(f"{path}:13: liên kết hỏng '../2020/khong-co.md'") for m in found)
    assert len(found) == 7


def test_missing_required_keys(site: Site) -> None:
    site.write("tin-tuc/2021/thieu.md", "---\nauthor: A\n---\n\nThân bài\n")
    found = messages(site)
    assert "content/tin-tuc/2021/thieu.md:1: thiếu khóa bắt buộc 'title'" in found
    assert any(m.startswith("content/tin-tuc/2021/thieu.md:1: thiếu khóa bắt buộc 'date'") for m in found)
    assert "content/tin-tuc/2021/thieu.md:1: thiếu khóa bắt buộc 'category'" in found


def test_quoted_iso_date_is_accepted_and_wrong_shapes_are_not(site: Site) -> None:
    site.article(2021, "trich-dan", date="2021-03-04")  # yaml.safe_dump quotes it
    site.article(2021, "kieu-viet", date="4/3/2021")
    found = messages(site)
    assert len(found) == 1
    assert "kieu-viet.md:3: 'date' phải là ngày có thật dạng YYYY-MM-DD" in found[0]


def test_future_date_warns_unless_draft(site: Site) -> None:
    site.article(2027, "tuong-lai", date="2027-01-05")
    site.article(2027, "nhap", date="2027-01-06", draft=True)
    problems = load_site(settings_for(site)).problems
    assert len(problems) == 1
    assert problems[0].severity is Severity.WARNING
    assert str(problems[0]).startswith("content/tin-tuc/2027/tuong-lai.md:3: cảnh báo: ngày 2027-01-05 ở tương lai")


def test_location_slug_and_year(site: Site) -> None:
    site.write("tin-tuc/Đồng Tháp.md", "---\ntitle: a\ndate: 2022-01-01\ncategory: Văn bản chỉ đạo\n---\n")
    site.article(2021, "sai-nam", date="2020-01-01")
    found = messages(site)
    assert any("tin-tuc/Đồng Tháp.md:1: bài viết phải nằm ở tin-tuc/<năm>/<slug>.md" in m for m in found)
    assert any(
        "tin-tuc/Đồng Tháp.md:1: tên tệp 'Đồng Tháp.md' không phải slug ASCII; đổi thành 'dong-thap.md'" in m
        for m in found
    )
    assert any("sai-nam.md:3: bài nằm trong thư mục năm 2021 nhưng date là năm 2020" in m for m in found)


def test_duplicate_slugs_across_years(site: Site) -> None:
    site.article(2020, "hoi-nghi", date="2020-01-01")
    site.article(2021, "hoi-nghi", date="2021-01-01")
    found = messages(site)
    rule = "mỗi bài cần một slug riêng"
    assert found == [
        f"content/tin-tuc/2020/hoi-nghi.md:1: slug 'hoi-nghi' trùng với bài tin-tuc/2021/hoi-nghi.md; {rule}",
        f"content/tin-tuc/2021/hoi-nghi.md:1: slug 'hoi-nghi' trùng với bài tin-tuc/2020/hoi-nghi.md; {rule}",
    ]


def test_links_to_drafts_and_absolute_links(site: Site) -> None:
    site.article(2021, "nhap", draft=True)
    site.article(2021, "dang", body="Xem [nháp](nhap.md) và [trang](/gioi-thieu.md) và [tin](../index.md).\n")
    found = messages(site)
    assert sorted(found) == [
        "content/tin-tuc/2021/dang.md:7: liên kết 'nhap.md' trỏ tới bài nháp (draft: true), bài đó chưa được đăng",
        "content/tin-tuc/2021/dang.md:7: liên kết tuyệt đối '/gioi-thieu.md' sẽ hỏng khi site đặt ở đường dẫn con;"
        " dùng đường dẫn tương đối",
    ]


def test_summary_falls_back_to_first_paragraph(site: Site) -> None:
    site.article(
        2021, "khong-tom-tat", body="## Mở đầu\n\nĐoạn **đầu tiên** có [liên kết](https://x.vn).\n\nĐoạn hai.\n"
    )
    (article,) = load_site(settings_for(site)).articles
    assert article.summary == "Đoạn đầu tiên có liên kết."
