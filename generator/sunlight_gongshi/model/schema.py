"""JSON Schema of each record file kind, derived from the same field declarations the loader uses."""

from __future__ import annotations

from .fields import ListOf, Sub, field_table
from .kinds import BY_NAME, KINDS

SCHEMA_BASE = "https://sunlight.invalid/schema/v1"   # an id, never fetched


def _record_classes(cls: type, found: dict[str, type]) -> None:
    if cls.__name__ in found:
        return
    found[cls.__name__] = cls
    for _name, _key, kind, _required in field_table(cls):
        inner = kind.item if isinstance(kind, ListOf) else kind
        if isinstance(inner, Sub):
            for record in inner.records:
                _record_classes(record, found)


def _object(cls: type) -> dict:
    properties, required = {}, []
    for _name, key, kind, is_required in field_table(cls):
        properties[key] = kind.json_schema()
        if is_required:
            required.append(key)
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        schema["description"] = cls.__doc__.strip()
    return schema


def schema_for(kind: str) -> dict:
    """A self-contained JSON Schema (draft 2020-12) for one file kind, e.g. 'finance-month'."""
    top = BY_NAME[kind].record
    found: dict[str, type] = {}
    _record_classes(top, found)
    defs = {name: _object(cls) for name, cls in found.items() if cls is not top}
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": f"{SCHEMA_BASE}/{kind}.json", "title": f"Sunlight {kind}", **_object(top)}
    if defs:
        schema["$defs"] = defs
    return schema


def all_schemas() -> dict[str, dict]:
    return {kind.name: schema_for(kind.name) for kind in KINDS}


