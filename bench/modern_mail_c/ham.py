# ruff: noqa: RUF001, E501 - text in other scripts keeps its own letters and punctuation; sentences stay whole
"""Set C's legitimate families: what the server's accounts really send, each family a builder
(rng, account) -> (Note, Hop, recipients)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from bench.modern_mail_c import ham_texts as tx
from bench.modern_mail_c.shapes import (
    CARRIERS,
    button,
    esc,
    money,
    mua_html,
    page,
    paras_html,
    price,
    token,
    tracked,
    tracking_number,
)
from bench.modern_mail_c.world import COMPANIES, Acct, Hop, mua, person, php, smtp_app, webmail
from bench.modern_mail_c.writer import Att, Note, ics_file, jpeg_stub, pdf_file, when

Built = tuple[Note, Hop, list[str]]
Builder = Callable[[random.Random, Acct], Built]


def t(a: Acct, key: str, **kw: object) -> str:
    return tx.T[a.lang][key].format(**{"biz": a.name, "phone": a.phone, "site": a.domain, **kw})


def sender_hop(rng: random.Random, a: Acct, mailbox: str) -> Hop:
    r = rng.random()
    return mua(rng, mailbox) if r < 0.55 else webmail(rng, mailbox) if r < 0.8 else smtp_app(rng, a, mailbox)


def shop_hop(rng: random.Random, a: Acct, mailbox: str) -> tuple[Hop, str]:
    """A shop's order mail: WooCommerce over PHP mail() or over authenticated SMTP; returns the agent too."""
    if rng.random() < 0.5:
        return php(rng, a, rng.choice(("/wp-admin/admin-ajax.php", "/index.php", "/wp-cron.php", "/checkout/")),
                   mail_from=mailbox), "phpmailer"
    return smtp_app(rng, a, mailbox), rng.choice(("wordpress", "symfony"))


def stamp(rng: random.Random, lang: str) -> str:
    d = when(rng) + timedelta(days=rng.randint(1, 20))
    h = rng.choice((8, 9, 10, 11, 14, 15, 16, 17))
    m = rng.choice((0, 15, 30, 45))
    if lang == "ja":
        return f"{d.month}月{d.day}日 {h}:{m:02d}"
    if lang == "en":
        return f"{d.strftime('%A %d %B')} at {h % 12 or 12}:{m:02d}{'am' if h < 12 else 'pm'}"
    return f"{d.day}.{d.month}.{d.year} {h}:{m:02d}"


PRODUCTS = {
    "shop": {"en": ["Merino beanie", "Trail socks (3 pack)", "Waxed canvas tote", "Insulated bottle 750ml",
                    "Down vest", "Camp mug", "Headlamp 400lm", "Rain shell"],
             "es": ["Pan de masa madre", "Ensaimada grande", "Magdalenas (6 ud.)", "Coca de llanda", "Roscón"],
             "de": ["Schneidebrett Eiche", "Frühstücksbrettchen (2 Stk.)", "Pfeffermühle Nussbaum", "Salatbesteck"],
             "sv": ["Kanelbullar 6-pack", "Surdegslimpa", "Kaffe 500 g", "Presentkort", "Kardemummakrans"],
             "cs": ["Vizitky 250 ks", "Plakát A2", "Svatební oznámení 50 ks", "Letáky A5 500 ks"],
             "ru": ["«Мастер и Маргарита»", "Сборник рассказов Чехова", "Блокнот в клетку", "Подарочный сертификат"],
             "he": ["ספר שירה – מהדורה מחודשת", "סט סימניות", "רומן היסטורי", "ספר ילדים מאויר"],
             "ja": ["宇治抹茶 30g", "煎茶 100g", "ほうじ茶ティーバッグ", "急須（常滑焼）", "季節の和菓子セット"]},
}


def lines_for(rng: random.Random, a: Acct) -> tuple[list[tuple[str, int, float]], float]:
    names = PRODUCTS["shop"][a.lang]
    chosen = rng.sample(names, rng.randint(1, min(3, len(names))))
    items = [(n, rng.randint(1, 3), price(rng, a.currency, 4, 80)) for n in chosen]
    return items, round(sum(q * p for _, q, p in items), 2)


def customer(rng: random.Random, a: Acct):
    return person(rng, a.lang)


# ------------------------------------------------------------------------------------------------ transactional


def h_order(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a)
    n = rng.randint(1040, 98000)
    items, total = lines_for(rng, a)
    box = f"{a.people[-1][1]}@{a.domain}"
    hop, agent = shop_hop(rng, a, box)
    rows = [f"{nm} x{q}  {money(p * q, a.currency)}" for nm, q, p in items]
    text = "\n".join([t(a, "hello", name=c.first), "", t(a, "order_body"), "", t(a, "items") + ":", *rows, "",
                      f"{t(a, 'total')}: {money(total, a.currency)}", "", t(a, "order_next"), "", t(a, "bye"), a.name,
                      f"https://{a.domain}/"])
    table = "".join(f"<tr><td>{esc(nm)}</td><td>{q}</td><td align=\"right\">{money(p * q, a.currency)}</td></tr>"
                    for nm, q, p in items)
    inner = (f"<p>{esc(t(a, 'hello', name=c.first))}</p><p>{esc(t(a, 'order_body'))}</p>"
             f"<table width=\"100%\" cellpadding=\"6\" style=\"border-collapse:collapse\">{table}"
             f"<tr><td colspan=\"2\"><b>{esc(t(a, 'total'))}</b></td><td align=\"right\"><b>"
             f"{money(total, a.currency)}</b></td></tr></table><p>{esc(t(a, 'order_next'))}</p>"
             + button(f"https://{a.domain}/my-account/view-order/{n}/", "#" + str(n), rng))
    html = page(rng, t(a, "order_subj", biz=a.name, n=n), inner, lang=a.lang, brand=a.name,
                logo=f"https://{a.domain}/wp-content/uploads/logo.png" if rng.random() < 0.6 else "",
                footer=f"{esc(a.name)} · {esc(a.city)} · {a.phone}")
    note = Note(t(a, "order_subj", biz=a.name, n=n), a.name, box, [(c.name, c.email)], text=text if
                rng.random() < 0.8 else None, html=html, lang=a.lang, agent=agent, currency=a.currency)
    return note, hop, [c.email]


