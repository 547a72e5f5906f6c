# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Legitimate mail of set F's shops and firms: orders, shipping, invoices, quotes, receipts, refunds."""

from __future__ import annotations

from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail_f import compose, files
from bench.modern_mail_f.context import Ctx, Draft

_GOODS = {
    "es": ("Pan de masa madre", "Ensaimada", "Caja de magdalenas", "Roscón mediano", "Coca de llanda"),
    "nl": ("Boerenkaas jong belegen", "Biologische eieren (10)", "Appelsap 1 l", "Groentepakket", "Honing"),
    "ja": ("宇治煎茶 100g", "抹茶 30g", "ほうじ茶ティーバッグ", "玉露 50g", "急須"),
    "zh": ("公路車內胎", "LED 車燈組", "變速線", "水壺架", "安全帽"),
    "tr": ("Kilim yastık kılıfı", "El dokuma halı 80x150", "Yün seccade", "Halı temizleme hizmeti"),
    "pl": ("Bukiet róż", "Storczyk w doniczce", "Wieniec", "Kartka okolicznościowa", "Tulipany (20)"),
    "en": ("Heirloom tomato seeds", "Seed starter tray", "Organic basil seeds", "Garden twine", "Gift card"),
    "de": ("Saatgut Mischung", "Anzuchtset", "Kräutertopf", "Gutschein"),
    "ru": ("Замена масла", "Комплект тормозных колодок", "Диагностика подвески"),
}


def _items(ctx: Ctx) -> list[tuple[str, str]]:
    goods = _GOODS.get(ctx.lang, _GOODS["en"])
    picked = ctx.rng.sample(goods, k=min(len(goods), ctx.rng.randint(1, 3)))
    return [(f"{ctx.rng.randint(1, 4)} × {g}", ctx.money(3, 90)) for g in picked]


def _shop_box(ctx: Ctx) -> tuple[str, str]:
    return ctx.account.name, ctx.box(1)[1]


