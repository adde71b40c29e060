"""Finds personal numbers in any published text: mobile phones, resident ID numbers, bank cards.

A file is scanned as a reader will see it (`visible.reading`): after YAML escapes, HTML and
URL escapes, full-width and other digits, zero-width characters and Markdown emphasis, and
with lines folded the way YAML and Markdown fold them.  Comments are scanned too (a comment in
a public repository is published).  The same search masks what git history shows
(`mask_text`), since history cannot be corrected by a new commit.  Messages show the number
masked, so that CI logs do not publish it a second time.  This module reads no file: what the
site publishes is read into text by `load` (records, pages, attachments, mkdocs.yml).
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import accumulate
from dataclasses import dataclass

from .problems import Problem, error
from .visible import lines_of, reading

# A run of digit groups as a reader sees it: digits with hidden characters or Markdown emphasis
# between them, groups parted by up to three spaces, dashes or dots, by a line break that folds
# into a space, or by a Markdown link's address (not shown).  The look-ahead skips runs too
# short to hold 11 digits without entering Python.
RUN = re.compile(r"""
    (?<![0-9])
    (?=[+0-9](?:[0-9\x7f*_~`.\- \[\]]|\n[ \x7f]*|\([^()\s]{0,200}\)){10})
    \+?[0-9]
    (?: [0-9\x7f*_~`]
      | [ .\-]{1,3}(?=[\x7f*_~`]*[0-9])
      | [ ]*\n[ \x7f]*(?=[\x7f*_~`\[]*[0-9])
      | \[(?=[0-9])
      | \]\([^()\s]{0,200}\)(?=[\x7f*_~`]*[0-9])
    )*
    (?:[\x7f*_~`]*[Xx](?![0-9A-Za-z]))?
    """, re.X)
GROUP = re.compile(r"[0-9][0-9\x7f*_~`]*(?:[Xx]$)?")
NOT_DIGIT = re.compile(r"[^0-9Xx]")
MOBILE = re.compile(r"(?:0086|86)?(1[3-9][0-9]{9})")
# The one exception, for an office's published service phone: the number written right after
# this marker, e.g. 物业服务中心（公开电话）13800138000.  Reviewers see the marker in the diff.
PUBLIC_PHONE = ("（公开电话）", "(公开电话)")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_ok(number: str) -> bool:
    """GB 11643 check character of an 18-character resident identity number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
    return ID_CHECK[total % 11] == number[17].upper()


def _birth_date_ok(number: str) -> bool:
    try:
        return 1900 <= dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14])).year <= 2100
    except ValueError:
        return False


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask(number: str) -> str:
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def _phone(digits: str) -> tuple[str, str, str]:
    return ("E-PRIVACY-PHONE", f"这里有一个手机号码（{mask(digits)}）：居民的手机号未经本人同意不能公开"
                               "（个人信息保护法）；请删掉，居民只写作“王某”", mask(digits))


def _identity(number: str, check_ok: bool = True) -> tuple[str, str, str]:
    if not check_ok:
        return ("E-PRIVACY-ID", f"这里有一个居民身份证号（{mask(number)}），它的校验位（最后一位）不对，多半是抄错了一位；"
                                "即使抄错，其余 17 位仍是这个人的身份证号，不能公开；请删掉", mask(number))
    return ("E-PRIVACY-ID", f"这里有一个居民身份证号（{mask(number)}）：身份证号是个人信息，不能公开；请删掉",
            mask(number))


def id_shaped(number: str) -> bool:
    """18 characters with the shape of a resident ID number (GB 11643): an area code that does not
    start with 0, a real birth date, three digits and a check character, whatever that is.  A
    number with one mistyped digit still publishes the other 17."""
    return (len(number) == 18 and number[:17].isdigit() and number[0] != "0" and number[17] in "0123456789Xx"
            and _birth_date_ok(number))


def _card(digits: str) -> tuple[str, str, str]:
    return ("E-PRIVACY-CARD", f"这里像是一个银行卡号（{mask(digits)}）：卡号不能公开；请删掉，"
                              "只写收款单位或“尾号 1234”", mask(digits))


@dataclass(frozen=True)
class Hit:
    """One personal number: where it stands in the text, what it is, and how it is shown masked."""

    start: int
    end: int
    code: str
    message: str
    masked: str
    public: bool      # a service phone after the （公开电话） marker




def classify(groups: tuple[str, ...]) -> tuple[str, str, str] | None:
    """(code, message, masked number) for digit groups read as one number, or None.

    Written in one piece, a number counts as the record format says.  Split into groups, it
    also needs the shape such a number is written in (a real birth date inside an ID number,
    groups of four on a card), so that neighbouring figures, such as two dates, never read as one.
    """
    number = "".join(groups)
    whole = len(groups) == 1
    if len(number) == 18 and (whole or _birth_date_ok(number)) and id_check_ok(number):
        return _identity(number)
    card = 16 <= len(number) <= 19 and number.isdigit() and (whole or _card_groups(groups)) and luhn_ok(number)
    if id_shaped(number) and not card:
        return _identity(number, check_ok=False)
    if not number.isdigit():
        return None
    mobile = MOBILE.fullmatch(number)
    if mobile:
        return _phone(mobile.group(1))
    if 16 <= len(number) <= 19 and (whole or _card_groups(groups)) and luhn_ok(number):
        return _card(number)
    return None


