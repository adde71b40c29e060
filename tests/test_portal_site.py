"""The built portal: data/estates.json exactly per spec, the tables as Parquet, CSV and DuckDB, the
district figures recomputed here from the estates' exports, the pages as HTML, and a phone's view."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from estate_sites import exports, write_site
from sunlight_gongshi.portal.build import build_portal
from sunlight_gongshi.portal.figures import median

SEEDS = {"minghu": 3, "qingchuan": 4, "hexi": 5}


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    root = tmp_path_factory.mktemp("portal")
    for ident, seed in SEEDS.items():
        write_site(root / "sites" / ident, exports(seed), commit=f"{seed}" * 40)
    (root / "registry.yml").write_text(
        "estates:\n"
        "  - {id: minghu, name: 明湖苑小区, neighbourhood: 清河街道明湖社区, site: sites/minghu}\n"
        "  - {id: qingchuan, name: 晴川花园, neighbourhood: 清河街道明湖社区, site: sites/qingchuan}\n"
        "  - {id: hexi, name: 河西小区, neighbourhood: 清河街道河西社区, site: sites/hexi}\n"
        "  - {id: nowhere, name: \"<b>无</b>小区\", site: \"https://127.0.0.1:1/\"}\n", encoding="utf-8")
    problems, built, _ = build_portal(root / "registry.yml", timeout=5)
    assert built
    return root


def page(portal: Path, path: str) -> str:
    return (portal / "site" / path).read_text(encoding="utf-8")


def test_estates_json_is_exactly_the_spec(portal):
    found = json.loads(page(portal, "data/estates.json"))
    harvested = found[0]["harvested"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", harvested)
    assert found == [
        {"id": "minghu", "name": "明湖苑小区", "status": "ok", "commit": "3" * 40, "harvested": harvested,
         "reference_date": "2025-03-01", "reason": None},
        {"id": "qingchuan", "name": "晴川花园", "status": "ok", "commit": "4" * 40, "harvested": harvested,
         "reference_date": "2025-03-01", "reason": None},
        {"id": "hexi", "name": "河西小区", "status": "ok", "commit": "5" * 40, "harvested": harvested,
         "reference_date": "2025-03-01", "reason": None},
        {"id": "nowhere", "name": "<b>无</b>小区", "status": "unreachable", "commit": None, "harvested": None,
         "reference_date": None, "reason": found[3]["reason"]}]
    assert found[3]["reason"].startswith("https://127.0.0.1:1/data/manifest.json ")


def test_every_table_as_parquet_csv_and_duckdb_with_the_estate(portal):
    data = portal / "site" / "data"
    con = duckdb.connect(str(data / "portal.duckdb"), read_only=True)
    for table in ("finance_accounts", "finance_months", "entries", "rankings_months", "rankings_years", "decisions",
                  "meetings", "requests", "activities", "disclosure", "estates"):
        from_parquet = duckdb.sql(f"SELECT * FROM '{data / (table + '.parquet')}'").fetchall()
        assert con.execute(f"SELECT * FROM {table}").fetchall() == from_parquet
        with open(data / f"{table}.csv", encoding="utf-8", newline="") as handle:
            assert len(list(csv.reader(handle))) == len(from_parquet) + 1
    # finance_months.csv: each estate's rows in its export's order, money to the cent as published
    expected = ["estate,month,account,opening,income,expense,closing"]
    for ident, seed in sorted(SEEDS.items()):
        expected += [",".join([ident, *m.values()]) for m in exports(seed)["finance"]["months"]]
    assert page(portal, "data/finance_months.csv").splitlines() == expected
    rows = list(csv.DictReader(io.StringIO(page(portal, "data/entries.csv"))))
    assert [r["amount"] for r in rows if r["estate"] == "hexi"] == [e[3] for e in exports(5)["entries"]]
    assert con.execute("SELECT outcomes FROM meetings WHERE estate = 'hexi' AND id = '2024-M02'").fetchall() == [
        (["2024-002"],)]
    assert con.execute("SELECT status, reason IS NOT NULL FROM estates WHERE id = 'nowhere'").fetchall() == [
        ("unreachable", True)]


def expected_district() -> dict:
    disclosure, requests, days, meetings = Counter(), Counter(), Counter(), 0
    money = Counter()
    for seed in SEEDS.values():
        data = exports(seed)
        disclosure.update(d["status"] for d in data["disclosure"])
        requests.update(r["status"] for r in data["requests"])
        days.update(r["days"] for r in data["requests"] if r["status"] == "resolved")
        meetings += len(data["meetings"])
        for a in data["finance"]["accounts"]:
            money[a["kind"]] += Decimal(a["balance"])
    due = disclosure["on_time"] + disclosure["late"] + disclosure["overdue"]
    return {"pct": f"{(Decimal(disclosure['on_time'] * 100) / due).quantize(Decimal('0.1'))}%",
            "note": f"{disclosure['on_time']} / {due} 个已到期的公开期按时公开", "overdue": f"{disclosure['overdue']} 期",
            "open": f"{requests['open'] + requests['in_progress']} 件", "median": median(days),
            "meetings": f"{meetings} 次", "fund": f"{money['maintenance_fund']:,.2f}"}


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_district_page_figures(portal):
    expected = expected_district()
    shown = text(page(portal, "index.html"))
    assert "本页汇总 3 个小区在各自公示网站上公开的数据。共登记 4 个小区，其中 1 个没有通过核验或无法访问" in shown
    assert f"按时公开率 {expected['pct']} {expected['note']}" in shown
    assert f"逾期未公开 {expected['overdue']}" in shown
    assert f"未办结的诉求 {expected['open']}" in shown
    assert f"诉求办结天数（中位数） {expected['median'].normalize():f} 天" in shown
    assert f"召开会议 {expected['meetings']}" in shown
    assert f"专项维修资金 {expected['fund']} 元" in shown
    assert "街道、社区常问的问题 本季度谁没有公开账目" in shown
    assert 'href="list/problems-1.html"' in page(portal, "index.html")


def test_estate_pages_link_to_their_sites_and_escape_names(portal):
    minghu = page(portal, "estate/minghu.html")
    assert "<title>明湖苑小区 - 阳光公示 · 小区总览</title>" in minghu
    assert "公示网站所在的文件夹：<code>sites/minghu</code>" in minghu
    assert "提交 <code>333333333333</code>" in minghu
    nowhere = page(portal, "estate/nowhere.html")
    assert "&lt;b&gt;无&lt;/b&gt;小区" in nowhere and "<b>无</b>" not in nowhere
    assert '<a href="https://127.0.0.1:1/">进入本小区的公示网站</a>' in nowhere
    assert "无法访问：不计入任何数字" in nowhere
    assert "Content-Security-Policy" in minghu
    assert not (portal / "site" / "shell").exists()


def test_rankings_order_by_timeliness_and_resolution(portal):
    def share(seed):
        c = Counter(d["status"] for d in exports(seed)["disclosure"])
        return (-c["on_time"] / (c["on_time"] + c["late"] + c["overdue"]), c["overdue"])
    order = [ident for ident, _ in sorted(SEEDS.items(), key=lambda item: (share(item[1]), item[0]))]
    names = {"minghu": "明湖苑小区", "qingchuan": "晴川花园", "hexi": "河西小区"}
    board = page(portal, "list/timeliness-1.html")
    assert [m for m in re.findall(r'estate/(\w+)\.html">', board)] == order
    assert [names[i] for i in order][0] in text(page(portal, "rankings.html"))
    search = json.loads(page(portal, "search/search_index.json"))
    assert any(d["location"] == "estate/minghu.html" for d in search["docs"])
    assert not any("shell" in d["location"] for d in search["docs"])


PHONE_PAGES = ["index.html", "estate/minghu.html", "estate/nowhere.html", "list/all-1.html", "rankings.html",
               "estates.html", "data.html", "questions.html", "dictionary.html", "list/unpublished-1.html",
               "list/overdue-1.html", "list/fund-1.html", "list/terms-1.html", "list/open-1.html",
               "list/households-1.html"]


@pytest.fixture(scope="module")
def witnessed(tmp_path_factory):
    """A portal that witnessed a rewrite and an amendment: a git estate whose March books were
    rewritten after the portal saw them (rewritten, listed first), and a site without a chain whose
    every closed month changed between two harvests (33 month rows on the list)."""
    from test_portal_witness import Office, rewrite_march
    from test_witness import month_commit
    office = Office(tmp_path_factory.mktemp("witnessed"))
    for n in (1, 2, 3, 4):
        month_commit(office.root, n)
    office.publish()
    office.build()
    write_site(office.base / "sites/plain", exports(8), commit=None)
    rewrite_march(office)
    _problems, rows = office.build()
    assert (rows["qc"].status, rows["plain"].status, len(rows["plain"].amended)) == ("rewritten", "ok", 33)
    yield office.base
    office.server.shutdown()


WITNESS_PAGES = ["index.html", "estates.html", "estate/qc.html", "estate/plain.html", "list/amended-1.html",
                 "list/problems-1.html", "dictionary.html", "data.html"]
SHOT_PAGES = {"index.html": "home", "estate/qc.html": "rewritten-estate", "list/amended-1.html": "amended"}


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_portal_on_a_phone_and_a_desktop(portal, width):
    on_a_screen(portal / "site", PHONE_PAGES, width)


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_what_the_witness_found_on_a_phone_and_a_desktop(witnessed, width):
    """The rewritten estate at the top of the home page, its old and new figures, and the list of
    closed months changed: every figure visible, nothing scrolling sideways; screenshots taken."""
    from test_browser import SHOTS
    on_a_screen(witnessed / "site", WITNESS_PAGES, width, SHOTS / "portal-witness")


def on_a_screen(site: Path, paths: list[str], width: int, shots: Path | None = None) -> None:
    from test_browser import CHROMIUM, FLAGS, open_page, serve
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (see README)")
    from playwright.sync_api import sync_playwright
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for path in paths:
                context, view, requests, errors = open_page(browser, base + path, width)
                try:
                    if shots is not None and path in SHOT_PAGES:
                        shots.mkdir(parents=True, exist_ok=True)
                        view.screenshot(path=str(shots / f"{SHOT_PAGES[path]}-{width}.png"), full_page=True)
                    assert [u for u in requests if not u.startswith(base)] == [], path
                    assert errors == [], path
                    assert view.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
                    smallest = view.evaluate("Math.min(...[...document.querySelectorAll('.sl-table td, .sl-table th')]"
                                             ".filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize)))")
                    assert smallest >= 14, f"{path}: table text {smallest}px"
                    cards = view.evaluate("[...document.querySelectorAll('.sl-card')].map(e => e.getBoundingClientRect())"
                                          ".filter(r => r.right > window.innerWidth || r.width === 0).length")
                    assert cards == 0, f"{path}: a figure is cut off or hidden"
                    stacked = view.evaluate("[...document.querySelectorAll('.sl-card')].filter(e => getComputedStyle(e)"
                                            ".display !== 'flex').length")
                    assert stacked == 0, f"{path}: a card's label, figure and note run together on one line"
                    cut = view.evaluate("[...document.querySelectorAll('.sl-table td, .sl-card-value')]"
                                        ".filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1).length")
                    assert cut == 0, f"{path}: a figure is wider than its cell"
                finally:
                    context.close()
            browser.close()
    finally:
        server.shutdown()
