# ruff: noqa: RUF001, E501 - text in other scripts keeps its own letters and punctuation (Persian, Korean, Turkish); wide letters make long lines
"""Set B's sentences for phishing, scams and malware lures, per language. Written for set B only."""

from __future__ import annotations

QUOTA = {
    "en": [("Mailbox storage {pct}% full - action required", "Dear {user},\n\nYour mailbox {email} has reached {pct}% "
            "of its storage. Incoming messages are being held on the server and will be deleted after 48 hours.\n\n"
            "To release them and upgrade your quota free of charge, sign in below:\n{link}\n\nMail Administrator\n{domain}"),
           ("Password expiry notice for {email}", "The password for {email} expires today. To keep using the same "
            "password, confirm your account here: {link}\n\nIT Service Desk")],
    "it": [("Casella di posta piena al {pct}%", "Gentile utente,\n\nla casella {email} ha raggiunto il {pct}% dello "
            "spazio. I nuovi messaggi sono sospesi. Per sbloccarli accedi entro 24 ore: {link}\n\nAmministratore di posta")],
    "pt": [("A sua caixa de correio está cheia", "Caro utilizador,\n\na caixa {email} atingiu {pct}% da capacidade. "
            "Mensagens pendentes: 14. Valide a sua conta para as receber: {link}\n\nSuporte Webmail")],
    "nl": [("Uw mailbox is vol ({pct}%)", "Beste gebruiker,\n\nuw mailbox {email} is {pct}% vol en nieuwe berichten "
            "worden tegengehouden. Verifieer uw account binnen 24 uur om ze vrij te geven: {link}\n\nWebmail beheer")],
    "pl": [("Skrzynka pocztowa zapełniona w {pct}%", "Szanowny użytkowniku,\n\nTwoja skrzynka {email} jest zapełniona "
            "w {pct}%. Wiadomości przychodzące zostały wstrzymane. Zaloguj się, aby je odzyskać: {link}\n\nAdministrator")],
    "tr": [("Posta kutunuz %{pct} dolu", "Sayın kullanıcı,\n\n{email} posta kutunuz %{pct} doldu, gelen iletiler "
            "bekletiliyor. Hesabınızı doğrulamak için giriş yapın: {link}\n\nSistem Yöneticisi")],
    "ko": [("메일함 용량 {pct}% 초과 안내", "{email} 사용자님,\n\n메일함 용량이 {pct}%에 도달하여 수신 메일이 보류되었습니다. "
            "24시간 이내에 아래에서 계정을 인증하지 않으면 메일이 삭제됩니다.\n{link}\n\n메일 관리자")],
    "fa": [("صندوق پستی شما پر شده است", "کاربر گرامی،\n\nصندوق {email} به {pct}٪ ظرفیت رسیده و پیام‌های جدید متوقف "
            "شده‌اند. برای آزادسازی، وارد حساب خود شوید: {link}\n\nمدیر سیستم ایمیل")],
}

BRAND = {
    "en": [("Your {brand} account has been limited", "We noticed unusual activity on your {brand} account and have "
            "temporarily limited it. To restore full access, please confirm your details within 24 hours.\n\n"
            "{link}\n\nThank you,\nThe {brand} Team"),
           ("{brand}: payment declined", "Your last payment could not be processed and your {brand} membership will be "
            "suspended. Update your billing information to avoid interruption: {link}\n\n{brand} Support")],
    "it": [("Il tuo account {brand} è stato sospeso", "Abbiamo rilevato un accesso sospetto al tuo account {brand}. "
            "Per riattivarlo conferma i tuoi dati entro 24 ore: {link}\n\nIl team {brand}")],
    "pt": [("A sua conta {brand} foi bloqueada", "Detetámos uma atividade invulgar na sua conta {brand}. Confirme os "
            "seus dados para desbloquear o acesso: {link}\n\nEquipa {brand}")],
    "nl": [("Uw {brand}-rekening is geblokkeerd", "Wegens verdachte activiteit is uw {brand}-account tijdelijk beperkt. "
            "Bevestig uw gegevens binnen 24 uur: {link}\n\nMet vriendelijke groet,\n{brand}")],
    "pl": [("Twoje konto {brand} zostało zablokowane", "Wykryliśmy nietypowe logowanie na Twoje konto {brand}. Aby "
            "przywrócić dostęp, potwierdź swoje dane w ciągu 24 godzin: {link}\n\nZespół {brand}")],
    "tr": [("{brand} hesabınız askıya alındı", "{brand} hesabınızda olağandışı bir işlem tespit ettik. Erişiminizi geri "
            "kazanmak için bilgilerinizi 24 saat içinde doğrulayın: {link}\n\n{brand} Destek")],
    "ko": [("[{brand}] 계정이 일시 정지되었습니다", "고객님의 {brand} 계정에서 비정상적인 로그인이 감지되어 이용이 제한되었습니다. "
            "24시간 이내에 본인 확인을 완료해 주세요: {link}\n\n{brand} 고객센터")],
    "fa": [("حساب {brand} شما مسدود شد", "فعالیت مشکوکی در حساب {brand} شما دیده شد. برای رفع مسدودی، اطلاعات خود را "
            "تا ۲۴ ساعت تأیید کنید: {link}\n\nپشتیبانی {brand}")],
}

