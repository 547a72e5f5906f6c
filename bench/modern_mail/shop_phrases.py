"""What shops write to their customers, per language: receipts, order confirmations, shipping notices.

Slots: {shop} {order} {total} {first} {name} {owner} {carrier} {eta} {code}.
"""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

# two- to three-line receipts: (subject, body)
RECEIPT: dict[str, list[tuple[str, str]]] = {
    "en": [("Order #{order} confirmed", "Thank you for your order number {order}. See you soon!\n{shop}"),
           ("Your receipt from {shop}", "Thanks {first}, we've received your payment of {total} for order "
            "{order}.\nCollect it from the shop any time after 2pm."),
           ("{shop}: order {order}", "Hi {first}, order {order} is paid ({total}). We'll text you when it's "
            "ready.\n{owner}"),
           ("Receipt {order}", "Paid: {total}\nOrder: {order}\nThanks for shopping local!")],
    "de": [("Bestellung {order} eingegangen", "Vielen Dank für Ihre Bestellung Nr. {order}. Bis bald!\n{shop}"),
           ("Ihre Quittung von {shop}", "Hallo {first}, wir haben {total} für Bestellung {order} erhalten.\n"
            "Abholung ab morgen 7 Uhr im Laden.\n{shop}"),
           ("Zahlungsbestätigung {order}", "Betrag {total} dankend erhalten.\nIhr Team von {shop}")],
    "fr": [("Commande n°{order} confirmée", "Merci pour votre commande n°{order}. À très bientôt !\n{shop}"),
           ("Votre reçu {shop}", "Bonjour {first}, nous avons bien reçu votre paiement de {total} (commande "
            "{order}).\nRetrait possible en boutique dès demain.\n{owner}")],
    "es": [("Pedido {order} confirmado", "Gracias por tu pedido n.º {order}. ¡Hasta pronto!\n{shop}"),
           ("Tu recibo de {shop}", "Hola {first}, hemos recibido tu pago de {total} por el pedido {order}.\n"
            "Te avisamos en cuanto salga del almacén.\n{shop}")],
    "ar": [("تأكيد الطلب رقم {order}", "شكراً لطلبك رقم {order}. نراك قريباً!\n{shop}"),
           ("إيصال طلبك من {shop}", "مرحباً {first}، استلمنا دفعتك بقيمة {total} للطلب {order}.\n"
            "سنتواصل معك عند الشحن.\n{shop}")],
    "he": [("הזמנה {order} התקבלה", "תודה על ההזמנה מספר {order}. נתראה בקרוב!\n{shop}"),
           ("קבלה מ{shop}", "היי {first}, קיבלנו את התשלום בסך {total} עבור הזמנה {order}.\n"
            "נעדכן כשהחבילה תצא.\n{owner}")],
    "ja": [("ご注文ありがとうございます（注文番号 {order}）", "ご注文番号 {order} を承りました。\n"
            "またのご利用をお待ちしております。\n{shop}"),
           ("【{shop}】お支払い完了のお知らせ", "{name} 様\nご注文 {order} のお支払い（{total}）を確認いたしました。"
            "発送まで今しばらくお待ちください。\n{shop}")],
    "zh": [("订单 {order} 已确认", "感谢您的订单（订单号 {order}），期待再次为您服务！\n{shop}"),
           ("【{shop}】付款成功通知", "{first}您好，您的订单 {order} 已付款 {total}，我们会尽快安排发货。\n{shop}")],
}

