"""Checks of the scoring rules and of each month's score events."""

from __future__ import annotations

from ..compute.rankings import rankings
from ..compute.votes import outcome
from ..problems import Problem, error
from ..model.decisions import IN_FORCE
from .common import check_month_matches_file, duplicate_ids, in_month


def check_rubric(records, ctx) -> list[Problem]:
    rubric = records.rubric
    if rubric is None:
        return []
    problems = duplicate_ids(rubric.versions, lambda v: v.effective_from, "评分规则版本（effective_from）",
                             lambda v: (v.src.path, v.src.at("effective_from")))
    decisions = {d.id: d for d in records.decisions}
    community = records.community
    for version in rubric.versions:
        path = version.src.path
        problems += duplicate_ids(version.items, lambda i: i.code, f"{version.effective_from} 版评分项",
                                  lambda i: (path, i.src.at("code")))
        for item in version.items:
            if (item.points is None) == (not item.veto):
                problems.append(error(path, item.src.line, "E-ITEM",
                                      f"评分项 {item.code} 要么写 points（加减分），要么写 veto: true（一票否决），"
                                      "只写一个"))
        if version.flags > len(records.units) and records.units:
            problems.append(error(path, version.src.at("flags"), "E-VALUE",
                                  f"flags 是 {version.flags}，比单元总数 {len(records.units)} 还多"))
        if version.decision is None:
            continue
        decision = decisions.get(version.decision)
        if decision is None:
            problems.append(error(path, version.src.at("decision"), "E-DECISION-REF",
                                  f"找不到决议 {version.decision}；规则修改要有一项通过的决议"))
        elif not _passed(decision, community):
            problems.append(error(path, version.src.at("decision"), "E-DECISION-REF",
                                  f"决议 {version.decision} 没有通过（状态 {decision.status}），不能据此修改评分规则"))
        elif f"{version.effective_from}-01" < decision.date.isoformat():
            problems.append(error(path, version.src.at("effective_from"), "E-DECISION-REF",
                                  f"这版规则从 {version.effective_from}-01 起施行，早于修改它的决议 {version.decision}"
                                  f"（{decision.date}）：规则不能用在作出决定之前的月份；"
                                  f"最早从 {_first_month_from(decision.date)} 起施行"))
    return problems


def _first_month_from(day) -> str:
    """The first month wholly on or after `day`: its own month when `day` is the 1st."""
    if day.day == 1:
        return day.isoformat()[:7]
    return f"{day.year + day.month // 12}-{day.month % 12 + 1:02d}"


def _passed(decision, community) -> bool:
    """Decided by its status, and by its vote where it records one."""
    result = (outcome(decision, community.households, community.area_m2, community.policy.committee_majority)
              if community else None)
    return decision.status in IN_FORCE and (result is None or result.passed)


def score_problems(scores, ctx) -> list[Problem]:
    """One month's own problems: its rubric, its units and items, its dates."""
    path = scores.src.path
    problems = check_month_matches_file(scores, "评分")
    version = ctx.rubric_version(scores.month)
    if version is None:
        starts = ctx.rubric_starts()
        if starts is not None:
            since = f"最早的规则从 {min(starts)} 起" if starts else "scores/rubric.yml 里还没有任何版本"
            problems.append(error(path, scores.src.at("month"), "E-RUBRIC",
                                  f"{scores.month} 还没有生效的评分规则；{since}"))
        return problems
    effective_from, codes = version
    items, units = set(codes), ctx.units()
    for event in scores.events:
        if event.unit not in units and units:
            problems.append(error(path, event.src.at("unit"), "E-UNKNOWN-UNIT",
                                  f"units.yml 里没有单元 {event.unit}"))
        if event.item not in items:
            problems.append(error(path, event.src.at("item"), "E-UNKNOWN-ITEM",
                                  f"评分项 {event.item} 不在 {scores.month} 生效的规则（{effective_from} 版）里；"
                                  f"可用的有：{', '.join(codes)}"))
        if not in_month(event.date, scores.month):
            problems.append(error(path, event.src.at("date"), "E-DATE-MONTH",
                                  f"日期 {event.date} 不在 {scores.month} 月内；请放到对应月份的文件里"))
    return problems


def check_award_payments(records, ctx) -> list[Problem]:
    """An entry with `award: {year, unit}` pays out a year award that the year ranking gave."""
    awards = [(books.path, award) for books in records.books for award in books.awards]
    if not awards:
        return []   # the usual case: no score month is read at all
    units = {u.id for u in records.units}
    _monthly, yearly = rankings(records.units, records.rubric, records.scores)
    holders = {y.year: {row.unit for row in y.rows if row.award} for y in yearly}
    problems = []
    paid: dict[tuple[int, str], tuple[str, str, int]] = {}
    for path, (year, unit, amount, date, entry, line) in sorted(awards, key=lambda a: (a[1][3], a[0], a[1][5])):
        if date.year <= year:
            problems.append(error(path, line, "E-AWARD",
                                  f"流水 {entry} 在 {date} 发放 {year} 年度奖励，那时这一年还没有结束：年度奖励按全年的评比结果"
                                  f"（scores/rubric.yml 的 annual_awards）在年底以后才能确定和发放（记录格式 1.2）；"
                                  "请核对 award 的 year 或这笔流水的日期"))
        earlier = paid.setdefault((year, unit), (entry, path, line))
        if earlier[0] != entry:
            problems.append(error(path, line, "E-AWARD-TWICE",
                                  f"单元 {unit} 的 {year} 年度奖励已经由流水 {earlier[0]}（{earlier[1]}:{earlier[2]}）发放过："
                                  "每个单元每年的奖励只发一次（记录格式 1.2）；第一笔金额不对的，请更正那一笔，不要再记一笔"))
        if amount >= 0:
            problems.append(error(path, line, "E-AWARD",
                                  f"流水 {entry} 写的是发放 {year} 年度奖励，金额却不是支出；发放奖励写负数"))
        if unit not in units:
            problems.append(error(path, line, "E-UNKNOWN-UNIT", f"units.yml 里没有单元 {unit}"))
        elif str(year) not in holders:
            problems.append(error(path, line, "E-AWARD",
                                  f"{year} 年没有评比结果，谈不上年度奖励；请核对 award 的 year"))
        elif unit not in holders[str(year)]:
            winners = "、".join(sorted(holders[str(year)])) or "没有单元"
            problems.append(error(path, line, "E-AWARD",
                                  f"单元 {unit} 没有获得 {year} 年度奖励（获奖的是 {winners}）；请核对 award 的 unit"))
    return problems
