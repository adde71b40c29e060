"""A treasurer's file, whatever Excel or WPS saved it as, read into sheets of typed cells.

The format is told by the file's first bytes, not its name: banks and WPS often save a web
page or a text table as `.xls`.  .xlsx is read with openpyxl, .xls (Excel 97-2003) with xlrd,
CSV and tab-separated text in UTF-8, UTF-16 (Excel's "Unicode text") or GBK.  Cells keep their
type (text, number, date) so that an Excel date or a formula's cached value is read as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
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
class Sheet:
    """One worksheet: its name and its rows as the spreadsheet numbers them (rows[0] is row 1)."""

    name: str
    rows: list[list[object]]

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
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError):
        raise SheetError("这个文件不是 Excel 表格（.xlsx）；如果是 WPS 或 Numbers 的文件，"
                         "请“另存为” Excel 工作簿（.xlsx）后再导入") from None
    sheets = []
    for ws in book.worksheets:
        rows = []
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row, values_only=True):
            rows.append([ExcelError(v) if isinstance(v, str) and v.startswith("#") and v.upper() in _ERRORS else v
                         for v in row])
        for merged in ws.merged_cells.ranges:   # a date or voucher merged down over the rows of one day
            if merged.min_col == merged.max_col and merged.max_row > merged.min_row:
                top = rows[merged.min_row - 1][merged.min_col - 1]
                for r in range(merged.min_row, merged.max_row):
                    rows[r][merged.min_col - 1] = top
        sheets.append(Sheet(ws.title, rows))
    return sheets


_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


def _xls(data: bytes) -> list[Sheet]:
    xlrd = need("import", "xlrd", "读旧版 Excel 表格（.xls）")
    try:
        book = xlrd.open_workbook(file_contents=data)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise SheetError("这个表格设了打开密码；请在 Excel 里取消密码，另存后再导入") from None
        raise SheetError("读不了这个 .xls 文件：它可能加了密码，或者已经损坏；请用 Excel 或 WPS 打开，"
                         "“另存为” .xlsx 后再导入") from None
    except Exception:   # xlrd raises assorted errors on damaged files
        raise SheetError("这个 .xls 文件已经损坏，读不出来；请用 Excel 或 WPS 打开，“另存为” .xlsx 后再导入") from None
    sheets = []
    for ws in book.sheets():
        rows = []
        for r in range(ws.nrows):
            row = []
            for c in range(ws.ncols):
                kind, value = ws.cell_type(r, c), ws.cell_value(r, c)
                if kind == xlrd.XL_CELL_DATE:
                    try:
                        value = xlrd.xldate_as_datetime(value, book.datemode)
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        pass
                elif kind == xlrd.XL_CELL_ERROR:
                    value = ExcelError(xlrd.error_text_from_code.get(value, "#错误"))
                elif kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                row.append(value)
            rows.append(row)
        sheets.append(Sheet(ws.name, rows))
    return sheets


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
