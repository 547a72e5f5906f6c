# ruff: noqa: RUF001 - text in many scripts: look-alike letters are the point, not a typo
"""Legitimate mail people type themselves: letters, replies with quoted text, forwards, photo deliveries."""

from __future__ import annotations

from bench.modern_mail_e import routes
from bench.modern_mail_e.parts import Ctx, file_part, image_part, layout, office
from bench.modern_mail_e.registry import family
from bench.modern_mail_e.submit import Draft, Route

T_PERSONAL = {
    "en": (("Sunday?", "Hey {first},\n\nAre you still up for lunch on Sunday? Dan found a new Thai place near the "
            "river. Kids welcome.\n\nxx Em"),
           ("photos from the lake", "Hi {first}!\n\nAttached a few photos from last weekend. The one with the dog "
            "in the canoe is my favourite.\n\nEmily"),
           ("Re: Mom's birthday", "I can bring the cake and the candles. Can you do the flowers? Let's say 4 pm.")),
    "pl": (("Święta u nas?", "Cześć {first}!\n\nCzy przyjedziecie do nas na Wigilię? Mama pyta, ile osób będzie. "
            "Daj znać do końca tygodnia.\n\nUściski,\nMarta"),
           ("zdjęcia z wesela", "Hej {first},\n\nw załączniku kilka zdjęć z wesela Kasi. Reszta na dysku.\n\nPiotr")),
    "de": (("Kurze Frage wegen Samstag", "Hallo {first},\n\nsteht das Shooting am Samstag noch? Wenn es regnet, "
            "können wir ins Studio ausweichen.\n\nLiebe Grüße\nLena"),),
    "ru": (("Привет из Питера", "Привет, {first}!\n\nКак вы там? У нас уже снег. Посылку получили, спасибо "
            "огромное! Позвоню в выходные.\n\nОля"),),
    "tr": (("Bayram ziyareti", "Merhaba {first},\n\nBayramda İstanbul'a geliyor musunuz? Annem çok sevinir.\n\n"
            "Sevgiler,\nMehmet"),),
    "ja": (("年末のご挨拶", "{first}さん\n\nご無沙汰しております。今年も大変お世話になりました。\n年明けにまた"
            "お茶でもいかがでしょうか。\n\n美咲"),),
    "ko": (("오랜만이야", "{first}아, 잘 지냈어?\n다음 주에 서울 오면 밥 한번 먹자. 연락 줘!\n지현"),),
    "ar": (("تهنئة", "عزيزي {first}،\n\nكل عام وأنتم بخير. نتمنى أن نراكم قريباً في دبي.\n\nمع خالص التحية،\nليلى"),),
}


@family("personal_letter", "ham", "letter", "harperh kowalsk lenafot knigmir anahali sakura hanbit nakhla",
        "en pl de ru tr ja ko ar", 13)
