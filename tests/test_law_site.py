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
