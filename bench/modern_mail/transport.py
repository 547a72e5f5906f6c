"""How a message reached Exim: SMTP AUTH from a mail client, webmail, or a local script (PHP mail, sendmail).

Each gives the envelope Exim hands to the scanner and the Received: line Exim prepends, in Exim 4.98's
default shape on a cPanel server.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bench.modern_mail.accounts import SERVER
from bench.modern_mail.model import Account

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# client networks (documentation ranges): home/office broadband for customers, "abroad" for intruders
HOME_NETS = ("198.51.100.", "203.0.113.", "192.0.2.")
HOME_HELOS = ("[192.168.1.{n}]", "[192.168.178.{n}]", "[10.0.0.{n}]", "DESKTOP-{t}", "MacBook-Pro.local",
              "LAPTOP-{t}", "[172.20.10.{n}]", "iPhone")


@dataclass(slots=True)
class Submission:
    """The envelope of one message and the headers the submitting program adds."""

    mail_from: str
    recipients: list[str]
    auth_user: str = ""
    local_user: str = ""
    ip: str = ""
    helo: str = ""
    protocol: str = "local"  # local, esmtpa, esmtpsa
    port: int = 0
    headers: list[tuple[str, str]] = field(default_factory=list)  # X-PHP-Script and friends
    php: bool = False  # PHP mail(): To/Subject come first, as PHP writes them


def exim_id(rng: random.Random) -> str:
    """An Exim 4 message id (1tAbCd-0003Xy-9Q)."""
    def part(n: int) -> str:
        return "".join(rng.choice(_B62) for _ in range(n))
    return f"1t{part(4)}-{part(6)}-{part(2)}"


def home_ip(rng: random.Random) -> str:
    """A customer's broadband address."""
    return f"{rng.choice(HOME_NETS)}{rng.randint(2, 254)}"


def home_helo(rng: random.Random) -> str:
    """What a desktop or phone mail client says in HELO."""
    pattern = rng.choice(HOME_HELOS)
    return pattern.format(n=rng.randint(2, 250), t="".join(rng.choice(_B62[:36]) for _ in range(7)))


def smtp_auth(rng: random.Random, mailbox: str, recipients: list[str], *, ip: str = "", helo: str = "",
              tls: bool = True, mail_from: str = "") -> Submission:
    """A mail client (or an intruder with the password) logged in as `mailbox` over SMTP submission."""
    return Submission(mail_from=mail_from or mailbox, recipients=recipients, auth_user=mailbox,
                      ip=ip or home_ip(rng), helo=helo or home_helo(rng),
                      protocol="esmtpsa" if tls else "esmtpa", port=rng.choice((587, 465, 587)))


def webmail(rng: random.Random, mailbox: str, recipients: list[str]) -> Submission:
    """Roundcube on the server itself: SMTP AUTH over loopback."""
    return Submission(mail_from=mailbox, recipients=recipients, auth_user=mailbox, ip="127.0.0.1",
                      helo=SERVER, protocol="esmtpa", port=587,
                      headers=[("X-Sender", mailbox)])


def php_mail(rng: random.Random, account: Account, recipients: list[str], *, script: str, host: str = "",
             visitor_ip: str = "", mail_from: str = "", originating: bool = True, cli: bool = False) -> Submission:
    """PHP mail() run as the account's user: sendmail -t, local submission, cPanel's X-PHP-Script header.

    `cli`: PHP run from cron, without a web server: X-PHP-Script holds the file path and no client.
    """
    host = host or f"www.{account.main_domain}"
    headers: list[tuple[str, str]] = []
    if originating:
        headers.append(("X-PHP-Originating-Script", f"{account.uid}:{script.rsplit('/', 1)[-1]}"))
    if cli:
        headers.append(("X-PHP-Script", f"/home/{account.user}/public_html{script} for "))
    else:
        headers.append(("X-PHP-Script", f"{host}{script} for {visitor_ip or home_ip(rng)}"))
    return Submission(mail_from=mail_from or f"{account.user}@{SERVER}", recipients=recipients,
                      local_user=account.user, headers=headers, php=True)


def sendmail(account: Account, recipients: list[str], *, mail_from: str = "") -> Submission:
    """A cron job or CLI script calling sendmail as the account's user (no PHP headers)."""
    return Submission(mail_from=mail_from or f"{account.user}@{SERVER}", recipients=recipients,
                      local_user=account.user)


def received(sub: Submission, when: datetime, qid: str, rng: random.Random) -> str:
    """The Received: header Exim prepends for this submission (folded as Exim folds it)."""
    stamp = when.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    tail = f"\tid {qid}"
    if len(sub.recipients) == 1:
        tail += f"\n\tfor {sub.recipients[0]}"
    env = f"\t(envelope-from <{sub.mail_from}>)\n"
    if not sub.ip:
        return f"from {sub.local_user} by {SERVER} with local (Exim 4.98)\n{env}{tail};\n\t{stamp}"
    port = rng.randint(40000, 65000)
    peer = f"localhost ([{sub.ip}]:{port} helo={sub.helo})" if sub.ip == "127.0.0.1" else \
        f"[{sub.ip}] (port={port} helo={sub.helo})"
    tls = " (TLS1.3) tls TLS_AES_256_GCM_SHA384\n\t" if sub.protocol == "esmtpsa" else "\n\t"
    return f"from {peer}\n\tby {SERVER} with {sub.protocol}{tls}(Exim 4.98)\n{env}{tail};\n\t{stamp}"
