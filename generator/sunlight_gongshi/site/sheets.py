"""A printed notice laid out on A4 sheets before any browser sees it: every sheet carries the seal line,
the objection notice and the QR code, so that any one sheet on a notice board leads to the page.

A notice is a list of blocks (a paragraph, a list item, a table) whose heights are estimated here
from their words, the type sizes and the column widths (`SIZES`, `COLUMNS`, which the notice's
stylesheet is written from), on the safe side: a CJK character is a full em, any other one 0.62 em,
and every line is given its full line height.  `paginate` fills each sheet up to what its body
holds; a table goes on over the next sheet with its head repeated, a paragraph taller than a sheet
is cut between sentences.  The browser tests print every notice of the demo and of a 20-year
community and count the pages: each notice prints exactly its sheets.
"""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
from dataclasses import dataclass, field

from markupsafe import Markup

PT = 25.4 / 72                   # millimetres in a point
PAGE_MARGIN = (10, 14)           # mm, top and bottom / left and right (@page)
WIDTH = 210 - 2 * PAGE_MARGIN[1]  # 182 mm of text across
SHEET = 297 - 2 * PAGE_MARGIN[0] - 3   # 270 mm a sheet is at least tall (3 mm to spare)
QR = 42                          # mm, the QR code's side (docs/choices.md)
FOOT_GAP = 5                     # mm between the footer's words and its QR code
# Type sizes (pt) and line heights of the notice's parts; the stylesheet (_print_style.html.j2) is written from these.
SIZES = {"title": (20, 1.3), "sub": (12, 1.4), "body": (13, 1.5), "answer": (17, 1.35), "why": (12, 1.45),
         "table": (12, 1.35), "sign": (14, 1.6), "object": (12, 1.45), "small": (10.5, 1.4)}
CELL_PAD = (1.2, 1.5)            # mm, a table cell's padding: top and bottom / left and right
# The columns of the books' tables (mm, adding up to WIDTH); a date and an amount never wrap.
COLUMNS = {"entries": {"date": 27, "memo": 60, "party": 30, "amount": 32, "basis": 33},
           "accounts": {"account": 50, "opening": 33, "income": 33, "expense": 33, "closing": 33},
           "facts": {"th1": 26, "td1": 65, "th2": 26, "td2": 65}}
SAFETY = 1.02                    # every height estimated is taken this much taller, for fonts that set a little looser


@functools.lru_cache(maxsize=None)
def char_width(ch: str) -> float:
    """A character's advance in em, on the safe side for the fonts a committee prints with."""
    if ch == " ":
        return 0.3
    if ord(ch) < 0x2E80 and unicodedata.east_asian_width(ch) not in ("W", "F"):
        return 0.62
    return 1.0


def text_width(text: str, size: float) -> float:
    """Millimetres `text` takes on one line at `size` points."""
    return sum(map(char_width, text)) * size * PT


def line_count(text: str, size: float, width: float) -> int:
    """Lines `text` wraps into within `width` mm (each of its own lines at least one)."""
    return sum(max(1, math.ceil(text_width(part, size) * 1.04 / width)) for part in (text or "").split("\n"))


def lines_height(lines: int, kind: str) -> float:
    size, leading = SIZES[kind]
    return lines * size * leading * PT


def paragraph_height(text: str, kind: str, width: float = WIDTH) -> float:
    """A paragraph's height (mm) without its margins."""
    return lines_height(line_count(text, SIZES[kind][0], width), kind)


def cell_lines(text: str, column: float, kind: str = "table") -> int:
    return line_count(text, SIZES[kind][0], column - 2 * CELL_PAD[1] - 0.5)


def html_row_lines(row: str, columns: list[float]) -> int:
    """Lines the tallest cell of a rendered row (<tr>…</tr>) takes, its cells in `columns` mm; a
    cell that never wraps (class date or num) one line."""
    row = str(row)   # sliced as a plain string: a Markup would make a Markup of every slice
    inner = row[row.index(">") + 1:row.rindex("<")]
    cells = [(inner_html, whole[:whole.index(">")]) for tag, inner_html, whole in top_elements(inner)
             if tag in ("td", "th")]
    return cells_lines([(inner_html, width) for (inner_html, opening), width in zip(cells, columns)
                        if 'class="date"' not in opening and 'class="num"' not in opening])


def cells_lines(cells: list[tuple[str, float]]) -> int:
    """Lines the tallest of a row's cells that wrap takes: each cell's inner HTML and its width in
    mm (a date or a figure never wraps: it takes one line, and is not given)."""
    return max([cell_lines(plain_text(inner_html), width) for inner_html, width in cells], default=1)