def h_shipping(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a)
    n = rng.randint(1040, 98000)
    carrier, url = rng.choice(CARRIERS[a.lang])
    tn = tracking_number(rng, carrier)
    link = url.format(t=tn)
    box = rng.choice((f"{a.people[-1][1]}@{a.domain}", f"shop@{a.domain}", f"noreply@{a.domain}"))
    hop, agent = shop_hop(rng, a, box)
    days = rng.randint(1, 5)
    paras = [t(a, "hello", name=c.first), t(a, "ship_body", carrier=carrier),
             t(a, "ship_track", link=link), t(a, "ship_eta", days=days), f"{t(a, 'bye')}\n{a.name}"]
    text = "\n\n".join(paras)
    html = None
    if rng.random() < 0.6:
        inner = paras_html(paras[:2]) + button(link, tn, rng) + paras_html(paras[3:])
        html = page(rng, t(a, "ship_subj", n=n), inner, lang=a.lang, brand=a.name)
    note = Note(t(a, "ship_subj", n=n), a.name, box, [(c.name, c.email)], text=text, html=html, lang=a.lang,
                agent=agent, currency=a.currency)
    return note, hop, [c.email]


def h_invoice(rng: random.Random, a: Acct) -> Built:
    client = person(rng, a.lang, rng.choice(COMPANIES) if rng.random() < 0.6 else "")
    n = f"{rng.choice(('INV', 'RE', 'F', 'FA', ''))}{rng.randint(2025, 2026)}-{rng.randint(1, 999):03d}"
    total = price(rng, a.currency, 90, 4800)
    days = rng.choice((14, 21, 30))
    me, box = a.people[-1][0], a.mailbox(len(a.people) - 1)
    body = "\n\n".join([t(a, "hello_formal", name=client.name), t(a, "inv_body", n=n, total=money(total, a.currency),
                                                                     days=days), t(a, "inv_pay"),
                        f"{t(a, 'bye_formal')}\n{me}\n{a.name}\n{a.phone}"])
    att = Att(f"{n or 'invoice'}.pdf".replace("/", "-"), "application/pdf",
              pdf_file([a.name, a.city, "", f"Invoice {n}", f"Client: {client.name}", f"Total {total} {a.currency}",
                        f"Payable within {days} days"], rng))
    agent = rng.choice(("outlook", "thunderbird", "apple", "symfony"))
    note = Note(t(a, "inv_subj", n=n, biz=a.name), me, box, [(client.name, client.email)], text=body,
                html=mua_html(body, rng, a.lang) if agent == "outlook" else None, lang=a.lang, atts=[att],
                agent=agent, currency=a.currency)
    hop = sender_hop(rng, a, box)
    return note, hop, [client.email]


def h_reset(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a)
    link = rng.choice((f"https://{a.domain}/wp-login.php?action=rp&key={token(rng, 20)}&login={c.email.split('@')[0]}",
                       f"https://{a.domain}/account/reset?token={token(rng, 40)}",
                       f"https://{a.domain}/password/reset/{token(rng, 64)}"))
    paras = [t(a, "hello", name=c.first), t(a, "reset_body"), link, t(a, "reset_ignore"), a.name]
    box = rng.choice((f"noreply@{a.domain}", f"no-reply@{a.domain}", f"wordpress@{a.domain}", f"account@{a.domain}"))
    hop, agent = shop_hop(rng, a, box)
    html = page(rng, t(a, "reset_subj", biz=a.name), paras_html(paras[:2]) + button(link, "→", rng) +
                paras_html(paras[3:]), lang=a.lang, brand=a.name) if rng.random() < 0.5 else None
    note = Note(t(a, "reset_subj", biz=a.name), a.name, box, [(c.name, c.email)], text="\n\n".join(paras), html=html,
                lang=a.lang, agent=agent, currency=a.currency)
    return note, hop, [c.email]


def h_signup(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a)
    link = f"https://{a.domain}/{rng.choice(('confirm', 'verify-email', 'activate'))}?t={token(rng, 32)}"
    paras = [t(a, "hello", name=c.first), t(a, "signup_body"), link, a.name]
    box = rng.choice((f"hello@{a.domain}", f"noreply@{a.domain}", f"welcome@{a.domain}"))
    hop, agent = shop_hop(rng, a, box)
    inner = paras_html(paras[:2]) + button(link, "OK", rng) + paras_html(paras[3:])
    note = Note(t(a, "signup_subj", biz=a.name), a.name, box, [("", c.email)], text="\n\n".join(paras),
                html=page(rng, "", inner, lang=a.lang, brand=a.name), lang=a.lang, agent=agent, currency=a.currency)
    return note, hop, [c.email]


