"""Refusals that keep a command from destroying what it was pointed at: folders, branches, ports.

Each returns the reason in Chinese (the CLI prints it as a usage error, exit 2), or None when
the command may go ahead.  They run before any work, so a refused command changes nothing.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
from pathlib import Path

# What a community keeps in its root: a site folder must never be, hold or sit inside these.
KEPT = ("records", "content", ".git")
SITE_MARK = "data/manifest.json"   # every site `sunlight build` writes has it
PORTAL_MARK = "data/estates.json"  # every site `sunlight portal` writes has it
HINT = "请换一个文件夹，如 --site-dir site"
PAGES_HINT = "请换一个专门放网站的分支，如 --branch pages"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def site_dir_refusal(root: Path, site_dir: Path) -> str | None:
    """Why `build --site-dir` must not write (and so first empty) this folder, or None."""
    root, site_dir = root.resolve(), site_dir.resolve()
    if site_dir == root:
        return (f"不能把网站生成到小区仓库的根目录 {site_dir}：生成网站会替换整个文件夹，记录会全部丢失。"
                "请换一个文件夹，如 --site-dir site")
    if _inside(root, site_dir):
        return (f"不能把网站生成到 {site_dir}：小区仓库 {root} 就在这个文件夹里，生成网站会替换整个文件夹。"
                "请换一个文件夹，如 --site-dir site")
    for name in KEPT:
        if _inside(site_dir, root / name):
            return f"不能把网站生成到 {site_dir}：它是或在仓库的 {name}/ 里，网站会替换那里的文件。{HINT}"
    return _not_a_site_of_ours(site_dir, SITE_MARK, "sunlight")


def _not_a_site_of_ours(site_dir: Path, mark: str, tool: str) -> str | None:
    """Why a folder is no site `tool` wrote (a file, a repository, someone's files), or None."""
    if site_dir.is_file():
        return f"不能把网站生成到 {site_dir}：这是一个文件，不是文件夹。{HINT}"
    for name in KEPT:
        if (site_dir / name).exists():
            return f"不能把网站生成到 {site_dir}：里面有 {name}/，是一个仓库或小区的文件夹，生成网站会替换它。{HINT}"
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / mark).is_file():
        return (f"不能把网站生成到 {site_dir}：里面已有别的文件，不是 {tool} 生成的网站（没有 {mark}），"
                "生成网站会替换它们。请换一个新文件夹，或确认无用后自己删掉它")
    return None


def portal_site_dir_refusal(registry_dir: Path, site_dir: Path, state_dir: Path,
                            estates: list[tuple[str, Path]]) -> str | None:
    """Why `portal --site-dir` must not write (and so first empty) this folder, or None: it is, holds
    or sits inside an estate's site folder, the portal's state folder or a `.git`; it is or holds
    the registry's folder; or it is a folder the portal did not write (spec section 7)."""
    registry_dir, site_dir, state_dir = registry_dir.resolve(), site_dir.resolve(), state_dir.resolve()
    real = _real_paths([folder for _ident, folder in estates])
    if site_dir == registry_dir:
        return (f"不能把网站生成到登记文件所在的文件夹 {site_dir}：生成网站会替换整个文件夹，登记文件、各小区的文件夹"
                f"和门户的状态会全部丢失。{HINT}")
    if _inside(registry_dir, site_dir):
        return (f"不能把网站生成到 {site_dir}：登记文件所在的文件夹 {registry_dir} 就在这个文件夹里，"
                f"生成网站会替换整个文件夹。{HINT}")
    if ".git" in site_dir.parts:
        return f"不能把网站生成到 {site_dir}：它是或在仓库的 .git/ 里，网站会替换那里的文件。{HINT}"
    site = str(site_dir)
    for what, folder in [("门户的状态文件夹", str(state_dir)), *((f"小区 {i} 的网站文件夹", f) for (i, _), f in zip(estates, real))]:
        if site == folder or site.startswith(folder + os.sep):
            return f"不能把网站生成到 {site_dir}：它是或在{what} {folder} 里，网站会替换那里的文件。{HINT}"
        if folder.startswith(site + os.sep):
            return f"不能把网站生成到 {site_dir}：{what} {folder} 就在这个文件夹里，生成网站会替换整个文件夹。{HINT}"
    return _not_a_site_of_ours(site_dir, PORTAL_MARK, "sunlight portal")


