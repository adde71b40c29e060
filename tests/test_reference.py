"""The record reference: docs/records.md is generated and current, every field and every code is explained."""

import dataclasses
import re
from typing import Optional

import pytest

from builders import REPO
from sunlight_gongshi.cli import main
from sunlight_gongshi.load.loader import load_file
from sunlight_gongshi.model import kinds as model
from sunlight_gongshi.model.decisions import STATUSES
from sunlight_gongshi.model.fields import Choice, Id, Int, Src, Text, spec
from sunlight_gongshi.reference import codes, document, fieldtable

GENERATOR = REPO / "generator"
CODES_FILE = GENERATOR / "sunlight_gongshi" / "reference" / "codes.yml"
CODE_LITERAL = re.compile(r"""["']([EW]-[A-Z0-9]+(?:-[A-Z0-9]+)*)["']""")


def emitted_codes() -> dict[str, str]:
    """Every problem code written as a literal anywhere in the tool, with one place it appears."""
    found = {}
    for path in sorted(GENERATOR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".yml") and path != CODES_FILE:
            for code in CODE_LITERAL.findall(path.read_text(encoding="utf-8")):
                found.setdefault(code, str(path.relative_to(REPO)))
    return found


def test_docs_records_md_is_what_the_generator_writes():
    committed = (REPO / "docs" / "records.md").read_text(encoding="utf-8")
    assert committed == document.render(), \
        "docs/records.md is stale: run `sunlight reference --out docs/records.md` and commit it"


def test_every_code_the_tool_can_emit_is_explained_and_every_explanation_is_used():
    emitted, explained = emitted_codes(), codes.codes()
    assert len(emitted) > 50   # the grep itself works
    missing = {code: where for code, where in emitted.items() if code not in explained}
    assert not missing, f"add these codes to {CODES_FILE.relative_to(REPO)} (emitted where shown): {missing}"
    assert not set(explained) - set(emitted), "explained but never emitted: remove them from codes.yml"


def test_every_explanation_is_complete_and_files_under_a_known_group_and_kind():
    for code in codes.codes().values():
        assert codes.CODE_RE.match(code.code)
        assert code.group in codes.groups(), code
        assert set(code.kinds) <= set(model.BY_NAME), code
        assert code.title and len(code.explain) >= 10 and len(code.fix) >= 5, code
        assert code.code.startswith("W-") == ("提醒" in code.level)


def test_every_field_of_every_kind_is_described_and_no_description_is_left_over():
    prose = document.prose()
    described = {(cls, key) for cls, about in prose["records"].items() for key in about["fields"]}
    declared = fieldtable.all_keys()
    assert not declared - described, f"describe these fields in reference/kinds.yml: {sorted(declared - described)}"
    assert not described - declared, f"these descriptions name no field: {sorted(described - declared)}"
    for kind in model.KINDS:
        about = prose["kinds"].get(kind.name)
        assert about and about["title"] and about["intro"], kind.name
        assert f"：`{kind.place.shown}`" in document.render()   # the place comes from the declaration


@pytest.mark.parametrize("kind", sorted(model.BY_NAME))
def test_each_kind_has_an_example_that_loads_without_a_problem(kind):
    example = document.prose()["kinds"][kind]["example"]
    record, problems = load_file(f"example/{kind}.yml", kind, example.encode("utf-8"))
    assert problems == [] and record is not None
    assert f"```yaml\n{example}```" in document.render()


def test_the_field_tables_come_from_the_declarations():
    text = document.render()
    status = "以下之一：" + " \\| ".join(f"`{s}`" for s in STATUSES)
    assert f"| `status` | 必填 | {status} |" in text
    assert "| `expense_approval_threshold` | 可选，默认 `\"5000.00\"` | 数字，最多两位小数，大于 0" in text
    assert "| `for` | 必填 | 整数，至少 0 | 赞成票数 |" in text            # the YAML key, not the attribute
    assert "| `against` | 可选，默认 `0` |" in text
    assert text.count("\n### 3.") == len(model.KINDS)


def test_a_new_record_kind_appears_in_the_reference_without_touching_it(monkeypatch):
    @dataclasses.dataclass(frozen=True)
    class Visit:
        id: str = spec(Id())
        body: str = spec(Choice("committee", "council"))
        others: int = spec(Int(0), default=0)
        agenda: Optional[str] = spec(Text(markdown=True), default=None)
        src: Src = dataclasses.field(default=None, compare=False, repr=False)

    monkeypatch.setattr(model, "KINDS", (*model.KINDS, model.Kind("visit", Visit, model.Folder("visits"), "visits")))
    text = document.render()
    assert f"### 3.{len(model.KINDS)} visit：`records/visits/*.yml`" in text
    assert "| `body` | 必填 | 以下之一：`committee` \\| `council` | （待补充说明） |" in text
    assert "| `others` | 可选，默认 `0` | 整数，至少 0 | （待补充说明） |" in text
    assert ("Visit", "agenda") in fieldtable.all_keys()


def test_explain_prints_what_a_code_means_and_what_fixes_it(capsys):
    assert main(["explain", "E-BALANCE"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("E-BALANCE  月末余额不符\n级别：错误（error）\n检查：records/finance/YYYY/YYYY-MM.yml\n")
    assert "这是什么：closing 里写的月末余额" in out and "怎么改：先和银行对账单核对月末余额" in out
    assert main(["explain", "[w-over-budget]"]) == 0           # pasted from a problem line
    assert capsys.readouterr().out.startswith("W-OVER-BUDGET  超出决议预算\n级别：提醒（warning）")


def test_explain_points_to_what_every_community_has_not_to_a_docs_folder(tmp_path, monkeypatch, capsys):
    """A community made by init has no docs/: explain sends the reader to `sunlight reference`."""
    from sunlight_gongshi.scaffold.init import init
    init(tmp_path / "estate", "无文档小区")
    assert not (tmp_path / "estate/docs").exists()
    monkeypatch.chdir(tmp_path / "estate")
    assert main(["explain", "E-BALANCE"]) == 0
    out = capsys.readouterr().out
    assert "docs/" not in out
    assert out.endswith("\n完整的记录格式参考：运行 sunlight reference（写成文件：sunlight reference --out 记录格式.md）。\n")
    assert main(["reference"]) == 0 and "### 3.6 月度账目" in capsys.readouterr().out


def test_explain_without_a_code_lists_every_code(capsys):
    assert main(["explain"]) == 0
    out = capsys.readouterr().out
    for code in codes.codes().values():
        assert f"  {code.code:<20} {code.title}\n" in out


def test_explain_of_an_unknown_code_is_a_usage_error_with_close_matches(capsys):
    assert main(["explain", "E-BALANSE"]) == 2
    assert capsys.readouterr().err == "sunlight: 没有问题代码 E-BALANSE；是不是 E-BALANCE、E-IMPORT-BALANCE、E-TRANSFER？\n"
    assert main(["explain", "X-NOTHING-LIKE-IT"]) == 2
    assert capsys.readouterr().err == ("sunlight: 没有问题代码 X-NOTHING-LIKE-IT；"
                                       "不带代码运行 sunlight explain 可以列出全部代码。\n")


def test_reference_writes_the_file_it_prints(tmp_path, capsys):
    assert main(["reference"]) == 0
    printed = capsys.readouterr().out
    assert main(["reference", "--out", str(tmp_path / "records.md")]) == 0
    assert (tmp_path / "records.md").read_text(encoding="utf-8") == printed == document.render()
