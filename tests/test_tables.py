"""Long tables built in Python (site/tables.py, the rankings' rows): record text escaped in every
cell, each column labelled once in the page's CSS, and the rows the templates' loops wrote."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace as NS

from sunlight_gongshi.site.pages.rankings import MonthRows, YearRows
from sunlight_gongshi.site.tables import Links, labels, row

HOSTILE = 'A&B <script>alert("x")</script>'


def test_labels_are_one_rule_a_column_and_no_word_can_end_the_string_or_the_style():
    assert labels("sl-x", [None, "名次", 'a"b</style>\\c', None, "Days (median)"]) == (
        '<style>@media screen and (max-width: 44.9375em){'
        '.md-typeset .sl-table table.sl-cols.sl-x td:nth-child(2)::before{content:"名次"}'
        '.md-typeset .sl-table table.sl-cols.sl-x td:nth-child(3)::before{content:"a\\22 b\\3c \\2f style\\3e \\5c c"}'
        '.md-typeset .sl-table table.sl-cols.sl-x td:nth-child(5)::before{content:"Days \\28 median\\29 "}}</style>')


def test_a_row_joins_safe_cells_as_the_loops_did():
    assert row(["<a>1</a>", "2", ""], ' class="sl-flagged"') == '<tr class="sl-flagged"><td><a>1</a></td> <td>2</td> <td></td></tr>'


def _month():
    items = (NS(code="clean", label=HOSTILE, points=3, veto=False), NS(code="fire", label="堆放杂物", points=None, veto=True))
    rows = (NS(unit="1-1", score=106, rank=1, flag=True, vetoed=False,
               events=(NS(item="clean", date=dt.date(2025, 9, 14), count=2, note="<b>好</b>"),)),
            NS(unit="1-2", score=100, rank=2, flag=False, vetoed=False, events=()),
            NS(unit="1-3", score=100, rank=None, flag=False, vetoed=True,
               events=(NS(item="fire", date=dt.date(2025, 9, 2), count=1, note=None),)))
    return NS(month="2025-09", version=NS(items=items), rows=rows)


def test_a_months_rows_escape_every_record_text():
    html = MonthRows(_month(), Links("units", {"1-1": HOSTILE, "1-2": "1栋2单元", "1-3": "1栋3单元"}), "zh")("../", ".html")
    assert html.splitlines() == [
        '<tr class="sl-flagged"><td><a href="../units/1-1.html">A&amp;B &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a></td>'
        ' <td>1</td> <td>106</td> <td><span class="sl-redflag">红旗</span></td>'
        ' <td>2025-09-14 A&amp;B &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; ×2（+6）：&lt;b&gt;好&lt;/b&gt;</td></tr>',
        '<tr><td><a href="../units/1-2.html">1栋2单元</a></td> <td>2</td> <td>100</td> <td></td> <td></td></tr>',
        '<tr><td><a href="../units/1-3.html">1栋3单元</a></td> <td>不排名</td> <td>100</td> <td>一票否决</td>'
        ' <td>2025-09-02 堆放杂物（否决）</td></tr>',
    ]


def test_a_months_rows_in_english_and_with_folder_links():
    html = MonthRows(_month(), Links("units", {"1-1": "A", "1-2": "B", "1-3": "C"}), "en")("../../", "/")
    assert '<a href="../../units/1-3/">C</a></td> <td>Not ranked</td> <td>100</td> <td>Vetoed</td>' in html
    assert '<span class="sl-redflag">Red flag</span>' in html


def test_a_years_rows_say_the_award_and_link_each_payment():
    year = NS(year="2025", rows=(NS(unit="1-1", rank=1, flags=5, total=1033, award=True),
                                 NS(unit="1-2", rank=2, flags=0, total=990, award=False)))
    paid = NS(date=dt.date(2026, 1, 30), amount=Decimal("-600.00"))
    payments = {("2025", "1-1"): (("2026-01", "2026-01-007", paid),)}
    html = YearRows(year, False, payments, Links("units", {"1-1": HOSTILE, "1-2": "1栋2单元"}), "zh")("../", ".html")
    assert html.splitlines() == [
        '<tr class="sl-flagged"><td><a href="../units/1-1.html">A&amp;B &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a></td>'
        ' <td>1</td> <td>5</td> <td>1033</td>'
        ' <td>获奖<br><a href="../finance/2026-01.html#2026-01-007">2026-01-30 已发 600.00 元</a></td></tr>',
        '<tr><td><a href="../units/1-2.html">1栋2单元</a></td> <td>2</td> <td>0</td> <td>990</td> <td></td></tr>',
    ]
    provisional = YearRows(year, True, {}, Links("units", {"1-1": "A", "1-2": "B"}), "zh")("../", ".html")
    assert '<td><span class="sl-badge sl-provisional">暂定获奖</span></td></tr>' in provisional


def test_a_units_year_of_scores_links_each_month_and_says_a_veto():
    from sunlight_gongshi.site.pages.units import ScoreRows
    scores = [("2025-09", NS(score=106, rank=1, flag=True)), ("2025-08", NS(score=90, rank=None, flag=False))]
    html = ScoreRows(Links("rankings", {"2025-09": "2025 年 9 月", "2025-08": HOSTILE}), "zh")(scores, "../", ".html")
    assert html.splitlines() == [
        '<tr><td><a href="../rankings/2025-09.html">2025 年 9 月</a></td> <td>106</td> <td>1</td>'
        ' <td><span class="sl-redflag">红旗</span></td></tr>',
        '<tr><td><a href="../rankings/2025-08.html">A&amp;B &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a></td>'
        ' <td>90</td> <td>一票否决</td> <td></td></tr>',
    ]
    english = ScoreRows(Links("rankings", {"2025-08": "August 2025"}), "en")(scores[1:], "../../", "/")
    assert english == '<tr><td><a href="../../rankings/2025-08/">August 2025</a></td> <td>90</td> <td>Vetoed</td> <td></td></tr>\n'


def test_a_months_entries_escape_every_record_text_and_link_their_basis():
    from sunlight_gongshi.site.pages.finance import EntryRows
    changed = NS(changed=NS(sha="b", date="2025-10-02T09:00:00+08:00"), introduced=NS(sha="a"))
    request = NS(id="2025-031", received=dt.date(2025, 8, 30), summary=HOSTILE)
    entries = [NS(id="2025-09-001", memo="电梯维修\n第二行 <b>", category="维修", date=dt.date(2025, 9, 3),
                  amount=Decimal("-1200.50"), transfer=None, account="maint", counterparty=HOSTILE,
                  decision="2025-004", award=None, receipt="receipts/2025-09-001.pdf"),
               NS(id="2025-09-002", memo=None, category=None, date=dt.date(2025, 9, 4), amount=Decimal("500.00"),
                  transfer=NS(source="ops", target="maint"), account=None, counterparty=None, decision=None,
                  award=NS(year="2024"), receipt=None)]
    rows = EntryRows({"maint": "维修资金", "ops": "A&B"}, {"2025-09-001": changed}, {"2025-09-001": (request,)}, "zh")
    html = rows(entries, lambda target: "../" + target.replace(".md", ".html"))
    assert html.splitlines() == [
        '<tr id="2025-09-001"><td>电梯维修<br>第二行 &lt;b&gt; <span class="sl-badge">2025-10-02 改过</span></td>'
        ' <td>2025-09-03</td> <td><span class="sl-money sl-neg">-1,200.50</span></td> <td>维修资金</td> <td>维修</td>'
        ' <td>A&amp;B &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</td>'
        ' <td><a href="../decisions/2025-004.html">决议 2025-004</a><br><a href="../requests/2025.html#2025-031">'
        '诉求：A&amp;B &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a></td>'
        ' <td><a href="../receipts/2025-09-001.pdf">凭证</a></td></tr>',
        '<tr id="2025-09-002"><td>—</td> <td>2025-09-04</td> <td><span class="sl-money">500.00</span></td>'
        ' <td>A&amp;B → 维修资金</td> <td>转账</td> <td></td>'
        ' <td><a href="../rankings/2024.html">2024 年度奖励</a></td> <td></td></tr>',
    ]
