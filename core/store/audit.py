"""The audit trail: every change made through the API, who made it, when and how (capped Redis streams).

Accounts and the admin write to two streams, each capped on its own, and a listing merges them newest first: an
account that floods the trail rolls over only the accounts' stream, never the admin's entries. Each account may
also write at most `rate_limit` entries per `rate_window_s`; past that its entries are counted, not written, and
one `audit.suppressed` entry per window says how many there were and of which actions (written as soon as any
audit write or read comes after the window), so nothing vanishes without a trace.
"""

from __future__ import annotations

import heapq
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import redis

from core import keys
from core.errors import ValidationError
from core.identity.caller import Identity

#: Entries kept per stream (each is trimmed approximately to this length).
MAX_ENTRIES = 200_000
#: A filtered listing reads at most this many entries to count matches (newest first).
SCAN_CAP = 100_000
#: Entries one account may write per window: a person clicking through the UI stays far below; a script looping
#: over the API does not, and at this rate needs more than a day to roll the accounts' stream over.
RATE_LIMIT = 120
RATE_WINDOW_S = 60
#: The action of the entry that stands for an account's entries suppressed over the rate in one window.
SUPPRESSED = "audit.suppressed"

# KEYS: 1 the accounts' stream, 2 the admin's stream, 3 the pending summaries hash, 4 the caller's window counter.
# ARGV: 1 entry JSON ('' = only write out the summaries of closed windows), 2 max entries per stream,
#       3 rate limit (0: none, the admin), 4 window length (s), 5 window number, 6 the caller's rate identity,
#       7 which stream the entry goes to (1 or 2).
# Ids are made here from one sequence over both streams, so a listing merges them in true order and no id is
# used twice.
_RECORD_LUA = """
local function next_id()
  local t = redis.call('TIME')
  local ms, seq = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), 0
  for k = 1, 2 do
    local last = redis.call('XREVRANGE', KEYS[k], '+', '-', 'COUNT', 1)
    if #last > 0 then
      local lms, lseq = string.match(last[1][1], '^(%d+)-(%d+)$')
      lms, lseq = tonumber(lms), tonumber(lseq)
      if lms > ms or (lms == ms and lseq >= seq) then ms, seq = lms, lseq + 1 end
    end
  end
  return string.format('%d-%d', ms, seq)
end
local function append(key, data)
  return redis.call('XADD', key, 'MAXLEN', '~', ARGV[2], next_id(), 'e', data)
end
local window = tonumber(ARGV[5])
local pending = redis.call('HGETALL', KEYS[3])
for i = 1, #pending, 2 do
  local p = cjson.decode(pending[i + 1])
  if tonumber(p.window) < window then
    local summary = {time = p.last, actor = p.actor, via = p.via, interface = p.interface, action = '__SUPPRESSED__',
      account = p.account, target = '', result = 'suppressed',
      details = {suppressed = p.count, first = p.first, last = p.last, actions = p.actions,
                 message = p.count .. ' further entries suppressed (over the audit rate limit)'}}
    append(KEYS[1], cjson.encode(summary))
    redis.call('HDEL', KEYS[3], pending[i])
  end
end
if ARGV[1] == '' then return false end
local limit = tonumber(ARGV[3])
if limit > 0 then
  local n = redis.call('INCR', KEYS[4])
  if n == 1 then redis.call('EXPIRE', KEYS[4], 2 * tonumber(ARGV[4])) end
  if n > limit then
    local e = cjson.decode(ARGV[1])
    local raw = redis.call('HGET', KEYS[3], ARGV[6])
    local p
    if raw then
      p = cjson.decode(raw)
    else
      p = {actor = e.actor, via = e.via, interface = e.interface, account = e.account, count = 0, first = e.time,
           actions = {}}
    end
    p.count = p.count + 1
    p.last = e.time
    p.window = window
    p.actions[e.action] = (p.actions[e.action] or 0) + 1
    redis.call('HSET', KEYS[3], ARGV[6], cjson.encode(p))
    return false
  end
end
return append(KEYS[tonumber(ARGV[7])], ARGV[1])
""".replace("__SUPPRESSED__", SUPPRESSED)


@dataclass(slots=True)
class AuditEntry:
    """One change: who did what to which account/object, through which interface, and how it ended."""

    action: str
    actor: dict[str, Any]
    via: str
    interface: str
    account: str = ""
    target: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    result: str = "ok"
    time: float = 0.0
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "time": self.time, "actor": self.actor, "via": self.via, "interface": self.interface,
                "action": self.action, "account": self.account, "target": self.target, "details": self.details,
                "result": self.result}