def h_contact(rng: random.Random, a: Acct) -> Built:
    lang = a.lang if a.lang in tx.QUESTIONS else "en"
    v = person(rng, lang)
    q = rng.choice(tx.QUESTIONS[lang])
    site = a.domain
    owner = a.mailbox(0)
    fields = [("Name", v.name), ("Email", v.email), ("Message", q)]
    if rng.random() < 0.5:
        fields.insert(2, ("Phone", f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"))
    text = t(a, "contact_intro", site=site) + "\n\n" + "\n".join(f"{k}: {val}" for k, val in fields) + \
        f"\n\n--\nThis e-mail was sent from a contact form on {a.name} (https://{site})"
    html = None
    if rng.random() < 0.5:
        html = "<table>" + "".join(f"<tr><td><b>{k}</b></td><td>{esc(val)}</td></tr>" for k, val in fields) + "</table>"
    form = rng.choice(("Contact Form 7", "WPForms", "Elementor", "custom"))
    box = rng.choice((f"wordpress@{site}", f"forms@{site}", f"noreply@{site}"))
    hop = php(rng, a, "/wp-admin/admin-ajax.php" if form != "custom" else "/contact.php", mail_from=box) \
        if rng.random() < 0.6 else smtp_app(rng, a, box)
    subj = t(a, "contact_subj") if rng.random() < 0.6 else f'{a.name} "{q[:30].rstrip()}..."'
    note = Note(subj, f"{a.name} {rng.choice(('website', 'Website', 'Kontakt', ''))}".strip(), box, [("", owner)],
                text=text, html=html, lang=a.lang, reply_to=(v.name, v.email), agent="phpmailer" if form != "custom"
                else "none", currency=a.currency)
    return note, hop, [owner]


def h_newsletter(rng: random.Random, a: Acct) -> Built:
    lang = a.lang if a.lang in tx.NEWS else "en"
    items = rng.sample(tx.NEWS[lang], min(len(tx.NEWS[lang]), rng.randint(2, 3)))
    c = person(rng, lang)
    unsub = f"https://{a.domain}/newsletter/unsubscribe?u={token(rng, 24)}"
    site = f"https://{a.domain}/"
    inner = f"<p>{esc(t(a, 'news_intro', biz=a.name))}</p>"
    inner += "".join(f"<h2>{esc(h)}</h2><p>{esc(p)}</p>" for h, p in items)
    inner += button(tracked(rng, a.domain, site + "blog/"), a.name, rng)
    if rng.random() < 0.5:
        inner = f'<img src="https://{a.domain}/images/news-{rng.randint(1, 40)}.jpg" width="560" alt="">' + inner
    foot = esc(t(a, "unsub", site=a.domain, link="")) + f'<a href="{unsub}">{unsub}</a><br>{esc(a.name)}, {esc(a.city)}'
    html = page(rng, t(a, "news_subj", biz=a.name), inner, lang=a.lang, brand=a.name, footer=foot)
    text = t(a, "news_intro", biz=a.name) + "\n\n" + "\n\n".join(f"{h}\n{p}" for h, p in items) + "\n\n" + \
        t(a, "unsub", site=a.domain, link=unsub)
    box = f"{rng.choice(('news', 'newsletter', 'hello', 'info'))}@{a.domain}"
    agent = rng.choice(("mailpoet", "phplist", "symfony"))
    headers = [("List-Unsubscribe", f"<{unsub}>, <mailto:unsubscribe@{a.domain}?subject=unsubscribe>"),
               ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), ("Precedence", "bulk")]
    if rng.random() < 0.6:
        headers.append(("List-Id", f"{a.name.encode('ascii', 'ignore').decode().strip() or a.user} news "
                                   f"<news.{a.domain}>"))
    note = Note(t(a, "news_subj", biz=a.name), a.name, box, [("", c.email)], text=text if rng.random() < 0.7 else None,
                html=html, lang=a.lang, headers=headers, agent=agent, currency=a.currency)
    return note, smtp_app(rng, a, box) if rng.random() < 0.7 else php(rng, a, "/wp-cron.php", mail_from=box), [c.email]


def h_appointment(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a)
    w = stamp(rng, a.lang)
    paras = [t(a, "hello", name=c.first), t(a, "appt_body", biz=a.name, when=w), t(a, "appt_change", phone=a.phone),
             f"{t(a, 'bye')}\n{a.name}"]
    if a.lang == "en" and rng.random() < 0.5:
        paras.insert(2, rng.choice(("Please arrive five minutes early so we can check your details.",
                                    "Parking is available behind the building; the entrance code is on the door.",
                                    "Bring a list of any medication you are currently taking.")))
    box = f"{a.people[-1][1]}@{a.domain}"
    hop = php(rng, a, "/booking/cron/reminders.php", mail_from=box) if rng.random() < 0.5 else smtp_app(rng, a, box)
    note = Note(t(a, "appt_subj", when=w), a.name, box, [(c.name, c.email)], text="\n\n".join(paras),
                html=page(rng, "", paras_html(paras), lang=a.lang, brand=a.name) if rng.random() < 0.4 else None,
                lang=a.lang, agent=rng.choice(("none", "phpmailer")), currency=a.currency)
    return note, hop, [c.email]


def h_booking_ics(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a)
    start = when(rng) + timedelta(days=rng.randint(3, 40))
    start = start.replace(minute=0, second=0)
    nights = rng.randint(1, 5)
    box = a.mailbox(len(a.people) - 1)
    ref = token(rng, 6).upper()
    what = {"hotel": f"Stay at {a.name} ({nights} nights)", "clinic": f"Appointment at {a.name}"}
    summary = what["hotel"] if "hotel" in a.roles else what["clinic"]
    cal = ics_file(summary, start, nights * 1440 if "hotel" in a.roles else 45, a.city, f"{ref}@{a.domain}", box)
    lines = [t(a, "hello", name=c.first), f"{summary}: {start:%Y-%m-%d %H:%M} (ref. {ref})",
             rng.choice(("The booking is attached; add it to your calendar.",
                         "We've attached a calendar entry so it doesn't slip your mind.")) if a.lang == "en" else
             "📅 .ics", f"{t(a, 'bye')}\n{a.name}\n{a.phone}"]
    note = Note(f"{summary} – {ref}", a.name, box, [(c.name, c.email)], text="\n\n".join(lines), lang=a.lang,
                atts=[Att("invite.ics" if rng.random() < 0.5 else f"booking-{ref}.ics", "text/calendar; method=REQUEST",
                          cal)], agent=rng.choice(("symfony", "phpmailer")), currency=a.currency)
    return note, smtp_app(rng, a, box), [c.email]


def h_receipt(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a)
    cur = a.currency if rng.random() < 0.7 else rng.choice(("USD", "EUR", "GBP", "JPY", "SEK", "CZK"))
    total = price(rng, cur, 3, 300)
    ref = f"{rng.choice(('R', 'RC', 'TX', 'No.'))}{rng.randint(10000, 999999)}"
    method = rng.choice(("Visa •••• 4242", "Mastercard •••• 1881", "Apple Pay", "PayPal", "Bizum", "Swish"))
    lines = [t(a, "hello", name=c.first), t(a, "receipt_body", total=money(total, cur)), f"{ref} · {method}",
             f"{a.name}\n{a.city}"]
    if rng.random() < 0.5:
        lines.insert(2, f"VAT {rng.choice((7, 10, 19, 20, 21, 25))}% incl.")
    box = rng.choice((f"receipts@{a.domain}", f"{a.people[-1][1]}@{a.domain}", f"noreply@{a.domain}"))
    hop, agent = shop_hop(rng, a, box)
    html = page(rng, "", paras_html(lines), lang=a.lang, brand=a.name) if rng.random() < 0.6 else None
    note = Note(t(a, "receipt_subj", biz=a.name), a.name, box, [(c.name, c.email)], text="\n\n".join(lines),
                html=html, lang=a.lang, agent=agent, currency=a.currency)
    return note, hop, [c.email]


# ------------------------------------------------------------------------------------------------ people writing


def h_personal(rng: random.Random, a: Acct) -> Built:
    lang = a.lang if a.lang in tx.LETTERS else "en"
    friend = person(rng, lang)
    subj, body = rng.choice(tx.LETTERS[lang])
    me = a.people[0][0].split()[0] if a.lang != "ja" else a.people[0][0]
    text = body.format(name=friend.first, me=me)
    agent = rng.choice(("iphone", "apple", "thunderbird", "outlook", "none"))
    note = Note(subj, a.people[0][0], a.mailbox(0), [(friend.name, friend.email)], text=text,
                html=mua_html(text, rng, lang) if agent in ("apple", "outlook") else None, lang=lang, agent=agent,
                currency=a.currency)
    return note, sender_hop(rng, a, a.mailbox(0)), [friend.email]


BUSINESS = {
    "en": [("Meeting on the {d}th", "Thanks for your time on the phone this morning. As agreed, I'll come to your "
            "office on the {d}th at 10:30 with the revised drawings. If anything changes on your side, just let me "
            "know and we'll find another slot."),
           ("Lease renewal", "Following our conversation, we are happy to renew the lease on the same terms for a "
            "further twelve months. I will ask our solicitor to prepare the paperwork and send it over next week."),
           ("Introduction: {o}", "I'd like to introduce you to {o}, who runs the bookkeeping for several firms in "
            "our building. You mentioned you were looking for someone; I think you'd get on well. I've copied them "
            "in."),
           ("Price list for next year", "Please note that from 1 January our hourly rate will change slightly. "
            "Work already quoted will be carried out at the old price. Thank you for your understanding.")],
    "de": [("Termin am {d}.", "vielen Dank für das freundliche Telefonat. Wie besprochen komme ich am {d}. um 10 Uhr "
            "mit den überarbeiteten Unterlagen zu Ihnen. Bitte geben Sie mir kurz Bescheid, falls sich etwas ändert."),
           ("Ihre Unterlagen für die Steuererklärung", "für die Einkommensteuererklärung benötigen wir noch die "
            "Lohnsteuerbescheinigung und die Nachweise über Ihre Spenden. Sie können sie gern eingescannt schicken.")],
    "sv": [("Möte den {d}:e", "Tack för samtalet i morse. Som vi sa ses vi den {d}:e klockan tio hos er. Hör av dig "
            "om något ändras.")],
    "es": [("Reunión del día {d}", "Gracias por la llamada de esta mañana. Tal como quedamos, paso por vuestra "
            "oficina el día {d} a las 10:30 con la propuesta revisada.")],
}


def h_business(rng: random.Random, a: Acct) -> Built:
    lang = a.lang if a.lang in BUSINESS else "en"
    other = person(rng, lang, rng.choice(COMPANIES))
    subj, body = rng.choice(BUSINESS[lang])
    intro = person(rng, lang)
    d = rng.randint(3, 28)
    me, box = a.people[0][0], a.mailbox(0)
    sig = f"{me}\n{a.name}\n{a.phone}" + (f"\nhttps://{a.domain}" if rng.random() < 0.5 else "")
    text = "\n\n".join([tx.T[lang]["hello_formal" if rng.random() < 0.5 else "hello"].format(name=other.first),
                        body.format(d=d, o=intro.name), f"{tx.T[lang]['bye_formal']}\n{sig}"])
    agent = rng.choice(("outlook", "outlook_mac", "thunderbird", "apple"))
    cc = [(intro.name, intro.email)] if "{o}" in body else []
    note = Note(subj.format(d=d, o=intro.name), me, box, [(other.name, other.email)], cc=cc, text=text,
                html=mua_html(text, rng, lang) if rng.random() < 0.6 else None, lang=lang, agent=agent,
                currency=a.currency)
    return note, sender_hop(rng, a, box), [other.email] + [e for _, e in cc]


REPLIES = {
    "en": [("Can we push the delivery to Friday?", "Friday is fine, I'll let the driver know. Same address?"),
           ("Attached is the draft for the flyer", "Looks great. Could the phone number be a bit bigger? Otherwise "
                                                  "go ahead and print 200."),
           ("Are you free for a call about the website?", "Tuesday after two works for me. I'll ring you."),
           ("Do you still have the green one in a medium?", "We do, I've put one aside for you until Saturday.")],
    "de": [("Können wir die Lieferung auf Freitag verschieben?", "Freitag passt. Ich sage dem Fahrer Bescheid."),
           ("Anbei der Entwurf", "Sieht gut aus, bitte so drucken.")],
    "es": [("¿Podemos cambiar la cita al jueves?", "Sin problema, te apunto el jueves a las cinco.")],
    "ja": [("納品日の件", "承知いたしました。金曜日の午前中にお届けいたします。"),
           ("見積書について", "ご確認ありがとうございます。その内容で進めさせていただきます。")],
    "sv": [("Kan vi flytta leveransen till fredag?", "Fredag går bra, jag meddelar chauffören.")],
    "cs": [("Můžeme posunout termín?", "Ano, čtvrtek odpoledne nám vyhovuje. Díky za zprávu.")],
}


def h_reply(rng: random.Random, a: Acct) -> Built:
    lang = a.lang if a.lang in REPLIES else "en"
    other = person(rng, lang, rng.choice(COMPANIES) if rng.random() < 0.4 else "")
    asked, answer = rng.choice(REPLIES[lang])
    me, box = a.people[0][0], a.mailbox(0)
    prev = f"<{token(rng, 16)}@{other.email.split('@')[1]}>"
    dt = when(rng)
    quote = "\n".join("> " + ln for ln in [tx.T[lang]["hello"].format(name=me.split()[0]), "", asked, "",
                                           other.first])
    wrote = {"en": f"On {dt:%a, %d %b %Y at %H:%M}, {other.name} <{other.email}> wrote:",
             "de": f"Am {dt:%d.%m.%Y um %H:%M} schrieb {other.name} <{other.email}>:",
             "es": f"El {dt:%d/%m/%Y a las %H:%M}, {other.name} <{other.email}> escribió:",
             "ja": f"{dt:%Y年%m月%d日 %H:%M} {other.name} <{other.email}>:",
             "sv": f"Den {dt:%d %b %Y kl. %H:%M} skrev {other.name} <{other.email}>:",
             "cs": f"Dne {dt:%d.%m.%Y v %H:%M} {other.name} <{other.email}> napsal(a):"}[lang]
    text = f"{answer}\n\n{me.split()[0] if lang != 'ja' else me}\n\n{wrote}\n{quote}\n"
    prefix = {"de": "AW: ", "sv": "SV: ", "ja": "Re: ", "cs": "Re: "}.get(lang, "Re: ")
    agent = rng.choice(("iphone", "outlook", "thunderbird", "apple", "none"))
    note = Note(prefix + asked.rstrip("?").rstrip("？")[:60], me, box, [(other.name, other.email)], text=text,
                html=mua_html(text, rng, lang) if rng.random() < 0.4 else None, lang=lang, agent=agent,
                in_reply_to=prev, references=(f"<{token(rng, 12)}@{a.domain}> " if rng.random() < 0.4 else "") + prev,
                currency=a.currency)
    return note, sender_hop(rng, a, box), [other.email]


def h_forward(rng: random.Random, a: Acct) -> Built:
    colleague = person(rng, a.lang if a.lang in ("en", "cs", "ru", "de") else "en", a.domain) if len(a.people) < 2 \
        else None
    to_name, to_addr = (colleague.name, colleague.email) if colleague else a.people[1]
    if "@" not in to_addr:
        to_addr = f"{to_addr}@{a.domain}"
    orig = person(rng, "en", rng.choice(COMPANIES))
    note_line = rng.choice(("FYI, see below. Can you deal with this one?", "Forwarding this for your records.",
                            "Could you check whether we have this in stock?", "See below - I've said yes, please "
                                                                               "put it in the diary."))
    orig_body = rng.choice(("We'd like to book the upstairs room for a retirement lunch on the 12th, about 20 "
                            "people. Could you let us know the set menu options?",
                            "Please find our updated delivery schedule for the winter months below. Deliveries "
                            "will now arrive on Tuesdays and Fridays before 9am.",
                            "Our accounts department has moved. Please send invoices to the address in my "
                            "signature from now on; nothing else changes."))
    dt = when(rng)
    text = (f"{note_line}\n\n{a.people[0][0].split()[0]}\n\n---------- Forwarded message ---------\n"
            f"From: {orig.name} <{orig.email}>\nDate: {dt:%a, %d %b %Y %H:%M}\nSubject: Enquiry\nTo: "
            f"{a.mailbox(0)}\n\n{orig_body}\n\nBest wishes,\n{orig.name}\n")
    note = Note(rng.choice(("Fwd: Enquiry", "FW: Enquiry", "Fw: enquiry from " + orig.first)), a.people[0][0],
                a.mailbox(0), [(to_name, to_addr)], text=text, html=mua_html(text, rng) if rng.random() < 0.5 else None,
                lang="en", agent=rng.choice(("outlook", "thunderbird", "apple")), currency=a.currency)
    return note, sender_hop(rng, a, a.mailbox(0)), [to_addr]


NOTICES = {
    "en": [("Non-uniform day on Friday", "Children may come to school in their own clothes this Friday in exchange "
            "for a gold coin donation to the library fund."),
           ("Parking during the fair", "The car park will be closed from 7am on Saturday while stalls are set up. "
            "Please use the street or the church hall next door."),
           ("Choir practice moved", "This week's choir practice will be on Thursday instead of Wednesday, same time, "
            "in the parish hall."),
           ("Term dates", "Term 2 starts on Monday 27 April and finishes on Friday 3 July. Teacher only day is "
            "Friday 5 June."),
           ("Volunteers needed", "We need four more volunteers for the soup kitchen rota in November. Reply to this "
            "email if you can help one evening.")],
    "sv": [("Studiedag på fredag", "På fredag är det studiedag och skolan är stängd. Fritids har öppet som vanligt."),
           ("Utvecklingssamtal", "Boka tid för utvecklingssamtal i appen senast den 15:e.")],
    "de": [("Training fällt aus", "Wegen der Platzsperre fällt das Training am Dienstag aus. Wir holen es am "
            "Donnerstag nach."), ("Mitgliederversammlung", "Die Jahreshauptversammlung findet am 14. im Vereinsheim "
                                  "statt. Die Tagesordnung hängt im Schaukasten aus.")],
    "he": [("שינוי בלוח השיעורים", "השבוע השיעור של יום שלישי יתקיים ביום רביעי באותה שעה."),
           ("סדנת סוף שבוע", "נשארו עוד כמה מקומות בסדנת הנשימה של שבת בבוקר.")],
}


def h_notice(rng: random.Random, a: Acct) -> Built:
    lang = a.lang if a.lang in NOTICES else "en"
    subj, body = rng.choice(NOTICES[lang])
    box = a.mailbox(len(a.people) - 1)
    parents = [person(rng, lang) for _ in range(rng.randint(1, 4))]
    text = "\n\n".join([tx.T[lang]["hello"].format(name=rng.choice(("all", "everyone", "families")) if lang == "en"
                                                   else "").replace(" ,", ",").replace(" !", "!"),
                        body, f"{tx.T[lang]['bye']}\n{a.people[0][0]}\n{a.name}"])
    to_header = "" if len(parents) == 1 else f"{a.name.encode('ascii', 'ignore').decode() or 'list'}: ;"
    note = Note(subj, a.name, box, [(p.name, p.email) for p in parents][:1], to_header=to_header if
                rng.random() < 0.5 else "", text=text, html=page(rng, subj, paras_html(text.split("\n\n")), lang=lang,
                                                                 brand=a.name) if rng.random() < 0.4 else None,
                lang=lang, agent=rng.choice(("outlook", "thunderbird", "none")), currency=a.currency)
    return note, sender_hop(rng, a, box), [p.email for p in parents]


SAAS = [("[Brightlane] New comment on \"{p}\"", "{who} commented on {p}:\n\n\"Looks good to me, can we ship it "
         "Thursday?\"\n\nReply to this email or view it in Brightlane: {link}"),
        ("Your weekly Brightlane summary", "This week in {p}: 14 tasks completed, 3 overdue, 2 new members.\n\nSee "
         "the full report: {link}"),
        ("Your export is ready", "The CSV export of {p} you requested is ready. It will be available for 7 days: "
         "{link}"),
        ("{who} invited you to {p}", "{who} has invited you to join the project {p} on Brightlane.\n\nAccept the "
         "invitation: {link}"),
        ("Your Brightlane receipt", "We charged $48.00 for Brightlane Team (4 seats), Nov 2026.\n\nDownload the "
         "invoice: {link}"),
        ("Scheduled maintenance on Sunday", "Brightlane will be read-only for about 20 minutes on Sunday from 02:00 "
         "UTC while we upgrade our database. Status page: {link}")]


def h_saas(rng: random.Random, a: Acct) -> Built:
    c = person(rng, "en", rng.choice(COMPANIES) if rng.random() < 0.6 else "")
    who = person(rng, "en").name
    proj = rng.choice(("Website relaunch", "Q3 budget", "Onboarding v2", "Mobile app", "Spring campaign"))
    subj, body = rng.choice(SAAS)
    link = f"https://app.{a.domain}/{rng.choice(('p', 'projects', 'r'))}/{token(rng, 10)}"
    text = body.format(p=proj, who=who, link=link) + \
        "\n\n--\nYou're receiving this because of your notification settings: https://app.brightlane.test/settings"
    box = f"notifications@{a.domain}" if rng.random() < 0.7 else f"team@{a.domain}"
    html = page(rng, "", paras_html(text.split("\n\n")[:-1]) + button(link, "Open in Brightlane", rng), brand=a.name,
                footer="Brightlane, 548 Market St, San Francisco") if rng.random() < 0.7 else None
    headers = [("X-Entity-Ref-ID", token(rng, 16))] if rng.random() < 0.5 else []
    note = Note(subj.format(p=proj, who=who), "Brightlane" if rng.random() < 0.5 else f"{who} (via Brightlane)", box,
                [("", c.email)], text=text, html=html, headers=headers, agent="symfony", currency=a.currency)
    return note, smtp_app(rng, a, box), [c.email]


def h_job_application(rng: random.Random, a: Acct) -> Built:
    hr = person(rng, "en", rng.choice(COMPANIES))
    role = rng.choice(("Office Manager", "Junior Accountant", "Front-of-house Supervisor", "Project Coordinator",
                       "Warehouse Team Leader", "Graphic Designer"))
    me = a.people[0][0]
    lang = a.lang if a.lang in ("en", "es", "de") else "en"
    bodies = {"en": f"I would like to apply for the {role} position advertised on your website. I have five years' "
                    "experience in a similar role and I am available to start in January.\n\nMy CV is attached. I "
                    "would be glad to talk at any time.",
              "es": f"Me gustaría optar al puesto de {role} que han publicado. Adjunto mi currículum y quedo a su "
                    "disposición para una entrevista.",
              "de": f"hiermit bewerbe ich mich auf die ausgeschriebene Stelle als {role}. Meinen Lebenslauf finden "
                    "Sie im Anhang. Über eine Einladung zum Gespräch freue ich mich."}
    text = "\n\n".join([tx.T[lang]["hello_formal"].format(name=hr.name), bodies[lang],
                        f"{tx.T[lang]['bye_formal']}\n{me}\n{a.phone or '+61 4' + str(rng.randint(10000000, 99999999))}"])
    cv = Att(f"CV_{me.replace(' ', '_')}.pdf".encode("ascii", "ignore").decode() if rng.random() < 0.7
             else "Lebenslauf.pdf" if lang == "de" else "resume.pdf", "application/pdf",
             pdf_file([me, "Curriculum vitae", "", "Experience", "2019-2025 ...", "Education", "..."], rng))
    atts = [cv] + ([Att("Cover_letter.pdf", "application/pdf", pdf_file([me, "Cover letter"], rng))]
                   if rng.random() < 0.4 else [])
    note = Note(rng.choice((f"Application: {role}", f"{role} - application from {me}", f"Bewerbung als {role}"
                            if lang == "de" else f"Job application - {role}")), me, a.mailbox(0),
                [(hr.name, hr.email)], text=text, lang=lang, atts=atts, agent=rng.choice(("outlook", "apple", "none")),
                currency=a.currency)
    return note, sender_hop(rng, a, a.mailbox(0)), [hr.email]


def h_event_ics(rng: random.Random, a: Acct) -> Built:
    guests = [person(rng, a.lang if a.lang in ("en", "es", "de", "cs", "ja", "sv") else "en") for _ in
              range(rng.randint(1, 3))]
    start = (when(rng) + timedelta(days=rng.randint(5, 60))).replace(minute=0, second=0)
    title = rng.choice(("Open evening", "Annual general meeting", "Quiz night", "Harvest supper", "Parents' "
                        "information evening", "Members' social", "Tasting evening"))
    box = a.mailbox(0)
    cal = ics_file(title, start, 120, f"{a.name}, {a.city}", f"{token(rng, 12)}@{a.domain}", box)
    text = "\n\n".join([rng.choice(("Hello all,", "Hi everyone,", "Dear members,")),
                        f"You're invited to our {title.lower()} on {start:%A %d %B} at {start:%H:%M}. "
                        + rng.choice(("Tea and cake provided.", "Bring a friend!", "Please let us know if you "
                                      "can come so we can plan numbers.")),
                        "The invitation is attached; accepting it will add it to your calendar.", a.people[0][0]])
    note = Note(f"Invitation: {title} @ {start:%a %d %b %H:%M}", a.people[0][0], box,
                [(g.name, g.email) for g in guests], text=text, html=mua_html(text, rng) if rng.random() < 0.5 else None,
                atts=[Att("invite.ics", "text/calendar; method=REQUEST", cal)],
                agent=rng.choice(("outlook", "thunderbird", "none")), currency=a.currency)
    return note, sender_hop(rng, a, box), [g.email for g in guests]


def h_quote(rng: random.Random, a: Acct) -> Built:
    c = person(rng, a.lang if a.lang in ("en", "de") else "en")
    lang = c.lang
    total = price(rng, a.currency, 180, 3500)
    job = rng.choice(("replacing the kitchen tap and the isolation valves", "a new radiator in the back bedroom",
                      "servicing the boiler and bleeding the radiators", "a built-in bookcase in oak"))
    text = ("Hi {n},\n\nThanks for having me round. As promised, here is the quote for {j}: {t} including parts and "
            "VAT. I could start on {d}.\n\nLet me know if you'd like to go ahead.\n\nCheers,\n{me}\n{biz}\n{ph}"
            if lang == "en" else "Hallo {n},\n\nanbei wie besprochen das Angebot für {j}: {t} inkl. MwSt. Beginn wäre "
            "ab dem {d} möglich.\n\nViele Grüße\n{me}\n{biz}\n{ph}").format(
        n=c.first, j=job, t=money(total, a.currency), d=stamp(rng, "de"), me=a.people[0][0], biz=a.name, ph=a.phone)
    atts = [Att(f"Quote-{rng.randint(100, 999)}.pdf", "application/pdf", pdf_file([a.name, "Quote", job,
                                                                                    str(total)], rng))] \
        if rng.random() < 0.6 else []
    subj = rng.choice(("Your quote", f"Quote for {job.split(' ')[1]}", "Angebot" if lang == "de" else "Quote as promised"))
    note = Note(subj, a.people[0][0], a.mailbox(0), [(c.name, c.email)], text=text, lang=lang, atts=atts,
                agent=rng.choice(("iphone", "outlook", "none")), currency=a.currency)
    return note, sender_hop(rng, a, a.mailbox(0)), [c.email]


def h_login_alert(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a) if a.lang in ("en", "ja") else person(rng, "en")
    code = f"{rng.randint(0, 999999):06d}"
    kind = rng.randrange(2)
    if kind == 0:
        subj = f"{code} is your {a.name} verification code"
        text = f"Your verification code is {code}. It expires in 10 minutes.\n\nIf you didn't try to sign in, you " \
               f"can change your password at https://{a.domain}/account/security"
    else:
        city = rng.choice(("Leeds, UK", "Lyon, France", "Denver, US", "Osaka, Japan", "Auckland, NZ"))
        subj = f"New sign-in to your {a.name} account"
        text = (f"We noticed a new sign-in to your account.\n\nDevice: {rng.choice(('Chrome on Windows', 'Safari on iPhone', 'Firefox on Linux'))}"
                f"\nLocation: {city} (approximate)\n\nIf this was you, there's nothing to do. If not, secure your "
                f"account: https://{a.domain}/account/security")
    box = f"security@{a.domain}" if rng.random() < 0.5 else f"noreply@{a.domain}"
    note = Note(subj, a.name, box, [("", c.email)], text=text, html=page(rng, subj, paras_html(text.split("\n\n")),
                                                                          brand=a.name) if rng.random() < 0.5 else None,
                agent="symfony", currency=a.currency)
    return note, smtp_app(rng, a, box), [c.email]


def h_donation(rng: random.Random, a: Acct) -> Built:
    c = person(rng, a.lang if a.lang in ("en", "sv", "de") else "en")
    total = price(rng, a.currency, 10, 250)
    text = (f"Dear {c.first},\n\nThank you for your gift of {money(total, a.currency)} to {a.name}. "
            + rng.choice(("It will go towards the new roof for the hall.", "It helps us keep subs low for juniors.",
                          "Your support keeps the library open on Saturdays.")) +
            f"\n\nThis email is your receipt for tax purposes (ref. D{rng.randint(1000, 9999)}).\n\nWith gratitude,\n"
            f"{a.people[0][0]}")
    box = a.mailbox(len(a.people) - 1)
    note = Note(rng.choice(("Thank you for your donation", "Your donation receipt", f"Thank you from {a.name}")),
                a.name, box, [(c.name, c.email)], text=text, agent=rng.choice(("phpmailer", "none")),
                currency=a.currency)
    return note, sender_hop(rng, a, box), [c.email]


def h_review(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a) if a.lang == "en" else person(rng, "en")
    link = f"https://{a.domain}/reviews/new?order={rng.randint(1000, 9999)}&k={token(rng, 12)}"
    paras = [f"Hi {c.first},", rng.choice(("How was your stay with us? We'd love to hear what you thought.",
                                           "We hope you're enjoying your order. Would you spare a minute to tell "
                                           "others what you think?")), "It takes less than a minute.",
             f"Thank you,\n{a.name}"]
    box = f"{rng.choice(('hello', 'feedback', 'stay', 'orders'))}@{a.domain}"
    hop, agent = shop_hop(rng, a, box)
    html = page(rng, "", paras_html(paras[:2]) + "".join(f'<a href="{link}&stars={s}">{"★" * s}</a> '
                                                         for s in range(1, 6)) + paras_html(paras[2:]), brand=a.name)
    note = Note(rng.choice(("How did we do?", f"Tell us about your {a.name} experience", "A quick favour?")), a.name,
                box, [(c.name, c.email)], text="\n\n".join([*paras[:2], link, *paras[2:]]), html=html, agent=agent,
                currency=a.currency)
    return note, hop, [c.email]


def h_minutes(rng: random.Random, a: Acct) -> Built:
    people = [person(rng, a.lang if a.lang in ("en", "de") else "en", a.domain if rng.random() < 0.5 else "")
              for _ in range(rng.randint(2, 5))]
    lang = people[0].lang
    docx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(rng.randrange(256) for _ in range(900)) + b"PK\x05\x06" + \
        b"\x00" * 18
    name = rng.choice(("Minutes_2026-11-04.docx", "Protokoll_Sitzung.docx", "Committee minutes.docx",
                       "Action points.docx"))
    text = ("Hi all,\n\nMinutes from last night attached. Main actions:\n- Jo to book the hall for March\n- Treasurer "
            "to circulate accounts before the AGM\n- Everyone: ideas for the spring event by the 20th\n\nThanks,\n"
            if lang == "en" else "Hallo zusammen,\n\nim Anhang das Protokoll der letzten Sitzung. Bitte bis Freitag "
            "Korrekturen melden.\n\nViele Grüße\n") + a.people[0][0]
    note = Note(rng.choice(("Minutes", "Minutes of Tuesday's meeting", "Protokoll", "Notes from the committee")),
                a.people[0][0], a.mailbox(0), [(p.name, p.email) for p in people], text=text, lang=lang,
                atts=[Att(name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx)],
                agent=rng.choice(("outlook", "thunderbird")), currency=a.currency)
    return note, sender_hop(rng, a, a.mailbox(0)), [p.email for p in people]


def h_restock(rng: random.Random, a: Acct) -> Built:
    c = customer(rng, a)
    item = rng.choice(PRODUCTS["shop"][a.lang])
    link = tracked(rng, a.domain, f"https://{a.domain}/product/{token(rng, 8).lower()}")
    en = a.lang == "en"
    if rng.random() < 0.5:
        subj = f"Back in stock: {item}" if en else f"{item} ✓"
        lines = [f"Hi {c.first}," if en else t(a, "hello", name=c.first),
                 f"Good news, {item} is back in stock. You asked us to let you know." if en else f"{item}: {link}",
                 link]
    else:
        subj = "You left something in your basket" if en else f"{a.name}: {item}"
        lines = [f"Hi {c.first}," if en else t(a, "hello", name=c.first),
                 f"Your basket is saved: {item}. Complete your order whenever you're ready:" if en else item, link]
    box = f"{rng.choice(('shop', 'hello', 'orders'))}@{a.domain}"
    hop, agent = shop_hop(rng, a, box)
    html = page(rng, subj, paras_html(lines[:2]) + button(link, "→ " + a.name, rng), lang=a.lang, brand=a.name,
                footer=f'<a href="https://{a.domain}/account/notifications">Notification settings</a>')
    note = Note(subj, a.name, box, [(c.name, c.email)], text="\n\n".join(lines), html=html, lang=a.lang, agent=agent,
                headers=[("List-Unsubscribe", f"<https://{a.domain}/unsubscribe?e={token(rng, 16)}>")],
                currency=a.currency)
    return note, hop, [c.email]


def h_helpdesk(rng: random.Random, a: Acct) -> Built:
    c = person(rng, "en" if a.lang not in ("es", "ja") else a.lang)
    n = rng.randint(1000, 99999)
    agent_name = a.people[0][0]
    ans = rng.choice(("I've reset the two-factor setting on your account, so you can sign in with your password and "
                      "set it up again.", "The refund was issued today; it can take 3-5 working days to show on "
                      "your statement.", "We've found the cause: the import skipped rows with an empty date. A fix "
                      "is going out tomorrow.", "Your booking has been moved to the 18th as requested."))
    text = (f"##- Please type your reply above this line -##\n\nTicket #{n}\n\n{agent_name} ({a.name})\n\nHi "
            f"{c.first},\n\n{ans}\n\nIf there's anything else, just reply to this email.\n\nBest,\n{agent_name}")
    box = f"support@{a.domain}"
    note = Note(f"[#{n}] " + rng.choice(("Re: Can't sign in", "Re: Refund", "Update on your request", "Re: booking")),
                f"{agent_name} ({a.name} Support)", box, [(c.name, c.email)], text=text,
                html=page(rng, "", paras_html(text.split("\n\n")), brand=a.name) if rng.random() < 0.5 else None,
                headers=[("Auto-Submitted", "auto-generated")] if rng.random() < 0.3 else [], agent="symfony",
                currency=a.currency)
    return note, smtp_app(rng, a, box), [c.email]


def h_photos(rng: random.Random, a: Acct) -> Built:
    lang = a.lang if a.lang in tx.LETTERS else "en"
    friend = person(rng, lang)
    k = rng.randint(1, 3)
    atts = [Att(f"IMG_{rng.randint(1000, 9999)}.jpeg", "image/jpeg", jpeg_stub(rng, rng.randint(400, 1500)))
            for _ in range(k)]
    text = {"en": f"Here you go, {friend.first}! More to come.", "es": f"¡Aquí las tienes, {friend.first}!",
            "ru": f"{friend.first}, вот фотографии!", "cs": f"Tady jsou ty fotky, {friend.first}.",
            "he": f"{friend.first}, הנה התמונות!"}[lang] + ("\n\nSent from my iPhone" if rng.random() < 0.5 else "")
    note = Note(rng.choice(("Photos", "pics", "📷", "Fotos", "IMG")), a.people[0][0], a.mailbox(0),
                [(friend.name, friend.email)], text=text, lang=lang, atts=atts, agent=rng.choice(("iphone", "apple")),
                currency=a.currency)
    return note, sender_hop(rng, a, a.mailbox(0)), [friend.email]


def h_autoreply(rng: random.Random, a: Acct) -> Built:
    other = person(rng, "en", rng.choice(COMPANIES) if rng.random() < 0.5 else "")
    back = (when(rng) + timedelta(days=rng.randint(2, 15))).strftime("%d %B")
    text = {"en": f"Thank you for your email. I'm out of the office until {back} with limited access to email. For "
                  f"anything urgent please call {a.phone or 'the office'}.",
            "de": f"Vielen Dank für Ihre Nachricht. Ich bin bis zum {back} nicht im Büro und lese meine E-Mails nur "
                  f"eingeschränkt. In dringenden Fällen erreichen Sie uns unter {a.phone}.",
            "es": f"Gracias por su mensaje. Estaré fuera de la oficina hasta el {back}.",
            "sv": f"Tack för ditt mejl. Jag är tillbaka {back}.",
            "cs": f"Děkuji za zprávu. Do {back} jsem mimo kancelář.",
            "ru": f"Спасибо за письмо. Я в отпуске до {back}.",
            "he": f"תודה על פנייתך. אני מחוץ למשרד עד {back}.",
            "ja": f"メールありがとうございます。{back}まで不在にしております。"}[a.lang]
    note = Note(rng.choice(("Automatic reply: ", "Out of office: ", "Auto: ")) + rng.choice(("Invoice query",
                "Next week", "Re: meeting", "Delivery")), a.people[0][0], a.mailbox(0), [(other.name, other.email)],
                text=text, lang=a.lang, headers=[("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")],
                agent="none", currency=a.currency)
    return note, Hop(a.mailbox(0), local_user=a.user, tls=False), [other.email]


ALL = ("en", "es", "de", "sv", "cs", "ru", "he", "ja")
#: (family, kind, count, roles, languages or None = any, builder)
FAMILIES: tuple[tuple[str, str, int, tuple[str, ...], tuple[str, ...], Builder], ...] = (
    ("c_order", "order", 16, ("shop",), ALL, h_order),
    ("c_shipping", "shipping", 14, ("shop",), ALL, h_shipping),
    ("c_invoice", "invoice", 14, ("office", "trades", "shop"), ALL, h_invoice),
    ("c_reset", "account", 12, ("site", "saas", "shop"), ALL, h_reset),
    ("c_signup", "account", 12, ("site", "saas", "club"), ALL, h_signup),
    ("c_contact", "form", 14, ("site",), ALL, h_contact),
    ("c_newsletter", "newsletter", 14, ("site", "shop", "club"), ("en", "es", "de", "sv", "ja"), h_newsletter),
    ("c_appointment", "booking", 14, ("clinic", "trades", "hotel"), ALL, h_appointment),
    ("c_booking_ics", "booking", 12, ("hotel", "clinic"), ALL, h_booking_ics),
    ("c_receipt", "receipt", 14, ("shop", "clinic", "hotel", "club"), ALL, h_receipt),
    ("c_personal", "personal", 14, ("person", "office", "club", "shop"), ("en", "es", "ru", "cs", "he"), h_personal),
    ("c_business", "business", 12, ("office", "trades"), ALL, h_business),
    ("c_reply", "reply", 14, ("office", "shop", "trades", "person"), ALL, h_reply),
    ("c_forward", "forward", 12, ("office", "hotel", "shop"), ALL, h_forward),
    ("c_notice", "school", 14, ("school", "club"), ALL, h_notice),
    ("c_saas", "saas", 14, ("saas",), ("en",), h_saas),
    ("c_job_application", "personal", 12, ("person",), ALL, h_job_application),
    ("c_event_ics", "event", 12, ("events", "club"), ALL, h_event_ics),
    ("c_quote", "business", 12, ("trades",), ALL, h_quote),
    ("c_login_alert", "account", 12, ("saas", "site"), ("en", "ja"), h_login_alert),
    ("c_donation", "receipt", 10, ("club",), ALL, h_donation),
    ("c_review", "shop", 10, ("shop", "hotel"), ALL, h_review),
    ("c_minutes", "business", 12, ("office", "club"), ALL, h_minutes),
    ("c_restock", "shop", 10, ("shop",), ALL, h_restock),
    ("c_helpdesk", "saas", 12, ("saas", "office", "hotel"), ALL, h_helpdesk),
    ("c_photos", "personal", 10, ("person",), ALL, h_photos),
    ("c_autoreply", "reply", 10, ("office", "clinic", "person"), ALL, h_autoreply),
)
