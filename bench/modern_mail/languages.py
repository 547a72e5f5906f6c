"""Phrase tables shared by every family: names, mail providers, greetings, dates, money, footer lines."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

from datetime import datetime

LANGS = ("en", "de", "fr", "es", "ar", "he", "ja", "zh")
RTL = frozenset({"ar", "he"})
CJK = frozenset({"ja", "zh"})

# (native given name, romanized), (native family name, romanized)
GIVEN: dict[str, list[tuple[str, str]]] = {
    "en": [(n, n.lower()) for n in ("Emma", "Oliver", "Sophie", "James", "Amelia", "Noah", "Grace", "Liam",
                                    "Isla", "Ethan", "Ruby", "Daniel", "Megan", "Tom", "Rachel", "Connor")],
    "de": [("Lukas", "lukas"), ("Anna", "anna"), ("Jürgen", "juergen"), ("Miriam", "miriam"), ("Stefan", "stefan"),
           ("Sabine", "sabine"), ("Maximilian", "max"), ("Jana", "jana"), ("Uwe", "uwe"), ("Lea", "lea")],
    "fr": [("Camille", "camille"), ("Hugo", "hugo"), ("Léa", "lea"), ("Thomas", "thomas"), ("Manon", "manon"),
           ("Nicolas", "nicolas"), ("Chloé", "chloe"), ("Étienne", "etienne"), ("Inès", "ines")],
    "es": [("Lucía", "lucia"), ("Javier", "javier"), ("Carmen", "carmen"), ("Alejandro", "alejandro"),
           ("Sofía", "sofia"), ("Pablo", "pablo"), ("Marta", "marta"), ("Diego", "diego"), ("Elena", "elena")],
    "ar": [("أحمد", "ahmed"), ("فاطمة", "fatima"), ("يوسف", "youssef"), ("مريم", "mariam"), ("عمر", "omar"),
           ("نور", "nour"), ("كريم", "karim"), ("هدى", "huda"), ("سامي", "sami")],
    "he": [("יעל", "yael"), ("אורי", "uri"), ("מיכל", "michal"), ("איתי", "itay"), ("תמר", "tamar"),
           ("עומר", "omer"), ("שירה", "shira"), ("רון", "ron")],
    "ja": [("花子", "hanako"), ("健太", "kenta"), ("さくら", "sakura"), ("大輝", "daiki"), ("美咲", "misaki"),
           ("翔太", "shota"), ("恵", "megumi"), ("拓也", "takuya")],
    "zh": [("丽", "li"), ("伟", "wei"), ("芳", "fang"), ("磊", "lei"), ("静", "jing"), ("浩", "hao"),
           ("婷", "ting"), ("军", "jun")],
}
FAMILY: dict[str, list[tuple[str, str]]] = {
    "en": [(n, n.lower()) for n in ("Taylor", "Patel", "Walsh", "Brooks", "Khan", "Murphy", "Evans", "Hughes",
                                    "Carter", "Bennett", "Foster", "Reid", "Shaw", "Kowalski")],
    "de": [("Schneider", "schneider"), ("Fischer", "fischer"), ("Weiß", "weiss"), ("Becker", "becker"),
           ("Schäfer", "schaefer"), ("Koch", "koch"), ("Richter", "richter"), ("Yılmaz", "yilmaz")],
    "fr": [("Martin", "martin"), ("Bernard", "bernard"), ("Dubois", "dubois"), ("Lefebvre", "lefebvre"),
           ("Girard", "girard"), ("Roux", "roux"), ("Fournier", "fournier"), ("Benali", "benali")],
    "es": [("García", "garcia"), ("Fernández", "fernandez"), ("López", "lopez"), ("Martínez", "martinez"),
           ("Sánchez", "sanchez"), ("Navarro", "navarro"), ("Ruiz", "ruiz"), ("Torres", "torres")],
    "ar": [("الخطيب", "alkhatib"), ("حداد", "haddad"), ("العلي", "alali"), ("منصور", "mansour"),
           ("الشامي", "alshami"), ("عيسى", "issa"), ("النجار", "alnajjar")],
    "he": [("כהן", "cohen"), ("לוי", "levi"), ("מזרחי", "mizrahi"), ("פרץ", "peretz"), ("ביטון", "biton"),
           ("אברהם", "avraham"), ("שפירא", "shapira")],
    "ja": [("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("伊藤", "ito"), ("渡辺", "watanabe"),
           ("中村", "nakamura"), ("小林", "kobayashi")],
    "zh": [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
           ("赵", "zhao"), ("周", "zhou")],
}
FREEMAIL: dict[str, list[str]] = {
    "en": ["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.com", "icloud.com", "btinternet.com", "gmail.com"],
    "de": ["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de", "outlook.de"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr", "hotmail.fr"],
    "es": ["gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net"],
    "ar": ["gmail.com", "hotmail.com", "yahoo.com", "outlook.sa"],
    "he": ["gmail.com", "walla.co.il", "012.net.il", "hotmail.com"],
    "ja": ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "icloud.com", "outlook.jp"],
    "zh": ["qq.com", "163.com", "126.com", "gmail.com", "sina.com"],
}


def full_name(lang: str, given: str, family: str) -> str:
    """A person's name in the order and spacing of their language."""
    if lang == "ja":
        return f"{family} {given}"
    if lang == "zh":
        return family + given
    return f"{given} {family}"


