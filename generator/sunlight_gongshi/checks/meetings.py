"""Checks of meetings: who may be named, what they decided, and whether they were lawfully called.

An owners' assembly is announced at least `assembly_notice_days` before (物业管理条例 art. 14,
a rule every local regulation repeats with its own number); a committee meeting posts its
agenda `committee_notice_days` before and needs more than half of the serving members
(业主大会和业主委员会指导规则 arts. 37–40).  Residents other than office holders are counted
in `others`, never named.
"""

from __future__ import annotations

import difflib

from ..compute.committee import serving
from ..problems import Problem, error, warning
from .common import duplicate_ids, file_ref_problem, name_key, same_page_ids

# A meeting's outcomes are decisions of the same body: the two lists share these words.
# Supervisors, the scoring panel and `other` meetings take no decision of record.
DECIDING_BODIES = ("committee", "owners_assembly", "joint_meeting", "council")


def check_meetings(records, ctx) -> list[Problem]:
    meetings = sorted(records.meetings, key=lambda m: (m.src.path, m.src.line))
    problems = duplicate_ids(meetings, lambda m: m.id, "会议", lambda m: (m.src.path, m.src.at("id")))
    problems += same_page_ids(meetings, lambda m: m.id, "会议", lambda m: (m.src.path, m.src.at("id")))
    policy = records.community.policy if records.community else None
    decisions = {d.id: d for d in records.decisions}
    first_meeting: dict[str, object] = {}
    for meeting in meetings:
        problems += _attendee_problems(meeting, records.rosters)
        problems += _outcome_problems(meeting, decisions, first_meeting)
        if meeting.minutes is not None:
            message = file_ref_problem(meeting.minutes, records)
            if message:
                problems.append(error(meeting.src.path, meeting.src.at("minutes"), "E-FILE", message))
        if policy is not None:
            problems += _notice_problems(meeting, policy)
        if meeting.body == "committee":
            problems += _quorum_problems(meeting, records.rosters)
    return problems


def _serving_names(rosters, day) -> set[str]:
    return {m.name for r in rosters if r.term.start <= day <= r.term.end for m in serving(r, day)}


def _attendee_problems(meeting, rosters) -> list[Problem]:
    names = _serving_names(rosters, meeting.date)
    keys = {name_key(name) for name in names}   # a name as it reads: width and spaces do not count
    problems = []
    for name in meeting.attendees:
        if name_key(name) in keys:
            continue
        close = difflib.get_close_matches(name, sorted(names), n=1)
        hint = f"是不是 {close[0]}？" if close else ""
        problems.append(error(meeting.src.path, meeting.src.at("attendees"), "E-ATTENDEE",
                              f"{name} 在 {meeting.date} 没有在任何名册上任职；{hint}attendees 只写在任的委员、"
                              "楼栋长等名册上的人，其他到会的居民不写名字，只在 others 里计人数"))
    return problems


def _outcome_problems(meeting, decisions, first_meeting) -> list[Problem]:
    path, line = meeting.src.path, meeting.src.at("outcomes")
    problems = []
    for ident in meeting.outcomes:
        decision = decisions.get(ident)
        if decision is None:
            problems.append(error(path, line, "E-OUTCOME",
                                  f"找不到决议 {ident}；outcomes 只写在 decisions/ 下登记过的决议编号"))
            continue
        if meeting.body not in DECIDING_BODIES:
            problems.append(error(path, line, "E-OUTCOME",
                                  f"{meeting.body} 会议不作决议，不能写 outcomes（决议 {ident}）；"
                                  "决议由业委会、业主大会、联席会议或议事会作出"))
        elif decision.body != meeting.body:
            problems.append(error(path, line, "E-OUTCOME",
                                  f"决议 {ident} 是 {decision.body} 作出的，这次会议是 {meeting.body}；"
                                  "请核对决议的 body 或会议的 body"))
        if decision.date != meeting.date:
            problems.append(error(path, line, "E-OUTCOME",
                                  f"决议 {ident} 的日期是 {decision.date}，会议在 {meeting.date}；"
                                  "会议上作出的决议，日期就是会议的日期"))
        earlier = first_meeting.setdefault(ident, meeting)
        if earlier is not meeting:
            problems.append(error(path, line, "E-OUTCOME",
                                  f"决议 {ident} 已经是会议 {earlier.id}（{earlier.src.path}）的结果；"
                                  "一项决议只能在一次会议上作出"))
    return problems


def _notice_problems(meeting, policy) -> list[Problem]:
    path = meeting.src.path
    if meeting.notice is None:
        if meeting.body == "owners_assembly":
            return [error(path, meeting.src.line, "E-NOTICE",
                          f"业主大会会议要写 notice（通知全体业主的日期）；按规定至少提前 "
                          f"{policy.assembly_notice_days} 天通知（《物业管理条例》第十四条）")]
        return []
    line = meeting.src.at("notice")
    days = (meeting.date - meeting.notice).days
    if days < 0:
        return [error(path, line, "E-NOTICE",
                      f"通知日期 {meeting.notice} 晚于会议日期 {meeting.date}；请核对这两个日期")]
    if meeting.body == "owners_assembly" and days < policy.assembly_notice_days:
        return [error(path, line, "E-NOTICE",
                      f"业主大会 {meeting.date} 召开，{meeting.notice} 才通知，只提前了 {days} 天；"
                      f"按规定至少提前 {policy.assembly_notice_days} 天通知全体业主"
                      "（policy.assembly_notice_days；《物业管理条例》第十四条：15 日以前），"
                      "否则会议的决定可能被业主请求撤销（《民法典》第二百八十条）")]
    if meeting.body == "committee" and days < policy.committee_notice_days:
        return [warning(path, line, "W-NOTICE-LATE",
                        f"业委会会议 {meeting.date} 召开，议程 {meeting.notice} 才公告，只提前了 {days} 天；"
                        f"本小区规定提前 {policy.committee_notice_days} 天（policy.committee_notice_days；"
                        "《业主大会和业主委员会指导规则》第三十九条：7 日前公告）")]
    return []


def committee_present(meeting, rosters) -> tuple[set[str], set[str]]:
    """The committee members serving on a meeting's day, and those of them among its attendees (names as
    they read): what its quorum and the votes it took are counted against."""
    members = {name_key(m.name) for r in rosters
               if r.body == "committee" and r.term.start <= meeting.date <= r.term.end
               for m in serving(r, meeting.date)}
    return members, members & {name_key(name) for name in meeting.attendees}


def _quorum_problems(meeting, rosters) -> list[Problem]:
    members, present = committee_present(meeting, rosters)
    if len(present) * 2 > len(members):
        return []
    counted = (f"在任委员 {len(members)} 人，到会 {len(present)} 人，没有超过半数" if members
               else "名册上那天没有在任的业委会")
    if meeting.outcomes:
        return [error(meeting.src.path, meeting.src.at("outcomes"), "E-QUORUM",
                      f"业委会会议 {meeting.date} {counted}，不能作出决定（《业主大会和业主委员会指导规则》第三十八条："
                      "应有过半数的委员出席）；请核对 attendees，或把这些决议改由符合人数的会议作出")]
    return [warning(meeting.src.path, meeting.src.at("attendees") if meeting.attendees else meeting.src.line,
                    "W-QUORUM", f"业委会会议 {meeting.date} {counted}，会议不足法定人数"
                    "（《业主大会和业主委员会指导规则》第三十八条：应有过半数的委员出席）")]
