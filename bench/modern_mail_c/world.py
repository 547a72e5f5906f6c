# ruff: noqa: RUF001 - names in other scripts keep their own letters (Hebrew, Japanese, Russian, Czech)
"""Set C's imagined server: its cPanel accounts, the people outside it, and how a message reaches Exim.

Written apart from sets A and B: other businesses and people, other languages (en, es, de, sv, cs, ru, he
(right-to-left), ja (CJK)), another server and other client programs. Account domains live under .test (RFC 2606);
the outside world (free-mail providers, carriers, payment and SaaS services) keeps the names real senders use.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

SERVER = "srv14.hostkoala-c.test"
LANGS = ("en", "es", "de", "sv", "cs", "ru", "he", "ja")


@dataclass(frozen=True, slots=True)
class Acct:
    """A cPanel account: its login, domains, who is behind it, the language it writes in and what it does."""

    user: str
    domains: tuple[str, ...]
    name: str
    lang: str
    roles: tuple[str, ...]  # shop, site, office, person, clinic, hotel, school, club, saas, events, trades
    uid: int
    phone: str
    people: tuple[tuple[str, str], ...]  # (display name, mailbox local part); the owner first
    currency: str
    city: str

    @property
    def domain(self) -> str:
        return self.domains[0]

    def mailbox(self, i: int = 0) -> str:
        return f"{self.people[i % len(self.people)][1]}@{self.domain}"


ACCOUNTS: tuple[Acct, ...] = (
    Acct("pinecone", ("pinecone-outfitters.test", "pinecone-sale.test"), "Pinecone Outfitters", "en",
         ("shop", "site"), 3301, "+1 406 555 0172", (("Carla Mendes", "carla"), ("Orders", "orders")), "USD",
         "Missoula, MT"),
    Acct("ashgrove", ("ashgrove-dental.test",), "Ashgrove Dental Practice", "en", ("clinic", "site", "office"), 3302,
         "+44 117 496 0831", (("Dr Helen Marsh", "helen"), ("Reception", "reception")), "GBP", "Bristol"),
    Acct("tidewater", ("tidewater-inn.test",), "Tidewater Inn", "en", ("hotel", "site", "events"), 3303,
         "+1 207 555 0199", (("Sam Okafor", "sam"), ("Front Desk", "stay")), "USD", "Camden, ME"),
    Acct("brightlane", ("brightlane.test", "status.brightlane.test"), "Brightlane", "en", ("saas", "site", "office"),
         3304, "+1 415 555 0110", (("Priya Raman", "priya"), ("Brightlane", "notifications")), "USD",
         "San Francisco, CA"),
    Acct("stmarks", ("stmarks-parish.test",), "St Mark's Parish", "en", ("club", "school", "events"), 3305,
         "+353 1 555 0140", (("Fr. Declan Walsh", "office"), ("Nora Quinn", "nora")), "EUR", "Dublin"),
    Acct("kowhai", ("kowhai-primary.test",), "Kowhai Primary School", "en", ("school", "events"), 3306,
         "+64 9 555 0162", (("Mere Parata", "principal"), ("School Office", "office")), "NZD", "Auckland"),
    Acct("fenwick", ("fenwick-law.test",), "Fenwick & Doyle LLP", "en", ("office",), 3307, "+1 312 555 0124",
         (("Ruth Fenwick", "rfenwick"), ("Accounts", "accounts")), "USD", "Chicago, IL"),
    Acct("lucasgray", ("lucasgray.test",), "Lucas Gray", "en", ("person",), 3308, "",
         (("Lucas Gray", "lucas"),), "AUD", "Perth"),
    Acct("harlow", ("harlow-plumbing.test",), "Harlow Plumbing & Heating", "en", ("trades", "office", "site"), 3309,
         "+44 1279 555 018", (("Gareth Harlow", "gareth"), ("Bookings", "bookings")), "GBP", "Harlow"),
    Acct("runclub", ("riverside-runners.test",), "Riverside Runners", "en", ("club", "events", "site"), 3310, "",
         (("Jess Whitaker", "jess"), ("Club Secretary", "secretary")), "CAD", "Ottawa"),
    Acct("panaderia", ("panaderia-soler.test",), "Panadería Soler", "es", ("shop", "site"), 3311, "+34 963 55 01 27",
         (("Lucía Soler", "lucia"), ("Pedidos", "pedidos")), "EUR", "Valencia"),
    Acct("clinicasur", ("clinica-fisio-sur.test",), "Clínica Fisio Sur", "es", ("clinic", "office", "site"), 3312,
         "+52 55 5550 1833", (("Andrés Ortega", "andres"), ("Citas", "citas")), "MXN", "Ciudad de México"),
    Acct("elenagarcia", ("elenagarcia.test",), "Elena García", "es", ("person",), 3313, "",
         (("Elena García", "elena"),), "EUR", "Sevilla"),
    Acct("holzwerk", ("holzwerk-brandt.test",), "Holzwerkstatt Brandt", "de", ("shop", "trades", "office", "site"),
         3314, "+49 761 555 0190", (("Jonas Brandt", "jonas"), ("Bestellungen", "bestellung")), "EUR", "Freiburg"),
    Acct("tsvkicker", ("tsv-kicker-eichstadt.test",), "TSV Eichstadt 1921 e.V.", "de", ("club", "events", "site"),
         3315, "+49 8421 555 03", (("Sabine Huber", "vorstand"), ("Geschäftsstelle", "info")), "EUR", "Eichstadt"),
    Acct("steuerwolf", ("steuerberatung-wolf.test",), "Steuerberatung Wolf", "de", ("office",), 3316,
         "+43 1 555 2210", (("Mag. Petra Wolf", "p.wolf"), ("Kanzlei", "kanzlei")), "EUR", "Wien"),
    Acct("sjobod", ("sjobodens-kafe.test",), "Sjöbodens Kafé", "sv", ("shop", "site", "events"), 3317,
         "+46 31 555 04 12", (("Karin Lindgren", "karin"), ("Beställning", "order")), "SEK", "Göteborg"),
    Acct("fjallskola", ("fjallbackens-skola.test",), "Fjällbackens skola", "sv", ("school", "events", "office"), 3318,
         "+46 60 555 21 00", (("Anders Berg", "rektor"), ("Expeditionen", "expedition")), "SEK", "Sundsvall"),
    Acct("tiskarna", ("tiskarna-novak.test",), "Tiskárna Novák", "cs", ("shop", "office", "site"), 3319,
         "+420 541 555 310", (("Jana Nováková", "jana"), ("Objednávky", "objednavky")), "CZK", "Brno"),
    Acct("ordinace", ("ordinace-dvorak.test",), "Ordinace MUDr. Dvořák", "cs", ("clinic", "site"), 3320,
         "+420 224 555 118", (("MUDr. Tomáš Dvořák", "dvorak"), ("Sestra", "sestra")), "CZK", "Praha"),
    Acct("knigomir", ("knigomir.test",), "Книжная лавка «Книгомир»", "ru", ("shop", "site", "events"), 3321,
         "+7 812 555 40 17", (("Ольга Смирнова", "olga"), ("Заказы", "zakaz")), "RUB", "Санкт-Петербург"),
    Acct("volkov", ("volkov-perevod.test",), "Бюро переводов Волкова", "ru", ("office", "person"), 3322,
         "+7 495 555 12 09", (("Дмитрий Волков", "dmitry"),), "RUB", "Москва"),
    Acct("galil", ("galil-yoga.test",), "סטודיו גליל ליוגה", "he", ("clinic", "events", "site"), 3323,
         "+972 4 555 0117", (("נועה כהן", "noa"), ("סטודיו גליל", "studio")), "ILS", "חיפה"),
    Acct("shaked", ("shaked-books.test",), "הוצאת שקד", "he", ("shop", "office", "site"), 3324, "+972 3 555 0148",
         (("אורי לוי", "uri"), ("הזמנות", "orders")), "ILS", "תל אביב"),
    Acct("sakuradou", ("sakuradou-tea.test",), "桜堂茶舗", "ja", ("shop", "site"), 3325, "+81 75 555 0136",
         (("山本 美咲", "misaki"), ("ご注文係", "order")), "JPY", "京都市"),
    Acct("hinode", ("hinode-clinic.test",), "ひので整骨院", "ja", ("clinic", "site", "office"), 3326, "+81 3 5550 2234",
         (("佐藤 健一", "sato"), ("受付", "uketsuke")), "JPY", "東京都世田谷区"),
)

#: Accounts an intruder got into (a mailbox password or a hole in the site) in the spam families.
COMPROMISED = ("pinecone", "tidewater", "stmarks", "kowhai", "lucasgray", "harlow", "runclub", "panaderia",
               "elenagarcia", "tsvkicker", "sjobod", "tiskarna", "knigomir", "volkov", "galil", "sakuradou",
               "clinicasur", "fenwick")

FIRST = {
    "en": ["Aisha", "Ben", "Chloé", "Dev", "Erin", "Felix", "Gemma", "Hamish", "Imogen", "Jamal", "Kerry", "Liam",
           "Maya", "Nathan", "Orla", "Rohan", "Sadie", "Tariq"],
    "es": ["Alejandro", "Carmen", "Diego", "Inés", "Javier", "Lola", "Marta", "Pablo", "Rocío", "Sergio"],
    "de": ["Anja", "Bernd", "Clara", "Dominik", "Frieda", "Henrik", "Lena", "Moritz", "Nele", "Uwe"],
    "sv": ["Astrid", "Björn", "Elsa", "Gustav", "Ingrid", "Johan", "Linnea", "Måns", "Saga", "Viktor"],
    "cs": ["Alena", "David", "Eva", "Jiří", "Kateřina", "Lukáš", "Markéta", "Ondřej", "Petra", "Zdeněk"],
    "ru": ["Анна", "Борис", "Вера", "Глеб", "Ирина", "Кирилл", "Мария", "Никита", "Светлана", "Юрий"],
    "he": ["אביגיל", "דניאל", "יעל", "איתי", "מיכל", "עומר", "שירה", "רון", "תמר", "יונתן"],
    "ja": ["陽菜", "大翔", "結衣", "蓮", "さくら", "悠真", "美月", "湊", "葵", "健太"],
}
LAST = {
    "en": ["Abbott", "Chen", "Fletcher", "Gallagher", "Harper", "Iqbal", "Lowe", "Mensah", "Nolan", "Price"],
    "es": ["Gómez", "Ruiz", "Navarro", "Domínguez", "Vidal", "Serrano", "Castillo", "Herrera"],
    "de": ["Schäfer", "Krüger", "Vogel", "Hartmann", "Lang", "Pohl", "Ziegler", "Busch"],
    "sv": ["Lund", "Sandberg", "Holm", "Ek", "Nyström", "Åberg", "Falk", "Strand"],
    "cs": ["Svoboda", "Černá", "Procházka", "Kučerová", "Veselý", "Horák", "Marešová", "Pokorný"],
    "ru": ["Иванова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Морозов", "Орлова", "Зайцев"],
    "he": ["לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא", "גולן"],
    "ja": ["田中", "鈴木", "高橋", "伊藤", "渡辺", "中村", "小林", "加藤"],
}
LATIN = {  # how people with non-Latin names spell their mailbox
    "ru": ["anna", "boris", "vera", "gleb", "irina", "kirill", "maria", "nikita", "sveta", "yuri"],
    "he": ["avigail", "daniel", "yael", "itay", "michal", "omer", "shira", "ron", "tamar", "yoni"],
    "ja": ["hina", "hiroto", "yui", "ren", "sakura", "yuma", "mizuki", "minato", "aoi", "kenta"],
}
FREEMAIL = {
    "en": ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.co.uk", "proton.me", "aol.com"],
    "es": ["gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net"],
    "de": ["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de"],
    "sv": ["gmail.com", "telia.com", "outlook.com", "bredband.net"],
    "cs": ["seznam.cz", "email.cz", "centrum.cz", "gmail.com"],
    "ru": ["yandex.ru", "mail.ru", "gmail.com", "rambler.ru"],
    "he": ["gmail.com", "walla.co.il", "013net.net", "outlook.com"],
    "ja": ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "icloud.com", "outlook.jp"],
}
COMPANIES = ("northgate-logistics.test", "meridian-labs.test", "copperfield-design.test", "alpenblick-hotel.test",
             "vesta-insurance.test", "orchard-accounting.test", "bluefin-media.test", "kestrel-engineering.test")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    first: str
    email: str
    lang: str


def person(rng: random.Random, lang: str, domain: str = "") -> Person:
    """Someone outside the server writing in `lang`, at a free-mail provider or at `domain`."""
    i = rng.randrange(len(FIRST[lang]))
    first, last = FIRST[lang][i], rng.choice(LAST[lang])
    name = f"{last} {first}" if lang == "ja" else f"{first} {last}"
    if lang in LATIN:
        local = LATIN[lang][i % len(LATIN[lang])] + rng.choice((".", "_", "")) + str(rng.randint(7, 1999))
    else:
        style = rng.randrange(4)
        raw = {0: f"{first}.{last}", 1: f"{first[0]}{last}", 2: f"{first}{rng.randint(70, 2005)}",
               3: f"{last}.{first[0]}"}[style].lower().replace(" ", "")
        local = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode() or f"p{rng.randint(10, 99)}"
    return Person(name, first, f"{local}@{domain or rng.choice(FREEMAIL[lang])}", lang)


def by_role(*roles: str, lang: str = "") -> list[Acct]:
    return [a for a in ACCOUNTS if set(roles) & set(a.roles) and (not lang or a.lang == lang)]


def acct(user: str) -> Acct:
    return next(a for a in ACCOUNTS if a.user == user)


@dataclass(slots=True)
class Hop:
    """How the message reached Exim: SMTP AUTH (user, client address, HELO) or a local program (its login)."""

    mail_from: str
    auth_user: str = ""
    local_user: str = ""
    ip: str = ""
    helo: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    tls: bool = True


HOME_NETS = ("198.51.100.", "203.0.113.", "192.0.2.")
BAD_NETS = ("100.77.", "100.81.", "100.93.", "100.110.")
HELOS = ("[192.168.1.{n}]", "LAPTOP-{n}KQ", "MacBook-Pro.local", "[10.0.0.{n}]", "android-{n}", "OfficePC{n}",
         "iPhone")


def mua(rng: random.Random, mailbox: str) -> Hop:
    """The owner of `mailbox` sending from a mail program at home, on the phone or in the office."""
    return Hop(mailbox, auth_user=mailbox, ip=f"{rng.choice(HOME_NETS)}{rng.randint(2, 254)}",
               helo=rng.choice(HELOS).format(n=rng.randint(2, 250)))


def webmail(rng: random.Random, mailbox: str) -> Hop:
    """The owner of `mailbox` in the server's webmail (Roundcube or Horde, connecting from localhost)."""
    ua = rng.choice((("User-Agent", "Roundcube Webmail/1.6.10"), ("User-Agent", "Horde Application Framework 5")))
    return Hop(mailbox, auth_user=mailbox, ip="127.0.0.1", helo=SERVER, headers=(ua,))


