# ruff: noqa: RUF001 - text in many scripts: look-alike letters are the point, not a typo
"""The imagined shared-hosting server of set E: its host name, its cPanel accounts and the people they write to."""

from __future__ import annotations

import random

from bench.modern_mail.model import Account, Person

HOST = "vps7.harbourhost.example"
HOST_IP = "192.0.2.44"


def _acct(user: str, domains: str, name: str, sector: str, langs: str, tz: str, uid: int, address: str,
          phone: str, tax: str, people: str, currency: str, platform: str) -> Account:
    doms = domains.split()
    folks = tuple(tuple(p.split("=")) for p in people.split("|"))
    return Account(user=user, main_domain=doms[0], addon_domains=tuple(doms[1:]), name=name, sector=sector,
                   langs=tuple(langs.split()), tz=tz, uid=uid, address=address, phone=phone, tax_id=tax,
                   people=folks, currency=currency, platform=platform)  # type: ignore[arg-type]


ACCOUNTS: tuple[Account, ...] = (
    _acct("sonnenk", "baeckerei-sonnenkorn.example", "Bäckerei Sonnenkorn", "shop", "de en", "+0100", 1101,
          "Lindenstraße 4, 79098 Freiburg", "+49 761 555 0142", "USt-IdNr. DE999000111",
          "Greta Albrecht=greta|Bestellungen=bestellung|Jonas Albrecht=jonas", "EUR", "woocommerce"),
    _acct("atlune", "atelier-lune.example lune-ceramique.example", "Atelier Lune", "shop", "fr en", "+0100", 1102,
          "12 rue des Potiers, 69004 Lyon", "+33 4 72 00 55 19", "SIRET 999 888 777 00012",
          "Camille Roux=camille|Service client=contact|Hugo Bernard=hugo", "EUR", "prestashop"),
    _acct("casamar", "hotelcasamar.example", "Hotel Casa del Mar", "hotel", "es en", "+0100", 1103,
          "Paseo Marítimo 21, 29602 Marbella", "+34 952 000 381", "CIF B99887766",
          "Lucía Moreno=lucia|Reservas=reservas|Diego Ortega=recepcion", "EUR", "custom"),
    _acct("drossi", "studiorossi-dentale.example", "Studio Dentistico Rossi", "clinic", "it", "+0100", 1104,
          "Via Garibaldi 88, 10122 Torino", "+39 011 555 2290", "P.IVA 99912345678",
          "Dott.ssa Chiara Rossi=chiara|Segreteria=segreteria", "EUR", "wordpress"),
    _acct("vdberg", "vandenberg-advocaten.example", "Van den Berg Advocaten", "firm", "nl en", "+0100", 1105,
          "Keizersgracht 301, 1016 EE Amsterdam", "+31 20 555 7710", "KvK 99887711",
          "Mr. Sanne van den Berg=s.vandenberg|Secretariaat=secretariaat|Mr. Pieter de Wit=p.dewit", "EUR", "none"),
    _acct("escluz", "escola-luz.example", "Escola Básica Luz", "school", "pt", "+0000", 1106,
          "Rua das Flores 7, 4050-262 Porto", "+351 22 555 0198", "NIF 599999999",
          "Ana Ferreira=direcao|Secretaria=secretaria|Rui Costa=rui.costa", "EUR", "wordpress"),
    _acct("parafia", "parafia-sw-marcina.example", "Parafia św. Marcina", "club", "pl", "+0100", 1107,
          "ul. Kościelna 3, 61-101 Poznań", "+48 61 555 40 12", "",
          "ks. Tomasz Nowak=proboszcz|Kancelaria=kancelaria", "PLN", "wordpress"),
    _acct("knigmir", "knizhny-dvor.example", "Книжный двор", "shop", "ru en", "+0300", 1108,
          "ул. Пушкина 15, Санкт-Петербург", "+7 812 555 19 40", "ИНН 7800000000",
          "Ольга Смирнова=olga|Заказы=zakaz", "RUB", "custom"),
    _acct("anahali", "anatolia-hali.example", "Anatolia Halı", "shop", "tr en", "+0300", 1109,
          "Kapalıçarşı, Halıcılar Cd. 41, İstanbul", "+90 212 555 33 81", "VKN 9990001112",
          "Mehmet Yıldız=mehmet|Satış=satis", "TRY", "woocommerce"),
    _acct("nakhla", "nakhla-kitchen.example", "مطبخ النخلة", "restaurant", "ar en", "+0400", 1110,
          "Jumeirah Beach Rd, Dubai", "+971 4 555 0127", "",
          "ليلى حداد=layla|الحجوزات=booking", "AED", "custom"),
    _acct("sakura", "sakura-tabi.example", "さくら旅行社", "agency", "ja en", "+0900", 1111,
          "東京都台東区浅草2-3-1", "+81 3-5555-0182", "",
          "佐藤 美咲=sato|予約センター=yoyaku", "JPY", "custom"),
    _acct("mingcha", "mingcha-shop.example", "明茶坊", "shop", "zh en", "+0800", 1112,
          "杭州市西湖区龙井路18号", "+86 571 5555 0166", "",
          "陈静=chenjing|客服=kefu", "CNY", "woocommerce"),
    _acct("yushan", "yushan-tea.example", "玉山茶行", "shop", "zh-hant en", "+0800", 1113,
          "台北市大安區信義路三段100號", "+886 2 5555 0123", "",
          "林志明=lin|訂單=order", "TWD", "custom"),
    _acct("hanbit", "hanbit-clinic.example", "한빛 가정의학과", "clinic", "ko en", "+0900", 1114,
          "서울특별시 마포구 월드컵로 12", "+82 2 555 0190", "",
          "김지현=jihyun|예약=reservation", "KRW", "wordpress"),
    _acct("harbour", "harbourhost.example", "HarbourHost", "agency", "en", "+0000", 1115,
          "Unit 5, Quay Street, Bristol", "+44 117 555 0100", "VAT GB999000222",
          "HarbourHost Support=support|Billing=billing|Noreply=noreply", "GBP", "custom"),
    _acct("ledgerly", "ledgerly.example ledgerly-status.example", "Ledgerly", "agency", "en", "-0500", 1116,
          "200 Market St, Suite 400, Philadelphia PA", "+1 215 555 0175", "",
          "Ledgerly=notifications|Ledgerly Support=help", "USD", "custom"),
    _acct("brightpay", "brightpeople-hr.example", "BrightPeople HR", "firm", "en", "+0000", 1117,
          "3 Mill Lane, Leeds", "+44 113 555 0130", "Company no. 99911122",
          "Rachel Owens=rachel|Payroll=payroll|People Team=people", "GBP", "none"),
    _acct("oakridge", "oakridge-realty.example oakridge-rentals.example", "Oakridge Realty", "firm", "en es",
          "-0700", 1118, "1450 W Camelback Rd, Phoenix AZ", "+1 602 555 0144", "",
          "Marisol Vega=marisol|Tom Becker=tom|Leasing=leasing", "USD", "wordpress"),
    _acct("pinemed", "pinefamilymed.example", "Pine Family Medicine", "clinic", "en es", "-0600", 1119,
          "88 Main St, Springfield IL", "+1 217 555 0166", "",
          "Front Desk=frontdesk|Dr. Alan Pierce=apierce|Billing=billing", "USD", "custom"),
    _acct("kowalsk", "kowalscy.example", "Marta Kowalska", "personal", "pl en", "+0100", 1120,
          "", "", "", "Marta Kowalska=marta|Piotr Kowalski=piotr", "PLN", "none"),
    _acct("harperh", "harper-home.example", "The Harpers", "personal", "en", "-0500", 1121,
          "", "", "", "Emily Harper=emily|Dan Harper=dan", "USD", "none"),
    _acct("rivfc", "riverside-youthfc.example", "Riverside Youth FC", "club", "en", "+0000", 1122,
          "Riverside Park Pavilion, Reading", "", "Registered charity 1999999",
          "Club Secretary=secretary|Coach Mike=mike|Fixtures=fixtures", "GBP", "wordpress"),
    _acct("lindcpa", "lindqvist-cpa.example", "Lindqvist & Partners CPA", "firm", "en", "-0600", 1123,
          "500 Nicollet Mall, Minneapolis MN", "+1 612 555 0111", "",
          "Erik Lindqvist=erik|Tax Team=tax|Admin=admin", "USD", "none"),
    _acct("pxforge", "pixelforge-studio.example pixelforge-clients.example", "Pixelforge Studio", "agency",
          "en de", "+0100", 1124, "Torstraße 140, 10119 Berlin", "+49 30 555 8800", "USt-IdNr. DE999222333",
          "Nina Weber=nina|Pixelforge=hello|Ben Carter=ben", "EUR", "wordpress"),
    _acct("lotusy", "lotus-yoga-studio.example", "Lotus Yoga", "club", "en fr", "-0500", 1125,
          "4120 Rue Saint-Denis, Montréal QC", "+1 514 555 0133", "",
          "Isabelle Tremblay=isabelle|Lotus Yoga=namaste", "CAD", "wordpress"),
    _acct("trailhd", "trailhead-gear.example", "Trailhead Gear", "shop", "en", "-0700", 1126,
          "77 Pearl St, Boulder CO", "+1 303 555 0190", "",
          "Trailhead Gear=orders|Sam Ortiz=sam|Trailhead Gear=news", "USD", "woocommerce"),
    _acct("ticknest", "ticketnest-events.example", "TicketNest Events", "agency", "en es", "+0000", 1127,
          "9 Canal Walk, Dublin 2", "+353 1 555 0120", "",
          "TicketNest=tickets|Aoife Byrne=aoife", "EUR", "custom"),
    _acct("maplewd", "maplewood-primary.example", "Maplewood Primary School", "school", "en", "+0000", 1128,
          "School Lane, Maplewood, Kent", "+44 1622 555 010", "",
          "Maplewood Office=office|Mrs J. Patel=jpatel", "GBP", "wordpress"),
    _acct("quickfx", "quickfix-plumbing.example", "QuickFix Plumbing", "firm", "en", "-0500", 1129,
          "22 Elm Ave, Columbus OH", "+1 614 555 0181", "",
          "Rick Dawson=rick|QuickFix Office=office", "USD", "wordpress"),
    _acct("lenafot", "lena-fotografie.example", "Lena Hofmann Fotografie", "personal", "de en", "+0100", 1130,
          "Schanzenstraße 9, 20357 Hamburg", "+49 40 555 3300", "",
          "Lena Hofmann=lena", "EUR", "wordpress"),
    _acct("clearwt", "clearwater-trust.example", "Clearwater Trust", "club", "en fr", "+0000", 1131,
          "14 Harbour Rd, Cork", "+353 21 555 0144", "CHY 99999",
          "Clearwater Trust=info|Siobhan Kelly=siobhan|Donations=donate", "EUR", "wordpress"),
    _acct("nimbus", "nimbus-itsupport.example", "Nimbus IT Support", "firm", "en de", "+0100", 1132,
          "Hauptstraße 20, 80331 München", "+49 89 555 0440", "",
          "Nimbus Helpdesk=helpdesk|Felix Braun=felix", "EUR", "custom"),
    _acct("gourmet", "la-tavola-verde.example", "La Tavola Verde", "restaurant", "it en", "+0100", 1133,
          "Piazza Navona 12, 00186 Roma", "+39 06 555 1188", "P.IVA 99900011122",
          "Marco Bianchi=marco|Prenotazioni=prenotazioni", "EUR", "wordpress"),
    _acct("solarvp", "solarvale-energy.example", "Solarvale Energy", "firm", "en", "+1000", 1134,
          "45 Ann St, Brisbane QLD", "+61 7 5555 0199", "ABN 99 999 999 999",
          "Solarvale Accounts=accounts|Jess Nguyen=jess", "AUD", "custom"),
)

