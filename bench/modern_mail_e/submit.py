"""How a drafted message leaves the server: the way it was submitted (a mailbox over SMTP AUTH, webmail, a PHP
script, a cron job), the Received line Exim writes for it, and the ModernMessage the bench scans."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

from bench.modern_mail.model import Account, ModernMessage
from bench.modern_mail_e.mime_out import Multi, Part, address, body_bytes, header_text, pick_charset
from bench.modern_mail_e.world import HOST

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


@dataclass(slots=True)
class Draft:
    """What a sender wrote, before submission."""

    subject: str
    from_name: str
    from_addr: str
    to: list[tuple[str, str]]
    text: str | None = None
    html: str | None = None
    lang: str = "en"
    cc: list[tuple[str, str]] = field(default_factory=list)
    reply_to: tuple[str, str] | None = None
    to_header: str = ""
    files: list[Part] = field(default_factory=list)
    inline: list[Part] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    mailer: str = "thunderbird"
    cte: str = ""
    charset: str = ""
    msgid_domain: str = ""
    bcc: list[str] = field(default_factory=list)  # envelope-only recipients


@dataclass(slots=True)
class Route:
    """The submission: "mailbox" (SMTP AUTH as a mailbox), "webmail", "owner" (AUTH as the cPanel login), "php"
    (a web script) or "cron"; for scripts the envelope sender and the script path."""

    mode: str
    login: str = ""  # the mailbox that authenticated (mailbox/webmail)
    ip: str = ""
    helo: str = ""
    env_from: str = ""  # "" = the default for the mode
    script: str = ""  # php: path under the home directory; cron: the command line


def b62(n: int, width: int) -> str:
    out = ""
    for _ in range(width):
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out


def queue_id(when: datetime, rng: random.Random) -> str:
    return f"{b62(int(when.timestamp()), 6)}-{b62(rng.randrange(62 ** 5), 11)}-{b62(rng.randrange(62 ** 4), 4)}"


def when_sent(rng: random.Random, account: Account, night: bool = False) -> datetime:
    day = START + timedelta(days=rng.randrange(34))
    hour = rng.randrange(0, 6) if night else rng.choice((7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21))
    sign = 1 if account.tz[0] == "+" else -1
    tz = timezone(sign * timedelta(hours=int(account.tz[1:3]), minutes=int(account.tz[3:])))
    local = day.astimezone(tz).replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
    return local


MAILERS: dict[str, list[tuple[str, str]]] = {
    "thunderbird": [("User-Agent", "Mozilla Thunderbird")],
    "outlook": [("X-Mailer", "Microsoft Outlook 16.0"), ("Thread-Index", "AdtIx2q9YbVw3kLmQx2nR5s7T0aBcQ==")],
    "apple": [("X-Mailer", "iPhone Mail (22B91)")],
    "roundcube": [("User-Agent", "Roundcube Webmail/1.6.9")],
    "phpmailer": [("X-Mailer", "PHPMailer 6.9.3 (https://github.com/PHPMailer/PHPMailer)")],
    "oldphpmailer": [("X-Mailer", "PHPMailer 5.2.9 (https://github.com/PHPMailer/PHPMailer/)")],
    "php": [],
    "wordpress": [("X-Mailer", "WPMailSMTP/Mailer/mail 4.2.0")],
    "sendy": [("X-Mailer", "Sendy (https://sendy.co)")],
    "mailpoet": [("X-Mailer", "MailPoet")],
    "none": [],
    "cron": [],
}


def msgid(rng: random.Random, mailer: str, domain: str, when: datetime) -> str:
    u = uuid.UUID(int=rng.getrandbits(128))
    if mailer == "outlook":
        return f"<{f'{rng.getrandbits(48):012x}'}${rng.getrandbits(32):08x}${rng.getrandbits(32):08x}$@{domain}>"
    if mailer in ("apple",):
        return f"<{str(u).upper()}@{domain}>"
    if mailer in ("phpmailer", "oldphpmailer", "wordpress"):
        return f"<{u.hex}{rng.getrandbits(20):x}@{domain}>"
    if mailer == "roundcube":
        return f"<{u.hex[:32]}@{domain}>"
    return f"<{u}@{domain}>"


def render(draft: Draft, rng: random.Random, when: datetime) -> tuple[bytes, str]:
    """The message's own headers and body (no Received line yet), and the charset chosen."""
    texts = [t for t in (draft.text, draft.html, draft.subject, draft.from_name) if t]
    cs = draft.charset or pick_charset(rng, draft.lang, *[t for t in (draft.text, draft.html) if t])
    style = rng.randrange(5)
    cte = draft.cte or rng.choice(("quoted-printable", "base64", "8bit", "quoted-printable", "7bit"))
    leaves: list[Part | Multi] = []
    if draft.text is not None:
        leaves.append(Part("text/plain", draft.text, cs, cte))
    if draft.html is not None:  # the template's own charset declaration says what the part is sent in
        html = draft.html.replace('<meta charset="utf-8">', f'<meta charset="{cs}">')
        leaves.append(Part("text/html", html.replace("text/html; charset=utf-8", f"text/html; charset={cs}"), cs, cte))
    node: Part | Multi = leaves[0] if len(leaves) == 1 else Multi("alternative", leaves)
    if draft.inline:
        node = Multi("related", [node, *draft.inline])
    if draft.files:
        node = Multi("mixed", [node, *draft.files])
    hcs = cs if cs not in ("us-ascii",) else "utf-8"
    head = [("Date", format_datetime(when)),
            ("From", address(draft.from_name, draft.from_addr, hcs))]
    if draft.to_header:
        head.append(("To", draft.to_header))
    else:
        head.append(("To", ",\n\t".join(address(n, a, hcs) for n, a in draft.to)))
    if draft.cc:
        head.append(("Cc", ", ".join(address(n, a, hcs) for n, a in draft.cc)))
    if draft.reply_to:
        head.append(("Reply-To", address(*draft.reply_to, hcs)))
    head.append(("Subject", header_text(draft.subject, hcs)))
    dom = draft.msgid_domain or draft.from_addr.rsplit("@", 1)[-1]
    head.append(("Message-ID", msgid(rng, draft.mailer, dom, when)))
    head.extend(draft.headers)
    head.extend(MAILERS.get(draft.mailer, []))
    head.append(("MIME-Version", "1.0"))
    del texts
    top = "".join(f"{k}: {v}\n" for k, v in head).encode("ascii")
    return top + body_bytes(node, rng, style), cs


