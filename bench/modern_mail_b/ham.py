
"""Set B's legitimate mail: what the accounts of bench.modern_mail_b.world send on an ordinary day."""

from __future__ import annotations

import html
import random
from collections.abc import Callable
from datetime import timedelta

from bench.modern_mail_b import ham_texts as T
from bench.modern_mail_b.render import Draft, Part, ics, pdf, png, when
from bench.modern_mail_b.world import Contact, Route, SiteAccount, contact, cron, script, submitted

Built = tuple[Draft, Route, list[str]]

CARRIERS = {"en": ("Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/{t}"),
            "it": ("Poste Italiane", "https://www.poste.it/cerca/index.html#/risultati-spedizioni/{t}"),
            "nl": ("PostNL", "https://jouw.postnl.nl/track-and-trace/{t}-NL-1012AB"),
            "pl": ("InPost", "https://inpost.pl/sledzenie-przesylek?number={t}"),
            "pt": ("CTT", "https://appserver.ctt.pt/CustomerArea/PublicArea_Detail?ObjectCodeInput={t}"),
            "tr": ("Yurtiçi Kargo", "https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code={t}"),
            "ko": ("CJ대한통운", "https://www.cjlogistics.com/ko/tool/parcel/tracking?gnbInvcNo={t}"),
            "fa": ("پست", "https://tracking.post.ir/?id={t}")}
MEETS = ("https://us02web.zoom.us/j/8{n}", "https://meet.google.com/abc-{m}-xyz",
         "https://teams.microsoft.com/l/meetup-join/19%3ameeting_{m}%40thread.v2/0")
SHARES = ("https://we.tl/t-{m}", "https://www.dropbox.com/scl/fo/{m}/h?rlkey={n}&dl=0",
          "https://cloud.{domain}/s/{m}", "https://drive.google.com/drive/folders/1{m}{n}")
REVIEWS = ("https://www.trustpilot.com/evaluate/{domain}", "https://g.page/r/C{m}/review",
           "https://{domain}/review?order={n}")
SOCIAL = ("https://www.instagram.com/{handle}/", "https://www.facebook.com/{handle}",
          "https://www.linkedin.com/company/{handle}")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
PRODUCTS = {"en": ["Wool cycling cap", "LED rear light", "Chain cleaner", "Puncture kit", "Bar tape"],
            "it": ["Olio extravergine 1 l", "Pasta fresca 500 g", "Pecorino stagionato", "Cantucci"],
            "pt": ["Pão de centeio", "Pastéis de nata (6)", "Broa de milho", "Vinho Verde 75 cl"],
            "nl": ["Fietsslot", "Binnenband 28 inch", "Fietstas", "Regenponcho"],
            "pl": ["Książka: Bieguni", "Zakładka skórzana", "Kalendarz 2026", "Kubek z lipą"],
            "tr": ["Türk kahvesi 250 g", "Cezve", "Lokum kutusu", "Espresso çekirdeği 1 kg"],
            "fa": ["کتاب سووشون", "دیوان حافظ", "دفترچهٔ یادداشت", "کتاب بوف کور"],
            "ko": ["치실 세트", "전동칫솔 리필모", "구강청결제", "미백 치약"]}


def _m(rng: random.Random, n: int = 10) -> str:
    return "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(n))


def _money(rng: random.Random, cur: str, lo: int = 8, hi: int = 400) -> str:
    if cur in ("KRW", "IRR"):
        v = rng.randint(lo, hi) * (1000 if cur == "KRW" else 100000)
        return f"{v:,} {'원' if cur == 'KRW' else 'ریال'}"
    return f"{cur} {rng.randint(lo, hi)}.{rng.randint(0, 99):02d}"


def _lang(acct: SiteAccount, table: dict[str, object]) -> str:
    return acct.lang if acct.lang in table else "en"


def _sender(acct: SiteAccount, rng: random.Random) -> tuple[str, str]:
    name, local = rng.choice(acct.people)
    return name, f"{local}@{acct.domain}"


def _mailbox_route(rng: random.Random, acct: SiteAccount, addr: str) -> Route:
    return submitted(rng, addr, webmail=rng.random() < 0.3)


