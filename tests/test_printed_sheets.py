"""Every printed notice, of the demo and of a long community, printed to A4 by headless Chromium: each
sheet it prints is one of its own sheets, and every sheet carries the seal line, the objection notice
(at least 12 pt) and a QR code that scans to the notice's page, continuation sheets (续页) included."""

from __future__ import annotations

import io
import re
import sys

import pytest

from builders import REPO
from test_browser import browser, open_page, serve  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

LONG_URL = "https://example.org/long/"
LONG_SUMMARY = "\n\n".join(
    [f"第 {i} 条：" + "业主委员会根据业主大会的授权，对小区公共部位的维修、养护和更新改造作出安排，" * 6 for i in range(1, 9)]
    + ["| 项目 | 金额（元） | 说明 |\n|---|---|---|\n"
       + "".join(f"| 第 {i} 项维修 | 12,345.{i:02d} | 按合同分期支付，验收合格后付清 |\n" for i in range(1, 40))]
    + ["\n".join(f"- 第 {i} 栋：更换楼道灯、修补外墙裂缝、疏通雨水管" for i in range(1, 30))])


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    """A community of a year with 100 entries a month and a decision whose summary runs to several sheets."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from community import write_community
    from sunlight_gongshi.build import build
    root = tmp_path_factory.mktemp("long")
    write_community(root, years=1, units=40, entries=100, events=20, decisions=8, requests=3)
    (root / "mkdocs.yml").write_text(f"site_name: 大型测试小区\nsite_url: {LONG_URL}\n", encoding="utf-8")
    summary = "".join("  " + line + "\n" if line else "\n" for line in LONG_SUMMARY.split("\n"))
    (root / "records/decisions/LONG.yml").write_text(
        "id: LONG\ntitle: 公共部位维修和更新改造的安排\ndate: 2005-03-01\nbody: committee\nmatter: ordinary\n"
        "status: done\nsummary: |\n" + summary, encoding="utf-8")
    problems, built = build(root, root / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    return root / "site"


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


# Each sheet: its place, whether its seal line, objection notice and QR code are there, the notice's size,
# the tables poking past the sheet's right edge (more than half a collapsed border) and the cells whose
# words overflow them, and the dates and amounts that wrap.
SHEETS = """() => [...document.querySelectorAll("section.sheet")].map(s => ({
  sub: s.querySelector(".sub").textContent,
  seal: !!s.querySelector(".foot .sign") && s.querySelector(".foot .sign").textContent.includes("（盖章）"),
  objection: parseFloat(getComputedStyle(s.querySelector(".foot .object")).fontSize) * 0.75,
  qr: !!s.querySelector(".foot .qr svg"),
  cut: [...s.querySelectorAll("table")].filter(t => t.getBoundingClientRect().right > s.getBoundingClientRect().right + 2)
       .length + [...s.querySelectorAll("td, th")].filter(c => c.scrollWidth > c.clientWidth + 1).length,
  wrapped: [...s.querySelectorAll("td.date, td.num")].filter(c => {
    const words = document.createRange(); words.selectNodeContents(c);
    return words.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(c).lineHeight); }).length,
}))"""


def print_all(browser, site) -> dict[str, list[dict]]:  # noqa: F811
    server = serve(site)
    found = {}
    try:
        context = browser.new_context()
        page = context.new_page()
        page.emulate_media(media="print")   # as page.pdf lays it out, for the measures too
        for notice in sorted((site / "print").glob("*.html")):
            page.goto(f"http://127.0.0.1:{server.server_port}/print/{notice.name}")
            pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
            sheets = page.evaluate(SHEETS)
            found[notice.name] = {"pages": pages, "sheets": sheets}
        context.close()
    finally:
        server.shutdown()
    return found


def assert_every_sheet_whole(found: dict) -> None:
    for name, notice in found.items():
        sheets = notice["sheets"]
        assert notice["pages"] == len(sheets), f"{name}: {notice['pages']} printed pages for {len(sheets)} sheets"
        for number, sheet in enumerate(sheets, 1):
            assert sheet["seal"] and sheet["qr"], (name, number, sheet)
            assert sheet["objection"] >= 12, (name, number, sheet["objection"])
            assert sheet["cut"] == 0 and sheet["wrapped"] == 0, (name, number, sheet)
            if len(sheets) > 1:
                place = f"第 1 页，共 {len(sheets)} 页" if number == 1 else f"续页 {number - 1}（第 {number} 页，共 {len(sheets)} 页）"
                assert place in sheet["sub"], (name, number, sheet["sub"])


def test_every_demo_notice_prints_on_one_sheet(browser, demo_site):  # noqa: F811
    found = print_all(browser, demo_site)
    assert len(found) == len(list((demo_site / "print").glob("*.html"))) >= 40
    assert_every_sheet_whole(found)
    assert {name: n["pages"] for name, n in found.items() if n["pages"] != 1} == {}


def test_a_long_month_and_a_long_decision_go_on_in_numbered_continuation_sheets(browser, long_site):  # noqa: F811
    found = print_all(browser, long_site)
    assert_every_sheet_whole(found)
    months = {name: n["pages"] for name, n in found.items() if name.startswith("finance-")}
    assert len(months) == 12 and all(pages >= 3 for pages in months.values()), months
    assert found["decision-LONG.html"]["pages"] >= 2
    assert all(n["pages"] == 1 for name, n in found.items() if name.startswith("decision-") and name != "decision-LONG.html")


@pytest.mark.parametrize("notice, page", [("finance-2005-06.html", "finance/2005-06.html"),
                                          ("decision-LONG.html", "decisions/LONG.html")])
def test_the_qr_code_on_a_continuation_sheet_scans_to_the_page(browser, long_site, notice, page):  # noqa: F811
    import zxingcpp
    from PIL import Image
    server = serve(long_site)
    context, tab, _, _ = open_page(browser, f"http://127.0.0.1:{server.server_port}/print/{notice}", 794)
    try:
        tab.emulate_media(media="print")
        last = tab.locator("section.sheet").last
        assert "续页" in last.locator(".sub").inner_text()
        shot = Image.open(io.BytesIO(last.screenshot()))
        assert [r.text for r in zxingcpp.read_barcodes(shot)] == [LONG_URL + page]
    finally:
        context.close()
        server.shutdown()


def test_the_printed_month_marks_an_emergency_use_and_keeps_the_request(demo_site):
    notice = (demo_site / "print/finance-2026-10.html").read_text(encoding="utf-8")
    assert '<span class="flag">紧急使用维修资金</span>' in notice
    assert "“紧急使用维修资金”：危及房屋安全的紧急情况" in notice
    assert "诉求：" in notice
