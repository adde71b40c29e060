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


def test_alias_bomb_is_refused():
    bomb = "a: &a [" + ",".join(["x" * 100] * 100) + "]\n"
    for i in range(1, 8):
        bomb += f"a{i}: &a{i} [" + ",".join([f"*a{i - 1 if i > 1 else ''}"] * 10) + "]\n"
    with pytest.raises(YamlError) as exc:
        parse(bomb)
    assert exc.value.code == "E-SIZE"


@pytest.mark.parametrize("depth", [100, 10000])
def test_deep_nesting_is_refused_without_recursion(depth):
    # 100 levels pass libyaml and meet our own limit; 10,000 meet libyaml's own limit of 1,000
    # first where PyYAML's wheels carry libyaml 0.2.5 or newer (PyYAML 6.0.4): same message.
    with pytest.raises(YamlError) as exc:
        parse("id: x\nlist: " + "[" * depth + "]" * depth + "\n")
    assert (exc.value.line, exc.value.code, exc.value.message) == (
        2, "E-YAML", "嵌套超过 64 层；记录文件不需要这么深的结构")


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


# --- what a treasurer types in the forge's web editor with a Chinese input method -------------

ENTRY = """\
month: 2024-03
entries:
  - id: 2024-03-001
    date: 2024-03-05
    account: operating
    amount: "-320.00"
    category: 维修
    counterparty: 某某五金店
    memo: 楼梯口灯更换
closing:
  operating: "-220.00"
"""


def mistake(old: str, new: str, text: str = ENTRY) -> str:
    assert old in text
    return text.replace(old, new, 1)


def yaml_lines(problems) -> list[tuple[int, str]]:
    """(line, message) of each E-YAML problem of the month file, in order."""
    return [(p.line, p.message) for p in problems if p.path == M and p.code == "E-YAML"]


def test_the_sample_entry_is_valid(tree):
    # the account holds 500.00 before it (1.2: a closing below zero is a warning of its own)
    accounts = 'accounts:\n  - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "500.00"}\n'
    assert tree({M: ENTRY.replace('"-220.00"', '"180.00"'), "records/finance/accounts.yml": accounts}) == []


def test_full_width_colon_is_named_at_its_own_line_and_the_rest_is_still_checked(tree):
    problems = tree({M: mistake("category: 维修", "category：维修")})
    assert [p.text() for p in problems] == [
        f"{M}:7: error: category 后面是全角冒号“：”，YAML 只认半角冒号；请切换到英文输入法，"
        "改成 category: 维修（半角冒号后面空一格）  [E-YAML]"]


def test_missing_space_after_the_colon(tree):
    assert yaml_lines(tree({M: mistake("category: 维修", "category:维修")})) == [
        (7, "category 的冒号后面缺少空格，YAML 会把整行当成一段文字；请在冒号后面空一格，写成 category: 维修")]


def test_unclosed_quote_is_reported_where_it_opens_not_five_lines_below(tree):
    text = mistake('closing:', '  - id: 2024-03-002\n    date: 2024-03-06\n    account: operating\n'
                               '    amount: "-10.00"\nclosing:')
    problems = tree({M: mistake('amount: "-320.00"', 'amount: "-320.00', text)})
    assert yaml_lines(problems) == [
        (6, 'amount 的值开头有英文引号 "，结尾却没有（引号没有配对），YAML 会把下面几行都当成这段文字；'
            '请在值的末尾补上 "：amount: "-320.00"')]


def test_quote_closed_with_a_chinese_quote(tree):
    assert yaml_lines(tree({M: mistake('amount: "-320.00"', 'amount: "-320.00”')})) == [
        (6, 'amount 的值开头是英文引号 "，结尾却是中文引号 ”（引号没有配对）；请把结尾也改成英文引号：amount: "-320.00"')]


def test_full_width_spaces_for_indentation_are_named_not_read_as_part_of_a_key(tree):
    problems = tree({M: mistake("    memo: 楼梯口灯更换", "\u3000\u3000memo: 楼梯口灯更换")})
    assert [p.text() for p in problems] == [
        f"{M}:9: error: 行首用了全角空格（中文输入法打出的空格“\u3000”），YAML 只认半角空格缩进；"
        "请删掉它，改用空格和上一行对齐（行首 4 个空格）  [E-YAML]"]


