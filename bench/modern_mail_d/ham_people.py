# ruff: noqa: RUF001 - text in other scripts keeps its own letters and punctuation; sentences stay whole
"""Legitimate mail people write in set D: personal notes, replies and forwards with quoted text, one-liners, a
lone attachment, and the reminders clinics, restaurants and travel agents send their customers."""

from __future__ import annotations

from datetime import timedelta

from bench.modern_mail_d.compose import draft_for, family, html_mail, mailbox, shape, text_mail
from bench.modern_mail_d.files import jpeg_stub, pdf
from bench.modern_mail_d.sending import Ctx
from bench.modern_mail_d.world import ACCOUNTS, COMPANIES
from bench.modern_mail_d.writer import File

PERSONAL = {
    "en": [("Sunday lunch?", "Hi {first},\n\nAre you and the kids free for lunch on Sunday? Paul's making his "
            "lasagne again (I know, I know). Come around 1 if you can. Bring nothing but yourselves!\n\nLove,\nJulia"),
           ("Photos from the weekend", "Hey {first}, finally sorted the photos from the lake. The one of the dog "
            "jumping off the jetty is my favourite. Shared album link coming separately from my phone.\n\nJ"),
           ("Happy birthday!!", "Happy birthday {first}! 🎂 Hope you have a lovely day and that someone else is doing "
            "the washing up. Drinks on us next time we see you.\n\nJulia & Paul")],
    "fr": [("Noël chez nous ?", "Coucou {first},\n\nOn se disait qu'on pourrait fêter Noël à la maison cette année. "
            "Tu viendrais avec Marc le 24 au soir ? Dis-moi vite pour que je m'organise pour les courses.\n\nBisous,"
            "\nJulia"),
           ("Les papiers de maman", "Bonjour {first},\n\nJ'ai retrouvé les papiers de la maison de maman dans le "
            "grenier. Je te les scanne ce week-end. On en parle au téléphone jeudi ?\n\nJulia")],
}


@family("ham", "personal", 10)
def f_personal(ctx: Ctx, i: int) -> None:
    lang = "fr" if i % 3 == 1 else "en"
    a = ACCOUNTS["jmartin"]
    c = ctx.person(lang)
    subj, body = ctx.pick(PERSONAL[lang])
    d = draft_for(ctx, lang, subj, *mailbox(a, 0 if i % 4 else 1), [(c.name, c.email)])
    d.text = body.format(first=c.first)
    d.flowed = ctx.chance(0.3)
    if ctx.chance(0.3):
        d.html = '<div dir="ltr">' + d.text.replace("\n", "<br>") + "</div>"
    ctx.send(lang=lang, draft=d, account="jmartin", mode=ctx.pick(("auth", "webmail")),
             agent=ctx.pick(("iphone", "apple", "roundcube")), notes="personal mail")


