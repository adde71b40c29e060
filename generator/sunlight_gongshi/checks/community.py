"""Checks of the community, its units and its rosters (terms, sizes, overlaps)."""

from __future__ import annotations

import datetime as dt

from ..compute.committee import committee_course, size_ok, term_ending
from ..model.kinds import ACCOUNTS, COMMUNITY, RUBRIC, SCORES_MONTH, UNITS
from ..problems import Problem, error, warning
from .common import add_years, duplicate_ids, name_key, same_page_ids


def check_required_files(records, ctx) -> list[Problem]:
    """The files every community needs, and those that other files depend on."""
    needed = [(COMMUNITY.place.path, records.community, True, "小区的基本信息"),
              (UNITS.place.path, records.units, True, "楼栋单元清单"),
              (ACCOUNTS.place.path, records.accounts, bool(records.books), "账户清单"),
              (RUBRIC.place.path, records.rubric, bool(records.files_of(SCORES_MONTH.name)), "评分规则")]
    return [error(path, 1, "E-MISSING-FILE", f"缺少 {path}（{what}）；请按说明创建这个文件")
            for path, value, wanted, what in needed
            if wanted and not value and path not in records.present]


# 物业管理条例 art. 14, a State Council regulation that local rules may only make stricter
ASSEMBLY_NOTICE_DAYS = 15


def check_policy(records, ctx) -> list[Problem]:
    """A warning when the policy gives owners less notice of an assembly than the national regulation."""
    community = records.community
    if community is None or community.policy.assembly_notice_days >= ASSEMBLY_NOTICE_DAYS:
        return []
    policy = community.policy
    return [warning(community.src.path, policy.src.at("assembly_notice_days"), "W-POLICY-LAX",
                    f"policy.assembly_notice_days 写的是 {policy.assembly_notice_days} 天，比国家的规定宽松"
                    f"（《物业管理条例》第十四条：业主大会会议应当于会议召开 {ASSEMBLY_NOTICE_DAYS} 日以前通知全体业主）；"
                    f"这是国务院的行政法规，小区和地方的规定可以更严，不能更松：请改为至少 {ASSEMBLY_NOTICE_DAYS}")]


def check_units(records, ctx) -> list[Problem]:
    """Unit ids are unique and units add up exactly to the community's households and area."""
    problems = duplicate_ids(records.units, lambda u: u.id, "单元",
                             lambda u: (u.src.path, u.src.at("id")))
    problems += same_page_ids(records.units, lambda u: u.id, "单元", lambda u: (u.src.path, u.src.at("id")))
    community = records.community
    if not community or not records.units or UNITS.place.path in records.broken:
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


def _size_rule(size) -> str:
    return f"{size.min}–{size.max} 人" + ("的单数" if size.odd else "")


def check_rosters(records, ctx) -> list[Problem]:
    """Terms and member dates make sense (committee sizes: `check_committees`)."""
    problems: list[Problem] = []
    units = {u.id for u in records.units}
    for roster in records.rosters:
        path, term = roster.src.path, roster.term
        if term.start > term.end:
            problems.append(error(path, term.src.at("to"), "E-DATES",
                                  f"任期结束 {term.end} 早于开始 {term.start}；请对调或改正"))
            continue
        if roster.body == "committee" and term.end > add_years(term.start, 5):
            problems.append(error(path, term.src.at("to"), "E-TERM",
                                  f"业委会任期从 {term.start} 到 {term.end}，超过 5 年；每届任期最长 5 年（《业主大会和业主委员会指导规则》"
                                  f"第三十二条），按《民法典》第二百零一条、第二百零二条计算期间（开始当日不计入），"
                                  f"最晚到 {add_years(term.start, 5)}"))
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


def check_committees(records, ctx) -> list[Problem]:
    """Record format 1.1: a committee's size on the first day of its term, its vacancies later
    (warnings, up to the reference date), a fall to half (re-election), joins out of size, and a
    term about to end with no next one on record."""
    if records.community is None:
        return []
    today = ctx.today
    policy = records.community.policy
    size = policy.committee_size
    problems = []
    for roster in records.rosters:
        if roster.body != "committee" or roster.term.start > roster.term.end:
            continue
        problems += _course_problems(roster, size, committee_course(roster, size, today), today)
    ending = term_ending(records.rosters, policy.reelection_notice_days, today)
    if ending is not None:
        end, path, line = ending.term.end, ending.src.path, ending.term.src.at("to")
        if end >= today:
            message = (f"本届业委会（{ending.name}）任期到 {end} 届满，距参考日 {today} 还有 {(end - today).days} 天，"
                       "还没有下一届的名册；请及早筹备换届选举，选出后登记新一届名册")
        else:
            message = (f"本届业委会（{ending.name}）任期已于 {end} 届满（到参考日 {today} 已过 {(today - end).days} 天），"
                       "还没有下一届的名册；请尽快换届选举，并登记新一届名册")
        problems.append(warning(path, line, "W-TERM-ENDING", message))
    return problems


def _course_problems(roster, size, course, today: dt.date) -> list[Problem]:
    path, term = roster.src.path, roster.term
    problems = []
    if not size_ok(course.first, size):
        problems.append(error(path, roster.src.at("members"), "E-COMMITTEE-SIZE",
                              f"本届任期第一天（{term.start}）在任委员 {course.first} 人，不符合委员会人数 "
                              f"{_size_rule(size)}的规定（policy.committee_size；《业主大会和业主委员会指导规则》第三十一条：5 至 11 人单数）；"
                              "请核对名册和委员的 from/to 日期"))
    for change in course.joined_out_of_size:
        why = f"超过上限 {size.max} 人" if change.count > size.max else "是双数，本小区规定委员人数为单数"
        problems.append(error(path, change.line, "E-COMMITTEE-SIZE",
                              f"{change.day} 有委员加入后，在任委员 {change.count} 人，{why}；请核对补选的人数或 from 日期"))
    for change in course.halved:
        problems.append(error(path, change.line, "E-COMMITTEE-HALF",
                              f"{change.day} 起在任委员只剩 {change.count} 人，不超过本届第一天 {course.first} 人的一半；"
                              "委员会须重新选举：请召集业主大会换届或补选，补选的委员写上 from 日期"))
    for vacancy in course.vacancies:
        short = "缺额 1 人" if vacancy.short == 1 else f"最多时缺额 {vacancy.short} 人"
        if vacancy.filled:
            length = f"到 {vacancy.filled} 补齐，空缺了 {vacancy.days} 天"
        elif vacancy.last < today:
            length = f"到本届任期结束（{vacancy.last}）一直没有补齐，共 {vacancy.days} 天"
        else:
            length = f"到参考日 {today} 已空缺 {vacancy.days} 天"
        problems.append(warning(path, vacancy.line, "W-COMMITTEE-VACANCY",
                                f"{vacancy.start} 起业委会委员出缺，{short}（本届第一天 {course.first} 人），"
                                f"{length}；委员出缺应及时补选"))
    return problems


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
