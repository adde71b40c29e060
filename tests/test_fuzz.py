"""Fuzzing with hypothesis: mutated demo files and random record trees from the schema.

`validate` must exit 0 or 1 within seconds, print only path:line lines and never a traceback;
when it exits 0, `build` must succeed.  SUNLIGHT_FUZZ_EXAMPLES raises the example count for a
long local run (the default keeps CI quick).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import time
from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from sunlight_gongshi.build import build
from sunlight_gongshi.load.construct import field_table
from sunlight_gongshi.model.fields import (Bool, Choice, Date, Exact, FilePath, Id, Int, ListOf, MapOf, Month, Sub,
                                            Text)
from sunlight_gongshi.problems import has_errors
from sunlight_gongshi.model.kinds import BY_NAME
from sunlight_gongshi.validate import validate
from builders import REPO, write_tree

EXAMPLES = int(os.environ.get("SUNLIGHT_FUZZ_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])
DEMO_FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "records").rglob("*.yml"))
LINE = re.compile(r"^(records|content|mkdocs\.yml)[^:]*:\d+$")
BUILDS = {"done": 0}


def check_validate(root: Path) -> list:
    start = time.perf_counter()
    _records, problems = validate(root, use_cache=False)
    assert time.perf_counter() - start < 20
    for p in problems:
        assert LINE.match(f"{p.path}:{p.line}"), p.text()
        assert "\n" not in p.message
    return problems


def maybe_build(root: Path, problems) -> None:
    """A tree that validates must build; a few builds per run keep the suite quick."""
    if has_errors(problems) or BUILDS["done"] >= 3:
        return
    BUILDS["done"] += 1
    site_problems, built = build(root, root / "site", use_cache=False)
    assert built, [p.text() for p in site_problems]


@st.composite
def mutation(draw):
    path = draw(st.sampled_from(DEMO_FILES))
    data = bytearray((REPO / path).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "splice"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b"\t", b":", b"- ", b"\n", b"  ", b"{", b"]", b"&a ", b"*a",
                                                b"'", b'"', b"\x00", b"\xff", b"13912345678", b"<script>"]))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 20))]
        else:
            data[at:at] = data[draw(st.integers(0, max(0, len(data) - 1))):][:draw(st.integers(1, 40))]
    return path, bytes(data)


@SETTINGS
@given(mutation())
def test_mutated_demo_files(tmp_path_factory, case):
    path, data = case
    root = tmp_path_factory.mktemp("mut")
    shutil.copytree(REPO / "records", root / "records")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / path).write_bytes(data)
    maybe_build(root, check_validate(root))


def value_for(kind, depth: int):
    """A strategy of YAML-able values for a field kind: mostly valid, sometimes not."""
    junk = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=8))
    if isinstance(kind, Text):
        good = st.text(min_size=1, max_size=20).filter(str.strip)
    elif isinstance(kind, Id):
        good = st.from_regex(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$", fullmatch=True)
    elif isinstance(kind, Int):
        good = st.integers(kind.minimum, kind.minimum + 30)
    elif isinstance(kind, Exact):   # money and areas
        good = st.decimals(min_value=Decimal("-99999"), max_value=Decimal("99999"), places=2).map(str)
    elif isinstance(kind, Date):
        good = st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))
    elif isinstance(kind, Month):
        good = st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)).map(lambda d: d.isoformat()[:7])
    elif isinstance(kind, Bool):
        good = st.booleans()
    elif isinstance(kind, Choice):
        good = st.sampled_from(kind.options)
    elif isinstance(kind, FilePath):
        good = st.sampled_from(["files/a.jpg", "../x", "/etc/passwd", "files/missing.pdf"])
    elif isinstance(kind, Sub):
        good = record_for(kind.records[0], depth + 1) if depth < 3 else st.just({})
    elif isinstance(kind, ListOf):
        good = st.lists(value_for(kind.item, depth + 1), max_size=3) if depth < 3 else st.just([])
    elif isinstance(kind, MapOf):
        good = st.dictionaries(st.sampled_from(["operating", "revenue", "x"]), value_for(kind.value, depth + 1),
                               max_size=2)
    else:  # pragma: no cover - every kind is listed above
        good = junk
    return st.one_of(good, good, good, junk)


def record_for(cls, depth: int = 0):
    fields = {}
    for _name, key, kind, required in field_table(cls):
        strategy = value_for(kind, depth)
        fields[key] = strategy if required else st.one_of(st.just(dataclasses.MISSING), strategy)
    return st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v is not dataclasses.MISSING})


PLACES = {"community": "records/community.yml", "units": "records/units.yml", "roster": "records/roster/r.yml",
          "decision": "records/decisions/d.yml", "accounts": "records/finance/accounts.yml",
          "finance-month": "records/finance/2024/2024-03.yml", "rubric": "records/scores/rubric.yml",
          "scores-month": "records/scores/2024/2024-05.yml"}


@SETTINGS
@given(st.lists(st.sampled_from(sorted(PLACES)), min_size=1, max_size=3, unique=True).flatmap(
    lambda kinds: st.tuples(*(st.tuples(st.just(k), record_for(BY_NAME[k].record)) for k in kinds))))
def test_random_record_trees_from_the_schema(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("tree")
    write_tree(root, {PLACES[kind]: yaml.safe_dump(data, allow_unicode=True) for kind, data in files})
    maybe_build(root, check_validate(root))