def _real_paths(folders: list[Path]) -> list[str]:
    """Each folder's real path (links followed), resolving each parent folder once: thousands of
    estates kept side by side cost one check each, not one per folder on their path."""
    parents: dict[str, str] = {}
    out = []
    for folder in folders:
        path = os.path.abspath(folder)
        parent, name = os.path.split(path)
        if parent not in parents:
            parents[parent] = os.path.realpath(parent)
        joined = os.path.join(parents[parent], name)
        out.append(os.path.realpath(joined) if os.path.islink(joined) else joined)
    return out


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def publish_branch_refusal(root: Path, branch: str, remote: str | None = None) -> str | None:
    """Why `publish --branch` must not commit the site to this branch, or None."""
    if _git(root, "rev-parse", "--git-dir").returncode != 0:
        return f"{root} 不是 git 仓库：发布要把网站提交到一个分支，请先 git init 并提交记录"
    current = _git(root, "symbolic-ref", "-q", "--short", "HEAD").stdout.strip()
    if branch == current:
        return (f"不能发布到分支 {branch}：这是当前检出的分支，发布会用网站替换它的全部文件（包括 records/）。"
                + PAGES_HINT)
    worktree = None
    for line in _git(root, "worktree", "list", "--porcelain").stdout.splitlines():
        if line.startswith("worktree "):
            worktree = line.removeprefix("worktree ")
        elif line == f"branch refs/heads/{branch}":
            return (f"不能发布到分支 {branch}：它正检出在 {worktree}，发布后那里的文件会和分支对不上。"
                    f"请先 git worktree remove {worktree}，或换一个分支名")
    refs = [(f"refs/heads/{branch}", f"分支 {branch}")]
    if remote:
        refs.append((f"refs/remotes/{remote}/{branch}", f"远程分支 {remote}/{branch}"))
    for ref, label in refs:
        if _git(root, "ls-tree", "-d", "--name-only", ref, "records").stdout.strip():
            return (f"不能发布到分支 {branch}：{label} 里有 records/，是存放记录的分支，"
                    "发布会用网站替换掉全部记录。" + PAGES_HINT)
    return None


def uncommitted(root: Path) -> list[str] | None:
    """What the site is built from (records/, content/, mkdocs.yml and every file it pulls in) that
    differs from HEAD: changed, staged, deleted or new and not ignored; None outside git."""
    from ..load.attachments import pulled_in
    inside = []
    for path in pulled_in(root):
        try:
            inside.append(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            continue
    out = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--",
               "records", "content", "mkdocs.yml", *inside)
    if out.returncode != 0:
        return None
    names, fields = [], out.stdout.split("\0")
    while fields:
        entry = fields.pop(0)
        if len(entry) < 4:
            continue
        names.append(entry[3:])
        if entry[0] in "RC" and fields:   # a rename or copy names its old path next
            fields.pop(0)
    return sorted(set(names))


def publish_tree_refusal(root: Path) -> str | None:
    """Why `publish` must not build from this working tree: it would publish edits that no commit
    holds under HEAD's name, and `sunlight verify` could never confirm the site."""
    changed = uncommitted(root)
    if not changed:
        return None
    shown = "、".join(changed[:5]) + (f" 等 {len(changed)} 个文件" if len(changed) > 5 else "")
    return (f"这些文件有还没提交的改动：{shown}。发布的网站写明它来自哪个提交（{SITE_MARK}），居民用 sunlight verify "
            "按那个提交核对，所以只能发布已经提交的内容。请先提交它们（git add 这些文件，再 git commit），"
            "或用 git stash 暂时收起不要发布的改动，然后再发布")


def _port_message(port: int, exc: OSError) -> str | None:
    if exc.errno == errno.EADDRINUSE:
        return (f"端口 {port} 已被占用（也许另一个 sunlight serve 还在运行）。请用 --port 换一个端口，"
                f"如 sunlight serve --port {port + 1 if port < 65535 else 8000}，或用 --port 0 让系统任选一个空闲端口")
    if exc.errno == errno.EACCES:
        return (f"没有权限使用端口 {port}（1024 以下的端口要管理员权限）。请用 --port 换一个端口，"
                "如 sunlight serve --port 8000，或用 --port 0 让系统任选一个空闲端口")
    return None


def port_refusal(port: int, host: str = "127.0.0.1") -> str | None:
    """Why `serve --port` cannot listen there, found before the first build, or None."""
    if not 0 <= port <= 65535:
        return f"端口 {port} 不存在：端口是 1 到 65535 之间的整数。请用 --port 换一个，如 --port 8000"
    if port == 0:
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as http.server does
        try:
            probe.bind((host, port))
        except OSError as exc:
            return _port_message(port, exc) or f"不能使用端口 {port}：{exc.strerror}。请用 --port 换一个端口"
    return None


def bind_refusal(exc: OSError, port: int) -> str | None:
    """The same reason when the port was taken between the check and the server's start."""
    return _port_message(port, exc)
