"""YAML text -> plain values that remember their lines, built from libyaml events for speed.

PyYAML's constructors lose line numbers and keep the last of two equal keys silently, and
its pure-Python loader is ten times slower than libyaml.  Building values straight from
libyaml's event stream gives us lines, duplicate-key errors, an alias-expansion budget and
a depth limit, at a fraction of the cost of `yaml.load(..., CSafeLoader)`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from sys import intern
from decimal import Decimal, InvalidOperation

import yaml
from yaml import events as ev
from yaml.resolver import Resolver

from ..model.fields import RadixNumber
from .lines import editor_lines, hidden_breaks, libyaml_line, relined, reline_tree
from .slips import CN_QUOTES, chinese_quotes, find_slips
from .syntax import FALLBACK, explain

MAX_FILE_BYTES = 1024 * 1024   # spec section 2: a record file is at most 1 MiB
MAX_DEPTH = 64                 # records nest four levels deep; anything far past that is hostile
TOO_DEEP = f"嵌套超过 {MAX_DEPTH} 层；记录文件不需要这么深的结构"

try:  # libyaml is the fast path; the pure parser is a correct fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship libyaml
    _Loader = yaml.SafeLoader


class YamlError(Exception):
    """A file that cannot be read at all; carries the line to report, and in `problems` every
    (line, code, message) found on the way (typing slips before the syntax error, in order)."""

    def __init__(self, line: int, code: str, message: str, before: list | None = None):
        super().__init__(message)
        self.line, self.code, self.message = line, code, message
        self.problems = [*(before or ()), (line, code, message)]


class LineDict(dict):
    """A YAML mapping; `line` is where it starts, `key_lines[key]` where each key stands."""

    __slots__ = ("line", "key_lines", "merged")


class LineList(list):
    """A YAML sequence; `lines[i]` is the line where item i starts."""

    __slots__ = ("line", "lines")


_RESOLVERS = Resolver.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
_DATE_ONLY = re.compile(r"^\d{4}-\d\d-\d\d$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}


@functools.lru_cache(maxsize=200_000)
def _plain(value: str):
    """Resolve a plain scalar as YAML 1.1 does (PyYAML's SafeLoader), floats as exact Decimals.

    Results are immutable and cached (an explicit per-process cache): dates, names and
    categories repeat thousands of times, and one shared object per value also makes cached
    pickles smaller.
    """
    for tag, regexp in _RESOLVERS.get(value[:1] if value else "", ()):
        if regexp.match(value):
            return _construct(tag, value)
    return value


def _construct(tag: str, value: str):
    kind = tag.rsplit(":", 1)[-1]
    if kind == "null":
        return None
    if kind == "bool":
        return value in _TRUE
    if kind == "int":
        text = value.replace("_", "")
        try:
            if ":" in text:
                return value  # sexagesimal 1:30 - keep the text, no field wants it
            digits = text.lstrip("+-")
            if digits.startswith("0") and len(digits) > 1:
                number = RadixNumber(value)
                number.value  # raises ValueError for 0b_ or 0x_, which then stay plain text
                return number
            return int(text)
        except ValueError:
            return value
    if kind == "float":
        text = value.replace("_", "").lower()
        if text.endswith(("inf", "nan")) or ":" in text:
            return value  # never money; the field check reports it as text
        try:
            return Decimal(text)
        except InvalidOperation:
            return value
    if kind == "timestamp":
        if _DATE_ONLY.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value  # 2024-02-30: the date field reports it
        return value
    return value  # merge '<<' and value '=' keys stay text


def _marks_line(mark) -> int:
    return mark.line + 1 if mark is not None else 1


def decode(data: bytes) -> str:
    """UTF-8 text of a record file, or a YamlError naming the line of the first bad byte."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlError(1, "E-SIZE", f"文件有 {len(data):,} 字节，超过 1 MiB 上限；请把内容拆成几个文件，"
                                     "扫描件放到 records/files/ 下并在记录里引用")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = "看起来是 GBK/GB18030 编码（Windows 记事本或 Excel 的默认），"
        except UnicodeDecodeError:
            pass
        raise YamlError(line, "E-ENCODING", f"文件不是 UTF-8 编码：{hint}请用“另存为 UTF-8”重新保存") from None


