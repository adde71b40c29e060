"""Re-derived figures (spec section 7): exports that contradict themselves make the estate
unverified, and the reason names the file, the row and the figures; consistent exports pass."""

from __future__ import annotations

import datetime as dt

import pytest

from estate_sites import HEADER, exports as synthetic
from sunlight_gongshi.portal.rederive import contradiction
from test_portal_verify import fetched, published
from sunlight_gongshi.portal.verify import UNVERIFIED, verify

DAY = dt.date(2025, 4, 20)


def exports(seed: int, old: bool = False) -> dict:
    """A synthetic estate's exports as verification parses them (entries.csv rows as objects)."""
    data = synthetic(seed, old=old)
    data["entries"] = [dict(zip(HEADER, row)) for row in data["entries"]]
    return data


def why(change, day: dt.date = DAY, old: bool = False) -> str | None:
    data = exports(6, old=old)
    change(data)
    return contradiction(data, day)


def test_consistent_exports_contradict_nothing():
    assert why(lambda d: None) is None
    assert why(lambda d: None, old=True) is None


def test_a_month_whose_closing_is_not_opening_plus_income_minus_expense():
    def tamper(d):
        row = d["finance"]["months"][4]
        row["opening"], row["income"], row["expense"], row["closing"] = "13879.53", "3132.79", "990.57", "416021.75"
    assert why(tamper) == ("data/finance.json 的 months 第 5 行（2024-02 revenue）自相矛盾：月初 13,879.53 + 收入 3,132.79 "
                           "− 支出 990.57 = 16,021.75，月末却写的是 416,021.75（相差 400,000.00）")


def test_a_month_that_does_not_open_where_the_last_one_closed():
    def tamper(d):
        months = d["finance"]["months"]
        row = months[3]      # 2024-02 operating: shift both ends by the same amount
        for key in ("opening", "closing"):
            row[key] = f"{float(row[key]) + 100:.2f}"
    data = exports(6)
    tamper(data)
    row, before = data["finance"]["months"][3], data["finance"]["months"][0]
    assert contradiction(data, DAY) == (
        f"data/finance.json 的 months 第 4 行（2024-02 operating）的月初 {float(row['opening']):,.2f} 与这个账户上一行"
        f"（第 1 行，2024-01）的月末 {float(before['closing']):,.2f} 不符")


def test_a_balance_that_is_not_the_last_months_closing():
    def tamper(d):
        d["finance"]["accounts"][0]["balance"] = "1.00"
    data = exports(6)
    last = [i for i, m in enumerate(data["finance"]["months"]) if m["account"] == "operating"][-1]
    closing = float(data["finance"]["months"][last]["closing"])
    assert why(tamper) == (f"data/finance.json 的 accounts 第 1 行（operating）的余额 1.00 与这个账户最后一个月"
                           f"（months 第 {last + 1} 行，2024-12）的月末 {closing:,.2f} 不符")


def test_entries_that_do_not_add_up_to_the_months_income_and_expense():
    def tamper(d):
        d["entries"][0]["amount"] = "195.05"     # was 194.05, money in
    data = exports(6)
    entry = data["entries"][0]
    month = entry["date"][:7]
    row = next(i for i, m in enumerate(data["finance"]["months"]) if (m["month"], m["account"]) == (month, "operating"))
    income = float(data["finance"]["months"][row]["income"])
    assert why(tamper).startswith(f"data/entries.csv 里 {month} operating 的流水合计收入 {income + 1:,.2f}、支出 ")
    assert why(tamper).endswith(f"与 data/finance.json 的 months 第 {row + 1} 行的收入 "
                                f"{float(data['finance']['months'][row]['income']):,.2f}、支出 "
                                f"{float(data['finance']['months'][row]['expense']):,.2f} 不符")

    def extra(d):
        d["entries"].append(dict(zip(HEADER, ["x1", "2023-05-02", "operating", "5.00", "", "", "", "", ""])))
    assert why(extra) == (f"data/entries.csv 第 {len(exports(6)['entries']) + 2} 行起有 2023-05 operating 的流水，"
                          "data/finance.json 的 months 却没有这个月这个账户的一行")


