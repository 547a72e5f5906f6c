"""Per-account digest choices: the store (real Redis and its twin) and the Notifier honouring them."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from core import keys
from core.errors import ValidationError
from core.models import QuarantineRecord
from core.notify.digests import Mailer, Notifier
from core.settings import NotificationSettings
from core.store.digest_prefs import DigestPrefs, DigestPrefsStore, MemoryDigestPrefs, valid_digest_address
from core.store.quarantine import QuarantineStore
from tests.api.conftest import StubReinjector
from tests.cpanel_tree import memory_accounts

Prefs = DigestPrefsStore | MemoryDigestPrefs


@pytest.fixture(params=["redis", "memory"])
def make_prefs(request: pytest.FixtureRequest, redis_client: redis.Redis) -> Callable[[], Prefs]:
    """A factory of prefs stores on one shared state, so the contract runs on the store and on its twin."""
    if request.param == "redis":
        return lambda: DigestPrefsStore(redis_client)
    shared = MemoryDigestPrefs()
    return lambda: shared


def test_prefs_default_partial_edits_and_back_to_default_leaves_no_trace(make_prefs: Callable[[], Prefs]) -> None:
    prefs = make_prefs()
    assert prefs.get("alice") == DigestPrefs("default", "") and prefs.all() == {}
    assert prefs.set("alice", digest="hourly") == DigestPrefs("hourly", "")
    owner = "Owner+mw@elsewhere.example"
    assert prefs.set("alice", address=owner) == DigestPrefs("hourly", owner)
    assert make_prefs().set("alice", digest="off") == DigestPrefs("off", owner)
    assert make_prefs().get("alice").frequency("daily") == "off"
    assert make_prefs().get("bob").frequency("daily") == "daily"
    assert prefs.all() == {"alice": DigestPrefs("off", owner)}
    assert prefs.set("alice", digest="default", address="") == DigestPrefs()
    assert prefs.all() == {}


@pytest.mark.parametrize("bad", ["", "nobody", "@example.com", "me@", "a@b@c", "-o@x.example", "a b@x.example",
                                 "a@x.example\n", "a@x.example,b@y.example", "<a@x.example>", "a;b@x.example",
                                 "a@x.example\u2028", "x" * 250 + "@x.example"])
def test_invalid_addresses_and_frequencies_are_refused_and_nothing_changes(make_prefs: Callable[[], Prefs],
                                                                          bad: str) -> None:
    prefs = make_prefs()
    prefs.set("alice", digest="weekly", address="owner@alice.example")
    if bad:
        with pytest.raises(ValidationError, match="digest address"):
            prefs.set("alice", digest="hourly", address=bad)
    with pytest.raises(ValidationError, match="digest must be"):
        prefs.set("alice", digest=bad or "monthly", address="new@alice.example")
    with pytest.raises(ValidationError):
        prefs.set("../x", digest="hourly")
    assert prefs.get("alice") == DigestPrefs("weekly", "owner@alice.example")


def test_the_redis_form_is_one_hash_of_json_and_garbage_reads_as_the_defaults(redis_client: redis.Redis) -> None:
    prefs = DigestPrefsStore(redis_client)
    prefs.set("alice", address="o@alice.example")
    assert json.loads(redis_client.hget(keys.notify_prefs(), "alice")) == {"address": "o@alice.example"}
    redis_client.hset(keys.notify_prefs(), "bob", json.dumps({"digest": "monthly"}))
    redis_client.hset(keys.notify_prefs(), "carol", "not json")
    assert prefs.get("bob") == DigestPrefs() and prefs.get("carol") == DigestPrefs()
    assert valid_digest_address("") == "" and valid_digest_address("a@b") == "a@b"


# --- the Notifier ------------------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _notifier(tmp_path: Path, client: redis.Redis, stub: StubReinjector, clock: Clock,
              **kw: object) -> Notifier:
    n = NotificationSettings(**{"enabled": True, "sender": "mailward@host.example", "admin_email": "",
                                "digest": "daily", "burst_threshold": 0, **kw})  # type: ignore[arg-type]
    store = QuarantineStore(tmp_path / "q", client, default_limit_bytes=10**9, default_releases_limit=5)
    accounts = memory_accounts({"alice": "alice.example", "bob": "bob.example", "carol": "carol.example"})
    return Notifier(store, accounts, Mailer(client, stub, n, clock=clock), n, clock=clock)


def _hold(notifier: Notifier, tmp_path: Path, account: str, received: float, subject: str) -> None:
    spool = tmp_path / f"spool-{uuid.uuid4()}"
    spool.write_bytes(b"Subject: x\r\n\r\nbody\r\n")
    notifier.store.hold(spool, QuarantineRecord(
        email_id=str(uuid.uuid4()), account=account, received=received, sender="news@example.com",
        recipients=["a@x.example"], subject=subject, reasons=["spam"], score=9.0, symbols=[], size=0))


def _sent(stub: StubReinjector, since: int = 0) -> dict[str, str]:
    """Recipient -> body of the mail sent after the first `since` ones."""
    return {rec.recipients[0]: msg.decode() for rec, msg in stub.sent[since:]}


def test_an_hourly_account_gets_a_digest_every_hour_while_the_server_says_daily(tmp_path: Path,
                                                                                redis_client: redis.Redis) -> None:
    stub, clock = StubReinjector(), Clock()
    notifier = _notifier(tmp_path, redis_client, stub, clock)
    DigestPrefsStore(redis_client).set("alice", digest="hourly")
    _hold(notifier, tmp_path, "alice", clock.now - 60, "alice first")
    _hold(notifier, tmp_path, "bob", clock.now - 60, "bob first")
    r = notifier.run()
    assert r.digests == 2 and set(_sent(stub)) == {"admin@alice.example", "admin@bob.example"}
    assert 3500 < redis_client.ttl(keys.notify_digest_due("hourly")) <= 3600
    assert 86000 < redis_client.ttl(keys.notify_digest_due("daily")) <= 86400
    assert notifier.run().digests == 0  # neither period is over

    clock.now += 3600
    _hold(notifier, tmp_path, "alice", clock.now - 30, "alice second")
    _hold(notifier, tmp_path, "bob", clock.now - 30, "bob second")
    redis_client.delete(keys.notify_digest_due("hourly"))  # the hour is over (Redis expires it in real time)
    r = notifier.run()
    assert r.digests == 1 and list(_sent(stub, 2)) == ["admin@alice.example"]
    body = _sent(stub, 2)["admin@alice.example"]
    assert "alice second" in body and "alice first" not in body

    clock.now += 86400
    redis_client.delete(keys.notify_digest_due("hourly"))
    redis_client.delete(keys.notify_digest_due("daily"))
    r = notifier.run()
    assert r.digests == 1 and list(_sent(stub, 3)) == ["admin@bob.example"]
    body = _sent(stub, 3)["admin@bob.example"]
    assert "bob second" in body and "bob first" not in body


def test_off_sends_nothing_and_mail_held_while_off_is_not_listed_later(tmp_path: Path,
                                                                       redis_client: redis.Redis) -> None:
    stub, clock = StubReinjector(), Clock()
    notifier = _notifier(tmp_path, redis_client, stub, clock)
    prefs = DigestPrefsStore(redis_client)
    prefs.set("alice", digest="off")
    _hold(notifier, tmp_path, "alice", clock.now - 60, "while off")
    _hold(notifier, tmp_path, "bob", clock.now - 60, "bob's")
    r = notifier.run()
    assert r.digests == 1 and list(_sent(stub)) == ["admin@bob.example"]
    assert redis_client.exists(keys.notify_digest_due("hourly")) == 0  # no account is hourly: no slot taken
    assert notifier.run(force_digests=True).digests == 0  # forced or not, an account that is off gets none

    clock.now += 60
    prefs.set("alice", digest="hourly")
    _hold(notifier, tmp_path, "alice", clock.now - 1, "after on")
    assert notifier.run().digests == 1
    body = _sent(stub, 1)["admin@alice.example"]
    assert "after on" in body and "while off" not in body and "1 new message(s)" in body


def test_the_server_off_is_a_default_an_owner_may_opt_in(tmp_path: Path, redis_client: redis.Redis) -> None:
    stub, clock = StubReinjector(), Clock()
    notifier = _notifier(tmp_path, redis_client, stub, clock, digest="off")
    DigestPrefsStore(redis_client).set("carol", digest="weekly")
    for account in ("alice", "carol"):
        _hold(notifier, tmp_path, account, clock.now - 60, f"for {account}")
    assert notifier.run().digests == 1 and list(_sent(stub)) == ["admin@carol.example"]
    assert 7 * 86400 - 100 < redis_client.ttl(keys.notify_digest_due("weekly")) <= 7 * 86400


def test_the_owners_address_replaces_the_cpanel_contact(tmp_path: Path, redis_client: redis.Redis) -> None:
    stub, clock = StubReinjector(), Clock()
    notifier = _notifier(tmp_path, redis_client, stub, clock)
    prefs = DigestPrefsStore(redis_client)
    prefs.set("alice", address="digests@alice.example")
    prefs.set("root", address="postmaster@host.example")  # root's digest otherwise goes to admin_email ("" here)
    for account in ("alice", "bob", "root"):
        _hold(notifier, tmp_path, account, clock.now - 60, f"for {account}")
    r = notifier.run()
    assert r.digests == 3 and r.no_contact == 0
    sent = _sent(stub)
    assert set(sent) == {"digests@alice.example", "admin@bob.example", "postmaster@host.example"}
    assert "for alice" in sent["digests@alice.example"] and "for root" in sent["postmaster@host.example"]
    prefs.set("alice", address="")
    clock.now += 10
    _hold(notifier, tmp_path, "alice", clock.now - 1, "back to cPanel's")
    assert notifier.run(force_digests=True).digests == 1 and list(_sent(stub, 3)) == ["admin@alice.example"]


def test_a_shorter_period_before_the_first_digest_skips_nothing(tmp_path: Path, redis_client: redis.Redis) -> None:
    stub, clock = StubReinjector(), Clock()
    notifier = _notifier(tmp_path, redis_client, stub, clock, digest="weekly")
    _hold(notifier, tmp_path, "bob", clock.now - 60, "bob's")
    assert notifier.run().digests == 1  # bob's digest takes this week's slot
    clock.now += 3 * 86400
    _hold(notifier, tmp_path, "alice", clock.now - 2 * 86400, "two days old")
    assert notifier.run().digests == 0  # alice waits for the next weekly slot...
    DigestPrefsStore(redis_client).set("alice", digest="hourly")  # ...until her owner asks for hourly digests
    r = notifier.run()
    assert r.digests == 1 and "two days old" in _sent(stub, 1)["admin@alice.example"]
    assert notifier.run(force_digests=True).digests == 0  # and nothing is listed twice
