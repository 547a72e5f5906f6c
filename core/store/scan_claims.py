"""Who owns a scan's outcome: the gateway that waits for it, or the worker that runs it. One of them, never both.

The gateway opens a claim before it queues the job, with the scan's deadline as the claim's lifetime (one clock:
Redis's). A worker takes the open claim before it reads the message and commits it before the first effect (a
hold, a limit count, a history or an event). At its deadline the gateway abandons the claim unless it was
committed: a worker that was slow, stopped or queued behind a crash then finds its claim gone and changes nothing,
and the gateway applies its fail mode alone. A committed claim is what the gateway answers, even past its deadline.

    gateway: open ──────────────────────────────── abandon ─> "abandoned" (fail mode) | committed (wait for it)
    worker:         start (open -> w:token) ── commit (w:token -> c:<worker>) ── effects ── result

Every transition is one Lua call, so the two sides can race freely. Claims expire: an abandoned or committed one
is kept long enough to outlive any job that could still name it.
"""

from __future__ import annotations

import os
import time

import redis

from core import keys
from core.store.connection import run_script

OPEN = "open"
COMMITTED = "committed"
ABANDONED = "abandoned"
#: How long a decided (committed or abandoned) claim is kept: longer than a job can wait in a queue and run.
DECIDED_TTL_S = 3600

# An open claim, or one a worker took but never committed: Dramatiq gives a job to another worker only when the
# first one died (serve requeues a dead worker's jobs at once), and whichever commits first wins the scan. A claim
# committed by a worker serve has since reaped (KEYS[2]: dead worker -> when) passes to the retry too: that worker
# can do nothing more, and without the retry its message would go out unscanned.
_START = """
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local take = v == 'open' or string.sub(v, 1, 2) == 'w:'
if not take and string.sub(v, 1, 2) == 'c:' then
  local died = redis.call('ZSCORE', KEYS[2], string.sub(v, 3))
  take = died and tonumber(died) >= tonumber(ARGV[2]) - tonumber(ARGV[3])
end
if not take then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
return 1
"""
_COMMIT = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], 'c:' .. ARGV[3], 'EX', ARGV[2])
return 1
"""
_ABANDON = """
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, 2) == 'c:' then return 'committed' end
redis.call('SET', KEYS[1], 'abandoned', 'EX', ARGV[1])
return 'abandoned'
"""
_DIED = """
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[3]))
return 1
"""
#: How long a reaped worker's commits may be taken over (its jobs are requeued within a second of its death).
DEAD_WINDOW_S = 600


def start_plan(spool_id: str) -> tuple[str, list[str], list[object]]:
    """The start script's new token, keys and arguments (for callers that run it with other work in one call:
    core.store.scan_effects.ScanEffects.read_ahead)."""
    token = "w:" + os.urandom(8).hex()
    return token, [keys.scan_claim(spool_id), keys.dead_workers()], [token, int(time.time()), DEAD_WINDOW_S]


class ScanClaims:
    """The claim transitions on Redis (see the module docstring)."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._start = client.register_script(_START)
        self._commit = client.register_script(_COMMIT)
        self._abandon = client.register_script(_ABANDON)
        self._died = client.register_script(_DIED)

    def open(self, spool_id: str, ttl_ms: int) -> None:
        """The gateway waits for this scan until ttl_ms from now; a worker may take it until then.

        Only a claim that does not exist yet is opened (spool ids are never reused): a gateway retrying after a
        Redis error that left it unsure whether its first attempt ran can never reopen a claim a worker already
        took or committed."""
        self.client.set(keys.scan_claim(spool_id), OPEN, px=max(1, ttl_ms), nx=True)

    def start(self, spool_id: str) -> str | None:
        """A worker takes an open claim (or a dead worker's, committed or not): its token, or None when the gateway
        stopped waiting (or never did) or a live worker committed."""
        token, ks, args = start_plan(spool_id)
        return token if int(run_script(self._start, ks, args)) else None

    def commit(self, spool_id: str, token: str, worker: str = "") -> bool:
        """The worker's point of no return: True if its claim still stands (the gateway will take its answer).

        worker: the committing process's consumer id (host:pid), so a retry may take over once serve reaped it.
        """
        args = [token, DECIDED_TTL_S, worker or "-"]
        return bool(int(self._commit(keys=[keys.scan_claim(spool_id)], args=args)))

    def worker_died(self, worker: str) -> None:
        """serve reaped this worker process: its committed claims may pass to the retries of its jobs."""
        self._died(keys=[keys.dead_workers()], args=[int(time.time()), worker, DEAD_WINDOW_S])

    def abandon(self, spool_id: str) -> str:
        """The gateway stops waiting: ABANDONED (no worker will change anything) or COMMITTED (one is, wait)."""
        out = self._abandon(keys=[keys.scan_claim(spool_id)], args=[DECIDED_TTL_S])
        return out.decode() if isinstance(out, bytes) else str(out)


class MemoryScanClaims:
    """ScanClaims' stub twin for unit tests: the same transitions in a dict (no expiry: tests drive time)."""

    def __init__(self) -> None:
        self.state: dict[str, str] = {}
        self.dead: set[str] = set()

    def open(self, spool_id: str, ttl_ms: int) -> None:
        """See ScanClaims.open."""
        self.state.setdefault(spool_id, OPEN)

    def start(self, spool_id: str) -> str | None:
        """See ScanClaims.start."""
        v = self.state.get(spool_id, "")
        if not (v == OPEN or v.startswith("w:") or (v.startswith("c:") and v[2:] in self.dead)):
            return None
        token = "w:" + os.urandom(8).hex()
        self.state[spool_id] = token
        return token

    def commit(self, spool_id: str, token: str, worker: str = "") -> bool:
        """See ScanClaims.commit."""
        if self.state.get(spool_id) != token:
            return False
        self.state[spool_id] = "c:" + (worker or "-")
        return True

    def worker_died(self, worker: str) -> None:
        """See ScanClaims.worker_died."""
        self.dead.add(worker)

    def abandon(self, spool_id: str) -> str:
        """See ScanClaims.abandon."""
        if self.state.get(spool_id, "").startswith("c:"):
            return COMMITTED
        self.state[spool_id] = ABANDONED
        return ABANDONED

    def expire(self, spool_id: str) -> None:
        """Let one claim's lifetime run out (what Redis does at the gateway's deadline)."""
        self.state.pop(spool_id, None)
