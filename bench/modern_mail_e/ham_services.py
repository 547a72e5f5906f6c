# ruff: noqa: RUF001 - text in many scripts: look-alike letters are the point, not a typo
"""Legitimate service mail: password resets, sign-ups, codes, SaaS and hosting notices, tickets, payroll, cron."""

from __future__ import annotations

from bench.modern_mail_e import routes
from bench.modern_mail_e.parts import Ctx, file_part, layout, pdf, text_with_links
from bench.modern_mail_e.registry import family
from bench.modern_mail_e.submit import Draft, Route
from bench.modern_mail_e.world import HOST

T_RESET = {
    "en": ("Reset your password", "Someone (hopefully you) asked to reset the password for your {co} account.",
           "This link expires in 60 minutes. If you didn't ask for it, you can ignore this email; your password "
           "won't change.", "Reset password"),
    "de": ("Passwort zurücksetzen", "Für Ihr Kundenkonto bei {co} wurde ein neues Passwort angefordert.",
           "Der Link ist 60 Minuten gültig. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail einfach.",
           "Neues Passwort festlegen"),
    "fr": ("Réinitialisation de votre mot de passe", "Vous avez demandé un nouveau mot de passe pour votre compte "
           "{co}.", "Ce lien est valable une heure. Si vous n'êtes pas à l'origine de la demande, ignorez ce "
           "message.", "Choisir un nouveau mot de passe"),
    "ru": ("Восстановление пароля", "Вы запросили смену пароля в магазине {co}.", "Ссылка действует 1 час. Если "
           "это были не вы, просто проигнорируйте письмо.", "Сменить пароль"),
    "ja": ("パスワード再設定のご案内", "{co}のパスワード再設定のお申し込みを受け付けました。",
           "下記のリンクは60分間有効です。お心当たりのない場合は、このメールを破棄してください。",
           "パスワードを再設定する"),
    "ko": ("비밀번호 재설정 안내", "{co} 계정의 비밀번호 재설정이 요청되었습니다.",
           "본인이 요청하지 않았다면 이 메일을 무시하셔도 됩니다. 링크는 1시간 동안 유효합니다.", "비밀번호 재설정"),
    "pt": ("Redefinir a sua palavra-passe", "Recebemos um pedido para redefinir a palavra-passe da sua conta na "
           "{co}.", "O link é válido durante 1 hora. Se não fez este pedido, ignore este email.", "Redefinir"),
}


@family("password_reset", "ham", "account", "ledgerly harbour trailhd sonnenk atlune knigmir sakura hanbit escluz",
        "en de fr ru ja ko pt", 12)
def password_reset(c: Ctx) -> tuple[Draft, Route, str]:
    subj, a, b, btn = c.pick(T_RESET)  # type: ignore[misc]
    link = c.url(f"account/reset?token={c.token(40)}&uid={c.num()}")
    paras = [a.format(co=c.acct.name), b]
    frm = f"noreply@{c.acct.main_domain}"
    d = Draft(subj, c.acct.name, frm, [("", c.rcpt.email)], text_with_links(paras, (btn, link)),
              layout(c.rng, c.lang, paras, brand=c.acct.name, button=(btn, link)) if c.rng.random() < 0.7 else None,
              lang=c.lang, mailer=c.rng.choice(("phpmailer", "php", "wordpress")))
    return d, routes.site_script(c, c.rng.choice(("wp-login.php", "app/index.php", "account/reset.php")), frm), \
        "password reset link on the site's own domain"


T_SIGNUP = {
    "en": ("Please confirm your email address", "Thanks for signing up to {co}! One last step: confirm that this is "
           "your address.", "Confirm my email"),
    "es": ("Confirma tu suscripción", "Gracias por registrarte en {co}. Solo falta confirmar tu correo.",
           "Confirmar"),
    "fr": ("Confirmez votre inscription", "Merci de votre inscription chez {co} ! Confirmez votre adresse pour "
           "recevoir nos nouvelles.", "Je confirme"),
    "it": ("Conferma la tua iscrizione", "Grazie per esserti registrato a {co}. Conferma il tuo indirizzo email.",
           "Conferma"),
    "tr": ("E-posta adresinizi doğrulayın", "{co} üyeliğiniz için teşekkürler. Lütfen adresinizi doğrulayın.",
           "Doğrula"),
    "zh": ("请验证您的邮箱", "感谢注册{co}！请点击下方按钮完成邮箱验证。", "验证邮箱"),
    "nl": ("Bevestig je e-mailadres", "Bedankt voor je aanmelding bij {co}. Bevestig even je e-mailadres.",
           "Bevestigen"),
}


@family("signup_confirm", "ham", "account", "ledgerly lotusy ticknest clearwt gourmet anahali mingcha vdberg",
        "en es fr it tr zh nl", 11)
