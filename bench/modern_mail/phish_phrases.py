"""What credential phishing says, per brand family and language: (subject, paragraphs, button label).

Slots: {victim} the recipient's address, {amount} {merchant} {date} {code} {fee} {order} {sender_name} {phone}.
An empty button label means the message asks the victim to call, not to click.
"""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

Phish = tuple[str, list[str], str]

PAYPAL: dict[str, list[Phish]] = {
    "en": [("Your account has been limited", ["We noticed unusual activity on your PayPal account and have "
            "temporarily limited what you can do with it.", "To restore full access, please confirm your "
            "information within 24 hours. If we don't hear from you, your account will be permanently suspended."],
            "Confirm now"),
           ("Action required: unauthorized payment of {amount}", ["A payment of {amount} to {merchant} was sent "
            "from your account.", "If you did not authorize this transaction, cancel it immediately using the "
            "secure link below."], "Cancel payment"),
           ("Receipt for your payment to {merchant}", ["You sent {amount} to {merchant}.", "Transaction ID: "
            "{code}", "Didn't make this purchase? Call PayPal Support at {phone} within 24 hours to get a "
            "refund."], "")],
    "de": [("Ihr PayPal-Konto wurde eingeschränkt", ["Wir haben ungewöhnliche Aktivitäten in Ihrem Konto "
            "festgestellt.", "Bitte bestätigen Sie Ihre Daten innerhalb von 48 Stunden, sonst wird Ihr Konto "
            "dauerhaft gesperrt."], "Jetzt bestätigen")],
    "fr": [("Votre compte PayPal a été suspendu", ["Nous avons détecté une activité inhabituelle sur votre compte.",
            "Veuillez confirmer vos informations sous 24 heures pour éviter la fermeture définitive."],
            "Vérifier mon compte")],
    "es": [("Tu cuenta de PayPal ha sido limitada", ["Hemos detectado un inicio de sesión desde un dispositivo "
            "desconocido.", "Confirma tus datos en las próximas 24 horas para evitar la suspensión."],
            "Verificar ahora")],
    "ja": [("【PayPal】アカウントの一時制限のお知らせ", ["お客様のアカウントで不審なログインが検出されたため、"
            "一時的にご利用を制限しております。", "24時間以内に以下のリンクからご本人確認を行ってください。"
            "確認が取れない場合、アカウントは永久に停止されます。"], "本人確認を行う")],
}

BANK: dict[str, list[tuple[str, Phish]]] = {  # (brand shown, phish)
    "en": [("Lloyds Bank", ("New payee added to your account", ["A new payee was added to your account on {date}.",
            "If this wasn't you, secure your account now before any payment is made."], "Review activity")),
           ("Chase", ("Your account access has been restricted", ["We've temporarily restricted your online access "
            "because we couldn't verify a recent sign-in.", "Verify your identity to restore access."],
            "Verify identity"))],
    "de": [("Sparkasse", ("Wichtig: Aktualisierung Ihres pushTAN-Verfahrens", ["Sehr geehrte Kundin, sehr geehrter "
            "Kunde,", "aufgrund neuer gesetzlicher Vorgaben muss Ihr pushTAN-Verfahren bis zum {date} aktualisiert "
            "werden.", "Andernfalls wird Ihr Online-Banking-Zugang aus Sicherheitsgründen gesperrt."],
            "Jetzt aktualisieren"))],
    "fr": [("Crédit Agricole", ("Alerte sécurité : confirmez votre identité", ["Cher(e) client(e),", "Suite à une "
            "tentative de connexion inhabituelle, votre accès à la banque en ligne a été suspendu.", "Merci de "
            "valider votre identité pour réactiver votre espace."], "Réactiver mon accès"))],
    "es": [("BBVA", ("Aviso: su cuenta ha sido bloqueada temporalmente", ["Estimado cliente:", "Hemos detectado un "
            "acceso no autorizado desde un dispositivo desconocido.", "Para evitar el bloqueo definitivo, verifique "
            "sus datos."], "Verificar identidad"))],
    "ar": [("مصرف الراجحي", ("تحديث بيانات الحساب", ["عميلنا العزيز،", "نود إعلامك بأنه تم إيقاف بطاقتك مؤقتاً "
            "بسبب عدم تحديث بياناتك.", "يرجى تحديث بياناتك عبر الرابط التالي خلال 24 ساعة."], "تحديث البيانات"))],
    "he": [("בנק הפועלים", ("חשבונך הוקפא זמנית", ["לקוח יקר,", "זוהתה פעילות חריגה בחשבונך ולכן הגישה לאתר "
            "הוקפאה.", "לשחרור החסימה יש לאמת את פרטיך בקישור הבא."], "לאימות פרטים"))],
    "zh": [("中国工商银行", ("【工商银行】账户安全升级通知", ["尊敬的客户：", "您的网银证书即将过期，"
            "为保障您的资金安全，"
            "请于24小时内完成升级。", "逾期未升级将暂停网上银行服务。"], "立即升级"))],
}

