"""The field tables of the record reference, read from the same declarations the loader and schema use.

Nothing here lists a field by hand: whatever `kinds.KINDS` holds, and whatever records those
nest, gets a table; the Chinese descriptions come from `kinds.yml` by class and key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..model import fields as f
from ..model import kinds as declared
from ..model.fields import field_table


@dataclass(frozen=True)
class Row:
    """One field of one record class, as a committee member reads it."""

    key: str
    required: bool
    default: str | None      # the default written as YAML, when there is one worth showing
    form: str                # how the value is written, in Chinese
    nested: tuple[str, ...]  # record classes this field holds (their tables follow)


def record_classes(top: type) -> list[type]:
    """top and every record class nested in it, in the order a reader meets them."""
    found: list[type] = []

    def visit(cls: type) -> None:
        if cls in found:
            return
        found.append(cls)
        for _name, _key, kind, _required in field_table(cls):
            for nested in _nested(kind):
                visit(nested)

    visit(top)
    return found


def _nested(kind: f.Kind) -> tuple[type, ...]:
    if isinstance(kind, f.ListOf):
        return _nested(kind.item)
    if isinstance(kind, f.Sub):
        return kind.records
    return ()


def _yaml(value) -> str | None:
    if value is None or value == () or dataclasses.is_dataclass(value):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f'"{value}"'
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _sign(kind: f.Exact) -> str:
    return {"positive": "，大于 0", "nonnegative": "，不小于 0"}.get(kind.sign, "")


def form(kind: f.Kind) -> str:
    """How a value of this kind is written, for the table's 写法 column."""
    if isinstance(kind, f.Text):
        return "Markdown 文字（不能含 HTML）" if kind.markdown else "文字"
    if isinstance(kind, f.Id):
        return "编号：字母、数字和 . _ -，以字母或数字开头；纯数字要加引号"
    if isinstance(kind, f.Int):
        return f"整数，至少 {kind.minimum}"
    if isinstance(kind, f.Exact):
        return f"数字，最多两位小数{_sign(kind)}；建议加引号，如 \"{kind.example}\""
    if isinstance(kind, f.Date):
        return "日期 YYYY-MM-DD，如 2024-03-05"
    if isinstance(kind, f.Month):
        return "月份 YYYY-MM，如 2024-03"
    if isinstance(kind, f.Link):
        return "修改链的 link：64 位十六进制数字，从改写前的网站的 data/chain/head.json 复制"
    if isinstance(kind, f.Bool):
        return "true 或 false"
    if isinstance(kind, f.Choice):
        return "以下之一：" + " | ".join(f"`{option}`" for option in kind.options)
    if isinstance(kind, f.FilePath):
        return "records/ 下的文件路径，如 files/2024-03-001.jpg"
    if isinstance(kind, f.ListOf):
        return "列表，每项：" + form(kind.item)
    if isinstance(kind, f.MapOf):
        return "“编号: 值”的映射，每个值：" + form(kind.value)
    if isinstance(kind, f.Sub):
        return "一组字段，" + ("见下表" if len(kind.records) == 1 else f"以下 {len(kind.records)} 种写法之一，见下表")
    return str(kind.json_schema().get("type", "见 JSON Schema"))


def rows(cls: type) -> list[Row]:
    """The table of one record class: its YAML keys in declaration order."""
    defaults = {field.name: field.default for field in dataclasses.fields(cls)}
    return [Row(key, required, None if required else _yaml(defaults.get(name)), form(kind),
                tuple(c.__name__ for c in _nested(kind)))
            for name, key, kind, required in field_table(cls)]


def kinds() -> dict[declared.Kind, list[type]]:
    """Each file kind and the record classes its tables cover (first the file's own)."""
    return {kind: record_classes(kind.record) for kind in declared.KINDS}


def all_keys() -> set[tuple[str, str]]:
    """(class name, YAML key) of every field the format declares: what must be described."""
    return {(cls.__name__, row.key) for classes in kinds().values() for cls in classes for row in rows(cls)}
