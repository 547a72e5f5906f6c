# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Legitimate notifications from set F's site forms: contact, quote and callback requests, applications."""

from __future__ import annotations

from bench.modern_mail.model import Mail
from bench.modern_mail_f.context import Ctx, Draft

_QUESTIONS = {
    "en": ("Do you have availability for a family of four over the Easter weekend?",
           "Could you tell me whether the seeds are treated? I grow for a small organic market.",
           "My water heater is leaking from the bottom valve. Can someone come this week?",
           "I'd like to register my daughter for the spring term. Is there still space in year 3?",
           "We need a certified translation of a birth certificate from Spanish, how long does it take?"),
    "de": ("Ich hätte Interesse an einem Familienshooting im Frühling, was kostet das ungefähr?",
           "Wir möchten einen Mietvertrag prüfen lassen. Haben Sie nächste Woche einen Termin frei?",
           "Unser Sohn (8) möchte gern im Verein Fußball spielen. Wann ist Probetraining?",
           "Können Sie eine Teilladung von Bremen nach Posen übernehmen, zwei Paletten?"),
    "fr": ("Je souhaiterais un rendez-vous pour un détartrage, de préférence un mercredi.",
           "Est-ce que la chorale recrute encore des ténors cette saison ?"),
    "es": ("¿Hacéis tartas por encargo para 30 personas? Sería para el sábado 14.",
           "Me interesa el piso de la calle Larios, ¿se puede visitar esta semana?"),
    "it": ("Vorrei sapere se avete una postazione fissa libera da febbraio.",
           "Avete camere comunicanti per il ponte di aprile?"),
    "nl": ("Verkopen jullie ook rauwe melk aan huis?", "Wij zoeken een partner voor een koppeling met Exact."),
    "ja": ("贈答用の詰め合わせを10セット注文したいのですが、のし対応は可能でしょうか。",),
    "ko": ("성인 일본어 초급반 저녁 수업이 있나요?",),
    "zh": ("请问四月份去云南的团还有名额吗？", "我的變速器需要調整，週六可以預約嗎？"),
    "ar": ("نحتاج إلى مساعدة في إعداد إقرار ضريبة القيمة المضافة للربع الأول.",),
    "he": ("האם יש שיעור למתחילים בערב?",),
    "pl": ("Czy dostarczacie kwiaty na ślub w sobotę 21?",),
    "cs": ("Dobrý den, chtěli bychom rezervovat salonek pro 25 lidí na firemní večírek.",),
    "tr": ("Eski bir halının tamiri için fiyat alabilir miyim?",),
    "pt": ("Têm aulas para crianças de 9 anos?",),
    "ru": ("Можно записаться на замену шин в субботу утром?",),
    "el": ("Θα ήθελα να ρωτήσω για την παρουσίαση του βιβλίου.",),
}
_LABELS = {"en": ("Name", "Email", "Message", "New message from your website"),
           "de": ("Name", "E-Mail", "Nachricht", "Neue Nachricht über das Kontaktformular"),
           "fr": ("Nom", "E-mail", "Message", "Nouveau message depuis le site"),
           "es": ("Nombre", "Correo", "Mensaje", "Nuevo mensaje desde la web"),
           "it": ("Nome", "Email", "Messaggio", "Nuovo messaggio dal sito"),
           "nl": ("Naam", "E-mail", "Bericht", "Nieuw bericht via het contactformulier")}


def _form(ctx: Ctx, subject_tag: str, script: str, agent: str, extra: list[tuple[str, str]]) -> Draft:
    c = ctx
    lang = c.use(_QUESTIONS)
    visitor = c.person()
    labels = _LABELS.get(lang, _LABELS["en"])
    fields = [(labels[0], visitor.name), (labels[1], visitor.email), *extra, (labels[2], c.rng.choice(
        _QUESTIONS[lang]))]
    text = "\n".join(f"{k}: {v}" for k, v in fields) + f"\n\n--\n{c.account.main_domain}\n"
    owner = c.box(c.rng.randint(0, len(c.account.people) - 1))
    mail = Mail(subject=f"{subject_tag} {labels[3]}" if subject_tag else labels[3], from_name=c.account.name,
                from_addr=f"wordpress@{c.account.main_domain}", to=[(owner[0], owner[1])],
                reply_to=(visitor.name, visitor.email), text=text, lang=lang, agent=agent)
    return Draft(mail, "php", script, mail_from=f"wordpress@{c.account.main_domain}")


def contact_form(ctx: Ctx) -> Draft:
    return _form(ctx, "[Contact]", "/wp-content/plugins/contact-form-7/includes/mail.php", "wordpress", [])


def quote_request(ctx: Ctx) -> Draft:
    c = ctx
    return _form(ctx, "[Quote]", "/wp-content/plugins/wpforms-lite/src/Emails/Mailer.php", "wordpress",
                 [("Budget", c.money(200, 5000)), ("Phone", f"+{c.rng.randint(30, 49)} {c.number('', 9)}")])


def callback_request(ctx: Ctx) -> Draft:
    c = ctx
    return _form(ctx, "", "/kontakt/send.php", "php", [("Tel.", f"0{c.number('', 10)}"),
                                                       ("Callback", f"{c.clock()}")])


def job_application(ctx: Ctx) -> Draft:
    c = ctx
    cand = c.person("en")
    role = c.rng.choice(("Warehouse operative", "Dental nurse", "Junior developer", "Receptionist (summer)",
                         "Delivery driver", "Bookkeeping assistant"))
    text = (f"Position: {role}\nName: {cand.name}\nEmail: {cand.email}\nAvailable from: {c.day(30)}\n"
            f"Cover note:\nI have {c.rng.randint(1, 9)} years of experience and live nearby. My CV is uploaded "
            f"through the form.\n\nCV: {c.site(f'wp-content/uploads/applications/{c.token(12)}.pdf')}\n")
    mail = Mail(subject=f"New application: {role}", from_name="Careers form",
                from_addr=f"careers@{c.account.main_domain}",
                to=[c.box(0)], reply_to=(cand.name, cand.email), text=text, lang="en", agent="wordpress")
    return Draft(mail, "php", "/wp-content/plugins/simple-job-board/includes/class-notifications.php",
                 mail_from=f"careers@{c.account.main_domain}")


def order_form_copy(ctx: Ctx) -> Draft:
    """The visitor's own copy of a form they sent (sent to the visitor, Reply-To the business)."""
    c = ctx
    lang = c.use(_QUESTIONS)
    visitor = c.person()
    q = c.rng.choice(_QUESTIONS[lang])
    t = {"en": "Thanks, we got your message. Here is a copy for your records:",
         "de": "Danke, Ihre Nachricht ist angekommen. Zur Sicherheit eine Kopie:",
         "fr": "Merci, votre message est bien arrivé. En voici une copie :",
         "es": "Gracias, hemos recibido tu mensaje. Te dejamos una copia:"}
    head = t.get(lang, t["en"]) if lang in t else t["en"]
    mail = Mail(subject=f"{c.account.name}: {c.p('ticket')}", from_name=c.account.name,
                from_addr=f"noreply@{c.account.main_domain}", to=[(visitor.name, visitor.email)],
                reply_to=c.box(0), text=f"{c.p('hi', n=visitor.first)}\n\n{head}\n\n{q}\n\n{c.account.name}\n",
                lang=lang, agent="php")
    return Draft(mail, "php", "/contact/thanks.php", mail_from=f"noreply@{c.account.main_domain}")
