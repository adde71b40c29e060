"""The render stage: every generated page, export, chart and published attachment into a docs folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from . import attachments, charts, exports, pages
from .forking import in_parallel

ASSETS = Path(__file__).resolve().parent / "assets"


def generate_docs(docs: Path, root: Path, site: pages.SiteInput) -> None:
    """Markdown pages, data, charts and files for MkDocs, the two halves written at once."""
    records = site.records

    def finance_half():
        pages.write_pages(docs, site, "finance")
        exports.write_exports(docs, records, site.figures)
        (docs / "assets").mkdir(parents=True, exist_ok=True)
        shutil.copy2(ASSETS / "sunlight.css", docs / "assets" / "sunlight.css")
        for rel in sorted(records.attachments):
            if attachments.published(rel):
                target = docs / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / "records" / rel, target)

    def rankings_half():
        pages.write_pages(docs, site, "rankings")
        charts.write_charts(docs, records, site.figures)

    in_parallel(finance_half, rankings_half)
