"""The gateway's connection threads (workers/gateway_server.HandlerPool): every admitted connection is served at
once, however many are open; a thread is used again for the next connection; idle threads go away; no connection
is lost between a thread giving up waiting and a new one arriving."""

from __future__ import annotations

import random
import threading
import time

from workers.gateway_server import HandlerPool

#: The test pools' thread name: gateways of earlier tests in this process may still have threads of their own
#: ("gateway-connection", idle for up to POOL_IDLE_S, or serving a late connection), which are not the pool under test.
NAME = "test-pool-connection"


def _pool_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == NAME]


def _wait_for(cond, what: str, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def test_every_connection_is_served_at_once_however_many_are_open() -> None:
    pool = HandlerPool(idle_s=5.0, thread_name=NAME)
    n = 40
    barrier = threading.Barrier(n + 1, timeout=20)  # passes only when all n jobs run at the same time
    for _ in range(n):
        pool.submit(barrier.wait)
    barrier.wait()
    _wait_for(lambda: pool.idle == n, "every thread to wait for work again")
    pool.close()
    _wait_for(lambda: not _pool_threads(), "the idle threads to exit after close")


def test_a_thread_serves_the_next_connection_and_idle_threads_exit() -> None:
    pool = HandlerPool(idle_s=0.3, thread_name=NAME)
    seen: list[int] = []
    done = threading.Semaphore(0)

    def job() -> None:
        seen.append(threading.get_ident())
        done.release()

    for _ in range(5):  # one after the other: the first job's thread takes each next one
        pool.submit(job)
        assert done.acquire(timeout=20)
        _wait_for(lambda: pool.idle == 1, "the thread to wait for work again")
    assert len(set(seen)) == 1
    _wait_for(lambda: pool.idle == 0 and not _pool_threads(), "the idle thread to exit")


def _submit_racing_with_timeouts(rng: random.Random, total: int = 3000) -> None:
    pool = HandlerPool(idle_s=0.001, thread_name=NAME)  # threads time out all the time, racing with new submissions
    ran = []
    lock = threading.Lock()

    def job() -> None:
        with lock:
            ran.append(1)

    for i in range(total):
        pool.submit(job)
        if i % 50 == 0:
            time.sleep(rng.random() * 0.004)
    _wait_for(lambda: len(ran) == total, f"all {total} jobs to run")
    _wait_for(lambda: not _pool_threads(), "the idle threads to exit")
    assert pool.idle == 0


def test_no_connection_is_lost_while_threads_give_up_waiting() -> None:
    # Several rounds: with the queue.SimpleQueue hand-off this pool had before, about one round in five left a
    # thread blocked for good on the empty queue (CPython 3.11), so a connection handed to it would never be served.
    rng = random.Random(16)
    for _ in range(8):
        _submit_racing_with_timeouts(rng)


def test_close_lets_the_idle_threads_go_and_a_later_connection_still_runs() -> None:
    pool = HandlerPool(idle_s=60.0, thread_name=NAME)
    barrier = threading.Barrier(4, timeout=20)
    for _ in range(3):
        pool.submit(barrier.wait)
    barrier.wait()
    _wait_for(lambda: pool.idle == 3, "three idle threads")
    pool.close()
    _wait_for(lambda: not _pool_threads(), "the idle threads to exit after close")
    done = threading.Event()
    pool.submit(done.set)
    assert done.wait(20)
