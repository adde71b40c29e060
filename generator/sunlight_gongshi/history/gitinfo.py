"""What git says about the checkout: the commit a site is built from, as the site may show it, the
day each commit counts as, and a safe way to ask git.

Author names, subjects and file names come from history, which no new commit can correct: each
`Commit` is made by `commit_of`, which masks personal numbers in them as the privacy check finds them.

Commit dates are set by whoever commits (`git commit --date`, GIT_COMMITTER_DATE).  A commit counts
as dated no earlier than the latest day among the commits before it on the first-parent line
(record format 1.2, section 5.1), so that setting a date back never makes a late disclosure look
on time; `sunlight validate` warns about each commit whose date runs backwards: an earlier day
than a commit before it, and an earlier moment by more than an hour (a commit written in another
time zone, or on a machine whose clock is a few minutes slow, is not warned about, but it still
counts as no earlier than the latest day before it).
"""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from ..cache.keys import blob_key
from ..model.kinds import COMMUNITY
from ..privacy import mask_text
from ..problems import Problem, warning


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str        # ISO 8601 committer date
    author: str
    subject: str
    files: tuple[str, ...] = ()
    url: str | None = None       # the commit on the forge, when mkdocs.yml sets repo_url

    @property
    def short(self) -> str:
        return self.sha[:7]


def git(root: Path, *args: str) -> str | None:
    """Output of a git command in root, or None outside a checkout or without git."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                encoding="utf-8", errors="replace", timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def commit_of(sha: str, date: str, author: str, subject: str, files: tuple[str, ...] = ()) -> Commit:
    """A commit as the site shows it: phone, ID and card numbers in its texts masked (139****5678)."""
    return Commit(sha, date, mask_text(author), mask_text(subject), tuple(mask_text(f) for f in files))


def head(root: Path) -> Commit | None:
    out = git(root, "log", "-1", "--format=%H%x00%cI%x00%an%x00%s")
    if not out or out.count("\x00") < 3:
        return None
    sha, date, author, subject = out.rstrip("\n").split("\x00", 3)
    return commit_of(sha, date, author, subject)


def with_url(commit: Commit, repo_url: str | None) -> Commit:
    """GitHub, Gitea and Forgejo all show a commit at REPO/commit/SHA."""
    if not repo_url or not str(repo_url).startswith(("https://", "http://")):
        return commit
    return replace(commit, url=f"{str(repo_url).rstrip('/')}/commit/{commit.sha}")


SKEW = 3600   # seconds: clocks of two committers' machines may differ this much without a warning


@dataclass(frozen=True)
class Backwards:
    """A commit dated before a commit that precedes it on the first-parent line."""

    commit: Commit
    day: dt.date          # its own committer day
    latest: dt.date       # the latest day before it, which it counts as
    latest_sha: str


@dataclass(frozen=True)
class Timeline:
    """The first-parent line from the root to HEAD: the day each commit counts as, and the
    commits whose dates run backwards."""

    days: dict[str, dt.date]
    backwards: tuple[Backwards, ...]


@functools.lru_cache(maxsize=4)
def _timeline(root: str, head_sha: str) -> Timeline:
    out = git(Path(root), "log", "--first-parent", "--reverse", "--format=%H%x00%cI%x00%ct%x00%an%x00%s", head_sha)
    days: dict[str, dt.date] = {}
    backwards = []
    latest: tuple[dt.date, int, str] | None = None   # (day, time, sha) of the latest commit so far
    for line in (out or "").split("\n"):
        fields = line.split("\x00", 4)
        if len(fields) != 5 or len(fields[0]) < 40:
            continue
        sha, date, stamp, author, subject = fields
        day = dt.date.fromisoformat(date[:10])
        when = int(stamp) if stamp.lstrip("-").isdigit() else 0
        if latest is not None and day < latest[0] and when < latest[1] - SKEW:
            backwards.append(Backwards(commit_of(sha, date, author, subject), day, latest[0], latest[2]))
        if latest is None or day > latest[0]:
            latest = (day, max(when, latest[1] if latest else when), sha)
        elif when > latest[1]:
            latest = (latest[0], when, latest[2])
        days[sha] = max(day, latest[0])
    return Timeline(days, tuple(backwards))


def timeline(root: Path, store=None, head_sha: str | None = None) -> Timeline:
    """The timeline of the checkout at root; empty outside git (or before the first commit).  Kept
    in `store` (the facts store, which a warm validation reads anyway) by HEAD's id, so that a warm
    validation asks git only for HEAD."""
    sha = head_sha or (git(root, "rev-parse", "--verify", "-q", "HEAD") or "").strip()
    if not sha:
        return Timeline({}, ())
    key = blob_key(f"timeline {sha}")
    found = store.get(key) if store is not None else None
    if found is None:
        found = _timeline(str(root), sha)
        if store is not None:
            store.put(key, found)
    return found


def counted_date(root: Path, commit: Commit | None, store=None) -> str | None:
    """The ISO day a commit counts as (its own day, or the latest day before it), None for none."""
    if commit is None:
        return None
    day = timeline(root, store, commit.sha).days.get(commit.sha)
    return day.isoformat() if day else commit.date


def date_problems(root: Path, commit: Commit | None, store=None) -> list[Problem]:
    """A warning for each commit up to `commit` (HEAD) whose date runs backwards, at the first file
    under records/ it changed; none outside git."""
    problems = []
    for back in (timeline(root, store, commit.sha).backwards if commit is not None else ()):
        changed = (git(root, "-c", "core.quotepath=false", "show", "--name-only", "--format=", back.commit.sha)
                   or "").split()
        path = next((f for f in changed if f.startswith("records/")), changed[0] if changed else COMMUNITY.place.path)
        c = back.commit
        problems.append(warning(mask_text(path), 1, "W-HISTORY-DATE",
                                f"提交 {c.short}（{c.author}：“{c.subject}”）的日期是 {back.day}，却早于它之前的提交 "
                                f"{back.latest_sha[:7]} 的日期 {back.latest}：提交日期被往回改过（git commit --date、"
                                f"GIT_COMMITTER_DATE 或改写历史都会这样）。这个提交按 {back.latest} 算，账目的公开日期不会因此提前；"
                                "以后提交请不要手工设置日期"))
    return problems
