"""What residents see of the law calendar on the demo's site: vacancies, publication delays, the
court window, emergency uses of the maintenance fund, and the disclosure calendar."""

import json
import re

import pytest

from sunlight_gongshi.build import build
from builders import write_tree


def text(page) -> str:
    """A page's words without markup, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def test_people_page_shows_the_vacancy_and_its_length(demo_site):
    people = text(demo_site / "people.html")
    assert "2023-05-02 起缺 1 人，2023-07-01 补齐，空缺 60 天" in people


def test_decision_page_says_how_many_days_publication_took(demo_site):
    late = text(demo_site / "decisions/2025-007.html")
    assert "公示日期 2025-08-27：决议作出 7 天后公示，超过了规定的 3 天" in late
    assert "决议作出 1 天后公示。" in text(demo_site / "decisions/2025-009.html")
    assert "决议作出当天公示。" in text(demo_site / "decisions/2026-005.html")
    assert "请求撤销的期限" not in late   # a committee's decision


def test_owners_assembly_decision_shows_the_year_to_ask_a_court(demo_site):
    page = text(demo_site / "decisions/2025-004.html")
    assert "请求人民法院撤销" in page and "按公示日期 2025-05-11 计算，期限到 2026-05-11 为止" in page
    assert "顺延" in page


def test_finance_page_lists_emergency_uses_and_the_calendar(demo_site):
    finance = (demo_site / "finance/index.html").read_text(encoding="utf-8")
    assert 'id="emergency"' in finance and "finance/2026-10.html#2026-10-007" in finance.replace("../", "")
    assert "4 栋外墙瓷砖脱落" in finance and "-2,800.00" in finance
    assert 'id="disclosure"' in finance
    calendar = json.loads((demo_site / "data/disclosure.json").read_text(encoding="utf-8"))
    assert {row["account"] for row in calendar} == {"operating", "public_revenue", "maintenance", "ebike-shed"}
    assert {row["period"] for row in calendar if row["account"] == "maintenance"} >= {"2024-H2", "2025-H1", "2025-H2"}
    # built inside its git repository: every disclosed period has the day it was published
    assert all(row["published"] for row in calendar if row["status"] in ("on_time", "late"))
    assert {row["status"] for row in calendar} <= {"on_time", "late", "overdue", "pending"}
    assert "data/disclosure.json" in (demo_site / "data.html").read_text(encoding="utf-8")


ENDING = {
    "records/roster/committee.yml": "body: committee\nname: 第一届业主委员会\nterm: {from: 2021-06-01, to: 2024-03-31}\n"
                                    "members:\n" + "".join(f"  - {{name: 委员{i}, role: member}}\n" for i in range(5))
                                    + "  - {name: 委员5, role: member, to: 2023-12-31}\n  - {name: 委员6, role: member}\n",
    "records/decisions/2024-001.yml": "id: 2024-001\ntitle: 修路\ndate: 2024-02-01\nbody: committee\nmatter: ordinary\n"
                                      "status: decided\nvote: {members: 6, for: 4, against: 1, abstain: 1}\n",
    "records/decisions/2024-002.yml": "id: 2024-002\ntitle: 续聘物业\ndate: 2024-03-10\nbody: owners_assembly\n"
                                      "matter: ordinary\nstatus: decided\npublished: 2024-03-11\nvote:\n"
                                      '  participated: {households: 8, area_m2: "800.00"}\n'
                                      '  approved: {households: 7, area_m2: "700.00"}\n',
    # the newest date in the records, the reference date outside git: 2024-03-11
}
JANUARY = "records/finance/2024/2024-01.yml"


def january(*accounts: str) -> str:
    return "month: 2024-01\nentries: []\nclosing:\n" + "".join(
        f'  {a}: "{"100.00" if a == "operating" else "0.00"}"\n' for a in accounts)


def test_home_page_shows_the_worst_disclosure_and_a_term_ending(tmp_path):
    files = {**ENDING, JANUARY: january("operating", "revenue")}
    problems, built = build(write_tree(tmp_path, files), tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    home = text(tmp_path / "site/index.html")
    assert "第一届业主委员会 的任期将于 2024-03-31 届满，还没有下一届业主委员会" in home
    # disclosed, but outside git nobody can tell when: neither overdue nor "on time"
    assert "逾期未公示" not in home and "都按时公示" not in home
    build(write_tree(tmp_path, {**files, JANUARY: january("revenue")}), tmp_path / "site", use_cache=False)
    assert "日常经费 2024 年 1 月账目逾期未公示，已逾期 10 天" in text(tmp_path / "site/index.html")   # due 1 March


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_the_law_calendar_speaks_the_community_language(tmp_path, language):
    community = f'name: Court\nhouseholds: 10\narea_m2: "1000.00"\nlanguage: {language}\n'
    files = {**ENDING, "records/community.yml": community, JANUARY: january("revenue")}
    problems, built = build(write_tree(tmp_path, files), tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    pages = {name: (tmp_path / "site" / name).read_text(encoding="utf-8")
             for name in ("index.html", "people.html", "finance/index.html", "decisions/2024-002.html")}
    if language == "en":   # record text stays as written; none of the site's own words is left in Chinese
        for name, page in pages.items():
            assert not [w for w in ("逾期", "公示", "缺", "撤销", "届满", "按时", "期间", "天") if w in page], name
        assert "Time limit to ask a court" in pages["decisions/2024-002.html"]
        assert "The 日常经费 books for 2024-01 have not been published: 10 days overdue" in text(tmp_path / "site/index.html")
        assert "From 2024-01-01, 1 seat empty; still empty on 2024-03-11, after 71 days" in text(tmp_path / "site/people.html")
        assert "The term of <a href=\"people.html\">第一届业主委员会</a> ends on 2024-03-31 and no next owners' committee is on record yet" in pages["index.html"]
    else:
        assert "逾期未公示" in pages["index.html"] and "請求撤銷的期限" in pages["decisions/2024-002.html"]
        assert "起缺 1 人" in pages["people.html"]


def test_decision_pages_say_when_every_owner_was_told_and_which_rule_counts_the_votes(demo_site):
    written = text(demo_site / "decisions/2025-004.html")      # a written vote: `announced`
    assert ("通知全体业主 2025-04-25 通知全体业主，比表决早 15 天，规定至少 15 天。业主大会会议和书面征求意见，"
            "都要提前通知全体业主（《物业管理条例》第十四条）。") in written
    met = text(demo_site / "decisions/2026-001.html")           # an assembly that met: its meeting's notice
    assert "2025-12-26 通知全体业主，比表决早 20 天，规定至少 15 天。" in met
    committee = text(demo_site / "decisions/2026-003.html")
    assert ("业主委员会的决定，要有全体在任委员的半数以上（含半数）赞成，不按到会人数算，到会的委员不能代别人投票"
            "（《业主大会和业主委员会指导规则》第三十八条）。") in committee
    assert "第二百七十八条" not in committee and "通知全体业主" not in committee
    assert "一套房算一户，同一业主有几套房的只算一户" in written and "每套房算一户" not in written
    assert "利用共有部分从事经营活动" in text(demo_site / "decisions/2025-003.html")   # the major matter's words
    index = text(demo_site / "decisions/index.html")
    assert "业主大会按《民法典》第二百七十八条第二款，业主委员会按《业主大会和业主委员会指导规则》第三十八条" in index


def test_a_decision_without_its_notice_on_record_says_so(tmp_path):
    files = {**ENDING, JANUARY: january("operating", "revenue")}
    problems, built = build(write_tree(tmp_path, files), tmp_path / "site", use_cache=False)
    assert built and "W-NOT-ANNOUNCED" in [p.code for p in problems]
    page = text(tmp_path / "site/decisions/2024-002.html")
    assert "通知全体业主的日期不在记录中，无法核对是否提前了规定的 15 天。" in page
    strict = 'name: 测试小区\nhouseholds: 10\narea_m2: "1000.00"\npolicy: {committee_majority: more_than_half}\n'
    build(write_tree(tmp_path, {**files, "records/community.yml": strict}), tmp_path / "site", use_cache=False)
    assert "要有超过全体在任委员一半的人赞成（本小区的议事规则）" in text(tmp_path / "site/decisions/2024-001.html")


def test_money_moved_out_of_the_fund_under_a_decision_shows_as_spent(tmp_path):
    """200,000 moved out of the fund under a 50,000 cap showed 0.00 spent before format 1.2."""
    accounts = ('accounts:\n  - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "100.00"}\n'
                '  - {id: fund, name: 维修资金, kind: maintenance_fund, opened: 2024-01-01, opening_balance: "300000.00"}\n'
                '  - {id: fund2, name: 维修资金（二期）, kind: maintenance_fund, opened: 2024-01-01, opening_balance: "0.00"}\n')
    decision = ("id: 2024-005\ntitle: 外墙维修\ndate: 2024-02-10\nbody: owners_assembly\nmatter: ordinary\nstatus: decided\n"
                'budget: "50000.00"\nannounced: 2024-01-20\nvote:\n  participated: {households: 8, area_m2: "800.00"}\n'
                '  approved: {households: 7, area_m2: "700.00"}\n')
    books = ("month: 2024-03\nentries:\n  - {id: t1, date: 2024-03-05, transfer: {from: fund, to: fund2}, amount: 200000, "
             "decision: 2024-005}\nclosing:\n  fund: \"100000.00\"\n  fund2: \"200000.00\"\n")
    problems, built = build(write_tree(tmp_path, {"records/finance/accounts.yml": accounts,
                                                  "records/decisions/2024-005.yml": decision,
                                                  "records/finance/2024/2024-03.yml": books}),
                            tmp_path / "site", use_cache=False)
    assert built and "W-OVER-BUDGET" in [p.code for p in problems]
    rows = {row["id"]: row for row in json.loads((tmp_path / "site/data/decisions.json").read_text(encoding="utf-8"))}
    assert rows["2024-005"]["spent"] == "200000.00" and rows["2024-005"]["budget"] == "50000.00"
    page = text(tmp_path / "site/decisions/2024-005.html")
    assert "预算 50,000.00 元，已支出 200,000.00 元" in page and "已超出预算" in page and "-200,000.00" in page
