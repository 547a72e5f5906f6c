
"""Legitimate business mail of set D: invoices and quotes with PDFs, letters, proposals, recruiting, property and
car dealers, and a small web host's billing notices to its clients (they look like phishing and are real)."""

from __future__ import annotations

from bench.modern_mail_d.compose import draft_for, family, html_mail, mailbox, money, shape, text_mail
from bench.modern_mail_d.files import pdf
from bench.modern_mail_d.sending import Ctx
from bench.modern_mail_d.world import ACCOUNTS, COMPANIES
from bench.modern_mail_d.writer import File

INVOICE = {
    "en": ("pixfor", "Invoice {n} from {co}", "Hi {first},\n\nPlease find attached invoice {n} for {what}, "
           "{amt}, due on {due}. Bank details are on the invoice; card payments are fine too.\n\nThanks again for "
           "the work this month.", "Invoice", ("website maintenance (October)", "the logo refresh", "hosting and "
                                              "support, Q4")),
    "pt": ("ferrconta", "Fatura {n} - {co}", "Bom dia {first},\n\nSegue em anexo a fatura {n} relativa a {what}, "
           "no valor de {amt}, com vencimento a {due}.\n\nQualquer dúvida, estamos ao dispor.", "Fatura",
           ("serviços de contabilidade de outubro", "declaração de IVA trimestral", "processamento salarial")),
    "de": ("weberstb", "Ihre Rechnung {n}", "Sehr geehrte/r {first},\n\nanbei erhalten Sie unsere Rechnung {n} "
           "über {amt} für {what}. Bitte überweisen Sie den Betrag bis zum {due}.\n\nMit freundlichen Grüßen",
           "Rechnung", ("die Erstellung des Jahresabschlusses 2024", "die Lohnbuchhaltung November",
                        "die Umsatzsteuervoranmeldung")),
    "pl": ("kowauto", "Faktura VAT nr {n}", "Dzień dobry,\n\nw załączeniu przesyłamy fakturę VAT nr {n} za {what} "
           "na kwotę {amt}. Termin płatności: {due}.\n\nPozdrawiamy", "Faktura",
           ("przegląd okresowy pojazdu", "wymianę opon zimowych", "naprawę układu hamulcowego")),
    "es": ("sonrisa", "Factura {n} - Clínica Dental Sonrisa", "Hola {first}:\n\nAdjuntamos la factura {n} "
           "correspondiente a {what}, por un importe de {amt}. Ya consta como pagada con tarjeta.\n\nUn saludo",
           "Factura", ("la limpieza dental del 12 de noviembre", "la revisión anual", "el blanqueamiento")),
}


@family("ham", "invoice", 11)
def f_invoice_pdf(ctx: Ctx, i: int) -> None:
    lang = ("en", "pt", "de", "pl", "es")[i % 5]
    user, subj, body, word, whats = INVOICE[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang, ctx.pick(COMPANIES) if ctx.chance(0.5) else "")
    n = f"{ctx.pick(('INV-', 'FT ', 'RE-', 'FV/', 'F'))}{2025}-{ctx.rng.randint(100, 999)}"
    amt = money(ctx.rng.randint(80, 4200) + 0.5 * ctx.rng.randint(0, 1), a.currency)
    what = ctx.pick(whats)
    due = ctx.pick(("30/11/2025", "15.12.2025", "January 10, 2026", "2026-01-31"))
    who = mailbox(a, i % 2)
    d = draft_for(ctx, lang, subj.format(n=n, co=a.name), who[0], who[1], [(c.name, c.email)])
    d.text = body.format(first=c.first, n=n, amt=amt, what=what, due=due) + f"\n\n{who[0]}\n{a.name}\n{a.phone}\n"
    d.files.append(File(f"{word}_{n.replace('/', '-').replace(' ', '')}.pdf", "application/pdf",
                        pdf([a.name, a.address, a.tax_id, f"{word} {n}", what, amt, due])))
    ctx.send(lang=lang, draft=d, account=user, mode=ctx.pick(("auth", "auth", "webmail")),
             agent=ctx.pick(("outlook", "thunderbird", "apple", "roundcube")), notes="invoice with a PDF")


