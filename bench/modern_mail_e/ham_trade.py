# ruff: noqa: RUF001 - text in many scripts: look-alike letters are the point, not a typo
"""Legitimate commercial mail: orders, receipts, shipping, invoices, reminders, quotes, marketing."""

from __future__ import annotations

from bench.modern_mail_e import routes
from bench.modern_mail_e.parts import Ctx, file_part, image_part, layout, pdf, text_with_links
from bench.modern_mail_e.registry import family
from bench.modern_mail_e.submit import Draft, Route

SHOPS = "sonnenk atlune knigmir anahali mingcha yushan trailhd"
ITEMS = {
    "de": ("Dinkel-Vollkornbrot", "Zimtschnecken (6 Stück)", "Roggenmischbrot 1 kg", "Stollen klein"),
    "fr": ("Bol en grès émaillé", "Vase « Lune » bleu nuit", "Assiette plate ×4", "Tasse à thé sans anse"),
    "ru": ("«Мастер и Маргарита», твёрдая обложка", "Подарочный сертификат", "Закладка из кожи"),
    "tr": ("Kilim yastık kılıfı 45x45", "El dokuma seccade", "Yün halı 120x180"),
    "zh": ("西湖龙井 明前特级 250克", "白瓷盖碗", "竹制茶盘"),
    "zh-hant": ("高山烏龍茶 150克", "凍頂烏龍 禮盒", "手作陶杯"),
    "en": ("Trail runner socks (2-pack)", "Ultralight rain shell, M", "Headlamp 400 lm", "Insulated bottle 750 ml"),
}
T_ORDER = {
    "de": ("Ihre Bestellung Nr. {n} bei {shop}", "Hallo {first},", "vielen Dank für Ihre Bestellung! Wir haben sie "
           "erhalten und packen sie heute noch.", "Summe", "Bestellung ansehen"),
    "fr": ("Confirmation de votre commande n°{n}", "Bonjour {first},", "merci pour votre commande. Chaque pièce est "
           "faite à la main : comptez deux à trois jours avant l'expédition.", "Total", "Suivre ma commande"),
    "ru": ("Заказ №{n} оформлен", "Здравствуйте, {first}!", "Спасибо за заказ. Мы сообщим, когда он будет "
           "передан в службу доставки.", "Итого", "Открыть заказ"),
    "tr": ("Siparişiniz alındı (#{n})", "Merhaba {first},", "siparişiniz için teşekkür ederiz. Ürünleriniz "
           "özenle paketlenip kargoya verilecektir.", "Toplam", "Siparişi görüntüle"),
    "zh": ("订单确认：{n}号", "{first}，您好：", "感谢您的订购！我们已收到您的订单，将在48小时内发货。", "合计",
           "查看订单"),
    "zh-hant": ("訂單確認 #{n}", "{first} 您好：", "感謝您的訂購，我們將於兩個工作天內出貨。", "總計", "查看訂單"),
    "en": ("Order #{n} confirmed", "Hi {first},", "Thanks for shopping with us. We're getting your order ready and "
           "will email you as soon as it ships.", "Total", "View your order"),
}


@family("order_confirmation", "ham", "receipt", SHOPS, "de fr ru tr zh zh-hant en", 12)
def order_confirmation(c: Ctx) -> tuple[Draft, Route, str]:
    subj, hi, body, total, btn = c.pick(T_ORDER)  # type: ignore[misc]
    n = c.num(1000, 60000)
    items = c.rng.sample(ITEMS.get(c.acct.langs[0], ITEMS["en"]), 2)  # product names stay in the shop's language
    lines = [f"{i}  x{c.rng.randint(1, 3)}  {c.money(4, 120)}" for i in items] + [f"{total}: {c.money(20, 300)}"]
    link = c.url(f"my-account/view-order/{n}/")
    paras = [hi.format(first=c.rcpt.first), body, "\n".join(lines)]
    foot = [c.acct.name, c.acct.address, c.acct.tax_id]
    frm = c.who(1)
    d = Draft(subj.format(n=n, shop=c.acct.name), c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)],
              text_with_links(paras, (btn, link), foot), layout(c.rng, c.lang, paras, brand=c.acct.name,
                                                               button=(btn, link), footer=foot),
              lang=c.lang, mailer="phpmailer", reply_to=(c.acct.name, frm[1]))
    return d, routes.site_script(c, routes.PLUGINS[2], frm[1]), "shop order confirmation with items and total"


