"""Contact-form notifications: the site's PHP script mails the owner what a visitor typed, Reply-To the visitor."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

from bench.modern_mail.blocks import Doc, P, Table, to_html
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.model import Mail
from bench.modern_mail.sites import site_submission
from bench.modern_mail.transport import php_mail

# what visitors write, by the kind of business: shop, appt (clinic), stay (hotel), table (restaurant),
# quote (firm/agency), join (club/school)
VISITOR: dict[str, dict[str, list[str]]] = {
    "en": {"shop": ["Hi, do you deliver to Otley? I'd like to order a birthday cake for the 14th. Thanks!",
                    "My order arrived yesterday but one of the items was missing (order {n}). Could you check?",
                    "Do you do wholesale prices for cafés? We'd need about 30 loaves a week."],
           "appt": ["Hello, is there any chance of an appointment next Tuesday afternoon? Thanks!",
                    "Can I move my appointment from Thursday to the following week? Sorry for the short notice.",
                    "Do you have anything for a first visit this week? Mornings are best for me."],
           "table": ["We'd like to book a table for 6 on Saturday evening, ideally around 7:30.",
                     "Do you have a vegan option on the brunch menu? Coming with a friend on Sunday."],
           "stay": ["Is the double room free from 2 to 5 August? We'd arrive late, around 10pm."],
           "quote": ["We're a small charity looking for a new website with online donations. Could we have a chat "
                     "about costs and timing?", "I need advice about a lease for a shop unit. Do you offer a fixed-fee "
                     "first consultation?", "Could you send me a quote for redesigning our logo and business cards?"],
           "join": ["Are there any plots available this year? I live five minutes away and would love to join.",
                    "How much is the membership fee, and can I pay it in two instalments?"]},
    "de": {"shop": ["Hallo, kann man bei Ihnen auch glutenfreies Brot vorbestellen? Viele Grüße",
                    "Meine Bestellung {n} ist leider noch nicht angekommen. Können Sie bitte nachsehen?"],
           "appt": ["Guten Tag, ich hätte gern einen Termin, am liebsten nächste Woche vormittags. Geht das?",
                    "Kann ich meinen Termin am Donnerstag auf die Woche danach verschieben? Danke!"],
           "stay": ["Ist das Doppelzimmer vom 2. bis 5. August noch frei? Wir reisen mit Hund an."],
           "quote": ["Wir haben eine kleine GmbH gegründet und suchen eine Steuerberatung für die laufende "
                     "Buchhaltung. Wann könnten wir telefonieren?"],
           "join": ["Meine Tochter (9) möchte gern Fußball spielen. Wann trainiert die E-Jugend?"]},
    "fr": {"shop": ["Bonjour, livrez-vous à Lyon ? Je voudrais commander un plateau pour 12 personnes.",
                    "Bonjour, ma commande n° {n} est arrivée avec un fromage abîmé. Que puis-je faire ?"],
           "stay": ["Bonjour, le gîte est-il disponible du 9 au 16 août pour 4 adultes et un chien ?"],
           "quote": ["Nous souhaitons faire poser un escalier en chêne. Pouvez-vous passer pour un devis ?"],
           "join": ["Bonjour, comment adhérer à l'association ? Les visites guidées sont-elles ouvertes à tous ?"]},
    "es": {"shop": ["Hola, ¿hacéis envíos a Canarias? ¿Cuánto cuesta el envío de una garrafa de 5 litros?"],
           "appt": ["Buenas tardes, quería pedir cita para una limpieza dental, preferiblemente por la tarde."],
           "stay": ["¿Tenéis habitación doble libre del 10 al 14 de junio? Somos dos adultos."],
           "quote": ["Necesito un presupuesto para clases de inglés para 8 empleados de mi empresa."],
           "join": ["¿Cuándo empiezan los próximos cursos de alemán A1 y cuál es el precio?"]},
    "ar": {"shop": ["السلام عليكم، هل يتوفر دهن العود بحجم 6 مل؟ وكم مدة التوصيل إلى الرياض؟"],
           "appt": ["مرحباً، أرغب في حجز موعد مع الطبيبة يوم الأحد القادم إن أمكن."],
           "quote": ["نحتاج إلى عرض سعر لخدمات مسك الدفاتر لشركة صغيرة (٥ موظفين)."],
           "join": ["هل يمكن التسجيل في دورة المساء؟"]},
    "he": {"shop": ["שלום, האם אפשר לאסוף את ההזמנה מהחנות במקום משלוח?"],
           "appt": ["היי, אפשר לקבוע תור לבדיקה וניקוי אבנית בשבוע הבא?"],
           "quote": ["אנחנו פותחים בית קפה ומחפשים מעצב ללוגו ולתפריט. אפשר לקבל הצעת מחיר?"],
           "join": ["מתי מתחיל הקורס הבא?"]},
    "ja": {"shop": ["お世話になります。贈答用の包装は可能でしょうか。のし紙もお願いしたいです。"],
           "stay": ["来月の土曜日、大人2名で1泊したいのですが、空室はありますでしょうか。"],
           "appt": ["腰痛がひどく、今週中に施術をお願いしたいです。夕方以降の空きはありますか。"],
           "quote": ["ウォールナットのローテーブルの製作をお願いしたいのですが、お見積もりは可能でしょうか。"],
           "join": ["体験レッスンはありますか？"]},
    "zh": {"shop": ["您好，请问龙井茶可以寄到香港吗？运费大概多少？"],
           "appt": ["医生您好，想预约下周三下午的针灸，请问还有名额吗？"],
           "quote": ["我们公司想定制50份茶叶礼盒，能否提供报价？"],
           "join": ["请问暑期中文班什么时候开始报名？学费是多少？"]},
}
_GROUP = {"shop": "shop", "clinic": "appt", "hotel": "stay", "restaurant": "table", "firm": "quote",
          "agency": "quote", "club": "join", "school": "join", "personal": "quote"}


def visitor_text(ctx: Ctx) -> str:
    """What a visitor of this account's site would write to it, in the message's language."""
    texts = VISITOR[ctx.lang]
    group = _GROUP[ctx.account.sector]
    options = texts.get(group) or texts.get("appt" if group in ("stay", "table") else "quote") or texts["quote"]
    return ctx.pick(options).format(n=ctx.rng.randint(1001, 9999))
# (subject template, field labels: name, email, phone, subject, message, footer line)
FORM: dict[str, tuple[str, tuple[str, str, str, str, str, str]]] = {
    "en": ("{site} \"{topic}\"", ("Your name", "Your email", "Phone", "Subject", "Your message",
                                 "This e-mail was sent from the contact form on {site} ({url})")),
    "de": ("Kontaktanfrage über {site}", ("Name", "E-Mail", "Telefon", "Betreff", "Nachricht",
                                          "Diese Nachricht wurde über das Kontaktformular auf {url} gesendet.")),
    "fr": ("[{site}] Nouveau message : {topic}", ("Nom", "E-mail", "Téléphone", "Objet", "Message",
                                                  "Message envoyé depuis le formulaire de contact de {url}")),
    "es": ("Nuevo mensaje desde {site}", ("Nombre", "Correo electrónico", "Teléfono", "Asunto", "Mensaje",
                                          "Enviado desde el formulario de contacto de {url}")),
    "ar": ("رسالة جديدة من نموذج الاتصال - {site}", ("الاسم", "البريد الإلكتروني", "الهاتف", "الموضوع",
                                                   "الرسالة", "أُرسلت هذه الرسالة من نموذج الاتصال في {url}")),
    "he": ("פנייה חדשה מהאתר {site}", ("שם", "אימייל", "טלפון", "נושא", "הודעה", "נשלח מטופס יצירת הקשר באתר {url}")),
    "ja": ("【{site}】お問い合わせがありました", ("お名前", "メールアドレス", "電話番号", "件名", "お問い合わせ内容",
                                             "このメールは {url} のお問い合わせフォームから送信されました")),
    "zh": ("【{site}】网站留言通知", ("姓名", "邮箱", "电话", "主题", "留言内容", "此邮件由 {url} 的联系表单发送")),
}
_TOPICS = {"en": ["Question", "Order enquiry", "Appointment", "Quote request"], "de": ["Anfrage", "Termin"],
           "fr": ["Demande d'information", "Devis"], "es": ["Consulta", "Reserva"], "ar": ["استفسار"],
           "he": ["פנייה"], "ja": ["お問い合わせ"], "zh": ["咨询"]}
_PHONES = {"en": "07700 900{n}", "de": "0151 2345 6{n}", "fr": "06 12 34 5{n}", "es": "612 345 {n}",
           "ar": "+971 50 123 4{n}", "he": "052-555-0{n}", "ja": "090-1234-5{n}", "zh": "138 0013 8{n}"}


def contact_form(ctx: Ctx) -> Built:
    """Contact Form 7, WPForms or a hand-written contact.php mailing a visitor's message to the site owner."""
    a = ctx.account
    visitor = ctx.person()
    message = visitor_text(ctx)
    topic = ctx.pick(_TOPICS[ctx.lang])
    subj_t, labels = FORM[ctx.lang]
    site_url = f"https://{ctx.site()}"
    subject = subj_t.format(site=a.name, topic=topic)
    rows = [(labels[0], visitor.name), (labels[1], visitor.email)]
    if ctx.chance(0.5):
        rows.append((labels[2], _PHONES[ctx.lang].format(n=ctx.rng.randint(100, 999))))
    if ctx.chance(0.5):
        rows.append((labels[3], topic))
    foot = labels[5].format(site=a.name, url=site_url)
    wordpress = a.platform in ("wordpress", "woocommerce")
    owner_addr = ctx.staff()[1] if ctx.chance(0.6) else f"info@{a.main_domain}"
    if wordpress:
        from_name, from_addr = ctx.pick(((a.name, f"wordpress@{a.main_domain}"),
                                         ("WordPress", f"wordpress@{a.main_domain}"),
                                         (f"{visitor.name} via {a.name}", f"noreply@{a.main_domain}")))
        script = ctx.pick(("/index.php", "/wp-admin/admin-ajax.php"))
        agent = ctx.pick(("wordpress", "phpmailer"))
    else:
        from_name, from_addr = ctx.pick(((a.name, f"noreply@{a.main_domain}"), ("", f"webmaster@{a.main_domain}")))
        script = ctx.pick(("/contact.php", "/kontakt/send.php", "/sendmail.php", "/inc/contact-handler.php"))
        agent = ctx.pick(("custom_php", "bare_php", "old_phpmailer"))
        if ctx.chance(0.2):  # old scripts put the visitor into From: (the server's address stays in the envelope)
            from_name, from_addr = visitor.name, visitor.email
    text = "\n".join(f"{k}: {v}" for k, v in rows) + f"\n\n{labels[4]}:\n{message}\n\n--\n{foot}\n"
    mail = Mail(subject=subject, from_name=from_name, from_addr=from_addr, to=[("", owner_addr)], text=text,
                reply_to=(visitor.name, visitor.email), lang=ctx.lang, agent=agent)
    if ctx.chance(0.3):  # WPForms-style HTML notification
        doc = Doc([Table(tuple(rows)), P(f"{labels[4]}:\n{message}"), P(foot)], ctx.lang, subject)
        mail.html = to_html(doc, "builder")
        mail.text = None if ctx.chance(0.5) else mail.text
    if from_addr.endswith(a.main_domain):
        sub = site_submission(ctx, [owner_addr], from_addr, script=script)
    else:  # mail() with the visitor in From: and the account's login in the envelope
        sub = php_mail(ctx.rng, a, [owner_addr], script=script)
    return Built(mail, sub, "contact-form notification, Reply-To the visitor")
