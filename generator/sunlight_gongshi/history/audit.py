"""Git history as the audit trail: who changed which record when, and which closed books were reopened.

One `git log --raw` pass gives every commit, its files and their blob ids; one
`git cat-file --batch` process gives every version of every finance month.  Versions are
compared as parsed records (entries by id), never as text lines, and each parsed version is
cached by its blob id, which git guarantees never changes.

The log follows the first-parent line from the root to the built commit: the commits as they
reached the published branch, a merged branch as its merge commit (compared with the branch it
was merged into).  That line also dates each closing line's publication, for the disclosure
calendar (record format section 5.1), each commit counted as dated no earlier than the commits
before it (`gitinfo.timeline`).  Everything shown from history is masked by the privacy
check (`gitinfo.commit_of`, `_shown`): history cannot be corrected by a new commit.
"""

from __future__ import annotations

import re
import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from ..cache.keys import blob_key
from ..chain import Entry as ChainEntry
from ..chain import entries_from
from ..cache.store import Store
from ..load.construct import make
from ..model.fields import field_table, yaml_keys
from ..privacy import mask_text
from .gitinfo import Commit, git, timeline
from .gitlog import Change, read_blobs, read_log
from ..model.finance import Award, Entry, MonthBooks, Transfer
from ..model.kinds import FINANCE_MONTH
from ..load.yamlread import YamlError, decode, parse

MONTH_PATH = re.compile(r"^" + re.escape(FINANCE_MONTH.place.prefix) + r"(\d{4})/(\d{4}-\d\d)\.yml$")
NULL_BLOB = "0" * 40
# Every field of an entry but its id, as the record class declares them (record format 1.2, section 6:
# an amendment that changes only `award` or `emergency` is an amendment), and a field added later too.
FIELDS = tuple(key for key in yaml_keys(Entry) if key != "id")
FIELD_NAMES = {"date": "日期", "account": "账户", "transfer": "转账", "amount": "金额", "category": "类别",
               "counterparty": "对方", "memo": "摘要", "decision": "决议", "receipt": "凭证", "emergency": "紧急使用",
               "award": "年度奖励", "closing": "月末余额", "entry": "流水（写法有误）"}


@dataclass(frozen=True)
class EntryDiff:
    """One entry (or a closing line) that an amendment added, removed or changed."""

    key: str           # entry id, or "closing:ACCOUNT"
    kind: str          # added | removed | changed
    fields: tuple[tuple[str, str, str], ...]   # (field name, old value, new value)


@dataclass(frozen=True)
class Amendment:
    commit: Commit
    month: str
    path: str
    later: str         # the latest month whose file already existed ("" for a change after a review)
    diffs: tuple[EntryDiff, ...]
    readable: bool     # False when one of the two versions could not be parsed
    day: Optional[dt.date] = None    # the day the commit counts as (`gitinfo.timeline`): changes after a review
    accounts: Optional[tuple[str, ...]] = None   # the accounts its changed entries and closings name; None: unknown
    new_file: bool = False   # the month's file was first committed here: every entry in it is new

    @property
    def anchor(self) -> str:
        return f"amend-{self.commit.short}-{self.month}"

    @property
    def entries_changed(self) -> tuple[EntryDiff, ...]:
        """The entries it added, removed or changed (not the closing lines)."""
        return tuple(d for d in self.diffs if not d.key.startswith("closing:"))


@dataclass(frozen=True)
class Provenance:
    introduced: Commit
    changed: Commit


@dataclass
class History:
    available: bool = False
    shallow: bool = False
    commits: list[Commit] = field(default_factory=list)          # newest first
    amendments: list[Amendment] = field(default_factory=list)    # newest first
    # changes to a month some review covered (up to its `through`), committed after that review's
    # day (record format 1.2, section 3: 审查后改动), newest first; which review each came after is
    # `compute.reviews`' to say
    revised: list[Amendment] = field(default_factory=list)
    files: dict[str, Provenance] = field(default_factory=dict)   # record path -> first and last commit
    entries: dict[str, Provenance] = field(default_factory=dict)  # entry id -> first and last commit
    signed: set[str] = field(default_factory=set)                # commits git verify-commit accepts
    # (month, account) -> the committer day (in the commit's own zone) of the first commit on the
    # first-parent line whose tree had that month's closing line for the account
    closings: dict[tuple[str, str], dt.date] = field(default_factory=dict)
    chain: tuple[ChainEntry, ...] = ()    # record format section 8; empty outside git and in a shallow clone

    def changed(self) -> dict[str, Commit]:
        return {path: p.changed for path, p in self.files.items()}

    def without_authors(self) -> History:
        """The same history with every author left blank: a site shows who changed a record only when
        the community chooses to (mkdocs.yml `extra: sunlight: show_authors: true`), since the git
        author is often a maintainer's account rather than a committee member's name."""
        anonymous: dict[str, Commit] = {}

        def blank(commit: Commit) -> Commit:
            if commit.sha not in anonymous:
                anonymous[commit.sha] = replace(commit, author="")
            return anonymous[commit.sha]

        def kept(p: Provenance) -> Provenance:
            return Provenance(blank(p.introduced), blank(p.changed))

        return replace(self, commits=[blank(c) for c in self.commits],
                       amendments=[replace(a, commit=blank(a.commit)) for a in self.amendments],
                       revised=[replace(a, commit=blank(a.commit)) for a in self.revised],
                       files={path: kept(p) for path, p in self.files.items()},
                       entries={key: kept(p) for key, p in self.entries.items()})


