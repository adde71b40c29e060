"""`sunlight upgrade`: move a community to the Sunlight that is running.

The pin in requirements.txt, the wheel in `wheels/` and the JSON Schemas in `schema/` become
this version's, in the working tree; the committee proposes the change as a pull request, so
the checks run with the new version before anything is published with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

from .. import __version__
from .init import WHEELS, write_schemas
from .wheel import write_own_wheel

PIN = re.compile(r"^(?P<name>sunlight[-_.]gongshi(?:\[[^\]]*\])?)\s*==\s*(?P<version>[^\s;#]+)\s*$", re.IGNORECASE)
FIND_LINKS = f"--find-links {WHEELS}"


class UpgradeError(Exception):
    """The community cannot be upgraded as it is; the message says why, in Chinese."""


@dataclass(frozen=True)
class Upgraded:
    old: str
    new: str
    written: tuple[Path, ...]


def upgrade(root: Path) -> Upgraded:
    """Pin this version, keep its wheel and its schemas; returns what was there and what was written."""
    requirements = root / "requirements.txt"
    if not requirements.is_file():
        raise UpgradeError(f"{root} 下没有 requirements.txt；请在 sunlight init 建的小区仓库里运行")
    lines = requirements.read_text(encoding="utf-8").splitlines()
    at = next((i for i, line in enumerate(lines) if PIN.match(line.strip())), None)
    if at is None:
        raise UpgradeError("requirements.txt 里没有 sunlight-gongshi==版本号 这一行，不知道要改哪里；"
                           f"请加上一行 sunlight-gongshi=={__version__} 后再运行")
    pin = PIN.match(lines[at].strip())
    old = pin["version"]
    try:
        newer = Version(old) > Version(__version__)
    except InvalidVersion:
        raise UpgradeError(f"requirements.txt 第 {at + 1} 行的版本号 {old} 写错了；请改成 {__version__}") from None
    if newer:
        raise UpgradeError(f"requirements.txt 钉的是 {old}，比这里运行的 {__version__} 还新；请先在仓库里运行 "
                           "pip install -r requirements.txt 装上那个版本（升级不会降级）")
    lines[at] = f"{pin['name']}=={__version__}"
    if not any(line.strip() == FIND_LINKS for line in lines):
        lines.insert(at, FIND_LINKS)
    requirements.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for stale in (root / WHEELS).glob("sunlight_gongshi-*.whl"):
        stale.unlink()
    written = [requirements, write_own_wheel(root / WHEELS)]
    if (root / "schema").is_dir():
        written += write_schemas(root)
    return Upgraded(old, __version__, tuple(written))
