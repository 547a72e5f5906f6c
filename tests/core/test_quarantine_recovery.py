"""A held message is never invisible: failed holds are undone, crash leftovers are recovered (real Redis)."""

from __future__ import annotations

import errno
import json
import os
import time
import uuid
from pathlib import Path

import pytest
import redis
from dramatiq.middleware.time_limit import TimeLimitExceeded

from core import keys
from core.models import QuarantineRecord
from core.store.quarantine import QuarantineStore, sweep_on_start
from core.store.quarantine_recovery import RECOVER_MIN_AGE_S, RECOVERED
from tests.core.test_store_quarantine import _hold, _store

BODY = b"From: Shop <offers@shop.example>\r\nSubject: =?utf-8?q?Caf=C3=A9_deal?=\r\n\r\nbuy\r\n"


def _record(account: str, received: float = 1000.0) -> QuarantineRecord:
    return QuarantineRecord(email_id=str(uuid.uuid4()), account=account, received=received, sender="a@x.com",
                            recipients=["b@y.com"], subject="cheap pills", reasons=["spam", "winexec"], score=9.0,
                            symbols=["GTUBE"], size=len(BODY))


def _left_by_a_killed_hold(root: Path, record: QuarantineRecord, body: bytes = BODY, age_s: float = 0.0) -> Path:
    """The disk as a worker killed between placing the message and indexing it leaves it."""
    adir = root / record.account
    adir.mkdir(parents=True, exist_ok=True)
    (adir / f"{record.email_id}.json").write_text(json.dumps(record.to_dict()))
    eml = adir / f"{record.email_id}.eml"
    eml.write_bytes(body)
    if age_s:
        then = time.time() - age_s
        for p in (eml, adir / f"{record.email_id}.json"):
            os.utime(p, (then, then))
    return eml


