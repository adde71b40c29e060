"""A treasurer's file, whatever Excel or WPS saved it as, read into sheets of typed cells.

The format is told by the file's first bytes, not its name: banks and WPS often save a web
page or a text table as `.xls`.  .xlsx is read with openpyxl, .xls (Excel 97-2003) with xlrd,
CSV and tab-separated text in UTF-8, UTF-16 (Excel's "Unicode text") or GBK.  Cells keep their
type (text, number, date) so that an Excel date or a formula's cached value is read as it is,
and what the sheet shows beyond the value is kept too: a number's format (3.10 is stored as
3.1), a date format without a year, hidden rows and columns, struck-through or red figures,
merged cells, formulas never calculated, and the 1904 date system of old Mac workbooks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..extras import need


class SheetError(Exception):
    """A file that cannot be read as a table; the message says what to do, in Chinese."""


@dataclass(frozen=True)
class ExcelError:
    """An Excel error value such as #REF! left in a cell by a broken formula."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Uncalculated:
    """A formula whose result the file does not hold (saved by a program that does not calculate)."""

    formula: str

    def __str__(self) -> str:
        return ""


class Shown(float):
    """A number whose cell format shows it otherwise than Python would: 3.1 under 0.00 is 3.10."""

    __slots__ = ("text",)

    def __new__(cls, value: float, text: str):
        number = super().__new__(cls, value)
        number.text = text
        return number


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name and its rows as the spreadsheet numbers them (rows[0] is row 1),
    with what the sheet shows beyond the values (rows and columns counted from 1)."""

    name: str
    rows: list[list[object]]
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    marks: dict[tuple[int, int], str] = field(default_factory=dict)   # (row, column) -> "strike" | "red"
    merged: tuple[tuple[int, int, int, int], ...] = ()   # (first row, last row, first column, last column)
    date1904: bool = False

    def is_empty(self) -> bool:
        return not any(cell not in (None, "") for row in self.rows for cell in row)


def read_workbook(path: Path) -> list[Sheet]:
    """Every sheet of the file; a CSV is one sheet named after the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SheetError(f"读不了这个文件：{exc.strerror}") from None
    if not data.strip():
        raise SheetError("文件是空的")
    if data[:4] == b"PK\x03\x04":
        return _xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _xls(data)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta")):
        raise SheetError("这个文件其实是网页（HTML）格式的表格，只是扩展名写成了 .xls；"
                         "请用 Excel 或 WPS 打开它，“另存为” .xlsx 后再导入")
    if data[:5] == b"%PDF-":
        raise SheetError("这是 PDF 文件，不是表格；请导入原来的 Excel 文件")
    return [Sheet(path.stem, _text_rows(data))]


def _xlsx(data: bytes) -> list[Sheet]:
    openpyxl = need("import", "openpyxl", "读 Excel 表格（.xlsx）")
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise SheetError("这个文件不是 Excel 表格（.xlsx）；如果是 WPS 或 Numbers 的文件，"
                         "请“另存为” Excel 工作簿（.xlsx）后再导入") from None
    date1904 = book.epoch.year == 1904
    sheets = []
    for ws, wf in zip(book.worksheets, formulas.worksheets):
        rows, marks = [], {}
        for r, (row, formula_row) in enumerate(zip(ws.iter_rows(min_row=1, max_row=ws.max_row),
                                                   wf.iter_rows(min_row=1, max_row=ws.max_row)), start=1):
            values = []
            for c, (cell, source) in enumerate(zip(row, formula_row), start=1):
                value = cell.value
                if value is None and isinstance(source.value, str) and source.value.startswith("="):
                    value = Uncalculated(source.value)
                elif isinstance(value, str) and value.startswith("#") and value.upper() in _ERRORS:
                    value = ExcelError(value)
                else:
                    value = _as_shown(value, cell.number_format)
                font = cell.font
                if value not in (None, "") and font is not None:
                    if font.strike:
                        marks[(r, c)] = "strike"
                    elif _red(font.color):
                        marks[(r, c)] = "red"
                values.append(value)
            rows.append(values)
        merged = tuple((m.min_row, m.max_row, m.min_col, m.max_col) for m in ws.merged_cells.ranges)
        hidden_rows = frozenset(r for r, dim in ws.row_dimensions.items() if dim.hidden or dim.ht == 0)
        hidden_columns = frozenset(c for dim in ws.column_dimensions.values() if dim.hidden
                                   for c in range(dim.min or 0, (dim.max or 0) + 1) if c)
        sheets.append(Sheet(ws.title, _fill_merged(rows, merged), hidden_rows, hidden_columns, marks, merged,
                            date1904))
    return sheets


def _red(color) -> bool:
    """A font colour a reader calls red (红字: in Chinese bookkeeping, a reversal)."""
    rgb = getattr(color, "rgb", None) if getattr(color, "type", None) == "rgb" else None
    if not isinstance(rgb, str) or not re.fullmatch(r"[0-9A-Fa-f]{6,8}", rgb):
        return False
    red, green, blue = (int(rgb[-6:][i:i + 2], 16) for i in (0, 2, 4))
    return red >= 0xB0 and green <= 0x60 and blue <= 0x60


