"""The walk of records/: which files are records of which kind, which are attachments, which
are in no place the layout has (with what to do about it)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import privacy
from ..problems import Problem, error

ONE_FILE_EACH = {"roster": "roster", "decisions": "decision", "meetings": "meeting"}
MONTHLY = {"finance": "finance-month", "scores": "scores-month", "requests": "requests-month",
           "activities": "activities-month"}
MONTH_FILE = re.compile(r"^(\d{4})/(\d{4})-(\d\d)\.yml$")


def classify(rel: str) -> str | None:
    """The record kind of a path under records/, or None when the layout has no place for it."""
    fixed = {"community.yml": "community", "units.yml": "units",
             "finance/accounts.yml": "accounts", "scores/rubric.yml": "rubric"}
    if rel in fixed:
        return fixed[rel]
    folder, _, name = rel.partition("/")
    if folder in ONE_FILE_EACH and name.endswith(".yml") and "/" not in name:
        return ONE_FILE_EACH[folder]
    if folder in MONTHLY:
        match = MONTH_FILE.match(name)
        if match and match.group(1) == match.group(2):
            return MONTHLY[folder]
    return None


def _layout_problem(rel: str) -> str:
    if rel.endswith(".yaml"):
        return "记录文件的扩展名应是 .yml；请把 .yaml 改成 .yml"
    if re.search(r"(finance|scores|requests|activities)/", rel) and rel.endswith(".yml"):
        return ("月度文件应放在 文件夹/年/年-月.yml（finance、scores、requests、activities），"
                "如 finance/2024/2024-03.yml；请检查文件夹和文件名")
    return ("records/ 下没有这个位置：记录只能放在 community.yml、units.yml、roster/、decisions/、"
            "meetings/、finance/、scores/、requests/、activities/ 下，附件放在 files/ 下；请移动或删除这个文件")


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

    files: list[tuple[str, str]]     # (path under records/, record kind)
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
        if rel.startswith("files/"):
            attachments.add(rel)
            continue
        if rel.rsplit("/", 1)[-1] == ".gitkeep":
            continue
        kind = classify(rel)
        if kind is None:
            problems.append(error(f"records/{rel}", 1, "E-LAYOUT", _layout_problem(rel)))
            continue
        present.add(f"records/{rel}")
        record_files.append((rel, kind))
    for rel in outside:
        if not rel.startswith("files/"):
            problems.append(error(f"records/{rel}", 1, "E-LAYOUT", _layout_problem(rel)))
    return Tree(record_files, frozenset(attachments),
                frozenset(rel for rel in outside if rel.startswith("files/")), frozenset(present), problems)


def read_bytes(root: Path, rel: str, problems: list[Problem]) -> bytes | None:
    try:
        with open(os.path.join(root, "records", rel), "rb") as handle:
            return handle.read()
    except OSError as exc:
        problems.append(error(f"records/{rel}", 1, "E-READ", f"读不了这个文件：{exc.strerror}"))
        return None
