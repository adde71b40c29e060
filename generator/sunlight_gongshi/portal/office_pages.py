"""The pages that answer the office's questions (`关注事项` and its lists) and what an estate's page
adds from data/community.json and the fund's entries; the data dictionary page.  Values come from
`questions.Answers`; this module only words and lays them out (tables become cards on a phone)."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from ..money import yuan
from .dictionary import dictionary
from .harvests import CHINA
from .layout import EstateRow, Page, cell, col, paged, render
from .questions import BASES, TERM_NOTICE_DAYS, Answers, EstateAnswers, fund_totals

BASIS = {"vote": "经业主大会表决", "emergency": "紧急动用（事后报告）", "neither": "既没有表决也不是紧急",
         "unknown": "没有公开是否紧急"}
OLD_SITE = "小区网站用的是旧版阳光公示（1.2 版以前），没有公开户数和业委会任期"


@functools.lru_cache(maxsize=4096)
def when(harvested: str | None) -> str | None:
    """A harvest's time (UTC in the data) as the office reads it: Beijing time, to the minute."""
    if not harvested:
        return None
    moment = dt.datetime.fromisoformat(harvested.removesuffix("Z")).replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _money_cell(found: tuple[int, Decimal] | None) -> dict:
    return cell(f"{found[0]} 笔，{yuan(found[1])} 元" if found else "—")


def term_words(answers: Answers, estate: str) -> str | None:
    flag = answers.term(estate)
    if flag is None:
        return None
    kind, days = flag
    return f"已届满 {days} 天" if kind == "ended" else ("今天届满" if days == 0 else f"还有 {days} 天届满")


def _unpublished(rows: list[EstateRow], answers: Answers, link) -> list[list[dict]]:
    """One row per estate the office should ask about this quarter, the most overdue first."""
    overdue: dict[str, list] = {}
    for o in answers.overdue:
        overdue.setdefault(o.estate, []).append(o)
    found = []
    for r in rows:
        e = r.estate.id
        periods = overdue.get(e, [])
        reference = answers.references.get(e)
        not_updated = reference is not None and reference < answers.quarter_start
        if r.status == "ok" and not periods and not not_updated:
            continue
        notes = []
        if e in answers.stale:
            notes.append(f"无法访问：今天读不到，按 {when(answers.stale[e])} 采集的旧数据列出")
        elif r.status == "unreachable":
            notes.append("无法访问：今天读不到，以前也没有读到过，无法判断")
        elif r.status == "unverified":
            notes.append("未通过核验：数据不可信，无法判断（原因见小区页）")
        elif r.status == "rewritten":
            notes.append("历史被改写，没有声明：数据不计入，无法判断（见小区页）")
        if not_updated:
            notes.append(f"网站本季度没有更新（数据截至 {reference}）")
        first = periods[0] if periods else None
        earliest = f"{first.account} {first.period}，{first.due} 截止" if first else None
        order = (r.status != "ok" and e not in answers.stale, -len(periods), e)
        found.append((order, [link(r), cell(f"{len(periods)} 期" if periods else "0 期"), cell(earliest),
                              cell(_iso(reference)), cell("；".join(notes) or None)]))
    return [cells for _order, cells in sorted(found, key=lambda item: item[0])]


