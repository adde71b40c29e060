"""Shared test helpers: a minimal valid community written into tmp_path, with files overridden."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from sunlight_gongshi.validate import validate

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "bad"

BASE = {
    "records/community.yml": """\
        name: 测试小区
        households: 10
        area_m2: "1000.00"
        """,
    "records/units.yml": """\
        units:
          - {id: "1-1", name: 1单元, households: 6, area_m2: "600.00"}
          - {id: "1-2", name: 2单元, households: 4, area_m2: "400.00"}
          - {id: "1-3", name: 3单元, households: 0, area_m2: "0.00"}
          - {id: "1-4", name: 4单元, households: 0, area_m2: "0.00"}
        """,
    "records/finance/accounts.yml": """\
        accounts:
          - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "100.00"}
          - {id: revenue, name: 公共收益, kind: public_revenue, opened: 2024-01-01, opening_balance: "0.00"}
        """,
    "records/roster/committee.yml": """\
        body: committee
        name: 第一届业主委员会
        term: {from: 2024-01-01, to: 2026-12-31}
        members:
          - {name: 甲, role: chair}
          - {name: 乙, role: member}
          - {name: 丙, role: member}
          - {name: 丁, role: member}
          - {name: 戊, role: member}
        """,
    "records/decisions/2024-001.yml": """\
        id: 2024-001
        title: 修路
        date: 2024-02-01
        body: committee
        matter: ordinary
        status: decided
        budget: "8000.00"
        vote: {members: 5, for: 3, against: 1, abstain: 1}
        """,
    "records/scores/rubric.yml": """\
        versions:
          - effective_from: 2024-01
            base: 100
            flags: 2
            annual_awards: 1
            items:
              - {code: volunteer, category: 志愿, label: 志愿服务, points: 2}
              - {code: clutter, category: 卫生, label: 堆物, points: -2}
              - {code: wire, category: 安全, label: 飞线充电, veto: true}
        """,
}


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """The base community plus `files` (None deletes a base file); text is dedented."""
    merged = {**BASE, **files}
    for rel, content in merged.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def corpus_tree(case: str, root: Path) -> Path:
    """The community of one case of tests/bad/: the base tree, its files, its deletions."""
    folder = CORPUS / case
    write_tree(root, {})
    if (folder / "tree").exists():
        shutil.copytree(folder / "tree", root, dirs_exist_ok=True)
    for rel in ((folder / "delete").read_text().split() if (folder / "delete").exists() else ()):
        (root / rel).unlink()
    if (folder / "generate.json").exists():
        spec = json.loads((folder / "generate.json").read_text())
        target = root / spec["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"month: 2024-03\n" + b"# " + b"x" * spec["bytes"] + b"\n")
    return root


@pytest.fixture
def tree(tmp_path):
    """Call with overrides; returns the sorted problems of validating that tree."""

    def run(files: dict[str, str | bytes | None] | None = None):
        write_tree(tmp_path, files or {})
        return validate(tmp_path, use_cache=False)[1]

    return run


def spy(monkeypatch, module, name: str, arg: int = 0) -> list:
    """Argument `arg` of every call to `module.name`, which still does its work."""
    calls = []
    real = getattr(module, name)

    def recorded(*args, **kwargs):
        calls.append(args[arg])
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return calls


def at(problems, path: str, line: int, code: str):
    """The one problem at path:line with code; fails with every problem listed when absent."""
    found = [p for p in problems if (p.path, p.line, p.code) == (path, line, code)]
    assert found, f"no {code} at {path}:{line}; got:\n" + "\n".join(p.text() for p in problems)
    return found[0]


def codes(problems) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in problems]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The repository's demo community built once into a temporary folder."""
    from sunlight_gongshi.build import build
    out = tmp_path_factory.mktemp("demo") / "site"
    problems, built = build(REPO, out, use_cache=False)
    assert built, [p.text() for p in problems]
    return out
