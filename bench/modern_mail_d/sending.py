"""How a Draft leaves set D's server: the submission (SMTP AUTH from a mail program, webmail, a PHP script, cron),
the headers Exim and the sending program add, and the ModernMessage with the envelope Exim hands the scanner."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from bench.modern_mail.model import Account, ModernMessage
from bench.modern_mail_d.world import _ROMAN, ACCOUNTS, ATTACKER_IPS, CHARSETS, CLIENT_IPS, FREEMAIL, HOST, NAMES
from bench.modern_mail_d.writer import Draft, Writer

_B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
_START = datetime(2025, 9, 1, 7, 0, tzinfo=UTC)
_DAYS = 170  # Sept 2025 to mid-Feb 2026

#: Programs that write the mail, and the header each one signs with.
AGENTS = {
    "thunderbird": ("User-Agent",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.6.0", "plain"),
    "outlook": ("X-Mailer", "Microsoft Outlook 16.0", "outlook"),
    "apple": ("X-Mailer", "Apple Mail (2.3826.300.87.4.3)", "apple"),
    "iphone": ("X-Mailer", "iPhone Mail (22C152)", "apple"),
    "roundcube": ("User-Agent", "Roundcube Webmail/1.6.10", "plain"),
    "phpmailer": ("X-Mailer", "PHPMailer 6.9.3 (https://github.com/PHPMailer/PHPMailer)", "php"),
    "wordpress": ("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)", "php"),
    "whmcs": ("X-Mailer", "WHMCS v8.12", "php"),
    "mailpoet": ("X-Mailer", "MailPoet", "php"),
    "sendy": ("X-Mailer", "Sendy (https://sendy.co)", "php"),
    "symfony": ("X-Mailer", "", "plain"),
    "cron": ("X-Mailer", "", "plain"),
    "kmail": ("User-Agent", "KMail/6.2.3 (Linux/6.12.9)", "plain"),
}


@dataclass(slots=True)
class Person:
    """Someone outside the server."""

    name: str
    email: str
    first: str


class Ctx:
    """The generator's state for one seed: its random source, writer and the messages made so far."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"modern-mail-d:{seed}")
        self.writer = Writer(f"{self.rng.getrandbits(40):010x}")
        self.out: list[ModernMessage] = []
        self.counter = 0
        self.family = self.label = self.kind = ""  # of the family being generated (set by generate())

    # --- small random helpers -------------------------------------------------------------------------------
    def pick(self, seq):  # type: ignore[no-untyped-def]
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def token(self, n: int, alphabet: str = _B62) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def person(self, lang: str, domain: str = "") -> Person:
        firsts, lasts = NAMES.get(lang, NAMES["en"])
        first, last = self.pick(firsts), self.pick(lasts)
        name = f"{last}{first}" if lang in ("zh", "zh-tw", "ko") else f"{first} {last}"
        if first.isascii() and last.isascii():
            local = self.pick((f"{first}.{last}", f"{first[0]}{last}", f"{first}{self.digits(2)}",
                               f"{last}.{first[0]}")).lower().replace(" ", "")
        else:
            ascii_first = "".join(c for c in first.lower() if c.isascii() and c.isalpha())
            local = (ascii_first or self.pick(_ROMAN)) + self.pick((".", "_", "")) + self.pick(_ROMAN) + self.digits(
                self.pick((0, 2, 3)))
        local = "".join(c for c in local if c.isascii() and (c.isalnum() or c in "._-")) or "user"
        return Person(name, f"{local}@{domain or self.pick(FREEMAIL)}", first)

    def charset(self, lang: str) -> str:
        return self.pick(CHARSETS.get(lang, CHARSETS["en"]))

    def cte(self) -> str:
        return self.pick(("quoted-printable", "quoted-printable", "base64", "8bit", "8bit"))

    def when(self) -> datetime:
        return _START + timedelta(days=self.rng.randrange(_DAYS), minutes=self.rng.randrange(14 * 60))

    def qid(self) -> str:
        return f"1v{self.token(4)}-{self.token(11)}-{self.token(4)}"

    # --- the message ----------------------------------------------------------------------------------------
    def message_id(self, agent: str, domain: str, at: datetime) -> str:
        if agent == "outlook":
            return f"<{self.token(12, '0123456789abcdef')}$" + f"{self.token(8, '0123456789abcdef')}@{domain}>"
        if agent in ("apple", "iphone"):
            u = self.token(32, "0123456789ABCDEF")
            return f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}@{domain}>"
        if agent in ("phpmailer", "wordpress", "whmcs", "mailpoet", "sendy"):
            return f"<{self.token(40)}@{domain}>"
        if agent == "cron":
            return f"<E1v{self.token(4)}-{self.token(11)}-{self.token(4)}@{HOST}>"
        return f"<{self.token(8, '0123456789abcdef')}-{self.token(4, '0123456789abcdef')}-{at:%Y%m%d}@{domain}>"

    def send(self, *, lang: str, draft: Draft, account: str, mode: str, family: str = "", label: str = "",
             kind: str = "",
             agent: str, notes: str = "", mail_from: str = "", script: str = "", recipients: list[str] | None = None,
             message_id_domain: str = "") -> ModernMessage:
        """Render `draft` as `account` submits it (`mode`: auth, webmail, script, cron, stolen) and keep it."""
        acct: Account = ACCOUNTS[account]
        family, label, kind = family or self.family, label or self.label, kind or self.kind
        at = self.when()
        tzh = int(acct.tz[:3])
        tzm = int(acct.tz[0] + acct.tz[3:])
        local_dt = at.astimezone(timezone(timedelta(hours=tzh, minutes=tzm)))
        date = local_dt.strftime("%a, %d %b %Y %H:%M:%S ") + acct.tz
        rcpts = recipients or [a for _, a in draft.to] + [a for _, a in draft.cc]
        if not rcpts:
            rcpts = [self.person("en").email]
        qid = self.qid()
        auth_user = local_user = ip = helo = ""
        if mode in ("auth", "stolen", "webmail"):
            mf = mail_from or draft.from_addr
            auth_user = mf if mf.split("@")[-1] in acct.domains else f"{acct.people[0][1]}@{acct.main_domain}"
            if mode == "webmail":
                ip, helo = "127.0.0.1", HOST
                proto = "esmtpa"
            else:
                ip = self.pick(ATTACKER_IPS if mode == "stolen" else CLIENT_IPS)
                helo = self.pick(("[192.168.1.34]", "DESKTOP-" + self.token(7, string.ascii_uppercase + string.digits),
                                  "[10.0.0.12]", "MacBook-Pro.local", "[172.20.10.2]"))
                proto = "esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384"
            received = (f"from [{ip}] (port={self.rng.randrange(40000, 65000)} helo={helo})\n\tby {HOST} with "
                        f"{proto}\n\t(Exim 4.98.1)\n\t(envelope-from <{mf}>)\n\tid {qid}\n\tfor {rcpts[0]};\n\t{date}")
        else:
            local_user = acct.user
            mf = mail_from or f"{acct.user}@{HOST}"
            received = (f"from {acct.user} by {HOST} with local (Exim 4.98.1)\n\t(envelope-from <{mf}>)\n\t"
                        f"id {qid}\n\tfor {rcpts[0]};\n\t{date}")
        hname, hval, style = AGENTS[agent]
        top = [("Received", received)]
        if mode == "script":
            site = script or f"{acct.main_domain}/wp-content/plugins/wp-mail-smtp/vendor/phpmailer/phpmailer.php"
            top.append(("X-PHP-Script", f"{site} for {self.pick(CLIENT_IPS + ATTACKER_IPS)}"))
            top.append(("X-PHP-Originating-Script", f"{acct.uid}:{site.rsplit('/', 1)[-1]}"))
        mid_domain = message_id_domain or (draft.from_addr.split("@")[-1] if mode != "cron" else HOST)
        top += [("Date", date), ("Message-ID", self.message_id(agent, mid_domain, at))]
        if hval:
            top.append((hname, hval))
        if lang not in ("en",) and agent in ("thunderbird", "outlook", "apple", "roundcube", "kmail"):
            top.append(("Content-Language", lang))
        raw = self.writer.render(draft, top, style)
        self.counter += 1
        msg = ModernMessage(
            name=f"d{self.counter:04d}-{label}-{family}", label=label,  # type: ignore[arg-type]
            family=family, kind=kind, lang=lang, raw=raw, mail_from=mf, recipients=rcpts, auth_user=auth_user,
            local_user=local_user, account=acct.user, account_domains=list(acct.domains), ip=ip, helo=helo,
            account_uid=acct.uid, notes=notes)
        self.out.append(msg)
        return msg
