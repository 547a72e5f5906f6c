# ruff: noqa: RUF001, E501 - text in other scripts keeps its own letters and punctuation; sentences stay whole
"""Legitimate shop mail of set D: orders, refunds, back-in-stock, abandoned carts, review requests, shipping."""

from __future__ import annotations

from bench.modern_mail_d.compose import (
    draft_for,
    family,
    html_mail,
    link,
    mailbox,
    money,
    shape,
    text_mail,
    unsubscribe_headers,
)
from bench.modern_mail_d.sending import Ctx
from bench.modern_mail_d.world import ACCOUNTS

PRODUCTS = {
    "en": ("Trail Runner 2 shoes", "Merino base layer", "40L hiking pack", "Insulated bottle 750ml", "Rain shell jacket",
           "Camp stove mini", "Wool beanie", "Trekking poles (pair)"),
    "fr": ("Pain de campagne 1 kg", "Boîte de 12 macarons", "Galette des rois 6 parts", "Brioche tressée",
           "Coffret chocolats noirs", "Tarte aux pommes"),
    "it": ("Mocassino in pelle nero", "Sneaker bianca donna", "Stivaletto scamosciato", "Sandalo intrecciato",
           "Cintura in cuoio", "Crema nutriente per pelle"),
    "ar": ("رواية «ثلاثية غرناطة»", "ديوان محمود درويش", "دفتر ملاحظات جلدي", "كتاب تعليم الخط العربي",
           "موسوعة الطبخ الشامي"),
    "zh": ("明前龙井 250克", "安吉白茶礼盒", "紫砂茶壶", "正山小种 100克", "青瓷盖碗"),
    "tr": ("Sızma zeytinyağı 1 L", "Kırma yeşil zeytin 500 g", "Zeytinyağlı sabun (3'lü)", "Nar ekşisi 250 ml",
           "Kekik balı 450 g"),
}
SHOPS = {"en": "northwnd", "fr": "lunebake", "it": "tessaro", "ar": "alnoorbk", "zh": "jadetea", "tr": "zeytin"}

ORDER = {
    "en": ("Your order #{n} is confirmed", "Thanks for shopping with {shop}, {first}!",
           "We've received your order #{n} and we're getting it ready. You'll get another email with tracking as "
           "soon as it ships.", "Order summary", "Total", "View your order", "Questions? Just reply to this email."),
    "fr": ("Votre commande n°{n} est confirmée", "Merci pour votre commande, {first} !",
           "Nous avons bien reçu votre commande n°{n}. Elle sera prête au retrait demain à partir de 8 h, ou "
           "livrée à l'adresse indiquée.", "Récapitulatif", "Total TTC", "Voir ma commande",
           "Une question ? Répondez simplement à ce message."),
    "it": ("Conferma ordine n. {n}", "Grazie per il tuo acquisto, {first}!",
           "Abbiamo ricevuto il tuo ordine n. {n} e lo stiamo preparando. Riceverai un'email con il numero di "
           "tracciamento alla spedizione.", "Riepilogo ordine", "Totale (IVA inclusa)", "Visualizza ordine",
           "Per qualsiasi domanda rispondi a questa email."),
    "ar": ("تأكيد طلبك رقم {n}", "شكراً لتسوقك من {shop} يا {first}!",
           "استلمنا طلبك رقم {n} ونقوم بتجهيزه الآن. سنرسل لك رسالة أخرى برقم التتبع عند الشحن.", "ملخص الطلب",
           "المجموع", "عرض الطلب", "لأي استفسار يمكنك الرد على هذه الرسالة."),
    "zh": ("订单 {n} 已确认", "{first}，感谢您在{shop}购物！",
           "我们已收到您的订单 {n}，正在为您备货。发货后我们会再发邮件告知物流单号。", "订单明细", "合计",
           "查看订单", "如有疑问，请直接回复本邮件。"),
    "tr": ("{n} numaralı siparişiniz alındı", "Teşekkürler {first}!",
           "{n} numaralı siparişinizi aldık ve hazırlıyoruz. Kargoya verildiğinde takip numarasıyla birlikte "
           "size tekrar e-posta göndereceğiz.", "Sipariş özeti", "Toplam", "Siparişi görüntüle",
           "Sorularınız için bu e-postayı yanıtlamanız yeterli."),
}