REPLIES = {
    "en": ("Re: {s}", ("Thursday works for me, 2pm at your office?", "Thanks, received. I'll review and come back to "
           "you by Monday.", "Yes please go ahead with option B."), "On {date}, {name} wrote:",
           ("Could we meet next week to go through the numbers?", "Please find the revised draft attached.",
            "Which option do you prefer, A or B?"), ("Meeting next week", "Revised draft", "Options for the roof")),
    "fr": ("RE: {s}", ("Parfait, c'est noté pour jeudi.", "Merci, je regarde ça et je reviens vers vous."),
           "Le {date}, {name} a écrit :", ("Pouvez-vous confirmer le rendez-vous de jeudi ?",
                                            "Voici le devis modifié."), ("Rendez-vous jeudi", "Devis modifié")),
    "it": ("R: {s}", ("Va benissimo, grazie mille!", "Ricevuto, ci sentiamo domani."), "Il giorno {date} {name} ha "
           "scritto:", ("Confermi la prenotazione per sabato?", "Ti giro il file aggiornato."),
           ("Prenotazione sabato", "File aggiornato")),
    "pl": ("Odp: {s}", ("Dziękuję, termin pasuje.", "Otrzymałem, odezwę się jutro."), "W dniu {date} {name} "
           "napisał(a):", ("Czy środa o 9:00 Panu odpowiada?", "Przesyłam poprawioną wycenę."),
           ("Termin serwisu", "Wycena")),
    "pt": ("Re: {s}", ("Obrigado, está ótimo assim.", "Recebido, amanhã envio o resto."), "Em {date}, {name} "
           "escreveu:", ("Pode enviar-me os recibos de dezembro?", "Segue a proposta revista."),
           ("Recibos de dezembro", "Proposta revista")),
    "nl": ("Re: {s}", ("Prima, tot dan!", "Dank je, ik kijk ernaar."), "Op {date} schreef {name}:",
           ("Past zaterdag om 11 uur voor de bezichtiging?", "Hierbij de stukken."), ("Bezichtiging", "Stukken")),
    "de": ("AW: {s}", ("Vielen Dank, passt so.", "Erhalten, ich melde mich morgen."), "Am {date} schrieb {name}:",
           ("Können Sie mir die Belege bis Freitag schicken?", "Anbei die Unterlagen."), ("Belege", "Unterlagen")),
}
USERS = {"en": ("pixfor", "quillon", "brennan"), "fr": ("lunebake", "jmartin"), "it": ("tessaro", "mosaico"),
         "pl": ("kowauto", "plombex"), "pt": ("ferrconta", "alfamast"), "nl": ("vandijkm",), "de": ("weberstb",)}


@family("ham", "reply", 11)
def f_reply_thread(ctx: Ctx, i: int) -> None:
    lang = ("en", "fr", "it", "pl", "pt", "nl", "de")[i % 7]
    re_, answers, said, quoted, subjects = REPLIES[lang]
    a = ACCOUNTS[ctx.pick(USERS[lang])]
    c = ctx.person(lang, ctx.pick(COMPANIES) if ctx.chance(0.4) else "")
    s = ctx.pick(subjects)
    parent = f"<{ctx.token(20)}@{c.email.split('@')[1]}>"
    when = ctx.when().strftime("%d/%m/%Y %H:%M")
    me = mailbox(a, 0)
    q = ctx.pick(quoted)
    text = (ctx.pick(answers) + f"\n\n{me[0]}\n\n" + said.format(date=when, name=f"{c.name} <{c.email}>") + "\n> "
            + q + f"\n>\n> {c.first}\n")
    if ctx.chance(0.4):  # a longer thread: the previous exchange quoted twice
        text += f">\n> > {ctx.pick(answers)}\n> > {me[0]}\n"
    d = draft_for(ctx, lang, re_.format(s=s), *me, [(c.name, c.email)],
                  headers=[("In-Reply-To", parent), ("References", f"<{ctx.token(16)}@{a.main_domain}> {parent}")])
    d.text = text
    if ctx.chance(0.35):
        d.html = ("<html><body><p>" + text.split("\n\n")[0] + "</p><blockquote type=\"cite\">" + q
                  + "</blockquote></body></html>")
    ctx.send(lang=lang, draft=d, account=a.user, mode=ctx.pick(("auth", "webmail", "auth")),
             agent=ctx.pick(("outlook", "thunderbird", "apple", "roundcube", "iphone")), notes="reply in a thread")


