"""Checks of decisions: ids, votes against Civil Code art. 278 and committee rules, documents."""

from __future__ import annotations

from ..compute.committee import serving
from ..compute.votes import outcome
from ..problems import Problem, error, warning
from ..words import threshold_words
from ..model.decisions import CountVote, OwnersVote, Share
from ..model.decisions import IN_FORCE
from .common import duplicate_ids, file_ref_problem, same_page_ids
from .meetings import committee_present

BODY_WORDS = {"committee": "业主委员会", "owners_assembly": "业主大会", "joint_meeting": "联席会议",
              "council": "居民议事会"}


def committee_size_on(records, day) -> int | None:
    """Members of the committee serving on `day`, or None when no committee roster covers it."""
    for roster in records.rosters:
        if roster.body == "committee" and roster.term.start <= day <= roster.term.end:
            return len(serving(roster, day))
    return None


def _tally_problems(decision, community) -> list[Problem]:
    vote, path = decision.vote, decision.src.path
    problems = []
    if isinstance(vote, CountVote) and vote.yes + vote.against + vote.abstain > vote.members:
        problems.append(error(path, vote.src.at("members"), "E-VOTE-COUNT",
                              f"赞成 {vote.yes} + 反对 {vote.against} + 弃权 {vote.abstain} 超过了委员总数 "
                              f"{vote.members}；请核对票数"))
    if isinstance(vote, OwnersVote):
        # No share may exceed the one it is part of, up to the whole community (community.yml).
        estate = Share(community.households, community.area_m2) if community else None
        pairs = [("eligible", vote.eligible, estate, "有表决权", "全小区的（community.yml）"),
                 ("participated", vote.participated, vote.eligible or estate, "参与",
                  "有表决权的" if vote.eligible else "全小区的（community.yml）"),
                 ("approved", vote.approved, vote.participated, "同意", "参与")]
        for key, part, whole, what, of in pairs:
            if whole is None or part is None:
                continue
            if part.households > whole.households or part.area_m2 > whole.area_m2:
                problems.append(error(path, vote.src.at(key), "E-VOTE-COUNT",
                                      f"{what}的户数或面积（{part.households} 户，{part.area_m2} 平方米）超过了"
                                      f"{of}户数或面积（{whole.households} 户，{whole.area_m2} 平方米）；请核对"))
    return problems


def _narrowed_eligible(decision, community) -> list[Problem]:
    """A warning when a vote counts fewer eligible owners than the community has: lawful for a matter
    of some buildings only, and otherwise the easiest way to make a failed vote pass."""
    vote = decision.vote
    if not isinstance(vote, OwnersVote) or vote.eligible is None or community is None:
        return []
    eligible = vote.eligible
    if eligible.households >= community.households and eligible.area_m2 >= community.area_m2:
        return []
    return [warning(decision.src.path, vote.src.at("eligible"), "W-VOTE-ELIGIBLE",
                    f"有表决权的只算了 {eligible.households} 户、{eligible.area_m2} 平方米，全小区是 "
                    f"{community.households} 户、{community.area_m2} 平方米：只有只涉及部分楼栋的事项才能这样算，"
                    "是否通过按这里写的数核算；请在 summary 里写明表决的范围")]


