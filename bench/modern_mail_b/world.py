# ruff: noqa: RUF001 - text in other scripts keeps its own letters and punctuation (Persian, Korean, Turkish)
"""Set B's imagined server: its accounts, the people they write to, and how a message reaches Exim.

Independent of set A (bench.modern_mail): other businesses, other languages (en, it, pt, nl, pl, tr, fa, ko),
other domains (*.test, reserved by RFC 2606), another server name and other mail programs.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

SERVER = "cp7.webnest-b.test"


@dataclass(frozen=True, slots=True)
class SiteAccount:
    """A cPanel account of set B: login, domains, the business, its languages and what it sends."""

    user: str
    domains: tuple[str, ...]
    name: str
    lang: str
    tags: tuple[str, ...]  # shop, site, office, person, school, clinic, hotel, events
    uid: int
    phone: str
    people: tuple[tuple[str, str], ...]  # (display name, local part); the owner first
    currency: str

    @property
    def domain(self) -> str:
        return self.domains[0]


ACCOUNTS: tuple[SiteAccount, ...] = (
    SiteAccount("bellini", ("trattoria-bellini.test", "bellini-catering.test"), "Trattoria Bellini", "it",
                ("shop", "site", "events"), 2101, "+39 055 210 4471",
                (("Giulia Bellini", "giulia"), ("Marco Ferri", "marco")), "EUR"),
    SiteAccount("estrela", ("padaria-estrela.test",), "Padaria Estrela", "pt", ("shop", "site"), 2102,
                "+351 21 340 5512", (("Ana Carvalho", "ana"), ("Rui Mota", "encomendas")), "EUR"),
    SiteAccount("vandam", ("fietsen-vandam.test",), "Fietsen van Dam", "nl", ("shop", "site", "office"), 2103,
                "+31 20 612 3380", (("Pieter van Dam", "pieter"), ("Sanne Bakker", "sanne")), "EUR"),
    SiteAccount("podlipa", ("ksiegarnia-podlipa.test",), "Księgarnia Pod Lipą", "pl", ("shop", "site", "events"),
                2104, "+48 12 421 66 90", (("Katarzyna Nowak", "kasia"), ("Tomasz Zieliński", "sklep")), "PLN"),
    SiteAccount("anadolu", ("anadolu-kahve.test",), "Anadolu Kahve Evi", "tr", ("shop", "site"), 2105,
                "+90 212 555 01 44", (("Elif Demir", "elif"), ("Murat Kaya", "siparis")), "TRY"),
    SiteAccount("ketabpars", ("ketab-pars.test",), "کتاب‌فروشی پارس", "fa", ("shop", "site", "events"), 2106,
                "+98 21 8855 4120", (("مریم رضایی", "maryam"), ("علی حسینی", "ali")), "IRR"),
    SiteAccount("hanbit", ("hanbit-dental.test",), "한빛치과", "ko", ("clinic", "site", "office"), 2107,
                "+82 2 555 0192", (("김민지", "minji"), ("박준호", "desk")), "KRW"),
    SiteAccount("northwind", ("northwind-cycles.test", "nwcycles-outlet.test"), "Northwind Cycles", "en",
                ("shop", "site"), 2108, "+44 161 555 0148", (("Owen Pryce", "owen"), ("Hannah Cole", "hannah")), "GBP"),
    SiteAccount("greenleaf", ("greenleaf-accounts.test",), "Greenleaf Accounting", "en", ("office",), 2109,
                "+1 503 555 0187", (("Dana Whitfield", "dana"), ("Raj Patel", "raj")), "USD"),
    SiteAccount("lakeside", ("lakeside-yoga.test",), "Lakeside Yoga Studio", "en", ("site", "events", "clinic"),
                2110, "+1 612 555 0133", (("Mia Lindqvist", "mia"),), "USD"),
    SiteAccount("harbourbnb", ("harbourview-bnb.test",), "Harbourview B&B", "en", ("hotel", "site"), 2111,
                "+61 2 5550 1729", (("Tom Callaghan", "tom"), ("Priya Nair", "stay")), "AUD"),
    SiteAccount("obrien", ("maeveobrien.test",), "Maeve O'Brien", "en", ("person",), 2112, "",
                (("Maeve O'Brien", "maeve"),), "EUR"),
    SiteAccount("kaleido", ("studio-kaleido.test",), "Studio Kaleido", "nl", ("office", "site"), 2113,
                "+31 30 555 7710", (("Joris Smit", "joris"), ("Lotte de Vries", "lotte")), "EUR"),
    SiteAccount("villaazul", ("villa-azul-algarve.test",), "Villa Azul", "pt", ("hotel", "site"), 2114,
                "+351 289 555 301", (("Beatriz Lopes", "reservas"), ("Paulo Lopes", "paulo")), "EUR"),
    SiteAccount("szkola", ("szkola-jezykow-krakow.test",), "Szkoła Językowa Wawel", "pl", ("school", "site", "office"),
                2115, "+48 12 555 43 21", (("Agnieszka Wiśniewska", "sekretariat"), ("Paweł Lis", "pawel")), "PLN"),
    SiteAccount("seoulbooks", ("seoul-bookclub.test",), "서울 북클럽", "ko", ("events", "site", "person"), 2116, "",
                (("이서연", "seoyeon"),), "KRW"),
    SiteAccount("istanbulrent", ("bogaz-daire.test",), "Boğaz Daireleri", "tr", ("hotel", "site"), 2117,
                "+90 212 555 88 10", (("Can Öztürk", "rezervasyon"),), "EUR"),
    SiteAccount("farhang", ("farhang-music.test",), "آموزشگاه موسیقی فرهنگ", "fa", ("school", "events", "site"), 2118,
                "+98 21 2255 9080", (("سارا کریمی", "info"),), "IRR"),
    SiteAccount("quinta", ("quinta-dos-ramos.test",), "Quinta dos Ramos", "pt", ("shop", "site"), 2119,
                "+351 253 555 212", (("Inês Ramos", "ines"),), "EUR"),
    SiteAccount("rossi", ("studio-legale-rossi.test",), "Studio Legale Rossi", "it", ("office",), 2120,
                "+39 02 5550 3321", (("Avv. Lucia Rossi", "lucia"), ("Segreteria", "segreteria")), "EUR"),
)

#: Accounts whose mailbox passwords or web sites the intruders of the spam families took over.
COMPROMISED = ("bellini", "vandam", "anadolu", "ketabpars", "hanbit", "northwind", "lakeside", "obrien",
               "kaleido", "szkola", "seoulbooks", "istanbulrent", "farhang", "quinta", "rossi", "podlipa")

FIRST_NAMES = {
    "en": ["Olivia", "Jack", "Amelia", "Noah", "Isla", "Leo", "Grace", "Ethan", "Chloe", "Samuel"],
    "it": ["Francesca", "Luca", "Chiara", "Matteo", "Elena", "Davide", "Sara", "Andrea"],
    "pt": ["Mariana", "João", "Beatriz", "Tiago", "Carolina", "Miguel", "Sofia", "Diogo"],
    "nl": ["Emma", "Daan", "Julia", "Lucas", "Fleur", "Sem", "Anouk", "Bram"],
    "pl": ["Zofia", "Jakub", "Maja", "Antoni", "Hanna", "Filip", "Ola", "Michał"],
    "tr": ["Zeynep", "Emre", "Ayşe", "Burak", "Defne", "Kerem", "Selin", "Oğuz"],
    "fa": ["نگار", "رضا", "لیلا", "امیر", "پریسا", "حمید", "شیما", "کاوه"],
    "ko": ["지우", "서준", "하은", "민준", "수아", "도윤", "예린", "현우"],
}
LAST_NAMES = {
    "en": ["Hughes", "Morgan", "Bennett", "Reid", "Foster", "Shaw", "Kaur", "Doyle"],
    "it": ["Esposito", "Romano", "Colombo", "Ricci", "Greco", "Marino"],
    "pt": ["Silva", "Santos", "Ferreira", "Pereira", "Costa", "Almeida"],
    "nl": ["de Jong", "Jansen", "Visser", "Mulder", "Bos", "Meijer"],
    "pl": ["Kowalska", "Wójcik", "Kamiński", "Lewandowska", "Dąbrowski", "Mazur"],
    "tr": ["Yılmaz", "Şahin", "Çelik", "Arslan", "Koç", "Aydın"],
    "fa": ["احمدی", "محمدی", "کاظمی", "نوری", "صادقی", "موسوی"],
    "ko": ["김", "이", "박", "최", "정", "강"],
}
FREEMAIL = {
    "en": ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "btinternet.com"],
    "it": ["libero.it", "gmail.com", "alice.it", "virgilio.it"],
    "pt": ["sapo.pt", "gmail.com", "hotmail.com"],
    "nl": ["ziggo.nl", "gmail.com", "kpnmail.nl", "hotmail.com"],
    "pl": ["wp.pl", "o2.pl", "gmail.com", "onet.pl"],
    "tr": ["gmail.com", "hotmail.com", "yandex.com"],
    "fa": ["gmail.com", "yahoo.com", "chmail.ir"],
    "ko": ["naver.com", "daum.net", "gmail.com"],
}
_TRANSLIT = str.maketrans({c: "" for c in "'"})


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone outside the server."""

    name: str
    first: str
    email: str
    lang: str