DOCSHARE = {
    "en": [("{sender} shared \"{doc}\" with you", "{sender} has shared a document with you.\n\n{doc}\n{pages} pages - "
            "secure file\n\nOpen document: {link}\n\nThis link will expire in 72 hours."),
           ("Please review and sign: {doc}", "You have a new document to review and sign.\n\nFrom: {sender}\nDocument: "
            "{doc}\n\nREVIEW DOCUMENT: {link}\n\nDo not share this email.")],
    "it": [("{sender} ha condiviso un file con te", "{sender} ti ha inviato un documento riservato: {doc}\n\n"
            "Apri il documento: {link}")],
    "nl": [("{sender} heeft een bestand met u gedeeld", "{sender} heeft het document \"{doc}\" met u gedeeld.\n\n"
            "Document openen: {link}\n\nDeze link verloopt over 3 dagen.")],
    "pl": [("{sender} udostępnił(a) Ci dokument", "Udostępniono Ci dokument \"{doc}\".\n\nOtwórz: {link}")],
    "tr": [("{sender} sizinle bir belge paylaştı", "{sender} sizinle \"{doc}\" belgesini paylaştı.\n\nBelgeyi "
            "görüntüle: {link}")],
    "ko": [("{sender}님이 문서를 공유했습니다", "{sender}님이 \"{doc}\" 문서를 공유했습니다.\n\n문서 열기: {link}")],
}

HTML_ATTACH = {
    "en": [("Remittance advice {num}", "Hello,\n\nPlease see attached remittance advice for payment {num}.\n\nRegards,"
            "\nAccounts Payable"),
           ("Voicemail received ({secs} sec)", "You have a new voicemail from +{phone}. Open the attachment to listen."),
           ("Scanned document from MFP-{num}", "Scanned by office printer. Pages: 3. Open the attached file to view.")],
    "it": [("Avviso di pagamento {num}", "Buongiorno,\n\nin allegato la contabile del bonifico {num}.\n\nSaluti")],
    "pt": [("Comprovativo de pagamento {num}", "Bom dia,\n\nsegue em anexo o comprovativo de transferência {num}.")],
    "tr": [("Ödeme dekontu {num}", "Merhaba,\n\n{num} numaralı ödemenin dekontu ektedir.\n\nİyi çalışmalar")],
    "nl": [("Betalingsbewijs {num}", "Goedemiddag,\n\nbijgaand het betalingsbewijs voor factuur {num}.")],
}

QR = {
    "en": [("Action required: re-enroll multi-factor authentication", "Your two-factor authentication for {email} "
            "expires today. Scan the QR code below with your phone camera to keep access to your mailbox.\n\n"
            "Failure to re-enroll will lock your account.\n\nIT Security"),
           ("Shared payroll document awaiting your signature", "A salary adjustment document is waiting for you. For "
            "security reasons it can only be opened on a mobile device: scan the QR code to review it.")],
    "nl": [("Actie vereist: MFA opnieuw instellen", "Uw tweestapsverificatie verloopt vandaag. Scan de QR-code met uw "
            "telefoon om toegang tot uw mailbox te houden.")],
    "pl": [("Wymagana ponowna weryfikacja dwuetapowa", "Weryfikacja dwuetapowa dla {email} wygasa dziś. Zeskanuj kod QR "
            "telefonem, aby zachować dostęp do skrzynki.")],
    "ko": [("2단계 인증 재등록 필요", "{email} 계정의 2단계 인증이 오늘 만료됩니다. 휴대폰 카메라로 QR 코드를 스캔하여 "
            "재등록하세요. 재등록하지 않으면 계정이 잠깁니다.")],
    "it": [("Verifica richiesta: autenticazione a due fattori", "L'autenticazione a due fattori per {email} scade oggi. "
            "Scansiona il codice QR con lo smartphone per non perdere l'accesso.")],
}