@family("ham", "invoice", 10)
def f_quote_statement(ctx: Ctx, i: int) -> None:
    lang = ("en", "it", "pt", "de", "en")[i % 5]
    user = {"en": "pixfor", "it": "mosaico", "pt": "alfamast", "de": "weberstb"}[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang, ctx.pick(COMPANIES))
    n = ctx.rng.randint(40, 400)
    amt = money(ctx.rng.randint(600, 9000), a.currency)
    t = {"en": (f"Quote Q-{n}: website redesign", f"Hi {c.first},\n\nAs promised, here's our quote for the "
                f"redesign ({amt} in three milestones). It's valid for 30 days. Happy to jump on a call to go "
                "through it.", "Quote", "Account statement"),
         "it": (f"Preventivo n. {n} - nuovo sito", f"Buongiorno {c.first},\n\nin allegato il preventivo per il "
                f"nuovo sito e-commerce, per un totale di {amt} + IVA. Restiamo a disposizione per qualsiasi "
                "chiarimento.", "Preventivo", "Estratto conto"),
         "pt": (f"Orçamento {n} - estadia de grupo", f"Olá {c.first},\n\nEnviamos em anexo o orçamento para o grupo "
                f"de 12 pessoas em março: {amt}, pequeno-almoço incluído. A reserva fica garantida com 30% de "
                "sinal.", "Orcamento", "Extrato"),
         "de": (f"Kontoauszug Mandant {n}", f"Guten Tag {c.first},\n\nanbei Ihr Kontoauszug zum Quartalsende. Der "
                f"offene Saldo beträgt {amt}. Bitte prüfen Sie die Posten und melden Sie sich bei Rückfragen.",
                "Kontoauszug", "Kontoauszug")}[lang]
    statement = i >= 5 and lang == "en"
    subj = f"Statement of account - {ctx.pick(('October', 'November', 'Q4'))}" if statement else t[0]
    body = (f"Hi {c.first},\n\nAttached is your statement. The balance of {amt} is due within 14 days." if statement
            else t[1])
    who = mailbox(a, 0 if not statement else 1)
    d = draft_for(ctx, lang, subj, who[0], who[1], [(c.name, c.email)])
    d.text = body + f"\n\n{who[0]}\n{a.name}\n"
    d.files.append(File(f"{t[3] if statement else t[2]}-{n}.pdf", "application/pdf",
                        pdf([a.name, subj, amt, a.address])))
    ctx.send(lang=lang, draft=d, account=user, mode="auth", agent=ctx.pick(("outlook", "thunderbird", "apple")),
             notes="quote or statement with a PDF")


LETTER = {
    "de": ("weberstb", ["Unterlagen für die Steuererklärung 2025", "Terminbestätigung am Donnerstag"],
           "Sehr geehrte Frau {last},\n\nvielen Dank für Ihre Unterlagen. Für die Einkommensteuererklärung fehlen uns "
           "noch die Bescheinigung Ihrer Krankenkasse sowie die Nebenkostenabrechnung. Sie können beides gern als "
           "Scan per E-Mail schicken.\n\nMit freundlichen Grüßen\n{me}"),
    "pl": ("plombex", ["Potwierdzenie terminu naprawy", "Oferta na wymianę pionów"],
           "Dzień dobry,\n\npotwierdzam termin w środę o 9:00. Prosimy o zapewnienie dostępu do łazienki i piwnicy. "
           "Koszt wymiany zaworu to około 250 zł plus materiał.\n\nPozdrawiam\n{me}"),
    "pt": ("ferrconta", ["Documentos em falta - IRS 2025", "Reunião de fecho de ano"],
           "Cara Sra. {last},\n\nPara concluirmos o fecho do ano precisamos ainda das faturas de dezembro e do "
           "extrato bancário. Podemos marcar a reunião para a próxima terça às 15h?\n\nCumprimentos\n{me}"),
    "en": ("quillon", ["Re: supplier onboarding", "Contract renewal - next steps"],
           "Dear {first},\n\nThank you for sending the signed contract. I've countersigned it and our finance team "
           "will set you up as a supplier this week; the first purchase order should follow by Friday.\n\nKind "
           "regards,\n{me}"),
}