T_SHORT = {
    "de": ("Bestellung {n}", "Danke für Ihre Bestellung {n}. Abholung ab morgen 7 Uhr.\nGreta"),
    "fr": ("Commande {n}", "Merci ! Votre commande {n} est bien notée.\nCamille"),
    "ru": ("Заказ {n}", "Спасибо, заказ {n} получен. Ольга"),
    "en": ("Your receipt {n}", "Thanks for your order {n}. See you soon!"),
    "tr": ("Sipariş {n}", "Teşekkürler, {n} numaralı siparişiniz hazırlanıyor."),
    "zh": ("订单{n}", "已收到您的订单{n}，谢谢！"),
}


@family("receipt_tiny", "ham", "receipt", "sonnenk atlune knigmir trailhd anahali mingcha", "de fr ru en tr zh", 10)
def receipt_tiny(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_SHORT)  # type: ignore[misc]
    n = c.num(100, 9999)
    frm = c.who(0)
    d = Draft(subj.format(n=n), frm[0], frm[1], [("", c.rcpt.email)], body.format(n=n), lang=c.lang,
              mailer=c.rng.choice(("apple", "thunderbird", "roundcube")))
    r = routes.webmail(c) if d.mailer == "roundcube" else routes.mailbox(c, mobile=d.mailer == "apple")
    return d, r, "two-line receipt typed by the shop owner"


T_SHIP = {
    "de": ("Ihr Paket ist unterwegs", "Gute Nachrichten, {first}: Ihre Bestellung {n} wurde an DHL übergeben.",
           "Sendungsnummer: {t}", "Sendung verfolgen"),
    "fr": ("Votre colis a été expédié", "Bonne nouvelle {first}, votre commande {n} est partie ce matin par "
           "Colissimo.", "Numéro de suivi : {t}", "Suivre le colis"),
    "en": ("Your order is on its way", "Good news, {first}! Order {n} has shipped with UPS.", "Tracking number: {t}",
           "Track package"),
    "ru": ("Ваш заказ отправлен", "{first}, заказ {n} передан в СДЭК.", "Трек-номер: {t}", "Отследить"),
    "zh": ("您的订单已发货", "{first}，您的订单{n}已交由顺丰速运配送。", "运单号：{t}", "查看物流"),
    "zh-hant": ("您的訂單已出貨", "{first}，訂單{n}已交由黑貓宅急便配送。", "貨運單號：{t}", "查詢物流"),
}


@family("shipping_notice", "ham", "shipping", SHOPS, "de fr en ru zh zh-hant", 11)
def shipping_notice(c: Ctx) -> tuple[Draft, Route, str]:
    subj, a, b, btn = c.pick(T_SHIP)  # type: ignore[misc]
    n, t = c.num(), "".join(c.rng.choice("0123456789") for _ in range(14))
    link = f"https://track.parcel-carrier.example/?id={t}"
    paras = [a.format(first=c.rcpt.first, n=n), b.format(t=t)]
    frm = c.who(1)
    d = Draft(subj, c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)], text_with_links(paras, (btn, link)),
              layout(c.rng, c.lang, paras, brand=c.acct.name, button=(btn, link), footer=[c.acct.address]),
              lang=c.lang, mailer="phpmailer")
    return d, routes.site_script(c, routes.PLUGINS[2], frm[1]), "shipping notice linking the carrier's tracking"


T_INV = {
    "nl": ("Factuur {n}", "Geachte heer/mevrouw {last},", "Bijgaand ontvangt u onze factuur {n} voor de "
           "werkzaamheden in november. Wij verzoeken u het bedrag van {amt} binnen 14 dagen over te maken.",
           "Met vriendelijke groet,"),
    "de": ("Rechnung {n}", "Hallo {first},", "anbei die Rechnung {n} über {amt} für das Projekt. Zahlbar innerhalb "
           "von 14 Tagen ohne Abzug.", "Viele Grüße"),
    "en": ("Invoice {n} from {co}", "Hi {first},", "Please find attached invoice {n} for {amt}. Payment is due "
           "within 30 days; bank details are on the invoice. Let me know if anything looks off.", "Best regards,"),
    "it": ("Fattura n. {n}", "Gentile {first},", "in allegato la fattura n. {n} di {amt} relativa alle cure "
           "effettuate. Può pagare con bonifico o in studio.", "Cordiali saluti,"),
}


