"""The site speaks the community's language: zh, zh-Hant (derived by OpenCC) or en (phrase table)."""

import re

import pytest

from sunlight_gongshi.build import build
from sunlight_gongshi.site.i18n import CJK, translate_source
from sunlight_gongshi.site.render import TEMPLATES
from builders import write_tree

ENGLISH = {
    "records/community.yml": 'name: Riverside Court\nhouseholds: 10\narea_m2: "1000.00"\nlanguage: en\n',
    "records/units.yml": 'units:\n  - {id: "1-1", name: Block 1 Entry 1, households: 6, area_m2: "600.00"}\n'
                         '  - {id: "1-2", name: Block 1 Entry 2, households: 4, area_m2: "400.00"}\n',
    "records/roster/committee.yml": "body: committee\nname: First committee\nterm: {from: 2024-01-01, to: 2026-12-31}\n"
                                    "members:\n" + "".join(f"  - {{name: Member {i}, role: member, unit: \"1-1\"}}\n" for i in range(5)),
    "records/decisions/2024-001.yml": "id: 2024-001\ntitle: Fix the road\ndate: 2024-02-01\nbody: committee\nmatter: ordinary\n"
                                      "status: decided\nbudget: \"8000.00\"\nvote: {members: 5, for: 3, against: 1, abstain: 1}\n"
                                      "stages:\n  - {stage: Proposal, date: 2024-01-20, by: Party branch}\n  - {stage: 审议, date: 2024-01-25}\n"
                                      "summary: Repair 100 m of road.\n",
    "records/decisions/2024-002.yml": "id: 2024-002\ntitle: New parking\ndate: 2024-02-05\nbody: owners_assembly\n"
                                      "matter: major\nstatus: rejected\nvote:\n  participated: {households: 8, area_m2: \"800.00\"}\n"
                                      "  approved: {households: 5, area_m2: \"500.00\"}\n",
    "records/finance/2024/2024-03.yml": "month: 2024-03\nentries:\n  - {id: a1, date: 2024-03-05, account: operating, amount: -50, "
                                        "category: Repairs, counterparty: Hardware shop, memo: Light bulbs, decision: 2024-001}\n"
                                        "  - {id: t1, date: 2024-03-06, transfer: {from: operating, to: revenue}, amount: 10}\n"
                                        'closing:\n  operating: "40.00"\n  revenue: "10.00"\n',
    "records/finance/accounts.yml": 'accounts:\n  - {id: operating, name: Operating, kind: operating, opened: 2024-01-01, opening_balance: "100.00"}\n'
                                    '  - {id: revenue, name: Revenue, kind: campaign, opened: 2024-01-01, opening_balance: "0.00", target: "50.00"}\n',
    "records/scores/rubric.yml": "versions:\n  - effective_from: 2024-01\n    base: 100\n    flags: 1\n    annual_awards: 1\n"
                                 "    items:\n      - {code: v, category: Volunteering, label: Volunteer, points: 2}\n"
                                 "      - {code: w, category: Safety, label: Flying wire, veto: true}\n",
    "records/scores/2024/2024-03.yml": 'month: 2024-03\nevents:\n  - {unit: "1-1", item: v, date: 2024-03-02, count: 2, note: Sorting}\n'
                                       '  - {unit: "1-2", item: w, date: 2024-03-03}\n',
    "content/notices/water.md": "---\ntitle: Water off on Sunday\ndate: 2024-03-01\n---\n# Water off on Sunday\n\nFrom 8 to 17.\n",
}


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.iterdir()))
def test_no_chinese_is_left_in_any_english_template(template):
    source = translate_source((TEMPLATES / template).read_text(encoding="utf-8"), "en")
    assert not CJK.findall(source), CJK.findall(source)


def test_an_english_community_gets_an_english_site(tmp_path):
    write_tree(tmp_path, ENGLISH)
    problems, built = build(tmp_path, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    for page in list((tmp_path / "site").rglob("*.html")) + [tmp_path / "site/feed.xml"] + \
            list((tmp_path / "site/charts").glob("*.svg")):
        text = page.read_text(encoding="utf-8")
        assert not CJK.search(text), f"{page}: {CJK.findall(text)[:10]}"
    decision = (tmp_path / "site/decisions/2024-002.html").read_text(encoding="utf-8")
    assert "Households approving, of those taking part: 5/8 (62.50%); needs at least 3/4 (75.00%)" in decision
    assert "Not passed: Households approving less than three quarters" in decision and "Checked outcome" not in decision
    assert "<strong>Review</strong>" in (tmp_path / "site/decisions/2024-001.html").read_text(encoding="utf-8")
    assert "Books, March 2024" in (tmp_path / "site/finance/2024-03.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_a_traditional_chinese_community_gets_taiwan_forms_by_default(tmp_path):
    write_tree(tmp_path, {"records/community.yml": 'name: 測試社區\nhouseholds: 10\narea_m2: "1000.00"\nlanguage: zh-Hant\n'})
    assert build(tmp_path, tmp_path / "site", use_cache=False)[1]
    site = tmp_path / "site"
    text = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html") if "assets" not in p.parts)
    assert "帳戶" in text and "公開資料" in text and "決議" in text
    assert not re.search("賬|數據|衆籌|账户", text), re.findall(".{4}(?:賬|數據|衆籌|账户).{4}", text)[:5]


def test_hong_kong_forms_are_a_setting_of_mkdocs_yml(tmp_path):
    from sunlight_gongshi.compute.figures import compute
    from sunlight_gongshi.compute.reference import newest_record_date
    from sunlight_gongshi.site import pages
    from sunlight_gongshi.site.mkdocs import config as mkconfig
    from sunlight_gongshi.validate import validate
    assert mkconfig.hant({"extra": {"sunlight": {"hant": "hk"}}}) == "hk"
    assert mkconfig.hant({}) == mkconfig.hant({"extra": {"sunlight": {"hant": "mainland"}}}) == "tw"
    write_tree(tmp_path, {"records/community.yml": 'name: 測試社區\nhouseholds: 10\narea_m2: "1000.00"\nlanguage: zh-Hant\n'})
    records = validate(tmp_path, use_cache=False)[0]
    for hant, wanted, unwanted in (("hk", "公開數據", "公開資料"), ("tw", "公開資料", "公開數據")):
        docs = tmp_path / f"docs-{hant}"
        pages.write_pages(docs, pages.SiteInput(records, compute(records, newest_record_date(records)), hant=hant))
        home = (docs / "index.md").read_text(encoding="utf-8")
        assert wanted in home and unwanted not in home, hant
