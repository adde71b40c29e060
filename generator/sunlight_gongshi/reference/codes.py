"""What each problem code means and what fixes it: `sunlight explain CODE` and the reference's code list."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import kinds as declared

HERE = Path(__file__).resolve().parent
CODE_RE = re.compile(r"^[EW]-[A-Z0-9]+(-[A-Z0-9]+)*$")


@dataclass(frozen=True)
class Code:
    """One problem code's explanation, in Chinese, for a committee member."""

    code: str
    group: str
    kinds: tuple[str, ...]
    title: str
    explain: str
    fix: str

    @property
    def level(self) -> str:
        return "提醒（warning）" if self.code.startswith("W-") else "错误（error）"


def _gap(before: str, after: str) -> str:
    """What joins two wrapped lines: nothing between Chinese, a space between Latin words or
    between Chinese and Latin, except next to Chinese punctuation."""
    if before.isascii() == after.isascii():
        return " " if before.isascii() else ""
    chinese = after if before.isascii() else before
    return "" if unicodedata.category(chinese).startswith("P") else " "


def paragraph(text: str) -> str:
    """Hand-wrapped lines as one paragraph, joined as Chinese text is."""
    out = ""
    for line in (part.strip() for part in text.strip().splitlines()):
        if out and line:
            out += _gap(out[-1], line[0])
        out += line
    return out


def load_text(name: str) -> dict:
    """A data file of this package, every scalar read as text (no YAML 1.1 surprises)."""
    return yaml.load((HERE / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@functools.cache
def groups() -> dict[str, str]:
    """Group id -> Chinese heading, in the order the reference lists them."""
    return dict(load_text("codes.yml")["groups"])


@functools.cache
def codes() -> dict[str, Code]:
    """Every explained code, in the order of codes.yml (a documented cache: the file never changes)."""
    data = load_text("codes.yml")["codes"]
    return {code: Code(code, entry["group"], tuple(entry.get("kinds", ())), paragraph(entry["title"]),
                       paragraph(entry["explain"]), paragraph(entry["fix"]))
            for code, entry in data.items()}


def normalise(text: str) -> str:
    """What a person pasted ("[e-balance]", " E-BALANCE ") as the code it names."""
    return text.strip().strip("[]").strip().upper()


def close_matches(text: str) -> list[str]:
    return difflib.get_close_matches(normalise(text), list(codes()), n=3, cutoff=0.6)


@functools.cache
def places() -> dict[str, str]:
    """Each file kind's place under records/, as `model.kinds` declares it."""
    return {kind.name: kind.place.shown for kind in declared.KINDS}


def explain(code: Code) -> str:
    """The text `sunlight explain` prints for one code."""
    where = "、".join(places().get(kind, kind) for kind in code.kinds)
    return "\n".join([f"{code.code}  {code.title}", f"级别：{code.level}"] + ([f"检查：{where}"] if where else []) + ["",
                      f"这是什么：{code.explain}", "", f"怎么改：{code.fix}", "",
                      "完整的记录格式参考：运行 sunlight reference（写成文件：sunlight reference --out 记录格式.md）。"])


def listing() -> str:
    """Every code with its title, by group: what `sunlight explain` prints without a code."""
    lines = []
    for group, heading in groups().items():
        members = [c for c in codes().values() if c.group == group]
        if members:
            lines.append(f"{heading}：")
            lines += [f"  {c.code:<20} {c.title}" for c in members]
    lines.append("查看一个代码：sunlight explain E-BALANCE")
    return "\n".join(lines)
