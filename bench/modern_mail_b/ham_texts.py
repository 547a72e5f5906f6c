# ruff: noqa: RUF001, E501 - text in other scripts keeps its own letters and punctuation (Persian, Korean, Turkish); wide letters make long lines
"""Set B's sentences for legitimate mail, per language (en, it, pt, nl, pl, tr, fa, ko). Written for set B only.

Slots in braces are filled by bench.modern_mail_b.ham; a family missing a language falls back to English.
"""

from __future__ import annotations

ORDER = {
    "en": ("Order {num} is confirmed", "Hi {first},\n\nthanks for shopping with {shop}. We have your order {num} and "
           "will pack it within two working days.\n\n{items}\nTotal: {total}\n\nYou can follow it any time here: {link}\n\n"
           "Questions? Just reply to this email.\n{shop}"),
    "it": ("Conferma ordine {num}", "Ciao {first},\n\ngrazie per aver ordinato da {shop}. Abbiamo ricevuto l'ordine "
           "{num} e lo prepariamo entro due giorni lavorativi.\n\n{items}\nTotale: {total}\n\nPuoi seguirlo qui: {link}\n\n"
           "Per qualsiasi domanda rispondi pure a questa email.\n{shop}"),
    "pt": ("Encomenda {num} confirmada", "Olá {first},\n\nobrigado pela sua encomenda na {shop}. Recebemos o pedido "
           "{num} e vamos prepará-lo em dois dias úteis.\n\n{items}\nTotal: {total}\n\nAcompanhe aqui: {link}\n\n"
           "Alguma dúvida? Responda a este email.\n{shop}"),
    "nl": ("Bevestiging van je bestelling {num}", "Hoi {first},\n\nbedankt voor je bestelling bij {shop}. We hebben "
           "bestelling {num} ontvangen en pakken hem binnen twee werkdagen in.\n\n{items}\nTotaal: {total}\n\n"
           "Je kunt de status hier bekijken: {link}\n\nVragen? Beantwoord gewoon deze mail.\n{shop}"),
    "pl": ("Potwierdzenie zamówienia {num}", "Dzień dobry {first},\n\ndziękujemy za zakupy w {shop}. Zamówienie {num} "
           "zostało przyjęte, wyślemy je w ciągu dwóch dni roboczych.\n\n{items}\nRazem: {total}\n\nStatus zamówienia: "
           "{link}\n\nW razie pytań wystarczy odpowiedzieć na tę wiadomość.\n{shop}"),
    "tr": ("{num} numaralı siparişiniz alındı", "Merhaba {first},\n\n{shop} üzerinden verdiğiniz {num} numaralı sipariş "
           "elimize ulaştı. İki iş günü içinde kargoya vereceğiz.\n\n{items}\nToplam: {total}\n\nSipariş durumunu buradan "
           "izleyebilirsiniz: {link}\n\nSorularınız için bu e-postayı yanıtlayabilirsiniz.\n{shop}"),
    "fa": ("سفارش {num} ثبت شد", "سلام {first} عزیز،\n\nاز خرید شما از {shop} سپاسگزاریم. سفارش شماره {num} ثبت شد و "
           "ظرف دو روز کاری ارسال می‌شود.\n\n{items}\nجمع کل: {total}\n\nپیگیری سفارش: {link}\n\nبرای هر پرسشی به همین "
           "ایمیل پاسخ دهید.\n{shop}"),
    "ko": ("주문 {num} 확인 안내", "{first}님, 안녕하세요.\n\n{shop}에서 주문해 주셔서 감사합니다. 주문번호 {num}이(가) "
           "접수되었으며 영업일 기준 2일 이내에 발송됩니다.\n\n{items}\n합계: {total}\n\n주문 조회: {link}\n\n"
           "문의 사항은 이 메일에 회신해 주세요.\n{shop} 드림"),
}

SHIPPED = {
    "en": ("Your parcel is on its way", "Good news, {first}: order {num} left our workshop today with {carrier}.\n"
           "Tracking number: {track}\nTrack it on the carrier's site: {carrier_link}\n\nCheers,\n{shop}"),
    "it": ("Il tuo pacco è partito", "Ciao {first}, l'ordine {num} è stato affidato oggi a {carrier}.\n"
           "Numero di spedizione: {track}\nTracciamento: {carrier_link}\n\nA presto,\n{shop}"),
    "nl": ("Je pakket is onderweg", "Goed nieuws {first}: bestelling {num} is vandaag met {carrier} verzonden.\n"
           "Track & trace: {track}\nVolg je pakket: {carrier_link}\n\nGroet,\n{shop}"),
    "pl": ("Twoja paczka jest w drodze", "Cześć {first}, zamówienie {num} zostało dziś nadane przez {carrier}.\n"
           "Numer przesyłki: {track}\nŚledzenie: {carrier_link}\n\nPozdrawiamy,\n{shop}"),
    "pt": ("A sua encomenda foi enviada", "Olá {first}, a encomenda {num} seguiu hoje pelos {carrier}.\n"
           "Número de seguimento: {track}\nSeguir envio: {carrier_link}\n\nCumprimentos,\n{shop}"),
    "tr": ("Siparişiniz kargoya verildi", "Merhaba {first}, {num} numaralı siparişiniz bugün {carrier} ile yola çıktı.\n"
           "Takip numarası: {track}\nKargo takibi: {carrier_link}\n\nSevgiler,\n{shop}"),
    "ko": ("상품이 발송되었습니다", "{first}님, 주문 {num} 상품이 오늘 {carrier}(으)로 발송되었습니다.\n"
           "운송장 번호: {track}\n배송 조회: {carrier_link}\n\n감사합니다.\n{shop}"),
    "fa": ("سفارش شما ارسال شد", "{first} عزیز، سفارش {num} امروز از طریق {carrier} ارسال شد.\nکد رهگیری: {track}\n"
           "پیگیری مرسوله: {carrier_link}\n\nبا سپاس\n{shop}"),
}

