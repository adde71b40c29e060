"""What a witness remembers between runs: for each site, the last head it accepted and a short
line for every entry it saw, in one JSON file written atomically.

The file may come from a CI cache or a person's editor, so it is read as untrusted: anything
that is not what this module writes is a `StateError` (the run stops, the file is left as it
is) rather than a guess that could make the witness forget what it had seen.  The entries are
kept as `"<link, 16 hex> <commit, 12 hex> <YYYY-MM-DD>"`: enough to name the first entry a
rewrite changed, with its old commit and date, at about 40 bytes an entry.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..chain import COMMIT_DATE, LINK, OBJECT_ID, Entry

FORMAT = "sunlight-witness/1"
DEFAULT = Path(".sunlight") / "witness.json"
SEEN = re.compile(r"([0-9a-f]{16}) ([0-9a-f]{12}) (\d{4}-\d\d-\d\d)")
SEEN_LINES = re.compile(f"(?:{SEEN.pattern})(?:\n(?:{SEEN.pattern}))*")   # entries joined by newlines
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


class StateError(Exception):
    """The state file cannot be used as it is; the message says where."""


class StateBusy(StateError):
    """Another witness run holds the state file."""


@dataclass(frozen=True)
class Seen:
    """A chain head as a witness holds it."""

    seq: int
    link: str
    commit: str
    date: str

    @property
    def day(self) -> str:
        return self.date[:10]

    def as_dict(self) -> dict:
        return {"seq": self.seq, "link": self.link, "commit": self.commit, "date": self.date}

    @classmethod
    def of(cls, entry: Entry) -> "Seen":
        return cls(entry.seq, entry.link, entry.commit, entry.date)


def compact(entry: Entry) -> str:
    return f"{entry.link[:16]} {entry.commit[:12]} {entry.date[:10]}"


@dataclass
class Memory:
    """One site: the head accepted last, a line for each entry up to it, the rewrites the site had
    declared by then (their `replaces`: a declaration a witness has already seen cannot cover a
    later rewrite), and every rewrite seen."""

    head: Seen
    entries: list[str]
    first_seen: str
    declarations: list[str] = field(default_factory=list)
    rewrites: list[dict] = field(default_factory=list)

    def seen(self, seq: int) -> tuple[str, str, str]:
        """(link prefix, commit prefix, day) of entry `seq` as this witness saw it."""
        return SEEN.fullmatch(self.entries[seq - 1]).groups()

    def as_dict(self) -> dict:
        return {"head": self.head.as_dict(), "first_seen": self.first_seen, "entries": self.entries,
                "declarations": self.declarations, "rewrites": self.rewrites}


@dataclass
class State:
    sites: dict[str, Memory] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"format": FORMAT, "sites": {key: self.sites[key].as_dict() for key in sorted(self.sites)}}


def load(path: Path) -> State:
    """The state at `path` (empty when there is no file yet)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return State()
    except OSError as exc:
        raise StateError(f"读不了：{exc.strerror or exc}") from None
    try:
        value = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise StateError("不是 UTF-8 文字") from None
    except json.JSONDecodeError as exc:
        raise StateError(f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
    except (ValueError, RecursionError):
        raise StateError("不是有效的 JSON") from None
    if not isinstance(value, dict) or value.get("format") != FORMAT or not isinstance(value.get("sites"), dict):
        raise StateError(f"应是 {{\"format\": \"{FORMAT}\", \"sites\": {{…}}}}（sunlight witness 写下的样子）")
    extra = sorted(set(value) - {"format", "sites"})
    if extra:
        raise StateError(f"有不认识的字段 {extra[0]}")
    return State({key: _memory(key, item) for key, item in value["sites"].items()})


def _memory(key: str, value) -> Memory:
    where = f"网站 {key} 的"
    if not isinstance(value, dict) or set(value) != {"head", "first_seen", "entries", "declarations", "rewrites"}:
        raise StateError(f"{where}记录应有且只有 head、first_seen、entries、declarations、rewrites 五项")
    head = _seen(value["head"], f"{where} head")
    entries, first_seen, rewrites = value["entries"], value["first_seen"], value["rewrites"]
    declarations = value["declarations"]
    if not isinstance(declarations, list) or not all(isinstance(d, str) and LINK.fullmatch(d) for d in declarations):
        raise StateError(f"{where} declarations 应是一个列表，每项是 64 位十六进制的 link")
    if not isinstance(first_seen, str) or not TIME.fullmatch(first_seen):
        raise StateError(f"{where} first_seen 应是 UTC 时间，如 2026-01-31T08:00:00Z")
    if not isinstance(entries, list) or len(entries) != head.seq:
        raise StateError(f"{where} entries 应是 {head.seq} 条（head 的 seq），却不是")
    for seq, line in _wrong_entries(entries):
        raise StateError(f"{where} entries 第 {seq} 条应是“link 前 16 位 提交前 12 位 日期”，却是 {json.dumps(line, ensure_ascii=False)[:60]}")
    if SEEN.fullmatch(entries[-1]).groups() != (head.link[:16], head.commit[:12], head.day):
        raise StateError(f"{where} entries 的最后一条与 head 不符")
    if not isinstance(rewrites, list) or not all(isinstance(r, dict) for r in rewrites):
        raise StateError(f"{where} rewrites 应是一个列表，每项一组字段")
    return Memory(head, entries, first_seen, declarations, rewrites)


def _wrong_entries(entries: list) -> Iterator[tuple[int, object]]:
    """(seq, line) of each entry that is not a line SEEN matches: one match of them all joined,
    and a line at a time only to name the first wrong one (a long chain is read on every run)."""
    try:
        joined = "\n".join(entries)
    except TypeError:   # an entry that is not text
        joined = None
    if joined is not None and joined.count("\n") == len(entries) - 1 and SEEN_LINES.fullmatch(joined):
        return
    for seq, line in enumerate(entries, 1):
        if not isinstance(line, str) or not SEEN.fullmatch(line):
            yield seq, line


def _seen(value, where: str) -> Seen:
    if not isinstance(value, dict) or set(value) != {"seq", "link", "commit", "date"}:
        raise StateError(f"{where} 应有且只有 seq、link、commit、date 四项")
    seq = value["seq"]
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise StateError(f"{where} 的 seq 应是正整数")
    for key, pattern in (("link", LINK), ("commit", OBJECT_ID), ("date", COMMIT_DATE)):
        if not isinstance(value[key], str) or not pattern.fullmatch(value[key]):
            raise StateError(f"{where} 的 {key} 格式不对")
    return Seen(seq, value["link"], value["commit"], value["date"])


def save(path: Path, state: State) -> None:
    """Write the state atomically: a temporary file in the same folder, then a rename, so a run
    that stops half way leaves the previous state whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(state.as_dict(), ensure_ascii=False, indent=1) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Holds `<state>.lock` while a run reads and writes the state: two runs at once would each
    write what they saw and one would lose the other's."""
    try:
        import fcntl
    except ImportError:   # Windows: one run at a time is the user's to arrange
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StateBusy("正被另一个 sunlight witness 使用，请等它结束再运行") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
