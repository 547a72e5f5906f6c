# ruff: noqa: RUF001 - text in many scripts: look-alike letters are the point, not a typo
"""Fraud and bulk abuse from a compromised account: BEC, fake invoices, advance fee, sextortion, crypto, callback
scams, job and task scams, romance, pharma, loans, SEO, casino, and spam relayed through a hacked contact form."""

from __future__ import annotations

from bench.modern_mail_e import routes
from bench.modern_mail_e.lures import lure, send_as, victim_address, victims
from bench.modern_mail_e.parts import Ctx, file_part, image_part, layout, pdf, text_with_links
from bench.modern_mail_e.registry import family
from bench.modern_mail_e.submit import Draft, Route

FREEMAIL = ("outlook-mail.example", "gmx-post.example", "proton-inbox.example", "yahoo-mail.example")


def _bec(c: Ctx, subj: str, text: str, lang: str, files: list | None = None) -> tuple[Draft, Route]:
    route, _, faddr = send_as(c, "", "", c.rng.choice(("mailbox", "webmail")))
    boss = c.acct.people[0][0]
    reply = (boss, f"{c.acct.people[0][1].split('.')[0]}.{c.num(10, 99)}@{c.rng.choice(FREEMAIL)}")
    d = Draft(subj, boss, faddr, [("", c.who(len(c.acct.people) - 1)[1] if c.rng.random() < 0.3 else
                                   victim_address(c))], text, lang=lang, files=files or [],
              reply_to=reply if c.rng.random() < 0.7 else None, mailer=c.rng.choice(("apple", "outlook", "roundcube")))
    if d.mailer == "apple":
        d.text = (d.text or "") + "\n\nSent from my iPhone"
    return d, route


T_GIFT = {
    "en": ("Quick favour", "Are you at your desk? I need you to get something done for me discreetly. I'm in a "
           "meeting and can't talk. Reply when you see this."),
    "es": ("¿Estás disponible?", "Necesito que me hagas un favor urgente y confidencial. Estoy en una reunión. "
           "Respóndeme por aquí."),
    "de": ("Kurze Bitte", "Sind Sie gerade im Büro? Ich brauche kurz Ihre Hilfe bei einer vertraulichen Sache. "
           "Bin im Termin, bitte nur per Mail antworten."),
    "it": ("Sei in ufficio?", "Ho bisogno di un favore veloce, sono in riunione. Rispondi appena puoi."),
}


@family("bec_gift_cards", "spam", "scam", "*", "en es de it", 8)
def bec_gift_cards(c: Ctx) -> tuple[Draft, Route, str]:
    subj, text = c.pick(T_GIFT)  # type: ignore[misc]
    if c.rng.random() < 0.4 and c.lang == "en":
        text = ("I need 6 Apple gift cards of $200 each for client appreciation. Buy them today, scratch the back "
                "and send me photos of the codes. I'll reimburse you this evening.")
    d, r = _bec(c, subj, text, c.lang)
    return d, r, "CEO asks an employee for a favour / gift cards; Reply-To a freemail"


T_BANKCHG = {
    "en": ("Updated bank details for future payments", "Dear valued partner,\n\nPlease note that due to our annual "
           "audit our bank details have changed. Kindly update your records and direct the pending payment for "
           "invoice {n} to the new account in the attached letter. Please do not use the old account.\n\n"
           "Kind regards,\n{me}\nAccounts Department"),
    "fr": ("Changement de coordonnées bancaires", "Bonjour,\n\nSuite à un changement de banque, merci d'effectuer "
           "le règlement de la facture {n} sur le nouveau RIB ci-joint.\n\nCordialement,\n{me}"),
    "nl": ("Gewijzigde bankgegevens", "Goedemiddag,\n\nOnze bankgegevens zijn gewijzigd. Wilt u factuur {n} "
           "voortaan overmaken naar het nieuwe rekeningnummer in de bijlage?\n\nMet vriendelijke groet,\n{me}"),
}


@family("bec_bank_change", "spam", "scam", "*", "en fr nl", 8)
def bec_bank_change(c: Ctx) -> tuple[Draft, Route, str]:
    subj, text = c.pick(T_BANKCHG)  # type: ignore[misc]
    me = c.who(0)[0]
    letter = pdf(["Change of bank details", "New IBAN: XX91 0000 0000 0000 0000 77", "Effective immediately"], c.rng)
    d, r = _bec(c, subj, text.format(n=c.num(), me=me), c.lang,
                [file_part("New_Bank_Details.pdf", "application/pdf", letter)])
    return d, r, "supplier bank-detail change from a stolen mailbox"