FAKE_INVOICE = {
    "en": [("Overdue invoice {num} - final reminder", "Hello,\n\nOur records show invoice {num} for {total} is now "
            "{days} days overdue. To avoid a late fee and suspension of service, please settle it today using our "
            "secure payment page:\n\n{link}\n\nIf you have already paid, please disregard.\n\nBilling Department"),
           ("Invoice {num} ready for payment", "Your invoice {num} ({total}) is ready. Pay online by card: {link}\n\n"
            "Thank you for your business.")],
    "it": [("Fattura {num} scaduta - sollecito", "Gentile cliente,\n\nla fattura {num} di {total} risulta scaduta da "
            "{days} giorni. Per evitare la sospensione del servizio effettui il pagamento online: {link}")],
    "pt": [("Fatura {num} em atraso", "Caro cliente, a fatura {num} no valor de {total} está em atraso há {days} dias. "
            "Pague agora para evitar a suspensão: {link}")],
    "nl": [("Herinnering: openstaande factuur {num}", "Geachte klant, factuur {num} van {total} staat al {days} dagen "
            "open. Voorkom extra kosten en betaal direct via: {link}")],
    "pl": [("Nieopłacona faktura {num}", "Szanowni Państwo, faktura {num} na kwotę {total} jest nieopłacona od {days} "
            "dni. Prosimy o pilną płatność online: {link}")],
    "tr": [("Ödenmemiş fatura {num}", "Sayın müşterimiz, {num} numaralı {total} tutarındaki faturanız {days} gündür "
            "ödenmedi. Hizmetinizin durdurulmaması için hemen ödeyin: {link}")],
}

BEC = {
    "en": [("Updated banking details", "Hi {first},\n\nPlease note that we have changed our bank due to an ongoing "
            "audit. All outstanding and future invoices should now be paid to our new account:\n\nBank: {bank}\n"
            "IBAN: {iban}\nSWIFT: {swift}\n\nPlease do not use the old account. Kindly confirm once the pending payment "
            "of {total} has been processed today.\n\nThanks,\n{sender}"),
           ("Urgent payment", "{first}, are you at your desk? I need you to process an urgent wire transfer to a new "
            "supplier today. Keep this confidential for now, I'm in meetings all afternoon. Beneficiary details:\n"
            "{bank}, IBAN {iban}. Amount {total}.\n\nSent from my iPhone")],
    "it": [("Nuove coordinate bancarie", "Buongiorno {first},\n\nvi informiamo che a causa di una verifica contabile le "
            "fatture in sospeso vanno saldate sul nostro nuovo conto: IBAN {iban} ({bank}). Non utilizzate il vecchio "
            "conto. Attendiamo conferma del bonifico di {total} entro oggi.\n\n{sender}")],
    "pt": [("Alteração de dados bancários", "Olá {first},\n\ninformamos que mudámos de banco. Os pagamentos pendentes "
            "devem ser feitos para o novo IBAN {iban}. Por favor confirme a transferência de {total} hoje.\n\n{sender}")],
    "nl": [("Nieuwe bankgegevens", "Beste {first},\n\nwegens een lopende controle zijn wij van bank gewisseld. Openstaande "
            "facturen graag voldoen op ons nieuwe rekeningnummer {iban} ({bank}). Gebruik het oude nummer niet meer. "
            "Graag vandaag nog de betaling van {total}.\n\n{sender}")],
    "pl": [("Zmiana numeru konta", "Dzień dobry,\n\ninformujemy o zmianie rachunku bankowego. Zaległe faktury prosimy "
            "opłacić na nowe konto {iban}. Proszę o potwierdzenie przelewu {total} jeszcze dziś.\n\n{sender}")],
    "tr": [("Banka hesap bilgilerimiz değişti", "Merhaba {first},\n\ndenetim nedeniyle bankamızı değiştirdik. Bekleyen "
            "ödemeleri yeni hesabımıza yapınız: IBAN {iban}. Eski hesabı kullanmayınız. {total} tutarındaki ödemeyi "
            "bugün onaylamanızı rica ederiz.\n\n{sender}")],
}