def _flatten(value) -> str:
    """A typed field as residents read it: empty when absent (and `emergency: false` is absent)."""
    if value is None or value is False:
        return ""
    if value is True:
        return "是"
    if isinstance(value, Transfer):
        return f"{value.source} → {value.target}"
    if isinstance(value, Award):
        return f"{value.year} 年 {value.unit}"
    return str(value)


def _raw(value) -> str:
    """A value as written, for an entry that cannot be read as a record: every key, in order."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_raw(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_raw(v) for v in value) + "]"
    return str(value)


_ABSENT, _UNREADABLE = object(), object()


def _yaml(data: bytes | None):
    """The YAML value of one version of a file; _ABSENT for no file, _UNREADABLE for a broken one."""
    if data is None:
        return _ABSENT
    try:
        return parse(decode(data))[0]
    except YamlError:
        return _UNREADABLE


def parse_month(path: str, data: bytes | None) -> dict[str, dict[str, str]] | None:
    """Entries (and closing lines) of one version of a month file: each field as residents read it.

    Used for amendments, which residents read: amounts compare as money, so "100" and "100.00"
    are the same, and nothing else is formatting.  Every field of an entry is compared, and an
    entry that cannot be read as a record is compared as written (all its keys).  None when the
    version cannot be read at all.
    """
    value = _yaml(data)
    if value is _ABSENT:
        return {}
    books = make(MonthBooks, value, path, 1, []) if value is not _UNREADABLE else None
    if books is None:
        return None
    attributes = {key: name for name, key, _kind, _required in field_table(Entry)}
    result = {e.id: {key: _flatten(getattr(e, attributes[key])) for key in FIELDS} for e in books.entries}
    items = value.get("entries") if isinstance(value.get("entries"), list) else []
    for index, item in enumerate(items):   # an entry the month's record left out is still compared, as written
        if isinstance(item, dict) and str(item.get("id", f"#{index + 1}")) not in result:
            result[str(item.get("id", f"#{index + 1}"))] = {"entry": _raw(item)}
    result.update({f"closing:{c.account}": {"closing": str(c.amount)} for c in books.closing})
    return result


def month_version(data: bytes | None) -> tuple[dict[str, tuple], frozenset[str]] | None:
    """Entries of one version as written, for provenance (cheaper than typed records, and any edit
    to an entry's text counts as a change of that entry), and the accounts its `closing` names,
    for the disclosure calendar.  None when the version cannot be read."""
    value = _yaml(data)
    if value is _ABSENT:
        return {}, frozenset()
    if value is _UNREADABLE:
        return None
    if not isinstance(value, dict):
        return {}, frozenset()
    entries, closing = value.get("entries"), value.get("closing")
    accounts = frozenset(str(k) for k in closing) if isinstance(closing, dict) else frozenset()
    if not isinstance(entries, list):
        return {}, accounts
    return {str(item.get("id")): (_raw(item),) for item in entries if isinstance(item, dict) and "id" in item}, accounts


def diff_versions(old: dict, new: dict) -> tuple[EntryDiff, ...]:
    """What changed between two versions, as the site shows it: every field compared, then masked."""
    diffs = []
    for key in sorted(set(old) | set(new)):
        if key not in new:
            diffs.append(_shown(key, "removed", ((n, v, "") for n, v in old[key].items() if v)))
        elif key not in old:
            diffs.append(_shown(key, "added", ((n, "", v) for n, v in new[key].items() if v)))
        elif old[key] != new[key]:
            names = list(old[key]) + [n for n in new[key] if n not in old[key]]
            diffs.append(_shown(key, "changed", ((n, old[key].get(n, ""), new[key].get(n, "")) for n in names
                                                 if old[key].get(n, "") != new[key].get(n, ""))))
    return tuple(diffs)


def _shown(key: str, kind: str, fields) -> EntryDiff:
    """An entry's change with every personal number masked: old values are exactly what a
    committee removes from the records when the privacy check asks it to."""
    return EntryDiff(mask_text(key), kind, tuple((name, mask_text(old), mask_text(new)) for name, old, new in fields))


def read_history(root: Path, repo_url: str | None = None, store: Store | None = None, reviews=()) -> History:
    """The audit trail of the records at root; `available` is False outside a git checkout.
    `reviews` are the supervisors' reviews (each with `date` and `through`): a change to a month
    one of them covered, committed after its day, is in `revised`."""
    if git(root, "rev-parse", "--is-inside-work-tree") is None:
        return History()
    history = History(available=True,
                      shallow=(git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true")
    log = read_log(root, repo_url)
    history.commits = [commit for commit, _signed, _changes, _records in reversed(log)]
    days = timeline(root, store).days   # the day each commit counts as: never before the commits preceding it
    history.signed = {commit.sha for commit, signed, _, _ in log if signed}
    if not history.shallow:   # a shallow clone's oldest commit is not the root: its chain would be another
        history.chain = entries_from((commit.sha, commit.date, records) for commit, _, _, records in log)
    month_blobs = [b for _, _, changes, _ in log for c in changes if MONTH_PATH.match(c.path)
                   for b in (c.old_blob, c.new_blob) if b != NULL_BLOB]
    versions = _versions(root, month_blobs, store or Store(root, "history", enabled=False))

    # Month files that ever existed before the commit being read: a month stays closed once a
    # later month was recorded, even if that later file is deleted and added again around an edit.
    existing: set[str] = set()
    reopened: list[tuple[Commit, Change, str]] = []
    revised: list[tuple[Commit, Change, dt.date]] = []
    for commit, _signed, changes, _records in log:
        for change in changes:
            first = history.files.get(change.path)
            history.files[change.path] = Provenance(first.introduced if first else commit, commit)
            match = MONTH_PATH.match(change.path)
            if not match:
                continue
            month = match.group(2)
            later = max((m for m in existing if m > month), default=None)
            if later is not None:
                reopened.append((commit, change, later))
            day = days.get(commit.sha) or dt.date.fromisoformat(commit.date[:10])
            if any(month <= review.through and day > review.date for review in reviews):
                revised.append((commit, change, day))
            old = (versions.get(change.old_blob) or ({}, None))[0]
            new, closed = versions.get(change.new_blob) or ({}, frozenset())
            for key, values in new.items():
                known = history.entries.get(key)
                if known is None:
                    history.entries[key] = Provenance(commit, commit)
                elif old.get(key) != values:
                    history.entries[key] = Provenance(known.introduced, commit)
            for account in closed:
                history.closings.setdefault((month, account), day)
        existing.update(match.group(2) for match in map(MONTH_PATH.match, (c.path for c in changes))
                        if match)
    history.amendments = _amendments(root, reopened)
    history.amendments.reverse()
    history.revised = _amendments(root, [(commit, change, "", day) for commit, change, day in revised])
    history.revised.reverse()
    return history


def _versions(root: Path, blobs: list[str], store: Store) -> dict[str, dict | None]:
    """Entries and closing accounts of every month-file version, from the store or one cat-file process."""
    versions: dict[str, tuple | None] = {}
    missing = []
    for blob in dict.fromkeys(blobs):
        hit = store.get(blob_key(blob))
        if hit is None:
            missing.append(blob)
        else:
            versions[blob] = hit[0]
    contents = read_blobs(root, missing)
    for blob in missing:
        versions[blob] = month_version(contents.get(blob))
        store.put(blob_key(blob), (versions[blob],))
    return versions


def _amendments(root: Path, reopened: list[tuple]) -> list[Amendment]:
    """Typed before/after comparison for each reopened month, or each month changed after a review
    (with its day): few, read on demand."""
    blobs = read_blobs(root, [b for _, c, *_ in reopened for b in (c.old_blob, c.new_blob) if b != NULL_BLOB])
    amendments = []
    for commit, change, later, *day in reopened:
        old = parse_month(change.path, blobs.get(change.old_blob)) if change.old_blob != NULL_BLOB else {}
        new = parse_month(change.path, blobs.get(change.new_blob)) if change.new_blob != NULL_BLOB else {}
        readable = old is not None and new is not None
        diffs = diff_versions(old, new) if readable else ()
        amendments.append(Amendment(commit, MONTH_PATH.match(change.path).group(2), change.path, later, diffs, readable,
                                    day[0] if day else None, _accounts(old, new, diffs) if readable else None,
                                    change.old_blob == NULL_BLOB))
    return amendments


def _accounts(old: dict, new: dict, diffs: tuple[EntryDiff, ...]) -> Optional[tuple[str, ...]]:
    """The accounts the changed entries and closing lines name, before or after the change (a moved
    entry touches both accounts; an entry only readable as written, every account)."""
    found: set[str] = set()
    for diff in diffs:
        if diff.key.startswith("closing:"):
            found.add(diff.key[len("closing:"):])
            continue
        for version in (old.get(diff.key), new.get(diff.key)):
            if not version:
                continue
            if "entry" in version:
                return None   # could not be read as a record: which accounts it names is unknown
            if version.get("account"):
                found.add(version["account"])
            if version.get("transfer"):
                found.update(part.strip() for part in version["transfer"].split("→"))
    return tuple(sorted(found))
