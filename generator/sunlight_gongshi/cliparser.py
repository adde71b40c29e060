"""argparse in Chinese: the help's headings, the -h/--help and --version lines and the usage
errors, which argparse itself writes in English ("usage:", "options:", "show this help message
and exit", "the following arguments are required").  The commands live in cli.py."""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from typing import NoReturn

HELP = "显示这段说明并退出"
CLOSING = set("，。；：、）》」』！？")   # never at the start of a line
# argparse's error messages (Python 3.11 to 3.13), each as a pattern and its Chinese.
ERRORS = (
    (r"the following arguments are required: (.+)", r"缺少必须给出的参数：\1"),
    (r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)", r"参数 \1 不能是 \2，只能是其中之一：\3"),
    (r"argument (.+?): invalid int value: (.+)", r"参数 \1 要写整数，不能是 \2"),
    (r"argument (.+?): invalid (\S+) value: (.+)", r"参数 \1 的值 \3 不对"),
    (r"argument (.+?): expected one argument", r"参数 \1 后面要写一个值"),
    (r"argument (.+?): expected at most one argument", r"参数 \1 后面最多写一个值"),
    (r"argument (.+?): expected at least one argument", r"参数 \1 后面至少要写一个值"),
    (r"argument (.+?): ignored explicit argument (.+)", r"选项 \1 后面不能写值（写了 \2）"),
    (r"argument (.+?): not allowed with argument (.+)", r"参数 \1 和 \2 不能一起用"),
    (r"unrecognized arguments: (.+)", r"不认识这些参数：\1"),
    (r"ambiguous option: (.+?) could match (.+)", r"选项 \1 不明确，可能是：\2"),
)


def chinese(message: str) -> str:
    """An argparse error message in Chinese (unchanged when it is not one argparse writes)."""
    for pattern, words in ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, words, message)
    return message


def columns(text: str) -> int:
    """Terminal columns of text: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns: Chinese may break between any two characters, Latin
    words and option names only at spaces."""
    pieces = re.findall(r"[!-~]+|\s+|.", " ".join(text.split()))
    lines, line = [], ""
    for piece in pieces:
        if piece.isspace():
            piece = " "
        if line and columns(line + piece.rstrip()) > width and piece not in CLOSING:
            lines.append(line.rstrip())
            line = "" if piece == " " else piece
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help laid out as argparse does, with the usage line headed in Chinese and the help text
    wrapped by the columns it takes on a terminal."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    def _split_lines(self, text, width):
        return wrap(text, width)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are Chinese; its subcommands are Parsers too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def add_version(self, version: str) -> None:
        self.add_argument("--version", action="version", version=version, help="显示版本号并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：用法错误：{chinese(message)}\n")
