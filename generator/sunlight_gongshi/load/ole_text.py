"""The text inside an old office file (.doc .xls .ppt, WPS's .wps .et .dps): a compound file of streams.

Office 97-2003 keeps a document as streams in a compound file (a small file system in one
file).  A workbook's cells are read with xlrd; every other stream (the Word and PowerPoint
documents, the document summary with its author) is searched for runs of text as Office
stores them, UTF-16LE and 8-bit (ASCII digits, GBK for Chinese), which is where a phone
number typed into a document ends up.  Only the words are wanted, for the privacy scan.
"""

from __future__ import annotations

import re
import struct

FREE, END = 0xFFFFFFFF, 0xFFFFFFFE
MAX_SECTORS = 1 << 20
UTF16_RUN = re.compile(rb"(?:[\x09\x0a\x0d\x20-\x7e]\x00|[\x00-\xff][\x30-\x9f\xff]){4,}")
BYTE_RUN = re.compile(rb"(?:[\x09\x0a\x0d\x20-\x7e]|[\x81-\xfe][\x40-\xfe]){4,}")


class NotCompound(ValueError):
    """The bytes are not a compound file this reader understands."""


def _chain(table: list[int], start: int) -> list[int]:
    chain, seen = [], set()
    while start not in (FREE, END) and start < len(table) and start not in seen and len(chain) < MAX_SECTORS:
        seen.add(start)
        chain.append(start)
        start = table[start]
    return chain


def streams(data: bytes) -> dict[str, bytes]:
    """Every stream of a compound file by its name."""
    if len(data) < 512 or data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise NotCompound("no compound file header")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
        raise NotCompound("sector sizes")
    size, mini_size = 1 << shift, 1 << mini_shift
    (fat_count, dir_start, _sig, cutoff, minifat_start, minifat_count,
     difat_start, difat_count) = struct.unpack_from("<IIIIIIII", data, 0x2C)

    def sector(n: int) -> bytes:
        return data[(n + 1) * size:(n + 2) * size]

    fat_sectors = [n for n in struct.unpack_from("<109I", data, 0x4C) if n not in (FREE, END)]
    seen = set()
    while difat_start not in (FREE, END) and difat_start not in seen and len(seen) < difat_count + 1:
        seen.add(difat_start)
        entries = struct.unpack_from(f"<{size // 4}I", sector(difat_start))
        fat_sectors += [n for n in entries[:-1] if n not in (FREE, END)]
        difat_start = entries[-1]
    fat: list[int] = []
    for number in fat_sectors[:fat_count or len(fat_sectors)]:
        block = sector(number)
        if len(block) == size:
            fat += struct.unpack(f"<{size // 4}I", block)

    def read(start: int, length: int) -> bytes:
        return b"".join(sector(n) for n in _chain(fat, start))[:length]

    directory = read(dir_start, MAX_SECTORS * size)
    minifat_bytes = read(minifat_start, minifat_count * size) if minifat_count else b""
    minifat = list(struct.unpack(f"<{len(minifat_bytes) // 4}I", minifat_bytes[:len(minifat_bytes) // 4 * 4]))
    entries = []
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset:offset + 128]
        name_length, kind = struct.unpack_from("<HB", entry, 64)
        start, length = struct.unpack_from("<IQ", entry, 116)
        name = entry[:max(0, min(name_length, 64) - 2)].decode("utf-16-le", "replace")
        entries.append((name, kind, start, length & 0xFFFFFFFF if size == 512 else length))
    if not entries or entries[0][1] != 5:
        raise NotCompound("no root entry")
    mini_stream = read(entries[0][2], entries[0][3])
    found = {}
    for name, kind, start, length in entries[1:]:
        if kind != 2:
            continue
        if length < cutoff:
            chunks = (mini_stream[n * mini_size:(n + 1) * mini_size] for n in _chain(minifat, start))
            found[name] = b"".join(chunks)[:length]
        else:
            found[name] = read(start, length)
    return found


def runs(stream: bytes) -> str:
    """The runs of text in a stream, UTF-16LE and 8-bit, one to a line."""
    found = [m.group().decode("utf-16-le", "replace") for m in UTF16_RUN.finditer(stream)]
    found += [m.group().decode("gb18030", "replace") for m in BYTE_RUN.finditer(stream)]
    return "\n".join(found)


def _workbook(data: bytes) -> str | None:
    """A workbook's cells, one to a line, or None when xlrd cannot read it."""
    try:
        import xlrd
        book = xlrd.open_workbook(file_contents=data)
    except Exception:  # noqa: BLE001 - a stranger's workbook: then its streams are searched instead
        return None
    cells = []
    for sheet in book.sheets():
        for r in range(sheet.nrows):
            for value in sheet.row_values(r):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)   # a phone typed as a number: 13912345678.0
                if value not in ("", None):
                    cells.append(str(value))
    return "\n|".join(cells)


def texts(data: bytes) -> list[tuple[str, str]]:
    """(text, where) for an old office file; the whole file's runs when it is not a compound file
    this reader understands."""
    try:
        found = streams(data)
    except (NotCompound, struct.error):
        return [(runs(data), "")]
    parts = []
    if "Workbook" in found or "Book" in found:
        cells = _workbook(data)
        if cells is not None:
            parts.append((cells, ""))
            found = {name: stream for name, stream in found.items() if name not in ("Workbook", "Book")}
    parts.append(("\n".join(runs(stream) for stream in found.values()), ""))
    return parts
