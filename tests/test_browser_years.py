"""A community of many years in a real browser: a resident reaches an old decision, an old month
of books and an old request by taps from the home page, at most 3 taps each whatever the years;
the pages paged by year fit a 390 px phone and pass axe-core.

The community is the benchmarks' generator (benchmarks/community.py) at 8 years and a few units,
small enough to build in a test; its pages have the shape of the 20-year benchmark community's.
"""

from __future__ import annotations

import sys

import pytest

from builders import REPO
from test_browser import AXE, MEASURE, browser, open_page, serve  # noqa: F401  (browser: the fixture)

sys.path.insert(0, str(REPO / "benchmarks"))
from community import write_community  # noqa: E402

pytestmark = pytest.mark.browser
OLD = "2005"        # the community's first year of books
YEAR_PAGES = {"decisions": "decisions/index.html", "decisions of a year": f"decisions/years/{OLD}.html",
              "finance": "finance/index.html", "finance of a year": f"finance/{OLD}.html",
              "rankings": "rankings/index.html", "ranking of a year": f"rankings/{OLD}.html",
              "requests": "requests/index.html", "requests of a year": f"requests/{OLD}.html"}


@pytest.fixture(scope="module")
def years_base(tmp_path_factory):
    from sunlight_gongshi.build import build
    root = tmp_path_factory.mktemp("years")
    write_community(root / "community", years=8, units=8, entries=4, events=6, decisions=24, requests=3, activities=1,
                    first_year=int(OLD))
    problems, built = build(root / "community", root / "site", use_cache=False)
    assert built, [p.text() for p in problems if p.level == "error"]
    server = serve(root / "site")
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def tap(page, name: str, taps: list[str]) -> None:
    """One tap on the first link named `name` (exactly), as a finger would: scrolled to and clicked."""
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state("networkidle")
    taps.append(name)


def test_an_old_decision_is_three_taps_from_home(browser, years_base):
    context, page, _, errors = open_page(browser, years_base + "index.html", 390)
    try:
        taps: list[str] = []
        tap(page, "查看全部 33 项决议", taps)
        tap(page, f"{OLD} 年", taps)
        assert page.url == years_base + f"decisions/years/{OLD}.html"
        tap(page, "第 0 号决议：更换楼道照明与维修公共设施", taps)
        assert page.url == years_base + "decisions/D00000.html" and len(taps) == 3
        assert page.locator("h1").first.inner_text() == "第 0 号决议：更换楼道照明与维修公共设施"
        assert errors == []
    finally:
        context.close()


def test_an_old_month_of_books_is_three_taps_from_home(browser, years_base):
    context, page, _, errors = open_page(browser, years_base + "index.html", 390)
    try:
        taps: list[str] = []
        tap(page, "查看全部账目", taps)
        tap(page, f"{OLD} 年", taps)
        assert page.url == years_base + f"finance/{OLD}.html"
        tap(page, f"{OLD} 年 3 月", taps)
        assert page.url == years_base + f"finance/{OLD}-03.html" and len(taps) == 3
        assert page.locator("h1").first.inner_text() == f"{OLD} 年 3 月账目"
        assert errors == []
    finally:
        context.close()


def test_an_old_request_is_two_taps_from_home(browser, years_base):
    context, page, _, errors = open_page(browser, years_base + "index.html", 390)
    try:
        taps: list[str] = []
        tap(page, "全部诉求和办理天数", taps)
        tap(page, f"{OLD} 年", taps)
        assert page.url == years_base + f"requests/{OLD}.html" and len(taps) == 2
        request = page.locator(f"[id=\"{OLD}-03-R000\"]")
        request.scroll_into_view_if_needed()
        # A card scrolled to is drawn at the next frames (content-visibility: auto), as a finger's scroll sees it.
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert request.is_visible()
        assert request.locator("td").first.inner_text().startswith("楼道灯不亮")
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("kind", YEAR_PAGES)
def test_pages_paged_by_year_fit_a_phone_and_pass_axe(browser, years_base, kind):
    context, page, _, errors = open_page(browser, years_base + YEAR_PAGES[kind], 390, bypass_csp=True)
    try:
        found = page.evaluate(MEASURE)
        assert found["overflow"] <= 0 and found["cut"] == [], (found["overflow"], found["cut"][:5])
        assert found["table"] >= 14 and found["body"] >= 16
        if not AXE.exists():
            pytest.fail("axe-core is not installed: npm ci --prefix tests/browser (see README)")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        assert {v["id"]: [n["target"] for n in v["nodes"][:3]] for v in result["violations"]} == {}
        assert errors == []
    finally:
        context.close()


# Long tables (site/tables.py): a page, its table's first row, and the name each cell shows on a phone.
STACKED = {"ranking": (f"rankings/{OLD}-03.html", "table.sl-ranking tbody tr",
                       ['none', '"名次"', '"得分"', '"红旗"', '"加减分明细"']),
           "entries": (f"finance/{OLD}-03.html", "table.sl-entries tbody tr",
                       ['none', '"日期"', '"金额（元）"', '"账户"', '"类别"', '"对方"', '"依据"', '"凭证"']),
           "unit scores": ("units/001-1.html", "details[open] table.sl-scores tbody tr",   # the latest year open
                           ['none', '"得分"', '"名次"', '"红旗"'])}


@pytest.mark.parametrize("table", STACKED)
def test_a_stacked_cell_shows_its_columns_name_from_the_pages_css(browser, years_base, table):
    """A long table's cells carry no label of their own: on a phone each shows its column's name,
    written once in the page's <style>; on a desktop none does."""
    label = "(el) => getComputedStyle(el, '::before').content"
    path, rows, names = STACKED[table]
    for width, expected in ((390, names), (1280, ['none'] * len(names))):
        context, page, _, _ = open_page(browser, years_base + path, width)
        try:
            cells = page.locator(rows).first.locator("td")
            assert [cells.nth(i).evaluate(label) for i in range(len(names))] == expected
        finally:
            context.close()
