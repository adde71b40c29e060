"""What an estate's site publishes that the portal reads: the manifest and the exports, with their schemas.

The schemas are the ones every estate publishes under `data/schema/` (shipped in
`site/schemas/`); the portal checks against its own copies, never against what an estate
serves, so an estate cannot loosen the rules it is checked by.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import jsonschema_rs

from ..site.exports import SCHEMAS

MANIFEST = "data/manifest.json"
ENTRIES_HEADER = ["id", "date", "account", "amount", "category", "counterparty", "memo", "decision"]


@dataclass(frozen=True)
class Export:
    name: str        # the schema's name: site/schemas/<name>.json
    path: str        # where the site publishes it

    @property
    def is_csv(self) -> bool:
        return self.path.endswith(".csv")


EXPORTS = tuple(Export(name, f"data/{name}.{'csv' if name == 'entries' else 'json'}")
                for name in ("finance", "entries", "rankings", "decisions", "meetings", "requests",
                             "activities", "disclosure"))


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
