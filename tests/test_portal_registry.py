"""registry.yml: every mistake is a `path:line` problem at the value that is wrong, and
`sunlight portal` stops with exit 1 and leaves an existing portal site untouched."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from builders import REPO
from sunlight_gongshi.portal.registry import load_registry


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "registry.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    registry, problems = load_registry(path, "registry.yml")
    assert (registry is None) == bool(problems)
    return sorted(f"{p.path}:{p.line}: {p.code}" for p in problems)


def test_a_valid_registry_loads_with_urls_and_folders(tmp_path):
    path = tmp_path / "registry.yml"
    path.write_text("estates:\n  - {id: minghu, name: 明湖苑小区, neighbourhood: 清河街道明湖社区, "
                    "site: 'https://example.org/minghu/'}\n  - {id: qc, name: 晴川花园, site: estates/qc}\n",
                    encoding="utf-8")
    registry, problems = load_registry(path, "registry.yml")
    assert problems == []
    assert [(e.id, e.is_url, e.neighbourhood) for e in registry.estates] == [
        ("minghu", True, "清河街道明湖社区"), ("qc", False, None)]


@pytest.mark.parametrize("text, expected", [
    ("""\
     estates:
       - id: a
         name: 甲
         site: https://example.org/a/
       - id: a
         name: 乙
         site: https://example.org/b/
     """, ["registry.yml:5: E-DUPLICATE-ID"]),
    ("""\
     estates:
       - id: a
         nmae: 甲
         site: x
     """, ["registry.yml:2: E-MISSING", "registry.yml:3: E-UNKNOWN-KEY"]),
    ("""\
     estates:
       - id: 12
         name: 甲
         site: x
     """, ["registry.yml:2: E-ID"]),
    ("""\
     estates:
       - id: a
         name: 甲
         site: ftp://example.org/a/
       - id: b
         name: 乙
         site: "https://"
     """, ["registry.yml:4: E-SITE", "registry.yml:7: E-SITE"]),
    ("estates: []\n", ["registry.yml:1: E-MISSING"]),
    # The Tab is reported and the file read on (its site is missing too), as for record files.
    ("estates:\n  - id: a\n\tname: x\n", ["registry.yml:2: E-MISSING", "registry.yml:3: E-YAML"]),
    ("estates:\n  - id: a\n    name: 甲\n    name: 乙\n    site: x\n", ["registry.yml:4: E-DUPLICATE-KEY"]),
    ("", ["registry.yml:1: E-EMPTY"]),
    ("sites: []\n", ["registry.yml:1: E-MISSING", "registry.yml:1: E-UNKNOWN-KEY"]),
])
def test_registry_problems_at_their_line(tmp_path, text, expected):
    assert problems_of(tmp_path, text) == expected


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "registry.yml"
    path.write_bytes("estates:\n  - id: a\n    name: ".encode() + "明湖".encode("gbk") + b"\n")
    _, problems = load_registry(path, "r.yml")
    assert [(p.line, p.code) for p in problems] == [(3, "E-ENCODING")]


def run_cli(*args, cwd: Path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "generator")}
    return subprocess.run([sys.executable, "-m", "sunlight_gongshi", "portal", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def test_cli_invalid_registry_exits_1_and_keeps_the_old_site(tmp_path):
    (tmp_path / "registry.yml").write_text("estates:\n  - id: a\n    name: 甲\n    site: javascript://x\n",
                                           encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old", encoding="utf-8")
    out = run_cli("registry.yml", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "registry.yml:4: error: 只认 http:// 或 https:// 网址，或相对于登记文件的文件夹；javascript://x 两者都不是  [E-SITE]"]
    assert "Traceback" not in out.stderr
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"
    assert not (tmp_path / ".sunlight").exists()


def test_cli_missing_registry_is_a_usage_error(tmp_path):
    out = run_cli("nowhere.yml", cwd=tmp_path)
    assert out.returncode == 2
    assert "找不到登记文件 nowhere.yml" in out.stderr
