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


def make_broker(settings: Settings) -> RedisBroker:
    """A broker and results backend on the configured Redis; set as Dramatiq's (only) global broker."""
    # Bounded socket timeouts: a hung Redis must turn into an error (and the gateway's fail mode), not a hang.
    client = redis.Redis.from_url(redis_url(settings), socket_connect_timeout=5, socket_timeout=5,
                                  health_check_interval=30)
    broker = RedisBroker(client=client, namespace=NAMESPACE, heartbeat_timeout=HEARTBEAT_TIMEOUT_MS,
                         middleware=[AgeLimit(), TimeLimit(), ShutdownNotifications(), Callbacks(), Pipelines(),
                                     Retries(max_retries=0), CurrentMessage()])
    broker.add_middleware(Results(backend=RedisBackend(client=client, namespace=f"{NAMESPACE}-results")))
    dramatiq.set_broker(broker)
    return broker


def results_backend(broker: dramatiq.Broker) -> RedisBackend:
    """The Results middleware's backend of a broker made by make_broker."""
    for mw in broker.middleware:
        if isinstance(mw, Results):
            return mw.backend  # type: ignore[return-value]
    raise RuntimeError("broker has no Results middleware")
