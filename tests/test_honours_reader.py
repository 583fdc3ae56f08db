"""Reading and checking honour rolls: every problem located, all at once."""

from __future__ import annotations

import datetime as dt
import textwrap
import unicodedata
from pathlib import Path

from bangvang.core.directives import Registry
from bangvang.core.honours.reader import read_decision
from bangvang.core.honours.rolls import load_rolls
from conftest import Site, settings_for
from test_mentions import directive

HEADER = "stt,kind,name,person,title,village,commune,district,province\n"


def write(root: Path, rel: str, text: str, encoding: str = "utf-8") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding=encoding)
    return path


DECISION = """
number: "1234/QĐ-UBND"
signed: 2020-09-30
issuer: {name: "Ủy ban nhân dân tỉnh Hà Tĩnh", level: tinh}
form: cong_nhan
period: "2016-2020"
title: "Gia đình học tập tiêu biểu xuất sắc"
basis: ["281/QĐ-TTg"]
sample: true
"""


def test_inline_decision_reads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "honours/1234.yaml",
        DECISION
        + """
entries:
  - stt: 2
    kind: gia_dinh
    name: "Gia đình ông Nguyễn Văn An"
    village: "Thôn Trung Lộc"
    commune: "Xã Thiên Lộc"
    district: "Huyện Can Lộc"
    province: "Tỉnh Hà Tĩnh"
  - stt: 1
    kind: dong_ho
    name: "Dòng họ Nguyễn Đức"
    title: "Dòng họ học tập tiêu biểu"
    commune: "Xã Thiên Lộc"
    province: "Tỉnh Hà Tĩnh"
""",
    )
    decision, problems = read_decision(path, tmp_path)
    assert problems == []
    assert decision is not None
    assert decision.signed == dt.date(2020, 9, 30)
    assert decision.issuer.level == "tinh" and decision.form == "cong_nhan"
    assert decision.period_years == (2016, 2020)
    assert [e.stt for e in decision.entries] == [2, 1]
    assert decision.entries[0].line == 11
    assert decision.anchor(decision.entries[0]) == "1234-stt-2"
    assert decision.entry_title(decision.entries[1]) == "Dòng họ học tập tiêu biểu"
    assert decision.entry_title(decision.entries[0]) == "Gia đình học tập tiêu biểu xuất sắc"


def test_csv_list_with_byte_order_mark(tmp_path: Path) -> None:
    write(tmp_path, "honours/1234.yaml", DECISION + "entries_csv: 1234.csv\n")
    rows = HEADER + "1,gia_dinh,Gia đình bà Hoàng Thị Hoa,Hoàng Thị Hoa,,Thôn 5,Xã Kỳ Lâm,Huyện Kỳ Anh,Tỉnh Hà Tĩnh\n"
    (tmp_path / "honours/1234.csv").write_bytes(b"\xef\xbb\xbf" + rows.encode())
    decision, problems = read_decision(tmp_path / "honours/1234.yaml", tmp_path)
    assert problems == []
    assert decision is not None and decision.list_path == "honours/1234.csv"
    (entry,) = decision.entries
    assert entry.person == "Hoàng Thị Hoa" and entry.village == "Thôn 5" and entry.title is None