BY_USER = {a.user: a for a in ACCOUNTS}

FIRST: dict[str, tuple[str, ...]] = {
    "en": ("Olivia", "James", "Priya", "Liam", "Grace", "Noah", "Aisha", "Ethan", "Chloe", "Marcus", "Hannah", "Owen"),
    "de": ("Lukas", "Anna", "Felix", "Sophie", "Maximilian", "Lea", "Paul", "Marie", "Jürgen", "Käthe"),
    "fr": ("Léa", "Louis", "Chloé", "Théo", "Manon", "Gabriel", "Inès", "Raphaël", "Zoé"),
    "es": ("Sofía", "Mateo", "Valentina", "Javier", "Carmen", "Álvaro", "Lucía", "Pablo"),
    "it": ("Giulia", "Lorenzo", "Francesca", "Matteo", "Alessia", "Niccolò", "Sara"),
    "nl": ("Daan", "Emma", "Sem", "Julia", "Lotte", "Bram", "Fenna"),
    "pt": ("João", "Beatriz", "Tiago", "Inês", "Gonçalo", "Mariana"),
    "pl": ("Zofia", "Jakub", "Małgorzata", "Łukasz", "Agnieszka", "Paweł"),
    "ru": ("Анна", "Дмитрий", "Елена", "Сергей", "Мария", "Алексей"),
    "tr": ("Ayşe", "Emre", "Zeynep", "Burak", "Elif", "Oğuz"),
    "ar": ("أحمد", "فاطمة", "يوسف", "مريم", "خالد", "نور"),
    "ja": ("健太", "由美", "翔", "愛子", "大輔", "さくら"),
    "zh": ("伟", "芳", "磊", "婷", "强", "洁"),
    "zh-hant": ("志豪", "淑芬", "冠宇", "怡君"),
    "ko": ("민준", "서연", "도윤", "하은", "지호"),
}
LAST: dict[str, tuple[str, ...]] = {
    "en": ("Walker", "Thompson", "Patel", "O'Brien", "Nguyen", "Fischer", "Okafor", "Reid", "Morgan", "Shaw"),
    "de": ("Müller", "Schmidt", "Weiß", "Becker", "Schäfer", "Krüger", "Hoffmann"),
    "fr": ("Dubois", "Lefèvre", "Moreau", "Girard", "Fournier", "Mercier"),
    "es": ("García", "Martínez", "López", "Sánchez", "Núñez", "Romero"),
    "it": ("Ricci", "Esposito", "Colombo", "Greco", "Marino", "Conti"),
    "nl": ("de Vries", "Jansen", "Bakker", "Visser", "Smit"),
    "pt": ("Silva", "Santos", "Oliveira", "Pereira", "Gonçalves"),
    "pl": ("Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zieliński"),
    "ru": ("Иванов", "Петрова", "Соколов", "Кузнецова", "Попов"),
    "tr": ("Kaya", "Demir", "Şahin", "Çelik", "Öztürk"),
    "ar": ("العلي", "الحسن", "منصور", "السيد"),
    "ja": ("田中", "鈴木", "高橋", "渡辺", "伊藤"),
    "zh": ("王", "李", "张", "刘", "陈"),
    "zh-hant": ("陳", "林", "黃", "張"),
    "ko": ("김", "이", "박", "최"),
}
MAILHOSTS = ("example.com", "example.net", "example.org", "mail.example", "post.example", "inbox.example",
             "webmail.example", "isp-mail.example", "corp.example", "uni.example")
TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ç": "c", "í": "i",
                          "á": "a", "ó": "o", "ñ": "n", "ł": "l", "ś": "s", "ż": "z", "ş": "s",
                          "ğ": "g", "ı": "i", "ã": "a", "õ": "o", "à": "a", "ò": "o", "ú": "u", "ë": "e",
                          "ï": "i", "ô": "o", "ê": "e", "â": "a", "'": "", " ": ""})


def local_part(first: str, last: str, rng: random.Random) -> str:
    a, b = first.lower().translate(TRANSLIT), last.lower().translate(TRANSLIT)
    if not a.isascii() or not b.isascii() or not a.isalpha():
        return rng.choice(("user", "mail", "contact", "hello", "me")) + str(rng.randint(10, 9999))
    return rng.choice((f"{a}.{b}", f"{a}{b[:1]}", f"{a[:1]}{b}", f"{a}_{b}{rng.randint(1, 99)}",
                       a + str(rng.randint(70, 99))))


def person(rng: random.Random, lang: str) -> Person:
    base = lang if lang in FIRST else "en"
    first, last = rng.choice(FIRST[base]), rng.choice(LAST[base])
    name = f"{last} {first}" if base in ("ja", "zh", "zh-hant", "ko") else f"{first} {last}"
    if base in ("zh", "zh-hant", "ko"):
        name = last + first
    return Person(name=name, email=f"{local_part(first, last, rng)}@{rng.choice(MAILHOSTS)}", lang=lang, first=first)
