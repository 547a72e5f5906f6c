"""Dramatiq broker set-up: Redis broker + Redis results, shared by every Mailward process and host."""

from __future__ import annotations

import time

import dramatiq
import redis
from dramatiq.broker import MessageProxy
from dramatiq.brokers.redis import RedisBroker, _RedisConsumer
from dramatiq.common import compute_backoff
from dramatiq.errors import ConnectionClosed
from dramatiq.message import Message
from dramatiq.middleware import (
    AgeLimit,
    Callbacks,
    CurrentMessage,
    Pipelines,
    Retries,
    ShutdownNotifications,
    TimeLimit,
)
from dramatiq.results import Results
from dramatiq.results.backends import RedisBackend

from core.settings import Settings
from core.store_redis import redis_url
from workers.result_store import RidingRedisBackend

NAMESPACE = "mailward"
#: A worker host whose heartbeat is older than this has its unacked messages requeued.
HEARTBEAT_TIMEOUT_MS = 15_000
#: How long an idle consumer waits in Redis for a message before it fetches again anyway (its heartbeat goes with
#: each fetch, far more often than HEARTBEAT_TIMEOUT_MS; a stopping worker waits at most this for its consumers).
WAKE_WAIT_S = 1.0

# Dramatiq's own maintenance (redis/dispatch.lua) does the same for consumers silent for HEARTBEAT_TIMEOUT_MS; a
# supervisor that saw the process exit need not wait that long (a gateway waiting on the job would time out).
# The ids go to the head of their queues: their senders have been waiting since before anything queued behind.
_REQUEUE_DEAD_CONSUMER = """
local namespace = KEYS[1]
local consumer = ARGV[1]
local requeued = 0
for i = 2, #ARGV do
    local queue = namespace .. ":" .. ARGV[i]
    local acks = namespace .. ":__acks__." .. consumer .. "." .. ARGV[i]
    for _, message_id in ipairs(redis.call("smembers", acks)) do
        if redis.call("hexists", queue .. ".msgs", message_id) == 1 then
            redis.call("lpush", queue, message_id)
            requeued = requeued + 1
        end
    end
    redis.call("del", acks)
end
redis.call("zrem", namespace .. ":__heartbeats__", consumer)
return requeued
"""


class _WakingConsumer(_RedisConsumer):
    """Dramatiq's Redis consumer, woken by Redis when its queue gets a message instead of polling it.

    Dramatiq's own consumer runs its fetch script (a Lua call with the heartbeat) again and again with a growing
    pause while the queue is empty: several calls per message under a steady load, and about ten a second per
    queue and process when idle. This one, after a fetch that found nothing, blocks on the queue's list with
    BLMOVE from its tail back to its tail (the list is left exactly as it was; fetch pops from the head) until a
    message is there or WAKE_WAIT_S passed, then fetches. Redis before 6.2 has no BLMOVE: then it polls as before.
    """

    def __next__(self) -> MessageProxy | None:  # the loop of _RedisConsumer.__next__, but the wait
        try:
            while True:
                if self.message_cache:
                    data = self.message_cache.pop(0)
                    if data is None:  # as Dramatiq's own consumer (its issue #266)
                        continue
                    self.misses = 0
                    message = Message.decode(data)
                    self.queued_message_ids.add(message.message_id)
                    return MessageProxy(message)
                if self.outstanding_message_count < self.prefetch:
                    self.message_cache = self.broker.do_fetch(
                        self.queue_name, self.prefetch - self.outstanding_message_count)
                    if self.message_cache:
                        continue
                    if self._wait_for_work():
                        return None
                # all it may take is taken (or no BLMOVE): pause with Dramatiq's back-off, up to its idle timeout
                self.misses, backoff_ms = compute_backoff(self.misses, max_backoff=self.timeout)
                time.sleep(backoff_ms / 1000)
                return None
        except redis.ConnectionError as e:
            raise ConnectionClosed(e) from None

    def _wait_for_work(self) -> bool:
        """Block until the queue has a message (or WAKE_WAIT_S passed); False where Redis cannot block so."""
        if getattr(self.broker, "blocking_wait", True) is False:
            return False
        key = f"{self.broker.namespace}:{self.queue_name}"
        try:
            self.broker.client.blmove(key, key, WAKE_WAIT_S, "RIGHT", "RIGHT")
        except redis.ResponseError:  # unknown command: Redis older than 6.2
            self.broker.blocking_wait = False
            return False
        return True


class WakingRedisBroker(RedisBroker):
    """Dramatiq's Redis broker whose consumers Redis wakes when a message comes (_WakingConsumer)."""

    blocking_wait = True

    @property
    def consumer_class(self) -> type[_RedisConsumer]:
        return _WakingConsumer


def consumer_id(host: str, pid: int) -> str:
    """The broker id a worker process consumes under: its supervisor can name it from the pid it saw exit."""
    return f"{host}:{pid}"


def make_broker(settings: Settings, *, broker_id: str | None = None) -> RedisBroker:
    """A broker and results backend on the configured Redis; set as Dramatiq's (only) global broker.

    broker_id: the consumer id its unacknowledged messages are kept under (Dramatiq's default is a random uuid).
    """
    # Bounded socket timeouts: a hung Redis must turn into an error (and the gateway's fail mode), not a hang.
    client = redis.Redis.from_url(redis_url(settings), socket_connect_timeout=5, socket_timeout=5,
                                  health_check_interval=30)
    broker = WakingRedisBroker(client=client, namespace=NAMESPACE, heartbeat_timeout=HEARTBEAT_TIMEOUT_MS,
                         middleware=[AgeLimit(), TimeLimit(), ShutdownNotifications(), Callbacks(), Pipelines(),
                                     Retries(max_retries=0), CurrentMessage()])
    if broker_id is not None:
        broker.broker_id = broker_id
    # a verdict's store rides a Redis restart (workers/result_store.py)
    broker.add_middleware(Results(backend=RidingRedisBackend(client=client, namespace=f"{NAMESPACE}-results")))
    dramatiq.set_broker(broker)
    return broker


def results_backend(broker: dramatiq.Broker) -> RedisBackend:
    """The Results middleware's backend of a broker made by make_broker."""
    for mw in broker.middleware:
        if isinstance(mw, Results):
            return mw.backend  # type: ignore[return-value]
    raise RuntimeError("broker has no Results middleware")


def requeue_dead_consumer(broker: RedisBroker, broker_id: str) -> int:
    """Put the fetched but unacknowledged messages of a consumer whose process is gone back on their queues.

    Only for a process known to have exited: a slow one would run them a second time. Atomic (one Lua script);
    returns how many messages were requeued.
    """
    queues = sorted(broker.get_declared_queues() | broker.delay_queues)
    script = broker.client.register_script(_REQUEUE_DEAD_CONSUMER)
    return int(script(keys=[broker.namespace], args=[broker_id, *queues]))