def _items(ctx: Ctx, lang: str, cur: str) -> tuple[list[tuple[str, str]], str]:
    rows, total = [], 0.0
    for p in ctx.rng.sample(PRODUCTS[lang], ctx.rng.randint(1, 3)):
        qty, price = ctx.rng.randint(1, 3), ctx.rng.choice((4.5, 9.9, 12.0, 24.9, 39.0, 59.0, 89.0, 129.0))
        if cur in ("TRY", "CNY"):
            price *= 30 if cur == "TRY" else 7
        total += qty * price
        rows.append((f"{qty} × {p}", money(qty * price, cur)))
    return rows, money(total, cur)


@family("ham", "receipt", 11)
def f_shop_order(ctx: Ctx, i: int) -> None:
    lang = ("en", "fr", "it", "ar", "zh", "tr", "en", "fr", "en", "it", "zh")[i]
    a = ACCOUNTS[SHOPS[lang]]
    c = ctx.person(lang)
    n = str(ctx.rng.randint(1000, 48000))
    subj, title, intro, summary, total_w, btn, ask = ORDER[lang]
    rows, total = _items(ctx, lang, a.currency)
    rows.append((total_w, total))
    url = f"https://{a.main_domain}/my-account/view-order/{n}/"
    foot = [a.name, a.address, a.phone]
    paras = [title.format(first=c.first, shop=a.name), intro.format(n=n), summary + ":"]
    d = draft_for(ctx, lang, subj.format(n=n), a.name, mailbox(a, 1)[1], [(c.name, c.email)],
                  reply_to=mailbox(a, 2) if ctx.chance(0.5) else None)
    shape(ctx, d, text_mail([*paras], rows=rows, link_line=f"{btn}: {url}", footer=[ask, *foot]),
          html_mail(lang, a.name, paras, rows=rows, button=(btn, url), footer=[ask, *foot]), (1, 2, 4))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent="wordpress",
             notes="order confirmation from the shop's WooCommerce/PrestaShop")


REFUND = {
    "en": ("Refund issued for order #{n}", "We've issued a refund of {amt} to your original payment method for order "
           "#{n}. Depending on your bank it can take 5-10 business days to show up on your statement.",
           "Reason: {why}"),
    "it": ("Rimborso effettuato per l'ordine n. {n}", "Ti confermiamo il rimborso di {amt} sul metodo di pagamento "
           "usato per l'ordine n. {n}. L'accredito può richiedere da 5 a 10 giorni lavorativi.", "Motivo: {why}"),
    "fr": ("Remboursement de votre commande n°{n}", "Nous avons procédé au remboursement de {amt} pour la commande "
           "n°{n}. Selon votre banque, le montant apparaîtra sous 5 à 10 jours ouvrés.", "Motif : {why}"),
    "tr": ("{n} numaralı sipariş için iade yapıldı", "{n} numaralı siparişiniz için {amt} tutarındaki iade, ödeme "
           "yaptığınız karta gönderildi. Bankanıza bağlı olarak hesabınıza yansıması 5-10 iş günü sürebilir.",
           "Sebep: {why}"),
}
WHY = {"en": ("item returned", "out of stock", "damaged in transit", "order cancelled at your request"),
       "it": ("reso ricevuto", "taglia non disponibile", "ordine annullato su tua richiesta"),
       "fr": ("article indisponible", "commande annulée à votre demande"),
       "tr": ("ürün iade edildi", "stokta kalmadı", "kargoda hasar gördü")}


@family("ham", "receipt", 10)
def f_shop_refund(ctx: Ctx, i: int) -> None:
    lang = ("en", "it", "fr", "tr", "en")[i % 5]
    a = ACCOUNTS[SHOPS[lang]]
    c = ctx.person(lang)
    n = str(ctx.rng.randint(1000, 48000))
    subj, body, why = REFUND[lang]
    amt = money(ctx.rng.choice((19.0, 34.5, 72.0, 118.9)) * (30 if a.currency == "TRY" else 1), a.currency)
    greet = {"en": f"Hi {c.first},", "it": f"Ciao {c.first},", "fr": f"Bonjour {c.first},",
             "tr": f"Merhaba {c.first},"}[lang]
    paras = [greet, body.format(n=n, amt=amt), why.format(why=ctx.pick(WHY[lang])), a.name]
    d = draft_for(ctx, lang, subj.format(n=n), a.name, mailbox(a, 2)[1], [(c.name, c.email)])
    shape(ctx, d, text_mail(paras), html_mail(lang, a.name, paras, footer=[a.address]))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent="phpmailer", notes="refund notice")


