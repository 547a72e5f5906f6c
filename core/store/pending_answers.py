"""Holds waiting for the gateway's answer to Exim, so a hold Exim never heard of can be taken back (issue 15).

A worker commits a hold, then the gateway that waits on Exim's socket writes the verdict. If the gateway dies in
between (a `mailward serve` killed, a host lost), Exim gets no answer and applies its fail mode: open delivers
the message, closed defers it and the client sends it again (scanned again). The held copy would then be a
second outcome of one message. So every hold is registered here before it is made, and the gateway records
"answering" before it writes a `quarantine` verdict:

    worker:   register(spool, copy) ── hold the copy ── verdict ─────────────┐
    gateway:                                     answering(spool) ── write "quarantine" to Exim's socket
    sweep:    a spool registered longer ago than the scan's deadline + commit grace + a margin, with no
              answering mark: Exim's fail mode decided. Take it (atomically) and withdraw its copies.

Ordering argument. The gateway marks "answering" BEFORE the socket write, never after: if it died between the
write and the mark, a sweep would withdraw a hold Exim honoured (Exim discarded its copy) and the message would be
LOST. Marked first, the worst case is the other way round: the gateway dies after the mark and before the write
(the residual window: one Redis reply, then formatting and one send on the same thread, microseconds), Exim's
fail mode decides and the hold stays, as before this sweep existed. A hold made for a scan whose answer is
anything but `quarantine` (the fail mode after the gateway took the spool file, a deferral after a copy failed)
is never marked, so the sweep withdraws it too: Exim owns that message again.

Races, all decided in one Lua call each on Redis (one clock, Redis's TIME, for every host):
- answering() on a spool the sweep already took returns False: the gateway answers its fail mode instead (the
  hold is being withdrawn), so a gateway resumed after a long stop can never answer a withdrawn hold.
- register() on a withdrawn spool returns False: a worker resumed after the sweep must not hold it then.
- take_due() moves a due spool out of the pending set in the same call that marks it withdrawn, so of several
  sweepers (every serve runs one) exactly one gets it; a sweeper that dies while withdrawing leaves the spool in
  the withdrawing set, which another sweeper takes again after `retry_ms`.
Residual: a worker stopped between register() and the end of its hold for longer than the whole window, while
the gateway died: the sweep takes the spool file first (a hold that moves or copies it then fails), but a copy
already read into memory and indexed after the sweep stays held.
Residual across hosts: the sweep that takes a spool may run on another host than the worker that holds it (every
serve sweeps, and workers on several hosts share one Redis). It withdraws what its own host reaches (the index
entries in Redis, and the files when the quarantine directory is shared), but it cannot remove the spool file from
the worker host's disk; so a worker stalled on that
other host for longer than the whole window can still read the spool and finish its hold after the withdrawal
(register() refuses it only if it had not registered yet). The window is the same as above; only its cause differs.

Scans with no Exim waiting on a socket (a forwarded copy, a frozen local submission: workers/direct_scan.py) are
marked "direct" before their job is queued: their holds never enter the pending set and are never withdrawn.
"""

from __future__ import annotations

import redis

from core import keys

ANSWERED = "answered"
DIRECT = "direct"
WITHDRAWN = "withdrawn"
#: An answered or direct mark outlives any job that could still register a hold for its scan.
ANSWERED_TTL_S = 3600
#: A withdrawn mark and a pending hold's list outlive any serve outage a sweep could follow (8 days).
PENDING_TTL_S = 8 * 86400

_NOW_MS = "local t = redis.call('TIME')\nlocal now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"

# KEYS: state, pending set, holds list. ARGV: the copy (account/email_id), spool id, ttl. 1: hold it; 0: withdrawn.
_REGISTER = _NOW_MS + """
local v = redis.call('GET', KEYS[1])
if v == 'withdrawn' then return 0 end
if v == 'answered' or v == 'direct' then return 1 end
redis.call('ZADD', KEYS[2], 'NX', now, ARGV[2])
redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('EXPIRE', KEYS[3], ARGV[3])
return 1
"""
# KEYS: state, pending set, holds list. ARGV: ttl, spool id. 1: answer the hold; 0: it was withdrawn.
_ANSWERING = """
local v = redis.call('GET', KEYS[1])
if v == 'withdrawn' then return 0 end
if v ~= 'direct' then redis.call('SET', KEYS[1], 'answered', 'EX', ARGV[1]) end
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('DEL', KEYS[3])
return 1
"""
# KEYS: pending set, withdrawing set. ARGV: window ms, limit, retry ms, state prefix, holds prefix, withdrawn ttl.
# Returns {spool, {copies...}, spool, {copies...}, ...}: the spools this call took to withdraw.
_TAKE_DUE = _NOW_MS + """
local out = {}
local limit = tonumber(ARGV[2])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, limit)
for _, sid in ipairs(due) do
  redis.call('ZREM', KEYS[1], sid)
  local v = redis.call('GET', ARGV[4] .. sid)
  if v == 'answered' or v == 'direct' then
    redis.call('DEL', ARGV[5] .. sid)
  else
    redis.call('SET', ARGV[4] .. sid, 'withdrawn', 'EX', ARGV[6])
    redis.call('ZADD', KEYS[2], now, sid)
    out[#out + 1] = sid
    out[#out + 1] = redis.call('LRANGE', ARGV[5] .. sid, 0, -1)
  end
end
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]), 'LIMIT', 0, limit)
for _, sid in ipairs(stale) do
  redis.call('ZADD', KEYS[2], now, sid)
  out[#out + 1] = sid
  out[#out + 1] = redis.call('LRANGE', ARGV[5] .. sid, 0, -1)
end
return out
"""