def test_every_row_problem_is_located(tmp_path: Path) -> None:
    write(tmp_path, "honours/1234.yaml", DECISION + "entries_csv: 1234.csv\n")
    write(
        tmp_path,
        "honours/1234.csv",
        HEADER
        + "1,gia_dinh,Gia đình ông Trần Văn Hải,,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        + "1,gia_dinh,Gia đình ông Trần Văn Hà,,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        + "3,gia_dinhh,Gia đình ông Lê Văn Ba,,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        + "4,gia_dinh,Gia đình ông Trần Văn Hải,,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        + "5,gia_dinh,Nguyễn Văn Bốn 038095001234,,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        + "6,ca_nhan,Ông Phạm Năm ĐT 0912345678,,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        + "7,gia_dinh,Gia ®×nh «ng Lª V¨n S¸u,,,,Xã Thiên Lộc,,Tỉnh Hà Tĩnh\n"
        + "8,gia_dinh,Gia đình ông Võ Tám,,,,Xã Thiên Lộc,Tỉnh Hà Tĩnh\n"
        + "x,gia_dinh,Gia đình ông Võ Chín,,,,,,Tỉnh Hà Tĩnh\n",
    )
    decision, problems = read_decision(tmp_path / "honours/1234.yaml", tmp_path)
    assert decision is None
    found = [str(p) for p in problems]
    rel = "honours/1234.csv"
    assert found == [
        f"{rel}:3: STT 1 trùng với dòng 2",
        f"{rel}:4: 'kind' không hợp lệ: 'gia_dinhh' (có phải 'gia_dinh'?); được dùng: gia_dinh, dong_ho, cong_dong, "
        "don_vi, cong_dan, tap_the, ca_nhan",
        f"{rel}:5: trùng với STT 1 (dòng 2): cùng tên 'Gia đình ông Trần Văn Hải' và cùng nơi ở trong một quyết định",
        f"{rel}:6: 'name' có dãy 12 chữ số giống số CMND/CCCD: 'Nguyễn Văn Bốn 03••••••••••'; bảng vàng chỉ đăng điều "
        "quyết định ghi, không đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân)",
        f"{rel}:7: 'name' có số điện thoại: 'Ông Phạm Năm ĐT 09••••••••'; bảng vàng chỉ đăng điều quyết định ghi, "
        "không đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân)",
        f"{rel}:8: 'name' có ký tự '®': có vẻ là chữ gõ bằng bảng mã cũ (TCVN3/VNI, phông .VnTime); nhập bảng tính "
        "gốc bằng lệnh 'bangvang nhap' (lệnh này chuyển chữ sang Unicode)",
        f"{rel}:9: dòng có 8 cột, dòng tiêu đề có 9 cột",
        f"{rel}:10: 'stt' phải là số thứ tự nguyên dương viết bằng chữ số (1, 2, 3…), nhận được 'x'",
        f"{rel}:10: thiếu 'commune'",
    ]


def test_header_and_encoding_problems(tmp_path: Path) -> None:
    write(tmp_path, "honours/a.yaml", DECISION + "entries_csv: a.csv\n")
    write(tmp_path, "honours/a.csv", "stt,kind,ho_ten,commune,province\n1,gia_dinh,A,B,C\n")
    _, problems = read_decision(tmp_path / "honours/a.yaml", tmp_path)
    assert [str(p) for p in problems] == [
        "honours/a.csv:1: cột không hợp lệ 'ho_ten'; các cột được dùng: stt, kind, name, person, title, village, "
        "commune, district, province, current_commune",
        "honours/a.csv:1: thiếu cột bắt buộc 'name' trong dòng tiêu đề",
    ]
    write(tmp_path, "honours/b.yaml", DECISION + "entries_csv: b.csv\n")
    (tmp_path / "honours/b.csv").write_bytes(
        HEADER.encode() + "1,gia_dinh,Gia dinh Hòa,,,,Xa A,,Tinh B\n".encode("cp1252")
    )
    _, problems = read_decision(tmp_path / "honours/b.yaml", tmp_path)
    assert [(p.path, p.line) for p in problems] == [("honours/b.csv", 2)]
    assert problems[0].message == (
        "tệp không phải UTF-8 (có thể là Windows-1258 hay bảng mã cũ TCVN3/VNI); nhập bảng tính gốc bằng lệnh "
        "'bangvang nhap' (lệnh này chuyển cả chữ gõ bằng phông cũ sang Unicode) hoặc lưu lại dưới dạng 'CSV UTF-8'"
    )


