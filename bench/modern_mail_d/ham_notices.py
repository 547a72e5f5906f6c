# ruff: noqa: RUF001, E501 - text in other scripts keeps its own letters and punctuation; sentences stay whole
"""Legitimate automated mail of set D: app notifications, security codes and sign-in alerts, newsletters and
promotions, invitations, club and parish mail, list digests, cron reports, website notifications, donations."""

from __future__ import annotations

from datetime import timedelta

from bench.modern_mail_d.compose import (
    draft_for,
    family,
    html_mail,
    link,
    mailbox,
    money,
    shape,
    text_mail,
    unsubscribe_headers,
)
from bench.modern_mail_d.files import ics, pdf
from bench.modern_mail_d.sending import Ctx
from bench.modern_mail_d.world import ACCOUNTS, COMPANIES, HOST
from bench.modern_mail_d.writer import File

APP = "https://app.kestrel-tasks.example.net"


@family("ham", "notification", 11)
def f_saas_notify(ctx: Ctx, i: int) -> None:
    a = ACCOUNTS["kestrel"]
    lang = "de" if i % 4 == 3 else "en"
    c = ctx.person(lang, ctx.pick(COMPANIES))
    who = ctx.person("en").name
    task = ctx.pick(("Q1 launch checklist", "Update pricing page", "Invoice run", "Onboarding flow v2"))
    t = ({"en": [(f"{who} commented on \"{task}\"", f"{who}: \"Looks good to me, I've moved the deadline to Friday "
                  "so design has time for a second pass.\"", "Open task"),
                 (f"You were assigned: {task}", f"{who} assigned you \"{task}\" in the Marketing project. Due "
                  "next Tuesday.", "View task"),
                 ("Your weekly summary", "Last week your team closed 23 tasks and opened 17. 4 tasks are overdue.",
                  "See report"),
                 ("Export ready: projects.csv", "The export you requested is ready. The link is valid for 24 hours.",
                  "Download export")],
          "de": [(f"{who} hat \"{task}\" kommentiert", f"{who}: \"Passt so, ich habe die Frist auf Freitag "
                  "verschoben.\"", "Aufgabe öffnen"),
                 ("Ihre Wochenübersicht", "Ihr Team hat letzte Woche 23 Aufgaben erledigt. 4 Aufgaben sind "
                  "überfällig.", "Bericht ansehen")]}[lang])
    subj, body, btn = ctx.pick(t)
    url = f"{APP}/t/{ctx.token(10)}?ref=email"
    foot = ["Kestrel Software Ltd, 5 Quay St, Bristol",
            link("Notification settings", f"{APP}/settings/notifications")]
    d = draft_for(ctx, lang, subj, "Kestrel", f"notifications@{a.main_domain}", [(c.name, c.email)],
                  reply_to=("Kestrel", f"reply+{ctx.token(20).lower()}@{a.addon_domains[0]}") if "comment" in subj
                  else None)
    shape(ctx, d, text_mail([body], link_line=f"{btn}: {url}", footer=[foot[0]]),
          html_mail(lang, "Kestrel", [body], button=(btn, url), footer=foot, color="#3b2f8f"), (1, 1, 3))
    ctx.send(lang=lang, draft=d, account="kestrel", mode="script", agent="symfony",
             script=f"{a.addon_domains[0]}/bin/worker.php", notes="SaaS notification")


