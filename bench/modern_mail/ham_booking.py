"""Booking confirmations and appointment reminders from clinics, hotels and restaurants."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

import urllib.parse

from bench.modern_mail.blocks import Block, Button, Doc, Link, P, Small, Table, to_html, to_text
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.languages import NO_REPLY, SIGNOFF, greet, long_date, money
from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail.sites import accent, footer, site_from, site_submission

# subject, opening sentence, closing/cancellation sentence; labels: date, time, where, ref, manage, map
APPOINTMENT: dict[str, dict[str, list[str]]] = {
    "en": {"subject": ["Reminder: your appointment on {date}", "See you {date} at {time}",
                       "Your appointment at {biz} is confirmed"],
           "open": ["This is a friendly reminder of your appointment with {who}.",
                    "Your appointment is booked. Here are the details:"],
           "close": ["Need to change it? Please let us know at least 24 hours in advance so we can offer the slot "
                     "to someone else.", "Please arrive five minutes early. Cancellations within 24 hours may be "
                     "charged."],
           "labels": ["Date", "Time", "Where", "Booking ref.", "Manage my booking", "Directions"]},
    "de": {"subject": ["Terminerinnerung für {date}", "Ihr Termin am {date} um {time} Uhr"],
           "open": ["wir möchten Sie an Ihren Termin bei {who} erinnern.", "hiermit bestätigen wir Ihren Termin:"],
           "close": ["Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte spätestens 24 Stunden vorher "
                     "ab.", "Bitte bringen Sie Ihre Versichertenkarte und die Verordnung mit."],
           "labels": ["Datum", "Uhrzeit", "Ort", "Buchungsnummer", "Termin verwalten", "Anfahrt"]},
    "fr": {"subject": ["Rappel : votre rendez-vous du {date}", "Confirmation de votre réservation"],
           "open": ["Nous vous rappelons votre rendez-vous avec {who}.", "Votre réservation est confirmée :"],
           "close": ["En cas d'empêchement, merci de nous prévenir au moins 24 h à l'avance."],
           "labels": ["Date", "Heure", "Adresse", "Référence", "Gérer ma réservation", "Itinéraire"]},
    "es": {"subject": ["Recordatorio de tu cita del {date}", "Tu reserva está confirmada"],
           "open": ["Te recordamos tu cita con {who}.", "Tu reserva ha quedado confirmada:"],
           "close": ["Si no puedes acudir, avísanos con 24 horas de antelación, por favor."],
           "labels": ["Fecha", "Hora", "Dirección", "Localizador", "Gestionar mi reserva", "Cómo llegar"]},
    "ar": {"subject": ["تذكير بموعدك يوم {date}", "تأكيد حجز الموعد"],
           "open": ["نود تذكيرك بموعدك مع {who}."],
           "close": ["في حال تعذر الحضور يرجى إبلاغنا قبل 24 ساعة على الأقل."],
           "labels": ["التاريخ", "الوقت", "العنوان", "رقم الحجز", "إدارة الحجز", "الاتجاهات"]},
    "he": {"subject": ["תזכורת לתור ב{date}", "התור שלך אושר"],
           "open": ["זוהי תזכורת לתור שלך אצל {who}."],
           "close": ["לביטול או לשינוי התור יש להודיע לפחות 24 שעות מראש."],
           "labels": ["תאריך", "שעה", "כתובת", "מספר הזמנה", "ניהול התור", "הוראות הגעה"]},
    "ja": {"subject": ["【{biz}】ご予約日前日のお知らせ", "【{biz}】ご予約確定のお知らせ"],
           "open": ["ご予約いただき、誠にありがとうございます。ご予約内容は以下のとおりです。"],
           "close": ["ご予約の変更・キャンセルは前日までにご連絡ください。\n皆様のお越しを心よりお待ちしております。"],
           "labels": ["日付", "時間", "場所", "予約番号", "予約の確認・変更", "アクセス"]},
    "zh": {"subject": ["【{biz}】预约提醒", "您的预约已确认"],
           "open": ["您好，提醒您已预约{who}的就诊，详情如下："],
           "close": ["如需改期或取消，请至少提前一天联系我们。"],
           "labels": ["日期", "时间", "地址", "预约号", "管理预约", "路线"]},
}
# hotels and restaurants: (subject, opening) per language
STAY_TEXT = {"en": ("Your stay at {biz}: booking {ref} confirmed", "Thank you for booking with us. We look forward "
                    "to welcoming you on {date}."),
             "de": ("Buchungsbestätigung {ref} – {biz}", "vielen Dank für Ihre Buchung. Wir freuen uns, Sie am {date} "
                    "bei uns begrüßen zu dürfen."),
             "fr": ("Confirmation de réservation {ref}", "Merci pour votre réservation. Nous avons hâte de vous "
                    "accueillir le {date}."),
             "es": ("Confirmación de reserva {ref}", "Gracias por reservar con nosotros. Te esperamos el {date}."),
             "ja": ("【{biz}】ご予約確認（予約番号 {ref}）", "この度は{biz}をご予約いただき、誠にありがとうございます。"
                    "{date}のお越しを心よりお待ちしております。")}
STAY_CLOSE = {"en": "Free cancellation up to 7 days before arrival. Let us know if you'd like us to book a table for "
                    "dinner on your first evening.",
              "de": "Bis 7 Tage vor Anreise können Sie kostenlos stornieren.",
              "fr": "Annulation gratuite jusqu'à 7 jours avant l'arrivée.",
              "es": "Cancelación gratuita hasta 7 días antes de la llegada.",
              "ja": "ご宿泊日の3日前までキャンセル料はかかりません。"}
TABLE_TEXT = ("Your table at {biz} is booked", "Thanks for your reservation: a table for {g} on {date} at {time}. "
              "We hold tables for 15 minutes; give us a call if you're running late.")
STAY = {"en": "Check-in from 3 pm; check-out by 11 am. {n} nights, {g} guests, total {total}.",
        "de": "Check-in ab 15 Uhr, Check-out bis 11 Uhr. {n} Nächte, {g} Personen, Gesamtpreis {total}.",
        "fr": "Arrivée à partir de 16 h, départ avant 10 h. {n} nuits, {g} personnes, total {total}.",
        "es": "Entrada a partir de las 14:00, salida antes de las 12:00. {n} noches, {g} personas, total {total}.",
        "ja": "チェックイン 15:00〜／チェックアウト 10:00。{n}泊・{g}名様、合計 {total}。"}


def _ics(ctx: Ctx, start: str, summary: str, where: str) -> Attachment:
    uid = f"{ctx.hex(16)}@{ctx.account.main_domain}"
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//booking//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:{ctx.when.strftime('%Y%m%dT%H%M%S')}\r\nDTSTART:{start}\r\n"
            f"SUMMARY:{summary}\r\nLOCATION:{where}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    return Attachment("appointment.ics", "text/calendar; charset=utf-8; method=PUBLISH", text.encode("utf-8"))


def booking_reminder(ctx: Ctx) -> Built:
    """An appointment reminder or booking confirmation with date, address, a map link and a manage link."""
    a = ctx.account
    ph = APPOINTMENT[ctx.lang]
    person = ctx.person()
    slot = ctx.later(ctx.rng.randint(1, 20)).replace(hour=ctx.pick((8, 9, 10, 11, 14, 15, 16, 17, 18)),
                                                    minute=ctx.pick((0, 15, 30, 45)))
    who = ctx.staff(0)[0]
    slots = {"date": long_date(slot, ctx.lang), "time": f"{slot.hour:02d}:{slot.minute:02d}", "biz": a.name,
             "who": who}
    ref = ctx.token(6, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    subject = ctx.pick(ph["subject"]).format(**slots)
    opening = ctx.pick(ph["open"]).format(**slots)
    if a.sector == "hotel" and ctx.lang in STAY_TEXT:
        subject, opening = (t.format(ref=ref, **slots) for t in STAY_TEXT[ctx.lang])
    elif a.sector == "restaurant":
        subject, opening = (t.format(g=ctx.rng.randint(2, 8), **slots) for t in TABLE_TEXT)
    lb = ph["labels"]
    maps = ctx.pick((f"https://www.google.com/maps/search/?api=1&query={urllib.parse.quote(a.address)}",
                     f"https://maps.app.goo.gl/{ctx.token(17)}", f"https://maps.google.com/?q={urllib.parse.quote(a.address)}"))
    rows: list[tuple[str, ...]] = [(lb[0], slots["date"]), (lb[1], slots["time"]), (lb[2], a.address), (lb[3], ref)]
    if a.sector == "hotel":
        del rows[1]  # a stay has a check-in day, the time is in the house rules
    blocks: list[Block] = [P(greet(ctx.lang, person.first, person.name, formal=ctx.chance(0.6), customer=True)),
                           P(opening), Table(tuple(rows))]
    if a.sector == "hotel" and ctx.lang in STAY:
        nights, guests = ctx.rng.randint(1, 7), ctx.rng.randint(1, 4)
        per = ctx.rng.randint(90, 260) * (150 if a.currency == "JPY" else 1)
        blocks.append(P(STAY[ctx.lang].format(n=nights, g=guests, total=money(per * nights, a.currency, ctx.lang))))
    close = STAY_CLOSE[ctx.lang] if a.sector == "hotel" and ctx.lang in STAY_CLOSE else ctx.pick(ph["close"])
    blocks += [Link(lb[5], maps), Button(lb[4], ctx.url(f"booking/manage/{ref}?t={ctx.token(24)}")), P(close)]
    if ctx.chance(0.5):
        blocks.append(P(ctx.pick(SIGNOFF[ctx.lang]) + "\n" + a.name + ("\n" + a.phone if a.phone else "")))
    extra = [Small(NO_REPLY[ctx.lang])] if ctx.chance(0.4) else None
    doc = Doc(blocks + footer(ctx, social=ctx.chance(0.4), extra=extra), ctx.lang, subject, accent(ctx))
    box = {"en": "booking", "de": "termine", "es": "reservas", "fr": "reservation"}.get(ctx.lang, "")
    name, addr, agent = site_from(ctx, box if ctx.chance(0.6) else "")
    html_only = ctx.chance(0.3)
    mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[(person.name, person.email)],
                text=None if html_only else to_text(doc), html=to_html(doc, ctx.pick(("builder", "simple"))),
                lang=ctx.lang, agent=agent)
    if ctx.chance(0.3):
        mail.attachments.append(_ics(ctx, slot.strftime("%Y%m%dT%H%M00"), f"{a.name}" if a.name.isascii() else ref,
                                     a.address))
    if ctx.chance(0.5):
        mail.reply_to = (a.name, ctx.staff(len(a.people) - 1)[1])
    sub = site_submission(ctx, [person.email], addr, script=ctx.pick(("/cron/reminders.php", "/wp-cron.php",
                                                                      "/booking/confirm.php")))
    return Built(mail, sub, "booking confirmation or reminder")
