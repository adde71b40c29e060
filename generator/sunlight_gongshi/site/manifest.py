"""The manifest of a built site: every file's SHA-256, the commit it was built from, the version of
Sunlight that built it and the address it was built for, so that anyone can prove a published
site came from the repository (`sunlight verify` rebuilds it the same way)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import __version__
from ..problems import Problem, error
from .incremental import Incremental, write_if_changed

MANIFEST = "data/manifest.json"


def file_hashes(site: Path, incremental: Incremental | None = None) -> dict[str, str]:
    """Every file's SHA-256 but the manifest's own and what publishing adds around a site (the `.git`
    of a checked-out pages branch, the empty `.nojekyll` that `sunlight publish` writes); a rebuild
    reads again only the files whose size, time or inode changed."""
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
            digest = lambda path=path: hashlib.sha256(Path(path).read_bytes()).hexdigest()  # noqa: E731
            hashes[rel] = digest() if incremental is None else incremental.hash_of(path, os.stat(path), digest)
    if incremental is not None:
        incremental.end_hashing()
    return dict(sorted(hashes.items()))


def write_manifest(site: Path, commit_sha: str | None, incremental: Incremental | None = None,
                   site_url: str | None = None) -> None:
    data = {"commit": commit_sha, "files": file_hashes(site, incremental), "sunlight": __version__,
            "site_url": site_url}
    target = site / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if incremental is not None:
        write_if_changed(target, text)
    else:
        target.write_text(text, encoding="utf-8")


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