def _status(d, index, status, published=...):
    row = d["disclosure"][index]
    row["status"] = status
    if published is not ...:
        row["published"] = published
    return row


@pytest.mark.parametrize("status, published, expected", [
    ("on_time", "2024-03-05", "标为“按时公开”（on_time），但公开日 2024-03-05 晚于截止日 2024-02-28，应为“迟公开”"),
    ("late", "2024-02-28", "标为“迟公开”（late），但公开日 2024-02-28 不晚于截止日 2024-02-28，应为“按时公开”"),
    ("on_time", None, "标为“按时公开”（on_time），却没有公开日"),
    ("overdue", "2024-02-20", "标为“逾期未公开”（overdue），但公开日 2024-02-20 不晚于截止日 2024-02-28，应为“按时公开”"),
    ("pending", None, "标为“未到截止日”（pending），但截止日 2024-02-28 早于网站的参考日期 2025-03-01，应为“逾期未公开”"),
])
def test_a_disclosure_status_its_own_dates_contradict(status, published, expected):
    def tamper(d):
        _status(d, 0, status, published)
    assert why(tamper) == f"data/disclosure.json 第 1 行（operating 2024-01）{expected}"


def test_an_overdue_period_not_yet_due_and_a_publication_after_the_harvest():
    def early(d):
        row = _status(d, 0, "overdue", None)
        row["due"] = "2025-03-01"
    assert why(early) == ("data/disclosure.json 第 1 行（operating 2024-01）标为“逾期未公开”（overdue），但截止日 2025-03-01 "
                          "不早于网站的参考日期 2025-03-01，还不算逾期")

    def early_old_site(d):      # no reference date published: the harvest day is the bound
        row = _status(d, 0, "overdue", None)
        row["due"] = "2025-06-01"
    assert why(early_old_site, old=True) == (
        "data/disclosure.json 第 1 行（operating 2024-01）标为“逾期未公开”（overdue），但截止日 2025-06-01 不早于"
        "本站采集的日期 2025-04-20，还不算逾期")

    def future(d):
        _status(d, 0, "late", "2025-05-01")
    assert why(future) == "data/disclosure.json 第 1 行（operating 2024-01）的公开日 2025-05-01 晚于本站采集的日期 2025-04-20"


def test_a_pending_period_whose_due_date_passed_after_the_reference_date_is_no_contradiction():
    def pending(d):
        row = _status(d, 0, "pending", None)
        row["due"] = "2025-04-01"       # after the site's reference date, before the harvest: overdue now
    assert why(pending) is None


@pytest.mark.parametrize("change, expected", [
    (dict(days=3), "的 days 是 3，但办结 {resolved} − 收到 {received} = {days} 天"),
    (dict(status="open"), "的状态是 open（没办完），却有办结日期 {resolved}"),
    (dict(resolved=None, days=None), "的状态是 {status}（已办完），却没有办结日期 resolved"),
    (dict(resolved="2023-01-01"), "的办结日期 2023-01-01 早于收到的日期 {received}"),
])
def test_a_request_whose_days_or_resolution_contradict_its_dates(change, expected):
    data = exports(6)
    index, row = next((i, r) for i, r in enumerate(data["requests"]) if r["status"] == "resolved" and r["days"] != 3)
    words = expected.format(**row)
    row.update(change)
    assert contradiction(data, DAY) == f"data/requests.json 第 {index + 1} 行（{row['id']}）{words}"

    data = exports(6)
    index, row = next((i, r) for i, r in enumerate(data["requests"]) if r["status"] == "open")
    row["days"] = 4
    assert contradiction(data, DAY) == f"data/requests.json 第 {index + 1} 行（{row['id']}）没办完，days 却是 4（应为 null）"


def test_a_contradiction_makes_the_estate_unverified_with_the_reason():
    data = synthetic(6)
    data["finance"]["months"][4]["closing"] = "416021.75"
    verdict = verify(fetched(published(data)), DAY)
    assert (verdict.status, verdict.tables) == (UNVERIFIED, {})
    assert verdict.reason.startswith("data/finance.json 的 months 第 5 行（2024-02 revenue）自相矛盾：")
