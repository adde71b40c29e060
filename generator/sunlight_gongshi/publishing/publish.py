"""`sunlight publish --branch B`: the built site committed to a branch, for forges without Pages actions.

ghp-import (already installed with MkDocs) writes the commit with `git fast-import`, so the
working tree and the current branch are never touched.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from ..build import build
from ..history.gitinfo import head
from ..problems import Problem, error


def publish(root: Path, branch: str, remote: str | None = None,
            site_url: str | None = None) -> tuple[list[Problem], bool]:
    import ghp_import
    work = Path(tempfile.mkdtemp(prefix="sunlight-publish-"))
    try:
        problems, built = build(root, work / "site", site_url=site_url)
        if not built:
            return problems, False
        commit = head(root)
        message = f"发布网站：来自 {commit.sha[:7]}（{commit.subject}）" if commit else "发布网站"
        try:
            with contextlib.chdir(root):
                ghp_import.ghp_import(str(work / "site"), mesg=message, branch=branch, push=remote is not None,
                                      remote=remote or "origin", nojekyll=True)
        except ghp_import.GhpError as exc:
            return problems + [error("mkdocs.yml", 1, "E-PUBLISH", f"提交到分支 {branch} 失败：{exc.message}")], False
        return problems, True
    finally:
        shutil.rmtree(work, ignore_errors=True)
