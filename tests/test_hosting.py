"""Knows its host (issue 13, point 2): the build measures the staged site against the host's limits.

A site the host would refuse fails the build with a Vietnamese message naming the host, the limit, the
figure and what weighs most, and site/ keeps the last good build; a build that fits ends with one line
whose figures are those of the files on disk; ``bangvang check`` estimates the size before building.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bangvang.core import hosting
from bangvang.core.text import format_number
from conftest import Site, write_config
from test_determinism import tree

FAMILIES = [
    f"{stt},gia_dinh,Gia đình ông Nguyễn Văn {stt},,,Thôn 1,Xã Thiên Lộc,Huyện Can Lộc,Tỉnh Hà Tĩnh"
    for stt in range(1, 31)
]


def honour_site(site: Site) -> Site:
    """A small site: a home page, an article and a decision of 30 families."""
    site.article(2024, "hoi-nghi")
    site.decision("12", FAMILIES)
    return site


def configure(site: Site, **plugin: object) -> None:
    """Rewrite the site's mkdocs.yml with these plugin options."""
    write_config(site.root, plugin=plugin)


def on_disk(folder: Path) -> tuple[int, int, tuple[int, str]]:
    """Total bytes, file count and the largest file (size, path) under ``folder``, measured independently."""
    total, count, largest = 0, 0, (0, "")
    for parent, _, names in os.walk(folder):
        for name in names:
            path = Path(parent) / name
            length = path.stat().st_size
            total, count = total + length, count + 1
            largest = max(largest, (length, path.relative_to(folder).as_posix()))
    return total, count, largest


def closing(output: str) -> str:
    lines = [line for line in output.splitlines() if "bangvang: Site " in line]
    assert len(lines) == 1, output
    return lines[0].split("bangvang: ", 1)[1]


def test_a_site_over_the_hosts_size_fails_the_build_and_leaves_the_last_good_site(site: Site) -> None:
    honour_site(site)
    first = site.build()
    assert first.code == 0, first.output
    good = tree(site.out)
    total, _, _ = on_disk(site.out)
    limit_mb = 0.5
    assert total > limit_mb * hosting.MB  # the test's limit is below what this site weighs
    configure(site, host_limits={"size_mb": limit_mb})
    site.article(2024, "bai-moi")  # the refused build would have changed the site
    run = site.build()
    assert run.code == 1, run.output
    assert "không xuất bản được lên GitHub Pages (tùy chọn host: github-pages)" in run.output
    assert "vượt giới hạn 0,5 MB" in run.output
    assert re.search(r"dung lượng [\d.]+,\d MB vượt", run.output), run.output
    # The biggest contributors: the folders two levels down, with their size and files.
    assert re.search(r"phần lớn nhất: [^ ]+/ \([\d.]+,\d MB, [\d.]+ tệp\)", run.output), run.output
    assert "Site cũ giữ nguyên" in run.output
    assert tree(site.out) == good
    assert not [p.name for p in site.root.iterdir() if p.name.startswith(".bangvang-")]


def test_too_many_files_or_a_file_too_big_for_cloudflare_pages_names_them(site: Site) -> None:
    honour_site(site)
    configure(site, host="cloudflare-pages", host_limits={"files": 20, "file_mb": 0.06})
    run = site.build()
    assert run.code == 1, run.output
    assert "không xuất bản được lên Cloudflare Pages (tùy chọn host: cloudflare-pages)" in run.output
    assert "vượt giới hạn 20; nhiều tệp nhất:" in run.output
    assert re.search(r"- [\d.]+ tệp lớn hơn giới hạn 0,1 MB mỗi tệp: [^ ]+ \([\d.]+,\d MB\)", run.output), run.output
    assert not site.out.exists()  # a first build that fails publishes nothing


def test_the_build_ends_with_the_size_files_largest_file_and_headroom_of_what_is_on_disk(site: Site) -> None:
    honour_site(site)
    configure(site, host="cloudflare-pages")
    run = site.build()
    assert run.code == 0, run.output
    line = closing(run.output)
    total, count, (largest, largest_path) = on_disk(site.out)
    assert line.startswith(
        f"Site {hosting.megabytes(total)}, {format_number(count)} tệp, "
        f"tệp lớn nhất {largest_path} ({hosting.megabytes(largest)}); "
    ), line
    left = format_number(20_000 - count)
    assert line.endswith(f"còn {left} tệp trước giới hạn của Cloudflare Pages (mỗi tệp tối đa 26,2 MB)."), line


