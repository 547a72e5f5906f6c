"""Issue 15 gap 1, every path that commits a hold, through the real gateway and an in-process worker on real Redis:
a hold answered to Exim over the socket, and a hold of a scan nobody waits on (forwarded copies and frozen
submissions scan through workers/direct_scan.py), both survive the sweep of unanswered holds; a hold whose answer
was never written does not."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from core.models import Action, Envelope
from core.quarantine.unanswered_holds import sweep_unanswered, withdraw_unanswered
from core.store.pending_answers import PendingAnswers
from tests.redis_server import RedisServer
from tests.workers.test_gateway_redis_body import ENV, GTUBE, Rig, _message
from workers.direct_scan import scan_bytes


@pytest.fixture
def rig(tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis) -> Iterator[Rig]:
    r = Rig(tmp_path, redis_server, redis_client)
    r.full = False  # the spool takes files as usual
    yield r
    r.close()


def _sweep_all(rig: Rig) -> int:
    """A sweep that finds every registered hold due (a window of 0)."""
    time.sleep(0.002)
    q, spool = rig.scanner.quarantine, rig.scanner.spool
    return withdraw_unanswered(PendingAnswers(rig.client), q, spool, rig.scanner.events, 0.0)


def test_a_hold_answered_over_the_socket_survives_the_sweep(rig: Rig) -> None:
    assert rig.scan(_message(GTUBE, "spam")).action == Action.QUARANTINE
    assert PendingAnswers(rig.client).pending() == 0  # answered: nothing waits
    assert _sweep_all(rig) == 0
    assert rig.scanner.quarantine.list(None)[1] == 1


def test_a_hold_nobody_waits_on_never_registers_and_survives_the_sweep(rig: Rig) -> None:
    """The forwarded-copy router and the frozen-queue job scan through direct_scan.scan_bytes."""
    env = Envelope(sender=ENV.sender, recipients=list(ENV.recipients), user="alice", queue_id="1abcDE-000002-AB")
    assert scan_bytes(rig.gateway, _message(GTUBE, "forwarded"), env).action == Action.QUARANTINE
    assert PendingAnswers(rig.client).pending() == 0
    assert _sweep_all(rig) == 0
    assert [r.subject for r in rig.scanner.quarantine.list(None)[0]] == ["forwarded"]


def test_a_hold_whose_answer_was_never_written_is_withdrawn(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    # The gateway dies after the worker's commit and hold, before it records its answer: here it never records.
    monkeypatch.setattr(rig.gateway, "_answering", lambda spool_id, env, verdict: verdict)
    assert rig.scan(_message(GTUBE, "spam")).action == Action.QUARANTINE
    assert PendingAnswers(rig.client).pending() == 1
    assert sweep_unanswered(rig.settings, rig.client) == 0  # still within its window (deadline + grace + margin)
    assert _sweep_all(rig) == 1
    assert rig.scanner.quarantine.list(None)[1] == 0


def test_a_hold_withdrawn_before_the_late_answer_gets_the_fail_mode(rig: Rig) -> None:
    real = rig.gateway._answering

    def late(spool_id: str, env: Envelope, verdict: object) -> object:
        _sweep_all(rig)  # the gateway stalled past the window and a sweep ran meanwhile
        return real(spool_id, env, verdict)  # type: ignore[arg-type]

    rig.gateway._answering = late  # type: ignore[method-assign]
    assert rig.scan(_message(GTUBE, "spam")).action == Action.UNSCANNED  # fail open; never a withdrawn hold
    assert rig.scanner.quarantine.list(None)[1] == 0
