"""libyaml's line numbers turned into an editor's: YAML 1.1 also ends a line at U+0085, U+2028 and
U+2029, which editors and forges show inside a line, so every later line would be reported one off."""

from __future__ import annotations

import re

ODD_BREAKS = ("\x85", "\u2028", "\u2029")
LIBYAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
EDITOR_BREAKS = re.compile("\r\n|[\r\n]")
BREAK_NAMES = {"\x85": "U+0085 下一行符", "\u2028": "U+2028 行分隔符", "\u2029": "U+2029 段分隔符"}


def editor_lines(text: str) -> list[int] | None:
    """The editor's line for each line libyaml counts (index 0 is libyaml's line 1), or None when
    the two agree, as they do for nearly every file."""
    if not any(char in text for char in ODD_BREAKS):
        return None
    lines, line = [1], 1
    for match in LIBYAML_BREAKS.finditer(text):
        if match.group() not in ODD_BREAKS:
            line += 1
        lines.append(line)
    return lines


def libyaml_line(text: str, position: int) -> int:
    """The line libyaml counts at an offset of the text."""
    return len(LIBYAML_BREAKS.findall(text, 0, position)) + 1


def relined(line: int, lines: list[int] | None) -> int:
    """libyaml's `line` as the editor shows it."""
    return lines[min(max(line, 1), len(lines)) - 1] if lines else line


def hidden_breaks(text: str) -> list[tuple[int, str, str]]:
    """An error at each line holding a break that YAML reads and an editor does not show: the
    file's structure would differ from what its reviewers see (a memo's tail read as a new key)."""
    found: dict[int, str] = {}
    for match in re.finditer("[\x85\u2028\u2029]", text):
        line = len(EDITOR_BREAKS.findall(text, 0, match.start())) + 1
        found.setdefault(line, BREAK_NAMES[match.group()])
    return [(line, "E-INVISIBLE", f"这一行有一个编辑器里看不见的换行符（{name}）：YAML 会在这里换行，"
                                  "读到的内容和看到的不一样；请删掉它（常见于从网页、微信或 Word 复制的文字）")
            for line, name in found.items()]


def reline_tree(value, lines: list[int]) -> None:
    """Editor lines throughout a parsed value (mappings carry `key_lines`, sequences `lines`),
    each container once: aliases share them."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        node = stack.pop()
        if id(node) in seen or not (hasattr(node, "key_lines") or hasattr(node, "lines")):
            continue
        seen.add(id(node))
        node.line = relined(node.line, lines)
        if hasattr(node, "key_lines"):
            node.key_lines = {key: relined(line, lines) for key, line in node.key_lines.items()}
            stack.extend(node.values())
        else:
            node.lines = [relined(line, lines) for line in node.lines]
            stack.extend(node)
