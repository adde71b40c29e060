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


def test_a_full_build_writes_the_notices_in_two_background_processes_as_one_would_after_mkdocs(tmp_path, monkeypatch):
    import filecmp
    import os

    from builders import REPO
    from sunlight_gongshi.build import build
    from sunlight_gongshi.site.output import output as outputs
    writers = tmp_path / "writers"   # the halves run in two processes: each notes its pid and priority
    real_put = outputs.FullBuild.put

    def put(self, folder, rel, inputs, produce, kind="docs"):
        if rel.startswith("print/"):
            with open(writers, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}:{os.nice(0)}\n")
        return real_put(self, folder, rel, inputs, produce, kind)
    monkeypatch.setattr(outputs.FullBuild, "put", put)
    assert build(REPO, tmp_path / "two", use_cache=False)[1]
    pids = writers.read_text(encoding="utf-8").split()
    # Two processes, neither the build's, both at the lowest priority: they use what the build leaves idle.
    assert len(set(pids)) == 2 and str(os.getpid()) not in {pid.split(":")[0] for pid in pids}
    assert {pid.split(":")[1] for pid in pids} == {"19"}
    # One process, one notice after the other, into the site after MkDocs (as a rebuild writes them):
    monkeypatch.setattr(outputs.FullBuild, "at_once", outputs.Output.at_once)
    monkeypatch.setattr(outputs.FullBuild, "alongside", outputs.Output.alongside)
    assert build(REPO, tmp_path / "one", use_cache=False)[1]
    two = sorted(p.relative_to(tmp_path / "two").as_posix() for p in (tmp_path / "two").rglob("*") if p.is_file())
    one = sorted(p.relative_to(tmp_path / "one").as_posix() for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert two == one and len([n for n in two if n.startswith("print/")]) == len(pids) > 20
    assert [n for n in two if not filecmp.cmp(tmp_path / "two" / n, tmp_path / "one" / n, shallow=False)] == []


def test_a_failure_writing_the_notices_stops_the_build_and_leaves_the_old_site(tmp_path, monkeypatch):
    from builders import REPO
    from sunlight_gongshi.build import build
    from sunlight_gongshi.site import printable

    def broken(folder, site, site_url):
        raise ValueError("坏了")
    monkeypatch.setattr(printable, "write_printables", broken)
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("old site", encoding="utf-8")
    with pytest.raises(RuntimeError) as raised:
        build(REPO, tmp_path / "site", use_cache=False)
    assert str(raised.value) == "生成网站时出错：ValueError: 坏了"
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_failing_before_the_notices_are_done_stops_their_process(tmp_path, monkeypatch):
    import os
    import time

    from builders import REPO
    from sunlight_gongshi import build as stages
    from sunlight_gongshi.site import printable
    started = tmp_path / "notices-pid"

    def slow(folder, site, site_url):
        started.write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(600)

    def failing(docs, root, site):   # once the notices' process is under way
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise OSError("磁盘满了")
    monkeypatch.setattr(printable, "write_printables", slow)
    monkeypatch.setattr(stages, "generate_docs", failing)
    with pytest.raises(OSError, match="磁盘满了"):
        stages.build(REPO, tmp_path / "site", use_cache=False)
    pid = int(started.read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):   # killed and reaped: no process of that number is left
        os.kill(pid, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notices-pid"]


def test_a_month_notice_shows_each_entry_escaped_once_and_measured_as_printed():
    """The entries' rows of a month's notice, built in Python: a memo with "&" and "<" reads as
    written (it was escaped twice: "&amp;amp;"), its lines kept; every row is as tall as the
    measure of its printed HTML says."""
    from datetime import date
    from decimal import Decimal
    from types import SimpleNamespace as Entry

    from sunlight_gongshi.site import sheets
    from sunlight_gongshi.site.printable import entry_rows
    widths = sheets.COLUMNS["entries"]
    pump = Entry(id="a1", date=date(2024, 3, 5), memo="水泵 & 阀门 <维修>\n  第二行，" + "很长的说明" * 12 + "  ",
                 category="维修", counterparty="张三 & 李四", amount=Decimal("-1234.50"), transfer=None,
                 emergency=True, decision="2024-001", award=None)
    parking = Entry(id="a2", date=date(2024, 3, 6), memo=None, category="停车", counterparty=None,
                    amount=Decimal("300.00"), transfer=None, emergency=False, decision=None, award=Entry(year=2025))
    rows = entry_rows([pump, parking], {"a1": [Entry(summary="楼道灯 <坏了> & 没人修")]}, widths, "zh")
    assert [str(row) for row, _ in rows] == [
        '<tr><td class="date">2024-03-05</td><td>水泵 &amp; 阀门 &lt;维修&gt;<br>  第二行，' + "很长的说明" * 12
        + '</td><td>张三 &amp; 李四</td><td class="num">-1,234.50</td><td><span class="flag">紧急使用维修资金</span><br>'
        '决议 <span class="nw">2024-001</span><br>诉求：楼道灯 &lt;坏了&gt; &amp; 没人修</td></tr>',
        '<tr><td class="date">2024-03-06</td><td>停车</td><td></td><td class="num">+300.00</td><td>2025 年度奖励</td></tr>']
    assert [round(height, 3) for _, height in rows] == [42.705, 14.13]
    assert [height for _, height in rows] == [sheets.row_height(sheets.html_row_lines(row, list(widths.values())))
                                              for row, _ in rows]


def test_the_hostile_month_notice_prints_the_memo_as_written(tmp_path):
    from builders import write_tree
    from sunlight_gongshi.build import build
    from markupsafe import escape

    from test_hostile_site import P, TREE
    write_tree(tmp_path, TREE)
    assert build(tmp_path, tmp_path / "site", use_cache=False)[1]
    notice = (tmp_path / "site/print/finance-2024-03.html").read_text(encoding="utf-8")
    once = str(escape(P))   # &lt;script&gt;alert(1)… : the memo and the counterparty, as written
    assert f'<td class="date">2024-03-05</td><td>{once}</td><td>{once}</td>' in notice
    assert "&amp;lt;" not in notice and "<script>" not in notice
