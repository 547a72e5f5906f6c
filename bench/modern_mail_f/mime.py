"""Hand-built MIME for set F: headers with RFC 2047 words, text/HTML leaves, multipart trees and file parts."""

from __future__ import annotations

import base64
import quopri
import random
from datetime import datetime

from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail_f import charsets
from bench.modern_mail_f.transport import Submission, queue_id, received

# program -> (header line, Message-ID style)
AGENTS: dict[str, tuple[tuple[str, str] | None, str]] = {
    "thunderbird": (("User-Agent", "Mozilla Thunderbird 140.5.0esr"), "uuid"),
    "outlook": (("X-Mailer", "Microsoft Outlook 16.0"), "outlook"),
    "applemail": (("X-Mailer", "Apple Mail (2.3826.400.131.1.6)"), "apple"),
    "iphone": (("X-Mailer", "iPhone Mail (22C152)"), "apple"),
    "roundcube": (("User-Agent", "Roundcube Webmail/1.6.11"), "hex"),
    "horde": (("User-Agent", "Horde Application Framework 5"), "horde"),
    "k9": (("User-Agent", "K-9 Mail for Android"), "uuid"),
    "wordpress": (("X-Mailer", "WPMailSMTP/Mailer/mail 4.3.0"), "hex"),
    "woocommerce": (("X-Mailer", "PHPMailer 6.9.3 (https://github.com/PHPMailer/PHPMailer)"), "hex"),
    "phpmailer": (("X-Mailer", "PHPMailer 6.10.0 (https://github.com/PHPMailer/PHPMailer)"), "hex"),
    "php": (None, "none"),
    "mailpoet": (("X-Mailer", "MailPoet"), "hex"),
    "cron": (None, "exim"),
    "python": (None, "py"),
    "custom": (("X-Mailer", "BookingCore/3.2"), "hex"),
    "bulkmailer": (("X-Mailer", "Leaf PHPMailer"), "hex"),
}


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def message_id(rng: random.Random, agent: str, domain: str, when: datetime) -> str:
    style = AGENTS.get(agent, AGENTS["thunderbird"])[1]
    u = f"{_hex(rng, 8)}-{_hex(rng, 4)}-4{_hex(rng, 3)}-a{_hex(rng, 3)}-{_hex(rng, 12)}"
    if style == "uuid":
        return f"<{u}@{domain}>"
    if style == "apple":
        return f"<{u.upper()}@{domain}>"
    if style == "outlook":
        return f"<{_hex(rng, 12).upper()}{_hex(rng, 10).upper()}@{domain}>"
    if style == "horde":
        return f"<{when.strftime('%Y%m%d%H%M%S')}.Horde.{_hex(rng, 22)}@{domain}>"
    if style == "py":
        return f"<{int(when.timestamp())}.{rng.randint(1000, 99999)}.{rng.getrandbits(60)}@{domain}>"
    return f"<{_hex(rng, 32)}@{domain}>"


def encode_words(value: str, charset: str, rng: random.Random) -> str:
    """An RFC 2047 header value (ASCII values are left alone), folded between words."""
    if value.isascii():
        return value
    cs = charset if charsets.fits(value, charset) and charset != "us-ascii" else "utf-8"
    mode = "B" if cs in ("iso-2022-jp", "shift_jis", "euc-jp", "gb2312", "gbk", "gb18030", "big5", "euc-kr",
                         "ks_c_5601-1987", "utf-8") and rng.random() < 0.75 else "Q"
    words, chunk = [], ""
    for ch in value:
        trial = chunk + ch
        if len(_word(trial, cs, mode)) > 74:
            words.append(_word(chunk, cs, mode))
            chunk = ch
        else:
            chunk = trial
    if chunk:
        words.append(_word(chunk, cs, mode))
    return "\n ".join(words)


def _word(text: str, cs: str, mode: str) -> str:
    data = text.encode(cs)
    if mode == "B":
        return f"=?{cs}?B?{base64.b64encode(data).decode('ascii')}?="
    out = []
    for b in data:
        c = chr(b)
        if c == " ":
            out.append("_")
        elif c.isalnum() and b < 128:
            out.append(c)
        else:
            out.append(f"={b:02X}")
    return f"=?{cs}?Q?{''.join(out)}?="


def address(name: str, addr: str, charset: str, rng: random.Random) -> str:
    if not name:
        return addr
    if name.isascii():
        quoted = any(c in name for c in ',.;:()<>@"[]&\'')
        return f'"{name}" <{addr}>' if quoted else f"{name} <{addr}>"
    return f"{encode_words(name, charset, rng)} <{addr}>"