# order confirmations: subjects, openings, labels, payment methods, closings
ORDER: dict[str, dict[str, list[str]]] = {
    "en": {"subject": ["Your {shop} order has been received!", "[{shop}] Order #{order} confirmed",
                       "Thanks for your order, {first}!", "Order confirmation #{order}"],
           "intro": ["Just to let you know — we've received your order #{order}, and it is now being processed.",
                     "Thanks for shopping with us. Your order #{order} is confirmed and we're getting it ready.",
                     "We've got your order! Here's a summary for your records."],
           "labels": ["Product", "Qty", "Price", "Subtotal", "Shipping", "Total", "Payment method",
                      "Shipping address", "View your order"],
           "pay": ["PayPal", "Visa ending in {card}", "Mastercard ending in {card}", "Apple Pay"],
           "outro": ["If you have any questions, just reply to this email.",
                     "We'll send another email as soon as your parcel is on its way.",
                     "Thanks again for supporting a small business!"]},
    "de": {"subject": ["Ihre Bestellung bei {shop} ist eingegangen", "[{shop}] Bestellung #{order} bestätigt",
                       "Bestellbestätigung Nr. {order}"],
           "intro": ["vielen Dank für Ihre Bestellung. Wir haben Ihre Bestellung #{order} erhalten und bearbeiten sie "
                     "jetzt.", "wir freuen uns über Ihre Bestellung #{order}. Hier ist die Übersicht."],
           "labels": ["Artikel", "Menge", "Preis", "Zwischensumme", "Versand", "Gesamt (inkl. MwSt.)",
                      "Zahlungsart", "Lieferadresse", "Bestellung ansehen"],
           "pay": ["PayPal", "Kreditkarte (Visa, endet auf {card})", "Klarna Rechnung", "Überweisung (Vorkasse)"],
           "outro": ["Sobald Ihr Paket unterwegs ist, bekommen Sie eine Versandbestätigung mit Sendungsnummer.",
                     "Bei Fragen antworten Sie einfach auf diese E-Mail.",
                     "Frische Backwaren versenden wir nur montags bis mittwochs."]},
    "fr": {"subject": ["Confirmation de votre commande n°{order}", "[{shop}] Confirmation de commande",
                       "Merci pour votre commande, {first} !"],
           "intro": ["Nous vous remercions pour votre commande n°{order}. Elle a bien été enregistrée.",
                     "Votre commande n°{order} est confirmée, nous la préparons avec soin."],
           "labels": ["Produit", "Qté", "Prix", "Sous-total", "Livraison", "Total TTC", "Mode de paiement",
                      "Adresse de livraison", "Suivre ma commande"],
           "pay": ["Carte bancaire", "PayPal", "Virement bancaire"],
           "outro": ["Nos fromages voyagent en colis réfrigéré, livraison sous 48 h.",
                     "Pour toute question, notre service client est joignable du mardi au samedi."]},
    "es": {"subject": ["Hemos recibido tu pedido n.º {order}", "[{shop}] Confirmación del pedido {order}",
                       "¡Gracias por tu compra, {first}!"],
           "intro": ["Gracias por tu compra. Hemos recibido tu pedido n.º {order} y ya lo estamos preparando.",
                     "Tu pedido n.º {order} se ha registrado correctamente. Este es el resumen:"],
           "labels": ["Producto", "Cant.", "Precio", "Subtotal", "Envío", "Total (IVA incl.)", "Forma de pago",
                      "Dirección de envío", "Ver el pedido"],
           "pay": ["Tarjeta", "PayPal", "Bizum", "Transferencia bancaria"],
           "outro": ["Te enviaremos otro correo con el número de seguimiento cuando salga de la almazara.",
                     "Si tienes cualquier duda, responde a este correo."]},
    "ar": {"subject": ["تم استلام طلبك رقم {order}", "[{shop}] تأكيد الطلب #{order}"],
           "intro": ["شكراً لتسوقك معنا. تم استلام طلبك رقم {order} وجاري تجهيزه الآن.",
                     "يسعدنا تأكيد طلبك رقم {order}. إليك ملخص الطلب:"],
           "labels": ["المنتج", "الكمية", "السعر", "المجموع الفرعي", "الشحن", "الإجمالي", "طريقة الدفع",
                      "عنوان الشحن", "عرض الطلب"],
           "pay": ["الدفع عند الاستلام", "بطاقة ائتمان", "Apple Pay"],
           "outro": ["سنرسل لك رقم التتبع فور شحن الطلب.", "لأي استفسار يرجى الرد على هذه الرسالة."]},
    "he": {"subject": ["ההזמנה שלך התקבלה (#{order})", "[{shop}] אישור הזמנה מספר {order}"],
           "intro": ["תודה שקנית אצלנו! ההזמנה מספר {order} התקבלה ואנחנו מכינים אותה למשלוח.",
                     "שמחים לאשר את הזמנה מספר {order}. הנה הפרטים:"],
           "labels": ["מוצר", "כמות", "מחיר", "סכום ביניים", "משלוח", "סה\"כ לתשלום", "אמצעי תשלום",
                      "כתובת למשלוח", "צפייה בהזמנה"],
           "pay": ["כרטיס אשראי", "ביט", "PayPal"],
           "outro": ["נשלח עדכון עם מספר מעקב כשהחבילה תצא.", "לשאלות אפשר פשוט להשיב למייל הזה."]},
    "ja": {"subject": ["【{shop}】ご注文内容の確認", "ご注文ありがとうございます【注文番号：{order}】"],
           "intro": ["この度は{shop}をご利用いただき、誠にありがとうございます。\n以下の内容でご注文を承りました。",
                     "ご注文を受け付けました。ご注文内容をご確認ください。"],
           "labels": ["商品名", "数量", "価格", "小計", "送料", "合計（税込）", "お支払い方法", "お届け先",
                      "ご注文履歴を見る"],
           "pay": ["クレジットカード", "代金引換", "銀行振込", "PayPay"],
           "outro": ["商品の発送準備が整いましたら、改めて発送のご連絡をいたします。",
                     "ご不明な点がございましたら、お気軽にお問い合わせください。"]},
    "zh": {"subject": ["【{shop}】订单确认（{order}）", "您的订单 {order} 已提交成功"],
           "intro": ["感谢您在{shop}购物！您的订单 {order} 已确认，我们正在为您备货。",
                     "您的订单已提交成功，详情如下："],
           "labels": ["商品", "数量", "单价", "小计", "运费", "合计", "支付方式", "收货地址", "查看订单"],
           "pay": ["支付宝", "微信支付", "银联卡"],
           "outro": ["发货后我们会通过邮件和短信通知您物流单号。", "如有疑问，请联系在线客服。"]},
}