@family("ham", "letter", 10)
def f_business_letter(ctx: Ctx, i: int) -> None:
    lang = ("de", "pl", "pt", "en", "en")[i % 5]
    user, subjects, body = LETTER[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang, ctx.pick(COMPANIES) if lang == "en" else "")
    who = mailbox(a, 0)
    last = c.name.split()[-1]
    d = draft_for(ctx, lang, ctx.pick(subjects), who[0], who[1], [(c.name, c.email)])
    d.text = body.format(first=c.first, last=last, me=who[0]) + (f"\n{a.name}\n{a.address}\n{a.phone}\n"
                                                                 if a.address else "\n")
    if ctx.chance(0.4):
        d.html = "<html><body><div>" + d.text.replace("\n", "<br>\n") + "</div></body></html>"
    ctx.send(lang=lang, draft=d, account=user, mode=ctx.pick(("auth", "webmail")),
             agent=ctx.pick(("outlook", "thunderbird", "roundcube")), notes="business letter")


@family("ham", "letter", 10)
def f_proposal(ctx: Ctx, i: int) -> None:
    lang = ("en", "it", "pt", "en", "it")[i % 5]
    a = ACCOUNTS["pixfor" if lang == "en" else "mosaico"]
    c = ctx.person(lang, ctx.pick(COMPANIES))
    amt = money(ctx.rng.randint(2, 18) * 500, a.currency)
    t = {"en": ("Proposal: new booking site for {co}", "Hi {first},\n\nGreat talking yesterday. Attached is our "
                "proposal for the new booking site: discovery and design in weeks 1-3, build in weeks 4-8, launch "
                "mid-March. Fixed price {amt}, paid in three parts.\n\nIf anything in the scope looks off, tell me "
                "and I'll adjust it.\n\nDana"),
         "it": ("Proposta per il restyling del sito", "Ciao {first},\n\ncome d'accordo ti mando la nostra proposta: "
                "nuovo sito in WordPress, schede prodotto in tre lingue e collegamento al gestionale. Il costo è di "
                "{amt} + IVA, con consegna in otto settimane.\n\nFammi sapere se ci sentiamo giovedì.\n\nLuca"),
         "pt": ("Proposta de site e gestão de redes sociais", "Olá {first},\n\nConforme combinado, envio a nossa "
                "proposta para o novo site e a gestão das redes sociais durante seis meses. O investimento total é "
                "de {amt}.\n\nFico a aguardar o seu feedback.\n\nLuca Bianchi\nMosaico Web & Design")}[lang]
    co = c.email.split("@")[1].split(".")[0].replace("-", " ").title()
    d = draft_for(ctx, lang, t[0].format(co=co), *mailbox(a, 0), [(c.name, c.email)])
    d.text = t[1].format(first=c.first, amt=amt)
    if ctx.chance(0.7):
        d.files.append(File(f"Proposal-{co.replace(' ', '')}.pdf", "application/pdf", pdf([a.name, d.subject, amt])))
    ctx.send(lang=lang, draft=d, account=a.user, mode="auth", agent=ctx.pick(("apple", "thunderbird", "outlook")),
             notes="freelancer/agency proposal")


