"""Typing slips a Chinese input method makes in YAML, found in one pass over the whole file.

libyaml stops at the first Tab or full-width colon, often a line later and always in English,
and a full-width space even parses, as part of a key.  Each slip found here is reported at its
own line, naming the character and what to type instead, and the text is repaired (line count
unchanged) so that the rest of the file is still read and checked in the same run.
"""

from __future__ import annotations

import re

CODE = "E-YAML"
KEY = r"[A-Za-z_][A-Za-z0-9_.-]*"
_ODD_SPACES = {"\t": "制表符（Tab）", "\u3000": "全角空格（中文输入法打出的空格“　”）",
               "\u00a0": "特殊空格（从网页或 Word 复制来的不间断空格）"}
_INDENT = re.compile(r"^[ \t\u3000\u00a0]*")
CN_QUOTES = "“”‘’＂＇"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_TEXT = re.compile(r"[+-]?[\d.,]+|\d{4}-\d\d(-\d\d)?|true|false|yes|no")
_FLOW_CN_COMMA = re.compile(r"，[ ]*[A-Za-z_]")
_COLON_THEN_TEXT = re.compile(r":[^ \r\n]")
_DASH_KEY = re.compile(r"\n *-[A-Za-z_]")
_CN_QUOTED_VALUE = re.compile(r"[:：][ \u3000]*[“”‘’＂＇][^\n\u3400-\u9fff]*$", re.M)
_BLOCK_OPENER = re.compile(r"(?:^|[:\-])[ ]+[|>][+-]?[0-9]?[+-]?[ ]*(?:#.*)?$|^[|>][+-]?[0-9]?[ ]*$")
_DASHES = re.compile(r"^(?:-[ ]+)*")
_AT_KEY = re.compile(r"^(?P<dashes>(?:-[ ]+)*)(?P<nodash>-)?(?P<key>" + KEY + r")(?P<gap>[ ]*)"
                     r"(?P<colon>：|:)(?P<after>.?)")
_IN_FLOW = re.compile(r"(?P<sep>[{,，])(?P<pad>[ ]*)(?P<key>" + KEY + r")(?P<gap>[ ]*)(?P<colon>：|:)(?P<after>.?)")


