"""A page per unit: its score in every ranked month, and who answers for it on the reference date."""

from __future__ import annotations

from collections import defaultdict

from ...compute.activity import answering_for
from ..words import month_label

NAV = None   # reached from the rankings and the people page


def write(w, site) -> None:
    records, figures = site.records, site.figures
    history: dict[str, list] = defaultdict(list)
    for r in figures.monthly:
        for row in r.rows:
            history[row.unit].append((r.month, row))
    month_names = {r.month: month_label(r.month, w.language) for r in figures.monthly}
    for unit in records.units:
        w.page(f"units/{unit.id}.md", unit.name, "unit.md.j2", unit=unit, history=history[unit.id],
               heads=answering_for(records.rosters, unit.id, figures.reference_date), month_names=month_names,
               changed=site.changed.get(unit.src.path), **site.common)
