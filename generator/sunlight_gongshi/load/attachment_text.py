"""The words inside a published attachment, for the privacy scan: plain text and office documents.

Committees attach sign-in sheets and vote tallies as spreadsheets, and those often list owners'
phones.  Text files are read as they are (UTF-8, or GB18030 as Excel saves a CSV in China);
Office Open XML and OpenDocument files are zip archives of XML, read part by part with each
paragraph or cell on a line of its own, so that figures of neighbouring cells never run together.
Scanned images and PDFs are not read: docs/privacy.md tells committees to check those by eye.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

TEXT_TYPES = (".txt", ".csv")
OFFICE_TYPES = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")
MAX_BYTES = 32 * 1024 * 1024      # read at most this much of one attachment, however it unpacks
MAX_PARTS = 2000
# A paragraph (Word w:p, PowerPoint a:p, OpenDocument text:p/h), a shared string (si), a sheet
# cell (c, table:table-cell) or a table cell (w:tc): each ends a line.  Inside one, the text
# runs a word processor splits a typed number into are joined, as the reader sees them.
BLOCK = re.compile(r"</?(?:w:p|a:p|text:p|text:h|si|c|w:tc|table:table-cell|w:br|text:line-break)(?:\s[^>]*)?/?>")
TAG = re.compile(r"<[^>]*>")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def _office_text(path: Path) -> str:
    parts, budget = [], MAX_BYTES
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist()[:MAX_PARTS]:
            if not info.filename.endswith(".xml") or budget <= 0:
                continue
            with archive.open(info) as member:
                data = member.read(budget)
            budget -= len(data)
            xml = BLOCK.sub("\n|", data.decode("utf-8", "replace"))
            parts.append(html.unescape(TAG.sub("", xml)))
    return "\n|".join(parts)


def attachment_text(path: Path) -> tuple[str, bool] | None:
    """(text, whether its lines are the file's own lines), or None for a type not read here."""
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_TYPES:
            with open(path, "rb") as handle:
                return _decode(handle.read(MAX_BYTES)), True
        if suffix in OFFICE_TYPES:
            return _office_text(path), False
    except Exception:  # noqa: BLE001 - any failure to unpack a stranger's archive means "unreadable"
        return None    # (corrupt deflate data, encryption, unknown compression...): nothing to check
    return None
