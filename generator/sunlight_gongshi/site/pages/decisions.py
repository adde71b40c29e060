"""Decisions: the list, newest first, and a page per decision with its vote, its answer in plain
words, its spending and where it came from."""

from __future__ import annotations

from markupsafe import Markup

from ...money import ZERO
from .. import mdsafe
from ..plain import verdict
from ...marks import Np_

NAV = (Np_("nav", "决议"), "decisions/index.md")


def _introduced(history, path: str):
    known = history.files.get(path)
    return known.introduced if known else None


def write(w, site) -> None:
    records, figures, changed = site.records, site.figures, site.changed
    w.page("decisions/index.md", w.t("决议公开"), "decisions_index.md.j2", decisions=site.decisions, **site.common)
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
