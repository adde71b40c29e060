"""`sunlight init DIR`: a new community repository that validates and builds as it is."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .. import __version__
from ..model.schema import all_schemas

SKELETON = Path(__file__).resolve().parent / "skeleton"
# Kept under plain names in the package (dotfiles are easily lost by packaging tools).
RENAMES = {"github": ".github", "forgejo": ".forgejo", "gitignore": ".gitignore", "readme.md": "README.md"}


class InitError(Exception):
    """The target cannot receive a new community."""


def _target_path(rel: Path) -> Path:
    parts = list(rel.parts)
    parts[0] = RENAMES.get(parts[0], parts[0])
    return Path(*parts)


def init(target: Path, name: str) -> list[Path]:
    """Write the skeleton into target with the community's name; returns the files written."""
    if target.exists() and any(target.iterdir()):
        raise InitError(f"{target} 已经存在且不是空的；请换一个新文件夹")
    yaml_name = json.dumps(name, ensure_ascii=False)[1:-1]   # JSON escapes are valid in YAML "…"
    written = []
    for source in sorted(SKELETON.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        rel = _target_path(source.relative_to(SKELETON))
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in (".yml", ".md", ".txt") or source.name in RENAMES:
            text = source.read_text(encoding="utf-8")
            text = text.replace("__NAME__", yaml_name if source.suffix == ".yml" else name)
            out.write_text(text.replace("__VERSION__", __version__), encoding="utf-8")
        else:
            shutil.copyfile(source, out)
        written.append(out)
    schema_dir = target / "schema"
    schema_dir.mkdir(exist_ok=True)
    for kind, schema in all_schemas().items():
        path = schema_dir / f"{kind}.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    if shutil.which("git") and not (target / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=False)
    return written
