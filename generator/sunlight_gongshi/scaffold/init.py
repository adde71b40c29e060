"""`sunlight init DIR`: a new community repository that validates and builds as it is.

Its examples are dated from the day it runs (see `example_dates`), so the first `validate` finds
nothing overdue; it keeps the wheel of the Sunlight that made it in `wheels/` (`wheel.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

from .. import __version__
from ..model.schema import all_schemas
from .wheel import write_own_wheel

HERE = Path(__file__).resolve().parent
SKELETON = HERE / "skeleton"
EMPTY = HERE / "empty"   # what `init --empty` writes in place of the example files
# Kept under plain names in the package (dotfiles are easily lost by packaging tools).
RENAMES = {"github": ".github", "forgejo": ".forgejo", "gitignore": ".gitignore", "readme.md": "README.md"}
TEXT_SUFFIXES = (".yml", ".md", ".txt")
# Every example file says so in a comment near its top; `init --empty` leaves these out.
EXAMPLE_MARK = "# 示例："
WHEELS = "wheels"            # where a community keeps the wheel of its Sunlight (requirements.txt finds it)
DUE_DAYS = 30                # a month's books are due 30 days after it ends (the default policy)
TERM_YEARS = 5               # a committee term is at most five years (checked in checks/community.py)


class InitError(Exception):
    """The target cannot receive a new community."""


def example_dates(today: dt.date) -> dict[str, str]:
    """The placeholders of the example records' dates and of the paths that hold them.

    The examples are last month's: every date in them is past, and last month's books are
    due 30 days after it ended, so they are on time however soon the first commit comes.  On
    a day when last month's books would already be late (the 31st after a 30-day month, say),
    they are this month's, whose days (up to the 25th) are all past by then.
    """
    first = today.replace(day=1)
    month = (first - dt.timedelta(days=1)).replace(day=1)
    if today > first - dt.timedelta(days=1) + dt.timedelta(days=DUE_DAYS):
        month = first
    term_end = month.replace(year=month.year + TERM_YEARS) - dt.timedelta(days=1)
    return {"__MONTH__": month.strftime("%Y-%m"), "__YEAR__": f"{month.year:04d}", "__TERM_END__": term_end.isoformat()}


def _target_path(rel: Path, dates: dict[str, str]) -> Path:
    parts = list(rel.parts)
    parts[0] = RENAMES.get(parts[0], parts[0])
    for i, part in enumerate(parts):
        for placeholder, value in dates.items():
            part = part.replace(placeholder, value)
        parts[i] = part
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


def init(target: Path, name: str, empty: bool = False, today: dt.date | None = None) -> list[Path]:
    """Write the skeleton into target with the community's name; returns the files written.

    With `empty`, the records hold only the structure (community, empty lists, folders), no examples.
    `today` (the machine's date when not given) dates the examples.
    """
    if target.exists() and any(target.iterdir()):
        raise InitError(f"{target} 已经存在且不是空的；请换一个新文件夹")
    dates = example_dates(today or dt.date.today())
    yaml_name = json.dumps(name, ensure_ascii=False)[1:-1]   # JSON escapes are valid in YAML "…"
    written = []
    for rel, source in sources(empty).items():
        out = target / _target_path(rel, dates)
        out.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in TEXT_SUFFIXES or source.name in RENAMES:
            text = source.read_text(encoding="utf-8")
            text = text.replace("__NAME__", yaml_name if source.suffix == ".yml" else name)
            for placeholder, value in {**dates, "__VERSION__": __version__}.items():
                text = text.replace(placeholder, value)
            out.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, out)
        written.append(out)
    written += write_schemas(target)
    written.append(write_own_wheel(target / WHEELS))
    if shutil.which("git") and not (target / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=False)
    return written


def write_schemas(target: Path) -> list[Path]:
    """The JSON Schema of each record kind under schema/ (editors complete fields with them)."""
    schema_dir = target / "schema"
    schema_dir.mkdir(exist_ok=True)
    written = []
    for kind, schema in all_schemas().items():
        path = schema_dir / f"{kind}.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
