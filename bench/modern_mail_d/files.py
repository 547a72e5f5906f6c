"""Attachments of set D: small but well-formed PDFs, calendar files, images, archives and the inert look-alikes of
malware files (right magic bytes and extension, no working payload)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import datetime


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF that shows `lines` (Latin-1 only: non-Latin text becomes '?', as cheap invoicing tools do)."""
    text = "".join(f"({ln.encode('latin-1', 'replace').decode('latin-1')}) Tj T* " for ln in lines)
    stream = f"BT /F1 11 Tf 14 TL 60 780 Td {text}ET".replace("\\", "\\\\").encode("latin-1")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def ics(uid: str, summary: str, start: datetime, minutes: int, organizer: str, location: str = "",
        description: str = "", attendees: tuple[str, ...] = ()) -> str:
    """An iCalendar REQUEST with one event."""
    def stamp(d: datetime) -> str:
        return d.strftime("%Y%m%dT%H%M%SZ")
    end = datetime.fromtimestamp(start.timestamp() + 60 * minutes, start.tzinfo)
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Set D//Calendar 1.0//EN", "VERSION:2.0", "METHOD:REQUEST",
             "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp(start)}", f"DTSTART:{stamp(start)}",
             f"DTEND:{stamp(end)}", f"SUMMARY:{summary}", f"ORGANIZER;CN=Organizer:mailto:{organizer}"]
    lines += [f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{a}" for a in attendees]
    if location:
        lines.append(f"LOCATION:{location}")
    if description:
        lines.append("DESCRIPTION:" + description.replace("\n", "\\n"))
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def png(seed: int, size: int = 29, scale: int = 4) -> bytes:
    """A black-and-white PNG of a QR-like square pattern (three finder squares and seeded noise)."""
    n = size * scale
    cells = [[((x * 7 + y * 13 + seed) * 2654435761 >> 7) & 1 for x in range(size)] for y in range(size)]
    for ox, oy in ((0, 0), (size - 7, 0), (0, size - 7)):
        for y in range(7):
            for x in range(7):
                ring = max(abs(x - 3), abs(y - 3))
                cells[oy + y][ox + x] = 0 if ring == 2 else 1
    rows = b"".join(b"\x00" + bytes(0 if cells[y // scale][x // scale] else 255 for x in range(n)) for y in range(n))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def jpeg_stub(seed: int, size: int = 3000) -> bytes:
    """Bytes that start and end like a JPEG photo (a phone picture sent on its own)."""
    body = bytes((seed * 31 + i * 17) % 251 for i in range(size))
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + body + b"\xff\xd9"


def zip_of(members: list[tuple[str, bytes]], encrypted: bool = False) -> bytes:
    """A ZIP archive; `encrypted` marks every member as password-protected (the data is then opaque bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 11, 4, 9, 12, 0))
            info.compress_type = zipfile.ZIP_STORED if encrypted else zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    out = bytearray(buf.getvalue())
    if encrypted:  # set the "encrypted" general-purpose flag bit in local and central headers
        for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            i = out.find(sig)
            while i >= 0:
                out[i + off] |= 1
                i = out.find(sig, i + 4)
    return bytes(out)


def exe_stub(tag: str) -> bytes:
    """A Windows PE header (MZ, PE\\0\\0) with no code: what a scanner sees of a dropper's first bytes."""
    dos = bytearray(b"MZ" + b"\x90\x00" + b"\x00" * 60)
    struct.pack_into("<I", dos, 0x3C, 0x80)
    stub = bytes(dos) + b"\x00" * (0x80 - len(dos))
    return stub + b"PE\x00\x00" + b"\x64\x86" + b"\x00" * 18 + tag.encode() + b"\x00" * 200


def iso_stub(label: str) -> bytes:
    """An ISO 9660 image: 16 empty sectors then a primary volume descriptor naming `label`."""
    pvd = b"\x01CD001\x01\x00" + b" " * 32 + label.upper().encode()[:32].ljust(32) + b"\x00" * (2048 - 72)
    return b"\x00" * (16 * 2048) + pvd + b"\xffCD001\x01" + b"\x00" * 2041


def lnk_stub(target: str) -> bytes:
    """A Windows shortcut header (HeaderSize 0x4C and the ShellLink CLSID) pointing at `target`."""
    clsid = bytes.fromhex("0114020000000000c000000000000046")
    return struct.pack("<I", 0x4C) + clsid + b"\x00" * 56 + target.encode("utf-16-le")


def onenote_stub(text: str) -> bytes:
    """The first bytes of a OneNote section file, then an embedded-file marker and some text."""
    magic = bytes.fromhex("e4525c7b8cd8a74daeb15378d02996d3")
    return magic + b"\x00" * 64 + bytes.fromhex("e716e3bd65261145a4c48d4d0b7a9eac") + text.encode("utf-16-le")
