"""Site stage of the portal: the pages stamped into the frame, and the data, swapped into place whole.

The site follows the resident site's rules: nothing from a CDN or Google Fonts, every page under
a Content-Security-Policy, and on a 390 px phone tables become labelled cards, so nothing
scrolls sideways and table text stays at 15 px.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable

from ..site.output.atomic import staged_site
from ..site.output.forking import in_parallel
from .aggregate import TABLES, Store
from .exports import Publisher
from .frame import frame, frame_key
from .pages import EstateRow, Page, render
from .published import schema_files
from .stamp import Words, stamp

NAV = [{"总览": "index.md"}, {"各小区": "estates.md"}, {"排名": "rankings.md"}, {"公开数据": "data.md"}]
ABOUT = {
    "estates": "每个登记的小区：编号、名称、社区、网站、核验状态、原因、提交（含未通过核验的小区）",
    "finance_accounts": "各账户及余额（data/finance.json 的 accounts）",
    "finance_months": "每月每个账户的月初、收入、支出、月末（data/finance.json 的 months）",
    "entries": "每一笔流水，转账两边各一行（data/entries.csv）",
    "rankings_months": "每月文明评比（data/rankings.json 的 months）",
    "rankings_years": "每年红旗榜（data/rankings.json 的 years）",
    "decisions": "每项决议的状态、是否通过、预算和已支出（data/decisions.json）",
    "meetings": "每次会议：机构、到会人数、形成的决议（data/meetings.json）",
    "requests": "居民诉求：收到、状态、办结日期和天数（data/requests.json）",
    "activities": "每年按类别和人、组织合计的活动（data/activities.json）",
    "disclosure": "各账户每个公开期：截止日、公开日、状态（data/disclosure.json）",
}


@functools.cache
def tool_digest() -> str:
    """What a stamped page's bytes depend on besides its data: this package and the theme."""
    from importlib.metadata import version
    digest = hashlib.sha256(f"{version('mkdocs')} {version('mkdocs-material')}".encode())
    here = Path(__file__).resolve().parent
    for path in sorted([*here.rglob("*.py"), *here.rglob("*.j2"), *here.rglob("*.css"),
                        *(here.parent / "site").glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def page_keys(rows: list[EstateRow], manifests: dict[str, str]) -> dict[str, str]:
    """A digest of everything each estate's page shows: its entry, its verdict, its data's manifest."""
    return {r.estate.id: hashlib.sha256(json.dumps(
        [tool_digest(), r.estate.id, r.estate.name, r.estate.neighbourhood, r.estate.site, r.status, r.reason,
         r.commit, manifests.get(r.estate.id) if r.status == "ok" else None], ensure_ascii=False).encode()
    ).hexdigest()[:24] for r in rows}


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
    """data/estates.json exactly as spec section 7 has it."""
    return [{"id": r.estate.id, "name": r.estate.name, "status": r.status, "commit": r.commit} for r in rows]


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
            tables = [{"name": name, "about": ABOUT[name]} for name in ("estates", *TABLES)]
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
