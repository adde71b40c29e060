"""Text as a reader sees it, position for position, so that a number is found however it is written.

A resident's browser shows `\\u0031`, `&#49;`, `%31`, `１`, `①` and `一` all as a 1, and shows
nothing for a zero-width space, a soft hyphen or Markdown's `**`.  `reading(text)` returns a
string of exactly the same length as `text` in which every escape, entity and wide or
foreign digit is the ASCII character it shows as, every separator is a space or a dash, and
everything a reader does not see is `HIDDEN`.  Because no position moves, a match found in
the result is at the same offset in the file, and its line is the file's line.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from urllib.parse import unquote

HIDDEN = "\x7f"   # stands for what a reader does not see (DEL never reaches a page)

# Escapes decoded by YAML (double-quoted scalars), HTML (character references) and URLs.  An
# escaped line break joins two lines with nothing between them: YAML drops the break and the
# next line's indentation.  Decoding them in comments and single-quoted text too is on purpose:
# a number written as escapes is still the number, wherever it stands.
ESCAPE = re.compile(
    r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\r?\n[ \t]*|[0abtnvfre \"/\\N_LP\t])"
    r"|&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?"
    r"|(?:%[0-9A-Fa-f]{2})+")
YAML_SIMPLE = {"0": " ", "a": " ", "b": " ", "t": " ", "n": " ", "v": " ", "f": " ", "r": " ", "e": " ",
               " ": " ", "\t": " ", '"': '"', "/": "/", "\\": "\\", "N": " ", "_": " ", "L": " ", "P": " "}
# Chinese numerals, everyday and formal (大写), as people write a number to slip past a filter.
CHINESE_DIGITS = dict(zip("〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖貳參陸", "001234567891123456789236"))
# Hangul and Braille fillers are letters or symbols that print as nothing.
BLANK_LETTERS = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800}


def _decoded(token: str) -> str:
    """What one escape shows as; the token itself when it does not decode to something shorter."""
    if token.startswith("\\"):
        body = token[1:]
        if body[:1] in "xuU" and len(body) > 1:
            code = int(body[1:], 16)
            return chr(code) if code <= 0x10FFFF else token
        if body[:1] in "\r\n":
            return ""
        return YAML_SIMPLE.get(body, token)
    if token.startswith("&"):
        return html.unescape(token)
    return unquote(token, errors="replace")


def _show(char: str) -> str:
    """One decoded character as the reading shows it: separators as spaces, no line breaks."""
    if char in "\r\n\t\x0b\x0c\x85\u2028\u2029":
        return " "
    return char


def _escape(match: re.Match) -> str:
    token = match.group(0)
    shown = "".join(_show(c) for c in _decoded(token))
    if len(shown) > len(token):
        return token
    return shown + HIDDEN * (len(token) - len(shown))


# Characters a reading keeps as they are, matched in bulk: ASCII (three of which are replaced
# first), CJK ideographs and the punctuation of Chinese text.  Everything else is looked up
# one character at a time, which is rare in records.  Chinese numerals are ideographs: they are
# read as digits where two or more stand together, as a number is written.
ORDINARY = ("\x00-\x7f\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\uff01-\uff0a\uff0c\uff0e\uff0f\uff1a-\uff20"
            "\u201c\u201d\u2018\u2019\u2026\u00b7")
SPECIAL = re.compile(f"[^{ORDINARY}]")
NUMERALS = re.compile(f"[{''.join(CHINESE_DIGITS)}]{{2,}}")
_SHOWN: dict[str, str] = {}   # a cache: each special character met, as a reading shows it


def _special(match: re.Match) -> str:
    char = match.group()
    shown = _SHOWN.get(char)
    if shown is None:
        shown = _SHOWN[char] = _classify(char)
    return shown


def _classify(char: str) -> str:
    if char in CHINESE_DIGITS:
        return CHINESE_DIGITS[char]
    if ord(char) in BLANK_LETTERS:
        return HIDDEN
    category = unicodedata.category(char)
    if category in ("Cf", "Mn", "Me"):
        return HIDDEN
    if category in ("Zs", "Zl", "Zp", "Cc"):
        return " "
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if category == "Pd" or char in "\u2212\u2796\ufe63\uff0d":
        return "-"
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) == 1 and folded in "0123456789+-Xx":
        return folded
    return char


def reading(text: str) -> str:
    """`text` as a reader sees it, the same length: see the module's docstring."""
    if "\\" in text or "&" in text or "%" in text:
        text = ESCAPE.sub(_escape, text)
    text = text.replace("\t", " ").replace("\r", " ").replace("\\", HIDDEN)
    text = SPECIAL.sub(_special, text)
    return NUMERALS.sub(lambda match: "".join(CHINESE_DIGITS[c] for c in match.group()), text)


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_of(text: str, position: int) -> int:
    """The line an editor shows for an offset: lines end at LF, CR LF or a lone CR (as in libyaml),
    never at U+2028, U+2029 or U+0085, which editors and forges show inside a line."""
    return len(LINE_BREAK.findall(text, 0, position)) + 1


def lines_of(text: str, positions: list[int]) -> list[int]:
    """`line_of` for many offsets, reading the text once."""
    if len(positions) < 4:
        return [line_of(text, p) for p in positions]
    breaks = [m.end() for m in LINE_BREAK.finditer(text)]
    return [bisect.bisect_right(breaks, p) + 1 for p in positions]


# Characters that print as nothing (Unicode format characters: zero-width spaces and joiners,
# direction overrides, soft hyphens, tags; and the Hangul fillers): in a name or a memo they make
# two texts that read the same compare different, or reorder what a reader sees.
INVISIBLE = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f\u1160\u180e"
                       "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
                       "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                       "\U000e0001\U000e0020-\U000e007f]")


def invisible_in(text: str) -> str | None:
    """The first character of `text` that prints as nothing, as U+XXXX, or None."""
    if text.isascii():
        return None
    match = INVISIBLE.search(text)
    return f"U+{ord(match.group()):04X}" if match else None