CODES = {
    "en": [("Your Kestrel verification code: {code}", "Your verification code is {code}. It expires in 10 "
            "minutes. If you didn't try to sign in, you can ignore this email; someone may have typed your address "
            "by mistake."),
           ("Reset your password", "We received a request to reset the password for your account. Click the link "
            "below to choose a new one. This link expires in 60 minutes. If you didn't request a reset, ignore this "
            "email and your password will stay the same."),
           ("Please verify your email address", "Thanks for signing up! Please verify your email address to "
            "activate your account. Your code is {code}.")],
    "de": [("Ihr Bestätigungscode: {code}", "Ihr Bestätigungscode lautet {code}. Er ist 10 Minuten gültig. Falls "
            "Sie sich nicht anmelden wollten, können Sie diese E-Mail ignorieren."),
           ("Passwort zurücksetzen", "Wir haben eine Anfrage zum Zurücksetzen Ihres Passworts erhalten. Der Link ist "
            "60 Minuten gültig. Wenn Sie das nicht waren, ignorieren Sie diese Nachricht.")],
    "ko": [("[한빛치과] 본인 확인 인증번호 {code}", "온라인 예약을 위한 인증번호는 {code} 입니다. 5분 안에 입력해 "
            "주세요. 본인이 요청하지 않았다면 이 메일을 무시하셔도 됩니다."),
           ("[한빛치과] 비밀번호 재설정 안내", "비밀번호 재설정을 요청하셨습니다. 아래 링크는 30분 동안 유효합니다. "
            "요청하지 않으셨다면 이 메일을 무시해 주세요.")],
    "zh": [("【翠玉茶庄】您的验证码是 {code}", "您正在登录翠玉茶庄会员账户，验证码为 {code}，10分钟内有效。"
            "如非本人操作，请忽略本邮件。"),
           ("【翠玉茶庄】请验证您的邮箱", "感谢注册！请点击下方链接验证邮箱地址，验证码 {code}。")],
}


@family("ham", "account", 12)
def f_security_code(ctx: Ctx, i: int) -> None:
    lang = ("en", "de", "ko", "zh", "en", "en")[i % 6]
    a = ACCOUNTS[{"en": "kestrel", "de": "kestrel", "ko": "hanbitdn", "zh": "jadetea"}[lang]]
    if lang == "en" and i % 2 == 1:
        a = ACCOUNTS[ctx.pick(("northwnd", "harborh", "cedarcl"))]
    c = ctx.person(lang)
    code = ctx.digits(6)
    subj, body = ctx.pick(CODES[lang])
    subj = subj.replace("Kestrel", a.name.split()[0])
    url = f"https://{a.main_domain}/account/verify?token={ctx.token(32)}"
    body = body.format(code=code)
    d = draft_for(ctx, lang, subj.format(code=code), a.name, f"no-reply@{a.main_domain}", [(c.name, c.email)])
    big = code if "{code}" in subj or code in body else ""
    paras = [body] + ([big] if big else [])
    shape(ctx, d, text_mail(paras, link_line=url if not big or ctx.chance(0.5) else ""),
          html_mail(lang, a.name, paras, button=None if big else ("Verify" if lang == "en" else "→", url),
                    footer=[a.name]), (2, 1, 2))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent=ctx.pick(("symfony", "phpmailer")),
             notes="password reset / 2FA code / email verification")


@family("ham", "account", 10)
def f_signin_alert(ctx: Ctx, i: int) -> None:
    lang = "de" if i % 5 == 4 else "en"
    a = ACCOUNTS[ctx.pick(("kestrel", "harborh", "kestrel"))]
    c = ctx.person(lang)
    dev = ctx.pick(("Chrome on Windows", "Safari on iPhone", "Firefox on Ubuntu", "Edge on Windows"))
    loc = ctx.pick(("Lisbon, Portugal", "Manchester, UK", "Toronto, Canada", "Munich, Germany"))
    if lang == "en":
        subj = ctx.pick(("New sign-in to your account", "Security alert: new device signed in",
                         f"New login from {dev}"))
        paras = [f"Hi {c.first},", f"We noticed a new sign-in to your {a.name} account.",
                 f"Device: {dev}\nLocation (approximate): {loc}\nTime: {ctx.when():%d %b %Y %H:%M} UTC",
                 "If this was you, you don't need to do anything. If not, please change your password right away "
                 "and turn on two-factor authentication."]
        btn = "Review activity"
    else:
        subj = "Neue Anmeldung bei Ihrem Konto"
        paras = [f"Hallo {c.first},", f"es gab eine neue Anmeldung bei Ihrem {a.name}-Konto: {dev}, {loc}.",
                 "Wenn Sie das waren, ist nichts weiter zu tun. Andernfalls ändern Sie bitte sofort Ihr Passwort."]
        btn = "Aktivität prüfen"
    url = f"https://{a.main_domain}/account/security"
    d = draft_for(ctx, lang, subj, f"{a.name} Security", f"security@{a.main_domain}", [(c.name, c.email)])
    shape(ctx, d, text_mail(paras, link_line=f"{btn}: {url}"), html_mail(lang, a.name, paras, button=(btn, url)))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent="symfony", notes="sign-in alert")