INVOICE = {
    "en": ("Invoice {num} from {shop}", "Dear {first},\n\nplease find attached invoice {num} for {what}, amount {total}, "
           "due on {due}.\n\nPayment by bank transfer to our usual account (IBAN {iban}), quoting {num}. You can also "
           "see all your invoices in the client area: {link}\n\nKind regards,\n{sender}\n{shop}"),
    "it": ("Fattura {num} - {shop}", "Gentile {first},\n\nin allegato la fattura {num} relativa a {what}, importo {total}, "
           "con scadenza {due}.\n\nIl pagamento può essere effettuato con bonifico sul consueto conto (IBAN {iban}) "
           "indicando {num} nella causale. Tutte le fatture sono nell'area clienti: {link}\n\nCordiali saluti,\n"
           "{sender}\n{shop}"),
    "nl": ("Factuur {num}", "Beste {first},\n\nin de bijlage vind je factuur {num} voor {what}, bedrag {total}, te "
           "voldoen vóór {due}.\n\nGraag overmaken naar ons vaste rekeningnummer {iban} o.v.v. {num}. Eerdere facturen "
           "staan in je klantportaal: {link}\n\nMet vriendelijke groet,\n{sender}\n{shop}"),
    "pl": ("Faktura {num}", "Szanowni Państwo,\n\nw załączniku przesyłam fakturę {num} za {what} na kwotę {total}, "
           "termin płatności {due}.\n\nProsimy o przelew na dotychczasowy rachunek {iban} z numerem faktury w tytule. "
           "Archiwum faktur: {link}\n\nZ poważaniem,\n{sender}\n{shop}"),
    "pt": ("Fatura {num}", "Caro(a) {first},\n\nsegue em anexo a fatura {num} referente a {what}, no valor de {total}, "
           "com vencimento a {due}.\n\nPagamento por transferência para o IBAN habitual {iban}, indicando {num}. "
           "Pode consultar as faturas na área de cliente: {link}\n\nCom os melhores cumprimentos,\n{sender}\n{shop}"),
    "tr": ("{num} numaralı fatura", "Sayın {first},\n\n{what} için düzenlenen {num} numaralı faturayı ekte "
           "bulabilirsiniz. Tutar {total}, son ödeme tarihi {due}.\n\nÖdemeyi her zamanki hesabımıza ({iban}) fatura "
           "numarasını belirterek yapabilirsiniz. Müşteri paneli: {link}\n\nSaygılarımızla,\n{sender}\n{shop}"),
    "ko": ("[{shop}] 청구서 {num}", "{first}님께,\n\n{what}에 대한 청구서 {num}을(를) 첨부합니다. 금액은 {total}, "
           "납부 기한은 {due}입니다.\n\n기존 계좌({iban})로 이체해 주시고 입금자명에 청구서 번호를 적어 주세요. "
           "지난 청구서는 고객 페이지에서 보실 수 있습니다: {link}\n\n감사합니다.\n{sender}\n{shop}"),
    "fa": ("صورتحساب {num}", "{first} گرامی،\n\nصورتحساب شماره {num} بابت {what} به مبلغ {total} پیوست است. مهلت "
           "پرداخت {due} است.\n\nلطفاً مبلغ را به حساب همیشگی ما ({iban}) واریز کنید. همهٔ صورتحساب‌ها در پنل مشتری: "
           "{link}\n\nبا احترام\n{sender}\n{shop}"),
}