def test_curly_quotes_around_an_amount_are_named_and_the_amount_still_read(tree):
    problems = tree({M: mistake('amount: "-320.00"', "amount: “-320.00”")})
    assert [p.text() for p in problems] == [
        f'{M}:6: error: amount 的值用了中文引号（“-320.00”），YAML 只认英文引号；请切换到英文输入法，'
        '改成 amount: "-320.00"  [E-YAML]']


def test_curly_quotes_inside_chinese_text_are_text():
    value, problems = parse("memo: “五议”工作法\ntitle: “红管家”\n")
    assert problems == [] and value == {"memo": "“五议”工作法", "title": "“红管家”"}


def test_curly_quotes_around_a_latin_word_say_how_to_keep_them():
    value, problems = parse("category: “LED”\n")
    assert value == {"category": "LED"} and problems == [
        (1, "E-YAML", "category 的值用了中文引号（“LED”），YAML 只认英文引号；请切换到英文输入法，改成 category: \"LED\"；"
                      "如果引号本身就是要显示的文字，请在外面再加一对英文单引号：category: '“LED”'")]


def test_tab_on_a_four_space_line_says_align_with_the_line_above(tree):
    assert yaml_lines(tree({M: mistake("    memo: 楼梯口灯更换", "\tmemo: 楼梯口灯更换")})) == [
        (9, "行首用了制表符（Tab），YAML 只认半角空格缩进；请删掉它，改用空格和上一行对齐（行首 4 个空格）")]


def test_a_fully_tabbed_entry_is_reported_whole_in_one_run(tree):
    tabbed = ENTRY.replace("  - id", "\t- id").replace("    ", "\t\t").replace("  operating", "\toperating")
    problems = tree({M: tabbed})
    tab = "行首用了制表符（Tab），YAML 只认半角空格缩进；请删掉它，改用空格"
    assert yaml_lines(problems) == [
        (3, tab + "：这一行属于上一行的 entries，要比上一行多缩进两格（行首 2 个空格）"),
        (4, tab + "和上一行的 id 对齐（行首 4 个空格）"),
        *[(n, tab + "和上一行对齐（行首 4 个空格）") for n in range(5, 10)],
        (11, tab + "：这一行属于上一行的 closing，要比上一行多缩进两格（行首 2 个空格）")]
    assert [p for p in problems if p.code != "E-YAML"] == []   # repaired, the entry itself is fine


def test_a_second_tabbed_item_aligns_with_the_dash_above():
    _value, problems = parse("entries:\n  - id: a\n    memo: x\n\t- id: b\n")
    assert problems == [(4, "E-YAML", "行首用了制表符（Tab），YAML 只认半角空格缩进；请删掉它，改用空格"
                                      "和上一项开头的 - 对齐（行首 2 个空格）")]


def test_slips_before_a_syntax_error_are_all_reported_with_it():
    with pytest.raises(YamlError) as exc:
        parse("month: 2024-03\nentries:\n\t- id: a\n    memo: 时间: 下午\n")
    assert exc.value.problems == [
        (3, "E-YAML", "行首用了制表符（Tab），YAML 只认半角空格缩进；请删掉它，改用空格"
                      "：这一行属于上一行的 entries，要比上一行多缩进两格（行首 2 个空格）"),
        (4, "E-YAML", "这一行的值里有“: ”（冒号后面跟空格），YAML 会把它当成又一个字段；"
                      "请把整个值用英文引号括起来，如 memo: \"时间: 下午\"")]


