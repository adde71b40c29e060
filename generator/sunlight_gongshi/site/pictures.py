"""The pictures a shared link carries (`share`): small PNGs drawn at build time with Pillow, never
fetched from a service. One for the site (a sun, 阳光), one for each kind of outcome a decision has
(passed: a tick on green; rejected: a cross on red; no vote: three dots on grey), so that a rejected
decision does not look like one going ahead even before its words are read.

Shapes only, no text: no font is needed, and the same Pillow draws the same bytes on any machine,
as `sunlight verify` expects. 320 px square: WeChat takes a picture from 300 px up.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

SIZE = 320
BRAND, WHITE = (179, 61, 0), (255, 255, 255)
COLOURS = {"yes": (27, 94, 32), "no": (183, 28, 28), "none": (89, 89, 89)}


def _canvas():
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (SIZE, SIZE), WHITE)
    return image, ImageDraw.Draw(image)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.quantize(colors=4, dither=0).save(buffer, "PNG", optimize=False, compress_level=9)
    return buffer.getvalue()


def sun() -> bytes:
    """The site's picture: a sun of twelve rays in the site's colour."""
    image, draw = _canvas()
    middle = SIZE / 2
    for ray in range(12):
        angle = ray * math.pi / 6
        inner, outer = 92, 140
        draw.line([(middle + inner * math.cos(angle), middle + inner * math.sin(angle)),
                   (middle + outer * math.cos(angle), middle + outer * math.sin(angle))], fill=BRAND, width=18)
    draw.ellipse([middle - 72, middle - 72, middle + 72, middle + 72], fill=BRAND)
    return _png(image)


def mark(kind: str) -> bytes:
    """A decision's outcome: a white tick, cross or three dots on a disc of the outcome's colour."""
    image, draw = _canvas()
    draw.ellipse([16, 16, SIZE - 16, SIZE - 16], fill=COLOURS[kind])
    if kind == "yes":
        draw.line([(92, 168), (140, 216), (232, 112)], fill=WHITE, width=30, joint="curve")
    elif kind == "no":
        draw.line([(104, 104), (216, 216)], fill=WHITE, width=30)
        draw.line([(216, 104), (104, 216)], fill=WHITE, width=30)
    else:
        for x in (100, 160, 220):
            draw.ellipse([x - 18, 142, x + 18, 178], fill=WHITE)
    return _png(image)


PICTURES = {"share/site.png": sun, "share/yes.png": lambda: mark("yes"), "share/no.png": lambda: mark("no"),
            "share/none.png": lambda: mark("none")}


def write_pictures(docs: Path, output) -> None:
    """Every share picture into docs/share/ (a rebuild makes them once)."""
    for rel, draw in PICTURES.items():
        output.put(docs, rel, (rel, SIZE), draw)
