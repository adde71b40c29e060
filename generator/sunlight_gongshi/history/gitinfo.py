"""What git says about the checkout: the commit a site is built from, as the site may show it, and a
safe way to ask git.

Author names, subjects and file names come from history, which no new commit can correct: each
`Commit` is made by `commit_of`, which masks personal numbers in them as the privacy check finds them.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from ..privacy import mask_text


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
