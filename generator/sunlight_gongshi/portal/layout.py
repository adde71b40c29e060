"""How the portal's pages are made: a page, an estate's row, the autoescaping Jinja templates, tables
that become labelled cards on a phone, and long lists cut into pages of `PAGE_ROWS` rows.

A few pages (the menu's) go through MkDocs; the pages that grow with the number of estates (one
per estate, one per neighbourhood, long lists) are stamped into a page MkDocs rendered once, so
their cost stays a string replacement each.  All of them sit one folder deep.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..money import yuan

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_ROWS = 100
TOP = 10
NO_AREA = "未填写社区"
LABELS = {
    "status": {"ok": "已核验", "unverified": "未通过核验", "unreachable": "无法访问", "rewritten": "历史被改写"},
    "account_kind": {"operating": "日常经费", "maintenance_fund": "专项维修资金", "public_revenue": "公共收益",
                     "campaign": "众筹"},
    "meeting_body": {"committee": "业委会", "supervisors": "监委会", "owners_assembly": "业主大会",
                     "joint_meeting": "联席会议", "council": "议事会", "scoring_panel": "评分小组", "other": "其他"},
}


@dataclass(frozen=True)
class Page:
    path: str          # docs path: "index.md" (MkDocs) or "estate/x.html" (stamped)
    title: str
    body: str          # HTML, escaped by the templates
    key: str = ""      # stamped pages: a digest of everything the page shows
    reuse: bool = False   # the previous site's page has the same key: linked, not rendered

    @property
    def stamped(self) -> bool:
        return self.path.endswith(".html")


@dataclass(frozen=True)
class EstateRow:
    """An estate as the pages know it: its registry entry, this run's verdict, when it was
    harvested (YYYY-MM-DDTHH:MM:SSZ) and its reference date (YYYY-MM-DD, format 1.2 sites)."""

    estate: object     # registry.Estate
    status: str
    reason: str
    commit: str | None
    harvested: str | None = None      # this run, or (unreachable) the last time its manifest was read
    reference_date: str | None = None
    note: str = ""                    # an ok estate's: what the portal masked in its data
    stale_since: str | None = None    # unreachable: when the last good data shown for it was seen
    witness: str = ""                 # what the portal as a witness knows of its chain, in words
    witness_note: str = ""            # an ok estate's: the declared rewrite through which its head was accepted
    first_day: str | None = None      # rewritten: the day of the first entry that differs from what was seen
    changes: tuple | None = ()        # rewritten: closed months changed (amendments.Change); None: no old exports kept
    changes_since: str | None = None  # rewritten: when the old figures were last seen
    amended: tuple = ()               # every change to closed months found between harvests (amendments.json)
    rewrites: tuple = ()              # every rewrite the witness saw (witness.json's `rewrites`)

    @property
    def shown_reason(self) -> str | None:
        """data/estates.json's `reason`: why it is not ok, or the notes on an ok one, or null."""
        return self.reason or "；".join(n for n in (self.note, self.witness_note) if n) or None


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(yuan=yuan, label=lambda value, kind: LABELS[kind].get(value, value),
                       days=lambda d: f"{d.normalize():f}" if isinstance(d, Decimal) else d)
    env.globals["table"] = table
    return env


UNSAFE = re.compile(r"[&<>\"']")


def _escaped(value) -> str:
    """markupsafe's escape, without its cost for the many cells that need none."""
    text = value if isinstance(value, str) else str(value)
    return str(escape(text)) if UNSAFE.search(text) else text


def table(columns: list[dict], rows: list[list[dict]]) -> Markup:
    """A table that becomes labelled cards on a phone; built here, every text escaped, because
    district lists run to thousands of rows and a template macro per cell costs ten times more."""
    heads = "".join(("<th class=\"sl-num\">" if c["num"] else "<th>") + f'{escape(c["title"])}</th>' for c in columns)
    opens = [f'<td data-label="{escape(c["title"])}"'
             + (' class="sl-num">' if c["num"] else ' class="sl-head">' if c["head"] else
                ' class="sl-text">' if c["text"] else ">") for c in columns]
    out = [f'<div class="sl-table"><table>\n<thead><tr>{heads}</tr></thead>\n<tbody>\n']
    for row in rows:
        out.append("<tr>")
        for start, item in zip(opens, row):
            text = _escaped(item["text"])
            href = item["href"]
            out.append(f'{start}<a href="{_escaped(href)}">{text}</a></td>' if href else f"{start}{text}</td>")
        out.append("</tr>\n")
    out.append("</tbody></table></div>\n")
    return Markup("".join(out))


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def area_key(name: str | None) -> str:
    """A neighbourhood's page name: stable, short, safe in any URL."""
    return "none" if name is None else hashlib.sha256(name.encode()).hexdigest()[:10]


def col(title: str, kind: str = "") -> dict:
    return {"title": title, "num": kind == "num", "head": kind == "head", "text": kind == "text"}


def cell(text, href: str | None = None) -> dict:
    return {"text": "—" if text is None else text, "href": href}


def keyed(path: str, title: str, template: str, reusable: dict[str, str] | None, **context) -> Page:
    """A stamped page of `template`, keyed by all it shows: linked from the previous site, not
    rendered, when that site's page has the same key (`reusable`)."""
    key = hashlib.sha256(json.dumps([tool_digest(), path, title, template, context], ensure_ascii=False,
                                    default=str).encode()).hexdigest()[:24]
    if (reusable or {}).get(path) == key:
        return Page(path, title, "", key, reuse=True)
    return Page(path, title, render(template, **context), key)


def paged(name: str, title: str, lead: str, columns: list[dict], rows: list[list[dict]],
          reusable: dict[str, str] | None = None) -> list[Page]:
    """A long list as pages of PAGE_ROWS rows: list/<name>-1.html, list/<name>-2.html, …  Each page's
    key digests all it shows; a page whose key is the previous site's (`reusable`) is not rendered
    again, so a rebuild after one estate changed renders only the pages where its rows moved."""
    count = max(1, -(-len(rows) // PAGE_ROWS))
    pages = []
    for number in range(1, count + 1):
        chunk = rows[(number - 1) * PAGE_ROWS:number * PAGE_ROWS]
        heading = title if count == 1 else f"{title}（第 {number} 页）"
        pages.append(keyed(f"list/{name}-{number}.html", heading, "list.html.j2", reusable,
                           lead=lead if number == 1 else "", columns=columns, rows=chunk, page=number, pages=count,
                           prev=f"{name}-{number - 1}.html", next=f"{name}-{number + 1}.html"))
    return pages


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
