"""The committee's own pages from content/: each notice and page, and the notices' list (with the
committee's guide listed apart)."""

from __future__ import annotations

from .writer import GUIDE, NOTICES
from ...marks import Np_

NAV = (Np_("nav", "公告"), "notices/index.md")


def write(w, site) -> None:
    for page in site.content:
        w.page(page.path, page.title, "content.md.j2", body_html=page.html)
    w.page("notices/index.md", w.t("公告"), "notices_index.md.j2", notices=site.notices,
           others=[n for n in site.content if not n.path.startswith(NOTICES) and n.path != GUIDE],
           guides=[n for n in site.content if n.path == GUIDE])
