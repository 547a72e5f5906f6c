"""What a family function of set F gets (the account, language, date, a correspondent) and what it returns."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bench.modern_mail.model import Account, Mail, Person
from bench.modern_mail_f.phrasebook import MAILDOMAINS, NAMES, p
from bench.modern_mail_f.server import mailbox

_ASCII_LOCAL = {"ru": "ivanova", "el": "g.nikolaou", "ar": "a.alhassan", "he": "uri.levi", "ja": "k.sato",
                "zh": "lijing", "ko": "minjun.kim"}


@dataclass(slots=True)
class Draft:
    """A written message and how it leaves: "client", "webmail", "php" (with `script`), "cron", "intruder"."""

    mail: Mail
    via: str = "client"
    script: str = ""
    bcc: list[str] = field(default_factory=list)  # extra envelope recipients not in To/Cc
    mail_from: str = ""  # a script's -f sender, else the default
    sender_box: str = ""  # the mailbox that logs in (client/webmail/intruder); default mail.from_addr


@dataclass(slots=True)
class Ctx:
    rng: random.Random
    account: Account
    lang: str
    when: datetime
    index: int

    def person(self, lang: str = "") -> Person:
        """Someone outside the server writing in `lang` (the message's by default)."""
        lang = lang or self.lang
        firsts, lasts = NAMES.get(lang, NAMES["en"])
        first, last = self.rng.choice(firsts), self.rng.choice(lasts)
        if lang in ("zh", "ko", "ja"):
            name = f"{last}{first}" if lang != "ja" else f"{last} {first}"
        else:
            name = f"{first} {last}"
        local = _ASCII_LOCAL.get(lang) or (first.lower() + "." + last.lower().replace(" ", ""))
        local = "".join(c for c in local.encode("ascii", "ignore").decode() if c.isalnum() or c in "._") or "user"
        local += str(self.rng.randint(1, 99)) if self.rng.random() < 0.4 else ""
        return Person(name=name, email=f"{local}@{self.rng.choice(MAILDOMAINS)}", lang=lang, first=first)

    def use(self, options: object) -> str:
        """Switch to a language the family has text for (the message's if it can), and return it."""
        langs = list(options)  # type: ignore[call-overload]
        if self.lang not in langs:
            self.lang = "en" if "en" in langs else langs[0]
        return self.lang

    def box(self, idx: int = 0, domain: int = 0) -> tuple[str, str]:
        return mailbox(self.account, idx, domain)

    def p(self, key: str, **kw: str) -> str:
        return p(self.lang, key, **kw)

    def day(self, days: int = 0) -> str:
        d = self.when + timedelta(days=days)
        if self.lang in ("ja", "zh"):
            return f"{d.year}年{d.month}月{d.day}日"
        if self.lang == "ko":
            return f"{d.year}년 {d.month}월 {d.day}일"
        if self.lang == "en":
            return d.strftime("%d %b %Y") if self.rng.random() < 0.5 else d.strftime("%B %d, %Y")
        return d.strftime("%d.%m.%Y") if self.lang in ("de", "cs", "pl", "ru", "tr") else d.strftime("%d/%m/%Y")

    def clock(self) -> str:
        return f"{self.rng.randint(8, 18)}:{self.rng.choice(('00', '15', '30', '45'))}"

    def money(self, lo: float, hi: float) -> str:
        amount = round(self.rng.uniform(lo, hi), 0 if self.account.currency in ("JPY", "KRW") else 2)
        return f"{amount:,.2f} {self.account.currency}" if self.account.currency not in ("JPY", "KRW") else \
            f"{int(amount):,} {self.account.currency}"

    def number(self, prefix: str = "", digits: int = 6) -> str:
        return prefix + "".join(self.rng.choice("0123456789") for _ in range(digits))

    def token(self, n: int = 24) -> str:
        return "".join(self.rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(n))

    def site(self, path: str = "") -> str:
        return f"https://{self.account.main_domain}/{path}"

    def footer(self) -> str:
        a = self.account
        bits = [a.name, a.address, a.phone, a.tax_id]
        return "\n".join(b for b in bits if b)