@pytest.mark.parametrize("text, line, message", [
    ("entries:\n  -id: a\n", 2, "列表项的 - 后面缺少空格；请在 - 和 id 之间空一格，写成 - id: …"),
    ("events:\n  - {unit: \"1-1\"，item: clutter}\n", 2, "{ } 里字段之间用了全角逗号“，”；请改成半角逗号加空格：, item: …"),
    ("events:\n  - {unit: \"1-1\", item:clutter}\n", 2, "item 的冒号后面缺少空格；请在冒号后面空一格，写成 item: …"),
    ("events:\n  - {unit: \"1-1\", item：clutter}\n", 2,
     "item 后面是全角冒号“：”，YAML 只认半角冒号；请切换到英文输入法，改成 item: …"),
    ("memo:\u3000楼道灯\n", 1, "memo 的冒号后面是全角空格“\u3000”，YAML 只认半角空格；请改成 memo: 楼道灯"),
    ("summary: |\n  第一段\n\t第二段\nb: 1\n", 3,
     "行首用了制表符（Tab），YAML 只认半角空格缩进；请删掉它，改用空格和上一行对齐（行首 2 个空格）"),
])
def test_more_slips_are_named_and_repaired(text, line, message):
    _value, problems = parse(text)
    assert problems == [(line, "E-YAML", message)]


def test_slips_are_not_looked_for_inside_text_blocks_quotes_or_comments():
    text = 'summary: |\n  时间：下午\n  note:abc\nmemo: "a:b"  # x:y\nlink: http://example.org/a\n'
    value, problems = parse(text)
    assert problems == [] and value["summary"] == "时间：下午\nnote:abc\n"


@pytest.mark.parametrize("text, line, message", [
    ("memo: 时间: 下午\n", 1,
     "这一行的值里有“: ”（冒号后面跟空格），YAML 会把它当成又一个字段；请把整个值用英文引号括起来，如 memo: \"时间: 下午\""),
    ("a:\n  b: 1\n  c: 2\n    d: 3\n", 4, "这一行比上一行缩进得多，YAML 把它当成了上一行的值的一部分；请和上一行的 c 对齐（行首 2 个空格）"),
    ("entries:\n  - id: x\n     date: 2024-03-01\n", 3,
     "这一行比上一行缩进得多，YAML 把它当成了上一行的值的一部分；请和上一行的 id 对齐（行首 4 个空格）"),
    ("entries:\n  - id: x\n    date: 2024-03-01\n - id: y\n", 4,
     "这一项的 - 和上一项的 - 没有对齐；请让它们左边对齐（行首 2 个空格），只用半角空格"),
    ("a:\n  b: 1\n c: 2\n", 3, "这一行的缩进和上面的字段对不齐：同一组字段要左边对齐（行首 0 个空格），只用半角空格"),
    ("entries:\n  - id: 1\n    date: 2\n   memo: 3\n", 4,
     "这一行的缩进和这一项的字段对不齐：要和这一项开头的 id 对齐（行首 4 个空格），只用半角空格"),
    ("a:\n  b: 1\n  类别：维修\n  c: 2\n", 3,
     "这一行用了全角冒号“：”，YAML 只认半角冒号；请切换到英文输入法，写成“名称: 值”（半角冒号后面空一格）"),
    ("a:\n  b: 1\n  category 维修\n  c: 2\n", 3,
     "这一行缺少冒号：每个字段要写成“名称: 值”（半角冒号，后面空一格）；如果这是上一行文字的续行，请把它接到上一行末尾"),
    ("memo: \"abc\" def\n", 1, "引号后面还有文字：请把整段文字都放在一对英文引号里面，或去掉引号"),
    ("memo: `x`\n", 1, "值不能以 ` 开头（YAML 把它当成特殊符号）；请把整个值用英文引号括起来，如 \"`…\""),
    ("memo: \"C:\\q\"\n", 1, "双引号里的反斜杠 \\ 后面跟了 YAML 不认识的字符；请改用单引号把值括起来，或把 \\ 写成两个 \\\\"),
    ("a: [1, , 2]\n", 1, "这里少了一个值：两个逗号之间、冒号后面或 - 后面要写上内容"),
    ("entries: [\n  {id: a1\n", 2, "这一行的 { 没有配对的 }（括号没有配对）；请在这一组的末尾补上 }，各项之间用半角逗号分隔"),
])
def test_syntax_errors_are_in_chinese_at_the_mistake(text, line, message):
    with pytest.raises(YamlError) as exc:
        parse(text)
    assert (exc.value.line, exc.value.code, exc.value.message) == (line, "E-YAML", message)


