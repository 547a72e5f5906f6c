"""Dramatiq broker set-up: Redis broker + Redis results, shared by every Mailward process and host."""

from __future__ import annotations

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
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

NAMESPACE = "mailward"
#: A worker host whose heartbeat is older than this has its unacked messages requeued.
HEARTBEAT_TIMEOUT_MS = 15_000

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
    broker = RedisBroker(client=client, namespace=NAMESPACE, heartbeat_timeout=HEARTBEAT_TIMEOUT_MS,
                         middleware=[AgeLimit(), TimeLimit(), ShutdownNotifications(), Callbacks(), Pipelines(),
                                     Retries(max_retries=0), CurrentMessage()])
    if broker_id is not None:
        broker.broker_id = broker_id
    broker.add_middleware(Results(backend=RedisBackend(client=client, namespace=f"{NAMESPACE}-results")))
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
