"""Dramatiq's Redis results backend, whose store of a scan's verdict rides a Redis restart (issue 15 gap 2).

A worker that finished a scan (its claim committed, its effects made) stores the verdict for the waiting gateway
in Dramatiq's after_process_message, which logs and drops any error. If the private Redis was being restarted at
that moment (serve restarts it in about 100 ms), the verdict was lost: the gateway waited out its deadline and
grace for a scan that was done, then answered with its fail mode (open: delivered unscanned). Found by
`bench.faults --experiments redis_restart` (1 unscanned in 1,000). The store is now tried again within
STORE_RIDE_S. A retry after a lost reply is harmless: the store deletes the key and pushes the same verdict, so at
worst an unread copy of it expires with the result's TTL.
"""

from __future__ import annotations

import time
from typing import Any

import redis
from dramatiq.results.backends import RedisBackend

#: How long a verdict's store rides a Redis restart (well within the gateway's commit grace).
STORE_RIDE_S = 4.0
RETRY_S = 0.05


class RidingRedisBackend(RedisBackend):
    """RedisBackend whose stores are tried again while Redis restarts (refused, reset or still loading)."""

    def _store(self, message_key: str, result: Any, ttl: int) -> None:
        until = time.monotonic() + STORE_RIDE_S
        while True:
            try:
                super()._store(message_key, result, ttl)
                return
            except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError):
                if time.monotonic() + RETRY_S >= until:
                    raise
                time.sleep(RETRY_S)
