"""Meetings: the list by year with each body's count, and a page per meeting with who attended in
what role and the decisions it took."""

from __future__ import annotations

from collections import defaultdict
from ...marks import Np_

NAV = (Np_("nav", "会议"), "meetings/index.md")


def roles_on(records, day) -> dict[str, str]:
    """Each office holder's title on `day`, by name (the first body that lists them)."""
    found: dict[str, str] = {}
    for roster in sorted(records.rosters, key=lambda r: r.body):
        if roster.term.start <= day <= roster.term.end:
            for member in roster.members:
                if (member.start or roster.term.start) <= day <= (member.end or roster.term.end):
                    found.setdefault(member.name, member.title or member.role)
    return found


def write(w, site) -> None:
    records, work = site.records, site.figures.work
    decisions = {d.id: d for d in records.decisions}
    meetings = sorted(records.meetings, key=lambda m: (m.date, m.id), reverse=True)
    by_year: dict[str, list] = defaultdict(list)
    for meeting in meetings:
        by_year[str(meeting.date.year)].append(meeting)
    w.page("meetings/index.md", w.t("会议"), "meetings_index.md.j2", years=sorted(by_year.items(), reverse=True),
           counts=dict(work.meetings_per_year), **site.common)
    for meeting in meetings:
        w.page(f"meetings/{meeting.id}.md", meeting.title, "meeting.md.j2", meeting=meeting,
               roles=roles_on(records, meeting.date), decisions=decisions, **site.common)
