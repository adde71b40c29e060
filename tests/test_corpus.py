"""Every case of tests/bad/ produces its exact path:line errors, exit status 1, and no traceback."""

import re

import pytest

from sunlight_gongshi.cli import main
from builders import CASES, CORPUS, corpus_tree

LINE = re.compile(r"^(?P<where>.+?:\d+): (?:error|warning): .*  \[(?P<code>[A-Z-]+)\]$")


def test_corpus_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_case(case, tmp_path, capsys):
    folder = CORPUS / case
    corpus_tree(case, tmp_path)
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
