# ruff: noqa: RUF001, E501 - text in other scripts keeps its own letters and punctuation; sentences stay whole
"""Bad mail of set D without a malicious file: phishing of every brand and shape, BEC, callback and delivery scams,
extortion and advance-fee scams. All of it leaves the server from a stolen mailbox (authenticated, From on the
account's own domain) or from a hacked PHP script (any From it likes), to lists of outside recipients."""

from __future__ import annotations

from dataclasses import dataclass

from bench.modern_mail_d.compose import draft_for, family, html_mail, shape, text_mail
from bench.modern_mail_d.sending import Ctx
from bench.modern_mail_d.world import ACCOUNTS, COMPANIES
from bench.modern_mail_d.writer import Draft

#: Mailboxes whose password was phished or guessed, and sites whose outdated plugins run a mailer now.
STOLEN = ("ferrconta", "stmarks", "kowauto", "brightp", "jmartin", "greenlf", "cedarcl", "hopeland", "rovers",
          "alfamast", "sonrisa", "plombex")
HACKED = ("oldpress", "hopeland", "plombex", "nonnatr", "vandijkm", "alnoorbk", "yildizvet", "tessaro", "lunebake")
DROP_SCRIPTS = ("wp-content/uploads/2023/07/class-wp-mailer.php", "wp-includes/js/tinymce/skins/lighter.php",
                "wp-content/plugins/hello-dolly/x.php", ".well-known/acme/mail.php", "images/stories/gallery.php")
#: Landing hosts: attacker domains (RFC 2606 .invalid/.test) and the public services phishers really use.
ATTACKER = ("login-m365-verify.invalid", "secure-docs-portal.test", "auth-session-renew.invalid",
            "account-validate-center.test", "mailbox-upgrade.invalid", "shared-file-view.test")
SHORT = ("bit.ly", "t.co", "tinyurl.com", "is.gd", "rb.gy", "cutt.ly")
CLOUD = ("storage.googleapis.com", "firebasestorage.googleapis.com", "pub-3f1a.r2.dev", "ipfs.io",
         "cloudflare-ipfs.com", "sites.google.com", "docs.google.com", "1drv.ms", "form.jotform.com",
         "weebly.com", "wixsite.com", "glitch.me", "pages.dev", "netlify.app", "s3.amazonaws.com")


@dataclass(slots=True)
class Origin:
    account: str
    mode: str  # stolen or script
    from_addr: str
    mail_from: str
    script: str


def origin(ctx: Ctx, i: int, brand_local: str = "no-reply") -> Origin:
    """Where one bad message comes from: a stolen mailbox (even i) or a hacked script (odd i)."""
    if i % 2 == 0:
        a = ACCOUNTS[ctx.pick(STOLEN)]
        local = a.people[min(len(a.people) - 1, ctx.rng.randrange(len(a.people)))][1]
        addr = f"{local}@{a.main_domain}"
        return Origin(a.user, "stolen", addr, addr, "")
    a = ACCOUNTS[ctx.pick(HACKED)]
    dom = a.main_domain if ctx.chance(0.6) else ctx.pick(ATTACKER)
    addr = f"{brand_local}@{dom}"
    mf = ctx.pick((f"{a.user}@cp14.harborline-hosting.example.net", addr))
    return Origin(a.user, "script", addr, mf, f"{a.main_domain}/{ctx.pick(DROP_SCRIPTS)}")


def landing(ctx: Ctx, o: Origin, kind: str = "any") -> str:
    """A phishing landing URL: on the hacked site itself, an attacker domain, a shortener or a cloud host."""
    k = kind if kind != "any" else ctx.pick(("site", "attacker", "attacker", "cloud", "short"))
    t = ctx.token(ctx.rng.randint(6, 14))
    if k == "site" and o.mode == "script":
        return f"https://{ACCOUNTS[o.account].main_domain}/wp-content/uploads/{t.lower()}/index.php?e=$email"
    if k == "short":
        return f"https://{ctx.pick(SHORT)}/{t}"
    if k == "cloud":
        host = ctx.pick(CLOUD)
        if host in ("ipfs.io", "cloudflare-ipfs.com"):
            return f"https://{host}/ipfs/bafybei{ctx.token(46, 'abcdefghijklmnopqrstuvwxyz234567')}?filename=doc.html"
        if host in ("weebly.com", "wixsite.com", "glitch.me", "pages.dev", "netlify.app"):
            return f"https://{t.lower()}-{ctx.token(4).lower()}.{host}/"
        return f"https://{host}/{t.lower()}/{ctx.token(8)}.html#{ctx.token(10)}"
    return f"https://{ctx.pick(ATTACKER)}/{t}?u={ctx.token(16)}"


def victims(ctx: Ctx, n: int | None = None, lang: str = "en") -> list[str]:
    """A slice of someone's address book or a bought list."""
    n = n or ctx.rng.randint(3, 40)
    return [ctx.person(lang, ctx.pick(COMPANIES) if ctx.chance(0.3) else "").email for _ in range(n)]


def send_bad(ctx: Ctx, i: int, lang: str, d: Draft, o: Origin, notes: str, n: int | None = None) -> None:
    """Send one bad message to victims (Bcc style when there are many)."""
    rcpts = victims(ctx, n, lang)
    if len(rcpts) > 1 and ctx.chance(0.6):
        d.to_header = ctx.pick(("undisclosed-recipients:;", d.to_header or "", f"<{rcpts[0]}>")) or \
            "undisclosed-recipients:;"
    if not d.to:
        d.to = [("", rcpts[0])]
    agent = "phpmailer" if o.mode == "script" else ctx.pick(("outlook", "roundcube", "thunderbird", "iphone"))
    ctx.send(lang=lang, draft=d, account=o.account, mode=o.mode, agent=agent, mail_from=o.mail_from,
             script=o.script, recipients=rcpts, notes=notes)


