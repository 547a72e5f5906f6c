"""What web sites write about accounts: password resets, sign-up confirmations, notices to the site owner.

Slots: {site} {user} {url} {ip} {mins} {code} {email} {order} {total} {author} {post} {version} {name}.
"""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

# (subject, intro, button label, closing) variants
RESET: dict[str, list[tuple[str, str, str, str]]] = {
    "en": [("[{site}] Password reset", "Somebody asked to reset the password of the account {user} on {site}.",
            "Choose a new password", "If that wasn't you, ignore this email: your password stays as it is. "
            "The request came from {ip}."),
           ("Reset your password", "We received a request to reset your password. The link below works for "
            "{mins} minutes.", "Reset password", "Didn't ask for this? You can safely ignore this message."),
           ("Your verification code", "Use this code to finish signing in to {site}:", "",
            "The code expires in {mins} minutes. Never share it with anyone.")],
    "de": [("[{site}] Passwort zurücksetzen", "für das Benutzerkonto {user} auf {site} wurde ein neues Passwort "
            "angefordert.", "Neues Passwort festlegen", "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail "
            "einfach. Die Anfrage kam von der IP-Adresse {ip}."),
           ("Ihr Bestätigungscode", "Ihr Code für die Anmeldung bei {site}:", "",
            "Der Code ist {mins} Minuten gültig.")],
    "fr": [("[{site}] Réinitialisation du mot de passe", "Une demande de réinitialisation du mot de passe a été "
            "faite pour le compte {user}.", "Choisir un nouveau mot de passe", "Si vous n'êtes pas à l'origine de "
            "cette demande, ignorez simplement cet e-mail. Le lien expire dans {mins} minutes.")],
    "es": [("Restablece tu contraseña", "Hemos recibido una solicitud para cambiar la contraseña de tu cuenta "
            "{user} en {site}.", "Crear nueva contraseña", "Si no has sido tú, ignora este correo; tu contraseña "
            "no cambiará. El enlace caduca en {mins} minutos."),
           ("Tu código de verificación", "Introduce este código para acceder a {site}:", "",
            "Caduca en {mins} minutos.")],
    "ar": [("إعادة تعيين كلمة المرور", "تلقينا طلباً لإعادة تعيين كلمة المرور لحسابك {user} على {site}.",
            "تعيين كلمة مرور جديدة", "إذا لم تطلب ذلك فتجاهل هذه الرسالة. الرابط صالح لمدة {mins} دقيقة.")],
    "he": [("איפוס סיסמה", "קיבלנו בקשה לאפס את הסיסמה של החשבון {user} באתר {site}.", "לבחירת סיסמה חדשה",
            "אם לא ביקשת זאת, אפשר להתעלם מההודעה. הקישור תקף ל-{mins} דקות.")],
    "ja": [("【{site}】パスワード再設定のご案内", "パスワード再設定のリクエストを受け付けました。\n"
            "下記のリンクから新しいパスワードを設定してください。", "パスワードを再設定する",
            "このリンクの有効期限は{mins}分です。お心当たりのない場合は、このメールを破棄してください。"),
           ("【{site}】認証コードのお知らせ", "ログイン用の認証コードは以下のとおりです。", "",
            "有効期限は{mins}分です。")],
    "zh": [("【{site}】重置密码", "我们收到了重置您账户 {user} 密码的请求。", "重置密码",
            "如果这不是您本人的操作，请忽略本邮件。链接将在{mins}分钟后失效。"),
           ("【{site}】验证码", "您的登录验证码为：", "", "验证码{mins}分钟内有效，请勿告诉他人。")],
}

