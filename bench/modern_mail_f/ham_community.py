# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Legitimate mail of set F's clubs, church, schools and shops' lists: newsletters, notices, rotas, fees."""

from __future__ import annotations

from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail_f import compose, files
from bench.modern_mail_f.context import Ctx, Draft

_NEWS = {
    "en": [("Seed swap this Saturday", "Bring your spare seeds and take home something new. Tea and cake from 10."),
           ("Winter opening hours", "From next week we close at 5 pm on weekdays; Saturdays stay the same."),
           ("Three new courses", "Excel for small business, bookkeeping basics and a short course on invoicing.")],
    "de": [("Rückblick Hallenturnier", "Unsere E-Jugend hat den zweiten Platz geholt. Danke an alle Eltern!"),
           ("Neue Fotokurse im März", "Porträtlicht für Einsteiger, jeweils samstags im Studio.")],
    "nl": [("Nieuwe oogst", "De eerste spinazie van het seizoen ligt in de winkel, en de kippen leggen weer volop."),
           ("Release 4.2", "Snellere rapportages en een nieuwe koppeling met het boekhoudpakket.")],
    "it": [("Offerta primavera", "Prenota entro marzo e la seconda notte della settimana è scontata del 15%."),
           ("Eventi al coworking", "Giovedì aperitivo di networking, venerdì workshop sulla fatturazione.")],
    "ja": [("新茶予約のご案内", "今年の新茶のご予約を受け付けております。数量限定のため、お早めにどうぞ。")],
    "zh": [("春季旅游线路上线", "云南、桂林、日本关西三条线路现已开放报名，早鸟优惠截至三月底。")],
    "ko": [("봄학기 수강생 모집", "초급부터 고급까지 모든 반이 개강합니다. 조기 등록 시 수강료 10% 할인.")],
    "tr": [("Yeni koleksiyon", "Kapadokya'dan gelen el dokuması kilimler artık mağazamızda.")],
    "pl": [("Walentynki coraz bliżej", "Zamów bukiet do 12 lutego, a dostawę w Krakowie zapewnimy gratis.")],
    "es": [("Llega el roscón", "Ya puedes reservar tu roscón de Reyes en la tienda o en la web.")],
    "pt": [("Época de inverno", "As aulas continuam aos fins de semana, com fatos de 5 mm incluídos.")],
    "he": [("סדנת סוף שבוע", "סדנת יוגה ונשימה בשבת הקרובה, מספר המקומות מוגבל.")],
    "ar": [("مواعيد الإقرارات الضريبية", "نذكّر عملاءنا بأن موعد تقديم إقرار الربع الأول يقترب.")],
    "fr": [("Concert de printemps", "Nous chanterons Fauré et Poulenc le 22 mars à l'église Saint-Laurent.")],
    "cs": [("Nový ležák", "Od pátku čepujeme nový polotmavý ležák z vlastní várky.")],
}


def newsletter(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(_NEWS)
    sub = c.person()
    items = c.rng.sample(_NEWS[lang], k=min(2, len(_NEWS[lang])))
    unsub = c.site(f"newsletter/unsubscribe?u={c.token(16)}")
    img = Attachment("header.jpg", "image/jpeg", files.jpeg(c.rng),
                     content_id=f"hdr{c.token(6)}@{c.account.main_domain}")
    inner = "".join(f"<h3>{compose.esc(h)}</h3>{compose.paras_html(b)}" for h, b in items)
    inner = f'<img src="cid:{img.content_id}" width="600" alt="">' + inner + \
        f'<p style="font-size:11px"><a href="{unsub}">{compose.esc(c.p("unsub"))}</a></p>'
    mail = Mail(subject=f"{c.p('newsletter')} {c.account.name}: {items[0][0]}", from_name=c.account.name,
                from_addr=f"news@{c.account.main_domain}", to=[("", sub.email)], lang=lang, agent="mailpoet",
                html=compose.page(c.rng, lang, inner, items[0][0], c.account.name, "", c.footer()),
                text="\n\n".join(f"{h}\n{b}" for h, b in items) + f"\n\n{c.p('unsub')}: {unsub}\n",
                attachments=[img] if c.rng.random() < 0.6 else [],
                headers=[("List-Unsubscribe", f"<{unsub}>, <mailto:unsubscribe@{c.account.main_domain}>"),
                         ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), ("Precedence", "bulk"),
                         ("List-Id", f"<news.{c.account.main_domain}>")])
    if not mail.attachments:
        mail.html = mail.html.replace(f'<img src="cid:{img.content_id}" width="600" alt="">', "")  # type: ignore
    return Draft(mail, "php", "/wp-content/plugins/mailpoet/lib/Mailer/Methods/PHPMail.php",
                 mail_from=f"bounce@{c.account.main_domain}")