def lure(ctx: Ctx, i: int, lang: str, *, subj: str, paras: list[str], brand: str, button: str, from_name: str,
         kind: str = "any", brand_local: str = "no-reply", color: str = "#0078d4", notes: str = "",
         weights: tuple[int, int, int] = (1, 2, 2), footer: list[str] | None = None) -> None:
    """The common phishing shape: a brand's look, a few sentences, one button to a landing page."""
    o = origin(ctx, i, brand_local)
    url = landing(ctx, o, kind)
    v = ctx.person(lang)
    paras = [p.format(first=v.first, email=v.email, user=v.email.split("@")[0], domain=v.email.split("@")[1])
             for p in paras]
    d = draft_for(ctx, lang, subj.format(domain=v.email.split("@")[1], user=v.email.split("@")[0], n=ctx.digits(5)),
                  from_name.replace("{domain}", v.email.split("@")[1]), o.from_addr,
                  [(v.name if ctx.chance(0.3) else "", v.email)])
    shape(ctx, d, text_mail(paras, link_line=f"{button}: {url}"),
          html_mail(lang, brand, paras, button=(button, url), color=color,
                    footer=footer or [f"© 2025 {brand}. All rights reserved."]), weights)
    send_bad(ctx, i, lang, d, o, notes or f"{brand} lure")


@family("spam", "phishing", 6)
def f_phish_m365(ctx: Ctx, i: int) -> None:
    lang = ("en", "de", "fr", "en", "en", "de")[i]
    t = {"en": ("Action required: your password for {user} expires today", ["Hello {first},", "The password for "
                "your Microsoft 365 account {email} expires today. To keep using Outlook, Teams and OneDrive without "
                "interruption, confirm your current password below.", "This takes less than a minute."],
                "Keep current password"),
         "de": ("Ihr Microsoft 365-Konto wird heute gesperrt", ["Hallo {first},", "wir haben ungewöhnliche "
                "Anmeldeaktivitäten für {email} festgestellt. Bitte bestätigen Sie Ihre Identität, andernfalls wird "
                "das Konto aus Sicherheitsgründen heute gesperrt."], "Identität bestätigen"),
         "fr": ("Vous avez 4 messages en attente sur Outlook", ["Bonjour {first},", "4 messages adressés à {email} "
                "n'ont pas été remis en raison d'une erreur de synchronisation. Connectez-vous pour les récupérer "
                "avant leur suppression automatique."], "Récupérer les messages")}[lang]
    lure(ctx, i, lang, subj=t[0], paras=t[1], brand="Microsoft 365", button=t[2],
         from_name=ctx.pick(("Microsoft 365", "Microsoft account team", "IT Helpdesk", "Outlook Web Access")),
         notes="Microsoft 365 credential phishing")


@family("spam", "phishing", 6)
def f_phish_gworkspace(ctx: Ctx, i: int) -> None:
    lang = "it" if i % 3 == 2 else "en"
    v = ctx.person(lang)
    doc = ctx.pick(("Q4 Payroll Adjustments.xlsx", "Signed Agreement - Final.pdf", "Bonus structure 2026",
                    "Contratto_rinnovo.pdf"))
    t = {"en": (f"{v.name} shared \"{doc}\" with you", [f"{v.name} ({v.email}) has invited you to view the "
                f"following document:", doc, "Open in Google Docs. You're receiving this email because someone "
                "shared a document with you from Google Drive."], "Open"),
         "it": (f"Documento condiviso con te: \"{doc}\"", [f"{v.name} ha condiviso un documento con te:", doc,
                "Accedi con il tuo account per visualizzarlo."], "Apri")}[lang]
    lure(ctx, i, lang, subj=t[0], paras=t[1], brand="Google Drive", button=t[2], from_name=f"{v.name} (via Google Drive)",
         brand_local="drive-shares-dm-noreply", color="#1a73e8", kind=ctx.pick(("cloud", "attacker", "site")),
         notes="Google Drive share lure")


@family("spam", "phishing", 6)
def f_phish_docusign(ctx: Ctx, i: int) -> None:
    lang = "pt" if i % 3 == 1 else "en"
    t = {"en": ("Completed: Please DocuSign: Agreement_{n}.pdf", ["{first}, you have received a document to review "
                "and sign.", "Sender: Accounts Payable\nDocument: Agreement_{first}_2025.pdf\nPages: 3",
                "Please review and sign by end of business today. This envelope will expire in 24 hours."],
                "REVIEW DOCUMENT"),
         "pt": ("Documento pendente de assinatura - DocuSign", ["Olá {first},", "Recebeu um documento para rever e "
                "assinar eletronicamente: Contrato de prestação de serviços.", "O envelope expira em 48 horas."],
                "REVER DOCUMENTO")}[lang]
    lure(ctx, i, lang, subj=t[0], paras=t[1], brand="DocuSign", button=t[2],
         from_name=ctx.pick(("DocuSign", "DocuSign via DocuSign", "Accounts Payable via DocuSign")),
         brand_local="dse_na4", color="#ffc820", notes="DocuSign lure")


@family("spam", "phishing", 6)
def f_phish_sharepoint(ctx: Ctx, i: int) -> None:
    lang = "nl" if i % 3 == 1 else "en"
    svc = ("SharePoint", "Dropbox", "OneDrive")[i % 3]
    t = {"en": (f"{svc}: you've been sent files for review", ["Hi {first},", "A secure file has been shared with "
                f"you on {svc}: \"Remittance advice and outstanding balance.pdf\" (1.2 MB).",
                "The link expires in 72 hours."], "View file"),
         "nl": (f"{svc}: er is een bestand met u gedeeld", ["Beste {first},", "Er is een beveiligd document met u "
                "gedeeld: \"Betalingsoverzicht december.pdf\".", "De link verloopt over 72 uur."], "Bestand bekijken")
         }[lang]
    lure(ctx, i, lang, subj=t[0], paras=t[1], brand=svc, button=t[2], from_name=f"{svc} Online",
         kind=ctx.pick(("cloud", "short", "attacker")), color="#0061fe", notes=f"{svc} share lure")