def _site_route(rng: random.Random, acct: SiteAccount, path: str, from_addr: str) -> Route:
    """A site's own notification: PHP mail() with the envelope set to the From (or left to Exim's default)."""
    r = rng.random()
    if r < 0.45:
        return script(rng, acct, path, mail_from=from_addr)
    if r < 0.7:
        return script(rng, acct, path)
    return submitted(rng, from_addr)  # WP Mail SMTP style: authenticated as the site's mailbox


def _html_wrap(acct: SiteAccount, title: str, paras: list[str], button: tuple[str, str] | None, lang: str,
               footer: str = "") -> str:
    rtl = ' dir="rtl"' if lang == "fa" else ""
    body = "".join(f"<p style=\"margin:0 0 14px\">{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paras)
    btn = (f'<p><a href="{button[1]}" style="background:#2d6a4f;color:#fff;padding:10px 18px;border-radius:4px;'
           f'text-decoration:none">{html.escape(button[0])}</a></p>') if button else ""
    return (f'<!doctype html><html lang="{lang}"{rtl}><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'</head><body style="font-family:Helvetica,Arial,sans-serif;color:#222"><table width="100%" '
            f'cellpadding="0" cellspacing="0"><tr><td style="padding:20px"><h2 style="margin:0 0 16px">'
            f'{html.escape(acct.name)}</h2>{body}{btn}<hr style="border:0;border-top:1px solid #ddd">'
            f'<p style="font-size:12px;color:#777">{html.escape(acct.name)} &middot; {html.escape(acct.phone)} '
            f'&middot; <a href="https://{acct.domain}/">{acct.domain}</a>{html.escape(footer)}</p></td></tr></table>'
            "</body></html>")


def _textual(rng: random.Random, acct: SiteAccount, subject: str, text: str, lang: str, link: str | None,
             label: str = "") -> tuple[str | None, str | None]:
    """Plain text, HTML only, or both, as the sending program would make it."""
    style = rng.random()
    if style < 0.35:
        return text, None
    paras = [p for p in text.split("\n\n") if p.strip()]
    button = (label or link, link) if link and label else None
    if button:
        paras = [p.replace(link, "").rstrip(": ") if link else p for p in paras]
    page = _html_wrap(acct, subject, paras, button, lang)
    if link and not button:
        page = page.replace(html.escape(link), f'<a href="{link}">{html.escape(link)}</a>')
    return (text if style < 0.75 else None), page


def _fill(tmpl: str, **kw: object) -> str:
    return tmpl.format(**kw)


# ------------------------------------------------------------------------------------------------- families


def order(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.ORDER)
    c = contact(rng, lang)
    num = f"{rng.choice(('#', 'WB-', 'ORD'))}{rng.randint(1000, 99999)}"
    items = "\n".join(f"{rng.randint(1, 3)} x {p}" for p in rng.sample(PRODUCTS.get(lang, PRODUCTS["en"]),
                                                                       rng.randint(1, 3)))
    path = rng.choice(("account/orders", "my-account/view-order", "zamowienie"))
    link = f"https://{acct.domain}/{path}/{num.strip('#')}"
    subj, body = T.ORDER[lang]
    text = _fill(body, first=c.first, shop=acct.name, num=num, items=items, total=_money(rng, acct.currency),
                 link=link)
    plain, page = _textual(rng, acct, subj, text, lang, link, {"en": "View order"}.get(lang, "→"))
    frm = f"{rng.choice(('shop', 'orders', 'noreply', 'info'))}@{acct.domain}"
    d = Draft(_fill(subj, num=num), acct.name, frm, [(c.name, c.email)], plain, page,
              agent=rng.choice(("woo", "phpmailer", "none")))
    return d, _site_route(rng, acct, "/index.php", frm), [c.email]


def shipped(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.SHIPPED)
    c = contact(rng, lang)
    carrier, url = CARRIERS.get(lang, CARRIERS["en"])
    track = f"{rng.choice(('JJD', 'RR', '3S', 'KR'))}{rng.randint(10**9, 10**10)}"
    subj, body = T.SHIPPED[lang]
    text = _fill(body, first=c.first, num=rng.randint(1000, 9999), carrier=carrier, track=track,
                 carrier_link=url.format(t=track), shop=acct.name)
    plain, page = _textual(rng, acct, subj, text, lang, url.format(t=track))
    frm = f"{rng.choice(('shop', 'verzending', 'noreply'))}@{acct.domain}"
    return Draft(subj, acct.name, frm, [(c.name, c.email)], plain, page, agent="woo"), \
        _site_route(rng, acct, "/wp-cron.php", frm), [c.email]


def invoice(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.INVOICE)
    client_domain = rng.choice(("bakkerij-zon.test", "hotel-miramar.test", "atelier-nord.test", "pixelfarm.test"))
    c = contact(rng, lang, client_domain if rng.random() < 0.6 else "")
    name, addr = _sender(acct, rng)
    num = f"{rng.choice(('F', 'INV-', 'FV/'))}{rng.randint(2025, 2026)}-{rng.randint(10, 999):03d}"
    iban = f"{rng.choice(('IT', 'NL', 'PL', 'PT', 'TR', 'GB'))}{rng.randint(10, 99)} {rng.randint(1000, 9999)} " \
           f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}"
    due = f"{rng.randint(1, 28)}.{rng.randint(1, 12):02d}.2026"
    what = rng.choice(("the work in October", "consulting hours", "the catering on 14 November", "website hosting",
                       "the autumn course", "room 4, three nights"))
    subj, body = T.INVOICE[lang]
    link = f"https://{acct.domain}/{rng.choice(('portal', 'klant', 'clienti', 'area-cliente'))}/invoices"
    text = _fill(body, first=c.first, num=num, shop=acct.name, what=what, total=_money(rng, acct.currency, 80, 4000),
                 due=due, iban=iban, link=link, sender=name)
    d = Draft(_fill(subj, num=num, shop=acct.name), name, addr, [(c.name, c.email)], text,
              agent=rng.choice(("outlook", "thunderbird", "apple")))
    d.parts.append(Part(f"{num.replace('/', '-')}.pdf", "application", "pdf",
                        pdf([acct.name, f"Invoice {num}", what, f"Due {due}", f"IBAN {iban}"])))
    return d, _mailbox_route(rng, acct, addr), [c.email]


