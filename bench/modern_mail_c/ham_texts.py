# ruff: noqa: RUF001, E501 - text in other scripts keeps its own letters and punctuation; sentences stay whole
"""Set C's legitimate sentences in its eight languages, written for this set (keys shared by several families).

Placeholders: {name} greeting name, {biz} the business, {n} a number, {link} a URL, {when} a date/time, {total} an
amount with its currency, {carrier} a carrier, {code} a code, {days} a count of days.
"""

from __future__ import annotations

T: dict[str, dict[str, str]] = {
    "en": {
        "hello": "Hi {name},", "hello_formal": "Dear {name},", "bye": "Thanks,", "bye_formal": "Kind regards,",
        "order_subj": "Your {biz} order #{n} is confirmed",
        "order_body": "Thanks for your order! We've received it and are getting it ready.",
        "order_next": "We'll send another email with a tracking number as soon as it leaves us.",
        "items": "Your items", "total": "Total", "ship_subj": "Order #{n} is on its way",
        "ship_body": "Good news: your parcel left our workshop today with {carrier}.",
        "ship_track": "Track it here: {link}", "ship_eta": "It usually arrives within {days} working days.",
        "reset_subj": "Reset your {biz} password",
        "reset_body": "Someone (hopefully you) asked to reset the password for your account. Use the link below "
                      "within 60 minutes to choose a new one:",
        "reset_ignore": "If you didn't ask for this, you can ignore this email; your password stays the same.",
        "appt_subj": "Reminder: your appointment on {when}",
        "appt_body": "This is a reminder of your appointment at {biz} on {when}.",
        "appt_change": "If you need to change or cancel, please call us on {phone} or reply to this email at least "
                       "24 hours before.",
        "inv_subj": "Invoice {n} from {biz}",
        "inv_body": "Please find attached invoice {n} for {total}, due within {days} days.",
        "inv_pay": "Bank details are on the invoice. Thank you for your business.",
        "news_subj": "{biz} news: what's new this month",
        "news_intro": "Here's a short round-up of what has been happening at {biz}.",
        "unsub": "You are receiving this because you signed up at {site}. Unsubscribe: {link}",
        "contact_subj": "New message from your website contact form",
        "contact_intro": "A visitor sent the following message through the contact form on {site}:",
        "receipt_subj": "Your receipt from {biz}", "receipt_body": "Thank you for your payment of {total}.",
        "signup_subj": "Confirm your email address for {biz}",
        "signup_body": "Welcome! Please confirm your email address so we can activate your account:",
    },
    "es": {
        "hello": "Hola {name}:", "hello_formal": "Estimado/a {name}:", "bye": "Gracias,", "bye_formal": "Un saludo cordial,",
        "order_subj": "Tu pedido n.º {n} en {biz} está confirmado",
        "order_body": "¡Gracias por tu pedido! Lo hemos recibido y ya lo estamos preparando.",
        "order_next": "Te enviaremos otro correo con el número de seguimiento en cuanto salga.",
        "items": "Artículos", "total": "Total", "ship_subj": "Tu pedido n.º {n} ya está en camino",
        "ship_body": "Tu paquete ha salido hoy con {carrier}.",
        "ship_track": "Puedes seguirlo aquí: {link}", "ship_eta": "Suele llegar en {days} días laborables.",
        "reset_subj": "Restablece tu contraseña de {biz}",
        "reset_body": "Hemos recibido una solicitud para restablecer la contraseña de tu cuenta. Usa este enlace "
                      "durante la próxima hora:",
        "reset_ignore": "Si no lo has pedido tú, ignora este mensaje; tu contraseña no cambiará.",
        "appt_subj": "Recordatorio de tu cita el {when}",
        "appt_body": "Te recordamos tu cita en {biz} el {when}.",
        "appt_change": "Si necesitas cambiarla o anularla, llámanos al {phone} con 24 horas de antelación.",
        "inv_subj": "Factura {n} de {biz}",
        "inv_body": "Adjuntamos la factura {n} por importe de {total}, con vencimiento a {days} días.",
        "inv_pay": "Los datos bancarios figuran en la factura. Gracias por confiar en nosotros.",
        "news_subj": "Novedades de {biz} este mes",
        "news_intro": "Te contamos en pocas líneas lo que ha pasado en {biz} estas semanas.",
        "unsub": "Recibes este correo porque te suscribiste en {site}. Darse de baja: {link}",
        "contact_subj": "Nuevo mensaje desde el formulario de contacto",
        "contact_intro": "Un visitante ha enviado este mensaje desde el formulario de {site}:",
        "receipt_subj": "Tu recibo de {biz}", "receipt_body": "Gracias por tu pago de {total}.",
        "signup_subj": "Confirma tu dirección de correo en {biz}",
        "signup_body": "¡Bienvenido/a! Confirma tu correo para activar la cuenta:",
    },
    "de": {
        "hello": "Hallo {name},", "hello_formal": "Sehr geehrte/r {name},", "bye": "Viele Grüße",
        "bye_formal": "Mit freundlichen Grüßen",
        "order_subj": "Ihre Bestellung Nr. {n} bei {biz}",
        "order_body": "vielen Dank für Ihre Bestellung. Wir haben sie erhalten und bereiten den Versand vor.",
        "order_next": "Sobald das Paket unterwegs ist, erhalten Sie eine weitere E-Mail mit der Sendungsnummer.",
        "items": "Ihre Artikel", "total": "Gesamtsumme", "ship_subj": "Ihre Bestellung Nr. {n} wurde versandt",
        "ship_body": "Ihr Paket hat heute unsere Werkstatt mit {carrier} verlassen.",
        "ship_track": "Sendungsverfolgung: {link}", "ship_eta": "Die Zustellung dauert meist {days} Werktage.",
        "reset_subj": "Passwort für {biz} zurücksetzen",
        "reset_body": "Sie haben angefordert, Ihr Passwort zurückzusetzen. Der folgende Link ist 60 Minuten gültig:",
        "reset_ignore": "Falls Sie das nicht waren, können Sie diese E-Mail einfach ignorieren.",
        "appt_subj": "Erinnerung an Ihren Termin am {when}",
        "appt_body": "wir möchten Sie an Ihren Termin bei {biz} am {when} erinnern.",
        "appt_change": "Falls Sie verhindert sind, sagen Sie bitte bis 24 Stunden vorher unter {phone} ab.",
        "inv_subj": "Rechnung {n} von {biz}",
        "inv_body": "anbei erhalten Sie die Rechnung {n} über {total}, zahlbar innerhalb von {days} Tagen.",
        "inv_pay": "Die Bankverbindung finden Sie auf der Rechnung. Vielen Dank für Ihren Auftrag.",
        "news_subj": "Neues von {biz}", "news_intro": "hier ein kurzer Überblick, was sich bei {biz} getan hat.",
        "unsub": "Sie erhalten diesen Newsletter, weil Sie sich auf {site} angemeldet haben. Abmelden: {link}",
        "contact_subj": "Neue Nachricht über das Kontaktformular",
        "contact_intro": "Über das Kontaktformular auf {site} wurde folgende Nachricht gesendet:",
        "receipt_subj": "Ihre Quittung von {biz}", "receipt_body": "vielen Dank für Ihre Zahlung über {total}.",
        "signup_subj": "Bitte bestätigen Sie Ihre E-Mail-Adresse",
        "signup_body": "willkommen! Bitte bestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto zu aktivieren:",
    },
    "sv": {
        "hello": "Hej {name}!", "hello_formal": "Hej {name},", "bye": "Hälsningar", "bye_formal": "Vänliga hälsningar",
        "order_subj": "Tack för din beställning {n} hos {biz}",
        "order_body": "Vi har tagit emot din beställning och börjar packa den redan i dag.",
        "order_next": "Du får ett nytt mejl med spårningsnummer när paketet har skickats.",
        "items": "Dina varor", "total": "Totalt", "ship_subj": "Din beställning {n} är skickad",
        "ship_body": "Ditt paket har lämnat oss i dag med {carrier}.",
        "ship_track": "Spåra paketet: {link}", "ship_eta": "Leveranstiden är normalt {days} vardagar.",
        "reset_subj": "Återställ ditt lösenord hos {biz}",
        "reset_body": "Vi har fått en begäran om att återställa lösenordet för ditt konto. Länken gäller i en timme:",
        "reset_ignore": "Har du inte bett om detta kan du bortse från mejlet.",
        "appt_subj": "Påminnelse om din tid {when}", "appt_body": "Det här är en påminnelse om din tid hos {biz} {when}.",
        "appt_change": "Vill du boka om eller avboka, ring {phone} senast dagen innan.",
        "inv_subj": "Faktura {n} från {biz}",
        "inv_body": "Bifogat finns faktura {n} på {total} med {days} dagars betalningsvillkor.",
        "inv_pay": "Bankgiro och OCR-nummer står på fakturan. Tack för att du anlitar oss!",
        "news_subj": "Nytt från {biz}", "news_intro": "Här är en kort sammanfattning av vad som hänt hos {biz}.",
        "unsub": "Du får detta nyhetsbrev eftersom du anmälde dig på {site}. Avregistrera: {link}",
        "contact_subj": "Nytt meddelande via kontaktformuläret",
        "contact_intro": "En besökare skickade följande via kontaktformuläret på {site}:",
        "receipt_subj": "Kvitto från {biz}", "receipt_body": "Tack för din betalning på {total}.",
        "signup_subj": "Bekräfta din e-postadress hos {biz}",
        "signup_body": "Välkommen! Bekräfta din e-postadress för att aktivera kontot:",
    },
    "cs": {
        "hello": "Dobrý den, {name},", "hello_formal": "Vážená paní / vážený pane {name},", "bye": "Děkujeme",
        "bye_formal": "S pozdravem",
        "order_subj": "Potvrzení objednávky č. {n} – {biz}",
        "order_body": "děkujeme za Vaši objednávku. Přijali jsme ji a začínáme ji připravovat.",
        "order_next": "Jakmile zásilku předáme dopravci, pošleme Vám číslo pro sledování.",
        "items": "Položky", "total": "Celkem", "ship_subj": "Objednávka č. {n} byla odeslána",
        "ship_body": "Vaše zásilka dnes odešla přes {carrier}.",
        "ship_track": "Sledování zásilky: {link}", "ship_eta": "Doručení obvykle trvá {days} pracovní dny.",
        "reset_subj": "Obnovení hesla – {biz}",
        "reset_body": "obdrželi jsme žádost o obnovení hesla k Vašemu účtu. Odkaz platí 60 minut:",
        "reset_ignore": "Pokud jste o změnu nežádali, tento e-mail ignorujte.",
        "appt_subj": "Připomínka termínu {when}", "appt_body": "připomínáme Vám termín v {biz} dne {when}.",
        "appt_change": "Pokud se nemůžete dostavit, zavolejte prosím na {phone} alespoň den předem.",
        "inv_subj": "Faktura č. {n} – {biz}",
        "inv_body": "v příloze zasíláme fakturu č. {n} na částku {total} se splatností {days} dní.",
        "inv_pay": "Platební údaje najdete na faktuře. Děkujeme za spolupráci.",
        "news_subj": "Novinky z {biz}", "news_intro": "přinášíme krátký přehled toho, co je u nás nového.",
        "unsub": "Tento e-mail dostáváte, protože jste se přihlásili k odběru na {site}. Odhlásit: {link}",
        "contact_subj": "Nová zpráva z kontaktního formuláře",
        "contact_intro": "Návštěvník webu {site} odeslal přes kontaktní formulář tuto zprávu:",
        "receipt_subj": "Doklad o platbě – {biz}", "receipt_body": "děkujeme za Vaši platbu ve výši {total}.",
        "signup_subj": "Potvrďte svou e-mailovou adresu",
        "signup_body": "vítejte! Pro aktivaci účtu prosím potvrďte svou e-mailovou adresu:",
    },
    "ru": {
        "hello": "Здравствуйте, {name}!", "hello_formal": "Уважаемый(ая) {name}!", "bye": "Спасибо,",
        "bye_formal": "С уважением,",
        "order_subj": "Заказ № {n} в магазине {biz} оформлен",
        "order_body": "Спасибо за заказ! Мы его получили и уже собираем.",
        "order_next": "Как только посылка будет передана в доставку, пришлём трек-номер.",
        "items": "Состав заказа", "total": "Итого", "ship_subj": "Заказ № {n} отправлен",
        "ship_body": "Ваша посылка сегодня передана в {carrier}.",
        "ship_track": "Отследить отправление: {link}", "ship_eta": "Обычно доставка занимает {days} рабочих дней.",
        "reset_subj": "Восстановление пароля {biz}",
        "reset_body": "Мы получили запрос на смену пароля вашей учётной записи. Ссылка действует один час:",
        "reset_ignore": "Если вы не запрашивали смену пароля, просто проигнорируйте это письмо.",
        "appt_subj": "Напоминание о встрече {when}", "appt_body": "Напоминаем о вашей записи в {biz} на {when}.",
        "appt_change": "Если планы изменились, позвоните нам по номеру {phone}.",
        "inv_subj": "Счёт № {n} от {biz}",
        "inv_body": "Направляем счёт № {n} на сумму {total}. Срок оплаты — {days} дней.",
        "inv_pay": "Реквизиты указаны в счёте. Благодарим за сотрудничество.",
        "news_subj": "Новости {biz}", "news_intro": "Коротко о том, что нового у нас в этом месяце.",
        "unsub": "Вы получили это письмо, так как подписались на рассылку на {site}. Отписаться: {link}",
        "contact_subj": "Новое сообщение с формы обратной связи",
        "contact_intro": "Посетитель сайта {site} отправил сообщение через форму обратной связи:",
        "receipt_subj": "Чек об оплате — {biz}", "receipt_body": "Спасибо за оплату на сумму {total}.",
        "signup_subj": "Подтвердите адрес электронной почты",
        "signup_body": "Добро пожаловать! Подтвердите адрес почты, чтобы активировать учётную запись:",
    },
    "he": {
        "hello": "שלום {name},", "hello_formal": "{name} היקר/ה,", "bye": "תודה,", "bye_formal": "בברכה,",
        "order_subj": "הזמנה מספר {n} התקבלה – {biz}",
        "order_body": "תודה על ההזמנה! קיבלנו אותה ואנחנו כבר מכינים אותה למשלוח.",
        "order_next": "נשלח מייל נוסף עם מספר מעקב ברגע שהחבילה תצא.",
        "items": "פריטים", "total": "סה\"כ", "ship_subj": "הזמנה {n} יצאה לדרך",
        "ship_body": "החבילה שלך נמסרה היום ל{carrier}.",
        "ship_track": "למעקב אחר המשלוח: {link}", "ship_eta": "זמן המשלוח הרגיל הוא {days} ימי עסקים.",
        "reset_subj": "איפוס סיסמה ב{biz}",
        "reset_body": "קיבלנו בקשה לאפס את הסיסמה לחשבון שלך. הקישור בתוקף לשעה אחת:",
        "reset_ignore": "אם לא ביקשת זאת, אפשר להתעלם מההודעה.",
        "appt_subj": "תזכורת: התור שלך ב-{when}", "appt_body": "זוהי תזכורת לתור שלך ב{biz} ב-{when}.",
        "appt_change": "לשינוי או ביטול יש להתקשר למספר {phone} לפחות 24 שעות מראש.",
        "inv_subj": "חשבונית {n} מ{biz}",
        "inv_body": "מצורפת חשבונית מספר {n} על סך {total}, לתשלום תוך {days} ימים.",
        "inv_pay": "פרטי החשבון מופיעים בחשבונית. תודה על שיתוף הפעולה.",
        "news_subj": "מה חדש ב{biz}", "news_intro": "סיכום קצר של מה שקרה אצלנו בחודש האחרון.",
        "unsub": "קיבלת הודעה זו כי נרשמת באתר {site}. להסרה מרשימת התפוצה: {link}",
        "contact_subj": "הודעה חדשה מטופס יצירת הקשר",
        "contact_intro": "גולש באתר {site} שלח את ההודעה הבאה דרך טופס יצירת הקשר:",
        "receipt_subj": "קבלה מ{biz}", "receipt_body": "תודה על התשלום בסך {total}.",
        "signup_subj": "אישור כתובת הדוא\"ל שלך", "signup_body": "ברוך הבא! יש לאשר את כתובת הדוא\"ל כדי להפעיל את החשבון:",
    },
    "ja": {
        "hello": "{name} 様", "hello_formal": "{name} 様", "bye": "よろしくお願いいたします。",
        "bye_formal": "今後ともよろしくお願い申し上げます。",
        "order_subj": "【{biz}】ご注文ありがとうございます（注文番号 {n}）",
        "order_body": "このたびはご注文いただき、誠にありがとうございます。以下の内容でご注文を承りました。",
        "order_next": "商品発送時に、お問い合わせ番号をメールでお知らせいたします。",
        "items": "ご注文商品", "total": "合計", "ship_subj": "【{biz}】商品発送のお知らせ（注文番号 {n}）",
        "ship_body": "ご注文の商品を本日{carrier}にて発送いたしました。",
        "ship_track": "配送状況はこちらからご確認いただけます：{link}", "ship_eta": "通常{days}日程度でお届けいたします。",
        "reset_subj": "【{biz}】パスワード再設定のご案内",
        "reset_body": "パスワード再設定のリクエストを受け付けました。60分以内に下記のURLから新しいパスワードを設定してください。",
        "reset_ignore": "お心当たりのない場合は、このメールを破棄してください。",
        "appt_subj": "ご予約日時のご確認（{when}）", "appt_body": "{when}に{biz}のご予約をいただいております。",
        "appt_change": "ご都合が悪くなった場合は、お手数ですが{phone}までお電話ください。",
        "inv_subj": "請求書送付のご案内（No.{n}）",
        "inv_body": "請求書（No.{n}、ご請求金額 {total}）を添付いたしました。お支払期限は{days}日以内です。",
        "inv_pay": "振込先は請求書に記載しております。ご確認のほどよろしくお願いいたします。",
        "news_subj": "【{biz}】今月のお便り", "news_intro": "{biz}より、今月のお知らせをお届けします。",
        "unsub": "このメールは{site}にてメールマガジンにご登録いただいた方にお送りしています。配信停止：{link}",
        "contact_subj": "【お問い合わせ】ウェブサイトから新しいメッセージ",
        "contact_intro": "{site}のお問い合わせフォームから次のメッセージが届きました。",
        "receipt_subj": "【{biz}】領収書", "receipt_body": "{total}のお支払いを確認いたしました。ありがとうございます。",
        "signup_subj": "【{biz}】メールアドレスのご確認", "signup_body": "ご登録ありがとうございます。下記のURLからメールアドレスを確認してください。",
    },
}

