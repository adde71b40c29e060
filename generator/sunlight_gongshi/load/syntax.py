"""libyaml's syntax errors said in Chinese, at the line where the mistake is, never in its English.

libyaml reports where it gave up, which is often lines after the mistake: an unclosed quote
swallows the lines below it, a missing colon is noticed on the next line.  Each of its
messages is mapped here to what a committee member typed wrong and what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import editor_lines, relined
from .slips import _AT_KEY, _INDENT, mask, scan_quotes

_CN_COLON_QUOTES = "：“”＂"
FALLBACK = ("YAML 格式有误，从这里读不下去了：请检查这一行和上一行的缩进（只用半角空格）、"
            "冒号（半角，后面空一格）和引号（英文引号，成对）")


def _value_lines(lines: list[str], upto: int):
    """(number, rest) of lines 1..upto that hold YAML syntax (not comments, blanks, | text)."""
    block_parent = None
    for number, line in enumerate(lines[:upto], 1):
        line = line.rstrip("\r")
        indent = _INDENT.match(line).group(0)
        rest = line[len(indent):]
        if block_parent is not None:
            if not rest.strip() or len(indent) > block_parent:
                continue
            block_parent = None
        if not rest.strip() or rest.startswith("#"):
            continue
        if re.search(r"[:\-][ ]+[|>][+-]?[0-9]?[ ]*(#.*)?$", mask(rest).rstrip()):
            block_parent = len(indent) + len(re.match(r"^(?:-[ ]+)*", rest).group(0))
        yield number, rest


def _key_of(rest: str) -> str | None:
    match = _AT_KEY.match(mask(rest))
    return match.group("key") if match and match.group("colon") == ":" else None


def unclosed_quote(lines: list[str], upto: int) -> tuple[int, str] | None:
    """The first line before `upto` whose value opens a quote and never closes it."""
    for number, rest in _value_lines(lines, upto):
        start = scan_quotes(rest)[1]
        if start is None:
            continue
        quote, body = rest[start], rest[start + 1:].rstrip()
        key = _key_of(rest)
        who = f"{key} 的值" if key else "这个值"
        shown = f"{key}: " if key else ""
        if body.endswith(("”", "’", "＂")):
            inner = body[:-1]
            return number, (f"{who}开头是英文引号 {quote}，结尾却是中文引号 {body[-1]}（引号没有配对）；"
                            f"请把结尾也改成英文引号：{shown}{quote}{inner}{quote}")
        return number, (f"{who}开头有英文引号 {quote}，结尾却没有（引号没有配对），YAML 会把下面几行都当成这段文字；"
                        f"请在值的末尾补上 {quote}：{shown}{quote}{body}{quote}")
    return None


def _indent(line: str) -> int:
    return len(_INDENT.match(line).group(0))


def _previous(lines: list[str], number: int, items_only: bool = False) -> str | None:
    """The nearest line above `number` that holds YAML (or, with items_only, starts a list item)."""
    for n in range(number - 1, 0, -1):
        text = lines[n - 1].rstrip("\r")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if not items_only or text.lstrip(" ").startswith("- "):
            return text
    return None


def _field_column(line: str | None) -> tuple[int, str]:
    """The column where the first field of `line` stands (after any '- '), and its name for a message."""
    if line is None:
        return 0, ""
    rest = line.lstrip(" ")
    dashes = re.match(r"^(?:-[ ]+)*", rest).group(0)
    key = _key_of(rest[len(dashes):])
    return _indent(line) + len(dashes), (f"的 {key} " if key else "")


@dataclass(frozen=True)
class _Mark:
    line: int      # counted from 0
    column: int


def explain(problem: str, context: str, pmark, cmark, text: str) -> tuple[int, str]:
    """(line, Chinese message) for one libyaml syntax error: the line as libyaml counts it, so the
    caller turns every line of the file into the editor's the same way.

    The mistake is looked for in the lines an editor shows (a quoted title holding a U+2028 is
    one line there, and its quote closes on it); libyaml's marks are turned into those lines
    first, and the line found is given back as the first of libyaml's lines within it."""
    mapping = editor_lines(text)
    if mapping is None:
        return _explain(problem, context, pmark, cmark, text)
    to_editor = lambda mark: mark and _Mark(relined(mark.line + 1, mapping) - 1, mark.column)  # noqa: E731
    line, message = _explain(problem, context, to_editor(pmark), to_editor(cmark), text)
    return (mapping.index(line) + 1 if line in mapping else line), message