@family("spam", "phishing", 6)
def f_phish_quota(ctx: Ctx, i: int) -> None:
    lang = ("en", "pl", "tr", "en", "pl", "en")[i]
    t = {"en": ("Mailbox storage full: incoming mail for {user} is on hold", ["Dear {user},", "Your mailbox on "
                "{domain} has reached 99.8% of its storage quota. 17 incoming messages are being held on the "
                "server.", "Upgrade your quota free of charge to release them."], "Release messages"),
         "pl": ("Skrzynka pocztowa {domain} jest pełna", ["Szanowny użytkowniku {user},", "Twoja skrzynka osiągnęła "
                "limit pojemności. Nowe wiadomości są wstrzymane.", "Zweryfikuj konto, aby zwiększyć limit."],
                "Zweryfikuj teraz"),
         "tr": ("{domain} e-posta kotanız doldu", ["Sayın {user},", "Posta kutunuzun kotası doldu ve gelen 12 ileti "
                "bekletiliyor.", "İletileri almak için hesabınızı doğrulayın."], "Doğrula")}[lang]
    lure(ctx, i, lang, subj=t[0], paras=t[1], brand="Webmail", button=t[2],
         from_name=ctx.pick(("Mail Administrator", "Webmail Support", "cPanel Mail", "{domain} Admin")),
         color="#444444", kind=ctx.pick(("site", "attacker", "cloud")), notes="webmail quota phishing")


@family("spam", "phishing", 6)
def f_phish_hr_payroll(ctx: Ctx, i: int) -> None:
    lang = "es" if i % 3 == 2 else "en"
    t = {"en": [("Your 2026 benefits enrollment closes Friday", ["Hi {first},", "Open enrollment for 2026 health, "
                 "dental and 401(k) benefits closes this Friday. Employees who do not confirm their selections will "
                 "be defaulted to the basic plan.", "Please sign in with your work email to review your elections."],
                 "Review my benefits"),
                ("Payroll: updated direct deposit form required", ["Hello {first},", "Due to our move to a new "
                 "payroll provider, every employee must re-confirm their direct deposit details before the next pay "
                 "run on the 25th.", "Failure to do so may delay your salary."], "Update details")],
         "es": [("Actualización de nómina: confirme sus datos", ["Hola {first}:", "Recursos Humanos ha publicado el "
                 "ajuste salarial de 2026. Acceda con su correo corporativo para consultarlo y firmar la "
                 "conformidad."], "Ver mi nómina")]}[lang]
    subj, paras, btn = ctx.pick(t)
    lure(ctx, i, lang, subj=subj, paras=paras, brand="HR Portal", button=btn,
         from_name=ctx.pick(("Human Resources", "HR Department", "Payroll Team", "Recursos Humanos")),
         color="#5b2c83", notes="HR / payroll credential phishing")


@family("spam", "fraud", 6)
def f_bec_bank_change(ctx: Ctx, i: int) -> None:
    lang = ("en", "de", "fr", "en", "de", "en")[i]
    o = origin(ctx, 0)  # always the supplier's own stolen mailbox: the point is that it is the real sender
    a = ACCOUNTS[o.account]
    v = ctx.person(lang, ctx.pick(COMPANIES))
    iban = ctx.pick(("GB33 BUKB 2020 1555 5555 55", "DE89 3704 0044 0532 0130 00", "LT12 1000 0111 0100 1000"))
    t = {"en": ("Updated banking details - please note", f"Hi {v.first},\n\nPlease note that we have changed our "
                "bank following our annual audit. All payments from today, including the open invoices from "
                f"November, should go to our new account:\n\nIBAN: {iban}\nBIC: {ctx.token(8).upper()}\n\nKindly "
                "confirm once your system is updated and let me know when the outstanding balance will be settled. "
                "Please reply by email only, as our phone lines are being upgraded this week.\n\nThank you,"),
         "de": ("Änderung unserer Bankverbindung", f"Guten Tag {v.first},\n\nbitte beachten Sie, dass sich unsere "
                f"Bankverbindung geändert hat. Bitte überweisen Sie offene Rechnungen ab sofort auf:\n\nIBAN: {iban}"
                "\n\nBitte bestätigen Sie kurz per E-Mail. Telefonisch sind wir diese Woche leider nicht erreichbar."
                "\n\nMit freundlichen Grüßen"),
         "fr": ("Changement de coordonnées bancaires", f"Bonjour {v.first},\n\nSuite à un changement de banque, "
                f"merci d'effectuer vos prochains règlements sur notre nouveau compte :\n\nIBAN : {iban}\n\nLe RIB "
                "officiel suit par courrier. Merci de confirmer par retour de mail.\n\nCordialement")}[lang]
    d = draft_for(ctx, lang, t[0], a.people[0][0], o.from_addr, [(v.name, v.email)])
    d.text = t[1] + f"\n{a.people[0][0]}\n{a.name}\n"
    if ctx.chance(0.5):
        d.reply_to = (a.people[0][0], f"{a.people[0][1]}.{a.main_domain.split('.')[0]}@{ctx.pick(('outpost.example.com', 'mymail.example.org'))}")
    send_bad(ctx, i, lang, d, o, "invoice fraud: changed bank details", n=1)


