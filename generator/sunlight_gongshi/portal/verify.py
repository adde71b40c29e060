"""Verify stage: an estate's data is used only when every file matches its manifest and every
export its schema; anything else is a status with a reason, never an exception.

Statuses (spec section 7): `ok`; `unverified` — a file missing, differing from its manifest,
or not matching its schema; `unreachable` — no manifest could be read (including one that is
not a manifest at all, such as an error page served in its place).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field

from .fetch import Fetched
from .published import ENTRIES_HEADER, EXPORTS, MANIFEST, first_error

OK, UNVERIFIED, UNREACHABLE = "ok", "unverified", "unreachable"


@dataclass
class Verified:
    """One estate's verdict; `exports` holds the parsed exports (entries as row objects) when ok."""

    status: str
    reason: str = ""
    commit: str | None = None
    exports: dict[str, object] = field(default_factory=dict)


def read_manifest(data: bytes) -> tuple[dict | None, str]:
    """The manifest, or None and why it is not one."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, f"{MANIFEST} 不是有效的 JSON（{type(exc).__name__}）；网站可能没有正确发布"
    problem = first_error("manifest", manifest)
    if problem:
        return None, f"{MANIFEST} 不是 Sunlight 的文件清单：{problem}"
    return manifest, ""


def _entries(text: str) -> tuple[list[dict] | None, str]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:   # a NUL byte, a field past the csv module's limit
        return None, f"不是有效的 CSV（{exc}）"
    if not rows or rows[0] != ENTRIES_HEADER:
        return None, f"表头应是 {','.join(ENTRIES_HEADER)}"
    width = len(ENTRIES_HEADER)
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            return None, f"第 {number} 行有 {len(row)} 列，应有 {width} 列"
    return [dict(zip(ENTRIES_HEADER, row)) for row in rows[1:]], ""


def _parse(export, data: bytes) -> tuple[object, str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, "不是 UTF-8 编码"
    if export.is_csv:
        return _entries(text)
    try:
        return json.loads(text), ""
    except ValueError as exc:
        return None, f"不是有效的 JSON（{exc}）"
    except RecursionError:
        return None, "不是有效的 JSON（嵌套过深）"


def verify(fetched: Fetched) -> Verified:
    """The verdict on freshly fetched files (outcome `fetched`)."""
    manifest, why = read_manifest(fetched.manifest)
    if manifest is None:
        return Verified(UNREACHABLE, why)
    commit = manifest["commit"]
    hashes = manifest["files"]
    exports = {}
    for export in EXPORTS:
        data = fetched.files.get(export.path)
        if export.path not in hashes:
            return Verified(UNVERIFIED, f"文件清单里没有 {export.path}（网站用的 sunlight 版本太旧？）", commit)
        if data is None:
            return Verified(UNVERIFIED, f"缺少 {export.path}：{fetched.reason or '读不到'}", commit)
        if hashlib.sha256(data).hexdigest() != hashes[export.path]:
            return Verified(UNVERIFIED, f"{export.path} 与文件清单的 SHA-256 不符：文件被改动过，或不是同一次生成的",
                            commit)
        value, why = _parse(export, data)
        if value is None:
            return Verified(UNVERIFIED, f"{export.path} {why}", commit)
        problem = first_error(export.name, value)
        if problem:
            return Verified(UNVERIFIED, f"{export.path} 不符合公开格式（{export.name}.json）：{problem}", commit)
        exports[export.name] = value
    return Verified(OK, "", commit, exports)