def club_fixture(ctx: Ctx) -> Draft:
    c = ctx
    parent = c.person("de")
    teams = ("FC Unterhaching II", "TSV Pullach", "SV Planegg", "FT Gern")
    text = (f"Hallo zusammen,\n\nam Samstag spielen wir auswärts gegen {c.rng.choice(teams)}. Treffpunkt ist um "
            f"{c.clock()} am Vereinsheim, wir fahren in Fahrgemeinschaften. Bitte bis Donnerstag zu- oder absagen.\n\n"
            f"Trikots wäscht diese Woche Familie {c.rng.choice(('Huber', 'Maier', 'Schmid', 'Graf'))}.\n\n"
            f"Sportliche Grüße\n{c.box(1)[0]}\n")
    mail = Mail(subject=f"Spiel am Samstag – Treffpunkt {c.clock()}", from_name=c.box(1)[0], from_addr=c.box(1)[1],
                to_header="Eltern E-Jugend:;", to=[], text=text, lang="de", agent="thunderbird")
    return Draft(mail, "client", bcc=[parent.email, c.person("de").email, c.person("de").email])


def church_rota(ctx: Ctx) -> Draft:
    c = ctx
    names = [c.person("en").name for _ in range(4)]
    rota = "\n".join(f"{d}: {n}" for d, n in zip(("Sun 11", "Sun 18", "Sun 25", "Sun 1"), names, strict=True))
    text = (f"Dear all,\n\nHere is the coffee and welcome rota for the coming month. If you can't make your "
            f"Sunday, please swap with someone and let the office know.\n\n{rota}\n\nThe Lent lunches start on "
            "Wednesday in the church hall; soup donations very welcome.\n\nWith every blessing,\nHelen\n")
    mail = Mail(subject="Rota for the month and Lent lunches", from_name=c.box(1)[0], from_addr=c.box(1)[1],
                to=[("St Mark's volunteers", f"volunteers@{c.account.main_domain}")], text=text, lang="en",
                agent="outlook")
    return Draft(mail, "client", bcc=[c.person("en").email for _ in range(3)])


def school_letter(ctx: Ctx) -> Draft:
    c = ctx
    if c.account.user == "sonnenb":
        text = ("Liebe Eltern,\n\nam Freitag bleibt die Kita wegen des Teamtags geschlossen. Bitte denken Sie auch an "
                "Wechselkleidung und Matschhosen, die Kinder sind jeden Tag draußen.\n\nDas Laternenbasteln findet "
                "am Dienstag um 15 Uhr statt.\n\nHerzliche Grüße\nBirgit Hahn\n")
        subject, lang = "Elternbrief: Teamtag und Basteln", "de"
        files_ = [Attachment("Elternbrief.pdf", "application/pdf", files.pdf("Elternbrief", ["Teamtag"]))]
    else:
        text = ("Dear parents and carers,\n\nThe Year 4 trip to the Fitzwilliam Museum is on Thursday. Children need "
                "a packed lunch in a named bag and a coat. Please return the consent slip by Monday; the letter "
                "is attached.\n\nThe cake sale raised £312, thank you!\n\nRiverside PTA\n")
        subject, lang = "Year 4 museum trip and cake sale total", "en"
        files_ = [Attachment("trip-consent.pdf", "application/pdf", files.pdf("Trip consent", ["Year 4"]))]
    mail = Mail(subject=subject, from_name=c.box(0)[0], from_addr=c.box(0)[1], to=[c.box(1)], text=text, lang=lang,
                agent=c.rng.choice(("outlook", "roundcube")), attachments=files_)
    return Draft(mail, "webmail" if c.rng.random() < 0.5 else "client",
                 bcc=[c.person(lang).email for _ in range(c.rng.randint(3, 8))])


