"""Site stage of the portal: the pages stamped into the frame, and the data, swapped into place whole.

The site follows the resident site's rules: nothing from a CDN or Google Fonts, every page under
a Content-Security-Policy, and on a 390 px phone tables become labelled cards, so nothing
scrolls sideways and table text stays at 15 px.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable

from ..site.output.atomic import staged_site
from ..site.output.forking import in_parallel
from .aggregate import Store
from .exports import Publisher
from .dictionary import dictionary
from .frame import frame, frame_key
from .layout import tool_digest
from .pages import EstateRow, Page, render
from .published import schema_files
from .stamp import Words, stamp

NAV = [{"总览": "index.md"}, {"关注事项": "questions.md"}, {"各小区": "estates.md"}, {"排名": "rankings.md"},
       {"公开数据": "data.md"}, {"数据说明": "dictionary.md"}]


def page_keys(rows: list[EstateRow], manifests: dict[str, str], summaries: dict, answers) -> dict[str, str]:
    """A digest of everything each estate's page shows: its entry, its verdict, its data's manifest,
    and what of it depends on the day (overdue periods, a committee's term to watch), so a page is
    rendered again only when one of these changes, never just because a day passed."""
    def today(r: EstateRow) -> object:
        s = summaries.get(r.estate.id)
        flag = answers.term(r.estate.id)
        return [sorted(s.disclosure.items()), repr(s.overdue), flag and flag[0]] if s else None

    return {r.estate.id: hashlib.sha256(json.dumps(
        [tool_digest(), r.estate.id, r.estate.name, r.estate.neighbourhood, r.estate.site, r.status, r.reason,
         r.commit, r.note, r.stale_since, manifests.get(r.estate.id) if r.status == "ok" else None, today(r),
         r.witness, r.witness_note, r.first_day, r.changes, r.changes_since, r.amended, r.rewrites],
        ensure_ascii=False, default=str).encode()).hexdigest()[:24] for r in rows}


def reusable_pages(record: Path, site_dir: Path) -> dict[str, str]:
    """The previous site's stamped pages and their keys, where that site is still in place."""
    try:
        previous = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if previous.get("site") != str(site_dir) or not (site_dir / "index.html").exists():
        return {}
    return {path: key for path, key in previous.get("keys", {}).items() if (site_dir / path).is_file()}


def remember_pages(record: Path, site_dir: Path, pages: list[Page]) -> None:
    temporary = record.with_suffix(".tmp")
    temporary.write_text(json.dumps({"site": str(site_dir), "keys": {p.path: p.key for p in pages if p.key}}),
                         encoding="utf-8")
    os.replace(temporary, record)


def _search_text(page: Page, rows: dict[str, EstateRow]) -> str:
    if page.path.startswith("estate/"):
        row = rows[page.path[len("estate/"):-len(".html")]]
        return f"{row.estate.name} {row.estate.neighbourhood or ''} {row.estate.id}"
    return ""


def estates_json(rows: list[EstateRow]) -> list[dict]:
    """data/estates.json exactly as spec section 7 has it (1.2: with when each estate was harvested,
    its reference date, and the reason it is not ok, or the note on what was masked in its data)."""
    return [{"id": r.estate.id, "name": r.estate.name, "status": r.status, "commit": r.commit,
             "harvested": r.harvested, "reference_date": r.reference_date, "reason": r.shown_reason} for r in rows]


def write_site(site_dir: Path, make_pages: Callable[[], list[Page]], rows: list[EstateRow], store: Store,
               day: dt.date, state_dir: Path, previous: dict | None = None, timings: dict | None = None) -> dict:
    """Build the whole portal beside `site_dir` and swap it in; the old site stays if anything fails.
    `make_pages` renders the pages (in the child); `previous` is the exports' record of the site
    in place, and the new one comes back.  The pages' record (pages.json) is replaced once the
    new site is in place."""
    by_id = {r.estate.id: r for r in rows}
    epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    pages_record, pages_next = state_dir / "pages.json", state_dir / "pages.next.json"
    pages_next.unlink(missing_ok=True)
    with staged_site(site_dir) as work:
        new_site, data = work / "site", work / "data"
        new_site.mkdir()
        data.mkdir()

        def assemble() -> None:   # in a child: the pages, the frame (MkDocs, unless kept), the stamping
            pages = make_pages()
            search = {p.path: _search_text(p, by_id) for p in pages if p.stamped}
            tables = [{"name": table["name"], "about": table["about"]} for table in dictionary()]
            pages = [*pages, Page("data.md", "公开数据", render("data.html.j2", tables=tables))]
            titles = {p.path: p.title for p in pages if not p.stamped}
            menu = [(path, titles[path]) for entry in NAV for path in entry.values()]
            folder = frame(state_dir / "frame", frame_key(tool_digest(), epoch, menu), epoch, menu)
            stamp(new_site, folder, pages, search, site_dir, Words(state_dir / "words.json"))
            remember_pages(pages_next, site_dir, pages)

        # The tables are written here while the child renders and writes the pages (two cores at
        # work); the child never touches the database.
        record = {}

        def publish() -> None:
            start = time.perf_counter()
            record.update(Publisher(store, data, site_dir, previous).publish())
            if timings is not None:   # the rest of the stage is the wait for the child, and the swap
                timings["site.publish"] = time.perf_counter() - start
        in_parallel(publish, assemble)
        (data / "estates.json").write_text(json.dumps(estates_json(rows), ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
        (data / "schema").mkdir()
        for schema in schema_files():
            shutil.copyfile(schema, data / "schema" / schema.name)
        os.rename(data, new_site / "data")
    os.replace(pages_next, pages_record)
    return record