CALLBACK = {
    "en": [("Your order #{num} has been processed", "Thank you for renewing {product}. Your account has been charged "
            "{total} for a 3-year plan.\n\nIf you did not authorize this purchase, call our billing desk within 24 "
            "hours at {phone} to cancel and receive a refund.\n\nOrder ID: {num}"),
           ("Subscription renewal receipt", "Hello Customer,\nYour {product} subscription was auto-renewed today for "
            "{total}. To dispute this charge please contact support: {phone}")],
    "it": [("Rinnovo abbonamento {product}", "Il tuo abbonamento {product} è stato rinnovato per {total}. Se non hai "
            "autorizzato l'addebito chiama subito il {phone}.")],
    "pl": [("Potwierdzenie płatności #{num}", "Twoja subskrypcja {product} została odnowiona, pobrano {total}. Jeśli to "
            "nie Ty, zadzwoń pod numer {phone}, aby anulować.")],
}

FILEHOST = {
    "en": [("Documents for the project - download", "Hello,\n\nas agreed, here are the project documents and the "
            "signed contract. The files are too large for email, please download them here:\n{link}\n\nArchive "
            "password: {pw}\n\nBest regards,\n{sender}"),
           ("Invoice copies", "Hi, please find the invoice copies at the link below (zip).\n{link}\n\nThanks")],
    "it": [("Documenti richiesti", "Buongiorno, come da accordi invio i documenti. Scaricateli da qui: {link}\n"
            "Password dell'archivio: {pw}")],
    "pt": [("Documentos em anexo (link)", "Boa tarde, os documentos estão disponíveis para download: {link}\nSenha: {pw}")],
    "tr": [("Sipariş belgeleri", "Merhaba, sipariş belgelerini aşağıdaki bağlantıdan indirebilirsiniz: {link}\n"
            "Arşiv şifresi: {pw}")],
    "pl": [("Dokumenty do zamówienia", "Dzień dobry, dokumenty do pobrania: {link}\nHasło do archiwum: {pw}")],
    "ko": [("요청하신 서류 전달드립니다", "안녕하세요, 요청하신 서류를 아래 링크에서 받으실 수 있습니다.\n{link}\n"
            "압축 비밀번호: {pw}")],
}

ATTACH_MALWARE = {
    "en": [("Purchase order {num}", "Dear Sir/Madam,\n\nPlease find attached our purchase order {num}. Kindly confirm "
            "availability and send your proforma.\n\nBest regards,\nProcurement"),
           ("Shipping documents - DHL AWB {num}", "Your shipment is on hold. The airway bill is attached; open it and "
            "confirm the delivery address.")],
    "it": [("Ordine di acquisto {num}", "Buongiorno, in allegato il nostro ordine {num}. Attendiamo conferma.")],
    "tr": [("Satın alma siparişi {num}", "Merhaba, ekteki {num} numaralı siparişimizi inceleyip proforma fatura "
            "gönderir misiniz?")],
    "pl": [("Zamówienie {num}", "Dzień dobry, w załączniku zamówienie {num}. Prosimy o potwierdzenie.")],
    "pt": [("Nota de encomenda {num}", "Bom dia, segue em anexo a nota de encomenda {num}. Aguardamos confirmação.")],
}

PARCEL = {
    "en": [("Your parcel is waiting: customs fee unpaid", "Your parcel {track} could not be delivered because a customs "
            "fee of {fee} is unpaid. Pay within 48 hours or the parcel will be returned to the sender:\n{link}")],
    "it": [("Pacco in giacenza", "La spedizione {track} è in giacenza per mancato pagamento di {fee} di spese doganali. "
            "Paga entro 48 ore: {link}")],
    "nl": [("Uw pakket wacht op betaling", "Pakket {track} kon niet worden bezorgd: er staat nog {fee} invoerkosten "
            "open. Betaal binnen 48 uur: {link}")],
    "pl": [("Paczka oczekuje na dopłatę", "Przesyłka {track} oczekuje na dopłatę {fee}. Zapłać w ciągu 48 godzin: {link}")],
    "pt": [("A sua encomenda está retida", "A encomenda {track} está retida na alfândega. Taxa em falta: {fee}. "
            "Pague aqui: {link}")],
    "tr": [("Kargonuz gümrükte bekliyor", "{track} numaralı gönderiniz {fee} gümrük ücreti ödenmediği için bekletiliyor. "
            "48 saat içinde ödeyin: {link}")],
    "ko": [("[국제우편] 관세 미납 안내", "고객님의 소포 {track}가 관세 {fee} 미납으로 보류 중입니다. 48시간 내 결제하지 "
            "않으면 반송됩니다: {link}")],
}

