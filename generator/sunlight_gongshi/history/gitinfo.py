"""What git says about the checkout: the commit a site is built from, and a safe way to ask git."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, replace
from pathlib import Path


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


def head(root: Path) -> Commit | None:
    out = git(root, "log", "-1", "--format=%H%x00%cI%x00%an%x00%s")
    if not out or "\x00" not in out:
        return None
    sha, date, author, subject = out.rstrip("\n").split("\x00", 3)
    return Commit(sha, date, author, subject)


def with_url(commit: Commit, repo_url: str | None) -> Commit:
    """GitHub, Gitea and Forgejo all show a commit at REPO/commit/SHA."""
    if not repo_url or not str(repo_url).startswith(("https://", "http://")):
        return commit
    return replace(commit, url=f"{str(repo_url).rstrip('/')}/commit/{commit.sha}")
