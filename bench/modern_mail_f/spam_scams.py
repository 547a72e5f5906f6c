# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Set F's fraud: callback invoices, business email compromise, advance fee, sextortion, romance, investment,
fake jobs and money mules, lottery, fake tech support, extortion, fake charity."""

from __future__ import annotations

from bench.modern_mail.model import Attachment
from bench.modern_mail_f import files
from bench.modern_mail_f.context import Ctx
from bench.modern_mail_f.spam_build import BadFamily, Text


def _fake_invoice(c: Ctx, victim: str) -> Attachment:
    return Attachment(f"INV-{c.number('', 7)}.pdf", "application/pdf",
                      files.pdf("Order confirmation", ["Total Defender Pro 3-year plan", "Amount charged 489.99 USD",
                                                       "Call +1 888 555 0143 to cancel within 24 hours"]))


_MAILBOX = ("intruder", "webmail")

FAMILIES = (
    BadFamily("scam_callback_antivirus", "scam", {
        "en": Text(("Your subscription has been renewed - order {ref}", "Auto-renewal successful: {amount}",
                    "Invoice {ref} - thank you for your payment"),
                   ("Dear customer,", "Hello,"),
                   ("Your 3-year protection plan has been renewed and {amount} was charged to your card on file.",
                    "Thank you for renewing your security subscription for 5 devices."),
                   ("If you did not authorise this charge, call our billing desk within 24 hours: {phone}",
                    "To cancel and get a refund, phone {phone} (toll free)."),
                   ("Billing Department", "Customer Care"), ("Call now",))},
        ("Norton Billing", "McAfee Renewals", "Geek Squad Support", "Total Defender"), html=0.5,
        attach=_fake_invoice),
    BadFamily("scam_callback_order", "scam", {
        "en": Text(("Your order of an iPhone 16 Pro has shipped", "Payment of {amount} sent to a merchant"),
                   ("Hi,",), ("You sent a payment of {amount} to Digital Goods LLC. Transaction ID {ref}.",),
                   ("Don't recognise this? Call us: {phone}",), ("",), ("Contact us",))},
        ("PayPal Service", "Order Desk", "Amazon Orders"), html=0.6),
    BadFamily("bec_gift_cards", "scam", {
        "en": Text(("Quick favour", "Are you available?", "Need this done today"),
                   ("Hi {name},", "Hello,"),
                   ("I'm in a meeting and can't talk. I need you to buy some gift cards for a client appreciation "
                    "thing, 5 x $200. I'll reimburse you this evening.", "Are you at your desk? I need a small "
                    "task handled discreetly before noon."),
                   ("Scratch the back and email me photos of the codes.", "Reply as soon as you see this."),
                   ("Sent from my iPhone", ""), ("Reply",)),
        "de": Text(("Kurze Frage", "Bist du erreichbar?"), ("Hallo,",),
                   ("ich sitze in einer Besprechung. Kannst du für mich 4 Gutscheinkarten à 100 € besorgen? Ist für "
                    "einen Kunden, ich erstatte es heute noch.",),
                   ("Schick mir die Codes als Foto.",), ("Von meinem iPhone gesendet",), ("Antworten",))},
        ("",), html=0.0, via=_MAILBOX),
    BadFamily("bec_payroll_diversion", "scam", {
        "en": Text(("Direct deposit update", "Change of bank account for payroll", "Update my payment details"),
                   ("Hi,",), ("I recently changed banks and need my salary paid into the new account starting with "
                              "this month's run. What details do you need from me?",
                              "Please update my direct deposit before the next payroll. I'll send the new account "
                              "number and routing number once you confirm."),
                   ("Let me know asap, thanks.",), ("",), ("",))},
        ("",), html=0.0, via=_MAILBOX),
    BadFamily("bec_bank_change", "scam", {
        "en": Text(("Updated banking information", "Re: outstanding invoice {ref}", "New remittance details"),
                   ("Dear partner,", "Good morning,"),
                   ("Due to an ongoing audit, our usual account is temporarily unavailable. Please settle invoice "
                    "{ref} ({amount}) to our new account below and send us the transfer slip.",
                    "Please note our bank details have changed effective immediately. Kindly update your records."),
                   ("IBAN: GB33 TEST 2026 1100 4455 90\nBIC: TESTGB2L\nBeneficiary: same as before",),
                   ("Kind regards,\nAccounts Receivable",), ("",)),
        "de": Text(("Neue Bankverbindung",), ("Sehr geehrte Damen und Herren,",),
                   ("wegen einer Umstellung bitten wir, die offene Rechnung {ref} auf unser neues Konto zu "
                    "überweisen.",), ("IBAN: DE00 5001 0517 0000 1234 56",), ("Buchhaltung",), ("",)),
        "es": Text(("Cambio de cuenta bancaria",), ("Estimado proveedor:",),
                   ("Le informamos de que hemos cambiado de banco. Por favor, realice el pago pendiente a la nueva "
                    "cuenta.",), ("IBAN: ES00 0000 1111 2222 3333 4444",), ("Administración",), ("",))},
        ("",), html=0.2, via=_MAILBOX),
    BadFamily("bec_urgent_wire", "scam", {
        "en": Text(("Confidential - acquisition", "Urgent wire transfer", "Payment needed before 3pm"),
                   ("{name},",), ("We are closing a confidential acquisition and I need a wire of {amount} sent to "
                                  "the solicitor's escrow account today. Do not discuss with anyone else until it is "
                                  "announced.",),
                   ("Confirm you can process it and I will forward the details.",), ("Regards",), ("",)),
        "fr": Text(("Virement urgent et confidentiel",), ("Bonjour,",),
                   ("Nous finalisons une opération confidentielle. J'ai besoin d'un virement de {amount} "
                    "aujourd'hui.",),
                   ("Confirmez-moi votre disponibilité, je vous transmets le RIB.",), ("Cordialement",), ("",))},
        ("",), html=0.0, via=_MAILBOX),
    BadFamily("advance_fee_inheritance", "scam", {
        "en": Text(("Unclaimed inheritance - your surname", "Re: fund release of US${usd}", "Private and confidential"),
                   ("Dear friend,", "Greetings,"),
                   ("I am a barrister handling the estate of a late client who shares your surname and died without "
                    "a will. The bank will confiscate US${usd} unless a relative comes forward.",
                    "I work with the foreign remittance unit of a bank in West Africa. A dormant account of "
                    "US${usd} can be transferred to you as next of kin."),
                   ("Reply with your full name, phone and address so we can proceed.",),
                   ("Barrister James Okoro (Esq.)", "Mrs. Grace Bello"), ("",)),
        "es": Text(("Herencia sin reclamar",), ("Estimado amigo:",),
                   ("Soy abogado de un cliente fallecido con su mismo apellido; hay US${usd} sin reclamar.",),
                   ("Responda con sus datos para iniciar el trámite.",), ("",), ("",))},
        ("Barrister Okoro", "Foreign Remittance Unit", "Mrs. Grace Bello"), html=0.1, blast=True),
    BadFamily("advance_fee_loan", "scam", {
        "en": Text(("Loan approved at 2% interest", "Need money? Fast loans without credit check"),
                   ("Hello,",), ("We offer personal and business loans from $5,000 to $5,000,000 at 2% interest. "
                                 "No credit check, approval within 24 hours.",),
                   ("A small processing fee applies. Contact us on WhatsApp {phone}.",), ("Finance Team",), ("",)),
        "pt": Text(("Empréstimo aprovado",), ("Olá,",),
                   ("Oferecemos empréstimos de 5.000 a 500.000 euros com juros de 2%, sem consulta de crédito.",),
                   ("Fale connosco pelo WhatsApp {phone}.",), ("",), ("",))},
        ("Global Finance", "Quick Credit Ltd"), html=0.3, blast=True),
    BadFamily("sextortion", "scam", {
        "en": Text(("I know your password", "Your device was compromised", "{email} - read this carefully"),
                   ("Hello,", "Hi pervert,"),
                   ("I gained access to your device months ago through a driver update. I recorded you with your "
                    "webcam while you were visiting adult sites, and I have copied your contact list.",),
                   ("Send {btc} USD in Bitcoin to this wallet within 48 hours: {wallet}\nAfter payment the video "
                    "is deleted. If not, everyone in your contacts receives it.",),
                   ("Don't reply, this address is not monitored.",), ("",)),
        "de": Text(("Ich habe Zugriff auf dein Gerät",), ("Hallo,",),
                   ("ich habe dein Gerät mit einer Schadsoftware infiziert und Aufnahmen über deine Webcam gemacht.",),
                   ("Überweise {btc} USD in Bitcoin an: {wallet}",), ("",), ("",)),
        "fr": Text(("J'ai accès à votre appareil",), ("Bonjour,",),
                   ("J'ai piraté votre ordinateur et enregistré des vidéos compromettantes.",),
                   ("Envoyez {btc} USD en Bitcoin à : {wallet}",), ("",), ("",)),
        "it": Text(("Ho accesso al tuo dispositivo",), ("Ciao,",),
                   ("Ho installato un malware sul tuo computer e ho registrato video dalla tua webcam.",),
                   ("Invia {btc} USD in Bitcoin a: {wallet}",), ("",), ("",))},
        ("",), html=0.0, blast=True),
    BadFamily("romance", "scam", {
        "en": Text(("Hello dear", "I saw your profile", "Are you there my dear?"),
                   ("Hello dear,",),
                   ("My name is Anna, I am 34 and I live alone since my divorce. I found your email on a social "
                    "page and felt something special. I want to find a serious and kind man.",
                    "I am a US Army doctor serving in Syria. I am looking for an honest partner to share my life "
                    "with after my mission ends."),
                   ("Write me to my private email and I will send my photos.",), ("Kisses, Anna", "Yours, Sarah"),
                   ("",)),
        "ru": Text(("Привет!",), ("Привет,",),
                   ("Меня зовут Ирина, мне 31. Я ищу серьёзные отношения с надёжным мужчиной.",),
                   ("Напиши мне, и я пришлю свои фотографии.",), ("Ирина",), ("",))},
        ("Anna", "Sarah Williams", "Ирина"), html=0.2),
    BadFamily("investment_crypto", "scam", {
        "en": Text(("Turn {amount} into a weekly income", "Our AI trading bot made {pct}% last week",
                    "Private invitation: early access to a new token"),
                   ("Hi,",), ("Our members earn {pct}% per week with an AI arbitrage system. Minimum deposit is only "
                              "$250 and withdrawals are instant.", "A token listing next week is expected to "
                                                                   "increase 40x. Only 200 whitelist places remain."),
                   ("Register now: {link}", "Claim your place: {link}"), ("Investor Relations",), ("Start earning",)),
        "de": Text(("Passives Einkommen mit KI-Trading",), ("Hallo,",),
                   ("Unsere Mitglieder verdienen {pct}% pro Woche mit automatisiertem Krypto-Handel.",),
                   ("Jetzt registrieren: {link}",), ("",), ("Starten",)),
        "tr": Text(("Kripto ile haftalık kazanç",), ("Merhaba,",),
                   ("Yapay zeka destekli sistemimizle üyelerimiz haftada %{pct} kazanıyor.",),
                   ("Hemen kayıt ol: {link}",), ("",), ("Kayıt ol",))},
        ("Quantum AI", "CryptoEdge", "Investor Desk"), slug="invest", html=0.8, blast=True),
    BadFamily("job_mule", "scam", {
        "en": Text(("Remote position: payment processing agent", "Part-time job offer - $3,000/month"),
                   ("Dear applicant,",),
                   ("Our company is hiring remote payment agents in your region. You will receive customer payments "
                    "into your account and forward them after keeping 10% commission.",),
                   ("Send your name, address and bank details to get started.",), ("HR Manager",), ("",)),
        "es": Text(("Trabajo desde casa: agente financiero",), ("Hola,",),
                   ("Buscamos agentes para recibir pagos de clientes y reenviarlos. Comisión del 10%.",),
                   ("Envíenos sus datos bancarios para empezar.",), ("",), ("",))},
        ("Recruitment Team", "HR Manager"), html=0.2, blast=True),
    BadFamily("job_task", "scam", {
        "en": Text(("Earn $300 a day from your phone", "You have been selected for a flexible job"),
                   ("Hello,",),
                   ("We are recruiting online assistants to rate hotels and apps. Only 60-90 minutes a day, "
                    "paid daily.",),
                   ("Contact our coordinator on WhatsApp: {phone}",), ("",), ("",)),
        "nl": Text(("Verdien bij vanuit huis",), ("Hallo,",),
                   ("Wij zoeken online medewerkers om producten te beoordelen. Dagelijks uitbetaald.",),
                   ("Stuur een WhatsApp naar {phone}",), ("",), ("",)),
        "ja": Text(("スマホで簡単副業、日給3万円",), ("こんにちは。",),
                   ("アプリの評価をするだけの簡単なお仕事です。1日60分、日払いです。",),
                   ("詳しくはLINEでご連絡ください：{phone}",), ("",), ("",))},
        ("Talent Hub", "HR Recruiter"), html=0.3, blast=True),
    BadFamily("lottery", "scam", {
        "en": Text(("Congratulations! Your email won {amount}", "Winning notification ref {ref}"),
                   ("Dear winner,",),
                   ("Your email address was selected in our international e-mail draw and has won a cash prize.",),
                   ("Contact our claims agent with your reference number {ref}.",), ("Claims Department",), ("",)),
        "es": Text(("¡Felicidades, ha ganado!",), ("Estimado ganador:",),
                   ("Su dirección de correo ha resultado premiada en nuestro sorteo internacional.",),
                   ("Contacte con nuestro agente indicando la referencia {ref}.",), ("",), ("",))},
        ("Euro Millions Promo", "Lottery Board"), html=0.3, blast=True),
    BadFamily("tech_support", "scam", {
        "en": Text(("Virus detected on your computer", "Windows Defender alert: Trojan found"),
                   ("Warning!",),
                   ("Your computer is infected with Trojan:Win32/Spyware. Your banking passwords and photos are at "
                    "risk. Do not shut down your computer.",),
                   ("Call certified technicians now: {phone}",), ("Microsoft Support",), ("Call now",))},
        ("Windows Defender", "Microsoft Support"), html=0.8),
    BadFamily("extortion_site", "scam", {
        "en": Text(("Your database has been downloaded", "Pay or we publish", "Final notice regarding your website"),
                   ("To the site owner,",),
                   ("We have a copy of your customer database and admin credentials. We will publish it and report "
                    "you under GDPR unless you pay.",
                    "Our team will post hundreds of negative reviews about your business unless you pay a small fee."),
                   ("Pay 0.05 BTC to {wallet} within 72 hours.",), ("",), ("",))},
        ("",), html=0.0),
    BadFamily("charity_scam", "scam", {
        "en": Text(("Earthquake relief: children need you now", "Emergency appeal - every dollar counts"),
                   ("Dear friend,",), ("Thousands of families lost their homes. Your gift of $50 provides shelter "
                                       "for a week.",),
                   ("Donate in crypto or by card: {link}",), ("Relief Coordinator",), ("Donate",))},
        ("Global Relief Fund", "Children First Aid"), slug="relief", html=0.8, blast=True),
)
