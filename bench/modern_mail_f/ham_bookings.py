# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Legitimate booking mail of set F: hotel stays, appointments, tables, classes, calendar invitations."""

from __future__ import annotations

from datetime import UTC, timedelta

from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail_f import compose, files
from bench.modern_mail_f.context import Ctx, Draft


def hotel_booking(ctx: Ctx) -> Draft:
    c, guest = ctx, ctx.person()
    ref = c.number("AUR", 5)
    nights = c.rng.randint(2, 7)
    pairs = [("Check-in", c.day(30)), ("Check-out", c.day(30 + nights)), ("Ref.", ref),
             (c.p("total"), c.money(180, 1900))]
    extra = {"it": "La colazione è servita in terrazza dalle 7:30 alle 10:30. Il parcheggio va prenotato.",
             "en": "Breakfast is served on the terrace from 7:30 to 10:30. Parking must be reserved in advance.",
             "de": "Frühstück gibt es auf der Terrasse von 7:30 bis 10:30 Uhr. Parkplätze bitte vorab reservieren."}
    lang = c.use(extra)
    inner = (f"<p>{compose.esc(c.p('hi', n=guest.first))}</p><p>{compose.esc(c.p('booked'))}</p>"
             + compose.rows(pairs) + compose.paras_html(extra[lang]))
    mail = Mail(subject=f"{c.p('booked')} {ref}", from_name=c.account.name, from_addr=c.box(2)[1],
                to=[(guest.name, guest.email)], lang=lang, agent="custom",
                html=compose.page(c.rng, lang, inner, c.p("booked"), c.account.name, "", c.footer()),
                text=f"{c.p('hi', n=guest.first)}\n\n{c.p('booked')}\n\n{compose.text_rows(pairs)}\n\n{extra[lang]}\n")
    return Draft(mail, "php", "/booking/engine/confirm.php")


def appointment_reminder(ctx: Ctx) -> Draft:
    c, pat = ctx, ctx.person()
    text = f"{c.p('hi', n=pat.first)}\n\n{c.p('remind', d=c.day(2), t=c.clock())}\n\n{c.account.name}\n" \
           f"{c.account.address}\n{c.account.phone}\n"
    mail = Mail(subject={"fr": "Rappel de rendez-vous", "ru": "Напоминание о записи", "en": "Appointment reminder",
                         "de": "Terminerinnerung", "he": "תזכורת לתור", "ar": "تذكير بالموعد"}.get(c.lang,
                                                                                           "Reminder"),
                from_name=c.account.name, from_addr=c.box(1)[1], to=[(pat.name, pat.email)], text=text, lang=c.lang,
                agent="python")
    return Draft(mail, "cron", mail_from=c.box(1)[1])


def calendar_invite(ctx: Ctx) -> Draft:
    c = ctx
    org = c.box(0)
    guest = c.person()
    start = (c.when + timedelta(days=c.rng.randint(2, 20))).astimezone(UTC).replace(minute=0, second=0)
    end = start + timedelta(hours=1)
    topic = {"en": "Project kick-off", "nl": "Sprint review", "de": "Besprechung Vertragsentwurf",
             "it": "Visita spazi coworking", "ja": "お見積りのご相談", "ar": "مراجعة الإقرار الضريبي"}
    lang = c.use(topic)
    uid = f"{c.token(16)}@{c.account.main_domain}"
    cal = files.ics(uid, topic[lang] if topic[lang].isascii() else "Meeting", start.strftime("%Y%m%dT%H%M%SZ"),
                    end.strftime("%Y%m%dT%H%M%SZ"), org[1], guest.email, c.account.address or "Online")
    mail = Mail(subject=f"Invitation: {topic[lang]} @ {start.strftime('%d.%m.%Y %H:%M')} UTC", from_name=org[0],
                from_addr=org[1], to=[(guest.name, guest.email)], lang=lang, agent="thunderbird",
                text=f"{topic[lang]}\n{start.strftime('%Y-%m-%d %H:%M')} UTC\n{c.account.address}\n",
                attachments=[Attachment("invite.ics", "text/calendar; method=REQUEST", cal)])
    return Draft(mail, c.rng.choice(("client", "webmail")))


def table_booking(ctx: Ctx) -> Draft:
    c, guest = ctx, ctx.person()
    n = c.rng.randint(2, 12)
    t = {"cs": f"Rezervace stolu pro {n} osob je potvrzena. Stůl držíme 15 minut.",
         "de": f"Ihr Tisch für {n} Personen ist reserviert. Wir halten ihn 15 Minuten frei.",
         "en": f"Your table for {n} is booked. We hold it for 15 minutes after the time below."}
    lang = c.use(t)
    text = f"{c.p('hi', n=guest.first)}\n\n{t[lang]}\n{c.day(3)} {c.clock()}\n\n{c.account.name}\n{c.account.phone}\n"
    mail = Mail(subject=c.p("booked"), from_name=c.account.name, from_addr=c.box(1)[1],
                to=[(guest.name, guest.email)], text=text, lang=lang, agent="wordpress")
    return Draft(mail, "php", "/wp-content/plugins/restaurant-reservations/includes/Notification.class.php")


