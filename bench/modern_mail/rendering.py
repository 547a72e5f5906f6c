"""Mail + Submission -> the bytes Exim hands to the scanner: charsets, transfer encodings, RFC 2047, MIME."""

from __future__ import annotations

import base64
import email.utils
import quopri
import random
import urllib.parse
from datetime import datetime

from bench.modern_mail.accounts import SERVER
from bench.modern_mail.agents import AGENTS, Agent
from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail.transport import Submission, exim_id, received

# the (charset, body transfer encoding) pairs real mail of each language is sent in
_CODINGS: dict[str, list[tuple[str, str]]] = {
    "en": [("utf-8", "quoted-printable"), ("us-ascii", "7bit"), ("utf-8", "8bit"), ("utf-8", "base64"),
           ("utf-8", "quoted-printable")],
    "de": [("utf-8", "quoted-printable"), ("utf-8", "8bit"), ("iso-8859-15", "quoted-printable"),
           ("utf-8", "base64"), ("iso-8859-1", "8bit"), ("utf-8", "quoted-printable")],
    "ar": [("utf-8", "base64"), ("utf-8", "quoted-printable"), ("windows-1256", "quoted-printable"),
           ("utf-8", "8bit")],
    "he": [("utf-8", "base64"), ("utf-8", "quoted-printable"), ("windows-1255", "quoted-printable"),
           ("utf-8", "8bit")],
    "ja": [("iso-2022-jp", "7bit"), ("utf-8", "base64"), ("utf-8", "quoted-printable"), ("iso-2022-jp", "7bit")],
    "zh": [("utf-8", "base64"), ("gb2312", "base64"), ("gbk", "base64"), ("utf-8", "quoted-printable")],
}
_CODINGS["fr"] = _CODINGS["es"] = _CODINGS["de"]


def _fits(text: str, charset: str) -> bool:
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def choose_coding(mail: Mail, rng: random.Random) -> tuple[str, str]:
    """The body charset and transfer encoding: the mail's own, else a usual one for its language that fits."""
    texts = [t for t in (mail.text, mail.html) if t]
    charset, cte = rng.choice(_CODINGS.get(mail.lang, _CODINGS["en"]))
    charset = mail.charset or charset
    cte = mail.encoding or cte
    if not all(_fits(t, charset) for t in texts):
        charset = "utf-8"
        if cte == "7bit":
            cte = "quoted-printable"
    if cte in ("7bit", "8bit") and any(len(line) > 900 for t in texts for line in t.splitlines()):
        cte = "quoted-printable"
    if cte == "7bit" and charset != "iso-2022-jp" and not all(t.isascii() for t in texts):
        cte = "quoted-printable"
    return charset, cte


def _word(text: str, charset: str, mode: str) -> str:
    data = text.encode(charset)
    if mode == "B":
        return f"=?{charset}?B?{base64.b64encode(data).decode('ascii')}?="
    q = "".join(chr(b) if (chr(b).isalnum() and b < 128) or chr(b) in "!*+-/" else "_" if b == 32 else f"={b:02X}"
                for b in data)
    return f"=?{charset}?Q?{q}?="


def encode_words(value: str, charset: str, rng: random.Random, header_name: str = "Subject") -> str:
    """A header value: ASCII as is, otherwise RFC 2047 words (B or Q) in `charset` (utf-8 if it cannot).

    Each word is at most 75 characters and holds whole characters (and, for ISO-2022-JP, returns to ASCII),
    folded onto continuation lines.
    """
    if value.isascii():
        return value
    cs = charset if charset != "us-ascii" and _fits(value, charset) else "utf-8"
    mode = "B" if cs in ("iso-2022-jp", "gb2312", "gbk") else rng.choice(("B", "Q"))
    limit = 75 - (len(header_name) + 2 if header_name else 0) // 2
    words: list[str] = []
    chunk = ""
    for ch in value:
        if chunk and len(_word(chunk + ch, cs, mode)) > limit:
            words.append(_word(chunk, cs, mode))
            chunk = ch
        else:
            chunk += ch
    words.append(_word(chunk, cs, mode))
    return "\n ".join(words)


def format_address(name: str, addr: str, charset: str, rng: random.Random) -> str:
    """`Name <addr>` with the name quoted or RFC 2047-encoded as needed; a bare address if there is no name."""
    if not name:
        return addr
    if name.isascii():
        return email.utils.formataddr((name, addr))
    return f"{encode_words(name, charset, rng, 'From')} <{addr}>"


def _body(data: str, charset: str, cte: str) -> str:
    raw = data.encode(charset)
    if cte == "base64":
        return base64.encodebytes(raw).decode("ascii")
    if cte == "quoted-printable":
        return quopri.encodestring(raw).decode("ascii")
    return raw.decode("ascii", "surrogateescape")  # 8bit: the bytes as they are, carried through str


