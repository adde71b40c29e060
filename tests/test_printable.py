"""Printed notices for the notice board: the QR code a resident scans leads to the notice's own page."""

import io

import pytest

from test_browser import base, browser, open_page  # noqa: F401  (fixtures)

SITE_URL = "https://example.org/qingchuan/"   # the demo's mkdocs.yml


@pytest.mark.browser
@pytest.mark.parametrize("notice, page", [("print/decision-2025-004.html", "decisions/2025-004.html"),
                                          ("print/finance-2025-08.html", "finance/2025-08.html")])
def test_the_printed_qr_code_scans_to_the_page(browser, base, notice, page):
    import zxingcpp
    from PIL import Image
    # An A4 page at about 100 dpi, the way a phone camera sees a printed sheet from arm's length.
    context, tab, _, _ = open_page(browser, base + notice, 794)
    try:
        tab.emulate_media(media="print")
        code = tab.locator(".qr svg")
        box = code.bounding_box()
        assert box["width"] >= 150 and abs(box["width"] - box["height"]) < 1, box   # 42 mm, square, not clipped
        shot = Image.open(io.BytesIO(tab.screenshot(full_page=True)))
        found = zxingcpp.read_barcodes(shot)
        assert [r.text for r in found] == [SITE_URL + page]
    finally:
        context.close()


def test_a_notice_has_a_stamp_and_date_block_and_the_data_version_in_words(demo_site):
    notice = (demo_site / "print/decision-2025-004.html").read_text(encoding="utf-8")
    assert "业主大会表决通过" in notice   # the answer first, as on the site
    assert "晴川花园小区业主委员会（盖章）<br>2025 年 5 月 11 日" in notice
    assert "本公示根据 2026 年" in notice and "登记的记录生成" in notice
    assert 'viewBox="0 0 ' in notice and "width=" not in notice.split('class="qr-code"')[0].rsplit("<svg", 1)[1]


def test_a_full_build_writes_the_notices_in_two_processes_while_mkdocs_runs_as_one_would(tmp_path, monkeypatch):
    import filecmp
    import os

    from builders import REPO
    from sunlight_gongshi.build import build
    from sunlight_gongshi.site.output import output as outputs
    writers = tmp_path / "writers"   # the halves run in two processes: each notes its pid in a file
    real_put = outputs.FullBuild.put

    def put(self, folder, rel, inputs, produce, kind="docs"):
        if rel.startswith("print/"):
            with open(writers, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
        return real_put(self, folder, rel, inputs, produce, kind)
    monkeypatch.setattr(outputs.FullBuild, "put", put)
    assert build(REPO, tmp_path / "two", use_cache=False)[1]
    pids = writers.read_text(encoding="utf-8").split()
    assert len(set(pids)) == 2 and str(os.getpid()) in pids
    # One process, one notice after the other, into the site after MkDocs (as a rebuild writes them):
    monkeypatch.setattr(outputs.FullBuild, "at_once", outputs.Output.at_once)
    monkeypatch.setattr(outputs.FullBuild, "beside_mkdocs", outputs.Output.beside_mkdocs)
    assert build(REPO, tmp_path / "one", use_cache=False)[1]
    two = sorted(p.relative_to(tmp_path / "two").as_posix() for p in (tmp_path / "two").rglob("*") if p.is_file())
    one = sorted(p.relative_to(tmp_path / "one").as_posix() for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert two == one and len([n for n in two if n.startswith("print/")]) == len(pids) > 20
    assert [n for n in two if not filecmp.cmp(tmp_path / "two" / n, tmp_path / "one" / n, shallow=False)] == []