@family("invoice_pdf", "ham", "invoice", "vdberg lindcpa pxforge solarvp quickfx nimbus drossi",
        "nl de en it", 12)
def invoice_pdf(c: Ctx) -> tuple[Draft, Route, str]:
    subj, hi, body, bye = c.pick(T_INV)  # type: ignore[misc]
    n, amt = f"{c.rng.choice(('2026-', 'INV-', 'F', ''))}{c.num(100, 9999)}", c.money(150, 9000)
    me = c.who(0)
    last = c.rcpt.name.split()[-1]
    text = "\n\n".join([hi.format(first=c.rcpt.first, last=last), body.format(n=n, amt=amt), f"{bye}\n{me[0]}\n"
                        f"{c.acct.name}\n{c.acct.phone}"])
    doc = pdf([c.acct.name, c.acct.address, f"Invoice {n}", f"Amount {amt}", "IBAN XX00 0000 0000 0000 00",
               c.acct.tax_id], c.rng)
    d = Draft(subj.format(n=n, co=c.acct.name), me[0], me[1], [(c.rcpt.name, c.rcpt.email)], text, lang=c.lang,
              files=[file_part(f"{n}.pdf".replace("/", "-"), "application/pdf", doc)],
              mailer=c.rng.choice(("outlook", "thunderbird", "apple")))
    return d, routes.mailbox(c), "invoice with a PDF, sent by the owner"


T_REMIND = {
    "en": ("REMINDER: invoice {n} is now overdue", "Hello {first},", "Our records show that invoice {n} ({amt}) "
           "was due on {day} and is still unpaid. Please arrange payment as soon as possible to avoid a late fee. "
           "If you have already paid, please ignore this message.", "Pay online"),
    "de": ("Zahlungserinnerung: Rechnung {n}", "Hallo {first},", "sicher ist es Ihrer Aufmerksamkeit entgangen: "
           "Die Rechnung {n} über {amt} war am {day} fällig. Bitte überweisen Sie den Betrag in den nächsten "
           "7 Tagen.", "Jetzt bezahlen"),
    "nl": ("Herinnering: openstaande factuur {n}", "Beste {first},", "Volgens onze administratie staat factuur {n} "
           "({amt}) nog open. Wilt u deze binnen 7 dagen voldoen?", "Direct betalen"),
}


@family("payment_reminder", "ham", "invoice", "solarvp quickfx harbour pxforge vdberg nimbus", "en de nl", 11)
def payment_reminder(c: Ctx) -> tuple[Draft, Route, str]:
    subj, hi, body, btn = c.pick(T_REMIND)  # type: ignore[misc]
    n = f"{c.num(1000, 99999)}"
    link = c.url(f"pay/{n}?k={c.token(16)}")
    paras = [hi.format(first=c.rcpt.first), body.format(n=n, amt=c.money(40, 2500), day=c.day())]
    frm = c.who(1) if len(c.acct.people) > 1 else c.who(0)
    foot = [c.acct.name, c.acct.phone]
    d = Draft(subj.format(n=n), f"{c.acct.name} Accounts", frm[1], [(c.rcpt.name, c.rcpt.email)],
              text_with_links(paras, (btn, link), foot), layout(c.rng, c.lang, paras, brand=c.acct.name,
                                                               button=(btn, link), footer=foot),
              lang=c.lang, mailer="php")
    return d, routes.cron(c, f"php /home/{c.acct.user}/billing/reminders.php", frm[1]), "overdue reminder, urgent"


