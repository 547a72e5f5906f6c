"""Building blocks shared by set D's families: prices, HTML layouts, footers, and the choice of body shape."""

from __future__ import annotations

import html as _html
from collections.abc import Callable

from bench.modern_mail.model import Account
from bench.modern_mail_d.sending import Ctx
from bench.modern_mail_d.writer import Draft

RTL = ("ar", "fa")

_SYMBOL = {"USD": "$", "GBP": "£", "CAD": "CA$", "CNY": "¥", "KRW": "₩", "TWD": "NT$", "TRY": "₺", "JOD": "JOD ",
           "IRR": "IRR ", "PLN": " zł", "EUR": " €"}


def money(amount: float, currency: str) -> str:
    """A price as a shop in that currency prints it."""
    sym = _SYMBOL.get(currency, currency + " ")
    if currency in ("KRW", "IRR"):
        return f"{sym}{int(amount) * (1000 if currency == 'IRR' else 100):,}".replace("₩", "₩")
    if currency in ("EUR", "PLN"):
        return f"{amount:,.2f}".replace(",", " ").replace(".", ",") + sym
    return f"{sym}{amount:,.2f}"


def esc(s: str) -> str:
    return _html.escape(s, quote=True)


def html_mail(lang: str, brand: str, paras: list[str], *, button: tuple[str, str] | None = None,
              rows: list[tuple[str, str]] | None = None, footer: list[str] | None = None, color: str = "#1f6f5c",
              logo: str = "", preheader: str = "") -> str:
    """A table-based HTML mail as shop, SaaS and newsletter tools make them (dir=rtl for Arabic and Persian)."""
    d = ' dir="rtl"' if lang in RTL else ""
    align = "right" if lang in RTL else "left"
    out = [f'<!DOCTYPE html><html lang="{lang}"{d}><head><meta charset="utf-8">'
           '<meta name="viewport" content="width=device-width, initial-scale=1"><title>' + esc(brand) + "</title>"
           "<style>body{margin:0;background:#f4f4f4}td{font-family:Arial,Helvetica,sans-serif}</style></head>",
           '<body style="margin:0;padding:0;background:#f4f4f4">']
    if preheader:
        out.append(f'<div style="display:none;max-height:0;overflow:hidden">{esc(preheader)}</div>')
    out.append('<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">'
               '<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff">')
    head = f'<img src="{esc(logo)}" alt="{esc(brand)}" width="160">' if logo else f"<strong>{esc(brand)}</strong>"
    out.append(f'<tr><td style="background:{color};color:#fff;padding:18px 24px;font-size:20px">{head}</td></tr>')
    for p in paras:
        out.append(f'<tr><td style="padding:10px 24px;font-size:15px;line-height:1.5;text-align:{align}">'
                   + esc(p).replace("\n", "<br>") + "</td></tr>")
    if rows:
        cells = "".join(f'<tr><td style="padding:4px 0">{esc(a)}</td><td align="right" style="padding:4px 0">'
                        f"{esc(b)}</td></tr>" for a, b in rows)
        out.append(f'<tr><td style="padding:10px 24px"><table width="100%" style="border-top:1px solid #ddd">{cells}'
                   "</table></td></tr>")
    if button:
        out.append(f'<tr><td align="center" style="padding:18px 24px"><a href="{esc(button[1])}" '
                   f'style="background:{color};color:#ffffff;padding:12px 22px;border-radius:4px;'
                   f'text-decoration:none;display:inline-block">{esc(button[0])}</a></td></tr>')
    if footer:
        out.append('<tr><td style="padding:16px 24px;font-size:12px;color:#777">'
                   + "<br>".join(f for f in footer) + "</td></tr>")
    out.append("</table></td></tr></table></body></html>")
    return "\n".join(out)


def link(text: str, url: str) -> str:
    """An <a> for a footer line (footer lines are written as HTML already)."""
    return f'<a href="{esc(url)}" style="color:#777">{esc(text)}</a>'


def text_mail(paras: list[str], *, rows: list[tuple[str, str]] | None = None, link_line: str = "",
              footer: list[str] | None = None) -> str:
    """The plain-text twin of html_mail."""
    out = list(paras)
    if rows:
        width = max(len(a) for a, _ in rows) + 2
        out.append("\n".join(f"{a:<{width}}{b}" for a, b in rows))
    if link_line:
        out.append(link_line)
    if footer:
        out.append("--\n" + "\n".join(footer))
    return "\n\n".join(out) + "\n"


def shape(ctx: Ctx, d: Draft, text: str, html: str | None, weights: tuple[int, int, int] = (1, 1, 2)) -> None:
    """Give the Draft a text-only, HTML-only or text+HTML body (weights in that order)."""
    if html is None:
        d.text = text
        return
    n = ctx.rng.choices((0, 1, 2), weights=weights)[0]
    d.text = text if n in (0, 2) else None
    d.html = html if n in (1, 2) else None


def draft_for(ctx: Ctx, lang: str, subject: str, from_name: str, from_addr: str, to: list[tuple[str, str]],
              **kw: object) -> Draft:
    """A Draft with the charset and transfer encoding a program writing `lang` would pick."""
    d = Draft(subject=subject, from_name=from_name, from_addr=from_addr, to=to, lang=lang,
              charset=ctx.charset(lang), cte=ctx.cte())
    for k, v in kw.items():
        setattr(d, k, v)
    return d


def mailbox(a: Account, i: int = 0) -> tuple[str, str]:
    """(display name, address) of the account's i-th person, on its main domain."""
    name, local = a.people[min(i, len(a.people) - 1)]
    return name, f"{local}@{a.main_domain}"


def unsubscribe_headers(ctx: Ctx, domain: str, list_name: str) -> list[tuple[str, str]]:
    """List-Unsubscribe (with one-click) and List-Id headers of a newsletter tool."""
    t = ctx.token(24)
    return [("List-Unsubscribe", f"<https://{domain}/unsubscribe?u={t}>, <mailto:unsubscribe@{domain}?subject={t}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("List-Id", f"{list_name} <{list_name.lower().replace(' ', '-')}.{domain}>"),
            ("Precedence", "bulk")]


Family = Callable[[Ctx, int], None]
REGISTRY: list[tuple[str, str, str, int, Family]] = []


def family(label: str, kind: str, count: int) -> Callable[[Family], Family]:
    """Register a generator of `count` messages of one family (the function's name without its `f_`)."""
    def deco(fn: Family) -> Family:
        REGISTRY.append((label, fn.__name__.removeprefix("f_"), kind, count, fn))
        return fn
    return deco