# (subject, intro, button label, closing)
SIGNUP: dict[str, list[tuple[str, str, str, str]]] = {
    "en": [("Please confirm your email address", "Thanks for creating an account at {site}. One more step: "
            "confirm that {email} is yours.", "Confirm my email", "If you didn't sign up, just ignore this email."),
           ("Welcome to {site}!", "Your account is ready. Your username is {user}.", "Log in",
            "Questions? Reply to this email and a real person will answer."),
           ("Confirm your subscription", "You asked to receive news from {site}. Please confirm so we know it "
            "was you.", "Yes, subscribe me", "No confirmation, no emails: we won't add you otherwise.")],
    "de": [("Bitte bestätigen Sie Ihre E-Mail-Adresse", "vielen Dank für Ihre Registrierung bei {site}. Bitte "
            "bestätigen Sie Ihre Adresse {email}.", "E-Mail-Adresse bestätigen", "Falls Sie sich nicht "
            "registriert haben, können Sie diese Nachricht ignorieren."),
           ("Newsletter-Anmeldung bestätigen", "bitte bestätigen Sie Ihre Anmeldung zum Newsletter von {site}.",
            "Anmeldung bestätigen", "Ohne Bestätigung erhalten Sie keine E-Mails von uns.")],
    "fr": [("Bienvenue sur {site} !", "Votre compte a bien été créé. Votre identifiant : {user}.",
            "Accéder à mon compte", "Si vous n'avez pas créé de compte, ignorez ce message."),
           ("Confirmez votre inscription", "Merci de confirmer votre adresse {email} pour recevoir nos actualités.",
            "Je confirme", "Sans confirmation, vous ne recevrez aucun e-mail.")],
    "es": [("Confirma tu dirección de correo", "Gracias por registrarte en {site}. Confirma que {email} es tuya.",
            "Confirmar correo", "Si no te has registrado, ignora este mensaje."),
           ("¡Bienvenido/a a {site}!", "Tu cuenta ya está activa. Usuario: {user}.", "Entrar",
            "Cualquier duda, responde a este correo.")],
    "ar": [("يرجى تأكيد بريدك الإلكتروني", "شكراً لتسجيلك في {site}. يرجى تأكيد عنوانك {email}.",
            "تأكيد البريد الإلكتروني", "إذا لم تقم بالتسجيل فتجاهل هذه الرسالة.")],
    "he": [("ברוכים הבאים ל{site}", "החשבון שלך נוצר בהצלחה. שם המשתמש: {user}.", "כניסה לחשבון",
            "אם לא נרשמת, אפשר להתעלם מהודעה זו."),
           ("אישור הרשמה לניוזלטר", "כדי להתחיל לקבל עדכונים מ{site} יש לאשר את הכתובת {email}.", "אישור הרשמה",
            "ללא אישור לא נשלח אליך הודעות.")],
    "ja": [("【{site}】会員登録のご確認", "{site}への会員登録ありがとうございます。\n"
            "以下のリンクをクリックして、メールアドレスの確認を完了してください。", "メールアドレスを確認する",
            "本メールにお心当たりのない場合は、破棄していただきますようお願いいたします。")],
    "zh": [("欢迎注册{site}", "感谢您注册{site}！请点击下方按钮验证您的邮箱 {email}。", "验证邮箱",
            "如果您没有注册，请忽略本邮件。")],
}

# notices the site sends its owner: (subject, body)
OWNER: dict[str, list[tuple[str, str]]] = {
    "en": [("[{site}] New order #{order}", "You've received a new order from {name}.\nOrder total: {total}\n"
            "View it in your dashboard: {url}"),
           ("[{site}] New user registration", "New user registration on your site {site}:\n\nUsername: {user}\n"
            "Email: {email}"),
           ("[{site}] Please moderate: \"{post}\"", "A new comment on the post \"{post}\" is waiting for your "
            "approval.\n\nAuthor: {author}\nEmail: {email}\n\nApprove it: {url}"),
           ("[{site}] Your site has updated to WordPress {version}", "Howdy! Your site at {home} has been updated "
            "automatically to WordPress {version}.\n\nNo further action is needed."),
           ("Backup of {site} complete", "The scheduled backup finished.\nFiles: 412 MB, database: 38 MB.\n"
            "Stored in: remote storage (daily)\nLog: {url}")],
    "de": [("[{site}] Neue Bestellung #{order}", "Sie haben eine neue Bestellung von {name} erhalten.\n"
            "Bestellsumme: {total}\nZur Bestellung: {url}"),
           ("[{site}] Neuer Benutzer", "Neue Registrierung auf {site}:\n\nBenutzername: {user}\nE-Mail: {email}"),
           ("[{site}] Bitte moderiere: „{post}“", "Zum Beitrag „{post}“ wartet ein neuer Kommentar auf "
            "Freigabe.\n\nAutor: {author}\n\nFreigeben: {url}")],
    "fr": [("[{site}] Nouvelle commande n°{order}", "Vous avez reçu une nouvelle commande de {name}.\n"
            "Montant : {total}\nVoir la commande : {url}"),
           ("[{site}] Nouvel inscrit", "Nouvelle inscription sur {site} :\n\nIdentifiant : {user}\n"
            "E-mail : {email}")],
    "es": [("[{site}] Nuevo pedido n.º {order}", "Has recibido un pedido nuevo de {name}.\nTotal: {total}\n"
            "Ver pedido: {url}"),
           ("[{site}] Nuevo registro de usuario", "Nuevo usuario en {site}:\n\nNombre de usuario: {user}\n"
            "Correo: {email}")],
    "ar": [("[{site}] طلب جديد رقم {order}", "وصلك طلب جديد من {name}.\nالإجمالي: {total}\nعرض الطلب: {url}")],
    "he": [("[{site}] הזמנה חדשה מספר {order}", "התקבלה הזמנה חדשה מ{name}.\nסה\"כ: {total}\nלצפייה: {url}")],
    "ja": [("[{site}] 新規注文 #{order}", "{name}様から新しいご注文が入りました。\n合計：{total}\n注文詳細：{url}"),
           ("[{site}] 新規ユーザー登録", "サイトに新しいユーザーが登録されました。\n\nユーザー名：{user}\n"
            "メール：{email}")],
    "zh": [("[{site}] 新订单 #{order}", "您收到来自{name}的新订单。\n订单金额：{total}\n查看订单：{url}")],
}
