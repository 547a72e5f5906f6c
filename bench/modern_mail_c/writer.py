"""Set C's MIME writer: its own byte-level serializer (set A and set B have theirs), which picks a charset a sender
in that language would use (UTF-8, ISO-8859-1/2/15, windows-1251/1255, KOI8-R, ISO-2022-JP, Shift_JIS) and a
transfer encoding (7bit, 8bit, quoted-printable, base64), and writes the Received: line Exim prepends."""

from __future__ import annotations

import base64
import quopri
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.header import Header
from email.utils import encode_rfc2231, format_datetime

from bench.modern_mail_c.world import SERVER, Hop

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_HEX = "0123456789abcdef"
#: Charsets a sender writing in the language plausibly uses, with weights (UTF-8 dominates today).
CHARSETS = {
    "en": (("utf-8", 7), ("us-ascii", 2), ("windows-1252", 1)),
    "es": (("utf-8", 7), ("iso-8859-1", 3)),
    "de": (("utf-8", 6), ("iso-8859-15", 2), ("iso-8859-1", 2)),
    "sv": (("utf-8", 7), ("iso-8859-1", 3)),
    "cs": (("utf-8", 6), ("iso-8859-2", 3), ("windows-1250", 1)),
    "ru": (("utf-8", 6), ("koi8-r", 2), ("windows-1251", 2)),
    "he": (("utf-8", 7), ("windows-1255", 3)),
    "ja": (("utf-8", 5), ("iso-2022-jp", 3), ("shift_jis", 2)),
}
TZ_HOURS = {"USD": -6, "GBP": 0, "EUR": 1, "NZD": 13, "AUD": 8, "CAD": -5, "MXN": -6, "SEK": 1, "CZK": 1,
            "RUB": 3, "ILS": 2, "JPY": 9}
AGENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "outlook": (("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "{lang}")),
    "outlook_mac": (("User-Agent", "Microsoft-MacOutlook/16.92.24121017"),),
    "apple": (("X-Mailer", "Apple Mail (2.3826.300.87.4.3)"),),
    "iphone": (("X-Mailer", "iPhone Mail (22C152)"),),
    "thunderbird": (("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "{lang}")),
    "evolution": (("X-Mailer", "Evolution 3.54.2"),),
    "phpmailer": (("X-Mailer", "PHPMailer 6.9.3 (https://github.com/PHPMailer/PHPMailer)"),),
    "wordpress": (("X-Mailer", "WPMailSMTP/Mailer/smtp 4.3.0"),),
    "mailpoet": (("X-Mailer", "MailPoet"),),
    "phplist": (("X-Mailer", "phpList version 3.6.15"),),
    "symfony": (),
    "none": (),
}


@dataclass(slots=True)
class Att:
    """A file part; with `cid` it is an inline image of the HTML body."""

    filename: str
    ctype: str
    data: bytes
    cid: str = ""


@dataclass(slots=True)
class Note:
    """What a message says before it becomes bytes."""

    subject: str
    from_name: str
    from_addr: str
    to: list[tuple[str, str]]
    text: str | None = None
    html: str | None = None
    lang: str = "en"
    reply_to: tuple[str, str] | None = None
    cc: list[tuple[str, str]] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    atts: list[Att] = field(default_factory=list)
    agent: str = "none"
    msgid_domain: str = ""
    to_header: str = ""
    charset: str = ""
    cte: str = ""
    in_reply_to: str = ""
    references: str = ""
    currency: str = "USD"  # picks the time zone of the Date: header


def pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def queue_id(rng: random.Random) -> str:
    return "1v" + "".join(rng.choice(_B62) for _ in range(4)) + "-" + \
        "".join(rng.choice(_B62) for _ in range(11)) + "-" + "".join(rng.choice(_B62) for _ in range(4))


def message_id(rng: random.Random, agent: str, domain: str) -> str:
    hexs = lambda n: "".join(rng.choice(_HEX) for _ in range(n))  # noqa: E731
    if agent in ("apple", "iphone"):
        return f"<{hexs(8).upper()}-{hexs(4).upper()}-{hexs(4).upper()}-{hexs(4).upper()}-{hexs(12).upper()}@{domain}>"
    if agent == "thunderbird":
        return f"<{hexs(8)}-{hexs(4)}-{hexs(4)}-{hexs(4)}-{hexs(12)}@{domain}>"
    if agent.startswith("outlook"):
        return f"<{''.join(rng.choice(_B62) for _ in range(10))}${hexs(8)}${hexs(8)}@{domain}>"
    return f"<{hexs(32)}@{domain}>"


def _charset_for(rng: random.Random, note: Note, texts: list[str]) -> str:
    cs = note.charset or pick(rng, CHARSETS.get(note.lang, CHARSETS["en"]))
    try:
        for t in texts:
            t.encode(cs)
    except (UnicodeEncodeError, LookupError):
        return "utf-8"
    return cs


def _cte_for(rng: random.Random, note: Note, cs: str, data: bytes) -> str:
    if cs == "iso-2022-jp" or (data.isascii() and max((len(ln) for ln in data.split(b"\n")), default=0) < 900):
        return "7bit" if not note.cte or cs == "iso-2022-jp" else note.cte
    if note.cte:
        return note.cte
    if cs == "shift_jis":
        return "base64"
    return rng.choice(("quoted-printable", "quoted-printable", "base64", "8bit"))


def _encode_body(data: bytes, cte: str) -> bytes:
    if cte == "base64":
        return base64.encodebytes(data)
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    return data if data.endswith(b"\n") else data + b"\n"


def header_text(value: str, cs: str) -> str:
    """A header value, RFC 2047-encoded when it is not ASCII."""
    if value.isascii():
        return value
    use = cs if cs not in ("us-ascii",) else "utf-8"
    try:
        value.encode(use)
    except UnicodeEncodeError:
        use = "utf-8"
    return Header(value, use, maxlinelen=76).encode(linesep="\n")


def address(name: str, addr: str, cs: str) -> str:
    if not name:
        return addr
    if name.isascii():
        quoted = any(c in name for c in ',.;:@()<>[]"\'')
        return f'"{name}" <{addr}>' if quoted else f"{name} <{addr}>"
    return f"{header_text(name, cs)} <{addr}>"


def _leaf(ctype: str, cs: str, text: str, rng: random.Random, note: Note) -> bytes:
    data = text.replace("\r\n", "\n").encode(cs)
    cte = _cte_for(rng, note, cs, data)
    head = f"Content-Type: {ctype}; charset=\"{cs}\"\nContent-Transfer-Encoding: {cte}\n\n"
    return head.encode("ascii") + _encode_body(data, cte)


def _file(att: Att) -> bytes:
    if att.filename.isascii():
        fn = f'name="{att.filename}"'
        disp = f'filename="{att.filename}"'
    else:
        enc = encode_rfc2231(att.filename, "utf-8")
        fn, disp = f"name*={enc}", f"filename*={enc}"
    head = f"Content-Type: {att.ctype}; {fn}\nContent-Transfer-Encoding: base64\n"
    if att.cid:
        head += f"Content-ID: <{att.cid}>\nContent-Disposition: inline; {disp}\n"
    else:
        head += f"Content-Disposition: attachment; {disp}\n"
    return (head + "\n").encode("ascii") + base64.encodebytes(att.data)


def _multipart(subtype: str, parts: list[bytes], rng: random.Random) -> bytes:
    style = rng.randrange(3)
    token = "".join(rng.choice(_B62) for _ in range(rng.choice((16, 24, 28))))
    boundary = ("----=_Part_" + token, "_000_" + token + "_", "Apple-Mail=_" + token)[style]
    out = [f'Content-Type: multipart/{subtype};\n\tboundary="{boundary}"\n\n'.encode("ascii")]
    if rng.random() < 0.5:
        out.append(b"This is a multi-part message in MIME format.\n\n")
    for p in parts:
        out.append(f"--{boundary}\n".encode("ascii") + p + b"\n")
    out.append(f"--{boundary}--\n".encode("ascii"))
    return b"".join(out)


def body_of(note: Note, rng: random.Random) -> tuple[bytes, str]:
    """The MIME body (its Content-* headers first) and the charset chosen for its text."""
    cs = _charset_for(rng, note, [t for t in (note.text, note.html, note.subject, note.from_name) if t])
    inline = [a for a in note.atts if a.cid and note.html is not None]
    files = [a for a in note.atts if a not in inline]
    html = _leaf("text/html", cs, note.html, rng, note) if note.html is not None else None
    if html is not None and inline:
        html = _multipart("related", [html, *(_file(a) for a in inline)], rng)
    text = _leaf("text/plain", cs, note.text, rng, note) if note.text is not None else None
    if text is not None and html is not None:
        core = _multipart("alternative", [text, html], rng)
    else:
        core = text if text is not None else html if html is not None else _leaf("text/plain", cs, "", rng, note)
    if files:
        core = _multipart("mixed", [core, *(_file(a) for a in files)], rng)
    return core, cs


def received(hop: Hop, recipients: list[str], stamp: datetime, rng: random.Random) -> tuple[str, str]:
    qid = queue_id(rng)
    if hop.ip:
        peer = (f"localhost ([127.0.0.1]:{rng.randint(32768, 60999)} helo={hop.helo})" if hop.ip == "127.0.0.1"
                else f"[{hop.ip}] (port={rng.randint(1024, 65000)} helo={hop.helo})")
        how = "esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384" if hop.tls and hop.ip != "127.0.0.1" else "esmtpa"
        rec = f"from {peer}\n\tby {SERVER} with {how}\n\t(Exim 4.98.1)\n\t(envelope-from <{hop.mail_from}>)"
    else:
        rec = f"from {hop.local_user} by {SERVER} with local (Exim 4.98.1)\n\t(envelope-from <{hop.mail_from}>)"
    rec += f"\n\tid {qid}"
    if len(recipients) == 1:
        rec += f"\n\tfor {recipients[0]}"
    return "Received: " + rec + ";\n\t" + format_datetime(stamp), qid


def when(rng: random.Random) -> datetime:
    """A moment between October 2025 and November 2026."""
    return datetime(2025, 10, 1, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 400 * 86400))


def render(note: Note, hop: Hop, recipients: list[str], rng: random.Random) -> bytes:
    """The message as Exim holds it at DATA time, its Received: line first."""
    stamp = when(rng)
    rec, _ = received(hop, recipients, stamp, rng)
    local = stamp.astimezone(timezone(timedelta(hours=TZ_HOURS.get(note.currency, 0))))
    body, cs = body_of(note, rng)
    lang = {"en": "en-US", "es": "es-ES", "de": "de-DE", "sv": "sv-SE", "cs": "cs-CZ", "ru": "ru-RU",
            "he": "he-IL", "ja": "ja-JP"}.get(note.lang, "en-US")
    h: list[tuple[str, str]] = []
    h.append(("Date", format_datetime(local - timedelta(seconds=rng.randint(0, 90)))))
    h.append(("From", address(note.from_name, note.from_addr, cs)))
    h.append(("To", note.to_header or ", ".join(address(n, a, cs) for n, a in note.to)))
    if note.cc:
        h.append(("Cc", ", ".join(address(n, a, cs) for n, a in note.cc)))
    if note.reply_to:
        h.append(("Reply-To", address(*note.reply_to, cs)))
    h.append(("Subject", header_text(note.subject, cs)))
    h.append(("Message-ID", message_id(rng, note.agent, note.msgid_domain or note.from_addr.rpartition("@")[2])))
    if note.in_reply_to:
        h.append(("In-Reply-To", note.in_reply_to))
        h.append(("References", note.references or note.in_reply_to))
    h.extend((k, v.format(lang=lang)) for k, v in AGENTS.get(note.agent, ()))
    h.extend(hop.headers)
    h.extend(note.headers)
    if rng.random() < 0.3:  # mail programs differ in header order
        first, rest = h[:2], h[2:]
        rng.shuffle(rest)
        h = first + rest
    head = "".join(f"{k}: {v}\n" for k, v in h) + "MIME-Version: 1.0\n"
    return (rec + "\n").encode("ascii") + head.encode("ascii") + body


# ------------------------------------------------------------------------------------------------ small files


def pdf_file(lines: list[str], rng: random.Random) -> bytes:
    """A small one-page PDF printing `lines` (non-ASCII letters become '?', as a bare base-14 font would show)."""
    safe = [ln.encode("latin-1", "replace").decode("latin-1").replace("\\", "/").replace("(", "[").replace(")", "]")
            for ln in lines]
    stream = "BT /F1 10 Tf 56 790 Td 13 TL\n" + "\n".join(f"({s}) '" for s in safe) + "\nET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            "/Contents 5 0 R >>", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
            f"<< /Producer (invoice-{rng.randint(2, 9)}.{rng.randint(0, 9)}) /CreationDate (D:2026{rng.randint(10, 12)}"
            f"{rng.randint(10, 28)}) >>"]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    x = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offs:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{x}\n%%EOF\n".encode()
    return bytes(out)


def ics_file(summary: str, start: datetime, minutes: int, where: str, uid: str, organizer: str,
             method: str = "REQUEST") -> bytes:
    f = "%Y%m%dT%H%M%SZ"
    lines = ["BEGIN:VCALENDAR", "PRODID:-//hostkoala-c//calendar 2.1//EN", "VERSION:2.0", f"METHOD:{method}",
             "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{start.strftime(f)}", f"DTSTART:{start.strftime(f)}",
             f"DTEND:{(start + timedelta(minutes=minutes)).strftime(f)}", f"SUMMARY:{summary}", f"LOCATION:{where}",
             f"ORGANIZER:mailto:{organizer}", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def jpeg_stub(rng: random.Random, size: int = 600) -> bytes:
    """Bytes that begin and end like a JPEG photo (the scanner sees the type; nobody views them)."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00H\x00H\x00\x00" + \
        bytes(rng.randrange(256) for _ in range(size)) + b"\xff\xd9"
