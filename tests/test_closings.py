"""`sunlight closings --write`: only the amounts of closing lines that no longer hold change."""

from sunlight_gongshi.cli import main
from sunlight_gongshi.importing.closings import rewrite_line
from sunlight_gongshi.validate import validate
from builders import write_tree
from test_checks_carried import BOOKS, month, path

from decimal import Decimal


def corrected(tmp_path):
    books = {**BOOKS, path("2024-02"): month("2024-02", "-12.00", "90.00"),
             path("2024-04"): month("2024-04", "5.00", "75.00", comment="   # 四月末，核对过银行对账单").replace(
                 "\n", "\r\n")}
    write_tree(tmp_path, books)
    return tmp_path


def test_listing_says_what_would_change_and_changes_nothing(tmp_path, capsys):
    root = corrected(tmp_path)
    before = {p: (root / p).read_bytes() for p in BOOKS}
    assert main(["closings", "--root", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path('2024-02')}:5: operating 写的是 90.00，按流水应为 88.00（相差 2.00）",
        f"{path('2024-03')}:5: operating 写的是 70.00，按流水应为 68.00（相差 2.00）",
        f"{path('2024-04')}:5: operating 写的是 75.00，按流水应为 73.00（相差 2.00）",
        f"{path('2024-05')}:5: operating 写的是 70.00，按流水应为 68.00（相差 2.00）"]
    assert "运行 sunlight closings --write 改写它们" in err
    assert {p: (root / p).read_bytes() for p in BOOKS} == before


def test_write_changes_only_the_amounts_and_keeps_comments_and_line_endings(tmp_path, capsys):
    root = corrected(tmp_path)
    before = {p: (root / p).read_bytes() for p in BOOKS}
    assert main(["closings", "--write", "--root", str(root)]) == 0
    assert validate(root, use_cache=False)[1] == []
    for p in BOOKS:
        old, new = before[p].split(b"\n"), (root / p).read_bytes().split(b"\n")
        changed = [i + 1 for i, (a, b) in enumerate(zip(old, new)) if a != b]
        assert len(old) == len(new) and changed == [5], p
    assert (root / path("2024-04")).read_bytes().split(b"\n")[4] == \
        '  operating: "73.00"   # 四月末，核对过银行对账单\r'.encode()
    assert main(["closings", "--root", str(root)]) == 0
    assert "不需要改写" in capsys.readouterr().err


def test_a_broken_month_stops_the_rewrite(tmp_path, capsys):
    root = corrected(tmp_path)
    (root / path("2024-03")).write_text("month: 2024-03\nentries:\n\t- id: x\n", encoding="utf-8")
    before = (root / path("2024-05")).read_bytes()
    assert main(["closings", "--write", "--root", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{path('2024-03')}:3: error: 行首用了制表符（Tab）") and "没有改写任何文件" in err
    assert (root / path("2024-05")).read_bytes() == before


def test_rewrite_line_keeps_the_quoting_it_finds():
    amount = Decimal("12.30")
    assert rewrite_line('  operating: "1.00"  # x', "operating", amount) == '  operating: "12.30"  # x'
    assert rewrite_line("  operating: '1.00'", "operating", amount) == "  operating: '12.30'"
    assert rewrite_line("  operating: 1", "operating", amount) == "  operating: 12.30"
    assert rewrite_line('closing: {ops: "1.00", operating: "2.00"}', "operating", amount) == \
        'closing: {ops: "1.00", operating: "12.30"}'
    assert rewrite_line('  "ebike-shed": "1.00"', "ebike-shed", amount) == '  "ebike-shed": "12.30"'
    assert rewrite_line("  public_revenue: 1", "operating", amount) is None
