"""Contained sender objects through the scan path (Scanner.scan_spooled) against a real Redis (issue 19 item 2).

A contained script's or address's mail is held with reason `contained` (or refused) while the same account's other
mail flows; the automatic policy contains the most specific object after N holds within its window and says so in
an event; who may lift a containment follows who set it.
"""

from __future__ import annotations

import email
from pathlib import Path

import pytest
import redis

from core.errors import Forbidden, ValidationError
from core.identity.caller import account, admin, reseller
from core.identity.sender_objects import SoType, object_id, overflow_object, sender_objects
from core.models import Action, Envelope, Reason, Verdict
from core.scan.scanner import Scanner
from core.settings import load_settings
from core.store.containment import ContainmentStore
from core.store.events import EventStore
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer

NOTE = (b"From: <news@alice.example>\r\nTo: <x@customer.example>\r\nSubject: hello\r\n"
        b"X-PHP-Script: alice.example/wp-content/plugins/evil.php for 203.0.113.7\r\n\r\nSee you at lunch.\r\n")
PLAIN = b"From: <me@alice.example>\r\nTo: <x@customer.example>\r\nSubject: hi\r\n\r\nSee you at lunch.\r\n"
GTUBE = b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
SCRIPT = "alice.example/wp-content/plugins/evil.php"
SCRIPT_ENV = Envelope(sender="news@alice.example", recipients=["x@customer.example"], user="alice")
AUTH_ENV = Envelope(sender="me@alice.example", recipients=["x@customer.example"], user="me@alice.example",
                    ip="192.0.2.1")


def _scanner(tmp_path: Path, redis_client: redis.Redis, server: RedisServer, **containment: object) -> Scanner:
    root = make_cpanel_tree(tmp_path / "cpanel", {"alice": {"domain": "alice.example", "uid": 4001}})
    settings = load_settings(environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"), "MAILWARD_REDIS_URL": server.url},
                             overrides={"cpanel": {"root": str(root)}, "containment": {"cache_s": 0.0, **containment}})
    scanner = Scanner(settings, redis_client)
    scanner.spool.ensure()
    return scanner


def _scan(scanner: Scanner, raw: bytes, env: Envelope) -> Verdict:
    verdict = scanner.scan_spooled(scanner.spool.write(raw), env)
    assert verdict is not None
    return verdict


def _script_object(scanner: Scanner) -> object:
    verdict = _scan(scanner, NOTE, SCRIPT_ENV)  # seen once, so the object is registered (as `ie-cli am stats` shows)
    assert verdict.action == Action.ACCEPT and verdict.sender.account == "alice"
    (script,) = [o for o in sender_objects(verdict.sender) if o.type is SoType.SCRIPT]
    assert script.name == SCRIPT
    return script


