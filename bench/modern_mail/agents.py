"""The programs that write the messages: their header lines, Message-ID and MIME boundary styles."""

from __future__ import annotations

import random
import string
import uuid
from dataclasses import dataclass
from datetime import datetime

from bench.modern_mail.accounts import SERVER

_HEX = "0123456789abcdef"
_ALNUM = string.ascii_letters + string.digits


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


@dataclass(frozen=True, slots=True)
class Agent:
    """A mail program: what it calls itself, and how it shapes ids and boundaries."""

    name: str
    header: tuple[str, str] | None  # ("User-Agent", "...") or None
    msgid_style: str
    boundary_style: str

    def message_id(self, rng: random.Random, domain: str, when: datetime) -> str:
        """A Message-ID in this program's style, on `domain`."""
        s = self.msgid_style
        if s == "uuid":
            return f"<{_uuid(rng)}@{domain}>"
        if s == "apple":
            return f"<{_uuid(rng).upper()}@{domain}>"
        if s == "outlook":
            return (f"<{_pick(rng, _HEX, 12)}${_pick(rng, _HEX, 8)}${_pick(rng, _HEX, 8)}$@{domain}>")
        if s == "md5":
            return f"<{_pick(rng, _HEX, 32)}@{domain}>"
        if s == "phpmailer":
            return f"<{_pick(rng, _ALNUM, 43)}@www.{domain}>"
        if s == "symfony":
            return f"<{_pick(rng, _HEX, 32)}@{domain}>"
        if s == "stamp":
            return f"<{when.strftime('%Y%m%d%H%M%S')}.{_pick(rng, _HEX, 5).upper()}@{domain}>"
        if s == "exim":
            return f"<E{_pick(rng, _ALNUM, 6)}-{_pick(rng, _ALNUM, 6)}-{_pick(rng, _ALNUM, 2)}@{SERVER}>"
        return f"<{_pick(rng, _HEX, 16)}.{_pick(rng, _HEX, 8)}@{domain}>"

    def boundary(self, rng: random.Random, depth: int) -> str:
        """A MIME boundary in this program's style (`depth` tells nested parts apart)."""
        s = self.boundary_style
        if s == "thunderbird":
            return "------------" + _pick(rng, _ALNUM, 24)
        if s == "apple":
            return f"Apple-Mail={_uuid(rng).upper()}"
        if s == "outlook":
            return f"----=_NextPart_00{depth}_{_pick(rng, _HEX, 4).upper()}_01DB{_pick(rng, _HEX, 4).upper()}." \
                   f"{_pick(rng, _HEX, 8).upper()}"
        if s == "roundcube":
            return "=_" + _pick(rng, _HEX, 32)
        if s == "phpmailer":
            return f"b{depth + 1}=_{_pick(rng, _ALNUM, 43)}"
        if s == "symfony":
            return _pick(rng, _ALNUM + "_-", 8) + "_" + _pick(rng, _ALNUM, 8)
        if s == "javamail":
            return f"----=_Part_{rng.randint(1000, 99999)}_{rng.randint(10**8, 10**9)}.{rng.randint(10**12, 10**13)}"
        return f"=_{_pick(rng, _ALNUM, 20)}_{depth}"


AGENTS: dict[str, Agent] = {a.name: a for a in (
    Agent("thunderbird", ("User-Agent", "Mozilla Thunderbird"), "uuid", "thunderbird"),
    Agent("apple_mail", ("X-Mailer", "Apple Mail (2.3776.700.51)"), "apple", "apple"),
    Agent("iphone", ("X-Mailer", "iPhone Mail (22D72)"), "apple", "apple"),
    Agent("outlook", ("X-Mailer", "Microsoft Outlook 16.0"), "outlook", "outlook"),
    Agent("roundcube", ("User-Agent", "Roundcube Webmail/1.6.9"), "md5", "roundcube"),
    Agent("phpmailer", ("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)"), "phpmailer",
          "phpmailer"),
    Agent("wordpress", None, "phpmailer", "phpmailer"),  # WordPress hides the X-Mailer line
    Agent("symfony", None, "symfony", "symfony"),  # PrestaShop 8 (Symfony Mailer)
    Agent("custom_php", ("X-Mailer", "PHP/8.2.27"), "md5", "plain"),
    Agent("mailpoet", None, "phpmailer", "phpmailer"),
    Agent("sendy", ("X-Mailer", "Sendy (https://sendy.co)"), "md5", "plain"),
    Agent("javamail", None, "stamp", "javamail"),  # a booking system's Java back end
    Agent("old_phpmailer", ("X-Mailer", "PHPMailer 5.2.22 (https://github.com/PHPMailer/PHPMailer)"), "md5",
          "phpmailer"),
    Agent("bare_php", ("X-Mailer", "PHP/7.4.33"), "exim", "plain"),
    Agent("bulk_tool", None, "stamp", "plain"),
    Agent("none", None, "exim", "plain"),  # the client wrote no Message-ID: Exim adds one
)}
