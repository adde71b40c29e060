"""The manifest of a built site: every file's SHA-256 and the commit it was built from, so that
anyone can prove a published site came from the repository (`sunlight verify`)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..problems import Problem, error

MANIFEST = "data/manifest.json"


def _not_site(site: Path, path: Path) -> bool:
    """The manifest itself, and what publishing adds around a site: the `.git` of a checked-out
    pages branch and the empty `.nojekyll` that `sunlight publish` writes."""
    rel = path.relative_to(site).as_posix()
    return (rel == MANIFEST or rel == ".git" or rel.startswith(".git/")
            or (rel == ".nojekyll" and path.stat().st_size == 0))


def file_hashes(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and not _not_site(site, p)}


def write_manifest(site: Path, commit_sha: str | None) -> None:
    data = {"commit": commit_sha, "files": file_hashes(site)}
    target = site / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


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
