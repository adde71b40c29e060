"""The examples `sunlight init` wrote, still among the records: one warning while any is left.

Every example record has a text value that begins with "示例：" (a memo, a title, a name, a
note), the same words as the comment at the top of its file, so it reads as an example on the
site too.  Real records never begin that way; the demo's "示例街道…" has no colon.

Of the month series only the earliest file of each kind is read: init dates its examples
before anything a committee adds, and reading every month of a 20-year community would cost
a warm `validate` seconds for a warning that matters in its first weeks.
"""

from __future__ import annotations

import dataclasses
import functools

from ..model.recordset import fetch_records
from ..problems import Problem, warning

MARK = "示例："
SERIES = ("finance-month", "scores-month", "requests-month", "activities-month")


@functools.cache
def _fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a record class a mark could hide in (None for values that are not records)."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "src")


def _marked(value, near=None) -> tuple[str, int] | None:
    """(path, line) of the first text value under a record that begins with the mark, or None;
    `near` is the closest enclosing record's place, for parts that keep none of their own."""
    names = _fields(type(value))
    if names is None:
        return None
    src = getattr(value, "src", None) or near
    for name in names:
        item = getattr(value, name)
        if type(item) is str:
            if item.startswith(MARK) and src is not None:
                return src.path, src.at(name)
        elif type(item) is tuple:
            for part in item:
                found = _marked(part, src)
                if found:
                    return found
        elif item is not None:
            found = _marked(item, src)
            if found:
                return found
    return None


def check_examples(records) -> list[Problem]:
    """One warning naming the example files left, at the first example found."""
    singles = (*records.rosters, *records.decisions, *records.meetings, *records.accounts, *records.units,
               *([records.rubric] if records.rubric else ()))
    months = fetch_records(tuple(files[0] for kind in SERIES if (files := records.files_of(kind))))
    found = sorted({where for record in (*singles, *months) if (where := _marked(record))})
    if not found:
        return []
    files = sorted({path for path, _ in found})
    named = "、".join(files[:3]) + (f" 等 {len(files)} 个文件" if len(files) > 3 else "")
    path, line = found[0]
    return [warning(path, line, "W-EXAMPLES",
                    f"还有 sunlight init 写的示例（内容以“示例：”开头）：{named}。示例不是本小区的真实记录，"
                    "公开之前请换成真实内容，或删掉这些文件")]
