"""Residents' requests: the open ones (the last year's one by one) and the figures of each year, and a page per year of every
request by month with the days each took."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ...compute.activity import days_taken
from ...marks import Np_

NAV = (Np_("nav", "诉求"), "requests/index.md")
# The requests page lists, one by one, the open requests received in the last year; older open ones
# are counted by the year received, each year a link to its page, where every request is.
RECENT = dt.timedelta(days=365)


def write(w, site) -> None:
    records, work = site.records, site.figures.work
    requests_by_year: dict[str, list] = defaultdict(list)
    for month in records.requests:
        for request in month.requests:
            requests_by_year[str(request.received.year)].append((month.month, request))
    years = sorted(requests_by_year, reverse=True)
    today = site.figures.reference_date
    recent = [o for o in work.open_requests if o.request.received > today - RECENT]
    older = Counter(str(o.request.received.year) for o in work.open_requests if o.request.received <= today - RECENT)
    w.page("requests/index.md", w.t("居民诉求"), "requests_index.md.j2", open=recent,
           open_count=len(work.open_requests), older=sorted(older.items(), reverse=True), today=today, stats=work.request_stats, years=years, **site.common)
    for year in years:
        months: dict[str, list] = defaultdict(list)
        for month, request in requests_by_year[year]:
            months[month].append((request, days_taken(request)))
        w.page(f"requests/{year}.md", w.t("{year} 年居民诉求").format(year=year), "requests_year.md.j2", year=year,
               months=sorted(months.items(), reverse=True),
               stats=[s for s in work.request_stats if s.year == year], **site.common)
