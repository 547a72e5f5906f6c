"""Fraud families as cue groups, in the languages Mailward's users write (core/detection/checks/scam_patterns.py
reads them).

A family is what a kind of fraud has to say to work. Advance-fee fraud has to promise money nobody earned, ask for
secrecy or a share, and ask for personal or bank details. Extortion has to claim a compromise, demand crypto, and
set a deadline. Each group lists ways of saying one of those things. One group alone is something ordinary mail
says too ("bitcoin", "gift card", "you have won our raffle"); two groups of one family are content evidence; every
group of a family is the whole script of that fraud, near certain by itself.

Cues are matched on normalised text (lower case, punctuation as spaces, padded): a cue with a leading or trailing
space must sit on that word boundary; cues in scripts written without spaces (Chinese, Japanese) match anywhere.
Written from how these frauds are known to read, not from any test message.
"""

from __future__ import annotations

#: Families whose whole script (every cue group) is near certain by itself. Left out: prize (a shop's real raffle
#: says "you won, claim your prize, reference number"), SEO and dating (agencies and dating sites write to their
#: own customers in those words).
STRONG_FAMILIES = frozenset({"advance_fee", "extortion", "crypto_investment", "gift_card", "tech_support", "pharma"})

#: Families of which one group (by its index) must be among any two found: what only the fraud says. An honest
#: notary's or lawyer's letter about a real inheritance names the deceased and the estate and asks for the heir's
#: name, passport and bank details (advance fee's groups 0 and 2); only the stranger proposes to present the reader
#: as the heir, to split the money, or to keep it secret (group 1).
NEEDED_GROUP = {"advance_fee": 1}

#: Cues that are not words but things found in the raw text (core/detection/checks/scam_patterns.py detects them): a sum
#: of a
#: million or more, and a crypto wallet address whose checksum holds. A detector cue alone is no evidence: it only
#: completes a family another group of which was already found.
LARGE_SUM = "<large sum>"
WALLET_ADDRESS = "<wallet address>"
#: The site of a recipient (not a free-mail provider) named in the text: cold outreach about "your site" names it.
RECIPIENT_SITE = "<recipient site>"