# greeting by (lang, formal): "{name}" is the given name (informal) or the full name (formal)
GREETING: dict[str, tuple[str, str]] = {
    "en": ("Hi {name},", "Dear {name},"),
    "de": ("Hallo {name},", "Guten Tag {name},"),
    "fr": ("Bonjour {name},", "Bonjour {name},"),
    "es": ("Hola, {name}:", "Estimado/a {name}:"),
    "ar": ("مرحباً {name}،", "السيد/السيدة {name} المحترم/ة،"),
    "he": ("היי {name},", "שלום {name},"),
    "ja": ("{name}さん", "{name} 様"),
    "zh": ("{name}，你好！", "尊敬的{name}：")}



_TITLES = ("Dr.", "Dra.", "د.", 'ד"ר', "Mrs.", "Mr.")


def first_name(name: str, lang: str) -> str:
    """How a person signs or is greeted informally: the given name without a title (CJK: the whole name)."""
    if lang in CJK:
        return name
    words = [w for w in name.split() if w not in _TITLES]
    return words[0] if words else name


def greet(lang: str, first: str, full: str, *, formal: bool = False, customer: bool = False) -> str:
    """The salutation line: "Hi Emma," / "Guten Tag Anna Koch," / "山田 花子 様".

    `customer`: a business writing to a customer, which in Japanese and Chinese is always formal.
    """
    formal = formal or (customer and lang in CJK)
    return GREETING[lang][formal].format(name=full if formal else first)


SIGNOFF: dict[str, list[str]] = {
    "en": ["Best wishes,", "Kind regards,", "Thanks,", "Cheers,", "All the best,", "Best,"],
    "de": ["Viele Grüße", "Liebe Grüße", "Mit freundlichen Grüßen", "Beste Grüße", "Schöne Grüße"],
    "fr": ["Bien à vous,", "Cordialement,", "Bonne journée,", "À bientôt,", "Amitiés,"],
    "es": ["Un saludo,", "Saludos cordiales,", "Un abrazo,", "Gracias,", "Atentamente,"],
    "ar": ["مع خالص التحية،", "مع أطيب التحيات،", "وشكراً لكم،", "تحياتي،"],
    "he": ["תודה,", "בברכה,", "להתראות,", "בברכה וביום טוב,"],
    "ja": ["よろしくお願いいたします。", "引き続きよろしくお願いいたします。", "取り急ぎご連絡まで。"],
    "zh": ["此致\n敬礼！", "祝好！", "谢谢！", "顺颂商祺"]}

# the closing of an invoice or a formal business letter
SIGNOFF_FORMAL = {"en": "Kind regards,", "de": "Mit freundlichen Grüßen", "fr": "Cordialement,",
                  "es": "Atentamente,", "ar": "مع خالص التحية،", "he": "בברכה,", "ja": "よろしくお願いいたします。",
                  "zh": "此致\n敬礼！"}

QUOTE_HEADER: dict[str, str] = {
    "en": "On {date}, {name} <{addr}> wrote:",
    "de": "Am {date} schrieb {name} <{addr}>:",
    "fr": "Le {date}, {name} <{addr}> a écrit :",
    "es": "El {date}, {name} (<{addr}>) escribió:",
    "ar": "في {date}، كتب {name} <{addr}>:",
    "he": "ב-{date}, מאת {name} ‏<{addr}>‏:",
    "ja": "{date} {name} <{addr}>:",
    "zh": "{name} <{addr}> 于 {date} 写道："}