@family("bec_payroll_diversion", "spam", "scam", "*", "en", 6)
def bec_payroll_diversion(c: Ctx) -> tuple[Draft, Route, str]:
    text = c.rng.choice(("Hi, I changed my bank and would like my salary to go into the new account from this "
                         "month. What details do you need?", "Hello HR, please update my direct deposit before the "
                         "next payroll. I will send the new account details. Thanks"))
    route, name, faddr = send_as(c, "", "", "mailbox")
    hr = f"payroll@{c.rng.choice(('northwind', 'contoso', 'fabrikam'))}.example"
    d = Draft("Direct deposit change", name, faddr, [("", hr)], text, lang="en", mailer="apple",
              reply_to=(name, f"{c.token(6).lower()}@{c.rng.choice(FREEMAIL)}"))
    return d, route, "employee impersonation asking to divert salary"


T_FAKEINV = {
    "en": ("Overdue invoice #{n} - final reminder", ["Our records show that invoice #{n} ({amt}) remains unpaid.",
           "To avoid collection fees please view and settle the invoice today."], "View invoice"),
    "de": ("Mahnung: Rechnung {n} überfällig", ["Trotz Erinnerung ist die Rechnung {n} ({amt}) noch offen.",
           "Bitte begleichen Sie den Betrag umgehend, um Inkassokosten zu vermeiden."], "Rechnung ansehen"),
}


@family("fake_invoice_link", "spam", "phishing", "*", "en de", 8)
def fake_invoice_link(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_FAKEINV)  # type: ignore[misc]
    kw = {"n": c.num(), "amt": c.rng.choice(("$2,380.00", "€1.940,00", "£860.50", "$12,400.00"))}
    link = lure(c, c.rng.choice(("docusign", "quickbooks", "intuit", "xero")))
    route, fname, faddr = send_as(c, c.rng.choice(("QuickBooks", "Accounts Receivable", "Billing Team")),
                                  "quickbooks@notification-intuit.example")
    ps = [p.format(**kw) for p in paras]
    d = Draft(subj.format(**kw), fname, faddr, [("", victim_address(c))], text_with_links(ps, (btn, link)),
              layout(c.rng, c.lang, ps, brand=fname, button=(btn, link)), lang=c.lang, mailer="none",
              bcc=victims(c, 3, 25))
    return d, route, "overdue invoice with a link to a fake document viewer"


T_ADV = {
    "en": ("Confidential: unclaimed estate of late {name}", "Dear Friend,\n\nI am Barrister {me}, personal attorney "
           "to the late {name}, a national of your country, who died in a car accident leaving USD 8.5 million in a "
           "bank here. I seek your consent to present you as next of kin so the funds can be released to you. We "
           "share 50/50. Reply with your full name, phone and address.\n\nYours faithfully,\nBarrister {me}"),
    "fr": ("Proposition confidentielle", "Bonjour,\n\nJe suis Maître {me}, notaire. Un client décédé sans héritier "
           "a laissé 4 200 000 EUR. Je vous propose de présenter votre nom comme bénéficiaire. Répondez-moi en "
           "toute discrétion.\n\nMaître {me}"),
}


@family("advance_fee", "spam", "scam", "*", "en fr", 7)
def advance_fee(c: Ctx) -> tuple[Draft, Route, str]:
    subj, text = c.pick(T_ADV)  # type: ignore[misc]
    kw = {"name": c.other("en").name, "me": c.rng.choice(("Daniel Mensah", "Pierre Kouassi", "Richard Adeyemi"))}
    route, _, faddr = send_as(c, kw["me"], f"chambers@{c.token(5).lower()}-law.example")
    d = Draft(subj.format(**kw), kw["me"], faddr, [("", c.rcpt.email)], text.format(**kw), lang=c.lang,
              reply_to=(kw["me"], f"barr.{c.token(5).lower()}@{c.rng.choice(FREEMAIL)}"), mailer="none",
              bcc=victims(c, 10, 80), to_header="undisclosed-recipients:;")
    d.to, d.bcc = [], [c.rcpt.email, *d.bcc]
    return d, route, "advance-fee inheritance"


