"""The plugin's options are checked where MkDocs checks options, and messages follow the site's configuration."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from mkdocs.plugins import get_plugin_logger

from bangvang.mkdocs_plugin import errors
from bangvang.mkdocs_plugin.config import BangVangConfig
from conftest import Site


def _validated(**options: object) -> tuple[BangVangConfig, list[tuple[str, str]]]:
    config = BangVangConfig()
    config.load_dict(options)
    found, _ = config.validate()
    return config, [(key, str(error)) for key, error in found]


BAD_OPTIONS = [
    pytest.param({"page_size": 0}, "page_size", "phải là số nguyên ≥ 1, nhận được 0", id="page_size-0"),
    pytest.param({"home_size": -1}, "home_size", "phải là số nguyên ≥ 0, nhận được -1", id="home_size-negative"),
    pytest.param({"workers": -1}, "workers", "phải là số nguyên ≥ 0, nhận được -1", id="workers-negative"),
    pytest.param({"workers": "hai"}, "workers", "phải là số nguyên ≥ 0", id="workers-text"),
    pytest.param(
        {"categories": ["Tin vắn", "Tin Văn"]},
        "categories",
        "hai chuyên mục 'Tin vắn' và 'Tin Văn' cùng địa chỉ 'tin-van'",
        id="categories-sharing-a-slug",
    ),
    pytest.param(
        {"categories": []}, "categories", "cần ít nhất một chuyên mục, nhận được danh sách rỗng", id="categories-empty"
    ),
    pytest.param(
        {"news_dir": "../x"},
        "news_dir",
        "phải là tên thư mục tương đối, không có '..' (ví dụ 'tin-tuc'), nhận được '../x'",
        id="news_dir-leaving-docs_dir",
    ),
]


@pytest.mark.parametrize(("options", "key", "message"), BAD_OPTIONS)
def test_bad_option_stops_build_and_check_naming_the_option(
    make_site: Callable[..., Site], options: dict[str, object], key: str, message: str
) -> None:
    site = make_site(plugin=options)
    site.article(2024, "bai")
    expected = f"Config value 'plugins': Plugin 'bangvang' option '{key}': {message}"
    for run in (site.build(), site.check()):
        assert run.code == 1, run.output
        assert expected in run.output, run.output
        assert "Traceback" not in run.output
    assert not site.out.exists()


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"feed_size": 0}, "feed_size"),
        ({"split_over": 0}, "split_over"),
        ({"page_size": True}, "page_size"),  # a YAML "yes" is not the number 1
        ({"page_size": "10"}, "page_size"),
        ({"registry_dir": "van-ban/../.."}, "registry_dir"),
        ({"honours_dir": "/"}, "honours_dir"),
        ({"news_dir": "a//b"}, "news_dir"),
        ({"categories": ["Tin", "!!!"]}, "categories"),  # no letter to make an address of
        ({"categories": "Tin"}, "categories"),
    ],
)
def test_each_option_refuses_what_it_cannot_use(options: dict[str, object], key: str) -> None:
    _, found = _validated(**options)
    assert [k for k, _ in found] == [key]


def test_good_options_pass_and_folders_lose_their_outer_slashes() -> None:
    config, found = _validated(news_dir="/tin-tuc/", registry_dir="van-ban/", home_size=0, page_size=1)
    assert found == []
    assert (config.news_dir, config.registry_dir, config.honours_dir) == ("tin-tuc", "van-ban", "honours")
    assert (config.page_size, config.home_size, config.feed_size, config.split_over) == (1, 0, 20, 500)


def test_build_errors_carry_the_plugin_loggers_prefix_once(site: Site) -> None:
    logger = get_plugin_logger("bangvang.mkdocs_plugin.plugin")
    assert logger.prefix == errors.PREFIX
    assert str(errors.plugin_error("nội dung có 1 vấn đề")) == "bangvang: nội dung có 1 vấn đề"
    site.article(2024, "bai", category="Tin vắn")
    run = site.build()
    assert run.code == 1, run.output
    assert "ERROR   -  bangvang: nội dung có 1 vấn đề, không xuất bản:" in run.output
    assert "Bảng Vàng:" not in run.output and "bangvang: bangvang:" not in run.output


def test_messages_name_the_configured_docs_dir(make_site: Callable[..., Site]) -> None:
    site = make_site(docs_dir="noi-dung")
    site.article(2024, "bai", body="Thực hiện Chỉ thị số 99-CT/TW của Bộ Chính trị.\n")
    site.content.rename(site.root / "noi-dung")
    honours = site.root / "honours"
    honours.mkdir()
    (honours / "12-qd-ubnd.yaml").write_text(
        "number: 12/QĐ-UBND\nsigned: 2024-05-01\nissuer: {name: UBND huyện Can Lộc, level: huyen_xa}\n"
        "form: cong_nhan\nperiod: '2024'\ntitle: Công nhận gia đình học tập\nbasis: ['999/QĐ-XYZ']\n"
        "article: tin-tuc/2024/khong-co\n"
        "entries:\n  - {stt: 1, kind: gia_dinh, name: Gia đình ông A, commune: Xã A, province: Hà Tĩnh}\n",
        encoding="utf-8",
    )
    run = site.check()
    assert "thêm tệp noi-dung/van-ban/chi-thi-99-ct-tw.md" in run.output, run.output
    assert "chưa có trong sổ văn bản (noi-dung/van-ban/)" in run.output, run.output
    assert "chưa đăng: noi-dung/tin-tuc/2024/khong-co.md" in run.output, run.output
    assert "content/" not in run.output


def test_check_prints_a_config_error_once(make_site: Callable[..., Site]) -> None:
    run = make_site(plugin={"page_size": 0}).check()
    assert run.code == 1
    assert run.output.count("option 'page_size'") == 1, run.output
