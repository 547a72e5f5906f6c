"""Notification tokens (signed, expiring, single use), digest content, and the notifier with a stub re-injector."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest
import redis

from core import keys
from core.models import QuarantineRecord
from core.notify.digests import Mailer, Notifier, build_digest
from core.notify.notification_tokens import TokenRefused, TokenSigner
from core.settings import RELEASE_BY_DEFAULTS, NotificationSettings
from core.store.quarantine import QuarantineStore
from tests.api.conftest import StubReinjector
from tests.cpanel_tree import memory_accounts

KEY = b"0123456789abcdef" * 4


def _signer(client: redis.Redis, now: list[float]) -> TokenSigner:
    return TokenSigner(client, key=KEY, ttl_s=3600, clock=lambda: now[0])


def test_token_round_trip_expiry_single_use_and_tampering(redis_client: redis.Redis) -> None:
    now = [1_700_000_000.0]
    signer = _signer(redis_client, now)
    eid = str(uuid.uuid4())
    token = signer.issue(eid, "release", "alice")
    tok = signer.verify(token)
    assert (tok.email_id, tok.action, tok.account, tok.exp) == (eid, "release", "alice", 1_700_003_600)
    # Another process with the same key file accepts it.
    assert TokenSigner(redis_client, key=KEY, ttl_s=10, clock=lambda: now[0]).verify(token) == tok
    body, sig = token.split(".")
    forged = json.dumps({"i": tok.token_id, "e": eid, "a": "release", "u": "bob", "x": tok.exp}).encode()
    import base64
    forged_body = base64.urlsafe_b64encode(forged).rstrip(b"=").decode()
    for bad in (f"{forged_body}.{sig}", f"{body}.{sig[:-2]}AA", body, "x" * 700, f"{body}.{sig}.x", ""):
        with pytest.raises(TokenRefused):
            signer.verify(bad)
    assert signer.burn(tok) and not signer.burn(tok)
    with pytest.raises(TokenRefused, match="already used"):
        signer.verify(token)
    signer.unburn(tok)
    assert signer.verify(token) == tok
    now[0] += 3600
    with pytest.raises(TokenRefused, match="expired"):
        signer.verify(token)
    # Another key (another server) does not accept this server's tokens.
    with pytest.raises(TokenRefused):
        TokenSigner(redis_client, key=b"f" * 64, ttl_s=10, clock=lambda: 0).verify(token)
    with pytest.raises(ValueError):
        signer.issue("not-a-uuid", "release", "alice")
    with pytest.raises(ValueError):
        signer.issue(eid, "forward", "alice")


def _store(tmp_path: Path, client: redis.Redis) -> QuarantineStore:
    return QuarantineStore(tmp_path / "q", client, default_limit_bytes=10**9, default_releases_limit=5)


def _hold(store: QuarantineStore, tmp_path: Path, account: str, received: float, subject: str = "hello") -> str:
    spool = tmp_path / f"spool-{uuid.uuid4()}"
    spool.write_bytes(b"Subject: x\r\n\r\nbody\r\n")
    rec = QuarantineRecord(email_id=str(uuid.uuid4()), account=account, received=received,
                           sender="news@alice.example", recipients=["a@x.example", "b@y.example"], subject=subject,
                           reasons=["spam"], score=9.0, symbols=[], size=0)
    store.hold(spool, rec)
    return rec.email_id


def test_digest_is_bounded_plain_text_with_links(tmp_path: Path, redis_client: redis.Redis) -> None:
    store = _store(tmp_path, redis_client)
    now = time.time()
    old = _hold(store, tmp_path, "alice", now - 7200)
    ids = [_hold(store, tmp_path, "alice", now - 100 + i, subject=f"offer {i}\r\nBcc: evil\u202e<b>x</b>")
           for i in range(7)]
    signer = TokenSigner(redis_client, key=KEY, ttl_s=86400)
    d = build_digest(store, signer, "alice", now - 3600, now, base_url="https://host.example:8025", max_lines=5)
    assert d is not None and d.total == 7 and d.listed == 5
    assert old not in d.text and "... and 2 more." in d.text
    assert "\r" not in d.text and "\u202e" not in d.text
    assert not any(ln.startswith("Bcc") for ln in d.text.splitlines())  # a subject cannot start a line of its own
    assert "offer 6" in d.text and "offer 1" not in d.text  # newest first, the oldest cut
    links = [ln.split(": ", 1)[1] for ln in d.text.splitlines() if ln.strip().startswith(("Release:", "Delete:"))]
    assert len(links) == 10 and all(link.startswith("https://host.example:8025/api/v1/actions/") for link in links)
    tok = signer.verify(links[0].rsplit("/", 1)[1])
    assert tok.email_id == ids[-1] and tok.action == "release" and tok.account == "alice"
    assert d.newest == pytest.approx(now - 94)
    no_links = build_digest(store, signer, "alice", now - 3600, now, max_lines=200)
    assert no_links is not None and "/actions/" not in no_links.text and "more." not in no_links.text
    assert build_digest(store, signer, "alice", d.newest, now) is None  # the cursor is exclusive


def _notifier(tmp_path: Path, client: redis.Redis, stub: StubReinjector, **kw: object) -> Notifier:
    n = NotificationSettings(**{"enabled": True, "sender": "mailward@host.example", "admin_email": "root@host.example",
                                "base_url": "https://host.example", "burst_threshold": 3, **kw})  # type: ignore[arg-type]
    store = _store(tmp_path, client)
    return Notifier(store, memory_accounts({"alice": "alice.example", "bob": "bob.example"}),
                    Mailer(client, stub, n), n, signer=TokenSigner(client, key=KEY, ttl_s=n.token_ttl_s))


def test_notifier_sends_digests_to_contacts_then_only_new_mail(tmp_path: Path, redis_client: redis.Redis) -> None:
    stub = StubReinjector()
    notifier = _notifier(tmp_path, redis_client, stub, burst_threshold=0)
    store = notifier.store
    now = time.time()
    _hold(store, tmp_path, "alice", now - 60)
    _hold(store, tmp_path, "bob", now - 50)
    r = notifier.run()
    assert r.digests == 2 and r.digest_messages == 2
    sent = {rec.recipients[0]: (rec, msg) for rec, msg in stub.sent}
    assert set(sent) == {"admin@alice.example", "admin@bob.example"}
    rec, msg = sent["admin@alice.example"]
    assert rec.sender == "mailward@host.example"
    assert b"Auto-Submitted: auto-generated" in msg and b"Content-Type: text/plain" in msg
    assert b"/api/v1/actions/" in msg
    # Same period: not due again; forced, only mail held since the cursor is listed.
    assert notifier.run().digests == 0
    _hold(store, tmp_path, "alice", time.time())
    r = notifier.run(force_digests=True)
    assert r.digests == 1 and stub.sent[-1][0].recipients == ["admin@alice.example"]


def test_notifier_rate_limits_itself_and_keeps_the_cursor(tmp_path: Path, redis_client: redis.Redis) -> None:
    stub = StubReinjector()
    notifier = _notifier(tmp_path, redis_client, stub, max_per_hour=1, admin_email="")
    now = time.time()
    _hold(notifier.store, tmp_path, "alice", now - 60)
    _hold(notifier.store, tmp_path, "bob", now - 50)
    r = notifier.run()
    assert r.digests == 1 and r.rate_limited == 1 and len(stub.sent) == 1
    cursors = {k.decode(): float(v) for k, v in redis_client.hgetall(keys.notify_cursors()).items()}
    assert stub.sent[0][0].recipients == ["admin@alice.example"] and cursors["alice"] == pytest.approx(now - 60)
    assert cursors["bob"] < now - 50  # the refused one is listed again next time
    stub.fail = "exim is down"
    redis_client.delete(keys.notify_sent(int(time.time() // 3600)))
    r = notifier.run(force_digests=True)
    assert r.failed == 1 and r.digests == 0


def test_admin_alerts_for_burst_eviction_and_limit_once_per_window(tmp_path: Path,
                                                                   redis_client: redis.Redis) -> None:
    stub = StubReinjector()
    notifier = _notifier(tmp_path, redis_client, stub, digest="off")
    now = time.time()
    for i in range(3):
        _hold(notifier.store, tmp_path, "alice", now - i)
    redis_client.incrby(keys.quarantine_evicted("bob", int(now // 3600)), 4)
    redis_client.hset(keys.quarantine_used(), "bob", 0)
    redis_client.xadd(keys.events(), {"t": "limit.reached", "at": str(now), "d": json.dumps(
        {"account": "bob", "object": {"type": "sender_email", "name": "x@bob.example", "id": "so1"}, "limit": 10,
         "window": "hour", "dry_run": False})})
    r = notifier.run()
    assert r.alerts == 3 and len(stub.sent) == 1
    rec, msg = stub.sent[0]
    assert rec.recipients == ["root@host.example"]
    text = msg.decode()
    assert "alice looks compromised" in text and "4 held message(s) were evicted" in text and "x@bob.example" in text
    assert notifier.run().alerts == 0 and len(stub.sent) == 1  # each condition once per window


def test_notifications_off_send_nothing(tmp_path: Path, redis_client: redis.Redis) -> None:
    stub = StubReinjector()
    notifier = _notifier(tmp_path, redis_client, stub, enabled=False)
    _hold(notifier.store, tmp_path, "alice", time.time())
    assert notifier.run().to_dict()["digests"] == 0 and stub.sent == []


def test_a_digest_offers_no_release_link_for_mail_only_the_admin_may_release(tmp_path: Path,
                                                                           redis_client: redis.Redis) -> None:
    """A ratelimit hold is the admin's to release (the default policy): the account's digest says so instead of
    carrying a link that would only answer 403; its spam hold keeps both links."""
    store = _store(tmp_path, redis_client)
    now = time.time()
    _hold(store, tmp_path, "alice", now - 20, subject="cheap pills")
    spool = tmp_path / "spool-rate"
    spool.write_bytes(b"Subject: x\r\n\r\nbody\r\n")
    store.hold(spool, QuarantineRecord(email_id=str(uuid.uuid4()), account="alice", received=now - 10,
                                       sender="news@alice.example", recipients=["a@x.example"],
                                       subject="newsletter 7", reasons=["ratelimit"], score=0.0, symbols=[], size=0))
    digest = build_digest(store, _signer(redis_client, [now]), "alice", now - 60, now,
                          base_url="https://host.example", release_policy=dict(RELEASE_BY_DEFAULTS))
    assert digest is not None
    rate, spam = digest.text.split("newsletter 7")[1].split("cheap pills")  # newest first
    assert "Release: only your hosting provider can release mail held for ratelimit" in rate
    assert "Release: https://" not in rate and "Delete: https://host.example/api/v1/actions/" in rate
    assert "Release: https://host.example/api/v1/actions/" in spam
