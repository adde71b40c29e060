"""The pages of what the committees do besides money: meetings, residents' requests, the
activity log, the pledge board, and a yearly report in the words residents know."""

from __future__ import annotations

from collections import defaultdict

from ..compute.activity import days_taken
from ..model.activity import ACTIVITY_KINDS


def roles_on(records, day) -> dict[str, str]:
    """Each office holder's title on `day`, by name (the first body that lists them)."""
    found: dict[str, str] = {}
    for roster in sorted(records.rosters, key=lambda r: r.body):
        if roster.term.start <= day <= roster.term.end:
            for member in roster.members:
                if (member.start or roster.term.start) <= day <= (member.end or roster.term.end):
                    found.setdefault(member.name, member.title or member.role)
    return found


def year_report(year: str, work, meetings_per_year) -> dict:
    """The figures of one year's report: activities by kind, meetings by body, requests."""
    activities = next((y for y in work.activity_years if y.year == year), None)
    meetings = dict(meetings_per_year).get(year, ())
    stats = next((s for s in work.request_stats if s.year == year and s.category is None), None)
    return {"year": year, "activities": activities.by_kind if activities else (), "meetings": meetings,
            "requests": stats}


def report_years(figures) -> list[str]:
    """Every year with activities, meetings or requests, newest first."""
    work = figures.work
    return sorted({y.year for y in work.activity_years} | set(dict(work.meetings_per_year))
                  | {s.year for s in work.request_stats}, reverse=True)


def write_work_pages(w, site, common: dict, t) -> None:
    """Meetings, requests, activities, pledges and the yearly reports, into w's docs folder."""
    records, figures = site.records, site.figures
    work = figures.work
    today = figures.reference_date
    decisions = {d.id: d for d in records.decisions}
    meetings = sorted(records.meetings, key=lambda m: (m.date, m.id), reverse=True)
    by_year: dict[str, list] = defaultdict(list)
    for meeting in meetings:
        by_year[str(meeting.date.year)].append(meeting)
    w.page("meetings/index.md", t("会议"), "meetings_index.md.j2", years=sorted(by_year.items(), reverse=True),
           counts=dict(work.meetings_per_year), **common)
    for meeting in meetings:
        w.page(f"meetings/{meeting.id}.md", meeting.title, "meeting.md.j2", meeting=meeting,
               roles=roles_on(records, meeting.date), decisions=decisions, **common)

    requests_by_year: dict[str, list] = defaultdict(list)
    for month in records.requests:
        for request in month.requests:
            requests_by_year[str(request.received.year)].append((month.month, request))
    years = sorted(requests_by_year, reverse=True)
    w.page("requests/index.md", t("居民诉求"), "requests_index.md.j2", open=work.open_requests, today=today,
           stats=work.request_stats, years=years, **common)
    for year in years:
        months: dict[str, list] = defaultdict(list)
        for month, request in requests_by_year[year]:
            months[month].append((request, days_taken(request)))
        w.page(f"requests/{year}.md", t("{year} 年居民诉求").format(year=year), "requests_year.md.j2", year=year,
               months=sorted(months.items(), reverse=True),
               stats=[s for s in work.request_stats if s.year == year], **common)

    w.page("activities/index.md", t("活动记录"), "activities_index.md.j2",
           years=list(reversed(work.activity_years)), kinds=ACTIVITY_KINDS, **common)
    w.page("pledges.md", t("承诺践诺"), "pledges.md.j2", pledges=work.pledges, year=today.year, **common)
    for year in report_years(figures):
        w.page(f"report/{year}.md", t("{year} 年工作报告").format(year=year), "report_year.md.j2",
               report=year_report(year, work, work.meetings_per_year), provisional=year == str(today.year),
               today=today, **common)
