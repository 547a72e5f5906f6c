# ruff: noqa: RUF001 - text in other scripts keeps its own letters and punctuation; sentences stay whole
"""Set D's imagined server: its hostname, its cPanel accounts, and the people outside it who get their mail.

Every domain is under RFC 2606 names (.example.net, .example.org, .invalid, .test) and none is shared with the
other modern sets' worlds by design (set D was written without reading them).
"""

from __future__ import annotations

from bench.modern_mail.model import Account

HOST = "cp14.harborline-hosting.example.net"


def _acct(user: str, domains: str, name: str, sector: str, langs: str, tz: str, uid: int, addr: str, phone: str,
          tax: str, people: str, cur: str, platform: str) -> Account:
    main, *addon = domains.split()
    return Account(user=user, main_domain=main, addon_domains=tuple(addon), name=name, sector=sector,
                   langs=tuple(langs.split()), tz=tz, uid=uid, address=addr, phone=phone, tax_id=tax,
                   people=tuple(tuple(p.split(":")) for p in people.split("|")),  # type: ignore[misc]
                   currency=cur, platform=platform)


ACCOUNTS: dict[str, Account] = {a.user: a for a in (
    _acct("lunebake", "boulangerie-lune.example.net lune-traiteur.example.net", "Boulangerie de la Lune", "shop",
          "fr en", "+0100", 1101, "14 rue des Tanneurs, 69001 Lyon", "+33 4 72 00 18 45", "FR 41 852 000 117",
          "Camille Roux:camille|Boutique Lune:boutique|Commandes:commandes", "EUR", "woocommerce"),
    _acct("tessaro", "tessaro-calzature.example.net", "Tessaro Calzature", "shop", "it en", "+0100", 1102,
          "Via dei Mille 22, 50131 Firenze", "+39 055 000 4411", "P.IVA 06120000485",
          "Giulia Tessaro:giulia|Tessaro Shop:shop|Servizio clienti:assistenza", "EUR", "prestashop"),
    _acct("ferrconta", "ferreira-contabilidade.example.net", "Ferreira & Filhos Contabilidade", "firm", "pt en",
          "+0000", 1103, "Rua da Prata 118, 1100-416 Lisboa", "+351 21 000 7720", "NIF 509 000 214",
          "Rui Ferreira:rui.ferreira|Ana Ferreira:ana|Secretaria:geral", "EUR", "none"),
    _acct("kowauto", "kowalczyk-auto.example.net", "Kowalczyk Auto Sp. z o.o.", "dealer", "pl en", "+0100", 1104,
          "ul. Fabryczna 9, 60-101 Poznań", "+48 61 000 23 90", "NIP 781-000-44-12",
          "Marek Kowalczyk:marek|Salon:salon|Serwis:serwis", "PLN", "wordpress"),
    _acct("yildizvet", "yildizveteriner.example.net", "Yıldız Veteriner Kliniği", "clinic", "tr en", "+0300", 1105,
          "Moda Cad. 41, Kadıköy, İstanbul", "+90 216 000 42 42", "",
          "Dr. Elif Yıldız:elif|Randevu:randevu", "TRY", "wordpress"),
    _acct("vandijkm", "vandijk-makelaars.example.net", "Van Dijk Makelaars", "realestate", "nl en", "+0100", 1106,
          "Oudegracht 201, 3511 NK Utrecht", "+31 30 000 5566", "KvK 30000871",
          "Sanne van Dijk:sanne|Aanbod:aanbod|Bezichtigingen:afspraak", "EUR", "wordpress"),
    _acct("alnoorbk", "alnoor-books.example.net", "مكتبة النور", "shop", "ar en", "+0300", 1107,
          "شارع الجامعة 12، عمّان", "+962 6 000 3141", "",
          "سامي الحداد:sami|متجر النور:store", "JOD", "woocommerce"),
    _acct("parsatrv", "parsa-safar.example.net", "آژانس مسافرتی پارسا", "travel", "fa en", "+0330", 1108,
          "خیابان ولیعصر، پلاک ۲۲۰، تهران", "+98 21 0000 6060", "",
          "مریم احمدی:maryam|رزرو:booking", "IRR", "custom"),
    _acct("hanbitdn", "hanbit-dental.example.net", "한빛치과의원", "clinic", "ko en", "+0900", 1109,
          "서울특별시 마포구 양화로 45", "+82 2 000 7575", "",
          "김지은:jieun|예약센터:reserve", "KRW", "custom"),
    _acct("jadetea", "jade-tea-house.example.net", "翠玉茶庄", "shop", "zh en", "+0800", 1110,
          "杭州市西湖区龙井路 88 号", "+86 571 0000 8866", "",
          "王丽:wangli|翠玉茶庄客服:service", "CNY", "woocommerce"),
    _acct("alleycafe", "alley-cafe.example.net", "小巷咖啡", "restaurant", "zh-tw en", "+0800", 1111,
          "台北市大安區溫州街 18 巷 3 號", "+886 2 0000 1234", "",
          "陳怡君:yijun|訂位:booking", "TWD", "wordpress"),
    _acct("pixfor", "pixelforge.example.net pixelforge-hosting.example.net", "Pixelforge Studio", "agency",
          "en", "-0500", 1112, "410 Larch St, Suite 3, Portland, OR 97201", "+1 503 555 0148", "",
          "Dana Whitlock:dana|Billing:billing|Support:support", "USD", "custom"),
    _acct("brightp", "brightpath-tutoring.example.org", "Brightpath Tutoring", "school", "en es", "-0600", 1113,
          "2280 Elm Ave, Austin, TX 78704", "+1 512 555 0190", "",
          "Marcus Bell:marcus|Office:office", "USD", "wordpress"),
    _acct("stmarks", "stmarks-parish.example.org", "St Mark's Parish", "church", "en", "+0000", 1114,
          "Church Lane, Bradford-on-Avon BA15 1XX", "+44 1225 000 310", "Registered charity 1100000",
          "Rev. Helen Ashby:vicar|Parish Office:office|Tom Gale:treasurer", "GBP", "wordpress"),
    _acct("rovers", "riverside-rovers.example.org", "Riverside Rovers FC", "club", "en", "+0000", 1115,
          "Riverside Rec Ground, Mill Road, Leeds LS6 2XX", "+44 113 000 8888", "",
          "Gary Holt:secretary|Fixtures:fixtures|Membership:members", "GBP", "wordpress"),
    _acct("northwnd", "northwind-outdoor.example.net", "Northwind Outdoor Co.", "shop", "en", "-0700", 1116,
          "88 Summit Way, Boulder, CO 80302", "+1 720 555 0102", "",
          "Kyle Brandt:kyle|Northwind Outdoor:hello|Orders:orders", "USD", "woocommerce"),
    _acct("cedarcl", "cedar-family-clinic.example.org", "Cedar Family Clinic", "clinic", "en es", "-0500", 1117,
          "19 Cedar St, Hartford, CT 06103", "+1 860 555 0177", "",
          "Dr. Priya Raman:praman|Front Desk:frontdesk|Appointments:appointments", "USD", "custom"),
    _acct("nonnatr", "trattoria-nonna.example.net", "Trattoria da Nonna Pina", "restaurant", "it en", "+0100",
          1118, "Vicolo del Gallo 7, 00186 Roma", "+39 06 000 8123", "P.IVA 14300000101",
          "Pina Caruso:pina|Prenotazioni:prenotazioni", "EUR", "wordpress"),
    _acct("kestrel", "kestrel-tasks.example.net app.kestrel-tasks.example.net", "Kestrel Tasks", "saas", "en de",
          "+0000", 1119, "Kestrel Software Ltd, 5 Quay St, Bristol BS1 4XX", "+44 117 000 1212", "GB 300 0000 12",
          "Kestrel:notifications|Kestrel Security:security|Ben Okafor:ben", "GBP", "custom"),
    _acct("harborh", "harborline-hosting.example.net", "Harborline Hosting", "host", "en", "-0500", 1120,
          "PO Box 4410, Halifax, NS B3J 3XX", "+1 902 555 0136", "",
          "Harborline Billing:billing|Harborline Support:support|Nora Field:nora", "CAD", "whmcs"),
    _acct("greenlf", "greenleaf-rescue.example.org", "Greenleaf Animal Rescue", "charity", "en", "-0800", 1121,
          "PO Box 771, Eugene, OR 97401", "+1 541 555 0161", "EIN 93-0000417",
          "Greenleaf Rescue:donations|Lucy Park:lucy", "USD", "wordpress"),
    _acct("oakbarrel", "oakbarrel-games.example.net", "Oakbarrel Games", "crowdfunding", "en", "+0100", 1122,
          "Kanalstraße 3, 20095 Hamburg", "+49 40 000 9911", "",
          "Oakbarrel Games:campaign|Jonas Weber:jonas", "EUR", "custom"),
    _acct("jmartin", "martin-family.invalid", "Julia Martin", "personal", "en fr", "+0100", 1123, "", "", "",
          "Julia Martin:julia|Paul Martin:paul", "EUR", "none"),
    _acct("quillon", "quillon-labs.example.net status.quillon-labs.example.net", "Quillon Labs", "firm", "en",
          "+0000", 1124, "", "", "", "Quillon Ops:ops|Sam Reyes:sam", "USD", "custom"),
    _acct("brennan", "brennan-talent.example.net", "Brennan Talent Partners", "recruiting", "en nl", "+0000", 1125,
          "22 Harcourt St, Dublin 2", "+353 1 000 4545", "",
          "Aoife Brennan:aoife|Careers:careers", "EUR", "none"),
    _acct("alfamast", "casa-alfama.example.net", "Casa Alfama Guesthouse", "hotel", "pt en", "+0000", 1126,
          "Beco do Carneiro 4, 1100-121 Lisboa", "+351 21 000 3030", "",
          "Beatriz Lopes:beatriz|Reservas:reservas", "EUR", "custom"),
    _acct("weberstb", "weber-steuer.example.net", "Weber Steuerberatung", "firm", "de en", "+0100", 1127,
          "Lindenstraße 17, 50674 Köln", "+49 221 000 6070", "USt-IdNr. DE300000117",
          "Klaus Weber:k.weber|Kanzlei Weber:kanzlei", "EUR", "none"),
    _acct("sonrisa", "clinica-sonrisa.example.net", "Clínica Dental Sonrisa", "clinic", "es en", "+0100", 1128,
          "Calle Mayor 40, 28013 Madrid", "+34 91 000 2222", "CIF B00000412",
          "Dra. Lucía Ortega:lucia|Citas:citas", "EUR", "wordpress"),
    _acct("mosaico", "mosaico-web.example.net", "Mosaico Web & Design", "agency", "it pt en", "+0100", 1129,
          "Corso Vercelli 9, 20144 Milano", "+39 02 000 5151", "P.IVA 11500000963",
          "Luca Bianchi:luca|Mosaico:ciao", "EUR", "none"),
    _acct("zeytin", "zeytin-dali.example.net", "Zeytin Dalı Gıda", "shop", "tr en", "+0300", 1130,
          "Kemeraltı Cad. 12, Konak, İzmir", "+90 232 000 1919", "",
          "Burak Demir:burak|Zeytin Dalı:siparis", "TRY", "woocommerce"),
    # mostly quiet accounts whose old site or mailbox was broken into
    _acct("oldpress", "kitchen-notes-blog.example.net", "Kitchen Notes", "personal", "en", "-0500", 1131, "", "", "",
          "Ellen Shaw:ellen", "USD", "wordpress"),
    _acct("hopeland", "hopeland-ministries.example.org", "Hopeland Ministries", "church", "en", "-0600", 1132, "", "",
          "", "Pastor Dale Rivers:dale|Office:office", "USD", "wordpress"),
    _acct("plombex", "plombex-serwis.example.net", "Plombex Serwis", "trade", "pl", "+0100", 1133, "", "", "",
          "Tomasz Nowicki:biuro", "PLN", "wordpress"),
)}

