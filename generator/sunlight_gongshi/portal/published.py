"""What an estate's site publishes that the portal reads: the manifest and the exports, with their schemas.

The schemas are the ones every estate publishes under `data/schema/` (shipped in
`site/schemas/`); the portal checks against its own copies, never against what an estate
serves, so an estate cannot loosen the rules it is checked by.  The exports of format 1.2
(`data/community.json`, the `emergency` column) are read when the manifest names them: an
estate still on a 1.1 version of Sunlight is compared on what it publishes.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import jsonschema_rs

from ..site.exports import SCHEMAS

MANIFEST = "data/manifest.json"
ENTRIES_HEADER = ["id", "date", "account", "amount", "category", "counterparty", "memo", "decision", "emergency"]
ENTRIES_HEADER_1_1 = ENTRIES_HEADER[:-1]     # before format 1.2: no emergency column


@dataclass(frozen=True)
class Export:
    name: str        # the schema's name: site/schemas/<name>.json
    path: str        # where the site publishes it
    since_1_2: bool = False   # read only when the manifest names it (older sites do not publish it)

    @property
    def is_csv(self) -> bool:
        return self.path.endswith(".csv")


EXPORTS = (*(Export(name, f"data/{name}.{'csv' if name == 'entries' else 'json'}")
              for name in ("finance", "entries", "rankings", "decisions", "meetings", "requests",
                           "activities", "disclosure")),
           Export("community", "data/community.json", since_1_2=True))
COMMUNITY = EXPORTS[-1]


def read_manifest(data: bytes) -> tuple[dict | None, str]:
    """The manifest, or None and why it is not one."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, f"{MANIFEST} 不是有效的 JSON（{type(exc).__name__}）；网站可能没有正确发布"
    problem = first_error("manifest", manifest)
    if problem:
        return None, f"{MANIFEST} 不是 Sunlight 的文件清单：{problem}"
    return manifest, ""


def wanted(manifest: dict) -> list[Export]:
    """The exports the portal reads from a site with this manifest: every export of format 1.1,
    and those of 1.2 that the manifest names."""
    return [e for e in EXPORTS if not e.since_1_2 or e.path in manifest["files"]]


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))


@functools.cache
def validator(name: str):
    """The compiled validator of one export (per process; schemas never change while it runs).
    entries.csv's schema describes one row; its validator checks the list of rows."""
    body = schema(name)
    if name == "entries":
        body = {"type": "array", "items": {k: v for k, v in body.items() if k not in ("$schema", "$id")}}
    return jsonschema_rs.validator_for(body, validate_formats=True)


def first_error(name: str, value) -> str | None:
    """Where and why `value` does not match the schema of export `name`, or None when it does."""
    check = validator(name)
    if check.is_valid(value):
        return None
    for problem in check.iter_errors(value):
        where = "/".join(str(step) for step in problem.instance_path) or "（整个文件）"
        return f"位置 {where}：{problem.message}"
    return "不符合格式"   # pragma: no cover - is_valid and iter_errors agree


def schema_files() -> list[Path]:
    return sorted(Path(SCHEMAS).glob("*.json"))
