"""Builders of record trees for tests: a minimal valid community in a folder, corpus cases,
copies of the demo, and the YAML of a finance month."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

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


CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def copy_demo(root: Path) -> Path:
    """The repository's demo community (records, content, mkdocs.yml) copied into root."""
    shutil.copytree(REPO / "records", root / "records")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def month(entries: str = "", closing: str = "", name: str = "2024-03") -> str:
    """A finance month file: `entries` and `closing` are YAML lines as they stand in the file."""
    return f"month: {name}\nentries:\n" + entries + (f"closing:\n{closing}" if closing else "")


def entry_lines(name: str, entries: list[tuple[str, str, str]]) -> str:
    """Entries of month `name` on the 5th, on the operating account, as (id, amount, memo)."""
    return "".join(f"  - {{id: {i}, date: {name}-05, account: operating, amount: \"{a}\", memo: {m}}}\n"
                   for i, a, m in entries)
