"""What scams say, per language: advance fee, investment, sextortion, lottery, gift cards, fake renewals.

Slots: {name} {amount} {btc} {wallet} {link} {phone} {ref} {first} {boss} {victim}.
"""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

Scam = tuple[str, str]  # (subject, body)

ADVANCE_FEE: dict[str, list[Scam]] = {
    "en": [("Dear Friend", "Dear Friend,\n\nI am Mrs. Grace Mensah, a widow suffering from a long illness. My late "
            "husband left the sum of $4,500,000 (Four Million Five Hundred Thousand US Dollars) with a finance house "
            "here. As my doctors say I have little time left, I want an honest person to receive this fund and use "
            "part of it for charity.\n\nReply with your full name, country and phone number so I can give you the "
            "details.\n\nGod bless you,\nMrs. Grace Mensah"),
           ("COMPENSATION PAYMENT", "Attention Beneficiary,\n\nThe international compensation committee has approved "
            "a payment of $1,500,000.00 to you as one of the victims of online fraud. Your file number is {ref}.\n\n"
            "Contact our paying agent with your full name and address to receive your ATM card.\n\nRegards,\n"
            "Dr. {name}"),
           ("Business Proposal", "Hello,\n\nI am {name}, an account officer with a bank in Asia. A foreign client of "
            "ours died four years ago and left a deposit of $12.7M with no next of kin. I can present you as the "
            "beneficiary; we share 50/50 and it is 100% risk free.\n\nIf interested, reply to my private email."),
           ("Urgent reply needed", "Good day, I have a proposal worth $8.2M for you. Kindly reply to my private "
            "email for details.\n\n{name}"),
           ("Your inheritance", "Dear {first},\n\nI am barrister {name}. I contacted you because you share the last "
            "name of my late client, who left $6,800,000 in an account. Nobody has claimed it in six years. Please "
            "get back to me so we can discuss how to process the claim.")],
    "fr": [("Don important", "Bonjour,\n\nJe suis Mme Sophie Laurent, atteinte d'une maladie grave. Je souhaite faire "
            "don de la somme de 850 000 € à une personne honnête avant mon décès. Répondez-moi avec votre nom "
            "complet et votre numéro de téléphone.\n\nQue Dieu vous bénisse.")],
    "es": [("Herencia sin reclamar", "Estimado amigo:\n\nSoy el abogado {name}. Un cliente mío falleció sin "
            "herederos y dejó 7,2 millones de euros en un banco. Como comparte usted su apellido, podemos "
            "presentarle como beneficiario. Responda para más detalles.")],
    "de": [("Erbschaft", "Guten Tag,\n\nich bin Rechtsanwalt {name}. Ein verstorbener Mandant mit Ihrem Nachnamen "
            "hat ein Guthaben von 6,8 Millionen Euro hinterlassen. Bitte melden Sie sich vertraulich bei mir, damit "
            "wir die Auszahlung besprechen können.")],
    "ar": [("مساعدة عاجلة", "السلام عليكم،\n\nأنا السيدة عائشة، أرملة وأعاني من مرض خطير. ترك زوجي الراحل مبلغ "
            "3.8 مليون دولار في أحد البنوك، وأرغب في أن يساعدني شخص أمين في استثماره في أعمال الخير.\n\nأرجو الرد "
            "مع اسمك الكامل ورقم هاتفك.")],
    "zh": [("商业合作（保密）", "您好！\n\n我是一家银行的审计经理，有一笔无人认领的资金1250万美元。我可以将您安排为"
            "受益人，所得按五五分成，绝对安全合法。\n\n如有兴趣请回复我的私人邮箱。")],
}

