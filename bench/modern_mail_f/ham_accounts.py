# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Legitimate account mail of set F's sites: password resets, sign-up confirmations, login codes, tickets."""

from __future__ import annotations

from bench.modern_mail.model import Mail
from bench.modern_mail_f import compose
from bench.modern_mail_f.context import Ctx, Draft


def _noreply(c: Ctx) -> str:
    return f"{c.rng.choice(('noreply', 'no-reply', 'wordpress', 'notifications'))}@{c.account.main_domain}"


def password_reset(ctx: Ctx) -> Draft:
    c, user = ctx, ctx.person()
    url = c.site(f"wp-login.php?action=rp&key={c.token(20)}&login={user.email.split('@')[0]}")
    text = f"{c.p('hi', n=user.first)}\n\n{c.p('reset')}\n\n{url}\n\n{c.p('ignore')}\n\n-- \n{c.account.name}\n"
    html_part = None
    if c.rng.random() < 0.5:
        html_part = compose.page(c.rng, c.lang, compose.paras_html(f"{c.p('hi', n=user.first)}\n\n{c.p('reset')}")
                                 + compose.button(url, "→") + compose.paras_html(c.p("ignore")), "", c.account.name)
    subject = {"de": "Passwort zurücksetzen", "fr": "Réinitialisation du mot de passe",
               "ja": "パスワード再設定のご案内",
               "ko": "비밀번호 재설정 안내", "zh": "重置密码", "ar": "إعادة تعيين كلمة المرور", "he": "איפוס סיסמה",
               "pt": "Redefinir palavra-passe", "it": "Reimposta la password"}.get(c.lang, "Password reset")
    mail = Mail(subject=f"[{c.account.name}] {subject}", from_name=c.account.name, from_addr=_noreply(c),
                to=[("", user.email)], text=text, html=html_part, lang=c.lang, agent="wordpress")
    return Draft(mail, "php", "/wp-includes/pluggable.php", mail_from=_noreply(c))


def signup_confirm(ctx: Ctx) -> Draft:
    c, user = ctx, ctx.person()
    url = c.site(f"confirm?t={c.token(32)}")
    text = f"{c.p('hi', n=user.first)}\n\n{c.p('welcome')} {c.p('confirm')}\n\n{url}\n\n{c.account.name}\n"
    mail = Mail(subject=f"{c.p('welcome')} – {c.account.name}", from_name=c.account.name, from_addr=_noreply(c),
                to=[(user.name, user.email)], text=text, lang=c.lang, agent="phpmailer",
                html=compose.page(c.rng, c.lang, compose.paras_html(f"{c.p('hi', n=user.first)}\n\n{c.p('confirm')}")
                                  + compose.button(url, "OK"), c.p("welcome"), c.account.name, "", c.footer())
                if c.rng.random() < 0.6 else None)
    return Draft(mail, "php", "/register/signup.php")


def login_code(ctx: Ctx) -> Draft:
    c, user = ctx, ctx.person()
    code = c.number("", 6)
    t = {"en": f"Your sign-in code is {code}. It expires in 10 minutes. Never share it with anyone, including us.",
         "pt": f"O seu código de acesso é {code}. Expira em 10 minutos. Não o partilhe com ninguém.",
         "ko": f"로그인 인증번호는 {code} 입니다. 10분 후 만료됩니다. 누구에게도 알려 주지 마세요.",
         "zh": f"您的登录验证码是 {code}，10 分钟内有效。请勿告诉任何人。",
         "nl": f"Je inlogcode is {code}. Deze verloopt over 10 minuten."}
    lang = c.use(t)
    mail = Mail(subject={"en": f"{code} is your sign-in code", "pt": f"Código de acesso: {code}",
                         "ko": f"[{c.account.name}] 인증번호 {code}", "zh": f"验证码 {code}",
                         "nl": f"Inlogcode {code}"}[lang], from_name=c.account.name, from_addr=_noreply(c),
                to=[("", user.email)], text=t[lang] + "\n", lang=lang, agent="custom")
    return Draft(mail, "php", "/app/auth/send_code.php")


def ticket_ack(ctx: Ctx) -> Draft:
    c, user = ctx, ctx.person()
    no = c.number("", 5)
    desk = c.box(1)
    text = f"{c.p('hi', n=user.first)}\n\n{c.p('ticket')} (#{no})\n{c.p('reply_soon')}\n\n" \
           f"{c.site(f'support/ticket/{no}')}\n\n{c.account.name}\n"
    mail = Mail(subject=f"[#{no}] {c.p('ticket')}", from_name=f"{c.account.name}", from_addr=desk[1],
                to=[(user.name, user.email)], text=text, lang=c.lang, agent="custom",
                headers=[("Auto-Submitted", "auto-replied")])
    return Draft(mail, "php", "/helpdesk/pipe.php")


