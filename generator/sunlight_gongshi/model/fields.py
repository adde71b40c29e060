"""Field kinds in the style of mkdocs' config_options: each converts one YAML value or says why not.

Every message is written for a committee member and names the fix.  The same kinds emit
the JSON Schema that editors use, so the schema and the checks cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import json
import re
from decimal import Decimal
from typing import Any, Mapping

from ..money import CENT, LIMIT
from ..visible import invisible_in

# Patterns are matched whole (fullmatch: `$` would let a trailing line break through) and in
# ASCII only (`\d` would take full-width and other scripts' digits).
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MONTH_RE = re.compile(r"(\d{4})-(\d\d)", re.ASCII)
DATE_RE = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)
MONEY_RE = re.compile(r"^[+-]?\d+(\.\d{1,2})?$")
NUMBER_RE = re.compile(r"[+-]?\d+(\.\d+)?", re.ASCII)
# Ids name pages: decisions/ID.md, units/ID.md, finance/accounts/ID.md.  These would take the
# place of a folder's index page (MkDocs also makes README its index), and Windows cannot make
# a file of a device name (con.md, nul.md), so a site built there would fail.
RESERVED_IDS = frozenset({"index", "readme", "con", "prn", "aux", "nul",
                          *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


class RadixNumber(str):
    """An unquoted integer that YAML 1.1 reads in another base: `0700` is octal 448, `-0700` is
    -448, `0x1A` is 26, `0b11` is 3.  The YAML reader keeps it as written, so a text field shows
    it as written and a number field refuses it instead of taking a value nobody meant."""

    __slots__ = ()

    @property
    def value(self) -> int:
        text = self.replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        base = {"0b": 2, "0x": 16}.get(digits[:2], 8)
        return sign * int(digits[2:] if base != 8 else digits, base)


@dataclasses.dataclass(frozen=True, eq=False)
class Src:
    """Where a record stands: its file (relative to the root), its line, and each key's line."""

    path: str
    line: int
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict)

    def at(self, key: str) -> int:
        return self.lines.get(key, self.line)


def src_field():
    """The `src` field every record has: where it was written, never compared."""
    return dataclasses.field(default=None, compare=False, repr=False)


class Invalid(Exception):
    """A value that does not fit its field; `line` overrides the key's line when known."""

    def __init__(self, message: str, code: str = "E-VALUE", line: int | None = None):
        super().__init__(message)
        self.message, self.code, self.line = message, code, line