def _card_groups(groups: tuple[str, ...]) -> bool:
    return len(groups) >= 4 and all(len(g) == 4 for g in groups[:-1]) and len(groups[-1]) <= 4


def _public(shown: str, start: int) -> bool:
    before = shown[max(0, start - 12):start].rstrip(" :：\x7f")
    return before.endswith(PUBLIC_PHONE)


def find(text: str) -> list[Hit]:
    """Every personal number in `text`, as a reader of the published page would see it."""
    shown = reading(text)
    hits = []
    for run in RUN.finditer(shown):
        if run.end() - run.start() < 11:
            continue
        at = run.start()
        groups = [(d if d.isdigit() else NOT_DIGIT.sub("", d), at + g.start(), at + g.end())
                  for g in GROUP.finditer(run.group()) for d in (g.group(),)]
        if sum(len(g[0]) for g in groups) < 11:
            continue
        hits += _in_run(groups, shown, run.start())
    return hits


def _in_run(groups: list[tuple[str, int, int]], shown: str, run_start: int) -> list[Hit]:
    """The longest stretches of groups that read as one personal number, left to right.

    Stretches of several groups are only tried where the digits have the shape of a number
    (found by a pattern over all the run's digits, beginning and ending between groups), so a
    page of small figures costs a pattern search, not a classification of every stretch."""
    digits = [g[0] for g in groups]
    candidates = [(i, i + 1) for i, d in enumerate(digits) if len(d) >= 11]
    candidates += _stretches(digits)
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    hits, done = [], 0
    for i, j in candidates:
        if i < done:
            continue
        found = classify(tuple(digits[i:j]))
        if found:
            start = run_start if i == 0 and shown[run_start] == "+" else groups[i][1]
            public = found[0] == "E-PRIVACY-PHONE" and _public(shown, start)
            hits.append(Hit(start, groups[j - 1][2], *found, public))
            done = j
    return hits


PHONE_AT = re.compile(r"(?=((?:0086|86)?1[3-9][0-9]{9}))")
ID_AT = re.compile(r"(?=([0-9]{6}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]))")


def _stretches(digits: list[str]) -> list[tuple[int, int]]:
    """(first group, past the last) of every stretch of two or more groups shaped like a phone,
    an ID number with its birth date, or a card in groups of four."""
    joined = "".join(digits)
    offsets = list(accumulate(map(len, digits), initial=0))
    group_at = {offset: index for index, offset in enumerate(offsets)}
    found = []
    for pattern in (PHONE_AT, ID_AT):
        for match in pattern.finditer(joined):
            i, j = group_at.get(match.start()), group_at.get(match.start() + len(match.group(1)))
            if i is not None and j is not None and j - i > 1:
                found.append((i, j))
    fours = 0   # groups of four digits in a row, ending at the group before k
    for k, group in enumerate(digits):
        if fours >= 4:
            found.append((k - 4, k))
            if len(group) <= 3:
                found.append((k - 4, k + 1))
        fours = fours + 1 if len(group) == 4 else 0
    if fours >= 4:
        found.append((len(digits) - 4, len(digits)))
    return found


def scan(data: bytes | str) -> list[tuple[int, str, str]]:
    """(line, code, message) for every personal number in a file (UTF-8 bytes or text)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    hits = [hit for hit in find(text) if not hit.public]
    if not hits:
        return []
    lines = lines_of(text, [hit.start for hit in hits])
    return [(line, hit.code, hit.message) for line, hit in zip(lines, hits)]


def scan_name(path: str) -> list[tuple[str, str]]:
    """(code, message) for personal numbers in a file's name: names are published too."""
    return [(code, "文件名里" + message.removeprefix("这里")) for _line, code, message in scan(path)]


def mask_text(text: str) -> str:
    """`text` with every personal number replaced by its masked form (139****5678): for what the
    site shows from git history, which a new commit cannot correct."""
    if not text:
        return text
    hits = [hit for hit in find(text) if not hit.public]
    for hit in reversed(hits):
        text = text[:hit.start] + hit.masked + text[hit.end:]
    return text


def file_problems(path: str, text: str, where: str | None = None) -> list[Problem]:
    """Problems for every personal number in a published text other than a record or a page: at
    its line, or, for text that is not the file's own lines (a PDF's page, an office document),
    at line 1 saying where in the file it stands (`where`: "第 2 页", "的文档信息（作者）", "")."""
    if where is None:
        return [error(path, line, code, message) for line, code, message in scan(text)]
    return [error(path, 1, code, f"附件{where}里" + message.removeprefix("这里")) for _line, code, message in scan(text)]
