"""Turning a drafted message into bytes by hand: headers, charsets, transfer encodings, multipart trees.

Written by hand rather than with email.message so that every charset and encoding choice is explicit and the
output is byte-for-byte reproducible (boundaries and ids come from the caller's random.Random)."""

from __future__ import annotations

import base64
import quopri
import random
from dataclasses import dataclass, field
from email.header import Header
from email.utils import formataddr

#: Charsets that a language's text is commonly sent in, most common first (utf-8 is always possible).
CHARSETS: dict[str, tuple[str, ...]] = {
    "en": ("utf-8", "us-ascii", "windows-1252", "iso-8859-1"),
    "de": ("utf-8", "iso-8859-1", "iso-8859-15", "windows-1252"),
    "fr": ("utf-8", "iso-8859-15", "iso-8859-1", "windows-1252"),
    "es": ("utf-8", "iso-8859-1", "windows-1252"),
    "it": ("utf-8", "iso-8859-1", "windows-1252"),
    "nl": ("utf-8", "iso-8859-1", "windows-1252"),
    "pt": ("utf-8", "iso-8859-1", "windows-1252"),
    "pl": ("utf-8", "iso-8859-2", "windows-1250"),
    "ru": ("utf-8", "koi8-r", "windows-1251"),
    "tr": ("utf-8", "iso-8859-9", "windows-1254"),
    "ar": ("utf-8", "windows-1256", "iso-8859-6"),
    "ja": ("utf-8", "iso-2022-jp", "shift_jis", "euc-jp"),
    "zh": ("utf-8", "gb2312", "gbk", "gb18030"),
    "zh-hant": ("utf-8", "big5"),
    "ko": ("utf-8", "euc-kr"),
}


@dataclass(slots=True)
class Part:
    """A leaf: text (str) or a file (bytes)."""

    ctype: str
    body: str | bytes
    charset: str = ""
    cte: str = ""
    filename: str = ""
    cid: str = ""
    inline: bool = False


@dataclass(slots=True)
class Multi:
    """A multipart node."""

    subtype: str
    parts: list[Part | Multi] = field(default_factory=list)


def fits(text: str, charset: str) -> bool:
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def pick_charset(rng: random.Random, lang: str, *texts: str) -> str:
    """A charset the language is sent in that can carry every text (utf-8 if none of the others can)."""
    options = [c for c in CHARSETS.get(lang, ("utf-8",)) if all(fits(t, c) for t in texts)]
    return rng.choice(options) if options else "utf-8"


def header_text(value: str, charset: str = "utf-8") -> str:
    """A header value, RFC 2047-encoded when it is not plain ASCII."""
    if fits(value, "ascii"):
        return value
    cs = charset if fits(value, charset) and charset != "us-ascii" else "utf-8"
    return Header(value, cs, maxlinelen=76, header_name="Subject").encode()


def address(name: str, addr: str, charset: str = "utf-8") -> str:
    if not name:
        return addr
    if fits(name, "ascii"):
        return formataddr((name, addr))
    cs = charset if fits(name, charset) and charset != "us-ascii" else "utf-8"
    return formataddr((name, addr), cs)


def _text_payload(text: str, charset: str, cte: str) -> tuple[bytes, str]:
    data = text.replace("\r\n", "\n")
    if not data.endswith("\n"):
        data += "\n"
    if charset == "iso-2022-jp":
        return data.encode(charset), "7bit"
    raw = data.encode(charset)
    ascii_only = all(b < 128 for b in raw)
    longest = max((len(line) for line in raw.split(b"\n")), default=0)
    if cte in ("7bit", "8bit") and longest > 900:
        cte = "quoted-printable"
    if cte == "7bit" and not ascii_only:
        cte = "8bit"
    if cte == "base64":
        return base64.encodebytes(raw), cte
    if cte == "quoted-printable":
        return quopri.encodestring(raw), cte
    return raw, cte or ("7bit" if ascii_only else "8bit")


def _leaf(part: Part, rng: random.Random) -> bytes:
    if isinstance(part.body, str):
        payload, cte = _text_payload(part.body, part.charset or "utf-8", part.cte)
        head = [f'Content-Type: {part.ctype}; charset="{part.charset or "utf-8"}"',
                f"Content-Transfer-Encoding: {cte}"]
        if part.filename:
            head.append(f'Content-Disposition: attachment; filename="{part.filename}"')
    else:
        payload = base64.encodebytes(part.body)
        name = f'; name="{part.filename}"' if part.filename else ""
        head = [f"Content-Type: {part.ctype}{name}", "Content-Transfer-Encoding: base64"]
        if part.cid:
            head.append(f"Content-ID: <{part.cid}>")
        if part.filename:
            disp = "inline" if part.inline or part.cid else "attachment"
            head.append(f'Content-Disposition: {disp}; filename="{part.filename}"')
    return ("\n".join(head) + "\n\n").encode("ascii") + payload


def boundary(rng: random.Random, style: int) -> str:
    alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    token = "".join(rng.choice(alnum) for _ in range(24))
    return ("----=_Part_" + token, "b1_" + token[:20], "=_" + token[:16] + "==", "0000000000" + token[:18].lower(),
            "--_NextPart_" + token[:12])[style % 5]


def body_bytes(node: Part | Multi, rng: random.Random, style: int) -> bytes:
    """The node with its own Content-Type header lines first (the caller puts them among the message headers)."""
    if isinstance(node, Part):
        return _leaf(node, rng)
    b = boundary(rng, style)
    out = [f'Content-Type: multipart/{node.subtype};\n\tboundary="{b}"\n\n'.encode("ascii")]
    if style % 3 == 0:
        out.append(b"This is a multi-part message in MIME format.\n\n")
    for child in node.parts:
        out.append(f"--{b}\n".encode("ascii"))
        out.append(body_bytes(child, rng, style))
        out.append(b"\n")
    out.append(f"--{b}--\n".encode("ascii"))
    return b"".join(out)
