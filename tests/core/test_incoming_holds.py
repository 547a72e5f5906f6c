"""Incoming mail held for several accounts: one copy per recipient account, each with only its own recipients."""

from __future__ import annotations

from pathlib import Path

import redis

from core.identity.caller import account, admin
from core.models import Action, Direction, Envelope, QuarantineRecord
from core.quarantine.actions import QuarantineActions
from core.scan.scanner import Scanner
from core.settings import load_settings
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer

GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
MESSAGE = (f"From: <x@remote.test>\r\nTo: <info@alice.example>\r\nSubject: pills\r\n\r\n{GTUBE}\r\n").encode()
RCPTS = ["info@alice.example", "sales@bob.example", "boss@Alice.Example", "ops@shop.bob.example",
         "nobody@unowned.example"]


class StubReinjector:
    """Keeps what would have been re-injected."""

    def __init__(self) -> None:
        self.sent: list[tuple[QuarantineRecord, bytes]] = []

    def reinject(self, record: QuarantineRecord, message: bytes) -> None:
        self.sent.append((record, message))


def _scanner(tmp_path: Path, server: RedisServer, client: redis.Redis) -> Scanner:
    bob = {"domain": "bob.example", "addon_domains": ["shop.bob.example"]}
    root = make_cpanel_tree(tmp_path / "cpanel", {"alice": "alice.example", "bob": bob})
    settings = load_settings(environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"), "MAILWARD_REDIS_URL": server.url},
                             overrides={"cpanel": {"root": str(root)}, "incoming": {"action": "quarantine"}})
    scanner = Scanner(settings, client)
    scanner.spool.ensure()
    return scanner


def test_one_copy_per_recipient_account(tmp_path: Path, redis_client: redis.Redis, redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_server, redis_client)
    sid = scanner.spool.write(MESSAGE)
    verdict = scanner.scan_spooled(sid, Envelope(sender="x@remote.test", recipients=list(RCPTS), ip="192.0.2.9",
                                                 direction=Direction.INCOMING))
    assert verdict is not None and verdict.action == Action.QUARANTINE
    held, total = scanner.quarantine.list()
    assert total == 3
    by_account = {r.account: r for r in held}
    assert by_account["alice"].recipients == ["info@alice.example", "boss@Alice.Example"]
    assert by_account["bob"].recipients == ["sales@bob.example", "ops@shop.bob.example"]
    assert by_account["root"].recipients == ["nobody@unowned.example"]  # the admin's: no account owns it
    assert verdict.quarantine_id in {r.email_id for r in held}
    assert {r.direction for r in held} == {"incoming"} and len({r.email_id for r in held}) == 3
    for r in held:  # each copy is the whole message, on its own
        assert scanner.quarantine.read_message(r) == MESSAGE
    assert not scanner.spool.path(sid).exists()  # the last copy took the spool file

    stub = StubReinjector()
    actions = QuarantineActions(scanner.quarantine, stub)
    alice, bob = account("alice"), account("bob")
    assert [r.email_id for r in scanner.quarantine.list("alice")[0]] == [by_account["alice"].email_id]
    actions.release(alice, by_account["alice"].email_id)
    assert [rec.recipients for rec, _ in stub.sent] == [["info@alice.example", "boss@Alice.Example"]]
    actions.release(bob, by_account["bob"].email_id)
    actions.release(admin(), by_account["root"].email_id)
    assert sorted(r for rec, _ in stub.sent for r in rec.recipients) == sorted(RCPTS)  # each once


def test_outgoing_holds_stay_one_copy_for_the_sender(tmp_path: Path, redis_client: redis.Redis,
                                                     redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_server, redis_client)
    sid = scanner.spool.write(MESSAGE.replace(b"x@remote.test", b"shop@alice.example"))
    verdict = scanner.scan_spooled(sid, Envelope(sender="shop@alice.example", recipients=["a@bob.example",
                                                 "b@elsewhere.example"], user="alice"))
    assert verdict is not None and verdict.action == Action.QUARANTINE
    (rec,), total = scanner.quarantine.list()
    assert total == 1 and rec.account == "alice" and rec.recipients == ["a@bob.example", "b@elsewhere.example"]