@family("ham", "newsletter", 10)
def f_shop_backinstock(ctx: Ctx, i: int) -> None:
    lang = ("en", "zh", "tr", "en", "fr")[i % 5]
    a = ACCOUNTS[SHOPS[lang]]
    c = ctx.person(lang)
    prod = ctx.pick(PRODUCTS[lang])
    url = f"https://{a.main_domain}/product/{ctx.token(6).lower()}?utm_source=stock-alert&utm_medium=email"
    t = {"en": (f"Good news: {prod} is back in stock", f"You asked us to let you know: {prod} is back in stock. "
                "Quantities are limited and the last batch sold out in two days, so don't wait too long!",
                "Shop now", "You received this because you signed up for a stock alert. Unsubscribe any time."),
         "zh": (f"到货通知：{prod} 已补货", f"您关注的 {prod} 现已到货！上一批两天内售罄，库存有限，欲购从速。",
                "立即购买", "您收到此邮件是因为您订阅了到货提醒，可随时退订。"),
         "tr": (f"{prod} yeniden stokta!", f"Haber vermemizi istemiştiniz: {prod} tekrar stoklarımızda. Son parti "
                "iki günde tükendi, acele edin!", "Hemen al", "Stok bildirimine kaydolduğunuz için bu e-postayı "
                "aldınız. İstediğiniz zaman abonelikten çıkabilirsiniz."),
         "fr": (f"{prod} : de retour en boutique", f"Bonne nouvelle {c.first} : {prod} est de nouveau disponible "
                "à la commande en ligne, en quantité limitée.", "Commander", "Vous recevez cet e-mail car vous avez "
                "demandé une alerte de disponibilité.")}[lang]
    d = draft_for(ctx, lang, "🔔 " + t[0] if ctx.chance(0.4) else t[0], a.name, mailbox(a, 1)[1],
                  [(c.name, c.email)], headers=unsubscribe_headers(ctx, a.main_domain, "Stock alerts"))
    foot = [t[3], link("Unsubscribe", f"https://{a.main_domain}/unsubscribe?e={ctx.token(16)}")]
    shape(ctx, d, text_mail([t[1]], link_line=f"{t[2]}: {url}", footer=[t[3]]),
          html_mail(lang, a.name, [t[1]], button=(t[2], url), footer=foot), (0, 1, 3))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent="mailpoet", notes="back-in-stock alert")


@family("ham", "newsletter", 10)
def f_shop_cart(ctx: Ctx, i: int) -> None:
    lang = ("en", "fr", "it", "en", "tr")[i % 5]
    a = ACCOUNTS[SHOPS[lang]]
    c = ctx.person(lang)
    code = ctx.pick(("COMEBACK10", "CART15", "WELCOME5", "MERCI10", "GRAZIE10", "HOSGELDIN"))
    url = f"https://{a.main_domain}/cart/?recover={ctx.token(20)}"
    t = {"en": ("You left something in your cart 👀", f"Hi {c.first}, your cart is still waiting. We saved it for "
                f"you, and here's 10% off if you finish checking out in the next 48 hours: use code {code}.",
                "Return to cart"),
         "fr": ("Votre panier vous attend", f"Bonjour {c.first}, vous avez laissé des articles dans votre panier. "
                f"Finalisez votre commande avec le code {code} pour 10 % de remise (valable 48 h).",
                "Reprendre ma commande"),
         "it": ("Hai dimenticato qualcosa nel carrello?", f"Ciao {c.first}, il tuo carrello ti aspetta ancora. "
                f"Completa l'acquisto entro 48 ore con il codice {code} e avrai il 10% di sconto.",
                "Torna al carrello"),
         "tr": ("Sepetinizde ürün kaldı", f"Merhaba {c.first}, sepetinizdeki ürünler sizi bekliyor. 48 saat içinde "
                f"{code} koduyla %10 indirim kazanın.", "Sepete dön")}[lang]
    rows, _total = _items(ctx, lang if lang in PRODUCTS else "en", a.currency)
    d = draft_for(ctx, lang, t[0], a.name, mailbox(a, 1)[1], [(c.name, c.email)],
                  headers=unsubscribe_headers(ctx, a.main_domain, "Cart reminders"))
    shape(ctx, d, text_mail([t[1]], rows=rows, link_line=url),
          html_mail(lang, a.name, [t[1]], rows=rows, button=(t[2], url),
                    footer=[a.address, link("Unsubscribe", f"https://{a.main_domain}/unsub/{ctx.token(12)}")]),
          (0, 2, 3))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent="wordpress", notes="abandoned cart reminder")