#: Personal letters: (subject, body) in each language; {name} is the friend, {me} the writer.
LETTERS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Sunday?", "Hey {name},\n\nAre you still up for the walk on Sunday? The forecast looks dry until about three, "
                    "so if we start at ten from the car park by the bridge we should be back before it turns.\n\n"
                    "I'll bring the flask. Let me know.\n\n{me}"),
        ("photos from the weekend", "Hi {name},\n\nFinally sorted the photos from your birthday. A few of them came "
                                    "out blurry (the light in that restaurant!) but the one of you and your dad by "
                                    "the window is lovely. I've put the good ones in the shared album.\n\n"
                                    "Thanks again for having us.\n\nLove,\n{me}"),
        ("Re: the car", "{name},\n\nThe garage rang: it's the alternator, not the battery. They can do it Thursday. "
                        "Can you pick the kids up from swimming that day? I'll owe you one.\n\n{me}"),
        ("book club list", "Hi {name},\n\nHere's what people suggested for the next few months, in the order we "
                           "voted:\n\n1. The Overstory\n2. Piranesi\n3. A Gentleman in Moscow\n\nWe meet at mine on "
                           "the 14th. Bring something to share if you can.\n\n{me}"),
    ],
    "es": [
        ("¿Comemos el sábado?", "Hola {name}:\n\nMis padres vienen el sábado y hemos pensado hacer una paella en el "
                                "patio. ¿Os apuntáis? A partir de las dos, sin prisa.\n\nUn beso,\n{me}"),
        ("Las fotos de la boda", "¡Hola, {name}!\n\nYa tengo las fotos de la boda de tu prima. Te las paso por "
                                 "aquí porque por WhatsApp pierden mucha calidad. Hay una de tu abuela bailando que "
                                 "es una maravilla.\n\nAbrazos,\n{me}"),
    ],
    "ru": [
        ("Как дела?", "Привет, {name}!\n\nДавно не писала. У нас всё хорошо, Митя пошёл в первый класс и очень "
                      "гордится рюкзаком. Как ваш переезд? Если нужна помощь с коробками, скажи.\n\nОбнимаю,\n{me}"),
        ("Дача в выходные", "{name}, привет!\n\nВ субботу едем на дачу, будем собирать яблоки. Приезжайте, места "
                            "хватит всем. Электричка в 9:40 с Финляндского.\n\n{me}"),
    ],
    "cs": [
        ("Chata o víkendu", "Ahoj {name},\n\njestli to platí, tak v pátek odjíždíme na chatu kolem páté. Vezmi "
                            "si spacák, v podkroví je zima. Nákup uděláme cestou v Tišnově.\n\nMěj se,\n{me}"),
        ("Fotky z hor", "Ahoj {name},\n\nposílám slíbené fotky z Krkonoš. Ta ze Sněžky v mlze je moje oblíbená. "
                        "Příště snad vyjde i počasí.\n\n{me}"),
    ],
    "he": [
        ("ארוחת שישי", "היי {name},\n\nאמא שואלת אם אתם באים לארוחת שישי השבוע. היא מכינה את המרק שאת אוהבת. "
                       "תגידי לי עד מחר כדי שנדע כמה להכין.\n\nנשיקות,\n{me}"),
        ("תמונות מהטיול", "{name} שלום,\n\nמצרף את התמונות מהטיול בגליל. יצאו כמה ממש יפות מהנחל. "
                          "נתראה בקרוב!\n\n{me}"),
    ],
}

