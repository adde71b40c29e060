"""What the pages show of the portal as a witness: estates whose history was rewritten (listed
first, with the day history changed and the closed months whose figures changed, old and new),
and for every estate the closed months changed between two harvests.  Values come from the
estate rows (`build._witness_facts`); this module words and lays them out."""

from __future__ import annotations

from .amendments import AMENDED, DECLARED, REWRITTEN, Change, changed_words
from .layout import EstateRow, Page, cell, col, paged
from .office_pages import when

KIND = {AMENDED: "结账后又改（新的修改）", DECLARED: "改写历史（已声明）", REWRITTEN: "改写历史（没有声明）"}
CHANGE_COLUMNS = [col("月份", "head"), col("账户"), col("原来", "text"), col("现在", "text")]
AMENDED_COLUMNS = [col("小区", "head"), col("怎样改的"), col("月份"), col("账户"), col("原来", "text"),
                   col("现在", "text"), col("本站发现于")]
REWRITE_COLUMNS = [col("本站见到于", "head"), col("从第几条起", "num"), col("此前所见"), col("改写后"), col("声明的理由", "text")]


def change_rows(changes) -> list[list[dict]]:
    rows = []
    for change in changes:
        old, new = changed_words(change)
        rows.append([cell(change.month), cell(change.account), cell(old), cell(new)])
    return rows


def rewritten_estates(rows: list[EstateRow], root: str) -> list[dict]:
    """The estates whose history was rewritten without a declaration, for the top of a page."""
    return [{"name": r.estate.name, "href": f"{root}estate/{r.estate.id}.html", "day": r.first_day or "—",
             "reason": r.reason, **changes_context(r)} for r in rows if r.status == "rewritten"]


def changes_context(r: EstateRow) -> dict:
    """A rewritten estate's closed months changed, old and new, or why they cannot be shown."""
    if r.changes is None:
        return {"changes": [], "changes_note": "本站没有保留改写前采集的数据，无法比较各月的数字。"}
    if not r.changes:
        return {"changes": [], "changes_note": f"与本站 {when(r.changes_since)}（北京时间）采集的数据相比，"
                                               "已经结账的月份的收支数字没有变。"}
    return {"changes": change_rows(r.changes),
            "changes_note": f"与本站 {when(r.changes_since)}（北京时间）采集的数据相比，这些已经结账的月份的数字变了："}


def _amended_rows(r: EstateRow, link: dict | None) -> list[list[dict]]:
    rows = []
    for item in reversed(r.amended):   # newest first
        old, new = changed_words(Change.of(item))
        rows.append([*([link] if link else []), cell(KIND.get(item["kind"], item["kind"])), cell(item["month"]),
                     cell(item["account"]), cell(old), cell(new), cell(when(item["found"]))])
    return rows


def estate_witness(r: EstateRow) -> dict:
    """The estate page's section on its history: the witness's words, the months changed, the rewrites."""
    rewrites = []
    for event in reversed(r.rewrites):
        old, new = event.get("old") or {}, event.get("new") or {}
        rewrites.append([cell(when(str(event.get("seen")))), cell(event.get("seq")),
                         cell(f"第 {old.get('seq')} 条，{str(old.get('date', ''))[:10]}"),
                         cell(f"第 {new.get('seq')} 条，{str(new.get('date', ''))[:10]}"),
                         cell(event.get("declared") or "没有声明")])
    return {"witness": r.witness, "witness_note": r.witness_note, "amended": _amended_rows(r, None), "amended_columns": AMENDED_COLUMNS[1:],
            "rewrites": rewrites, "rewrite_columns": REWRITE_COLUMNS, "change_columns": CHANGE_COLUMNS,
            **(changes_context(r) if r.status == "rewritten" else {"changes": [], "changes_note": ""})}


def amended_pages(rows: list[EstateRow], reusable: dict[str, str] | None = None) -> list[Page]:
    """list/amended-N.html: every closed month whose figures changed between two harvests, the
    estates whose history was rewritten without a declaration first, then the newest first."""
    found = []
    for r in rows:
        link = cell(r.estate.name, f"../estate/{r.estate.id}.html")
        for row, item in zip(_amended_rows(r, link), reversed(r.amended)):
            found.append(((r.status != "rewritten", _negated(item["found"]), r.estate.id), row))
    found.sort(key=lambda item: item[0])
    return paged("amended", "结账以后改过的月份", (
        "本站每次采集都保存小区公开的数据；已经结账的月份（本站当时已看到更晚的月份）的月初、收入、支出或月末，"
        "在后来的采集里变了的，列在这里，原来和现在的数字并列。历史被改写而没有声明的小区在前，其余新发现的在前。"
        "结账后又改，小区自己的修改记录页也会列出；改写历史后，小区网站上就看不到了，只有这里还记得。"),
        AMENDED_COLUMNS, [row for _key, row in found], reusable)


def _negated(stamp: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in stamp)
