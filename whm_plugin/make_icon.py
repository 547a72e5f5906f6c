"""Draw the plugin's 48x48 PNG icon (an envelope on a blue tile) with the standard library only."""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

SIZE = 48
BLUE = (23, 105, 170, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def pixel(x: int, y: int) -> tuple[int, int, int, int]:
    """The colour of one pixel."""
    r = 8  # rounded corners of the tile
    for cx, cy in ((r, r), (SIZE - 1 - r, r), (r, SIZE - 1 - r), (SIZE - 1 - r, SIZE - 1 - r)):
        if (x < r or x > SIZE - 1 - r) and (y < r or y > SIZE - 1 - r) and (x - cx) ** 2 + (y - cy) ** 2 > r * r:
            return CLEAR
    left, right, top, bottom = 9, 38, 14, 34
    if left <= x <= right and top <= y <= bottom:
        edge = x in (left, left + 1, right - 1, right) or y in (top, top + 1, bottom - 1, bottom)
        mid = (left + right) / 2
        flap = abs(y - top - (x - left) * (bottom - top - 6) / (mid - left)) < 1.6 if x <= mid else \
            abs(y - top - (right - x) * (bottom - top - 6) / (mid - left)) < 1.6
        return WHITE if edge or flap else BLUE
    return BLUE


def png() -> bytes:
    """The icon as PNG bytes."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    head = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "assets" / "mailward.png"
    out.write_bytes(png())
