"""Content as blocks, rendered to a text part and to HTML in the markup styles real senders use."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from bench.modern_mail.languages import RTL


@dataclass(frozen=True, slots=True)
class P:
    """A paragraph (may hold line breaks)."""

    text: str


@dataclass(frozen=True, slots=True)
class H:
    """A heading."""

    text: str


@dataclass(frozen=True, slots=True)
class Button:
    """A call-to-action link drawn as a button."""

    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Link:
    """A paragraph that is one link (with an optional lead-in)."""

    label: str
    url: str
    lead: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells (order lines, totals, appointment details); `head` is an optional header row."""

    rows: tuple[tuple[str, ...], ...]
    head: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Img:
    """An image: a URL on the sender's site or cid:, with alt text."""

    src: str
    alt: str
    width: int = 0
    href: str = ""


@dataclass(frozen=True, slots=True)
class Links:
    """A row of links (social profiles, footer navigation)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Small:
    """Footer fine print."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """A one-time code or order number shown large."""

    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted earlier message under a reply (a blockquote in HTML)."""

    header: str
    text: str


@dataclass(frozen=True, slots=True)
class Form:
    """An HTML form inside the message (phishing asks for the password right there)."""

    action: str
    email: str
    password_label: str
    button: str


Block = P | H | Button | Link | Table | Img | Links | Small | Code | Quote | Form


@dataclass(slots=True)
class Doc:
    """A message body as blocks, with what the HTML wrapper needs."""

    blocks: list[Block]
    lang: str = "en"
    title: str = ""
    accent: str = "#2b6cb0"
    preheader: str = ""
    pixel: str = ""  # an open-tracking image URL
    signature: list[str] = field(default_factory=list)


def to_text(doc: Doc, *, images: bool = False) -> str:
    """The text/plain rendering; `images` writes [alt] where the HTML has an image."""
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, P | Small):
            out.append(b.text)
        elif isinstance(b, H):
            out.append(b.text + "\n" + "-" * min(len(b.text) * (2 if doc.lang in ("ja", "zh") else 1), 60))
        elif isinstance(b, Code):
            out.append("    " + b.text)
        elif isinstance(b, Button):
            out.append(f"{b.label}:\n{b.url}")
        elif isinstance(b, Link):
            out.append(f"{b.lead} {b.label}: {b.url}".strip() if b.lead else f"{b.label}: {b.url}")
        elif isinstance(b, Table):
            rows = [b.head, *b.rows] if b.head else list(b.rows)
            out.append("\n".join("  ".join(c for c in r if c) for r in rows))
        elif isinstance(b, Links):
            out.append("\n".join(f"{label}: {url}" for label, url in b.items))
        elif isinstance(b, Quote):
            out.append(b.header + "\n" + "\n".join(">" if not ln else f"> {ln}" for ln in b.text.split("\n")))
        elif isinstance(b, Img) and images and b.alt:
            out.append(f"[{b.alt}]")
    if doc.signature:
        out.append("-- \n" + "\n".join(doc.signature))
    return "\n\n".join(out) + "\n"


