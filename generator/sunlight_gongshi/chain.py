"""The chain a site publishes (record format section 8): its links, its files, and reading them back.

Every entry is one commit of the first-parent line that changed `records/`, linked to the one
before it by SHA-256, so that no one can rewrite published history without every witness
seeing it.  This module is the one place that knows the link and the file format: the build
writes with it, and `sunlight verify`, `sunlight witness`, the portal and the tests read with
it.  (The residents' phones compute the same link in `site/theme/assets/javascripts/witness.js`;
a test runs both on the same entries.)  Reading never trusts what a site serves: every value is
checked, and anything wrong is a `ChainError` whose message says where, in Chinese.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

PER_FILE = 512
GENESIS = "0" * 64
FOLDER = "data/chain"
HEAD = f"{FOLDER}/head.json"
# records/ absent at a commit of the chain (deleted): the id of git's empty tree, in the
# repository's hash (SHA-1 ids have 40 digits, SHA-256 ids 64).
EMPTY_TREE = {40: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
              64: "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321"}

OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
LINK = re.compile(r"[0-9a-f]{64}")
COMMIT_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")
DAY = re.compile(r"\d{4}-\d\d-\d\d")


class ChainError(Exception):
    """A published chain file that is missing something or contradicts itself; the message says
    what, `rel` and `line` where (the line of an entry in its file, 1 for the file as a whole)."""

    def __init__(self, message: str, rel: str = HEAD, line: int = 1):
        super().__init__(message)
        self.message, self.rel, self.line = message, rel, line


@dataclass(frozen=True)
class Entry:
    seq: int
    commit: str
    date: str       # the committer date, ISO 8601 with its offset
    records: str    # the git tree id of records/ at the commit
    link: str

    def as_dict(self) -> dict:
        return {"seq": self.seq, "commit": self.commit, "date": self.date, "records": self.records,
                "link": self.link}


@dataclass(frozen=True)
class Declaration:
    """One rewrite the committee declared in records/rewrites.yml, as the site publishes it."""

    date: str       # YYYY-MM-DD
    replaces: str   # the head link of the history it replaced
    reason: str

    def as_dict(self) -> dict:
        return {"date": self.date, "replaces": self.replaces, "reason": self.reason}


@dataclass(frozen=True)
class Head:
    """data/chain/head.json: the newest entry, how many files hold the chain, the declarations."""

    seq: int
    link: str = GENESIS
    commit: str = ""
    date: str = ""
    files: int = 0
    declarations: tuple[Declaration, ...] = ()

    @property
    def day(self) -> str:
        return self.date[:10]


def link(previous: str, commit: str, records: str) -> str:
    """SHA-256 (hex) of the previous link, the commit and the records tree, joined by "\\n"."""
    return hashlib.sha256(f"{previous}\n{commit}\n{records}".encode("utf-8")).hexdigest()


def entries_from(rows: Iterable[tuple[str, str, str]]) -> tuple[Entry, ...]:
    """The chain of (commit, date, records tree) rows, oldest first."""
    entries, previous = [], GENESIS
    for seq, (commit, date, records) in enumerate(rows, 1):
        previous = link(previous, commit, records)
        entries.append(Entry(seq, commit, date, records, previous))
    return tuple(entries)


def file_number(seq: int) -> int:
    """The number of the file that holds entry `seq` (1 for entries 1–512)."""
    return (seq - 1) // PER_FILE + 1


def file_rel(number: int) -> str:
    return f"{FOLDER}/{number:04d}.json"


def file_count(seq: int) -> int:
    return file_number(seq) if seq > 0 else 0


# --- writing ---------------------------------------------------------------------------------

def file_text(entries: Sequence[Entry]) -> str:
    """One chain file: `{"entries": [...]}`, an entry a line, so that a change shows as one line."""
    lines = ",\n".join(json.dumps(e.as_dict()) for e in entries)
    return '{"entries": [\n' + lines + "\n]}\n"


def head_value(entries: Sequence[Entry], declarations: Sequence[Declaration] = ()) -> dict:
    """head.json: `{"seq": 0}` without a chain; else the newest entry, the file count and the
    declared rewrites (a key the format leaves open: one fetch tells a witness both)."""
    if not entries:
        return {"seq": 0}
    last = entries[-1]
    return {"seq": last.seq, "link": last.link, "commit": last.commit, "date": last.date,
            "files": file_count(last.seq), "rewrites": [d.as_dict() for d in declarations]}


def head_text(entries: Sequence[Entry], declarations: Sequence[Declaration] = ()) -> str:
    return json.dumps(head_value(entries, declarations), ensure_ascii=False, indent=1) + "\n"


def files_of(entries: Sequence[Entry]) -> list[tuple[str, Sequence[Entry]]]:
    """(path under the site, entries) of every chain file."""
    return [(file_rel(start // PER_FILE + 1), entries[start:start + PER_FILE])
            for start in range(0, len(entries), PER_FILE)]


# --- reading what a site published ------------------------------------------------------------

def _json(data: bytes, rel: str):
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ChainError(f"{rel} 不是有效的 JSON", rel) from None


def _field(value: dict, key: str, pattern: re.Pattern, what: str, where: str, rel: str = HEAD, line: int = 1) -> str:
    found = value.get(key)
    if not isinstance(found, str) or not pattern.fullmatch(found):
        raise ChainError(f"{where}的 {key} 应是{what}，却是 {_shown(found)}", rel, line)
    return found


def _seq(value: dict, where: str, rel: str = HEAD, line: int = 1) -> int:
    seq = value.get("seq")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
        raise ChainError(f"{where}的 seq 应是不小于 0 的整数，却是 {_shown(seq)}", rel, line)
    return seq


def entry_line(seq: int) -> int:
    """The line of entry `seq` in its file as Sunlight writes it (one entry a line, after `{"entries": [`)."""
    return (seq - 1) % PER_FILE + 2


def _shown(value) -> str:
    """A value a site sent, short enough for one line."""
    text = "（没有）" if value is None else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def _day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def parse_head(data: bytes) -> Head:
    """data/chain/head.json as published; `ChainError` when it is not a head of this format."""
    value = _json(data, HEAD)
    where = f"{HEAD} "
    if not isinstance(value, dict):
        raise ChainError(f"{HEAD} 应是一组字段（{{\"seq\": …}}），却是 {_shown(value)}")
    seq = _seq(value, where)
    if seq == 0:
        return Head(0)
    head = Head(seq, _field(value, "link", LINK, " 64 位十六进制数", where),
                _field(value, "commit", OBJECT_ID, "提交编号（40 或 64 位十六进制数）", where),
                _field(value, "date", COMMIT_DATE, "带时区的日期时间", where))
    files = value.get("files")
    if isinstance(files, bool) or not isinstance(files, int) or files != file_count(seq):
        raise ChainError(f"{HEAD} 说有 {_shown(files)} 个链文件，但 {seq} 条应分在 {file_count(seq)} 个文件里")
    rewrites = value.get("rewrites", [])
    if not isinstance(rewrites, list):
        raise ChainError(f"{HEAD} 的 rewrites 应是一个列表，却是 {_shown(rewrites)}")
    declarations = []
    for number, item in enumerate(rewrites, 1):
        place = f"{HEAD} 的 rewrites 第 {number} 项"
        if not isinstance(item, dict):
            raise ChainError(f"{place}应是一组字段，却是 {_shown(item)}")
        day = _field(item, "date", DAY, "日期 YYYY-MM-DD", place)
        reason = item.get("reason")
        if not _day(day):
            raise ChainError(f"{place}的 date 不是真实的日期：{day}")
        if not isinstance(reason, str) or not reason.strip():
            raise ChainError(f"{place}的 reason 应是说明改写原因的文字，却是 {_shown(reason)}")
        declarations.append(Declaration(day, _field(item, "replaces", LINK, " 64 位十六进制数", place), reason))
    return Head(seq, head.link, head.commit, head.date, files, tuple(declarations))


def parse_file(data: bytes, number: int, head: Head) -> tuple[Entry, ...]:
    """Chain file `number` as published, checked against the head: its entries have the seqs it
    must hold (512 each, the last file up to the head's seq) and well-formed fields.  Links are
    not recomputed here (`first_bad_link`): that needs the entry before the file's first."""
    rel = file_rel(number)
    value = _json(data, rel)
    items = value.get("entries") if isinstance(value, dict) else None
    if not isinstance(items, list):
        raise ChainError(f"{rel} 应是 {{\"entries\": [...]}}，却是 {_shown(value)}", rel)
    first = (number - 1) * PER_FILE + 1
    last = min(number * PER_FILE, head.seq)
    if len(items) != last - first + 1:
        raise ChainError(f"{rel} 应有第 {first}–{last} 条（{last - first + 1} 条，按 {HEAD} 的第 {head.seq} 条算），"
                         f"却有 {len(items)} 条", rel)
    entries = []
    for seq, item in enumerate(items, first):
        where, line = f"{rel} 第 {seq} 条", entry_line(seq)
        if not isinstance(item, dict):
            raise ChainError(f"{where}应是一组字段，却是 {_shown(item)}", rel, line)
        if _seq(item, where, rel, line) != seq:
            raise ChainError(f"{where}的 seq 应是 {seq}，却是 {_shown(item.get('seq'))}", rel, line)
        entries.append(Entry(seq,
                             _field(item, "commit", OBJECT_ID, "提交编号（40 或 64 位十六进制数）", where, rel, line),
                             _field(item, "date", COMMIT_DATE, "带时区的日期时间", where, rel, line),
                             _field(item, "records", OBJECT_ID, " git 目录编号（40 或 64 位十六进制数）", where, rel, line),
                             _field(item, "link", LINK, " 64 位十六进制数", where, rel, line)))
    if last == head.seq:
        newest = entries[-1]
        if (newest.link, newest.commit, newest.date) != (head.link, head.commit, head.date):
            raise ChainError(f"{HEAD} 与 {rel} 不符：head.json 说第 {head.seq} 条是提交 {head.commit[:7]}"
                             f"（link {head.link[:12]}…），文件里却是提交 {newest.commit[:7]}（link {newest.link[:12]}…）",
                             rel, entry_line(head.seq))
    return tuple(entries)


def first_bad_link(entries: Sequence[Entry], previous: str) -> Entry | None:
    """The first entry whose link is not the link of `previous`, its commit and its records."""
    for entry in entries:
        if link(previous, entry.commit, entry.records) != entry.link:
            return entry
        previous = entry.link
    return None


def bad_link(entry: Entry) -> ChainError:
    rel = file_rel(file_number(entry.seq))
    return ChainError(f"{rel} 第 {entry.seq} 条的 link 不是由前一条的 link、提交和 records 算出的："
                      "修改链被人改动过，或已损坏", rel, entry_line(entry.seq))


def read_chain(read: Callable[[str], bytes]) -> tuple[Head, tuple[Entry, ...]]:
    """A whole published chain, every link recomputed from the first; `read(rel)` gives a file's
    bytes or raises `ChainError`."""
    head = parse_head(read(HEAD))
    entries: list[Entry] = []
    previous = GENESIS
    for number in range(1, head.files + 1):
        part = parse_file(read(file_rel(number)), number, head)
        bad = first_bad_link(part, previous)
        if bad is not None:
            raise bad_link(bad)
        entries += part
        previous = part[-1].link
    return head, tuple(entries)
