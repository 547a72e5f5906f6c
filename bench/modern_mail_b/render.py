"""Set B's MIME writer: the standard library's EmailMessage (set A has its own renderer), the Received: line
Exim prepends, and small valid files to attach (PDF, PNG, ICS, ZIP)."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from bench.modern_mail_b.world import SERVER, Route

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
AGENTS = {
    "outlook": [("X-Mailer", "Microsoft Outlook 16.0")],
    "apple": [("X-Mailer", "Apple Mail (2.3774.500.171.1.1)")],
    "thunderbird": [("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0")],
    "k9": [("User-Agent", "K-9 Mail for Android")],
    "gmail_app": [],
    "phpmailer": [("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)")],
    "woo": [("X-Mailer", "WooCommerce")],
    "none": [],
}


@dataclass(slots=True)
class Part:
    """An attachment or inline part."""

    filename: str
    maintype: str
    subtype: str
    data: bytes
    cid: str = ""


@dataclass(slots=True)
class Draft:
    """What a message says before it becomes bytes."""

    subject: str
    from_name: str
    from_addr: str
    to: list[tuple[str, str]]
    text: str | None = None
    html: str | None = None
    reply_to: str = ""
    cc: list[tuple[str, str]] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    agent: str = "none"
    msgid_domain: str = ""
    to_header: str = ""
    cte: str = ""  # "", "quoted-printable", "base64", "8bit"


def _addr(name: str, email: str) -> Address:
    local, _, domain = email.partition("@")
    return Address(display_name=name, username=local, domain=domain)


def qid(rng: random.Random) -> str:
    return "1u" + "".join(rng.choice(_B62) for _ in range(4)) + "-" + \
        "".join(rng.choice(_B62) for _ in range(6)) + "-" + "".join(rng.choice(_B62) for _ in range(2))


def when(rng: random.Random) -> datetime:
    """A moment in late 2025 / 2026."""
    base = datetime(2025, 9, 1, tzinfo=UTC)
    return base + timedelta(minutes=rng.randint(0, 60 * 24 * 300))


def render(d: Draft, route: Route, recipients: list[str], rng: random.Random) -> bytes:
    """The message as Exim holds it at DATA time, its Received: line first."""
    m = EmailMessage(policy=policy.default)
    stamp = when(rng)
    queue = qid(rng)
    if route.ip:
        peer = f"localhost ([{route.ip}]:{rng.randint(30000, 60000)} helo={route.helo})" if route.ip == "127.0.0.1" \
            else f"[{route.ip}] (port={rng.randint(30000, 60000)} helo={route.helo})"
        rec = (f"from {peer}\r\n\tby {SERVER} with esmtpsa (TLS1.3) tls TLS_AES_128_GCM_SHA256\r\n\t(Exim 4.98)\r\n"
               f"\t(envelope-from <{route.mail_from}>)\r\n\tid {queue}")
    else:
        rec = f"from {route.local_user} by {SERVER} with local (Exim 4.98)\r\n\t(envelope-from <{route.mail_from}>)" \
              f"\r\n\tid {queue}"
    if len(recipients) == 1:
        rec += f"\r\n\tfor {recipients[0]}"
    rec += ";\r\n\t" + format_datetime(stamp)
    m["Date"] = format_datetime(stamp - timedelta(seconds=rng.randint(0, 40)))
    m["From"] = _addr(d.from_name, d.from_addr)
    if d.to_header:
        m["To"] = d.to_header
    else:
        m["To"] = [_addr(n, e) for n, e in d.to]
    if d.cc:
        m["Cc"] = [_addr(n, e) for n, e in d.cc]
    if d.reply_to:
        m["Reply-To"] = d.reply_to
    m["Subject"] = d.subject
    mid_domain = d.msgid_domain or d.from_addr.partition("@")[2]
    m["Message-ID"] = f"<{''.join(rng.choice(_B62) for _ in range(18))}@{mid_domain}>"
    for k, v in AGENTS.get(d.agent, []) + list(route.extra_headers) + d.headers:
        m[k] = v
    cte = d.cte or rng.choice(("quoted-printable", "quoted-printable", "base64", "8bit"))
    if d.text is not None:
        m.set_content(d.text, charset="utf-8", cte=cte)
        if d.html is not None:
            m.add_alternative(d.html, subtype="html", charset="utf-8", cte=cte)
    elif d.html is not None:
        m.set_content(d.html, subtype="html", charset="utf-8", cte=cte)
    else:
        m.set_content("", charset="utf-8")
    for p in d.parts:
        if p.cid:
            body = m.get_body(("html",))
            if body is not None:
                body.add_related(p.data, p.maintype, p.subtype, cid=f"<{p.cid}>", filename=p.filename)
                continue
        m.add_attachment(p.data, maintype=p.maintype, subtype=p.subtype, filename=p.filename)
    for part in m.walk():
        if part.is_multipart():
            part.set_boundary("=_b" + "".join(rng.choice(_B62) for _ in range(24)))
    return ("Received: " + rec.replace("\r\n", "\n") + "\n").encode("ascii") + m.as_bytes()


# ------------------------------------------------------------------------------------------------ small files


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF that prints `lines` (ASCII only, as a bare Type1 font can)."""
    safe = [ln.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]") for ln in lines]
    text = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({ln}) '" for ln in safe) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{o}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def png(rng: random.Random, size: int = 29) -> bytes:
    """A square black-and-white PNG of random modules (looks like a QR code to a person; decodes to nothing)."""
    rows = b"".join(b"\x00" + bytes(rng.choice((0, 255)) for _ in range(size)) for _ in range(size))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def ics(summary: str, start: datetime, minutes: int, place: str, uid: str) -> bytes:
    """A VCALENDAR with one event."""
    fmt = "%Y%m%dT%H%M%SZ"
    end = start + timedelta(minutes=minutes)
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//webnest-b//booking//EN\r\nMETHOD:REQUEST\r\n"
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:{start.strftime(fmt)}\r\nDTSTART:{start.strftime(fmt)}\r\n"
            f"DTEND:{end.strftime(fmt)}\r\nSUMMARY:{summary}\r\nLOCATION:{place}\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n").encode()


def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    """A ZIP archive of the members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 11, 3, 9, 12, 0)), data)
    return buf.getvalue()
