"""A realistic world for the plugin pages' browser tests (issue 18) and for looking at them by hand.

Five accounts hold 68 messages (long, empty, German, Arabic, Hebrew, Japanese and emoji subjects; HTML-only
bodies; spam, ratelimit, winexec and incoming holds; a PHP script's mail), written straight into a real
`mailward serve`'s quarantine through QuarantineStore.hold, and a little mail is scanned through the gateway so the
Activity Monitor has figures. The cPanel page runs as the real system users mwt-alice and mwt-bob.

By hand (as root): `.venv/bin/python -m tests.functional.ui_world` prints the WHM and cPanel URLs and keeps
serving until Ctrl-C.
"""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.identity.sender_objects import sender_objects
from core.models import Envelope, QuarantineRecord, ScriptHeader, Sender
from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import (
    GTUBE,
    SocketApi,
    SystemUser,
    lab_dir,
    serve_for_everyone,
    serve_quarantine,
)
from tests.functional.plugin_fixtures import fake_sendmail
from workers.plugin_host import HostConfig, PluginHost
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

#: account -> main domain; mwt-alice and mwt-bob are real system users (the cPanel page runs as them).
ACCOUNTS = {"mwt-alice": "alice.example", "mwt-bob": "bob.example", "shopco": "shop.example",
            "blogger": "blog.example", "root": ""}
SUBJECTS = [
    "Quarterly invoice 2026-Q1 for your hosting plan, including the detailed breakdown of every addon domain, "
    "mailbox and backup you used over the last three months (please keep this message for your records)",
    "",
    "Ihre Bestellung Nr. 4711 wurde versandt: Lieferung voraussichtlich am Donnerstag",
    "عرض خاص لفترة محدودة: خصم 50% على جميع المنتجات",
    "מבצע מיוחד: הנחה של 50% על כל המוצרים",
    "ご注文ありがとうございます 注文番号 12345",
    "\U0001f389 You won! Claim your \U0001f4b0 prize today \U0001f381\U0001f381",
    "Re: meeting notes",
    "URGENT: verify your account now",
    "Weekly newsletter #42",
]
#: (account, count, reason, direction, script)
PLAN: list[tuple[str, int, str, str, str]] = [
    ("mwt-alice", 24, "spam", "outgoing", ""),
    ("mwt-alice", 4, "ratelimit", "outgoing", ""),
    ("mwt-alice", 2, "incoming", "incoming", ""),
    ("mwt-bob", 8, "spam", "outgoing", ""),
    ("mwt-bob", 2, "winexec", "outgoing", ""),
    ("shopco", 10, "spam", "outgoing", "shop.example/wp-content/plugins/contact/mail.php"),
    ("shopco", 5, "ratelimit", "outgoing", "shop.example/wp-content/plugins/contact/mail.php"),
    ("blogger", 8, "spam", "outgoing", ""),
    ("root", 5, "spam", "outgoing", ""),
]
HELD = sum(n for _, n, *_ in PLAN)  # 68
RELEASES_LIMIT = 2


