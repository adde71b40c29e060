"""The demo site in a real browser (Debian's chromium, driven by Playwright) as a resident sees it.

Every page type is opened on a 390 px phone and on a desktop: nothing scrolls sideways, no text is
cut off at the right edge, text is large enough, nothing loads from elsewhere, no script breaks
the Content-Security-Policy, and axe-core finds no accessibility violation. Screenshots are
written to build/screenshots/ (or $SUNLIGHT_SCREENSHOTS) for a person to look at.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from builders import REPO

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("SUNLIGHT_SCREENSHOTS", REPO / "build" / "screenshots"))
PAGE_TYPES = {
    "home": "index.html", "finance": "finance/index.html", "finance-month": "finance/2025-08.html",
    "account": "finance/accounts/maintenance.html", "decisions": "decisions/index.html",
    "decision-failed": "decisions/2025-005.html", "decision-passed": "decisions/2025-004.html",
    "people": "people.html", "rankings": "rankings/index.html", "ranking-month": "rankings/2025-09.html",
    "ranking-year": "rankings/2026.html", "unit": "units/3-3.html", "notices": "notices/index.html",
    "notice": "pages/notices/2026-10-water-outage.html", "guide": "pages/guide.html", "history": "audit.html",
    "open-data": "data.html", "print-decision": "print/decision-2025-004.html",
    "print-month": "print/finance-2025-08.html", "reviews": "reviews/index.html", "review": "reviews/2026-Q2.html",
    "decisions-year": "decisions/years/2025.html", "finance-year": "finance/2025.html",
    "print-report": "print/report-2025.html",
    "units": "units/index.html", "pledges": "pledges.html", "meetings": "meetings/index.html",
    "meeting": "meetings/2026-M10.html", "requests": "requests/index.html", "requests-year": "requests/2026.html",
    "report": "report/2025.html", "activities": "activities/index.html", "content": "pages/about.html",
    "rules": "pages/rules/owners-rules.html", "not-found": "404.html",
}
# Every element whose own text pokes out of the viewport on the right, and the smallest text sizes.
MEASURE = """() => {
  // Cards off the screen are drawn only when scrolled to (content-visibility: auto): draw every one, so
  // that a card far down the page is measured too.
  for (const el of document.querySelectorAll("body *"))
    if (getComputedStyle(el).contentVisibility === "auto") el.style.contentVisibility = "visible";
  const width = document.documentElement.clientWidth, cut = [];
  let body = 99, table = 99;
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden], .md-search, .md-sidebar, .md-tabs, .md-header, details:not([open]) > :not(summary), thead")) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) cut.push(el.tagName + " " + el.textContent.trim().slice(0, 40));
    const size = parseFloat(style.fontSize);
    if (el.closest(".sl td, .sl th, .sl-badge, .sl-redflag, code")) table = Math.min(table, size);
    else if (el.closest(".md-typeset .sl > p:not(.sl-note):not(.sl-lead):not(.sl-updated):not(.sl-back)")) body = Math.min(body, size);
  }
  return {overflow: document.scrollingElement.scrollWidth - innerWidth, cut, body, table};
}"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (see README)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base(demo_site, tmp_path_factory):
    """The demo served at the path of its site_url (/qingchuan/), where the 404 page's absolute links lead."""
    root = tmp_path_factory.mktemp("host")
    (root / "qingchuan").symlink_to(demo_site, target_is_directory=True)
    server = serve(root)
    yield f"http://127.0.0.1:{server.server_port}/qingchuan/"
    server.shutdown()


def open_page(browser, url: str, width: int, **options):
    context = browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=1, **options)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" or "Content Security" in m.text else None)
    page.goto(url, wait_until="networkidle")
    return context, page, requests, errors


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_fits_the_screen(browser, base, kind, width):
    path = PAGE_TYPES[kind]
    context, page, requests, errors = open_page(browser, base + path, width)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{kind}-{width}.png"), full_page=True)
        assert page.title()
        outside = [u for u in requests if not u.startswith(base) and not u.startswith("data:")]
        assert outside == [], f"requests left localhost: {outside}"
        assert errors == []
        found = page.evaluate(MEASURE)
        assert found["overflow"] <= 0, f"{path} is {found['overflow']}px wider than a {width}px screen"
        assert found["cut"] == [], f"{path}: text cut off at the right edge: {found['cut'][:5]}"
        if not path.startswith("print/"):
            assert found["table"] >= 14, f"{path}: table text of {found['table']}px"
            assert found["body"] >= 16, f"{path}: body text of {found['body']}px"
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 412])   # 412: the phone Lighthouse measures with
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_accessibility_violation(browser, base, kind, width):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: npm ci --prefix tests/browser (see README)")
    context, page, _, _ = open_page(browser, base + PAGE_TYPES[kind], width, bypass_csp=True)
    try:
        page.add_script_tag(path=str(AXE))
        # Lighthouse also checks that every tap target has room (WCAG 2.2's target size): so do we.
        result = page.evaluate("axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})")
        found = {v["id"]: [n["target"] for n in v["nodes"][:3]] for v in result["violations"]}
        assert found == {}, found
    finally:
        context.close()


def test_a_first_visit_downloads_no_search_index_and_no_sitemap(browser, base):
    context, page, requests, _ = open_page(browser, base + "index.html", 390)
    try:
        assert [u for u in requests if "/search/" in u or "workers/search." in u] == []
        assert [u for u in requests if "sitemap" in u] == []
    finally:
        context.close()


def test_chinese_search_finds_the_roof_decision_once_opened(browser, base):
    context, page, requests, _ = open_page(browser, base + "index.html", 1280)
    try:
        page.click(".md-search__input", timeout=5000)
        assert not [u for u in requests if "search_index" in u], "opening search alone should not load the index"
        page.keyboard.type("防水")
        page.keyboard.press("ArrowRight")  # an IME ends its input with key events; Material listens for them
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        results = page.inner_text(".md-search-result").replace("\u200b", "")
        assert "屋面防水" in results
        assert [u for u in requests if u.endswith("search/search_index.json")]
        assert all(u.startswith(base) for u in requests)
    finally:
        context.close()


def test_the_menu_button_says_what_it_is(browser, base):
    context, page, _, _ = open_page(browser, base + "finance/2025-08.html", 390)
    try:
        button = page.locator("label.sl-menu")
        assert button.is_visible() and "菜单" in button.inner_text()
        button.click()
        page.wait_for_timeout(400)
        assert page.locator(".md-nav--primary").get_by_text("决议").first.is_visible()
    finally:
        context.close()