BANK_CHANGE = {
    "en": ("Change of our bank details from {due}", "Dear {first},\n\nas announced in our autumn letter, {shop} is "
           "moving its business account. From {due} our invoices will show a new IBAN; invoices dated before then stay "
           "payable to the old account.\n\nIf you want to check the change, please call us on the number printed on "
           "your contract ({phone}) rather than replying to an email. Nothing else changes.\n\nBest wishes,\n"
           "{sender}\n{shop}"),
    "nl": ("Wijziging bankgegevens per {due}", "Beste {first},\n\nzoals aangekondigd stapt {shop} over naar een "
           "andere bank. Facturen vanaf {due} vermelden een nieuw IBAN; oudere facturen betaal je nog op de oude "
           "rekening.\n\nTwijfel je? Bel ons op het nummer uit je contract ({phone}).\n\nGroet,\n{sender}\n{shop}"),
    "it": ("Nuove coordinate bancarie dal {due}", "Gentile {first},\n\ncome anticipato nella nostra circolare, dal {due} "
           "{shop} utilizzerà un nuovo conto corrente. Le fatture precedenti restano da pagare sul vecchio conto.\n\n"
           "Per qualsiasi verifica chiamateci al numero del contratto ({phone}).\n\nCordialmente,\n{sender}\n{shop}"),
}

RESET = {
    "en": ("Reset your password", "Someone (hopefully you) asked to reset the password of your {shop} account.\n\n"
           "Choose a new one here within 60 minutes: {link}\n\nIf it wasn't you, ignore this email: your password "
           "stays as it is."),
    "it": ("Reimposta la password", "Abbiamo ricevuto una richiesta di reimpostare la password del tuo account {shop}."
           "\n\nScegline una nuova entro 60 minuti: {link}\n\nSe non sei stato tu, ignora questa email."),
    "pt": ("Redefinir a palavra-passe", "Recebemos um pedido para redefinir a palavra-passe da sua conta {shop}.\n\n"
           "Defina uma nova nos próximos 60 minutos: {link}\n\nSe não foi você, ignore esta mensagem."),
    "nl": ("Nieuw wachtwoord instellen", "Er is gevraagd om het wachtwoord van je {shop}-account opnieuw in te "
           "stellen.\n\nKies binnen 60 minuten een nieuw wachtwoord: {link}\n\nWas jij dit niet? Dan kun je deze mail "
           "negeren."),
    "pl": ("Zmiana hasła", "Otrzymaliśmy prośbę o zmianę hasła do konta w {shop}.\n\nNowe hasło ustawisz w ciągu 60 "
           "minut tutaj: {link}\n\nJeśli to nie Ty, zignoruj tę wiadomość."),
    "tr": ("Şifre sıfırlama", "{shop} hesabınız için şifre sıfırlama isteği aldık.\n\n60 dakika içinde yeni şifrenizi "
           "belirleyin: {link}\n\nBu isteği siz yapmadıysanız bu e-postayı dikkate almayın."),
    "fa": ("بازیابی رمز عبور", "درخواستی برای تغییر رمز حساب شما در {shop} دریافت شد.\n\nتا ۶۰ دقیقه رمز تازه را "
           "اینجا تعیین کنید: {link}\n\nاگر شما درخواست نداده‌اید، این ایمیل را نادیده بگیرید."),
    "ko": ("비밀번호 재설정 안내", "{shop} 계정의 비밀번호 재설정 요청이 접수되었습니다.\n\n60분 안에 아래 링크에서 새 "
           "비밀번호를 설정하세요: {link}\n\n본인이 요청하지 않았다면 이 메일을 무시하셔도 됩니다."),
}

VERIFY = {
    "en": ("Confirm your email address", "Welcome to {shop}, {first}! Please confirm that this is your address so we "
           "can finish setting up your account: {link}"),
    "it": ("Conferma il tuo indirizzo email", "Benvenuto su {shop}, {first}! Conferma il tuo indirizzo per completare "
           "la registrazione: {link}"),
    "pl": ("Potwierdź adres e-mail", "Witamy w {shop}, {first}! Kliknij, aby potwierdzić adres i dokończyć "
           "rejestrację: {link}"),
    "ko": ("이메일 주소 인증", "{first}님, {shop}에 가입해 주셔서 감사합니다. 아래 링크를 눌러 이메일 주소를 인증해 "
           "주세요: {link}"),
    "tr": ("E-posta adresinizi doğrulayın", "{shop} ailesine hoş geldiniz {first}! Üyeliğinizi tamamlamak için "
           "adresinizi doğrulayın: {link}"),
    "fa": ("تأیید نشانی ایمیل", "{first} عزیز، به {shop} خوش آمدید! برای تکمیل ثبت‌نام نشانی ایمیل خود را تأیید کنید: "
           "{link}"),
}

LOGIN_ALERT = {
    "en": ("New sign-in to your {shop} account", "Hi {first},\n\nwe noticed a new sign-in to your {shop} account on "
           "{when} from {device}.\n\nIf this was you, there's nothing to do. If not, change your password from your "
           "account page ({link}) and let us know.\n\n{shop}"),
    "nl": ("Nieuwe aanmelding op je account", "Hoi {first},\n\nop {when} is er ingelogd op je {shop}-account vanaf "
           "{device}.\n\nWas jij dat? Dan hoef je niets te doen. Zo niet, wijzig dan je wachtwoord via je accountpagina "
           "({link}).\n\n{shop}"),
    "ko": ("새로운 로그인 알림", "{first}님, {when}에 {device}에서 {shop} 계정에 로그인이 있었습니다.\n\n본인이라면 "
           "조치가 필요 없습니다. 본인이 아니라면 내 계정 페이지({link})에서 비밀번호를 변경해 주세요.\n\n{shop}"),
}