@family("ham", "reply", 10)
def f_forward(ctx: Ctx, i: int) -> None:
    lang = ("en", "de", "pt", "en", "en")[i % 5]
    a = ACCOUNTS[{"en": ctx.pick(("pixfor", "quillon", "jmartin")), "de": "weberstb", "pt": "ferrconta"}[lang]]
    src = ctx.person(lang, ctx.pick(COMPANIES))
    dest = ctx.person(lang, ctx.pick(COMPANIES) if ctx.chance(0.5) else "")
    note = {"en": ("FYI - see below, can you handle this one?", "Forwarding the booking details for next week.",
                   "See the supplier's note below. Thoughts?"),
            "de": ("Zur Info, bitte übernehmen.", "Weiterleitung wie besprochen."),
            "pt": ("Para conhecimento. Podes tratar disto?", "Reencaminho o email do cliente.")}[lang]
    orig_s = ctx.pick(("Delivery schedule", "Updated price list 2026", "Booking confirmation", "Meeting notes"))
    orig = {"en": "Hello,\n\nPlease see the updated schedule. Deliveries move to Tuesdays from January.\n\nRegards",
            "de": "Guten Tag,\n\nanbei die aktualisierte Preisliste gültig ab Januar.\n\nGruß",
            "pt": "Bom dia,\n\nEnvio em anexo a lista de preços atualizada para 2026.\n\nCumprimentos"}[lang]
    fw = {"en": "Fwd: ", "de": "WG: ", "pt": "Fwd: "}[lang]
    hdr = {"en": "---------- Forwarded message ---------", "de": "-------- Weitergeleitete Nachricht --------",
           "pt": "---------- Mensagem encaminhada ---------"}[lang]
    body = (f"{ctx.pick(note)}\n\n{hdr}\nFrom: {src.name} <{src.email}>\nDate: {ctx.when():%a, %d %b %Y %H:%M}\n"
            f"Subject: {orig_s}\nTo: {mailbox(a, 0)[1]}\n\n{orig}\n{src.name}\n")
    d = draft_for(ctx, lang, fw + orig_s, *mailbox(a, 0), [(dest.name, dest.email)])
    d.text = body
    if ctx.chance(0.4):
        d.files.append(File(f"{orig_s.replace(' ', '_')}.pdf", "application/pdf", pdf([orig_s, src.name])))
    ctx.send(lang=lang, draft=d, account=a.user, mode="auth", agent=ctx.pick(("outlook", "thunderbird", "apple")),
             notes="forward with the original quoted")


ONELINERS = {"en": ("ok, see you at 3", "Thanks!", "Sounds good 👍", "Running 10 min late, sorry", "Done.",
                    "Can you call me when you get a sec?"),
             "fr": ("Ok pour demain, merci !", "Bien reçu 👍"), "it": ("Perfetto, grazie!", "Ok, a dopo"),
             "pl": ("Dziękuję, otrzymałem.",), "tr": ("Tamam, teşekkürler.", "Yarın görüşürüz"),
             "ko": ("네, 확인했습니다. 감사합니다.",), "zh": ("好的，收到，谢谢！",), "ar": ("تمام، شكراً جزيلاً",)}
ONE_USERS = {"en": ("jmartin", "pixfor", "rovers", "quillon"), "fr": ("lunebake", "jmartin"), "it": ("tessaro",),
             "pl": ("kowauto",), "tr": ("zeytin", "yildizvet"), "ko": ("hanbitdn",), "zh": ("jadetea",),
             "ar": ("alnoorbk",)}


@family("ham", "personal", 10)
def f_oneliner(ctx: Ctx, i: int) -> None:
    lang = ("en", "fr", "it", "pl", "tr", "ko", "zh", "ar", "en", "en")[i]
    a = ACCOUNTS[ctx.pick(ONE_USERS[lang])]
    c = ctx.person(lang)
    d = draft_for(ctx, lang, ctx.pick(("Re: tomorrow", "", "Re: ", "quick one")) if lang == "en" else "Re:",
                  *mailbox(a, 0), [(c.name, c.email)])
    if ctx.chance(0.5):
        d.headers = [("In-Reply-To", f"<{ctx.token(18)}@{c.email.split('@')[1]}>")]
    d.text = ctx.pick(ONELINERS[lang]) + ("\n\nSent from my iPhone" if ctx.chance(0.4) else "")
    ctx.send(lang=lang, draft=d, account=a.user, mode=ctx.pick(("auth", "webmail")),
             agent=ctx.pick(("iphone", "roundcube", "apple")), notes="short one-liner")


