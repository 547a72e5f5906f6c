"""Small, deterministic file contents for set F's attachments: PDF, PNG, calendar, ZIP, Office and disk images."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

RTL = ("ar", "he")


def pdf(title: str, lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text is ASCII (non-ASCII replaced)."""
    safe = [ln.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]") for ln in [title, *lines]]
    stream = "BT /F1 11 Tf 50 780 Td " + " ".join(f"({s}) Tj 0 -16 Td" for s in safe) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R "
            ">> >> >>", f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = "%PDF-1.7\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("ascii")


def png(rng: random.Random, w: int = 24, h: int = 24) -> bytes:
    """A small real PNG of random pixels (a logo, a photo thumbnail, a QR-like square)."""
    raw = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(w * 3)) for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def jpeg(rng: random.Random, n: int = 900) -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + rng.randbytes(n) + b"\xff\xd9"


def ics(uid: str, summary: str, start: str, end: str, organizer: str, attendee: str, location: str) -> bytes:
    """An iCalendar REQUEST (start/end as 20260114T093000Z)."""
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Set F//Calendar//EN", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
             f"UID:{uid}", f"DTSTAMP:{start}", f"DTSTART:{start}", f"DTEND:{end}", f"SUMMARY:{summary}",
             f"LOCATION:{location}", f"ORGANIZER:mailto:{organizer}",
             f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{attendee}", "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def zip_of(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 12, 9, 30, 0)), data)
    return buf.getvalue()


def office(kind: str, text: str, macro: bool = False) -> bytes:
    """A small OOXML package (docx/xlsx); `macro` adds a vbaProject part, as .docm/.xlsm carry."""
    body = text.encode("utf-8", "replace")
    files = [("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
              b'package/2006/content-types"/>'),
             ("_rels/.rels", b'<?xml version="1.0"?><Relationships/>'),
             (f"{'word/document' if kind == 'docx' else 'xl/sharedStrings'}.xml", b"<doc><t>" + body + b"</t></doc>")]
    if macro:
        files.append(("word/vbaProject.bin" if kind == "docx" else "xl/vbaProject.bin",
                      b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"ThisDocument\"\nSub AutoOpen()\n"
                      b"Shell \"powershell -w hidden -enc SQBFAFgA\"\nEnd Sub\n"))
    return zip_of(files)


def pe_stub(rng: random.Random) -> bytes:
    """The head of a Windows executable (MZ ... PE) with filler."""
    head = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + struct.pack("<I", 64)
    return head + b"PE\x00\x00\x4c\x01\x03\x00" + rng.randbytes(300)


def iso_image(rng: random.Random, inner: str) -> bytes:
    """An ISO 9660-looking image: 16 empty sectors, the volume descriptor, a file name and an executable."""
    return b"\x00" * 32768 + b"\x01CD001\x01\x00" + inner.upper().encode() + b"\x00" * 200 + pe_stub(rng)