def contact(rng: random.Random, lang: str, domain: str = "") -> Contact:
    """A person writing in `lang`, at a free-mail domain (or at `domain`, a company's)."""
    first, last = rng.choice(FIRST_NAMES[lang]), rng.choice(LAST_NAMES[lang])
    name = f"{last}{first}" if lang == "ko" else f"{first} {last}"
    ascii_local = f"user{rng.randint(100, 9999)}" if lang in ("fa", "ko") else \
        (first + rng.choice([".", "_", ""]) + last.split()[-1]).lower().translate(_TRANSLIT)
    ascii_local = unicodedata.normalize("NFKD", ascii_local).encode("ascii", "ignore").decode() or \
        f"user{rng.randint(10, 999)}"
    if rng.random() < 0.3:
        ascii_local += str(rng.randint(1, 99))
    return Contact(name, first, f"{ascii_local}@{domain or rng.choice(FREEMAIL[lang])}", lang)


def account(user: str) -> SiteAccount:
    return next(a for a in ACCOUNTS if a.user == user)


def accounts_tagged(*tags: str) -> list[SiteAccount]:
    return [a for a in ACCOUNTS if set(tags) & set(a.tags)]


@dataclass(slots=True)
class Route:
    """How the message reached Exim: who logged in (or which local user ran the script), from where."""

    mail_from: str
    auth_user: str = ""
    local_user: str = ""
    ip: str = ""
    helo: str = ""
    extra_headers: tuple[tuple[str, str], ...] = ()


