"""Small helpers the checks share: month arithmetic, duplicate ids, file references."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import Callable, Iterable, TypeVar

from ..problems import Problem, error

T = TypeVar("T")
PATH_MONTH = re.compile(r"(\d{4}-\d\d)\.yml$")


def in_month(date: dt.date, month: str) -> bool:
    return date.isoformat()[:7] == month


def add_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def file_month(path: str) -> str | None:
    match = PATH_MONTH.search(path)
    return match.group(1) if match else None


def check_month_matches_file(books, what: str) -> list[Problem]:
    """A month file's name and its `month:` must agree, or the month is filed in the wrong place."""
    named = file_month(books.src.path)
    if named and named != books.month:
        return [error(books.src.path, books.src.at("month"), "E-MONTH-FILE",
                      f"文件名是 {named}，里面却写 month: {books.month}；{what}的文件名和 month 必须一致，"
                      "请改其中一个")]
    return []


def duplicate_ids(items: Iterable[T], key: Callable[[T], str], what: str,
                  line: Callable[[T], tuple[str, int]]) -> list[Problem]:
    """An error at every repeat of an id, naming where it first stood."""
    items = list(items)
    idents = [key(item) for item in items]
    if len(set(idents)) == len(idents):
        return []   # the usual case, and a quick one for 24,000 entries
    seen: dict[str, tuple[str, int]] = {}
    problems = []
    for item, ident in zip(items, idents):
        path, at = line(item)
        if ident in seen:
            first_path, first_line = seen[ident]
            problems.append(error(path, at, "E-DUPLICATE-ID",
                                  f"{what}编号 {ident} 重复了（{first_path}:{first_line} 已用过）；每个编号只能用一次"))
        else:
            seen[ident] = (path, at)
    return problems


def file_ref_problem(ref: str, records) -> str | None:
    """Why a receipt or document path is unusable, or None when it names a file in records/."""
    if ref.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", ref) or "\\" in ref:
        return f"路径 {ref} 应是 records/ 下的相对路径，用 / 分隔，如 files/2024-03-001.jpg"
    normal = posixpath.normpath(ref)
    if normal.startswith("..") or "/../" in f"/{ref}/":
        return f"路径 {ref} 跑到了 records/ 外面；附件必须放在 records/files/ 下"
    if normal in records.outside_links:
        return f"records/{normal} 是一个指向 records/ 外面的链接；请把文件本身放进 records/files/"
    if normal not in records.attachments and f"records/{normal}" not in records.present:
        return f"找不到文件 records/{normal}；请先上传这个文件，或改正文件名（大小写也要一致）"
    return None
