"""Builds typed records from line-aware YAML values, reporting every bad field at its line."""

from __future__ import annotations

import difflib

from ..model.fields import Id, Invalid, Kind, ListOf, MapOf, Src, Sub, describe, field_table, yaml_keys
from ..problems import Problem, error
from .yamlread import LineDict


class _Reported(Exception):
    """A nested value failed and its problems are already recorded."""


def _choose(records: tuple[type, ...], data: LineDict) -> type:
    """Of several shapes a value may take, the one whose keys it uses most."""
    if len(records) == 1:
        return records[0]
    return max(records, key=lambda cls: len(set(yaml_keys(cls)) & set(data)))


def make(cls: type, data, path: str, line: int, problems: list[Problem]):
    """The record `cls` made from `data`, or None when a field is missing or wrong."""
    if not isinstance(data, LineDict):
        problems.append(error(path, getattr(data, "line", line), "E-TYPE",
                              f"这里应是一组字段（键: 值），却读到了 {describe(data)}"))
        return None
    table = field_table(cls)
    known = yaml_keys(cls)
    ok = True
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"是不是 {close[0]}？" if close else f"可用的字段有：{', '.join(known)}"
            problems.append(error(path, data.key_lines.get(key, data.line), "E-UNKNOWN-KEY",
                                  f"不认识的字段 {key}（{hint}）；拼错的字段会被悄悄忽略，所以必须改正"))
    values = {}
    for name, key, kind, required in table:
        raw = data.get(key)
        key_line = data.key_lines.get(key, data.line)
        if raw is None:
            if required:
                message = f"必填字段 {key} 是空的；请填上" if key in data else f"缺少必填字段 {key}"
                problems.append(error(path, key_line, "E-MISSING", message))
                ok = False
            continue
        try:
            values[name] = _convert(kind, raw, path, key_line, problems)
        except Invalid as exc:
            problems.append(error(path, exc.line or key_line, exc.code, f"{key}：{exc.message}"))
            ok = False
        except _Reported:
            ok = False
    if not ok:
        return None
    return cls(**values, src=Src(path, data.line, data.key_lines))


def _convert(kind: Kind, raw, path: str, line: int, problems: list[Problem]):
    if isinstance(kind, Sub):
        record = make(_choose(kind.records, kind.convert(raw)), raw, path, line, problems)
        if record is None:
            raise _Reported
        return record
    if isinstance(kind, ListOf):
        # A bad item is reported and left out; its neighbours are still checked.  The file
        # then counts as broken, so no total is asserted over the incomplete list.
        items = kind.convert(raw)
        out = []
        for item, item_line in zip(items, items.lines):
            try:
                out.append(_convert(kind.item, item, path, item_line, problems))
            except Invalid as exc:
                problems.append(error(path, exc.line or item_line, exc.code, exc.message))
            except _Reported:
                pass
        return tuple(out)
    if isinstance(kind, MapOf):
        mapping = kind.convert(raw)
        out, failed = [], False
        for key, value in mapping.items():
            key_line = mapping.key_lines.get(key, line)
            try:
                out.append(kind.pair(Id().convert(key), kind.value.convert(value), key_line))
            except Invalid as exc:
                problems.append(error(path, key_line, exc.code, f"{key}：{exc.message}"))
                failed = True
        if failed:
            raise _Reported
        return tuple(out)
    return kind.convert(raw)