CONTACT_VISITOR = {
    "en": ["Hello, do you have a table for six on Saturday evening? One of us is vegan.",
           "Hi there, I ordered a bike lock last week and it still hasn't arrived. Order {num}. Could you check?",
           "Good afternoon, could you send me a quote for the annual accounts of a small limited company? Thanks.",
           "Is the studio open on bank holidays? I'd like to bring my mum to the beginners' class.",
           "We are a group of 4 looking for two rooms from the 12th to the 15th, is breakfast included?"],
    "it": ["Buongiorno, vorrei prenotare un tavolo per otto persone venerdì sera, avete anche menu per bambini?",
           "Salve, vorrei un preventivo per un catering di 40 persone a fine mese. Grazie mille.",
           "Buonasera, avrei bisogno di una consulenza per un contratto di affitto. Quando siete disponibili?"],
    "pt": ["Boa tarde, fazem bolos de aniversário por encomenda? Precisava de um para sábado.",
           "Olá, o quarto duplo está disponível de 3 a 7 de agosto? Obrigada.",
           "Bom dia, enviam vinho para a Alemanha? Gostaria de encomendar uma caixa."],
    "nl": ["Hallo, mijn fiets maakt een tikkend geluid bij het schakelen. Kan ik deze week langskomen?",
           "Goedemiddag, wij zoeken een bureau voor een nieuwe huisstijl. Kunnen we een keer bellen?"],
    "pl": ["Dzień dobry, czy mają Państwo na stanie najnowszą książkę Olgi Tokarczuk? Chętnie odbiorę osobiście.",
           "Witam, chciałabym zapisać syna na kurs angielskiego dla nastolatków. Ile kosztuje semestr?"],
    "tr": ["Merhaba, Türk kahvesi makinesi satıyor musunuz? Fiyat bilgisi alabilir miyim?",
           "İyi günler, haziran ayında bir hafta için boğaz manzaralı daire arıyoruz. Müsaitlik var mı?"],
    "fa": ["سلام، آیا کتاب «سووشون» را دارید؟ می‌خواهم برای تهران بفرستید.",
           "سلام وقت بخیر، برای کلاس سه‌تار بزرگسالان ثبت‌نام دارید؟ شهریه چقدر است؟"],
    "ko": ["안녕하세요, 토요일 오전에 스케일링 예약이 가능한지 궁금합니다.",
           "다음 달 독서 모임에 처음 참여하고 싶은데 어떻게 신청하나요?"],
}
CONTACT_FRAME = {
    "en": ("New message from your website: {topic}", "You have a new enquiry from the contact form on {site}.\n\n"
           "Name: {name}\nEmail: {email}\nPhone: {phone}\nTopic: {topic}\n\nMessage:\n{body}\n\n--\nSent from {site}"),
    "it": ("Nuovo messaggio dal sito: {topic}", "Hai ricevuto un nuovo messaggio dal modulo contatti di {site}.\n\n"
           "Nome: {name}\nEmail: {email}\nTelefono: {phone}\nArgomento: {topic}\n\nMessaggio:\n{body}"),
    "pt": ("Nova mensagem do site: {topic}", "Nova mensagem recebida pelo formulário de contacto de {site}.\n\n"
           "Nome: {name}\nEmail: {email}\nTelefone: {phone}\nAssunto: {topic}\n\nMensagem:\n{body}"),
    "nl": ("Nieuw bericht via de website: {topic}", "Er is een nieuw bericht binnengekomen via het contactformulier "
           "op {site}.\n\nNaam: {name}\nE-mail: {email}\nTelefoon: {phone}\nOnderwerp: {topic}\n\nBericht:\n{body}"),
    "pl": ("Nowa wiadomość z formularza: {topic}", "Nowa wiadomość z formularza kontaktowego na {site}.\n\n"
           "Imię i nazwisko: {name}\nE-mail: {email}\nTelefon: {phone}\nTemat: {topic}\n\nTreść:\n{body}"),
    "tr": ("Web sitesinden yeni mesaj: {topic}", "{site} iletişim formundan yeni bir mesaj var.\n\nAd Soyad: {name}\n"
           "E-posta: {email}\nTelefon: {phone}\nKonu: {topic}\n\nMesaj:\n{body}"),
    "fa": ("پیام تازه از فرم تماس: {topic}", "پیام تازه‌ای از فرم تماس {site} رسیده است.\n\nنام: {name}\nایمیل: {email}\n"
           "تلفن: {phone}\nموضوع: {topic}\n\nپیام:\n{body}"),
    "ko": ("홈페이지 문의: {topic}", "{site} 문의하기 양식으로 새 문의가 접수되었습니다.\n\n이름: {name}\n이메일: {email}\n"
           "연락처: {phone}\n제목: {topic}\n\n내용:\n{body}"),
}