@family("spam", "fraud", 6)
def f_bec_ceo(ctx: Ctx, i: int) -> None:
    lang = "it" if i % 3 == 1 else "en"
    o = origin(ctx, 0)
    a = ACCOUNTS[o.account]
    boss = a.people[0][0]
    v = ctx.person(lang, a.main_domain)
    t = {"en": [("Quick favour", f"{v.first}, are you at your desk? I need you to handle something for me "
                 "discreetly. I'm in meetings all afternoon and can't take calls. Reply here."),
                ("Gift cards for the team", f"Hi {v.first},\n\nI want to surprise some of the staff with gift cards "
                 "today. Can you pick up 6 Apple gift cards of $200 each? Scratch the back, take clear photos of the "
                 "codes and email them to me. I'll reimburse you this evening. Keep it between us for now."),
                ("Urgent wire", f"{v.first},\n\nWe need to send a payment of €28,400 to a new supplier today to lock "
                 "in the price. I'll send the details. Can you process it before 3pm? Confidential until the deal "
                 "is announced.\n\nSent from my iPhone")],
         "it": [("Richiesta urgente", f"Ciao {v.first}, sei in ufficio? Ho bisogno che mi gestisci un pagamento "
                 "riservato oggi. Sono in riunione, non posso rispondere al telefono. Scrivimi qui.")]}[lang]
    subj, body = ctx.pick(t)
    d = draft_for(ctx, lang, subj, boss, o.from_addr, [(v.name, v.email)])
    d.text = body
    if ctx.chance(0.5):
        d.reply_to = (boss, f"{boss.split()[-1].lower()}.office{ctx.digits(2)}@{ctx.pick(('inbox.example.com', 'netmail.example.net'))}")
    send_bad(ctx, i, lang, d, o, "CEO / gift card BEC", n=ctx.rng.randint(1, 3))


@family("spam", "phishing", 6)
def f_phish_meta_copyright(ctx: Ctx, i: int) -> None:
    lang = "ar" if i % 3 == 2 else "en"
    t = {"en": [("Your Page has been scheduled for permanent deletion", ["Meta Business Support", "We've received "
                 "several reports that your Page violates our Community Standards and intellectual property rights. "
                 "Your Page will be permanently deleted within 24 hours unless you submit an appeal.",
                 "Case number: #{n}"], "Submit appeal"),
                ("Copyright infringement notice regarding your website", ["Hello,", "I am a lawyer representing a "
                 "photographer whose images appear on your website without a license. The evidence and the list of "
                 "images are available at the link below. If they are not removed within 5 days we will take "
                 "legal action."], "View evidence")],
         "ar": [("تنبيه: سيتم تعطيل صفحتك نهائياً", ["دعم ميتا للأعمال", "تلقينا بلاغات بأن صفحتك تنتهك حقوق "
                 "الملكية الفكرية. سيتم حذف الصفحة خلال ٢٤ ساعة ما لم تقدّم طلب اعتراض.", "رقم الحالة: {n}"],
                 "تقديم اعتراض")]}[lang]
    subj, paras, btn = ctx.pick(t)
    lure(ctx, i, lang, subj=subj, paras=[p.replace("{n}", ctx.digits(9)) for p in paras], brand="Meta", button=btn,
         from_name=ctx.pick(("Meta Support", "Meta for Business", "Facebook Pages", "Legal Department")),
         color="#0866ff", kind=ctx.pick(("cloud", "attacker")), notes="Meta page / copyright violation lure")


