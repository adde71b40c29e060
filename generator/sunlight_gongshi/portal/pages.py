"""Which pages the portal has and what each shows: the district, the neighbourhoods, the estates,
the rankings and the lists of estates (the office's questions are `office_pages`)."""

from __future__ import annotations

from decimal import Decimal

from ..money import yuan
from .figures import Ranked, Summary, rank_resolution, rank_timeliness, total
from .layout import LABELS, NO_AREA, TOP, EstateRow, Page, area_key, cell, col, keyed, paged, render
from .office_pages import FUND_ENTRY_COLUMNS, dictionary_page, estate_context, question_pages, when
from .questions import Answers
from .witness_pages import CHANGE_COLUMNS, amended_pages, estate_witness, rewritten_estates


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


def portal_pages(rows: list[EstateRow], summaries: dict[str, Summary], keys: dict[str, str] | None,
                 reusable: dict[str, str] | None, answers: Answers) -> list[Page]:
    """Every page of the portal, for the estates in registry order and the figures of the ok ones.
    `keys` digests each estate's page; an estate page whose key is in `reusable` (the previous
    site's pages) is not rendered again.  `answers` are the office's questions on the day."""
    keys, reusable = keys or {}, reusable or {}
    names = {r.estate.id: r.estate.name for r in rows}
    district = total(summaries.values())
    areas: dict[str | None, list[EstateRow]] = {}
    for r in rows:
        areas.setdefault(r.estate.neighbourhood, []).append(r)
    area_order = sorted(areas, key=lambda a: (a is None, a or ""))
    not_ok = sorted((r for r in rows if r.status != "ok"), key=lambda r: r.status != "rewritten")   # stable
    rewritten = rewritten_estates(rows, "")
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
        pages.append(keyed(f"area/{area_key(area)}.html", title, "list.html.j2", reusable,
                           lead=f"{len(members)} 个小区，{s.estates} 个通过核验。", columns=estate_columns,
                           rows=[estate_cells(r) for r in members], page=1, pages=1, prev="", next=""))
        area_rows.append([cell(title, f"area/{area_key(area)}.html"), cell(f"{s.estates} / {len(members)}"),
                          *_figure_cells(s if s.estates else None)])
    area_columns = [col("社区", "head"), col("通过核验 / 小区", "num"), *FIGURE_COLUMNS]

    all_rows = [[cell(r.estate.id), *name_cells(r), cell(r.estate.neighbourhood or NO_AREA), cell(when(r.harvested)),
                 cell(r.reference_date)] for r in sorted(rows, key=lambda r: r.estate.id)]
    pages += paged("all", "全部小区", "按小区编号排列。采集时间是本站最后一次读到小区网站的时间（北京时间；今天读不到的小区是"
                   "以前最后一次读到的时间）；数据截至是小区网站的参考日期（1.2 版以前的网站没有公开，显示为—）。",
                   [col("编号"), col("小区", "head"), col("状态"), col("社区"), col("采集时间"), col("数据截至")], all_rows,
                   reusable)
    problem_rows = [[cell(r.estate.name, f"../estate/{r.estate.id}.html"), cell(LABELS["status"][r.status]),
                     cell(r.reason)] for r in not_ok]
    pages += paged("problems", "没有通过核验或无法访问的小区",
                    "这些小区的数据不计入任何数字。历史被改写而没有声明的小区在前；其余的原因列出了哪个文件出了什么问题，"
                    "请转告小区的网站维护人。",
                    [col("小区", "head"), col("状态"), col("原因", "text")], problem_rows, reusable)
    overdue_rows = [[cell(names[o.estate], f"../estate/{o.estate}.html"), cell(o.account), cell(o.period),
                     cell(o.due.isoformat()), cell(f"旧数据：今天读不到，{when(answers.stale[o.estate])} 采集" if o.stale
                                                   else None)] for o in answers.overdue]
    pages += paged("overdue", "逾期未公开的账目", (
        f"到 {answers.day} 已过公开截止日还没有公开的账目（各小区按自己的公开日历；小区网站标为未到期、但截止日已过的也算）。"
        "今天读不到的小区按上次采集的数据列出，标为旧数据，不计入总览的数字。"),
        [col("小区", "head"), col("账户"), col("公开期"), col("截止日", "num"), col("说明", "text")], overdue_rows,
        reusable)

    boards = []
    for kind, rank in (("timeliness", rank_timeliness), ("resolution", rank_resolution)):
        title, rule, columns, why = BOARDS[kind]
        ranked, unranked = rank(summaries)
        pages += paged(kind, title, rule, columns, _board_rows(ranked, names, "../", kind), reusable)
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
            overdue_columns=[col("账户", "head"), col("公开期"), col("截止日")], fund_entry_columns=FUND_ENTRY_COLUMNS,
            stale_since=when(r.stale_since), **estate_context(r, answers), **estate_witness(r)), key))

    counts = [(status, sum(r.status == status for r in rows))
              for status in ("rewritten", "ok", "unverified", "unreachable")]
    pages += [
        Page("index.md", "总览", render("district.html.j2", root="", ok=district.estates, registered=len(rows),
                                        total=district, columns=area_columns, rows=area_rows,
                                        problems_href="list/problems-1.html", overdue_href="list/overdue-1.html",
                                        day=answers.day, harvested=when(answers.harvested), rewritten=rewritten,
                                        change_columns=CHANGE_COLUMNS)),
        Page("estates.md", "各小区", render("estates.html.j2", root="", registered=len(rows),
                                         counts=[c for c in counts if c[1]], all_href="list/all-1.html",
                                         problems_href="list/problems-1.html" if not_ok else "",
                                         columns=area_columns, rows=area_rows, rewritten=rewritten,
                                         change_columns=CHANGE_COLUMNS)),
        Page("rankings.md", "排名", render("rankings.html.j2", root="", boards=boards)),
        dictionary_page(),
    ]
    return pages + question_pages(rows, answers, reusable) + amended_pages(rows, reusable)