ADVANCE_FEE = {
    "en": [("Confidential business proposal", "Dear Friend,\n\nI am Mr. {name}, a senior auditor with a bank in "
            "{country}. During our audit I discovered a dormant account of {amount} belonging to a deceased client "
            "with no next of kin. I seek your partnership to claim these funds as the beneficiary; you will receive "
            "40% of the total. Reply with your full name, phone and address to proceed.\n\nRegards,\n{name}")],
    "it": [("Proposta riservata", "Caro amico, sono il dottor {name}. Ho bisogno di un partner straniero per trasferire "
            "{amount} di un cliente defunto senza eredi. Riceverai il 40%. Rispondi con i tuoi dati.")],
    "pt": [("Herança não reclamada", "Prezado(a), sou o advogado {name}. Um cliente falecido deixou {amount} sem "
            "herdeiros e o senhor partilha o mesmo apelido. Contacte-me para reclamar a herança.")],
    "fa": [("پیشنهاد محرمانه", "دوست گرامی، من {name} هستم. مبلغ {amount} از یک مشتری درگذشته بدون وارث باقی مانده است. "
            "برای انتقال آن به یک شریک خارجی نیاز دارم و ۴۰٪ سهم شما خواهد بود.")],
}

SEXTORTION = {
    "en": [("{email}", "Hello,\n\nI have had access to your devices for several months. I recorded you through your "
            "webcam while you were visiting adult websites, and I have a copy of all your contacts. If you want me to "
            "delete the video, send {amount} in Bitcoin to this wallet:\n\n{wallet}\n\nYou have 48 hours. Do not reply "
            "to this email and do not go to the police.")],
    "nl": [("Ik heb toegang tot je apparaat", "Ik heb via je webcam opnames van je gemaakt en heb al je contacten. "
            "Betaal {amount} in Bitcoin naar {wallet} binnen 48 uur, anders stuur ik de video naar iedereen.")],
    "pl": [("Mam dostęp do Twojego komputera", "Nagrałem Cię kamerą internetową. Jeśli nie chcesz, aby nagranie trafiło "
            "do Twoich znajomych, wyślij {amount} w Bitcoin na adres {wallet} w ciągu 48 godzin.")],
    "tr": [("Cihazınıza erişimim var", "Web kameranızdan sizi kaydettim. Videonun silinmesini istiyorsanız 48 saat içinde "
            "{amount} değerinde Bitcoin'i şu cüzdana gönderin: {wallet}")],
}

CRYPTO = {
    "en": [("Turn {small} into {big} in 30 days", "Hi,\n\nOur AI trading platform earned members an average of 312% "
            "this quarter. Start with just {small} and our bot does the rest: guaranteed daily profit, withdraw any "
            "time.\n\nOpen your account: {link}\n\nLimited places this week.")],
    "it": [("Guadagna con il trading automatico", "La nostra piattaforma AI garantisce profitti giornalieri. Investi solo "
            "{small} e guadagna fino a {big}: {link}")],
    "tr": [("Günde 1000$ kazanın", "Yapay zeka destekli kripto robotumuzla garantili kazanç! Sadece {small} yatırın: "
            "{link}")],
    "ko": [("월 수익 300% 보장 AI 코인 투자", "AI 자동매매로 매일 수익 보장! {small}만 입금하면 30일 후 {big}. 지금 가입: {link}")],
}

GIFT_CARD = {
    "en": [("Quick favour", "Hi {first},\n\nAre you available? I need you to get some gift cards for a client "
            "appreciation today. 5 Apple gift cards of $200 each. Scratch the back and send me pictures of the codes. "
            "I'll reimburse you later. I'm in a meeting and can't talk.\n\n{sender}")],
    "it": [("Favore urgente", "Ciao {first}, sei in ufficio? Mi servono 5 gift card da 100 euro per un cliente. "
            "Mandami le foto dei codici, ti rimborso dopo. Sono in riunione.\n\n{sender}")],
    "nl": [("Kleine vraag", "Hoi {first}, ben je beschikbaar? Kun je voor mij 4 cadeaukaarten van 100 euro kopen en de "
            "codes fotograferen? Ik zit in een vergadering.\n\n{sender}")],
}

