"""What the portal republishes of an estate passes the checks the estate's own site passes: personal
numbers masked by the privacy scanner (spec section 2), and CSV cells a spreadsheet would run as
a formula written as text (`as_text_cell`), one implementation each, not copies.

An estate's site should never publish a phone or identity number, but the portal does not take
its word for it: every text value harvested is read by `privacy.find` (all of an estate's text
at once, values kept apart by a character no number runs across), a value holding a number is
replaced by `privacy.mask_text`'s masked form everywhere the portal shows it (tables, CSV,
Parquet, DuckDB, pages), and the estate is noted with where it was.
"""

from __future__ import annotations

from .. import privacy
from ..site.exports import FORMULA_START, as_text_cell

APART = "\x00"   # between two values: no escape, space or line break a number could run across
TEXT = ("VARCHAR", "VARCHAR[]")


def mask_rows(tables: dict[str, list[tuple]], columns: dict[str, list[tuple[str, str]]],
              where: dict[str, str]) -> list[str]:
    """Mask, in place, every text value of `tables` (rows as tuples of values in `columns` order)
    that holds a personal number; what was masked, as "file 的 column（第 N 行）" for the note.
    `where` names the export each table comes from.  All of an estate's text is read at once; the
    rows are looked at one by one only when something was found."""
    spans = [(table, i, name) for table, rows in tables.items() if rows
             for i, (name, kind) in enumerate(columns[table]) if kind in TEXT]
    if not spans:
        return []
    texts = [APART.join([value for row in tables[table] if (value := row[i])]) for table, i, _name in spans]
    if not any(hit for hit in privacy.find(APART.join(texts)) if not hit.public):
        return []
    found = []
    for table, i, name in spans:
        rows = tables[table]
        for n, row in enumerate(rows):
            value = row[i]
            if not value:
                continue
            masked = privacy.mask_text(value)
            if masked != value:
                rows[n] = (*row[:i], masked, *row[i + 1:])
                found.append(f"{where[table]} 的 {name}（第 {n + 1} 行）")
    return found


def masked_note(found: list[str]) -> str:
    """The note on an estate whose published data held personal numbers."""
    shown = "、".join(found[:5]) + ("等" if len(found) > 5 else "")
    return (f"这个小区公开的数据里有 {len(found)} 处手机号、身份证号或银行卡号，本站已遮盖（{shown}）；"
            "请告诉小区删掉后重新发布")


def mask_reason(text: str) -> str:
    """A reason quoting what an estate served (a schema error may quote a value), masked."""
    return privacy.mask_text(text) if text else text


def register_csv_cells(con) -> None:
    """`as_text_cell(x)` in SQL: the estate site's own function, for the portal's CSV files."""
    if "as_text_cell" not in {name for (name,) in con.execute(
            "SELECT function_name FROM duckdb_functions() WHERE function_name = 'as_text_cell'").fetchall()}:
        con.create_function("as_text_cell", as_text_cell, ["VARCHAR"], "VARCHAR", side_effects=False)


def csv_cell(column: str) -> str:
    """SQL for one text column of a CSV file: cells that do not start like a formula stay as they
    are without a call into Python; the rest go through `as_text_cell`."""
    starts = ", ".join("'" + c.replace("'", "''") + "'" for c in FORMULA_START)
    quoted = f'"{column}"'
    return f"CASE WHEN left({quoted}, 1) IN ({starts}) THEN as_text_cell({quoted}) ELSE {quoted} END AS {quoted}"