#: Mail programs of the people who send through the server's SMTP with a password.
CLIENT_IPS = ("198.51.100.23", "198.51.100.77", "203.0.113.41", "203.0.113.118", "192.0.2.60", "192.0.2.201",
              "198.51.100.140", "203.0.113.9")
#: Addresses a stolen password logs in from.
ATTACKER_IPS = ("192.0.2.13", "198.51.100.250", "203.0.113.222", "192.0.2.177")

#: Free-mail and ISP domains of the people outside the server (RFC 2606 names standing in for the real ones).
FREEMAIL = ("inbox.example.com", "mymail.example.org", "posta.example.com", "netmail.example.net",
            "correo.example.org", "hanmail.example.com", "qqmail.example.com", "outpost.example.com")
#: Companies that the server's accounts write to.
COMPANIES = ("atlas-logistics.example.com", "bluefinch.example.org", "corvid-partners.example.com",
             "deltaform.example.org", "evergreen-supply.example.com", "fjord-consult.example.org",
             "granite-legal.example.com", "halcyon-media.example.org")

#: Given and family names per language, to make correspondents.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Grace", "Owen", "Chloe", "Isaac", "Maya", "Ryan"),
           ("Carter", "Hughes", "Patel", "Nguyen", "Foster", "Brooks", "Sullivan", "Reed", "Coleman", "Price")),
    "fr": (("Léa", "Hugo", "Chloé", "Louis", "Manon", "Théo", "Inès", "Jules"),
           ("Lefèvre", "Moreau", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Mercier")),
    "it": (("Chiara", "Matteo", "Sofia", "Lorenzo", "Giorgia", "Davide", "Elena", "Marco"),
           ("Rossi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco")),
    "pt": (("Inês", "João", "Beatriz", "Tiago", "Mariana", "Duarte", "Carolina", "Pedro"),
           ("Silva", "Santos", "Costa", "Pereira", "Oliveira", "Martins", "Sousa", "Gonçalves")),
    "pl": (("Zofia", "Jakub", "Maja", "Kacper", "Julia", "Szymon", "Hanna", "Antoni"),
           ("Nowak", "Wiśniewska", "Wójcik", "Kamiński", "Lewandowska", "Zieliński", "Szymańska", "Dąbrowski")),
    "tr": (("Zeynep", "Emre", "Elif", "Mehmet", "Ayşe", "Can", "Defne", "Oğuz"),
           ("Kaya", "Şahin", "Çelik", "Yılmaz", "Öztürk", "Aydın", "Arslan", "Doğan")),
    "nl": (("Sanne", "Daan", "Lotte", "Bram", "Fleur", "Thijs", "Noor", "Ruben"),
           ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder")),
    "de": (("Lena", "Felix", "Hannah", "Jonas", "Marie", "Lukas", "Sophie", "Paul"),
           ("Müller", "Schmidt", "Schneider", "Fischer", "Becker", "Hoffmann", "Schäfer", "Koch")),
    "es": (("Lucía", "Pablo", "Carmen", "Diego", "Marta", "Álvaro", "Elena", "Javier"),
           ("García", "Martínez", "López", "Sánchez", "Romero", "Navarro", "Torres", "Ruiz")),
    "ar": (("ليلى", "عمر", "نور", "يوسف", "سارة", "خالد", "ريم", "أحمد"),
           ("الخطيب", "العلي", "حداد", "منصور", "سلامة", "الزعبي", "عيسى", "ناصر")),
    "fa": (("سارا", "علی", "نگار", "رضا", "مینا", "امیر", "شیرین", "حسین"),
           ("رضایی", "محمدی", "کریمی", "حسینی", "جعفری", "موسوی", "نوری", "صادقی")),
    "zh": (("伟", "芳", "娜", "敏", "静", "磊", "洋", "婷"), ("张", "李", "刘", "陈", "杨", "黄", "赵", "周")),
    "zh-tw": (("家豪", "怡婷", "志明", "雅琪", "俊傑", "淑芬", "冠宇", "佳穎"),
              ("林", "陳", "黃", "張", "李", "王", "吳", "蔡")),
    "ko": (("민준", "서연", "도윤", "지우", "하준", "서윤", "예준", "하은"),
           ("김", "이", "박", "최", "정", "강", "조", "윤")),
}

#: Latin spellings of mailbox local parts for the non-Latin names above.
_ROMAN = ("lee", "kim", "park", "chen", "wang", "zhang", "li", "omar", "sara", "nour", "ali", "reza", "mina",
          "amir", "choi", "jung", "lin", "huang", "yusuf", "khalid")

#: Charsets each language is written in by some program (UTF-8 first: the most common).
CHARSETS: dict[str, tuple[str, ...]] = {
    "en": ("utf-8", "us-ascii", "windows-1252", "iso-8859-1"),
    "fr": ("utf-8", "iso-8859-1", "iso-8859-15", "windows-1252"),
    "it": ("utf-8", "iso-8859-1", "windows-1252"),
    "pt": ("utf-8", "iso-8859-1", "windows-1252"),
    "es": ("utf-8", "iso-8859-1", "windows-1252"),
    "de": ("utf-8", "iso-8859-15", "windows-1252"),
    "nl": ("utf-8", "iso-8859-1", "windows-1252"),
    "pl": ("utf-8", "iso-8859-2", "windows-1250"),
    "tr": ("utf-8", "iso-8859-9", "windows-1254"),
    "ar": ("utf-8", "windows-1256", "iso-8859-6"),
    "fa": ("utf-8", "utf-8", "windows-1256"),
    "zh": ("utf-8", "gb2312", "gbk"),
    "zh-tw": ("utf-8", "big5", "big5"),
    "ko": ("utf-8", "euc-kr", "ks_c_5601-1987"),
}
