"""The command line: exit codes, output formats, and never a traceback."""

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from sunlight_gongshi.cli import main
from builders import write_tree

BAD = {"records/finance/2024/2024-03.yml": 'month: 2024-03\nentries:\n  - {id: a, date: 2024-03-01, account: x, amount: 1}\n'}


def test_clean_tree_exits_zero(tmp_path, capsys):
    write_tree(tmp_path, {})
    assert main(["validate", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_text_format_is_path_line_level_message(tmp_path, capsys):
    write_tree(tmp_path, BAD)
    assert main(["validate", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("records/finance/2024/2024-03.yml:3: error: account：") or \
        out[0].startswith("records/finance/2024/2024-03.yml:3: error: 账户 x 不在")
    assert all(line.split(":")[1].isdigit() for line in out)


def test_github_and_json_formats(tmp_path, capsys):
    write_tree(tmp_path, BAD)
    assert main(["validate", "--root", str(tmp_path), "--format", "github"]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=records/finance/2024/2024-03.yml,line=3,title=E-ACCOUNT::")
    assert main(["validate", "--root", str(tmp_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["path"] == "records/finance/2024/2024-03.yml" and data[0]["line"] == 3


def test_usage_errors_exit_two(tmp_path, capsys):
    assert main(["validate", "--root", str(tmp_path)]) == 2
    assert "records/" in capsys.readouterr().err
    assert main(["validate", "--format", "xml"]) == 2
    assert main([]) == 2


def test_schema_command_writes_every_kind(tmp_path):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{k}.json" for k in ("community", "units", "roster", "decision", "accounts",
                                                 "finance-month", "rubric", "scores-month", "meeting",
                                                 "requests-month", "activities-month", "review", "rewrites"))
    entry = json.loads((tmp_path / "finance-month.json").read_text())["$defs"]["Entry"]
    assert entry["additionalProperties"] is False and "amount" in entry["required"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from(["records/finance/2024/2024-03.yml", "records/units.yml",
                                                 "records/decisions/x.yml", "records/scores/rubric.yml"]))
def test_any_bytes_as_a_record_file_give_exit_0_or_1_and_no_traceback(tmp_path_factory, capsys, data, path):
    root = tmp_path_factory.mktemp("fuzz")
    write_tree(root, {path: data})
    code = main(["validate", "--root", str(root), "--no-cache"])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "内部错误" not in captured.err and "Traceback" not in captured.err + captured.out
    for line in captured.out.splitlines():
        assert line.startswith("records/") and line.split(":")[1].isdigit()
