"""Lighthouse on the pages a resident opens most and shares (home, a decision, a unit, a printed
notice): 100 for accessibility, best practices and SEO.  Performance is a figure of the machine as
much as of the site, so it is measured by benchmarks/bench_phone.py, not asserted here."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from builders import REPO
from test_browser import CHROMIUM, FLAGS, base  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

LIGHTHOUSE = REPO / "tests/browser/node_modules/lighthouse/cli/index.js"
CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.mark.parametrize("path", ["index.html", "decisions/2025-005.html", "units/3-3.html",
                                  "print/decision-2025-004.html"])
def test_lighthouse_gives_100_for_accessibility_best_practices_and_seo(base, path, tmp_path):  # noqa: F811
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is not installed: npm ci --prefix tests/browser (see README)")
    out = tmp_path / "report.json"
    subprocess.run(["node", str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(['--headless', *FLAGS])}"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    failing = {c: sorted(ref["id"] for ref in report["categories"][c]["auditRefs"]
                         if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
                         and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric"))
               for c in CATEGORIES}
    assert {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES} == dict.fromkeys(CATEGORIES, 100), failing
