"""Load stage: the `records/` tree and `content/` pages -> one `Records` value plus problems.

Each file is read on its own (decode, privacy scan, YAML, typed records), so each result can
be cached by content; everything that relates files to one another happens in `checks`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .. import privacy
from ..cache.store import Cache
from .construct import build
from ..problems import Problem, error, has_errors
from ..model.records import (FILE_KINDS, Account, Community, Decision, MonthBooks, Roster, Rubric,
                      ScoreMonth, Unit)
from ..compute.summary import BooksSummary, summarize_books
from .yamlread import YamlError, decode, parse

MONTH_FILE = re.compile(r"^(\d{4})/(\d{4})-(\d\d)\.yml$")


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page of content/."""

    path: str
    text: str


@dataclass(frozen=True)
class Records:
    """Everything a community wrote, typed; records that failed to load are left out."""

    community: Optional[Community]
    units: tuple[Unit, ...]
    rosters: tuple[Roster, ...]
    decisions: tuple[Decision, ...]
    accounts: tuple[Account, ...]
    months: tuple[MonthBooks, ...]
    rubric: Optional[Rubric]
    scores: tuple[ScoreMonth, ...]
    attachments: frozenset[str]      # files under records/ that records may point to
    outside_links: frozenset[str]    # links under records/ that lead out of it
    pages: tuple[Page, ...]
    broken: frozenset[str]           # record files that had load errors
    present: frozenset[str]          # every record file path that exists
    books: tuple[BooksSummary, ...]  # each finance month in month order, reduced for cross-month checks
    score_months: tuple[str, ...]    # the month of each score file that loaded


def classify(rel: str) -> str | None:
    """The record kind of a path under records/, or None when the layout has no place for it."""
    fixed = {"community.yml": "community", "units.yml": "units",
             "finance/accounts.yml": "accounts", "scores/rubric.yml": "rubric"}
    if rel in fixed:
        return fixed[rel]
    folder, _, name = rel.partition("/")
    if folder in ("roster", "decisions") and name.endswith(".yml") and "/" not in name:
        return "roster" if folder == "roster" else "decision"
    if folder in ("finance", "scores"):
        match = MONTH_FILE.match(name)
        if match and match.group(1) == match.group(2):
            return "finance-month" if folder == "finance" else "scores-month"
    return None


def _layout_problem(rel: str) -> str:
    if rel.endswith(".yaml"):
        return "记录文件的扩展名应是 .yml；请把 .yaml 改成 .yml"
    if re.search(r"(finance|scores)/", rel) and rel.endswith(".yml"):
        return ("月度文件应放在 finance/年/年-月.yml 或 scores/年/年-月.yml，如 finance/2024/2024-03.yml；"
                "请检查文件夹和文件名")
    return ("records/ 下没有这个位置：记录只能放在 community.yml、units.yml、roster/、decisions/、"
            "finance/、scores/ 下，附件放在 files/ 下；请移动或删除这个文件")


def load_file(rel: str, kind: str, data: bytes):
    """(record or None, problems) for one record file; a pure function of its path and bytes."""
    path = f"records/{rel}"
    problems: list[Problem] = []
    try:
        text = decode(data)
        for line, code, message in privacy.scan(data):
            problems.append(error(path, line, code, message))
        value, yaml_problems = parse(text)
    except YamlError as exc:
        problems += [error(path, line, code, message) for line, code, message in exc.problems]
        return None, problems
    problems += [error(path, line, code, message) for line, code, message in yaml_problems]
    if value is None:
        problems.append(error(path, 1, "E-EMPTY", "文件是空的；请填写内容，或删除这个文件"))
        return None, problems
    record = build(FILE_KINDS[kind], value, path, 1, problems)
    return record, problems


def _walk(base: Path):
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
    files, outside = _walk(root / "records")
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


def assemble(tree: Tree, by_kind: dict[str, list], broken: set[str], pages: tuple[Page, ...],
             books: tuple[BooksSummary, ...] | None = None, score_months: tuple[str, ...] | None = None) -> Records:
    """One `Records` from the loaded files of each kind (months in month order)."""
    def one(kind):
        return by_kind[kind][0] if by_kind[kind] else None

    units_file, accounts_file = one("units"), one("accounts")
    months = tuple(sorted(by_kind["finance-month"], key=lambda m: m.month))
    scores = tuple(sorted(by_kind["scores-month"], key=lambda m: m.month))
    return Records(
        community=one("community"),
        units=units_file.units if units_file else (),
        rosters=tuple(by_kind["roster"]),
        decisions=tuple(by_kind["decision"]),
        accounts=accounts_file.accounts if accounts_file else (),
        months=months,
        rubric=one("rubric"),
        scores=scores,
        attachments=tree.attachments,
        outside_links=tree.outside_links,
        pages=pages,
        broken=frozenset(broken),
        present=tree.present,
        books=tuple(summarize_books(m) for m in months) if books is None else books,
        score_months=tuple(s.month for s in scores) if score_months is None else score_months,
    )


def load(root: Path, cache: Cache | None = None) -> tuple[Records, list[Problem]]:
    """Read every record file and content page under `root`."""
    cache = cache or Cache(root, enabled=False)
    tree = survey(root)
    problems = list(tree.problems)
    by_kind: dict[str, list] = {kind: [] for kind in FILE_KINDS}
    broken = set()
    for rel, kind in tree.files:
        data = read_bytes(root, rel, problems)
        if data is None:
            continue
        digest = cache.digest(rel, data)
        hit = cache.get(digest)
        if hit is None:
            hit = load_file(rel, kind, data)
            cache.put(digest, hit)
        record, file_problems = hit
        problems += file_problems
        if has_errors(file_problems):
            broken.add(f"records/{rel}")
        if record is not None:
            by_kind[kind].append(record)
    pages = load_pages(root, problems)
    cache.save()
    return assemble(tree, by_kind, broken, pages), problems


def load_pages(root: Path, problems: list[Problem]) -> tuple[Page, ...]:
    pages = []
    files, _outside = _walk(root / "content")
    for rel in files:
        path = f"content/{rel}"
        for code, message in privacy.scan_name(rel):
            problems.append(error(path, 1, code, message))
        if not rel.endswith(".md"):
            continue
        data = (root / "content" / rel).read_bytes()
        try:
            text = decode(data)
        except YamlError as exc:
            problems.append(error(path, exc.line, exc.code, exc.message))
            continue
        for line, code, message in privacy.scan(data):
            problems.append(error(path, line, code, message))
        pages.append(Page(path, text))
    return tuple(pages)
