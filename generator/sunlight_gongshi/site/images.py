"""Photos as the site publishes them: without EXIF, GPS, XMP or comments, looking exactly as taken.

A phone's photo of a receipt carries where it was taken (GPS), the phone, the owner's name in
editing software, and sometimes a thumbnail of the uncropped picture.  The site's copy keeps
only what the picture needs to look the same: its compressed pixels untouched (never decoded
and encoded again, so not one pixel changes), its colour profile, and its orientation, which
phones record in EXIF instead of turning the pixels: a photo with an orientation other than
"upright" keeps an EXIF block with that one tag and nothing else.  JPEG, PNG, WebP and GIF are
rewritten segment by segment; HEIC/HEIF keep their layout with the EXIF and XMP items blanked
in place; TIFF, whose metadata is its container, is saved again losslessly with Pillow, upright.  The
manifest hashes the site's copy, so it names the stripped file.
"""

from __future__ import annotations

import io
import re
import struct

from PIL import Image

ORIENTATION = 0x0112
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".heic", ".heif")
EMPTY_EXIF = b"\x00\x00\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00"   # offset 0, a TIFF with no tags
_MARKER = re.compile(rb"\xff(?![\x00\xd0-\xd7\xff])")


def _orientation(data: bytes) -> int:
    """The EXIF orientation Pillow reads (1, upright, when there is none or it cannot be read)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            value = image.getexif().get(ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - a picture Pillow cannot read keeps no orientation to respect
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _exif(orientation: int, prefix: bool = True) -> bytes:
    """An EXIF block holding only the orientation (TIFF data, after "Exif\\0\\0" when `prefix`)."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    data = exif.tobytes()
    return data if prefix else data.removeprefix(b"Exif\x00\x00")


def _jpeg(data: bytes) -> bytes:
    kept: list[bytes] = []
    orientation = _orientation(data)
    pos = 2
    while pos + 1 < len(data):
        if data[pos] != 0xFF:
            raise ValueError("not a marker")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xD9:    # the end of the picture: whatever follows (a second image, a trailer) goes
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            kept.append(data[pos:pos + 2])
            pos += 2
            continue
        length = struct.unpack_from(">H", data, pos + 2)[0]
        segment = data[pos:pos + 2 + length]
        end = pos + 2 + length
        if marker == 0xDA:    # a scan: its header, then entropy-coded data up to the next marker
            following = _MARKER.search(data, end)
            end = following.start() if following else len(data)
            segment = data[pos:end]
        if _kept(marker, segment[4:]):
            kept.append(segment)
        pos = end
    else:
        raise ValueError("no end of image")
    if orientation != 1:   # right after JFIF's APP0 when there is one, as cameras write it
        payload = _exif(orientation)
        at = 1 if kept and kept[0][:2] == b"\xff\xe0" else 0
        kept.insert(at, b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload)
    return b"\xff\xd8" + b"".join(kept) + b"\xff\xd9"


def _kept(marker: int, body: bytes) -> bool:
    """Whether a JPEG segment is part of the picture: tables, frames and scans, JFIF, the colour
    profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14); not EXIF or XMP (APP1),
    multi-picture indexes, camera makers' blocks, IPTC (APP13) or comments."""
    if 0xE0 <= marker <= 0xEF:
        return marker in (0xE0, 0xEE) or (marker == 0xE2 and body.startswith(b"ICC_PROFILE\x00"))
    return marker != 0xFE


PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD",
            b"pHYs", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv", b"cLLi"}


def _chunk(kind: bytes, body: bytes) -> bytes:
    import zlib
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(data: bytes) -> bytes:
    out, pos = bytearray(data[:8]), 8
    orientation = _orientation(data)
    while pos + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if kind == b"IDAT" and orientation != 1:
            out += _chunk(b"eXIf", _exif(orientation, prefix=False))
            orientation = 1
        if kind in PNG_KEPT or kind[:1].isupper():   # an unknown critical chunk is part of the picture
            out += data[pos:end]
        pos = end
        if kind == b"IEND":
            break
    return bytes(out)


def _webp(data: bytes) -> bytes:
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        kind, size = struct.unpack_from("<4sI", data, pos)
        body = data[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)
        if kind not in (b"EXIF", b"XMP "):
            chunks.append([kind, body])
    orientation = _orientation(data)
    for chunk in chunks:
        if chunk[0] == b"VP8X":   # flags: 0x08 EXIF, 0x04 XMP
            flags = chunk[1][0] & ~0x0C | (0x08 if orientation != 1 else 0)
            chunk[1] = bytes([flags]) + chunk[1][1:]
    if orientation != 1 and any(kind == b"VP8X" for kind, _ in chunks):
        chunks.append([b"EXIF", _exif(orientation, prefix=False)])
    body = b"".join(kind + struct.pack("<I", len(part)) + part + b"\x00" * (len(part) & 1) for kind, part in chunks)
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def _sub_blocks(data: bytes, pos: int) -> int:
    while data[pos]:
        pos += 1 + data[pos]
    return pos + 1