#: family -> cue groups; each group a tuple of cues.
SCAM_FAMILIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "advance_fee": (
        (" inheritance ", " next of kin ", " beneficiary ", " unclaimed ", " dormant account ", " consignment ",
         " late client ", " deceased ", " erbschaft ", " verstorbenen ", " herencia ", " fallecido ",
         " héritage ", " défunt ", " eredità ", " خزينة ", " ميراث ", " المتوفى ", " ירושה ", "遗产", "遺産",
         LARGE_SUM,
         # the same in more languages, and the dying donor who gives a fortune to a stranger
         # (the bare word "beneficiary" of other languages is left out: an honest notary's letter says it)
         " herederos ", " herança ", " erfenis ", " spadek ", " miras ", " наследство ", " ارث ", "无人认领", "유산",
         " donate the sum ", " faire don de la somme ", " donar la suma ",
         # pt, it, nl, pl, tr, ru, ko: the late client or relative, the account nobody claims, the missing kin
         " fundos não reclamados ", " conta inativa ", " conta dormente ", " parente mais próximo ", " falecido ",
         " fondi non reclamati ", " conto dormiente ", " parente più prossimo ", " defunto ", " deceduto ",
         " slapende rekening ", " niet opgeëist ", " niet opgeëiste ", " naaste verwant ", " overleden cliënt ",
         " spadku ", " najbliższego krewnego ", " uśpione konto ", " nieodebrane środki ", " zmarłego ",
         " mirası ", " mirasını ", " sahipsiz fon ", " en yakın akrabası ", " vefat eden ",  # noqa: RUF001
         " наследства ", " ближайшего родственника ", " невостребованные средства ", " покойного ", " умершего ",
         "상속", "휴면 계좌", "미청구 자금", "고인의"),
        (" strictly confidential ", " absolute confidentiality ", " business proposal ", " your assistance ",
         " process the claim ", " claim the funds ", " transfer the funds ", " stand as the ", " as the beneficiary ",
         " of the total sum ", " of the total fund ", " percent of the fund ", " share of the fund ",
         # secrecy only as a stranger insists on it: a notary's real letter about an inheritance is headed
         # "vertraulich" / "confidencial" / "confidentiel" and asks for the heir's name and bank details too
         " streng vertraulich ", " streng geheim ", " estrictamente confidencial ", " absoluta confidencialidad ",
         " strictement confidentiel ", " confidentialité absolue ", " سري للغاية ", " בסודיות ", "保密", "極秘",
         # a stranger offers to present the reader as the heir, or to split the money
         " como beneficiario ", " comme bénéficiaire ", " come beneficiario ", " como beneficiário ",
         " als begünstigten ", " honest person ", " personne honnête ", " persona honesta ", "五五分成",
         "安排为受益人",
         # pt, it, nl, pl, tr, ru, ko: a stranger's proposal, a share for the reader's help, the reader presented
         # as the heir. Not secrecy alone: a notary's or lawyer's real letter about an inheritance is confidential
         # too, and asks for the heir's name and bank details, so this group is the stranger's part of the script.
         " proposta de negócio ", " preciso da sua ajuda ", " preciso da sua assistência ",
         " como parente mais próximo ", " por cento do valor ", " por cento do total ", " pessoa honesta ",
         " parceiro estrangeiro ", " sigilo absoluto ", " absoluto sigilo ",
         " proposta daffari ", " ho bisogno del tuo aiuto ", " ho bisogno del suo aiuto ",
         " come parente più prossimo ", " per cento dellimporto ", " per cento del totale ", " persona onesta ",
         " partner straniero ", " zakelijk voorstel ", " ik heb uw hulp nodig ", " heb ik uw hulp nodig ",
         " als naaste verwant ", " als begunstigde ", " procent van het bedrag ", " procent van het totale ",
         " eerlijk persoon ", " buitenlandse partner ", " propozycja biznesowa ", " propozycję biznesową ",
         " potrzebuję twojej pomocy ", " potrzebuję pana pomocy ", " jako najbliższego krewnego ",
         " jako beneficjenta ", " procent całej kwoty ", " procent całej sumy ", " uczciwej osoby ",
         " zagranicznego partnera ", " iş teklifi ", " iş teklifim ", " yardımınıza ihtiyacım ",  # noqa: RUF001
         " varisi olarak ", " akrabası olarak ", " lehtar olarak ", " toplam tutarın yüzde ",  # noqa: RUF001
         " dürüst bir kişi ", " yabancı bir ortak ", " деловое предложение ", " нужна ваша помощь ",  # noqa: RUF001
         " нуждаюсь в вашей помощи ", " в качестве ближайшего родственника ", " в качестве наследника ",
         " в качестве бенефициара ", " процентов от общей суммы ", " процентов от суммы ", " честного человека ",
         " иностранного партнера ", " иностранного партнёра ", "사업 제안", "도움이 필요합니다",
         "최근친으로", "상속인으로", "수익자로", "총액의", "정직한 사람", "외국인 파트너"),
        (" your full name ", " your bank details ", " bank account details ", " copy of your passport ",
         " copy of your id ", " your private email ", " your direct telephone ", " ihre bankverbindung ",
         " datos bancarios ", " coordonnées bancaires ", " تفاصيل حسابك ", " פרטי חשבון ", "银行账户", "銀行口座",
         " votre nom complet ", " su nombre completo ", " ihren vollständigen namen ", " il tuo nome completo ",
         " seu nome completo ", " uw volledige naam ", " ваше полное имя ", "私人邮箱", "您的全名",
         # pt, it, nl, pl, tr, ru, ko: name, bank details, passport, telephone
         " seus dados bancários ", " os seus dados bancários ", " cópia do seu passaporte ", " seu telefone ",
         " il suo nome completo ", " le tue coordinate bancarie ", " le sue coordinate bancarie ",
         " i tuoi dati bancari ", " copia del tuo passaporto ", " copia del suo passaporto ", " je volledige naam ",
         " uw bankgegevens ", " je bankgegevens ", " kopie van uw paspoort ", " kopie van je paspoort ",
         " pełne imię i nazwisko ", " dane bankowe ", " danych bankowych ", " kopię paszportu ", " kopię dowodu ",
         " tam adınız", " adınızı ve soyadınız", " banka bilgileriniz", " banka hesap bilgileriniz",  # noqa: RUF001
         " pasaportunuzun ", " telefon numaranız", " ваше фио ", " банковские реквизиты ",  # noqa: RUF001
         " ваши реквизиты ", " копию паспорта ", " номер телефона ", "성명", "전체 이름", "계좌 정보",
         "여권 사본", "전화번호"),
    ),
    "prize": (
        (" you have won ", " youve won ", " you won ", " winning number ", " lucky draw ", " lottery ",
         " sweepstake ", " sie haben gewonnen ", " gewinner ", " ha ganado ", " ganador ", " vous avez gagné ",
         " gagnant ", " لقد ربحت ", " זכית ", "中奖", "当選", LARGE_SUM,
         # an e-mail address "drawn" in a lottery nobody entered
         " email address has won ", " e mail address has won ", " your email address was selected ",
         " selected as a winner ", " ihre e mail adresse hat ", " votre adresse e mail a gagné ",
         " su dirección de correo ha resultado premiada ", " il suo indirizzo email ha vinto ",
         " seu endereço de email ganhou ", " فاز بريدك الإلكتروني ", "您的邮箱中奖"),
        (" claim your ", " processing fee ", " release fee ", " delivery fee ", " clearance fee ",
         " bearbeitungsgebühr ", " tasa de ", " frais de dossier ", " رسوم ", " עמלת ", "手续费", "手数料",
         " contact our agent ", " contact the agent ", " contact the claims ", " kontaktieren sie unseren ",
         " contactez notre agent ", " contacte con nuestro agente ", " reclamar el premio ", " recevoir vos gains ",
         " claim the prize ", " التواصل مع الوكيل ", " لاستلام الجائزة "),
        (" reference number ", " batch number ", " ticket number ", " claims agent ", " claims officer ",
         " winning code ", " aktenzeichen ", " número de referencia ", " numéro de référence ", "编号",
         " gewinnnummer ", " numéro gagnant ", " número ganador ", " numero vincente ", " رقم المرجع ", " ref no "),
    ),
    "extortion": (
        (" hacked your ", " access to your device ", " access to your computer ", " your webcam ",
         " recorded you ", " video of you ", " adult website ", " adult site ", " installed a malware ",
         " installed malware ", " spyware ", " ihre webcam ", " ich habe ihr ", " tu cámara ", " tu dispositivo ",
         " votre webcam ", " votre appareil ", " كاميرا ", " המצלמה ", "摄像头", "カメラ",
         # the "I know your password / I wrote from your own account" opening of today's sextortion
         " i know your password ", " know your password ", " from your own account ", " from your own email ",
         " hacked your account ", " compromising video ", " intimate video ", " pornographic ", " masturbating ",
         " ich kenne ihr passwort ", " conozco tu contraseña ", " je connais votre mot de passe ",
         " je connais ton mot de passe ", " von ihrem eigenen konto ", " desde tu propia cuenta ",
         " depuis votre propre compte ", " أعرف كلمة المرور ", " אני יודע את הסיסמה ",
         "我知道你的密码", "パスワードを知って",
         # pt, it, nl, pl, tr, ru, ko, ar: in the first person (I hacked, I recorded you, I installed, I know your
         # password). A bank's or an IT department's notice speaks of an infection or a hacker in the third person.
         " hackeei o seu ", " hackeei seu ", " hackeei o teu ", " invadi o seu ", " invadi seu ", " invadi o teu ",
         " tenho acesso ao seu ", " tenho acesso total ", " gravei você ", " te gravei ", " gravei te ",
         " instalei um malware ", " instalei um vírus ", " instalei um programa ", " conheço a sua senha ",
         " sei a sua senha ", " sei sua senha ", " da sua própria conta ", " do seu próprio email ",
         " vídeo comprometedor ", " ho hackerato ", " ho violato il tuo ", " ho violato il suo ",
         " ho accesso al tuo ", " ho accesso al suo ", " ti ho registrato ", " ti ho filmato ", " ti ho ripreso ",
         " ho installato un malware ", " ho installato un virus ", " ho installato un trojan ",
         " conosco la tua password ", " conosco la sua password ", " dal tuo stesso account ", " video compromettente ",
         " heb je apparaat gehackt ", " heb uw apparaat gehackt ", " heb je computer gehackt ",
         " heb uw computer gehackt ", " ik heb toegang tot je ", " ik heb toegang tot uw ", " ik heb je gefilmd ",
         " ik heb u gefilmd ", " heb ik je gefilmd ", " heb ik u gefilmd ", " ik heb malware ",
         " ik ken je wachtwoord ", " ik ken uw wachtwoord ", " vanaf je eigen account ", " vanaf uw eigen account ", " compromitterende video ",  # noqa: E501
         " zhakowałem ", " zhakowałam ", " włamałem się do twojego ", " mam dostęp do twojego ", " nagrałem cię ",
         " nagrałam cię ", " zainstalowałem złośliwe ", " zainstalowałem wirusa ", " znam twoje hasło ",
         " z twojego własnego konta ", " kompromitujące nagranie ", " kompromitujący film ",
         " hackledim ", " ele geçirdim ", " erişim sağladım ", " sizi kaydettim ", " seni kaydettim ",  # noqa: RUF001
         " zararlı yazılım yükledim ", " casus yazılım yükledim ", " şifrenizi biliyorum ",  # noqa: RUF001
         " şifreni biliyorum ", " kendi hesabınızdan ", " kendi hesabından ",  # noqa: RUF001
         " я взломал ", " взломал ваш ", " взломал ваше ", " взломал твой ", " взломал твоё ",
         " у меня есть доступ к вашему ", " я записал вас ", " я записал тебя ", " записал вас через ",  # noqa: RUF001
         " я установил вредоносное ", " я установил вирус ", " я установил шпионскую ", " я знаю ваш пароль ",
         " я знаю твой пароль ", " с вашего собственного ", " компрометирующее видео ",  # noqa: RUF001
         "기기를 해킹했", "컴퓨터를 해킹했", "계정을 해킹했", "당신을 녹화", "당신의 모습을 녹화", "악성코드를 설치했",
         "악성 프로그램을 설치했", "비밀번호를 알고 있", " لقد اخترقت ", " اخترقت جهازك ", " قمت بتسجيلك "),
        (" bitcoin ", " btc ", " litecoin ", " monero ", " crypto wallet ", " my wallet ", " wallet address ",
         " bitcoin address ", " usdt ", " in crypto ", " kryptowährung ", " criptomonedas ", " cryptomonnaie ",
         "比特币", "ビットコイン", WALLET_ADDRESS,
         " bitcoins ", " em bitcoin ", " carteira bitcoin ", " endereço bitcoin ", " endereço da carteira ",
         " criptomoeda ", " in bitcoin ", " criptovaluta ", " portafoglio bitcoin ", " indirizzo bitcoin ",
         " bitcoinadres ", " mijn wallet ", " cryptovaluta ", " bitcoinach ", " bitcoinów ", " kryptowalucie ",
         " adres portfela ", " bitcoine ", " bitcoin olarak ", " kripto para ", " cüzdan adresi ",
         " биткоин ", " биткоинах ", " биткоинов ", " биткоины ", " биткойн ", " биткойнах ", " биткойнов ",
         " криптовалюте ", " адрес кошелька ", " мой кошелек ", " мой кошелёк ", "비트코인", "지갑 주소",
         " بيتكوين ", " البيتكوين ", " بالبيتكوين "),
        (" 48 hours ", " 24 hours ", " 72 hours ", " all your contacts ", " your contacts ", " send the video ",
         " you have two days ", " you have 2 days ", " erase it ", " delete the video ", " destroy the video ",
         " your family and ", " your colleagues ", " 48 stunden ", " zwei tagen ", " 48 horas ", " dos días ",
         " 48 heures ", " deux jours ", " tus contactos ", " vos contacts ", " ihre kontakte ",
         " 48 ساعة ", " 48 שעות ", "48小时", "两天", "48時間", "2日以内",
         # pt, it, nl, pl, tr, ru, ko: the deadline and the threat to send the video to everyone the reader knows
         " 72 horas ", " dois dias ", " seus contatos ", " seus contactos ", " enviarei o vídeo ",
         " vou enviar o vídeo ", " apagarei o vídeo ", " 48 ore ", " 72 ore ", " due giorni ", " tuoi contatti ",
         " suoi contatti ", " invierò il video ", " manderò il video ", " cancellerò il video ", " eliminerò il video ",
         " 48 uur ", " 72 uur ", " twee dagen ", " je contacten ", " uw contacten ", " stuur ik de video ",
         " verwijder ik de video ", " 48 godzin ", " 72 godzin ", " dwóch dni ", " twoich kontaktów ",
         " twoim kontaktom ", " wyślę nagranie ", " wyślę film ", " usunę nagranie ", " usunę film ", " 48 saat ",
         " 72 saat ", " iki gün ", " kişilerinize ", " kişilerine ", " videoyu göndereceğim ", " videoyu sileceğim ",
         " videoyu silerim ", " 48 часов ", " 72 часа ", " двух дней ", " вашим контактам ", " твоим контактам ",
         " отправлю видео ", " разошлю видео ", " удалю видео ", "48시간", "72시간", "이틀 안에", "이틀 이내",
         "모든 연락처", "영상을 보내", "영상을 삭제"),
    ),
    "crypto_investment": (
        (" bitcoin ", " btc ", " eth ", " ethereum ", " usdt ", " crypto ", " cryptocurrency ", " trading platform ",
         " forex ", " krypto ",
         " criptomoneda ", " cryptomonnaie ", " العملات الرقمية ", " קריפטו ", "加密货币", "暗号資産", "仮想通貨",
         # the "AI trading platform" that earns while you sleep
         " ai trading ", " ki trading ", " trading app ", " trading bot ", " auto trading ", " automated trading ",
         " passive income ", " passives einkommen ", " ingresos pasivos ", " revenu passif ", " reddito passivo ",
         " renda passiva ", " plataforma de inversión ", " investment platform ", " منصة تداول ",
         " unclaimed balance "),
        (" guaranteed profit ", " guaranteed return ", " guaranteed returns ", " daily profit ", " profit daily ",
         " per day guaranteed ", " risk free ", " without risk ", " garantierte rendite ", " ohne risiko ",
         " ganancias garantizadas ", " sin riesgo ", " rendement garanti ", " sans risque ", " أرباح مضمونة ",
         # the "giveaway" that doubles whatever is sent to it
         " double your ", " receive double ", " double back ", " sent back double ", " doubled instantly ",
         " verdoppeln ", " duplicamos ", " doublons ",
         " רווח מובטח ", "保证收益", "稳赚", "確実に儲かる", "元本保証",
         # earnings promised by the day without work (not "per day" alone: a strong family's group must be the fraud's)
         " a day from home ", " al día desde casa ", " par jour depuis chez vous ", " pro tag von zuhause ",
         " أرباحاً يومية ", " أرباح يومية ", " while i slept ", " while you sleep ", "每天赚"),
        (" limited spots ", " limited places ", " only today ", " invest now ", " minimum deposit ",
         " send any amount ", " to the address below ", " giving away ", " giveaway ", " jetzt einzahlen ",
         " jetzt investieren ", " mindesteinzahlung ", " depósito mínimo ", " dépôt minimum ", " استثمر الآن ",
         " הפקדה מינימלית ", "最低投资", "最低入金",
         " registration closes ", " withdraw now ", " withdraw before "),
    ),
    "gift_card": (
        (" gift card ", " gift cards ", " itunes card ", " google play card ", " steam card ", " apple card ",
         " amazon card ", " geschenkkarte ", " geschenkkarten ", " tarjeta regalo ", " tarjetas de regalo ",
         " carte cadeau ", " cartes cadeaux ", " بطاقة هدايا ", " כרטיס מתנה ", "礼品卡", "ギフトカード"),
        (" scratch ", " the codes ", " card numbers ", " picture of the back ", " photo of the back ",
         " pictures of the cards ", " die codes ", " los códigos ", " les codes ", " الرموز ", " הקודים ", "卡号",
         "コード"),
        (" are you available ", " quick favor ", " quick favour ", " in a meeting ", " keep it discreet ",
         " surprise for the staff ", " i will reimburse ", " i need you to ", " between us ",
         " are you at your desk ", " quick task ", " urgent task ", " text me ", " sind sie verfügbar ",
         " estás disponible ",
         " êtes vous disponible ", " هل أنت متاح ", " אתה זמין ", "你有空吗", "今お時間"),
    ),
    "tech_support": (
        (" your computer is infected ", " your pc is infected ", " virus detected ", " viruses detected ",
         " trojan detected ", " your device is infected ", " ihr computer ist infiziert ", " virus detectado ",
         " virus détecté ", " جهازك مصاب ", " המחשב שלך נגוע ", "电脑已感染", "ウイルスが検出"),
        (" call our support ", " call us immediately ", " call now ", " toll free ", " helpline ",
         " rufen sie uns ", " llame ahora ", " appelez nous ", " اتصل بنا ", " התקשר ", "请致电", "お電話"),
        (" will be charged ", " has been charged ", " auto renewal ", " automatic renewal ", " to cancel ",
         " refund ", " wird belastet ", " será cargado ", " sera débité ", " سيتم خصم ", " יחויב ", "扣款",
         "引き落とし"),
    ),
    # Callback phishing: a made-up charge or renewal, a number to call, and "if you did not authorize this". Honest
    # renewal notices say all three too, so this is content evidence only, never a full script (STRONG_FAMILIES).
    "callback": (
        (" has been renewed ", " renewed automatically ", " automatically renewed ", " will be renewed ",
         " has been charged ", " have been charged ", " was charged ", " will be charged ", " will be debited ",
         " auto debit ", " auto renewal ", " you sent ", " wurde verlängert ", " wird abgebucht ",
         " se ha renovado ", " será cargado ", " a été renouvelé ", " sera débité ", " تم تجديد ",
         "已续订", "自動更新"),
        (" call our ", " call us at ", " call us on ", " call us immediately ", " call the number ",
         " billing department ", " support at ", " helpline ", " toll free ", " rufen sie ", " llame al ",
         " appelez le ", " appelez nous ", " اتصل بنا ", " התקשר ", "请致电", "お電話"),
        (" did not authorize ", " didnt authorize ", " did not make this purchase ", " didnt make this purchase ",
         " not authorize this ", " if this wasnt you ", " if this was not you ", " get a refund ", " full refund ",
         " to cancel ", " nicht autorisiert ", " no autorizó ", " pas autorisé ", " لم تقم ", " לא אישרת ", "未授权",
         "身に覚えのない"),
    ),
    "seo": (
        (" seo ", " search engine optimization ", " search engine optimisation ", " backlinks ", " guest post ",
         " link building ", " domain authority ", " first page of google ", " google ranking ", " page 1 of google ",
         " suchmaschinenoptimierung ", " posicionamiento ", " référencement ", " تحسين محركات البحث ",
         " do follow ", " dofollow ", " link insertion ", " sponsored post ", " high authority backlinks ",
         " קידום אתרים ", "搜索引擎优化", "検索エンジン最適化"),
        (" your website ", " your site ", " your web site ", " ihre website ", " ihrer website ", " su sitio web ",
         " su página web ", " votre site ", " موقعك ", " האתר שלך ", "您的网站", "貴社のウェブサイト", "御社のサイト",
         RECIPIENT_SITE),
        (" free audit ", " free seo audit ", " free report ", " free analysis ", " rank higher ", " more traffic ",
         " top ranking ", " reply with yes ", " kostenlose analyse ", " análisis gratuito ", " audit gratuit ",
         " تحليل مجاني ", " ניתוח חינם ", "免费分析", "無料診断", " price list ", " your price ", " we pay ",
         " primera página de google ", " première page de google ", " erste seite bei google ",
         " prima pagina di google ", " primeira página do google ", " boost your rankings ", " high da "),
    ),
    "pharma": (
        (" viagra ", " cialis ", " levitra ", " tramadol ", " xanax ", " valium ", " oxycodone ", " sildenafil ",
         " tadalafil ", " phentermine ", " ozempic ", " semaglutide ", " modafinil ", " adderall ",
         " erectile dysfunction ", " ed pills ", " ed meds ", " potenzmittel ", " erektionsstörung ",
         " disfunción eréctil ", " dysfonction érectile ", " ضعف الانتصاب ", " זקפה ", "勃起", "伟哥"),
        (" no prescription ", " without prescription ", " without a prescription ", " no rx ", " rezeptfrei ",
         " ohne rezept ", " sin receta ", " sans ordonnance ", " بدون وصفة ", " ללא מרשם ", "无需处方", "処方箋不要"),
        (" online pharmacy ", " discreet shipping ", " discreet delivery ", " discreet packaging ", " per pill ",
         " overnight delivery ", " lowest price ", " 100% discreet ", " online apotheke ", " farmacia online ",
         " pharmacie en ligne ",
         " صيدلية ", " בית מרקחת ", "网上药店", "通販"),
    ),
    "dating": (
        (" lonely ", " single women ", " single ladies ", " hot singles ", " beautiful girls ", " sexy ",
         " naughty ", " einsame ", " solteras ", " célibataires ", " فتيات ", " רווקות ", "寂寞", "出会い",
         " women near ", " girls near ", " ladies near ", " women within ", " single moms ", " horny ",
         " mujeres solteras ", " femmes seules ", " donne single ", " mulheres solteiras ", " we matched ",
         "プロフィールを見て"),
        (" near you ", " in your area ", " in your city ", " in deiner nähe ", " cerca de ti ", " près de chez vous ",
         " km of you ", " km from you ", " miles of you ", " miles from you ",
         " بالقرب منك ", " באזור שלך ", "附近", "近所"),
        (" tonight ", " private photos ", " my photos ", " my pictures ", " chat with me ", " hook up ", " hookup ",
         " heute abend ", " esta noche ", " ce soir ", " الليلة ", " הלילה ", "今晚", "今夜",
         " sent you a message ", " want to meet ", " wants to meet ", " see who they are ", " her profile ",
         " never wrote back ", " free tonight ", " i m online now ", "お話しませんか", "お話ししませんか"),
    ),
    # The opener of CEO fraud (business e-mail compromise): a boss's or colleague's name asks whether the reader is
    # free right now, says they cannot talk (a meeting, no calls, "reply by e-mail only"), and has a favour or task
    # waiting; the gift cards or the transfer come in the second message. A colleague writes the same in a hurry,
    # so this is content evidence only; with replies diverted to a free-mail mailbox it is corroborated.
    "bec": (
        (" are you at your desk ", " are you available ", " are you free now ", " are you around ",
         " are you in the office ", " do you have a moment ", " got a minute ", " bist du gerade erreichbar ",
         " bist du erreichbar ", " sind sie erreichbar ", " sind sie verfügbar ", " bist du verfügbar ",
         " es tu disponible ", " êtes vous disponible ", " estás disponible ", " está disponible ",
         " sei disponibile ", " è disponibile ", " você está disponível ", " está disponível ",
         " ben je beschikbaar ", " bent u beschikbaar ", " czy jesteś dostępny ", " czy jesteś dostępna ",
         " müsait misin ", " müsait misiniz ", " ты на месте ", " вы на месте ", " هل أنت متاح ", " هل انت متاح ",
         " در دسترس هستید ", " אתה זמין ", " את זמינה ", "你有空吗", "你在座位上吗", "今お時間", "지금 시간"),
        (" reply to this email only ", " reply by email only ", " cant talk ", " cannot talk ", " cant take calls ",
         " cannot take calls ", " cant call ", " cannot call ", " unable to call ", " in a meeting ",
         " kann nicht telefonieren ", " kann gerade nicht telefonieren ", " in einer besprechung ",
         " in einem meeting ", " je ne peux pas appeler ", " je ne peux pas parler ", " en réunion ",
         " no puedo hablar ", " no puedo llamar ", " en una reunión ", " estoy en una reunión ", " non posso parlare ",
         " in riunione ", " não posso falar ", " em reunião ", " kan niet bellen ", " in een vergadering ",
         " nie mogę rozmawiać ", " na spotkaniu ", " toplantıdayım ", " не могу говорить ", " на совещании ",  # noqa: RUF001
         " لا أستطيع التحدث ", " في اجتماع ", " در جلسه هستم ", " לא יכול לדבר ", " בפגישה ", "在开会", "不方便接电话",
         "会議中", "회의 중"),
        (" i need a favor ", " i need a favour ", " quick favor ", " quick favour ", " i have a task ",
         " a task for you ", " i need you to ", " urgent task ", " einen gefallen ", " eine aufgabe für ",
         " une tâche ", " un service ", " un favor ", " una tarea ", " un favore ", " un compito ", " um favor ",
         " uma tarefa ", " een gunst ", " een taak ", " przysługi ", " zadanie dla ", " bir iyilik ", " bir görev ",
         " нужна помощь ", " есть задание ", " أحتاج خدمة ", " مهمة ", " یک کار ", " טובה ", " משימה ", "帮个忙",
         "お願いがあります", "부탁"),
    ),
    # Money-mule recruitment: a job from home whose work is receiving money or parcels and passing them on. A real
    # remote job does not ask for the reader's bank account to move other people's money, so both things are
    # needed; content evidence only.
    "mule": (
        (" work from home ", " remote position ", " part time job ", " home based job ", " no experience needed ",
         " no experience required ", " homeoffice job ", " heimarbeit ", " trabajo desde casa ", " travail à domicile ",
         " lavoro da casa ", " trabalho em casa ", " thuiswerk ", " praca zdalna ", " evden \u00e7al\u0131\u015fma ",
         " работа на дому ", " عمل من المنزل ", " کار در منزل ", " עבודה מהבית ", "在家工作", "在宅ワーク", "재택근무"),
        (" receive payments ", " receive funds ", " process payments for ", " forward the payments ",
         " transfer the funds to ", " your bank account to receive ", " payment processing agent ",
         " financial agent ", " reshipping ", " repackage and ship ", " parcel forwarding ", " zahlungen empfangen ",
         " pakete weiterleiten ", " finanzagent ", " recibir pagos ", " recevoir des paiements ",
         " ricevere pagamenti ", " receber pagamentos ", " betalingen ontvangen ", " otrzymywać płatności ",
         " ödemeleri almak ",
         " получать платежи ", " استلام المدفوعات ", " קבלת תשלומים ", "代收款", "代理收款", "荷物の転送"),
    ),
    # Overpayment: a "buyer" pays too much (a cheque, a transfer that later bounces) and asks the seller to send the
    # difference back or on to a shipping agent. A customer who really paid twice asks for a refund of the
    # difference too, so this is content evidence only.
    "overpayment": (
        (" overpaid ", " paid more than ", " sent more than ", " sent you more than ", " excess amount ",
         " extra amount ", " mistakenly sent ", " cheque for more than ", " check for more than ",
         " zu viel überwiesen ", " mehr überwiesen ", " trop payé ", " payé en trop ", " pagado de más ",
         " pagato in più ", " pago a mais ",
         " te veel betaald ", " nadpłata ", " fazla ödeme ", " переплатил ", " دفعت أكثر ", "多付了", "多く支払"),
        (" refund the difference ", " refund the excess ", " send back the difference ", " send the balance to ",
         " pay the shipping agent ", " pay the mover ", " my shipping agent ", " western union ", " moneygram ",
         " differenz zurück ", " rembourser la différence ", " devolver la diferencia ", " restituire la differenza ",
         " devolver a diferença ", " verschil terugstorten ", " zwrot różnicy ", " farkı iade ", " вернуть разницу ",  # noqa: RUF001
         " إعادة الفرق ", "退还差额", "差額を返金"),
    ),
    # Domain "expiration" notices that sell a search-engine listing: they look like a renewal invoice for the reader's
    # domain and say, in small print, that they register no domains. A registrar's honest renewal reminder never sells
    # search-engine submission ("this is not an invoice" it may well say, so that is no cue), so the two together are
    # content evidence.
    "domain_listing": (
        (" domain name expiration ", " domain expiration notice ", " domain name expiration notice ",
         " domain notification ", " domain will expire ", " domain service expiration ", " domain listing ",
         " ablauf ihrer domain ", " expiration de votre domaine ", " expiración de su dominio ",
         " scadenza del dominio ", " expiração do domínio ", " verloop van uw domein "),
        (" search engine submission ", " search engine listing ", " search engine optimization submission ",
         " seo submission ", " submitted to search engines ", " we do not register or renew domain ",
         " does not register domain names ", " suchmaschineneintrag ", " soumission aux moteurs de recherche ",
         " registro en buscadores ", " inserimento nei motori di ricerca ", " cadastro em buscadores ",
         " aanmelding bij zoekmachines "),
    ),
    # Fund recovery: victims of an earlier fraud are offered their money back for an upfront fee. Content only: a
    # lawyer or a bank may write to a fraud victim too.
    "recovery": (
        (" lost money to ", " lost funds ", " victims of scam ", " victim of a scam ", " scam victims ",
         " been scammed ", " were scammed ", " fraud victims ", " betrugsopfer ", " victimes d escroquerie ",
         " víctimas de estafa ", " vittime di truffa ", " vítimas de golpe ", " oplichting slachtoffers ",
         " ofiar oszustwa ", " dolandırıcılık mağdur ", " жертвам мошенников ", " ضحايا الاحتيال ", "被骗"),  # noqa: RUF001
        (" recover your funds ", " recover your money ", " recover your lost ", " get your money back ",
         " funds recovery ", " fund recovery ", " crypto recovery ", " recovery service ", " recovery specialists ",
         " ihr geld zurück ", " récupérer vos fonds ", " recuperar su dinero ", " recuperare i tuoi soldi ",
         " recuperar seu dinheiro ", " uw geld terug ", " odzyskać pieniądze ", " paranızı geri ",  # noqa: RUF001
         " вернуть ваши деньги ", " استرداد أموالك ", "追回", "資金回収"),
    ),
    # Payment redirection (business e-mail compromise): a supplier's or a boss's mailbox, taken over, says the bank
    # account changed, points the money waiting to be paid at the new one, and hurries or hushes it. An honest notice
    # of new bank details says the first and seldom the rest (it asks the reader to check by phone instead), so two
    # groups are content evidence and the family is never a full script.
    "payment_redirect": (
        (" changed our bank ", " change of bank ", " new bank account ", " new account details ", " new bank details ",
         " updated bank details ", " updated banking details ", " new banking details ", " bank details have changed ",
         " banking details have changed ", " new iban ", " new beneficiary ", " new supplier account ",
         " neue bankverbindung ", " geänderte bankverbindung ", " neues konto ", " nouvelles coordonnées bancaires ",
         " nouveau rib ", " nouveau compte ", " nuevos datos bancarios ", " nueva cuenta ",
         " nuove coordinate bancarie ", " nuovo conto ", " nuovo iban ", " nieuwe bankgegevens ",
         " nieuw rekeningnummer ", " van bank gewisseld ",
         " novo iban ", " nova conta ", " mudámos de banco ", " mudamos de banco ", " zmiana numeru konta ",
         " zmianie rachunku ", " nowy numer konta ", " nowe konto ",
         " bankamızı değiştirdik ", " yeni hesab", " yeni iban ",  # noqa: RUF001 - Turkish dotless i
         " حساب جديد ", " חשבון בנק חדש ", "新的银行账户", "新しい口座", "새 계좌", " حساب جدید ",
         # the same announcement in other words, and in Russian
         " new account number ", " new bank account details ", " updated account details ", " new payment details ",
         " updated payment details ", " payment details have changed ", " account details have changed ",
         " changed banks ", " switched banks ", " new remittance details ", " updated remittance details ",
         " новые реквизиты ", " новый счет ", " новый счёт ", " изменились реквизиты ", " смена реквизитов "),
        (" do not use the old ", " not use the old account ", " no longer use the ", " old account is no longer ",
         " all outstanding ", " outstanding invoices ", " outstanding payments ", " pending payment ",
         " pending invoices ",
         " urgent wire transfer ", " urgent transfer ", " process a wire ", " process an urgent ",
         " offene rechnungen ", " alte konto nicht ", " factures en attente ", " ancien compte ",
         " facturas pendientes ",
         " cuenta anterior ", " fatture in sospeso ", " vecchio conto ", " openstaande facturen ", " oude nummer ",
         " oude rekening ", " pagamentos pendentes ", " conta antiga ", " zaległe faktury ", " starego konta ",
         " bekleyen ödemeler ", " eski hesab", " الحساب القديم ", " החשבון הישן ", "旧账户", "旧口座", "기존 계좌",
         " старый счет ", " старый счёт ", " неоплаченные счета "),
        (" due to an ongoing audit ", " due to an audit ", " ongoing audit ", " keep this confidential ",
         " confidential for now ", " are you at your desk ", " are you available ", " in meetings ", " in a meeting ",
         " confirm once ", " confirm the transfer ", " confirm the payment ", " processed today ", " by end of day ",
         " heute noch ", " vertraulich ", " aujourd hui même ", " confidentiel ", " hoy mismo ", " confidencial ",
         " entro oggi ", " riservato ", " vandaag nog ", " vertrouwelijk ", " ainda hoje ", " jeszcze dziś ",
         " poufne ", " gizli ", "本日中", "오늘 중", " сегодня же ", " конфиденциально "),
    ),
}