def _message(sender: str, rcpts: list[str], subject: str, html_only: bool, winexec: bool) -> bytes:
    head = (f"From: <{sender}>\r\nTo: {', '.join(rcpts[:2])}\r\nSubject: =?utf-8?b?"
            f"{base64.b64encode(subject.encode()).decode()}?=\r\n"
            f"Message-ID: <{uuid.uuid4().hex}@mailward.test>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n"
            "MIME-Version: 1.0\r\n")
    if html_only:
        html = ("<html><body><h1>Special offer</h1><p>Dear customer,</p><ul><li>first item</li><li>second item</li>"
                "</ul><p>Visit <a href=\"https://offers.example.net/deal?id=1\">our shop</a> now.</p>"
                f"<img src=\"https://tracker.example.net/pixel.gif\"><p>{GTUBE}</p></body></html>")
        return (head + "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n").encode()
    if winexec:
        return (head + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
                "See the attached invoice.\r\n--b1\r\nContent-Type: application/octet-stream; name=invoice.exe\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAA\r\n"
                "--b1--\r\n").encode()
    return (head + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\n" + GTUBE + "\r\n").encode()


def seed_quarantine(serve: ServeProcess, plan: list[tuple[str, int, str, str, str]] = PLAN) -> dict[str, list[str]]:
    """Hold the PLAN's messages in serve's quarantine; account -> email ids, newest first."""
    store = serve_quarantine(serve)
    spool = Path(tempfile.mkdtemp(dir=serve.state_dir))
    held: dict[str, list[str]] = {}
    now = time.time()
    i = 0
    try:
        for account, count, reason, direction, script in plan:
            domain = ACCOUNTS[account] or "server.example.net"
            for _ in range(count):
                i += 1
                subject = SUBJECTS[i % len(SUBJECTS)]
                sender = "" if i % 17 == 0 else (f"news{i % 3}@{domain}" if direction == "outgoing"
                                                  else f"stranger{i}@remote.test")
                rcpts = ([f"customer{j}@dest{j}.test" for j in range(1 + (i % 5) * 3)] if direction == "outgoing"
                         else [f"owner@{domain}"])
                data = _message(sender or "mailer-daemon@remote.test", rcpts, subject, html_only=i % 4 == 1,
                                winexec=reason == "winexec")
                path = spool / f"{i}.eml"
                path.write_bytes(data)
                email_id = str(uuid.uuid4())
                rec = QuarantineRecord(
                    email_id=email_id, account=account, received=now - 60 * i, sender=sender, recipients=rcpts,
                    subject=subject, reasons=[reason] if reason != "incoming" else ["spam"],
                    score=1009.0 if reason == "spam" else (7.5 if reason == "incoming" else 0.0),
                    symbols=["GTUBE"] if reason == "spam" else [], size=len(data), direction=direction,
                    script=ScriptHeader(raw=f"{script.split('/', 1)[1] if script else ''}", domain=domain,
                                        path=script.split("/", 1)[1] if script else "")
                    if script else ScriptHeader(),
                    sender_domain=sender.rpartition("@")[2], sender_email=sender)
                store.hold(path, rec)
                held.setdefault(account, []).append(email_id)
    finally:
        shutil.rmtree(spool, ignore_errors=True)
    return {a: list(reversed(ids)) for a, ids in held.items()}


def seed_bulk(serve: ServeProcess, account: str, count: int, size: int, *, age_s: float = 40 * 86400) -> int:
    """count plain messages of `size` bytes for account, received about age_s ago (older than every other held
    message, so they never reach a listing's first page); returns the bytes they hold."""
    store = serve_quarantine(serve)
    spool = Path(tempfile.mkdtemp(dir=serve.state_dir))
    now = time.time() - age_s
    total = 0
    try:
        for i in range(count):
            head = (f"From: <bulk{i}@bulk.example>\r\nTo: <x@dest.test>\r\nSubject: bulk {i}\r\n"
                    f"Message-ID: <{uuid.uuid4().hex}@mailward.test>\r\n\r\n").encode()
            data = head + b"x" * max(0, size - len(head) - 2) + b"\r\n"
            path = spool / f"{i}.eml"
            path.write_bytes(data)
            store.hold(path, QuarantineRecord(
                email_id=str(uuid.uuid4()), account=account, received=now + i, sender=f"bulk{i}@bulk.example",
                recipients=["x@dest.test"], subject=f"bulk {i}", reasons=["spam"], score=9.0, symbols=[],
                size=len(data), direction="outgoing", sender_domain="bulk.example",
                sender_email=f"bulk{i}@bulk.example"))
            total += len(data)
    finally:
        shutil.rmtree(spool, ignore_errors=True)
    return total


#: A sender address of mwt-alice with its own limit of 2 an hour: its third message is held for the limit.
LIMITED = "limited@alice.example"
#: The PHP script shopco's held spam came from (Activity Monitor name: domain/path).
SHOP_SCRIPT = "shop.example/wp-content/plugins/contact/mail.php"


def _ham(sender: str, n: int, extra: str = "") -> bytes:
    return (f"From: <{sender}>\r\nTo: <c{n}@customer.test>\r\nSubject: order {n}\r\n{extra}"
            f"Message-ID: <{uuid.uuid4().hex}@mailward.test>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n"
            "Thank you for your order. It ships tomorrow.\r\n").encode()


def scan_some_mail(serve: ServeProcess) -> dict[str, str]:
    """Mail through the gateway for the Activity Monitor's figures: mwt-alice's ham, a sender held for its own
    limit, and spam from shopco's contact-form script. Returns {"script_held": email id}."""
    for n in range(3):
        check_legacy(serve.tcp, _ham("orders@alice.example", n),
                     Envelope(sender="orders@alice.example", recipients=[f"c{n}@customer.test"], user="mwt-alice"))
    root = SocketApi(serve.info["api_socket"])
    (limited,) = [o for o in sender_objects(Sender(account="mwt-alice", domain="alice.example", email=LIMITED))
                  if o.type.value == "sender_email"]
    check_legacy(serve.tcp, _ham(LIMITED, 10), Envelope(sender=LIMITED, recipients=["c10@customer.test"],
                                                         user="mwt-alice"))
    r = root.post("/am/limit", {"id": limited.id, "so_type": "sender_email", "limit": 2})
    assert r.status == 200, r.text
    actions = [check_legacy(serve.tcp, _ham(LIMITED, 11 + n), Envelope(sender=LIMITED, user="mwt-alice",
                                                                        recipients=[f"c{11 + n}@customer.test"])).action
               for n in range(2)]
    assert actions[-1] == "quarantine", actions
    domain, path = SHOP_SCRIPT.split("/", 1)
    spam = (f"From: <contact@{domain}>\r\nTo: <victim@dest.test>\r\nSubject: script spam\r\n"
            f"X-PHP-Script: {domain}/{path} for 203.0.113.7\r\n"
            f"Message-ID: <{uuid.uuid4().hex}@mailward.test>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n"
            f"{GTUBE}\r\n").encode()
    reply = check_legacy(serve.tcp, spam, Envelope(sender=f"contact@{domain}", recipients=["victim@dest.test"],
                                                   user="shopco"))
    assert reply.action == "quarantine" and reply.quarantine_id, reply
    return {"script_held": reply.quarantine_id}


@dataclass
class UiWorld:
    """serve, the emulated cpsrvd in front of it, and what each account holds."""

    serve: ServeProcess
    host: PluginHost
    held: dict[str, list[str]]
    outbox: Path
    extra: dict[str, Any] = field(default_factory=dict)

    def api(self) -> SocketApi:
        """The API as root."""
        return SocketApi(self.serve.info["api_socket"])


@contextlib.contextmanager
def ui_world(users: Mapping[str, SystemUser], values: Mapping[str, str] | None = None) -> Iterator[UiWorld]:
    """The whole world; users must hold mwt-alice, mwt-bob and mwt-release (tests: the system_users fixture)."""
    base = Path(lab_dir("mailward-ui-"))
    try:
        spec: dict[str, Any] = {a: {"domain": d} for a, d in ACCOUNTS.items() if d}
        for name in ("mwt-alice", "mwt-bob"):
            spec[name]["uid"] = users[name].uid
        tree = make_cpanel_tree(base / "cpanel", spec)
        sendmail, outbox = fake_sendmail(base)
        settings = {"cpanel.root": json.dumps(str(tree)), "exim.sendmail": json.dumps(str(sendmail)),
                    "exim.release_user": '"mwt-release"', **(values or {})}
        with serve_for_everyone(settings, prefix="mailward-ui-serve-") as serve:
            held = seed_quarantine(serve)
            extra = scan_some_mail(serve)
            root = SocketApi(serve.info["api_socket"])
            assert root.call("PATCH", "/accounts/mwt-alice", body={"releases_limit": RELEASES_LIMIT}).status == 200
            cfg = HostConfig(api_socket=serve.info["api_socket"], users=("mwt-alice", "mwt-bob"),
                             cpanel_root=str(tree))
            with PluginHost(cfg) as host:
                yield UiWorld(serve, host, held, outbox, extra)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> None:  # pragma: no cover - a tool for looking at the pages by hand
    import fcntl
    import signal

    from tests.functional.conftest import TEST_USERS, USERS_LOCK, USERS_MUTEX, _locked, ensure_system_user

    with contextlib.ExitStack() as stack:
        with _locked(USERS_MUTEX, fcntl.LOCK_EX):
            stack.enter_context(_locked(USERS_LOCK, fcntl.LOCK_SH))
            users = {name: ensure_system_user(name) for name in TEST_USERS}
        with ui_world(users) as world:
            print("WHM:", world.host.whm_url(), flush=True)
            print("cPanel alice:", world.host.base + "/frontend/jupiter/mailward/index.live.py?login=mwt-alice",
                  flush=True)
            print("API socket:", world.serve.info["api_socket"], flush=True)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            signal.sigwait({signal.SIGINT, signal.SIGTERM})


if __name__ == "__main__":  # pragma: no cover
    main()
