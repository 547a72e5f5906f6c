"""Incoming filtration's run-time state: the per-account toggle and the daily incoming spam/ham counters."""

from __future__ import annotations

import time

import redis

from core import keys
from core.identity.sender_objects import SoType, object_id
from core.store.limits import STATS_KEEP_S

#: Counter names in the Activity Monitor's stats hashes (LimitStore.series sums them per account).
INCOMING_SPAM = "incoming_spam"
INCOMING_HAM = "incoming_ham"


class IncomingStore:
    """Which accounts have incoming scanning off (cached a few seconds), and the incoming counters."""

    def __init__(self, client: redis.Redis, *, ttl: float = 5.0) -> None:
        self.client = client
        self.ttl = ttl
        self._off: tuple[float, frozenset[str]] | None = None

    def disabled(self) -> frozenset[str]:
        """Accounts whose incoming mail is not scanned."""
        now = time.monotonic()
        if self._off is None or now - self._off[0] > self.ttl:
            self._off = (now, frozenset(v.decode() for v in self.client.smembers(keys.incoming_off())))
        return self._off[1]

    def enabled(self, account: str) -> bool:
        """Whether the account's incoming mail is scanned (the default)."""
        return account not in self.disabled()

    def set_enabled(self, account: str, enabled: bool) -> None:
        """Turn incoming scanning on or off for one account."""
        if enabled:
            self.client.srem(keys.incoming_off(), account)
        else:
            self.client.sadd(keys.incoming_off(), account)
        self._off = None

    def count(self, account: str, spam: bool, *, now: float | None = None) -> None:
        """Count one scanned incoming message of the account as spam or ham (hourly and daily buckets)."""
        now = time.time() if now is None else now
        hour = int(now // 3600)
        field = f"{object_id(SoType.ACCOUNT, account, account)}:{INCOMING_SPAM if spam else INCOMING_HAM}"
        pipe = self.client.pipeline(transaction=False)
        for key in (keys.am_stats_hour(hour), keys.am_stats_day(hour // 24)):
            pipe.hincrby(key, field, 1)
            pipe.expire(key, STATS_KEEP_S)  # the same retention as the Activity Monitor's own counters
        pipe.execute()