PROMO = {
    "en": ("northwnd", ["🔥 BLACK FRIDAY: 40% OFF EVERYTHING - 48 HOURS ONLY", "Last chance ⏰ Winter sale ends "
           "at midnight", "FREE SHIPPING this weekend + a gift with every order 🎁"],
           ["Our biggest sale of the year is LIVE. Every jacket, pack and boot is up to 40% off, no code needed.",
            "Stock is limited and once it's gone, it's gone. Don't miss out!"], "SHOP THE SALE"),
    "fr": ("lunebake", ["🥐 -20 % sur les galettes ce week-end seulement !", "NOUVEAU : la bûche de Noël est "
           "arrivée 🎄"], ["Cette semaine, profitez de -20 % sur toutes nos galettes en précommande.",
                           "Offre limitée aux 100 premières commandes. Retrait en boutique dès vendredi."],
           "JE COMMANDE"),
    "it": ("tessaro", ["SALDI INVERNALI: fino al -50% 👠", "Solo per oggi: spedizione GRATUITA"],
           ["Sono arrivati i saldi! Fino al 50% di sconto su stivali e mocassini della collezione autunno.",
            "Affrettati: taglie limitate."], "SCOPRI I SALDI"),
    "tr": ("zeytin", ["Yeni hasat zeytinyağı geldi! 🫒 %15 indirim", "SON GÜN: Kargo bedava"],
           ["2025 hasadı erken sızma zeytinyağımız stoklarda. Bu hafta tüm siparişlerde %15 indirim!",
            "Kampanya stoklarla sınırlıdır."], "ALIŞVERİŞE BAŞLA"),
    "zh": ("jadetea", ["🍵 双十一限时特惠：全场八折！", "新茶上市 | 会员专享买二送一"],
           ["双十一活动火热进行中！全场茶叶八折，满 299 元包邮。", "数量有限，先到先得！"], "立即抢购"),
    "ar": ("alnoorbk", ["📚 خصم ٣٠٪ على جميع الروايات لمدة أسبوع!", "وصل حديثاً: أحدث إصدارات معرض الكتاب"],
           ["بمناسبة معرض الكتاب، خصم ٣٠٪ على جميع الروايات العربية والمترجمة.", "العرض لفترة محدودة."],
           "تسوق الآن"),
}


@family("ham", "newsletter", 12)
def f_newsletter_promo(ctx: Ctx, i: int) -> None:
    lang = ("en", "fr", "it", "tr", "zh", "ar")[i % 6]
    user, subjects, paras, btn = PROMO[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang)
    url = f"https://{a.main_domain}/sale?utm_source=newsletter&utm_campaign={ctx.token(6).lower()}"
    unsub = f"https://{a.main_domain}/newsletter/unsubscribe?id={ctx.token(18)}"
    foot = [a.name + " · " + a.address, link("Unsubscribe", unsub), link("View in browser", url + "&web=1")]
    d = draft_for(ctx, lang, ctx.pick(subjects), a.name, f"news@{a.main_domain}", [(c.name, c.email)],
                  headers=unsubscribe_headers(ctx, a.main_domain, "Newsletter"))
    imgs = f"https://{a.main_domain}/wp-content/uploads/2025/11/banner-{ctx.token(5).lower()}.jpg"
    shape(ctx, d, text_mail(paras, link_line=f"{btn} → {url}", footer=[a.name, "Unsubscribe: " + unsub]),
          html_mail(lang, a.name, paras, button=(btn, url), footer=foot, logo=imgs, preheader=paras[0][:60],
                    color="#c0392b"), (0, 1, 3))
    ctx.send(lang=lang, draft=d, account=user, mode="script", agent=ctx.pick(("mailpoet", "sendy")),
             recipients=[c.email], notes="loud but legitimate marketing with List-Unsubscribe")


EDITORIAL = {
    "en": ("greenlf", "Greenleaf News - {month}", ["This month 14 dogs and 9 cats found new homes. Thank you!",
           "Meet Biscuit, a shy 6-year-old terrier who loves long naps and short walks.",
           "Volunteer orientation is on the first Saturday of the month at 10am."]),
    "nl": ("vandijkm", "Woningmarkt update {month}", ["De gemiddelde verkoopprijs in Utrecht steeg dit kwartaal "
           "met 2,1%.", "Tip: laat uw woning vóór de verkoop taxeren, dat voorkomt verrassingen.",
           "Wij zijn op 24 en 31 december gesloten."]),
    "es": ("brightp", "Boletín de Brightpath - {month}", ["Las inscripciones para el semestre de primavera ya "
           "están abiertas.", "Nuevo taller gratuito para padres: cómo ayudar con las tareas de matemáticas.",
           "Felicidades a nuestros estudiantes por los resultados del examen estatal."]),
}


