"""The audit trail from git history: every change to the records, and closed books reopened."""

from __future__ import annotations

from ...history.audit import FIELD_NAMES
from ...marks import Np_

NAV = (Np_("nav", "修改记录"), "audit.md")


def write(w, site) -> None:
    w.page("audit.md", w.t("修改记录"), "audit.md.j2", history=site.history, field_names=FIELD_NAMES,
           reviews=site.figures.reviews,
           chain_head=site.history.chain[-1] if site.history.chain else None, rewrites=site.records.rewrites)
