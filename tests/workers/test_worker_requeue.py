"""A dead worker's taken jobs go back on their queues at once; restarts back off only in a crash loop."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import dramatiq
import pytest
import redis

from core.settings import Settings
from workers.broker import consumer_id, make_broker, requeue_dead_consumer
from workers.service import MAX_BACKOFF_S, RESTART_DELAY_S, STABLE_UPTIME_S, Child, restart_delay


def _broker_with_queue(settings: Settings, broker_id: str) -> dramatiq.Actor:
    broker = make_broker(settings, broker_id=broker_id)
    return dramatiq.actor(lambda n: n, broker=broker, actor_name="job", queue_name="scan")


def test_dead_consumer_jobs_go_back_to_the_head_of_the_queue(settings: Settings,
                                                             redis_client: redis.Redis) -> None:
    dead_id, live_id = consumer_id("mx1", 101), consumer_id("mx1", 102)
    live = _broker_with_queue(settings, live_id).broker
    job = _broker_with_queue(settings, dead_id)
    dead = job.broker
    sent = [job.send(i) for i in range(4)]
    taken = dead.do_fetch("scan", 2)  # as the dead worker's consumer did before it was killed
    assert len(taken) == 2
    other = live.do_fetch("scan", 1)  # a live worker's job must stay where it is
    assert redis_client.scard(f"mailward:__acks__.{dead_id}.scan") == 2
    acked = dramatiq.Message.decode(taken[1])
    dead.do_ack("scan", acked.options["redis_message_id"])  # finished before the kill: not run again

    assert requeue_dead_consumer(live, dead_id) == 1
    assert not redis_client.exists(f"mailward:__acks__.{dead_id}.scan")
    assert redis_client.zscore("mailward:__heartbeats__", dead_id) is None
    assert redis_client.scard(f"mailward:__acks__.{live_id}.scan") == 1
    again = [dramatiq.Message.decode(m) for m in live.do_fetch("scan", 5)]
    assert [m.message_id for m in again] == [sent[0].message_id, sent[3].message_id]  # ahead of later jobs
    assert dramatiq.Message.decode(other[0]).message_id == sent[2].message_id
    assert requeue_dead_consumer(live, dead_id) == 0  # idempotent


def test_unknown_consumer_requeues_nothing(settings: Settings, redis_client: redis.Redis) -> None:
    job = _broker_with_queue(settings, consumer_id("mx1", 7))
    job.send(1)
    assert requeue_dead_consumer(job.broker, consumer_id("mx1", 8)) == 0
    assert redis_client.llen("mailward:scan") == 1


def test_restart_delay_stays_short_unless_every_worker_keeps_dying() -> None:
    assert restart_delay(0, peer_healthy=False) == RESTART_DELAY_S
    assert restart_delay(1, peer_healthy=False) == RESTART_DELAY_S
    assert all(restart_delay(n, peer_healthy=True) == RESTART_DELAY_S for n in range(50))
    delays = [restart_delay(n, peer_healthy=False) for n in range(1, 12)]
    assert delays == sorted(delays) and delays[-1] == MAX_BACKOFF_S and delays[2] > delays[1]
    assert RESTART_DELAY_S <= 1.0


def _dead_child(argv: list[str]) -> Child:
    child = Child("worker-0", argv, dict(os.environ))
    child.start()
    assert child.proc is not None
    child.proc.wait()
    return child


def test_child_backs_off_only_in_a_crash_loop() -> None:
    child = _dead_child([sys.executable, "-c", "pass"])
    now = child.started_at
    delays = []
    for _ in range(4):  # keeps dying at once with no healthy sibling: a crash loop
        child.check(now)
        delays.append(child.next_start - now)
        now = child.next_start
        child.check(now)  # restarts it
        assert child.proc is not None
        child.proc.wait()
    assert delays[0] == RESTART_DELAY_S and delays[-1] > delays[0]
    child.check(now, peer_healthy=True)  # a sibling is serving: no back-off however often it died
    assert child.next_start - now == RESTART_DELAY_S
    child.check(child.next_start)
    assert child.proc is not None
    child.proc.wait()
    child.check(child.started_at + STABLE_UPTIME_S + 1)  # it ran a while before dying: not a crash loop
    assert child.quick_deaths == 0


def test_on_exit_reports_the_pid_as_soon_as_the_process_dies() -> None:
    seen: list[int] = []
    done = threading.Event()
    child = Child("worker-0", [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ),
                  on_exit=lambda c, pid: (seen.append(pid), done.set()))
    child.start()
    assert child.proc is not None and child.is_worker is False
    pid = child.proc.pid
    time.sleep(0.2)
    assert not done.is_set()
    killed = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    assert done.wait(5.0)
    assert seen == [pid] and time.monotonic() - killed < 2.0  # generous: no supervisor tick involved


@pytest.mark.parametrize("argv", [[sys.executable, "-m", "workers.worker_process", "--index", "0"]])
def test_worker_children_are_recognised(argv: list[str]) -> None:
    assert Child("worker-0", argv, {}).is_worker