@family("ham", "newsletter", 10)
def f_newsletter_editorial(ctx: Ctx, i: int) -> None:
    lang = ("en", "nl", "es", "en", "nl")[i % 5]
    user, subj, paras = EDITORIAL[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang)
    month = ctx.pick(("November 2025", "December 2025", "January 2026"))
    unsub = f"https://{a.main_domain}/?mailpoet_page=unsubscribe&data={ctx.token(30)}"
    read = f"https://{a.main_domain}/blog/{ctx.token(8).lower()}/"
    d = draft_for(ctx, lang, subj.format(month=month), a.name, mailbox(a, 0)[1], [(c.name, c.email)],
                  headers=unsubscribe_headers(ctx, a.main_domain, "News"))
    body = ctx.rng.sample(paras, ctx.rng.randint(2, 3))
    shape(ctx, d, text_mail(body, link_line=read, footer=[a.name, unsub]),
          html_mail(lang, a.name, body, button=("Read more", read), footer=[a.address, link("Unsubscribe", unsub)],
                    color="#2e7d32"), (1, 1, 3))
    ctx.send(lang=lang, draft=d, account=user, mode="script", agent="mailpoet", recipients=[c.email],
             notes="editorial newsletter")


EVENTS = {
    "en": ("quillon", "Invitation: {what} @ {when}", ("Quarterly planning", "Vendor demo", "Team lunch"),
           "You have been invited to {what}. Agenda attached; please accept or decline."),
    "nl": ("vandijkm", "Uitnodiging: {what} - {when}", ("Bezichtiging Biltstraat", "Taxatiegesprek"),
           "Hierbij de uitnodiging voor {what}. Graag even accepteren in je agenda."),
    "de": ("weberstb", "Einladung: {what} am {when}", ("Jahresgespräch", "Belegabgabe"),
           "Wir laden Sie herzlich zu unserem {what} ein. Bitte bestätigen Sie den Termin."),
    "pt": ("alfamast", "Convite: {what} - {when}", ("Jantar de boas-vindas", "Passeio em Alfama"),
           "Temos o prazer de convidar para o nosso {what}. Confirme a presença pelo calendário."),
}


@family("ham", "booking", 10)
def f_event_ics(ctx: Ctx, i: int) -> None:
    lang = ("en", "nl", "de", "pt", "en")[i % 5]
    user, subj, whats, body = EVENTS[lang]
    a = ACCOUNTS[user]
    c = ctx.person(lang, ctx.pick(COMPANIES) if lang == "en" else "")
    what = ctx.pick(whats)
    start = ctx.when().replace(minute=0, second=0) + timedelta(days=7)
    when = start.strftime("%a %d %b %Y %H:%M")
    org = mailbox(a, 0)
    cal = ics(f"{ctx.token(24)}@{a.main_domain}", what, start, 60, org[1], ctx.pick(("Room 2", "Teams", a.address
              or "Online")), body.format(what=what), (c.email,))
    d = draft_for(ctx, lang, subj.format(what=what, when=when), org[0], org[1], [(c.name, c.email)])
    d.text = body.format(what=what) + f"\n\n{when}\n"
    if ctx.chance(0.5):
        d.calendar = cal
    d.files.append(File("invite.ics", "application/ics", cal.encode()))
    ctx.send(lang=lang, draft=d, account=user, mode="auth", agent=ctx.pick(("outlook", "thunderbird")),
             notes="event invitation with an .ics")


