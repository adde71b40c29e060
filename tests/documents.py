"""Attachments as committees' programs write them, made byte by byte for the tests: a PDF with
typed text and document information, and an Office 97-2003 compound file with named streams."""

from __future__ import annotations

import struct


def pdf(pages: list[str], author: str | None = None, xmp: str | None = None) -> bytes:
    """A PDF whose pages show `pages` (ASCII text, Helvetica) and whose document information names
    `author`; `xmp` is an XMP packet stored as the document's metadata stream."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    catalog = b"<< /Type /Catalog /Pages 2 0 R" + (b" /Metadata %d 0 R" % (4 + 2 * len(pages)) if xmp else b"") + b" >>"
    objects.append(catalog)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, text in enumerate(pages):
        content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                       f" /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    if xmp:
        packet = xmp.encode()
        objects.append(b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(packet) + packet
                       + b"\nendstream")
    info = None
    if author:
        objects.append(f"<< /Author ({author}) >>".encode())
        info = len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1) + (b" /Info %d 0 R" % info if info else b"")
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def compound(streams: dict[str, bytes]) -> bytes:
    """An Office 97-2003 compound file (512-byte sectors) holding `streams`, each padded with zeros
    to at least 4096 bytes so that it is stored in big sectors (smaller streams would go to the
    mini stream, which this writer does not make)."""
    size, end, free, fat_mark = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    bodies = [data + b"\x00" * (max(4096, -(-len(data) // size) * size) - len(data)) for data in streams.values()]
    sectors: list[bytes] = []
    chains: list[int] = []
    fat: list[int] = []
    for body in bodies:
        chains.append(len(sectors))
        count = len(body) // size
        fat += [len(sectors) + n + 1 for n in range(count - 1)] + [end]
        sectors += [body[n * size:(n + 1) * size] for n in range(count)]
    directory_start = len(sectors)
    entries = [("Root Entry", 5, end, 0)] + [(name, 2, start, len(body)) for name, body, start
                                             in zip(streams, bodies, chains)]
    directory = b""
    for index, (name, kind, start, length) in enumerate(entries):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        child = 1 if index == 0 and len(entries) > 1 else free
        right = index + 1 if index >= 1 and index + 1 < len(entries) else free
        directory += (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
                      + struct.pack("<III", free, right, child) + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
                      + struct.pack("<IQ", start, length))
    directory = directory.ljust(-(-len(directory) // size) * size, b"\x00")
    dir_count = len(directory) // size
    fat += [directory_start + n + 1 for n in range(dir_count - 1)] + [end]
    sectors += [directory[n * size:(n + 1) * size] for n in range(dir_count)]
    fat_start = len(sectors)
    fat_sectors = -(-(len(fat) + 1) // (size // 4))
    fat += [fat_mark] * fat_sectors
    table = struct.pack(f"<{len(fat)}I", *fat).ljust(fat_sectors * size, b"\xff")
    sectors += [table[n * size:(n + 1) * size] for n in range(fat_sectors)]
    difat = [fat_start + n for n in range(fat_sectors)] + [free] * (109 - fat_sectors)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\x00" * 6 + struct.pack("<IIIIIIIII", 0, fat_sectors, directory_start, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", *difat))
    return header + b"".join(sectors)