def signup_confirm(c: Ctx) -> tuple[Draft, Route, str]:
    subj, a, btn = c.pick(T_SIGNUP)  # type: ignore[misc]
    link = c.url(f"confirm/{c.token(32)}")
    paras = [a.format(co=c.acct.name)]
    frm = c.who(0)[1]
    d = Draft(subj, c.acct.name, frm, [("", c.rcpt.email)], text_with_links(paras, (btn, link)),
              layout(c.rng, c.lang, paras, brand=c.acct.name, button=(btn, link)), lang=c.lang,
              mailer=c.rng.choice(("phpmailer", "mailpoet")))
    return d, routes.site_script(c, routes.PLUGINS[4], frm), "double opt-in confirmation"


T_CODE = {
    "en": ("{code} is your verification code", "Your {co} verification code is {code}. It expires in 10 minutes. "
           "Never share it with anyone."),
    "de": ("Ihr Bestätigungscode: {code}", "Ihr Code lautet {code}. Geben Sie ihn niemals weiter."),
    "ja": ("認証コード: {code}", "{co}の認証コードは {code} です。有効期限は10分です。"),
    "ko": ("[{co}] 인증번호 {code}", "인증번호는 {code} 입니다. 타인에게 알려주지 마세요."),
    "ru": ("Код подтверждения {code}", "Ваш код: {code}. Никому его не сообщайте."),
}


@family("login_code", "ham", "account", "ledgerly harbour sakura hanbit knigmir nimbus", "en de ja ko ru", 10)
def login_code(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_CODE)  # type: ignore[misc]
    code = f"{c.num(100000, 999999)}"
    frm = f"no-reply@{c.acct.main_domain}"
    d = Draft(subj.format(code=code, co=c.acct.name), c.acct.name, frm, [("", c.rcpt.email)],
              body.format(code=code, co=c.acct.name), lang=c.lang, mailer="php", cte=c.rng.choice(("", "base64")))
    return d, routes.site_script(c, "api/auth/otp.php", frm), "one-time login code, one line"


T_SAAS = [
    ("New sign-in to your Ledgerly account", "We noticed a new sign-in from Chrome on Windows near Lyon, France at "
     "{h} UTC. If this was you, there's nothing to do. If not, secure your account now.", "Review activity"),
    ("Action needed: your card payment failed", "We couldn't charge your card ending in {d4} for the Team plan. "
     "We'll retry in 3 days. Update your payment method to avoid any interruption.", "Update payment method"),
    ("You've used 90% of your monthly invoices", "Your workspace has sent 450 of 500 invoices this month. Upgrade to "
     "keep sending without limits.", "See plans"),
    ("Weekly summary: 12 invoices paid", "Last week your clients paid 12 invoices totalling {amt}. 3 are overdue.",
     "Open dashboard"),
    ("[Resolved] Delayed bank feeds", "Bank feed imports were delayed between 02:10 and 03:40 UTC. All transactions "
     "have now synced. Sorry for the disruption.", "Status page"),
]


