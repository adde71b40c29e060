"""docs/records.md: the record reference, hand-written prose filled with generated field tables and codes.

`sunlight reference --out docs/records.md` regenerates it; a test fails when the committed
file differs from what this module writes, so the reference cannot drift from the code.
"""

from __future__ import annotations

import functools

import jinja2

from .codes import HERE, codes, groups, load_text, paragraph
from .fieldtable import kinds, rows

MISSING = "（待补充说明）"


@functools.cache
def prose() -> dict:
    """kinds.yml: each file kind's title, intro and example, and each field's description."""
    return load_text("kinds.yml")


def _cell(text: str) -> str:
    """Text safe inside one Markdown table cell."""
    return paragraph(text).replace("|", "\\|")


def _table(cls: type) -> dict:
    about = prose().get("records", {}).get(cls.__name__, {})
    described = about.get("fields", {})
    table_rows = []
    for row in rows(cls):
        required = "必填" if row.required else (f"可选，默认 `{row.default}`" if row.default else "可选")
        table_rows.append({"key": row.key, "required": required, "form": _cell(row.form),
                           "description": _cell(described.get(row.key, MISSING))})
    return {"name": cls.__name__, "title": about.get("title", cls.__name__), "rows": table_rows}


def context() -> dict:
    """What the template fills in: every file kind the format declares, every code explained."""
    written = prose().get("kinds", {})
    explained = codes()
    kind_list = []
    for number, (kind, classes) in enumerate(kinds().items(), start=1):
        about = written.get(kind.name, {})
        kind_list.append({
            "name": kind.name, "number": f"3.{number}",
            "title": about.get("title", kind.name), "place": kind.place.shown,
            "intro": paragraph(about.get("intro", "")), "example": about.get("example"),
            "tables": [_table(cls) for cls in classes],
            "codes": [c for c in explained.values() if kind.name in c.kinds],
        })
    places = {k["name"]: f"`{k['place']}`" for k in kind_list}
    group_list = []
    for group, heading in groups().items():
        members = [{"code": c.code, "title": c.title, "level": c.level, "explain": c.explain, "fix": c.fix,
                     "places": "、".join(places[k] for k in c.kinds if k in places)}
                   for c in sorted(explained.values(), key=lambda c: c.code) if c.group == group]
        if members:
            group_list.append({"heading": heading, "codes": members})
    return {"kinds": kind_list, "groups": group_list}


def render() -> str:
    """The whole of docs/records.md."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    text = env.get_template("records.md.j2").render(context())
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"