T_CART = {
    "en": ("You left something behind 👀", "Still thinking about it, {first}?", "Your cart is saved. Complete "
           "your order in the next 24 hours and get FREE shipping.", "Return to cart"),
    "de": ("Noch etwas im Warenkorb?", "Hallo {first},", "Ihr Warenkorb wartet noch auf Sie. Heute bestellt, "
           "morgen frisch gebacken geliefert!", "Zum Warenkorb"),
    "tr": ("Sepetinizde ürün kaldı", "Merhaba {first},", "Sepetinizdeki ürünler tükenmek üzere. Bugün "
           "tamamlarsanız kargo bedava!", "Sepete dön"),
    "fr": ("Votre panier vous attend", "Bonjour {first},", "Les pièces de votre panier sont uniques : une fois "
           "vendues, elles ne reviennent pas.", "Finaliser ma commande"),
}


@family("cart_reminder", "ham", "marketing", "trailhd sonnenk anahali atlune", "en de tr fr", 9)
def cart_reminder(c: Ctx) -> tuple[Draft, Route, str]:
    subj, hi, body, btn = c.pick(T_CART)  # type: ignore[misc]
    link = c.url(f"cart/?recover={c.token(20)}")
    paras = [hi.format(first=c.rcpt.first), body]
    unsub = c.url(f"unsubscribe?u={c.token(12)}")
    frm = c.who(len(c.acct.people) - 1)
    d = Draft(subj, c.acct.name, frm[1], [("", c.rcpt.email)], text_with_links(paras, (btn, link), [unsub]),
              layout(c.rng, c.lang, paras, brand=c.acct.name, button=(btn, link), footer=[c.acct.address, unsub],
                     image=c.url("wp-content/uploads/2026/11/banner.jpg")), lang=c.lang, mailer="phpmailer",
              headers=[("List-Unsubscribe", f"<{unsub}>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")])
    return d, routes.cron(c, f"wget -q -O- {c.url('wp-cron.php')}", frm[1]), "abandoned-cart marketing"


T_REVIEW = {
    "en": ("How did we do, {first}?", "Your order arrived a few days ago. Would you leave a quick review? "
           "It takes one minute and helps a small shop a lot.", "Write a review"),
    "fr": ("Votre avis compte", "Votre commande est arrivée ? Dites-nous ce que vous en pensez en deux clics.",
           "Donner mon avis"),
    "ru": ("Оцените покупку", "Пожалуйста, оставьте отзыв о заказе — это займёт минуту.", "Оставить отзыв"),
    "zh": ("请评价您的购物体验", "您的包裹已签收，欢迎为本次购物打分。", "去评价"),
}


@family("review_request", "ham", "marketing", "trailhd atlune knigmir mingcha", "en fr ru zh", 9)
def review_request(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body, btn = c.pick(T_REVIEW)  # type: ignore[misc]
    link = f"https://reviews.trustpanel.example/evaluate/{c.acct.main_domain}?o={c.num()}"
    paras = [body]
    frm = c.who(1)
    d = Draft(subj.format(first=c.rcpt.first), c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)],
              text_with_links(paras, (btn, link)), layout(c.rng, c.lang, paras, brand=c.acct.name,
                                                         button=(btn, link), footer=[c.acct.address]),
              lang=c.lang, mailer="phpmailer")
    return d, routes.site_script(c, "wp-content/plugins/review-reminder/cron.php", frm[1]), "review request"


T_QUOTE = {
    "en": ("Quote for {job}", "Hi {first},\n\nThanks for having us out yesterday. As discussed, the attached quote "
           "covers {job}. The price is held for 14 days; we could start the week of {day}.\n\nCheers,\n{me}\n{co}\n"
           "{ph}"),
    "de": ("Angebot: {job}", "Hallo {first},\n\nwie besprochen sende ich Ihnen anbei unser Angebot für {job}. "
           "Es ist 30 Tage gültig. Start wäre ab {day} möglich.\n\nBeste Grüße\n{me}\n{co}"),
}
JOBS = {"quickfx": ("the water heater replacement", "the bathroom repipe", "moving the kitchen sink"),
        "solarvp": ("a 6.6 kW rooftop solar system", "a 10 kWh home battery", "panel cleaning and inspection"),
        "pxforge": ("the website redesign", "a new online shop", "den Relaunch Ihrer Website"),
        "nimbus": ("the office network upgrade", "die Wartung Ihres Netzwerks", "neue Laptops für das Team")}


