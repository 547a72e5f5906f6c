"""The quarantine store against a real Redis: durable hold, listing, quota eviction, rebuild, path safety."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest
import redis

from core.errors import NotFound, ValidationError
from core.models import AccountState, QuarantineRecord
from core.store.events import EventStore
from core.store.quarantine import QuarantineStore
from core.store.spool import SpoolStore
from tests.redis_server import RedisServer


def _store(tmp_path: Path, client: redis.Redis, limit: int = 10_000,
           events: EventStore | None = None) -> tuple[QuarantineStore, SpoolStore]:
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    return QuarantineStore(tmp_path / "q", client, default_limit_bytes=limit, default_releases_limit=5,
                           events=events), spool


def _deleted(client: redis.Redis) -> list[dict]:
    """The data of every `email.deleted` event, oldest first."""
    return [e.data for e in reversed(EventStore(client).latest(1000)) if e.type == "email.deleted"]


def _hold(store: QuarantineStore, spool: SpoolStore, account: str, body: bytes, received: float) -> str:
    sid = spool.write(body)
    rec = QuarantineRecord(email_id=str(uuid.uuid4()), account=account, received=received, sender="a@x.com",
                           recipients=["b@y.com", "bcc@z.com"], subject="s", reasons=["spam"], score=9.0,
                           symbols=["GTUBE"], size=0)
    store.hold(spool.path(sid), rec)
    return rec.email_id


def test_hold_moves_file_writes_metadata_and_indexes(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client)
    eid = _hold(store, spool, "alice", b"Subject: s\n\nbody\n", 1000.0)
    assert list(spool.directory.iterdir()) == []  # moved, not copied
    rec = store.get(eid)
    assert rec.size == len(b"Subject: s\n\nbody\n")
    assert rec.recipients == ["b@y.com", "bcc@z.com"]
    assert store.read_message(rec) == b"Subject: s\n\nbody\n"
    assert (tmp_path / "q" / "alice" / f"{eid}.json").exists()
    assert store.quota("alice").used_bytes == rec.size
    items, total = store.list("alice")
    assert total == 1 and items[0].email_id == eid


def test_list_newest_first_since_and_paging(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9)
    ids = [_hold(store, spool, "bob" if i % 2 else "alice", b"x" * 10, 1000.0 + i) for i in range(6)]
    items, total = store.list(None, limit=3)
    assert total == 6 and [r.email_id for r in items] == ids[::-1][:3]
    items, total = store.list(None, limit=3, offset=3)
    assert [r.email_id for r in items] == ids[::-1][3:]
    items, total = store.list("bob", since=1002.5)
    assert total == 2 and {r.account for r in items} == {"bob"}


def test_quota_evicts_oldest_first_and_counts(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=250)
    ids = [_hold(store, spool, "carol", b"y" * 100, 1000.0 + i) for i in range(4)]
    held = [r.email_id for r in store.list("carol")[0]]
    assert held == [ids[3], ids[2]]  # 200 bytes kept, the two oldest evicted
    assert store.quota("carol").used_bytes == 200
    assert store.evicted_last_hour("carol") == 2
    for old in ids[:2]:
        assert not (tmp_path / "q" / "carol" / f"{old}.eml").exists()
        with pytest.raises(NotFound):
            store.get(old)


def test_eviction_emits_one_deleted_event_per_evicted_message(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=250, events=EventStore(redis_client))
    ids = [_hold(store, spool, "carol", b"y" * 100, 1000.0 + i) for i in range(3)]
    assert _deleted(redis_client) == [{"email_id": ids[0], "account": "carol", "why": "evicted"}]
    big = _hold(store, spool, "carol", b"y" * 240, 2000.0)  # evicts both that are left, oldest first
    assert _deleted(redis_client)[1:] == [{"email_id": i, "account": "carol", "why": "evicted"} for i in ids[1:]]
    assert [r.email_id for r in store.list("carol")[0]] == [big]


def test_a_dead_event_stream_never_fails_a_hold_or_a_purge(tmp_path: Path, redis_client: redis.Redis) -> None:
    dead = EventStore(redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2))
    store, spool = _store(tmp_path, redis_client, limit=150, events=dead)
    first = _hold(store, spool, "carol", b"y" * 100, 1.0)
    second = _hold(store, spool, "carol", b"y" * 100, 2.0)
    assert [r.email_id for r in store.list("carol")[0]] == [second]  # first evicted all the same
    assert not (tmp_path / "q" / "carol" / f"{first}.eml").exists()
    assert store.purge_account("carol") == 1 and store.list("carol") == ([], 0)


def test_single_message_larger_than_quota_is_kept(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10)
    eid = _hold(store, spool, "dave", b"z" * 100, 1.0)
    assert store.get(eid).size == 100  # "slight excess of the limit is possible", never lose the newest


def test_concurrent_holds_keep_exact_accounting(tmp_path: Path, redis_server: RedisServer) -> None:
    client = redis_server.client()
    client.flushall()
    store, _ = _store(tmp_path, client, limit=1000)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            s, sp = _store(tmp_path, redis_server.client(), limit=1000)
            for _ in range(25):
                _hold(s, sp, "erin", b"w" * 37, time.time())
        except BaseException as exc:  # surfaced by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    _, total = store.list("erin", limit=1000)
    on_disk = list((tmp_path / "q" / "erin").glob("*.eml"))
    assert store.quota("erin").used_bytes == 37 * total <= 1000
    assert len(on_disk) == total


def test_remove_and_purge(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9)
    a = _hold(store, spool, "frank", b"1234", 1.0)
    _hold(store, spool, "frank", b"5678", 2.0)
    store.remove(a)
    with pytest.raises(NotFound):
        store.remove(a)
    seen: list[tuple[int, int]] = []
    assert store.purge_account("frank", progress=lambda n, t: seen.append((n, t))) == 1
    assert seen == [(1, 1)]
    assert store.list("frank") == ([], 0)
    assert store.quota("frank").used_bytes == 0
    assert _deleted(redis_client) == []  # a store without an EventStore emits nothing


def test_purge_emits_one_deleted_event_per_message_in_batches(tmp_path: Path, redis_client: redis.Redis,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("core.store.quarantine.EMIT_BATCH", 2)
    store, spool = _store(tmp_path, redis_client, limit=10**9, events=EventStore(redis_client))
    ids = [_hold(store, spool, "frank", b"1234", float(i)) for i in range(5)]
    other = _hold(store, spool, "gina", b"1234", 9.0)
    assert store.purge_account("frank", batch=3, by="uid 0 (admin)") == 3
    assert store.purge_account("frank") == 2
    expected = {"account": "frank", "sender": "a@x.com", "recipients": 2, "reasons": ["spam"], "why": "purged"}
    assert _deleted(redis_client) == ([{"email_id": i, **expected, "by": "uid 0 (admin)"} for i in ids[:3]]
                                      + [{"email_id": i, **expected} for i in ids[3:]])
    assert store.get(other).account == "gina"


def test_rebuild_index_from_disk(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9)
    ids = {_hold(store, spool, acct, b"m" * 5, float(i)) for i, acct in enumerate(["g1", "g2", "g1"])}
    (tmp_path / "q" / "g1" / "junk.json").write_text("{not json")
    redis_client.flushall()
    progress: list[int] = []
    assert store.rebuild_index(progress=progress.append) == 3
    assert {r.email_id for r in store.list(None)[0]} == ids
    assert store.quota("g1").used_bytes == 10
    assert progress[-1] == 3


def test_account_settings_and_state(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, _ = _store(tmp_path, redis_client)
    q = store.set_account("hank", limit_bytes=4096, state=AccountState.BLOCK)
    assert (q.limit_bytes, q.releases_limit, q.state, q.customized) == (4096, 5, AccountState.BLOCK, True)
    assert store.account_state("hank") == AccountState.BLOCK  # the editing process sees it at once
    other = QuarantineStore(tmp_path / "q", redis_client, default_limit_bytes=1, default_releases_limit=5)
    assert other.account_state("hank") == AccountState.BLOCK and other.account_state("ivy") == AccountState.ACTIVE
    q = store.set_account("hank", releases_limit=50)
    assert (q.limit_bytes, q.releases_limit, q.state) == (4096, 50, AccountState.BLOCK)  # untouched fields kept
    store.set_account("hank", state=AccountState.ACTIVE)
    assert store.account_state("hank") == AccountState.ACTIVE
    assert store.quota("ivy").customized is False
    with pytest.raises(ValidationError):
        store.set_account("hank", limit_bytes=0)


@pytest.mark.parametrize("bad", ["../etc", "a/b", "", "Root", "x" * 40, "..", "a\x00"])
def test_account_names_cannot_escape(tmp_path: Path, redis_client: redis.Redis, bad: str) -> None:
    store, _ = _store(tmp_path, redis_client)
    with pytest.raises(ValidationError):
        store.message_path(bad, str(uuid.uuid4()))


@pytest.mark.parametrize("bad", ["../../x", "not-a-uuid", "", "0001"])
def test_ids_are_validated(tmp_path: Path, redis_client: redis.Redis, bad: str) -> None:
    store, _ = _store(tmp_path, redis_client)
    with pytest.raises(ValidationError):
        store.get(bad)