STREAMING: dict[str, list[Phish]] = {
    "en": [("Your payment was declined", ["We couldn't process your last payment, so your membership is on hold.",
            "Update your payment details to keep watching."], "Update payment"),
           ("Netflix: your account will be closed", ["We were unable to validate your billing information for the "
            "next billing cycle.", "Please update it within 48 hours."], "Restart membership")],
    "de": [("Ihre Zahlung wurde abgelehnt", ["Wir konnten Ihre letzte Zahlung nicht verarbeiten. Ihre "
            "Mitgliedschaft ist pausiert.", "Aktualisieren Sie Ihre Zahlungsdaten, um weiter zu streamen."],
            "Zahlungsdaten aktualisieren")],
    "fr": [("Votre abonnement est suspendu", ["Votre dernier paiement a échoué.", "Mettez à jour votre moyen de "
            "paiement pour continuer à regarder vos séries."], "Mettre à jour")],
    "es": [("Tu membresía está en pausa", ["No hemos podido cobrar tu última cuota.", "Actualiza tu forma de pago "
            "para seguir disfrutando."], "Actualizar pago")],
}

ACCOUNT: dict[str, list[tuple[str, Phish]]] = {
    "en": [("Amazon", ("Your order #{order} could not be shipped", ["We were unable to process the payment for your "
            "recent order.", "Update your payment information within 2 days or your order will be cancelled and "
            "your account suspended."], "Update payment method")),
           ("Apple", ("Your Apple ID has been locked for security reasons", ["Your Apple ID was used to sign in to "
            "iCloud on a Windows PC.", "If this wasn't you, unlock your account and change your password now."],
            "Unlock Apple ID"))],
    "ja": [("Amazon.co.jp", ("【Amazon.co.jp】お支払い方法の情報を更新してください", ["Amazonをご利用いただき"
            "ありがとうございます。", "お客様のお支払い方法が承認されていないため、アカウントを一時停止しています。",
            "24時間以内に情報を更新しない場合、アカウントはロックされます。"], "お支払い方法を更新する")),
           ("三井住友カード", ("【三井住友カード】ご利用確認のお願い", ["いつも三井住友カードをご利用いただき"
            "ありがとうございます。", "第三者による不正利用の可能性があるお取引を検知したため、カードのご利用を"
            "一時的に制限しております。", "以下よりご本人様のご利用かどうかご確認ください。"], "ご利用確認はこちら")),
           ("ETC利用照会サービス", ("【ETC利用照会サービス】退会予告のお知らせ", ["ETC利用照会サービスをご利用"
            "いただきありがとうございます。", "長期間ログインされていないため、まもなく自動退会となります。",
            "引き続きご利用の場合は下記よりログインしてください。"], "ログインする"))],
    "zh": [("淘宝网", ("【淘宝】订单异常退款通知", ["亲爱的用户：", "您购买的商品因质量问题被平台下架，现为您办理"
            "双倍退款。", "请点击下方链接填写收款信息。"], "办理退款"))],
    "de": [("Amazon", ("Ihr Amazon-Konto wurde vorübergehend gesperrt", ["Bei der Überprüfung Ihres Kontos ist ein "
            "Fehler aufgetreten.", "Bitte bestätigen Sie Ihre Zahlungsinformationen innerhalb von 24 Stunden."],
            "Konto bestätigen"))],
}

