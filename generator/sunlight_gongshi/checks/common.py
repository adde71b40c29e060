"""Small helpers the checks share: month arithmetic, duplicate ids, file references."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import unicodedata
from typing import Callable, Iterable, TypeVar

from ..compute.periods import month_end as periods_month_end, period_end
from ..problems import Problem, error
from ..model import attachments

T = TypeVar("T")
PATH_MONTH = re.compile(r"(\d{4}-\d\d)\.yml$")


def in_month(date: dt.date, month: str) -> bool:
    return date.isoformat()[:7] == month


def add_years(date: dt.date, years: int) -> dt.date:
    """The last day of a period of `years` years that begins on `date`, as the Civil Code counts
    (arts. 201–202; see `compute.periods.period_end`)."""
    return period_end(date, years=years)


def month_end(month: str) -> dt.date:
    """The last day of a month written YYYY-MM."""
    return periods_month_end(int(month[:4]), int(month[5:7]))


def name_key(name: str) -> str:
    """A person's name as it reads: width and compatibility forms folded (NFKC), spaces removed,
    so that two ways of typing one name count as one person."""
    return "".join(unicodedata.normalize("NFKC", name).split())


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


def same_page_ids(items: Iterable[T], key: Callable[[T], str], what: str,
                  line: Callable[[T], tuple[str, int]]) -> list[Problem]:
    """An error at every id that differs from an earlier one only in upper and lower case: each id
    names a page, and on Windows and macOS the two pages would be one file, one lost."""
    seen: dict[str, tuple[str, str, int]] = {}
    problems = []
    for item in items:
        ident = key(item)
        path, at = line(item)
        first = seen.setdefault(ident.casefold(), (ident, path, at))
        if first[0] != ident:
            problems.append(error(path, at, "E-DUPLICATE-ID",
                                  f"{what}编号 {ident} 和 {first[0]}（{first[1]}:{first[2]}）只差大小写：网站上每个编号是一个网页，"
                                  "在 Windows 和苹果电脑上这两个网页会变成同一个文件，其中一个会丢失；请改用不同的编号"))
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
    twin = _case_twins(records.attachments).get(normal)
    if twin:
        return (f"附件 records/{normal} 和 records/{twin} 的名字只差大小写：在 Windows 和苹果电脑上生成网站时，"
                "一个会覆盖另一个，链接会打开另一份文件；请给其中一个改名")
    return attachments.type_problem(normal)


@functools.lru_cache(maxsize=8)
def _case_twins(names: frozenset[str]) -> dict[str, str]:
    """Each attachment whose path differs from another's only in case, with that other (a cache:
    one map per set of attachments, asked once per receipt)."""
    first: dict[str, str] = {}
    twins: dict[str, str] = {}
    for name in sorted(names):
        other = first.setdefault(name.casefold(), name)
        if other != name:
            twins[name], twins[other] = other, name
    return twins
