"""The optional parts of Sunlight (pip extras) and the words when one is missing.

A community's CI installs the core only: validate, build, publish, verify, serve and init never
import these.  A command that needs one imports it here and, when it is not installed, stops
with a message that names the extra to install, never a traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

DISTRIBUTION = "sunlight-gongshi"
# extra -> the modules it installs (pyproject.toml [project.optional-dependencies] lists them)
EXTRAS = {"import": ("openpyxl", "xlrd"), "portal": ("duckdb", "pandas", "jsonschema_rs")}


class MissingExtra(Exception):
    """A command needs an extra that is not installed; the message says which, in Chinese."""

    def __init__(self, extra: str, task: str, module: str):
        self.extra, self.module = extra, module
        super().__init__(f"{task}需要 Sunlight 的可选部分 [{extra}]（缺少 {module}），这里还没有安装；"
                         f"请先运行：pip install '{DISTRIBUTION}[{extra}]'")


def need(extra: str, module: str, task: str) -> ModuleType:
    """The module of an extra, imported; MissingExtra when it is not installed."""
    assert module in EXTRAS[extra], (extra, module)
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(extra, task, module) from None


def require(extra: str, task: str) -> None:
    """Every module of an extra importable, or MissingExtra naming the first one missing."""
    for module in EXTRAS[extra]:
        need(extra, module, task)
