"""The text of a PDF attachment, page by page, and its document information, read with pypdf.

Minutes, notices and vote tallies are published as PDFs; the text a PDF carries (typed, not
scanned) and its metadata (the author field often holds a name and a phone) are what a
reader's PDF viewer shows and searches, so they are scanned like any page.
"""

from __future__ import annotations

import io
import logging
import re
import warnings

MAX_PAGES = 2000
TAG = re.compile(r"<[^>]*>")
INFO_NAMES = {"/Title": "标题", "/Author": "作者", "/Subject": "主题", "/Keywords": "关键词", "/Creator": "创建程序",
              "/Producer": "生成程序"}


def texts(data: bytes) -> list[tuple[str, str]]:
    """(text, where) for each page with text and for the document information; raises on a PDF
    that cannot be read (damaged, or encrypted with a password)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # a stranger's odd PDF is not our output's business
        return _texts(data)


def _texts(data: bytes) -> list[tuple[str, str]]:
    from pypdf import PdfReader
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted")
    found = []
    info = reader.metadata or {}
    for key, name in INFO_NAMES.items():
        value = info.get(key)
        if value:
            found.append((str(value), f"的文档信息（{name}）"))
    try:   # the XMP packet as it is stored: pypdf's own reading refuses packets it finds odd
        metadata = reader.trailer["/Root"].get("/Metadata")
        packet = metadata.get_object().get_data() if metadata is not None else b""
    except Exception:  # noqa: BLE001 - no readable XMP packet: the pages are still read
        packet = b""
    if packet:
        found.append((TAG.sub(" ", packet.decode("utf-8", "replace")), "的文档信息（XMP）"))
    for number, page in enumerate(reader.pages[:MAX_PAGES], 1):
        text = page.extract_text() or ""
        if text.strip():
            found.append((text, f"第 {number} 页"))
    return found
