"""A resident's phone as a witness (record format section 8), in headless Chromium at 390 px.

One site address, four builds of one repository served there in turn: the phone visits, an
honest commit follows (no notice, only head.json and the last chain file fetched), the history is
rebuilt and republished at the same address (the notice appears at the top of every page, from the
entry's date, and passes axe), the reader dismisses it (it stays dismissed for that head), and a
second rewrite brings it back.  Screenshots go to $SUNLIGHT_SCREENSHOTS/witness (build/screenshots/).
The JavaScript link agrees with chain.py's on the chain's own entries.
"""

from __future__ import annotations

import json
import shutil

import pytest

from sunlight_gongshi.build import build
from sunlight_gongshi.chain import link
from sunlight_gongshi.history.audit import read_history
from test_browser import AXE, CHROMIUM, FLAGS, MEASURE, SHOTS, serve
from test_history import books, git
from test_witness import MONTHS, month_commit

pytestmark = pytest.mark.browser
WIDTH = 390


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        yield p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


class Estate:
    """A repository whose site, rebuilt after each change, is published at one address."""

    def __init__(self, root, www, work):
        self.root, self.www, self.work, self.builds = root, www, work, 0

    def publish(self):
        self.builds += 1
        site = self.work / f"build{self.builds}"
        problems, built = build(self.root, site, use_cache=False)
        assert built, [p.text() for p in problems]
        for child in list(self.www.iterdir()):
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(site, self.www, dirs_exist_ok=True)
        return json.loads((site / "data/chain/head.json").read_text())


@pytest.fixture(scope="module")
def estate(tmp_path_factory):
    work = tmp_path_factory.mktemp("phone")
    root, www = work / "estate", work / "www"
    root.mkdir()
    www.mkdir()
    git(root, "init", "-q", "-b", "main")
    for n in (1, 2, 3):
        month_commit(root, n)
    server = serve(www)
    yield Estate(root, www, work), f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def visit(page, url, requests):
    requests.clear()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)     # the witness runs after the page is shown
    return [u.split("/data/chain/")[1] for u in requests if "/data/chain/" in u]


def notice(page):
    box = page.locator("#sl-witness-notice")
    return box.inner_text() if box.count() else None


def shoot(page, name):
    folder = SHOTS / "witness"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def axe_violations(chromium, context, url):
    """axe-core on the page as this phone shows it (its storage carried over; axe is injected, so
    this one context runs without the site's Content-Security-Policy)."""
    other = chromium.new_context(viewport={"width": WIDTH, "height": 844}, bypass_csp=True,
                                 storage_state=context.storage_state())
    try:
        page = other.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_selector("#sl-witness-notice", timeout=5000)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
        return {v["id"]: [n["target"] for n in v["nodes"][:3]] for v in found}
    finally:
        other.close()