Copy = tuple[str, str]  # (account, email_id)


def _copy(raw: bytes | str) -> Copy | None:
    text = raw.decode() if isinstance(raw, bytes) else raw
    account, sep, email_id = text.partition("/")
    return (account, email_id) if sep and account and email_id else None


class PendingAnswers:
    """The pending-answer transitions on Redis (see the module docstring)."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._register = client.register_script(_REGISTER)
        self._answering = client.register_script(_ANSWERING)
        self._take_due = client.register_script(_TAKE_DUE)

    @staticmethod
    def _keys(spool_id: str) -> list[str]:
        return [keys.answer_state(spool_id), keys.answers_pending(), keys.answer_holds(spool_id)]

    def register(self, spool_id: str, account: str, email_id: str) -> bool:
        """A worker is about to hold this copy: False if the scan's holds were withdrawn (it must not hold)."""
        args = [f"{account}/{email_id}", spool_id, PENDING_TTL_S]
        return bool(int(self._register(keys=self._keys(spool_id), args=args)))

    def mark_direct(self, spool_id: str) -> None:
        """No Exim waits on a socket for this scan (called before its job is queued): its holds always stand."""
        self.client.set(keys.answer_state(spool_id), DIRECT, ex=ANSWERED_TTL_S)

    def answering(self, spool_id: str) -> bool:
        """The gateway is about to write `quarantine` to Exim: False if the sweep withdrew the holds meanwhile."""
        return bool(int(self._answering(keys=self._keys(spool_id), args=[ANSWERED_TTL_S, spool_id])))

    def take_due(self, window_s: float, *, limit: int = 100, retry_s: float = 60.0) -> list[tuple[str, list[Copy]]]:
        """Spools whose holds were registered over window_s ago and never answered, each with its copies; taken by
        this caller alone (and marked withdrawn). Call done() once their copies are withdrawn."""
        args = [int(window_s * 1000), limit, int(retry_s * 1000), keys.answer_state(""), keys.answer_holds(""),
                PENDING_TTL_S]
        out = self._take_due(keys=[keys.answers_pending(), keys.answers_withdrawing()], args=args)
        taken = []
        for i in range(0, len(out), 2):
            sid = out[i].decode() if isinstance(out[i], bytes) else str(out[i])
            taken.append((sid, [c for c in map(_copy, out[i + 1]) if c is not None]))
        return taken

    def done(self, spool_id: str) -> None:
        """The copies of a taken spool are withdrawn: forget it."""
        pipe = self.client.pipeline(transaction=True)
        pipe.zrem(keys.answers_withdrawing(), spool_id)
        pipe.delete(keys.answer_holds(spool_id))
        pipe.execute()

    def pending(self) -> int:
        """How many scans have holds waiting for their answer (status, tests)."""
        return int(self.client.zcard(keys.answers_pending()))


class MemoryPendingAnswers:
    """PendingAnswers' stub twin for unit tests: the same transitions in dicts; `now` is driven by the test."""

    def __init__(self) -> None:
        self.now = 0.0
        self.state: dict[str, str] = {}
        self.holds: dict[str, list[Copy]] = {}
        self.since: dict[str, float] = {}
        self.withdrawing: dict[str, float] = {}

    def register(self, spool_id: str, account: str, email_id: str) -> bool:
        """See PendingAnswers.register."""
        v = self.state.get(spool_id)
        if v == WITHDRAWN:
            return False
        if v in (ANSWERED, DIRECT):
            return True
        self.since.setdefault(spool_id, self.now)
        self.holds.setdefault(spool_id, []).append((account, email_id))
        return True

    def mark_direct(self, spool_id: str) -> None:
        """See PendingAnswers.mark_direct."""
        self.state[spool_id] = DIRECT

    def answering(self, spool_id: str) -> bool:
        """See PendingAnswers.answering."""
        if self.state.get(spool_id) == WITHDRAWN:
            return False
        self.state.setdefault(spool_id, ANSWERED)
        self.since.pop(spool_id, None)
        self.holds.pop(spool_id, None)
        return True

    def take_due(self, window_s: float, *, limit: int = 100, retry_s: float = 60.0) -> list[tuple[str, list[Copy]]]:
        """See PendingAnswers.take_due."""
        taken = []
        for sid in [s for s, t in self.since.items() if t <= self.now - window_s][:limit]:
            del self.since[sid]
            if self.state.get(sid) in (ANSWERED, DIRECT):
                self.holds.pop(sid, None)
                continue
            self.state[sid] = WITHDRAWN
            self.withdrawing[sid] = self.now
            taken.append((sid, list(self.holds.get(sid, []))))
        for sid in [s for s, t in self.withdrawing.items() if t <= self.now - retry_s][:limit]:
            self.withdrawing[sid] = self.now
            taken.append((sid, list(self.holds.get(sid, []))))
        return taken

    def done(self, spool_id: str) -> None:
        """See PendingAnswers.done."""
        self.withdrawing.pop(spool_id, None)
        self.holds.pop(spool_id, None)

    def pending(self) -> int:
        """See PendingAnswers.pending."""
        return len(self.since)
