"""The supervisor's pacing: Every throttles a tick; LockedJob sends a job once per interval across hosts."""

from __future__ import annotations

import redis

from workers.service import LOCK_CHECK_S, Every, LockedJob


class _Actor:
    actor_name = "fake_job"

    def __init__(self) -> None:
        self.sent = 0

    def send(self) -> None:
        self.sent += 1


def test_every_is_due_at_once_then_once_per_interval() -> None:
    tick = Every(5.0)
    assert tick.due(100.0)
    assert not tick.due(104.9)
    assert tick.due(105.0)
    later = Every(5.0, last=100.0)  # not due before a first interval has passed
    assert not later.due(100.0) and later.due(105.0)


def test_locked_job_is_sent_by_one_host_per_interval(redis_client: redis.Redis) -> None:
    a, b = _Actor(), _Actor()
    host_a = LockedJob(a, "test:lock", 3600.0)  # type: ignore[arg-type]
    host_b = LockedJob(b, "test:lock", 3600.0)  # type: ignore[arg-type]
    host_a.send_if_due(redis_client, "a", 0.0)
    host_b.send_if_due(redis_client, "b", 0.0)
    assert (a.sent, b.sent) == (1, 0)  # b lost the race for this period's lock
    assert redis_client.get("test:lock") == b"a"
    host_a.send_if_due(redis_client, "a", LOCK_CHECK_S - 1)  # not tried again before LOCK_CHECK_S
    redis_client.delete("test:lock")  # the period is over (the lock expired)
    host_b.send_if_due(redis_client, "b", LOCK_CHECK_S)
    host_a.send_if_due(redis_client, "a", LOCK_CHECK_S)
    assert (a.sent, b.sent) == (1, 1)
    assert 0 < redis_client.pttl("test:lock") <= 3600_000


def test_locked_job_with_a_short_interval_is_tried_that_often(redis_client: redis.Redis) -> None:
    actor = _Actor()
    job = LockedJob(actor, "test:lock", 0.2)  # type: ignore[arg-type]
    job.send_if_due(redis_client, "a", 0.0)
    redis_client.delete("test:lock")
    job.send_if_due(redis_client, "a", 0.1)
    job.send_if_due(redis_client, "a", 0.2)
    assert actor.sent == 2