NEWSLETTER = {
    "en": ("{shop} | {month} notes", ["This month we finally opened the back garden for evening classes.",
                                       "Our spring service weeks are back: bring your bike in before the rush.",
                                       "We wrote up five small habits that make year-end bookkeeping painless.",
                                       "New this season: a slower Sunday flow for stiff backs and busy minds."],
           "Read more on our blog", "You receive this because you subscribed at {site}. Unsubscribe: {unsub}"),
    "it": ("{shop} - novità di {month}", ["Da questo mese il pranzo della domenica si prenota anche online.",
                                          "Abbiamo aggiunto tre vini della Maremma alla nostra carta."],
           "Leggi tutto sul sito", "Ricevi questa email perché sei iscritto su {site}. Cancellati: {unsub}"),
    "nl": ("Nieuwsbrief {shop} - {month}", ["Onze werkplaats is voortaan ook op zaterdag open.",
                                            "We hebben een nieuw portfolio online gezet met werk voor drie musea."],
           "Lees verder op onze site", "Je ontvangt deze mail omdat je je hebt aangemeld op {site}. Afmelden: {unsub}"),
    "pl": ("Newsletter {shop} - {month}", ["W tym miesiącu spotkanie autorskie z poetką z Nowej Huty.",
                                           "Ruszają zapisy na wakacyjne kursy hiszpańskiego."],
           "Czytaj więcej", "Otrzymujesz tę wiadomość, bo zapisałeś się na {site}. Wypisz się: {unsub}"),
    "pt": ("Novidades da {shop} - {month}", ["Este mês chegou o pão de centeio com nozes.",
                                             "A vindima terminou e o novo rosé já está na loja."],
           "Ler no site", "Recebe este email porque subscreveu em {site}. Cancelar subscrição: {unsub}"),
    "tr": ("{shop} bülteni - {month}", ["Bu ay Etiyopya'dan yeni çekirdekler geldi.",
                                        "Kış aylarında boğaz dairelerinde uzun konaklamaya indirim var."],
           "Devamını okuyun", "Bu e-postayı {site} bültenine abone olduğunuz için alıyorsunuz. Abonelikten çık: {unsub}"),
    "fa": ("خبرنامهٔ {shop} - {month}", ["این ماه نشست نقد کتاب با حضور نویسنده برگزار می‌شود.",
                                         "ثبت‌نام ترم تازهٔ کلاس‌های تار و سنتور آغاز شد."],
           "ادامه در سایت", "این ایمیل را چون در {site} عضو خبرنامه شده‌اید دریافت می‌کنید. لغو عضویت: {unsub}"),
    "ko": ("{shop} 소식 - {month}", ["이번 달 독서 모임 도서는 한강 작가의 신작입니다.",
                                     "정기 검진 시즌을 맞아 토요일 진료 시간을 늘렸습니다."],
           "자세히 보기", "{site}에서 소식지 수신에 동의하셨기 때문에 이 메일을 받으셨습니다. 수신 거부: {unsub}"),
}

BOOKING = {
    "en": ("Reminder: your booking on {date}", "Hello {first},\n\na quick reminder of your booking at {shop} on "
           "{date} at {time}. The details are attached for your calendar.\n\nNeed to change it? Use {link} or call "
           "{phone}.\n\nSee you soon,\n{shop}"),
    "it": ("Promemoria prenotazione del {date}", "Ciao {first},\n\nti ricordiamo la prenotazione da {shop} il {date} "
           "alle {time}. In allegato il file per il calendario.\n\nPer modifiche: {link} oppure {phone}.\n\n{shop}"),
    "pt": ("Lembrete da sua reserva de {date}", "Olá {first},\n\nlembramos a sua reserva na {shop} a {date}, "
           "check-in a partir das {time}. Segue o convite para o calendário.\n\nAlterações: {link} ou {phone}.\n\n{shop}"),
    "tr": ("Rezervasyon hatırlatması: {date}", "Merhaba {first},\n\n{shop} rezervasyonunuz {date} tarihinde saat "
           "{time} itibarıyla başlıyor. Takvim dosyası ektedir.\n\nDeğişiklik için: {link} ya da {phone}.\n\n{shop}"),
    "ko": ("[{shop}] {date} 예약 안내", "{first}님, {date} {time} {shop} 예약을 다시 안내해 드립니다. 캘린더 파일을 "
           "첨부했습니다.\n\n변경은 {link} 또는 {phone}로 연락 주세요.\n\n{shop}"),
    "fa": ("یادآوری نوبت {date}", "{first} عزیز،\n\nنوبت شما در {shop} روز {date} ساعت {time} است. فایل تقویم پیوست "
           "شده است.\n\nبرای تغییر: {link} یا {phone}\n\n{shop}"),
    "pl": ("Przypomnienie: zajęcia {date}", "Dzień dobry {first},\n\nprzypominamy o zajęciach w {shop} w dniu {date} o "
           "godz. {time}. W załączniku plik do kalendarza.\n\nZmiany: {link} lub {phone}.\n\n{shop}"),
}

