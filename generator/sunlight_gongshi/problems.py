"""Problems are values: every stage returns them, the CLI sorts and prints them once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong at one place; `code` is a stable English tag for forges and search."""

    path: str
    line: int
    level: str
    code: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}  [{self.code}]"

    def github(self) -> str:
        # Workflow commands: data must escape %, CR and LF; properties also , and :
        def prop(value: str) -> str:
            return (value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
                    .replace(":", "%3A").replace(",", "%2C"))

        def data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        return (f"::{self.level} file={prop(self.path)},line={self.line},"
                f"title={prop(self.code)}::{data(self.message)}")

    def as_json(self) -> dict:
        return {"path": self.path, "line": self.line, "level": self.level,
                "code": self.code, "message": self.message}


def _one_line(message: str) -> str:
    """A problem is one line of output, whatever text a record quoted into it."""
    return " ".join(message.splitlines())


def error(path: str, line: int, code: str, message: str) -> Problem:
    return Problem(path, line, ERROR, code, _one_line(message))


def warning(path: str, line: int, code: str, message: str) -> Problem:
    return Problem(path, line, WARNING, code, _one_line(message))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.level == ERROR for p in problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file, then line; the same problem reported twice is kept once."""
    return sorted(set(problems))


def format_problems(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([p.as_json() for p in problems], ensure_ascii=False, indent=1)
    lines = [p.github() if fmt == "github" else p.text() for p in problems]
    return "\n".join(lines)


def summary(problems: list[Problem]) -> str:
    errors = sum(p.level == ERROR for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "检查通过：没有发现问题。"
    return f"发现 {errors} 个错误，{warnings} 个提醒。"