@family("spam", "scam", 6)
def f_callback_antivirus(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    v = ctx.person("en")
    phone = ctx.pick(("+1 (808) 555-0199", "+1 (888) 555-0145", "+1 805-555-0172", "+1 (844) 555-0110"))
    brand = ctx.pick(("Norton 360", "McAfee Total Protection", "Geek Squad", "PayPal", "Best Buy Geek Squad"))
    n = ctx.digits(10)
    amt = ctx.pick(("$399.99", "$459.00", "$299.49", "$549.99"))
    body = [f"Dear {v.first},", f"Thank you for renewing your {brand} subscription. Your payment of {amt} has been "
            "processed and will appear on your bank statement within 24 hours.",
            f"Invoice number: {n}\nProduct: {brand} (3 devices, 3 years)\nPayment method: Auto-debit",
            f"If you did not authorize this charge or wish to cancel and get a refund, please call our billing "
            f"department within 24 hours at {phone}.", "Customer Support"]
    d = draft_for(ctx, "en", ctx.pick((f"Your order {n} is confirmed", "Subscription renewed successfully",
                                       f"Invoice #{n} - Auto Renewal", "Payment Receipt")), brand, o.from_addr,
                  [(v.name, v.email)])
    if ctx.chance(0.5):
        d.text = "\n\n".join(body) + "\n"
    else:
        d.html = html_mail("en", brand, body, rows=[("Total", amt)], color="#ffd400")
    send_bad(ctx, i, "en", d, o, "callback scam: fake renewal, phone only")


@family("spam", "phishing", 6)
def f_phish_delivery_fee(ctx: Ctx, i: int) -> None:
    lang = ("en", "fr", "pt", "pl", "en", "fr")[i]
    t = {"en": ("Your parcel is on hold: unpaid customs fee", ["Dear customer,", "Your parcel {n} could not be "
                "delivered because a customs fee of $1.99 is unpaid. Please pay within 48 hours or it will be "
                "returned to the sender."], "Pay $1.99", "USPS"),
         "fr": ("Votre colis est en attente de livraison", ["Cher client,", "Votre colis n° {n} n'a pas pu être "
                "livré : des frais de réexpédition de 1,99 € restent à régler. Sans paiement sous 48 h, il sera "
                "retourné à l'expéditeur."], "Programmer la livraison", "La Poste Colissimo"),
         "pt": ("A sua encomenda aguarda pagamento", ["Caro cliente,", "A encomenda {n} está retida por falta de "
                "pagamento de taxas aduaneiras (1,99 €). Regularize em 48 horas."], "Pagar agora", "CTT Expresso"),
         "pl": ("Przesyłka oczekuje na dopłatę", ["Szanowny Kliencie,", "Twoja przesyłka {n} została wstrzymana z "
                "powodu nieopłaconej należności 2,49 zł. Opłać ją w ciągu 48 godzin."], "Zapłać", "InPost")}[lang]
    n = ctx.pick(("LX", "CP", "RR", "US")) + ctx.digits(9) + ctx.pick(("FR", "PT", "PL", "US"))
    lure(ctx, i, lang, subj=t[0], paras=[p.replace("{n}", n) for p in t[1]], brand=t[3], button=t[2],
         from_name=t[3], color="#ffcc00", kind=ctx.pick(("short", "attacker", "site")), weights=(1, 3, 1),
         notes="fake delivery fee")


@family("spam", "phishing", 6)
def f_phish_toll_sms(ctx: Ctx, i: int) -> None:
    lang = "es" if i % 3 == 2 else "en"
    o = origin(ctx, i)
    url = landing(ctx, o, ctx.pick(("short", "attacker")))
    v = ctx.person(lang)
    text = {"en": ctx.pick((f"E-ZPass: You have an unpaid toll of $6.99. Pay by tomorrow to avoid a $50 late fee: "
                            f"{url}", f"FINAL NOTICE: Your vehicle has an outstanding parking fine. Settle now: {url} "
                            "Reply STOP to opt out", f"The Toll Roads: balance due $4.15 on your account. Pay here "
                            f"{url}")),
            "es": f"DGT: Tiene una multa de tráfico pendiente de pago (20 EUR). Evite el recargo: {url}"}[lang]
    d = draft_for(ctx, lang, ctx.pick(("Toll notice", "", "Unpaid balance", "Aviso")), "", o.from_addr,
                  [("", v.email)])
    d.text = text
    send_bad(ctx, i, lang, d, o, "toll / parking fine, SMS style")


@family("spam", "scam", 6)
def f_scam_crypto(ctx: Ctx, i: int) -> None:
    lang = ("en", "tr", "en", "ko", "en", "tr")[i]
    o = origin(ctx, i)
    v = ctx.person(lang)
    url = landing(ctx, o, ctx.pick(("cloud", "attacker", "short")))
    t = {"en": [("Your 0.742 BTC is ready to withdraw", f"Hello {v.first},\n\nOur records show an unclaimed balance "
                 f"of 0.742 BTC (about $71,300) in your account from the 2021 mining pool. To withdraw, verify your "
                 f"wallet and pay the network fee here: {url}\n\nThe offer closes in 72 hours."),
                ("Recovered funds: we traced your lost crypto", f"Dear {v.first},\n\nOur blockchain forensics team "
                 "has traced the funds you lost to a fraudulent trading platform. We can recover them within 14 days "
                 "for a small upfront compliance fee. Contact our case officer on WhatsApp +44 7700 900461.")],
         "tr": [("Yatırımınız %340 kazandırdı!", f"Merhaba {v.first},\n\nYapay zeka destekli alım-satım "
                 f"platformumuzda hesabınız kazanç sağladı. Çekim için hesabınızı doğrulayın: {url}")],
         "ko": [("비트코인 자동매매 수익 안내", f"{v.first}님, AI 자동매매 프로그램으로 월 30% 수익을 보장합니다. "
                 f"지금 가입하시면 첫 달 수수료 무료: {url}")]}[lang]
    subj, body = ctx.pick(t)
    d = draft_for(ctx, lang, subj, ctx.pick(("Coinbase Support", "Crypto Recovery Desk", "Binance", "Wallet Team",
                                             "AI Trading")), o.from_addr, [(v.name, v.email)])
    d.text = body
    send_bad(ctx, i, lang, d, o, "crypto investment / recovery scam")


@family("spam", "scam", 6)
def f_scam_romance(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    v = ctx.person("en")
    name = ctx.pick(("Anna", "Katerina", "Linda", "Sofia", "Maria"))
    body = ctx.pick((f"Hello dear,\n\nI saw your profile and something told me to write to you. My name is {name}, I "
                     "am 34 years old and I work as a nurse. I am looking for a serious man for a real relationship, "
                     "not games. If you are interested, write to my private email and I will send you my photos.\n\n"
                     f"{name}",
                     f"Hi {v.first},\n\nI hope you don't mind me writing. We matched some time ago but I lost my "
                     "account. I'm a engineer on an offshore oil rig right now and I get lonely out here. Can we talk "
                     "on Telegram? @sunny_" + ctx.token(6).lower() + f"\n\nXoxo {name}"))
    d = draft_for(ctx, "en", ctx.pick(("Hello dear", "Is it you?", f"{name} wants to meet you", "I can't stop thinking")),
                  name, o.from_addr, [("", v.email)])
    d.text = body
    d.reply_to = (name, f"{name.lower()}{ctx.digits(3)}@{ctx.pick(('inbox.example.com', 'posta.example.com'))}")
    send_bad(ctx, i, "en", d, o, "romance scam")


@family("spam", "scam", 6)
def f_sextortion_btc(ctx: Ctx, i: int) -> None:
    lang = ("en", "de", "it", "en", "en", "de")[i]
    o = origin(ctx, i)
    v = ctx.person(lang)
    btc = "bc1q" + ctx.token(38, "023456789acdefghjklmnpqrstuvwxyz")
    amt = ctx.pick(("1450", "1650", "2000", "950"))
    t = {"en": f"Hi {v.email.split('@')[0]},\n\nI'll get straight to the point. I gained access to your device months "
               "ago through a malicious link and have been watching you. I recorded video of you through your camera "
               "while you were visiting adult sites, and I have the list of your contacts.\n\nSend $" + amt +
               f" in Bitcoin to this wallet within 48 hours:\n\n{btc}\n\nOnce paid, I will delete everything. If "
               "not, the video goes to every contact. Don't reply, this email cannot be traced. The timer started "
               "when you opened this email.",
         "de": f"Hallo {v.first},\n\nich habe Zugriff auf Ihr Gerät und Ihre Kamera. Ich habe Sie auf Webseiten für "
               f"Erwachsene aufgenommen. Überweisen Sie {amt} USD in Bitcoin an:\n\n{btc}\n\nSie haben 48 Stunden. "
               "Danach geht das Video an alle Ihre Kontakte.",
         "it": f"Ciao {v.first},\n\nho accesso al tuo dispositivo da mesi e ho registrato un video tramite la tua "
               f"webcam. Invia {amt} USD in Bitcoin a questo indirizzo entro 48 ore:\n\n{btc}\n\nAltrimenti il "
               "video verrà inviato a tutti i tuoi contatti."}[lang]
    subj = ctx.pick((v.email, "Security alert: your account was hacked", "Pending payment", "Zahlung ausstehend"
                     if lang == "de" else "Payment pending"))
    d = draft_for(ctx, lang, subj, "", o.from_addr, [("", v.email)])
    d.text = t
    send_bad(ctx, i, lang, d, o, "sextortion with a BTC address", n=1)


@family("spam", "scam", 6)
def f_scam_job_task(ctx: Ctx, i: int) -> None:
    lang = ("en", "zh", "ar", "en", "en", "zh")[i]
    o = origin(ctx, i)
    v = ctx.person(lang)
    wa = f"+{ctx.pick(('44 7700', '1 202', '971 50'))} {ctx.digits(6)}"
    t = {"en": [("Remote part-time job: $300-$800/day", f"Hello {v.first},\n\nOur recruitment team got your resume "
                 "from an online job board. We're hiring remote online assistants to help merchants boost app "
                 "ratings. Only 60-90 minutes a day, daily pay, no experience needed. Add our HR on WhatsApp to "
                 f"start today: {wa}\n\nHR Department"),
                ("Job offer - simple tasks, paid daily", f"Hi,\n\nWe are looking for part-time workers to complete "
                 f"simple online tasks (liking videos, rating products). Earn 200-500 USD daily. Contact us on "
                 f"Telegram @hr_{ctx.token(6).lower()} to receive your first task and 10 USD bonus.")],
         "zh": [("兼职招聘：在家刷单日结", f"{v.first}您好：\n\n我司招聘线上兼职，每天只需1小时，点赞关注即可，日薪"
                 f"300-800元，当天结算。请添加WhatsApp {wa} 或 Telegram @job_{ctx.token(5).lower()} 领取任务。")],
         "ar": [("وظيفة عن بعد براتب يومي", f"مرحباً {v.first}،\n\nنبحث عن موظفين بدوام جزئي لتنفيذ مهام بسيطة "
                 f"عبر الإنترنت، بأجر يومي يصل إلى ٥٠٠ دولار. تواصل معنا عبر واتساب {wa}.")]}[lang]
    subj, body = ctx.pick(t)
    d = draft_for(ctx, lang, subj, ctx.pick(("HR Team", "Recruitment", "Talent Acquisition", "招聘部")), o.from_addr,
                  [("", v.email)])
    d.text = body
    send_bad(ctx, i, lang, d, o, "job / task scam via WhatsApp or Telegram")


@family("spam", "scam", 6)
def f_scam_loan(ctx: Ctx, i: int) -> None:
    lang = "ar" if i % 3 == 1 else "en"
    o = origin(ctx, i)
    v = ctx.person(lang)
    body = {"en": ctx.pick((f"Dear {v.first},\n\nDo you need a loan? We offer personal and business loans from "
                            "$5,000 to $5,000,000 at 2% interest per year. No credit check, approval in 24 hours. "
                            "Reply with full name, amount needed, duration and phone number.\n\nMr. Robert Hayes\n"
                            "Loan Officer", "PRE-APPROVED: $35,000 line of credit. Bad credit OK. Funds in your "
                            "account tomorrow. Reply YES to claim your offer.")),
            "ar": f"عزيزي {v.first}،\n\nنقدم قروضاً شخصية وتجارية بفائدة ٢٪ فقط، دون ضمانات، مع الموافقة خلال ٢٤ "
                  "ساعة. أرسل اسمك الكامل والمبلغ المطلوب ورقم هاتفك."}[lang]
    d = draft_for(ctx, lang, ctx.pick(("Loan offer at 2%", "Financial assistance", "قرض سريع بفائدة ٢٪"))
                  if lang == "ar" else ctx.pick(("Loan offer at 2%", "Financial assistance", "Pre-approved")),
                  ctx.pick(("Hayes Finance", "Loan Department", "Credit Services")), o.from_addr, [("", v.email)])
    d.text = body
    d.reply_to = ("Loans", f"loans{ctx.digits(2)}@{ctx.pick(('netmail.example.net', 'correo.example.org'))}")
    send_bad(ctx, i, lang, d, o, "loan scam")


@family("spam", "scam", 6)
def f_scam_prize(ctx: Ctx, i: int) -> None:
    lang = "fr" if i % 3 == 1 else "en"
    o = origin(ctx, i)
    v = ctx.person(lang)
    url = landing(ctx, o)
    t = {"en": ("Congratulations! You have been selected", [f"Dear {v.first},", "Your email address was selected in "
                "our annual loyalty draw. You have won a Dyson V15 vacuum! To claim your prize, simply cover the "
                "shipping fee of $2.95.", "Only 3 prizes remaining - claim before midnight."], "CLAIM MY PRIZE"),
         "fr": ("Félicitations ! Vous avez gagné", [f"Bonjour {v.first},", "Vous avez été sélectionné(e) pour "
                "recevoir un coffret Le Creuset. Il vous suffit de régler 1,95 € de frais de port.",
                "Offre valable aujourd'hui seulement."], "RÉCLAMER MON CADEAU")}[lang]
    d = draft_for(ctx, lang, t[0] + " 🎁", ctx.pick(("Loyalty Rewards", "Customer Rewards", "Service Client")),
                  o.from_addr, [("", v.email)])
    shape(ctx, d, text_mail(t[1], link_line=url), html_mail(lang, "Rewards", t[1], button=(t[2], url),
                                                            color="#e91e63"), (1, 3, 1))
    send_bad(ctx, i, lang, d, o, "prize / lottery")


@family("spam", "scam", 6)
def f_scam_inheritance(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    v = ctx.person("en")
    who = ctx.pick(("Barrister James Okonkwo", "Mrs. Helen Carter", "Dr. Ahmed Al-Rashid", "Mr. Pierre Dumont"))
    amt = ctx.pick(("$8.5 million", "€4,200,000", "£6.8M", "US$12,750,000"))
    body = (f"Dear {v.first},\n\nI am {who}, personal attorney to the late Mr. {v.name.split()[-1]}, who died with his "
            f"family in a car accident in 2021. He left a deposit of {amt} with a bank here with no next of kin. "
            "As you share the same surname, I propose to present you as the beneficiary so the funds are released to "
            "you, and we share them 50/50. This is 100% risk free and legal.\n\nKindly reply with your full name, "
            f"address and phone number so I can send you more details.\n\nYours faithfully,\n{who}")
    d = draft_for(ctx, "en", ctx.pick(("Confidential business proposal", "Next of kin", "Inheritance claim - "
                                       "urgent response needed", "Re: Your family fund")), who, o.from_addr,
                  [("", v.email)])
    d.text = body
    d.reply_to = (who, f"{who.split()[-1].lower()}.chambers@{ctx.pick(('posta.example.com', 'mymail.example.org'))}")
    send_bad(ctx, i, "en", d, o, "inheritance / advance fee")


@family("spam", "phishing", 6)
def f_scam_domain_seo(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    site = ctx.pick(("rosehip-yoga.example.org", "cafe-marlo.example.com", "bluefinch.example.org",
                     "granite-legal.example.com"))
    url = landing(ctx, o, ctx.pick(("attacker", "short")))
    kind = i % 3
    if kind == 0:
        subj, paras, btn = (f"Domain {site} - final expiration notice", ["ATTENTION: " + site, "Your domain search "
                            "engine submission for " + site + " expires today. Failure to complete your submission "
                            "may result in the loss of online visibility for " + site + ".", "Secure online order: "
                            "$86.00 for 12 months."], "Renew submission")
    elif kind == 1:
        subj, paras, btn = (f"[Action Required] Hosting suspended for {site}", ["Dear site owner,", f"Your hosting "
                            f"for {site} has been suspended because your billing information could not be verified. "
                            "Your website and email will be deleted in 48 hours.", "Update your payment method to "
                            "restore service."], "Restore my site")
    else:
        subj, paras, btn = (f"SSL certificate for {site} expires in 2 days", ["Hello,", f"The SSL certificate of "
                            f"{site} expires soon. Visitors will see a security warning and Google will remove your "
                            "site from search results.", "Renew now to avoid downtime."], "Renew SSL")
    v = ctx.person("en", site)
    d = draft_for(ctx, "en", subj, ctx.pick(("Domain Services", "Hosting Billing", "SSL Team", "DNS Registry")),
                  o.from_addr, [("", f"info@{site}")])
    shape(ctx, d, text_mail(paras, link_line=url), html_mail("en", "Domain Services", paras, button=(btn, url),
                                                             color="#b71c1c"))
    d.to = [("", v.email)]
    send_bad(ctx, i, "en", d, o, "fake domain / SEO / hosting expiry to a site owner", n=ctx.rng.randint(1, 10))


@family("spam", "spam", 6)
def f_spam_pharmacy(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    v = ctx.person("en")
    url = landing(ctx, o, ctx.pick(("short", "cloud", "site")))
    items = ctx.rng.sample(("Semaglutide (Ozempic) pens", "Tadalafil 20mg", "Sildenafil 100mg", "Modafinil 200mg",
                            "Tramadol 50mg", "Weight loss gummies"), 3)
    paras = ["CANADIAN ONLINE PHARMACY - UP TO 80% OFF", "No prescription needed. Discreet worldwide shipping.",
             "\n".join(f"• {it} - from ${ctx.rng.randint(1, 9)}.{ctx.digits(2)}" for it in items),
             "Order today and get 4 FREE pills!"]
    d = draft_for(ctx, "en", ctx.pick(("Re: your prescription", "GLP-1 without prescription - 70% off",
                                       "Best prices on meds", "Your order is ready")),
                  ctx.pick(("Pharmacy Direct", "Dr. Health", "")), o.from_addr, [("", v.email)])
    shape(ctx, d, text_mail(paras, link_line=url), html_mail("en", "Pharmacy", paras, button=("ORDER NOW", url),
                                                             color="#00897b"), (2, 2, 1))
    send_bad(ctx, i, "en", d, o, "pharmacy spam")


@family("spam", "phishing", 6)
def f_phish_shortener(ctx: Ctx, i: int) -> None:
    lang = ("en", "pt", "ko", "en", "pt", "ko")[i]
    t = {"en": (ctx.pick(("PayPal: your account has been limited", "Chase: unusual activity on your card",
                          "Netflix: payment declined")), ["We couldn't verify a recent transaction and have "
                "temporarily limited your account. Confirm your details within 24 hours to restore full access."],
                "Confirm now", "Account Services"),
         "pt": ("Millennium BCP: acesso bloqueado", ["Detetámos um acesso invulgar à sua conta. Por segurança, o "
                "acesso foi bloqueado. Valide os seus dados para desbloquear."], "Validar", "Millennium bcp"),
         "ko": ("[국민은행] 보안 인증 만료 안내", ["고객님의 공동인증서 보안 인증이 만료되었습니다. 24시간 내에 "
                "재인증하지 않으면 인터넷뱅킹 이용이 제한됩니다."], "재인증하기", "KB국민은행")}[lang]
    lure(ctx, i, lang, subj=t[0], paras=t[1], brand=t[3], button=t[2], from_name=t[3], kind="short",
         weights=(2, 2, 1), notes="bank / payment phishing via a URL shortener")


@family("spam", "phishing", 6)
def f_phish_ipfs_cloud(ctx: Ctx, i: int) -> None:
    lang = "it" if i % 3 == 1 else "en"
    t = {"en": (ctx.pick(("Secure message from {domain} IT", "Encrypted fax received (3 pages)",
                          "New document uploaded to your secure portal")), ["Hello {first},",
                "A secure message is waiting for {email}. For your protection it can only be opened after you "
                "sign in with your email password.", "Message ID: SEC-{user}"], "Open secure message"),
         "it": ("Hai ricevuto un fax (3 pagine)", ["Ciao {first},", "È stato ricevuto un fax per {email}. Per "
                "visualizzarlo accedi con le credenziali della tua casella."], "Visualizza fax")}[lang]
    lure(ctx, i, lang, subj=t[0], paras=t[1], brand="Secure Mail", button=t[2],
         from_name=ctx.pick(("Secure Message Center", "eFax", "IT Service Desk")), kind="cloud",
         notes="phishing hosted on IPFS / cloud storage / free site builder")


@family("spam", "phishing", 6)
def f_phish_ai_bank(ctx: Ctx, i: int) -> None:
    lang = "nl" if i % 3 == 2 else "en"
    t = {"en": (ctx.pick(("Important: review a recent change to your account", "We've updated our terms - please "
                          "confirm your details")),
                ["Dear {first},", "As part of our ongoing commitment to keeping your account safe, we regularly "
                 "review account information. During a routine review we noticed that some details on your profile "
                 "are incomplete, which may affect your ability to send and receive payments.",
                 "To avoid any disruption, please take a moment to review and confirm your information. The process "
                 "is quick and secure, and most customers complete it in under two minutes.",
                 "Thank you for being a valued customer. We appreciate your trust."], "Review my account",
                ctx.pick(("Wells Fargo Online", "Revolut", "Wise", "American Express"))),
         "nl": ("Belangrijk: controleer uw gegevens", ["Beste {first},", "In het kader van nieuwe Europese regels "
                "vragen wij al onze klanten hun gegevens te bevestigen. Dit duurt slechts twee minuten.",
                "Zonder bevestiging kunnen wij sommige betalingen tijdelijk niet verwerken."], "Gegevens bevestigen",
                ctx.pick(("ING", "Rabobank", "ABN AMRO")))}[lang]
    lure(ctx, i, lang, subj=t[0], paras=t[1], brand=t[3], button=t[2], from_name=t[3], color="#d71e28",
         notes="fluent AI-written bank phishing")


@family("spam", "phishing", 6)
def f_phish_webhost_suspend(ctx: Ctx, i: int) -> None:
    t = ctx.pick((("cPanel: your account will be suspended", ["Dear customer,", "We were unable to process the "
                   "renewal payment for your hosting plan. Your cPanel account, websites and mailboxes for {domain} "
                   "will be suspended within 24 hours.", "Please update your billing information to avoid service "
                   "interruption."], "Update billing"),
                  ("Email deactivation notice for {user}@{domain}", ["Your email account {email} is scheduled for "
                   "deactivation today due to an incomplete security upgrade.", "Cancel the deactivation by "
                   "confirming your account."], "Cancel deactivation")))
    lure(ctx, i, "en", subj=t[0], paras=t[1], brand="cPanel", button=t[2],
         from_name=ctx.pick(("cPanel Billing", "Hosting Support", "WHM Notification", "{domain} Support")),
         color="#ff6c2c", kind=ctx.pick(("site", "attacker", "cloud")), notes="fake hosting / cPanel suspension")


@family("spam", "spam", 6)
def f_spam_seo_offer(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    site = ctx.pick(("cafe-marlo.example.com", "rosehip-yoga.example.org", "deltaform.example.org"))
    v = ctx.person("en", site)
    body = ctx.pick((f"Hi,\n\nI was checking {site} and noticed it isn't ranking on the first page of Google for your "
                     "main keywords. We can get you to page 1 within 90 days, guaranteed, for just $199/month. Shall I "
                     "send you a free audit report?\n\nRegards,\nSam | SEO Consultant",
                     f"Hello,\n\nWe are an offshore web development company with 10+ years of experience. We can "
                     f"redesign {site} with a modern look, mobile friendly, for only $299. Also available: app "
                     "development, digital marketing, content writing.\n\nPlease reply with a good time to talk.\n\n"
                     "Best,\nRahul\nBusiness Development Manager",
                     f"Hi there,\n\nWould you be interested in a guest post on {site}? We pay $50 per article with a "
                     "do-follow link. Let me know your price.\n\nThanks,\nEmily"))
    d = draft_for(ctx, "en", ctx.pick((f"Re: {site}", "Website proposal", "Quick question about your website",
                                       "Guest post inquiry")), "", o.from_addr, [("", v.email)])
    d.text = body
    send_bad(ctx, i, "en", d, o, "SEO / web-dev cold spam", n=ctx.rng.randint(5, 60))