@family("ham", "personal", 10)
def f_attachment_only(ctx: Ctx, i: int) -> None:
    a = ACCOUNTS[ctx.pick(("jmartin", "ferrconta", "weberstb", "plombex", "rovers", "alfamast"))]
    lang = a.langs[0]
    c = ctx.person(lang)
    k = i % 3
    d = draft_for(ctx, lang, ctx.pick(("", "scan", "IMG_" + ctx.digits(4), "Document1", "photo")), *mailbox(a, 0),
                  [(c.name, c.email)])
    if k == 0:
        d.files.append(File(f"IMG_{ctx.digits(4)}.jpg", "image/jpeg", jpeg_stub(ctx.rng.randint(1, 999))))
    elif k == 1:
        d.files.append(File(f"scan_{ctx.when():%Y%m%d}_{ctx.digits(3)}.pdf", "application/pdf",
                            pdf(["Scanned document", a.name])))
    else:
        d.files.append(File("Document1.pdf", "application/pdf", pdf(["Signed form", c.name])))
        d.files.append(File(f"IMG_{ctx.digits(4)}.jpg", "image/jpeg", jpeg_stub(ctx.rng.randint(1, 999), 1500)))
    ctx.send(lang=lang, draft=d, account=a.user, mode="auth", agent=ctx.pick(("iphone", "outlook", "apple")),
             notes="mail with only an attachment")


CLINIC = {
    "en": ("cedarcl", "Appointment reminder: {when}", "Hello {first},\n\nThis is a reminder of your appointment with "
           "{doc} on {when}. Please arrive 10 minutes early and bring your insurance card. To cancel or reschedule, "
           "call {phone} or reply to this email at least 24 hours ahead."),
    "es": ("sonrisa", "Recordatorio de su cita: {when}", "Hola {first}:\n\nLe recordamos su cita en Clínica Dental "
           "Sonrisa el {when} con {doc}. Si no puede asistir, avísenos llamando al {phone}."),
    "tr": ("yildizvet", "Randevu hatırlatması - {pet}", "Merhaba {first},\n\n{pet} için {when} tarihinde aşı "
           "randevunuz bulunmaktadır. Değişiklik için {phone} numarasından bize ulaşabilirsiniz.\n\nYıldız Veteriner "
           "Kliniği"),
    "ko": ("hanbitdn", "[한빛치과] {when} 예약 안내", "{first}님 안녕하세요.\n\n{when}에 {doc} 원장님 진료가 "
           "예약되어 있습니다. 변경이나 취소는 {phone}으로 연락 주세요.\n\n한빛치과의원 드림"),
}


@family("ham", "booking", 10)
def f_clinic_reminder(ctx: Ctx, i: int) -> None:
    lang = ("en", "es", "tr", "ko", "en")[i % 5]
    user, subj, body = CLINIC[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang)
    when = (ctx.when() + timedelta(days=2)).strftime("%d/%m %H:%M")
    f = {"first": c.first, "when": when, "doc": a.people[0][0], "phone": a.phone,
         "pet": ctx.pick(("Pamuk", "Zeytin", "Karabaş", "Minnoş"))}
    d = draft_for(ctx, lang, subj.format(**f), a.name, mailbox(a, 1)[1], [(c.name, c.email)])
    paras = body.format(**f).split("\n\n")
    shape(ctx, d, text_mail(paras, footer=[a.address]), html_mail(lang, a.name, paras, footer=[a.address, a.phone]),
          (3, 1, 1))
    ctx.send(lang=lang, draft=d, account=user, mode="script", agent="phpmailer", notes="clinic / vet reminder")