def _explain(problem: str, context: str, pmark, cmark, text: str) -> tuple[int, str]:
    lines = text.split("\n")
    pline = pmark.line + 1 if pmark is not None else 1
    cline = cmark.line + 1 if cmark is not None else pline
    source = lines[pline - 1].rstrip("\r") if pline <= len(lines) else ""
    quote = unclosed_quote(lines, min(pline, len(lines)))
    structural = ("did not find expected key", "did not find expected '-' indicator", "could not find expected ':'",
                  "mapping values are not allowed", "expected <block end>", "found unexpected end of stream",
                  "did not find expected ',' or", "did not find expected comment or line break")
    if quote and problem.startswith(structural):
        return quote
    if problem.startswith("could not find expected ':'"):
        line = lines[cline - 1] if cline <= len(lines) else ""
        if "：" in line:
            return cline, ("这一行用了全角冒号“：”，YAML 只认半角冒号；请切换到英文输入法，"
                           "写成“名称: 值”（半角冒号后面空一格）")
        return cline, ("这一行缺少冒号：每个字段要写成“名称: 值”（半角冒号，后面空一格）；"
                       "如果这是上一行文字的续行，请把它接到上一行末尾")
    if problem.startswith("mapping values are not allowed"):
        key = _AT_KEY.match(mask(source.lstrip(" ")))
        if key and pmark is not None and pmark.column == _indent(source) + key.end("colon") - 1:
            want, name = _field_column(_previous(lines, pline))
            return pline, (f"这一行比上一行缩进得多，YAML 把它当成了上一行的值的一部分；"
                           f"请和上一行{name}对齐（行首 {want} 个空格）")
        owner = _key_of(source.lstrip(" "))
        value = source.split(":", 1)[1].strip() if owner else ""
        example = f"如 {owner}: \"{value}\"" if owner else "如 \"时间: 下午\""
        return pline, (f"这一行的值里有“: ”（冒号后面跟空格），YAML 会把它当成又一个字段；"
                       f"请把整个值用英文引号括起来，{example}")
    if problem.startswith(("did not find expected key", "expected <block end>", "did not find expected '-' indicator")):
        if pmark is not None and pmark.column > _indent(source) and not problem.endswith("indicator"):
            return pline, "引号后面还有文字：请把整段文字都放在一对英文引号里面，或去掉引号"
        item = _previous(lines, pline, items_only=True)
        if source.lstrip(" ").startswith("-") and item is not None:
            want = _indent(item)
            return pline, f"这一项的 - 和上一项的 - 没有对齐；请让它们左边对齐（行首 {want} 个空格），只用半角空格"
        if item is not None and problem.endswith("indicator"):
            want, name = _field_column(item)
            return pline, (f"这一行的缩进和这一项的字段对不齐：要和这一项开头{name}对齐（行首 {want} 个空格），"
                           "只用半角空格")
        want = cmark.column if cmark is not None and context.startswith("while parsing a block mapping") \
            else _indent(lines[cline - 1]) if cline <= len(lines) else 0
        return pline, (f"这一行的缩进和上面的字段对不齐：同一组字段要左边对齐（行首 {want} 个空格），"
                       "只用半角空格")
    if problem.startswith("did not find expected ',' or"):
        close = problem[-2]
        opener = {"}": "{", "]": "["}.get(close, "{")
        rest_empty = all(not line.strip() for line in lines[pline - 1:])
        if rest_empty or pline != cline:
            where = cline
            return where, (f"这一行的 {opener} 没有配对的 {close}（括号没有配对）；请在这一组的末尾补上 {close}，"
                           "各项之间用半角逗号分隔")
        fw = "，" in source
        return pline, ("{ } 或 [ ] 里各项之间要用半角逗号加空格分隔" + ("（这一行用了全角逗号“，”）" if fw else "")
                       + f"，最后以 {close} 结束")
    if problem.startswith("found unexpected end of stream") and "quoted scalar" in context:
        line = lines[cline - 1] if cline <= len(lines) else ""
        key = _key_of(line.lstrip(" "))
        who = f"{key} 的值" if key else "这一行的值"
        return cline, f"{who}的引号没有配对：开头的英文引号后面缺少结尾的引号；请在值的末尾补上同样的引号"
    if problem.startswith("found unknown escape character"):
        return pline, ("双引号里的反斜杠 \\ 后面跟了 YAML 不认识的字符；请改用单引号把值括起来，"
                       "或把 \\ 写成两个 \\\\")
    if problem.startswith("found character that cannot start any token") and pmark is not None:
        char = source[pmark.column] if pmark.column < len(source) else ""
        if char == "\t":
            return pline, "这里用了制表符（Tab），YAML 只认空格；请把 Tab 换成空格，和上一行对齐"
        return pline, f"值不能以 {char} 开头（YAML 把它当成特殊符号）；请把整个值用英文引号括起来，如 \"{char}…\""
    if problem.startswith("did not find expected alphabetic or numeric character"):
        return pline, "值不能以 & 或 * 开头（YAML 把它们当成锚点和引用）；请把整个值用英文引号括起来"
    if problem.startswith("did not find expected comment or line break"):
        return pline, "引号后面还有文字：请把整段文字都放在一对英文引号里面，或去掉引号"
    if problem.startswith("did not find expected node content"):
        return pline, "这里少了一个值：两个逗号之间、冒号后面或 - 后面要写上内容"
    return pline, FALLBACK
