# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Legitimate person-to-person mail of set F: letters, replies with quotes, forwards, deliveries, office mail."""

from __future__ import annotations

from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail_f import compose, files
from bench.modern_mail_f.context import Ctx, Draft

_PERSONAL = {
    "pl": ("Niedziela u babci", "Mama pyta, czy przyjedziecie w niedzielę na obiad. Będą pierogi i sernik, a "
           "Tomek obiecał naprawić jej wreszcie kran w łazience. Dajcie znać do piątku, to kupię więcej mąki."),
    "el": ("Η παρουσίαση του βιβλίου", "Σε ευχαριστώ πολύ για τα σχόλια στο τρίτο κεφάλαιο. Η παρουσίαση θα γίνει "
           "στο βιβλιοπωλείο την Πέμπτη στις επτά· θα χαρώ πολύ αν έρθεις."),
    "en": ("Catching up", "It was so good to see you at the market on Saturday. I finally planted the tomatoes you "
           "recommended; the seedlings look a bit leggy but they are alive. Coffee next week?"),
    "de": ("Kurze Rückmeldung", "danke für die Bilder vom Wochenende, die sind wunderschön geworden. Ich drucke "
           "zwei davon für Oma aus. Sehen wir uns an Ostern?"),
    "he": ("ארוחת שישי", "רציתי להזמין אתכם לארוחת שישי בשבוע הבא. נעמה מכינה את העוגה שאהבתם בפעם הקודמת."),
    "ar": ("تهنئة", "ألف مبروك على الافتتاح الجديد، أتمنى لكم كل التوفيق. سأزوركم الأسبوع القادم إن شاء الله."),
    "ja": ("先日はありがとうございました", "先日はお忙しいところお時間をいただき、ありがとうございました。"
           "いただいた資料を社内で共有し、来週中にお返事いたします。"),
    "ko": ("다음 주 모임", "다음 주 토요일 모임 장소를 홍대 근처 카페로 정했어요. 시간은 오후 2시입니다."),
    "zh": ("周末聚会", "这周六晚上我们在老地方聚一聚吧，好久没见了。你方便的话带上孩子一起来。"),
    "ru": ("Про машину", "Сергей, спасибо, машина после ремонта едет как новая. Осенью приеду на замену шин."),
    "tr": ("Teşekkürler", "Halıyı dün teslim aldık, tamir harika olmuş. Annem de çok beğendi, ellerinize sağlık."),
}


