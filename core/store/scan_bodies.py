"""Messages the spool could not take (its disk full, EIO): the body travels through Redis for that one scan.

The spool file is what settles a scan between the gateway and a worker's hold (the gateway takes it before its fail
mode answers; a hold moves it). A body in Redis settles the same way through its state, one atomic step each:

    gateway: put (ready) ─────────────────────────────────── settle: ready -> fail mode | held -> hold | taken -> defer
    worker:          read ── take (ready -> taken) ── hold ── held (taken -> held)  |  give_back (taken -> ready)

The body stays in the hash until the gateway settles or discards it (or the hash expires, past the gateway's last
deadline), so a worker whose hold failed hands the message back by a state change alone. A hold caught "taken" at
the deadline (under way, or its worker died mid-hold) is answered with a deferral: Exim keeps the message and tries
again, so it is neither delivered unscanned nor lost.
"""

from __future__ import annotations

import redis

from core import keys

READY = "ready"
TAKEN = "taken"
HELD = "held"

_PUT = """
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'b', ARGV[1], 's', 'ready')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
"""
# from -> to (ARGV[1] -> ARGV[2]); returns the body when asked (ARGV[3] == '1') and the move happened
_MOVE = """
if redis.call('HGET', KEYS[1], 's') ~= ARGV[1] then return false end
redis.call('HSET', KEYS[1], 's', ARGV[2])
if ARGV[2] == 'held' then redis.call('HDEL', KEYS[1], 'b') end
if ARGV[3] == '1' then return redis.call('HGET', KEYS[1], 'b') end
return 1
"""
_SETTLE = """
local s = redis.call('HGET', KEYS[1], 's')
redis.call('DEL', KEYS[1])
return s
"""


class ScanBodies:
    """Scan bodies in Redis (see the module docstring); one hash per spool id, expiring."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._put = client.register_script(_PUT)
        self._move = client.register_script(_MOVE)
        self._settle = client.register_script(_SETTLE)

    def put(self, spool_id: str, data: bytes, ttl_ms: int) -> None:
        """The gateway hands a body to the scan, ready for a worker, for ttl_ms at most."""
        self._put(keys=[keys.scan_body(spool_id)], args=[data, max(1, ttl_ms)])

    def read(self, spool_id: str, max_bytes: int) -> bytes | None:
        """The body for a scan to evaluate (at most max_bytes); None once the gateway settled or discarded it."""
        data = self.client.hget(keys.scan_body(spool_id), "b")
        return None if data is None else bytes(data[:max_bytes])

    def take(self, spool_id: str) -> bytes | None:
        """A worker's hold takes the body (ready -> taken); None when the gateway answered first (or it is held)."""
        out = self._move(keys=[keys.scan_body(spool_id)], args=[READY, TAKEN, "1"])
        return None if out is None else bytes(out)

    def held(self, spool_id: str) -> None:
        """The hold is written: the gateway's settle answers with it (the body is dropped, the state kept)."""
        self._move(keys=[keys.scan_body(spool_id)], args=[TAKEN, HELD, "0"])

    def give_back(self, spool_id: str) -> None:
        """The hold failed and was undone: the message is the gateway's again (taken -> ready)."""
        self._move(keys=[keys.scan_body(spool_id)], args=[TAKEN, READY, "0"])

    def settle(self, spool_id: str) -> str | None:
        """The gateway stops waiting: READY (no worker can hold it now: the fail mode answers), HELD, TAKEN (a hold
        under way or cut short: defer), None if the body is gone. The body is removed in the same step."""
        out = self._settle(keys=[keys.scan_body(spool_id)])
        return None if out is None else (out.decode() if isinstance(out, bytes) else str(out))

    def discard(self, spool_id: str) -> None:
        """Remove the body after the gateway's answer."""
        self.client.delete(keys.scan_body(spool_id))


class MemoryScanBodies:
    """ScanBodies' stub twin for unit tests: the same states in a dict (no expiry)."""

    def __init__(self) -> None:
        self.bodies: dict[str, tuple[str, bytes]] = {}

    def put(self, spool_id: str, data: bytes, ttl_ms: int) -> None:
        """See ScanBodies.put."""
        self.bodies[spool_id] = (READY, bytes(data))

    def read(self, spool_id: str, max_bytes: int) -> bytes | None:
        """See ScanBodies.read."""
        entry = self.bodies.get(spool_id)
        return None if entry is None or entry[0] == HELD else entry[1][:max_bytes]

    def _move(self, spool_id: str, src: str, dst: str) -> bytes | None:
        entry = self.bodies.get(spool_id)
        if entry is None or entry[0] != src:
            return None
        self.bodies[spool_id] = (dst, b"" if dst == HELD else entry[1])
        return entry[1]

    def take(self, spool_id: str) -> bytes | None:
        """See ScanBodies.take."""
        return self._move(spool_id, READY, TAKEN)

    def held(self, spool_id: str) -> None:
        """See ScanBodies.held."""
        self._move(spool_id, TAKEN, HELD)

    def give_back(self, spool_id: str) -> None:
        """See ScanBodies.give_back."""
        self._move(spool_id, TAKEN, READY)

    def settle(self, spool_id: str) -> str | None:
        """See ScanBodies.settle."""
        entry = self.bodies.pop(spool_id, None)
        return None if entry is None else entry[0]

    def discard(self, spool_id: str) -> None:
        """See ScanBodies.discard."""
        self.bodies.pop(spool_id, None)