#: Newsletter items: (heading, paragraph) per language.
NEWS: dict[str, list[tuple[str, str]]] = {
    "en": [("Autumn opening hours", "From next week we close at 6pm on weekdays and stay open until 4pm on "
                                    "Saturdays."),
           ("Meet the team", "Ravi joined us in September and looks after repairs. Say hello next time you drop in."),
           ("Workshop dates", "Our beginners' sessions run on the first Tuesday of each month. Places are limited "
                              "to eight."),
           ("Thank you", "Last month's food bank collection filled forty crates. Thank you to everyone who "
                         "brought something."),
           ("New in", "The waxed cotton jackets are back in three colours, and we finally have the wide-fit "
                      "boots many of you asked for.")],
    "es": [("Horario de invierno", "A partir del lunes abrimos de 8 a 14 h y de 17 a 20 h."),
           ("Nuevo en el obrador", "Esta semana estrenamos pan de centeno con nueces, solo por encargo."),
           ("Talleres", "El taller de masa madre vuelve el último sábado del mes. Quedan seis plazas.")],
    "de": [("Neue Öffnungszeiten", "Ab dem 1. des Monats sind wir samstags bis 14 Uhr für Sie da."),
           ("Vereinsfest", "Das Sommerfest findet am Sportplatz statt, für Kinder gibt es eine Hüpfburg."),
           ("Aus der Werkstatt", "Unsere Eichenbretter sind wieder vorrätig, geölt oder unbehandelt.")],
    "sv": [("Höstens öppettider", "Från och med oktober har vi öppet 9–17 på vardagar och 10–15 på lördagar."),
           ("Kanelbullens dag", "Den 4 oktober bjuder vi på kaffe till varje bulle."),
           ("Nytt på menyn", "Vi serverar nu soppa med hembakat bröd varje torsdag.")],
    "ja": [("新茶入荷のお知らせ", "今年の新茶が入荷いたしました。数量限定のため、お早めにどうぞ。"),
           ("営業時間変更", "来月より、日曜日の営業時間を10時から17時に変更いたします。"),
           ("茶会のご案内", "月末の土曜日に、店内で小さなお茶会を開きます。ご予約をお待ちしております。")],
}