CLUB = (
    ("stmarks", "Parish newsletter: Advent services and the Christmas fair", ["Dear friends,", "Advent carols are on "
     "Sunday 7 December at 6pm, followed by mulled wine in the hall. The Christmas fair needs volunteers for the "
     "cake stall; please sign up at the back of church.", "With every blessing,\nHelen"]),
    ("stmarks", "Rota for December flowers and coffee", ["Hello all,", "The rota for December is below. If you "
     "can't make your date, please swap with someone and let the office know.", "Thanks, Tom"]),
    ("rovers", "Fixture change: U12s away at Headingley now 10:30", ["Hi parents,", "Saturday's kick-off has moved "
     "to 10:30. Please have the kids there by 10:00 in full kit. Lifts list is on the WhatsApp group.", "Gary"]),
    ("rovers", "Membership renewal 2026 - subs now due", ["Dear member,", "Annual subs for 2026 are now due (£45 "
     "adult, £25 junior). You can pay by bank transfer or on the website. Thanks for supporting the club!",
     "Riverside Rovers FC"]),
    ("brightp", "Report cards and parent-teacher meetings", ["Dear families,", "Report cards are now available in "
     "the parent portal. Parent-teacher meetings run next week; book a slot via the link below.", "Marcus Bell"]),
    ("brightp", "Cierre por festivo el lunes", ["Estimadas familias:", "Les recordamos que el centro permanecerá "
     "cerrado el lunes por el festivo. Las clases se recuperarán el sábado por la mañana.", "Un saludo, "
     "Brightpath"]),
    ("hopeland", "Food bank drive this weekend", ["Dear church family,", "Our winter food drive is this Saturday "
     "and Sunday. Canned goods and warm socks are most needed. Thank you for your generosity!", "Pastor Dale"]),
)


@family("ham", "newsletter", 10)
def f_club_mail(ctx: Ctx, i: int) -> None:
    user, subj, paras = CLUB[i % len(CLUB)]
    lang = "es" if "Estimadas" in paras[0] else "en"
    a = ACCOUNTS[user]
    members = [ctx.person(lang) for _ in range(ctx.rng.randint(3, 12))]
    d = draft_for(ctx, lang, subj, a.name, mailbox(a, 1 if len(a.people) > 1 else 0)[1],
                  [("", mailbox(a, 0)[1])])
    d.to_header = f"{a.name} members:;" if ctx.chance(0.5) else ""
    url = f"https://{a.main_domain}/{ctx.pick(('news', 'events', 'members'))}/"
    shape(ctx, d, text_mail(paras, link_line=url), html_mail(lang, a.name, paras, footer=[a.address or a.name]),
          (2, 0, 1))
    mode = ctx.pick(("auth", "webmail", "script"))
    ctx.send(lang=lang, draft=d, account=user, mode=mode, agent="phpmailer" if mode == "script" else "thunderbird",
             recipients=[m.email for m in members], notes="club / parish / school mail to members (Bcc)")


@family("ham", "newsletter", 10)
def f_list_digest(ctx: Ctx, i: int) -> None:
    a = ACCOUNTS[ctx.pick(("quillon", "rovers", "stmarks"))]
    list_name = {"quillon": "ops-announce", "rovers": "coaches", "stmarks": "pcc"}[a.user]
    c = ctx.person("en")
    items = []
    for k in range(ctx.rng.randint(2, 5)):
        p = ctx.person("en")
        topic = ctx.pick(("Re: training ground booking", "Minutes from Tuesday", "Server move window",
                          "Re: Re: Boiler quote", "Kit order deadline", "Deploy freeze next week"))
        items.append(f"Message: {k + 1}\nFrom: {p.name} <{p.email}>\nSubject: {topic}\n\n"
                     + ctx.pick(("Agreed, let's do it.", "Attached the minutes; please check the action list.",
                                 "I can cover Saturday if someone takes Sunday.", "+1, thanks for organising.")))
    sub = f"{list_name}@lists.{a.main_domain}"
    body = (f"Send {list_name} mailing list submissions to\n\t{sub}\n\nTo subscribe or unsubscribe visit\n\t"
            f"https://lists.{a.main_domain}/mailman/listinfo/{list_name}\n\nToday's Topics:\n\n"
            + "\n".join(f"   {n + 1}. {it.split('Subject: ')[1].splitlines()[0]}" for n, it in enumerate(items))
            + "\n\n" + ("\n\n" + "-" * 70 + "\n\n").join(items) + f"\n\nEnd of {list_name} Digest\n")
    d = draft_for(ctx, "en", f"{list_name.title()} Digest, Vol {ctx.rng.randint(3, 40)}, Issue {ctx.rng.randint(1, 30)}",
                  "", f"{list_name}-request@lists.{a.main_domain}", [(c.name, c.email)])
    d.to = [("", sub)]
    d.headers = [("List-Id", f"<{list_name}.lists.{a.main_domain}>"), ("Precedence", "list"),
                 ("List-Unsubscribe", f"<https://lists.{a.main_domain}/mailman/options/{list_name}>"),
                 ("List-Post", f"<mailto:{sub}>"), ("Sender", f"{list_name}-bounces@lists.{a.main_domain}")]
    d.text = body
    d.charset = "us-ascii" if body.isascii() else "utf-8"
    d.cte = "8bit"
    ctx.send(lang="en", draft=d, account=a.user, mode="script", agent="cron", recipients=[c.email],
             mail_from=f"{list_name}-bounces@lists.{a.main_domain}", script=f"{a.main_domain}/mailman/digest.php",
             notes="mailing list digest")


