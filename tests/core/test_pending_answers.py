"""Issue 15 gap 1: holds wait for the gateway's answer; the sweep withdraws those Exim never heard of.

The transitions on a real Redis and on the stub twin alike, then the sweep against a real quarantine."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest
import redis

from core import keys
from core.models import QuarantineRecord
from core.quarantine.unanswered_holds import WHY, withdraw_unanswered
from core.settings import Settings
from core.store.events import EventStore
from core.store.pending_answers import MemoryPendingAnswers, PendingAnswers
from core.store.quarantine import QuarantineStore
from core.store.spool import SpoolStore

Answers = PendingAnswers | MemoryPendingAnswers


@pytest.fixture(params=["redis", "memory"])
def answers(request: pytest.FixtureRequest, redis_client: redis.Redis) -> Answers:
    return PendingAnswers(redis_client) if request.param == "redis" else MemoryPendingAnswers()


def _due(answers: Answers) -> list[tuple[str, list[tuple[str, str]]]]:
    """Everything registered so far is due (a window of 0; the stub's clock moved on)."""
    if isinstance(answers, MemoryPendingAnswers):
        answers.now += 1
    else:
        time.sleep(0.002)
    return answers.take_due(0.0)


def test_an_answered_hold_is_never_taken(answers: Answers) -> None:
    assert answers.register("s1", "alice", "e1")
    assert answers.register("s1", "alice", "e2")
    assert answers.answering("s1")
    assert _due(answers) == []
    assert answers.pending() == 0


def test_an_unanswered_hold_is_taken_once_with_its_copies(answers: Answers) -> None:
    assert answers.register("s1", "alice", "e1")
    assert answers.register("s1", "bob", "e2")
    assert answers.register("s2", "carol", "e3")
    assert answers.answering("s2")
    assert _due(answers) == [("s1", [("alice", "e1"), ("bob", "e2")])]
    assert _due(answers) == []  # a second sweeper finds nothing: one withdrawal per scan
    # A gateway resumed after the sweep may not answer the hold; a worker resumed may not hold any more.
    assert not answers.answering("s1")
    assert not answers.register("s1", "alice", "e4")


def test_a_taken_scan_is_taken_again_only_if_its_sweeper_died(answers: Answers) -> None:
    answers.register("s1", "alice", "e1")
    assert [s for s, _ in _due(answers)] == ["s1"]
    if isinstance(answers, MemoryPendingAnswers):
        answers.now += 1
    else:
        time.sleep(0.002)
    assert [s for s, _ in answers.take_due(0.0, retry_s=0.0)] == ["s1"]  # not done(): retried
    answers.done("s1")
    assert answers.take_due(0.0, retry_s=0.0) == []


def test_a_scan_nobody_waits_on_never_registers_as_pending(answers: Answers) -> None:
    """A forwarded copy or a frozen submission (workers/direct_scan.py): marked direct before its job exists."""
    answers.mark_direct("s1")
    assert answers.register("s1", "alice", "e1")
    assert answers.pending() == 0
    assert _due(answers) == []
    assert answers.answering("s1")  # the gateway's own answering step changes nothing for it


def test_the_window_is_on_redis_clock(redis_client: redis.Redis) -> None:
    answers = PendingAnswers(redis_client)
    answers.register("s1", "alice", "e1")
    assert answers.take_due(60.0) == []  # registered now, by Redis's clock: not due within a minute
    score = redis_client.zscore(keys.answers_pending(), "s1")
    sec, usec = redis_client.time()
    assert score is not None and abs(score - (sec * 1000 + usec // 1000)) < 5000


# ---- the sweep against a real quarantine ------------------------------------------------------------------------

def _hold(tmp_path: Path, client: redis.Redis, spool: SpoolStore, quarantine: QuarantineStore,
          account: str = "alice") -> tuple[str, str]:
    """A worker's hold of a spooled message, the way core.scan.scanner makes it (SpoolHold.hold registers it)."""
    spool_id = spool.write(b"Subject: spam\r\n\r\nbuy\r\n")
    record = QuarantineRecord(email_id=str(uuid.uuid4()), account=account, received=time.time(), sender="a@b.c",
                              recipients=["x@y.z"], subject="spam", reasons=["spam"], score=9.0, symbols=[],
                              size=0, direction="outgoing", queue_id="1abcDE-000001-AB")
    spool.holder(spool_id).hold(quarantine, record, last=True)
    return spool_id, record.email_id


@pytest.fixture
def stores(tmp_path: Path, redis_client: redis.Redis) -> tuple[SpoolStore, QuarantineStore, EventStore]:
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    events = EventStore(redis_client)
    quarantine = QuarantineStore(tmp_path / "q", redis_client, default_limit_bytes=10**9, default_releases_limit=0)
    return spool, quarantine, events


def test_the_sweep_withdraws_an_unanswered_hold_and_keeps_an_answered_one(
        tmp_path: Path, redis_client: redis.Redis, stores: tuple[SpoolStore, QuarantineStore, EventStore],
        caplog: pytest.LogCaptureFixture) -> None:
    spool, quarantine, events = stores
    answers = PendingAnswers(redis_client)
    _, first = _hold(tmp_path, redis_client, spool, quarantine)  # its gateway died before answering
    answered_spool, answered = _hold(tmp_path, redis_client, spool, quarantine)
    assert answers.answering(answered_spool)  # the gateway wrote "quarantine" to Exim
    _, second = _hold(tmp_path, redis_client, spool, quarantine, account="bob")  # unanswered too
    time.sleep(0.002)
    with caplog.at_level("WARNING", logger="mailward.scan"):
        assert withdraw_unanswered(answers, quarantine, spool, events, 0.0) == 2
    assert {r.email_id for r in quarantine.list(None)[0]} == {answered}
    for email_id, account in ((first, "alice"), (second, "bob")):
        assert not quarantine.message_path(account, email_id).exists()
        assert not quarantine.message_path(account, email_id).with_suffix(".json").exists()
        assert f"id={email_id} account={account}" in caplog.text
    assert caplog.text.count(WHY) == 2
    withdrawn = [json.loads(f[b"d"]) for _, f in redis_client.xrange(keys.events())
                 if f[b"t"] == b"email.deleted"]
    assert sorted(e["email_id"] for e in withdrawn) == sorted([first, second])
    assert {e["why"] for e in withdrawn} == {WHY}
    assert withdraw_unanswered(answers, quarantine, spool, events, 0.0) == 0  # once only


def test_a_direct_scan_hold_is_never_withdrawn(tmp_path: Path, redis_client: redis.Redis,
                                                stores: tuple[SpoolStore, QuarantineStore, EventStore]) -> None:
    spool, quarantine, events = stores
    answers = PendingAnswers(redis_client)
    spool_id = spool.write(b"Subject: spam\r\n\r\nbuy\r\n")
    answers.mark_direct(spool_id)
    record = QuarantineRecord(email_id=str(uuid.uuid4()), account="alice", received=time.time(), sender="a@b.c",
                              recipients=["x@y.z"], subject="spam", reasons=["spam"], score=9.0, symbols=[], size=0)
    spool.holder(spool_id).hold(quarantine, record, last=True)
    time.sleep(0.002)
    assert withdraw_unanswered(answers, quarantine, spool, events, 0.0) == 0
    assert quarantine.list(None)[1] == 1


def test_a_worker_after_the_sweep_does_not_hold(tmp_path: Path, redis_client: redis.Redis,
                                                 stores: tuple[SpoolStore, QuarantineStore, EventStore]) -> None:
    from core.errors import NotFound

    spool, quarantine, events = stores
    answers = PendingAnswers(redis_client)
    spool_id = spool.write(b"Subject: spam\r\n\r\nbuy\r\n")
    answers.register(spool_id, "alice", "0" * 8 + "-0000-4000-8000-" + "0" * 12)  # a first copy, never made
    time.sleep(0.002)
    assert withdraw_unanswered(answers, quarantine, spool, events, 0.0) == 0  # nothing was held yet
    assert not spool.path(spool_id).exists()  # the sweep took the spool file: a late hold cannot move it
    record = QuarantineRecord(email_id=str(uuid.uuid4()), account="alice", received=time.time(), sender="a@b.c",
                              recipients=["x@y.z"], subject="spam", reasons=["spam"], score=9.0, symbols=[], size=0)
    with pytest.raises(NotFound):
        spool.holder(spool_id).hold(quarantine, record, last=True)
    assert quarantine.list(None)[1] == 0


def test_a_sweep_takes_every_due_scan_batch_after_batch(
        tmp_path: Path, redis_client: redis.Redis, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """UnansweredSweep.run goes on while a batch came back full, and stops at the first that was not."""
    from core.quarantine import unanswered_holds
    sweep = unanswered_holds.UnansweredSweep(settings, redis_client)
    sweep.spool.ensure()
    sweep.window_s = 0.0
    for _ in range(5):
        _hold(tmp_path, redis_client, sweep.spool, sweep.quarantine)
    time.sleep(0.002)
    monkeypatch.setattr(unanswered_holds, "BATCH", 2)
    assert sweep.run() == 5
    assert sweep.quarantine.list(None)[0] == [] and sweep.answers.pending() == 0