def test_a_contained_script_is_held_while_the_account_flows(tmp_path: Path, redis_client: redis.Redis,
                                                            redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    script = _script_object(scanner)
    item, created = scanner.containment.contain(script, admin(0), note="hacked plugin")
    assert created and item.action == "hold" and item.by == "uid 0 (admin)"

    held = _scan(scanner, NOTE, SCRIPT_ENV)
    assert held.action == Action.QUARANTINE and held.reasons == [Reason.CONTAINED]
    assert [s.name for s in held.symbols] == ["CONTAINED"] and held.symbols[0].options == [script.id]
    record = scanner.quarantine.get(held.quarantine_id)
    assert record.reasons == ["contained"] and record.account == "alice"
    # the same account's authenticated mail, and its own local mail without the script, still flow
    assert _scan(scanner, PLAIN, AUTH_ENV).action == Action.ACCEPT

    # rejecting instead of holding is the containment's choice
    scanner.containment.contain(script, admin(0), action="reject")
    refused = _scan(scanner, NOTE, SCRIPT_ENV)
    assert refused.action == Action.REJECT and "suspended" in refused.message and not refused.quarantine_id

    assert scanner.containment.uncontain(script.id, admin(0)) is not None
    assert _scan(scanner, NOTE, SCRIPT_ENV).action == Action.ACCEPT


def test_a_contained_address_stays_contained_when_whitelisted(tmp_path: Path, redis_client: redis.Redis,
                                                              redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    verdict = _scan(scanner, PLAIN, AUTH_ENV)
    (address,) = [o for o in sender_objects(verdict.sender) if o.type is SoType.SENDER_EMAIL]
    scanner.whitelist.add("sender", ["me@alice.example"])
    assert _scan(scanner, PLAIN, AUTH_ENV).whitelisted
    scanner.containment.contain(address, admin(0))
    held = _scan(scanner, PLAIN, AUTH_ENV)
    assert held.action == Action.QUARANTINE and held.reasons == [Reason.CONTAINED]


def test_automatic_containment_after_n_spam_holds(tmp_path: Path, redis_client: redis.Redis,
                                                  redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server, auto=True, threshold=3, window_s=600)
    events = EventStore(redis_client)
    spam = NOTE.replace(b"See you at lunch.", GTUBE)
    for _ in range(2):
        assert _scan(scanner, spam, SCRIPT_ENV).reasons == [Reason.SPAM]
    assert scanner.containment.listing() == []
    third = _scan(scanner, spam, SCRIPT_ENV)
    assert third.reasons == [Reason.SPAM]  # the third hold crosses the threshold: later mail is contained
    (item,) = scanner.containment.listing()
    script_id = object_id(SoType.SCRIPT, "alice", SCRIPT)
    assert (item.id, item.so_type, item.auto, item.by, item.rank, item.holds) == \
        (script_id, "script", True, "auto", "reseller", 3)
    fired = [e for e in events.latest(100) if e.type == "sender.contained"]
    assert len(fired) == 1 and fired[0].data["object"] == {"type": "script", "name": SCRIPT, "id": script_id}
    # its clean mail is now held too; the account's authenticated mail is not
    assert _scan(scanner, NOTE, SCRIPT_ENV).reasons == [Reason.CONTAINED]
    assert _scan(scanner, PLAIN, AUTH_ENV).action == Action.ACCEPT
    # contained holds do not count again, and no second event fires
    assert len(scanner.containment.listing()) == 1
    assert len([e for e in events.latest(100) if e.type == "sender.contained"]) == 1


def test_automatic_containment_is_off_by_default(tmp_path: Path, redis_client: redis.Redis,
                                                 redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server, threshold=1)
    spam = NOTE.replace(b"See you at lunch.", GTUBE)
    for _ in range(3):
        assert _scan(scanner, spam, SCRIPT_ENV).reasons == [Reason.SPAM]
    assert scanner.containment.listing() == []


def test_who_may_lift_a_containment(tmp_path: Path, redis_client: redis.Redis, redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    script = _script_object(scanner)
    store: ContainmentStore = scanner.containment
    owner = reseller("res", {"alice"}, 4002)
    alice = account("alice", 4001)
    store.contain(script, owner)
    with pytest.raises(Forbidden, match="reseller or the server administrator"):
        store.uncontain(script.id, alice)
    assert store.uncontain(script.id, owner) is not None
    store.contain(script, admin(0))
    for who in (alice, owner):
        with pytest.raises(Forbidden):
            store.uncontain(script.id, who)
        with pytest.raises(Forbidden):
            store.contain(script, who, action="reject")  # nor weaken it by changing it
    assert store.get(script.id) is not None and store.get(script.id).action == "hold"
    store.uncontain(script.id, admin(0))
    store.contain(script, alice)  # an account may contain its own script, and lift what it contained
    assert store.uncontain(script.id, alice) is not None


def test_accounts_and_overflow_objects_cannot_be_contained(tmp_path: Path, redis_client: redis.Redis,
                                                           redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    verdict = _scan(scanner, PLAIN, AUTH_ENV)
    acct = sender_objects(verdict.sender)[0]
    with pytest.raises(ValidationError, match="state"):
        scanner.containment.contain(acct, admin(0))
    with pytest.raises(ValidationError, match="many objects"):
        scanner.containment.contain(overflow_object(SoType.SCRIPT, "alice"), admin(0))


def test_the_worker_reads_containments_cached(tmp_path: Path, redis_client: redis.Redis,
                                              redis_server: RedisServer) -> None:
    """With cache_s, a scan reads nothing of its own until the interval passes; then the change applies."""
    now = [100.0]
    scanner = _scanner(tmp_path, redis_client, redis_server)
    script = _script_object(scanner)
    cached = ContainmentStore(redis_client, load_settings(environ={}, overrides={"containment": {"cache_s": 5.0}})
                              .containment, monotonic=lambda: now[0])
    verdict_sender = _scan(scanner, NOTE, SCRIPT_ENV).sender
    assert cached.lookup(verdict_sender) is None
    scanner.containment.contain(script, admin(0))
    assert cached.lookup(verdict_sender) is None  # within the interval: the cached view
    now[0] += 5.0
    assert cached.lookup(verdict_sender) is not None


def test_the_admins_alert_mail_has_a_line_for_an_automatic_containment(tmp_path: Path, redis_client: redis.Redis,
                                                                       redis_server: RedisServer) -> None:
    from tests.core.test_notifications import StubReinjector, _notifier

    scanner = _scanner(tmp_path, redis_client, redis_server, auto=True, threshold=2, window_s=600)
    spam = NOTE.replace(b"See you at lunch.", GTUBE)
    for _ in range(2):
        _scan(scanner, spam, SCRIPT_ENV)
    manual = sender_objects(_scan(scanner, PLAIN, AUTH_ENV).sender)[2]
    scanner.containment.contain(manual, admin(0))
    EventStore(redis_client).emit("sender.contained", {"account": "alice", "object": {"type": "sender_email",
                                                       "name": manual.name, "id": manual.id}, "auto": False})
    stub = StubReinjector()
    notifier = _notifier(tmp_path / "n", redis_client, stub, digest="off", burst_threshold=0)
    assert notifier.run().alerts == 1
    text = email.message_from_bytes(stub.sent[0][1]).get_payload(decode=True).decode()
    assert f"Sender script {SCRIPT} of account alice was contained automatically after 2 holds (spam) within 600 s" \
           in text
    assert f"ie-cli am uncontain --id {object_id(SoType.SCRIPT, 'alice', SCRIPT)}" in text
    assert manual.name not in text  # a containment someone chose needs no alert