@family("ham", "report", 10)
def f_cron_report(ctx: Ctx, i: int) -> None:
    a = ACCOUNTS[ctx.pick(("quillon", "quillon", "pixfor", "kestrel"))]
    owner = mailbox(a, 0)[1]
    kind = i % 4
    if kind == 0:
        subj = f"Cron <{a.user}@{HOST.split('.')[0]}> /usr/local/bin/php {a.main_domain}/artisan schedule:run"
        body = f"Running scheduled command: backup:clean\nDeleted {ctx.rng.randint(2, 9)} old backups.\n"
        frm = ("Cron Daemon", f"{a.user}@{HOST}")
    elif kind == 1:
        subj = f"[{ctx.pick(('OK', 'WARN'))}] Disk usage report for {a.main_domain}"
        lines = "\n".join(f"{p:<28}{ctx.rng.randint(1, 900):>6} MB" for p in
                          ("public_html", "mail", "tmp", "backups", "logs"))
        body = f"Daily disk report ({ctx.when():%Y-%m-%d})\n\n{lines}\n\nQuota used: {ctx.rng.randint(20, 88)}%\n"
        frm = ("Quillon Ops", f"ops@{a.main_domain}")
    elif kind == 2:
        subj = f"Backup completed: {a.main_domain} ({ctx.rng.randint(200, 4000)} MB)"
        body = ("Backup job finished successfully.\nStarted: 02:00:01\nFinished: 02:"
                f"{ctx.rng.randint(10, 59)}:44\nFiles: {ctx.rng.randint(2000, 90000)}\nDestination: s3 (eu-west)\n")
        frm = ("Backup", f"backup@{a.main_domain}")
    else:
        subj = f"[Uptime] {ctx.pick(('api', 'www', 'shop'))}.{a.main_domain} is back UP"
        body = ("Monitor is UP again after 4 minutes of downtime.\nReason: HTTP 502 Bad Gateway\nChecked from: "
                "Frankfurt, London\n")
        frm = ("Status", f"status@{a.main_domain}")
    d = draft_for(ctx, "en", subj, frm[0], frm[1], [("", owner)])
    d.text = body
    d.charset, d.cte = "us-ascii", "7bit"
    d.headers = [("X-Cron-Env", "<SHELL=/bin/sh>"), ("X-Cron-Env", f"<HOME=/home/{a.user}>")] if kind == 0 else []
    ctx.send(lang="en", draft=d, account=a.user, mode="cron", agent="cron", notes="cron / monitoring report")