def bank_change(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.BANK_CHANGE)
    c = contact(rng, lang, "client-" + _m(rng, 4) + ".test")
    name, addr = _sender(acct, rng)
    subj, body = T.BANK_CHANGE[lang]
    due = f"1.{rng.randint(1, 12):02d}.2026"
    text = _fill(body, first=c.first, shop=acct.name, due=due, phone=acct.phone or "+44 20 5550 1000", sender=name)
    return Draft(_fill(subj, due=due), name, addr, [(c.name, c.email)], text, agent="outlook"), \
        _mailbox_route(rng, acct, addr), [c.email]


def reset(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.RESET)
    c = contact(rng, lang)
    link = f"https://{acct.domain}/{rng.choice(('wp-login.php?action=rp&key=', 'account/reset/', 'reset?token='))}" \
           f"{_m(rng, 20)}"
    subj, body = T.RESET[lang]
    text = _fill(body, shop=acct.name, link=link)
    plain, page = _textual(rng, acct, subj, text, lang, link, {"en": "Choose a new password"}.get(lang, "OK"))
    frm = f"{rng.choice(('noreply', 'wordpress', 'account'))}@{acct.domain}"
    return Draft(subj, acct.name, frm, [(c.name, c.email)], plain, page, agent="phpmailer"), \
        _site_route(rng, acct, "/wp-login.php", frm), [c.email]


def verify(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.VERIFY)
    c = contact(rng, lang)
    link = f"https://{acct.domain}/verify?u={rng.randint(100, 99999)}&t={_m(rng, 24)}"
    subj, body = T.VERIFY[lang]
    text = _fill(body, shop=acct.name, first=c.first, link=link)
    plain, page = _textual(rng, acct, subj, text, lang, link, {"en": "Confirm my address"}.get(lang, "✓"))
    frm = f"hello@{acct.domain}"
    return Draft(subj, acct.name, frm, [(c.name, c.email)], plain, page), \
        _site_route(rng, acct, "/register.php", frm), [c.email]


def login_alert(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.LOGIN_ALERT)
    c = contact(rng, lang)
    subj, body = T.LOGIN_ALERT[lang]
    link = f"https://{acct.domain}/account/security"
    text = _fill(body, first=c.first, shop=acct.name, when=f"{rng.randint(1, 28)}/{rng.randint(1, 12)} "
                 f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", device=rng.choice(
                     ("Firefox on Windows", "Safari on iPhone", "Chrome on Android")), link=link)
    plain, page = _textual(rng, acct, subj, text, lang, link)
    frm = f"security@{acct.domain}"
    return Draft(_fill(subj, shop=acct.name), acct.name, frm, [(c.name, c.email)], plain, page), \
        _site_route(rng, acct, "/account/login.php", frm), [c.email]