@family("quote_estimate", "ham", "letter", "quickfx solarvp pxforge nimbus", "en de", 9)
def quote_estimate(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_QUOTE)  # type: ignore[misc]
    job = c.rng.choice(JOBS[c.acct.user])
    me = c.who(len(c.acct.people) - 1)
    doc = pdf([c.acct.name, f"Quote Q-{c.num()}", job, f"Total {c.money(300, 14000)}", "Valid 14 days"], c.rng)
    d = Draft(subj.format(job=job), me[0], me[1], [(c.rcpt.name, c.rcpt.email)],
              body.format(first=c.rcpt.first, job=job, day=c.day(), me=me[0], co=c.acct.name, ph=c.acct.phone),
              lang=c.lang, files=[file_part(f"Quote-{c.num(100, 999)}.pdf", "application/pdf", doc)],
              mailer=c.rng.choice(("outlook", "apple")))
    return d, routes.mailbox(c, len(c.acct.people) - 1, mobile=d.mailer == "apple"), "quote with PDF"


T_NEWS = {
    "en": ("🔥 48 hours only: 30% off everything", "Our winter sale starts NOW. Jackets, layers and headlamps: "
           "everything is 30% off until Sunday midnight.", "Free returns. Limited stock.", "Shop the sale"),
    "de": ("Adventsangebot: Stollen 20 % günstiger", "Nur diese Woche: unser Butterstollen für 14,90 € statt "
           "18,50 €. Solange der Vorrat reicht!", "Vorbestellen lohnt sich.", "Jetzt vorbestellen"),
    "fr": ("Nouvelle collection d'hiver ❄️", "Les émaux bleu nuit sont de retour, en édition limitée.",
           "Livraison offerte dès 60 €.", "Découvrir"),
    "tr": ("Kış indirimi başladı!", "Tüm el dokuma halılarda %25'e varan indirim.", "Stoklarla sınırlıdır.",
           "Alışverişe başla"),
    "ja": ("【12月限定】冬の温泉ツアー特集", "人気の草津・箱根ツアーを早割価格でご案内します。",
           "お早めにご予約ください。", "ツアーを見る"),
    "zh": ("双十二特惠：全场茶叶八折", "明前龙井、白茶、普洱，限时八折，满299包邮。", "活动仅限三天。", "立即选购"),
}


@family("newsletter_shop", "ham", "newsletter", "trailhd sonnenk atlune anahali sakura mingcha",
        "en de fr tr ja zh", 12)
def newsletter_shop(c: Ctx) -> tuple[Draft, Route, str]:
    subj, a, b, btn = c.pick(T_NEWS)  # type: ignore[misc]
    camp = c.token(8)
    link = c.url(f"sale/?utm_source=newsletter&utm_campaign={camp}")
    unsub = c.url(f"newsletter/unsubscribe/{c.token(18)}")
    paras = [a, b]
    frm = c.who(len(c.acct.people) - 1)
    foot = [c.acct.name, c.acct.address, unsub]
    inline = [image_part(c.rng, "hero.png", f"hero{camp}@{c.acct.main_domain}", size=64)]
    html = layout(c.rng, c.lang, paras, brand=c.acct.name, button=(btn, link), footer=foot,
                  image=f"cid:hero{camp}@{c.acct.main_domain}", style=0)
    d = Draft(subj, c.acct.name, frm[1], [("", c.rcpt.email)], text_with_links(paras, (btn, link), foot), html,
              lang=c.lang, inline=inline, mailer=c.rng.choice(("sendy", "mailpoet")),
              headers=[("List-Unsubscribe", f"<{unsub}>, <mailto:unsubscribe@{c.acct.main_domain}>"),
                       ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                       ("List-Id", f"<news.{c.acct.main_domain}>"), ("Precedence", "bulk")])
    return d, routes.cron(c, f"php /home/{c.acct.user}/public_html/sendy/scheduled.php", frm[1]), "sale newsletter"


T_STMT = {"en": ("Your {month} statement is ready", "Hello {first},", "Your account statement for {month} is "
                 "attached. Balance due: {amt}. Autopay will collect it on {day}; no action is needed.",
                 "View in portal")}


