"""The scan claim (core.store.scan_claims) on real Redis and its stub twin, and the worker's side of it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis

from core import keys
from core.identity.sender_objects import SoType, object_id
from core.models import Envelope
from core.store.scan_claims import ABANDONED, COMMITTED, MemoryScanClaims, ScanClaims
from tests.core.test_scan_history import _scanner
from tests.redis_server import RedisServer

SPOOL_ID = "6f1c2a9e-0d7b-4a53-9d6e-3c1b2a4f5e60"
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"


@pytest.fixture(params=["redis", "memory"])
def claims(request: pytest.FixtureRequest, redis_client: redis.Redis) -> ScanClaims | MemoryScanClaims:
    return ScanClaims(redis_client) if request.param == "redis" else MemoryScanClaims()


def test_a_worker_that_commits_first_wins_and_the_gateway_waits_for_it(claims) -> None:
    claims.open(SPOOL_ID, 10_000)
    token = claims.start(SPOOL_ID)
    assert token is not None
    assert claims.commit(SPOOL_ID, token)
    assert claims.abandon(SPOOL_ID) == COMMITTED
    assert claims.start(SPOOL_ID) is None  # a later copy of the job finds it decided


def test_a_gateway_retrying_its_open_never_reopens_a_taken_or_committed_claim(claims) -> None:
    # The gateway's enqueue retries after a Redis error that left it unsure whether its first open and job ran
    # (a connection reset after sending): the second open must not hand a decided scan to a second job.
    claims.open(SPOOL_ID, 10_000)
    token = claims.start(SPOOL_ID)
    assert token is not None
    claims.open(SPOOL_ID, 10_000)  # the retry
    assert claims.commit(SPOOL_ID, token)  # the first worker's claim still stands
    claims.open(SPOOL_ID, 10_000)  # another retry, after the commit
    assert claims.start(SPOOL_ID) is None  # the duplicate job finds the scan decided
    assert claims.abandon(SPOOL_ID) == COMMITTED


def test_a_gateway_that_gives_up_first_makes_the_worker_change_nothing(claims) -> None:
    claims.open(SPOOL_ID, 10_000)
    token = claims.start(SPOOL_ID)
    assert token is not None
    assert claims.abandon(SPOOL_ID) == ABANDONED
    assert not claims.commit(SPOOL_ID, token)
    assert claims.start(SPOOL_ID) is None


def test_a_dead_workers_uncommitted_claim_passes_to_the_retry_and_only_one_commits(claims) -> None:
    claims.open(SPOOL_ID, 10_000)
    dead = claims.start(SPOOL_ID)
    retry = claims.start(SPOOL_ID)  # the job requeued after its worker died
    assert dead is not None and retry is not None and dead != retry
    assert claims.commit(SPOOL_ID, retry)
    assert not claims.commit(SPOOL_ID, dead)


def test_a_claim_committed_by_a_reaped_worker_passes_to_the_retry_and_a_live_ones_never(claims) -> None:
    claims.open(SPOOL_ID, 10_000)
    first = claims.start(SPOOL_ID)
    assert first is not None and claims.commit(SPOOL_ID, first, "host:101")
    assert claims.start(SPOOL_ID) is None  # committed by a worker that may still be at it (stalled, not dead)
    claims.worker_died("host:101")  # serve reaped it before it answered
    retry = claims.start(SPOOL_ID)
    assert retry is not None and claims.commit(SPOOL_ID, retry, "host:102")
    assert claims.abandon(SPOOL_ID) == COMMITTED  # the gateway waits for the retry's answer
    claims.worker_died("host:999")
    assert claims.start(SPOOL_ID) is None  # host:102 is alive


def test_no_claim_no_scan(claims) -> None:
    assert claims.start(SPOOL_ID) is None  # never opened (or lapsed): the gateway is not waiting


def test_an_open_claim_lapses_with_the_gateways_deadline(redis_client: redis.Redis) -> None:
    claims = ScanClaims(redis_client)
    claims.open(SPOOL_ID, 50)
    deadline = time.monotonic() + 5
    while redis_client.exists(keys.scan_claim(SPOOL_ID)) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert claims.start(SPOOL_ID) is None
    claims.open(SPOOL_ID, 10_000)
    token = claims.start(SPOOL_ID)
    assert token is not None and claims.commit(SPOOL_ID, token)
    assert 0 < redis_client.ttl(keys.scan_claim(SPOOL_ID)) <= 3600  # decided claims expire too


def test_a_scan_whose_claim_was_abandoned_has_no_effects(tmp_path: Path, redis_client: redis.Redis,
                                                         redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    env = Envelope(sender="a@alice.example", recipients=["x@y.example"], user="alice")
    spam = f"From: <a@alice.example>\r\nTo: <x@y.example>\r\nSubject: hi\r\n\r\n{GTUBE}\r\n".encode()
    late = scanner.spool.write(spam)
    scanner.claims.open(late, 10_000)
    scanner.claims.abandon(late)  # the gateway gave up before the worker took the job
    assert scanner.scan_spooled(late, env, claimed=True) is None
    assert scanner.quarantine.list(None)[1] == 0
    assert scanner.limits.window_count(object_id(SoType.ACCOUNT, "alice", "alice")) == 0
    on_time = scanner.spool.write(spam)
    scanner.claims.open(on_time, 10_000)
    verdict = scanner.scan_spooled(on_time, env, claimed=True)
    assert verdict is not None and verdict.quarantine_id
    assert scanner.claims.abandon(on_time) == COMMITTED  # the gateway, however late, takes this answer


def test_a_hold_the_quarantine_cannot_take_asks_exim_to_retry(tmp_path: Path, redis_client: redis.Redis,
                                                               redis_server: RedisServer,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Disk full (or Redis gone) at the hold: the answer is soft reject (451), never the fail mode's delivery."""
    scanner = _scanner(tmp_path, redis_client, redis_server)

    def full(*args: object, **kwargs: object) -> list[str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scanner.quarantine, "hold", full)
    sid = scanner.spool.write(f"From: <a@alice.example>\r\nSubject: hi\r\n\r\n{GTUBE}\r\n".encode())
    scanner.claims.open(sid, 10_000)
    verdict = scanner.scan_spooled(sid, Envelope(sender="a@alice.example", recipients=["x@y.example"],
                                                 user="alice"), claimed=True)
    assert verdict is not None
    assert verdict.action.value == "soft reject" and "try again later" in verdict.message
    assert scanner.spool.path(sid).exists()  # still Exim's message: the gateway discards its spool copy