def contact_form(rng: random.Random, acct: SiteAccount) -> Built:
    lang = acct.lang if acct.lang in T.CONTACT_VISITOR else "en"
    visitor = contact(rng, lang)
    body = rng.choice(T.CONTACT_VISITOR[lang]).format(num=rng.randint(1000, 9999))
    subj, frame = T.CONTACT_FRAME[lang]
    topic = body.split(",")[0][:30] if lang not in ("ko", "fa") else body[:16]
    text = _fill(frame, site=acct.domain, name=visitor.name, email=visitor.email,
                 phone=rng.choice(("", f"+{rng.randint(30, 90)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}")),
                 topic=topic, body=body)
    owner_name, owner_local = acct.people[0]
    to = f"{owner_local}@{acct.domain}" if rng.random() < 0.7 else contact(rng, acct.lang).email
    frm_style = rng.random()
    if frm_style < 0.5:
        frm_name, frm = "WordPress", f"wordpress@{acct.domain}"
    elif frm_style < 0.8:
        frm_name, frm = visitor.name, f"noreply@{acct.domain}"
    else:
        frm_name, frm = visitor.name, visitor.email  # the classic form that writes From = the visitor
    d = Draft(_fill(subj, topic=topic), frm_name, frm, [(owner_name, to)], text, reply_to=visitor.email,
              agent=rng.choice(("phpmailer", "none")))
    route = script(rng, acct, rng.choice(("/wp-admin/admin-ajax.php", "/contact.php", "/kontakt/send.php")),
                   mail_from=rng.choice(("", f"wordpress@{acct.domain}")))
    return d, route, [to]


def newsletter(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.NEWSLETTER)
    subj, items, more, footer = T.NEWSLETTER[lang]
    month = rng.choice(MONTHS)
    handle = acct.domain.split(".")[0]
    unsub = f"https://{acct.domain}/newsletter/unsubscribe?e={_m(rng, 16)}"
    blocks = []
    for it in rng.sample(items, min(len(items), rng.randint(1, len(items)))):
        url = f"https://{acct.domain}/{rng.choice(('blog', 'news', 'aktualnosci', 'nieuws'))}/{_m(rng, 6)}"
        blocks.append(f'<tr><td style="padding:12px 0"><p>{html.escape(it)}</p><a href="{url}">{html.escape(more)}</a>'
                      "</td></tr>")
    social = " ".join(f'<a href="{s.format(handle=handle)}">{s.split(".")[1]}</a>' for s in rng.sample(SOCIAL, 2))
    rtl = ' dir="rtl"' if lang == "fa" else ""
    unsub_link = f'<a href="{unsub}">{unsub}</a>'
    img = f'<img src="https://{acct.domain}/media/header-{_m(rng, 5)}.jpg" width="600" alt="{html.escape(acct.name)}">'
    page = (f'<html{rtl}><body style="margin:0;background:#f4f1ec"><center><table width="600" style="background:#fff">'
            f"<tr><td>{img}</td></tr>{''.join(blocks)}<tr><td style=\"font-size:11px;color:#888\">{social}<br>"
            f"{html.escape(acct.name)}<br>{_fill(html.escape(footer), site=acct.domain, unsub=unsub_link)}"
            "</td></tr></table></center></body></html>")
    text = None
    if rng.random() < 0.5:
        text = "\n\n".join(items) + "\n\n" + _fill(footer, site=acct.domain, unsub=unsub)
    to = [contact(rng, acct.lang) for _ in range(rng.randint(1, 3))]
    frm = f"{rng.choice(('news', 'nieuwsbrief', 'newsletter'))}@{acct.domain}"
    d = Draft(_fill(subj, shop=acct.name, month=month), acct.name, frm, [(t.name, t.email) for t in to][:1], text, page,
              headers=[("List-Unsubscribe", f"<{unsub}>, <mailto:unsubscribe@{acct.domain}>"),
                       ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), ("Precedence", "bulk")],
              agent=rng.choice(("phpmailer", "none")))
    route = cron(acct, mail_from=f"bounce-{_m(rng, 6)}@{acct.domain}") if rng.random() < 0.5 else \
        submitted(rng, frm)
    return d, route, [t.email for t in to]


