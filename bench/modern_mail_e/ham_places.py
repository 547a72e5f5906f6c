# ruff: noqa: RUF001 - text in many scripts: look-alike letters are the point, not a typo
"""Legitimate mail of places and organisations: forms, bookings, clinics, schools, churches, clubs, charities,
restaurants, travel, events, real estate and an accountant forwarding an official letter."""

from __future__ import annotations

from datetime import datetime, timedelta

from bench.modern_mail_e import routes
from bench.modern_mail_e.mime_out import Part
from bench.modern_mail_e.parts import Ctx, file_part, ics, image_part, layout, pdf, text_with_links
from bench.modern_mail_e.registry import family
from bench.modern_mail_e.submit import Draft, Route

T_FORM = {
    "en": ("New message from your website", "Name", "Email", "Message", (
        "Hi, do you do gluten-free options? We need a cake for 20 people on the 19th.",
        "Could you send me a quote for replacing two radiators? Thanks.",
        "My son would like to join the U10 team. When are trials?",
        "Hello, is the apartment on Oak St still available? I'd like to view it this weekend.")),
    "de": ("Neue Anfrage über das Kontaktformular", "Name", "E-Mail", "Nachricht", (
        "Hallo, haben Sie am 12. noch einen Termin für ein Familienshooting frei?",
        "Wir suchen jemanden, der unsere WordPress-Seite betreut. Können Sie uns ein Angebot machen?")),
    "it": ("Nuovo messaggio dal modulo di contatto", "Nome", "Email", "Messaggio", (
        "Buongiorno, vorrei prenotare una pulizia dei denti la prossima settimana.",
        "Avete un tavolo per otto persone sabato sera?")),
    "es": ("Nuevo mensaje desde el formulario web", "Nombre", "Correo", "Mensaje", (
        "Hola, ¿tienen habitación doble del 3 al 6 de enero con vista al mar?",
        "Buenas tardes, quisiera información sobre el alquiler en la calle Roosevelt.")),
    "pt": ("Nova mensagem do formulário", "Nome", "Email", "Mensagem", (
        "Boa tarde, gostaria de saber as datas das matrículas para 2027.",)),
    "ar": ("رسالة جديدة من نموذج الموقع", "الاسم", "البريد", "الرسالة", (
        "مرحباً، هل يمكن حجز طاولة لعشرة أشخاص يوم الجمعة القادم؟",)),
    "nl": ("Nieuw bericht via het contactformulier", "Naam", "E-mail", "Bericht", (
        "Goedemiddag, ik heb een vraag over mijn arbeidscontract. Kan ik een afspraak maken?",)),
}


@family("contact_form", "ham", "form", "sonnenk quickfx rivfc oakridge lenafot pxforge drossi gourmet casamar "
        "escluz nakhla vdberg", "en de it es pt ar nl", 13)
def contact_form(c: Ctx) -> tuple[Draft, Route, str]:
    subj, ln, le, lm, msgs = c.pick(T_FORM)  # type: ignore[misc]
    visitor = c.other()
    msg = c.rng.choice(msgs)
    text = f"{ln}: {visitor.name}\n{le}: {visitor.email}\n{lm}:\n{msg}\n\n--\n{c.acct.main_domain} (Contact Form 7)"
    owner = c.who(0)[1]
    frm = f"wordpress@{c.acct.main_domain}"
    html = None
    if c.rng.random() < 0.4:
        html = layout(c.rng, c.lang, [f"{ln}: {visitor.name}", f"{le}: {visitor.email}", f"{lm}: {msg}"], style=1)
    d = Draft(f"{c.acct.name}: {subj}", c.acct.name, frm, [("", owner)], text, html, lang=c.lang,
              reply_to=(visitor.name, visitor.email), mailer=c.rng.choice(("wordpress", "php")))
    return d, routes.site_script(c, routes.PLUGINS[c.rng.choice((0, 3))]), \
        "contact-form notification to the owner, Reply-To the visitor"


