"""The demo site in a real browser (Debian's chromium, driven by Playwright) as a resident sees it.

Screenshots are written to build/screenshots/ (or $SUNLIGHT_SCREENSHOTS) for a person to look at.
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

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
PAGES = ["index.html", "finance/2025-08.html", "rankings/2025-09.html", "decisions/2025-005.html"]
SHOTS = Path(os.environ.get("SUNLIGHT_SCREENSHOTS", REPO / "build" / "screenshots"))


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
def base(demo_site):
    server = serve(demo_site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def open_page(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url, wait_until="networkidle")
    return context, page, requests, errors


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_locally_and_fits_the_screen(browser, base, path, width):
    context, page, requests, errors = open_page(browser, base + path, width)
    try:
        assert page.title()
        outside = [u for u in requests if not u.startswith(base) and not u.startswith("data:")]
        assert outside == [], f"requests left localhost: {outside}"
        assert not [u for u in requests if "sitemap" in u], "a first visit must not download the sitemap"
        assert errors == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{path.replace('/', '_')[:-5]}-{width}.png"), full_page=True)
    finally:
        context.close()


def test_chinese_search_finds_the_roof_decision(browser, base):
    context, page, requests, _ = open_page(browser, base + "index.html", 1280)
    try:
        page.click(".md-search__input", timeout=5000)
        page.keyboard.type("防水")
        page.keyboard.press("ArrowRight")  # an IME ends its input with key events; Material listens for them
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        results = page.inner_text(".md-search-result").replace("\u200b", "")
        assert "屋面防水" in results
        assert all(u.startswith(base) for u in requests)
    finally:
        context.close()