JOB = {
    "en": [("Remote position: payment processing assistant", "Good day,\n\nWe found your profile online and would like "
            "to offer you a part-time remote role as a Payment Processing Assistant. You will receive client payments "
            "into your personal bank account and forward them to our partners, keeping 10% commission. No experience "
            "needed, 2 hours a day, earn up to {amount} weekly.\n\nReply with your full name and WhatsApp number.")],
    "pt": [("Trabalho em casa - ganhe {amount} por semana", "Procuramos assistentes para receber pagamentos na sua conta "
            "bancária e transferir para os nossos parceiros. Comissão de 10%. Responda com o seu WhatsApp.")],
    "tr": [("Evden iş fırsatı", "Kişisel banka hesabınıza gelen ödemeleri ortaklarımıza aktararak haftada {amount} "
            "kazanın. WhatsApp numaranızla yanıtlayın.")],
    "fa": [("کار در منزل با درآمد بالا", "به دستیار پرداخت نیازمندیم: وجوه را در حساب بانکی شخصی خود دریافت و به "
            "شرکای ما منتقل کنید و ۱۰٪ کمیسیون بگیرید. شمارهٔ واتساپ خود را بفرستید.")],
}

LOAN = {
    "en": [("Pre-approved loan of {amount}", "Congratulations! You are pre-approved for a personal loan of {amount} at "
            "2% interest, no credit check. Pay a small processing fee of {fee} to release the funds today: {link}")],
    "pl": [("Pożyczka bez BIK - {amount}", "Gratulacje! Przyznaliśmy Ci pożyczkę {amount} bez sprawdzania BIK. Wpłać "
            "opłatę przygotowawczą {fee}, a pieniądze trafią na konto jeszcze dziś: {link}")],
    "it": [("Prestito approvato {amount}", "Il tuo prestito di {amount} è stato approvato senza verifiche. Paga le "
            "spese di istruttoria di {fee} per ricevere i fondi: {link}")],
}

PRIZE = {
    "en": [("You have been selected - claim your reward", "Congratulations! Your email was selected in our annual "
            "customer draw. You have won a {prize}. Claim it within 24 hours by paying only the shipping fee of {fee}:"
            "\n{link}")],
    "ko": [("축하합니다! 경품에 당첨되셨습니다", "고객님의 이메일이 연말 경품 추첨에 당첨되었습니다. {prize}를 받으시려면 "
            "24시간 내에 배송비 {fee}만 결제하세요: {link}")],
    "tr": [("Tebrikler, ödül kazandınız!", "E-posta adresiniz çekilişte {prize} kazandı. Sadece {fee} kargo ücreti "
            "ödeyerek ödülünüzü alın: {link}")],
}

PHARMA = {
    "en": [("Save 80% on your prescriptions", "Generic Viagra, Cialis and weight-loss pens without a prescription. "
            "Discreet worldwide shipping, lowest prices online. Order now: {link}")],
    "it": [("Farmaci senza ricetta -80%", "Viagra e Cialis generici senza ricetta, spedizione discreta: {link}")],
    "pl": [("Tabletki na odchudzanie bez recepty", "Zastrzyki na odchudzanie i Viagra bez recepty, dyskretna wysyłka: "
            "{link}")],
}

TAX = {
    "en": [("HMRC: you are due a tax refund of {amount}", "After the last annual calculation of your fiscal activity "
            "we have determined that you are eligible to receive a tax refund of {amount}. Submit the refund request "
            "here: {link}\n\nHM Revenue & Customs")],
    "it": [("Agenzia delle Entrate: rimborso fiscale", "Lei ha diritto a un rimborso fiscale di {amount}. Compili il "
            "modulo di rimborso entro 5 giorni: {link}\n\nAgenzia delle Entrate")],
    "pt": [("Autoridade Tributária: reembolso de IRS", "Tem direito a um reembolso de {amount}. Confirme os seus dados "
            "bancários para receber: {link}\n\nPortal das Finanças")],
    "tr": [("e-Devlet: vergi iadesi", "{amount} tutarında vergi iadesi hakkınız bulunmaktadır. Kart bilgilerinizi "
            "doğrulayarak iadenizi alın: {link}")],
}

COPYRIGHT = {
    "en": [("Your page will be permanently disabled", "Meta Business Support\n\nYour page has been reported for "
            "copyright infringement and will be disabled in 24 hours. If you believe this is a mistake, submit an "
            "appeal here: {link}\n\nCase number: {num}")],
    "tr": [("Sayfanız kapatılacak", "Sayfanız telif hakkı ihlali nedeniyle 24 saat içinde kapatılacak. İtiraz etmek için: "
            "{link}\n\nMeta Destek")],
    "pt": [("A sua página será desativada", "A sua página foi denunciada por violação de direitos de autor. Recorra "
            "aqui em 24 horas: {link}\n\nSuporte Meta")],
}
