"""The supervisors' reviews of the books (record format 1.2): the list, newest first, and a page per
review with who signed, what it covered, its opinion and findings, and what was changed in the
books it had reviewed after it was signed (审查后改动)."""

from __future__ import annotations

from markupsafe import Markup

from .. import mdsafe

NAV = None   # reached from the finance page, where each account says how far it was reviewed


def write(w, site) -> None:
    figures = site.figures
    covered = tuple(reversed(figures.reviews.covered))
    w.page("reviews/index.md", w.t("监委会审查账目"), "reviews_index.md.j2", covered=covered, **site.common)
    for c in covered:
        review = c.review
        w.page(f"reviews/{review.id}.md", w.t("账目审查 {id}").format(id=review.id), "review.md.j2", c=c,
               findings_html=Markup(mdsafe.render(review.findings)) if review.findings else "",
               changed=site.changed.get(review.src.path), history_available=site.history.available, **site.common)