def booking(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.BOOKING)
    c = contact(rng, lang)
    start = when(rng) + timedelta(days=3)
    subj, body = T.BOOKING[lang]
    date = start.strftime("%d.%m.%Y")
    tm = start.strftime("%H:%M")
    link = f"https://{acct.domain}/booking/{_m(rng, 8)}"
    text = _fill(body, first=c.first, shop=acct.name, date=date, time=tm, link=link, phone=acct.phone)
    frm = f"{rng.choice(('booking', 'reservas', 'rezervasyon', 'desk'))}@{acct.domain}"
    plain, page = _textual(rng, acct, subj, text, lang, link)
    d = Draft(_fill(subj, date=date, shop=acct.name), acct.name, frm, [(c.name, c.email)], plain, page)
    uid = f"{_m(rng)}@{acct.domain}"
    d.parts.append(Part("booking.ics", "text", "calendar", ics(acct.name, start, 60, acct.domain, uid)))
    return d, _site_route(rng, acct, "/booking/remind.php", frm), [c.email]


def ticket(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.TICKET)
    c = contact(rng, lang)
    subj, body = T.TICKET[lang]
    event = rng.choice(("Jazz in the Courtyard", "Autumn Reading Night", "Spring Concert", "Wine & Poetry"))
    start = when(rng)
    text = _fill(body, first=c.first, n=rng.randint(1, 4), event=event, date=start.strftime("%d.%m.%Y"),
                 time=start.strftime("%H:%M"), shop=acct.name)
    frm = f"tickets@{acct.domain}"
    inline = rng.random() < 0.5
    page = _html_wrap(acct, subj, text.split("\n\n"), None, lang) if inline else None
    if page:
        page = page.replace("</td></tr></table>", '<img src="cid:qr1" width="180" alt="QR"></td></tr></table>')
    d = Draft(_fill(subj, event=event), acct.name, frm, [(c.name, c.email)], text, page)
    d.parts.append(Part("ticket-qr.png", "image", "png", png(rng), cid="qr1" if inline else ""))
    if rng.random() < 0.5:
        d.parts.append(Part("ticket.pdf", "application", "pdf", pdf([acct.name, event, "Admit one"])))
    return d, _site_route(rng, acct, "/tickets/send.php", frm), [c.email]


def share(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.SHARE)
    c = contact(rng, lang)
    name, addr = _sender(acct, rng)
    subj, body = rng.choice(T.SHARE[lang])
    link = rng.choice(SHARES).format(m=_m(rng, 12), n=_m(rng, 8), domain=acct.domain)
    text = _fill(body, first=c.first, link=link, sender=name.split()[0])
    return Draft(subj, name, addr, [(c.name, c.email)], text, agent=rng.choice(("apple", "k9", "thunderbird"))), \
        _mailbox_route(rng, acct, addr), [c.email]


def personal(rng: random.Random, acct: SiteAccount) -> Built:
    lang = acct.lang if acct.lang in T.PERSONAL else "en"
    c = contact(rng, lang)
    name, addr = _sender(acct, rng)
    text = _fill(rng.choice(T.PERSONAL[lang]), first=c.first, sender=name.split()[0])
    subj = rng.choice(("", "Re: weekend", "hi", "Thursday", "☕", "Grazie!", "Sobota", "Hafta sonu", "주말", "جمعه"))
    return Draft(subj or text.split("\n")[0][:30], name, addr, [(c.name, c.email)], text,
                 agent=rng.choice(("apple", "k9", "thunderbird", "gmail_app", "outlook"))), \
        _mailbox_route(rng, acct, addr), [c.email]