def _gif(data: bytes) -> bytes:
    """Without comment blocks and application blocks (XMP), keeping the animation's loop block."""
    flags = data[10]
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    out = bytearray(data[:pos])
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:
            out.append(0x3B)
            break
        if block == 0x2C:
            local = data[pos + 9]
            start = pos
            pos += 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0) + 1
            pos = _sub_blocks(data, pos)
            out += data[start:pos]
        elif block == 0x21:
            label, start = data[pos + 1], pos
            pos = _sub_blocks(data, pos + 2)
            looping = label == 0xFF and data[start + 3:start + 14] in (b"NETSCAPE2.0", b"ANIMEXTS1.0")
            if label not in (0xFE, 0xFF) or looping:
                out += data[start:pos]
        else:
            raise ValueError("not a GIF block")
    return bytes(out)


def _tiff(data: bytes) -> bytes:
    """Pages copied pixel for pixel into new images (no tag of the original survives) and saved
    losslessly; Pillow turns a TIFF's pixels by its orientation as it reads them, so the copy is
    upright and needs no orientation tag."""
    with Image.open(io.BytesIO(data)) as image:
        pages = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            page = image.copy()
            page.info = {k: v for k, v in image.info.items() if k in ("icc_profile", "dpi")}
            pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, "TIFF", compression="tiff_lzw", save_all=True, append_images=pages[1:])
    return out.getvalue()


def _boxes(data: bytes, start: int, end: int):
    """(type, start of the body, end) of each ISO base media box between start and end."""
    while start + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, start)
        header = 8
        if size == 1:
            size, header = struct.unpack_from(">Q", data, start + 8)[0], 16
        elif size == 0:
            size = end - start
        if size < header:
            return
        yield kind, start + header, min(start + size, end)
        start += size


def _heif(data: bytes) -> bytes:
    """The EXIF and XMP items of a HEIC/HEIF file blanked where they stand (an empty EXIF block,
    spaces for XMP), so that no offset in the file moves; orientation lives in the `irot` box."""
    out = bytearray(data)
    meta = next(((s, e) for kind, s, e in _boxes(data, 0, len(data)) if kind == b"meta"), None)
    if meta is None:
        return data
    boxes = {kind: (s, e) for kind, s, e in _boxes(data, meta[0] + 4, meta[1])}
    wanted = set()
    if b"iinf" in boxes:
        s, e = boxes[b"iinf"]
        version = data[s]
        first = s + 4 + (2 if version == 0 else 4)
        for kind, body, _end in _boxes(data, first, e):
            if kind != b"infe" or data[body] < 2:
                continue
            wide = data[body] >= 3
            item = struct.unpack_from(">I" if wide else ">H", data, body + 4)[0]
            item_type = data[body + 4 + (4 if wide else 2) + 2:body + 4 + (4 if wide else 2) + 6]
            if item_type == b"Exif" or (item_type == b"mime" and b"rdf+xml" in data[body:_end]):
                wanted.add((item, item_type))
    if not wanted or b"iloc" not in boxes:
        return data
    kinds = dict(wanted)
    for item, offset, length in _iloc(data, *boxes[b"iloc"]):
        if item in kinds and offset + length <= len(out):
            empty = EMPTY_EXIF if kinds[item] == b"Exif" else b""
            blank = (empty + (b" " if kinds[item] != b"Exif" else b"\x00") * length)[:length]
            out[offset:offset + length] = blank
    return bytes(out)


def _iloc(data: bytes, start: int, end: int):
    """(item, file offset, length) of each extent stored in the file (construction method 0)."""
    version = data[start]
    sizes = data[start + 4], data[start + 5]
    offset_size, length_size, base_size = sizes[0] >> 4, sizes[0] & 15, sizes[1] >> 4
    index_size = sizes[1] & 15 if version in (1, 2) else 0
    pos = start + 6
    count = struct.unpack_from(">H" if version < 2 else ">I", data, pos)[0]
    pos += 2 if version < 2 else 4

    def number(size: int) -> int:
        nonlocal pos
        value = int.from_bytes(data[pos:pos + size], "big") if size else 0
        pos += size
        return value

    for _ in range(count):
        item = number(2 if version < 2 else 4)
        method = number(2) & 15 if version in (1, 2) else 0
        number(2)
        base = number(base_size)
        for _ in range(number(2)):
            number(index_size)
            offset, length = number(offset_size), number(length_size)
            if method == 0:
                yield item, base + offset, length


def _reencoded(data: bytes) -> bytes:
    """A picture whose structure could not be followed: its pixels saved again by Pillow, without
    metadata (for JPEG this changes pixels slightly; publishing where it was taken would be worse)."""
    with Image.open(io.BytesIO(data)) as image:
        kind = image.format
        clean = image.copy()
    out = io.BytesIO()
    options = {"quality": 95} if kind == "JPEG" else {}
    icc = clean.info.get("icc_profile")
    clean.info = {}
    clean.save(out, kind, **options, **({"icc_profile": icc} if icc else {}))
    return out.getvalue()


def stripped(data: bytes) -> bytes:
    """The image without its metadata, looking the same."""
    try:
        return _stripped(data)
    except (ValueError, IndexError, struct.error, OSError):
        try:
            return _reencoded(data)
        except Exception:  # noqa: BLE001 - not a picture Pillow can read: no browser shows it either
            return data


def _stripped(data: bytes) -> bytes:
    if data[:3] == b"\xff\xd8\xff":
        return _jpeg(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _gif(data)
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return _tiff(data)
    if data[4:8] == b"ftyp":
        return _heif(data)
    return data


def is_image(rel: str) -> bool:
    return rel.lower().endswith(IMAGE_TYPES)