T_SEXT = {
    "en": "Hello,\n\nI have access to your device. I recorded you through your camera while you were visiting adult "
          "sites. Send $1450 in Bitcoin to the address below within 48 hours or the video goes to all your "
          "contacts.\n\nBTC: bc1q{w}\n\nThe timer started when you opened this email.",
    "de": "Hallo,\n\nich habe Zugriff auf Ihr Gerät und habe Sie über die Kamera aufgenommen. Überweisen Sie 1200 EUR "
          "in Bitcoin an: bc1q{w}\nSie haben 48 Stunden.",
    "it": "Ciao,\n\nho il controllo del tuo dispositivo e ho registrato un video. Invia 1000 EUR in Bitcoin a "
          "bc1q{w} entro 48 ore.",
    "es": "Hola,\n\ntengo acceso a tu dispositivo y te grabé con la cámara. Envía 1300 USD en Bitcoin a bc1q{w} en "
          "48 horas.",
}


@family("sextortion", "spam", "scam", "*", "en de it es", 8)
def sextortion(c: Ctx) -> tuple[Draft, Route, str]:
    text = str(c.pick(T_SEXT)).format(w=c.token(38).lower())
    route, _, _ = send_as(c, "", "", c.rng.choice(("script", "cron")))
    d = Draft(c.rng.choice((f"{c.rcpt.email}", "Payment overdue", "Security alert: your account was hacked",
                            f"#{c.num()}")), "", c.rcpt.email, [("", c.rcpt.email)], text, lang=c.lang,
              mailer="none", charset="utf-8")
    if c.rng.random() < 0.5:
        d.html = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return d, route, "sextortion, From spoofed as the victim"


T_CRYPTO = {
    "en": ("Your portfolio gained +312% - withdraw now", ["Dear investor, your AI trading account has earned "
           "$14,870. Complete verification and pay the small release fee to withdraw."], "Withdraw profits"),
    "ru": ("Пассивный доход от 50 000 ₽ в неделю", ["Наш торговый бот на базе ИИ приносит стабильный доход. "
           "Начните с 250$, первый вывод через 7 дней."], "Начать"),
    "tr": ("Yapay zeka ile günde 5.000 TL kazanın", ["Sadece 250$ yatırın, robotumuz sizin için işlem yapsın."],
           "Hemen başla"),
    "ar": ("استثمر في الذهب الرقمي وحقق أرباحاً يومية", ["منصتنا تضمن لك أرباحاً تصل إلى 30٪ أسبوعياً. ابدأ بـ "
           "250 دولاراً فقط."], "ابدأ الآن"),
}


@family("crypto_investment", "spam", "scam", "*", "en ru tr ar", 8)
def crypto_investment(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_CRYPTO)  # type: ignore[misc]
    link = lure(c, c.rng.choice(("quantumai", "bitprofit", "goldchain")))
    route, fname, faddr = send_as(c, c.rng.choice(("Quantum AI", "BitProfit", "Gold Chain")),
                                  f"news@{c.token(6).lower()}.example")
    d = Draft(subj, fname, faddr, [("", c.rcpt.email)], text_with_links(paras, (btn, link)),
              layout(c.rng, c.lang, paras, brand=fname, button=(btn, link)), lang=c.lang, mailer="none",
              bcc=victims(c, 20, 90))
    return d, route, "crypto investment scheme"


@family("callback_scam", "spam", "scam", "*", "en", 8)
def callback_scam(c: Ctx) -> tuple[Draft, Route, str]:
    brand = c.rng.choice(("Norton 360", "McAfee Total Protection", "Geek Squad", "PayPal", "Best Buy"))
    phone = f"+1 ({c.num(800, 899)}) {c.num(200, 999)}-{c.num(1000, 9999)}"
    price = c.rng.choice(("399.99", "449.00", "299.95"))
    lines = [f"Invoice no: {c.token(8).upper()}", f"Product: {brand} - 3 years", f"Amount: ${price}",
             "Your subscription has been renewed and will be charged within 24 hours.",
             f"If you did not authorise this charge, call our billing desk: {phone}"]
    route, fname, faddr = send_as(c, "", f"billing@{c.token(6).lower()}.example")
    as_pdf = c.rng.random() < 0.5
    d = Draft(f"Order confirmation {c.token(6).upper()}", fname or brand, faddr, [("", c.rcpt.email)],
              "Thank you for your purchase." if as_pdf else "\n".join(lines), lang="en", mailer="none",
              files=[file_part("Invoice.pdf", "application/pdf", pdf(lines, c.rng))] if as_pdf else [])
    return d, route, "fake renewal asking the victim to phone a number (no link)"