def test_the_default_host_is_github_pages_and_none_sets_no_limit(make_site: Callable[..., Site]) -> None:
    github = honour_site(make_site("github"))
    run = github.build()
    assert run.code == 0, run.output
    total, _, _ = on_disk(github.out)
    assert closing(run.output).endswith(f"còn {hosting.megabytes(10**9 - total)} trước giới hạn của GitHub Pages."), (
        run.output
    )
    mine = honour_site(make_site("none", plugin={"host": "none"}))
    run = mine.build()
    assert run.code == 0, run.output
    assert closing(run.output).endswith("; máy chủ riêng (host: none): không đặt giới hạn."), run.output


def test_check_estimates_the_size_and_warns_when_it_exceeds_the_host(site: Site) -> None:
    honour_site(site)
    run = site.check()
    assert run.code == 0, run.output
    assert "Ước tính khi dựng: " in run.output
    assert "trước giới hạn của GitHub Pages." in run.output
    configure(site, host="gitlab-pages", host_limits={"size_mb": 1, "files": 50})
    run = site.check()
    assert run.code == 0, run.output  # an estimate warns; the build, which measures, is the judge
    assert "mkdocs.yml:" in run.output
    assert "cảnh báo: site có thể không xuất bản được lên GitLab Pages: dung lượng ước tính" in run.output
    assert "số tệp ước tính" in run.output and "vượt giới hạn 50" in run.output
    strict = site.check("--strict")
    assert strict.code == 1, strict.output


def test_the_estimate_grows_with_the_entries_and_flags_a_province_over_the_hosts() -> None:
    small = hosting.estimate(1, 30, 30)
    large = hosting.estimate(1, 2_000_000, 1_000_000)  # a province twice the size the layout is made to fit
    assert small.total_bytes < 10 * hosting.MB < hosting.HOSTS["github-pages"].total_bytes  # type: ignore[operator]
    assert hosting.estimate_breaches(large, hosting.HOSTS["github-pages"])
    cloudflare = hosting.estimate_breaches(large, hosting.HOSTS["cloudflare-pages"])
    assert any("tệp dữ liệu lớn nhất ước tính" in line for line in cloudflare), cloudflare


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"host": "vercel"}, "vercel"),
        ({"host_limits": {"files": 0}}, "phải là số nguyên lớn hơn 0, nhận được 0"),
        ({"host_limits": {"size_mb": "1 GB"}}, "phải là số MB lớn hơn 0"),
    ],
)
def test_a_wrong_host_option_is_refused_naming_it(site: Site, options: dict[str, object], message: str) -> None:
    configure(site, **options)
    run = site.check()
    assert run.code == 1, run.output
    assert message in run.output


def test_gitlab_pages_counts_folders_and_netlify_counts_files_per_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("a", "b"):
        (site / "trang" / name).mkdir(parents=True)
        (site / "trang" / name / "index.html").write_bytes(b"x" * 10)
    for number in range(4):
        (site / "du-lieu").mkdir(exist_ok=True)
        (site / "du-lieu" / f"{number}.csv").write_bytes(b"y" * 100)
    size = hosting.measure(site)
    assert (size.total_bytes, size.files, size.folders) == (420, 6, 4)
    assert size.largest[0] == (100, "du-lieu/3.csv") and size.crowded == (4, "du-lieu")
    gitlab = hosting.HOSTS["gitlab-pages"].with_overrides(files=9)
    assert hosting.breaches(size, gitlab) == [
        "10 tệp và thư mục vượt giới hạn 9; nhiều tệp nhất: du-lieu/ (0,0 MB, 4 tệp), trang/a/ (0,0 MB, 1 tệp), "
        "trang/b/ (0,0 MB, 1 tệp)"
    ]
    netlify = hosting.HOSTS["netlify"].with_overrides(folder_files=3)
    assert hosting.breaches(size, netlify) == ["du-lieu/ chứa 4 tệp, vượt giới hạn 3 tệp mỗi thư mục"]
    assert hosting.breaches(size, hosting.HOSTS["netlify"]) == []
    assert hosting.closing_line(size, netlify).endswith("; vừa giới hạn của Netlify (mỗi thư mục tối đa 3 tệp).")