@family("account_statement", "ham", "invoice", "solarvp ledgerly harbour", "en", 9)
def account_statement(c: Ctx) -> tuple[Draft, Route, str]:
    subj, hi, body, btn = c.pick(T_STMT)  # type: ignore[misc]
    month = c.rng.choice(("November", "October"))
    link = c.url("portal/statements")
    paras = [hi.format(first=c.rcpt.first), body.format(month=month, amt=c.money(20, 400), day=c.day())]
    frm = c.who(0)
    doc = pdf([c.acct.name, f"Statement {month} 2026", f"Customer {c.num()}"], c.rng)
    d = Draft(subj.format(month=month), c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)],
              text_with_links(paras, (btn, link)), layout(c.rng, c.lang, paras, brand=c.acct.name,
                                                         button=(btn, link), footer=[c.acct.address]),
              lang=c.lang, files=[file_part(f"statement-{month.lower()}-2026.pdf", "application/pdf", doc)],
              mailer="php")
    return d, routes.cron(c, f"php /home/{c.acct.user}/app/artisan statements:send", frm[1]), "monthly statement"


T_REFUND = {
    "en": ("Refund issued for order #{n}", "Hi {first}, we've refunded {amt} to your original payment method. It "
           "can take 5-10 business days to appear on your statement."),
    "de": ("Erstattung zu Bestellung {n}", "Hallo {first}, wir haben {amt} auf Ihr ursprüngliches Zahlungsmittel "
           "erstattet. Die Gutschrift kann einige Tage dauern."),
    "fr": ("Remboursement de la commande {n}", "Bonjour {first}, nous avons remboursé {amt} sur votre moyen de "
           "paiement. Comptez quelques jours avant de le voir apparaître."),
    "tr": ("{n} numaralı siparişin iadesi yapıldı", "Merhaba {first}, {amt} tutarındaki iadeniz kartınıza "
           "yapılmıştır."),
}


@family("refund_notice", "ham", "receipt", "trailhd sonnenk atlune anahali", "en de fr tr", 9)
def refund_notice(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_REFUND)  # type: ignore[misc]
    n = c.num(1000, 60000)
    text = body.format(first=c.rcpt.first, amt=c.money(10, 250))
    frm = c.who(1)
    d = Draft(subj.format(n=n), c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)], text,
              layout(c.rng, c.lang, [text], brand=c.acct.name, footer=[c.acct.address]), lang=c.lang,
              mailer="phpmailer")
    return d, routes.site_script(c, routes.PLUGINS[2], frm[1]), "refund notice, money words but no ask"


@family("invoice_via_platform", "ham", "invoice", "ledgerly", "en", 10)
def invoice_via_platform(c: Ctx) -> tuple[Draft, Route, str]:
    """An invoicing SaaS on this server sends its users' invoices: the display name and Reply-To are the user's
    business, the address and every link are the platform's."""
    biz = c.other("en")
    biz_name = c.rng.choice(("Greenleaf Landscaping", "Bright Smile Dental", "Harbor Cafe Catering",
                             f"{biz.name} Photography", "Northside Auto Repair", "Tidy Home Cleaners"))
    n = c.num(1000, 9999)
    amt = f"${c.rng.randint(80, 4800)}.{c.rng.randint(0, 99):02d}"
    link = f"https://pay.ledgerly.example/i/{c.token(20)}"
    paras = [f"Hi {c.rcpt.first},", f"{biz_name} sent you invoice #{n} for {amt}, due {c.day()}.",
             "You can view and pay it online by card or bank transfer."]
    foot = ["Powered by Ledgerly", "Questions about this invoice? Reply to this email to reach " + biz_name + "."]
    d = Draft(f"Invoice #{n} from {biz_name}", f"{biz_name} via Ledgerly", "invoices@ledgerly.example",
              [(c.rcpt.name, c.rcpt.email)], text_with_links(paras, ("Pay invoice", link), foot),
              layout(c.rng, "en", paras, brand=biz_name, button=("Pay invoice", link), footer=foot), lang="en",
              reply_to=(biz_name, biz.email), mailer="none",
              files=[file_part(f"Invoice-{n}.pdf", "application/pdf", pdf([biz_name, f"Invoice {n}", amt], c.rng))])
    return d, routes.site_script(c, "app/queue/worker.php", "bounces@ledgerly.example"), \
        "invoice sent by a SaaS on behalf of its user: pay link, Reply-To elsewhere"
