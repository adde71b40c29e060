"""The one `git log` pass the audit trail is drawn from, and blob contents in one `git cat-file` process.

Kept apart from the audit's comparisons: this is what git says, read so that no byte a subject or a
path may hold can shift a commit, before anything is compared or shown.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..chain import EMPTY_TREE
from .gitinfo import Commit, commit_of, git, with_url


@dataclass(frozen=True)
class Change:
    status: str        # A, M, D (renames are split into D + A)
    path: str
    old_blob: str
    new_blob: str


C_ESCAPE = re.compile(r'\\([0-7]{3}|[abtnvfr"\\])')
C_CHARS = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _unquote(path: str) -> str:
    """git quotes unusual paths C-style even with core.quotepath=false (tabs, quotes, control
    bytes as octal); the rest of the name, CJK included, stands as it is."""
    if not (len(path) > 1 and path.startswith('"') and path.endswith('"')):
        return path
    out, last = bytearray(), 1
    for match in C_ESCAPE.finditer(path, 1, len(path) - 1):
        out += path[last:match.start()].encode("utf-8", "surrogateescape")
        code = match.group(1)
        out.append(int(code, 8) & 0xFF if code[0].isdigit() else C_CHARS[code])
        last = match.end()
    out += path[last:len(path) - 1].encode("utf-8", "surrogateescape")
    return out.decode("utf-8", "replace")


HEADER = "\x1e"
TREE_MODE = "040000"


def read_log(root: Path, repo_url: str | None = None) -> list[tuple[Commit, bool, list[Change], str]]:
    """Every commit on the first-parent line touching records/, oldest first, with its signature
    state, its changes (a merge's against its first parent) and the tree id of its records/
    (for the chain, `chain.py`: `-t` adds the changed folders' lines to the same pass).

    Read line by line: each commit's header is one line (git folds a subject onto one line) and
    every change line starts with ':', so no byte a subject or a name may hold (0x1e, NUL)
    can split or shift the commits."""
    out = git(root, "-c", "core.quotepath=false", "log", "--first-parent", "-m", "--reverse", "--no-renames",
              "--raw", "-t", "--no-abbrev", f"--format={HEADER}%H%x00%cI%x00%G?%x00%an%x00%s", "--", "records/")
    result = []
    current = None
    for line in (out or "").split("\n"):
        if line.startswith(HEADER):
            fields = line[1:].split("\x00", 4)
            current = None
            if len(fields) == 5 and len(fields[0]) >= 40:
                current = [fields, [], EMPTY_TREE.get(len(fields[0]), "")]
                result.append(current)
        elif line.startswith(":") and current is not None:
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) < 5 or not path:
                continue
            if TREE_MODE in (parts[0][1:], parts[1]):    # a folder's line, from -t
                if path == "records" and parts[1] == TREE_MODE:
                    current[2] = parts[3]
                continue
            current[1].append(Change(parts[4][0], _unquote(path), parts[2], parts[3]))
    commits = []
    for (sha, date, signature, author, subject), changes, records in result:
        commit = with_url(commit_of(sha, date, author, subject, tuple(c.path for c in changes)), repo_url)
        commits.append((commit, signature in ("G", "U"), changes, records))
    return commits


def read_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """Contents of many blobs from one `git cat-file --batch` process."""
    if not blobs:
        return {}
    proc = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input="\n".join(blobs).encode() + b"\n",
                          capture_output=True, timeout=600)
    data, out, pos = proc.stdout, {}, 0
    for blob in blobs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        if len(header) < 3 or header[1] != b"blob":
            pos = end + 1
            continue
        size = int(header[2])
        out[blob] = data[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
    return out
