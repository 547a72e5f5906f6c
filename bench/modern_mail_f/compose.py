"""Shared shapes of set F's bodies: plain blocks, HTML layouts (shop tables, simple letters, RTL), buttons."""

from __future__ import annotations

import html
import random

from bench.modern_mail_f.files import RTL


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def paras_html(text: str) -> str:
    return "\n".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n") if p.strip())


def button(url: str, label: str, color: str = "#2b6cb0") -> str:
    return (f'<table role="presentation" cellpadding="0" cellspacing="0"><tr><td style="background:{color};'
            f'border-radius:4px;padding:10px 18px"><a href="{esc(url)}" style="color:#ffffff;text-decoration:none">'
            f"{esc(label)}</a></td></tr></table>")


def page(rng: random.Random, lang: str, inner: str, title: str = "", brand: str = "", logo_cid: str = "",
         footer: str = "") -> str:
    """An HTML document in one of a few layouts a CMS, a shop plugin or a mail client writes."""
    d = ' dir="rtl"' if lang in RTL else ""
    style = rng.choice(("table", "div", "plain"))
    logo = f'<img src="cid:{logo_cid}" alt="{esc(brand)}" width="120">' if logo_cid else ""
    foot = f'<p style="color:#777;font-size:12px">{esc(footer).replace(chr(10), "<br>")}</p>' if footer else ""
    if style == "table":
        return (f'<!DOCTYPE html>\n<html lang="{lang}"{d}>\n<head><meta charset="utf-8"><title>{esc(title)}</title>'
                f'</head>\n<body style="margin:0;background:#f4f4f4">\n<table width="100%" cellpadding="0" '
                f'cellspacing="0"><tr><td align="center">\n<table width="600" style="background:#fff;'
                f'font-family:Arial,sans-serif"><tr><td style="padding:24px">{logo}\n{inner}\n{foot}\n</td></tr>'
                f"</table>\n</td></tr></table>\n</body>\n</html>\n")
    if style == "div":
        return (f'<html lang="{lang}"{d}><head><meta http-equiv="Content-Type" content="text/html"></head>\n'
                f'<body><div style="max-width:640px;margin:auto;font-family:Helvetica,Arial,sans-serif">{logo}\n'
                f"{inner}\n{foot}\n</div></body></html>\n")
    return f"<html{d}><body>\n{logo}\n{inner}\n{foot}\n</body></html>\n"


def rows(pairs: list[tuple[str, str]]) -> str:
    return '<table cellpadding="4" style="border-collapse:collapse">\n' + "\n".join(
        f'<tr><td style="border-bottom:1px solid #ddd">{esc(a)}</td><td style="border-bottom:1px solid #ddd;'
        f'text-align:right">{esc(b)}</td></tr>' for a, b in pairs) + "\n</table>"


def text_rows(pairs: list[tuple[str, str]]) -> str:
    width = max(len(a) for a, _ in pairs) + 2
    return "\n".join(f"{a.ljust(width)}{b}" for a, b in pairs)


def quote(text: str) -> str:
    return "\n".join("> " + ln if ln else ">" for ln in text.splitlines())