def parse(text: str):
    """Parse one YAML document into LineDict/LineList/scalars; raise YamlError when unreadable.

    Returns (value, problems) where problems are (line, code, message) triples for faults
    that do not stop reading, such as a key written twice or a Tab that was repaired.  Lines are
    the editor's (see `lines.editor_lines`).
    """
    slips, repaired = find_slips(text)
    lines = editor_lines(repaired)
    hidden = hidden_breaks(repaired) if lines else []
    try:
        value, problems = _parse(repaired, lines)
    except YamlError as exc:
        line = relined(exc.line, lines)
        same = [h for h in hidden if h[0] == line]
        if same:   # YAML broke the line there and read another structure: the break is the cause
            raise YamlError(*same[0], before=slips + [h for h in hidden if h[0] != line]) from None
        if slips or lines:   # a break elsewhere (inside a quoted title, say) does not move this error
            raise YamlError(line, exc.code, exc.message, before=slips + hidden) from None
        raise
    if lines:
        reline_tree(value, lines)
        problems = hidden + [(relined(line, lines), code, message) for line, code, message in problems]
    return value, slips + problems


def _parse(text: str, lines: list[int] | None = None):
    problems: list[tuple[int, str, str]] = []
    quotes = any(mark in text for mark in CN_QUOTES)   # most files have none: skip the per-value test
    stack: list = []          # open containers
    keys: list = []           # per open mapping: pending key or _NO_KEY
    sizes: list[int] = []     # expanded size of each open container, for the alias budget
    anchors: dict[str, tuple[object, int]] = {}
    anchor_of: list = []      # anchor name of each open container
    budget = MAX_FILE_BYTES
    root = _NO_VALUE = object()
    documents = 0
    SE, MS, ME, QS, QE, AE, DS, SEND = (ev.ScalarEvent, ev.MappingStartEvent, ev.MappingEndEvent,
                                        ev.SequenceStartEvent, ev.SequenceEndEvent, ev.AliasEvent,
                                        ev.DocumentStartEvent, ev.StreamEndEvent)
    loader = None
    try:
        loader = _Loader(text)
        get_event = loader.get_event  # libyaml's own method: no Python generator per event
        while True:
            event = get_event()
            cls = event.__class__
            if cls is SEND:
                break
            if cls is SE:
                if event.implicit[0]:
                    value = _plain(event.value)
                    if quotes and event.value[:1] in CN_QUOTES:
                        key = keys[-1][0] if keys and keys[-1] is not _NO_VALUE else None
                        found = chinese_quotes(event.value, key if isinstance(key, str) else None)
                        if found:
                            value = found[0]
                            problems.append((event.start_mark.line + 1, "E-YAML", found[1]))
                elif event.tag in (None, "!", _STR) or event.implicit[1]:
                    value = event.value
                else:
                    raise YamlError(_marks_line(event.start_mark), "E-YAML",
                                    f"不支持 YAML 标签 {event.tag}；请去掉它，直接写值")
                size = len(event.value) + 1
                if event.anchor:
                    anchors[event.anchor] = (value, size)
            elif cls is MS or cls is QS:
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(_marks_line(event.start_mark), "E-YAML", TOO_DEEP)
                if cls is MS:
                    box = LineDict()
                    box.key_lines = {}
                else:
                    box = LineList()
                    box.lines = []
                box.line = _marks_line(event.start_mark)
                stack.append(box)
                keys.append(_NO_VALUE)
                sizes.append(1)
                anchor_of.append(event.anchor)
                continue
            elif cls is ME or cls is QE:
                value = stack.pop()
                keys.pop()
                size = sizes.pop()
                anchor = anchor_of.pop()
                if anchor:
                    anchors[anchor] = (value, size)
            elif cls is AE:
                if event.anchor not in anchors:
                    raise YamlError(_marks_line(event.start_mark), "E-YAML",
                                    f"引用了未定义的锚点 *{event.anchor}")
                value, size = anchors[event.anchor]
                budget -= size
                if budget < 0:
                    raise YamlError(_marks_line(event.start_mark), "E-SIZE",
                                    "别名（*锚点）展开后超过 1 MiB；请不要用别名反复复制大段内容")
            elif cls is DS:
                documents += 1
                if documents > 1:
                    raise YamlError(_marks_line(event.start_mark), "E-YAML",
                                    "一个文件只能有一个 YAML 文档；请删掉多余的 --- 或拆成两个文件")
                continue
            else:
                continue
            line = event.start_mark.line + 1
            if not stack:
                root = value
                continue
            sizes[-1] += size
            top = stack[-1]
            if top.__class__ is LineList:
                top.append(value)
                top.lines.append(line)
            elif keys[-1] is _NO_VALUE:
                if isinstance(value, (LineDict, LineList)):
                    raise YamlError(line, "E-YAML", "字段名不能是列表或映射；请检查这一行的冒号和缩进")
                keys[-1] = (value, line)
            else:
                key, key_line = keys[-1]
                keys[-1] = _NO_VALUE
                if key.__class__ is str:
                    key = intern(key)  # one object per key name: smaller cache pickles, faster lookups
                if key == "<<" and cls is not SE:
                    _merge(top, value, key_line)
                elif key in top.key_lines and key not in getattr(top, "merged", ()):
                    problems.append((key_line, "E-DUPLICATE-KEY",
                                     f"字段 {key} 写了两次（第 {relined(top.key_lines[key], lines)} 行已有）；"
                                     "YAML 会悄悄丢掉其中一个，请删掉或改名"))
                else:
                    top[key] = value
                    top.key_lines[key] = key_line
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or ""):  # libyaml >= 0.2.5 (PyYAML 6.0.4's wheels) stops at 1000 levels itself
            raise YamlError(_marks_line(exc.problem_mark), "E-YAML", TOO_DEEP) from None
        line, message = explain((exc.problem or "").strip(), exc.context or "", exc.problem_mark,
                                exc.context_mark, text)
        raise YamlError(line, "E-YAML", message) from None
    except yaml.reader.ReaderError as exc:  # control characters and the like
        line = libyaml_line(text, _char_offset(text, exc.position))  # parse() turns it into the editor's line
        raise YamlError(line, "E-YAML", f"这一行有 YAML 不允许的控制字符（编码 #x{exc.character:04x}）；"
                                        "请删掉它，或从原文件重新复制这段文字") from None
    except yaml.YAMLError:
        raise YamlError(1, "E-YAML", FALLBACK) from None
    finally:
        if loader is not None:
            loader.dispose()
    return (None if root is _NO_VALUE else root), problems


def _char_offset(text: str, position: int) -> int:
    """libyaml reports where it stopped reading as a byte offset into the UTF-8 text it was given
    (PyYAML's own reader, the fallback, counts characters)."""
    if _Loader is not yaml.CSafeLoader:
        return position
    return len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))


def _merge(target: LineDict, source, line: int) -> None:
    """YAML merge key: copy keys the mapping does not set itself."""
    sources = source if isinstance(source, LineList) else [source]
    for item in sources:
        if not isinstance(item, LineDict):
            raise YamlError(line, "E-YAML", "<< 合并的必须是映射（&锚点 指向的字段组）")
        for key, value in item.items():
            if key not in target:
                target[key] = value
                target.key_lines[key] = line
                target.merged = getattr(target, "merged", set()) | {key}