@family("saas_alert", "ham", "notification", "ledgerly", "en", 11)
def saas_alert(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body, btn = c.rng.choice(T_SAAS)
    link = c.url(f"app/settings?ref=email&e={c.token(10)}", c.rng.choice(c.acct.domains))
    paras = [f"Hi {c.rcpt.first},", body.format(h=c.hour(), d4=c.num(1000, 9999), amt=c.money(900, 30000))]
    foot = ["Ledgerly, 200 Market St, Philadelphia PA", "You receive this because you have a Ledgerly account."]
    d = Draft(subj, "Ledgerly", "notifications@ledgerly.example", [(c.rcpt.name, c.rcpt.email)],
              text_with_links(paras, (btn, link), foot), layout(c.rng, "en", paras, brand="Ledgerly",
                                                               button=(btn, link), footer=foot),
              lang="en", mailer="none", headers=[("X-Entity-Ref-ID", c.token(20))])
    return d, routes.site_script(c, "app/queue/worker.php", "bounces@ledgerly.example"), "SaaS account alert"


T_HOST = [
    ("URGENT: Your hosting account will be suspended in 3 days", "Invoice #{n} for your hosting plan ({amt}) is "
     "unpaid. If payment is not received by {day}, your account and email will be suspended.", "Pay invoice"),
    ("Disk usage warning: {dom} is at 92%", "Your account {dom} is using 9.2 GB of its 10 GB quota. When it is "
     "full, new email will bounce. Delete old mail or upgrade your plan.", "Manage disk usage"),
    ("Your SSL certificate for {dom} has been renewed", "AutoSSL renewed the certificate for {dom} and www.{dom}. "
     "It is valid until March 2027. No action is required.", "View certificate"),
    ("Scheduled maintenance on vps7 - {day}", "We will upgrade the MySQL server on vps7 between 02:00 and 03:00 "
     "UTC. Websites may be unavailable for up to 10 minutes; email is queued, not lost.", "Status page"),
    ("Security notice: we blocked outgoing spam from {dom}", "Our systems stopped 340 messages sent by a script in "
     "your account. Please update WordPress and its plugins and change your cPanel password.", "Open a ticket"),
    ("Your domain {dom} renews in 30 days", "Your domain registration renews automatically on {day} for {amt}. "
     "Make sure your card on file is up to date.", "Manage domain"),
]


@family("hosting_notice", "ham", "notification", "harbour", "en", 12)
def hosting_notice(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body, btn = c.rng.choice(T_HOST)
    dom = c.rng.choice(("mysite.example", "green-garden.example", "bobsbikes.example", "lakeside-bnb.example"))
    kw = {"n": c.num(), "amt": c.money(5, 180), "day": c.day(), "dom": dom}
    link = c.url(f"clientarea.php?action=invoices&id={kw['n']}") if "Pay" in btn else c.url("clientarea.php")
    paras = [f"Dear {c.rcpt.first},", body.format(**kw), "HarbourHost Support\nhttps://harbourhost.example"]
    frm = c.rng.choice(("billing@harbourhost.example", "support@harbourhost.example"))
    d = Draft(subj.format(**kw), "HarbourHost", frm, [(c.rcpt.name, c.rcpt.email)],
              text_with_links(paras, (btn, link)), layout(c.rng, "en", paras, brand="HarbourHost",
                                                         button=(btn, link)) if c.rng.random() < 0.6 else None,
              lang="en", mailer="phpmailer")
    return d, routes.cron(c, f"php -q /home/{c.acct.user}/whmcs/crons/cron.php", frm), "web host's own notice"


T_TICKET = {
    "en": ("[Ticket #{n}] {topic}", "Hello {first},\n\n{upd}\n\nYou can reply to this email to add to the ticket.\n\n"
           "Kind regards,\n{me}\n{co}\n\nTicket: {link}"),
    "de": ("[Ticket #{n}] {topic}", "Hallo {first},\n\n{upd}\n\nSie können direkt auf diese E-Mail antworten.\n\n"
           "Viele Grüße\n{me}\n{co}\n\nTicket: {link}"),
}
TOPICS = {"en": (("Printer on 2nd floor not printing", "We replaced the fuser unit; please try printing again."),
                 ("Website down after plugin update", "We rolled back the plugin and cleared the cache; the site "
                  "is back. Please avoid auto-updates for this plugin until the vendor fixes it."),
                 ("Email bouncing to one customer", "Their server rejected us because of an old SPF record on "
                  "your domain. We have corrected it; please try sending again."),
                 ("VPN disconnects every 10 minutes", "We pushed a new VPN profile to your laptop. Please restart."),
                 ("New starter laptop for Monday", "The laptop is imaged and ready for pickup at reception.")),
          "de": (("Outlook fragt ständig nach Passwort", "Wir haben Ihr Profil neu eingerichtet. Bitte melden Sie "
                  "sich einmal ab und wieder an."), ("Backup NAS meldet Fehler", "Die defekte Platte wurde "
                                                      "getauscht, das Backup läuft wieder."))}


@family("ticket_update", "ham", "notification", "nimbus harbour", "en de", 10)
def ticket_update(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.pick(T_TICKET)  # type: ignore[misc]
    topic, upd = c.rng.choice(TOPICS.get(c.lang, TOPICS["en"]))
    n = c.num(10000, 99999)
    me = c.rng.choice(("Felix", "Sven", "Priya", "Mo"))
    frm = c.who(0)[1]
    d = Draft(subj.format(n=n, topic=topic), f"{me} via {c.acct.name}", frm, [(c.rcpt.name, c.rcpt.email)],
              body.format(first=c.rcpt.first, upd=upd, me=me, co=c.acct.name, link=c.url(f"helpdesk/tickets/{n}")),
              lang=c.lang,
              mailer="php", headers=[("Auto-Submitted", "auto-generated"), ("X-Ticket-ID", str(n))],
              msgid_domain=c.acct.main_domain)
    return d, routes.site_script(c, "helpdesk/pipe.php", frm), "helpdesk ticket update"


T_PAY = [
    ("Your payslip for November 2026", "Your November payslip is attached. The PDF is protected with your date of "
     "birth (DDMMYYYY). Payment reaches your account on {day}."),
    ("Action required: confirm your bank details by Friday", "We are moving payroll to a new system. Please log in "
     "to the employee portal and check that your bank details are correct. We will never ask for them by email."),
    ("Holiday request approved", "Your holiday request for 22-31 December has been approved by your manager."),
    ("P60 and year-end documents", "Your year-end tax documents are now available in the employee portal."),
]


@family("payroll_notice", "ham", "notification", "brightpay", "en", 10)
def payroll_notice(c: Ctx) -> tuple[Draft, Route, str]:
    subj, body = c.rng.choice(T_PAY)
    paras = [f"Hi {c.rcpt.first},", body.format(day=c.day()), "Portal: https://portal.brightpeople-hr.example",
             "BrightPeople HR - Payroll"]
    files = [file_part(f"payslip_{c.num(100, 999)}_2026-11.pdf", "application/pdf",
                       pdf(["Payslip November 2026", "BrightPeople HR"], c.rng))] if "payslip" in subj else []
    frm = c.who(1)
    d = Draft(subj, "BrightPeople Payroll", frm[1], [(c.rcpt.name, c.rcpt.email)], "\n\n".join(paras), lang="en",
              files=files, mailer=c.rng.choice(("outlook", "php")))
    r = routes.mailbox(c, 1) if d.mailer == "outlook" else routes.cron(c, "php /home/brightpay/payroll/run.php", frm[1])
    return d, r, "payroll or HR notice"


CRON_OUT = ("backup: dumped 4 databases (212 MB)\nrsync to backup.example: 1823 files, 0 errors\nDone in 00:03:14",
            "PHP Warning:  Undefined array key \"HTTP_HOST\" in /home/{u}/public_html/wp-config.php on line 96\n"
            "Success: Executed a total of 3 cron events.",
            "certbot: no renewals were attempted.\n",
            "Deleted 112 expired sessions.\nSitemap regenerated: 418 URLs.",
            "mysqldump: [Warning] Using a password on the command line interface can be insecure.")


@family("cron_output", "ham", "notification", "sonnenk pxforge rivfc quickfx lenafot clearwt oakridge trailhd", "en",
        9, night=True)
def cron_output(c: Ctx) -> tuple[Draft, Route, str]:
    cmd = c.rng.choice(("/usr/local/bin/php /home/{u}/public_html/wp-cron.php", "/home/{u}/bin/backup.sh",
                        "cd /home/{u}/app && php artisan schedule:run")).format(u=c.acct.user)
    owner = c.acct.people[0][1] + "@" + c.acct.main_domain
    d = Draft(f"Cron <{c.acct.user}@{HOST}> {cmd}", "Cron Daemon", f"{c.acct.user}@{HOST}", [("", owner)],
              c.rng.choice(CRON_OUT).format(u=c.acct.user), lang="en", charset="us-ascii", cte="7bit", mailer="cron",
              headers=[("X-Cron-Env", "<SHELL=/bin/sh>"), ("X-Cron-Env", f"<HOME=/home/{c.acct.user}>"),
                       ("X-Cron-Env", f"<LOGNAME={c.acct.user}>")], msgid_domain=HOST)
    return d, routes.cron(c, cmd), "cron job output mailed to the account owner"


T_POLICY = {
    "en": ("We're updating our Terms of Service", ["We're making some changes to our Terms of Service and Privacy "
           "Policy, effective {day}.", "What's changing: clearer rules on data retention, a new section on AI "
           "features (off by default), and updated contact details for our data protection officer.",
           "You don't need to do anything. By continuing to use the service after {day}, you agree to the updated "
           "terms."], "Read the new terms"),
    "de": ("Änderung unserer AGB und Datenschutzerklärung", ["Zum {day} passen wir unsere AGB und unsere "
           "Datenschutzerklärung an.", "Sie müssen nichts tun. Wenn Sie nicht einverstanden sind, können Sie Ihr "
           "Konto jederzeit kündigen."], "Neue AGB lesen"),
}


@family("policy_update", "ham", "notification", "ledgerly harbour trailhd nimbus pxforge", "en de", 9)
def policy_update(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_POLICY)  # type: ignore[misc]
    day = c.day()
    ps = [p.format(day=day) for p in paras]
    link = c.url("legal/terms-2027")
    unsub = c.url(f"email-preferences?u={c.token(12)}")
    frm = f"news@{c.acct.main_domain}"
    d = Draft(subj, c.acct.name, frm, [("", c.rcpt.email)], text_with_links(ps, (btn, link), [unsub]),
              layout(c.rng, c.lang, ps, brand=c.acct.name, button=(btn, link), footer=[c.acct.address, unsub]),
              lang=c.lang, mailer="none", headers=[("List-Unsubscribe", f"<{unsub}>")])
    return d, routes.cron(c, f"php /home/{c.acct.user}/app/bin/mailout.php --list=all", frm), "terms-of-service update"