SHIPPING: dict[str, dict[str, list[str]]] = {
    "en": {"subject": ["Your order #{order} is on its way", "Your {shop} order has shipped!", "Shipped: order {order}"],
           "body": ["Good news — your order #{order} has been handed to {carrier}.",
                    "Your parcel left our workshop today with {carrier}."],
           "track": ["Track your parcel"], "eta": ["Estimated delivery: {eta}", "Expected on {eta}."]},
    "de": {"subject": ["Ihre Bestellung #{order} wurde versandt", "Versandbestätigung zu Ihrer Bestellung {order}"],
           "body": ["gute Nachrichten: Ihre Bestellung #{order} ist heute an {carrier} übergeben worden.",
                    "Ihr Paket ist unterwegs. Sendungsnummer bei {carrier}: {code}"],
           "track": ["Sendung verfolgen"], "eta": ["Voraussichtliche Zustellung: {eta}"]},
    "fr": {"subject": ["Votre commande n°{order} a été expédiée", "{shop} : votre colis est en route"],
           "body": ["Votre commande n°{order} a été remise à {carrier} ce matin.",
                    "Bonne nouvelle, votre colis est parti ! Numéro de suivi {carrier} : {code}"],
           "track": ["Suivre mon colis"], "eta": ["Livraison estimée : {eta}"]},
    "es": {"subject": ["Tu pedido {order} ya está en camino", "{shop}: pedido enviado"],
           "body": ["Tu pedido n.º {order} ha salido hoy con {carrier}.",
                    "Ya hemos entregado tu paquete a {carrier}. Número de seguimiento: {code}"],
           "track": ["Seguir el envío"], "eta": ["Entrega estimada: {eta}"]},
    "ar": {"subject": ["تم شحن طلبك رقم {order}"],
           "body": ["طلبك رقم {order} في الطريق إليك مع {carrier}. رقم الشحنة: {code}"],
           "track": ["تتبع الشحنة"], "eta": ["موعد التسليم المتوقع: {eta}"]},
    "he": {"subject": ["ההזמנה שלך נשלחה (#{order})"],
           "body": ["ההזמנה מספר {order} נמסרה היום ל{carrier}. מספר מעקב: {code}"],
           "track": ["מעקב אחר המשלוח"], "eta": ["מועד מסירה משוער: {eta}"]},
    "ja": {"subject": ["【{shop}】商品発送のお知らせ", "ご注文商品を発送いたしました（注文番号：{order}）"],
           "body": ["ご注文いただいた商品を本日{carrier}にて発送いたしました。\nお問い合わせ伝票番号：{code}"],
           "track": ["配送状況を確認する"], "eta": ["お届け予定日：{eta}"]},
    "zh": {"subject": ["【{shop}】您的订单已发货", "订单 {order} 发货通知"],
           "body": ["您的订单 {order} 已通过{carrier}发出，运单号：{code}。"],
           "track": ["查看物流"], "eta": ["预计送达：{eta}"]},
}