def class_schedule(ctx: Ctx) -> Draft:
    c, student = ctx, ctx.person()
    t = {"pt": "As aulas desta semana mantêm-se: as ondas prometem 1 a 1,5 m. Tragam protetor solar e água.",
         "he": "השיעורים השבוע כרגיל. שיעור הבוקר ביום שישי עובר לשעה 08:00.",
         "ko": "이번 주 수업 시간표를 보내 드립니다. 금요일 회화 수업은 7시로 변경되었습니다.",
         "en": "This week's timetable is below. Friday's early class moves to 8:00."}
    lang = c.use(t)
    table = "\n".join(f"{d}  {c.clock()}" for d in ("Mon", "Wed", "Fri"))
    mail = Mail(subject={"pt": "Horário da semana", "he": "מערכת שיעורים", "ko": "주간 시간표",
                         "en": "Timetable this week"}[lang], from_name=c.account.name, from_addr=c.box(0)[1],
                to=[(student.name, student.email)], text=f"{c.p('hi', n=student.first)}\n\n{t[lang]}\n\n{table}\n",
                lang=lang, agent="python")
    return Draft(mail, "cron", mail_from=c.box(0)[1])


def cancellation(ctx: Ctx) -> Draft:
    c, guest = ctx, ctx.person()
    t = {"en": "As requested we have cancelled your booking. No fee applies as it was more than 48 hours ahead.",
         "it": "Come richiesto abbiamo annullato la prenotazione. Nessuna penale: mancavano più di 48 ore.",
         "fr": "Comme demandé, votre rendez-vous est annulé. Aucun frais ne s'applique.",
         "ru": "Ваша запись отменена по вашей просьбе. Будем рады видеть вас в другой день."}
    lang = c.use(t)
    mail = Mail(subject={"en": "Booking cancelled", "it": "Prenotazione annullata", "fr": "Rendez-vous annulé",
                         "ru": "Запись отменена"}[lang], from_name=c.account.name, from_addr=c.box(1)[1],
                to=[(guest.name, guest.email)], text=f"{c.p('hi', n=guest.first)}\n\n{t[lang]}\n\n{c.account.name}\n",
                lang=lang, agent="custom")
    return Draft(mail, "php", "/booking/cancel.php")


def vet_vaccination(ctx: Ctx) -> Draft:
    c, owner = ctx, ctx.person("en")
    pet = c.rng.choice(("Biscuit", "Luna", "Max", "Pepper", "Ziggy", "Mochi"))
    text = (f"Hi {owner.first},\n\n{pet} is due for the annual booster this month. You can pick a time online "
            f"at {c.site('book')} or call us on {c.account.phone}.\n\nIf {pet} has already had it elsewhere, just "
            "reply with the date and we will update the record.\n\nThe team at Pawsitive\n")
    mail = Mail(subject=f"{pet}'s booster is due", from_name=c.account.name, from_addr=c.box(1)[1],
                to=[(owner.name, owner.email)], text=text, lang="en", agent="python")
    return Draft(mail, "cron", mail_from=c.box(1)[1])


def workshop_seat(ctx: Ctx) -> Draft:
    """The yoga studio's workshop confirmation, in Hebrew or English, as HTML."""
    c, guest = ctx, ctx.person()
    lang = c.use(("he", "en"))
    t = {"he": ("המקום שלך בסדנה שמור", "שמרנו לך מקום בסדנת הנשימה והיוגה ביום שישי בשעה {t}. נא להגיע עשר דקות "
                "לפני, עם מזרן ובקבוק מים. אם לא תוכלי להגיע, נשמח לדעת עד יום חמישי כדי לפנות את המקום."),
         "en": ("Your workshop seat is saved", "We saved you a place in Friday's breath and yoga workshop at {t}. "
                "Please come ten minutes early with a mat and water, and tell us by Thursday if you cannot make it.")}
    subj, body = t[lang]
    body = body.format(t=c.clock())
    inner = compose.paras_html(f"{c.p('hi', n=guest.first)}\n\n{body}") + compose.rows(
        [(c.p("total"), c.money(80, 260)), ("#", c.number("", 5))])
    mail = Mail(subject=subj, from_name=c.account.name, from_addr=c.box(1)[1], to=[(guest.name, guest.email)],
                lang=lang, html=compose.page(c.rng, lang, inner, subj, c.account.name, "", c.footer()),
                text=f"{c.p('hi', n=guest.first)}\n\n{body}\n\n{c.account.name}\n" if c.rng.random() < 0.5 else None,
                agent="wordpress")
    return Draft(mail, "php", "/wp-content/plugins/bookly-responsive-appointment-booking-tool/mail.php")