def ticket_reply(ctx: Ctx) -> Draft:
    c, user = ctx, ctx.person()
    no = c.number("", 5)
    agent = c.box(0)
    question = {"en": "The export to CSV stops at 500 rows, is that a limit of my plan?",
                "nl": "De koppeling met ons boekhoudpakket geeft sinds gisteren een foutmelding.",
                "pt": "Não consigo descarregar o certificado do módulo 3.",
                "es": "No me llega el correo de confirmación del pedido."}
    answer = {"en": "Thanks for the detail. It is not a plan limit: the export paginates. Use the 'All pages' box "
                    "above the table and you will get every row in one file. I have also fixed the label so it is "
                    "easier to spot.",
              "nl": "Dank voor de melding. Het API-token was verlopen; ik heb een nieuw token aangemaakt en de "
                    "koppeling draait weer. Wil je morgen even controleren of de boekingen doorkomen?",
              "pt": "Obrigado pelo aviso. O certificado só fica disponível depois do questionário final; já "
                    "desbloqueei manualmente o seu.",
              "es": "Lo hemos revisado: tu dirección tenía un espacio al final. Ya está corregido y te hemos "
                    "reenviado el correo."}
    lang = c.use(answer)
    body = f"{c.p('hi', n=user.first)}\n\n{answer[lang]}\n\n{c.p('regards')}\n{agent[0]}\n\n" \
           f"{'-' * 20}\n{compose.quote(question[lang])}\n"
    mail = Mail(subject=f"Re: [#{no}] {question[lang][:40]}", from_name=agent[0], from_addr=c.box(1)[1],
                to=[(user.name, user.email)], text=body, lang=lang, agent="custom")
    return Draft(mail, "php", "/helpdesk/reply.php")


def course_welcome(ctx: Ctx) -> Draft:
    c, user = ctx, ctx.person()
    t = {"en": ("Your course is ready", "You now have lifetime access to the course. Lessons unlock one per day; "
                "the first one is waiting for you in your dashboard."),
         "pt": ("O seu curso já está disponível", "Tem acesso vitalício ao curso. As aulas são desbloqueadas uma "
                "por dia; a primeira já o espera no painel."),
         "ko": ("수강 신청이 완료되었습니다", "온라인 강의실에서 첫 수업을 바로 들으실 수 있습니다. "
                "수업 자료는 매주 월요일에 올라옵니다.")}
    lang = c.use(t)
    subj, line = t[lang]
    url = c.site("dashboard")
    inner = compose.paras_html(f"{c.p('hi', n=user.first)}\n\n{line}") + compose.button(url, subj)
    mail = Mail(subject=subj, from_name=c.account.name, from_addr=c.box(1)[1], to=[(user.name, user.email)],
                html=compose.page(c.rng, lang, inner, subj, c.account.name, "", c.footer()),
                text=f"{c.p('hi', n=user.first)}\n\n{line}\n\n{url}\n", lang=lang, agent="phpmailer")
    return Draft(mail, "php", "/app/enrol/complete.php")


def renewal_notice(ctx: Ctx) -> Draft:
    c, user = ctx, ctx.person()
    t = {"en": "Your membership renews automatically on {d} for {m}. Nothing to do if you want to continue; you can "
               "cancel from your profile page at any time before then.",
         "de": "Ihre Mitgliedschaft verlängert sich am {d} automatisch ({m}). Kündigen können Sie bis dahin "
               "jederzeit in Ihrem Profil.",
         "it": "Il tuo abbonamento si rinnova il {d} al prezzo di {m}. Puoi disdirlo dal tuo profilo prima di "
               "quella data.",
         "he": "המנוי שלך יתחדש אוטומטית ב-{d} בסך {m}. אפשר לבטל בכל עת דרך הפרופיל."}
    lang = c.use(t)
    text = f"{c.p('hi', n=user.first)}\n\n" + t[lang].format(d=c.day(14), m=c.money(20, 120)) + \
        f"\n\n{c.site('profile')}\n\n{c.account.name}\n"
    mail = Mail(subject={"en": "Renewal coming up", "de": "Verlängerung Ihrer Mitgliedschaft",
                         "it": "Rinnovo abbonamento", "he": "חידוש מנוי"}[lang], from_name=c.account.name,
                from_addr=c.box(1)[1], to=[(user.name, user.email)], text=text, lang=lang, agent="python")
    return Draft(mail, "cron", mail_from=c.box(1)[1])
