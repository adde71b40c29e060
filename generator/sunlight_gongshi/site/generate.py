"""The render stage: every generated page, export, chart and published attachment into a docs folder."""

from __future__ import annotations

from pathlib import Path

from ..model import attachments
from . import chainfiles, charts, exports, images, pictures, search
from .pages import PARTS, SiteInput, write_pages

ASSETS = Path(__file__).resolve().parent / "assets"


def generate_docs(docs: Path, root: Path, site: SiteInput) -> list[str]:
    """Markdown pages, data, charts and files for MkDocs, by two jobs of about the same size (the
    output runs them at once, or in a rebuild one after the other making only what changed);
    returns the docs files removed because nothing made them."""
    records, output = site.records, site.output

    def books():
        write_pages(docs, site, "books")
        exports.write_exports(docs, records, site.figures, output)
        chainfiles.write_chain(docs, site.history.chain, chainfiles.declarations(records.rewrites), output)
        pictures.write_pictures(docs, output)
        output.copy(docs, "assets/sunlight.css", ASSETS / "sunlight.css")
        for rel in sorted(records.attachments):
            if not attachments.published(rel):
                continue
            source = root / "records" / rel
            if images.is_image(rel):   # published without EXIF: where a photo was taken is not for the site
                stat = source.stat()
                output.put(docs, rel, (str(source), stat.st_size, stat.st_mtime_ns),
                           lambda source=source: images.stripped(source.read_bytes()))
            else:
                output.copy(docs, rel, source)

    def community():
        write_pages(docs, site, "community")
        charts.write_charts(docs, records, site.figures, output)   # here: the books' part takes longer

    removed = output.make_docs(docs, books, community, lambda: search.load_words(site.language))
    search.keep_parts(docs, PARTS)
    return removed
