"""The home page: the community, its balances, the latest decisions, notices and ranking, and how
this month's requests stand."""

from __future__ import annotations

from ...marks import Np_

NAV = (Np_("nav", "首页"), "index.md")


def this_month(figures) -> dict:
    """Requests of the reference date's month (received, resolved of those) and the oldest still open."""
    month = figures.reference_date.isoformat()[:7]
    received = [r for r in figures.work.requests if r.received.isoformat()[:7] == month]
    return {"month": month, "received": len(received), "resolved": sum(r.status == "resolved" for r in received),
            "oldest": figures.work.open_requests[0] if figures.work.open_requests else None}


def write(w, site) -> None:
    records, figures = site.records, site.figures
    entry_dates = [e.date for m in records.months for e in m.entries]
    w.page("index.md", records.community.name, "home.md.j2", community=records.community,
           accounts=records.accounts, balances=figures.balances,
           last_entry_date=max(entry_dates).isoformat() if entry_dates else "—",
           latest_ranking=figures.monthly[-1] if figures.monthly else None,
           latest_decisions=site.decisions[:6], decision_count=len(site.decisions),
           last_month=records.months[-1].month if records.months else None, notices=site.notices,
           commit=site.commit, this_month=this_month(figures), **site.common)