_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _as_shown(value: object, number_format: str | None) -> object:
    """A cell's value as its number format shows it: a number with the decimals the format shows,
    a date whose format shows no year as text without one (3月10日), so that the year is read
    from the sheet as for a typed date, never from the day the treasurer typed it."""
    fmt = _LITERALS.sub("", (number_format or "General").split(";")[0])
    if isinstance(value, (dt.datetime, dt.date)) and not isinstance(value, dt.time):
        has_year, has_day = re.search(r"[yYeE]", fmt), re.search(r"[dD]", fmt)
        if has_day and not has_year:
            return f"{value.month}月{value.day}日"
        if has_year and not has_day and re.search(r"[mM]", fmt):
            return f"{value.year}年{value.month}月"
        return value
    if isinstance(value, float) and not isinstance(value, bool) and "%" not in fmt:
        decimals = re.search(r"[0#?]\.([0#?]+)|^\.([0#?]+)", fmt)
        if decimals:
            places = decimals.group(1) or decimals.group(2)
            least, most = places.count("0"), len(places)
            text = f"{value:.{most}f}"
            while most > least and text.endswith("0"):
                text, most = text[:-1], most - 1
            return Shown(value, text.rstrip(".") if most == 0 else text)
        if re.search(r"[0#?]", fmt):
            return Shown(value, f"{value:.0f}")
    return value


def _fill_merged(rows: list[list[object]], merged) -> list[list[object]]:
    """A date or voucher merged down over the rows of one day stands in each of those rows."""
    for first, last, left, right in merged:
        if left == right and last > first and first - 1 < len(rows):
            top = rows[first - 1][left - 1] if left - 1 < len(rows[first - 1]) else None
            for r in range(first, min(last, len(rows))):
                if left - 1 < len(rows[r]):
                    rows[r][left - 1] = top
    return rows


_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


def _xls(data: bytes) -> list[Sheet]:
    xlrd = need("import", "xlrd", "读旧版 Excel 表格（.xls）")
    try:
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True)
        except NotImplementedError:   # formatting not readable: the values alone
            book = xlrd.open_workbook(file_contents=data)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise SheetError("这个表格设了打开密码；请在 Excel 里取消密码，另存后再导入") from None
        raise SheetError("读不了这个 .xls 文件：它可能加了密码，或者已经损坏；请用 Excel 或 WPS 打开，"
                         "“另存为” .xlsx 后再导入") from None
    except Exception:   # xlrd raises assorted errors on damaged files
        raise SheetError("这个 .xls 文件已经损坏，读不出来；请用 Excel 或 WPS 打开，“另存为” .xlsx 后再导入") from None
    formatted = bool(book.xf_list)
    sheets = []
    for ws in book.sheets():
        rows, marks = [], {}
        for r in range(ws.nrows):
            row = []
            for c in range(ws.ncols):
                kind, value = ws.cell_type(r, c), ws.cell_value(r, c)
                fmt = _xls_format(book, ws, r, c) if formatted else None
                if kind == xlrd.XL_CELL_DATE:
                    try:
                        value = _as_shown(xlrd.xldate_as_datetime(value, book.datemode), fmt)
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        pass
                elif kind == xlrd.XL_CELL_ERROR:
                    value = ExcelError(xlrd.error_text_from_code.get(value, "#错误"))
                elif kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                elif kind == xlrd.XL_CELL_NUMBER:
                    value = _as_shown(value, fmt)
                if formatted and value not in (None, ""):
                    font = book.font_list[book.xf_list[ws.cell_xf_index(r, c)].font_index]
                    if font.struck_out:
                        marks[(r + 1, c + 1)] = "strike"
                    elif _xls_red(book, font.colour_index):
                        marks[(r + 1, c + 1)] = "red"
                row.append(value)
            rows.append(row)
        merged = tuple((rlo + 1, rhi, clo + 1, chi) for rlo, rhi, clo, chi in ws.merged_cells)
        hidden_rows = frozenset(r + 1 for r, info in ws.rowinfo_map.items() if info.hidden and formatted)
        hidden_columns = frozenset(c + 1 for c, info in ws.colinfo_map.items() if info.hidden and formatted)
        sheets.append(Sheet(ws.name, _fill_merged(rows, merged), hidden_rows, hidden_columns, marks, merged,
                            book.datemode == 1))
    return sheets


def _xls_format(book, ws, r: int, c: int) -> str | None:
    try:
        return book.format_map[book.xf_list[ws.cell_xf_index(r, c)].format_key].format_str
    except (KeyError, IndexError):
        return None


def _xls_red(book, colour_index: int) -> bool:
    rgb = book.colour_map.get(colour_index)
    return bool(rgb) and rgb[0] >= 0xB0 and rgb[1] <= 0x60 and rgb[2] <= 0x60


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError("看不出这个文本表格的编码；请用 Excel 打开，“另存为” .xlsx 或 “CSV UTF-8” 后再导入")


def _text_rows(data: bytes) -> list[list[object]]:
    text = _decode(data)
    if "\x00" in text:
        raise SheetError("这个文件不是表格（里面有二进制内容）；请导入 Excel 文件（.xlsx、.xls）或 CSV")
    sample = "\n".join(text.splitlines()[:20])
    delimiter = max(",\t;", key=sample.count)
    return [[cell.strip() if cell.strip() else None for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def cell_date(value: object) -> dt.date | None:
    """A date an Excel cell holds as a date (not as text or a serial number), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