def business(rng: random.Random, acct: SiteAccount) -> Built:
    lang = acct.lang if acct.lang in T.BUSINESS else "en"
    c = contact(rng, lang, rng.choice(("pixelfarm.test", "hotel-miramar.test", "dentalpartners.test", "")) or "")
    name, addr = _sender(acct, rng)
    subj, body = rng.choice(T.BUSINESS[lang])
    text = _fill(body, first=c.first, sender=name, shop=acct.name, phone=acct.phone, total=_money(
        rng, acct.currency, 900, 9000), link=f"https://{acct.domain}/portal/upload")
    d = Draft(subj, name, addr, [(c.name, c.email)], text, agent=rng.choice(("outlook", "apple", "thunderbird")))
    if rng.random() < 0.3:
        d.cc = [(acct.people[-1][0], f"{acct.people[-1][1]}@{acct.domain}")]
    return d, _mailbox_route(rng, acct, addr), [c.email] + [e for _, e in d.cc]


def reply(rng: random.Random, acct: SiteAccount) -> Built:
    lang = acct.lang if acct.lang in T.REPLY_OPENERS else "en"
    c = contact(rng, lang)
    name, addr = _sender(acct, rng)
    quoted = rng.choice(T.REPLY_QUOTED[lang])
    text = (_fill(rng.choice(T.REPLY_OPENERS[lang]), first=c.first) + f"\n\n{name.split()[0]}\n\n"
            f"On {rng.randint(1, 28)} {rng.choice(MONTHS)[:3]} 2026, {c.name} <{c.email}> wrote:\n> {quoted}\n>\n"
            f"> {c.first}\n")
    parent = f"<{_m(rng, 16)}@{c.email.split('@')[1]}>"
    subj = "Re: " + (quoted[:32] if lang not in ("ko", "fa") else quoted[:12])
    d = Draft(subj, name, addr, [(c.name, c.email)], text, headers=[("In-Reply-To", parent), ("References", parent)],
              agent=rng.choice(("apple", "outlook", "thunderbird", "k9")))
    return d, _mailbox_route(rng, acct, addr), [c.email]


def forward(rng: random.Random, acct: SiteAccount) -> Built:
    lang = acct.lang if acct.lang in T.REPLY_QUOTED else "en"
    colleague = contact(rng, lang)
    name, addr = _sender(acct, rng)
    orig = contact(rng, lang)
    note = rng.choice(("FYI, see below.", "Can you take this one?", "Per tua informazione.", "Zie hieronder.",
                       "Do wiadomości.", "Bilgin olsun.", "참고 부탁드립니다.", "برای اطلاع."))
    text = (f"{note}\n\n{name.split()[0]}\n\n---------- Forwarded message ---------\nFrom: {orig.name} <{orig.email}>\n"
            f"Subject: {rng.choice(T.REPLY_QUOTED[lang])[:30]}\n\n"
            f"{rng.choice(T.CONTACT_VISITOR.get(lang, T.CONTACT_VISITOR['en']))}"
            .replace("{num}", str(rng.randint(100, 999))))
    d = Draft("Fwd: " + rng.choice(T.REPLY_QUOTED[lang])[:28], name, addr, [(colleague.name, colleague.email)], text,
              agent=rng.choice(("gmail_app", "apple", "outlook")))
    return d, _mailbox_route(rng, acct, addr), [colleague.email]


def helpdesk(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.HELPDESK)
    c = contact(rng, lang)
    name, _ = _sender(acct, rng)
    subj, body = T.HELPDESK[lang]
    num = rng.randint(10000, 99999)
    topic = rng.choice(("Gear shifting", "Refund", "Missing item", "Warranty"))
    link = f"https://support.{acct.domain}/tickets/{num}"
    text = _fill(body, first=c.first, num=num, topic=topic, update=rng.choice(T.HELPDESK_UPDATES[lang]), link=link,
                 sender=name, shop=acct.name)
    frm = f"support@{acct.domain}"
    plain, page = _textual(rng, acct, subj, text, lang, link)
    return Draft(_fill(subj, num=num, topic=topic), f"{name} ({acct.name})", frm, [(c.name, c.email)], plain, page,
                 reply_to=f"support+{num}@{acct.domain}"), _site_route(rng, acct, "/helpdesk/cron.php", frm), [c.email]


def webinar(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.WEBINAR)
    to = [contact(rng, lang) for _ in range(rng.randint(1, 4))]
    name, addr = _sender(acct, rng)
    subj, body = T.WEBINAR[lang]
    start = when(rng)
    meet = rng.choice(MEETS).format(n=rng.randint(10**9, 10**10), m=_m(rng, 4))
    event = rng.choice(("Bookkeeping basics 2026", "Open studio morning", "Ask the accountant", "Portfolio review"))
    text = _fill(body, first=to[0].first, event=event, date=start.strftime("%d.%m.%Y"), time=start.strftime("%H:%M"),
                 meet=meet, link=f"https://{acct.domain}/events", sender=name, shop=acct.name)
    return Draft(_fill(subj, event=event), name, addr, [(t.name, t.email) for t in to], text, agent="outlook"), \
        _mailbox_route(rng, acct, addr), [t.email for t in to]


