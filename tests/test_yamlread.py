"""The YAML reader: lines, duplicate keys, traps and hostile input become located problems."""

from decimal import Decimal

import pytest

from sunlight_gongshi.load.yamlread import YamlError, decode, parse
from probes import at

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
