"""The built demo site inspected as files and HTML: pages, exports, money and no external loads."""

import csv
import io
import json
import re
import shutil

import pytest

from sunlight_gongshi.build import build
from sunlight_gongshi.cli import main
from builders import REPO, write_tree


@pytest.fixture(scope="module")
def site(demo_site):
    return demo_site


def html(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_every_record_has_its_page(site):
    from sunlight_gongshi.validate import validate
    records, _ = validate(REPO, use_cache=False)
    for unit in records.units:
        assert unit.name in html(site, f"units/{unit.id}.html")
    for d in records.decisions:
        assert (site / f"decisions/{d.id}.html").exists() and (site / f"print/decision-{d.id}.html").exists()
    for a in records.accounts:
        assert (site / f"finance/accounts/{a.id}.html").exists()
    for m in records.months:
        assert (site / f"finance/{m.month}.html").exists() and (site / f"print/finance-{m.month}.html").exists()
    for s in records.scores:
        assert (site / f"rankings/{s.month}.html").exists()
    people = html(site, "people.html")
    for roster in records.rosters:
        for member in roster.members:
            assert member.name in people


def test_finance_export_has_golden_figures(site):
    data = json.loads(html(site, "data/finance.json"))
    assert {a["id"]: a["balance"] for a in data["accounts"]} == {
        "operating": "39770.70", "public_revenue": "70850.00", "maintenance": "589880.86", "ebike-shed": "200.00"}
    row = next(r for r in data["months"] if (r["month"], r["account"]) == ("2025-08", "maintenance"))
    assert row == {"month": "2025-08", "account": "maintenance", "opening": "472313.73", "income": "0.00",
                   "expense": "41600.00", "closing": "430713.73"}
    transfer = next(r for r in data["months"] if (r["month"], r["account"]) == ("2025-01", "operating"))
    assert transfer["income"] >= "6000.00"


def test_entries_csv_has_a_row_per_side_of_a_transfer(site):
    rows = list(csv.DictReader(io.StringIO(html(site, "data/entries.csv"))))
    assert list(rows[0]) == ["id", "date", "account", "amount", "category", "counterparty", "memo", "decision",
                             "emergency"]
    assert [(r["id"], r["account"], r["decision"]) for r in rows if r["emergency"]] == [
        ("2026-10-007", "maintenance", "")]      # the demo's one emergency repair paid from the fund
    assert {r["emergency"] for r in rows} == {"", "true"}
    transfers = [r for r in rows if r["memo"] == "公共收益按季度转入日常经费"]
    assert len(transfers) == 16   # 8 quarterly transfers, two sides each
    for entry_id in {r["id"] for r in transfers}:
        assert sorted((r["account"], r["amount"]) for r in transfers if r["id"] == entry_id) == [
            ("operating", "6000.00"), ("public_revenue", "-6000.00")]


def test_rankings_and_decisions_exports(site):
    rankings = json.loads(html(site, "data/rankings.json"))
    sept = next(m for m in rankings["months"] if m["month"] == "2025-09")
    assert {"unit": "2-3", "score": 106, "rank": None, "flag": False, "vetoed": True} in sept["rows"]
    assert [r["unit"] for r in sept["rows"] if r["flag"]] == ["3-3", "4-3", "2-2"]
    decisions = {d["id"]: d for d in json.loads(html(site, "data/decisions.json"))}
    assert len(decisions) == 22
    assert decisions["2025-004"] == {"id": "2025-004", "title": "使用专项维修资金维修 3 栋屋面防水",
                                     "date": "2025-05-10", "body": "owners_assembly", "status": "done",
                                     "passed": True, "budget": "86000.00", "spent": "84600.00"}
    assert decisions["2025-005"]["passed"] is False and decisions["2026-004"]["passed"] is None
    assert decisions["2026-006"]["budget"] is None and decisions["2026-006"]["spent"] == "0.00"


def test_decision_page_spells_out_the_vote(site):
    page = html(site, "decisions/2025-005.html")
    assert "同意的户数占参与户数 128/190（67.37%），需要至少 3/4（75.00%）" in page
    assert "未通过" in page and "<strong>不通过</strong>" in page


def test_money_has_thousands_separators(site):
    assert "589,880.86" in html(site, "index.html")
    assert "-41,600.00" in html(site, "finance/2025-08.html")


def test_nothing_is_loaded_from_another_host(site):
    for page in site.rglob("*.html"):
        text = re.sub(r'<link rel="canonical"[^>]*>', "", page.read_text(encoding="utf-8"))  # names, never loads
        loads = re.findall(r'<(?:script|img|link|iframe|source)\b[^>]*\b(?:src|href)="(https?:)?//', text)
        assert not loads, f"{page} loads from another host"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_printable_notice_and_feed(site):
    notice = html(site, "print/decision-2024-013.html")
    assert "@page { size: A4" in notice and "维修下水道盖板" in notice
    assert "业主委员会（盖章）" in notice and "本公示根据 2026 年" in notice and 'viewBox="0 0 ' in notice
    feed = html(site, "feed.xml")
    assert feed.count("<entry>") == 24 and "关于 10 月 25 日停水检修的通知" in feed


def test_chinese_search_index_is_segmented(site):
    index = json.loads(html(site, "search/search_index.json"))
    assert "\\u200b" in index["config"]["separator"] and index["config"]["lang"] != ["zh"]
    roof = [d for d in index["docs"] if d["location"].startswith("decisions/2025-004.html")]
    assert roof and any("\u200b防水" in d["text"] or "防水\u200b" in d["text"] for d in roof)


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped_everywhere(tmp_path):
    write_tree(tmp_path, {
        "records/units.yml": f'units:\n  - {{id: "1-1", name: \'{PAYLOAD}\', households: 6, area_m2: "600.00"}}\n'
                             '  - {id: "1-2", name: b, households: 4, area_m2: "400.00"}\n'
                             '  - {id: "1-3", name: c, households: 0, area_m2: "0.00"}\n'
                             '  - {id: "1-4", name: d, households: 0, area_m2: "0.00"}\n',
        "records/decisions/2024-001.yml": f"id: 2024-001\ntitle: '{PAYLOAD}'\ndate: 2024-02-01\nbody: council\n"
                                          "matter: ordinary\nstatus: decided\nsummary: |\n"
                                          f"  {PAYLOAD}\n\n  [click](javascript:alert(1))\n",
        "records/finance/2024/2024-03.yml": "month: 2024-03\nentries:\n"
                                            f"  - {{id: a, date: 2024-03-01, account: operating, amount: 5, "
                                            f"memo: '{PAYLOAD}', counterparty: '{PAYLOAD}'}}\n"
                                            'closing:\n  operating: "105.00"\n',
        "content/notices/x.md": f"---\ntitle: '{PAYLOAD}'\ndate: 2024-03-01\n---\n# hi\n\n{PAYLOAD}\n\n"
                                "[go](javascript:alert(1))\n",
    })
    problems, built = build(tmp_path, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in text and "<img src=x" not in text, page
        assert 'href="javascript:' not in text.lower(), page
    assert "&lt;script&gt;alert" in (tmp_path / "site/finance/2024-03.html").read_text(encoding="utf-8")


def test_a_build_with_errors_writes_nothing_and_keeps_the_old_site(tmp_path, capsys):
    write_tree(tmp_path, {"records/finance/2024/2024-03.yml": "month: 2024-03\nentries:\n"
                          "  - {id: a, date: 2024-03-01, account: operating, amount: 5}\n"
                          'closing:\n  operating: "1.00"\n'})
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("old site", encoding="utf-8")
    assert main(["build", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "records/finance/2024/2024-03.yml:5: error:" in out.out and "原来的网站保持不变" in out.err
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "old site"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sunlight-build")] == []


def test_one_line_mkdocs_yml_is_completed_and_kept(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": "site_name: 我们的小区\nsite_url: https://example.org/estate/\n"})
    problems, built = build(tmp_path, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "我们的小区" in home and 'rel="canonical" href="https://example.org/estate/' in home
    assert "<svg" in (tmp_path / "site/print/decision-2024-001.html").read_text(encoding="utf-8")


def test_broken_mkdocs_yml_is_a_located_error(tmp_path, capsys):
    write_tree(tmp_path, {"mkdocs.yml": "site_name: [unclosed\n"})
    assert main(["build", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().out.startswith("mkdocs.yml:")
    shutil.rmtree(tmp_path / ".sunlight", ignore_errors=True)


def test_text_a_spreadsheet_would_run_is_exported_as_text(tmp_path):
    from sunlight_gongshi.site.exports import entries_csv
    from sunlight_gongshi.validate import validate
    write_tree(tmp_path, {"records/finance/2024/2024-03.yml": (
        "month: 2024-03\nentries:\n"
        "  - {id: a1, date: 2024-03-05, account: operating, amount: -5, category: \"-维修\", counterparty: \"@物业\","
        " memo: '=HYPERLINK(\"http://x/\"&A1,\"点击\")'}\n"
        "  - {id: a2, date: 2024-03-06, account: operating, amount: 5, category: 停车, memo: 1+1}\n"
        "closing:\n  operating: \"100.00\"\n")})
    records, problems = validate(tmp_path, use_cache=False)
    assert problems == []
    rows = list(csv.DictReader(io.StringIO(entries_csv(records))))
    assert (rows[0]["category"], rows[0]["counterparty"], rows[0]["memo"]) == (
        "'-维修", "'@物业", "'=HYPERLINK(\"http://x/\"&A1,\"点击\")")
    assert (rows[0]["amount"], rows[1]["category"], rows[1]["memo"]) == ("-5.00", "停车", "1+1")


def test_mkdocs_failing_while_the_notices_are_written_leaves_the_old_site(tmp_path, capsys):
    """The printed notices are written while MkDocs runs; when MkDocs fails, the build says why at
    mkdocs.yml, the old site stays as it was and nothing of the failed build is left beside it."""
    write_tree(tmp_path, {"mkdocs.yml": "site_name: 我们的小区\n\nplugins:\n  - no-such-plugin\n"})
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("old site", encoding="utf-8")
    assert main(["build", "--root", str(tmp_path)]) == 1
    # At the setting's line, with what MkDocs said (not only that it gave up).
    assert [line for line in capsys.readouterr().out.splitlines() if "E-BUILD" in line] == [
        "mkdocs.yml:3: error: 生成网站失败：MkDocs 不接受 mkdocs.yml 里 plugins 这一项设置（Config value 'plugins': "
        'The "no-such-plugin" plugin is not installed），请改正或删去这一项  [E-BUILD]']
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "old site"
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sunlight-build")] == []