def review(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.REVIEW)
    c = contact(rng, lang)
    subj, body = T.REVIEW[lang]
    link = rng.choice(REVIEWS).format(domain=acct.domain, m=_m(rng, 10), n=rng.randint(1000, 9999))
    text = _fill(body, first=c.first, num=rng.randint(1000, 9999), review_link=link, shop=acct.name)
    plain, page = _textual(rng, acct, subj, text, lang, link)
    frm = f"shop@{acct.domain}"
    return Draft(_fill(subj, first=c.first), acct.name, frm, [(c.name, c.email)], plain, page, agent="woo"), \
        _site_route(rng, acct, "/wp-cron.php", frm), [c.email]


def school(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.SCHOOL)
    to = [contact(rng, lang) for _ in range(rng.randint(2, 6))]
    name, addr = _sender(acct, rng)
    subj, body = T.SCHOOL[lang]
    start = when(rng)
    text = _fill(body, date=start.strftime("%d.%m.%Y"), time=start.strftime("%H:%M"),
                 total=_money(rng, acct.currency, 100, 900), link=f"https://{acct.domain}/rodzice", sender=name,
                 shop=acct.name)
    return Draft(subj, name, addr, [], text, to_header="undisclosed-recipients:;"), \
        _mailbox_route(rng, acct, addr), [t.email for t in to]


def renewal(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang(acct, T.RENEWAL)
    c = contact(rng, lang, rng.choice(("bakkerij-zon.test", "atelier-nord.test", "")) or "")
    name, addr = _sender(acct, rng)
    subj, body = T.RENEWAL[lang]
    due = f"{rng.randint(1, 28)}.{rng.randint(1, 12):02d}.2026"
    text = _fill(body, first=c.first, site=c.email.split("@")[1], due=due, total=_money(rng, acct.currency, 90, 600),
                 phone=acct.phone, sender=name, shop=acct.name)
    return Draft(_fill(subj, due=due), name, addr, [(c.name, c.email)], text, agent="thunderbird"), \
        _mailbox_route(rng, acct, addr), [c.email]


#: (family, kind, count, account tags, builder)
FAMILIES: tuple[tuple[str, str, int, tuple[str, ...], Callable[[random.Random, SiteAccount], Built]], ...] = (
    ("b_order", "order", 30, ("shop",), order),
    ("b_shipped", "shipping", 20, ("shop",), shipped),
    ("b_invoice", "invoice", 24, ("office", "shop", "hotel", "school"), invoice),
    ("b_bank_change", "invoice", 6, ("office",), bank_change),
    ("b_reset", "password_reset", 20, ("site",), reset),
    ("b_verify", "signup", 16, ("site",), verify),
    ("b_login_alert", "account", 10, ("site",), login_alert),
    ("b_contact_form", "contact_form", 26, ("site",), contact_form),
    ("b_newsletter", "newsletter", 24, ("site", "events"), newsletter),
    ("b_booking", "booking", 18, ("hotel", "clinic", "events", "school"), booking),
    ("b_ticket", "booking", 8, ("events",), ticket),
    ("b_share", "personal", 10, ("person", "office", "events"), share),
    ("b_personal", "personal", 30, ("person", "office", "shop", "site"), personal),
    ("b_business", "business", 24, ("office", "shop", "clinic", "school"), business),
    ("b_reply", "reply", 24, ("office", "person", "shop", "hotel", "clinic"), reply),
    ("b_forward", "forward", 12, ("office", "shop", "person"), forward),
    ("b_helpdesk", "support", 14, ("shop",), helpdesk),
    ("b_webinar", "business", 10, ("office",), webinar),
    ("b_review", "order", 10, ("shop",), review),
    ("b_school", "notice", 8, ("school",), school),
    ("b_renewal", "invoice", 8, ("office",), renewal),
)


def recipients_of(c: Contact) -> list[str]:
    return [c.email]
