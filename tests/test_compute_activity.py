"""Request statistics, activity totals, pledges and who answers for a unit, against direct computation."""

import datetime as dt
import math
import statistics
from fractions import Fraction

from hypothesis import given, strategies as st

from sunlight_gongshi.compute.activity import (activity_years, answering_for, nearest_rank, pledges, requests_by_unit,
                                               request_stats)
from sunlight_gongshi.model.activity import ACTIVITY_KINDS, Activity, ActivityMonth, Request
from sunlight_gongshi.model.community import Member, Roster, Term

STATUSES = ("open", "in_progress", "resolved", "declined")


@st.composite
def a_request(draw, n=[0]):
    received = dt.date(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 700)))
    status = draw(st.sampled_from(STATUSES))
    resolved = received + dt.timedelta(days=draw(st.integers(0, 400))) if status in ("resolved", "declined") else None
    n[0] += 1
    return Request(f"r{n[0]}", received, draw(st.sampled_from(("维修", "停车", "绿化"))), "事", status,
                   resolved=resolved)


@given(st.lists(a_request(), max_size=60))
def test_request_statistics_equal_a_direct_computation(requests):
    rows = request_stats(requests)
    for row in rows:
        group = [r for r in requests if str(r.received.year) == row.year and row.category in (None, r.category)]
        days = sorted((r.resolved - r.received).days for r in group if r.status == "resolved")
        assert row.received == len(group)
        assert row.resolved == sum(r.status == "resolved" for r in group)
        assert row.declined == sum(r.status == "declined" for r in group)
        assert row.open == sum(r.status in ("open", "in_progress") for r in group)
        assert row.median_days == (Fraction(statistics.median(days)).limit_denominator(2) if days else None)
        assert row.p90_days == (days[math.ceil(0.9 * len(days)) - 1] if days else None)
    years = {str(r.received.year) for r in requests}
    assert {row.year for row in rows if row.category is None} == years


def test_nearest_rank_percentile_of_ten_values():
    assert nearest_rank(list(range(1, 11)), 90) == 9 and nearest_rank([5], 90) == 5 and nearest_rank([], 90) is None


def test_activity_totals_mark_lower_bounds():
    month = ActivityMonth("2024-03", (Activity(dt.date(2024, 3, 1), "publicity", "队", 300, True),
                                      Activity(dt.date(2024, 3, 2), "publicity", "队", 20),
                                      Activity(dt.date(2024, 3, 3), "volunteer", "队", 12)))
    (year,) = activity_years((month,), ACTIVITY_KINDS)
    assert [(k, by, t.count, t.at_least) for k, by, t in year.rows] == [("volunteer", "队", 12, False),
                                                                         ("publicity", "队", 320, True)]


ROSTER = Roster("party_branch", "支部", Term(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
                (Member("甲", "chair", covers=("1-1",), pledge="每月一件实事"),
                 Member("乙", "member", end=dt.date(2024, 2, 1), covers=("1-1",))))
HEADS = Roster("unit_heads", "单元长", Term(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
               (Member("丙", "head", unit="1-1", title="1单元长"),))


def test_who_answers_for_a_unit_today():
    assert answering_for((ROSTER, HEADS), "1-1", dt.date(2024, 6, 1)) == [("甲", "chair", "party_branch"),
                                                                           ("丙", "1单元长", "unit_heads")]
    assert answering_for((ROSTER, HEADS), "1-2", dt.date(2024, 6, 1)) == []


def test_pledge_board_counts_deeds_per_month():
    month = ActivityMonth("2024-03", (Activity(dt.date(2024, 3, 1), "deed", "甲"),
                                      Activity(dt.date(2024, 3, 9), "deed", "甲")))
    (pledge,) = pledges((ROSTER,), (month,), 2024)
    assert pledge.name == "甲" and dict(pledge.months)["2024-03"] == 2 and dict(pledge.months)["2024-04"] == 0


def test_each_deed_is_listed_under_its_pledge_by_date_with_its_note():
    """Format 1.2: the pledge board shows each deed itself, its date and its note, in its month."""
    march = ActivityMonth("2024-03", (Activity(dt.date(2024, 3, 9), "deed", "甲", note="修理水龙头"),
                                      Activity(dt.date(2024, 3, 1), "deed", "甲", note="陪同就医"),
                                      Activity(dt.date(2024, 3, 5), "deed", "乙", note="别人的事"),
                                      Activity(dt.date(2024, 3, 6), "volunteer", "甲", note="不是践诺")))
    may = ActivityMonth("2024-05", (Activity(dt.date(2024, 5, 2), "deed", "甲"),))
    older = ActivityMonth("2023-12", (Activity(dt.date(2023, 12, 2), "deed", "甲", note="去年的事"),))
    (pledge,) = pledges((ROSTER,), (older, march, may), 2024)
    deeds = dict(pledge.deeds)
    assert list(deeds) == [f"2024-{m:02d}" for m in range(1, 13)]
    assert deeds["2024-03"] == ((dt.date(2024, 3, 1), "陪同就医"), (dt.date(2024, 3, 9), "修理水龙头"))
    assert deeds["2024-05"] == ((dt.date(2024, 5, 2), None),)
    assert [month for month, done in pledge.deeds if done] == ["2024-03", "2024-05"]
    assert dict(pledge.months)["2024-03"] == 2


def test_a_units_requests_are_its_open_ones_oldest_first_then_those_closed_this_past_year():
    today = dt.date(2026, 11, 3)

    def req(n, received, status, resolved=None, unit="1-1"):
        return Request(n, dt.date.fromisoformat(received), "维修", n, status, unit,
                       dt.date.fromisoformat(resolved) if resolved else None)

    found = requests_by_unit((
        req("late", "2026-10-21", "in_progress"), req("early", "2026-08-29", "open"),
        req("fixed", "2026-02-09", "resolved", "2026-02-11"), req("answered", "2026-10-01", "declined", "2026-10-04"),
        req("old", "2025-10-01", "resolved", "2025-11-02"),            # closed a year and a day before
        req("edge", "2025-10-01", "resolved", "2025-11-03"),           # closed exactly a year before: kept
        req("nounit", "2026-10-01", "open", unit=None), req("other", "2026-10-30", "open", unit="1-2")), today)
    assert set(found) == {"1-1", "1-2"}
    assert [(u.request.id, u.days, u.open) for u in found["1-1"]] == [
        ("early", 66, True), ("late", 13, True), ("answered", 3, False), ("fixed", 2, False), ("edge", 33, False)]
    assert [(u.request.id, u.days) for u in found["1-2"]] == [("other", 4)]