TICKET = {
    "en": ("Your tickets for {event}", "Hi {first},\n\nhere are your {n} tickets for {event} on {date}. Show the QR "
           "code at the door, on your phone or printed. Doors open at {time}.\n\nEnjoy the evening!\n{shop}"),
    "it": ("I tuoi biglietti per {event}", "Ciao {first}, ecco i tuoi {n} biglietti per {event} del {date}. "
           "Mostra il codice QR all'ingresso. Apertura porte alle {time}.\n\n{shop}"),
    "pl": ("Bilety na {event}", "Dzień dobry {first}, w załączniku {n} bilety na {event} w dniu {date}. Kod QR "
           "wystarczy pokazać przy wejściu. Wejście od {time}.\n\n{shop}"),
    "fa": ("بلیت‌های {event}", "{first} عزیز، {n} بلیت شما برای {event} در تاریخ {date} پیوست است. کد QR را دم در "
           "نشان دهید. درها ساعت {time} باز می‌شوند.\n\n{shop}"),
    "ko": ("{event} 입장권", "{first}님, {date} {event} 입장권 {n}매를 보내드립니다. 입장 시 QR 코드를 보여 주세요. "
           "입장은 {time}부터입니다.\n\n{shop}"),
}

SHARE = {
    "en": [("Photos from Saturday", "Hi {first},\n\nthe photos from Saturday are too big to attach, so I've put them "
            "here: {link}\nThe link works for a week.\n\nLove,\n{sender}"),
           ("Draft layouts for the brochure", "Hi {first},\n\nthe print PDFs are up on {link} (about 180 MB). Let me "
            "know which cover you prefer and I'll send it to the printer.\n\n{sender}")],
    "nl": [("Bestanden voor de presentatie", "Hoi {first},\n\nde ontwerpen staan klaar via {link}. Laat maar weten of "
            "alles goed doorkomt.\n\nGroet,\n{sender}")],
    "pt": [("Fotos do casamento", "Olá {first},\n\ncomo prometido, aqui ficam as fotos do casamento: {link}\n"
            "São muitas, por isso não as mandei em anexo.\n\nBeijinhos,\n{sender}")],
    "ko": [("모임 사진 공유", "{first}님, 지난 모임 사진은 용량이 커서 여기에 올려 두었습니다: {link}\n일주일 동안 받을 "
            "수 있어요.\n\n{sender}")],
}

PERSONAL = {
    "en": ["Hi {first},\n\nare we still on for coffee on Thursday? I can do 10 or after 3.\n\n{sender}",
           "{first}, thank you so much for the flowers, they made my week. Dinner at ours soon?\n\nx {sender}",
           "Hi {first},\n\nI found the recipe you asked about. It's my gran's, so the quantities are approximate: "
           "a cup of oats, two apples, cinnamon, a good knob of butter. Bake until it smells right.\n\n{sender}",
           "Morning {first}, just landed. The conference was tiring but useful; I'll tell you everything on "
           "Sunday.\n\n{sender}"],
    "it": ["Ciao {first}, ci vediamo sabato alla festa di Sara? Porto io il dolce.\n\n{sender}",
           "Cara {first}, grazie ancora per l'ospitalità, siamo tornati a casa stanchi ma felici.\n\nUn abbraccio,\n"
           "{sender}"],
    "pt": ["Olá {first}, já marcaste a consulta? Se quiseres vou contigo.\n\nBeijos,\n{sender}",
           "{first}, o jantar de domingo continua de pé? Levo o vinho.\n\n{sender}"],
    "nl": ["Hoi {first}, zullen we zondag gaan fietsen als het droog is? Ik neem broodjes mee.\n\n{sender}",
           "Dag {first}, bedankt voor het leuke etentje gisteren!\n\nLiefs,\n{sender}"],
    "pl": ["Cześć {first}, czy w sobotę jest aktualne wyjście do kina? Daj znać.\n\n{sender}",
           "Droga {first}, dziękuję za książkę, już jestem w połowie!\n\nŚciskam,\n{sender}"],
    "tr": ["Selam {first}, hafta sonu kahvaltıya gelir misin? Annem de gelecek.\n\n{sender}",
           "{first} merhaba, doğum günü hediyen için çok teşekkür ederim!\n\nSevgiler,\n{sender}"],
    "fa": ["سلام {first} جان، جمعه برای ناهار می‌آیی؟ مامان هم هست.\n\n{sender}",
           "{first} عزیز، بابت کتابی که فرستادی خیلی ممنونم، عالی بود.\n\n{sender}"],
    "ko": ["{first}아, 이번 주말에 등산 갈래? 날씨가 좋대.\n\n{sender}",
           "{first}님, 지난번에 빌려주신 책 정말 잘 읽었어요. 다음 주에 돌려드릴게요.\n\n{sender}"],
}

