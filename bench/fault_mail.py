"""Tagged mail for the fault bench: what each message is (clean, GTUBE, .exe), how it is submitted (SMTP AUTH to the
lab Exim, or the real `sendmail` as a local user) and what the submitter saw."""

from __future__ import annotations

import base64
import random
import smtplib
import time
from dataclasses import dataclass
from email.message import EmailMessage

from bench.fault_rig import GTUBE
from workers.exim_lab import DEFAULT_USERS, EximLab

SENDER = "alice@example.com"
RCPT = "bob@lab.mailward.test"
LOCAL_USER = "nobody"  # a PHP script's uid: Mailward files it under the root bucket
TAG_HEADER = "X-Bench-Tag"
#: A minimal PE header (MZ, "This program cannot be run in DOS mode", PE\0\0): Mailward's winexec check holds it.
_EXE = base64.b64decode(
    "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAA4fug4AtAnNIbgBTM0h"
    "VGhpcyBwcm9ncmFtIGNhbm5vdCBiZSBydW4gaW4gRE9TIG1vZGUuDQ0KJAAAAAAAAABQRQAATAEAAAAAAAAAAAAAAAAAAOAAAgE=")
#: How long a submitter keeps trying to reach an Exim that refuses connections (restarting, or at its
#: smtp_accept_max), as an MTA client retries.
CONNECT_RETRY_S = 60.0


@dataclass(slots=True)
class Sent:
    """One tagged message and what its submitter saw."""

    tag: str
    kind: str  # clean | gtube | exe
    via: str  # smtp | local
    accepted: bool = False  # 250 to the end of DATA, or sendmail exit 0
    reply: str = ""
    data_s: float | None = None  # SMTP: end of DATA -> the server's reply


def plan(prefix: str, n: int, *, local_share: float, seed: int) -> list[Sent]:
    """n messages: 80% clean, 15% GTUBE, 5% .exe; local_share of them through sendmail, the rest SMTP AUTH."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        r = rnd.random()
        kind = "clean" if r < 0.80 else "gtube" if r < 0.95 else "exe"
        out.append(Sent(f"{prefix}-{i:05d}", kind, "local" if rnd.random() < local_share else "smtp"))
    return out


def build(sent: Sent) -> bytes:
    """The message for one plan entry, tagged in its Subject and its X-Bench-Tag header."""
    msg = EmailMessage()
    msg["From"] = f"Alice <{SENDER}>"
    msg["To"] = RCPT
    msg["Subject"] = f"fault {sent.tag}"
    msg["Message-ID"] = f"<{sent.tag}.{time.time_ns()}@example.com>"
    msg["Date"] = "Mon, 07 Dec 2026 10:00:00 +0000"
    msg[TAG_HEADER] = sent.tag
    if sent.kind == "gtube":
        msg.set_content(f"Hello Bob,\n\n{GTUBE.decode()}\n")
    else:
        msg.set_content("Hello Bob,\n\nthe minutes of today's call are on the wiki. Regards, Alice\n")
    if sent.kind == "exe":
        msg.add_attachment(_EXE, maintype="application", subtype="x-msdownload", filename="setup.exe")
    return msg.as_bytes().replace(b"\n", b"\r\n")


def submit(lab: EximLab, sent: Sent) -> Sent:
    """Submit one message as its plan says; fills in what the submitter saw."""
    data = build(sent)
    if sent.via == "local":
        proc = lab.send_sendmail_as(LOCAL_USER, data, [RCPT], timeout=120)
        sent.accepted = proc.returncode == 0
        sent.reply = f"sendmail exit {proc.returncode}: {proc.stderr.decode(errors='replace').strip()[-200:]}"
        return sent
    until = time.monotonic() + CONNECT_RETRY_S
    while True:
        try:
            _smtp(lab.port, data, sent)
            return sent
        except _NotConnected as exc:
            if time.monotonic() >= until:
                sent.reply = f"never connected: {exc}"
                return sent
            time.sleep(0.5)


class _NotConnected(Exception):
    """No SMTP transaction happened (connection refused or dropped before MAIL): the client may retry."""


def _smtp(port: int, data: bytes, sent: Sent) -> None:
    user, password = next(iter(DEFAULT_USERS.items()))
    try:
        client = smtplib.SMTP("127.0.0.1", port, local_hostname="client.lab.test", timeout=120)
    except (OSError, smtplib.SMTPException) as exc:  # refused, or 421 at the greeting (too many connections)
        raise _NotConnected(str(exc)) from None
    try:
        try:
            client.ehlo()
            client.login(user, password)
            client.mail(SENDER)
            client.rcpt(RCPT)
        except (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException) as exc:
            raise _NotConnected(str(exc)) from None
        started = time.monotonic()
        try:
            code, text = client.data(data)
        except smtplib.SMTPDataError as exc:
            code, text = exc.smtp_code, exc.smtp_error
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            sent.reply = f"connection lost during DATA: {exc}"  # no 250: the client keeps the message
            return
        sent.data_s = time.monotonic() - started
        sent.accepted = code == 250
        sent.reply = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
