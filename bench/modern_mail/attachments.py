"""Files the messages carry, made here byte by byte: a small valid PDF, a PNG logo, ZIPs, an inert PE."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

ZIP_TIME = (2025, 3, 1, 9, 30, 0)


def _pdf_text(line: str) -> str:
    # PDF literal strings: the standard 14 fonts speak WinAnsi, so keep ASCII and escape the delimiters
    text = line.encode("ascii", "replace").decode("ascii")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines: list[str], title: str = "Invoice") -> bytes:
    """A one-page PDF 1.4 showing `lines` in Helvetica, with a correct xref table."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
    for i, line in enumerate(lines):
        ops.append(f"({_pdf_text(line)}) Tj" if i == 0 else f"T* ({_pdf_text(line)}) Tj")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Title (" + _pdf_text(title).encode("ascii") + b") /Producer (invoice module 2.3) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def make_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour RGB PNG (a stand-in logo)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def make_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A ZIP archive of (name, data) with fixed timestamps."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def inert_pe(tag: str = "") -> bytes:
    """A minimal Windows PE that does nothing: DOS header and stub, "PE\\0\\0", an i386 file header."""
    dos = bytearray(0x80)
    dos[0:2] = b"MZ"
    struct.pack_into("<5H", dos, 2, 0x90, 3, 0, 4, 0)
    struct.pack_into("<H", dos, 0x18, 0x40)
    struct.pack_into("<L", dos, 0x3C, 0x80)
    stub = b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21This program cannot be run in DOS mode.\r\r\n$"
    dos[0x40:0x40 + len(stub)] = stub
    header = struct.pack("<HHLLLHH", 0x14C, 0, 0, 0, 0, 0xE0, 0x0102)
    return bytes(dos) + b"PE\0\0" + header + bytes(0xE0) + tag.encode("ascii")[:64]


def inert_script(seed: str) -> bytes:
    """A Windows Script Host file shaped like an obfuscated dropper that does nothing at all."""
    chunks = [f'var _0x{abs(hash_of(seed, i)) % 0xFFFF:04x} = "{seed[i % len(seed):]}{i}";' for i in range(12)]
    return ("// document viewer\n" + "\n".join(chunks) + "\nWScript.Echo('');\n").encode("ascii")


def hash_of(seed: str, n: int) -> int:
    """A stable small number from a string and an index (no Python hash randomization)."""
    return zlib.crc32(f"{seed}:{n}".encode())