@family("ham", "receipt", 10)
def f_shop_review(ctx: Ctx, i: int) -> None:
    lang = ("en", "ar", "tr", "en", "it")[i % 5]
    a = ACCOUNTS[SHOPS[lang]]
    c = ctx.person(lang)
    prod = ctx.pick(PRODUCTS[lang])
    url = f"https://{a.main_domain}/review/{ctx.token(10)}"
    t = {"en": (f"How are you liking your {prod}?", f"Hi {c.first}, it's been two weeks since your {prod} arrived. "
                "Would you take a minute to tell other customers what you think? Honest reviews help our small team "
                "a lot.", "Write a review"),
         "ar": ("ما رأيك في مشترياتك؟", f"مرحباً {c.first}، نأمل أن يكون {prod} قد نال إعجابك. نسعد بتقييمك "
                "للمنتج حتى يستفيد منه القرّاء الآخرون.", "اكتب تقييمك"),
         "tr": ("Ürününüzü beğendiniz mi?", f"Merhaba {c.first}, {prod} siparişiniz elinize ulaşalı iki hafta oldu. "
                "Deneyiminizi diğer müşterilerle paylaşır mısınız?", "Yorum yaz"),
         "it": ("Ti piacciono le tue nuove scarpe?", f"Ciao {c.first}, speriamo che {prod} ti stia bene. Ci "
                "lasceresti una recensione? Ci aiuta moltissimo.", "Scrivi una recensione")}[lang]
    stars = "★★★★★"
    d = draft_for(ctx, lang, t[0], a.name, mailbox(a, 1)[1], [(c.name, c.email)])
    shape(ctx, d, text_mail([t[1], stars], link_line=f"{t[2]}: {url}"),
          html_mail(lang, a.name, [t[1], stars], button=(t[2], url), footer=[a.name, a.address]), (1, 1, 3))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent="phpmailer", notes="review request")


CARRIERS = {"en": ("UPS", "USPS", "FedEx"), "fr": ("Colissimo", "Chronopost"), "zh": ("顺丰速运", "中通快递"),
            "ar": ("أرامكس",), "it": ("BRT", "Poste Italiane", "GLS"), "tr": ("Yurtiçi Kargo", "Aras Kargo")}
SHIPPED = {
    "en": ("Your order #{n} has shipped 📦", "Good news, {first}! Your order #{n} is on its way with {car}. "
           "Tracking number: {trk}. Estimated delivery: {eta}.", "Track package"),
    "fr": ("Votre colis est en route", "Bonjour {first}, votre commande n°{n} a été confiée à {car}. Numéro de "
           "suivi : {trk}. Livraison estimée : {eta}.", "Suivre mon colis"),
    "zh": ("您的订单 {n} 已发货", "{first}您好，您的订单 {n} 已由{car}揽收，运单号 {trk}，预计 {eta} 送达。",
           "查看物流"),
    "ar": ("تم شحن طلبك رقم {n}", "مرحباً {first}، طلبك رقم {n} في الطريق إليك مع {car}. رقم التتبع: {trk}. "
           "موعد التسليم المتوقع: {eta}.", "تتبع الشحنة"),
    "it": ("Il tuo ordine n. {n} è stato spedito", "Ciao {first}, il tuo ordine n. {n} è stato affidato a {car}. "
           "Numero di tracciamento: {trk}. Consegna prevista: {eta}.", "Traccia la spedizione"),
    "tr": ("Siparişiniz kargoya verildi", "Merhaba {first}, {n} numaralı siparişiniz {car} ile yola çıktı. Takip "
           "numarası: {trk}. Tahmini teslim: {eta}.", "Kargomu takip et"),
}


@family("ham", "shipping", 11)
def f_shipping(ctx: Ctx, i: int) -> None:
    lang = ("en", "fr", "zh", "ar", "it", "tr")[i % 6]
    a = ACCOUNTS[SHOPS[lang]]
    c = ctx.person(lang)
    n, trk = str(ctx.rng.randint(1000, 48000)), ctx.pick(("1Z", "LP", "SF", "CP")) + ctx.digits(12)
    eta = ctx.pick(("Thu, Nov 13", "13/11", "11月13日", "2025-12-02", "02.12"))
    subj, body, btn = SHIPPED[lang]
    url = f"https://{a.main_domain}/track/?order={n}&key={ctx.token(12)}"
    p = body.format(first=c.first, n=n, car=ctx.pick(CARRIERS[lang]), trk=trk, eta=eta)
    d = draft_for(ctx, lang, subj.format(n=n), a.name, mailbox(a, 1 + i % 2)[1], [(c.name, c.email)])
    shape(ctx, d, text_mail([p], link_line=f"{btn}: {url}", footer=[a.name]),
          html_mail(lang, a.name, [p], button=(btn, url), footer=[a.name, a.address]))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent="wordpress", notes="shipping notice")
