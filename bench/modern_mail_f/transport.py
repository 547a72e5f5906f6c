"""How a message of set F reached Exim: a mail client or webmail with SMTP AUTH, a site's PHP script, or cron.

Each gives the envelope Exim hands to the scanner and the Received: line Exim 4.98 prepends on this server.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bench.modern_mail.model import Account
from bench.modern_mail_f.server import SERVER

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# documentation networks: customers' broadband; "far" ones are where intruders log in from
_NEAR = ("198.51.100.", "203.0.113.")
_FAR = ("192.0.2.",)
_HELOS = ("[192.168.0.{n}]", "[192.168.1.{n}]", "[10.1.1.{n}]", "PC-{t}", "Mac-mini.fritz.box", "[100.64.3.{n}]",
          "android-{t}", "iPad", "WIN-{t}")


@dataclass(slots=True)
class Submission:
    """The envelope of one message and the headers the submitting program adds."""

    mail_from: str
    recipients: list[str]
    auth_user: str = ""
    local_user: str = ""
    ip: str = ""
    helo: str = ""
    protocol: str = "local"
    headers: list[tuple[str, str]] = field(default_factory=list)
    php: bool = False


def queue_id(rng: random.Random) -> str:
    """An Exim 4.98 message id."""
    return "1v" + "".join(rng.choice(_B62) for _ in range(4)) + "-" + \
        "".join(rng.choice(_B62) for _ in range(6)) + "-" + "".join(rng.choice(_B62) for _ in range(2))


def client_ip(rng: random.Random, far: bool = False) -> str:
    return f"{rng.choice(_FAR if far else _NEAR)}{rng.randint(3, 250)}"


def client_helo(rng: random.Random) -> str:
    return rng.choice(_HELOS).format(n=rng.randint(2, 240), t="".join(rng.choice(_B62[:36]) for _ in range(6)))


def mail_client(rng: random.Random, mailbox: str, recipients: list[str], *, far: bool = False,
                helo: str = "") -> Submission:
    """A desktop or phone client (or an intruder holding the password) logged in as `mailbox`."""
    return Submission(mail_from=mailbox, recipients=recipients, auth_user=mailbox, ip=client_ip(rng, far),
                      helo=helo or client_helo(rng), protocol=rng.choice(("esmtpsa", "esmtpsa", "esmtpa")))


def webmail(mailbox: str, recipients: list[str], program: str = "Roundcube") -> Submission:
    """Webmail on the server itself: SMTP AUTH over loopback."""
    extra = [("X-Sender", mailbox)] if program == "Roundcube" else []
    return Submission(mail_from=mailbox, recipients=recipients, auth_user=mailbox, ip="127.0.0.1", helo=SERVER,
                      protocol="esmtpa", headers=extra)


def php_script(rng: random.Random, account: Account, recipients: list[str], script: str, *,
               mail_from: str = "", visitor_ip: str = "", cli: bool = False) -> Submission:
    """PHP mail() as the account's user: local submission with cPanel's X-PHP-* headers."""
    headers = [("X-PHP-Originating-Script", f"{account.uid}:{script.rsplit('/', 1)[-1]}")]
    if cli:
        headers.append(("X-PHP-Script", f"/home/{account.user}/public_html{script} for "))
    else:
        host = f"{'www.' if rng.random() < 0.6 else ''}{account.main_domain}"
        headers.append(("X-PHP-Script", f"{host}{script} for {visitor_ip or client_ip(rng, rng.random() < 0.3)}"))
    return Submission(mail_from=mail_from or f"{account.user}@{SERVER}", recipients=recipients,
                      local_user=account.user, headers=headers, php=True)


def cron_job(account: Account, recipients: list[str], *, mail_from: str = "") -> Submission:
    """A cron job calling sendmail (or a Python/Perl script) as the account's user: no PHP headers."""
    return Submission(mail_from=mail_from or f"{account.user}@{SERVER}", recipients=recipients,
                      local_user=account.user)


def received(sub: Submission, when: datetime, qid: str, rng: random.Random) -> str:
    """The Received: value Exim prepends, folded the way Exim folds it."""
    stamp = when.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    tail = f"\tid {qid}" + (f"\n\tfor {sub.recipients[0]}" if len(sub.recipients) == 1 else "")
    env = f"\t(envelope-from <{sub.mail_from}>)\n"
    if not sub.ip:
        return f"from {sub.local_user} by {SERVER} with local (Exim 4.98)\n{env}{tail};\n\t{stamp}"
    port = rng.randint(33000, 64000)
    peer = f"localhost ([{sub.ip}]:{port} helo={sub.helo})" if sub.ip == "127.0.0.1" else \
        f"[{sub.ip}] (port={port} helo={sub.helo})"
    tls = " (TLS1.3) tls TLS_AES_128_GCM_SHA256\n\t" if sub.protocol == "esmtpsa" else "\n\t"
    return f"from {peer}\n\tby {SERVER} with {sub.protocol}{tls}(Exim 4.98)\n{env}{tail};\n\t{stamp}"