RESTAURANT = {
    "it": ("nonnatr", "Conferma prenotazione - {when}", "Gentile {first},\n\nla sua prenotazione per {n} persone "
           "il {when} è confermata. Il tavolo viene tenuto per 15 minuti. Per modifiche ci chiami al {phone}.\n\n"
           "A presto!\nTrattoria da Nonna Pina"),
    "zh-tw": ("alleycafe", "訂位確認：{when}，{n} 位", "{first} 您好：\n\n您已成功預訂 {when} 共 {n} 位。"
              "座位將保留 15 分鐘，如需更改請來電 {phone}。\n\n小巷咖啡 敬上"),
    "en": ("nonnatr", "Your table is booked: {when}", "Dear {first},\n\nThank you for booking with us. Your table "
           "for {n} on {when} is confirmed. We hold tables for 15 minutes. See you soon!\n\nTrattoria da Nonna Pina"),
}


@family("ham", "booking", 10)
def f_restaurant_booking(ctx: Ctx, i: int) -> None:
    lang = ("it", "zh-tw", "en", "it", "zh-tw")[i % 5]
    user, subj, body = RESTAURANT[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang)
    f = {"first": c.first, "n": ctx.rng.randint(2, 8), "when": (ctx.when() + timedelta(days=3)).strftime("%d/%m %H:%M"),
         "phone": a.phone}
    d = draft_for(ctx, lang, subj.format(**f), a.name, mailbox(a, 1)[1], [(c.name, c.email)])
    paras = body.format(**f).split("\n\n")
    shape(ctx, d, text_mail(paras), html_mail(lang, a.name, paras, footer=[a.address]), (2, 1, 2))
    ctx.send(lang=lang, draft=d, account=user, mode="script", agent="wordpress", notes="restaurant reservation")


TRAVEL = {
    "fa": ("parsatrv", "برنامه سفر شما - {city}", ["{first} عزیز، سلام", "بلیت و برنامه سفر شما به {city} "
           "صادر شد. پرواز رفت: {date} ساعت ۰۸:۴۰. لطفاً دو ساعت قبل از پرواز در فرودگاه حضور داشته باشید.",
           "هتل: سه شب، صبحانه شامل است. فایل بلیت پیوست شده است.", "با آرزوی سفری خوش، آژانس مسافرتی پارسا"]),
    "pt": ("alfamast", "Confirmação da sua reserva - {date}", ["Olá {first},", "Obrigado pela sua reserva na Casa "
           "Alfama. Check-in a partir das 15h do dia {date}; o código da porta será enviado na véspera.",
           "Quarto duplo com vista rio, 3 noites, pequeno-almoço incluído.", "Até breve!\nBeatriz"]),
    "en": ("alfamast", "Your stay in Lisbon: itinerary and check-in", ["Hi {first},", "Your booking at Casa Alfama "
           "is confirmed for 3 nights from {date}. Check-in from 3pm; we'll text you the door code the day before.",
           "Getting here: metro to Santa Apolónia, then a 7-minute walk uphill.", "See you soon,\nBeatriz"]),
}


@family("ham", "booking", 10)
def f_travel_itinerary(ctx: Ctx, i: int) -> None:
    lang = ("fa", "pt", "en", "fa", "en")[i % 5]
    user, subj, paras = TRAVEL[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang)
    f = {"first": c.first, "city": ctx.pick(("استانبول", "شیراز", "دبی") if lang == "fa" else ("Lisbon",)),
         "date": (ctx.when() + timedelta(days=20)).strftime("%d/%m/%Y")}
    body = [p.format(**f) for p in paras]
    d = draft_for(ctx, lang, subj.format(**f), a.name, mailbox(a, 1)[1], [(c.name, c.email)])
    shape(ctx, d, text_mail(body, footer=[a.address, a.phone]), html_mail(lang, a.name, body, footer=[a.address]),
          (1, 1, 2))
    if lang == "fa" or ctx.chance(0.3):
        d.files.append(File(f"itinerary-{ctx.digits(6)}.pdf", "application/pdf",
                            pdf(["E-ticket / Itinerary", f["date"], a.phone])))
    ctx.send(lang=lang, draft=d, account=user, mode=ctx.pick(("script", "auth")), agent="phpmailer",
             notes="travel itinerary / guesthouse booking")