M365: dict[str, list[Phish]] = {
    "en": [("Password expiry notice for {victim}", ["The password for your Microsoft 365 account {victim} expires "
            "today.", "Use the link below to keep your current password. If no action is taken, you will be signed "
            "out of all devices."], "Keep current password"),
           ("{sender_name} shared \"Q1 Payment Schedule.xlsx\" with you", ["{sender_name} has shared a file with "
            "you via SharePoint Online.", "Q1 Payment Schedule.xlsx", "This link only works for the direct "
            "recipients of this message."], "Open"),
           ("You have (3) new voice messages", ["You received a new voicemail from {phone}. Duration: 00:47.",
            "Listen to the message in your Microsoft 365 portal."], "Play voicemail"),
           ("[Action Required] Pending incoming messages", ["You have 6 pending messages that were not delivered to "
            "your inbox due to a system error.", "Release them now to avoid deletion."], "Release messages")],
    "de": [("Ihr Kennwort läuft heute ab", ["Das Kennwort für {victim} läuft heute ab.", "Klicken Sie unten, um Ihr "
            "aktuelles Kennwort beizubehalten."], "Kennwort beibehalten"),
           ("{sender_name} hat \"Rechnung_2025.pdf\" für Sie freigegeben", ["{sender_name} hat ein Dokument über "
            "OneDrive für Sie freigegeben.", "Rechnung_2025.pdf"], "Öffnen")],
    "fr": [("Votre mot de passe expire aujourd'hui", ["Le mot de passe de votre compte {victim} expire aujourd'hui.",
            "Cliquez ci-dessous pour conserver votre mot de passe actuel."], "Conserver le mot de passe")],
    "es": [("Documento compartido contigo: Pago pendiente.pdf", ["{sender_name} ha compartido un archivo contigo "
            "en OneDrive.", "Pago pendiente.pdf"], "Abrir")],
    "ja": [("【Microsoft 365】パスワードの有効期限のお知らせ", ["{victim} のパスワードの有効期限は本日までです。",
            "現在のパスワードを引き続き使用するには、以下をクリックしてください。"], "パスワードを維持する")],
}
# (subject, body) of a message whose attachment is the phishing page itself
ATTACHED_PAGE = {"en": ("Remittance advice", "Please see the attached remittance advice for payment made today."),
                 "de": ("Zahlungsavis", "Anbei erhalten Sie den Zahlungsavis zu Ihrer Rechnung."),
                 "fr": ("Avis de paiement", "Veuillez trouver ci-joint l'avis de paiement."),
                 "es": ("Justificante de pago", "Adjunto el justificante de pago."),
                 "ja": ("お振込明細のご案内", "本日のお振込明細を添付いたします。")}