def test_the_phone_sees_honest_commits_quietly_and_a_rewrite_until_dismissed(chromium, estate):
    site, base = estate
    site.publish()
    context = chromium.new_context(viewport={"width": WIDTH, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        # 1. First visit: only the head is fetched and remembered.
        assert visit(page, base + "index.html", requests) == ["head.json"]
        stored = json.loads(page.evaluate("localStorage.getItem('sunlight-witness:' + new URL('./', location.href).href)"))
        assert (stored["head"]["seq"], stored["from"]) == (3, 3) and notice(page) is None
        assert visit(page, base + "finance/index.html", requests) == ["head.json"]

        # 2. An honest commit: the head moved; one chain file, links checked, no notice.
        month_commit(site.root, 4)
        site.publish()
        assert visit(page, base + "index.html", requests) == ["head.json", "0001.json"]
        assert notice(page) is None
        assert visit(page, base + "decisions/index.html", requests) == ["head.json"]

        # 3. The history rebuilt and republished at the same address: the notice, on every page.
        old_day = read_history(site.root).chain[3].date[:10]
        (site.root / MONTHS[3]).write_text(books("2024-04", [("e4", "4.00", "停车费")], "107.00"), encoding="utf-8")
        git(site.root, "commit", "-q", "-a", "--amend", "--no-edit", date="2024-05-02T10:00:00+08:00")
        rewritten = site.publish()
        assert visit(page, base + "index.html", requests) == ["head.json", "0001.json"]
        text = notice(page)
        assert text is not None and "本站的修改记录被改写了" in text
        y, m, d = old_day.split("-")
        assert f"本站公布的修改记录，从 {y} 年 {int(m)} 月 {int(d)} 日那一条起，与这部手机以前看到的不一样了。" in text
        assert page.locator("#sl-witness-notice a").get_attribute("href") == "audit.html#chain"
        measured = page.evaluate(MEASURE)
        assert measured["overflow"] <= 0 and measured["cut"] == []
        assert page.locator("#sl-witness-notice").bounding_box()["y"] == 0     # the top of the page
        shoot(page, "notice-home-390")
        assert visit(page, base + "finance/index.html", requests) == ["head.json"]   # known: no chain file again
        assert notice(page) is not None
        shoot(page, "notice-finance-390")
        assert axe_violations(chromium, context, base + "finance/index.html") == {}

        # 4. Dismissed: it stays dismissed for that head, on every page.
        page.locator("#sl-witness-notice button").click()
        assert notice(page) is None
        assert visit(page, base + "finance/index.html", requests) == ["head.json"] and notice(page) is None
        assert visit(page, base + "index.html", requests) == ["head.json"] and notice(page) is None
        shoot(page, "dismissed-home-390")
        stored = json.loads(page.evaluate("localStorage.getItem('sunlight-witness:' + new URL('./', location.href).href)"))
        assert stored["dismissed"] == rewritten["link"] and stored["head"]["seq"] == 4

        # 5. Rewritten again, from before this phone's first visit: the notice is back, without a date.
        git(site.root, "rebase", "-q", "-i", "--root",
            env={"GIT_SEQUENCE_EDITOR": "sed -i '1s/^pick/reword/'", "GIT_EDITOR": "sed -i '1s/.*/一月账目（改）/'"})
        site.publish()
        visit(page, base + "index.html", requests)
        text = notice(page)
        assert text is not None and "（从它第一次看到的那一条或更早起）" in text
        shoot(page, "notice-undated-390")
        assert errors == []
    finally:
        context.close()


def test_without_scripts_or_storage_the_page_reads_as_before(chromium, estate):
    site, base = estate
    if not (site.www / "index.html").exists():
        site.publish()
    for options, init in (({"java_script_enabled": False}, None),
                          # Storage that refuses to keep anything (a private window, a full quota)
                          ({}, "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }")):
        context = chromium.new_context(viewport={"width": WIDTH, "height": 844}, **options)
        if init:
            context.add_init_script(init)
        page = context.new_page()
        errors, requests = [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        try:
            page.goto(base + "index.html", wait_until="networkidle")
            page.wait_for_timeout(300)
            assert page.locator("#sl-witness-notice").count() == 0 and page.title()
            assert not [u for u in requests if "/data/chain/" in u] and errors == []
        finally:
            context.close()


def test_the_browsers_link_is_chain_py_s(chromium, estate):
    site, base = estate
    if not (site.www / "index.html").exists():
        site.publish()
    entries = read_history(site.root).chain
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(base + "index.html", wait_until="networkidle")
        vectors = [[previous.link if previous else "0" * 64, e.commit, e.records]
                   for previous, e in zip((None,) + entries[:-1], entries)]
        vectors += [["0" * 64, "中文 and\nnewline", ""], ["", "", ""]]     # any text, as UTF-8
        computed = page.evaluate("v => Promise.all(v.map(a => window.SunlightWitness.link(a[0], a[1], a[2])))", vectors)
        assert computed[:len(entries)] == [e.link for e in entries]
        assert computed == [link(*v) for v in vectors]
    finally:
        context.close()