def choir_rehearsal(ctx: Ctx) -> Draft:
    c = ctx
    text = ("Chères choristes, chers choristes,\n\nRépétition jeudi à 19 h 30 comme d'habitude. Nous travaillerons "
            f"le {c.rng.choice(('Cantique de Jean Racine', 'Requiem, Sanctus', 'Ave verum'))} : pensez à vos "
            "partitions et à un crayon. Les altos sont attendus à 19 h pour un raccord.\n\nCotisation : il reste "
            "quelques chèques à me remettre.\n\nÀ jeudi,\nHélène\n")
    mail = Mail(subject="Répétition de jeudi", from_name=c.box(0)[0], from_addr=c.box(0)[1],
                to=[("Chœur Mistral", c.box(1)[1])], text=text, lang="fr", agent="thunderbird")
    return Draft(mail, "client", bcc=[c.person("fr").email for _ in range(4)])


def membership_fee(ctx: Ctx) -> Draft:
    c = ctx
    m = c.person()
    t = {"de": f"der Jahresbeitrag {c.when.year} von {c.money(60, 180)} wird am {c.day(10)} per SEPA-Lastschrift "
               f"eingezogen. Mandatsreferenz: {c.number('SVG', 6)}. Gläubiger-ID: DE98ZZZ09999999999.",
         "en": f"your annual subscription of {c.money(20, 60)} is now due. You can pay by standing order or in the "
               "envelope at the back of church.",
         "fr": f"la cotisation annuelle de {c.money(40, 90)} est à régler avant la fin du mois."}
    lang = c.use(t)
    mail = Mail(subject={"de": "Vorabinformation SEPA-Lastschrift", "en": "Annual subscription",
                         "fr": "Cotisation annuelle"}[lang], from_name=c.account.name, from_addr=c.box(2)[1],
                to=[(m.name, m.email)], text=f"{c.p('hi', n=m.first)}\n\n{t[lang]}\n\n{c.p('regards')}\n"
                                             f"{c.account.name}\n", lang=lang, agent="python")
    return Draft(mail, "cron", mail_from=c.box(2)[1])


def promo_images(ctx: Ctx) -> Draft:
    c = ctx
    lang = c.use(_NEWS)
    head, body = c.rng.choice(_NEWS[lang])
    imgs = [Attachment(f"p{i}.png", "image/png", files.png(c.rng, 32, 32), content_id=f"p{i}.{c.token(6)}")
            for i in range(c.rng.randint(2, 4))]
    unsub = c.site(f"unsubscribe/{c.token(14)}")
    gallery = "".join(f'<td><a href="{c.site("shop")}"><img src="cid:{a.content_id}" width="180" alt=""></a></td>'
                      for a in imgs)
    inner = f"<h1>{compose.esc(head)}</h1>{compose.paras_html(body)}<table><tr>{gallery}</tr></table>" + \
        compose.button(c.site("shop"), c.account.name) + f'<p><a href="{unsub}">{compose.esc(c.p("unsub"))}</a></p>'
    mail = Mail(subject=head, from_name=c.account.name, from_addr=f"shop@{c.account.main_domain}",
                to=[("", c.person().email)], lang=lang, agent="phpmailer", attachments=imgs,
                html=compose.page(c.rng, lang, inner, head, c.account.name, "", c.footer()),
                headers=[("List-Unsubscribe", f"<{unsub}>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")])
    return Draft(mail, "cron", mail_from=f"shop@{c.account.main_domain}")


_ALL = {"de": "Hallo allerseits,", "en": "Hello all,", "fr": "Bonjour à toutes et à tous,"}


def volunteer_call(ctx: Ctx) -> Draft:
    c = ctx
    t = {"de": "für das Sommerfest suchen wir noch Helferinnen und Helfer am Grill und an der Kuchentheke. Wer "
               "zwei Stunden Zeit hat, trägt sich bitte in die Liste ein.",
         "en": "we need a few more hands for the spring fair: setting up at 8, the tombola and the tea tent. "
               "Even an hour helps.",
         "fr": "nous cherchons des bénévoles pour tenir la buvette après le concert."}
    lang = c.use(t)
    url = f"https://forms.example/s/{c.token(10)}"
    mail = Mail(subject={"de": "Helfer gesucht!", "en": "Volunteers wanted for the spring fair",
                         "fr": "Bénévoles pour le concert"}[lang], from_name=c.box(0)[0], from_addr=c.box(0)[1],
                to=[c.box(1)], text=f"{_ALL[lang]}\n\n"
                                    f"{t[lang]}\n\n{url}\n\n{c.box(0)[0]}\n", lang=lang, agent="applemail")
    return Draft(mail, "client", bcc=[c.person(lang).email for _ in range(5)])
