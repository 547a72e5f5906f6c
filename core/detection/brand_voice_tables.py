"""Words that make a message speak for a brand (core/detection/checks/brand_voice.py): the reader's account with the
brand,
the brand's team signing, the brand's customer greeted. Policy as data: extend a table here, not the check.

Every entry is folded the way the check folds text (lower case, accents and other combining marks removed), so
write them naturally ("suscripción", "サポート"). Chinese, Japanese and Korean words match the start of a run of
such characters (nouns) or its end (possessives: "尊敬的用户您的"), since those scripts write no spaces.
"""

from __future__ import annotations

#: Possessives of the reader, written before the noun ("your", "Ihr", "votre", "您的") or after it (Hebrew
#: "שלך", Arabic "بك" of "الخاص بك").
POSSESSIVES = frozenset({
    "your", "ihr", "ihre", "ihren", "ihrem", "ihres", "dein", "deine", "deinen", "deinem", "su", "tu", "sus",
    "tus", "votre", "vos", "ton", "ta", "tes", "tuo", "tua", "suo", "sua", "vostro", "vostra", "seu", "teu",
    "uw", "je", "jouw", "twoje", "twoj", "twoja", "twojego", "panstwa",
    "שלך", "שלכם", "بك", "لديك",
    "您的", "你的", "您在", "你在", "お客様の", "あなたの", "귀하의", "고객님의", "회원님의",
})
#: What the reader has with a brand: an account and its keys, a subscription, a payment, a parcel.
ACCOUNT_NOUNS = frozenset({
    "account", "id", "password", "login", "membership", "subscription", "wallet", "profile", "mailbox",
    "balance", "card", "payment", "storage", "parcel", "package", "shipment", "delivery",
    "konto", "kundenkonto", "zugang", "passwort", "mitgliedschaft", "abo", "abonnement", "paket", "sendung",
    "zahlung", "karte", "postfach", "speicher",
    "cuenta", "contraseña", "suscripción", "membresía", "paquete", "envío", "pago", "tarjeta", "buzón",
    "compte", "identifiant", "colis", "livraison", "paiement", "carte", "adhésion",
    "conto", "abbonamento", "pacco", "spedizione", "pagamento", "carta", "iscrizione",
    "conta", "assinatura", "pacote", "encomenda", "cartão", "senha", "cadastro",
    "rekening", "pakket", "zending", "betaling", "lidmaatschap", "wachtwoord",
    "حساب", "اشتراك", "شحنة", "طرد", "بطاقة", "חשבון", "החשבון", "מנוי", "המנוי", "משלוח", "המשלוח",
    "חבילה", "החבילה", "סיסמה",
    "账户", "帐户", "帳戶", "账号", "帐号", "帳號", "会员", "會員", "订阅", "訂閱", "包裹", "密码", "密碼",
    "アカウント", "パスワード", "荷物", "계정", "회원", "비밀번호",
})
#: Nouns that carry the reader's possessive themselves (Arabic "حسابك", Hebrew "חשבונך", Turkish "hesabiniz":
#: written with a dotted i, which the check folds the dotless one to).
OWNED_NOUNS = frozenset({
    "حسابك", "اشتراكك", "شحنتك", "بطاقتك", "חשבונך", "hesabiniz", "hesabin", "uyeliginiz",
    "aboneliginiz", "kartiniz",
})
#: The brand's own people signing or speaking, right after the brand ("PayPal Support", "Das Netflix-Team").
SPEAKERS_AFTER = frozenset({
    "team", "support", "helpdesk", "kundenservice", "kundendienst", "kundensupport", "sicherheitsteam",
    "klantenservice", "supportteam", "servicedesk",
    "客服", "团队", "團隊", "安全中心", "サポート", "カスタマーサービス", "セキュリティ", "고객센터", "팀",
})
#: Two-word speakers right after the brand ("PayPal Customer Service", "Apple Security Team").
SPEAKER_PAIRS_AFTER = frozenset({
    ("customer", "service"), ("customer", "care"), ("customer", "support"), ("security", "team"),
    ("security", "center"), ("security", "centre"), ("security", "department"), ("account", "team"),
    ("accounts", "team"), ("help", "center"), ("help", "centre"), ("fraud", "department"),
    ("service", "team"), ("billing", "team"), ("billing", "department"), ("service", "client"),
    ("servicio", "tecnico"),
})
#: The brand's team named before the brand, maybe with a preposition ("el equipo de Netflix", "فريق PayPal").
SPEAKERS_BEFORE = frozenset({
    "equipo", "équipe", "léquipe", "kundenservice", "kundendienst", "klantenservice", "assistenza",
    "atendimento", "soporte", "suporte", "servizio", "فريق", "دعم", "خدمة", "צוות", "תמיכת", "שירות",
})
PREPOSITIONS = frozenset({
    "de", "di", "da", "do", "du", "del", "della", "von", "vom", "chez", "van", "bij", "bei", "no", "na", "das",
    "le", "la", "el", "il", "o", "a",
    "في", "لدى", "على", "ב", "ה", "של",
})
#: A greeting of the brand's customer ("Dear PayPal customer", "Sehr geehrter PayPal-Kunde", "尊敬的PayPal用户").
GREETINGS = frozenset({
    "dear", "hello", "hi", "geehrter", "geehrte", "liebe", "lieber", "hallo", "cher", "chère", "estimado",
    "estimada", "querido", "querida", "gentile", "caro", "cara", "prezado", "prezada", "beste", "geachte",
    "szanowny", "szanowna", "عزيزي", "عزيزتي", "יקר", "יקרה", "尊敬的", "亲爱的", "親愛的", "親愛なる",
})
CUSTOMERS = frozenset({
    "customer", "member", "user", "client", "kunde", "kundin", "nutzer", "mitglied", "klant", "gebruiker",
    "cliente", "usuario", "utente", "utilisateur", "membre", "usuário", "klient", "عميل", "مستخدم", "לקוח",
    "לקוחה", "משתמש", "用户", "用戶", "客户", "客戶", "会员", "會員", "お客様", "고객님", "회원님",
})
