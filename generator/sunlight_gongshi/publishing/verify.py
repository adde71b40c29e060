"""`sunlight verify`: rebuild the checked-out commit and compare it with a published site.

Anyone can check out the commit a published site names, run `sunlight verify SITE_DIR`, and
see every file that differs from what the repository builds.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from .. import __version__
from ..build import build
from ..chain import HEAD, ChainError, read_chain
from ..history.gitinfo import head
from ..problems import Problem, error
from ..site.output.manifest import MANIFEST, compare
from .guards import uncommitted


def verify(root: Path, site_dir: Path) -> list[Problem]:
    """Rebuild the checked-out commit and compare it with site_dir, file by file."""
    label = site_dir.name
    problems: list[Problem] = []
    manifest = site_dir / MANIFEST
    site_url = None
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            named, version, site_url = data.get("commit"), data.get("sunlight"), data.get("site_url")
        except (ValueError, AttributeError):
            named = version = None
        if isinstance(version, str) and version != __version__:
            return [error(f"{label}/{MANIFEST}", 1, "E-VERIFY-VERSION",
                          f"这个网站是 Sunlight {version} 生成的，这里运行的是 {__version__}；不同版本生成的文件不同，"
                          f"请先安装同一版本再核对：pip install 'sunlight-gongshi=={version}'"
                          f"（或在仓库里运行 pip install -r requirements.txt）")]
        site_url = site_url if isinstance(site_url, str) else None
        current = head(root)
        if named and current and named != current.sha:
            problems.append(error(f"{label}/{MANIFEST}", 1, "E-VERIFY-COMMIT",
                                  f"这个网站是从提交 {named[:7]} 生成的，当前检出的是 {current.sha[:7]}；"
                                  f"请先 git checkout {named[:7]} 再核对"))
            return problems
    dirty = uncommitted(root)
    if dirty:
        return [error(dirty[0], 1, "E-VERIFY-DIRTY", "这里有未提交的改动：核对只对已提交的内容有意义；"
                                                     "请先提交或撤销改动（git stash）再核对")]
    work = Path(tempfile.mkdtemp(prefix="sunlight-verify-"))
    try:
        build_problems, built = build(root, work / "site", site_url=site_url)
        if not built:
            return [p for p in build_problems if p.level == "error"]
        problems += compare(site_dir, work / "site", label)
        problems += chain_problems(site_dir, label)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems


def chain_problems(site_dir: Path, label: str) -> list[Problem]:
    """The published chain read as a witness reads it: each link recomputed from the first, the
    head against its files; one problem at the first place it does not hold."""
    if not (site_dir / HEAD).is_file():
        return []   # no chain at all: the file comparison names the missing files

    def read(rel: str) -> bytes:
        path = site_dir / rel
        if path.is_symlink() or not path.is_file():
            raise ChainError(f"没有 {rel}（或它不是普通文件）", rel)
        return path.read_bytes()

    try:
        read_chain(read)
    except ChainError as exc:
        return [error(f"{label}/{exc.rel}", exc.line, "E-VERIFY-CHAIN", exc.message)]
    return []