T_JOB = {
    "en": ("Remote position: payment processing assistant", "Hello,\n\nWe are an international logistics company "
           "looking for a part-time assistant in your area to receive and forward customer payments. 2-3 hours "
           "a day, 2,500 EUR per month plus commission. No experience needed. Reply with your CV and phone.\n\nHR"),
    "es": ("Oferta de empleo desde casa", "Hola,\n\nBuscamos personas para gestionar pagos de clientes desde casa. "
           "1.800 € al mes. Responda con su nombre y teléfono."),
    "pt": ("Vaga remota - assistente financeiro", "Olá,\n\nProcuramos assistente para receber e reencaminhar "
           "pagamentos. 2.000 € por mês. Responda com o seu contacto."),
}


@family("job_mule", "spam", "scam", "*", "en es pt", 7)
def job_mule(c: Ctx) -> tuple[Draft, Route, str]:
    subj, text = c.pick(T_JOB)  # type: ignore[misc]
    route, fname, faddr = send_as(c, "Recruitment Team", f"careers@{c.token(6).lower()}-logistics.example")
    d = Draft(subj, fname, faddr, [("", c.rcpt.email)], text, lang=c.lang, mailer="none", bcc=victims(c, 10, 60),
              reply_to=("HR", f"hr.{c.token(4).lower()}@{c.rng.choice(FREEMAIL)}"))
    return d, route, "money-mule job offer"


T_TASK = {
    "en": "Hi! I'm Jessica from the recruitment team. We found your profile online. Earn $300-800 a day by rating "
          "products from your phone, 60-90 minutes a day. Add me on WhatsApp +44 7{n} to start today.",
    "es": "Hola, soy Laura. Gana de 200 a 500 € al día valorando productos desde tu móvil. Escríbeme por WhatsApp "
          "+34 6{n}.",
    "pt": "Olá! Ganhe entre 200 e 600 € por dia a avaliar vídeos. Fale comigo no WhatsApp +351 9{n}.",
    "tr": "Merhaba! Telefonunuzdan ürün değerlendirerek günde 3.000 TL kazanın. WhatsApp: +90 5{n}",
}


@family("task_scam", "spam", "scam", "*", "en es pt tr", 7)
def task_scam(c: Ctx) -> tuple[Draft, Route, str]:
    text = str(c.pick(T_TASK)).format(n=c.num(100000000, 999999999))
    route, fname, faddr = send_as(c, c.rng.choice(("Jessica", "Laura M.", "Recruiting")), f"{c.token(7).lower()}@"
                                  f"{c.rng.choice(FREEMAIL)}")
    d = Draft(c.rng.choice(("Part-time job", "Hi", "Oferta", "Trabalho", "İş fırsatı")), fname, faddr,
              [("", c.rcpt.email)], text, lang=c.lang, mailer="none")
    return d, route, "short task-scam text pointing to a messenger number"


T_ROM = {
    "en": "Hello dear,\n\nI hope you don't mind me writing. I saw your profile and felt I should say hello. I am "
          "Anna, 34, a nurse working abroad. I am looking for a serious and honest man. Please write me on my "
          "private email {mail} and I will send you my photos.\n\nAnna",
    "ru": "Привет! Меня зовут Катя, мне 29 лет. Я ищу серьёзные отношения. Напиши мне на {mail}, я пришлю фото.",
}


