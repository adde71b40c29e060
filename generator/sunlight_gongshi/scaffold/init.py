"""`sunlight init DIR`: a new community repository that validates and builds as it is."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .. import __version__
from ..model.schema import all_schemas

HERE = Path(__file__).resolve().parent
SKELETON = HERE / "skeleton"
EMPTY = HERE / "empty"   # what `init --empty` writes in place of the example files
# Kept under plain names in the package (dotfiles are easily lost by packaging tools).
RENAMES = {"github": ".github", "forgejo": ".forgejo", "gitignore": ".gitignore", "readme.md": "README.md"}
TEXT_SUFFIXES = (".yml", ".md", ".txt")
# Every example file says so in a comment near its top; `init --empty` leaves these out.
EXAMPLE_MARK = "# 示例："


class InitError(Exception):
    """The target cannot receive a new community."""


def _target_path(rel: Path) -> Path:
    parts = list(rel.parts)
    parts[0] = RENAMES.get(parts[0], parts[0])
    return Path(*parts)


def is_example(source: Path) -> bool:
    """Whether a skeleton file is an example (marked in its first lines) rather than structure."""
    if source.suffix not in TEXT_SUFFIXES:
        return False
    head = source.read_text(encoding="utf-8").splitlines()[:3]
    return any(line.startswith(EXAMPLE_MARK) for line in head)


def _files(base: Path) -> dict[Path, Path]:
    return {source.relative_to(base): source for source in sorted(base.rglob("*"))
            if source.is_file() and "__pycache__" not in source.parts}


def sources(empty: bool) -> dict[Path, Path]:
    """Each file to write (relative to the skeleton) and where its text comes from."""
    files = _files(SKELETON)
    if empty:
        files = {rel: source for rel, source in files.items() if not is_example(source)}
        files.update(_files(EMPTY))
    return dict(sorted(files.items()))


def init(target: Path, name: str, empty: bool = False) -> list[Path]:
    """Write the skeleton into target with the community's name; returns the files written.

    With `empty`, the records hold only the structure (community, empty lists, folders), no examples.
    """
    if target.exists() and any(target.iterdir()):
        raise InitError(f"{target} 已经存在且不是空的；请换一个新文件夹")
    yaml_name = json.dumps(name, ensure_ascii=False)[1:-1]   # JSON escapes are valid in YAML "…"
    written = []
    for rel, source in sources(empty).items():
        out = target / _target_path(rel)
        out.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in TEXT_SUFFIXES or source.name in RENAMES:
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