BUSINESS = {
    "en": [("Proposal for the shop refit", "Dear {first},\n\nthank you for meeting us on Tuesday. As discussed, we "
            "propose to split the work into two phases so the shop can stay open: the workshop area in March and the "
            "front of house in April. Our estimate for both phases is {total} excluding VAT; the detailed breakdown "
            "follows by the end of the week.\n\nWe would need a decision by the 20th to book the joiners.\n\n"
            "Best regards,\n{sender}\n{shop}\n{phone}"),
           ("Year-end: documents we still need", "Dear {first},\n\nto close your accounts for the year we still need "
            "the December bank statements, the mileage log and the invoices from your two largest suppliers. If it is "
            "easier, drop them into the secure upload page on our portal ({link}) or bring them in.\n\nKind regards,\n"
            "{sender}\n{shop}")],
    "it": [("Parere sul contratto di locazione", "Gentile {first},\n\nho esaminato la bozza del contratto di "
            "locazione. Segnalo due punti: la clausola di recesso anticipato è sbilanciata a favore del locatore e "
            "manca la disciplina delle spese straordinarie. Propongo di discuterne giovedì alle 15.\n\n"
            "Cordiali saluti,\n{sender}\n{shop}")],
    "nl": [("Offerte nieuwe website", "Beste {first},\n\nbedankt voor het prettige gesprek. De offerte volgt "
            "vrijdag. Globaal rekenen we op zes weken en een budget rond {total}.\n\n"
            "Met vriendelijke groet,\n{sender}\n{shop}")],
    "pl": [("Oferta kursu dla firmy", "Szanowna Pani {first},\n\nw nawiązaniu do rozmowy przesyłam propozycję kursu "
            "angielskiego dla działu sprzedaży: dwa spotkania tygodniowo po 90 minut, grupy do 8 osób. Koszt semestru "
            "to {total}.\n\nZ poważaniem,\n{sender}\n{shop}")],
    "tr": [("Toptan kahve teklifi", "Sayın {first},\n\nkafeniz için aylık 20 kg filtre kahve teklifimiz {total} "
            "tutarındadır. Numune göndermemizi isterseniz adresinizi iletmeniz yeterli.\n\nSaygılarımla,\n{sender}\n"
            "{shop}")],
    "ko": [("진료 협력 관련 문의 회신", "{first} 원장님께,\n\n지난주 문의하신 교정 환자 의뢰 건은 가능합니다. 매주 수요일 "
            "오후에 상담 시간을 비워 두겠습니다. 자세한 일정은 전화로 조율하면 좋겠습니다.\n\n{sender} 드림\n{shop}")],
    "fa": [("پیشنهاد همکاری برای کلاس‌های تابستانی", "{first} گرامی،\n\nبا سپاس از گفتگوی هفتهٔ گذشته، برنامهٔ "
            "پیشنهادی کلاس‌های تابستانی را آماده کرده‌ایم: دو جلسه در هفته و گروه‌های حداکثر ده نفره.\n\nبا احترام\n"
            "{sender}\n{shop}")],
}

REPLY_OPENERS = {
    "en": ["Thanks {first}, that works for me.", "Sorry for the slow reply, {first}. Yes, Friday is fine.",
           "Got it, I'll send the figures tomorrow morning.", "Great, see you then!"],
    "it": ["Grazie {first}, per me va benissimo.", "Perfetto, allora ci sentiamo lunedì."],
    "pt": ["Obrigada {first}, combinado.", "Perfeito, fica para sexta então."],
    "nl": ["Top, dank je {first}!", "Prima, dan zien we elkaar dinsdag."],
    "pl": ["Dziękuję {first}, pasuje mi.", "Super, do zobaczenia w piątek."],
    "tr": ["Teşekkürler {first}, olur.", "Tamamdır, cuma görüşürüz."],
    "fa": ["ممنون {first} جان، موافقم.", "باشه، پس پنجشنبه می‌بینمت."],
    "ko": ["{first}님, 감사합니다. 그렇게 하겠습니다.", "네, 그럼 금요일에 뵙겠습니다."],
}
REPLY_QUOTED = {
    "en": ["Could we move our call to Friday at 11? Something came up on Thursday.",
           "Do you have the updated figures for the third quarter?"],
    "it": ["Possiamo spostare l'appuntamento a lunedì mattina?"],
    "pt": ["Podemos passar a reunião para sexta-feira?"],
    "nl": ["Kunnen we de afspraak naar dinsdag verzetten?"],
    "pl": ["Czy możemy przełożyć spotkanie na piątek?"],
    "tr": ["Toplantıyı cumaya alabilir miyiz?"],
    "fa": ["می‌شود جلسه را بگذاریم پنجشنبه؟"],
    "ko": ["회의를 금요일로 옮길 수 있을까요?"],
}

