"""Decisions: the years, newest first, each with a line of figures; a page per year listing its
decisions; and a page per decision with its vote, its answer in plain words, its spending and where
it came from."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ...compute.years import decision_years

from ...money import ZERO
from .. import mdsafe
from ..plain import verdict
from ...marks import Np_
from .writer import neighbours

NAV = (Np_("nav", "决议"), "decisions/index.md")


def year_page(year: str) -> str:
    """A year's decisions: under years/, where no decision's page can be (an id has no "/")."""
    return f"decisions/years/{year}.md"


def _introduced(history, path: str):
    known = history.files.get(path)
    return known.introduced if known else None


def write(w, site) -> None:
    records, figures, changed = site.records, site.figures, site.changed
    years = decision_years(site.decisions, figures.passed, figures.spent)
    w.page("decisions/index.md", w.t("决议公开"), "decisions_index.md.j2", years=years,
           count=len(site.decisions), **site.common)
    by_year = defaultdict(list)
    for d in site.decisions:
        by_year[str(d.date.year)].append(d)
    year_links = neighbours([y.year for y in reversed(years)])
    for y in years:
        w.page(year_page(y.year), w.t("{year} 年的决议").format(year=y.year), "decisions_year.md.j2", y=y,
               decisions=by_year[y.year], prev_year=year_links[y.year][0], next_year=year_links[y.year][1],
               **site.common)
    rubric_versions = records.rubric.versions if records.rubric else ()
    for d in site.decisions:
        result = figures.outcomes.get(d.id)
        w.page(f"decisions/{d.id}.md", d.title, "decision.md.j2", d=d, vote=d.vote,
               eligible=result.eligible if result else None, result=result,
               verdict=verdict(d, result, w.language),
               summary_html=Markup(mdsafe.render(d.summary)) if d.summary else "",
               spent=figures.spent.get(d.id, ZERO), entries=figures.entries_by_decision.get(d.id, ()),
               rubric_versions=[v for v in rubric_versions if v.decision == d.id],
               changed=changed.get(d.src.path), introduced=_introduced(site.history, d.src.path),
               meeting=figures.work.meeting_of.get(d.id), requests=figures.work.requests_by_decision.get(d.id, ()),
               **site.common)
