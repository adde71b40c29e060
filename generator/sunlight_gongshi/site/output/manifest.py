"""The manifest of a built site: every file's SHA-256 and the commit it was built from, so that
anyone can prove a published site came from the repository (`sunlight verify`)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Callable

from ... import __version__
from ...chain import Entry
from ...problems import Problem, error

MANIFEST = "data/manifest.json"


def sha256_file(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def file_hashes(site: Path, digest: Callable[[str], str] = sha256_file, odd: dict[str, str] | None = None
                ) -> dict[str, str]:
    """Every regular file's SHA-256 (by `digest(path)`) but the manifest's own and what publishing adds
    around a site (the `.git` of a checked-out pages branch, the empty `.nojekyll` that `sunlight
    publish` writes).  Anything that is neither a regular file nor a folder (a link, a pipe...) is
    never read: it goes into `odd`, with what it is."""
    hashes = {}
    top = str(site)
    for folder, dirs, files in os.walk(top):
        if folder == top and ".git" in dirs:
            dirs.remove(".git")
        base = os.path.relpath(folder, top).replace(os.sep, "/") + "/" if folder != top else ""
        for name in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            dirs.remove(name)   # os.walk lists a link to a folder among the folders, and does not enter it
            files.append(name)
        for name in files:
            path = os.path.join(folder, name)
            rel = base + name
            kind = _kind(os.lstat(path).st_mode)
            if kind:
                if odd is not None:
                    odd[rel] = kind
                continue
            if rel == MANIFEST or rel == ".git" or (rel == ".nojekyll" and os.path.getsize(path) == 0):
                continue
            hashes[rel] = digest(path)
    return dict(sorted(hashes.items()))


def write_manifest(site: Path, commit_sha: str | None, output, chain_head: Entry | None = None,
                   site_url: str | None = None) -> None:
    """data/manifest.json of the site, hashed and written by `output` (a rebuild reads again only the
    files whose size, time or inode changed): the commit, every file's SHA-256, the chain's head
    (record format section 8; `null` without a chain), the version of Sunlight that built it and the
    address it was built for, so that `sunlight verify` rebuilds it the same way."""
    chain = {"seq": chain_head.seq, "link": chain_head.link} if chain_head else None
    data = {"chain": chain, "commit": commit_sha, "files": output.hash_files(site), "sunlight": __version__,
            "site_url": site_url}
    output.write(site / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def _kind(mode: int) -> str | None:
    """What a directory entry is when it is not a regular file or a folder, in words; else None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return ("链接（symlink）" if stat.S_ISLNK(mode) else "命名管道（FIFO）" if stat.S_ISFIFO(mode)
            else "套接字（socket）" if stat.S_ISSOCK(mode) else "设备文件" if stat.S_ISBLK(mode) or stat.S_ISCHR(mode)
            else "特殊文件")


def compare(published: Path, rebuilt: Path, label: str) -> list[Problem]:
    """A problem for every file that is missing, extra or different in the published site, and for
    anything in it that is not a regular file or folder: a link would show residents whatever it
    points to, which no manifest names (record format 1.2, section 4)."""
    odd: dict[str, str] = {}
    ours, theirs = file_hashes(rebuilt), file_hashes(published, odd=odd)
    problems = [error(f"{label}/{path}", 1, "E-VERIFY-SPECIAL",
                      f"这是一个{kind}，不是普通的文件或文件夹：网站只由仓库生成的普通文件组成，链接会让居民看到它指向的"
                      "别处的内容，而清单核对不到；请删掉它，重新发布")
                for path, kind in sorted(odd.items())]
    for path in sorted(set(ours) | set(theirs)):
        where = f"{label}/{path}"
        if path in odd:
            continue
        if path not in theirs:
            problems.append(error(where, 1, "E-VERIFY-MISSING", "公开的网站缺少这个文件，重新生成的网站里有"))
        elif path not in ours:
            problems.append(error(where, 1, "E-VERIFY-EXTRA", "公开的网站多出这个文件，仓库生成不出它"))
        elif ours[path] != theirs[path]:
            problems.append(error(where, 1, "E-VERIFY-DIFFERENT", "内容与仓库重新生成的结果不同：这个文件被改动过，"
                                                                  "或不是从这个提交生成的"))
    return problems
