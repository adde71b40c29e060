"""Checks of the community, its units and its rosters (terms, sizes, overlaps)."""

from __future__ import annotations

import datetime as dt

from ..problems import Problem, error
from .common import add_years, duplicate_ids, name_key, same_page_ids

ONE_DAY = dt.timedelta(days=1)


def check_required_files(records) -> list[Problem]:
    """The files every community needs, and those that other files depend on."""
    needed = [("records/community.yml", records.community, True, "小区的基本信息"),
              ("records/units.yml", records.units, True, "楼栋单元清单"),
              ("records/finance/accounts.yml", records.accounts, bool(records.books), "账户清单"),
              ("records/scores/rubric.yml", records.rubric, bool(records.score_months), "评分规则")]
    return [error(path, 1, "E-MISSING-FILE", f"缺少 {path}（{what}）；请按说明创建这个文件")
            for path, value, wanted, what in needed
            if wanted and not value and path not in records.present]


def check_units(records) -> list[Problem]:
    """Unit ids are unique and units add up exactly to the community's households and area."""
    problems = duplicate_ids(records.units, lambda u: u.id, "单元",
                             lambda u: (u.src.path, u.src.at("id")))
    problems += same_page_ids(records.units, lambda u: u.id, "单元", lambda u: (u.src.path, u.src.at("id")))
    community = records.community
    if not community or not records.units or "records/units.yml" in records.broken:
        return problems
    path = records.units[0].src.path
    households = sum(u.households for u in records.units)
    area = sum(u.area_m2 for u in records.units)
    if households != community.households:
        problems.append(error(path, 1, "E-UNITS-TOTAL",
                              f"各单元户数合计 {households} 户，community.yml 写的是 {community.households} 户，"
                              f"相差 {households - community.households}；请核对"))
    if area != community.area_m2:
        problems.append(error(path, 1, "E-UNITS-TOTAL",
                              f"各单元专有面积合计 {area} 平方米，community.yml 写的是 {community.area_m2} 平方米，"
                              f"相差 {area - community.area_m2}；请核对"))
    return problems


def serving(roster, day: dt.date) -> list:
    """Members of a roster serving on `day`: from their start (or the term's) to their end."""
    return [m for m in roster.members
            if (m.start or roster.term.start) <= day <= (m.end or roster.term.end)]


def _size_problem(roster, size, day: dt.date, count: int) -> str | None:
    if size.min <= count <= size.max and (not size.odd or count % 2 == 1):
        return None
    rule = f"{size.min}–{size.max} 人" + ("的单数" if size.odd else "")
    return (f"{day.isoformat()} 起在任委员 {count} 人，不符合委员会人数 {rule} 的规定；"
            "请补选委员，或核对委员的 from/to 日期")


def check_rosters(records) -> list[Problem]:
    """Terms and member dates make sense; committees keep a lawful size on every day of the term."""
    problems: list[Problem] = []
    units = {u.id for u in records.units}
    policy = records.community.policy if records.community else None
    for roster in records.rosters:
        path, term = roster.src.path, roster.term
        if term.start > term.end:
            problems.append(error(path, term.src.at("to"), "E-DATES",
                                  f"任期结束 {term.end} 早于开始 {term.start}；请对调或改正"))
            continue
        if roster.body == "committee" and term.end > add_years(term.start, 5):
            problems.append(error(path, term.src.at("to"), "E-TERM",
                                  f"业委会任期从 {term.start} 到 {term.end}，超过 5 年；每届任期最长 5 年，"
                                  f"按民法典计算期间的方法（开始当日不计入），最晚到 {add_years(term.start, 5)}"))
        for member in roster.members:
            start, end = member.start or term.start, member.end or term.end
            if start > end:
                problems.append(error(path, member.src.at("to"), "E-DATES",
                                      f"{member.name} 的离任日期 {end} 早于到任日期 {start}"))
            elif start < term.start or end > term.end:
                key = "from" if start < term.start else "to"
                problems.append(error(path, member.src.at(key), "E-DATES",
                                      f"{member.name} 的任职日期 {start} 至 {end} 超出了本届任期 "
                                      f"{term.start} 至 {term.end}"))
            if member.unit is not None and member.unit not in units:
                problems.append(error(path, member.src.at("unit"), "E-UNKNOWN-UNIT",
                                      f"units.yml 里没有单元 {member.unit}"))
            for unit in member.covers:
                if units and unit not in units:
                    problems.append(error(path, member.src.at("covers"), "E-UNKNOWN-UNIT",
                                          f"{member.name} 的 covers 里有单元 {unit}，units.yml 里没有这个单元"))
        problems += _double_service(roster)
        if roster.body == "committee" and policy:
            problems += _committee_size(roster, policy.committee_size)
    problems += _overlapping_terms(records.rosters)
    return problems


def _double_service(roster) -> list[Problem]:
    problems = []
    seen: dict[str, list] = {}
    for member in roster.members:
        start, end = member.start or roster.term.start, member.end or roster.term.end
        for other_start, other_end in seen.get(name_key(member.name), []):
            if start <= other_end and other_start <= end:
                problems.append(error(roster.src.path, member.src.at("name"), "E-DOUBLE-SERVICE",
                                      f"{member.name} 在 {max(start, other_start)} 同时有两条任职记录；"
                                      "同一人同一时间只能任一职，换职务请先写上前一职的 to 日期"))
                break
        seen.setdefault(name_key(member.name), []).append((start, end))
    return problems


def _committee_size(roster, size) -> list[Problem]:
    """Count members at every date where the count can change, and report the first bad stretch."""
    term = roster.term
    changes = {term.start}
    lines = {}
    for member in roster.members:
        if member.start and term.start <= member.start <= term.end:
            changes.add(member.start)
            lines.setdefault(member.start, member.src.at("from"))
        if member.end and term.start <= member.end < term.end:
            changes.add(member.end + ONE_DAY)
            lines.setdefault(member.end + ONE_DAY, member.src.at("to"))
    for day in sorted(changes):
        message = _size_problem(roster, size, day, len(serving(roster, day)))
        if message:
            return [error(roster.src.path, lines.get(day, roster.src.at("members")), "E-COMMITTEE-SIZE", message)]
    return []


def _overlapping_terms(rosters) -> list[Problem]:
    problems = []
    by_body: dict[str, list] = {}
    for roster in sorted(rosters, key=lambda r: (r.term.start, r.src.path)):
        if roster.body == "other" or roster.term.start > roster.term.end:
            continue
        for earlier in by_body.get(roster.body, []):
            if roster.term.start <= earlier.term.end:
                problems.append(error(roster.src.path, roster.term.src.at("from"), "E-TERM-OVERLAP",
                                      f"本届任期 {roster.term.start} 起，与 {earlier.src.path}（{earlier.name}，"
                                      f"到 {earlier.term.end}）重叠；同一类组织的两届任期不能重叠"))
        by_body.setdefault(roster.body, []).append(roster)
    return problems
