"""Photos are published without EXIF (GPS, camera, owner) and look exactly as taken: same pixels, same
orientation; the site's copy is the one the manifest names."""

import hashlib
import io
import json
import struct

import pytest
from PIL import Image, ImageOps

from sunlight_gongshi.build import build
from sunlight_gongshi.site.images import stripped
from builders import write_tree

GPS = 0x8825
# A TIFF's own structure (size, compression, strips, resolution...), which is not metadata.
LAYOUT = {256, 257, 258, 259, 262, 273, 277, 278, 279, 282, 283, 284, 296, 317, 338, 339}


def picture() -> Image.Image:
    return Image.frombytes("RGB", (48, 32), bytes(v for y in range(32) for x in range(48)
                                                    for v in (x * 5, y * 7, (x * y) % 256)))


def photo(kind: str, orientation: int = 1, **options) -> bytes:
    """A picture as a phone saves it: where it was taken, the phone, the owner, its orientation."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F], exif[0x013B] = "Apple", "王某 13912345678"
    gps = exif.get_ifd(GPS)
    gps.update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})
    out = io.BytesIO()
    image = picture().convert("P") if kind == "GIF" else picture()
    image.save(out, kind, exif=exif, **options)
    data = out.getvalue()
    if kind == "JPEG":   # an XMP packet, a comment and a second picture after the first, as phones add
        xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>GPSLatitude 39,54</x:xmpmeta>"
        comment = b"13912345678"
        data = (data[:2] + b"\xff\xe1" + struct.pack(">H", len(xmp) + 2) + xmp
                + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + data[2:] + b"\xff\xd8trailer")
    return data


def shown(data: bytes) -> tuple:
    """The pixels a viewer shows: decoded, turned by the orientation."""
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
        return upright.size, upright.tobytes()


@pytest.mark.parametrize("kind,options", [("JPEG", {"quality": 90}), ("PNG", {}), ("WEBP", {"lossless": True}),
                                          ("TIFF", {}), ("GIF", {"comment": b"13912345678"})])
@pytest.mark.parametrize("orientation", [1, 6])
def test_a_photo_loses_its_metadata_and_nothing_it_shows(kind, options, orientation):
    data = photo(kind, orientation, **options)
    clean = stripped(data)
    with Image.open(io.BytesIO(clean)) as image:
        exif = image.getexif()
        kept = {tag: value for tag, value in exif.items() if tag not in LAYOUT}
        assert (kept, exif.get_ifd(GPS)) == ({0x0112: orientation} if orientation != 1 and kind in ("JPEG", "PNG", "WEBP") else {}, {})
        assert "xmp" not in image.info and "comment" not in image.info
    assert shown(clean) == shown(data)
    assert b"13912345678" not in clean and b"Apple" not in clean and b"GPSLatitude" not in clean
    if kind in ("JPEG", "PNG", "WEBP"):   # the compressed picture itself is copied, not encoded again
        assert len(clean) < len(data)


def heif(exif: bytes) -> bytes:
    """A HEIF file's layout: ftyp, then meta with an item list naming an Exif item and where it lies."""
    def box(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", 8 + len(body)) + kind + body

    infe = box(b"infe", b"\x02\x00\x00\x00" + struct.pack(">HH", 1, 0) + b"hvc1" + b"\x00") + \
        box(b"infe", b"\x02\x00\x00\x00" + struct.pack(">HH", 2, 0) + b"Exif" + b"\x00")
    iinf = box(b"iinf", b"\x00\x00\x00\x00" + struct.pack(">H", 2) + infe)
    ftyp = box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic")
    pixels = b"\x00\x00\x00\x10coded-picture!!"

    def layout(at: int) -> bytes:
        iloc = box(b"iloc", b"\x00\x00\x00\x00" + bytes([0x44, 0x00]) + struct.pack(">H", 2)
                   + struct.pack(">HHHII", 1, 0, 1, at, len(pixels)) + struct.pack(">HHHII", 2, 0, 1, at + len(pixels),
                                                                                     len(exif)))
        return box(b"meta", b"\x00\x00\x00\x00" + box(b"hdlr", b"\x00" * 24) + iinf + iloc)

    start = len(ftyp) + len(layout(0)) + 8
    return ftyp + layout(start) + box(b"mdat", pixels + exif)


def test_heic_keeps_its_layout_and_loses_its_exif():
    exif = b"\x00\x00\x00\x06Exif\x00\x00MM\x00*" + b"GPS 39N 116E 13912345678".ljust(80, b"\x00")
    data = heif(exif)
    clean = stripped(data)
    where = data.index(exif)
    assert len(clean) == len(data) and clean[:where] == data[:where] and clean[where + len(exif):] == b""
    assert clean[where:where + 16] == b"\x00\x00\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00"
    assert b"GPS" not in clean and b"13912345678" not in clean


def test_the_site_publishes_the_stripped_photo_and_the_manifest_names_it(tmp_path):
    original = photo("JPEG", 6, quality=90)
    write_tree(tmp_path, {"records/files/收据.jpg": original, "records/files/门禁.png": photo("PNG")})
    problems, built = build(tmp_path, tmp_path / "site", use_cache=False)
    assert built, problems
    site = tmp_path / "site"
    manifest = json.loads((site / "data/manifest.json").read_text(encoding="utf-8"))["files"]
    for name in ("收据.jpg", "门禁.png"):
        published = (site / "files" / name).read_bytes()
        source = (tmp_path / "records/files" / name).read_bytes()
        assert published == stripped(source) != source
        assert shown(published) == shown(source)
        assert manifest[f"files/{name}"] == hashlib.sha256(published).hexdigest()
        with Image.open(io.BytesIO(published)) as image:
            assert image.getexif().get_ifd(GPS) == {} and 0x010F not in image.getexif()
