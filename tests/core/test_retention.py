"""Retention against a real Redis: expire by age across accounts, in batches, counted per account per day."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis

from core import keys
from core.errors import NotFound, ValidationError
from core.store.events import EventStore
from tests.core.test_store_quarantine import _deleted, _hold, _store

DAY = 86400.0
NOW = 1_700_000_000.0


def test_expire_removes_only_older_mail_of_every_account(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9)
    old = [_hold(store, spool, acct, b"x" * 10, NOW - 40 * DAY + i) for i, acct in
           enumerate(["alice", "alice", "bob", "alice", "bob"])]
    young = [_hold(store, spool, acct, b"y" * 7, NOW - 5 * DAY) for acct in ("alice", "bob")]
    edge = _hold(store, spool, "bob", b"z", NOW - 30 * DAY)  # exactly at the cut-off: kept
    seen: list[int] = []
    removed = store.expire(NOW - 30 * DAY, batch=2, progress=seen.append, now=NOW)
    assert removed == {"alice": 3, "bob": 2}
    assert seen == [2, 4, 5]  # one report per batch
    for eid in old:
        with pytest.raises(NotFound):
            store.get(eid)
        assert not (tmp_path / "q" / "alice" / f"{eid}.eml").exists()
        assert not (tmp_path / "q" / "bob" / f"{eid}.eml").exists()
    assert {r.email_id for r in store.list(None)[0]} == {*young, edge}
    assert store.quota("alice").used_bytes == 7 and store.quota("alice").messages == 1
    assert store.quota("bob").used_bytes == 8 and store.quota("bob").messages == 2
    day = int(NOW // DAY)
    assert int(redis_client.get(keys.quarantine_expired("alice", day))) == 3
    assert 0 < redis_client.ttl(keys.quarantine_expired("alice", day)) <= 2 * DAY
    assert store.expire(NOW - 30 * DAY, batch=2, now=NOW) == {}


def test_expire_emits_one_deleted_event_per_expired_message(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9, events=EventStore(redis_client))
    old = [_hold(store, spool, acct, b"x", NOW - 40 * DAY + i) for i, acct in enumerate(["alice", "bob", "alice"])]
    young = _hold(store, spool, "alice", b"x", NOW - DAY)
    claimed = _hold(store, spool, "bob", b"x", NOW - 50 * DAY)
    assert store.claim(claimed, 60)
    redis_client.zadd(keys.quarantine_all(), {"orphan-id": NOW - 41 * DAY})  # nothing held: no event
    assert store.expire(NOW - 30 * DAY, batch=2, now=NOW) == {"alice": 2, "bob": 1}
    assert _deleted(redis_client) == [
        {"email_id": eid, "account": acct, "sender": "a@x.com", "recipients": 2, "reasons": ["spam"],
         "why": "expired"} for eid, acct in zip(old, ["alice", "bob", "alice"], strict=True)]
    assert store.get(young).email_id == young and store.get(claimed).email_id == claimed


def test_expired_last_day_counts_today_and_yesterday(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9)
    now = time.time()
    _hold(store, spool, "carol", b"x", now - 100 * DAY)
    _hold(store, spool, "carol", b"x", now - 99 * DAY)
    assert store.expire(now - 99.5 * DAY, now=now - DAY) == {"carol": 1}  # counted yesterday
    assert store.expire(now - 50 * DAY, now=now) == {"carol": 1}  # counted today
    assert store.expired_last_day("carol") == 2
    assert store.expired_last_day("dave") == 0
    redis_client.set(keys.quarantine_expired("carol", int(now // DAY) - 2), 5)  # older than yesterday: not counted
    assert store.expired_last_day("carol") == 2


def test_expire_leaves_claimed_mail_and_drops_orphan_index_entries(tmp_path: Path,
                                                                    redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9)
    claimed = _hold(store, spool, "alice", b"x", NOW - 40 * DAY)
    other = _hold(store, spool, "alice", b"x", NOW - 39 * DAY)
    redis_client.zadd(keys.quarantine_all(), {"orphan-id": NOW - 41 * DAY})  # index entry without metadata
    assert store.claim(claimed, 60)
    assert store.expire(NOW - 30 * DAY, batch=1, now=NOW) == {"alice": 1}
    assert store.get(claimed).email_id == claimed
    with pytest.raises(NotFound):
        store.get(other)
    assert redis_client.zscore(keys.quarantine_all(), "orphan-id") is None
    with pytest.raises(ValidationError):
        store.expire(NOW, batch=0)
