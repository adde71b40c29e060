"""The examples `sunlight init` wrote, still among the records: one warning while any is left.

Every example record has a text value that begins with "示例：" (a memo, a title, a name, a
note), the same words as the comment at the top of its file, so it reads as an example on the
site too.  Real records never begin that way; the demo's "示例街道…" has no colon.

Each file with an example is found once, where it is cheap: the files that are one record or
one list by `check_examples`, the month files by `month_examples` (a file check, so a month is
read again only when it changed); `one_warning` then makes of them the single line a committee
sees, at the first example, naming the files.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from typing import Callable

from ..problems import Problem, warning

MARK = "示例："
CODE = "W-EXAMPLES"


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, ...], Callable] | None:
    """The fields of a record class a mark could hide in, and a getter of all their values at once
    (one call per record: this check reads every record of a large community on every run);
    None for values that are not records."""
    if not dataclasses.is_dataclass(cls):
        return None
    names = tuple(f.name for f in dataclasses.fields(cls) if f.name != "src")
    if not names:
        return None
    get = operator.attrgetter(*names)
    return names, (get if len(names) > 1 else lambda value: (get(value),))


def _marked(value, near=None) -> tuple[str, int] | None:
    """(path, line) of the first text value under a record that begins with the mark, or None;
    `near` is the closest enclosing record's place, for parts that keep none of their own."""
    fields = _fields(type(value))
    if fields is None:
        return None
    names, values = fields
    src = getattr(value, "src", None) or near
    for name, item in zip(names, values(value)):
        kind = type(item)
        if kind is str:
            if item.startswith(MARK) and src is not None:
                return src.path, src.at(name)
        elif kind is tuple:
            for part in item:
                if type(part) is not str:
                    found = _marked(part, src)
                    if found:
                        return found
        elif item is not None:
            found = _marked(item, src)
            if found:
                return found
    return None


def _found(path: str, line: int) -> Problem:
    """One file's first example, until `one_warning` words them all as one line."""
    return warning(path, line, CODE, "示例")


def check_examples(records, ctx) -> list[Problem]:
    """The first example in each file that is one record or a list of them (every kind held in full;
    the monthly series are `month_examples`')."""
    singles = [record for held in records.held.values()
               for record in (held if isinstance(held, tuple) else (held,) if held is not None else ())]
    first: dict[str, int] = {}
    for record in singles:
        where = _marked(record)
        if where and where[1] < first.get(where[0], where[1] + 1):
            first[where[0]] = where[1]
    return [_found(path, line) for path, line in first.items()]


def month_examples(record, ctx) -> list[Problem]:
    """The first example in one month file (a file check: kept while the file is unchanged)."""
    where = _marked(record)
    return [_found(*where)] if where else []


def one_warning(problems: list[Problem]) -> list[Problem]:
    """The files' example findings as one warning at the first example, naming the files."""
    found = sorted((p.path, p.line) for p in problems if p.code == CODE)
    if not found:
        return problems
    files = sorted({path for path, _ in found})
    named = "、".join(files[:3]) + (f" 等 {len(files)} 个文件" if len(files) > 3 else "")
    path, line = found[0]
    return [p for p in problems if p.code != CODE] + [
        warning(path, line, CODE, f"还有 sunlight init 写的示例（内容以“示例：”开头）：{named}。示例不是本小区的真实记录，"
                                  "公开之前请换成真实内容，或删掉这些文件")]
