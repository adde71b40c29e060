"""The page that lists the published data (data/*.json, entries.csv) and their schemas."""

from __future__ import annotations

from ...marks import Np_

NAV = (Np_("nav", "公开数据"), "data.md")


def write(w, site) -> None:
    w.page("data.md", w.t("公开数据"), "data.md.j2")
