"""Checks of the rubric and of month score files."""

from probes import at

S = "records/scores/2024/2024-05.yml"
RUB = "records/scores/rubric.yml"


def test_events_refer_to_known_units_items_and_dates(tree):
    events = ('month: 2024-05\nevents:\n  - {unit: "9-9", item: volunteer, date: 2024-05-01}\n'
              '  - {unit: "1-1", item: volunter, date: 2024-05-01}\n'
              '  - {unit: "1-1", item: volunteer, date: 2024-06-01}\n')
    problems = tree({S: events})
    at(problems, S, 3, "E-UNKNOWN-UNIT")
    assert "2024-01 版" in at(problems, S, 4, "E-UNKNOWN-ITEM").message
    at(problems, S, 5, "E-DATE-MONTH")


def test_item_has_points_or_veto_not_both(tree):
    rubric = ("versions:\n  - effective_from: 2024-01\n    base: 100\n    flags: 2\n    annual_awards: 1\n"
              "    items:\n      - {code: a, category: x, label: y}\n"
              "      - {code: b, category: x, label: y, points: 1, veto: true}\n"
              "      - {code: b, category: x, label: z, points: 2}\n")
    problems = tree({RUB: rubric})
    at(problems, RUB, 7, "E-ITEM")
    at(problems, RUB, 8, "E-ITEM")
    at(problems, RUB, 9, "E-DUPLICATE-ID")


def test_rubric_change_needs_a_passed_decision(tree):
    rubric = ("versions:\n  - effective_from: 2024-01\n    base: 100\n    flags: 2\n    annual_awards: 1\n"
              "    decision: 2024-777\n    items: [{code: a, category: x, label: y, points: 1}]\n")
    at(tree({RUB: rubric}), RUB, 6, "E-DECISION-REF")


def test_month_before_any_rubric_version(tree):
    problem = at(tree({"records/scores/2023/2023-12.yml": "month: 2023-12\nevents: []\n"}),
                 "records/scores/2023/2023-12.yml", 1, "E-RUBRIC")
    assert "2024-01" in problem.message


def test_scores_need_a_rubric_file(tree):
    at(tree({RUB: None, S: "month: 2024-05\n"}), RUB, 1, "E-MISSING-FILE")


def test_a_rubric_version_takes_effect_only_after_its_decision(tree):
    # 2024-001 was decided on 2024-02-01: rules from 2024-02 on are fine, 2024-01 is before it.
    def rubric(month):
        return ("versions:\n  - effective_from: 2023-06\n    base: 100\n    flags: 2\n    annual_awards: 1\n"
                "    items: [{code: a, category: x, label: y, points: 1}]\n"
                f"  - effective_from: {month}\n    base: 100\n    flags: 2\n    annual_awards: 1\n"
                "    decision: 2024-001\n    items: [{code: a, category: x, label: y, points: 2}]\n")
    problem = at(tree({RUB: rubric("2024-01")}), RUB, 7, "E-DECISION-REF")
    assert "2024-02-01" in problem.message and "最早从 2024-02 起" in problem.message
    assert tree({RUB: rubric("2024-02")}) == []
    decided_mid_month = {D: open_decision("2024-02-15"), RUB: rubric("2024-02")}
    assert "最早从 2024-03 起" in at(tree(decided_mid_month), RUB, 7, "E-DECISION-REF").message


D = "records/decisions/2024-001.yml"


def open_decision(date: str) -> str:
    return (f"id: 2024-001\ntitle: 改规则\ndate: {date}\nbody: committee\nmatter: ordinary\nstatus: decided\n"
            "vote: {members: 5, for: 3, against: 1, abstain: 1}\n")