def test_no_message_ever_carries_libyaml_english():
    broken = ["a: [", "a: {b", "- a\nb: c", "a: b: c", "? a\n? a\n: : :", "a: *x", "a: &", "a: !!python/x 1",
              "'a\n", "a:\n - b\n  - c", "{a: 1}}", "[a]]", "a: |\n b\n c: d\n\te", "%YAML 1.1\n%YAML 1.1\n---\na"]
    for text in broken:
        try:
            _value, problems = parse(text)
        except YamlError as exc:
            problems = exc.problems
        for _line, _code, message in problems:
            assert not any(word in message for word in ("found", "expected", "while", "scanning")), (text, message)


def test_chinese_quotes_are_reported_with_the_other_slips_of_a_broken_file():
    with pytest.raises(YamlError) as exc:
        parse('entries:\n  - amount: “-320.00”\n\tmemo: x\n  - amount: "-20.00\n')
    assert [line for line, _code, _message in exc.value.problems] == [2, 3, 4]
    assert exc.value.problems[0][2].startswith("amount 的值用了中文引号（“-320.00”）")


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
    with pytest.raises(YamlError) as caught:   # inside quotes the break is text: the error below stays where it is
        parse("a: 'x\u2028y'\nb: [\n")
    without = pytest.raises(YamlError)
    with without:
        parse("a: 'xy'\nb: [\n")
    assert caught.value.problems == [(1, "E-INVISIBLE", caught.value.problems[0][2]), without.excinfo.value.problems[0]]
    with pytest.raises(YamlError) as caught:
        parse("a: x: y\nb: 'x\u2028y'\n")       # the syntax error comes first: it is reported as it is
    assert (caught.value.line, caught.value.code) == (1, "E-YAML")


def test_aliases_are_relined_once():
    value, _ = parse("base: &b {x: 1}\n# \u2028\nm: *b\nn: *b\n")
    assert value["m"].line == 1 and value.key_lines == {"base": 1, "m": 3, "n": 4}


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_break_pasted_into_a_quoted_title_moves_no_later_problem(char):
    text = f'id: 2024-M05\ntitle: "5 月议事会{char}（转自微信群）"\ndate: 2024-05-12\nbody: council\nagenda: 时间: 下午\n'
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert [(line, code) for line, code, _ in caught.value.problems] == [(2, "E-INVISIBLE"), (5, "E-YAML")]
    assert caught.value.problems[1][2].startswith("这一行的值里有“: ”（冒号后面跟空格）")
    with pytest.raises(YamlError) as caught:   # a quote left open below the title is found at its own line
        parse(f'title: "议{char}事{char}会"\nsummary: "没有结尾\nx: 1\n')
    assert [(line, code) for line, code, _ in caught.value.problems] == [(1, "E-INVISIBLE"), (2, "E-YAML")]
    assert "summary 的值开头有英文引号" in caught.value.problems[1][2]


def test_a_control_character_after_chinese_text_is_at_its_own_line():
    with pytest.raises(YamlError) as caught:   # libyaml counts bytes of UTF-8, three for each of these characters
        parse("id: x\ntitle: 五月议事会通知\x0b补充\ndate: 2024-05-12\n")
    assert (caught.value.line, caught.value.code) == (2, "E-YAML")


def test_a_broken_mkdocs_yml_is_reported_at_the_editors_line(tmp_path):
    from sunlight_gongshi.site.mkdocs import config as mkconfig
    (tmp_path / "mkdocs.yml").write_text('site_name: "晴川\u2028花园"\ncopyright: x\nextra: {a: [1\nnav: 2\n',
                                         encoding="utf-8")
    with pytest.raises(mkconfig.ConfigProblem) as caught:
        mkconfig.read_user_config(tmp_path)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "mkdocs.yml").write_text('site_name: "晴川花园"\ncopyright: x\nextra: {a: [1\nnav: 2\n', encoding="utf-8")
    with pytest.raises(mkconfig.ConfigProblem) as without:
        mkconfig.read_user_config(plain)
    assert caught.value.line == without.value.line == 4
