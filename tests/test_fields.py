"""Field-level problems: unknown and missing keys, types, money, ids, dates, choices."""

from builders import month
from probes import at

D = "records/decisions/2024-001.yml"
M = "records/finance/2024/2024-03.yml"


def test_unknown_key_is_an_error_with_a_suggestion(tree):
    problem = at(tree({D: "id: 2024-001\ntitle: 修路\ndate: 2024-02-01\nbody: committee\nmatter: ordinary\n"
                          "status: decided\nbudgt: 100\n"}), D, 7, "E-UNKNOWN-KEY")
    assert "budgt" in problem.message and "budget" in problem.message


def test_missing_required_key_points_at_the_mapping(tree):
    problem = at(tree({D: "id: 2024-001\ndate: 2024-02-01\nbody: committee\nmatter: ordinary\nstatus: decided\n"}),
                 D, 1, "E-MISSING")
    assert "title" in problem.message


def test_three_decimals_of_money_is_an_error(tree):
    problem = at(tree({M: month('  - {id: a1, date: 2024-03-01, account: operating, amount: "1200.505"}\n')}),
                 M, 3, "E-MONEY")
    assert "两位小数" in problem.message


def test_an_area_is_its_own_exact_kind_and_says_so_in_square_metres(tree):
    units = 'units:\n  - {id: "1-1", name: 1栋1单元, households: 10, area_m2: "1000.505"}\n'
    problem = at(tree({"records/units.yml": units}), "records/units.yml", 2, "E-MONEY")
    assert problem.message == "area_m2：面积 1000.505 超过两位小数：面积精确到 0.01 平方米，请写成两位小数，如 \"1000.50\""
    units = 'units:\n  - {id: "1-1", name: 1栋1单元, households: 10, area_m2: 1000平方米}\n'
    problem = at(tree({"records/units.yml": units}), "records/units.yml", 2, "E-MONEY")
    assert problem.message == "area_m2：面积 “1000平方米” 看不懂：只写半角数字，最多两位小数，不要写“平方米”、逗号或空格，如 \"2150.40\""


def test_money_as_a_yaml_number_is_exact(tree):
    problems = tree({M: month("  - {id: a1, date: 2024-03-01, account: operating, amount: 0.1}\n"
                              "  - {id: a2, date: 2024-03-02, account: operating, amount: 0.2}\n",
                              '  operating: "100.30"\n')})
    assert problems == []


def test_yes_no_where_text_is_expected(tree):
    problem = at(tree({M: month("  - {id: a1, date: 2024-03-01, account: operating, amount: 5, memo: no}\n",
                                '  operating: "105.00"\n')}), M, 3, "E-VALUE")
    assert "yes/no" in problem.message and '"no"' in problem.message


def test_unquoted_numeric_id_must_be_quoted(tree):
    problem = at(tree({"records/units.yml": 'units:\n  - {id: 11, name: x, households: 10, area_m2: "1000.00"}\n'}),
                 "records/units.yml", 2, "E-ID")
    assert '"11"' in problem.message


def test_impossible_date(tree):
    problem = at(tree({M: month("  - {id: a1, date: 2024-02-30, account: operating, amount: 5}\n")}), M, 3, "E-DATE")
    assert "2024-02-30" in problem.message


def test_choice_suggests_the_close_option(tree):
    problem = at(tree({D: "id: 2024-001\ntitle: 修路\ndate: 2024-02-01\nbody: comittee\nmatter: ordinary\n"
                          "status: decided\n"}), D, 4, "E-CHOICE")
    assert "committee" in problem.message


def test_misplaced_and_misnamed_files(tree):
    problems = tree({"records/decision/2024-002.yml": "id: x\n", "records/finance/2024/2024-3.yml": "month: 2024-03\n",
                     "records/units.yaml": "units: []\n"})
    at(problems, "records/decision/2024-002.yml", 1, "E-LAYOUT")
    assert "年-月" in at(problems, "records/finance/2024/2024-3.yml", 1, "E-LAYOUT").message
    assert ".yml" in at(problems, "records/units.yaml", 1, "E-LAYOUT").message


def test_personal_numbers_in_records_content_and_file_names(tree):
    problems = tree({"records/finance/2024/2024-03.yml": "month: 2024-03\n# 联系王某 139-1234-5678\n",
                     "content/notices/a.md": "# 通知\n\n物业服务中心（公开电话）13800138000\n\n王某 13912345678\n"
                                             "身份证 11010519491231002X，卡号 6222021234567890128\n",
                     "records/files/王某13912345678.jpg": b"x"})
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("content/notices/a.md", 5, "E-PRIVACY-PHONE"),
        ("content/notices/a.md", 6, "E-PRIVACY-CARD"),
        ("content/notices/a.md", 6, "E-PRIVACY-ID"),
        ("records/files/王某13912345678.jpg", 1, "E-PRIVACY-PHONE"),
        ("records/finance/2024/2024-03.yml", 2, "E-PRIVACY-PHONE")]
    assert all("13912345678" not in p.message for p in problems)
    assert problems[3].message.startswith("文件名里有一个手机号码")


def test_numbers_yaml_reads_in_another_base_are_refused_where_a_number_is_expected(tree):
    problems = tree({M: month("  - {id: a1, date: 2024-03-05, account: operating, amount: -0700, memo: 0700}\n"),
                     "records/community.yml": "name: x\nhouseholds: 0x0A\narea_m2: \"1000.00\"\n"})
    money = at(problems, M, 3, "E-MONEY").message
    assert "-0700" in money and "-448" in money and "八进制" in money
    assert "十六进制" in at(problems, "records/community.yml", 2, "E-VALUE").message
    assert not [p for p in problems if p.path == M and p.code == "E-VALUE"]   # a memo keeps 0700 as text
    assert '"012"' in at(tree({"records/units.yml": 'units:\n  - {id: 012, name: x, households: 10, area_m2: "1000.00"}\n'}),
                         "records/units.yml", 2, "E-ID").message


def test_ids_match_the_whole_pattern_and_never_name_a_page_of_the_site(tree):
    decision = "title: t\ndate: 2024-02-01\nbody: committee\nmatter: ordinary\nstatus: proposed\n"
    for ident in ('"2024-009\\n"', '"2024-009\\t"', "index", "INDEX", "README", "Readme", "nul", "com1", "con.x", "lpt9"):
        at(tree({D: f"id: {ident}\n" + decision}), D, 1, "E-ID")
    assert tree({D: "id: indexes\n" + decision}) == []


def test_money_dates_and_months_take_ascii_digits_only(tree):
    problems = tree({M: "month: 2024-03\nentries:\n  - {id: a1, date: \"２０２４-０３-０５\", account: operating, amount: \"１.００\"}\n"
                        "  - {id: a2, date: \"20240305\", account: operating, amount: \"1.00\"}\n"})
    at(problems, M, 3, "E-DATE")
    assert "半角" in at(problems, M, 3, "E-MONEY").message
    at(problems, M, 4, "E-DATE")
    at(tree({M: "month: \"２０２４-０３\"\nentries: []\n"}), M, 1, "E-DATE")


def test_text_with_characters_that_print_as_nothing_is_refused(tree):
    for char in ("\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u3164"):
        problem = at(tree({M: month(f"  - {{id: a1, date: 2024-03-05, account: operating, amount: 5, memo: \"灯{char}泡\"}}\n",
                                    '  operating: "105.00"\n')}), M, 3, "E-INVISIBLE")
        assert f"U+{ord(char):04X}" in problem.message