def scan_quotes(rest: str) -> tuple[str, int | None]:
    """The line with quoted text and comments blanked out (same length), so only syntax is left;
    and where a quote opens that does not close on this line, if one does."""
    out, i, n = list(rest), 0, len(rest)
    while i < n:
        ch = rest[i]
        if ch == "#" and (i == 0 or rest[i - 1] in " \t"):
            out[i:] = " " * (n - i)
            break
        if ch in "\"'" and (i == 0 or rest[i - 1] in " \t:-[{,"):
            j = i + 1
            while j < n:
                if ch == '"' and rest[j] == "\\":
                    j += 2
                    continue
                if rest[j] == ch:
                    if ch == "'" and j + 1 < n and rest[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            if j >= n:
                out[i + 1:] = "\x00" * (n - i - 1)
                return "".join(out), i
            out[i + 1:j] = "\x00" * (j - i - 1)
            i = j + 1
            continue
        i += 1
    return "".join(out), None


def mask(rest: str) -> str:
    return scan_quotes(rest)[0]


def chinese_quotes(value: str, key: str | None) -> tuple[str, str] | None:
    """A plain value wrapped in Chinese quotes that are not Chinese text: (inner text, message)."""
    inner = value.strip(CN_QUOTES + "\"'")
    if not inner or _HAN.search(inner):
        return None   # “五议”工作法 is Chinese text with its own quotes
    who = f"{key} 的值" if key else "这个值"
    shown = f"{key}: " if key else ""
    keep = ("" if _NOT_TEXT.fullmatch(inner) else
            f"；如果引号本身就是要显示的文字，请在外面再加一对英文单引号：{shown}'{value}'")
    return inner, (f"{who}用了中文引号（{value}），YAML 只认英文引号；请切换到英文输入法，"
                   f"改成 {shown}\"{inner}\"{keep}")


def _significant(rest: str) -> str:
    return mask(rest).rstrip()


def _indent_advice(history: list[tuple[int, str]], rest: str) -> tuple[int, str]:
    """Where a line whose indentation was typed with odd spaces belongs, and how to say so."""
    if not history:
        return 0, "：这一行顶格写（行首不留空格）"
    p_ind, p_rest = history[-1]
    p_sig = _significant(p_rest)
    dashes = _DASHES.match(p_sig).group(0)
    key_col = p_ind + len(dashes)
    is_item = rest.startswith("- ") or rest.rstrip() == "-"
    if p_sig.endswith(":"):
        key = p_sig[len(dashes):-1].strip() or "上一行"
        return key_col + 2, f"：这一行属于上一行的 {key}，要比上一行多缩进两格（行首 {key_col + 2} 个空格）"
    if dashes and not is_item:
        first = re.match(KEY, p_sig[len(dashes):])
        name = f"的 {first.group(0)} " if first else ""
        return key_col, f"和上一行{name}对齐（行首 {key_col} 个空格）"
    if is_item and not dashes:
        for ind, text in reversed(history):
            d = _DASHES.match(_significant(text)).group(0)
            if d and ind + len(d) == p_ind:
                col = ind + len(d.rstrip()) - 1
                return col, f"和上一项开头的 - 对齐（行首 {col} 个空格）"
    return p_ind, f"和上一行对齐（行首 {p_ind} 个空格）"


def _key_slips(rest: str) -> tuple[str, list[str]]:
    """Slips at the key of a block line: `-id:`, `category：维修`, `category:维修`; repaired rest."""
    masked = mask(rest)
    match = _AT_KEY.match(masked)
    if not match:
        return rest, []
    messages = []
    key, after = match.group("key"), match.group("after")
    start_key = match.start("key")
    if match.group("nodash"):
        messages.append(f"列表项的 - 后面缺少空格；请在 - 和 {key} 之间空一格，写成 - {key}: …")
        rest = rest[:start_key] + " " + rest[start_key:]
        masked = masked[:start_key] + " " + masked[start_key:]
        match = _AT_KEY.match(masked)
    value = rest[match.end("colon"):].strip(" \u3000")
    shown = f"{key}: {value}" if value else f"{key}:"
    if match.group("colon") == "：":
        messages.append(f"{key} 后面是全角冒号“：”，YAML 只认半角冒号；请切换到英文输入法，改成 {shown}"
                        "（半角冒号后面空一格）")
    elif after == "\u3000":
        messages.append(f"{key} 的冒号后面是全角空格“　”，YAML 只认半角空格；请改成 {shown}")
    elif after and after not in " \t" and not masked[match.end("colon"):].startswith("//"):
        messages.append(f"{key} 的冒号后面缺少空格，YAML 会把整行当成一段文字；请在冒号后面空一格，写成 {shown}")
    else:
        return _quoted_value(rest, key, match.end("colon"), messages)
    tail = rest[match.end("colon"):].lstrip(" \u3000")
    rest = rest[:match.start("gap")] + (": " + tail if tail else ":")
    return _quoted_value(rest, key, match.start("gap") + 1, messages)


def _quoted_value(rest: str, key: str, colon_end: int, messages: list[str]) -> tuple[str, list[str]]:
    """A value in Chinese quotes after `key:` reported with the line's other slips, and repaired."""
    value = rest[colon_end:].strip()
    if value[:1] not in CN_QUOTES or " #" in value:
        return rest, messages
    found = chinese_quotes(value, key)
    if found is None:
        return rest, messages
    inner = found[0].replace("\\", "\\\\").replace('"', '\\"')
    return rest[:colon_end] + f' "{inner}"', messages + [found[1]]


def _flow_slips(rest: str) -> tuple[str, list[str]]:
    """The same slips inside { } on one line, and the full-width comma between fields."""
    masked = mask(rest)
    if "{" not in masked:
        return rest, []
    messages, edits = [], []
    for match in _IN_FLOW.finditer(masked):
        key, colon, after = match.group("key"), match.group("colon"), match.group("after")
        if match.group("sep") == "，":
            messages.append(f"{{ }} 里字段之间用了全角逗号“，”；请改成半角逗号加空格：, {key}: …")
            edits.append((match.start("sep"), match.end("sep"), ","))
        if colon == "：":
            messages.append(f"{key} 后面是全角冒号“：”，YAML 只认半角冒号；请切换到英文输入法，改成 {key}: …")
            edits.append((match.start("gap"), match.end("colon"), ": "))
        elif after == "\u3000":
            messages.append(f"{key} 的冒号后面是全角空格“　”；请改成半角空格：{key}: …")
            edits.append((match.end("colon"), match.end("colon") + 1, " "))
        elif after and after not in " \t,}]" and match.group("sep") != "，":
            messages.append(f"{key} 的冒号后面缺少空格；请在冒号后面空一格，写成 {key}: …")
            edits.append((match.end("colon"), match.end("colon"), " "))
    for start, end, text in sorted(edits, reverse=True):
        rest = rest[:start] + text + rest[end:]
    return rest, messages


def _latin_before(text: str, mark: str) -> bool:
    """Whether some `mark` follows a Latin letter or digit (spaces between): a key typed before it."""
    at = text.find(mark)
    while at != -1:
        back = at - 1
        while back >= 0 and text[back] == " ":
            back -= 1
        if back >= 0 and text[back].isascii() and (text[back].isalnum() or text[back] in "_.-"):
            return True
        at = text.find(mark, at + 1)
    return False


def _may_slip(text: str) -> bool:
    """False when the file cannot hold a slip: nearly every file, found with a few C-speed scans."""
    if "\t" in text or "\u3000" in text or "\u00a0" in text or text.startswith("-"):
        return True
    if ("“" in text or "‘" in text or "＂" in text or "＇" in text) and _CN_QUOTED_VALUE.search(text):
        return True
    if "：" in text and _latin_before(text, "："):
        return True
    if "，" in text and "{" in text and _FLOW_CN_COMMA.search(text):
        return True
    if _COLON_THEN_TEXT.search(text):
        return True   # a colon followed by something other than a space
    return _DASH_KEY.search(text) is not None


def find_slips(text: str) -> tuple[list[tuple[int, str, str]], str]:
    """(line, code, message) for every slip, and the text with each one repaired."""
    if not _may_slip(text):
        return [], text
    problems: list[tuple[int, str, str]] = []
    lines = text.split("\n")
    history: list[tuple[int, str]] = []    # (indent, rest) of the lines read so far, repaired
    block_parent: int | None = None        # indentation of the key whose | or > text we are in
    block_width = 0                        # indentation of that text's lines
    for number, raw in enumerate(lines, 1):
        cr = "\r" if raw.endswith("\r") else ""
        line = raw[:-1] if cr else raw
        indent = _INDENT.match(line).group(0)
        rest = line[len(indent):]
        if block_parent is not None:
            if not rest.strip():
                continue
            if len(indent) > block_parent:
                if "\t" in indent:   # text of a | block may hold full-width spaces, never a Tab indent
                    problems.append((number, CODE, f"行首用了制表符（Tab），YAML 只认半角空格缩进；请删掉它，"
                                                   f"改用空格和上一行对齐（行首 {block_width} 个空格）"))
                    lines[number - 1] = " " * block_width + rest + cr
                else:
                    block_width = len(indent)
                continue
            block_parent = None
        if not rest.strip() or rest.startswith("#"):
            continue
        messages = []
        odd = [name for ch, name in _ODD_SPACES.items() if ch in indent]
        width = len(indent)
        if odd:
            width, advice = _indent_advice(history, rest)
            messages.append(f"行首用了{'和'.join(odd)}，YAML 只认半角空格缩进；请删掉它，改用空格{advice}")
        rest, found = _key_slips(rest)
        messages += found
        rest, found = _flow_slips(rest)
        messages += found
        if messages:
            problems += [(number, CODE, message) for message in messages]
            lines[number - 1] = " " * width + rest + cr
        history.append((width, rest))
        if _BLOCK_OPENER.search(_significant(rest)):
            block_parent = width + len(_DASHES.match(rest).group(0))
            block_width = block_parent + 2
    return problems, "\n".join(lines)
