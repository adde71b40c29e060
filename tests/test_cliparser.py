"""Every `--help` of `sunlight` is Chinese, with every option and argument described, and
argparse's own words (usage:, options:, its error messages) are Chinese too."""

from __future__ import annotations

import argparse
import re

import pytest

from sunlight_gongshi.cli import main, parser
from sunlight_gongshi.cliparser import chinese, columns, wrap

CJK = re.compile(r"[\u4e00-\u9fff]")
# What may stay Latin in a help: option names with their placeholder, commands to type, names.
CODE = re.compile(r"--?[a-z][a-z-]*(?: [A-Z][A-Z_.=\[\]]*| \{[a-z,]+\})?|sunlight(?: [a-z]+)+|pip install '[^']*'"
                  r"|JSON Schema")
ARGPARSE_WORDS = ("usage", "options", "positional arguments", "show this help", "and exit", "version number",
                  "default:", "required")


def english(text: str) -> list[str]:
    """Runs of two or more English words left once code and names are taken out, and argparse's words."""
    rest = CODE.sub(" ", text)
    return (re.findall(r"[A-Za-z][a-z']+(?:[ ,]+[A-Za-z][a-z']+)+", rest)
            + [w for w in ARGPARSE_WORDS if w in text.lower()])


def commands(p: argparse.ArgumentParser, path: list[str]):
    yield path, p
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, path + [name])


ALL = list(commands(parser(), []))


def test_the_walk_reaches_every_command():
    assert [" ".join(path) for path, _ in ALL] == [
        "", "validate", "build", "serve", "verify", "init", "upgrade", "publish", "import", "import ledger",
        "closings", "portal", "witness", "schema", "explain", "reference"]


@pytest.mark.parametrize("path", [path for path, _ in ALL], ids=lambda path: " ".join(path) or "sunlight")
def test_every_help_is_chinese_with_every_option_described(path, capsys):
    assert main(path + ["--help"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"用法：sunlight{''.join(' ' + p for p in path)} ")
    assert english(text) == []
    p = dict((tuple(k), v) for k, v in ALL)[tuple(path)]
    for action in p._actions:
        if action.help is not argparse.SUPPRESS:
            assert action.help and CJK.search(action.help), (path, action.option_strings or action.dest)
            assert action.help[:8] in text


def test_the_check_finds_argparse_english():
    plain = argparse.ArgumentParser(prog="sunlight")
    plain.add_argument("--root", help="小区仓库的根目录")
    assert english(plain.format_help()) == ["show this help message and exit", "usage", "options",
                                            "show this help", "and exit"]


@pytest.mark.parametrize("argv, message", [
    (["bogus"], "sunlight：用法错误：参数 COMMAND 不能是 'bogus'，只能是其中之一："),
    (["serve", "--port", "x"], "sunlight serve：用法错误：参数 --port 要写整数，不能是 'x'"),
    (["verify"], "sunlight verify：用法错误：缺少必须给出的参数：SITE_DIR"),
    (["validate", "--format", "xml"], "sunlight validate：用法错误：参数 --format 不能是 'xml'，只能是其中之一："),
    (["validate", "--nope"], "sunlight：用法错误：不认识这些参数：--nope"),
    (["publish", "--branch"], "sunlight publish：用法错误：参数 --branch 后面要写一个值"),
])
def test_usage_errors_are_chinese_and_exit_two(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：sunlight") and message in err and english(err.split("\n", 1)[1]) == []


def test_an_unknown_message_is_left_as_it_is():
    assert chinese("something else entirely") == "something else entirely"


def test_help_text_wraps_by_the_columns_chinese_takes():
    lines = wrap("网站的网址，用在打印公示的二维码和订阅源里；mkdocs.yml 写了 site_url 时以它为准", 30)
    assert all(columns(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == "网站的网址，用在打印公示的二维码和订阅源里；mkdocs.yml写了site_url时以它为准"
    assert not any(line[0] in "，。；）" for line in lines)
