"""A printed notice laid on A4 sheets (site/sheets.py): what fills a sheet goes on the next, a table with
its head, a long paragraph between sentences, and a figure never wraps in its column."""

from markupsafe import Markup

from sunlight_gongshi.site import sheets
from sunlight_gongshi.site.sheets import Block, Table


def test_blocks_fill_a_sheet_and_go_on_over_the_next():
    blocks = [Block(Markup(f"<p>{i}</p>"), 40) for i in range(5)]
    assert sheets.paginate(blocks, 100) == ["<p>0</p><p>1</p>", "<p>2</p><p>3</p>", "<p>4</p>"]


def test_a_table_goes_on_over_the_next_sheet_with_its_head_on_each():
    table = Table(Markup("<thead><tr><th>日期</th></tr></thead>"),
                  [(Markup(f"<tr><td>{i}</td></tr>"), 30) for i in range(5)], "entries", 10)
    laid = sheets.paginate([Block(Markup("<p>先</p>"), 30), Block(table=table)], 100)
    assert laid == ['<p>先</p><table class="entries"><thead><tr><th>日期</th></tr></thead>'
                    "<tbody><tr><td>0</td></tr></tbody></table>",
                    '<table class="entries"><thead><tr><th>日期</th></tr></thead>'
                    "<tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table>",
                    '<table class="entries"><thead><tr><th>日期</th></tr></thead>'
                    "<tbody><tr><td>3</td></tr><tr><td>4</td></tr></tbody></table>"]


def test_a_row_taller_than_a_sheet_still_goes_on_a_sheet_of_its_own():
    table = Table(Markup(""), [(Markup("<tr><td>长</td></tr>"), 500)], "entries")
    assert len(sheets.paginate([Block(Markup("<p>先</p>"), 10), Block(table=table)], 100)) == 2


def test_a_paragraph_taller_than_a_sheet_is_cut_between_sentences():
    text = "第一句话很长很长。" * 200
    pieces = sheets.split_inline(text, 13, sheets.WIDTH, 10)
    assert "".join(pieces) == text and len(pieces) > 2
    assert all(p.endswith("。") for p in pieces)
    assert all(sheets.line_count(p, 13, sheets.WIDTH) <= 10 for p in pieces)


def test_a_cut_never_falls_inside_a_tag():
    text = "<strong>" + "很长的加粗文字" * 100 + "</strong>。后面还有一句。"
    assert "".join(sheets.split_inline(text, 13, sheets.WIDTH, 3)) == text


def test_an_amount_column_widens_to_its_longest_figure_and_the_memo_gives_way():
    widths = sheets.fitted(sheets.COLUMNS["entries"], {"amount": ["+100,000,000.00"]}, "memo")
    assert widths["amount"] > sheets.COLUMNS["entries"]["amount"]
    assert round(sum(widths.values()), 1) == sheets.WIDTH
    assert sheets.fitted(sheets.COLUMNS["entries"], {"amount": ["-170.00"]}, "memo") == sheets.COLUMNS["entries"]


def test_a_date_or_an_amount_cell_counts_as_one_line_however_narrow():
    row = '<tr><td class="date">2025-04-15</td><td>' + "很长的摘要" * 10 + '</td><td class="num">1.00</td></tr>'
    assert sheets.html_row_lines(row, [5, 50, 5]) == sheets.cell_lines("很长的摘要" * 10, 50)
