"""The pages of the site, a module per family, each with `write(writer, site)` (in the manner of
pelican's generators) and, when the menu lists the family, `NAV = (title, page)`.

`FAMILIES` lists them once, in the order of the menu.  The site's docs are written by two
processes at once (`generate`): the families of the books (`BOOKS`), and the rest.
"""

from __future__ import annotations

from pathlib import Path

from . import (activities, audit, data, decisions, finance, home, meetings, notices, people, rankings, requests,
               reviews, units)
from .writer import SiteInput, Writer

FAMILIES = (home, units, finance, decisions, meetings, requests, people, rankings, activities, notices, audit, data,
            reviews)
BOOKS = (home, finance, decisions)     # written in one process, with the exports and charts
PARTS = {"books": BOOKS, "community": tuple(f for f in FAMILIES if f not in BOOKS)}
NAV = [family.NAV for family in FAMILIES if family.NAV]


def write_pages(docs: Path, site: SiteInput, part: str | None = None) -> list[str]:
    """Write the pages of one part (`PARTS`), or all of them, into docs/; returns their docs paths."""
    w = Writer(docs, site, part or "all")
    for family in PARTS[part] if part else FAMILIES:
        family.write(w, site)
    return w.finish()
