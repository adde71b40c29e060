"""Parquet files joined by their row groups, so a rebuild re-encodes only the row groups that changed.

A Parquet file is `PAR1`, the row groups' pages (and DuckDB's bloom filters), then a footer:
the Thrift (compact protocol) `FileMetaData` whose row groups point at their pages by absolute
offsets.  Joining files is copying each one's bytes between `PAR1` and its footer, one after the
other, and writing one footer listing all their row groups with the offsets moved along.  The
pages are never decoded, so the result is exactly the bytes DuckDB wrote for each part.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"PAR1"
STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(13)
# Field ids of parquet.thrift holding absolute file offsets, by the struct that holds them.
ROW_GROUP_OFFSET, ROW_GROUP_ORDINAL, ROW_GROUP_COLUMNS = 5, 7, 1
CHUNK_OFFSETS, CHUNK_META = (2, 4, 6), 3      # file_offset, offset_index_offset, column_index_offset
META_OFFSETS = (9, 10, 11, 14)                 # data_page, index_page, dictionary_page, bloom_filter
FILE_ROWS, FILE_ROW_GROUPS = 3, 4


class NotParquet(Exception):
    """Bytes that are not a Parquet file this module can join."""


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def byte(self) -> int:
        self.at += 1
        return self.data[self.at - 1]

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if b < 0x80:
                return result
            shift += 7

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def value(self, kind: int):
        if kind in (TRUE, FALSE):      # inside a list a boolean is a byte of its own
            return self.byte()
        if kind == BYTE:
            return self.byte()
        if kind in (I16, I32, I64):
            return self.zigzag()
        if kind == DOUBLE:
            self.at += 8
            return self.data[self.at - 8:self.at]
        if kind == BINARY:
            size = self.varint()
            self.at += size
            return self.data[self.at - size:self.at]
        if kind in (LIST, SET):
            head = self.byte()
            size, element = head >> 4, head & 0x0F
            if size == 15:
                size = self.varint()
            return (element, [self.value(element) for _ in range(size)])
        if kind == MAP:
            size = self.varint()
            types = self.byte() if size else 0
            return (types, [(self.value(types >> 4), self.value(types & 0x0F)) for _ in range(size)])
        if kind == STRUCT:
            return self.struct()
        raise NotParquet(f"Thrift 类型 {kind} 不认识")

    def struct(self) -> list[list]:
        fields, last = [], 0
        while True:
            head = self.byte()
            kind = head & 0x0F
            if kind == STOP:
                return fields
            delta = head >> 4
            field_id = last + delta if delta else self.zigzag()
            value = None if kind in (TRUE, FALSE) else self.value(kind)
            fields.append([field_id, kind, value])
            last = field_id


def _varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _zigzag(n: int, out: bytearray) -> None:
    _varint((n << 1) ^ (n >> 63), out)


def _value(kind: int, value, out: bytearray) -> None:
    if kind in (TRUE, FALSE, BYTE):
        out.append(value)
    elif kind in (I16, I32, I64):
        _zigzag(value, out)
    elif kind in (DOUBLE,):
        out += value
    elif kind == BINARY:
        _varint(len(value), out)
        out += value
    elif kind in (LIST, SET):
        element, items = value
        if len(items) < 15:
            out.append(len(items) << 4 | element)
        else:
            out.append(0xF0 | element)
            _varint(len(items), out)
        for item in items:
            _value(element, item, out)
    elif kind == MAP:
        types, items = value
        _varint(len(items), out)
        if items:
            out.append(types)
        for k, v in items:
            _value(types >> 4, k, out)
            _value(types & 0x0F, v, out)
    else:
        _struct(value, out)


def _struct(fields: list[list], out: bytearray) -> None:
    last = 0
    for field_id, kind, value in fields:
        if 0 < field_id - last <= 15:
            out.append((field_id - last) << 4 | kind)
        else:
            out.append(kind)
            _zigzag(field_id, out)
        if kind not in (TRUE, FALSE):
            _value(kind, value, out)
        last = field_id
    out.append(STOP)


def encode(fields: list[list]) -> bytes:
    out = bytearray()
    _struct(fields, out)
    return bytes(out)


@dataclass
class Footer:
    """A Parquet file's metadata and where its row groups' bytes lie: [start, end)."""

    meta: list[list]
    start: int
    end: int

    def field(self, field_id: int):
        return next((f for f in self.meta if f[0] == field_id), None)

    @property
    def row_groups(self) -> list[list[list]]:
        found = self.field(FILE_ROW_GROUPS)
        return found[2][1] if found else []


def read_footer(tail: bytes, size: int) -> Footer:
    """The footer of a Parquet file of `size` bytes, from a `tail` of it long enough to hold it."""
    if tail[-4:] != MAGIC or size < 12:
        raise NotParquet("不是 Parquet 文件")
    length = struct.unpack("<I", tail[-8:-4])[0]
    if length + 8 > len(tail):
        raise NotParquet("Parquet 文件尾太长")
    return Footer(_Reader(tail[-8 - length:-8]).struct(), 4, size - 8 - length)


def footer_of(path) -> Footer:
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 8))
        length = struct.unpack("<I", handle.read(4))[0]
        handle.seek(max(0, size - 8 - length))
        return read_footer(handle.read(), size)


def _shift(fields: list[list], ids: tuple[int, ...], by: int) -> None:
    for f in fields:
        if f[0] in ids and f[2]:
            f[2] += by


def moved(row_group: list[list], by: int) -> list[list]:
    """A copy of one row group's metadata with every offset in it moved by `by` bytes."""
    out = [list(f) for f in row_group]
    _shift(out, (ROW_GROUP_OFFSET,), by)
    for f in out:
        if f[0] == ROW_GROUP_COLUMNS:
            element, chunks = f[2]
            copies = []
            for chunk in chunks:
                chunk = [list(c) for c in chunk]
                _shift(chunk, CHUNK_OFFSETS, by)
                for c in chunk:
                    if c[0] == CHUNK_META:
                        c[2] = [list(m) for m in c[2]]
                        _shift(c[2], META_OFFSETS, by)
                copies.append(chunk)
            f[2] = (element, copies)
    return out


def joined_footer(template: Footer, row_groups: list[list[list]]) -> bytes:
    """The footer (with its length and `PAR1`) of a file holding `row_groups`, already moved, in
    order; everything else (schema, writer, column orders) as in `template`."""
    rows = 0
    numbered = []
    for ordinal, group in enumerate(row_groups):
        group = [list(f) for f in group]
        for f in group:
            if f[0] == 3:
                rows += f[2]
            if f[0] == ROW_GROUP_ORDINAL:
                f[2] = ordinal
        numbered.append(group)
    meta = []
    for f in template.meta:
        if f[0] == FILE_ROWS:
            f = [FILE_ROWS, f[1], rows]
        elif f[0] == FILE_ROW_GROUPS:
            f = [FILE_ROW_GROUPS, f[1], (f[2][0], numbered)]
        meta.append(f)
    body = encode(meta)
    return body + struct.pack("<I", len(body)) + MAGIC