T_BOOK = {
    "es": ("Confirmación de reserva {n} - {co}", "Estimado/a {first}:", "Le confirmamos su reserva del {d1} al {d2}: "
           "habitación doble con vistas al mar, desayuno incluido. Check-in a partir de las 15:00.",
           "Gestionar reserva"),
    "en": ("Your booking {n} is confirmed", "Dear {first},", "We look forward to welcoming you from {d1} to {d2}. "
           "Check-in is from 3 pm; free cancellation until 48 hours before arrival.", "Manage booking"),
    "ar": ("تأكيد الحجز رقم {n}", "عزيزي {first}،", "يسعدنا تأكيد حجز طاولتك يوم {d1} الساعة الثامنة مساءً. "
           "نرجو إبلاغنا في حال التأخير.", "إدارة الحجز"),
    "it": ("Conferma prenotazione {n}", "Gentile {first},", "la sua prenotazione per il {d1} alle 20:30 è "
           "confermata. La aspettiamo!", "Modifica prenotazione"),
}


@family("booking_confirmation", "ham", "booking", "casamar nakhla gourmet", "es en ar it", 11)
def booking_confirmation(c: Ctx) -> tuple[Draft, Route, str]:
    subj, hi, body, btn = c.pick(T_BOOK)  # type: ignore[misc]
    n = f"{c.token(6).upper()}"
    link = c.url(f"reservas/{n}")
    paras = [hi.format(first=c.rcpt.first), body.format(d1=c.day(), d2=c.day(12), co=c.acct.name),
             f"{c.acct.name}\n{c.acct.address}\n{c.acct.phone}"]
    frm = c.who(1)
    d = Draft(subj.format(n=n, co=c.acct.name), c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)],
              text_with_links(paras, (btn, link)), layout(c.rng, c.lang, paras, brand=c.acct.name,
                                                         button=(btn, link)), lang=c.lang, mailer="phpmailer")
    return d, routes.site_script(c, "booking/confirm.php", frm[1]), "booking confirmation"


T_APPT = {
    "en": ("Appointment reminder: {day} at {h}", "This is a reminder of your appointment with {doc} on {day} at {h}. "
           "Please arrive 10 minutes early and bring your insurance card. Reply C to confirm or call us to "
           "reschedule."),
    "es": ("Recordatorio de cita: {day} a las {h}", "Le recordamos su cita con {doc} el {day} a las {h}. Por favor, "
           "llegue 10 minutos antes. Responda C para confirmar."),
    "it": ("Promemoria appuntamento {day}", "Le ricordiamo l'appuntamento con {doc} il {day} alle ore {h}. In caso "
           "di impedimento la preghiamo di avvisarci 24 ore prima."),
    "ko": ("[한빛 가정의학과] 진료 예약 안내", "{day} {h}에 {doc} 진료가 예약되어 있습니다. 변경이 필요하시면 "
           "전화 주시기 바랍니다."),
}


@family("appointment_reminder", "ham", "booking", "pinemed drossi hanbit", "en es it ko", 11)
def appointment_reminder(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_APPT)  # type: ignore[misc]
    doc = c.acct.people[0][0] if c.acct.user != "pinemed" else "Dr. Alan Pierce"
    kw = {"day": c.day(), "h": c.hour(), "doc": doc}
    frm = c.who(0)
    text = f"{c.rcpt.name},\n\n{body.format(**kw)}\n\n{c.acct.name}\n{c.acct.phone}"
    d = Draft(subj.format(**kw), c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)], text, lang=c.lang, mailer="php",
              cte=c.rng.choice(("", "base64")))
    return d, routes.cron(c, f"php /home/{c.acct.user}/agenda/reminders.php", frm[1]), "appointment reminder"


