"""Shared shapes of set C's messages: prices, links, HTML layouts (several, as different senders write them)."""

from __future__ import annotations

import html as htmllib
import random

_TOK = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

SYMBOL = {"USD": "${v}", "GBP": "£{v}", "EUR": "{v} €", "NZD": "NZ${v}", "AUD": "A${v}", "CAD": "CA${v}",
          "MXN": "${v} MXN", "SEK": "{v} kr", "CZK": "{v} Kč", "RUB": "{v} ₽", "ILS": "₪{v}", "JPY": "¥{v}"}


def money(value: float, currency: str) -> str:
    if currency in ("JPY",):
        v = f"{round(value):,}"
    elif currency in ("SEK", "CZK", "RUB", "EUR"):
        v = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    else:
        v = f"{value:,.2f}"
    return SYMBOL.get(currency, "{v} " + currency).format(v=v)


def price(rng: random.Random, currency: str, lo: float = 5, hi: float = 120) -> float:
    scale = {"JPY": 150, "SEK": 10, "CZK": 23, "RUB": 90, "ILS": 3.7, "MXN": 18}.get(currency, 1)
    return round(rng.uniform(lo, hi) * scale, 0 if currency == "JPY" else 2)


def token(rng: random.Random, n: int = 22) -> str:
    return "".join(rng.choice(_TOK) for _ in range(n))


def tracked(rng: random.Random, domain: str, target: str) -> str:
    """A click-tracking redirect on the sender's own domain, as newsletter plugins write them."""
    style = rng.randrange(3)
    if style == 0:
        return f"https://{domain}/?mailpoet_router&endpoint=track&action=click&data={token(rng, 40)}"
    if style == 1:
        return f"https://{domain}/lt.php?tid={token(rng, 30)}"
    return target + ("&" if "?" in target else "?") + "utm_source=newsletter&utm_medium=email&utm_campaign=" + \
        rng.choice(("monthly", "autumn", "news", "update"))


CARRIERS = {
    "en": [("Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/{t}"),
           ("UPS", "https://www.ups.com/track?tracknum={t}"), ("USPS",
            "https://tools.usps.com/go/TrackConfirmAction?tLabels={t}"),
           ("FedEx", "https://www.fedex.com/fedextrack/?trknbr={t}"), ("Evri", "https://www.evri.com/track/parcel/{t}")],
    "es": [("Correos", "https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number={t}"),
           ("SEUR", "https://www.seur.com/livetracking/?segOnlineIdentificador={t}")],
    "de": [("DHL", "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={t}"),
           ("Hermes", "https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#{t}")],
    "sv": [("PostNord", "https://tracking.postnord.com/se/?id={t}"), ("DB Schenker",
            "https://www.dbschenker.com/app/tracking-public/?refNumber={t}")],
    "cs": [("Česká pošta", "https://www.postaonline.cz/trackandtrace/-/zasilka/cislo?parcelNumbers={t}"),
           ("PPL", "https://www.ppl.cz/vyhledat-zasilku?shipmentId={t}"), ("Zásilkovna",
            "https://tracking.packeta.com/cs/?id={t}")],
    "ru": [("Почту России", "https://www.pochta.ru/tracking?barcode={t}"), ("СДЭК", "https://www.cdek.ru/ru/tracking?order_id={t}")],
    "he": [("דואר ישראל", "https://doar.israelpost.co.il/itemtrace?itemcode={t}")],
    "ja": [("ヤマト運輸", "https://jizen.kuronekoyamato.co.jp/jizen/servlet/crjz.b.NQ0010?id={t}"),
           ("佐川急便", "https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo={t}")],
}


def tracking_number(rng: random.Random, carrier: str) -> str:
    if carrier in ("Royal Mail", "Česká pošta", "Почту России", "דואר ישראל"):
        prefix, number = rng.choice(("RR", "LX", "CX", "RB")), rng.randint(100000000, 999999999)
        return f"{prefix}{number}{rng.choice(('GB', 'CZ', 'RU', 'IL'))}"
    if carrier == "UPS":
        return "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXY") for _ in range(16))
    return str(rng.randint(10**11, 10**13))


