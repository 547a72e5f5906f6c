"""The imagined shared cPanel server and its customers' accounts (invented businesses on reserved domains)."""

from __future__ import annotations

from bench.modern_mail.model import Account

#: The server's own name, as Exim writes it into Received: and Exim-made Message-IDs.
SERVER = "vps12.hostingco.example"


def _a(user: str, domains: str, name: str, sector: str, langs: str, tz: str, uid: int, address: str,
       phone: str, tax_id: str, people: str, currency: str, platform: str) -> Account:
    main, *addons = domains.split()
    pairs = tuple((who, box) for who, _, box in (p.partition("=") for p in people.split(";")))
    return Account(user, main, tuple(addons), name, sector, tuple(langs.split()), tz, uid, address, phone, tax_id,
                   pairs, currency, platform)


ACCOUNTS: tuple[Account, ...] = (
    # English
    _a("busybee", "busybeebakery.example", "Busy Bee Bakery", "shop", "en", "+0000", 1001,
       "14 Kirkgate Arcade, Leeds LS2 7DJ, United Kingdom", "+44 113 496 0321", "VAT GB 294 7736 18",
       "Hannah Whitlock=hannah;Sam Okafor=sam", "GBP", "woocommerce"),
    _a("trailhd", "trailhead-outfitters.example trailheadrentals.example", "Trailhead Outfitters", "shop", "en",
       "-0700", 1002, "2210 Larimer St, Denver, CO 80205, USA", "+1 303 555 0148", "",
       "Marcus Reyes=marcus;Jo Lindqvist=jo", "USD", "woocommerce"),
    _a("riverdent", "riversidedentalcare.example", "Riverside Dental Care", "clinic", "en", "-0500", 1003,
       "88 Water Street, Suite 4, Portland, ME 04101, USA", "+1 207 555 0192", "",
       "Dr. Priya Natarajan=priya;Megan Doyle=frontdesk", "USD", "custom"),
    _a("hartmolloy", "hartmolloy.example", "Hart & Molloy Solicitors", "firm", "en", "+0000", 1004,
       "3 Merrion Row, Dublin 2, D02 X285, Ireland", "+353 1 555 0117", "Company No. 512233",
       "Aoife Molloy=aoife;Declan Hart=declan;Niamh Byrne=niamh", "EUR", "none"),
    _a("greenfing", "greenfingers-society.example", "Greenfingers Allotment Society", "club", "en", "+0000", 1005,
       "Greenfingers Allotments, Mill Lane, Bristol BS3 4RT", "", "Registered charity 1098877",
       "Trevor Ashdown=secretary;Brenda Ashdown=brenda", "GBP", "wordpress"),
    _a("pixelforge", "pixelforge.example pfstaging.example", "Pixelforge Studio", "agency", "en", "-0500", 1006,
       "415 Queen St W, Toronto, ON M5V 2A5, Canada", "+1 416 555 0177", "GST/HST 81234 5678 RT0001",
       "Dana Kowalski=dana;Ravi Mehta=ravi", "CAD", "wordpress"),
    _a("maplecafe", "maplestreetcafe.example", "Maple Street Café", "restaurant", "en", "-0500", 1007,
       "102 Maple Street, Burlington, VT 05401, USA", "+1 802 555 0133", "",
       "Ellie Thompson=ellie", "USD", "wordpress"),
    _a("ljones", "lucyjones.example", "Lucy Jones", "personal", "en", "+0000", 1008,
       "", "", "", "Lucy Jones=lucy", "GBP", "none"),
    _a("flowyoga", "flowyogastudio.example", "Flow Yoga Studio", "clinic", "en", "+1100", 1009,
       "Level 1, 27 King Street, Newtown NSW 2042, Australia", "+61 2 5550 1234", "ABN 51 824 753 556",
       "Chloe Nguyen=chloe", "AUD", "wordpress"),
    # German
    _a("backmuel", "baeckerei-mueller.example", "Bäckerei Müller", "shop", "de", "+0100", 1010,
       "Hauptstraße 41, 79098 Freiburg im Breisgau", "+49 761 555 2040", "USt-IdNr. DE 284 611 903",
       "Katrin Müller=katrin;Jonas Brandt=bestellung", "EUR", "woocommerce"),
    _a("radhaus", "radhaus-freiburg.example", "Radhaus Freiburg", "clinic", "de", "+0100", 1011,
       "Wiehre, Günterstalstraße 12, 79100 Freiburg", "+49 761 555 8812", "USt-IdNr. DE 311 482 117",
       "Tobias Kern=tobias;Werkstatt=werkstatt", "EUR", "custom"),
    _a("kanzroth", "steuerkanzlei-roth.example", "Steuerkanzlei Roth", "firm", "de", "+0100", 1012,
       "Leopoldstraße 108, 80802 München", "+49 89 5550 3310", "St.-Nr. 143/218/40917",
       "Dr. Sabine Roth=sabine.roth;Felix Wagner=felix.wagner", "EUR", "none"),
    _a("tsvgruen", "tsv-gruenwald.example", "TSV Grünwald 1897 e.V.", "club", "de", "+0100", 1013,
       "Sportplatzweg 3, 82031 Grünwald", "", "Vereinsregister VR 4471",
       "Andreas Huber=vorstand;Lena Bauer=jugend", "EUR", "wordpress"),
    _a("physweber", "physio-weber.example", "Physiotherapie Weber", "clinic", "de", "+0100", 1014,
       "Mariahilfer Straße 77, 1060 Wien, Österreich", "+43 1 555 4471", "UID ATU 66123456",
       "Martina Weber=martina;Empfang=praxis", "EUR", "wordpress"),
    _a("alpenhof", "alpenhof-grindel.example", "Hotel Alpenhof", "hotel", "de fr en", "+0100", 1015,
       "Dorfstrasse 9, 3818 Grindelwald, Schweiz", "+41 33 555 1200", "CHE-115.284.337 MWST",
       "Ursula Gerber=reservation;Beat Gerber=beat", "CHF", "custom"),
    # French
    _a("fromlef", "fromagerie-lefevre.example", "Fromagerie Lefèvre", "shop", "fr", "+0100", 1016,
       "12 rue des Martyrs, 75009 Paris", "+33 1 55 50 21 84", "SIRET 812 345 678 00021",
       "Claire Lefèvre=claire;Service client=commandes", "EUR", "prestashop"),
    _a("atelbois", "atelier-bois-et-cie.example", "Atelier Bois & Cie", "firm", "fr", "+0100", 1017,
       "ZA des Chênes, 4 allée des Artisans, 44240 La Chapelle-sur-Erdre", "+33 2 55 50 67 12",
       "SIRET 798 112 334 00018", "Julien Moreau=julien;Élodie Moreau=contact", "EUR", "wordpress"),
    _a("lavande", "gite-la-lavande.example", "Gîte La Lavande", "hotel", "fr en", "+0100", 1018,
       "Chemin des Oliviers, 84220 Gordes", "+33 4 55 50 39 90", "",
       "Sophie Arnaud=sophie", "EUR", "wordpress"),
    _a("amisvl", "amis-vieux-lyon.example", "Les Amis du Vieux Lyon", "club", "fr", "+0100", 1019,
       "5 place du Change, 69005 Lyon", "", "Association loi 1901 - RNA W691234567",
       "Bernard Giraud=bureau;Anne Vidal=anne", "EUR", "wordpress"),
    # Spanish
    _a("olivar", "aceiteselolivar.example", "Aceites El Olivar", "shop", "es", "+0100", 1020,
       "Camino de la Almazara s/n, 23400 Úbeda (Jaén)", "+34 953 55 01 22", "CIF B23456789",
       "Manuel Ortega=manuel;Pedidos=pedidos", "EUR", "woocommerce"),
    _a("dentsol", "clinicadentalsol.example", "Clínica Dental Sol", "clinic", "es", "+0100", 1021,
       "Calle Larios 8, 2.º, 29005 Málaga", "+34 952 55 03 44", "CIF B29876543",
       "Dra. Lucía Romero=lucia;Recepción=citas", "EUR", "custom"),
    _a("hostalmar", "hostalmarazul.example", "Hostal Mar Azul", "hotel", "es en", "+0100", 1022,
       "Passeig Marítim 23, 07400 Alcúdia, Mallorca", "+34 971 55 08 10", "CIF B07112233",
       "Carmen Vidal=reservas;Toni Vidal=toni", "EUR", "custom"),
    _a("acbabel", "academiababel.example", "Academia de Idiomas Babel", "school", "es", "-0600", 1023,
       "Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México", "+52 55 5550 1188",
       "RFC AIB150304KZ1", "Mariana Castillo=mariana;Inscripciones=inscripciones", "MXN", "wordpress"),
    # Arabic
    _a("royaloud", "royaloud.example", "عطور العود الملكي", "shop", "ar en", "+0400", 1024,
       "دبي، شارع الشيخ زايد، برج الريم، مكتب 1204", "+971 4 555 0199", "TRN 100234567800003",
       "خالد المنصوري=khalid;خدمة العملاء=care", "AED", "woocommerce"),
    _a("alshifa", "alshifa-clinic.example", "مركز الشفاء الطبي", "clinic", "ar", "+0300", 1025,
       "عمّان، شارع الملكة رانيا، مجمع الحسن الطبي، الطابق الثالث", "+962 6 555 0144", "",
       "د. ليلى حداد=laila;الاستقبال=reception", "JOD", "custom"),
    _a("alrayan", "alrayan-accounting.example", "مكتب الريان للمحاسبة", "firm", "ar", "+0200", 1026,
       "القاهرة، مدينة نصر، شارع عباس العقاد 45", "+20 2 5550 7788", "سجل تجاري 123456",
       "محمود عبد الله=mahmoud;سارة فوزي=sara", "EGP", "none"),
    # Hebrew
    _a("noabooks", "noabooks.example", "חנות הספרים של נועה", "shop", "he", "+0200", 1027,
       "רחוב שינקין 34, תל אביב-יפו", "+972 3 555 0166", "ע.מ. 031234567",
       "נועה לוי=noa;הזמנות=orders", "ILS", "woocommerce"),
    _a("carmeld", "carmel-dental.example", "מרפאת שיניים כרמל", "clinic", "he", "+0200", 1028,
       "שדרות מוריה 112, חיפה", "+972 4 555 0133", "",
       "ד\"ר יואב שפירא=yoav;קבלה=kabala", "ILS", "custom"),
    _a("dancohen", "dancohen-design.example", "דן כהן עיצוב גרפי", "agency", "he en", "+0200", 1029,
       "רחוב הרצל 18, רמת גן", "+972 54 555 0190", "עוסק מורשה 301234567",
       "דן כהן=dan", "ILS", "none"),
    # Japanese
    _a("yamadaen", "yamadaen-tea.example", "茶舗 山田園", "shop", "ja", "+0900", 1030,
       "〒422-8001 静岡県静岡市駿河区長田1-2-3", "054-555-0123", "登録番号 T1234567890123",
       "山田 誠=yamada;山田園 通販係=shop", "JPY", "custom"),
    _a("sakurayu", "yunoyado-sakura.example", "湯の宿 さくら", "hotel", "ja en", "+0900", 1031,
       "〒413-0002 静岡県熱海市伊豆山5-6", "0557-55-0188", "",
       "佐藤 由美=yoyaku;佐藤 健=ken", "JPY", "custom"),
    _a("midori", "midori-seitai.example", "みどり整体院", "clinic", "ja", "+0900", 1032,
       "〒150-0002 東京都渋谷区渋谷2-10-5 グリーンビル3F", "03-5550-4411", "",
       "緑川 翔=midorikawa", "JPY", "wordpress"),
    _a("tanakamk", "tanaka-mokkobo.example", "木工房タナカ", "firm", "ja", "+0900", 1033,
       "〒399-8301 長野県安曇野市穂高有明7788", "0263-55-0102", "登録番号 T9876543210987",
       "田中 大輔=tanaka;田中 美穂=miho", "JPY", "none"),
    # Chinese
    _a("qingfeng", "qingfeng-tea.example", "清风茶叶", "shop", "zh", "+0800", 1034,
       "浙江省杭州市西湖区龙井路18号", "+86 571 5550 8866", "统一社会信用代码 91330106MA2B12345X",
       "陈静=chenjing;客服=kefu", "CNY", "custom"),
    _a("renxin", "renxin-clinic.example", "仁心中医诊所", "clinic", "zh", "+0800", 1035,
       "上海市徐汇区天钥桥路99弄6号", "+86 21 5550 3322", "",
       "李医生=dr.li;前台=qiantai", "CNY", "custom"),
    _a("huawen", "huawen-edu.example", "华文教育中心", "school", "zh en", "+0800", 1036,
       "新加坡 乌节路 238号 #08-01", "+65 6555 0170", "UEN 201912345K",
       "黄老师=huang;招生办=admissions", "SGD", "wordpress"),
    # accounts that mostly send bad mail: an abandoned blog and a customer who signed up to spam
    _a("oldblog", "oldblog-2016.example", "Travel notes", "personal", "en", "+0000", 1037,
       "", "", "", "Admin=admin", "USD", "wordpress"),
    _a("promobst", "promoboost-media.example growthleads.example", "PromoBoost Media", "agency", "en", "+0000",
       1038, "", "", "", "Kevin=kevin", "USD", "custom"),
)

#: Shared mailboxes (a role, not a person): they send the business's mail, not personal letters.
ROLE_NAMES = frozenset({"Werkstatt", "Empfang", "Service client", "Pedidos", "Recepción", "Inscripciones",
                        "خدمة العملاء", "الاستقبال", "הזמנות", "קבלה", "山田園 通販係", "客服", "前台", "招生办",
                        "Admin"})

_BY_USER = {a.user: a for a in ACCOUNTS}


def account(user: str) -> Account:
    """Return the account with login `user`."""
    return _BY_USER[user]


def accounts_for(sectors: tuple[str, ...], lang: str) -> list[Account]:
    """Return the accounts of those sectors writing `lang`, in table order."""
    return [a for a in ACCOUNTS if a.sector in sectors and lang in a.langs]