#: Contact-form questions visitors send, per language.
QUESTIONS: dict[str, list[str]] = {
    "en": ["Hello, do you deliver to the Isle of Wight? I'd like to order two of the large planters.",
           "Hi, I booked for Saturday but my daughter is ill. Is it possible to move us to next week?",
           "Do you have wheelchair access at the front entrance? My mother uses a chair.",
           "Could you send me a quote for replacing a combi boiler in a three-bed semi? Thanks.",
           "I'm organising a team lunch for 14 people on the 20th, do you take group bookings?",
           "Hi there, my order arrived with one item missing (the blue scarf). Order number is on the slip."],
    "es": ["Hola, ¿hacéis envíos a Canarias? Quería pedir una caja de magdalenas para un cumpleaños.",
           "Buenas tardes, ¿tienen cita disponible el jueves por la tarde para una primera consulta?"],
    "de": ["Guten Tag, fertigen Sie auch Tische nach Maß an? Wir bräuchten einen 2,20 m langen Esstisch.",
           "Hallo, mein Sohn (9) möchte gern ins Probetraining der E-Jugend. Wann ist das möglich?"],
    "he": ["שלום, האם יש שיעור ערב לנשים בהריון? אשמח לפרטים על מחירים.",
           "היי, רציתי לדעת אם אפשר להזמין ספר שאזל מהמלאי. תודה!"],
}