# forwarded-message block: separator line, then labels for From, Date, Subject, To
FORWARD_HEADER: dict[str, tuple[str, str, str, str, str]] = {
    "en": ("---------- Forwarded message ---------", "From", "Date", "Subject", "To"),
    "de": ("-------- Weitergeleitete Nachricht --------", "Von", "Datum", "Betreff", "An"),
    "fr": ("-------- Message transféré --------", "De", "Date", "Sujet", "Pour"),
    "es": ("---------- Mensaje reenviado ---------", "De", "Fecha", "Asunto", "Para"),
    "ar": ("---------- الرسالة المعاد توجيهها ---------", "من", "التاريخ", "الموضوع", "إلى"),
    "he": ("---------- הודעה שהועברה ----------", "מאת", "תאריך", "נושא", "אל"),
    "ja": ("---------- 転送メッセージ ---------", "From", "Date", "Subject", "To"),
    "zh": ("---------- 转发的邮件 ---------", "发件人", "日期", "主题", "收件人")}

REPLY_PREFIX = {"en": "Re: ", "de": "AW: ", "fr": "RE: ", "es": "RE: ", "ar": "رد: ", "he": "השב: ",
                "ja": "Re: ", "zh": "回复："}
FORWARD_PREFIX = {"en": "Fwd: ", "de": "WG: ", "fr": "TR: ", "es": "RV: ", "ar": "إعادة توجيه: ",
                  "he": "הועבר: ", "ja": "Fwd: ", "zh": "转发："}

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "he": "ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר"}
_DAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "ar": "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد",
    "he": "שני שלישי רביעי חמישי שישי שבת ראשון",
    "ja": "月 火 水 木 金 土 日",
    "zh": "一 二 三 四 五 六 日"}


def month_name(dt: datetime, lang: str) -> str:
    """The month of `dt` in `lang` ("March", "März", "3月")."""
    if lang in CJK:
        return f"{dt.month}月"
    return _MONTHS[lang].split()[dt.month - 1]


def weekday_name(dt: datetime, lang: str) -> str:
    """The weekday of `dt` as it reads inside a sentence ("Tuesday", "Dienstag", "火曜日", zh "二")."""
    day = _DAYS[lang].split()[dt.weekday()]
    return {"ja": f"{day}曜日", "he": f"יום {day}"}.get(lang, day)


def long_date(dt: datetime, lang: str, *, time: bool = False) -> str:
    """A date as people of `lang` write it in a letter ("Tuesday, 4 March 2025"), optionally with the time."""
    day = _DAYS[lang].split()[dt.weekday()]
    hm = f"{dt.hour:02d}:{dt.minute:02d}"
    if lang == "ja":
        text = f"{dt.year}年{dt.month}月{dt.day}日({day})"
        return f"{text} {hm}" if time else text
    if lang == "zh":
        text = f"{dt.year}年{dt.month}月{dt.day}日 星期{day}"
        return f"{text} {hm}" if time else text
    month = _MONTHS[lang].split()[dt.month - 1]
    text = {
        "en": f"{day}, {dt.day} {month} {dt.year}",
        "de": f"{day}, {dt.day}. {month} {dt.year}",
        "fr": f"{day} {dt.day} {month} {dt.year}",
        "es": f"{day}, {dt.day} de {month} de {dt.year}",
        "ar": f"{day}، {dt.day} {month} {dt.year}",
        "he": f"יום {day}, {dt.day} ב{month} {dt.year}"}[lang]
    if not time:
        return text
    at = {"en": " at ", "de": " um ", "fr": " à ", "es": " a las ", "ar": " الساعة ", "he": " בשעה "}[lang]
    return text + at + hm


def short_date(dt: datetime, lang: str) -> str:
    """A numeric date in the local order (03/04/2025, 04.03.2025, 2025/03/04)."""
    if lang in CJK:
        return f"{dt.year}/{dt.month:02d}/{dt.day:02d}"
    if lang == "de":
        return f"{dt.day:02d}.{dt.month:02d}.{dt.year}"
    return f"{dt.day:02d}/{dt.month:02d}/{dt.year}"


