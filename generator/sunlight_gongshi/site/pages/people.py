"""Who serves: every body's terms, newest first, with those in office on the reference date."""

from __future__ import annotations

from collections import defaultdict

from ...model.community import BODIES
from ...marks import Np_

NAV = (Np_("nav", "组织机构"), "people.md")


def write(w, site) -> None:
    records, today = site.records, site.figures.reference_date
    by_body: dict[str, list] = defaultdict(list)
    for roster in sorted(records.rosters, key=lambda r: r.term.start, reverse=True):
        by_body[roster.body].append(roster)
    current = {body: next((r for r in rosters if r.term.start <= today <= r.term.end), None)
               for body, rosters in by_body.items()}
    w.page("people.md", w.t("组织机构"), "people.md.j2", bodies=[(b, by_body[b]) for b in BODIES if b in by_body],
           current=current, changed=site.changed, **site.common)
