"""Set D's own MIME writer: a Draft (what a mail program or script would put together) to the bytes it sends.

Written by hand on top of the stdlib's encoders (base64, quopri, email.header), so set D does not share a
renderer with sets A, B or C. Bodies are encoded in the charset the Draft asks for and fall back to UTF-8 when
the text does not fit it (an emoji in a Latin-1 newsletter), the way real mail programs do.
"""

from __future__ import annotations

import base64
import quopri
from dataclasses import dataclass, field
from email.header import Header
from email.utils import formataddr


@dataclass(slots=True)
class File:
    """An attachment, or an inline image when `cid` is set."""

    name: str
    ctype: str
    data: bytes
    cid: str = ""


@dataclass(slots=True)
class Draft:
    """The content of one message before it is written out."""

    subject: str
    from_name: str
    from_addr: str
    to: list[tuple[str, str]]
    text: str | None = None
    html: str | None = None
    lang: str = "en"
    charset: str = "utf-8"
    cte: str = "quoted-printable"  # quoted-printable, base64, 8bit (7bit when the bytes are ASCII)
    cc: list[tuple[str, str]] = field(default_factory=list)
    reply_to: tuple[str, str] | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)  # extra headers, ASCII
    files: list[File] = field(default_factory=list)
    calendar: str | None = None  # a text/calendar alternative (METHOD:REQUEST invitations)
    to_header: str = ""  # a literal To: value, e.g. "undisclosed-recipients:;"
    flowed: bool = False


def fits(text: str, charset: str) -> bool:
    """Whether `text` can be written in `charset`."""
    try:
        text.encode(charset)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def header_text(value: str, charset: str) -> str:
    """A header value: as is when ASCII, else RFC 2047 encoded words in `charset` (UTF-8 if it does not fit)."""
    if value.isascii():
        return value
    cs = charset if fits(value, charset) else "utf-8"
    return Header(value, cs, maxlinelen=76, header_name="Subject").encode(linesep="\n")


def address(name: str, addr: str, charset: str) -> str:
    """One mailbox for From/To/Reply-To, its display name encoded when it is not ASCII."""
    if not name:
        return addr
    if name.isascii():
        return formataddr((name, addr))
    cs = charset if fits(name, charset) else "utf-8"
    return formataddr((name, addr), charset=cs)


def encode_body(text: str, charset: str, cte: str) -> tuple[bytes, str, str]:
    """(encoded bytes, the charset used, the transfer encoding used) of a text body."""
    cs = charset if fits(text, charset) else "utf-8"
    data = text.replace("\r\n", "\n").encode(cs)
    if cte == "base64":
        return base64.encodebytes(data), cs, "base64"
    if cte == "quoted-printable":
        return quopri.encodestring(data), cs, "quoted-printable"
    if data.isascii() and max((len(line) for line in data.split(b"\n")), default=0) < 990:
        return data if data.endswith(b"\n") else data + b"\n", cs, "7bit"
    if max((len(line) for line in data.split(b"\n")), default=0) >= 990:
        return quopri.encodestring(data), cs, "quoted-printable"
    return data if data.endswith(b"\n") else data + b"\n", cs, "8bit"


class Writer:
    """Writes Drafts out; boundaries come from a counter and a tag, so output is the same for the same seed."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.n = 0

    def boundary(self, style: str) -> str:
        self.n += 1
        n = self.n
        if style == "outlook":
            return f"----=_NextPart_000_{n:04X}_01DB{n * 7919 % 65536:04X}.{self.tag[:8].upper()}"
        if style == "apple":
            return f"Apple-Mail={self.tag[:8].upper()}-{n:04d}-4C2B-9D1E-{n * 104729 % 10**12:012d}"
        if style == "php":
            return f"b1=_{self.tag}{n:06x}"
        return f"------------{self.tag}{n:010d}"

    def text_part(self, body: str, subtype: str, d: Draft) -> bytes:
        data, cs, cte = encode_body(body, d.charset, d.cte)
        params = f'; charset="{cs}"'
        if subtype == "plain" and d.flowed:
            params += "; format=flowed"
        return f"Content-Type: text/{subtype}{params}\nContent-Transfer-Encoding: {cte}\n\n".encode() + data

    def file_part(self, f: File) -> bytes:
        name = f.name if f.name.isascii() else Header(f.name, "utf-8").encode()
        disp = "inline" if f.cid else "attachment"
        head = f'Content-Type: {f.ctype}; name="{name}"\nContent-Disposition: {disp}; filename="{name}"\n'
        if f.cid:
            head += f"Content-ID: <{f.cid}>\n"
        if f.ctype.startswith("text/") or f.ctype == "application/ics":
            body = f.data if f.data.endswith(b"\n") else f.data + b"\n"
            if f.data.isascii():
                return (head + "Content-Transfer-Encoding: 7bit\n\n").encode() + body
        return (head + "Content-Transfer-Encoding: base64\n\n").encode() + base64.encodebytes(f.data)

    def multipart(self, subtype: str, parts: list[bytes], style: str) -> bytes:
        b = self.boundary(style)
        out = [f'Content-Type: multipart/{subtype};\n\tboundary="{b}"\n\n'.encode()]
        if style == "outlook":
            out.append(b"This is a multi-part message in MIME format.\n\n")
        for p in parts:
            out.append(f"--{b}\n".encode() + p + b"\n")
        out.append(f"--{b}--\n".encode())
        return b"".join(out)

    def body(self, d: Draft, style: str) -> bytes:
        """The MIME entity of the message body (its own Content-Type header first)."""
        alts: list[bytes] = []
        if d.text is not None:
            alts.append(self.text_part(d.text, "plain", d))
        if d.html is not None:
            inline = [f for f in d.files if f.cid]
            html = self.text_part(d.html, "html", d)
            alts.append(self.multipart("related", [html, *map(self.file_part, inline)], style) if inline else html)
        if d.calendar is not None:
            cal = d.calendar.encode("utf-8")
            alts.append(b'Content-Type: text/calendar; charset="utf-8"; method=REQUEST\n'
                        b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(cal))
        if not alts:
            main = b""
        elif len(alts) == 1:
            main = alts[0]
        else:
            main = self.multipart("alternative", alts, style)
        files = [self.file_part(f) for f in d.files if not f.cid]
        if not files:
            return main or self.text_part("", "plain", d)
        return self.multipart("mixed", ([main] if main else []) + files, style)

    def render(self, d: Draft, top: list[tuple[str, str]], style: str) -> bytes:
        """The whole message: `top` headers (Received, Date, Message-ID...) then the Draft's own."""
        cs = d.charset
        heads: list[tuple[str, str]] = list(top)
        heads.append(("From", address(d.from_name, d.from_addr, cs)))
        heads.append(("To", d.to_header or ", ".join(address(n, a, cs) for n, a in d.to)))
        if d.cc:
            heads.append(("Cc", ", ".join(address(n, a, cs) for n, a in d.cc)))
        if d.reply_to:
            heads.append(("Reply-To", address(*d.reply_to, cs)))
        heads.append(("Subject", header_text(d.subject, cs)))
        heads.extend(d.headers)
        heads.append(("MIME-Version", "1.0"))
        head = "".join(f"{k}: {v}\n" for k, v in heads).encode("ascii")
        return head + self.body(d, style)
