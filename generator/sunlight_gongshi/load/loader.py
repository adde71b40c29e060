"""Load stage: the `records/` tree and `content/` pages -> one complete `Records` plus problems.

Each file is read on its own (decode, privacy scan, YAML, typed records), so what it gives is
a pure function of its path and bytes and is cached by them (`cache.keys.file_key`).  An
unchanged file is not even opened (`cache.keys.StatIndex`).  The records of month files are
fetched only when something asks for them (`recordset.LoadedFile`): from memory when this run
parsed the file, by parsing it again when a few are wanted, from the records store when many.
Everything that relates files to one another happens in `checks`.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .. import privacy
from ..cache.caches import Caches
from ..cache.keys import file_key
from ..model.kinds import BY_NAME, Kind
from ..model.recordset import LoadedFile, Page, Records
from ..problems import Problem, error, has_errors
from .attachments import attachment_problems, scanned, site_config_problems
from .construct import make
from .tree import read_bytes, survey, walk
from .yamlread import YamlError, decode, parse

PARSE_AT_MOST = 20   # more months than this wanted at once: open the records store instead


@dataclass(frozen=True)
class Facts:
    """What loading one file gave, as the facts store keeps it (a month's record is kept apart)."""

    problems: tuple[Problem, ...]
    record: object                  # the record of a kind held in full; None for series kinds
    month: str | None               # series kinds: the month, or None when no record loaded
    summary: object                 # series kinds: what the checks spanning months read


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
    record = make(BY_NAME[kind].record, value, path, 1, problems)
    return record, problems


def _facts(kind: Kind, record, problems) -> Facts:
    if not kind.series:
        return Facts(tuple(problems), record, None, None)
    month = record.month if record is not None else None
    summary = record.summary() if record is not None else None
    return Facts(tuple(problems), None, month, summary)


def load_series_file(rel: str, kind: str, data: bytes) -> LoadedFile:
    """A month file read from bytes in memory (an importer's new text, say), its record held."""
    record, problems = load_file(rel, kind, data)
    facts = _facts(BY_NAME[kind], record, problems)
    return LoadedFile(f"records/{rel}", kind, file_key(rel, data), facts.problems, facts.month, facts.summary, record)


class _Fetcher:
    """Gets the records of month files that this run did not parse, when they are wanted."""

    def __init__(self, root: Path, caches: Caches):
        self.root, self.caches = root, caches

    def __call__(self, files: list[LoadedFile]) -> None:
        store = self.caches.records
        bulk = store.enabled and (store.opened or len(files) > PARSE_AT_MOST)
        for loaded in files:
            record = store.get(loaded.key) if bulk else None
            if record is not None:
                loaded.hold(record)
                continue
            rel = loaded.path[len("records/"):]
            data = read_bytes(self.root, rel, []) or b""
            stable = file_key(rel, data) == loaded.key   # not edited since this run first read it
            if not stable and store.enabled:
                record = store.get(loaded.key)
                if record is not None:
                    loaded.hold(record)
                    continue
            record, _problems = load_file(rel, loaded.kind, data)
            if stable:
                store.put(loaded.key, record)
            loaded.hold(record, stable)


def _load_one(root: Path, rel: str, kind: Kind, caches: Caches, problems: list[Problem]):
    """(key, facts, record parsed in this run or None) for one file, or None when unreadable."""
    key = caches.index.key(rel, os.path.join(root, "records", rel))
    facts = caches.facts.get(key) if key else None
    if facts is None:
        data = read_bytes(root, rel, problems)
        if data is None:
            return None
        key = file_key(rel, data)
        caches.index.note(rel, key)
        facts = caches.facts.get(key)
        if facts is None:
            record, file_problems = load_file(rel, kind.name, data)
            facts = _facts(kind, record, file_problems)
            caches.facts.put(key, facts)
            if kind.series and record is not None:
                caches.records.put(key, record)
            return key, facts, record
    if kind.series:
        caches.records.keep(key)
    return key, facts, None


def _attachment(root: Path, rel: str, caches: Caches) -> list[Problem]:
    """What the privacy scan finds in one attachment, kept by its bytes (reading a PDF's text
    is slow), and not read at all while its size, times and inode are unchanged."""
    key = caches.index.key(rel, os.path.join(root, "records", rel))
    found = caches.facts.get(key) if key else None
    if found is None:
        data = read_bytes(root, rel, [])
        if data is None:
            return []
        key = file_key(rel, data)
        caches.index.note(rel, key)
        found = caches.facts.get(key)
        if found is None:
            found = tuple(attachment_problems(rel, data))
            caches.facts.put(key, found)
    return list(found)


def load(root: Path, caches: Caches) -> tuple[Records, list[Problem]]:
    """Read every record file and content page under `root`: the complete records, and problems."""
    tree = survey(root)
    problems = list(tree.problems)
    held: dict[str, list] = defaultdict(list)              # kind -> records, in file order
    series: dict[str, list[LoadedFile]] = defaultdict(list)
    broken = set()
    fetch = _Fetcher(root, caches)
    for rel, kind in tree.files:
        loaded = _load_one(root, rel, kind, caches, problems)
        if loaded is None:
            continue
        key, facts, record = loaded
        problems += facts.problems
        if has_errors(facts.problems):
            broken.add(f"records/{rel}")
        if kind.series:
            series[kind.name].append(LoadedFile(f"records/{rel}", kind.name, key, facts.problems, facts.month,
                                                facts.summary, record, fetch))
        elif facts.record is not None:
            held[kind.name].append(facts.record)
    for rel in sorted(tree.attachments):
        if scanned(rel):
            problems += _attachment(root, rel, caches)
    pages = load_pages(root, problems)
    records = Records.gather(held, series, attachments=tree.attachments, outside_links=tree.outside_links,
                             pages=pages, broken=frozenset(broken), present=tree.present)
    return records, problems


def load_pages(root: Path, problems: list[Problem]) -> tuple[Page, ...]:
    pages = []
    problems += site_config_problems(root)
    files, _outside = walk(root / "content")
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
    problems += _case_twins([page.path for page in pages])
    return tuple(pages)


def _case_twins(paths: list[str]) -> list[Problem]:
    """An error at each page whose path differs from an earlier one's only in case: on Windows and
    macOS the two pages of the site would be one file."""
    first: dict[str, str] = {}
    problems = []
    for path in sorted(paths):
        other = first.setdefault(path.casefold(), path)
        if other != path:
            problems.append(error(path, 1, "E-DUPLICATE-ID",
                                  f"页面 {path} 和 {other} 的文件名只差大小写：网站上每个文件是一个网页，在 Windows 和苹果电脑上"
                                  "这两个网页会变成同一个文件，其中一个会丢失；请给其中一个改名"))
    return problems
