"""Which pages the portal has and what each shows, as HTML bodies from autoescaping Jinja templates.

A few pages (the district, the estates by neighbourhood, the rankings, the data) go through
MkDocs; the pages that grow with the number of estates (one per estate, one per neighbourhood,
long lists in pages of `PAGE_ROWS`) are stamped into a page MkDocs rendered once, so their
cost stays a string replacement each.  All of them sit one folder deep.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..money import yuan
from .figures import Ranked, Summary, rank_resolution, rank_timeliness, total

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_ROWS = 100
TOP = 10
NO_AREA = "未填写社区"
LABELS = {
    "status": {"ok": "已核验", "unverified": "未通过核验", "unreachable": "无法访问"},
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
    """An estate as the pages know it: its registry entry and this run's verdict."""

    estate: object     # registry.Estate
    status: str
    reason: str
    commit: str | None


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


def _pct(value: Decimal | None) -> str | None:
    return None if value is None else f"{value}%"


def _days(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


FIGURE_COLUMNS = [col("按时公开率", "num"), col("逾期", "num"), col("未办结诉求", "num"), col("办结天数中位数", "num"),
                  col("会议", "num")]


def _figure_cells(s: Summary | None) -> list[dict]:
    if s is None:
        return [cell(None)] * len(FIGURE_COLUMNS)
    return [cell(_pct(s.on_time_percent)), cell(s.disclosure["overdue"]), cell(s.open_requests),
            cell(_days(s.median_days)), cell(s.meetings_held)]


def _paged(name: str, title: str, lead: str, columns: list[dict], rows: list[list[dict]]) -> list[Page]:
    """A long list as pages of PAGE_ROWS rows: list/<name>-1.html, list/<name>-2.html, …"""
    count = max(1, -(-len(rows) // PAGE_ROWS))
    pages = []
    for number in range(1, count + 1):
        chunk = rows[(number - 1) * PAGE_ROWS:number * PAGE_ROWS]
        heading = title if count == 1 else f"{title}（第 {number} 页）"
        pages.append(Page(f"list/{name}-{number}.html", heading,
                          render("list.html.j2", lead=lead if number == 1 else "", columns=columns, rows=chunk,
                                 page=number, pages=count, prev=f"{name}-{number - 1}.html",
                                 next=f"{name}-{number + 1}.html")))
    return pages


def _board_rows(ranked: list[Ranked], names: dict, root: str, kind: str) -> list[list[dict]]:
    out = []
    for r in ranked:
        s = r.summary
        link = cell(names[r.estate], f"{root}estate/{r.estate}.html")
        if kind == "timeliness":
            out.append([cell(r.rank), link, cell(_pct(s.on_time_percent)), cell(f"{s.disclosure['on_time']} / {s.due}"),
                        cell(s.disclosure["overdue"])])
        else:
            out.append([cell(r.rank), link, cell(_days(s.median_days)), cell(s.requests["resolved"]),
                        cell(s.open_requests)])
    return out


BOARDS = {
    "timeliness": ("按时公开账目", "已到期的公开期中按时公开的比例，高者在前；比例相同时逾期少者在前。",
                   [col("名次", "num"), col("小区", "head"), col("按时公开率", "num"), col("按时 / 到期", "num"),
                    col("逾期", "num")], "还没有到期的公开期"),
    "resolution": ("诉求办结速度", "已办结诉求从收到到办结天数的中位数，少者在前；相同时未办结少者在前。",
                   [col("名次", "num"), col("小区", "head"), col("办结天数中位数", "num"), col("已办结", "num"),
                    col("未办结", "num")], "还没有办结的诉求"),
}


def portal_pages(rows: list[EstateRow], summaries: dict[str, Summary], keys: dict[str, str] | None = None,
                 reusable: dict[str, str] | None = None) -> list[Page]:
    """Every page of the portal, for the estates in registry order and the figures of the ok ones.
    `keys` digests each estate's page; an estate page whose key is in `reusable` (the previous
    site's pages) is not rendered again."""
    keys, reusable = keys or {}, reusable or {}
    names = {r.estate.id: r.estate.name for r in rows}
    district = total(summaries.values())
    areas: dict[str | None, list[EstateRow]] = {}
    for r in rows:
        areas.setdefault(r.estate.neighbourhood, []).append(r)
    area_order = sorted(areas, key=lambda a: (a is None, a or ""))
    not_ok = [r for r in rows if r.status != "ok"]
    pages: list[Page] = []

    estate_columns = [col("小区", "head"), col("状态"), *FIGURE_COLUMNS]

    def name_cells(r: EstateRow) -> list[dict]:
        return [cell(r.estate.name, f"../estate/{r.estate.id}.html"), cell(LABELS["status"][r.status])]

    def estate_cells(r: EstateRow) -> list[dict]:
        return [*name_cells(r), *_figure_cells(summaries.get(r.estate.id))]

    area_rows = []
    for area in area_order:
        members = areas[area]
        s = total(summaries[r.estate.id] for r in members if r.estate.id in summaries)
        title = area or NO_AREA
        pages.append(Page(f"area/{area_key(area)}.html", title,
                          render("list.html.j2", lead=f"{len(members)} 个小区，{s.estates} 个通过核验。",
                                 columns=estate_columns, rows=[estate_cells(r) for r in members], page=1, pages=1,
                                 prev="", next="")))
        area_rows.append([cell(title, f"area/{area_key(area)}.html"), cell(f"{s.estates} / {len(members)}"),
                          *_figure_cells(s if s.estates else None)])
    area_columns = [col("社区", "head"), col("通过核验 / 小区", "num"), *FIGURE_COLUMNS]

    all_rows = [[cell(r.estate.id), *name_cells(r), cell(r.estate.neighbourhood or NO_AREA)]
                for r in sorted(rows, key=lambda r: r.estate.id)]
    pages += _paged("all", "全部小区", "按小区编号排列。", [col("编号"), col("小区", "head"), col("状态"), col("社区")],
                    all_rows)
    problem_rows = [[cell(r.estate.name, f"../estate/{r.estate.id}.html"), cell(LABELS["status"][r.status]),
                     cell(r.reason)] for r in not_ok]
    pages += _paged("problems", "没有通过核验或无法访问的小区",
                    "这些小区的数据不计入任何数字。原因列出了哪个文件出了什么问题，请转告小区的网站维护人。",
                    [col("小区", "head"), col("状态"), col("原因", "text")], problem_rows)
    overdue_rows = [[cell(names[e], f"../estate/{e}.html"), cell(account), cell(period), cell(due.isoformat())]
                    for e, account, period, due in district.overdue]
    pages += _paged("overdue", "逾期未公开的账目", "过了公开截止日还没有公开的账目（各小区按自己的公开日历计算）。",
                    [col("小区", "head"), col("账户"), col("公开期"), col("截止日")], overdue_rows)

    boards = []
    for kind, rank in (("timeliness", rank_timeliness), ("resolution", rank_resolution)):
        title, rule, columns, why = BOARDS[kind]
        ranked, unranked = rank(summaries)
        pages += _paged(kind, title, rule, columns, _board_rows(ranked, names, "../", kind))
        boards.append({"title": title, "rule": rule, "columns": columns, "href": f"list/{kind}-1.html",
                       "top": _board_rows(ranked[:TOP], names, "", kind), "count": len(ranked),
                       "unranked": len(unranked), "unranked_why": why})

    for r in rows:
        path, key = f"estate/{r.estate.id}.html", keys.get(r.estate.id, "")
        if key and reusable.get(path) == key:
            pages.append(Page(path, r.estate.name, "", key, reuse=True))
            continue
        s = summaries.get(r.estate.id)
        accounts = [[cell(name), cell(LABELS["account_kind"][kind]), cell(yuan(balance))]
                    for _id, name, kind, balance in (s.accounts if s else [])]
        overdue = [[cell(account), cell(period), cell(due.isoformat())] for _e, account, period, due in
                   (s.overdue if s else [])]
        pages.append(Page(path, r.estate.name, render(
            "estate.html.j2", root="../", estate=r.estate, status=r.status, reason=r.reason, commit=r.commit,
            s=s, accounts=accounts, overdue=overdue, area_href=f"area/{area_key(r.estate.neighbourhood)}.html",
            account_columns=[col("账户", "head"), col("类别"), col("余额（元）", "num")],
            overdue_columns=[col("账户", "head"), col("公开期"), col("截止日")]), key))

    counts = [(status, sum(r.status == status for r in rows)) for status in ("ok", "unverified", "unreachable")]
    pages += [
        Page("index.md", "总览", render("district.html.j2", root="", ok=district.estates, registered=len(rows),
                                        total=district, columns=area_columns, rows=area_rows,
                                        problems_href="list/problems-1.html", overdue_href="list/overdue-1.html")),
        Page("estates.md", "各小区", render("estates.html.j2", root="", registered=len(rows),
                                         counts=[c for c in counts if c[1]], all_href="list/all-1.html",
                                         problems_href="list/problems-1.html" if not_ok else "",
                                         columns=area_columns, rows=area_rows)),
        Page("rankings.md", "排名", render("rankings.html.j2", root="", boards=boards)),
    ]
    return pages