def rate_identity(identity: Identity) -> str:
    """Whose budget an entry uses: the account (every uid and token of one account share one budget)."""
    return f"account:{identity.account}"


class AuditStore:
    """Append and read audit entries."""

    def __init__(self, client: redis.Redis, *, max_entries: int = MAX_ENTRIES, rate_limit: int = RATE_LIMIT,
                 rate_window_s: int = RATE_WINDOW_S) -> None:
        self.client = client
        self.max_entries = max_entries
        self.rate_limit = rate_limit
        self.rate_window_s = rate_window_s
        self._record = client.register_script(_RECORD_LUA)

    def _run(self, identity: Identity | None, data: str) -> bytes | None:
        window = int(time.time() // self.rate_window_s)
        admin = identity is None or identity.is_admin
        who = "" if identity is None else rate_identity(identity)
        ks = [keys.audit_log(), keys.audit_admin_log(), keys.audit_suppressed(), keys.audit_rate(who or "-", window)]
        # the admin is root-equivalent and has no budget: its entries are never summarised away
        return self._record(keys=ks, args=[data, self.max_entries, 0 if admin else self.rate_limit,
                                           self.rate_window_s, window, who, 2 if admin else 1])

    def record(self, identity: Identity, action: str, *, interface: str = "api", account: str = "",
               target: str = "", details: dict[str, Any] | None = None, result: str = "ok") -> AuditEntry:
        """Append one entry; returns it with its id and time (id '' when the account's rate suppressed it)."""
        entry = AuditEntry(action=action, actor={k: v for k, v in identity.to_dict().items() if k != "via"},
                           via=identity.via, interface=interface, account=account, target=target,
                           details=details or {}, result=result, time=round(time.time(), 3))
        data = entry.to_dict()
        data.pop("id")
        sid = self._run(identity, json.dumps(data, separators=(",", ":")))
        entry.id = sid.decode() if isinstance(sid, bytes) else ""
        return entry

    def flush(self) -> None:
        """Write out the summaries of suppressed entries whose rate window has ended."""
        self._run(None, "")

    def list(self, *, account: str | None = None, action: str = "", since: float = 0.0, limit: int = 50,
             offset: int = 0) -> tuple[list[AuditEntry], int]:
        """Entries newest first, filtered by account (None: all) and action; and how many match."""
        if limit < 0 or offset < 0:
            raise ValidationError("limit and offset must not be negative")
        self.flush()
        low = f"{int(since * 1000)}-0" if since > 0 else "-"
        out: list[AuditEntry] = []
        total, read = 0, 0
        merged = heapq.merge(self._newest_first(keys.audit_log(), low), self._newest_first(keys.audit_admin_log(), low),
                             key=lambda item: item[0], reverse=True)
        for _, sid, fields in merged:
            if read >= SCAN_CAP:
                break
            read += 1
            entry = _decode(sid, fields)
            if entry is None or (account is not None and entry.account != account) or (
                    action and entry.action != action):
                continue
            if offset <= total < offset + limit:
                out.append(entry)
            total += 1
        return out, total

    def _newest_first(self, key: str, low: str) -> Iterator[tuple[tuple[int, int], bytes, dict[bytes, bytes]]]:
        """One stream's entries newest first, read in chunks, each with its id as a sortable pair."""
        high = "+"
        while True:
            chunk = self.client.xrevrange(key, max=high, min=low, count=1000)
            if not chunk:
                return
            for sid, fields in chunk:
                ms, _, seq = sid.decode().partition("-")
                yield (int(ms), int(seq or 0)), sid, fields
            high = "(" + chunk[-1][0].decode()


def _decode(sid: bytes, fields: dict[bytes, bytes]) -> AuditEntry | None:
    try:
        d = json.loads(fields[b"e"])
        return AuditEntry(action=str(d["action"]), actor=dict(d.get("actor") or {}), via=str(d.get("via", "")),
                          interface=str(d.get("interface", "")), account=str(d.get("account", "")),
                          target=str(d.get("target", "")), details=dict(d.get("details") or {}),
                          result=str(d.get("result", "ok")), time=float(d.get("time", 0.0)), id=sid.decode())
    except (KeyError, ValueError, TypeError):
        return None