def personal_letter(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(_PERSONAL)
    friend = c.person()
    me = c.box(0)
    subj, body = _PERSONAL[lang]
    mail = Mail(subject=subj, from_name=me[0], from_addr=me[1], to=[(friend.name, friend.email)], lang=lang,
                text=f"{c.p('hi', n=friend.first)}\n\n{body}\n\n{me[0].split()[0]}\n",
                agent=c.rng.choice(("iphone", "thunderbird", "k9", "roundcube")))
    if c.rng.random() < 0.3:
        mail.attachments.append(Attachment(f"IMG_{c.number('', 4)}.jpg", "image/jpeg", files.jpeg(c.rng, 2000)))
    return Draft(mail, "webmail" if mail.agent == "roundcube" else "client")


_BUSINESS = {
    "de": ("Ihre Anfrage vom {d}", "vielen Dank für Ihre Anfrage. Gern übernehmen wir die Prüfung des "
           "Vertragsentwurfs. Für ein erstes Gespräch schlage ich den {d2} vor; bitte bringen Sie die bisherige "
           "Korrespondenz mit der Gegenseite mit."),
    "en": ("Following up on our call", "thanks for your time on the phone today. As agreed, I will send the "
           "revised schedule by {d2}. Could you confirm who on your side signs off the budget?"),
    "nl": ("Planning migratie", "zoals besproken plannen we de migratie in het weekend van {d2}. Vrijdagmiddag "
           "zetten we de oude omgeving op alleen-lezen."),
    "it": ("Contratto postazione", "in allegato trovi il contratto per la postazione fissa a partire dal {d2}. "
           "Se ti va bene, firmalo e rimandamelo quando puoi."),
    "ar": ("المستندات المطلوبة", "شكراً لتواصلكم. لإعداد الإقرار نحتاج إلى كشوف الحساب البنكية وفواتير المشتريات "
           "حتى تاريخ {d2}."),
    "es": ("Visita al piso", "le confirmo la visita al piso de la calle Larios el {d2}. Le espero en el portal."),
    "zh": ("行程确认", "您好，您四月的云南行程已为您保留座位，请在{d2}前确认出行人数。"),
    "cs": ("Firemní večírek", "potvrzuji rezervaci salonku na {d2}. Menu Vám pošlu do konce týdne."),
}


def business_letter(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(_BUSINESS)
    client = c.person()
    me = c.box(0)
    subj, body = _BUSINESS[lang]
    text = f"{c.p('hi', n=client.first)}\n\n{body.format(d2=c.day(c.rng.randint(3, 20)))}\n\n{c.p('regards')}\n" \
           f"{me[0]}\n{c.account.name}\n{c.account.address}\n{c.account.phone}\n"
    mail = Mail(subject=subj.format(d=c.day(-3)), from_name=me[0], from_addr=me[1], to=[(client.name, client.email)],
                text=text, lang=lang, agent=c.rng.choice(("outlook", "applemail", "thunderbird")))
    if c.rng.random() < 0.4:
        mail.html = compose.page(c.rng, lang, compose.paras_html(text), subj)
    return Draft(mail, "client")


def reply_quoted(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(_BUSINESS)
    other = c.person()
    me = c.box(c.rng.randint(0, len(c.account.people) - 1))
    subj, theirs = _BUSINESS[lang]
    theirs = theirs.format(d2=c.day(5))
    mine = {"de": "passt, danke. Ich habe den Termin eingetragen.", "en": "Perfect, that works for us. Thanks!",
            "nl": "Akkoord, ik zet het in de agenda.", "it": "Perfetto, grazie mille.", "ar": "تم، شكراً جزيلاً.",
            "es": "Perfecto, allí estaré.", "zh": "好的，谢谢！", "cs": "Výborně, děkuji."}[lang]
    intro = f"{other.name} <{other.email}> wrote on {c.day(-1)}:"
    mid = f"<{c.token(20)}@{other.email.split('@')[1]}>"
    mail = Mail(subject=f"{'AW' if lang == 'de' else 'Re'}: {subj.format(d=c.day(-4))}", from_name=me[0],
                from_addr=me[1], to=[(other.name, other.email)], lang=lang,
                text=f"{mine}\n\n{me[0]}\n\n{intro}\n{compose.quote(theirs)}\n",
                headers=[("In-Reply-To", mid), ("References", mid)],
                agent=c.rng.choice(("outlook", "iphone", "roundcube", "horde")))
    return Draft(mail, "webmail" if mail.agent in ("roundcube", "horde") else "client")


def forward_note(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(_BUSINESS)
    colleague = c.box(1)
    me = c.box(0)
    subj, original = _BUSINESS[lang]
    sender = c.person()
    note = {"de": "zur Info, bitte einmal drüberschauen.", "en": "FYI, can you pick this one up?",
            "nl": "Ter info, kun jij dit oppakken?", "it": "Per conoscenza, te ne occupi tu?", "ar": "للعلم.",
            "es": "Para que lo tengas.", "zh": "转给你，麻烦跟进一下。", "cs": "Pro informaci."}[lang]
    fwd = (f"---------- Forwarded message ---------\nFrom: {sender.name} <{sender.email}>\nDate: {c.day(-2)}\n"
           f"Subject: {subj.format(d=c.day(-5))}\n\n{original.format(d2=c.day(6))}\n")
    mail = Mail(subject=f"Fwd: {subj.format(d=c.day(-5))}", from_name=me[0], from_addr=me[1], to=[colleague],
                text=f"{note}\n\n{fwd}", lang=lang, agent=c.rng.choice(("thunderbird", "outlook")))
    return Draft(mail, "client")


def translation_delivery(ctx: Ctx) -> Draft:
    c = ctx
    client = c.person(c.rng.choice(("en", "es", "de")))
    pm = c.box(c.rng.choice((0, 2)))
    job = c.number("PB-", 5)
    doc = files.office("docx", f"Translation {job}")
    lang = c.use(("en", "es", "ja", "ar"))
    t = {"en": "Please find the finished translation attached, proofread by a second linguist. The certified "
               "hard copy goes out by post today.",
         "es": "Adjuntamos la traducción terminada y revisada por un segundo traductor.",
         "ja": "翻訳の納品データを添付いたします。校正済みです。ご査収のほどよろしくお願いいたします。",
         "ar": "نرفق لكم الترجمة النهائية بعد مراجعتها من مترجم ثانٍ."}[lang]
    mail = Mail(subject=f"{job} delivery", from_name=pm[0], from_addr=pm[1], to=[(client.name, client.email)],
                text=f"{c.p('hi', n=client.first)}\n\n{t}\n\n{c.p('regards')}\n{pm[0]}\n", lang=lang,
                agent="outlook", attachments=[Attachment(
                    f"{job}_final.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    doc)])
    return Draft(mail, "client")


def payroll_notice(ctx: Ctx) -> Draft:
    c = ctx
    emp = c.person("en")
    month = c.when.strftime("%B %Y")
    text = (f"Hello {emp.first},\n\nYour payslip for {month} is ready in the employee portal: "
            f"{c.site('portal/payslips')}\n\nFor privacy the payslip itself is not attached. Payday is "
            f"{c.day(3)}. Questions about hours or deductions: reply to this message.\n\nBrightline Payroll\n")
    mail = Mail(subject=f"Payslip available – {month}", from_name="Brightline Payroll", from_addr=c.box(1)[1],
                to=[(emp.name, emp.email)], text=text, lang="en", agent="python")
    return Draft(mail, "cron", mail_from=c.box(1)[1])


def cron_report(ctx: Ctx) -> Draft:
    c = ctx
    size = c.rng.randint(120, 9000)
    text = (f"backup-{c.when.strftime('%Y%m%d')} finished\nfiles: {c.rng.randint(2000, 90000)}\nsize: {size} MB\n"
            f"duration: {c.rng.randint(40, 900)} s\nrotation: kept 14 daily, 8 weekly\nstatus: OK\n")
    mail = Mail(subject=f"Cron <{c.account.user}@cp07> /home/{c.account.user}/bin/backup.sh", from_name="Cron Daemon",
                from_addr=f"{c.account.user}@cp07.alpinehost.example", to=[("", c.box(0)[1])], text=text,
                lang="en", agent="cron", headers=[("X-Cron-Env", f"<HOME=/home/{c.account.user}>"),
                                                   ("Auto-Submitted", "auto-generated")])
    return Draft(mail, "cron")


def gallery_delivery(ctx: Ctx) -> Draft:
    c = ctx
    client = c.person("de" if c.rng.random() < 0.6 else "en")
    lang = c.use(("de", "en"))
    url = f"https://{c.account.main_domain}/galerie/{c.token(12)}"
    pw = c.token(8)
    t = {"de": f"Ihre Bilder sind fertig! Die Galerie ist 30 Tage online: {url} (Passwort: {pw}). Die Favoriten "
               "markieren Sie einfach mit dem Herz, dann bereite ich die Abzüge vor.",
         "en": f"Your photos are ready! The gallery stays online for 30 days: {url} (password: {pw}). Mark your "
               "favourites with the heart and I will prepare the prints."}[lang]
    thumb = Attachment("vorschau.jpg", "image/jpeg", files.jpeg(c.rng, 1500), content_id=f"v.{c.token(6)}")
    inner = compose.paras_html(f"{c.p('hi', n=client.first)}\n\n{t}") + \
        f'<p><img src="cid:{thumb.content_id}" width="300" alt=""></p>'
    mail = Mail(subject={"de": "Ihre Galerie ist online", "en": "Your gallery is online"}[lang],
                from_name=c.box(0)[0], from_addr=c.box(0)[1], to=[(client.name, client.email)], lang=lang,
                text=f"{c.p('hi', n=client.first)}\n\n{t}\n\nJonas\n",
                html=compose.page(c.rng, lang, inner, "", c.account.name), attachments=[thumb], agent="applemail")
    return Draft(mail, "client")


def minutes(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(("de", "en", "nl", "it"))
    points = {"de": ["Haushalt 2026 einstimmig beschlossen", "Platzpflege: Angebot Firma Gruber annehmen",
                     "Nächste Sitzung im April"],
              "en": ["Budget approved", "New client onboarding checklist to be drafted by Dana", "Next review: March"],
              "nl": ["Roadmap Q2 vastgesteld", "Fenna pakt de security-audit op", "Volgende retro over twee weken"],
              "it": ["Nuovi orari reception approvati", "Evento di marzo confermato", "Prossima riunione ad aprile"]}
    body = "\n".join(f"{i}. {pt}" for i, pt in enumerate(points[lang], 1))
    head = {"de": "Protokoll der Vorstandssitzung", "en": "Meeting notes", "nl": "Notulen overleg",
            "it": "Verbale riunione"}[lang]
    me = c.box(0)
    mail = Mail(subject=f"{head} {c.day(-1)}", from_name=me[0], from_addr=me[1], to=[c.box(1)],
                cc=[(c.person(lang).name, c.person(lang).email)], text=f"{head}\n\n{body}\n\n{me[0]}\n", lang=lang,
                agent="thunderbird", attachments=[Attachment("notes.pdf", "application/pdf",
                                                             files.pdf(head, points["en"]))]
                if c.rng.random() < 0.5 else [])
    return Draft(mail, "client")


def season_greeting(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(("en", "de", "fr", "es", "it", "ja", "zh", "ko", "he", "ar", "tr", "ru", "pl", "pt", "nl"))
    t = {"en": "Thank you for a wonderful year together. We wish you a peaceful start to 2026!",
         "de": "Danke für die schöne Zusammenarbeit. Wir wünschen Ihnen einen guten Start in das Jahr 2026!",
         "fr": "Merci pour cette belle année. Nous vous souhaitons une excellente année 2026 !",
         "es": "Gracias por este año. ¡Os deseamos un feliz 2026!", "it": "Grazie di cuore e buon 2026!",
         "ja": "旧年中は大変お世話になりました。本年もどうぞよろしくお願い申し上げます。",
         "zh": "感谢您过去一年的支持，祝您新年快乐，万事如意！",
         "ko": "지난 한 해 감사했습니다. 새해 복 많이 받으세요!",
         "he": "תודה על שנה נפלאה, שתהיה לכם שנה טובה ובריאה!", "ar": "شكراً لثقتكم، وكل عام وأنتم بخير.",
         "tr": "Bu güzel yıl için teşekkürler, mutlu yıllar!", "ru": "Спасибо за доверие! С Новым годом!",
         "pl": "Dziękujemy za wspólny rok i życzymy szczęśliwego 2026!", "pt": "Obrigado por este ano. Feliz 2026!",
         "nl": "Bedankt voor het fijne jaar, en een gelukkig 2026!"}[lang]
    card = Attachment("card.png", "image/png", files.png(c.rng, 48, 32), content_id=f"card.{c.token(6)}")
    inner = f'<p><img src="cid:{card.content_id}" width="480" alt=""></p>' + compose.paras_html(t)
    me = c.box(0)
    mail = Mail(subject={"ja": "謹賀新年", "zh": "新年快乐"}.get(lang, "2026"), from_name=me[0], from_addr=me[1],
                to=[("", c.person(lang).email)], lang=lang, html=compose.page(c.rng, lang, inner, "2026", "", ""),
                text=t + "\n", attachments=[card], agent=c.rng.choice(("applemail", "outlook")))
    return Draft(mail, "client", bcc=[c.person(lang).email for _ in range(c.rng.randint(2, 6))])


_MANDANT = "Sehr geehrte Mandantin, sehr geehrter Mandant,"


def legal_documents(ctx: Ctx) -> Draft:
    c = ctx
    client = c.person("de")
    lang = c.use(("de", "en"))
    t = {"de": "anbei erhalten Sie den Schriftsatz der Gegenseite vom 9. des Monats sowie unseren Entwurf einer "
               "Erwiderung. Bitte prüfen Sie insbesondere die Angaben zum Übergabedatum der Mietsache. Frist für "
               "die Stellungnahme ist der {d}.",
         "en": "attached are the other side's submission and our draft response. Please check the dates in "
               "section 3 in particular. The deadline for our reply is {d}."}[lang].format(d=c.day(12))
    me = c.box(c.rng.choice((0, 2)))
    mail = Mail(subject=f"Az. {c.number('', 3)}/26 – {'Schriftsatz und Entwurf' if lang == 'de' else 'Draft reply'}",
                from_name=me[0], from_addr=me[1], to=[(client.name, client.email)], cc=[c.box(1)], lang=lang,
                text=f"{c.p('hi', n=client.first) if lang == 'en' else _MANDANT}"
                     f"\n\n{t}\n\n{c.p('regards')}\n{me[0]}\n{c.account.name}\n", agent="outlook",
                attachments=[Attachment("Schriftsatz_Gegenseite.pdf", "application/pdf", files.pdf("Schriftsatz", [])),
                             Attachment("Entwurf_Erwiderung.docx", "application/vnd.openxmlformats-officedocument."
                                        "wordprocessingml.document", files.office("docx", "Entwurf"))])
    return Draft(mail, "client")


def freight_status(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(("de", "en", "pl"))
    ref = c.number("CB", 7)
    t = {"de": f"Sendung {ref}: Abholung in Bremen erfolgt, voraussichtliche Zustellung {c.day(2)} zwischen 8 und "
               "12 Uhr. Avis an den Empfänger ist raus.",
         "en": f"Consignment {ref}: collected in Bremen, estimated delivery {c.day(2)} between 8 and 12. The "
               "consignee has been notified.",
         "pl": f"Przesyłka {ref}: odebrana w Bremie, planowana dostawa {c.day(2)} w godz. 8–12."}[lang]
    mail = Mail(subject=f"Status {ref}", from_name="CargoBridge Dispo", from_addr=c.box(1)[1],
                to=[("", c.person(lang).email)], text=t + f"\n\nhttps://cargobridge-tracking.test/s/{ref}\n", lang=lang,
                agent="python")
    return Draft(mail, "cron", mail_from=c.box(1)[1])
