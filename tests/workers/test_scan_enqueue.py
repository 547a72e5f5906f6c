"""The gateway's one-trip enqueue (workers/scan_enqueue.py) on a real Redis: a stock Dramatiq Redis consumer runs
the job it writes; the claim is opened as core.store.scan_claims opens it; a retry after a lost reply queues no
second job; a late worker still finds the claim abandoned and changes nothing."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import dramatiq
import pytest
import redis
from dramatiq.brokers.redis import RedisBroker
from redis.connection import AbstractConnection

from core import keys
from core.models import Action
from core.store.scan_claims import ABANDONED, OPEN, ScanClaims
from tests.redis_server import RedisServer
from tests.workers.test_gateway_redis_body import ENV, GTUBE, Rig, _message
from workers.actors import SCAN_QUEUE
from workers.scan_enqueue import ClaimedEnqueue


@pytest.fixture
def stock(redis_client: redis.Redis) -> Iterator[tuple[RedisBroker, dramatiq.Actor, list[tuple]]]:
    """Dramatiq's own Redis broker (not Mailward's waking one) with an actor that records its calls."""
    broker = RedisBroker(client=redis_client, namespace="mailward")
    calls: list[tuple] = []

    def probe(spool_id: str, envelope: dict, claimed: bool = False) -> None:
        calls.append((spool_id, envelope, claimed))

    actor = dramatiq.actor(probe, broker=broker, queue_name="probe")
    yield broker, actor, calls
    broker.close()


def test_a_job_queued_with_its_claim_is_run_and_acked_by_a_stock_dramatiq_consumer(
        redis_client: redis.Redis, stock: tuple[RedisBroker, dramatiq.Actor, list[tuple]]) -> None:
    broker, actor, calls = stock
    enqueue = ClaimedEnqueue(redis_client, broker, actor)
    spool_id = str(uuid.uuid4())
    message = enqueue.message(spool_id, ENV.to_dict())
    assert enqueue.send(spool_id, message, 5000)
    claim = keys.scan_claim(spool_id)
    assert redis_client.get(claim) == OPEN.encode() and 0 < redis_client.pttl(claim) <= 5000  # Redis's clock
    worker = dramatiq.Worker(broker, worker_timeout=50, worker_threads=1)
    worker.start()
    try:
        broker.join("probe", timeout=30_000)  # fetched, run and acknowledged
        worker.join()
    finally:
        worker.stop()
    assert calls == [(spool_id, ENV.to_dict(), True)]
    assert redis_client.hlen("mailward:probe.msgs") == 0 and redis_client.llen("mailward:probe") == 0


def test_the_job_is_the_message_dramatiq_would_have_sent(
        redis_client: redis.Redis, stock: tuple[RedisBroker, dramatiq.Actor, list[tuple]]) -> None:
    broker, actor, _ = stock
    ours = ClaimedEnqueue(redis_client, broker, actor).message("id-1", ENV.to_dict())
    theirs = actor.message_with_options(args=("id-1", ENV.to_dict()), kwargs={"claimed": True})
    theirs = theirs.copy(options={"redis_message_id": "x"})  # as RedisBroker.enqueue copies it

    def shape(m: dramatiq.Message) -> dict:
        d = m.asdict()
        del d["message_id"], d["message_timestamp"]
        d["options"] = sorted(d["options"])
        return d

    assert shape(ours) == shape(theirs)
    assert ours.options["redis_message_id"] != theirs.options["redis_message_id"]
    assert dramatiq.Message.decode(ours.encode()) == ours


def test_sending_again_never_reopens_a_taken_claim_nor_queues_a_second_job(
        redis_client: redis.Redis, stock: tuple[RedisBroker, dramatiq.Actor, list[tuple]]) -> None:
    broker, actor, _ = stock
    enqueue = ClaimedEnqueue(redis_client, broker, actor)
    spool_id = str(uuid.uuid4())
    message = enqueue.message(spool_id, ENV.to_dict())
    assert enqueue.send(spool_id, message, 5000)
    token = ScanClaims(redis_client).start(spool_id)  # a worker took it
    assert token is not None
    assert not enqueue.send(spool_id, message, 5000)  # a retry of a try that ran: nothing written
    assert redis_client.get(keys.scan_claim(spool_id)) == token.encode()
    assert redis_client.llen("mailward:probe") == 1 and redis_client.hlen("mailward:probe.msgs") == 1


def test_an_open_claim_lapses_at_its_deadline_and_a_late_worker_cannot_take_it(
        redis_client: redis.Redis, stock: tuple[RedisBroker, dramatiq.Actor, list[tuple]]) -> None:
    broker, actor, _ = stock
    enqueue = ClaimedEnqueue(redis_client, broker, actor)
    spool_id = str(uuid.uuid4())
    assert enqueue.send(spool_id, enqueue.message(spool_id, {}), 50)
    deadline = time.monotonic() + 10
    while redis_client.exists(keys.scan_claim(spool_id)) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ScanClaims(redis_client).start(spool_id) is None


@pytest.fixture
def rig(tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis) -> Iterator[Rig]:
    r = Rig(tmp_path, redis_server, redis_client, workers=False, timeout=0.3, commit_grace=0.2)
    r.full = False  # the spool takes files as usual
    yield r
    r.close()


def test_a_retry_after_a_lost_reply_queues_one_job(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gateway's queueing call runs in Redis, then the connection drops before its reply is read (what a Redis
    restart can do): the retry must not queue the scan twice, and the verdict still comes."""
    lost: list[str] = []
    checking = threading.local()
    real = AbstractConnection.read_response
    queue = f"mailward:{SCAN_QUEUE}"

    def drop_the_queueing_reply(conn: AbstractConnection, *args, **kwargs):  # type: ignore[no-untyped-def]
        reply = real(conn, *args, **kwargs)
        if lost or getattr(checking, "now", False):
            return reply
        checking.now = True
        try:
            queued = rig.client.llen(queue)
        finally:
            checking.now = False
        if queued:  # the reply just read is the one of the command that queued the job
            lost.append("dropped")
            conn.disconnect()
            raise redis.ConnectionError("Connection reset by peer (injected after the command ran)")
        return reply

    monkeypatch.setattr(AbstractConnection, "read_response", drop_the_queueing_reply)
    spool_id = str(uuid.uuid4())
    _key, data = rig.gateway._enqueue(spool_id, ENV, time.monotonic() + 0.5)
    monkeypatch.undo()
    assert lost, "no reply was lost: the test did not exercise the retry"
    assert data is None  # no worker here
    queued = rig.client.hvals(f"mailward:{SCAN_QUEUE}.msgs")
    assert len(queued) == 1 and rig.client.llen(f"mailward:{SCAN_QUEUE}") == 1


