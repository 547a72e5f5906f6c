"""Building blocks of set E's messages: the drafting context, HTML layouts and attachment files (PDF, PNG, ZIP,
calendar, SVG), all made from the caller's random.Random so they are reproducible."""

from __future__ import annotations

import html as htmlmod
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO

from bench.modern_mail.model import Account, Person
from bench.modern_mail_e.mime_out import Part
from bench.modern_mail_e.world import person

RTL = {"ar"}


@dataclass(slots=True)
class Ctx:
    """What a family's writer gets: randomness, the sending account, the language and a correspondent."""

    rng: random.Random
    acct: Account
    lang: str
    rcpt: Person

    def pick(self, table: dict[str, object]) -> object:
        return table.get(self.lang, table.get("en"))

    def who(self, index: int = 0) -> tuple[str, str]:
        """A person of the account: (display name, address)."""
        name, local = self.acct.people[min(index, len(self.acct.people) - 1)]
        dom = self.acct.domains[index % len(self.acct.domains)] if index else self.acct.main_domain
        return name, f"{local}@{dom}"

    def num(self, lo: int = 1000, hi: int = 99999) -> int:
        return self.rng.randint(lo, hi)

    def token(self, n: int = 24) -> str:
        return "".join(self.rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(n))

    def money(self, lo: float = 9, hi: float = 900) -> str:
        v = round(self.rng.uniform(lo, hi), 2)
        c = self.acct.currency
        if c in ("JPY", "KRW", "TWD"):
            return f"{int(v * (100 if c != 'TWD' else 30)):,} {c}"
        if self.lang in ("de", "fr", "es", "it", "nl", "pt", "pl", "ru", "tr"):
            return f"{v:.2f}".replace(".", ",") + f" {c}"
        return f"{c} {v:,.2f}"

    def day(self, ahead: int = 3) -> str:
        d = datetime(2026, 12, 1) + timedelta(days=self.rng.randrange(1, ahead + 20))
        if self.lang in ("ja", "zh", "zh-hant"):
            return f"{d.year}年{d.month}月{d.day}日"
        if self.lang == "ko":
            return f"{d.year}년 {d.month}월 {d.day}일"
        if self.lang == "en":
            return d.strftime("%a %d %b %Y")
        return d.strftime("%d.%m.%Y")

    def hour(self) -> str:
        return f"{self.rng.randint(8, 19)}:{self.rng.choice(('00', '15', '30', '45'))}"

    def other(self, lang: str | None = None) -> Person:
        return person(self.rng, lang or self.lang)

    def url(self, path: str, domain: str = "") -> str:
        return f"https://{domain or self.acct.main_domain}/{path}"


def esc(s: str) -> str:
    return htmlmod.escape(s, quote=True)


def paras_text(paras: list[str]) -> str:
    return "\n\n".join(paras)


def layout(rng: random.Random, lang: str, paras: list[str], *, brand: str = "", button: tuple[str, str] | None = None,
           footer: list[str] | None = None, image: str = "", style: int | None = None, links: dict[str, str] | None
           = None) -> str:
    """An HTML body in one of several shapes: a table newsletter template, a plain div, an Outlook-ish Word HTML,
    a Gmail-ish div. `links` maps a phrase of a paragraph to the URL it links to."""
    style = rng.randrange(4) if style is None else style
    d = ' dir="rtl"' if lang in RTL else ""
    align = "right" if lang in RTL else "left"
    color = rng.choice(("#1a73e8", "#2e7d32", "#8e24aa", "#c62828", "#00695c", "#37474f", "#ef6c00"))

    def para(p: str) -> str:
        out = esc(p).replace("\n", "<br>\n")
        for phrase, href in (links or {}).items():
            out = out.replace(esc(phrase), f'<a href="{esc(href)}">{esc(phrase)}</a>')
        return out

    btn = (f'<a href="{esc(button[1])}" style="background:{color};color:#fff;padding:12px 22px;border-radius:4px;'
           f'text-decoration:none;display:inline-block">{esc(button[0])}</a>') if button else ""
    img = (f'<img src="{esc(image)}" alt="{esc(brand)}" width="560" style="display:block;max-width:100%">'
           if image else "")
    foot = "<br>".join(esc(f) for f in footer or [])
    if style == 0:
        rows = "".join(f'<tr><td style="padding:8px 24px;font:15px/1.5 Arial,sans-serif;text-align:{align}">'
                       f"{para(p)}</td></tr>" for p in paras)
        return (f'<!DOCTYPE html><html lang="{lang}"{d}><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width"><title>{esc(brand)}</title></head>'
                f'<body style="margin:0;background:#f4f4f4"><table role="presentation" width="100%" cellpadding="0" '
                f'cellspacing="0"><tr><td align="center"><table width="600" style="background:#fff">'
                f'<tr><td style="background:{color};color:#fff;padding:18px 24px;font:bold 20px Arial">{esc(brand)}'
                f"</td></tr>{'<tr><td>' + img + '</td></tr>' if img else ''}{rows}"
                f'<tr><td style="padding:16px 24px">{btn}</td></tr><tr><td style="padding:16px 24px;color:#777;'
                f'font:12px Arial">{foot}</td></tr></table></td></tr></table></body></html>')
    if style == 1:
        body = "".join(f"<p>{para(p)}</p>\n" for p in paras)
        return (f'<html{d}><body style="font-family:Helvetica,Arial,sans-serif;font-size:14px">\n{img}\n{body}'
                f"{'<p>' + btn + '</p>' if btn else ''}\n<hr><small style='color:#888'>{foot}</small></body></html>")
    if style == 2:
        body = "".join(f'<p class="MsoNormal">{para(p)}<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
                       for p in paras)
        return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv="Content-Type" '
                'content="text/html; charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered '
                'medium)"><style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;}</style>'
                f'</head><body lang="{lang.upper()}" link="#0563C1"{d}><div class="WordSection1">\n{body}'
                f"{btn}{img}<p class='MsoNormal'>{foot}</p></div></body></html>")
    body = "".join(f"<div>{para(p)}</div><div><br></div>" for p in paras)
    return f'<div dir="{"rtl" if d else "ltr"}">{body}{btn}{img}<div style="color:#888">{foot}</div></div>\n'