@family("ham", "letter", 10)
def f_recruiting(ctx: Ctx, i: int) -> None:
    lang = ("en", "nl", "en", "en", "nl")[i % 5]
    a = ACCOUNTS["brennan"]
    c = ctx.person(lang)
    role = ctx.pick(("Senior Backend Engineer", "Finance Manager", "Product Designer", "Customer Success Lead"))
    variant = i % 3
    if lang == "nl":
        subj = f"Vacature {role} - interesse?"
        body = (f"Hoi {c.first},\n\nIk kwam je profiel tegen en denk dat de rol van {role} bij een van onze klanten "
                "in Amsterdam goed bij je past: hybride, 32-40 uur, goed salaris. Heb je deze week tijd voor een kort "
                "telefoontje?\n\nGroet,\nAoife Brennan\nBrennan Talent Partners")
    elif variant == 0:
        subj = f"{role} opportunity - quick chat?"
        body = (f"Hi {c.first},\n\nI'm recruiting a {role} for a fintech client in Dublin (hybrid, two days in the "
                "office). Your background looks like a strong fit. Would you be open to a 15-minute call this week? "
                "No pressure either way.\n\nBest,\nAoife")
    elif variant == 1:
        subj = f"Interview confirmed: {role}, Tuesday 10:30"
        body = (f"Hi {c.first},\n\nThis confirms your interview for the {role} role on Tuesday at 10:30 (video call, "
                "link to follow from the client). It will be 45 minutes with the hiring manager and one engineer.\n\n"
                "Good luck!\nAoife")
    else:
        subj = f"Application: {role} - {c.name}"
        body = (f"Dear hiring team,\n\nPlease find attached my CV and cover letter for the {role} position. I have "
                "seven years of experience in a similar role and would welcome the chance to talk.\n\nKind regards,"
                f"\n{c.name}")
    who = mailbox(a, 0 if variant < 2 else 1)
    d = draft_for(ctx, lang, subj, who[0], who[1], [(c.name, c.email)])
    d.text = body
    if variant == 2 and lang == "en":  # a candidate's application, forwarded on to the client by the recruiter
        d.subject = "Fwd: " + subj
        d.text = (f"Hi all, CV below for the {role} shortlist.\n\n---------- Forwarded message ---------\nFrom: "
                  f"{c.name} <{c.email}>\nSubject: {subj}\n\n{body}")
        d.to = [("Hiring", f"hiring@{ctx.pick(COMPANIES)}")]
        d.files.append(File(f"CV_{c.name.replace(' ', '_')}.pdf", "application/pdf", pdf([c.name, role, "CV"])))
    ctx.send(lang=lang, draft=d, account=a.user, mode="auth", agent=ctx.pick(("outlook", "iphone")),
             notes="recruiter mail")


@family("ham", "newsletter", 10)
def f_realestate_car(ctx: Ctx, i: int) -> None:
    lang = ("nl", "pl", "nl", "pl", "en")[i % 5]
    a = ACCOUNTS["vandijkm" if lang == "nl" or i == 4 else "kowauto"]
    c = ctx.person(lang)
    if a.user == "vandijkm":
        price = money(ctx.rng.randint(29, 89) * 10000, "EUR")
        street = ctx.pick(("Biltstraat 118", "Nachtegaalstraat 4", "Twijnstraat 33A", "Kanaalweg 210"))
        subj, paras, btn = ((f"Nieuw in de verkoop: {street}", [f"Beste {c.first},", f"Op basis van uw zoekprofiel: "
                             f"{street}, Utrecht. Vraagprijs {price} k.k., 92 m², 3 kamers, energielabel A. De eerste "
                             "bezichtigingen zijn zaterdag; reageer snel, er is veel belangstelling."], "Bekijk woning")
                            if lang == "nl" else
                            (f"New listing: {street}", [f"Dear {c.first},", f"A new home matches your search: "
                             f"{street}, Utrecht, asking {price}. Viewings this Saturday."], "View listing"))
        url = f"https://{a.main_domain}/aanbod/{street.lower().replace(' ', '-')}"
    else:
        car = ctx.pick(("Skoda Octavia Combi 2.0 TDI", "Toyota Corolla Hybrid", "Kia Sportage 1.6 T-GDI"))
        price = money(ctx.rng.randint(68, 169) * 1000, "PLN")
        subj, paras, btn = ((f"{car} - oferta specjalna do końca miesiąca", [f"Dzień dobry {c.first},",
                             f"Dziękujemy za jazdę próbną. Przygotowaliśmy dla Pana/Pani ofertę: {car}, cena "
                             f"{price} brutto, leasing od 1 199 zł netto/mies. Oferta ważna do końca miesiąca."],
                             "Zobacz ofertę") if lang == "pl" else
                            (f"Your service is due: {car}", [f"Hello {c.first},", "Your car is due for its annual "
                             "inspection. Book online or call us to pick a time."], "Book service"))
        url = f"https://{a.main_domain}/oferta/{ctx.token(6).lower()}"
    d = draft_for(ctx, lang, subj, *mailbox(a, 1), [(c.name, c.email)])
    shape(ctx, d, text_mail(paras, link_line=f"{btn}: {url}", footer=[a.name, a.phone]),
          html_mail(lang, a.name, paras, button=(btn, url), footer=[a.name, a.address, a.phone]), (1, 1, 2))
    ctx.send(lang=lang, draft=d, account=a.user, mode=ctx.pick(("script", "auth")), agent="phpmailer",
             notes="real estate or car dealer offer")


