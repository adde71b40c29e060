"""The office's questions answered on the portal's pages: fund money out by basis,
committee terms, open requests and the oldest's age, balance per household, and the data
dictionary covering every column of every table."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

from estate_sites import exports, write_site
from sunlight_gongshi.portal.build import build_portal
from sunlight_gongshi.portal.dictionary import dictionary
from sunlight_gongshi.portal.questions import Community, EstateAnswers

DAY = dt.date(2025, 4, 20)


def text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def fund_out(data: dict) -> list[list]:
    return [e for e in data["entries"] if e[2] == "fund" and e[3].startswith("-")]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    root = tmp_path_factory.mktemp("questions")
    mixed = exports(11)                           # one of each basis; amounts unchanged, so every sum still holds
    outs = fund_out(mixed)
    outs[0][7:9] = ["2024-006", ""]               # a passed owners' assembly decision
    outs[1][7:9] = ["", "true"]                   # an emergency
    outs[2][7:9] = ["2024-001", ""]               # a committee decision: not the owners' vote
    mixed["decisions"][4]["body"], mixed["decisions"][4]["passed"] = "owners_assembly", False
    outs[3][7:9] = ["2024-005", ""]               # an owners' vote that failed
    for e in outs[4:]:
        e[7:9] = ["2024-006", ""]
    mixed["community"]["committee"].update({"from": "2020-04-01", "to": "2025-05-20"})      # ends in 30 days
    mixed["community"]["households"] = 7
    write_site(root / "sites/mixed", mixed)
    write_site(root / "sites/old", exports(12, old=True))
    ended = exports(13)
    ended["community"]["committee"].update({"from": "2020-04-01", "to": "2025-03-31"})      # ended 20 days ago
    write_site(root / "sites/ended", ended)
    later = exports(14)
    later["community"]["committee"]["to"] = "2026-03-31"                      # not one to watch
    write_site(root / "sites/later", later)
    none = exports(15)
    none["community"]["committee"] = None
    write_site(root / "sites/none", none)
    (root / "registry.yml").write_text("estates:\n" + "".join(
        f"  - {{id: {n}, name: {n}小区, neighbourhood: 社区, site: sites/{n}}}\n"
        for n in ("mixed", "old", "ended", "later", "none")), encoding="utf-8")
    problems, built, _rows = build_portal(root / "registry.yml", today=DAY, timeout=5)
    assert built and problems == []
    return root, {"mixed": mixed, "old": exports(12, old=True), "ended": ended, "later": later, "none": none}


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def test_fund_money_out_by_vote_emergency_or_neither(portal):
    root, data = portal
    outs = fund_out(data["mixed"])
    money = [-Decimal(e[3]) for e in outs]
    vote = [m for e, m in zip(outs, money) if e[7] == "2024-006"]
    page = text(root / "site/list/fund-1.html")
    assert (f"mixed小区 {len(vote)} 笔，{yuan(sum(vote))} 元 1 笔，{yuan(money[1])} 元 2 笔，{yuan(money[2] + money[3])} 元 —"
            in page)
    old = [-Decimal(e[3]) for e in fund_out(data["old"])]
    old_votes = [m for e, m in zip(fund_out(data["old"]), old) if e[7] == "2024-006"]
    assert f"old小区 {len(old_votes)} 笔，{yuan(sum(old_votes))} 元 — — {len(old) - len(old_votes)} 笔，" in page
    assert page.index("mixed小区") < page.index("ended小区")          # money out with neither basis first
    estate = text(root / "site/estate/mixed.html")
    assert f"既没有表决也不是紧急：2 笔，共 {yuan(money[2] + money[3])} 元" in estate
    assert f"{outs[2][0]} {outs[2][1]} 专项维修资金 {yuan(-money[2])} 2024-001 既没有表决也不是紧急" in estate
    assert f"{outs[1][0]} {outs[1][1]} 专项维修资金 {yuan(-money[1])} — 紧急动用（事后报告）" in estate


def test_committees_whose_term_ended_or_ends_within_90_days(portal):
    root, _data = portal
    page = text(root / "site/list/terms-1.html")
    rows = re.findall(r"(\w+)小区 (第一届业主委员会|—) (\S+ 至 \S+|—) (已届满 \d+ 天|还有 \d+ 天届满|没有登记业主委员会|小区网站用的是旧版阳光公示（1\.2 版以前），没有公开户数和业委会任期) (\d / \d|—)", page)
    assert rows == [
        ("ended", "第一届业主委员会", "2020-04-01 至 2025-03-31", "已届满 20 天", "6 / 7"),
        ("mixed", "第一届业主委员会", "2020-04-01 至 2025-05-20", "还有 30 天届满", "6 / 7"),
        ("none", "—", "—", "没有登记业主委员会", "—"),
        ("old", "—", "—", "小区网站用的是旧版阳光公示（1.2 版以前），没有公开户数和业委会任期", "—")]
    questions = text(root / "site/questions.html")
    assert "1 个小区的业委会任期已经届满，1 个在 90 天内届满，都还没有登记下一届。" in questions


def test_open_requests_with_the_age_of_the_oldest(portal):
    root, data = portal
    expected = []
    for name, d in data.items():
        open_ = [dt.date.fromisoformat(r["received"]) for r in d["requests"] if r["status"] in ("open", "in_progress")]
        if open_:
            expected.append(((DAY - min(open_)).days, name, len(open_), min(open_)))
    expected.sort(key=lambda e: (-e[0], e[1]))
    page = text(root / "site/list/open-1.html")
    found = re.findall(r"(\w+)小区 (\d+) (\d{4}-\d\d-\d\d) (\d+)", page)
    assert found == [(n, str(c), o.isoformat(), str(age)) for age, n, c, o in expected]
    age, name, count, _oldest = expected[0]
    total = sum(e[2] for e in expected)
    assert f"共 {total} 件；最久的一件在 {name}小区 ，已等 {age} 天。" in text(root / "site/questions.html")


def test_balance_per_household_is_exact_to_the_cent_rounded_half_up(portal):
    root, data = portal
    mixed = data["mixed"]["finance"]["accounts"]
    total = sum(Decimal(a["balance"]) for a in mixed)
    fund = sum(Decimal(a["balance"]) for a in mixed if a["kind"] == "maintenance_fund")
    each = (total / 7).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    fund_each = (fund / 7).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    page = text(root / "site/list/households-1.html")
    assert f"mixed小区 7 {yuan(total)} {yuan(each)} {yuan(fund)} {yuan(fund_each)}" in page
    assert "old小区" not in page and "ended小区" in page


def test_per_household_rounds_half_up_to_the_cent():
    found = EstateAnswers(community=Community(households=2, reference_date=DAY, committee=None, sunlight="x"))
    assert found.per_household(Decimal("0.05")) == Decimal("0.03")
    assert found.per_household(Decimal("-0.05")) == Decimal("-0.03")
    assert EstateAnswers().per_household(Decimal("1.00")) is None


def test_harvest_times_and_reference_dates_are_listed_for_every_estate(portal):
    root, _data = portal
    page = text(root / "site/list/all-1.html")
    assert "ended ended小区 已核验 社区 2025-04-20 00:00 2025-03-01" in page
    assert "old old小区 已核验 社区 2025-04-20 00:00 —" in page


def test_the_data_dictionary_describes_every_column_of_every_table(portal):
    root, _data = portal
    con = duckdb.connect(str(root / "site/data/portal.duckdb"), read_only=True)
    published = {}
    for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                     "ORDER BY table_name, ordinal_position").fetchall():
        published.setdefault(table, []).append(column)
    described = {t["name"]: [c["name"] for c in t["columns"]] for t in dictionary()}
    assert described == published
    page = (root / "site/dictionary.html").read_text(encoding="utf-8")
    for t in dictionary():
        assert f'<h2 id="{t["name"]}"><code>{t["name"]}</code></h2>' in page
        for c in t["columns"]:
            assert f'<code>{c["name"]}</code></td><td data-label="类型">{c["type"]}</td>' in page
    assert all(c["about"] for t in dictionary() for c in t["columns"])
