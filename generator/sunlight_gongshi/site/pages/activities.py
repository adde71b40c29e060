"""What the committees did besides money and meetings: the activity log by year, the pledge board,
and a yearly report in the words residents know (the notice board prints it too)."""

from __future__ import annotations

from ...model.activity import ACTIVITY_KINDS

NAV = None   # reached from the home page and the meetings


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


def write(w, site) -> None:
    figures, common = site.figures, site.common
    work, today = figures.work, figures.reference_date
    w.page("activities/index.md", w.t("活动记录"), "activities_index.md.j2",
           years=list(reversed(work.activity_years)), kinds=ACTIVITY_KINDS, **common)
    w.page("pledges.md", w.t("承诺践诺"), "pledges.md.j2", pledges=work.pledges, year=today.year, **common)
    for year in report_years(figures):
        w.page(f"report/{year}.md", w.t("{year} 年工作报告").format(year=year), "report_year.md.j2",
               report=year_report(year, work, work.meetings_per_year), provisional=year == str(today.year),
               today=today, **common)