@family("romance", "spam", "scam", "*", "en ru", 6)
def romance(c: Ctx) -> tuple[Draft, Route, str]:
    mail = f"{c.rng.choice(('anna', 'katya', 'sweet'))}{c.num(80, 99)}@{c.rng.choice(FREEMAIL)}"
    route, fname, faddr = send_as(c, c.pick({"en": "Anna", "ru": "Катя"}), f"{c.token(6).lower()}@{c.acct.main_domain}")  # type: ignore[arg-type]
    files = [image_part(c.rng, "me.png", size=80)] if c.rng.random() < 0.5 else []
    d = Draft(c.pick({"en": "Hello from Anna", "ru": "Привет)"}), fname, faddr, [("", c.rcpt.email)],  # type: ignore[arg-type]
              str(c.pick(T_ROM)).format(mail=mail), lang=c.lang, files=files, mailer="none")
    return d, route, "romance opener"


@family("pharma", "spam", "bulk", "*", "en de", 7)
def pharma(c: Ctx) -> tuple[Draft, Route, str]:
    link = lure(c, "rxpharm")
    words = c.pick({"en": ("Men's health: up to 80% off", ["Generic tabs from $0.89. No prescription needed. "
                           "Discreet worldwide shipping."], "Order now"),
                    "de": ("Potenzmittel ohne Rezept", ["Diskreter Versand, bis zu 80 % günstiger."], "Bestellen")})
    subj, paras, btn = words  # type: ignore[misc]
    route, fname, faddr = send_as(c, "", f"{c.token(6).lower()}@{c.acct.main_domain}", c.rng.choice(("script", "cron")))
    cid = f"{c.token(8)}@x"
    image_only = c.rng.random() < 0.5
    html = (f'<a href="{link}"><img src="cid:{cid}" width="500"></a>' if image_only
            else layout(c.rng, c.lang, paras, button=(btn, link)))
    d = Draft(subj, fname or "Rx Store", faddr, [("", c.rcpt.email)], None if image_only else
              text_with_links(paras, (btn, link)), html, lang=c.lang, mailer="none", bcc=victims(c, 20, 90),
              inline=[image_part(c.rng, "offer.png", cid, size=90)] if image_only else [])
    return d, route, "pharma spam, sometimes image-only"


T_LOAN = {
    "pl": ("Pożyczka do 15 000 zł bez BIK", ["Decyzja w 15 minut, pieniądze na koncie jeszcze dziś.",
           "Pierwsza pożyczka za 0 zł."], "Sprawdź ofertę"),
    "ru": ("Займ до 30 000 ₽ за 5 минут", ["Без справок и поручителей. Одобрение 99%."], "Получить займ"),
    "es": ("Préstamo de hasta 5.000 € sin papeleos", ["Respuesta inmediata, aunque esté en ASNEF."],
           "Solicitar"),
    "en": ("Approved: up to $5,000 today", ["Bad credit OK. Funds as soon as tomorrow."], "See my offer"),
}


@family("loan_spam", "spam", "bulk", "*", "pl ru es en", 7)
def loan_spam(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_LOAN)  # type: ignore[misc]
    link = f"https://{c.rng.choice(('bit.example', 'tinyurl.example'))}/{c.token(7)}"
    route, fname, faddr = send_as(c, c.rng.choice(("Kredyt24", "Zaim Online", "Finanzas Rápidas", "LoanDesk")),
                                  f"oferta@{c.token(6).lower()}.example", c.rng.choice(("script", "cron")))
    unsub = f"https://{c.token(6).lower()}.example/u?e={c.rcpt.email}"
    d = Draft(subj, fname, faddr, [("", c.rcpt.email)], text_with_links(paras, (btn, link), [unsub]),
              layout(c.rng, c.lang, paras, brand=fname, button=(btn, link), footer=[unsub]), lang=c.lang,
              mailer="none", headers=[("List-Unsubscribe", f"<{unsub}>")], bcc=victims(c, 20, 90))
    return d, route, "payday loan spam with a fake List-Unsubscribe"


T_SEO = {
    "en": ("Re: {dom} website ranking", "Hi,\n\nI was checking {dom} and noticed it isn't showing on page 1 of "
           "Google for your main keywords. We can fix that in 30 days: first page guaranteed, monthly plans from "
           "$199. Can I send you a free audit?\n\nBest,\nKaren\nDigital Growth Consultant"),
    "it": ("Il vostro sito {dom}", "Buongiorno,\n\nho analizzato {dom}: ci sono 27 errori SEO che vi fanno perdere "
           "clienti. Posso inviarvi un report gratuito?\n\nLuca"),
    "pt": ("Proposta para {dom}", "Olá,\n\nO site {dom} não aparece nas primeiras posições. Oferecemos artigos "
           "patrocinados e backlinks de alta autoridade. Posso enviar os preços?"),
}