def check_decisions(records, ctx) -> list[Problem]:
    in_order = sorted(records.decisions, key=lambda d: d.src.path)
    problems = duplicate_ids(in_order, lambda d: d.id, "决议", lambda d: (d.src.path, d.src.at("id")))
    problems += same_page_ids(in_order, lambda d: d.id, "决议", lambda d: (d.src.path, d.src.at("id")))
    community = records.community
    meeting_of = _meetings_of(records)
    for decision in records.decisions:
        path, vote = decision.src.path, decision.vote
        problems += _matter_problems(decision)
        for stage, nxt in zip(decision.stages, decision.stages[1:]):
            if nxt.date < stage.date:
                problems.append(error(path, nxt.src.at("date"), "E-STAGE-ORDER",
                                      f"议事步骤“{nxt.stage}”的日期 {nxt.date} 早于上一步“{stage.stage}”的 "
                                      f"{stage.date}；步骤要按日期先后写"))
        for ref in decision.documents:
            message = file_ref_problem(ref, records)
            if message:
                problems.append(error(path, decision.src.at("documents"), "E-FILE", message))
        if vote is None:
            continue
        if (decision.body == "owners_assembly") != isinstance(vote, OwnersVote):
            expected = ("participated/approved（按户数和面积）" if decision.body == "owners_assembly"
                        else "members/for/against/abstain（按委员人数）")
            problems.append(error(path, decision.src.at("vote"), "E-VOTE-SHAPE",
                                  f"body 是 {decision.body}，表决结果应写成 {expected}"))
            continue
        tally = _tally_problems(decision, community)
        problems += tally + _narrowed_eligible(decision, community)
        problems += _present_problems(decision, meeting_of.get(decision.id), records.rosters)
        if decision.body == "committee" and isinstance(vote, CountVote):
            serving = committee_size_on(records, decision.date)
            if serving is None and any(r.body == "committee" for r in records.rosters):
                problems.append(warning(path, decision.src.at("date"), "W-NO-COMMITTEE",
                                        f"{decision.date} 那天名册里没有在任的业主委员会，这项业委会表决是谁作出的？"
                                        "请核对决议日期，或补上那一届业委会的名册"))
            if serving is not None and serving != vote.members:
                problems.append(error(path, vote.src.at("members"), "E-VOTE-MEMBERS",
                                      f"members 写的是 {vote.members}，但名册显示 {decision.date} 在任委员 {serving} 人；"
                                      "业委会的决定要全体委员半数以上同意，按全体在任委员计算，不按到会人数"
                                      "（《业主大会和业主委员会指导规则》第三十八条）"))
        if tally or community is None:
            continue
        majority = community.policy.committee_majority
        result = outcome(decision, community.households, community.area_m2, majority)
        source = _vote_rule(decision.body, majority)
        if decision.status in IN_FORCE and not result.passed:
            missed = "；".join(threshold_words(t) for t in result.missed)
            problems.append(error(path, decision.src.at("status"), "E-VOTE-FAILED",
                                  f"表决未通过（{missed}；{source}），状态却是 {decision.status}；"
                                  "未通过的事项状态应写 rejected"))
        elif decision.status == "rejected" and result.passed:
            problems.append(error(path, decision.src.at("status"), "E-VOTE-PASSED",
                                  f"表决已达到通过的票数（{source}），状态却是 rejected；请核对票数或状态"))
        elif decision.status == "proposed" and not result.passed:
            missed = "；".join(threshold_words(t) for t in result.missed)
            problems.append(error(path, decision.src.at("status"), "E-VOTE-FAILED",
                                  f"表决未通过（{missed}；{source}）；已表决未通过的事项状态应写 rejected"))
        elif decision.status == "proposed":
            problems.append(warning(path, decision.src.at("status"), "W-VOTE-PENDING",
                                    "表决已经通过，状态还是 proposed；如已决定请改为 decided"))
    return problems


def _vote_rule(body: str, majority: str) -> str:
    """Where the threshold a vote is counted against comes from, in the words of a message."""
    if body == "owners_assembly":
        return "《民法典》第二百七十八条第二款"
    if body != "committee":
        return "联席会议、议事会按超过全体成员一半核算"
    if majority == "more_than_half":
        return "本小区议事规则：过半数（policy.committee_majority）"
    return "《业主大会和业主委员会指导规则》第三十八条：全体委员半数以上同意"


def _meetings_of(records) -> dict:
    """The first meeting (in file order) that names each decision among its outcomes."""
    found: dict = {}
    for meeting in sorted(records.meetings, key=lambda m: (m.src.path, m.src.line)):
        for ident in meeting.outcomes:
            found.setdefault(ident, meeting)
    return found


def _matter_problems(decision) -> list[Problem]:
    """A major matter is the owners' own (Civil Code art. 278): no other body may decide it."""
    if decision.matter != "major" or decision.body == "owners_assembly":
        return []
    return [error(decision.src.path, decision.src.at("matter"), "E-MATTER-BODY",
                  f"重大事项（筹集维修资金，改建、重建建筑物，改变共有部分的用途或者利用共有部分从事经营活动）"
                  f"由业主共同决定，须经参与表决的业主四分之三以上同意（《民法典》第二百七十八条第一款第六至八项、"
                  f"第二款），{BODY_WORDS.get(decision.body, decision.body)}不能决定：请把 body 改为 owners_assembly "
                  "并写上业主大会的表决结果；不是这类事项的，把 matter 改为 ordinary")]


