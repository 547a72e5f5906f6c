"""Events stream, webhook configurations, URL guard and signatures (real Redis)."""

from __future__ import annotations

import pytest
import redis

from core import keys
from core.errors import NotFound, ValidationError
from core.net.webhooks import PING, check_url, event_body, sign, verify
from core.store.events import EventStore
from core.store.webhooks import WebhookStore


def test_emit_appends_and_reads_back(redis_client: redis.Redis) -> None:
    events = EventStore(redis_client)
    eid = events.emit("email.quarantined", {"email_id": "x", "recipients": 2})
    got = events.get(eid)
    assert got is not None and got.type == "email.quarantined" and got.data == {"email_id": "x", "recipients": 2}
    assert events.latest(1)[0].id == eid


def test_stream_is_capped(redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("core.store.events.MAX_EVENTS", 10)
    events = EventStore(redis_client)
    for i in range(500):
        events.emit("email.deleted", {"i": i})
    assert redis_client.xlen(keys.events()) < 200  # approximate trimming: whole macro nodes


def test_emit_never_raises_when_redis_is_gone() -> None:
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    assert EventStore(dead).emit("email.quarantined", {}) == ""
    assert EventStore(dead).emit_once("limit.reached", {}, name="x", ttl_s=5) == ""


def test_emit_many_appends_in_batches_in_order(redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("core.store.events.EMIT_BATCH", 3)
    events = EventStore(redis_client)
    assert events.emit_many("email.deleted", ({"i": i, "why": "purged"} for i in range(7))) == 7
    got = list(reversed(events.latest(10)))
    assert [(e.type, e.data) for e in got] == [("email.deleted", {"i": i, "why": "purged"}) for i in range(7)]
    assert events.emit_many("email.deleted", []) == 0 and redis_client.xlen(keys.events()) == 7


def test_emit_many_never_raises_and_counts_what_redis_refused(redis_client: redis.Redis) -> None:
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    assert EventStore(dead).emit_many("email.deleted", [{"i": 1}, {"i": 2}]) == 0
    redis_client.set(keys.events(), "not a stream")  # every XADD answers WRONGTYPE
    assert EventStore(redis_client).emit_many("email.deleted", [{"i": 1}, {"i": 2}]) == 0


def test_emit_once_per_window(redis_client: redis.Redis) -> None:
    events = EventStore(redis_client)
    assert events.emit_once("limit.reached", {"a": 1}, name="limit:so1:hour", ttl_s=60)
    assert events.emit_once("limit.reached", {"a": 1}, name="limit:so1:hour", ttl_s=60) == ""
    assert 0 < redis_client.ttl(keys.event_once("limit:so1:hour")) <= 60


def test_consumer_group_dispatches_each_event_once(redis_client: redis.Redis) -> None:
    events = EventStore(redis_client)
    events.ensure_group()
    events.ensure_group()  # idempotent
    ids = [events.emit("email.released", {"i": i}) for i in range(3)]
    first = events.read_group("host-a:1", block_ms=10)
    assert [e.id for e in first] == ids
    assert events.read_group("host-b:2", block_ms=10) == []
    # host-a died before acking: after the idle time another host takes them over
    assert [e.id for e in events.claim_stale("host-b:2", idle_ms=0)] == ids
    for e in first:
        events.ack(e.id)
    assert events.claim_stale("host-b:2", idle_ms=0) == []


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "gopher://example.com", "example.com",
                                 "http://", "http://user:pw@example.com/", "http://127.0.0.1:8080/h",
                                 "http://localhost/", "http://10.1.2.3/", "http://[::1]/", "http://169.254.169.254/",
                                 "http://[::ffff:127.0.0.1]/", "http://192.168.1.1/", "http://example.com:99999/"])
def test_url_guard_refuses(url: str) -> None:
    with pytest.raises(ValidationError):
        check_url(url, allow_private=False)


def test_url_guard_allows_public_and_private_when_configured() -> None:
    assert check_url("https://hooks.example.com/mailward?x=1", allow_private=False)
    assert check_url("http://93.184.216.34:8080/", allow_private=False)
    assert check_url("http://127.0.0.1:9/h", allow_private=True)
    with pytest.raises(ValidationError):
        check_url("ftp://127.0.0.1/", allow_private=True)


def test_signature_is_hmac_of_timestamp_and_body() -> None:
    body = event_body("1-0", "email.quarantined", 1.5, {"a": 1})
    sig = sign("s3cret", "1700000000", body)
    assert sig.startswith("sha256=") and len(sig) == 7 + 64
    assert verify("s3cret", "1700000000", body, sig)
    assert not verify("s3cret", "1700000001", body, sig)
    assert not verify("other", "1700000000", body, sig)
    assert not verify("s3cret", "1700000000", body + b" ", sig)


def test_webhook_store_crud_and_validation(redis_client: redis.Redis) -> None:
    store = WebhookStore(redis_client)
    hook = store.create("https://hooks.example.com/a", ["limit.reached", "email.quarantined"])
    assert len(hook.secret) == 64 and hook.events == ["email.quarantined", "limit.reached"]
    assert "secret" not in hook.public()
    assert store.get(hook.id).secret == hook.secret
    with pytest.raises(ValidationError):
        store.create("https://hooks.example.com/a", ["email.exploded"])
    with pytest.raises(ValidationError):
        store.create("http://127.0.0.1/")
    changed = store.update(hook.id, enabled=False, events=[])
    assert not changed.enabled and changed.events == [] and changed.secret == hook.secret
    assert not changed.wants("email.quarantined", {})
    assert changed.wants(PING, {"webhook_id": hook.id}) and not changed.wants(PING, {"webhook_id": "x"})
    store.record_delivery(hook.id, event_id="1-0", event_type="ping", ok=True, status=200, error="", final=True)
    assert store.status(hook.id)["delivered"] == 1
    store.remove(hook.id)
    with pytest.raises(NotFound):
        store.get(hook.id)
    with pytest.raises(NotFound):
        store.get("../etc")
    assert store.status(hook.id) == {"last_delivery": None, "delivered": 0, "failed": 0}