def esc(s: str) -> str:
    return htmllib.escape(s, quote=False)


def paras_html(paras: list[str]) -> str:
    return "\n".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in paras)


def page(rng: random.Random, title: str, inner: str, *, lang: str = "en", brand: str = "", accent: str = "",
         footer: str = "", logo: str = "") -> str:
    """A whole HTML message in one of several layouts: table-based shop mail, plain div, or a mail program's."""
    rtl = ' dir="rtl"' if lang == "he" else ""
    accent = accent or rng.choice(("#2f6f4e", "#1d4e89", "#8a3b12", "#5b2a86", "#333333", "#b5172f", "#0f766e"))
    style = rng.randrange(4)
    foot = f'<p style="font-size:12px;color:#777">{footer}</p>' if footer else ""
    img = f'<img src="{logo}" alt="{esc(brand)}" width="{rng.choice((120, 140, 160, 180))}" style="border:0">' \
        if logo else f"<strong>{esc(brand)}</strong>"
    if style == 0:
        return (f'<!DOCTYPE html>\n<html lang="{lang}"{rtl}><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width"><title>{esc(title)}</title></head>\n'
                f'<body style="margin:0;background:#f4f4f4">\n<table role="presentation" width="100%" cellpadding="0" '
                f'cellspacing="0"><tr><td align="center">\n<table width="600" cellpadding="24" cellspacing="0" '
                f'style="background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#222">\n'
                f'<tr><td style="border-top:4px solid {accent}">{img}</td></tr>\n<tr><td>{inner}</td></tr>\n'
                f'<tr><td>{foot}</td></tr></table>\n</td></tr></table></body></html>')
    if style == 1:
        return (f'<html{rtl}><head><style>body{{font-family:Georgia,serif;color:#222}} a{{color:{accent}}}'
                f'</style></head><body>\n<div style="max-width:560px;margin:auto">{img}<hr>\n{inner}\n{foot}'
                f'</div></body></html>')
    if style == 2:
        return (f'<div{rtl} style="font-family:Helvetica Neue,Helvetica,sans-serif;font-size:14px">\n{inner}\n'
                f'{foot}</div>')
    return (f'<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" '
            f'content="text/html; charset=utf-8"></head><body lang="{lang.upper()}"{rtl} link="{accent}">\n'
            f'<div class="WordSection1">{inner}\n{foot}</div></body></html>')


def button(href: str, label: str, rng: random.Random) -> str:
    color = rng.choice(("#1a73e8", "#2f6f4e", "#c2410c", "#111827", "#6d28d9"))
    if rng.random() < 0.5:
        return (f'<p><a href="{href}" style="display:inline-block;padding:12px 20px;background:{color};'
                f'color:#fff;text-decoration:none;border-radius:4px">{esc(label)}</a></p>')
    return (f'<table cellpadding="0" cellspacing="0"><tr><td bgcolor="{color}" style="padding:10px 18px">'
            f'<a href="{href}" style="color:#ffffff;text-decoration:none">{esc(label)}</a></td></tr></table>')


def mua_html(text: str, rng: random.Random, lang: str = "en") -> str:
    """The HTML part a mail program writes beside a typed plain-text message."""
    rtl = ' dir="rtl"' if lang == "he" else ""
    lines = [esc(ln) for ln in text.split("\n")]
    if rng.random() < 0.5:  # Outlook
        body = "\n".join(f'<p class="MsoNormal">{ln or "&nbsp;"}<o:p></o:p></p>' for ln in lines)
        return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                f'<style><!-- p.MsoNormal {{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;}} --></style>'
                f'</head><body lang="{lang.upper()}"{rtl}><div class="WordSection1">\n{body}\n</div></body></html>')
    body = "<br>\n".join(lines)
    return (f'<html><head></head><body{rtl}><div style="font-family: -apple-system, sans-serif;">{body}</div>'
            "</body></html>")
