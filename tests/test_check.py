"""`bangvang check`, `bangvang new` and the build agree on problems, with no traceback."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from conftest import REPO, Run, Site, run_command

BROKEN = """
---
title: Bài có lỗi
date: 2022-02-30
category: Tin vắn
summry: Tóm tắt gõ sai khóa
image:
  src: ../../anh/khong-co.png
  alt: Ảnh bìa
---

Nội dung.
"""


def problem_lines(run: Run) -> list[str]:
    return [line for line in run.output.splitlines() if re.match(r"^content/\S+:\d+: ", line)]


def test_repository_passes_the_check() -> None:
    run = run_command([sys.executable, "-m", "bangvang.cli", "check", str(REPO), "--strict"], REPO)
    assert run.code == 0, run.output
    assert problem_lines(run) == []


def test_example_site_builds_strict_without_warnings(built_example: Site) -> None:
    run = built_example.last
    assert run is not None and run.code == 0
    assert "WARNING" not in run.output and "INFO" in run.output, run.output
    assert (built_example.out / "tin-tuc/index.html").exists()


def test_broken_copy_fails_check_and_build_with_the_same_messages(example_copy: Site) -> None:
    path = example_copy.write("tin-tuc/2022/bai-co-loi.md", BROKEN)
    rel = "content/tin-tuc/2022/bai-co-loi.md"
    check = example_copy.check()
    assert check.code == 1
    lines = problem_lines(check)
    assert lines == [
        f"{rel}:3: 'date' phải là ngày có thật dạng YYYY-MM-DD (ví dụ 2020-09-30), nhận được '2022-02-30'",
        f"{rel}:4: chuyên mục không có trong danh sách: 'Tin vắn'; được dùng: 'Văn bản chỉ đạo', "
        "'Hội nghị - Sự kiện', 'Gương điển hình', 'Hoạt động của Hội'",
        f"{rel}:5: khóa không hợp lệ 'summry' (có phải 'summary'?); các khóa được dùng: title, date, category, "
        "tags, summary, author, source, image, draft",
        f"{rel}:7: không tìm thấy ảnh bìa '../../anh/khong-co.png' (tìm tại content/anh/khong-co.png)",
    ]
    assert "1 lỗi" not in check.output and "4 lỗi, 0 cảnh báo." in check.output

    build = example_copy.build()
    assert build.code == 1
    assert "Traceback" not in build.output
    assert problem_lines(build) == lines
    assert not example_copy.out.exists(), "nothing may be published from a broken source"
    assert path.exists()


def test_the_real_commands_exit_1_on_a_broken_source_like_the_in_process_build(site: Site) -> None:
    # The one place the suite runs `mkdocs build` and `bangvang check` as editors and CI do: in child processes.
    site.write("tin-tuc/2022/bai-co-loi.md", BROKEN)
    check = site.check_subprocess()
    assert check.code == 1 and "Traceback" not in check.output, check.output
    build = site.build_subprocess()
    assert build.code == 1 and "Traceback" not in build.output, build.output
    assert "Aborted with a BuildError!" in build.output
    in_process = site.build()
    assert in_process.code == 1 and "Aborted with a BuildError!" in in_process.output
    assert problem_lines(build) == problem_lines(in_process) == problem_lines(check) != []
    assert not site.out.exists()


def test_failed_build_keeps_the_last_good_site(example_copy: Site) -> None:
    assert example_copy.build().code == 0
    before = (example_copy.out / "index.html").read_text(encoding="utf-8")
    example_copy.write("tin-tuc/2022/bai-co-loi.md", BROKEN)
    assert example_copy.build().code == 1
    assert (example_copy.out / "index.html").read_text(encoding="utf-8") == before


def test_future_date_warns_in_check_and_fails_strict_build(site: Site) -> None:
    next_year = dt.date.today().year + 1
    site.article(next_year, "sap-toi", date=f"{next_year}-01-02")
    check = site.check()
    assert check.code == 0
    assert f"content/tin-tuc/{next_year}/sap-toi.md:3: cảnh báo: ngày {next_year}-01-02 ở tương lai" in check.output
    assert site.check("--strict").code == 1
    build = site.build()
    assert build.code == 1 and "Traceback" not in build.output
    assert f"content/tin-tuc/{next_year}/sap-toi.md:3: cảnh báo: ngày {next_year}-01-02 ở tương lai" in build.output
    assert "Aborted with a BuildError!" in build.output and not site.out.exists()
    relaxed = site.build(strict=False)  # `mkdocs build --no-strict`: the warning stays, the site is published
    assert relaxed.code == 0 and "WARNING" in relaxed.output and "sap-toi.md:3" in relaxed.output
    assert (site.out / "index.html").exists()


def test_check_without_config_says_so(tmp_path: Path) -> None:
    run = run_command([sys.executable, "-m", "bangvang.cli", "check", str(tmp_path)], tmp_path)
    assert run.code == 1
    assert "không tìm thấy" in run.output and "Traceback" not in run.output


def test_new_article_is_created_as_a_valid_draft(site: Site) -> None:
    new = [
        sys.executable,
        "-m",
        "bangvang.cli",
        "new",
        "Đồng Tháp: Hội nghị quán triệt Kết luận 49",
        "--site",
        str(site.root),
    ]
    run = run_command([*new, "--date", "2023-05-06", "--category", "Hội nghị - Sự kiện"], site.root)
    assert run.code == 0, run.output
    path = site.content / "tin-tuc/2023/dong-thap-hoi-nghi-quan-triet-ket-luan-49.md"
    assert run.output.strip() == "content/tin-tuc/2023/dong-thap-hoi-nghi-quan-triet-ket-luan-49.md"
    text = path.read_text(encoding="utf-8")
    assert "title: 'Đồng Tháp: Hội nghị quán triệt Kết luận 49'" in text
    assert "date: 2023-05-06" in text and "category: Hội nghị - Sự kiện" in text and "draft: true" in text
    assert site.check("--strict").code == 0
    assert site.build().code == 0
    assert not (site.out / "tin-tuc/2023/dong-thap-hoi-nghi-quan-triet-ket-luan-49").exists()

    again = run_command([*new, "--date", "2023-05-06"], site.root)
    assert again.code == 1 and "đã có" in again.output
    wrong = run_command([*new, "--category", "Tin vắn"], site.root)
    assert wrong.code == 1 and "Tin vắn" in wrong.output and "Traceback" not in wrong.output