def test_decision_keys_and_places(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "honours/moi.yaml",
        """
        number: "15/QĐ-UBND"
        signed: 2025-09-01
        issuer: {name: "UBND xã Thiên Lộc", level: xa}
        form: khen
        period: "2025-2021"
        title: "Gia đình học tập"
        nguoi_ky: "Ông A"
        entries:
          - stt: 1
            kind: gia_dinh
            name: "Gia đình ông Lê Văn Một"
            commune: "Xã Thiên Lộc"
            district: "Huyện Can Lộc"
            province: "Tỉnh Hà Tĩnh"
            phone: "0912345678"
        entries_csv: moi.csv
        """,
    )
    _, problems = read_decision(path, tmp_path)
    assert [str(p) for p in problems] == [
        "honours/moi.yaml:7: khóa không hợp lệ 'nguoi_ky'; các khóa được dùng: number, aliases, signed, issuer, form, "
        "period, title, basis, article, sample, entries, entries_csv",
        "honours/moi.yaml:3: 'issuer.level' không hợp lệ: 'xa'; được dùng: trung_uong, quoc_hoi, chinh_phu, bo_nganh, "
        "hoi, tinh, huyen_xa",
        "honours/moi.yaml:4: 'form' không hợp lệ: 'khen'; được dùng: cong_nhan (Công nhận), bang_khen (Bằng khen), "
        "giay_khen (Giấy khen), bieu_duong (Biểu dương)",
        'honours/moi.yaml:5: \'period\' phải là một năm ("2023") hoặc một giai đoạn ("2016-2020", năm đầu trước năm '
        "cuối) đặt trong ngoặc kép, nhận được '2025-2021'",
        "honours/moi.yaml:16: cần đúng một trong hai: 'entries' (danh sách ngay trong tệp) hoặc 'entries_csv' (tệp CSV "
        "bên cạnh)",
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("entries_csv: moi.csv\n", ""), encoding="utf-8")
    _, problems = read_decision(path, tmp_path)
    messages = [str(p) for p in problems]
    assert (
        "honours/moi.yaml:15: khóa không hợp lệ 'phone'; được dùng: stt, kind, name, person, title, village, "
        "commune, district, province, current_commune" in messages
    )
    assert (
        "honours/moi.yaml:9: 'district' là 'Huyện Can Lộc' nhưng quyết định ký ngày 1/9/2025, sau 1/7/2025 đã không "
        "còn cấp huyện; ghi địa danh đúng như in trên quyết định" in messages
    )