def _encoded(data: bytes, cte: str) -> str:
    if cte == "base64":
        return base64.encodebytes(data).decode("ascii")
    if cte == "quoted-printable":
        out = quopri.encodestring(data).decode("ascii")
        return out if out.endswith("\n") else out + "\n"
    text = data.decode("latin-1") if cte == "8bit" else data.decode("ascii")
    return text if text.endswith("\n") else text + "\n"


def text_leaf(subtype: str, data: str, charset: str, cte: str, extra: str = "") -> str:
    body = _encoded(data.encode(charset), cte)
    return (f'Content-Type: text/{subtype}; charset="{charset}"{extra}\n'
            f"Content-Transfer-Encoding: {cte}\n\n{body}")


def _filename_param(name: str, param: str) -> str:
    if name.isascii():
        return f'{param}="{name}"'
    from urllib.parse import quote
    return f"{param}*=utf-8''{quote(name)}"


def file_leaf(att: Attachment) -> str:
    ctype = att.content_type
    extra = ""
    if ctype.startswith("text/") and "charset" not in ctype:
        extra = '; charset="utf-8"'
    head = f"Content-Type: {ctype}{extra}; {_filename_param(att.filename, 'name')}\n"
    if att.content_id:
        head += f"Content-ID: <{att.content_id}>\nContent-Disposition: inline; " \
                f"{_filename_param(att.filename, 'filename')}\n"
    else:
        head += f"Content-Disposition: attachment; {_filename_param(att.filename, 'filename')}\n"
    return head + "Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(att.data).decode("ascii")


def multipart(subtype: str, parts: list[str], rng: random.Random, extra: str = "") -> str:
    b = rng.choice(("----=_Part_", "=_", "b1_", "------------", "Apple-Mail=_", "_000_")) + _hex(rng, 24)
    body = "".join(f"--{b}\n{p}" + ("" if p.endswith("\n") else "\n") for p in parts)
    return f'Content-Type: multipart/{subtype}; boundary="{b}"{extra}\n\n{body}--{b}--\n'


def build_body(mail: Mail, charset: str, rng: random.Random) -> str:
    leaves = []
    if mail.text is not None:
        leaves.append(text_leaf("plain", mail.text, charset, charsets.transfer(rng, charset, mail.text,
                                                                               mail.encoding)))
    if mail.html is not None:
        leaves.append(text_leaf("html", mail.html, charset, charsets.transfer(rng, charset, mail.html,
                                                                              mail.encoding)))
    body = leaves[0] if len(leaves) == 1 else multipart("alternative", leaves, rng)
    inline = [a for a in mail.attachments if a.content_id]
    files = [a for a in mail.attachments if not a.content_id]
    if inline:
        body = multipart("related", [body, *(file_leaf(a) for a in inline)], rng, '; type="multipart/alternative"'
                         if len(leaves) > 1 else '; type="text/html"')
    if files:
        body = multipart("mixed", [body, *(file_leaf(a) for a in files)], rng)
    return body


def render(mail: Mail, sub: Submission, when: datetime, rng: random.Random) -> bytes:
    """The message as Exim hands it to the scanner: its Received: line, the headers, the MIME body."""
    texts = [t for t in (mail.text, mail.html, mail.subject, mail.from_name) if t]
    charset = charsets.pick(rng, mail.lang, texts, mail.charset)
    qid = queue_id(rng)
    lines = [("Received", received(sub, when, qid, rng))]
    to_value = mail.to_header or ", ".join(address(n, a, charset, rng) for n, a in mail.to)
    subject = encode_words(mail.subject, charset, rng)
    if sub.php:  # PHP mail() writes To and Subject first, then its own headers
        lines += [("To", to_value), ("Subject", subject), *sub.headers]
    domain = mail.from_addr.rsplit("@", 1)[-1]
    mid = mail.message_id or message_id(rng, mail.agent, domain, when)
    lines += [("Date", when.strftime("%a, %d %b %Y %H:%M:%S %z")),
              ("From", address(mail.from_name, mail.from_addr, charset, rng))]
    if not sub.php:
        lines.append(("To", to_value))
    if mail.cc:
        lines.append(("Cc", ", ".join(address(n, a, charset, rng) for n, a in mail.cc)))
    if mail.reply_to:
        lines.append(("Reply-To", address(*mail.reply_to, charset, rng)))
    if not sub.php:
        lines.append(("Subject", subject))
    lines.append(("Message-ID", mid))
    lines += mail.headers
    if not sub.php:
        lines += sub.headers
    agent_header = AGENTS.get(mail.agent, AGENTS["thunderbird"])[0]
    if agent_header:
        lines.append(agent_header)
    lines.append(("MIME-Version", "1.0"))
    head = "".join(f"{k}: {v}\n" for k, v in lines)
    if not head.isascii():
        raise ValueError(f"non-ASCII header in {mail.subject!r}")
    return (head + build_body(mail, charset, rng)).encode("latin-1")  # 8bit bodies are carried as latin-1 chars