CRYPTO: dict[str, list[Scam]] = {
    "en": [("How I made £47,000 in 3 weeks", "Hi {first},\n\nI was sceptical too. Then a friend showed me the AI "
            "trading app that everyone on the news is talking about. I put in £250 and it traded for me while I "
            "slept.\n\nRegistration closes tonight: {link}\n\nDon't tell anyone I sent you this ;)"),
           ("Your BTC balance: 0.8742 BTC", "Your account has an unclaimed balance of 0.8742 BTC ($57,214.33).\n\n"
            "Withdraw before {date} or the funds will be returned to the pool.\n\nWithdraw now: {link}"),
           ("Double your crypto, official giveaway", "To celebrate our milestone we are giving away 5,000 BTC. Send "
            "any amount between 0.1 and 20 BTC to the address below and receive double back instantly.\n\n{wallet}"
            "\n\nDetails: {link}")],
    "de": [("Passives Einkommen mit KI-Trading", "Hallo {first},\n\ndie neue Plattform verdient mit künstlicher "
            "Intelligenz bis zu 2.400 € pro Tag. Schon ab 250 € Einlage.\n\nJetzt registrieren: {link}")],
    "es": [("Gana 1.500 € al día desde casa", "La plataforma de inversión automática que recomiendan los expertos. "
            "Empieza con solo 250 €.\n\nRegístrate aquí: {link}")],
    "fr": [("Investissez 250 € et gagnez jusqu'à 1 800 €/jour", "Découvrez la plateforme de trading automatisée "
            "dont tout le monde parle.\n\nInscription gratuite : {link}")],
    "ja": [("【限定】AI投資で月収100万円", "はじめまして。\n誰でも簡単に始められるAI自動売買で、毎日安定した利益を"
            "得ています。\n今だけ無料で参加できます。\n\n詳しくはこちら：{link}")],
    "zh": [("【内部消息】数字货币稳赚项目", "您好，我们的团队利用内部消息操作数字货币，月收益30%以上。\n名额有限，"
            "添加助理了解详情：{link}")],
    "ar": [("استثمر 250 دولار واربح يومياً", "منصة تداول ذكية تحقق أرباحاً يومية مضمونة.\nسجل الآن: {link}")],
}

SEXTORTION: dict[str, list[Scam]] = {
    "en": [("Your account has been hacked", "Hello!\n\nI have bad news for you. I got access to your device months "
            "ago through a website you visited. Since then I have recorded you through your camera while you were "
            "watching adult sites. I also have all your contacts.\n\nTransfer {btc} in Bitcoin to this wallet:\n"
            "{wallet}\n\nYou have 48 hours after opening this email. If I get the payment, I will delete everything. "
            "If not, the video goes to all your contacts.\n\nDo not reply, this mailbox is not monitored."),
           ("{victim}", "I know your password and I sent this message from your own account. I have a video of you. "
            "Pay {btc} to {wallet} within two days and I'll erase it.")],
    "de": [("Ihr Konto wurde gehackt", "Hallo,\n\nich habe vor einigen Monaten Zugriff auf Ihr Gerät erlangt und Sie "
            "über Ihre Kamera aufgenommen. Überweisen Sie {btc} in Bitcoin an folgende Adresse:\n{wallet}\n\nSie "
            "haben 48 Stunden Zeit. Danach wird das Video an alle Ihre Kontakte geschickt.")],
    "fr": [("Votre appareil a été piraté", "Bonjour,\n\nJ'ai accès à votre ordinateur depuis plusieurs mois et j'ai "
            "enregistré des vidéos compromettantes. Envoyez {btc} en Bitcoin à l'adresse suivante :\n{wallet}\n\n"
            "Vous avez 48 heures.")],
    "es": [("Tu dispositivo ha sido hackeado", "Hola,\n\nTengo acceso a tu dispositivo y grabaciones tuyas. Envía "
            "{btc} en Bitcoin a esta dirección:\n{wallet}\n\nTienes 48 horas o el vídeo llegará a todos tus "
            "contactos.")],
    "ja": [("あなたのデバイスをハッキングしました", "こんにちは。\nあなたのデバイスに数か月前からアクセスしています。"
            "カメラで撮影した動画を持っています。\n48時間以内に{btc}相当のビットコインを以下に送金してください。\n"
            "{wallet}\n送金がない場合、動画をすべての連絡先に送ります。")],
    "he": [("החשבון שלך נפרץ", "שלום,\n\nיש לי גישה למכשיר שלך כבר כמה חודשים, וצילמתי אותך דרך המצלמה. העבר "
            "{btc} בביטקוין לכתובת הזו:\n{wallet}\n\nיש לך 48 שעות.")],
}