@family("ham", "form", 12)
def f_form_notify(ctx: Ctx, i: int) -> None:
    lang = ("en", "it", "pl", "nl", "tr", "es")[i % 6]
    user = {"en": ctx.pick(("cedarcl", "pixfor", "greenlf")), "it": "nonnatr", "pl": "kowauto", "nl": "vandijkm",
            "tr": "yildizvet", "es": "sonrisa"}[lang]
    a = ACCOUNTS[user]
    v = ctx.person(lang)
    phone = ctx.pick(("+1 555 0134 ", "+39 347 ", "+48 601 ", "+31 6 ", "+90 532 ", "+34 612 ")) + ctx.digits(6)
    msg = {"en": "Hi, I'd like to ask if you have any openings next week. Please call or email me back. Thanks!",
           "it": "Buonasera, vorrei prenotare un tavolo per 6 persone sabato sera alle 20:30. È possibile?",
           "pl": "Dzień dobry, interesuje mnie Toyota Corolla z ogłoszenia. Czy jest możliwa jazda próbna w sobotę?",
           "nl": "Goedemiddag, ik wil graag een bezichtiging plannen voor de woning aan de Biltstraat.",
           "tr": "Merhaba, kedimin aşı randevusu için uygun saatiniz var mı? Teşekkürler.",
           "es": "Hola, quisiera pedir cita para una revisión. Mejor por las tardes. Gracias."}[lang]
    labels = {"en": ("Name", "Email", "Phone", "Message", "New message from your website"),
              "it": ("Nome", "Email", "Telefono", "Messaggio", "Nuovo messaggio dal sito"),
              "pl": ("Imię i nazwisko", "E-mail", "Telefon", "Wiadomość", "Nowa wiadomość z formularza"),
              "nl": ("Naam", "E-mail", "Telefoon", "Bericht", "Nieuw bericht via contactformulier"),
              "tr": ("Ad Soyad", "E-posta", "Telefon", "Mesaj", "Web sitenizden yeni mesaj"),
              "es": ("Nombre", "Correo", "Teléfono", "Mensaje", "Nuevo mensaje desde la web")}[lang]
    form = ctx.pick(("Contact Form 7", "WPForms", "Elementor"))
    subj = f"{labels[4]}: {v.name}" if ctx.chance(0.6) else f'{a.name} "{labels[4]}"'
    rows = [(labels[0], v.name), (labels[1], v.email), (labels[2], phone)]
    body = "\n".join(f"{k}: {val}" for k, val in rows) + f"\n\n{labels[3]}:\n{msg}\n\n--\n" + (
        f"This e-mail was sent from a contact form on {a.name} (https://{a.main_domain})")
    d = draft_for(ctx, lang, subj, "WordPress" if ctx.chance(0.4) else a.name, f"wordpress@{a.main_domain}",
                  [("", mailbox(a, 0)[1])], reply_to=(v.name, v.email))
    if form == "WPForms" and ctx.chance(0.7):
        shape(ctx, d, body, html_mail(lang, a.name, [labels[4]], rows=[*rows, (labels[3], msg)],
                                      footer=[f"Sent by {form}"]), (0, 1, 1))
    else:
        d.text = body
    ctx.send(lang=lang, draft=d, account=user, mode="script", agent="wordpress",
             script=f"{a.main_domain}/wp-admin/admin-ajax.php", notes=f"{form} notification, Reply-To the visitor")


@family("ham", "notification", 10)
def f_wp_admin(ctx: Ctx, i: int) -> None:
    a = ACCOUNTS[ctx.pick(("northwnd", "lunebake", "greenlf", "stmarks", "zeytin", "alnoorbk"))]
    admin = mailbox(a, 0)[1]
    k = i % 5
    n = ctx.rng.randint(1000, 48000)
    if k == 0:
        c = ctx.person("en")
        subj = f"[{a.name}]: New order #{n}"
        body = (f"You've received the following order from {c.name}:\n\n[Order #{n}] ({ctx.when():%B %d, %Y})\n\n"
                f"Product          Quantity   Price\n{ctx.pick(('Gift card', 'Tote bag', 'Hoodie'))}   1   "
                f"{money(ctx.rng.randint(10, 90), a.currency)}\n\nBilling address\n{c.name}\n{c.email}\n"
                f"Phone: {ctx.digits(10)}\n\nCongratulations on the sale.")
    elif k == 1:
        subj = f"[{a.name}] Your site has updated to WordPress 6.8.3"
        body = ("Howdy! Your site at https://" + a.main_domain + " has been updated automatically to WordPress "
                "6.8.3.\n\nNo further action is needed on your part.\n\nThe WordPress Team")
    elif k == 2:
        c = ctx.person("en")
        subj = f"[{a.name}] New User Registration"
        body = f"New user registration on your site {a.name}:\n\nUsername: {c.first.lower()}{ctx.digits(2)}\n" \
               f"Email: {c.email}\n"
    elif k == 3:
        subj = f"[{a.name}] Some plugins were automatically updated"
        body = ("Howdy! Some plugins have automatically updated to their latest versions on your site at https://"
                f"{a.main_domain}. No further action is needed on your part.\n\nThese plugins are now up to date:\n"
                "- WooCommerce (from version 10.2.1 to 10.2.2)\n- Contact Form 7 (from version 6.1 to 6.1.1)\n")
    else:
        subj = f"[{a.name}] Please moderate: \"{ctx.pick(('Opening hours', 'Our new menu', 'Autumn update'))}\""
        c = ctx.person("en")
        body = (f"A new comment on the post is waiting for your approval\n\nAuthor: {c.name}\nEmail: {c.email}\n"
                "Comment: \nLovely, will you be open on Boxing Day?\n\nApprove it: https://" + a.main_domain +
                f"/wp-admin/comment.php?action=approve&c={ctx.rng.randint(100, 999)}\n")
    d = draft_for(ctx, "en", subj, a.name if k == 0 else "WordPress", f"wordpress@{a.main_domain}", [("", admin)])
    d.text = body
    ctx.send(lang="en", draft=d, account=a.user, mode="script", agent="wordpress",
             script=f"{a.main_domain}/wp-cron.php", notes="WordPress / WooCommerce admin notification")


