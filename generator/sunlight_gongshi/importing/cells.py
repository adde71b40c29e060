"""One spreadsheet cell as money, a date or text, or a Chinese message naming its column and value.

Excel keeps numbers as binary floats and shows them to 15 significant digits: a balance
computed by formulas is stored as 48932.579999999994 and shown as 48932.58.  Numbers are
read here the way Excel shows them (15 significant digits, exact Decimal from there on), so
formula noise disappears while a typed third decimal (1.005) is still refused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from .workbook import ExcelError, Shown, Uncalculated, cell_date

CENT = Decimal("0.01")
LIMIT = Decimal("1e13")
EXCEL = Context(prec=15)               # Excel's precision: what its cells show
EXCEL_EPOCH = dt.date(1899, 12, 30)    # serial 1 is 1900-01-01, past Excel's phantom 1900-02-29
MAC_EPOCH = dt.date(1904, 1, 1)        # workbooks in the 1904 date system (old Mac Excel)
NOTHING = {"", "-", "--", "—", "——", "–", "/", "无"}
DITTO = {"同上", "〃", "\"", "''", "々", "仝上", "同前"}
_DATE_FORMS = (
    re.compile(r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)$"),
)
_GROUPED = re.compile(r"[(-]?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?")   # 1,234.50 and (1,234.50)
_NO_YEAR = re.compile(r"^(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?$")


class CellError(ValueError):
    """A cell that cannot be read; its message is complete and in Chinese."""


def text(value: object) -> str:
    """A cell as text: numbers without a trailing .0, dates as YYYY-MM-DD, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, Decimal)):
        return str(value)
    date = cell_date(value)
    if date is not None:
        return date.isoformat()
    if isinstance(value, ExcelError):
        return value.text
    if isinstance(value, Uncalculated):
        return ""
    if isinstance(value, Shown):   # as its number format shows it: 3.10
        return value.text
    if isinstance(value, float):   # an Excel number: as Excel shows it
        return f"{EXCEL.create_decimal(repr(value)).normalize():f}"
    return value.strip()


def plain(value: object) -> str:
    """A cell as text with full-width digits and letters made plain (２０２４ -> 2024), for codes and dates."""
    return unicodedata.normalize("NFKC", text(value)).strip()


def shown(value: object) -> str:
    """A cell as the treasurer typed or saw it, for quoting in a message."""
    if isinstance(value, str):
        return value.strip()
    return text(value)


