"""The YAML reader: lines, duplicate keys, traps and hostile input become located problems."""

from decimal import Decimal

import pytest

from sunlight_gongshi.load.yamlread import YamlError, decode, parse
from conftest import at

M = "records/finance/2024/2024-03.yml"


def test_values_keep_their_key_lines_and_floats_are_exact():
    value, problems = parse("a: 1\nb:\n  c: 1200.5\n  d: [x, 2024-02-03]\n")
    assert problems == []
    assert value.key_lines == {"a": 1, "b": 2}
    assert value["b"].key_lines == {"c": 3, "d": 4}
    assert value["b"]["c"] == Decimal("1200.5") and isinstance(value["b"]["c"], Decimal)


def test_a_key_written_twice_is_reported_at_the_second():
    _value, problems = parse("a: 1\nb: 2\na: 3\n")
    assert problems[0][:2] == (3, "E-DUPLICATE-KEY")
    assert "第 1 行" in problems[0][2]


def test_merge_keys_may_be_overridden_without_a_duplicate_error():
    value, problems = parse("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 5\n")
    assert problems == [] and value["m"] == {"x": 1, "y": 5}


def test_tabs_are_explained():
    with pytest.raises(YamlError) as exc:
        parse("a:\n\tb: 1\n")
    assert exc.value.line == 2 and "Tab" in exc.value.message


def test_alias_bomb_is_refused():
    bomb = "a: &a [" + ",".join(["x" * 100] * 100) + "]\n"
    for i in range(1, 8):
        bomb += f"a{i}: &a{i} [" + ",".join([f"*a{i - 1 if i > 1 else ''}"] * 10) + "]\n"
    with pytest.raises(YamlError) as exc:
        parse(bomb)
    assert exc.value.code == "E-SIZE"


def test_deep_nesting_is_refused_without_recursion():
    with pytest.raises(YamlError) as exc:
        parse("a: " + "[" * 10000 + "]" * 10000 + "\n")
    assert "嵌套" in exc.value.message


def test_two_documents_are_refused():
    with pytest.raises(YamlError) as exc:
        parse("a: 1\n---\nb: 2\n")
    assert exc.value.line == 2


def test_bom_and_crlf_read_like_plain_utf8():
    value, _ = parse(decode("\ufeffa: 1\r\nb: 二\r\n".encode("utf-8")))
    assert value == {"a": 1, "b": "二"} and value.key_lines["b"] == 2


def test_gbk_file_names_its_encoding_and_line():
    with pytest.raises(YamlError) as exc:
        decode("a: 1\nb: 维修\n".encode("gbk"))
    assert exc.value.line == 2 and "GBK" in exc.value.message


def test_file_over_one_mebibyte_is_refused(tree):
    big = "month: 2024-03\n# " + "x" * (1024 * 1024) + "\n"
    at(tree({M: big}), M, 1, "E-SIZE")


def test_empty_file_and_list_root(tree):
    problems = tree({M: "", "records/scores/2024/2024-03.yml": "- 1\n- 2\n"})
    at(problems, M, 1, "E-EMPTY")
    assert "列表" in at(problems, "records/scores/2024/2024-03.yml", 1, "E-TYPE").message


def test_syntax_error_points_at_its_line(tree):
    problems = tree({M: "month: 2024-03\nentries:\n  - id: [unclosed\n"})
    assert problems[0].code == "E-YAML" and problems[0].path == M and problems[0].line in (3, 4)


@pytest.mark.parametrize("written, read", [("0700", 448), ("-0700", -448), ("0x1A", 26), ("0b11", 3), ("+0_17", 15)])
def test_integers_yaml_reads_in_another_base_keep_their_text(written, read):
    value, _ = parse(f"a: {written}\n")
    assert value["a"] == written and value["a"].value == read


def test_decimal_integers_stay_integers():
    value, _ = parse("a: 700\nb: 0\nc: -0\nd: 1_000\ne: 09\nf: 0b_\ng: 0x_\n")
    assert value == {"a": 700, "b": 0, "c": 0, "d": 1000, "e": "09", "f": "0b_", "g": "0x_"}
    assert type(value["f"]) is str


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_lines_after_a_break_editors_do_not_show_are_the_editors_lines(char):
    value, problems = parse(f'a: "x{char}y"\nb: 2\nc:\n  - 1\n  - {{d: 2}}\nb: 3\n')
    assert value.key_lines == {"a": 1, "b": 2, "c": 3}
    assert value["c"].lines == [4, 5] and value["c"][1].line == 5
    assert [(line, code) for line, code, _ in problems] == [(1, "E-INVISIBLE"), (6, "E-DUPLICATE-KEY")]
    assert "第 2 行" in problems[1][2]


def test_a_hidden_break_that_changes_the_structure_is_the_error_reported():
    with pytest.raises(YamlError) as caught:
        parse("month: 2024-03 # 三月\u2028账目\nentries: []\n")
    assert (caught.value.line, caught.value.code) == (1, "E-INVISIBLE")
    with pytest.raises(YamlError) as caught:
        parse("a: 'x\u2028y'\nb: [\n")
    assert caught.value.code == "E-INVISIBLE"
    with pytest.raises(YamlError) as caught:
        parse("a: x: y\nb: 'x\u2028y'\n")       # the syntax error comes first: it is reported as it is
    assert (caught.value.line, caught.value.code) == (1, "E-YAML")


def test_aliases_are_relined_once():
    value, _ = parse("base: &b {x: 1}\n# \u2028\nm: *b\nn: *b\n")
    assert value["m"].line == 1 and value.key_lines == {"base": 1, "m": 3, "n": 4}