def test_the_verdict_comes_back_in_the_same_exchange_or_a_later_wait(
        tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis) -> None:
    """With a worker, a clean message and GTUBE get their verdicts whether the result arrives within the first
    wait (sent with the job) or after it (the gateway's first wait cut to 10 ms)."""
    rig = Rig(tmp_path, redis_server, redis_client)
    rig.full = False
    try:
        assert rig.scan(_message("Hello Bob, the invoice is attached to our portal.")).action == Action.ACCEPT
        assert rig.scan(_message(GTUBE, "spam")).action == Action.QUARANTINE
        real = rig.gateway.enqueuer.send_and_wait

        def short_first_wait(*args, **kwargs):  # type: ignore[no-untyped-def]
            return real(*args[:5], 0.01, **kwargs)

        rig.gateway.enqueuer.send_and_wait = short_first_wait  # type: ignore[method-assign]
        assert rig.scan(_message("Hello again, Bob.")).action == Action.ACCEPT
        assert rig.scan(_message(GTUBE, "spam 2")).action == Action.QUARANTINE
        assert sorted(r.subject for r in rig.scanner.quarantine.list(None)[0]) == ["spam", "spam 2"]
        assert rig.leftovers() == ([], [])
    finally:
        rig.close()


def test_a_late_worker_finds_the_claim_abandoned_and_changes_nothing(rig: Rig,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    assert rig.scan(_message(GTUBE)).action == Action.UNSCANNED  # no worker in time: fail mode open
    claims = list(rig.client.scan_iter(match=keys.scan_claim("*")))
    assert [rig.client.get(k) for k in claims] == [ABANDONED.encode()]
    rig.worker = dramatiq.Worker(rig.broker, worker_timeout=50, worker_threads=1)
    with caplog.at_level(logging.INFO, logger="mailward.scan"):
        rig.worker.start()
        rig.broker.join(SCAN_QUEUE, timeout=30_000)
        rig.worker.join()
    assert "skipped: the gateway no longer waits for it" in caplog.text
    assert rig.scanner.quarantine.list(None)[1] == 0
    assert rig.leftovers() == ([], [])


def test_a_scan_after_redis_closed_the_gateways_connections_is_answered(tmp_path: Path, redis_server: RedisServer,
                                                                         redis_client: redis.Redis) -> None:
    """The gateway keeps a connection per thread for its enqueue-and-wait exchange (outside redis-py's pool, which
    would have checked it before use): one Redis closed meanwhile (a restart, a client timeout) is replaced at once,
    and the job is queued once."""
    rig = Rig(tmp_path, redis_server, redis_client)
    rig.full = False
    try:
        assert rig.scan(_message("Hello Bob, the invoice is attached to our portal.")).action == Action.ACCEPT
        conn = rig.gateway.enqueuer._conns.get(rig.gateway.wait_client)  # this thread's: rig.scan runs here
        conn.send_command("CLIENT", "ID")
        assert redis_client.client_kill_filter(_id=conn.read_response()) == 1
        assert rig.scan(_message(GTUBE, "spam")).action == Action.QUARANTINE
        assert rig.scan(_message("Hello again, Bob.")).action == Action.ACCEPT
        assert sorted(r.subject for r in rig.scanner.quarantine.list(None)[0]) == ["spam"]
        assert rig.leftovers() == ([], [])
    finally:
        rig.close()


def test_the_exchange_is_packed_byte_for_byte_as_redis_py_packs_it(redis_client: redis.Redis) -> None:
    """send_and_wait builds its EVAL + BLPOP bytes itself (cheaper than redis-py's generic packer): the same bytes."""
    from workers.scan_enqueue import _OPEN_AND_ENQUEUE, _eval_head, _pack_exchange

    conn = redis_client.connection_pool.make_connection()
    keys_ = ("mailward:scan-claim:ü-1", "q.msgs", "q", "q.wake")
    args = (OPEN, 5000, str(uuid.uuid4()))
    message = '{"x": "é"}'.encode()
    want = b"".join(conn.pack_commands([("EVAL", _OPEN_AND_ENQUEUE, 4, *keys_, *args, message),
                                        ("BLPOP", "dramatiq:result:k", "4.250")]))
    assert _pack_exchange(_eval_head(_OPEN_AND_ENQUEUE, 4, 4), keys_, args, message, "dramatiq:result:k",
                          4.25) == want


def test_a_job_is_encoded_byte_for_byte_as_dramatiq_encodes_it(redis_client: redis.Redis,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """encode_message skips Message.encode's generic walk for the stock JSON encoder; the bytes are the same, and
    another encoder (set with dramatiq.set_encoder) still encodes the job itself."""
    from dramatiq.encoder import PickleEncoder

    from workers.scan_enqueue import encode_message

    broker = RedisBroker(client=redis_client, namespace="mailward")
    actor = dramatiq.actor(lambda spool_id, envelope, claimed=False: None, broker=broker, actor_name="probe_enc",
                           queue_name="probe")
    message = ClaimedEnqueue(redis_client, broker, actor).message(str(uuid.uuid4()),
                                                                  {**ENV.to_dict(), "sender": "é@example.org"})
    assert encode_message(message) == message.encode()
    monkeypatch.setattr(dramatiq.message, "global_encoder", PickleEncoder())
    assert encode_message(message) == message.encode() and message.encode().startswith(b"\x80")  # a pickle
    broker.close()