def test_rolls_check_basis_articles_numbers_and_stray_lists(tmp_path: Path) -> None:
    inline = (
        "entries:\n  - {stt: 1, kind: cong_dong, name: Thôn Đèo Lang, commune: Xã Thiên Lộc, province: Tỉnh Hà Tĩnh}\n"
    )
    write(
        tmp_path,
        "honours/a.yaml",
        DECISION.replace("281/QĐ-TTg", "282/QĐ-TTg") + "article: tin-tuc/2020/khong-co\n" + inline,
    )
    write(tmp_path, "honours/b.yaml", DECISION.replace("281/QĐ-TTg", "281/ QĐ-TTg") + inline)
    write(tmp_path, "honours/c.yaml", DECISION + inline)
    write(tmp_path, "honours/d.yaml", DECISION.replace("Hà Tĩnh", "Nghệ An") + inline)
    write(tmp_path, "honours/mo-coi.csv", HEADER)
    registry = Registry()
    registry.add(directive("281/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "2014-02-20"))
    settings = settings_for(Site(tmp_path))
    rolls = load_rolls(tmp_path / "honours", tmp_path, registry, published={"tin-tuc/2020/co.md"}, settings=settings)
    assert [str(p) for p in rolls.problems] == [
        "honours/a.yaml:7: căn cứ '282/QĐ-TTg' chưa có trong sổ văn bản (content/van-ban/); thêm văn bản đó trước",
        "honours/a.yaml:9: 'article' trỏ tới bài không có hoặc chưa đăng: content/tin-tuc/2020/khong-co.md",
        "honours/b.yaml:1: số quyết định trùng với honours/c.yaml (cùng cơ quan ban hành)",
        "honours/c.yaml:1: số quyết định trùng với honours/b.yaml (cùng cơ quan ban hành)",
        "honours/mo-coi.csv:1: cảnh báo: tệp danh sách không thuộc quyết định nào (không có tệp .yaml nào ghi "
        "'entries_csv' tới nó)",
    ]
    assert rolls.entry_count == 3, "the same number from another body (d.yaml) is another decision"


def test_synthetic_rolls_are_deterministic_and_valid(tmp_path: Path) -> None:
    from benchmarks.synthetic import write_synthetic_rolls

    first, second = tmp_path / "a", tmp_path / "b"
    assert write_synthetic_rolls(first, 45_000, seed=7) == write_synthetic_rolls(second, 45_000, seed=7) == 3
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes()
    registry = Registry()
    for number, kind in (("281/QĐ-TTg", "Quyết định"), ("14/CT-TTg", "Chỉ thị"), ("49-KL/TW", "Kết luận")):
        registry.add(directive(number, kind, "Thủ tướng Chính phủ", "2014-02-20"))
    rolls = load_rolls(first, tmp_path, registry, published=set())
    assert rolls.problems == []
    assert rolls.entry_count == 45_000


def test_period_printed_with_an_en_dash_or_spaces_is_the_same_period(tmp_path: Path) -> None:
    entries = 'entries:\n  - {stt: 1, kind: gia_dinh, name: "Gia đình ông An", commune: "Xã A", province: "Tỉnh B"}\n'
    for written in ("2016–2020", "2016 - 2020", "2016 – 2020", "2016-2020"):
        text = DECISION.replace('period: "2016-2020"', f'period: "{written}"') + entries
        decision, problems = read_decision(write(tmp_path, "honours/1234.yaml", text), tmp_path)
        assert problems == [] and decision is not None, problems
        assert decision.period == "2016-2020"


def test_current_commune_is_read_from_yaml_and_from_an_optional_csv_column(tmp_path: Path) -> None:
    # The editor's choice for a split former commune: NFC like every text, optional everywhere.
    decomposed = unicodedata.normalize("NFD", "Phường Ngọc Hà")
    inline = (
        "entries:\n"
        "  - {stt: 1, kind: gia_dinh, name: Gia đình ông Lê Văn Một, commune: Phường Cống Vị, "
        f"district: Quận Ba Đình, province: Thành phố Hà Nội, current_commune: {decomposed}}}\n"
        "  - {stt: 2, kind: gia_dinh, name: Gia đình ông Lê Văn Hai, commune: Phường Cống Vị, "
        "district: Quận Ba Đình, province: Thành phố Hà Nội}\n"
    )
    decision, problems = read_decision(write(tmp_path, "honours/a.yaml", DECISION + inline), tmp_path)
    assert problems == [] and decision is not None
    assert [e.current_commune for e in decision.entries] == ["Phường Ngọc Hà", None]

    write(tmp_path, "honours/b.yaml", DECISION + "entries_csv: b.csv\n")
    write(
        tmp_path,
        "honours/b.csv",
        HEADER.rstrip("\n") + ",current_commune\n"
        "1,gia_dinh,Gia đình ông Lê Văn Một,,,,Phường Cống Vị,Quận Ba Đình,Thành phố Hà Nội, Phường Giảng Võ \n"
        "2,gia_dinh,Gia đình ông Lê Văn Hai,,,,Phường Cống Vị,Quận Ba Đình,Thành phố Hà Nội,\n",
    )
    decision, problems = read_decision(tmp_path / "honours/b.yaml", tmp_path)
    assert problems == [] and decision is not None
    assert [e.current_commune for e in decision.entries] == ["Phường Giảng Võ", None]

    # The column may stand anywhere in the header, like the others.
    write(tmp_path, "honours/c.yaml", DECISION + "entries_csv: c.csv\n")
    write(
        tmp_path,
        "honours/c.csv",
        "current_commune,stt,kind,name,commune,district,province\n"
        "Phường Ngọc Hà,1,gia_dinh,Gia đình ông Lê Văn Một,Phường Cống Vị,Quận Ba Đình,Thành phố Hà Nội\n",
    )
    decision, problems = read_decision(tmp_path / "honours/c.yaml", tmp_path)
    assert problems == [] and decision is not None
    assert decision.entries[0].current_commune == "Phường Ngọc Hà"


def test_current_commune_is_guarded_like_the_other_texts(tmp_path: Path) -> None:
    write(tmp_path, "honours/a.yaml", DECISION + "entries_csv: a.csv\n")
    write(
        tmp_path,
        "honours/a.csv",
        HEADER.rstrip("\n") + ",current_commune\n"
        "1,gia_dinh,Gia đình ông Lê Văn Một,,,,Phường Cống Vị,Quận Ba Đình,Thành phố Hà Nội,=HYPERLINK(1)\n"
        "2,gia_dinh,Gia đình ông Lê Văn Hai,,,,Phường Cống Vị,Quận Ba Đình,Thành phố Hà Nội,Phường Ngọc\u200bHà\n",
    )
    decision, problems = read_decision(tmp_path / "honours/a.yaml", tmp_path)
    assert decision is None
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [(2, "'current_commune'"), (3, "'current_commune'")]
    inline = (
        "entries:\n  - {stt: 1, kind: gia_dinh, name: Gia đình ông Lê Văn Một, commune: Phường Cống Vị, "
        "district: Quận Ba Đình, province: Thành phố Hà Nội, current_commune: 12}\n"
    )
    decision, problems = read_decision(write(tmp_path, "honours/b.yaml", DECISION + inline), tmp_path)
    assert decision is None
    assert [str(p) for p in problems] == [
        "honours/b.yaml:10: 'current_commune' phải là chữ (đặt trong ngoặc kép), nhận được '12'"
    ]