def personal_letter(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.rng.choice(c.pick(T_PERSONAL))  # type: ignore[arg-type]
    idx = c.rng.randint(0, len(c.acct.people) - 1) if c.acct.sector == "personal" else 0
    me = c.who(idx)
    friend = c.other()
    files = [image_part(c.rng, f"IMG_{c.num(1000, 9999)}.png", size=96) for _ in range(c.rng.randint(1, 3))] \
        if "photo" in subj or "zdjęcia" in subj else []
    text = body.format(first=friend.first)
    html = layout(c.rng, c.lang, text.split("\n\n"), style=3) if c.rng.random() < 0.5 else None
    d = Draft(subj, me[0], me[1], [(friend.name, friend.email)], text, html, lang=c.lang, files=files,
              mailer=c.rng.choice(("apple", "thunderbird", "roundcube")))
    r = routes.webmail(c, idx) if d.mailer == "roundcube" else routes.mailbox(c, idx, mobile=d.mailer == "apple")
    return d, r, "personal letter to a friend or relative"


T_BIZ = {
    "en": (("Proposal for the spring campaign", "Dear {first},\n\nThank you for your time on Tuesday. As promised, "
            "our proposal for the spring campaign is attached: three concepts, a timeline and a fixed price.\n\n"
            "Happy to walk you through it on a call.\n\nBest regards,\n{me}"),
           ("Following up on our meeting", "Hi {first},\n\nGreat to meet you last week. I've attached the draft "
            "agreement with the changes we discussed (clauses 4 and 7).\n\nKind regards,\n{me}")),
    "nl": (("Concept overeenkomst", "Geachte heer/mevrouw,\n\nBijgaand treft u het concept van de "
            "vaststellingsovereenkomst aan. Graag ontvang ik uw opmerkingen uiterlijk vrijdag.\n\n"
            "Met vriendelijke groet,\n{me}\nVan den Berg Advocaten"),),
    "de": (("Ihr Website-Relaunch: nächste Schritte", "Hallo {first},\n\nanbei die Präsentation vom Workshop und "
            "der Zeitplan. Bitte geben Sie uns bis Mittwoch Feedback zu den Entwürfen.\n\nViele Grüße\n{me}"),),
    "fr": (("Collaboration boutique - proposition", "Bonjour {first},\n\nJe vous joins notre catalogue pro et nos "
            "conditions pour les revendeurs. Au plaisir d'échanger.\n\nCamille Roux\nAtelier Lune"),),
}


@family("business_letter", "ham", "letter", "pxforge vdberg atlune lindcpa solarvp", "en nl de fr", 11)
def business_letter(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.rng.choice(c.pick(T_BIZ))  # type: ignore[arg-type]
    me = c.who(0)
    text = body.format(first=c.rcpt.first, me=me[0])
    name = c.rng.choice(("Proposal", "Agreement_draft_v3", "Katalog_2027", "Praesentation"))
    files = [file_part(f"{name}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       office(c.rng, text))]
    html = layout(c.rng, c.lang, text.split("\n\n"), style=2) if c.rng.random() < 0.6 else None
    d = Draft(subj, me[0], me[1], [(c.rcpt.name, c.rcpt.email)], text, html, lang=c.lang, files=files,
              cc=[c.who(1)] if c.rng.random() < 0.3 else [], mailer="outlook")
    return d, routes.mailbox(c), "business letter with a document"


T_REPLY = {
    "en": ("Thanks {first}, that works for us. I'll send the updated file tomorrow morning.",
           "Yes, Thursday is fine. See you then.", "Sorry for the delay! Payment went out today, it should arrive "
           "by Monday.", "Got it, thanks. I've forwarded it to Tom."),
    "de": ("Danke, {first}! Das passt so. Ich melde mich morgen.", "Klingt gut, machen wir so."),
    "fr": ("Merci {first}, c'est parfait pour moi.", "Très bien, je vous envoie le colis lundi."),
    "es": ("Gracias {first}, le confirmamos la habitación. Un saludo.", "Perfecto, nos vemos el jueves."),
    "it": ("Grazie {first}, va benissimo. A presto.",),
    "nl": ("Dank je {first}, prima zo.",),
    "ja": ("{first}様\n\nご連絡ありがとうございます。承知いたしました。\nよろしくお願いいたします。",),
    "zh": ("{first}您好，收到，谢谢！我们明天发货。",),
    "tr": ("Teşekkürler {first}, yarın dönüş yapacağım.",),
}
QUOTED = {"en": "Could you confirm the dates and send the file?", "de": "Passt Ihnen der Termin am Donnerstag?",
          "fr": "Pouvez-vous confirmer la date de livraison ?", "es": "¿Tienen disponibilidad para el puente?",
          "it": "Possiamo spostare l'appuntamento a venerdì?", "nl": "Kunnen we de afspraak verzetten?",
          "ja": "納期について確認させてください。", "zh": "请问什么时候可以发货？", "tr": "Sipariş ne zaman gelir?"}
REPLY_USERS = "pxforge vdberg atlune casamar drossi sakura mingcha anahali quickfx lindcpa sonnenk harperh"


@family("reply_quoted", "ham", "reply", REPLY_USERS, "en de fr es it nl ja zh tr", 13)
def reply_quoted(c: Ctx) -> tuple[Draft, Route, str]:
    body = c.rng.choice(c.pick(T_REPLY)).format(first=c.rcpt.first)  # type: ignore[arg-type]
    me = c.who(0)
    orig_id = f"<{c.token(16)}@{c.rcpt.email.split('@')[1]}>"
    quoted = str(c.pick(QUOTED))
    on = {"de": ("Am", "schrieb"), "fr": ("Le", "a écrit"), "es": ("El", "escribió"), "it": ("Il", "ha scritto"),
          "nl": ("Op", "schreef"), "ja": ("", "のメッセージ"), "zh": ("", "写道"), "tr": ("", "yazdı")}.get(c.lang,
                                                                                                ("On", "wrote"))
    text = (f"{body}\n\n{me[0]}\n\n{on[0]} {c.day()}, {c.rcpt.name} <{c.rcpt.email}> {on[1]}:\n> {quoted}\n> \n"
            f"> {c.rcpt.first}\n").replace("\n\n ", "\n\n")
    html = None
    if c.rng.random() < 0.4:
        html = (f"<div>{body}</div><div><br>{me[0]}</div><blockquote style='border-left:1px solid #ccc;"
                f"padding-left:8px'>{quoted}<br>{c.rcpt.first}</blockquote>")
    d = Draft(f"Re: {quoted.rstrip('?？。 ')}", me[0], me[1], [(c.rcpt.name, c.rcpt.email)], text, html, lang=c.lang,
              mailer=c.rng.choice(("thunderbird", "apple", "outlook", "roundcube")),
              headers=[("In-Reply-To", orig_id), ("References", orig_id)])
    r = routes.webmail(c) if d.mailer == "roundcube" else routes.mailbox(c, mobile=d.mailer == "apple")
    return d, r, "short reply quoting the correspondent"


@family("forward_note", "ham", "reply", "harperh pxforge quickfx oakridge kowalsk rivfc lenafot", "en de pl", 10)
def forward_note(c: Ctx) -> tuple[Draft, Route, str]:
    me = c.who(0)
    note = c.pick({"en": "FYI - see below. Can you handle this one?", "de": "Zur Info, siehe unten.",
                   "pl": "Przesyłam dalej, zobacz poniżej."})
    orig = c.other("en")
    fwd_body = c.rng.choice(("Hi, the delivery for job 4471 is delayed until Thursday. Sorry about that.",
                             "Please find the signed form attached. Let me know if you need anything else.",
                             "Your appointment has been moved to 3 pm. Reply to confirm."))
    text = (f"{note}\n\n---------- Forwarded message ---------\nFrom: {orig.name} <{orig.email}>\nDate: {c.day()}\n"
            f"Subject: Update\nTo: <{me[1]}>\n\n{fwd_body}\n")
    colleague = c.other()
    d = Draft("Fwd: Update", me[0], me[1], [(colleague.name, colleague.email)], text, lang=c.lang,
              mailer=c.rng.choice(("thunderbird", "apple")))
    return d, routes.mailbox(c, mobile=d.mailer == "apple"), "forward with a one-line note"


@family("photo_delivery", "ham", "letter", "lenafot oakridge pxforge", "de en", 9)
def photo_delivery(c: Ctx) -> tuple[Draft, Route, str]:
    me = c.who(0)
    link = f"https://transfer.filedrop.example/d/{c.token(12)}"
    text = c.pick({"de": f"Hallo {c.rcpt.first},\n\neure Fotos sind fertig! Download (7 Tage gültig): {link}\n"
                         f"Passwort: {c.token(8)}\n\nLiebe Grüße\n{me[0]}",
                   "en": f"Hi {c.rcpt.first},\n\nThe final files are ready. Download link (expires in 7 days): "
                         f"{link}\nPassword: {c.token(8)}\n\nCheers,\n{me[0]}"})
    d = Draft(c.pick({"de": "Eure Fotos sind da 📷", "en": "Your files are ready"}), me[0], me[1],  # type: ignore[arg-type]
              [(c.rcpt.name, c.rcpt.email)], str(text), lang=c.lang, mailer="apple")
    return d, routes.mailbox(c, mobile=True), "file-sharing link with password, from a photographer"


@family("parent_reply", "ham", "reply", "maplewd escluz", "en pt", 9)
def parent_reply(c: Ctx) -> tuple[Draft, Route, str]:
    me = c.who(1)
    body = c.pick({"en": f"Dear {c.rcpt.first},\n\nThank you for letting us know. I have updated the register and "
                         "passed your message to the class teacher.\n\nKind regards,\n{me}",
                   "pt": f"Cara/Caro {c.rcpt.first},\n\nObrigado pela informação. A falta fica justificada.\n\n"
                         "Com os melhores cumprimentos,\n{me}"})
    ref = f"<{c.token(20)}@{c.rcpt.email.split('@')[1]}>"
    d = Draft(c.pick({"en": "Re: Absence today", "pt": "Re: Falta do meu filho"}), me[0], me[1],  # type: ignore[arg-type]
              [(c.rcpt.name, c.rcpt.email)], str(body).format(me=me[0]), lang=c.lang, mailer="outlook",
              headers=[("In-Reply-To", ref), ("References", ref)])
    return d, routes.mailbox(c, 1), "school staff answers a parent"