HELPDESK = {
    "en": ("[Ticket #{num}] {topic}", "Hi {first},\n\nan update on your request #{num} ({topic}): {update}\n\nYou can "
           "reply to this email or see the whole conversation at {link}.\n\n{sender}\n{shop} support"),
    "nl": ("[Ticket #{num}] {topic}", "Hoi {first},\n\neen update over je verzoek #{num} ({topic}): {update}\n\n"
           "Reageren kan via deze mail of via {link}.\n\n{sender}\n{shop}"),
    "pl": ("[Zgłoszenie #{num}] {topic}", "Dzień dobry {first},\n\nw sprawie zgłoszenia #{num} ({topic}): {update}\n\n"
           "Całą korespondencję znajdziesz tutaj: {link}\n\n{sender}\n{shop}"),
}
HELPDESK_UPDATES = {
    "en": ["the replacement part arrived today and the repair will be done by Friday.",
           "we've refunded the shipping cost to your original payment method; it can take 3-5 days to show.",
           "we need a photo of the serial number under the frame to order the right part."],
    "nl": ["het vervangende onderdeel is binnen, je fiets is vrijdag klaar."],
    "pl": ["zwrot za przesyłkę został zlecony, środki pojawią się w ciągu 3-5 dni."],
}

WEBINAR = {
    "en": ("Invitation: {event}", "Hello {first},\n\nyou're invited to {event}, a free 45-minute online session on "
           "{date} at {time}. We'll cover the new rules for small businesses and take questions at the end.\n\n"
           "Join link (no software needed): {meet}\nAdd it to your calendar: {link}\n\n{sender}\n{shop}"),
    "nl": ("Uitnodiging: {event}", "Hallo {first},\n\nje bent welkom bij {event}, een online sessie van 45 minuten op "
           "{date} om {time}.\n\nDeelnemen: {meet}\nMeer informatie: {link}\n\n{sender}\n{shop}"),
    "pl": ("Zaproszenie: {event}", "Dzień dobry {first},\n\nzapraszamy na {event}, bezpłatne spotkanie online {date} o "
           "{time}.\n\nLink do spotkania: {meet}\nSzczegóły: {link}\n\n{sender}\n{shop}"),
}

REVIEW = {
    "en": ("How was your order, {first}?", "Hi {first},\n\nyour order {num} should have arrived by now. If you have "
           "a minute, we'd love a short review: it helps a small shop more than you'd think.\n\n{review_link}\n\n"
           "Thanks!\n{shop}"),
    "it": ("Com'è andata, {first}?", "Ciao {first}, il tuo ordine {num} dovrebbe essere arrivato. Ci lasci una breve "
           "recensione?\n\n{review_link}\n\nGrazie!\n{shop}"),
    "tr": ("Siparişinizden memnun kaldınız mı?", "Merhaba {first}, {num} numaralı siparişiniz size ulaşmış olmalı. "
           "Kısa bir değerlendirme yazar mısınız?\n\n{review_link}\n\n{shop}"),
    "pt": ("Gostou da sua encomenda?", "Olá {first}, a encomenda {num} já deve ter chegado. Deixe-nos uma avaliação?"
           "\n\n{review_link}\n\n{shop}"),
}

SCHOOL = {
    "en": ("Class news and term dates", "Dear parents,\n\nthe spring term starts on {date}. Classes run as usual; the "
           "end-of-term concert is on the last Friday at {time}. The receipt for this term's fees ({total}) is in "
           "your family account: {link}\n\nWith best wishes,\n{sender}\n{shop}"),
    "pl": ("Informacje na nowy semestr", "Szanowni Państwo,\n\nnowy semestr rozpoczyna się {date}. Potwierdzenie "
           "wpłaty za kurs ({total}) jest dostępne w panelu: {link}\n\nPozdrawiamy,\n{sender}\n{shop}"),
    "fa": ("اطلاعیهٔ ترم جدید", "والدین گرامی،\n\nترم جدید از {date} آغاز می‌شود. رسید شهریهٔ این ترم ({total}) در "
           "پنل خانواده موجود است: {link}\n\nبا احترام\n{sender}\n{shop}"),
}

RENEWAL = {
    "en": ("Your website care plan renews on {due}", "Hi {first},\n\njust a heads-up that the yearly care plan for "
           "{site} (hosting, backups and updates) renews on {due} for {total}. Nothing to do if you want to keep it: "
           "we'll send the invoice as usual. If you'd like to change or cancel, reply before then or call me on "
           "{phone}.\n\nCheers,\n{sender}\n{shop}"),
    "nl": ("Verlenging onderhoudscontract op {due}", "Hoi {first},\n\nje onderhoudscontract voor {site} wordt op {due} "
           "verlengd voor {total}. Wil je iets aanpassen? Laat het ons vóór die datum weten.\n\nGroet,\n{sender}\n{shop}"),
}