HOST_NOTICES = (
    ("Invoice #{n} is due in 3 days", "This is a reminder that invoice #{n} for {amt} is due on {due}. If your card "
     "is on file it will be charged automatically; otherwise please pay from the client area.", "Pay invoice"),
    ("Your card on file expires soon", "The Visa card ending in {last4} that we use for your hosting renewals "
     "expires at the end of this month. Please update it in the client area so your services are not interrupted.",
     "Update payment method"),
    ("Domain renewal notice: {dom}", "Your domain {dom} expires on {due}. It is set to auto-renew for {amt}. If you "
     "no longer need it, you can turn off auto-renew in the client area.", "Manage domain"),
    ("Payment received - thank you", "We received your payment of {amt} for invoice #{n}. No action is needed.",
     "View invoice"),
    ("Overdue: invoice #{n}", "Invoice #{n} ({amt}) is now 7 days overdue. Please pay it by {due} to avoid "
     "suspension of your hosting account. If you have already paid, please ignore this message.", "Pay now"),
    ("Scheduled maintenance on cp14 - Sunday 02:00", "We'll be upgrading the server hosting your site this "
     "Sunday between 02:00 and 03:00 Atlantic time. Expect a few minutes of downtime for email and websites.",
     "Status page"),
)


@family("ham", "account", 12)
def f_host_billing(ctx: Ctx, i: int) -> None:
    agency = i % 3 == 2
    a = ACCOUNTS["pixfor" if agency else "harborh"]
    c = ctx.person("en", ctx.pick(COMPANIES) if ctx.chance(0.5) else "")
    subj, body, btn = HOST_NOTICES[i % len(HOST_NOTICES)]
    dom = c.email.split("@")[1] if "example.com" in c.email else ctx.pick(("rosehip-yoga.example.org",
                                                                            "cafe-marlo.example.com"))
    f = {"n": ctx.rng.randint(20000, 99999), "amt": money(ctx.pick((14.99, 89.0, 119.4, 240.0)), a.currency),
         "due": ctx.pick(("November 30, 2025", "December 14, 2025", "January 5, 2026")), "last4": ctx.digits(4),
         "dom": dom}
    area = f"https://{a.addon_domains[0] if agency else a.main_domain}/clientarea.php?action=invoices"
    paras = [f"Dear {c.first},", body.format(**f), f"Thank you,\n{a.name}"]
    d = draft_for(ctx, "en", subj.format(**f), *mailbox(a, 0 if not agency else 1), [(c.name, c.email)])
    shape(ctx, d, text_mail(paras, link_line=f"{btn}: {area}", footer=[a.address]),
          html_mail("en", a.name, paras, button=(btn, area), footer=[a.address, a.phone], color="#0b3d91"), (2, 1, 2))
    ctx.send(lang="en", draft=d, account=a.user, mode="script", agent="whmcs",
             script=f"{a.main_domain}/billing/crons/cron.php", notes="web host billing notice to a client")