@family("ham", "receipt", 10)
def f_donation(ctx: Ctx, i: int) -> None:
    a = ACCOUNTS[ctx.pick(("greenlf", "greenlf", "stmarks", "hopeland"))]
    c = ctx.person("en")
    amt = money(ctx.pick((10, 25, 50, 100, 250)), a.currency)
    monthly = ctx.chance(0.4)
    subj = ctx.pick(("Thank you for your donation!", f"Your {'monthly ' if monthly else ''}gift of {amt} - receipt",
                     "Donation receipt"))
    paras = [f"Dear {c.first},", f"Thank you for your {'monthly ' if monthly else ''}gift of {amt} to {a.name}. "
             "Your support pays for food, vet care and foster homes.", "This email is your receipt for tax purposes. "
             f"No goods or services were provided in exchange for this donation. {a.tax_id}".strip()]
    d = draft_for(ctx, "en", subj, a.name, mailbox(a, 0)[1], [(c.name, c.email)])
    shape(ctx, d, text_mail(paras, rows=[("Amount", amt), ("Receipt no.", f"GL-{ctx.digits(6)}")]),
          html_mail("en", a.name, paras, rows=[("Amount", amt)], footer=[a.address or a.name]))
    if ctx.chance(0.4):
        d.files.append(File(f"receipt-{ctx.digits(6)}.pdf", "application/pdf", pdf([a.name, "Donation receipt", amt])))
    ctx.send(lang="en", draft=d, account=a.user, mode="script", agent="phpmailer", notes="donation receipt")


@family("ham", "newsletter", 10)
def f_crowdfunding(ctx: Ctx, i: int) -> None:
    a = ACCOUNTS["oakbarrel"]
    lang = "de" if i % 4 == 1 else "en"
    c = ctx.person(lang)
    pct = ctx.rng.randint(80, 340)
    url = f"https://{a.main_domain}/campaign/lanterns-of-veld?ref=update{i}"
    paras = ({"en": [f"Hi {c.first}, backer #{ctx.rng.randint(100, 4000)}!", f"We're at {pct}% funded with 9 days to "
                     "go. THANK YOU. The next stretch goal unlocks metal coins for every pledge.",
                     "Pledge manager opens in January; we'll email you before it does."],
              "de": [f"Hallo {c.first},", f"wir stehen bei {pct} % der Finanzierung! Vielen Dank. Das nächste "
                     "Stretch Goal bringt Metallmünzen für alle Unterstützer.", "Der Pledge-Manager startet im Januar."]
              })[lang]
    subj = ctx.pick(("Update #{n}: {pct}% funded 🎉", "Update #{n}: stretch goals and shipping",
                     "Update #{n}: last 48 hours!")).format(n=i + 3, pct=pct)
    d = draft_for(ctx, lang, subj, "Oakbarrel Games", f"campaign@{a.main_domain}", [(c.name, c.email)],
                  headers=unsubscribe_headers(ctx, a.main_domain, "Backers"))
    shape(ctx, d, text_mail(paras, link_line=url), html_mail(lang, "Oakbarrel Games", paras,
          button=("See the campaign", url), footer=[a.address]), (1, 1, 2))
    ctx.send(lang=lang, draft=d, account=a.user, mode="script", agent="sendy", recipients=[c.email],
             notes="crowdfunding backer update")