def submit(draft: Draft, route: Route, account: Account, rng: random.Random, *, name: str, label: str, family: str,
           kind: str, notes: str = "", night: bool = False) -> ModernMessage:
    """The message as Exim queues it: Received line on top, envelope fields as Exim hands them to the scanner."""
    when = when_sent(rng, account, night)
    raw, _ = render(draft, rng, when)
    recipients = [a for _, a in draft.to] + [a for _, a in draft.cc] + list(draft.bcc)
    qid = queue_id(when, rng)
    auth_user = local_user = ip = helo = ""
    if route.mode in ("mailbox", "webmail", "owner"):
        auth_user = route.login if route.mode != "owner" else account.user
        env_from = route.env_from or (route.login if route.mode != "owner" else draft.from_addr)
        if route.mode == "webmail":
            ip, helo = "127.0.0.1", f"webmail.{account.main_domain}"
            first = f"from localhost ([127.0.0.1]:{rng.randrange(33000, 61000)} helo={helo})"
            proto = "esmtpa"
        else:
            ip, helo = route.ip, route.helo
            first = f"from [{ip}] (port={rng.randrange(49152, 65535)} helo={helo})"
            proto = "esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384"
    else:
        local_user = account.user
        env_from = route.env_from or f"{account.user}@{HOST}"
        first, proto = f"from {account.user}", "local"
    for_part = f"\n\tfor {recipients[0]}" if len(recipients) == 1 else ""
    received = (f"Received: {first}\n\tby {HOST} with {proto}\n\t(Exim 4.98.2)\n\t(envelope-from <{env_from}>)\n"
                f"\tid {qid}{for_part};\n\t{format_datetime(when)}\n")
    extra = b""
    if route.mode == "php":
        extra = f"X-PHP-Originating-Script: {account.uid}:{route.script.rsplit('/', 1)[-1]}\n".encode("ascii")
    elif route.mode == "cron":
        extra = b""
    raw = received.encode("ascii") + extra + raw
    return ModernMessage(name=name, label=label, family=family, kind=kind, lang=draft.lang.split("-")[0],  # type: ignore[arg-type]
                         raw=raw, mail_from=env_from, recipients=recipients, auth_user=auth_user,
                         local_user=local_user, account=account.user, account_domains=list(account.domains),
                         ip=ip, helo=helo, account_uid=account.uid, notes=notes)
