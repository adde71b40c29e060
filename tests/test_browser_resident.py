"""The demo as an elderly resident uses it, on a 390 px phone and on a 360 px one with WeChat's large
text (every font size 1.5 times, as Android's text zoom does): my building in two taps from home,
what a shared decision says, search that answers pasted text, and the deeds under each pledge."""

from __future__ import annotations

import pytest

from test_browser import MEASURE, PAGE_TYPES, base, browser, open_page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

PHONES = [pytest.param(390, 1.0, id="390px"), pytest.param(360, 1.5, id="360px-large-text")]
# Android's text zoom (WeChat's 字体大小 "大"): every element's computed size times the factor.
LARGE_TEXT = """factor => {
  const all = [...document.querySelectorAll("body, body *")];
  const sizes = all.map(el => parseFloat(getComputedStyle(el).fontSize));
  all.forEach((el, i) => { el.style.fontSize = (sizes[i] * factor) + "px"; });
}"""


def phone(browser, url: str, width: int, text: float, **options):  # noqa: F811
    context, page, requests, errors = open_page(browser, url, width, **options)
    if text != 1:
        page.evaluate(LARGE_TEXT, text)
    return context, page, requests, errors


def tap(page, locator) -> None:
    """A resident's tap: the target is visible and at least 44 px tall, then it is touched."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box and box["height"] >= 44 and box["width"] >= 44, box
    locator.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width, text", PHONES)
def test_my_building_is_two_taps_from_home(browser, base, width, text):  # noqa: F811
    context, page, _, _ = phone(browser, base + "index.html", width, text)
    try:
        card = page.locator(".md-content a[href='units/index.html']")
        assert card.bounding_box()["y"] < 844 * 1.5, "我的楼栋 is near the top of the home page"
        tap(page, card)                                                   # 1
        assert page.url == base + "units/index.html" and page.locator("h1").inner_text() == "我的楼栋"
        if text != 1:
            page.evaluate(LARGE_TEXT, text)
        tap(page, page.locator(".sl-units a", has_text="3栋3单元"))        # 2
        assert page.url == base + "units/3-3.html"
        requests = page.locator("xpath=//h2[@id='requests']/following::table[1]").inner_text()
        assert "3 栋 3 单元信报箱损坏" in requests and "用了 16 天" in requests
        latest = page.locator("details.sl-year").first
        assert latest.get_attribute("open") is not None and "2026 年" in latest.locator("summary").inner_text()
        assert page.locator("details.sl-year[open]").count() == 1
        assert page.evaluate(MEASURE)["overflow"] <= 0
    finally:
        context.close()


@pytest.mark.parametrize("width, text", PHONES)
def test_the_drawer_offers_my_building(browser, base, width, text):  # noqa: F811
    context, page, _, _ = phone(browser, base + "finance/2025-08.html", width, text)
    try:
        tap(page, page.locator("label.sl-menu"))
        page.wait_for_timeout(400)
        link = page.locator(".md-nav--primary a", has_text="我的楼栋").first
        assert link.is_visible()
        tap(page, link)
        assert page.url == base + "units/index.html"
    finally:
        context.close()


@pytest.mark.parametrize("kind, title, description, picture", [
    ("decision-failed", "将东侧绿地改建为停车位（未通过）", "未通过：将东侧绿地改建为停车位（同意的户数 67.37%，不到四分之三）", "no"),
    ("decision-passed", "使用专项维修资金维修 3 栋屋面防水（通过）",
     "通过：使用专项维修资金维修 3 栋屋面防水（业主大会表决通过，同意的面积 88.56%）", "yes"),
])
@pytest.mark.parametrize("width, text", PHONES)
def test_a_shared_decision_says_its_outcome(browser, base, kind, title, description, picture, width, text):  # noqa: F811
    from PIL import Image
    import io
    context, page, _, _ = phone(browser, base + PAGE_TYPES[kind], width, text)
    try:
        meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("meta[property^='og:'], meta[itemprop], meta[name=description]")]
                                .map(m => [m.getAttribute("property") || m.getAttribute("itemprop") || m.getAttribute("name"), m.content]))""")
        assert meta["og:title"] == meta["name"] == title
        assert meta["og:description"] == meta["description"] == description
        assert meta["og:image"] == meta["image"] == f"https://example.org/qingchuan/share/{picture}.png"
        assert page.title().startswith(title)
        # the picture is on the site, a small PNG of the size the tags say
        shot = page.request.get(base + f"share/{picture}.png")
        assert shot.ok and len(shot.body()) < 20_000
        assert Image.open(io.BytesIO(shot.body())).size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
        # and the page itself says it first, in words, on screen
        answer = page.locator(".sl-verdict-head").first.inner_text()
        assert answer.startswith("未通过" if picture == "no" else "业主大会表决通过"), answer
    finally:
        context.close()


@pytest.mark.parametrize("how", ["paste", "voice-or-ime"])
@pytest.mark.parametrize("width, text", PHONES)
def test_search_answers_pasted_text(browser, base, how, width, text):  # noqa: F811
    context, page, _, _ = phone(browser, base + "index.html", width, text,
                                permissions=["clipboard-read", "clipboard-write"])
    try:
        tap(page, page.locator("label.md-header__button[for='__search']"))
        box = page.locator(".md-search__input")
        box.focus()
        if how == "paste":
            page.evaluate("navigator.clipboard.writeText('防水')")
            page.keyboard.press("Control+V")     # no key event carries the text itself
        else:
            page.keyboard.insert_text("防水")    # text arrives by an input event alone, as voice and an IME send it
        assert box.input_value() == "防水"
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert "屋面防水" in page.inner_text(".md-search-result").replace("\u200b", "")
    finally:
        context.close()


@pytest.mark.parametrize("width, text", PHONES)
def test_each_deed_is_under_its_pledge_with_its_date(browser, base, width, text):  # noqa: F811
    context, page, _, _ = phone(browser, base + "pledges.html", width, text)
    try:
        deed = page.locator("ul.sl-deeds li", has_text="为独居老人修理水龙头").first
        assert deed.is_visible() and deed.inner_text() == "2026-01-18 为独居老人修理水龙头"
        pledge = deed.locator("xpath=ancestor::table/preceding::p[contains(@class, 'sl-lead')][1]").inner_text()
        assert "每月为小区独居老人办 1 至 2 件实事" in pledge
        found = page.evaluate(MEASURE)
        assert found["overflow"] <= 0 and found["cut"] == [], found
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_fits_360_px_with_large_text(browser, base, kind):  # noqa: F811
    context, page, _, _ = phone(browser, base + PAGE_TYPES[kind], 360, 1.5)
    try:
        found = page.evaluate(MEASURE)
        assert found["overflow"] <= 0, f"{kind} is {found['overflow']}px wider than 360 px with large text"
        assert found["cut"] == [], f"{kind}: text cut off at the right edge: {found['cut'][:5]}"
    finally:
        context.close()
