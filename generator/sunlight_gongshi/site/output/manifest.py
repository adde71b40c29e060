"""The manifest of a built site: every file's SHA-256 and the commit it was built from, so that
anyone can prove a published site came from the repository (`sunlight verify`)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable

from ...chain import Entry
from ...problems import Problem, error

MANIFEST = "data/manifest.json"


def sha256_file(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def file_hashes(site: Path, digest: Callable[[str], str] = sha256_file) -> dict[str, str]:
    """Every file's SHA-256 (by `digest(path)`) but the manifest's own and what publishing adds around
    a site (the `.git` of a checked-out pages branch, the empty `.nojekyll` that `sunlight publish`
    writes)."""
    hashes = {}
    top = str(site)
    for folder, dirs, files in os.walk(top):
        if folder == top and ".git" in dirs:
            dirs.remove(".git")
        base = os.path.relpath(folder, top).replace(os.sep, "/") + "/" if folder != top else ""
        for name in files:
            path = os.path.join(folder, name)
            rel = base + name
            if rel == MANIFEST or rel == ".git" or (rel == ".nojekyll" and os.path.getsize(path) == 0):
                continue
            hashes[rel] = digest(path)
    return dict(sorted(hashes.items()))


def write_manifest(site: Path, commit_sha: str | None, output, chain_head: Entry | None = None) -> None:
    """data/manifest.json of the site, hashed and written by `output` (a rebuild reads again only the
    files whose size, time or inode changed): the commit, every file's SHA-256 and the chain's head
    (record format section 8; `null` without a chain)."""
    chain = {"seq": chain_head.seq, "link": chain_head.link} if chain_head else None
    data = {"chain": chain, "commit": commit_sha, "files": output.hash_files(site)}
    output.write(site / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def compare(published: Path, rebuilt: Path, label: str) -> list[Problem]:
    """A problem for every file that is missing, extra or different in the published site."""
    ours, theirs = file_hashes(rebuilt), file_hashes(published)
    problems = []
    for path in sorted(set(ours) | set(theirs)):
        where = f"{label}/{path}"
        if path not in theirs:
            problems.append(error(where, 1, "E-VERIFY-MISSING", "公开的网站缺少这个文件，重新生成的网站里有"))
        elif path not in ours:
            problems.append(error(where, 1, "E-VERIFY-EXTRA", "公开的网站多出这个文件，仓库生成不出它"))
        elif ours[path] != theirs[path]:
            problems.append(error(where, 1, "E-VERIFY-DIFFERENT", "内容与仓库重新生成的结果不同：这个文件被改动过，"
                                                                  "或不是从这个提交生成的"))
    return problems
