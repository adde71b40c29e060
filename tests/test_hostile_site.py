"""Hostile text in every text field of every record kind and in content/: escaped, and nothing runs."""

import pytest

from sunlight_gongshi.build import build
from builders import write_tree
from test_browser import browser, serve  # noqa: F401  (the browser fixture)

P = '<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>'
Q = P.replace("'", "''")
MD = f"{P}\n\n[a](javascript:alert(4)) <iframe src=javascript:alert(5)></iframe> ![i](javascript:alert(6))"
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
        for raw in ("<script>alert", "<img src=x", "<svg onload", "<iframe", 'href="javascript:', 'src="javascript:'):
            assert raw not in html, f"{page}: {raw}"
    assert "&lt;script&gt;alert(1)" in (hostile_site / "finance/2024-03.html").read_text(encoding="utf-8")


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