@family("seo_outreach", "spam", "bulk", "*", "en it pt", 7)
def seo_outreach(c: Ctx) -> tuple[Draft, Route, str]:
    subj, text = c.pick(T_SEO)  # type: ignore[misc]
    dom = c.rng.choice(("northwind.example", "contoso.example", "fabrikam.example", "lakeside-bnb.example"))
    route, fname, faddr = send_as(c, c.rng.choice(("Karen Miles", "Luca", "Growth Team")),
                                  f"{c.token(5).lower()}@{c.token(6).lower()}.example")
    d = Draft(subj.format(dom=dom), fname, faddr, [("", f"info@{dom}")], text.format(dom=dom), lang=c.lang,
              mailer=c.rng.choice(("none", "outlook")),
              reply_to=(fname, f"{c.token(6).lower()}@{c.rng.choice(FREEMAIL)}"))
    return d, route, "cold SEO / backlink outreach"


@family("form_relay_spam", "spam", "bulk", "*", "en ru zh", 8)
def form_relay_spam(c: Ctx) -> tuple[Draft, Route, str]:
    """A contact form on an unpatched site used as a relay: the 'visitor' puts the victim in the email field."""
    payload = c.pick({"en": f"Hello! Your payment of $950 is waiting. Confirm your details here: {lure(c, 'payout')}",
                      "ru": f"Привет! Вам начислен бонус 120 000 ₽. Заберите здесь: {lure(c, 'bonus')}",
                      "zh": f"恭喜您获得888元现金红包，点击领取：{lure(c, 'hongbao')}"})
    victim = c.rcpt.email
    text = (f"Name: {payload}\nEmail: {victim}\nMessage:\n{payload}\n\n--\nThis e-mail was sent from a contact "
            f"form on {c.acct.main_domain}")
    subj = c.pick({"en": f"{c.acct.name} \"{str(payload)[:40]}\"", "ru": "Ваш бонус", "zh": "红包到账通知"})
    d = Draft(str(subj), c.acct.name, f"wordpress@{c.acct.main_domain}", [("", victim)], text, lang=c.lang,
              mailer="wordpress", reply_to=("", f"{c.token(6).lower()}@{c.rng.choice(FREEMAIL)}"))
    return d, routes.site_script(c, routes.PLUGINS[0]), "spam relayed through the site's own contact form"


T_PRIZE = {
    "en": ("Congratulations! You've been selected", ["Complete our 30-second survey and claim your Dyson V15 for "
           "just $1.95 shipping.", "Only 3 rewards left today."], "Claim reward"),
    "fr": ("Félicitations, vous avez gagné !", ["Répondez à 3 questions et recevez votre iPhone 17 pour 2 € de "
           "frais de port."], "Je participe"),
    "de": ("Sie wurden ausgewählt!", ["Nehmen Sie an unserer Umfrage teil und erhalten Sie einen Lidl-Gutschein "
           "über 500 €."], "Jetzt teilnehmen"),
}


@family("prize_survey", "spam", "scam", "*", "en fr de", 7)
def prize_survey(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_PRIZE)  # type: ignore[misc]
    link = lure(c, "rewards")
    route, fname, faddr = send_as(c, c.rng.choice(("Rewards Center", "Customer Survey", "Lidl Gewinnspiel")),
                                  f"promo@{c.token(7).lower()}.example", c.rng.choice(("script", "cron")))
    cid = f"{c.token(8)}@p"
    d = Draft(subj, fname, faddr, [("", c.rcpt.email)], text_with_links(paras, (btn, link)),
              layout(c.rng, c.lang, paras, brand=fname, button=(btn, link), image=f"cid:{cid}"), lang=c.lang,
              inline=[image_part(c.rng, "prize.png", cid, size=72)], mailer="none", bcc=victims(c, 20, 90))
    return d, route, "survey prize lure"


T_CASINO = {
    "de": ("500 € Willkommensbonus + 200 Freispiele", ["Nur heute: Ihr exklusiver Bonus wartet.",
           "Ohne Einzahlung spielen."], "Bonus sichern"),
    "ru": ("Бонус 500% на первый депозит", ["Зарегистрируйся сегодня и получи 200 фриспинов."], "Играть"),
    "tr": ("Deneme bonusu: 500 TL bedava", ["Hemen üye ol, yatırımsız bonusunu al."], "Giriş yap"),
    "en": ("Your 200 free spins expire tonight", ["Claim them before midnight."], "Spin now"),
}


