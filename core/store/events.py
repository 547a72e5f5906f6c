"""Events: a capped Redis stream that webhooks (and anything else reading it) are fed from."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import redis
from redis.client import Pipeline

from core import keys

log = logging.getLogger("mailward.events")

#: Events kept (the stream is trimmed approximately to this length); a few days of a busy server.
MAX_EVENTS = 100_000
#: Events sent to Redis per pipeline round trip by emit_many (bounds the client's buffer on a large purge).
EMIT_BATCH = 500
#: The consumer group of the webhook dispatchers: every event is dispatched once, by one of them.
DISPATCH_GROUP = "dispatch"


@dataclass(frozen=True, slots=True)
class Event:
    """One event as read back from the stream."""

    id: str
    type: str
    time: float
    data: dict[str, Any]


class EventStore:
    """Append events and read them back; emitting never raises (an event is never worth a failed scan)."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def emit(self, kind: str, data: dict[str, Any]) -> str:
        """Append one event (one XADD); its id, or "" if Redis refused (logged)."""
        fields = {"t": kind, "at": f"{time.time():.3f}", "d": json.dumps(data, separators=(",", ":"))}
        try:
            return self.client.xadd(keys.events(), fields, maxlen=MAX_EVENTS, approximate=True).decode()  # type: ignore[arg-type]
        except (redis.RedisError, OSError) as exc:
            log.warning("event %s not recorded: %s", kind, exc)
            return ""

    def emit_many(self, kind: str, items: Iterable[dict[str, Any]]) -> int:
        """Append one event of `kind` per item, EMIT_BATCH XADDs per round trip; how many were recorded (logged)."""
        done = 0
        batch: list[dict[str, Any]] = []
        for data in items:
            batch.append(data)
            if len(batch) >= EMIT_BATCH:
                done += self._emit_batch(kind, batch)
                batch = []
        if batch:
            done += self._emit_batch(kind, batch)
        return done

    def _emit_batch(self, kind: str, batch: list[dict[str, Any]]) -> int:
        at = f"{time.time():.3f}"
        pipe = self.client.pipeline(transaction=False)
        for data in batch:
            pipe.xadd(keys.events(), {"t": kind, "at": at, "d": json.dumps(data, separators=(",", ":"))},
                      maxlen=MAX_EVENTS, approximate=True)
        try:
            replies = pipe.execute(raise_on_error=False)
        except (redis.RedisError, OSError) as exc:
            log.warning("%d %s event(s) not recorded: %s", len(batch), kind, exc)
            return 0
        failed = [r for r in replies if isinstance(r, Exception)]
        if failed:
            log.warning("%d %s event(s) not recorded: %s", len(failed), kind, failed[0])
        return len(batch) - len(failed)

    def emit_once(self, kind: str, data: dict[str, Any], *, name: str, ttl_s: int) -> str:
        """Emit unless the same `name` was emitted within ttl_s (SET NX EX: atomic, expiring)."""
        try:
            if not self.client.set(keys.event_once(name), "1", nx=True, ex=max(1, ttl_s)):
                return ""
        except (redis.RedisError, OSError) as exc:
            log.warning("event %s not recorded: %s", kind, exc)
            return ""
        return self.emit(kind, data)

    def get(self, event_id: str) -> Event | None:
        """One event by id; None once the stream's cap has trimmed it."""
        found = self.client.xrange(keys.events(), min=event_id, max=event_id, count=1)
        return decode(found[0][0], found[0][1]) if found else None

    def latest(self, count: int = 50) -> list[Event]:
        """The newest events, newest first."""
        out = [decode(sid, f) for sid, f in self.client.xrevrange(keys.events(), count=count)]
        return [e for e in out if e is not None]

    def ensure_group(self) -> None:
        """Create the dispatchers' consumer group (from the stream's start, so nothing emitted earlier is lost)."""
        try:
            self.client.xgroup_create(keys.events(), DISPATCH_GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def read_group(self, consumer: str, *, count: int = 100, block_ms: int = 1000) -> list[Event]:
        """New events for this dispatcher (each goes to one consumer of the group); ack them when dispatched."""
        reply = self.client.xreadgroup(DISPATCH_GROUP, consumer, {keys.events(): ">"}, count=count, block=block_ms)
        return _events(reply[0][1]) if reply else []

    def ack_and_read(self, consumer: str, done: Sequence[str], *, count: int = 100, block_ms: int = 1000,
                     then: Callable[[Pipeline], object] | None = None) -> tuple[list[Event], Any]:
        """Ack the events `done` (dispatched), read new ones for this dispatcher (as read_group), then run `then` (a
        command queued on the pipeline, e.g. a read of what the events are matched against): one round trip.

        The commands run in order on one connection, so `then` reads Redis as it is once the new events were read
        (a blocked read holds the commands behind it). Returns the new events and `then`'s reply (None without it).
        """
        pipe = self.client.pipeline(transaction=False)
        if done:
            pipe.xack(keys.events(), DISPATCH_GROUP, *done)
        pipe.xreadgroup(DISPATCH_GROUP, consumer, {keys.events(): ">"}, count=count, block=block_ms)
        if then is not None:
            then(pipe)
        replies = pipe.execute()
        read = replies[1 if done else 0]
        return (_events(read[0][1]) if read else []), (replies[-1] if then is not None else None)

    def claim_stale(self, consumer: str, *, idle_ms: int = 60_000, count: int = 100) -> list[Event]:
        """Events a dispatcher took and never acked (it died): this consumer takes them over."""
        reply = self.client.xautoclaim(keys.events(), DISPATCH_GROUP, consumer, min_idle_time=idle_ms,
                                       start_id="0-0", count=count)
        return _events(reply[1])

    def ack(self, *event_ids: str) -> None:
        """The events were dispatched (their deliveries are queued)."""
        if event_ids:
            self.client.xack(keys.events(), DISPATCH_GROUP, *event_ids)

    def forget_consumer(self, consumer: str) -> None:
        """Drop a stopping dispatcher from the group (its unacked events are claimed by another later)."""
        pending = self.client.xpending_range(keys.events(), DISPATCH_GROUP, min="-", max="+", count=1,
                                             consumername=consumer)
        if not pending:
            self.client.xgroup_delconsumer(keys.events(), DISPATCH_GROUP, consumer)


def _events(entries: list) -> list[Event]:
    out = [decode(sid, f) for sid, f in entries if f]
    return [e for e in out if e is not None]


def decode(sid: bytes | str, fields: dict[bytes, bytes]) -> Event | None:
    """A stream entry as an Event; None for an entry that is not one (logged)."""
    event_id = sid.decode() if isinstance(sid, bytes) else sid
    try:
        return Event(id=event_id, type=fields[b"t"].decode(), time=float(fields[b"at"]),
                     data=dict(json.loads(fields[b"d"])))
    except (KeyError, ValueError, TypeError) as exc:
        log.warning("event %s unreadable: %s", event_id, exc)
        return None