T_SCHOOL = {
    "en": [("Year 4 trip to the Science Museum - consent needed", "Dear parents and carers,\n\nYear 4 will visit the "
            "Science Museum on {day}. Please complete the consent form and pay the £12 contribution on ParentPay by "
            "Friday.\n\nMrs J. Patel"),
           ("School closed tomorrow (heating failure)", "Dear families,\n\nDue to a boiler failure the school will be "
            "closed tomorrow. Remote learning packs are on the website. We apologise for the short notice."),
           ("Christmas concert tickets", "The KS2 Christmas concert is on {day} at 2 pm. Two tickets per family; "
            "reply to this email to reserve.")],
    "pt": [("Reunião de pais - 1.º período", "Caros encarregados de educação,\n\nA reunião de avaliação do 1.º "
            "período realiza-se no dia {day}, às 18h30, na sala 12.\n\nA Direção"),
           ("Visita de estudo ao Oceanário", "Informamos que a visita de estudo ao Oceanário será no dia {day}. "
            "O custo é de 8 €. Entreguem a autorização assinada até sexta-feira.")],
}


@family("school_notice", "ham", "newsletter", "maplewd escluz", "en pt", 10)
def school_notice(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.rng.choice(c.pick(T_SCHOOL))  # type: ignore[arg-type]
    frm = c.who(0)
    parents = [c.other() for _ in range(c.rng.randint(3, 9))]
    d = Draft(subj, c.acct.name, frm[1], [("", frm[1])], body.format(day=c.day()), lang=c.lang,
              mailer=c.rng.choice(("outlook", "roundcube")), bcc=[p.email for p in parents])
    r = routes.webmail(c) if d.mailer == "roundcube" else routes.mailbox(c)
    return d, r, "school office notice to parents in Bcc"


T_CHURCH = [("Ogłoszenia parafialne - {day}", "Szczęść Boże!\n\nW przyszłą niedzielę zbiórka na remont organów. "
             "Roraty od poniedziałku o 6:30. Kancelaria czynna we wtorki i czwartki 16-18.\n\nks. Tomasz Nowak"),
            ("Kolęda 2027 - harmonogram", "Drodzy Parafianie,\n\nw załączniku harmonogram wizyt duszpasterskich. "
             "Prosimy o zgłaszanie zmian w kancelarii.\n\nKancelaria parafialna"),
            ("Intencje mszalne na grudzień", "Przypominamy, że intencje na styczeń można zamawiać od {day}.")]


@family("parish_notice", "ham", "newsletter", "parafia", "pl", 9)
def parish_notice(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.rng.choice(T_CHURCH)
    frm = c.who(c.rng.randint(0, 1))
    files = [file_part("koleda-2027.pdf", "application/pdf", pdf(["Koleda 2027", "Parafia sw. Marcina"], c.rng))] \
        if "Kolęda" in subj else []
    d = Draft(subj.format(day=c.day()), frm[0], frm[1], [("Parafianie", frm[1])], body.format(day=c.day()),
              lang="pl", files=files, mailer="thunderbird", bcc=[c.other().email for _ in range(5)])
    return d, routes.mailbox(c, 1 if "kancelaria" in frm[1] else 0), "parish announcements"


T_CLUB = [
    ("Fixtures this weekend + kit money", "Hi all,\n\nU11s: away at Woodley, meet 9:15. U9s: home, 10:00 kick-off. "
     "Reminder: kit money (£25) is due; pay via the club page: {link}\n\nCoach Mike"),
    ("Training cancelled tonight", "Pitches are waterlogged. No training tonight, see you Saturday."),
    ("AGM on {day} - agenda attached", "Dear members,\n\nThe AGM is on {day} at 7 pm in the pavilion. Agenda "
     "attached.\n\nClub Secretary"),
]


@family("club_notice", "ham", "newsletter", "rivfc", "en", 9)
def club_notice(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.rng.choice(T_CLUB)
    frm = c.who(c.rng.randint(0, 1))
    agenda = pdf(["AGM agenda", "1. Accounts", "2. Elections"], c.rng)
    files = [file_part("AGM-agenda.pdf", "application/pdf", agenda)] if "AGM" in subj else []
    d = Draft(subj.format(day=c.day()), frm[0], frm[1], [("Riverside parents", "parents@riverside-youthfc.example")],
              body.format(day=c.day(), link=c.url("shop/kit")), lang="en", files=files,
              mailer=c.rng.choice(("apple", "roundcube")), bcc=[c.other().email for _ in range(6)],
              headers=[("List-Id", "Riverside parents <parents.riverside-youthfc.example>")])
    r = routes.webmail(c, 1 if "mike" in frm[1] else 0) if d.mailer == "roundcube" else \
        routes.mailbox(c, 1 if "mike" in frm[1] else 0, mobile=True)
    return d, r, "youth football club notice"


T_YOGA = {
    "en": ("Schedule change: {day}", "Hi {first},\n\nSaturday's 9 am Vinyasa moves to 10:30 this week. Your booking "
           "moves automatically; cancel free of charge in the app if the new time doesn't suit.\n\nNamaste,\n"
           "Isabelle"),
    "fr": ("Changement d'horaire : {day}", "Bonjour {first},\n\nLe cours de Hatha du jeudi est déplacé à 18 h 30. "
           "Votre réservation est conservée.\n\nIsabelle"),
}


@family("class_change", "ham", "booking", "lotusy", "en fr", 9)
def class_change(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_YOGA)  # type: ignore[misc]
    frm = c.who(1)
    d = Draft(subj.format(day=c.day()), "Lotus Yoga", frm[1], [(c.rcpt.name, c.rcpt.email)],
              body.format(first=c.rcpt.first), lang=c.lang, mailer="phpmailer")
    return d, routes.site_script(c, "wp-content/plugins/bookly/cron.php", frm[1]), "yoga class change"


T_DONATE = {
    "en": ("Thank you for your gift - tax receipt", "Dear {first},\n\nThank you for your donation of {amt}. Your "
           "receipt for tax purposes is attached. This winter your support funds clean-water kits for 40 families."
           "\n\nSiobhan Kelly\nClearwater Trust"),
    "fr": ("Merci pour votre don - reçu fiscal", "Chère/Cher {first},\n\nMerci pour votre don de {amt}. Vous "
           "trouverez ci-joint votre reçu fiscal.\n\nL'équipe Clearwater Trust"),
}


@family("donation_receipt", "ham", "receipt", "clearwt", "en fr", 9)
def donation_receipt(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_DONATE)  # type: ignore[misc]
    amt = c.money(10, 500)
    frm = c.who(2)
    d = Draft(subj, "Clearwater Trust", frm[1], [(c.rcpt.name, c.rcpt.email)], body.format(first=c.rcpt.first,
                                                                                         amt=amt), lang=c.lang,
              files=[file_part(f"receipt-{c.num()}.pdf", "application/pdf", pdf(["Donation receipt", amt], c.rng))],
              mailer="phpmailer")
    return d, routes.site_script(c, "wp-content/plugins/give/includes/emails/class-give-emails.php", frm[1]), \
        "donation tax receipt"


T_MENU = {
    "ar": ("قائمة عطلة نهاية الأسبوع", "أهلاً {first}،", "هذا الأسبوع نقدم منسف الضأن وسلطة الفتوش الطازجة. "
           "احجز طاولتك الآن، الأماكن محدودة.", "احجز الآن"),
    "it": ("Il menù di dicembre", "Ciao {first},", "Da questa settimana: tortellini in brodo, cacio e pepe e il "
           "nostro tiramisù. Prenota il tuo tavolo per le feste!", "Prenota"),
    "en": ("This weekend's menu", "Hi {first},", "Slow-roasted lamb, fresh fattoush and saffron rice. Book a table, "
           "places are limited.", "Book now"),
}


@family("restaurant_news", "ham", "newsletter", "nakhla gourmet", "ar it en", 10)
def restaurant_news(c: Ctx) -> tuple[Draft, Route, str]:
    subj, hi, body, btn = c.pick(T_MENU)  # type: ignore[misc]
    link = c.url("booking")
    unsub = c.url(f"unsubscribe/{c.token(14)}")
    paras = [hi.format(first=c.rcpt.first), body]
    frm = c.who(0)
    d = Draft(subj, c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)],
              text_with_links(paras, (btn, link), [unsub]),
              layout(c.rng, c.lang, paras, brand=c.acct.name, button=(btn, link), footer=[c.acct.address, unsub]),
              lang=c.lang, mailer="mailpoet", headers=[("List-Unsubscribe", f"<{unsub}>")])
    return d, routes.cron(c, f"php /home/{c.acct.user}/public_html/wp-cron.php", frm[1]), "restaurant newsletter"


T_TRAVEL = {
    "ja": ("【さくら旅行社】ご旅行の最終日程表", "{name} 様\n\nこの度はご予約いただき誠にありがとうございます。\n"
           "ご旅行の最終日程表を添付いたしますので、ご確認ください。\n集合：{day} 8時30分 東京駅 丸の内北口\n\n"
           "ご不明な点がございましたら、お気軽にお問い合わせください。\n\nさくら旅行社 予約センター\n{ph}"),
    "en": ("Your final itinerary - Kyoto & Nara, {day}", "Dear {name},\n\nPlease find your final itinerary "
           "attached. Your guide will meet you in the hotel lobby at 8:30.\n\nSakura Tabi\n{ph}"),
}


@family("travel_itinerary", "ham", "booking", "sakura", "ja en", 9)
def travel_itinerary(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_TRAVEL)  # type: ignore[misc]
    frm = c.who(1)
    d = Draft(subj.format(day=c.day()), c.acct.name, frm[1], [(c.rcpt.name, c.rcpt.email)],
              body.format(name=c.rcpt.name, day=c.day(), ph=c.acct.phone), lang=c.lang,
              files=[file_part("itinerary.pdf", "application/pdf", pdf(["Itinerary", "Kyoto - Nara"], c.rng))],
              mailer="outlook")
    return d, routes.mailbox(c, 1), "travel itinerary with PDF"


T_TICKETS = {
    "en": ("Your tickets: {ev}", "Hi {first}, your e-tickets for {ev} on {day} are attached. Show the QR code at "
           "the door; no need to print."),
    "es": ("Tus entradas: {ev}", "Hola {first}, adjuntamos tus entradas para {ev} el {day}. Muestra el código QR "
           "en la entrada."),
}
EVENTS = ("The Lumineers tribute night", "Dublin Food Fest", "Comedy Cellar Live", "Festival de Flamenco")


@family("event_tickets", "ham", "receipt", "ticknest", "en es", 9)
def event_tickets(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_TICKETS)  # type: ignore[misc]
    ev = c.rng.choice(EVENTS)
    text = body.format(first=c.rcpt.first, ev=ev, day=c.day())
    frm = c.who(0)
    cid = f"qr{c.num()}@ticketnest-events.example"
    d = Draft(subj.format(ev=ev), "TicketNest", frm[1], [(c.rcpt.name, c.rcpt.email)], text,
              layout(c.rng, c.lang, [text], brand="TicketNest", image=f"cid:{cid}"), lang=c.lang,
              inline=[image_part(c.rng, "ticket-qr.png", cid, blocky=True, size=84)],
              files=[file_part("tickets.pdf", "application/pdf", pdf(["E-TICKET", ev], c.rng))], mailer="none")
    return d, routes.site_script(c, "app/mailer/send_tickets.php", frm[1]), "e-tickets with a QR code"


T_REALTY = {
    "en": [("3 new homes matching your search", "Hi {first}, three new listings in Arcadia match your saved search "
            "(3 bd, under $650k). The first open house is Saturday 11-1.", "See listings"),
           ("Lease renewal offer for 2211 N 7th St", "Hi {first}, your lease ends on {day}. We'd love to keep you! "
            "The renewal offer is attached; please sign within 10 days via our e-signature portal.",
            "Review and sign")],
    "es": [("Nuevas casas que coinciden con su búsqueda", "Hola {first}, hay tres nuevas propiedades en Maryvale "
            "que coinciden con su búsqueda.", "Ver propiedades"),
           ("Renovación de su contrato de arrendamiento", "Hola {first}, su contrato vence el {day}. Adjuntamos la "
            "oferta de renovación; fírmela en línea.", "Revisar y firmar")],
}


@family("real_estate", "ham", "notification", "oakridge", "en es", 10)
def real_estate(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body, btn = c.rng.choice(c.pick(T_REALTY))  # type: ignore[arg-type]
    sign = "sign" in btn or "firm" in btn
    link = f"https://sign.esign-portal.example/s/{c.token(22)}" if sign else \
        c.url(f"listings/?saved={c.num()}", "oakridge-realty.example")
    text = body.format(first=c.rcpt.first, day=c.day())
    idx = c.rng.randint(0, 2)
    frm = c.who(idx)
    inline = [] if sign else [image_part(c.rng, f"home{i}.png", f"home{i}-{c.num()}@oakridge-realty.example")
                              for i in range(2)]
    html = layout(c.rng, c.lang, [text], brand="Oakridge Realty", button=(btn, link),
                  image=f"cid:{inline[0].cid}" if inline else "")
    d = Draft(subj, frm[0], frm[1], [(c.rcpt.name, c.rcpt.email)], text_with_links([text], (btn, link)), html,
              lang=c.lang, inline=inline, mailer=c.rng.choice(("outlook", "apple")))
    return d, routes.mailbox(c, idx), "realtor listing alert or lease renewal via e-signature"


@family("official_forward", "ham", "letter", "lindcpa vdberg", "en nl", 9)
def official_forward(c: Ctx) -> tuple[Draft, Route, str]:
    me = c.who(0)
    if c.lang == "nl":
        intro = (f"Beste {c.rcpt.first},\n\nHierbij de aanslag van de Belastingdienst die gisteren bij ons binnenkwam. "
                 "Graag vóór {day} betalen; bel me gerust als er vragen zijn.\n\nGroet,\n{me}")
        subj, orig = "Fwd: Voorlopige aanslag 2027", "Belastingdienst - voorlopige aanslag inkomstenbelasting 2027"
    else:
        intro = (f"Hi {c.rcpt.first},\n\nForwarding the notice the state revenue department sent to our office. It "
                 "proposes an adjustment of about $1,240 for 2024; we think it is wrong and will respond. "
                 "Nothing to pay yet. Deadline for our reply is {day}.\n\n{me}")
        subj = "FW: Notice CP2000 - response needed by deadline"
        orig = "Department of Revenue - Notice of Proposed Adjustment"
    fwd = (f"\n\n-------- Forwarded Message --------\nSubject: {orig}\nDate: {c.day()}\nFrom: "
           f"noreply@revenue-dept.example\n\nA notice for tax year 2024 is available in your online account. Log in at "
           f"https://online.revenue-dept.example to view it.")
    d = Draft(subj, me[0], me[1], [(c.rcpt.name, c.rcpt.email)], intro.format(day=c.day(), me=me[0]) + fwd,
              lang=c.lang, mailer="outlook",
              files=[file_part("notice-scan.pdf", "application/pdf", pdf([orig, "Tax year 2024"], c.rng))])
    return d, routes.mailbox(c), "accountant forwards an official tax notice"


@family("calendar_invite", "ham", "letter", "vdberg pxforge lindcpa nimbus brightpay oakridge ledgerly", "en nl de",
        10)
def calendar_invite(c: Ctx) -> tuple[Draft, Route, str]:
    idx = c.rng.randint(0, 1)
    me = c.who(idx)
    start = datetime(2026, 12, 8, 9) + timedelta(days=c.rng.randrange(20), hours=c.rng.randrange(8))
    topic = c.pick({"en": "Quarterly review", "nl": "Bespreking dossier", "de": "Projekt-Kickoff"})
    summary = f"{topic} - {c.acct.name}"
    cal = ics(c.rng, summary, me, c.rcpt.email, start, c.rng.choice((30, 45, 60)),
              c.rng.choice(("Teams meeting", "Office", "https://meet.videocall.example/" + c.token(10))))
    text = c.pick({"en": f"{me[0]} has invited you to: {summary}\nWhen: {start:%a %d %b %Y %H:%M}",
                   "nl": f"{me[0]} nodigt u uit voor: {summary}\nWanneer: {start:%d-%m-%Y %H:%M}",
                   "de": f"{me[0]} lädt Sie ein: {summary}\nWann: {start:%d.%m.%Y %H:%M}"})
    d = Draft(f"Invitation: {summary}", me[0], me[1], [(c.rcpt.name, c.rcpt.email)], str(text), lang=c.lang,
              mailer="outlook", files=[Part('text/calendar; method=REQUEST', cal, "utf-8", "7bit", "invite.ics")])
    return d, routes.mailbox(c, idx), "meeting invitation (ICS)"


LONG = {
    "en": ["Dear friends,", "What a season it has been. Thanks to you, {org} reached more people this autumn than in "
           "any year since we started. Below is a short round-up of what happened and what is coming next.",
           "Volunteers: 42 of you gave at least one Saturday morning this term. A special thank-you to the team "
           "who repainted the hall in a single weekend.", "Events: the winter open day is on {day}. There will be "
           "tea, cake and a short talk at 3 pm. Bring a friend; everyone is welcome.",
           "Money: we are 80% of the way to this year's target. If you can, a small monthly gift helps us plan "
           "ahead; if you can't, sharing this newsletter helps just as much.", "Coming up: a new beginners' group "
           "on Tuesday evenings, an updated website and, finally, a working coffee machine.",
           "With warm wishes for the holidays,\nThe {org} team"],
    "fr": ["Chers amis,", "Quelle saison ! Grâce à vous, {org} a accueilli plus de monde cet automne que jamais.",
           "Bénévoles : 42 d'entre vous ont donné au moins un samedi matin. Un grand merci !",
           "Événements : la journée portes ouvertes aura lieu le {day}, avec thé et gâteaux à 15 h.",
           "Dons : nous avons atteint 80 % de notre objectif annuel. Un petit don mensuel nous aide à prévoir.",
           "Bonnes fêtes à toutes et à tous,\nL'équipe {org}"],
}


@family("newsletter_long", "ham", "newsletter", "clearwt lotusy maplewd rivfc", "en fr", 9)
def newsletter_long(c: Ctx) -> tuple[Draft, Route, str]:
    paras = [p.format(org=c.acct.name, day=c.day()) for p in c.pick(LONG)]  # type: ignore[union-attr]
    unsub = c.url(f"?mailpoet_page=unsubscribe&s={c.token(16)}")
    donate = c.url("donate") if c.acct.user == "clearwt" else c.url("events")
    frm = c.who(0)
    d = Draft(c.pick({"en": f"{c.acct.name} winter newsletter", "fr": f"Lettre d'hiver - {c.acct.name}"}),  # type: ignore[arg-type]
              c.acct.name, frm[1], [("", c.rcpt.email)],
              text_with_links(paras, (c.pick({"en": "Find out more", "fr": "En savoir plus"}), donate), [unsub]),  # type: ignore[arg-type]
              layout(c.rng, c.lang, paras, brand=c.acct.name, footer=[c.acct.address, c.acct.tax_id, unsub],
                     button=(str(c.pick({"en": "Find out more", "fr": "En savoir plus"})), donate),
                     image=c.url("wp-content/uploads/2026/11/header.jpg")), lang=c.lang, mailer="mailpoet",
              headers=[("List-Unsubscribe", f"<{unsub}>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                       ("Precedence", "bulk")])
    return d, routes.cron(c, f"php /home/{c.acct.user}/public_html/wp-cron.php", frm[1]), "long community newsletter"
