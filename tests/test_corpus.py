"""Every case of tests/bad/ produces its exact path:line errors, exit status 1, and no traceback."""

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from conftest import write_tree

CORPUS = Path(__file__).parent / "bad"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
LINE = re.compile(r"^(?P<where>.+?:\d+): (?:error|warning): .*  \[(?P<code>[A-Z-]+)\]$")


def test_corpus_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_case(case, tmp_path, capsys):
    folder = CORPUS / case
    write_tree(tmp_path, {})
    if (folder / "tree").exists():
        shutil.copytree(folder / "tree", tmp_path, dirs_exist_ok=True)
    for rel in ((folder / "delete").read_text().split() if (folder / "delete").exists() else ()):
        (tmp_path / rel).unlink()
    if (folder / "generate.json").exists():
        spec = json.loads((folder / "generate.json").read_text())
        target = tmp_path / spec["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"month: 2024-03\n" + b"# " + b"x" * spec["bytes"] + b"\n")
    code = main(["validate", "--root", str(tmp_path), "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err and "内部错误" not in err
    got = set()
    for line in out.splitlines():
        match = LINE.match(line)
        assert match, f"not a path:line line: {line!r}"
        got.add(f"{match['where']} {match['code']}")
    expected = set((folder / "expect").read_text(encoding="utf-8").split("\n")) - {""}
    assert expected <= got, f"missing {expected - got}; got:\n" + "\n".join(sorted(got))
