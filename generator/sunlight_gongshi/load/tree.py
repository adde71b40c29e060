"""The walk of records/: which files are records of which kind, which are attachments, which
are in no place the layout has (with what to do about it)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import privacy
from ..model.kinds import ATTACHMENTS, SERIES, Kind, kind_at, top_places
from ..problems import Problem, error

MONTHLY_FOLDERS = [kind.place.name for kind in SERIES]
MONTHLY_SOMEWHERE = re.compile("(" + "|".join(map(re.escape, MONTHLY_FOLDERS)) + ")/")


def _layout_problem(rel: str) -> str:
    if rel.endswith(".yaml"):
        return "记录文件的扩展名应是 .yml；请把 .yaml 改成 .yml"
    if MONTHLY_SOMEWHERE.search(rel) and rel.endswith(".yml"):
        return (f"月度文件应放在 文件夹/年/年-月.yml（{'、'.join(MONTHLY_FOLDERS)}），"
                f"如 {MONTHLY_FOLDERS[0]}/2024/2024-03.yml；请检查文件夹和文件名")
    return (f"records/ 下没有这个位置：记录只能放在 {'、'.join(top_places())} 下，附件放在 {ATTACHMENTS} 下；"
            "请移动或删除这个文件")


def walk(base: Path):
    """Relative paths of files below base, and of links that lead outside it (plain strings:
    this runs for every file of every validation)."""
    files, outside = [], []
    if not base.is_dir():
        return files, outside
    real_base = os.path.realpath(base)
    prefix = len(str(base)) + 1
    for folder, dirs, names in os.walk(base):
        dirs.sort()
        linked_dirs = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        for name in sorted(names) + linked_dirs:
            full = os.path.join(folder, name)
            rel = full[prefix:].replace(os.sep, "/")
            if os.path.islink(full):
                target = os.path.realpath(full)
                if os.path.commonpath([target, real_base]) != real_base or not os.path.isfile(target):
                    outside.append(rel)
                    continue
            files.append(rel)
    return files, outside


@dataclass
class Tree:
    """What the walk of records/ found, before any record file is read."""

    files: list[tuple[str, Kind]]    # (path under records/, record kind)
    attachments: frozenset[str]
    outside_links: frozenset[str]
    present: frozenset[str]
    problems: list[Problem]


def survey(root: Path) -> Tree:
    """Every file under records/ sorted into record files and attachments, with layout problems."""
    problems: list[Problem] = []
    record_files, attachments, present = [], set(), set()
    files, outside = walk(root / "records")
    for rel in files:
        for code, message in privacy.scan_name(rel):
            problems.append(error(f"records/{rel}", 1, code, message))
        if rel.startswith(ATTACHMENTS):
            attachments.add(rel)
            continue
        if rel.rsplit("/", 1)[-1] == ".gitkeep":
            continue
        kind = kind_at(rel)
        if kind is None:
            problems.append(error(f"records/{rel}", 1, "E-LAYOUT", _layout_problem(rel)))
            continue
        present.add(f"records/{rel}")
        record_files.append((rel, kind))
    for rel in outside:
        if not rel.startswith(ATTACHMENTS):
            problems.append(error(f"records/{rel}", 1, "E-LAYOUT", _layout_problem(rel)))
    return Tree(record_files, frozenset(attachments),
                frozenset(rel for rel in outside if rel.startswith(ATTACHMENTS)), frozenset(present), problems)


def read_bytes(root: Path, rel: str, problems: list[Problem]) -> bytes | None:
    try:
        with open(os.path.join(root, "records", rel), "rb") as handle:
            return handle.read()
    except OSError as exc:
        problems.append(error(f"records/{rel}", 1, "E-READ", f"读不了这个文件：{exc.strerror}"))
        return None
