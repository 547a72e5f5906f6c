"""Invoices with a small PDF attached, from a person's mail client or from the business's invoicing software."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

from bench.modern_mail.attachments import make_pdf
from bench.modern_mail.blocks import Doc, Link, P, to_html, to_text
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.languages import SIGNOFF_FORMAL, greet, money, short_date
from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail.sites import site_from, site_submission
from bench.modern_mail.transport import smtp_auth

SERVICES: dict[str, dict[str, list[str]]] = {
    "kanzroth": {"de": ["Erstellung Jahresabschluss 2024", "Lohnbuchhaltung Februar",
                        "Beratung Umsatzsteuer (2,5 Std.)"]},
    "hartmolloy": {"en": ["Conveyancing: 14 Harbour View, Howth", "Professional fees re lease review"]},
    "atelbois": {"fr": ["Fabrication et pose d'une bibliothèque en chêne", "Acompte 30 % - cuisine sur mesure"]},
    "alrayan": {"ar": ["إعداد الإقرار الضريبي السنوي", "مسك الدفاتر لشهر فبراير"]},
    "dancohen": {"he": ["עיצוב לוגו ושפה גרפית", "עיצוב חוברת מוצרים 24 עמודים"],
                 "en": ["Brand identity design, phase 2", "Packaging artwork, 3 SKUs"]},
    "tanakamk": {"ja": ["ダイニングテーブル（ウォールナット）製作", "本棚の修理・再塗装"]},
    "pixelforge": {"en": ["Website maintenance, March", "WooCommerce upgrade and testing (6 h)",
                          "Hosting and backups, 12 months"]},
    "alpenhof": {"de": ["Übernachtung 3 Nächte, Doppelzimmer Eiger"], "fr": ["Séjour 3 nuits, chambre double"],
                 "en": ["Stay of 3 nights, double room"]},
    "hostalmar": {"es": ["Estancia 4 noches, habitación doble vista mar"], "en": ["4 nights, sea-view double room"]},
    "lavande": {"fr": ["Location du gîte, semaine du 12 au 19 juillet"], "en": ["Cottage rental, 12-19 July"]},
    "sakurayu": {"ja": ["ご宿泊料金（2泊・2名様）"], "en": ["Accommodation, 2 nights for 2 guests"]},
    "huawen": {"zh": ["春季中文课程学费"], "en": ["Spring term tuition, Mandarin Level 2"]},
    "acbabel": {"es": ["Curso intensivo de inglés B2, marzo"]},
}
GENERIC = {"en": "Goods and services as agreed", "de": "Lieferung laut Auftrag", "fr": "Prestations selon devis",
           "es": "Suministro según pedido", "ar": "توريد حسب الطلب", "he": "שירותים לפי הצעת מחיר",
           "ja": "ご注文品一式", "zh": "货品及服务费"}

# word for the file name, subject templates, the body sentence, payment terms line, bank line
INVOICE: dict[str, dict[str, list[str]]] = {
    "en": {"file": ["Invoice"], "subject": ["Invoice {no} from {biz}", "Invoice {no}", "{biz} - invoice {no} attached"],
           "body": ["Please find attached invoice {no} for {svc}, amounting to {total}.",
                    "Attached is our invoice {no} ({svc}). The total due is {total}."],
           "terms": ["Payment is due by {due}. Thank you for your business!", "Terms: 14 days, i.e. by {due}."],
           "bank": ["Bank transfer: Sort code 20-45-77, Account 43120098 (reference {no})",
                    "IBAN IE29 AIBK 9311 5212 3456 78, BIC AIBKIE2D"],
           "pay": ["Pay online"]},
    "de": {"file": ["Rechnung"],
           "subject": ["Rechnung Nr. {no}", "Ihre Rechnung {no} von {biz}", "Rechnung {no} - {svc}"],
           "body": ["anbei erhalten Sie unsere Rechnung Nr. {no} über {total} für {svc}.",
                    "im Anhang finden Sie die Rechnung {no} ({svc}) über {total}."],
           "terms": ["Bitte überweisen Sie den Betrag bis zum {due} ohne Abzug.",
                     "Zahlbar innerhalb von 14 Tagen bis {due}."],
           "bank": ["IBAN DE12 6805 0101 0012 3456 78 - BIC FRSPDE66XXX - Verwendungszweck: {no}"],
           "pay": ["Online bezahlen"]},
    "fr": {"file": ["Facture"], "subject": ["Facture n° {no}", "Votre facture {biz} n° {no}"],
           "body": ["Veuillez trouver ci-joint la facture n° {no} d'un montant de {total} ({svc}).",
                    "Je vous prie de trouver en pièce jointe notre facture {no} relative à : {svc}."],
           "terms": ["Règlement à réception, au plus tard le {due}.", "Échéance : {due}."],
           "bank": ["IBAN FR76 3000 4000 0312 3456 7890 143 - BIC BNPAFRPPXXX"], "pay": ["Payer en ligne"]},
    "es": {"file": ["Factura"], "subject": ["Factura {no}", "Factura n.º {no} - {biz}"],
           "body": ["Adjuntamos la factura n.º {no} por importe de {total} ({svc}).",
                    "Te envío en adjunto la factura {no} correspondiente a: {svc}."],
           "terms": ["Vencimiento: {due}.", "Forma de pago: transferencia antes del {due}."],
           "bank": ["IBAN ES91 2100 0418 4502 0005 1332"], "pay": ["Pagar online"]},
    "ar": {"file": ["Invoice"], "subject": ["فاتورة رقم {no}", "فاتورة {no} من {biz}"],
           "body": ["تجدون في المرفق الفاتورة رقم {no} بمبلغ {total} عن: {svc}."],
           "terms": ["يرجى السداد قبل {due}."],
           "bank": ["IBAN: EG38 0019 0005 0000 0000 2631 8000 2"], "pay": ["الدفع الإلكتروني"]},
    "he": {"file": ["Invoice"], "subject": ["חשבונית מס {no}", "חשבונית מס/קבלה {no} - {biz}"],
           "body": ["מצורפת חשבונית מס מספר {no} על סך {total} עבור {svc}."],
           "terms": ["תנאי תשלום: שוטף + 30, עד {due}."],
           "bank": ["העברה בנקאית: בנק לאומי (10), סניף 800, חשבון 12345678"], "pay": ["לתשלום מקוון"]},
    "ja": {"file": ["seikyusho"], "subject": ["請求書送付のご案内（請求書番号 {no}）", "【{biz}】ご請求書の送付"],
           "body": ["{svc}の請求書（請求書番号 {no}、ご請求金額 {total}）をPDFにてお送りいたします。\n"
                    "ご査収のほどよろしくお願いいたします。"],
           "terms": ["お支払期限：{due}"],
           "bank": ["お振込先：八十二銀行 穂高支店 普通 1234567 ﾓｸｺｳﾎﾞｳﾀﾅｶ"], "pay": ["オンライン決済"]},
    "zh": {"file": ["fapiao"], "subject": ["【{biz}】发票 {no}", "电子发票通知（{no}）"],
           "body": ["附件为{svc}的电子发票（编号 {no}），金额 {total}，请查收。"],
           "terms": ["请于 {due} 前完成付款。"],
           "bank": ["开户行：中国工商银行杭州西湖支行  账号：1202 0212 0900 1234 567"], "pay": ["在线支付"]},
}


def _pdf(ctx: Ctx, no: str, svc: str, total: float, client: str) -> bytes:
    a = ctx.account
    who = a.name if a.name.isascii() else a.main_domain
    return make_pdf([who, a.address if a.address.isascii() else "", f"Invoice / Rechnung / Facture {no}",
                     f"Date: {ctx.when.date().isoformat()}", f"Client: {client if client.isascii() else ''}",
                     f"Item: {svc if svc.isascii() else 'as agreed'}", f"Total: {total:,.2f} {a.currency}",
                     a.tax_id if a.tax_id.isascii() else ""], title=f"Invoice {no}")


def invoice_pdf(ctx: Ctx) -> Built:
    """An invoice with a PDF: a person sends it from Outlook/Thunderbird, or invoicing software from the site."""
    a = ctx.account
    ph = INVOICE[ctx.lang]
    client = ctx.person()
    no = ctx.pick((f"{ctx.when.year}-{ctx.rng.randint(10, 400):04d}", f"INV-{ctx.rng.randint(1000, 9999)}",
                   f"F{ctx.when.year}{ctx.rng.randint(100, 999)}", str(ctx.rng.randint(10000, 99999))))
    svc = ctx.pick(SERVICES.get(a.user, {}).get(ctx.lang, [GENERIC[ctx.lang]]))
    amount = ctx.rng.randint(80, 4800) * (110 if a.currency == "JPY" else 1) + ctx.pick((0, 0.5, 0.9, 0.25))
    slots = {"no": no, "biz": a.name, "svc": svc, "total": money(amount, a.currency, ctx.lang),
             "due": short_date(ctx.later(14), ctx.lang)}
    subject = ctx.pick(ph["subject"]).format(**slots)
    pdf = Attachment(f"{ph['file'][0]}_{no}.pdf", "application/pdf", _pdf(ctx, no, svc, amount, client.name))
    lines = [greet(ctx.lang, client.first, client.name, formal=ctx.chance(0.7), customer=True),
             ctx.pick(ph["body"]).format(**slots), ctx.pick(ph["terms"]).format(**slots)]
    if ctx.chance(0.6):
        swiss = "IBAN CH93 0076 2011 6238 5295 7 - Zahlungszweck: {no}" if a.currency == "CHF" else ""
        lines.append((swiss or ctx.pick(ph["bank"])).format(**slots))
    if ctx.chance(0.5):  # a person writes it
        name, addr = ctx.staff(ctx.rng.randrange(len(a.people)))
        sig = [name, a.name, a.phone, f"https://{ctx.site()}"]
        body = "\n\n".join([*lines, SIGNOFF_FORMAL[ctx.lang]]) + "\n" + "\n".join(s for s in sig if s) + "\n"
        agent = ctx.pick(("outlook", "thunderbird", "apple_mail", "roundcube"))
        mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[(client.name, client.email)], text=body,
                    lang=ctx.lang, agent=agent, attachments=[pdf])
        if agent == "outlook":
            doc = Doc([P(x) for x in [*lines, SIGNOFF_FORMAL[ctx.lang]]], ctx.lang, subject,
                      signature=[s for s in sig if s])
            mail.html = to_html(doc, "outlook")
        return Built(mail, smtp_auth(ctx.rng, addr, [client.email]), "invoice with PDF from a mail client")
    name, addr, _agent = site_from(ctx, ctx.pick(("billing", "invoices", "accounts", "info")))
    blocks = [P(x) for x in lines]
    if ctx.chance(0.5):
        blocks.append(Link(ctx.pick(ph["pay"]), ctx.pick((f"https://{ctx.site()}/invoices/view/{ctx.token(24)}",
                                                          f"https://pay.stripe.com/invoice/acct_{ctx.token(16)}/"
                                                          f"live_{ctx.token(40)}",
                                                          f"https://www.paypal.com/invoice/p/#{ctx.token(16).upper()}"))))
    blocks.append(P(f"{SIGNOFF_FORMAL[ctx.lang]}\n{a.name}\n{a.address}\n{a.tax_id}".rstrip()))
    doc = Doc(blocks, ctx.lang, subject)
    mail = Mail(subject=subject, from_name=a.name, from_addr=addr, to=[(client.name, client.email)],
                text=to_text(doc), html=to_html(doc, ctx.pick(("simple", "builder"))) if ctx.chance(0.5) else None,
                lang=ctx.lang, agent=ctx.pick(("phpmailer", "custom_php", "symfony")), attachments=[pdf])
    if ctx.chance(0.5):
        box = {"de": "buchhaltung", "fr": "compta", "es": "contabilidad"}.get(ctx.lang, "accounts")
        mail.cc = [("", f"{box}@{a.main_domain}")]
    rcpts = [client.email] + [c[1] for c in mail.cc]
    return Built(mail, site_submission(ctx, rcpts, addr, script="/invoices/send.php"), "invoice from software")
