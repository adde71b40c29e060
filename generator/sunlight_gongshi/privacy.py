"""Finds personal numbers in any published text: mobile phones, resident ID numbers, bank cards.

It scans raw file text rather than parsed values, so one regex pass covers a whole file,
comments included (a comment in a public repository is published too).  Messages show the
number masked, so that CI logs do not publish it a second time.
"""

from __future__ import annotations

import re

# Patterns run over the file's UTF-8 bytes: no multi-byte character contains an ASCII digit
# byte, and a bytes regex runs several times faster than the same regex over CJK text.
DIGITS = re.compile(rb"(?<![0-9])([0-9]{11,19})([Xx])?(?![0-9])")
SPACED_MOBILE = re.compile(rb"(?<![0-9])1[3-9][0-9][- ][0-9]{4}[- ][0-9]{4}(?![0-9])")
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# The one exception, for an office's published service phone: the number written right after
# this marker, e.g. 物业服务中心（公开电话）13800138000.  Reviewers see the marker in the diff.
PUBLIC_PHONE = "（公开电话）".encode()
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_ok(number: str) -> bool:
    """GB 11643 check character of an 18-character resident identity number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
    return ID_CHECK[total % 11] == number[17].upper()


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


def _phone(digits: str) -> tuple[str, str]:
    return ("E-PRIVACY-PHONE", f"这里有一个手机号码（{mask(digits)}）：居民的手机号未经本人同意不能公开"
                               "（个人信息保护法）；请删掉，居民只写作“王某”")


def classify(digits: str, x: str | None) -> tuple[str, str] | None:
    """(code, message) when a run of digits is personal information, else None."""
    number = digits + (x or "")
    if len(number) == 18 and id_check_ok(number):
        return ("E-PRIVACY-ID", f"这里有一个居民身份证号（{mask(number)}）：身份证号是个人信息，不能公开；请删掉")
    if x:
        return None
    if MOBILE.match(digits):
        return _phone(digits)
    if 16 <= len(digits) <= 19 and luhn_ok(digits):
        return ("E-PRIVACY-CARD", f"这里像是一个银行卡号（{mask(digits)}）：卡号不能公开；请删掉，"
                                  "只写收款单位或“尾号 1234”")
    return None


def _marked_public(data: bytes, start: int) -> bool:
    before = data[max(0, start - len(PUBLIC_PHONE) - 4):start].rstrip(" ：:".encode())
    return before.endswith(PUBLIC_PHONE)


def scan(data: bytes) -> list[tuple[int, str, str]]:
    """(line, code, message) for every personal number in a file's UTF-8 bytes."""
    found = []
    for match in DIGITS.finditer(data):
        x = match.group(2)
        hit = classify(match.group(1).decode(), x.decode() if x else None)
        if hit and not (hit[0] == "E-PRIVACY-PHONE" and _marked_public(data, match.start())):
            found.append((data.count(b"\n", 0, match.start()) + 1, *hit))
    for match in SPACED_MOBILE.finditer(data):
        if _marked_public(data, match.start()):
            continue
        digits = re.sub(rb"[- ]", b"", match.group(0)).decode()
        found.append((data.count(b"\n", 0, match.start()) + 1, *_phone(digits)))
    return found


def scan_name(path: str) -> list[tuple[str, str]]:
    """(code, message) for personal numbers in a file's name: names are published too."""
    return [(code, "文件名里" + message.removeprefix("这里")) for _line, code, message in scan(path.encode())]