def _text_leaf(subtype: str, data: str, charset: str, cte: str, flowed: bool = False) -> str:
    if not data.endswith("\n"):
        data += "\n"
    params = f"; charset={charset}" if subtype == "plain" and not flowed else f'; charset="{charset}"'
    if flowed:
        params += "; format=flowed"
    return (f"Content-Type: text/{subtype}{params}\nContent-Transfer-Encoding: {cte}\n\n"
            + _body(data, charset, cte))


def _file_leaf(att: Attachment, rng: random.Random) -> str:
    if att.filename.isascii():
        name = f'name="{att.filename}"'
        disp_name = f'filename="{att.filename}"'
    else:
        name = f'name="{encode_words(att.filename, "utf-8", rng, "Content-Type")}"'
        disp_name = "filename*=utf-8''" + urllib.parse.quote(att.filename, safe="")
    disposition = "inline" if att.content_id else "attachment"
    head = f"Content-Type: {att.content_type}; {name}\nContent-Disposition: {disposition}; {disp_name}\n"
    if att.content_id:
        head += f"Content-ID: <{att.content_id}>\n"
    return head + "Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(att.data).decode("ascii")


def _multipart(subtype: str, parts: list[str], agent: Agent, rng: random.Random, depth: int,
               extra: str = "") -> str:
    b = agent.boundary(rng, depth)
    out = f'Content-Type: multipart/{subtype};{extra}\n boundary="{b}"\n\n'
    if depth == 0:
        out += "This is a multi-part message in MIME format.\n"
    for part in parts:
        out += f"\n--{b}\n{part.rstrip(chr(10))}\n"
    return out + f"\n--{b}--\n"


def build_body(mail: Mail, charset: str, cte: str, rng: random.Random) -> str:
    """The MIME structure (Content-Type line onwards) of the message body."""
    agent = AGENTS[mail.agent]
    inline = [a for a in mail.attachments if a.content_id]
    files = [a for a in mail.attachments if not a.content_id]
    depth_of_alt = 1 if files else 0
    html_part: str | None = None
    if mail.html is not None:
        page = mail.html
        if charset != "utf-8":  # the page's own meta tag names the charset it is sent in
            page = page.replace('charset="utf-8"', f'charset="{charset}"')
            page = page.replace("charset=utf-8", f"charset={charset}")
        html_part = _text_leaf("html", page, charset, cte)
        if inline:
            html_part = _multipart("related", [html_part, *(_file_leaf(a, rng) for a in inline)], agent, rng,
                                   depth_of_alt + (1 if mail.text is not None else 0), ' type="text/html";')
    text_part = _text_leaf("plain", mail.text, charset, cte) if mail.text is not None else None
    if text_part and html_part:
        body = _multipart("alternative", [text_part, html_part], agent, rng, depth_of_alt)
    else:
        body = html_part or text_part or _text_leaf("plain", "", charset, cte)
    if files:
        body = _multipart("mixed", [body, *(_file_leaf(a, rng) for a in files)], agent, rng, 0)
    return body


def render(mail: Mail, sub: Submission, when: datetime, rng: random.Random) -> bytes:
    """The whole message as Exim spools it for the scanner (LF line ends, Exim's Received: on top)."""
    agent = AGENTS[mail.agent]
    charset, cte = choose_coding(mail, rng)
    hcs = charset if charset != "us-ascii" else "utf-8"
    qid = exim_id(rng)
    from_domain = mail.from_addr.rpartition("@")[2]
    exim_msgid = agent.msgid_style == "exim" and not mail.message_id
    msgid = mail.message_id or agent.message_id(rng, from_domain, when)
    to = mail.to_header or ", ".join(format_address(n, a, hcs, rng) for n, a in mail.to)
    if len(to) > 300:
        to = ",\n\t".join(format_address(n, a, hcs, rng) for n, a in mail.to)
    main: list[tuple[str, str]] = [("Date", email.utils.format_datetime(when)),
                                   ("From", format_address(mail.from_name, mail.from_addr, hcs, rng))]
    if mail.reply_to:
        main.append(("Reply-To", format_address(*mail.reply_to, hcs, rng)))
    main.append(("To", to))
    if mail.cc:
        main.append(("Cc", ", ".join(format_address(n, a, hcs, rng) for n, a in mail.cc)))
    subject = ("Subject", encode_words(mail.subject, hcs, rng))
    if sub.php:  # PHP's mail() writes To: and Subject: itself, before the script's headers
        headers = [main.pop(main.index(("To", to))), subject, *sub.headers, *main]
    else:
        headers = [*main, subject, *sub.headers]
    if not exim_msgid:
        headers.append(("Message-ID", msgid))
    headers += mail.headers
    if agent.header:
        headers.append(agent.header)
    headers.append(("MIME-Version", "1.0"))
    lines = [f"Received: {received(sub, when, qid, rng)}"]
    lines += [f"{k}: {v}" for k, v in headers]
    if exim_msgid:
        lines.append(f"Message-Id: <E{qid}@{SERVER}>")
    return ("\n".join(lines) + "\n" + build_body(mail, charset, cte, rng)).encode("ascii", "surrogateescape")