def _files(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_hold_against_a_stopped_redis_is_undone_and_raises(tmp_path: Path) -> None:
    dead = redis.Redis(unix_socket_path=str(tmp_path / "no-redis.sock"), socket_connect_timeout=0.2)
    store, spool = _store(tmp_path, dead)
    with pytest.raises(redis.ConnectionError):
        _hold(store, spool, "alice", BODY, 1.0)
    assert _files(tmp_path / "q") == []  # nothing held that no index lists: the caller applies its failure path


def test_an_undone_hold_gives_the_message_back_to_the_spool(tmp_path: Path, redis_client: redis.Redis) -> None:
    """The message is moved into the quarantine, then indexing fails: undone, it is back in the spool file, where
    the gateway (taking the spool before its fail mode) and a retry of the hold find it; never lost."""
    store, spool = _store(tmp_path, redis_client)
    sid = spool.write(BODY)

    def refused(**_: object) -> None:
        raise redis.ConnectionError("Error 111 connecting to redis.sock. Connection refused.")

    store._hold = refused  # type: ignore[assignment]
    with pytest.raises(redis.ConnectionError):
        store.hold(spool.path(sid), _record("alice"))
    assert spool.path(sid).read_bytes() == BODY
    assert _files(tmp_path / "q") == []


def test_hold_interrupted_by_the_time_limit_is_undone(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client)

    def interrupted(**_: object) -> None:
        raise TimeLimitExceeded()

    store._hold = interrupted  # type: ignore[assignment]  # the actor's time limit lands during the index write
    with pytest.raises(TimeLimitExceeded):
        _hold(store, spool, "alice", BODY, 1.0)
    assert _files(tmp_path / "q") == []
    assert store.list(None) == ([], 0) and store.quota("alice").used_bytes == 0


def test_index_reply_lost_after_the_script_ran_leaves_no_index_entry(tmp_path: Path,
                                                                     redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client)
    real = store._hold

    def ran_then_lost(**kw: object) -> None:
        real(**kw)
        raise redis.ConnectionError("connection lost after the script ran")

    store._hold = ran_then_lost  # type: ignore[assignment]
    with pytest.raises(redis.ConnectionError):
        _hold(store, spool, "alice", BODY, 1.0)
    assert _files(tmp_path / "q") == []
    assert store.list(None) == ([], 0) and store.quota("alice").used_bytes == 0


def test_full_disk_on_the_sidecar_leaves_nothing_in_the_quarantine(tmp_path: Path, redis_client: redis.Redis,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store, spool = _store(tmp_path, redis_client)
    sid = spool.write(BODY)

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("core.durable_files.write_atomic", full)
    with pytest.raises(OSError):
        store.hold(spool.path(sid), _record("alice"))
    assert _files(tmp_path / "q") == []  # no message file without its metadata
    assert spool.path(sid).read_bytes() == BODY  # the spool file is still the caller's


def test_recover_indexes_a_killed_hold_with_its_own_metadata(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, _ = _store(tmp_path, redis_client)
    rec = _record("alice")
    _left_by_a_killed_hold(tmp_path / "q", rec)
    assert store.list(None) == ([], 0)
    assert store.recover() == 1
    got = store.get(rec.email_id)
    assert (got.account, got.subject, got.reasons, got.recipients) == ("alice", "cheap pills", ["spam", "winexec"],
                                                                       ["b@y.com"])
    assert store.quota("alice").used_bytes == len(BODY) and store.quota("alice").messages == 1
    assert store.recover() == 0  # indexed once, counted once
    assert store.quota("alice").used_bytes == len(BODY)


def test_recover_and_rebuild_index_a_file_without_any_metadata(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, _ = _store(tmp_path, redis_client)
    eid = str(uuid.uuid4())
    (tmp_path / "q" / "bob").mkdir(parents=True)
    (tmp_path / "q" / "bob" / f"{eid}.eml").write_bytes(BODY)
    assert store.recover() == 1
    got = store.get(eid)
    assert (got.account, got.subject, got.sender, got.reasons) == ("bob", "Café deal", "offers@shop.example",
                                                                   [RECOVERED])
    assert got.recipients == [] and got.size == len(BODY)  # headers are the sender's word: no release target
    assert json.loads((tmp_path / "q" / "bob" / f"{eid}.json").read_text())["subject"] == "Café deal"
    (tmp_path / "q" / "bob" / f"{eid}.json").write_text("{torn")  # a sidecar cut short is rebuilt as well
    redis_client.flushall()
    assert store.rebuild_index() == 1
    assert store.get(eid).subject == "Café deal" and store.quota("bob").used_bytes == len(BODY)


def test_recover_removes_write_leftovers_and_spares_young_files(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client)
    kept = _hold(store, spool, "carol", BODY, 1.0)
    adir = tmp_path / "q" / "carol"
    orphan = adir / f"{uuid.uuid4()}.json"  # a removal cut short after the message went
    orphan.write_text(json.dumps(_record("carol").to_dict()))
    tmp = adir / f".{uuid.uuid4()}.eml.abc.tmp"
    tmp.write_bytes(b"partial")
    young = _record("carol")
    _left_by_a_killed_hold(tmp_path / "q", young)
    assert store.recover(min_age_s=RECOVER_MIN_AGE_S) == 0  # may be a hold in progress: left alone
    assert orphan.exists() and tmp.exists()
    assert store.recover() == 1
    assert not orphan.exists() and not tmp.exists()
    assert {r.email_id for r in store.list("carol")[0]} == {kept, young.email_id}


def test_retention_and_deletion_take_the_sidecar_too(tmp_path: Path, redis_client: redis.Redis) -> None:
    store, spool = _store(tmp_path, redis_client, limit=10**9)
    now = time.time()
    lost = _record("dave", received=now - 40 * 86400)
    _left_by_a_killed_hold(tmp_path / "q", lost, age_s=2 * RECOVER_MIN_AGE_S)  # never indexed
    young = _hold(store, spool, "dave", BODY, now)
    gone = _hold(store, spool, "dave", BODY, now)
    assert store.expire(now - 30 * 86400) == {"dave": 1}  # retention sees the unindexed old hold
    store.remove(gone)
    assert _files(tmp_path / "q") == [f"{young}.eml", f"{young}.json"]


def test_start_up_sweep_never_stops_the_start(tmp_path: Path, redis_client: redis.Redis) -> None:
    rec = _record("erin")
    _left_by_a_killed_hold(tmp_path / "q", rec)
    dead = redis.Redis(unix_socket_path=str(tmp_path / "no-redis.sock"), socket_connect_timeout=0.2)
    assert sweep_on_start(tmp_path / "q", dead) == 0
    assert sweep_on_start(tmp_path / "q", redis_client) == 1
    store = QuarantineStore(tmp_path / "q", redis_client, default_limit_bytes=10, default_releases_limit=1)
    assert store.get(rec.email_id).subject == "cheap pills"
    assert redis_client.zscore(keys.quarantine_all(), rec.email_id) == rec.received