def number(value: object, column: str) -> Decimal | None:
    """The exact number in a cell as Excel shows it, or None for an empty one ('-' counts as empty)."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise CellError(f"“{column}”列的 “{shown(value)}” 不是金额")
        return None
    if isinstance(value, ExcelError):
        raise CellError(f"“{column}”列是 Excel 的错误值 {value.text}，公式算不出结果；请先在 Excel 里修好这一格的公式")
    if isinstance(value, Uncalculated):
        raise CellError(uncalculated(column, value))
    if isinstance(value, int):
        return Decimal(value)
    if cell_date(value) is not None:
        raise CellError(f"“{column}”列的 “{shown(value)}” 是日期，不是金额；请检查是不是列放错了")
    if isinstance(value, float):   # an Excel number, binary floating point: as Excel shows it
        return EXCEL.create_decimal(repr(value))
    cleaned = re.sub(r"\s|元|人民币|RMB|[¥$]", "", unicodedata.normalize("NFKC", value)).replace("−", "-")
    if "," in cleaned and not _GROUPED.fullmatch(cleaned):
        raise CellError(f"“{column}”列的 “{shown(value)}” 里的逗号不是千位分隔（1,234.50 这样每三位一个）："
                        "看不出是多少钱；请只写数字和小数点，如 1234.50")
    cleaned = cleaned.replace(",", "")
    if cleaned in NOTHING:
        return None
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    body = cleaned[1:-1] if negative else cleaned
    if "万" in body:
        raise CellError(f"“{column}”列的 “{shown(value)}” 以“万”为单位；请写成以元为单位的数，如 12000.00")
    try:
        amount = EXCEL.plus(Decimal(body))
    except InvalidOperation:
        raise CellError(f"“{column}”列的 “{shown(value)}” 不是金额：只写数字，如 1234.50") from None
    if not amount.is_finite() or abs(amount) >= LIMIT:
        raise CellError(f"“{column}”列的 “{shown(value)}” 不是合理的金额")
    return -amount if negative else amount


def money(value: object, column: str) -> Decimal | None:
    """Yuan with at most two decimals; a third decimal is an error, never rounded away."""
    amount = number(value, column)
    if amount is None:
        return None
    if amount != amount.quantize(CENT):
        raise CellError(f"“{column}”列的 “{shown(value)}” 超过两位小数：钱要精确到分，请改成两位小数")
    return amount.quantize(CENT)


def balance(value: object, column: str) -> Decimal | None:
    """A running balance, compared to the cent: whatever a formula left past the cent is rounded."""
    amount = number(value, column)
    return None if amount is None else amount.quantize(CENT, rounding=ROUND_HALF_UP)


def uncalculated(column: str, value: Uncalculated) -> str:
    return (f"“{column}”列是公式 {value.formula}，文件里却没有保存算出的结果（这个文件是用不计算公式的程序"
            "生成或改过的）；请用 Excel 或 WPS 打开它，保存一次，再导入")


def date(value: object, column: str, year: int | None, date1904: bool = False) -> dt.date:
    """A date from an Excel date, an Excel serial number or text such as 2024年3月5日, read as the
    sheet shows it (a number 3.1 formatted 0.00 shows 3.10: the 10th)."""
    real = cell_date(value)
    if real is not None:
        return real
    if isinstance(value, ExcelError):
        raise CellError(f"“{column}”列是 Excel 的错误值 {value.text}；请先在 Excel 里修好这一格")
    if isinstance(value, Uncalculated):
        raise CellError(uncalculated(column, value))
    raw = plain(value)
    if re.fullmatch(r"\d{5}(\.\d+)?", raw) and 20000 <= int(raw.split(".")[0]) <= 80000:
        return (MAC_EPOCH if date1904 else EXCEL_EPOCH) + dt.timedelta(days=int(raw.split(".")[0]))
    for form in _DATE_FORMS:
        match = form.match(raw)
        if match:
            return _real(int(match["y"]), int(match["m"]), int(match["d"]), column, raw)
    match = _NO_YEAR.match(raw)
    if match:
        if isinstance(value, float) and not isinstance(value, Shown):
            _not_ambiguous(raw, year, column)
        if year is None:
            raise CellError(f"“{column}”列的 “{raw}” 没有年份；请写成 2024-03-05 这样，"
                            "或在表格标题里写明年份（如“2024年日记账”）")
        return _real(year, int(match["m"]), int(match["d"]), column, raw)
    raise CellError(f"“{column}”列的 “{shown(value)}” 不是日期；请写成 2024-03-05 这样")


def _not_ambiguous(raw: str, year: int | None, column: str) -> None:
    """A date typed as 3.10 is kept by Excel as the number 3.1 and shown so in a General cell:
    when the day could be 1 or 10 (2 or 20, 3 or 30), which one the treasurer typed is lost."""
    month, _, day = raw.partition(".")
    if len(day) != 1 or not month.isdigit() or not 1 <= int(month) <= 12:
        return
    try:
        dt.date(year or 2024, int(month), int(day) * 10)
    except ValueError:
        return   # 3.4 can only be the 4th
    raise CellError(f"“{column}”列的 {raw} 是 Excel 存下的数字，不是日期：Excel 把 {month}.{day}0 也存成 {raw}，"
                    f"看不出是 {month} 月 {day} 日还是 {month} 月 {day}0 日。请把这一列设成“日期”或“文本”格式，"
                    f"重新输入这个日期（如 {year or 2024}-{int(month):02d}-{int(day) * 10}），再导入")


def _real(year: int, month: int, day: int, column: str, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"“{column}”列的 “{raw}” 不是真实的日期（没有这一天）") from None


def month_day(month_cell: object, day_cell: object, year: int | None, column: str) -> dt.date:
    """A date from separate 月 and 日 columns, the year taken from the title."""
    month, day = plain(month_cell).rstrip("月"), plain(day_cell).rstrip("日")
    if not (month.isdigit() and day.isdigit()):
        raise CellError(f"“{column}”列的 “{shown(month_cell)}月{shown(day_cell)}日” 不是日期")
    if year is None:
        raise CellError("表格只有“月”“日”两列，没有年份；请在表格标题里写明年份（如“2024年日记账”），或加一列完整的日期")
    return _real(year, int(month), int(day), column, f"{month}月{day}日")