WEBMAIL: dict[str, list[Phish]] = {
    "en": [("Mailbox storage full: {victim}", ["Your mailbox has reached 99% of its storage quota (1.98 GB of 2 GB).",
            "You may stop receiving new messages. Verify your account below to get 5 GB of extra storage free of "
            "charge."], "Increase storage"),
           ("Email deactivation notice", ["We received a request to deactivate your email account {victim}.",
            "If you did not make this request, cancel it below within 24 hours."], "Cancel request"),
           ("cPanel: your email account will be suspended", ["Our system could not verify your mailbox {victim}.",
            "Enter your password below to confirm ownership. Unverified accounts are removed after 48 hours."],
            "Verify now")],
    "de": [("Ihr Postfach ist voll", ["Ihr Postfach {victim} hat das Speicherlimit erreicht.", "Neue Nachrichten "
            "werden zurückgewiesen. Bestätigen Sie Ihr Konto, um den Speicher kostenlos zu erweitern."],
            "Speicher erweitern")],
    "fr": [("Votre boîte de réception est pleine", ["Votre boîte {victim} a atteint sa limite de stockage.",
            "Validez votre compte pour continuer à recevoir vos messages."], "Augmenter l'espace")],
    "es": [("Su buzón de correo ha superado el límite", ["El buzón {victim} ha superado el límite de "
            "almacenamiento.", "Valide su cuenta para no perder mensajes."], "Validar cuenta")],
    "zh": [("【系统通知】您的邮箱即将停用", ["您的邮箱 {victim} 存储空间已满，部分邮件已被退回。", "请在24小时内"
            "验证您的账户，否则邮箱将被停用。"], "立即验证")],
    "ar": [("تنبيه: صندوق بريدك ممتلئ", ["لقد تجاوز صندوق بريدك {victim} الحد المسموح به.", "يرجى التحقق من "
            "حسابك لتجنب إيقاف الخدمة."], "التحقق الآن")],
    "he": [("תיבת הדואר שלך מלאה", ["תיבת הדואר {victim} הגיעה למכסת האחסון.", "יש לאמת את החשבון כדי להמשיך "
            "לקבל הודעות."], "לאימות החשבון")],
}
PASSWORD = {"en": "Password", "de": "Passwort", "fr": "Mot de passe", "es": "Contraseña", "zh": "密码",
            "ar": "كلمة المرور", "he": "סיסמה", "ja": "パスワード"}

DELIVERY: dict[str, list[tuple[str, Phish]]] = {
    "en": [("DHL Express", ("DHL: Your parcel is on hold, customs fee due", ["Your shipment {code} is waiting at "
            "our depot.", "A customs fee of {fee} must be paid before delivery can be scheduled."], "Pay now")),
           ("Royal Mail", ("Delivery attempt failed", ["We tried to deliver your parcel today but nobody was home.",
            "Please reschedule within 48 hours, otherwise it will be returned to the sender. A redelivery fee of "
            "{fee} applies."], "Reschedule delivery"))],
    "de": [("DHL Paket", ("Ihr Paket konnte nicht zugestellt werden", ["Sendungsnummer: {code}", "Für die "
            "Zustellung fallen noch Zollgebühren von {fee} an.", "Bitte begleichen Sie den Betrag innerhalb von 48 "
            "Stunden."], "Gebühr bezahlen"))],
    "fr": [("La Poste", ("Votre colis est en attente de livraison", ["Colis n° {code} : des frais de {fee} restent à "
            "régler.", "Sans paiement sous 48 h, le colis sera retourné à l'expéditeur."], "Régler les frais"))],
    "es": [("Correos", ("Correos: su envío está retenido", ["Su paquete {code} está pendiente del pago de tasas de "
            "aduana ({fee}).", "Si no se abona en 48 horas, será devuelto al remitente."], "Pagar tasas"))],
    "ja": [("日本郵便", ("【日本郵便】お荷物のお届けについて", ["お客様宛にお荷物のお届けにあがりましたが、"
            "宛先不明のため持ち帰りました。", "下記URLより配達先住所をご確認ください。"], "再配達のお申し込み"))],
    "zh": [("顺丰速运", ("【顺丰速运】您的快件因地址不详无法派送", ["运单号：{code}", "请在24小时内点击链接更新收件"
            "地址，并支付{fee}的补寄费用。"], "更新地址"))],
    "ar": [("Aramex", ("أرامكس: شحنتك بانتظار دفع الرسوم", ["شحنتك رقم {code} محتجزة لدى الجمارك.", "يرجى سداد "
            "رسوم قدرها {fee} لإتمام التوصيل."], "ادفع الآن"))],
}