def php(rng: random.Random, a: Acct, path: str, *, mail_from: str = "") -> Hop:
    """A PHP script of the account's site calling mail() (Exim sees a local submission by the account's login)."""
    visitor = f"{rng.choice(HOME_NETS)}{rng.randint(2, 254)}"
    return Hop(mail_from or f"{a.user}@{SERVER}", local_user=a.user, tls=False,
               headers=(("X-PHP-Originating-Script", f"{a.uid}:{path.rsplit('/', 1)[-1]}"),
                        ("X-Source-Path", f"/home/{a.user}/public_html{path}"), ("X-Source-IP", visitor)))


def smtp_app(rng: random.Random, a: Acct, mailbox: str) -> Hop:
    """The site's application sending over authenticated SMTP from the server itself (WP Mail SMTP, a SaaS worker)."""
    return Hop(mailbox, auth_user=mailbox, ip="127.0.0.1", helo=a.domain)


def intruder(rng: random.Random, mailbox: str) -> Hop:
    """Someone with a stolen password for `mailbox`, logging in from a rented server or a proxy."""
    return Hop(mailbox, auth_user=mailbox, ip=f"{rng.choice(BAD_NETS)}{rng.randint(0, 255)}.{rng.randint(2, 254)}",
               helo=rng.choice(("User", "WIN-{n}QF7", "localhost", "[127.0.0.1]", "ylmf-pc", "DESKTOP-{n}")).format(
                   n=rng.randint(100, 999)))