def row_height(lines: int) -> float:
    """A table row of `lines` lines, with its padding and border."""
    return lines_height(lines, "table") + 2 * CELL_PAD[0] + 0.3


def fitted(columns: dict[str, float], amounts: dict[str, list[str]], flexible: str,
           bold: tuple[str, ...] = ()) -> dict[str, float]:
    """`columns` widened so that the longest of each column's `amounts` fits on one line (a
    figure never wraps and never pokes past the table's right border), the `flexible` column
    giving up the room."""
    widths = dict(columns)
    for name, texts in amounts.items():
        scale = 1.1 if name in bold else 1.0
        need = max([text_width(t, SIZES["table"][0]) * scale for t in texts] + [0]) + 2 * CELL_PAD[1] + 1
        if need > widths[name]:
            widths[flexible] -= need - widths[name]
            widths[name] = round(need, 1)
    return widths


SPACES, ANY_TAG, BREAK = re.compile(r"\s+"), re.compile(r"<[^>]*>"), re.compile(r"<br\s*/?>")


def plain_text(markup: str) -> str:
    """What a piece of HTML reads as: tags dropped, entities read, a <br> a new line."""
    spaced = SPACES.sub(" ", str(markup))    # a line break in the source is a space on the sheet
    return html.unescape(ANY_TAG.sub("", BREAK.sub("\n", spaced)))


@dataclass
class Table:
    """A table that may go on over several sheets, its head (colgroup and thead) on each."""

    head: Markup
    rows: list[tuple[Markup, float]]   # each row's HTML and height
    css: str = ""
    head_height: float = 0.0

    def render(self, rows: list[Markup]) -> Markup:
        return Markup('<table class="{}">{}<tbody>{}</tbody></table>').format(self.css, self.head, Markup("").join(rows))


@dataclass
class Block:
    html: Markup = Markup("")
    height: float = 0.0                # mm, margins included
    table: Table | None = None
    margin: float = 3.0                # mm below a table


@dataclass
class Sheet:
    parts: list[Markup] = field(default_factory=list)
    used: float = 0.0


def paginate(blocks: list[Block], capacity: float) -> list[Markup]:
    """The blocks laid on sheets whose bodies hold `capacity` mm each; a table's rows go on over
    the next sheet, at least one row a sheet, the head on each."""
    sheets = [Sheet()]

    def room() -> float:
        return capacity - sheets[-1].used

    for block in blocks:
        if block.table is None:
            height = block.height * SAFETY
            if height > room() and sheets[-1].parts:
                sheets.append(Sheet())
            sheets[-1].parts.append(block.html)
            sheets[-1].used += height
            continue
        table, rows = block.table, list(block.table.rows)
        while rows:
            head = (table.head_height + block.margin) * SAFETY
            if head + rows[0][1] * SAFETY > room() and sheets[-1].parts:
                sheets.append(Sheet())
            taken, used = [], head
            while rows and (not taken or used + rows[0][1] * SAFETY <= room()):
                html_row, height = rows.pop(0)
                taken.append(html_row)
                used += height * SAFETY
            sheets[-1].parts.append(table.render(taken))
            sheets[-1].used += used
            if rows:
                sheets.append(Sheet())
    return [Markup("").join(sheet.parts) for sheet in sheets]


# --- a committee's own text (a decision's summary, rendered by mdsafe) as blocks -------------------

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
VOID = {"br", "hr", "img", "input", "col", "wbr"}
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=\.\s)")


def top_elements(markup: str) -> list[tuple[str, str, str]]:
    """The top-level elements of well-formed HTML as (tag, attributes and inner HTML, whole
    element); text between them as ("", text, text)."""
    found, depth, start, tag, last = [], 0, 0, "", 0
    for match in TAG.finditer(markup):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID or self_closing:
            if depth == 0:
                if markup[last:match.start()].strip():
                    found.append(("", markup[last:match.start()], markup[last:match.start()]))
                found.append((name, "", match.group(0)))
                last = match.end()
            continue
        if not closing:
            if depth == 0:
                if markup[last:match.start()].strip():
                    found.append(("", markup[last:match.start()], markup[last:match.start()]))
                start, tag = match.start(), name
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                whole = markup[start:match.end()]
                inner = whole[whole.index(">") + 1:len(whole) - len(match.group(0))]
                found.append((tag, inner, whole))
                last = match.end()
    if markup[last:].strip():
        found.append(("", markup[last:], markup[last:]))
    return found