CLIENT_NETS = ("198.51.100.", "203.0.113.", "192.0.2.")
INTRUDER_NETS = ("100.64.12.", "100.72.200.", "100.99.3.", "100.120.45.")
CLIENT_HELOS = ("[192.168.0.{n}]", "DESKTOP-B{n}", "iPad", "[10.1.1.{n}]", "ThinkPad-{n}", "mail-client")


def submitted(rng: random.Random, mailbox: str, *, intruder: bool = False, webmail: bool = False) -> Route:
    """SMTP AUTH as `mailbox`: its owner at home or in the office, webmail on the server, or an intruder."""
    if webmail:
        return Route(mail_from=mailbox, auth_user=mailbox, ip="127.0.0.1", helo=SERVER,
                     extra_headers=(("User-Agent", "Roundcube Webmail/1.6.9"),))
    nets = INTRUDER_NETS if intruder else CLIENT_NETS
    helo = rng.choice(("User", "WIN-3KD9F2", "[127.0.0.1]", "localhost")) if intruder else \
        rng.choice(CLIENT_HELOS).format(n=rng.randint(2, 240))
    return Route(mail_from=mailbox, auth_user=mailbox, ip=f"{rng.choice(nets)}{rng.randint(2, 250)}", helo=helo)


def script(rng: random.Random, acct: SiteAccount, path: str, *, mail_from: str = "") -> Route:
    """A PHP script of the account's site calling mail() (local submission as the account's user)."""
    visitor = f"{rng.choice(CLIENT_NETS)}{rng.randint(2, 250)}"
    return Route(mail_from=mail_from or f"{acct.user}@{SERVER}", local_user=acct.user,
                 extra_headers=(("X-PHP-Script", f"www.{acct.domain}{path} for {visitor}"),))


def cron(acct: SiteAccount, *, mail_from: str = "") -> Route:
    """A cron job or CLI program run by the account's user calling sendmail."""
    return Route(mail_from=mail_from or f"{acct.user}@{SERVER}", local_user=acct.user)
