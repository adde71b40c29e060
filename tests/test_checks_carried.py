"""A corrected closed month: one E-BALANCE where the difference starts, naming the later closings."""

from probes import at


def month(name: str, amount: str, closing: str, comment: str = "") -> str:
    """A month of the operating account; the revenue account's closing line is there too, so
    its books count as published (the disclosure calendar)."""
    return (f"month: {name}\nentries:\n  - {{id: e{name}, date: {name}-10, account: operating, amount: \"{amount}\"}}\n"
            f"closing:\n  operating: \"{closing}\"{comment}\n  revenue: \"0.00\"\n")


def path(name: str) -> str:
    return f"records/finance/{name[:4]}/{name}.yml"


BOOKS = {path("2024-02"): month("2024-02", "-10.00", "90.00"),     # the base opens operating at 100.00
         path("2024-03"): month("2024-03", "-20.00", "70.00"),
         path("2024-04"): month("2024-04", "5.00", "75.00"),
         path("2024-05"): month("2024-05", "-5.00", "70.00")}


def test_the_books_hold(tree):
    assert tree(BOOKS) == []


def test_a_corrected_entry_is_one_message_at_its_month_naming_the_later_ones(tree):
    problems = tree({**BOOKS, path("2024-02"): month("2024-02", "-12.00", "90.00")})
    assert [p.text() for p in problems] == [
        f"{path('2024-02')}:5: error: 账户 operating 月末余额不符：写的是 90.00，按期初余额和全部流水算出 88.00，"
        "相差 2.00；之后 3 个月的 closing（2024-03、2024-04、2024-05）也都相差同样的 2.00，是同一个原因，不再逐月报告。"
        "如果这是有意更正本月或更早已结账的账目造成的，请运行 sunlight closings --write 把本月和之后各月的 closing 一并改写；"
        "否则请核对本月流水是否漏记、重记或金额写错  [E-BALANCE]"]


def test_a_correction_whose_own_closing_was_updated_is_reported_at_the_next_month(tree):
    problems = tree({**BOOKS, path("2024-02"): month("2024-02", "-12.00", "88.00")})
    assert [p.text() for p in problems] == [
        f"{path('2024-03')}:5: error: 账户 operating 月末余额不符：写的是 70.00，按期初余额和全部流水算出 68.00，"
        "相差 2.00；之后 2 个月的 closing（2024-04、2024-05）也都相差同样的 2.00，是同一个原因，不再逐月报告。"
        "如果这是有意更正本月或更早已结账的账目造成的，请运行 sunlight closings --write 把本月和之后各月的 closing 一并改写；"
        "否则请核对本月流水是否漏记、重记或金额写错  [E-BALANCE]"]


def test_a_new_difference_on_top_of_a_carried_one_is_its_own_message(tree):
    problems = tree({**BOOKS, path("2024-02"): month("2024-02", "-12.00", "90.00"),
                     path("2024-04"): month("2024-04", "6.00", "75.00")})
    assert [(p.path, p.line) for p in problems] == [(path("2024-02"), 5), (path("2024-04"), 5)]
    assert "之后 1 个月的 closing（2024-03）" in problems[0].message
    assert at(problems, path("2024-04"), 5, "E-BALANCE").message.startswith(
        "账户 operating 月末余额不符：写的是 75.00，按期初余额和全部流水算出 74.00，相差 1.00；之后 1 个月的 closing（2024-05）")


def test_the_last_month_alone_keeps_the_plain_message(tree):
    problems = tree({**BOOKS, path("2024-05"): month("2024-05", "-5.00", "71.00")})
    assert [p.text() for p in problems] == [
        f"{path('2024-05')}:5: error: 账户 operating 月末余额不符：写的是 71.00，按期初余额和全部流水算出 70.00，"
        "相差 1.00；请核对本月流水是否漏记、重记或金额写错  [E-BALANCE]"]
