"""Sender history through the scan path (Scanner.scan_spooled) against a real Redis: what a scan reads and teaches.

The store's own rules are tested in test_store_sender_history.py; this pins down the Scanner's wiring: the history
is read before the checks for mail an MTA-identified account sends, delivered mail grows it, held mail does not,
and an established sender's message carries SENDER_ESTABLISHED in its verdict.
"""

from __future__ import annotations

import time
from pathlib import Path

import redis

from core.identity.sender_objects import sender_objects
from core.models import Action, Envelope, Sender, Verdict
from core.scan.scanner import Scanner
from core.settings import load_settings
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer

NOTE = b"From: <alice@alice.example>\r\nTo: <x@customer.example>\r\nSubject: hello\r\n\r\nSee you at lunch.\r\n"
GTUBE = NOTE.replace(b"See you at lunch.", b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X")
ENV = Envelope(sender="alice@alice.example", recipients=["x@customer.example"], user="alice@alice.example",
               ip="192.0.2.1")
DAY = 86400.0


def _scanner(tmp_path: Path, redis_client: redis.Redis, server: RedisServer) -> Scanner:
    root = make_cpanel_tree(tmp_path / "cpanel", {"alice": "alice.example"})
    settings = load_settings(environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"), "MAILWARD_REDIS_URL": server.url},
                             overrides={"cpanel": {"root": str(root)}})
    scanner = Scanner(settings, redis_client)
    scanner.spool.ensure()
    return scanner


def _scan(scanner: Scanner, raw: bytes, env: Envelope = ENV) -> Verdict:
    verdict = scanner.scan_spooled(scanner.spool.write(raw), env)
    assert verdict is not None
    return verdict


def _clean(scanner: Scanner, verdict: Verdict) -> int:
    """The clean total of the message's sender address, as the Activity Monitor shows it."""
    address = next(o for o in sender_objects(verdict.sender) if o.type.value == "sender_email")
    return int((scanner.history.baseline(address) or {}).get("clean", 0))


def test_delivered_mail_grows_the_history_and_held_mail_does_not(tmp_path: Path, redis_client: redis.Redis,
                                                                 redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    first = _scan(scanner, NOTE)
    assert first.action == Action.ACCEPT and first.sender.account == "alice"
    assert _clean(scanner, first) == 1
    held = _scan(scanner, GTUBE)
    assert held.action == Action.QUARANTINE
    assert _clean(scanner, held) == 1


def test_a_new_sender_is_neither_established_nor_anomalous(tmp_path: Path, redis_client: redis.Redis,
                                                           redis_server: RedisServer) -> None:
    verdict = _scan(_scanner(tmp_path, redis_client, redis_server), NOTE)
    assert not {s.name for s in verdict.symbols if s.name.startswith("SENDER_")}


def test_an_established_sender_is_attenuated_in_its_verdict(tmp_path: Path, redis_client: redis.Redis,
                                                            redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    objects = sender_objects(Sender(account="alice", domain="alice.example", email="alice@alice.example", how="auth"))
    start = time.time() - 30 * DAY
    for i in range(80):  # three weeks of ordinary mail, a few a day, before today
        scanner.history.record(objects, ["x@customer.example"], True, now=start + i * 6 * 3600)
    verdict = _scan(scanner, NOTE)
    assert [o.id for o in sender_objects(verdict.sender)] == [o.id for o in objects]
    assert "SENDER_ESTABLISHED" in {s.name for s in verdict.symbols}, verdict.symbols
    assert verdict.action == Action.ACCEPT


def test_mail_no_account_vouches_for_teaches_no_history(tmp_path: Path, redis_client: redis.Redis,
                                                        redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    unknown = Envelope(sender="alice@alice.example", recipients=["x@customer.example"], ip="192.0.2.1")  # no AUTH
    verdict = _scan(scanner, NOTE, unknown)
    assert verdict.sender.how not in ("auth", "local", "local_received")
    assert _clean(scanner, verdict) == 0