def question_pages(rows: list[EstateRow], answers: Answers, reusable: dict[str, str] | None = None) -> list[Page]:
    """The menu page 关注事项 and the lists it links to, one folder deep (list/…)."""
    def link(r: EstateRow, root: str = "../") -> dict:
        return cell(r.estate.name, f"{root}estate/{r.estate.id}.html")

    by_id = {r.estate.id: r for r in rows}
    ok = [r for r in rows if r.status == "ok"]
    pages: list[Page] = []

    unpublished = _unpublished(rows, answers, link)
    pages += paged("unpublished", f"本季度（{answers.quarter}）谁没有公开", (
        f"截至 {answers.day}：有逾期未公开账目的小区（逾期的期数多者在前），网站本季度（{answers.quarter_start} 起）没有更新的小区，"
        "以及今天读不到或没有通过核验的小区。今天读不到的小区按上次采集的数据列出，标为旧数据，不计入任何数字。"),
        [col("小区", "head"), col("逾期未公开", "num"), col("最早的逾期"), col("数据截至", "num"), col("说明", "text")],
        unpublished, reusable)

    fund_rows = []
    for r in ok:
        found = answers.estates[r.estate.id]
        if not found.fund:
            continue
        order = tuple(-found.fund.get(b, (0, 0))[1] for b in ("neither", "emergency", "unknown"))
        fund_rows.append((order, r.estate.id, [link(r), *(_money_cell(found.fund.get(b)) for b in BASES)]))
    fund_rows.sort(key=lambda item: item[:2])
    pages += paged("fund", "专项维修资金的支出", (
        "从专项维修资金账户支出（含转出）的钱，按依据分开：经业主大会表决通过的决议、紧急动用（事后报告），"
        "或两者都不是。两者都不是的在前。只列有过支出的小区。"),
        [col("小区", "head"), *(col(BASIS[b], "num") for b in BASES)], [cells for _o, _e, cells in fund_rows], reusable)

    term_rows = []
    for r in ok:
        found = answers.estates[r.estate.id]
        committee = found.community.committee if found.community else None
        flag = answers.term(r.estate.id)
        if found.community is None:
            order, words = (3, 0), OLD_SITE
        elif committee is None:
            order, words = (2, 0), "没有登记业主委员会"
        elif flag is None:
            continue
        else:
            order, words = ((0, -flag[1]) if flag[0] == "ended" else (1, flag[1])), term_words(answers, r.estate.id)
        term_rows.append((order, r.estate.id, [
            link(r), cell(committee.name if committee else None),
            cell(f"{committee.start} 至 {committee.end}" if committee else None), cell(words),
            cell(f"{committee.serving} / {committee.seats}" if committee else None)]))
    term_rows.sort(key=lambda item: item[:2])
    pages += paged("terms", "业委会任期已届满或即将届满", (
        f"截至 {answers.day}：业委会任期已届满（届满久的在前）或 {TERM_NOTICE_DAYS} 天内届满、且没有登记下一届的小区；"
        "以及没有登记业委会、或没有公开任期的小区。“在任 / 席位”是参考日在任的委员人数和任期第一天的人数。"),
        [col("小区", "head"), col("业委会"), col("任期"), col("情况"), col("在任 / 席位", "num")],
        [cells for _o, _e, cells in term_rows], reusable)

    open_rows = []
    for r in ok:
        found, age = answers.estates[r.estate.id], answers.oldest_age(r.estate.id)
        if found.open_requests:
            open_rows.append((-age, r.estate.id, [link(r), cell(found.open_requests), cell(_iso(found.oldest_open)),
                                                  cell(age)]))
    open_rows.sort(key=lambda item: item[:2])
    pages += paged("open", "未办结的居民诉求", (
        f"状态为未处理或处理中的诉求，按最久的一件已等的天数（到 {answers.day}）排列，久者在前。"),
        [col("小区", "head"), col("未办结", "num"), col("最早收到", "num"), col("最久已等（天）", "num")],
        [cells for _a, _e, cells in open_rows], reusable)

    household_rows = []
    for r in ok:
        found = answers.estates[r.estate.id]
        if found.community is None:
            continue
        fund_each = found.per_household(found.fund_balance) if found.has_fund else None
        household_rows.append(((fund_each is None, fund_each or 0, r.estate.id), [
            link(r), cell(found.community.households), cell(yuan(found.balance)),
            cell(yuan(found.per_household(found.balance))),
            cell(yuan(found.fund_balance) if found.has_fund else None), cell(yuan(fund_each) if fund_each is not None else None)]))
    household_rows.sort(key=lambda item: item[0])
    pages += paged("households", "每户余额", (
        "各小区账户余额除以户数（户数来自小区公开的 data/community.json），四舍五入到分；按每户专项维修资金从少到多排列。"
        "没有公开户数的小区（1.2 版以前的网站）不在表里。"),
        [col("小区", "head"), col("户数", "num"), col("全部账户余额（元）", "num"), col("每户（元）", "num"),
         col("专项维修资金（元）", "num"), col("每户维修资金（元）", "num")], [cells for _k, cells in household_rows],
        reusable)

    totals = fund_totals(answers)
    terms = [answers.term(r.estate.id) for r in ok]
    oldest = min(open_rows, key=lambda item: item[:2], default=None)
    oldest = (-oldest[0], by_id[oldest[1]]) if oldest else None
    with_households = [answers.estates[r.estate.id] for r in ok if answers.estates[r.estate.id].community]
    households = sum(a.community.households for a in with_households)
    pages.append(Page("questions.md", "关注事项", render(
        "questions.html.j2", answers=answers, harvested=when(answers.harvested), bases=[(BASIS[b], totals.get(b)) for b in BASES],
        unpublished=len(unpublished), overdue_estates=len({o.estate for o in answers.overdue if o.estate in by_id}),
        overdue_periods=len(answers.overdue), stale=len(answers.stale),
        ended=sum(1 for term in terms if term and term[0] == "ended"), ending=sum(1 for term in terms if term and term[0] == "ending"),
        open_requests=sum(answers.estates[r.estate.id].open_requests for r in ok), oldest=oldest,
        households=households, with_households=len(with_households), ok=len(ok), term_days=TERM_NOTICE_DAYS,
        balance_each=(sum(a.balance for a in with_households) / households).quantize(Decimal("0.01"))
        if households else None)))
    return pages


def estate_context(r: EstateRow, answers: Answers) -> dict:
    """What an estate's page shows besides its figures: community, committee, fund, requests."""
    found: EstateAnswers | None = answers.estates.get(r.estate.id)
    if found is None:
        return {"community": None, "old_site": False, "term": None, "fund": [], "fund_entries": [],
                "open_requests": 0, "oldest_open": None, "each": None, "fund_each": None, "note": r.note}
    each = found.per_household(found.balance)
    flag = answers.term(r.estate.id)     # no count of days here: the page would change every day
    term = None if flag is None else "已届满" if flag[0] == "ended" else f"{TERM_NOTICE_DAYS} 天内届满"
    return {"community": found.community, "old_site": found.community is None, "term": term,
            "fund": [(BASIS[b], found.fund[b]) for b in BASES if b in found.fund],
            "fund_entries": [[cell(i), cell(d.isoformat()), cell(a), cell(yuan(m)), cell(dec), cell(BASIS[b])]
                             for i, d, a, m, dec, b in found.fund_entries],
            "open_requests": found.open_requests, "oldest_open": _iso(found.oldest_open),
            "each": yuan(each) if each is not None else None,
            "fund_each": yuan(found.per_household(found.fund_balance)) if found.has_fund and found.community else None,
            "note": r.note}


FUND_ENTRY_COLUMNS = [col("流水", "head"), col("日期"), col("账户"), col("金额（元）", "num"), col("决议"), col("依据")]


def dictionary_page() -> Page:
    return Page("dictionary.md", "数据说明", render("dictionary.html.j2", tables=dictionary()))