def describe(value: Any) -> str:
    """How a YAML value reads back to a person, to explain what the loader saw."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"{'是/true' if value else '否/false'}（YAML 把 yes/no/on/off 读成真假）"
    if isinstance(value, dt.date):
        return f"日期 {value.isoformat()}"
    if isinstance(value, RadixNumber):
        return f"数字 {value}（YAML 把它读成 {value.value}）"
    if isinstance(value, (int, Decimal)):
        return f"数字 {value}"
    if isinstance(value, dict):
        return "一组字段"
    if isinstance(value, list):
        return "一个列表"
    return f"“{value}”"


class Kind:
    """Base field kind."""

    schema: dict = {}

    def convert(self, value: Any) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        return dict(self.schema)


class Text(Kind):
    """Plain text (or Markdown); numbers and dates are refused so `no` never becomes False."""

    def __init__(self, markdown: bool = False):
        self.markdown = markdown
        self.schema = {"type": "string", "minLength": 1}
        if markdown:
            self.schema["description"] = "Markdown，不能含 HTML"

    def convert(self, value):
        if isinstance(value, str) and value.strip():
            hidden = invisible_in(value)
            if hidden:
                raise Invalid(f"文字里有一个看不见的字符 {hidden}（零宽字符或方向控制符）：看起来一样的两段文字会被当成不同，"
                              "或者显示的顺序和写的不同；请删掉它，重新输入这段文字", "E-INVISIBLE")
            return value
        if isinstance(value, str):
            raise Invalid("这里不能为空；请写上内容，或删掉这一行")
        raise Invalid(f"这里应是文字，却读到了 {describe(value)}；请给它加上引号，如 \"{_raw(value)}\"")


def _radix(value: RadixNumber) -> str:
    """Why an unquoted 0700, 0x1A or 0b11 is refused where a number is expected."""
    digits = value.lstrip("+-")
    if digits[:2] in ("0x", "0b"):
        base = "十六进制" if digits[:2] == "0x" else "二进制"
        return f"{value} 是{base}写法，YAML 读成 {value.value}；这里请写普通的十进制数"
    return (f"{value} 以 0 开头，YAML 会把它当作八进制数读成 {value.value}，而不是 {int(value.replace('_', ''))}；"
            "请去掉开头的 0")


def _raw(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class Id(Kind):
    """An identifier: letters, digits, '.', '_', '-'; always text so 012 is not read as 10."""

    schema = {"type": "string", "pattern": ID_RE.pattern}

    def convert(self, value):
        if not isinstance(value, str) or isinstance(value, RadixNumber):
            raise Invalid(f"编号应是文字，却读到了 {describe(value)}；请加引号写成 \"{_raw(value)}\"",
                          "E-ID")
        if not ID_RE.fullmatch(value):
            raise Invalid(f"编号 {json.dumps(value, ensure_ascii=False)} 只能用字母、数字和 . _ -，"
                          "且以字母或数字开头（不能有空格或换行）", "E-ID")
        if value.split(".")[0].lower() in RESERVED_IDS:
            raise Invalid(f"编号 {value} 是网站自己要用的网页名（或 Windows 不允许的文件名），会顶替那个网页；"
                          "请换一个编号，如加上年份", "E-ID")
        return value


class Int(Kind):
    def __init__(self, minimum: int = 0):
        self.minimum = minimum
        self.schema = {"type": "integer", "minimum": minimum}

    def convert(self, value):
        if isinstance(value, RadixNumber):
            raise Invalid(_radix(value))
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"这里应是整数，却读到了 {describe(value)}")
        if value < self.minimum:
            raise Invalid(f"{value} 太小：这里至少是 {self.minimum}")
        return value


class Exact(Kind):
    """A number with at most two decimals, held as Decimal; '1200.505' is refused, never rounded."""

    unit = ""            # what it counts, e.g. 元
    example = ""         # how one is written, e.g. "1200.50"
    precision = ""       # why two decimals are enough, said to the committee
    plausible = ""       # what an absurd value is not, e.g. 金额

    def __init__(self, sign: str = "any", what: str = ""):
        self.sign, self.what = sign, what
        self.schema = {"type": ["string", "number"],
                       "pattern": MONEY_RE.pattern if sign == "any" else r"^\+?\d+(\.\d{1,2})?$",
                       "description": f"{what}（{self.unit}，最多两位小数）"}

    def convert(self, value):
        if isinstance(value, RadixNumber):
            raise Invalid(f"{self.what}{_radix(value)}", "E-MONEY")
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            raise Invalid(f"{self.what}应写成数字，如 \"{self.example}\"，却读到了 {describe(value)}", "E-MONEY")
        text = str(value).strip()
        if isinstance(value, str):
            if not NUMBER_RE.fullmatch(text):
                raise Invalid(f"{self.what} “{text}” 看不懂：只写半角数字，最多两位小数，不要写“{self.unit}”、逗号或空格，"
                              f"如 \"{self.example}\"", "E-MONEY")
            value = Decimal(text)
        amount = Decimal(value)
        if not amount.is_finite() or abs(amount) >= LIMIT:
            raise Invalid(f"{self.what} {text} 不是合理的{self.plausible}", "E-MONEY")
        if amount != amount.quantize(CENT):
            raise Invalid(f"{self.what} {text} 超过两位小数：{self.precision}，请写成两位小数，"
                          f"如 \"{amount.quantize(CENT)}\"", "E-MONEY")
        amount = amount.quantize(CENT)
        if self.sign == "positive" and amount <= 0:
            raise Invalid(f"{self.what}应大于 0，却是 {amount}", "E-MONEY")
        if self.sign == "nonnegative" and amount < 0:
            raise Invalid(f"{self.what}不能是负数，却是 {amount}", "E-MONEY")
        return amount


class Money(Exact):
    """Yuan to the cent."""

    unit, example, precision, plausible = "元", "1200.50", "钱要精确到分", "金额"

    def __init__(self, sign: str = "any", what: str = "金额"):
        super().__init__(sign, what)


class Area(Exact):
    """Square metres to the hundredth, as a property certificate writes them."""

    unit, example, precision, plausible = "平方米", "2150.40", "面积精确到 0.01 平方米", "面积"

    def __init__(self, sign: str = "any", what: str = "面积"):
        super().__init__(sign, what)


class Date(Kind):
    schema = {"type": "string", "format": "date"}

    def convert(self, value):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and DATE_RE.fullmatch(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        if isinstance(value, str):
            raise Invalid(f"日期 “{value}” 不对：应写成 YYYY-MM-DD 的真实日期，如 2024-03-05", "E-DATE")
        raise Invalid(f"这里应是日期（YYYY-MM-DD），却读到了 {describe(value)}", "E-DATE")


class Month(Kind):
    """A calendar month, held as the text 'YYYY-MM' so months sort as strings."""

    schema = {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}

    def convert(self, value):
        if isinstance(value, dt.date):
            raise Invalid(f"这里应是月份 YYYY-MM，却写了日期 {value.isoformat()}；请去掉日", "E-DATE")
        text = value.strip() if isinstance(value, str) else None
        match = MONTH_RE.fullmatch(text or "")
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise Invalid(f"月份 {describe(value)} 不对：应写成 YYYY-MM，如 2024-03", "E-DATE")
        return text


class Link(Kind):
    """A link of the chain a site publishes (data/chain/head.json): 64 hexadecimal digits."""

    schema = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
    PATTERN = re.compile(r"[0-9a-fA-F]{64}")

    def convert(self, value):
        if not isinstance(value, str) or isinstance(value, RadixNumber):
            raise Invalid(f"这里应是修改链的 link：加引号的 64 位十六进制数字，却读到了 {describe(value)}", "E-LINK")
        text = value.strip()
        if not self.PATTERN.fullmatch(text):
            raise Invalid(f"“{text[:80]}” 不是修改链的 link：应是 64 位十六进制数字（0–9、a–f），现在是 {len(text)} 个字符；"
                          "请从改写前的网站的 data/chain/head.json 里把 link 整个复制过来", "E-LINK")
        return text.lower()


class Bool(Kind):
    schema = {"type": "boolean"}

    def convert(self, value):
        if not isinstance(value, bool):
            raise Invalid(f"这里应写 true 或 false，却读到了 {describe(value)}")
        return value


class Choice(Kind):
    def __init__(self, *options: str):
        self.options = options
        self.schema = {"type": "string", "enum": list(options)}

    def convert(self, value):
        if value in self.options and isinstance(value, str):
            return value
        close = difflib.get_close_matches(str(value), self.options, n=1)
        hint = f"（是不是 {close[0]}？）" if close else ""
        raise Invalid(f"{describe(value)} 不是可选值{hint}；只能是 {' | '.join(self.options)}", "E-CHOICE")


class FilePath(Kind):
    """A path under records/, as text; existence is checked later against the file list."""

    schema = {"type": "string", "description": "records/ 下的文件路径，如 files/2024-03-001.jpg"}

    def convert(self, value):
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"这里应是文件路径，如 files/2024-03-001.jpg，却读到了 {describe(value)}", "E-FILE")
        return value.strip()


class ListOf(Kind):
    def __init__(self, item: Kind):
        self.item = item

    def json_schema(self):
        return {"type": "array", "items": self.item.json_schema()}

    def convert(self, value):
        if not isinstance(value, list):
            raise Invalid(f"这里应是一个列表（每项以 - 开头），却读到了 {describe(value)}")
        return value  # items are converted by the record builder, which knows their lines


class MapOf(Kind):
    """A mapping from ids to values, e.g. closing balances by account."""

    def __init__(self, value: Kind, pair: type):
        self.value, self.pair = value, pair  # pair(key, value, line) holds one converted entry

    def json_schema(self):
        return {"type": "object", "propertyNames": {"pattern": ID_RE.pattern},
                "additionalProperties": self.value.json_schema()}

    def convert(self, value):
        if not isinstance(value, dict):
            raise Invalid(f"这里应是“编号: 值”的映射，却读到了 {describe(value)}")
        return value


class Sub(Kind):
    """A nested record (a dataclass); the builder converts it with its own lines."""

    def __init__(self, *records: type):
        self.records = records

    def json_schema(self):
        options = [{"$ref": f"#/$defs/{r.__name__}"} for r in self.records]
        return options[0] if len(options) == 1 else {"oneOf": options}

    def convert(self, value):
        if not isinstance(value, dict):
            raise Invalid(f"这里应是一组字段（键: 值），却读到了 {describe(value)}")
        return value


def spec(kind: Kind, key: str | None = None, default: Any = dataclasses.MISSING, **kw):
    """Declare a record field: its kind, its YAML key when that is a Python keyword, a default."""
    meta = {"kind": kind, "key": key}
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=meta, **kw)
    return dataclasses.field(default=default, metadata=meta, **kw)


@functools.cache
def field_table(cls: type) -> tuple[tuple[str, str, Kind, bool], ...]:
    """(attribute, YAML key, kind, required) for each declared field of a record class."""
    rows = []
    for f in dataclasses.fields(cls):
        if "kind" not in f.metadata:
            continue
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        rows.append((f.name, f.metadata["key"] or f.name, f.metadata["kind"], required))
    return tuple(rows)


@functools.cache
def yaml_keys(cls: type) -> tuple[str, ...]:
    return tuple(row[1] for row in field_table(cls))