def _e(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>\n")


def _a(url: str) -> str:
    return html.escape(url, quote=True)


def _block_html(b: Block, accent: str, align: str) -> str:
    if isinstance(b, P):
        return f'<p style="margin:0 0 14px;line-height:1.5">{_e(b.text)}</p>'
    if isinstance(b, H):
        return f'<h2 style="font-size:20px;margin:0 0 12px;color:{accent}">{_e(b.text)}</h2>'
    if isinstance(b, Code):
        return (f'<p style="font-size:26px;letter-spacing:4px;font-weight:bold;margin:12px 0 18px">'
                f"{_e(b.text)}</p>")
    if isinstance(b, Button):
        return (f'<table role="presentation" cellspacing="0" cellpadding="0" border="0"><tr>'
                f'<td style="border-radius:4px;background:{accent}"><a href="{_a(b.url)}" '
                f'style="display:inline-block;padding:12px 22px;color:#ffffff;text-decoration:none;'
                f'font-weight:bold">{_e(b.label)}</a></td></tr></table><br>')
    if isinstance(b, Link):
        lead = _e(b.lead) + " " if b.lead else ""
        return f'<p style="margin:0 0 14px">{lead}<a href="{_a(b.url)}" style="color:{accent}">{_e(b.label)}</a></p>'
    if isinstance(b, Table):
        cell = f'style="padding:6px 8px;border-bottom:1px solid #e5e5e5;text-align:{align}"'
        head = "".join(f"<th {cell}>{_e(c)}</th>" for c in b.head)
        rows = "".join("<tr>" + "".join(f"<td {cell}>{_e(c)}</td>" for c in r) + "</tr>" for r in b.rows)
        return (f'<table cellspacing="0" cellpadding="0" border="0" width="100%" style="border-collapse:collapse;'
                f'margin:0 0 16px">{"<tr>" + head + "</tr>" if head else ""}{rows}</table>')
    if isinstance(b, Links):
        return '<p style="margin:8px 0">' + " &middot; ".join(
            f'<a href="{_a(u)}" style="color:{accent}">{_e(label)}</a>' for label, u in b.items) + "</p>"
    if isinstance(b, Quote):
        return (f"<div>{_e(b.header)}</div>\n<blockquote type=\"cite\" style=\"margin:0 0 0 .8ex;"
                f"border-left:1px #ccc solid;padding-left:1ex\">{_e(b.text)}</blockquote>")
    if isinstance(b, Form):
        return (f'<form action="{_a(b.action)}" method="post" style="margin:12px 0">'
                f'<input type="email" name="login" value="{_a(b.email)}" style="width:260px;padding:8px"><br><br>'
                f'<input type="password" name="passwd" placeholder="{_a(b.password_label)}" '
                f'style="width:260px;padding:8px"><br><br>'
                f'<input type="submit" value="{_a(b.button)}" style="background:{accent};color:#fff;border:0;'
                f'padding:10px 24px"></form>')
    if isinstance(b, Small):
        return f'<p style="font-size:12px;color:#777777;line-height:1.4;margin:0 0 8px">{_e(b.text)}</p>'
    width = f' width="{b.width}"' if b.width else ""
    img = f'<img src="{_a(b.src)}" alt="{_a(b.alt)}"{width} style="border:0;display:block;max-width:100%">'
    return f'<a href="{_a(b.href)}">{img}</a>' if b.href else img


def to_html(doc: Doc, style: str = "builder") -> str:
    """The text/html rendering in one of the styles: builder, woo, simple, thunderbird, outlook, gmail."""
    rtl = doc.lang in RTL
    d = ' dir="rtl"' if rtl else ""
    align = "right" if rtl else "left"
    inner = "\n".join(_block_html(b, doc.accent, align) for b in doc.blocks)
    sig = "<br>\n".join(_e(s) for s in doc.signature)
    pixel = f'<img src="{_a(doc.pixel)}" width="1" height="1" alt="" style="display:block">' if doc.pixel else ""
    head = (f'<!DOCTYPE html>\n<html lang="{doc.lang}"{d}>\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(doc.title)}</title>\n</head>\n")
    if style == "builder":
        pre = (f'<div style="display:none;max-height:0;overflow:hidden">{_e(doc.preheader)}</div>\n'
               if doc.preheader else "")
        return (head + f'<body style="margin:0;padding:0;background:#f2f4f6"{d}>\n{pre}'
                f'<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" '
                f'bgcolor="#f2f4f6"><tr><td align="center" style="padding:24px 8px">\n'
                f'<table role="presentation" width="600" cellspacing="0" cellpadding="0" border="0" '
                f'style="max-width:600px;background:#ffffff;font-family:Helvetica,Arial,sans-serif;'
                f'font-size:15px;color:#333333;text-align:{align}">\n<tr><td style="padding:28px 32px">\n'
                f"{inner}\n</td></tr>\n</table>\n{pixel}\n</td></tr></table>\n</body>\n</html>\n")
    if style == "woo":
        return (head + f'<body style="background:#f7f7f7;margin:0;padding:0"{d}>\n'
                f'<div id="wrapper" dir="{"rtl" if rtl else "ltr"}" style="padding:70px 0">\n'
                f'<table border="0" cellpadding="0" cellspacing="0" width="600" id="template_container" '
                f'style="background:#ffffff;border:1px solid #dedede;border-radius:3px">\n'
                f'<tr><td id="template_header" style="background:{doc.accent};color:#ffffff;padding:36px 48px">'
                f'<h1 style="font-family:Helvetica,Arial,sans-serif;font-size:28px;margin:0;color:#ffffff">'
                f"{_e(doc.title)}</h1></td></tr>\n"
                f'<tr><td id="body_content" style="padding:48px;font-family:Helvetica,Arial,sans-serif;'
                f'font-size:14px;color:#636363;text-align:{align}">\n{inner}\n</td></tr>\n</table>\n'
                f"</div>\n{pixel}\n</body>\n</html>\n")
    if style == "outlook":
        paras = inner.replace('<p style="margin:0 0 14px;line-height:1.5">', '<p class="MsoNormal">')
        return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                f'xmlns:w="urn:schemas-microsoft-com:office:word"{d}>\n<head>\n'
                '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
                '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
                "<style><!--\np.MsoNormal, li.MsoNormal, div.MsoNormal\n"
                "\t{margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif;}\n--></style>\n</head>\n"
                f'<body lang="{doc.lang.upper()}" link="#0563C1" vlink="#954F72">\n<div class="WordSection1">\n'
                f'{paras}\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
                f'<p class="MsoNormal">{sig}<o:p></o:p></p>\n</div>\n</body>\n</html>\n')
    if style == "thunderbird":
        body = inner.replace(' style="margin:0 0 14px;line-height:1.5"', "")
        return ('<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="content-type" content="text/html; '
                f'charset=UTF-8">\n  </head>\n  <body{d}>\n{body}\n'
                f'    <div class="moz-signature">-- <br>\n{sig}</div>\n  </body>\n</html>\n')
    if style == "gmail":
        body = inner.replace('<p style="margin:0 0 14px;line-height:1.5">', "<div>")
        body = body.replace("</p>", "</div><div><br></div>")
        return f'<div dir="{"rtl" if rtl else "ltr"}">{body}<div>{sig}</div></div>\n'
    return (f'<html{d}><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\n'
            f'<body style="font-family:Arial,sans-serif;font-size:14px">\n{inner}\n'
            f'{"<p>" + sig + "</p>" if sig else ""}\n{pixel}</body></html>\n')
