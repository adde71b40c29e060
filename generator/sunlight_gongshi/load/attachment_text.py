"""The words inside a published attachment, for the privacy scan: text in any encoding a Chinese PC
writes, office documents old and new, and PDFs.

Committees attach sign-in sheets and vote tallies as spreadsheets and PDFs, and those often list
owners' phones.  The kind of a file is told by its first bytes, not its name (a .wps may be a
zip, a .xls an old compound file).  Text files are decoded as they were saved: UTF-8, UTF-16 with
its byte-order mark (Excel's "Unicode 文本"), UTF-32, or GB18030 (GBK, Excel's CSV in China).
Office Open XML and OpenDocument files are zip archives of XML, read part by part with each
paragraph or cell on a line of its own, so that figures of neighbouring cells never run together;
documents embedded in them are read too.  Old office files (.doc .xls .ppt .wps .et .dps) are
read by `ole_text`, PDFs by `pdf_text`.  Scanned images carry no text: docs/privacy.md tells
committees to check those by eye.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

MAX_BYTES = 32 * 1024 * 1024      # read at most this much of one attachment, however it unpacks
MAX_PARTS = 2000
MAX_DEPTH = 3                     # documents inside documents inside documents
ZIP, OLE, PDF = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-"
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif")
# A paragraph (Word w:p, PowerPoint a:p, OpenDocument text:p/h), a shared string (si), a sheet
# cell (c, table:table-cell) or a table cell (w:tc): each ends a line.  Inside one, the text
# runs a word processor splits a typed number into are joined, as the reader sees them.
BLOCK = re.compile(r"</?(?:w:p|a:p|text:p|text:h|si|c|w:tc|table:table-cell|w:br|text:line-break)(?:\s[^>]*)?/?>")
TAG = re.compile(r"<[^>]*>")
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


@dataclass(frozen=True)
class Part:
    """Text found in an attachment; `where` says where it stands when its lines are not the file's
    lines ("第 2 页", "文档信息"), None when they are."""

    text: str
    where: str | None = None


def decode(data: bytes) -> str:
    """Text as it was saved: by its byte-order mark, as UTF-16 without one when every other byte
    of a sample is zero, else UTF-8, else GB18030."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding.removesuffix("-sig"), "replace")
    sample = data[:4096]
    if _utf16_like(sample):
        odd_zeros = sample[1::2].count(0)
        return data.decode("utf-16-le" if odd_zeros >= sample[0::2].count(0) else "utf-16-be", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def _office_text(data: bytes, depth: int) -> list[Part]:
    import zipfile   # here: most validations meet no office document
    parts, texts, budget = [], [], MAX_BYTES
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist()[:MAX_PARTS]:
            if budget <= 0 or info.is_dir():
                continue
            with archive.open(info) as member:
                inner = member.read(budget)
            budget -= len(inner)
            if info.filename.endswith((".xml", ".rels")) or info.filename == "content.xml":
                xml = BLOCK.sub("\n|", inner.decode("utf-8", "replace"))
                texts.append(html.unescape(TAG.sub("", xml)))
            elif depth < MAX_DEPTH and (inner[:8] == OLE or inner[:4] == ZIP or inner[:5] == PDF):
                parts += [Part(p.text, "嵌入的文件" + (p.where or "")) for p in _parts(inner, depth + 1)]
    return [Part("\n|".join(texts), "")] + parts


def _utf16_like(sample: bytes) -> bool:
    """Most bytes at one parity are zero, as in UTF-16 text of mostly ASCII or Chinese."""
    zeros = sample.count(0)
    return len(sample) >= 4 and zeros * 3 >= len(sample) and \
        max(sample[0::2].count(0), sample[1::2].count(0)) >= zeros * 0.9


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    return data.startswith(tuple(bom for bom, _ in BOMS)) or b"\x00" not in sample or _utf16_like(sample)


def _parts(data: bytes, depth: int = 0, suffix: str = "") -> list[Part]:
    if data[:4] == ZIP:
        return _office_text(data, depth)
    if data[:8] == OLE:
        from . import ole_text
        return [Part(text, where) for text, where in ole_text.texts(data)]
    if data[:5] == PDF:
        from . import pdf_text
        return [Part(text, where) for text, where in pdf_text.texts(data)]
    if suffix in IMAGE_TYPES:
        return []
    if _looks_like_text(data):   # a .txt, or a document that is text under another name (Word opens it)
        return [Part(decode(data))]
    raise Unreadable("an unknown kind of document")


class Unreadable(Exception):
    """A document that holds text but cannot be read (damaged, encrypted, an unknown packing)."""


def holds_text(rel: str) -> bool:
    """Whether an attachment's kind may hold text to read (an image does not)."""
    return not rel.lower().endswith(IMAGE_TYPES)


def attachment_text(data: bytes, suffix: str) -> list[Part] | None:
    """The text parts of an attachment's bytes (`suffix` its extension), or None for a kind that
    holds no text to read (an image); raises Unreadable for a document that cannot be read."""
    try:
        parts = _parts(data[:MAX_BYTES], 0, suffix.lower())
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to unpack a stranger's file means "unreadable"
        raise Unreadable(str(exc)) from None   # corrupt deflate data, encryption, unknown compression...
    return parts or None