@family("casino_spam", "spam", "bulk", "*", "de ru tr en", 7)
def casino_spam(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_CASINO)  # type: ignore[misc]
    link = lure(c, "casino")
    route, fname, faddr = send_as(c, c.rng.choice(("Vulkan Bet", "Lucky Spin", "Casino Royale VIP")),
                                  f"vip@{c.token(6).lower()}.example", c.rng.choice(("script", "cron", "mailbox")))
    d = Draft(subj, fname, faddr, [("", c.rcpt.email)], None, layout(c.rng, c.lang, paras, brand=fname,
                                                                      button=(btn, link)), lang=c.lang,
              mailer="none", bcc=victims(c, 20, 90))
    return d, route, "casino bonus spam, HTML only"


@family("zh_invoice_spam", "spam", "bulk", "*", "zh", 6)
def zh_invoice_spam(c: Ctx) -> tuple[Draft, Route, str]:
    text = c.rng.choice(("您好！本公司可代开各地增值税发票，点数优惠，可验证后付款。联系人：王经理 电话：13{n}",
                         "诚信代开各类发票，普票专票均可，量大从优。微信：fp{n}"))
    route, fname, faddr = send_as(c, "王经理", f"{c.token(8).lower()}@{c.acct.main_domain}", "script")
    d = Draft(c.rng.choice(("合作", "您好", "财务咨询", "Re: 发票")), fname, faddr, [("", c.rcpt.email)],
              text.format(n=c.num(100000000, 999999999)), lang="zh", mailer="none",
              charset=c.rng.choice(("gb2312", "gbk", "gb18030")), bcc=victims(c, 10, 60))
    return d, route, "Chinese fake-invoice service spam"


@family("ar_visa_scam", "spam", "scam", "*", "ar", 6)
def ar_visa_scam(c: Ctx) -> tuple[Draft, Route, str]:
    text = c.rng.choice(("مبروك! تم اختيارك للحصول على تأشيرة عمل في كندا براتب 4500 دولار شهرياً. لإكمال الطلب "
                         "ادفع رسوم المعالجة 150 دولاراً عبر الرابط: {l}",
                         "عزيزي العميل، تم تجميد بطاقتك البنكية مؤقتاً. يرجى تحديث بياناتك خلال 24 ساعة: {l}"))
    route, fname, faddr = send_as(c, c.rng.choice(("مكتب التوظيف", "خدمة العملاء")),
                                  f"info@{c.token(6).lower()}.example")
    t = text.format(l=lure(c, "visa"))
    d = Draft(c.rng.choice(("تهانينا - تأشيرة عمل", "تنبيه أمني عاجل")), fname, faddr, [("", c.rcpt.email)], t,
              f'<div dir="rtl">{t}</div>' if c.rng.random() < 0.5 else None, lang="ar", mailer="none")
    return d, route, "Arabic work-visa fee or card-freeze scam"


@family("stock_pump", "spam", "bulk", "*", "en", 6)
def stock_pump(c: Ctx) -> tuple[Draft, Route, str]:
    ticker = c.rng.choice(("QBTX", "NVLR", "HMPX", "ZYNR"))
    text = (f"MARKET ALERT\n\nOur analysts have identified {ticker} as the most undervalued small cap of the quarter. "
            f"A major partnership announcement is expected within days. Current price: ${c.rng.randint(1, 3)}."
            f"{c.rng.randint(10, 99)} - short-term target: ${c.rng.randint(6, 12)}.00\n\nThis window will not stay "
            "open. Do your own due diligence, but act fast.\n\nJoin the free Telegram group for live alerts.")
    route, fname, faddr = send_as(c, "Small Cap Insider", f"alerts@{c.token(6).lower()}.example",
                                  c.rng.choice(("script", "cron")))
    d = Draft(f"{ticker}: the stock insiders are buying before the news", fname, faddr, [("", c.rcpt.email)], text,
              lang="en", mailer="none", bcc=victims(c, 30, 120))
    return d, route, "pump-and-dump stock tip"