def order_html(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    no = c.number("#", 5)
    items = _items(c)
    total = c.money(20, 250)
    inner = (f"<h2>{compose.esc(c.p('thanks_order'))}</h2><p>{compose.esc(c.p('hi', n=cust.first))}</p>"
             f"<p>{c.p('order')} {no}</p>" + compose.rows([*items, (c.p("total"), total)])
             + compose.button(c.site(f"my-account/view-order/{no[1:]}/"), c.p("order")))
    logo = c.rng.random() < 0.5
    atts = [Attachment("logo.png", "image/png", files.png(c.rng, 40, 16), content_id=f"logo.{c.token(8)}")] \
        if logo else []
    mail = Mail(subject=f"{c.p('order')} {no} – {c.account.name}", from_name=_shop_box(c)[0],
                from_addr=_shop_box(c)[1], to=[(cust.name, cust.email)], lang=c.lang, agent="woocommerce",
                html=compose.page(c.rng, c.lang, inner, c.p("order"), c.account.name,
                                  atts[0].content_id if atts else "", c.footer()),
                text=None if c.rng.random() < 0.4 else f"{c.p('thanks_order')}\n\n{c.p('order')} {no}\n"
                + compose.text_rows([*items, (c.p("total"), total)]) + f"\n\n{c.footer()}\n", attachments=atts)
    return Draft(mail, "php", "/wp-content/plugins/woocommerce/includes/class-wc-emails.php")


def order_text(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    no = c.number("", 7)
    body = (f"{c.p('hi', n=cust.first)}\n\n{c.p('thanks_order')}\n\n{c.p('order')}: {no}\n"
            + compose.text_rows([*_items(c), (c.p("total"), c.money(10, 120))])
            + f"\n\n{c.p('reply_soon')}\n\n{c.p('regards')}\n{c.account.name}\n")
    mail = Mail(subject=f"{c.p('order')} {no}", from_name=c.account.name, from_addr=_shop_box(c)[1],
                to=[(cust.name, cust.email)], text=body, lang=c.lang, agent="php")
    return Draft(mail, "php", "/shop/checkout/confirm.php")


def shipping(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    parcel = c.number("", 14)
    carrier = c.rng.choice(("parcelpost.example", "swiftcargo.test", "nordlink-freight.example"))
    url = f"https://track.{carrier}/p/{parcel}"
    text = f"{c.p('hi', n=cust.first)}\n\n{c.p('shipped')}\n{c.p('track')}: {url}\n\n{c.p('regards')}\n" \
           f"{c.account.name}\n"
    html_part = compose.page(c.rng, c.lang, compose.paras_html(f"{c.p('hi', n=cust.first)}\n\n{c.p('shipped')}")
                             + compose.button(url, c.p("track")), c.p("shipped"), c.account.name, "", c.footer())
    mail = Mail(subject=f"{c.p('shipped')} ({c.p('order')} {c.number('', 5)})", from_name=c.account.name,
                from_addr=_shop_box(c)[1], to=[(cust.name, cust.email)], text=text,
                html=html_part if c.rng.random() < 0.6 else None, lang=c.lang, agent="woocommerce")
    return Draft(mail, "php", "/wp-content/plugins/shipment-tracking/notify.php")


def invoice_pdf(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    no = f"{c.when.year}-{c.number('', 4)}"
    amount = c.money(80, 4800)
    sender = c.box(c.rng.randint(0, len(c.account.people) - 1))
    pdfdata = files.pdf(f"Invoice {no}", [c.account.name, f"Amount {amount}", f"Due {c.day(14)}"])
    body = f"{c.p('hi', n=cust.first)}\n\n{c.p('invoice')} ({no}, {amount})\n{c.p('due', d=c.day(14))}\n\n" \
           f"{c.p('regards')}\n{sender[0]}\n{c.footer()}\n"
    mail = Mail(subject=f"{no} – {c.account.name}", from_name=sender[0], from_addr=sender[1],
                to=[(cust.name, cust.email)], text=body, lang=c.lang,
                agent=c.rng.choice(("outlook", "thunderbird", "applemail")),
                attachments=[Attachment(f"{no}.pdf", "application/pdf", pdfdata)])
    return Draft(mail, c.rng.choice(("client", "webmail")))


def invoice_run(ctx: Ctx) -> Draft:
    """Monthly invoices sent by the account's billing script from cron."""
    c, cust = ctx, ctx.person()
    no = c.number("R", 6)
    amount = c.money(15, 300)
    mail = Mail(subject=f"{c.p('invoice').rstrip('.')} {no}", from_name=c.account.name, from_addr=c.box(1)[1],
                to=[(cust.name, cust.email)], lang=c.lang, agent="python",
                text=f"{c.p('hi', n=cust.first)}\n\n{c.p('invoice')}\n{c.p('total')}: {amount}\n"
                     f"{c.p('due', d=c.day(10))}\n\n{c.footer()}\n",
                attachments=[Attachment(f"{no}.pdf", "application/pdf", files.pdf(no, [amount]))])
    return Draft(mail, "cron", mail_from=c.box(1)[1])


def payment_reminder(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    no = c.number("", 5)
    lines = {"en": f"Our records show invoice {no} is still open. If you have already paid, thank you and please "
                   "disregard this note; otherwise a transfer within the next week would be appreciated.",
             "de": f"Laut unserer Buchhaltung ist die Rechnung {no} noch offen. Falls Sie bereits überwiesen haben, "
                   "betrachten Sie diese Erinnerung bitte als gegenstandslos.",
             "nl": f"Volgens onze administratie staat factuur {no} nog open. Heb je al betaald, dan mag je dit "
                   "bericht negeren.",
             "fr": f"Sauf erreur de notre part, la facture {no} reste à régler. Si le virement est déjà parti, "
                   "merci de ne pas tenir compte de ce message."}
    lang = c.use(lines)
    text = f"{c.p('hi', n=cust.first)}\n\n{lines[lang]}\n\n{c.p('regards')}\n{c.box(0)[0]}\n"
    mail = Mail(subject={"de": "Zahlungserinnerung", "nl": "Betalingsherinnering", "fr": "Rappel de paiement"}
                .get(lang, "Friendly payment reminder") + f" {no}", from_name=c.box(0)[0], from_addr=c.box(0)[1],
                to=[(cust.name, cust.email)], text=text, lang=lang, agent="outlook")
    return Draft(mail, "client")


def quote_pdf(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    sender = c.box(0)
    no = c.number("Q", 4)
    body = f"{c.p('hi', n=cust.first)}\n\n{c.p('quote')}\n{c.p('total')}: {c.money(300, 9000)}\n\n" \
           f"{c.p('regards')}\n{sender[0]}\n{c.account.name}\n{c.account.phone}\n"
    kind = c.rng.choice(("pdf", "xlsx"))
    data = files.pdf(no, ["Quote", c.account.name]) if kind == "pdf" else files.office("xlsx", f"Quote {no}")
    ctype = "application/pdf" if kind == "pdf" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    mail = Mail(subject=f"{c.p('quote').split(',')[0].rstrip('.')} {no}", from_name=sender[0], from_addr=sender[1],
                to=[(cust.name, cust.email)], text=body, lang=c.lang, agent=c.rng.choice(("outlook", "thunderbird")),
                attachments=[Attachment(f"{no}.{kind}", ctype, data)])
    return Draft(mail, "client")


def refund(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    amt = c.money(5, 140)
    t = {"en": f"We have refunded {amt} to the card you paid with. Banks usually show it within 3 to 5 days.",
         "es": f"Hemos devuelto {amt} a la tarjeta con la que pagaste. Suele verse en 3 a 5 días.",
         "pl": f"Zwróciliśmy {amt} na kartę, którą zapłacono. Środki pojawią się zwykle w ciągu 3–5 dni.",
         "nl": f"We hebben {amt} teruggestort op je betaalkaart. Meestal zie je het binnen 3 tot 5 dagen.",
         "tr": f"{amt} tutarındaki iadeniz kartınıza yapıldı. Bankanıza göre 3-5 gün içinde görünür.",
         "zh": f"已將 {amt} 退回您付款的信用卡，通常 3 至 5 天內入帳。",
         "ja": f"お支払いいただいたカードへ {amt} を返金いたしました。反映まで3〜5日ほどかかります。"}
    lang = c.use(t)
    mail = Mail(subject={"en": "Your refund", "es": "Tu reembolso", "pl": "Zwrot środków", "nl": "Je terugbetaling",
                         "tr": "İade bilgisi", "zh": "退款通知", "ja": "ご返金のお知らせ"}[lang],
                from_name=c.account.name, from_addr=c.box(1)[1], to=[(cust.name, cust.email)], lang=lang,
                text=f"{c.p('hi', n=cust.first)}\n\n{t[lang]}\n\n{c.p('regards')}\n{c.account.name}\n",
                agent="woocommerce")
    return Draft(mail, "php", "/wp-content/plugins/woocommerce/includes/emails/class-wc-email-customer-refunded.php")


def pickup_ready(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    t = {"es": "Tu encargo ya está listo para recoger en la tienda de la calle del Horno, de 7:30 a 14:00.",
         "nl": "Je bestelling staat klaar in de winkel op de boerderij. Ophalen kan tot 17.00 uur.",
         "en": "Your order is packed and waiting at the counter. We are open until 6 pm.",
         "pl": "Twoje zamówienie czeka na odbiór w kwiaciarni do godziny 18:00.",
         "zh": "您的維修車輛已完成，可於營業時間內到門市取車。",
         "ja": "ご注文の品のご用意ができました。店頭にてお受け取りください。"}
    lang = c.use(t)
    mail = Mail(subject={"es": "Pedido listo", "nl": "Klaar om op te halen", "en": "Ready for collection",
                         "pl": "Zamówienie gotowe", "zh": "取車通知",
                         "ja": "お受け取りのご案内"}[lang],
                from_name=c.account.name, from_addr=c.box(1)[1], to=[(cust.name, cust.email)],
                text=f"{c.p('hi', n=cust.first)}\n\n{t[lang]}\n\n{c.account.name}\n{c.account.address}\n",
                lang=lang, agent="php")
    return Draft(mail, "php", "/pedidos/notify.php" if lang == "es" else "/order/ready.php")


def review_request(ctx: Ctx) -> Draft:
    c, cust = ctx, ctx.person()
    url = c.site(f"review/?o={c.number('', 6)}&k={c.token(10)}")
    t = {"en": "How did we do? A two-line review helps a small business like ours more than you might think.",
         "de": "Wie zufrieden waren Sie? Eine kurze Bewertung hilft uns als kleinem Betrieb sehr.",
         "it": "Com'è andato il soggiorno? Una breve recensione aiuta molto una struttura come la nostra.",
         "tr": "Alışverişinizden memnun kaldınız mı? Kısa bir yorum bize çok yardımcı olur.",
         "pt": "Como correu a aula? Uma avaliação rápida ajuda-nos imenso.",
         "ja": "商品はお気に召しましたか。短いレビューをいただけると励みになります。",
         "he": "איך היה השיעור? ביקורת קצרה עוזרת לסטודיו קטן כמו שלנו.",
         "zh": "您對這次的維修滿意嗎？留下簡短評價對我們幫助很大。"}
    lang = c.use(t)
    inner = compose.paras_html(f"{c.p('hi', n=cust.first)}\n\n{t[lang]}") + compose.button(url, "★★★★★")
    mail = Mail(subject={"en": "A quick favour?", "de": "Ihre Meinung zählt", "it": "La tua opinione",
                         "tr": "Görüşünüz bizim için önemli", "pt": "A sua opinião", "ja": "レビューのお願い",
                         "he": "נשמח לשמוע מה דעתך", "zh": "邀請您留下評價"}[lang],
                from_name=c.account.name, from_addr=c.box(1)[1], to=[(cust.name, cust.email)], lang=lang,
                html=compose.page(c.rng, lang, inner, "", c.account.name, "", c.footer()), agent="phpmailer")
    return Draft(mail, "cron" if c.rng.random() < 0.5 else "php", "/cron/review-requests.php")


def b2b_order(ctx: Ctx) -> Draft:
    c = ctx
    buyer = c.box(0)
    supplier = c.person("de" if c.lang == "de" else "en")
    t = {"de": "anbei unsere Bestellung für nächste Woche. Bitte wie gewohnt an die Lieferadresse Hafenstraße, "
               "Tor 3. Lieferschein bitte an dispo@ mit in Kopie.",
         "en": "please find our order for next week below. Delivery to the usual address, gate 3; please copy "
               "the delivery note to our office.",
         "es": "te paso el pedido de harina para la semana que viene. Entrega por la mañana antes de las 6, "
               "como siempre."}
    lang = c.use(t)
    lines = "\n".join(f"- {c.rng.randint(2, 40)} x {x}" for x in c.rng.sample(
        ("Paletten Stretchfolie", "Euro pallets", "Harina T65 25 kg", "Kartons 60x40", "Spanngurte", "Levadura"), 3))
    mail = Mail(subject={"de": "Bestellung KW", "en": "Order for week", "es": "Pedido semana"}[lang]
                + f" {c.when.isocalendar()[1] + 1}", from_name=buyer[0], from_addr=buyer[1],
                to=[(supplier.name, supplier.email)], lang=lang, agent="outlook",
                text=f"{c.p('hi', n=supplier.first) if lang != 'en' else 'Hello ' + supplier.first + ','}\n\n"
                     f"{t[lang]}\n\n{lines}\n\n{c.p('regards')}\n{buyer[0]}\n{c.account.name}\n")
    return Draft(mail, "client")


def filing_checklist(ctx: Ctx) -> Draft:
    """The accounting office's quarterly VAT checklist to a client, in Arabic or English, as HTML."""
    c, client = ctx, ctx.person("ar")
    lang = c.use(("ar", "en"))
    items = {"ar": ["كشوف الحساب البنكية للربع", "فواتير المبيعات والمشتريات", "إيصالات المصاريف",
                    "عقود الإيجار الجديدة إن وجدت"],
             "en": ["Bank statements for the quarter", "Sales and purchase invoices", "Expense receipts",
                    "Any new lease contracts"]}[lang]
    head = {"ar": f"يقترب موعد تقديم إقرار ضريبة القيمة المضافة ({c.day(20)}). نرجو تزويدنا بما يلي:",
            "en": f"The VAT return for the quarter is due on {c.day(20)}. Please send us:"}[lang]
    me = c.box(0)
    inner = compose.paras_html(f"{c.p('hi', n=client.first)}\n\n{head}") + "<ul>" + "".join(
        f"<li>{compose.esc(i)}</li>" for i in items) + "</ul>" + compose.paras_html(f"{c.p('regards')}\n{me[0]}")
    subject = {"ar": "المستندات المطلوبة لإقرار الربع", "en": "Documents for this quarter's VAT return"}[lang]
    mail = Mail(subject=subject,
                from_name=me[0], from_addr=me[1], to=[(client.name, client.email)], lang=lang,
                html=compose.page(c.rng, lang, inner, "", c.account.name, "", c.footer()),
                text=f"{c.p('hi', n=client.first)}\n\n{head}\n" + "\n".join(f"- {i}" for i in items)
                + f"\n\n{c.p('regards')}\n{me[0]}\n", agent=c.rng.choice(("outlook", "roundcube")))
    return Draft(mail, "webmail" if mail.agent == "roundcube" else "client")
