"""Hostile text in every text field of every record kind and in content/: escaped, and nothing runs."""

import pytest

from sunlight_gongshi.build import build
from builders import write_tree
from test_browser import browser, serve  # noqa: F401  (the browser fixture)

P = '<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>'
Q = P.replace("'", "''")
MD = (f"{P}\n\n[a](javascript:alert(4)) <iframe src=javascript:alert(5)></iframe> ![i](javascript:alert(6))"
      " [b](&#106;avascript:alert(7)) [c](javascript&#58;alert(8)) [d](javascript&colon;alert(9))"
      " [e](&amp;#106;avascript:alert(10)) [f](java&#x09;script:alert(11)) ![g](&#100;ata:image/svg+xml,x)")
# Attachment types a browser runs as a page, which a deny-list missed; none may be published.
ACTIVE = ("evil.shtml", "evil.xht", "evil.xhtm", "evil.svgz", "evil.html", ".htaccess", "evil.php", "evil")
TREE = {
    "records/community.yml": f"name: '{Q}'\nneighbourhood: '{Q}'\nhouseholds: 10\narea_m2: \"1000.00\"\n",
    "records/units.yml": f"units:\n  - {{id: \"1-1\", name: '{Q}', households: 6, area_m2: \"600.00\"}}\n"
                         "  - {id: \"1-2\", name: b, households: 4, area_m2: \"400.00\"}\n",
    "records/roster/committee.yml": f"body: committee\nname: '{Q}'\nterm: {{from: 2024-01-01, to: 2026-12-31}}\n"
                                    "members:\n" + "".join(f"  - {{name: '{Q}{i}', role: member, title: '{Q}', unit: \"1-1\"}}\n"
                                                           for i in range(5)),
    "records/decisions/2024-001.yml": f"id: 2024-001\ntitle: '{Q}'\ndate: 2024-02-01\nbody: committee\nmatter: ordinary\n"
                                      f"status: decided\nbudget: \"8000.00\"\nstages:\n  - {{stage: '{Q}', date: 2024-01-20, by: '{Q}', note: '{Q}'}}\n"
                                      "vote: {members: 5, for: 3, against: 1, abstain: 1}\nsummary: |\n"
                                      + "".join(f"  {line}\n" for line in MD.splitlines()),
    "records/finance/accounts.yml": f"accounts:\n  - {{id: operating, name: '{Q}', kind: operating, opened: 2024-01-01, opening_balance: \"100.00\"}}\n"
                                    "  - {id: revenue, name: r, kind: public_revenue, opened: 2024-01-01, opening_balance: \"0.00\"}\n",
    "records/finance/2024/2024-03.yml": f"month: 2024-03\nentries:\n  - {{id: a1, date: 2024-03-05, account: operating, amount: -5, "
                                        f"category: '{Q}', counterparty: '{Q}', memo: '{Q}', decision: 2024-001}}\n"
                                        "closing:\n  operating: \"95.00\"\n",
    "records/scores/rubric.yml": "versions:\n  - effective_from: 2024-01\n    base: 100\n    flags: 1\n    annual_awards: 1\n"
                                 f"    items:\n      - {{code: v, category: '{Q}', label: '{Q}', points: 2}}\n",
    "records/scores/2024/2024-03.yml": f"month: 2024-03\nevents:\n  - {{unit: \"1-1\", item: v, date: 2024-03-02, note: '{Q}'}}\n",
    "content/notices/x.md": f"---\ntitle: '{Q}'\ndate: 2024-03-01\n---\n# {P}\n\n{MD}\n",
    "mkdocs.yml": f"site_name: '{Q}'\ncopyright: '{Q}<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">'\n",
    **{f"records/files/{name}": f"<script>alert(12)</script>{P}" for name in ACTIVE},
    "records/files/minutes.pdf": b"%PDF-1.4\n",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    write_tree(root, TREE)
    problems, built = build(root, root / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    return root / "site"


def test_payloads_are_escaped_in_every_page(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = page.read_text(encoding="utf-8").lower()
        for raw in ("<script>alert", "<img src=x", "<svg onload", "<iframe", 'href="javascript:', 'src="javascript:',
                    '<meta http-equiv="refresh"'):
            assert raw not in html, f"{page}: {raw}"
    assert "&lt;script&gt;alert(1)" in (hostile_site / "finance/2024-03.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_no_payload_runs_in_a_browser(hostile_site, browser):
    server = serve(hostile_site)
    base = f"http://127.0.0.1:{server.server_port}/"
    dialogs = []
    try:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html")):
            page.goto(base + path, wait_until="load")
            for link in page.query_selector_all("a"):
                href = (link.get_attribute("href") or "").strip().lower()
                assert not href.startswith("javascript:"), path
        context.close()
    finally:
        server.shutdown()
    assert dialogs == []


def test_only_allowed_attachment_types_are_published(hostile_site):
    assert (hostile_site / "files/minutes.pdf").exists()
    assert not [name for name in ACTIVE if (hostile_site / "files" / name).exists()]


@pytest.mark.parametrize("url", ["&#106;avascript:alert(1)", "javascript&#58;alert(1)", "javascript&colon;alert(1)",
                                 "javascript&#58alert(1)", "&amp;#106;avascript:x", "&amp;amp;#106;avascript:x",
                                 "java&#x09;script:x", "&#x6A;avascript&#x3A;x", "&#100;ata:text/html,x", "vbscript&colon;x"])
def test_links_are_checked_as_the_browser_decodes_them(url):
    from sunlight_gongshi.site.mdsafe import render, safe_url
    assert not safe_url(url)
    assert "href" not in render(f"[a]({url})")


def test_ordinary_links_stay(tmp_path):
    from sunlight_gongshi.site.mdsafe import safe_url
    for url in ("https://example.org/a?b=1&c=2", "#top", "files/a.pdf", "../notices/x.html", "mailto:a@b.org", "a&amp;b.html"):
        assert safe_url(url), url


def test_direction_overrides_never_reach_a_page():
    from sunlight_gongshi.site.mdsafe import render, split_front_matter
    assert "\u202e" not in render("退款 \u202e00.005 元") and "00.005" in render("退款 \u202e00.005 元")
    meta, body = split_front_matter("---\ntitle: 通知\u2066x\u2069\n---\n正文\u202d\n")
    assert meta["title"] == "通知x" and body == "正文\n"