def text_with_links(paras: list[str], button: tuple[str, str] | None = None, footer: list[str] | None = None) -> str:
    out = list(paras)
    if button:
        out.append(f"{button[0]}: {button[1]}")
    if footer:
        out.append("--\n" + "\n".join(footer))
    return paras_text(out)


def _pdf_escape(s: str) -> str:
    s = s.encode("latin-1", "replace").decode("latin-1")
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(lines: list[str], rng: random.Random, uri: str = "") -> bytes:
    """A small valid PDF with the lines as text (and a link annotation when `uri` is given)."""
    content = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({_pdf_escape(x)}) '" for x in lines) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            "/Contents 5 0 R" + (" /Annots [6 0 R]" if uri else "") + " >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream"]
    if uri:
        objs.append(f"<< /Type /Annot /Subtype /Link /Rect [50 600 545 700] /A << /S /URI /URI ({uri}) >> >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    ident = f"{rng.getrandbits(128):032x}"
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /ID [<{ident}><{ident}>] >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def png(rng: random.Random, w: int = 48, h: int = 48, blocky: bool = False) -> bytes:
    """A real PNG: noise, or a block pattern that looks like a QR code from afar."""
    cell = max(w // 21, 1)
    rows = []
    grid = [[rng.random() < 0.5 for _ in range(21)] for _ in range(21)]
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            if blocky:
                v = 0 if grid[min(y // cell, 20)][min(x // cell, 20)] else 255
                row += bytes((v, v, v))
            else:
                row += bytes((rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


def zipped(files: dict[str, bytes]) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def office(rng: random.Random, text: str, kind: str = "docx") -> bytes:
    """A minimal Office Open XML package (docx, xlsx or a macro-enabled docm)."""
    files = {"[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
             b'2006/content-types"/>', "word/document.xml": ("<w:document><w:body><w:p><w:r><w:t>" + esc(text)
                                                              + "</w:t></w:r></w:p></w:body></w:document>").encode()}
    if kind == "docm":
        files["word/vbaProject.bin"] = bytes(rng.randrange(256) for _ in range(512))
    return zipped(files)


def ics(rng: random.Random, summary: str, organizer: tuple[str, str], attendee: str, start: datetime,
        minutes: int = 60, location: str = "") -> str:
    uid = f"{rng.getrandbits(128):032x}"
    fmt = "%Y%m%dT%H%M%SZ"
    return "\r\n".join([
        "BEGIN:VCALENDAR", "PRODID:-//Mailward bench set E//EN", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
        f"UID:{uid}", f"DTSTAMP:{start.strftime(fmt)}", f"DTSTART:{start.strftime(fmt)}",
        f"DTEND:{(start + timedelta(minutes=minutes)).strftime(fmt)}", f"SUMMARY:{summary}",
        f"LOCATION:{location}", f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}",
        f"ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION:mailto:{attendee}", "END:VEVENT", "END:VCALENDAR", ""])


def file_part(name: str, ctype: str, data: bytes) -> Part:
    return Part(ctype, data, filename=name)


def image_part(rng: random.Random, name: str, cid: str = "", blocky: bool = False, size: int = 48) -> Part:
    return Part("image/png", png(rng, size, size, blocky), filename=name, cid=cid, inline=bool(cid))