LOTTERY: dict[str, list[Scam]] = {
    "en": [("Congratulations! You have won €850,000", "Your email address was selected in the International Email "
            "Lottery Programme and has won €850,000.00.\n\nTicket no: {ref}\nBatch: 7/3041/EM\n\nTo claim, send your "
            "full name, address, age and phone number to our claims agent, {name}."),
           ("WINNING NOTIFICATION", "Dear Winner, your email won 1,000,000 USD in our annual online draw. Reply "
            "with your details to claim. Reference: {ref}")],
    "es": [("¡Ha ganado 650.000 €!", "Su dirección de correo ha resultado premiada en el sorteo internacional. "
            "Número de referencia: {ref}. Contacte con nuestro agente para reclamar el premio.")],
    "fr": [("Vous avez gagné !", "Félicitations, votre adresse e-mail a gagné 500 000 € lors du tirage "
            "international. Référence : {ref}. Contactez notre agent pour recevoir vos gains.")],
    "de": [("Gewinnbenachrichtigung", "Herzlichen Glückwunsch! Ihre E-Mail-Adresse hat 750.000 € gewonnen. "
            "Gewinnnummer: {ref}. Bitte kontaktieren Sie unseren Sachbearbeiter.")],
    "ar": [("مبروك! لقد ربحت", "تهانينا، فاز بريدك الإلكتروني بمبلغ 500,000 دولار في السحب الدولي. رقم المرجع: "
            "{ref}. يرجى التواصل مع الوكيل لاستلام الجائزة.")],
    "zh": [("恭喜您中奖了", "恭喜！您的邮箱在国际抽奖活动中获得一等奖50万美元。中奖编号：{ref}。"
            "请尽快联系理赔专员领取奖金。")],
}

GIFT_CARD: dict[str, list[Scam]] = {
    "en": [("Are you available?", "Are you available? I need you to do something for me quickly. I'm in a meeting "
            "and can't take calls.\n\n{boss}\nSent from my iPhone"),
           ("Quick favour", "Hi {first}, I need to get some gift cards for a few clients today, it's a surprise. "
            "Can you get 5 Apple gift cards of $200 each from the store? Scratch the backs and send me pictures "
            "of the codes. I'll pay you back this evening.\n\n{boss}"),
           ("Request", "Hi, are you at your desk? Reply to this email only, I have a task for you.\n\n{boss}")],
    "de": [("Kurze Bitte", "Hallo {first}, bist du gerade erreichbar? Ich brauche dringend einen Gefallen, kann "
            "aber nicht telefonieren.\n\n{boss}")],
    "fr": [("Disponible ?", "Bonjour {first}, es-tu disponible ? J'ai besoin de toi pour une tâche urgente et "
            "confidentielle.\n\n{boss}")],
    "es": [("¿Estás disponible?", "Hola {first}, ¿estás disponible? Necesito que me hagas un favor urgente, estoy "
            "en una reunión.\n\n{boss}")],
}

TECH_SUPPORT: dict[str, list[Scam]] = {
    "en": [("Your Norton 360 subscription has been renewed", "Dear Customer,\n\nYour Norton 360 Deluxe plan has been "
            "renewed automatically for another year.\n\nInvoice no: {ref}\nAmount: $399.99\nPayment: Auto-debit\n\n"
            "If you did not authorize this renewal, call our billing department within 24 hours at {phone} to "
            "cancel and get a full refund."),
           ("Geek Squad: Annual membership renewed", "Thank you for renewing your Geek Squad membership. $349.99 "
            "will be charged to your account today.\n\nTo cancel, call {phone}.\n\nOrder ID: {ref}"),
           ("McAfee Total Protection: payment received", "Your McAfee subscription was renewed for 3 devices. "
            "Total charged: $499.00.\nQuestions or refunds: {phone}")],
    "de": [("Ihr Abonnement wurde verlängert", "Ihr Antivirus-Abonnement wurde automatisch für 299,99 € "
            "verlängert. Rechnungsnummer: {ref}. Zur Kündigung rufen Sie an: {phone}")],
    "fr": [("Renouvellement de votre abonnement", "Votre abonnement antivirus a été renouvelé pour 299,99 €. "
            "Facture : {ref}. Pour annuler, appelez le {phone}.")],
}