_SYMBOL = {"GBP": "£", "USD": "$", "CAD": "CA$", "AUD": "A$", "EUR": "€", "CHF": "CHF ", "MXN": "$",
           "AED": "AED ", "JOD": "JOD ", "EGP": "EGP ", "ILS": "₪", "JPY": "¥", "CNY": "¥", "SGD": "S$"}


def money(amount: float, currency: str, lang: str) -> str:
    """An amount as the shop's language prints it: £12.50, 12,50 €, ₪89.90, ¥1,280, 1.234,00 CHF."""
    if currency == "JPY":
        return f"{round(amount):,}円" if lang == "ja" else f"¥{round(amount):,}"
    whole = f"{amount:,.2f}"
    if lang in ("de", "fr", "es") and currency in ("EUR", "CHF"):
        sep = " " if lang == "fr" else "."
        local = whole.replace(",", "_").replace(".", ",").replace("_", sep)
        return f"{local} €" if currency == "EUR" else f"CHF {local}"
    if currency == "MXN":
        return f"${whole} MXN"
    return f"{_SYMBOL.get(currency, currency + ' ')}{whole}"


# footer lines of bulk and automated mail
UNSUBSCRIBE = {
    "en": "Unsubscribe", "de": "Abmelden", "fr": "Se désabonner", "es": "Darse de baja",
    "ar": "إلغاء الاشتراك", "he": "להסרה מרשימת התפוצה", "ja": "配信停止", "zh": "退订"}
VIEW_ONLINE = {
    "en": "View this email in your browser", "de": "Im Browser ansehen",
    "fr": "Voir la version en ligne", "es": "Ver en el navegador", "ar": "عرض الرسالة في المتصفح",
    "he": "לצפייה בדפדפן", "ja": "ブラウザで表示する", "zh": "在浏览器中查看"}
WHY_RECEIVED = {
    "en": "You are receiving this email because you signed up at {site}.",
    "de": "Sie erhalten diese E-Mail, weil Sie sich auf {site} für unseren Newsletter angemeldet haben.",
    "fr": "Vous recevez cet e-mail car vous êtes inscrit(e) à la lettre d'information de {site}.",
    "es": "Recibes este correo porque te suscribiste en {site}.",
    "ar": "تصلك هذه الرسالة لأنك اشتركت في نشرتنا عبر {site}.",
    "he": "קיבלת הודעה זו כי נרשמת לניוזלטר באתר {site}.",
    "ja": "このメールは{site}でメールマガジンにご登録いただいた方にお送りしています。",
    "zh": "您收到此邮件是因为您在{site}订阅了我们的资讯。"}
NO_REPLY = {
    "en": "This is an automated message. Please do not reply to this email.",
    "de": "Dies ist eine automatisch erstellte Nachricht. Bitte antworten Sie nicht auf diese E-Mail.",
    "fr": "Ceci est un message automatique, merci de ne pas y répondre.",
    "es": "Este es un mensaje automático; por favor, no respondas a este correo.",
    "ar": "هذه رسالة آلية، يرجى عدم الرد عليها.",
    "he": "זוהי הודעה אוטומטית, אין להשיב להודעה זו.",
    "ja": "※このメールは送信専用アドレスから配信されています。ご返信いただいてもお答えできません。",
    "zh": "本邮件由系统自动发送，请勿直接回复。"}
PRIVACY = {
    "en": "Privacy policy", "de": "Datenschutz", "fr": "Politique de confidentialité",
    "es": "Política de privacidad", "ar": "سياسة الخصوصية", "he": "מדיניות פרטיות",
    "ja": "プライバシーポリシー", "zh": "隐私政策"}
RIGHTS = {
    "en": "All rights reserved.", "de": "Alle Rechte vorbehalten.", "fr": "Tous droits réservés.",
    "es": "Todos los derechos reservados.", "ar": "جميع الحقوق محفوظة.", "he": "כל הזכויות שמורות.",
    "ja": "All rights reserved.", "zh": "版权所有。"}
THANKS = {
    "en": "Thank you", "de": "Vielen Dank", "fr": "Merci", "es": "Gracias", "ar": "شكراً لك",
    "he": "תודה", "ja": "ありがとうございます", "zh": "谢谢"}