def split_inline(inner: str, size: float, width: float, most_lines: int) -> list[str]:
    """Inline HTML cut into pieces of at most `most_lines` lines each, between sentences where it
    can and between characters where it must, never inside a tag or an inline element."""
    pieces, current, depth, position = [], "", 0, 0
    tokens = []
    for match in TAG.finditer(inner):
        tokens.append(("text", inner[position:match.start()]))
        tokens.append(("tag", match.group(0), match))
        position = match.end()
    tokens.append(("text", inner[position:]))
    limit = most_lines * width / (size * PT) / 1.04   # ems a piece may hold

    def ems(text: str) -> float:
        return sum(char_width(ch) for ch in html.unescape(re.sub(r"<[^>]*>", "", text)))

    for token in tokens:
        if token[0] == "tag":
            match = token[2]
            if match.group(2).lower() not in VOID and not match.group(3):
                depth += -1 if match.group(1) else 1
            current += token[1]
            continue
        text = token[1]
        if depth:
            current += text
            continue
        for sentence in [s for s in SENTENCE_END.split(text) if s]:
            while ems(current + sentence) > limit and sentence:
                if current.strip() and ems(sentence) <= limit:
                    pieces.append(current)
                    current = ""
                    break
                cut, taken = 0, ems(current)
                entity = re.compile(r"&[#\w]+;")
                while cut < len(sentence):
                    step = entity.match(sentence, cut)
                    width_of = char_width(html.unescape(step.group(0))) if step else char_width(sentence[cut])
                    if taken + width_of > limit and (cut or current):
                        break
                    taken += width_of
                    cut = step.end() if step else cut + 1
                pieces.append(current + sentence[:cut])
                current, sentence = "", sentence[cut:]
            current += sentence
    if current.strip():
        pieces.append(current)
    return pieces or [inner]


def text_blocks(markup: str, capacity: float, kind: str = "body") -> list[Block]:
    """A committee's own HTML as blocks: paragraphs and headings whole (cut between sentences when
    taller than a sheet), each list item on its own, a table by its rows."""
    size, leading = SIZES[kind]
    line = size * leading * PT
    most = max(1, int(capacity * 0.9 / (line * SAFETY)))
    blocks: list[Block] = []
    for tag, inner, whole in top_elements(str(markup)):
        if tag in ("ul", "ol"):
            items = [e for e in top_elements(inner) if e[0] == "li"]
            for number, (_t, item, _w) in enumerate(items, 1):
                start = f' start="{number}"' if tag == "ol" and number > 1 else ""
                for piece in split_inline(item, size, WIDTH - 8, most):
                    blocks.append(Block(Markup(f'<{tag} class="cont"{start}><li>{piece}</li></{tag}>'),
                                        paragraph_height(plain_text(piece), kind, WIDTH - 8) + 1))
        elif tag == "table":
            blocks.append(_their_table(inner))
        elif tag in ("hr", "br"):
            blocks.append(Block(Markup(whole), 3))
        else:
            name = tag if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre") else "p"
            body = inner if tag else whole
            indent = 8 if name == "blockquote" else 0
            for piece in split_inline(body, size, WIDTH - indent, most):
                blocks.append(Block(Markup(f"<{name}>{piece}</{name}>"),
                                    paragraph_height(plain_text(piece), kind, WIDTH - indent) + 2.5))
    return blocks


def _their_table(inner: str) -> Block:
    """A table written in a summary: its head, and its rows by their longest cell."""
    parts = top_elements(inner)
    head = Markup("").join(Markup(w) for t, _i, w in parts if t in ("thead", "colgroup", "caption"))
    rows = [w for t, i, w in parts if t == "tr"] + [w for t, i, _w in parts if t == "tbody"
                                                    for tt, _ii, w in top_elements(i) if tt == "tr"]
    columns = max([len([c for c in top_elements(r[r.index(">") + 1:]) if c[0] in ("td", "th")]) for r in rows] + [1])
    width = WIDTH / columns

    def height(row: str) -> float:
        cells = [plain_text(i) for t, i, _w in top_elements(row[row.index(">") + 1:row.rindex("<")]) if t in ("td", "th")]
        return row_height(max([cell_lines(c, width) for c in cells] + [1]))

    head_cells = [plain_text(i) for t, i, _w in top_elements(re.sub(r"</?(thead|tr)[^>]*>", "", str(head)))
                  if t in ("td", "th")]
    return Block(table=Table(head, [(Markup(r), height(r)) for r in rows], "theirs",
                             row_height(max([cell_lines(c, width) for c in head_cells] + [1])) if head_cells else 0))