def _present_problems(decision, meeting, rosters) -> list[Problem]:
    """A committee vote taken at a meeting counts only the committee members present: no proxies."""
    vote = decision.vote
    if (decision.body != "committee" or meeting is None or meeting.body != "committee"
            or not isinstance(vote, CountVote)):
        return []
    present = len(committee_present(meeting, rosters)[1])
    cast = vote.yes + vote.against + vote.abstain
    if cast <= present:
        return []
    return [error(decision.src.path, decision.src.at("vote"), "E-VOTE-PRESENT",
                  f"赞成 {vote.yes} + 反对 {vote.against} + 弃权 {vote.abstain} = {cast} 票，多于会议 {meeting.id}"
                  f"（{meeting.src.path}）到会的业委会委员 {present} 人：业委会委员不能委托他人参加会议和表决"
                  "（《业主大会和业主委员会指导规则》第三十八条），票数不能超过到会的委员；"
                  "请核对票数，或核对那次会议的 attendees")]


def check_announcements(records, ctx) -> list[Problem]:
    """An owners' assembly decision is announced `assembly_notice_days` before it is taken, whether the
    owners met or voted in writing (物业管理条例 art. 14): at its meeting (checked there) or by `announced`."""
    if records.community is None:
        return []
    days_needed = records.community.policy.assembly_notice_days
    assemblies = {ident for meeting in records.meetings if meeting.body == "owners_assembly"
                  for ident in meeting.outcomes}
    problems = []
    for decision in records.decisions:
        path = decision.src.path
        if decision.status == "proposed":
            continue   # not yet put to a vote: its date is the proposal's
        if decision.announced is not None:
            line, days = decision.src.at("announced"), (decision.date - decision.announced).days
            if days < 0:
                problems.append(error(path, line, "E-ANNOUNCED",
                                      f"公告日期 {decision.announced} 晚于决议日期 {decision.date}；先公告，后表决："
                                      "请核对这两个日期"))
            elif decision.body == "owners_assembly" and days < days_needed:
                problems.append(error(path, line, "E-ANNOUNCED",
                                      f"业主大会 {decision.date} 作出决定，{decision.announced} 才公告，只提前了 {days} 天；"
                                      f"业主大会（包括书面征求意见）应当提前 {days_needed} 天通知全体业主"
                                      "（policy.assembly_notice_days；《物业管理条例》第十四条：15 日以前），"
                                      "通知不足的决定，业主可以请求人民法院撤销（《民法典》第二百八十条）"))
        elif decision.body == "owners_assembly" and decision.id not in assemblies:
            problems.append(warning(path, decision.src.at("body"), "W-NOT-ANNOUNCED",
                                    "这项业主大会的决定没有登记通知全体业主的日期：它不是 meetings/ 里哪次业主大会会议的结果"
                                    f"（outcomes），也没有写 announced。业主大会（包括书面征求意见）应当提前 {days_needed} 天"
                                    "通知全体业主（《物业管理条例》第十四条，policy.assembly_notice_days）；"
                                    "请写上 announced: 公告日期。决议页会写明通知情况不在记录中"))
    return problems


PUBLISHED_STATUSES = ("decided", "rejected", "in_progress", "done")   # what must be posted in time


def check_publication(records, ctx) -> list[Problem]:
    """A decision is posted on the notice board after it is taken, within the policy's days."""
    if records.community is None:
        return []
    within = records.community.policy.publish_within_days
    problems = []
    for decision in records.decisions:
        if decision.published is None:
            continue
        path, line = decision.src.path, decision.src.at("published")
        days = (decision.published - decision.date).days
        if days < 0:
            problems.append(error(path, line, "E-PUBLISHED-EARLY",
                                  f"公示日期 {decision.published} 早于决议日期 {decision.date}；"
                                  "先作出决定，才能公示：请核对这两个日期"))
        elif days > within and decision.status in PUBLISHED_STATUSES:
            problems.append(warning(path, line, "W-PUBLISHED-LATE",
                                    f"决议 {decision.date} 作出，{decision.published} 才公示，用了 {days} 天；"
                                    f"本小区规定 {within} 天内公示（policy.publish_within_days；《业主大会和业主委员会指导规则》"
                                    "第三十九条：业委会的决定 3 日内公告）"))
    return problems
