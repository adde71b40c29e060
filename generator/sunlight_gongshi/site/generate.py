"""The render stage: every generated page, export, chart and published attachment into a docs folder."""

from __future__ import annotations

from pathlib import Path

from . import attachments, charts, exports, images, pages
from .forking import in_parallel
from .incremental import copy, put

ASSETS = Path(__file__).resolve().parent / "assets"


def generate_docs(docs: Path, root: Path, site: pages.SiteInput) -> list[str]:
    """Markdown pages, data, charts and files for MkDocs, the two halves written at once; in a
    rebuild (`site.incremental`), one after the other and only what changed, and the docs files
    no longer made are removed and returned."""
    records, incremental = site.records, site.incremental

    def finance_half():
        pages.write_pages(docs, site, "finance")
        exports.write_exports(docs, records, site.figures, incremental)
        charts.write_charts(docs, records, site.figures, incremental)   # here: the other half has more pages
        copy(incremental, docs, "assets/sunlight.css", ASSETS / "sunlight.css")
        for rel in sorted(records.attachments):
            if not attachments.published(rel):
                continue
            source = root / "records" / rel
            if images.is_image(rel):   # published without EXIF: where a photo was taken is not for the site
                stat = source.stat()
                put(incremental, docs, rel, (str(source), stat.st_size, stat.st_mtime_ns),
                    lambda source=source: images.stripped(source.read_bytes()))
            else:
                copy(incremental, docs, rel, source)

    def rankings_half():
        pages.write_pages(docs, site, "rankings")

    if incremental is None:
        in_parallel(finance_half, rankings_half)
        return []
    incremental.begin_outputs()
    finance_half()
    rankings_half()
    incremental.removed = incremental.stale_docs()
    for rel in incremental.removed:
        (docs / rel).unlink()
    return incremental.removed
