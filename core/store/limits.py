"""Sender limits and Activity Monitor counters in Redis: one Lua call per message decides and counts.

Tier 1 (server settings per object type) and tier 2 (per-object overrides) are read inside the script, so every
worker on every host sees a change at once and a decision never races another: with N concurrent senders exactly
the limit passes. Tier 3 (whitelisted domain or sender email) never reaches the script: the pipeline lets
whitelisted senders through before anything is counted against a limit.

Windows are buckets, so memory is bounded whatever the volume: per object a HASH of one-minute buckets (the
sliding hour is the current minute and the 59 before it) and a HASH of hourly buckets (the 24-hour window). Every
object sending mail keeps them, limited or not, so a limit set in the middle of an outbreak applies at once to what
was already sent. Only admitted mail is added (outside dry runs a window never exceeds its limit). Statistics are
hourly and daily HASHes (`<id>:<outcome>` -> count) kept 31 days.
"""

from __future__ import annotations

import functools
import json
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import redis

from core import keys
from core.errors import NotFound, ValidationError
from core.identity.sender_objects import CACHED_SENDERS, SenderObject, SoType, overflow_object
from core.settings import LimitDefaults

WINDOW_S = 3600
#: The hour window's bucket width: a message leaves the window between 59 and 60 minutes after it was sent.
BUCKET_S = 60
DAY_HOURS = 24
STATS_KEEP_S = 31 * 86400
#: Outcomes counted in the statistics.
SENT, HELD, RATELIMITED, REJECTED, DRY_RATELIMITED = "sent", "held", "ratelimited", "rejected", "dry_ratelimited"
OUTCOMES = (SENT, HELD, RATELIMITED, REJECTED, DRY_RATELIMITED)
#: Counted only for the object whose own limit a message reached (held, or would be in a dry run).
LIMIT_HIT = "limit_hit"
#: Server-settings fields (Redis hash over the settings file) and their valid ranges.
SETTING_FIELDS = ("limit_mode", "account", "domain", "sender_email", "script", "daily_account", "daily_domain",
                  "daily_sender_email", "daily_script", "dry_run")
#: Domains, sender emails and scripts one account may have as objects of their own (per type); the names are the
#: sender's to choose, and each object's keys and statistics are kept 31 days. Beyond, new ones count as the
#: account's overflow object of that type (sender_objects.overflow_object): limited and counted, just not apart.
MAX_OBJECTS_PER_TYPE = 1000

# KEYS: 1 settings hash, 2 overrides hash, 3 stats hour hash, 4 stats day hash, 5 registry hash, 6 seen zset,
#       then per object: minute-bucket hash (the hour window), hour-bucket hash (the 24-hour window), the same two
#       of its account's overflow object of its type, and the zset of its account's objects of its type.
# ARGV: 1 now, 2 recipients, 3 an extra counter ("held_<reason>") or "-", 4 mode ("try" or an outcome), 5 n objects,
#       6 file defaults (JSON), 7 objects per account and type (0: no cap), 8 id and 9 meta JSON of the account's
#       overflow domain (the parent of its overflow sender email),
#       then per object: id, type, meta JSON, its overflow object's id and meta JSON.
_ACCOUNT_LUA = """
local now, nrcpt, extra, mode, n = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4], tonumber(ARGV[5])
local defaults = cjson.decode(ARGV[6])
local cap = tonumber(ARGV[7])
-- Names come from what the sender wrote: past the cap, an account's new domains, addresses and scripts count as
-- its one overflow object of that type (limited and counted like any other), never as objects of their own.
local ids, types, metas, wkeys, dkeys, folded = {}, {}, {}, {}, {}, {}
for i = 1, n do
  local b, k = 9 + (i - 1) * 5, 6 + (i - 1) * 5
  ids[i], types[i], metas[i], wkeys[i], dkeys[i], folded[i] = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], KEYS[k + 1],
    KEYS[k + 2], 0
  if types[i] ~= 'account' then
    local zk = KEYS[k + 5]
    -- a known object only moves its time; a new one past the cap (the set was full before it) is taken out again
    if redis.call('ZADD', zk, ARGV[1], ids[i]) == 1 and cap > 0 and redis.call('ZCARD', zk) > cap then
      redis.call('ZREM', zk, ids[i])
      ids[i], metas[i], wkeys[i], dkeys[i], folded[i] = ARGV[b + 4], ARGV[b + 5], KEYS[k + 3], KEYS[k + 4], 1
      if types[i] == 'sender_email' then redis.call('HSETNX', KEYS[5], ARGV[8], ARGV[9]) end
      redis.call('ZADD', zk, ARGV[1], ids[i])
    end
    redis.call('EXPIRE', zk, '2678400')
  end
end
local minute, hour = math.floor(now / 60), math.floor(now / 3600)
local sraw = redis.call('HGETALL', KEYS[1])
local stored = {}
for j = 1, #sraw, 2 do stored[sraw[j]] = sraw[j + 1] end
local function setting(name)
  local v = stored[name]
  if v then return tonumber(v) end
  return tonumber(defaults[name])
end
-- a sliding window as buckets: the current one and the (count - 1) before it. The hash holds few more buckets
-- than the window (stale ones go when a bucket starts), so reading it whole and keeping the window's buckets is
-- cheaper than asking for every bucket of the window by name (count field names made with tostring each time).
local function window_sum(key, last, count)
  local raw = redis.call('HGETALL', key)
  local first, c = last - count + 1, 0
  for j = 1, #raw, 2 do
    local b = tonumber(raw[j])
    if b and b >= first and b <= last then c = c + tonumber(raw[j + 1]) end
  end
  return c
end
-- Stale buckets go when a new bucket is started (the call that started the current one already dropped them).
-- The key's lifetime (a bucket's span plus the window) is set then too: a bucket is out of the window before the
-- key can expire, so moving the TTL on every later message of the same bucket bought nothing.
local function window_add(key, last, count, w, ttl)
  if redis.call('HINCRBY', key, tostring(last), w) == tonumber(w) then
    if redis.call('HLEN', key) > count then
      local stale = {}
      for _, f in ipairs(redis.call('HKEYS', key)) do
        if tonumber(f) <= last - count then stale[#stale + 1] = f end
      end
      if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end
    end
    redis.call('EXPIRE', key, ttl)
  end
end
local dry = setting('dry_run') == 1
local weight = 1
if setting('limit_mode') == 2 then weight = math.max(nrcpt, 1) end
local over, over_count, over_limit, over_kind = 0, 0, 0, ''
local overrides = redis.call('HMGET', KEYS[2], unpack(ids))
if mode == 'try' then
  for i = 1, n do
    local typ = types[i]
    local lh = setting(typ)
    if overrides[i] then lh = tonumber(overrides[i]) end
    local ld = setting('daily_' .. typ)
    local wk, dk = wkeys[i], dkeys[i]
    if over == 0 and lh > 0 then
      local c = window_sum(wk, minute, 60)
      if c + weight > lh then over, over_count, over_limit, over_kind = i, c, lh, 'hour' end
    end
    if over == 0 and ld > 0 then
      local c = window_sum(dk, hour, 24)
      if c + weight > ld then over, over_count, over_limit, over_kind = i, c, ld, 'day' end
    end
  end
end
local outcome = mode
if mode == 'try' then
  if over == 0 or dry then
    outcome = 'sent'
    -- every object counts, limited or not: a limit set later then applies to the volume already sent
    local ws = tostring(weight)
    for i = 1, n do
      window_add(wkeys[i], minute, 60, ws, '3660')
      window_add(dkeys[i], hour, 24, ws, '90000')
    end
  else
    outcome = 'ratelimited'
  end
end
local seen = {}
-- Each stats hash's lifetime is set when it gets a new counter (a new hash's first counter is 1) and runs past its
-- span (an hour or a day) by STATS_KEEP_S: so it outlives its last write by STATS_KEEP_S, as moving the TTL on every
-- write did (a hash an older worker made has its TTL from that worker).
local fresh_h, fresh_d = false, false
for i = 1, n do
  local id = ids[i]
  if redis.call('HINCRBY', KEYS[3], id .. ':' .. outcome, '1') == 1 then fresh_h = true end
  if redis.call('HINCRBY', KEYS[4], id .. ':' .. outcome, '1') == 1 then fresh_d = true end
  if extra ~= '-' then
    redis.call('HINCRBY', KEYS[3], id .. ':' .. extra, '1')
    redis.call('HINCRBY', KEYS[4], id .. ':' .. extra, '1')
  end
  if mode == 'try' and over > 0 and dry then
    redis.call('HINCRBY', KEYS[3], id .. ':dry_ratelimited', '1')
    redis.call('HINCRBY', KEYS[4], id .. ':dry_ratelimited', '1')
  end
  redis.call('HSETNX', KEYS[5], id, metas[i])
  seen[#seen + 1] = ARGV[1]
  seen[#seen + 1] = id
end
redis.call('ZADD', KEYS[6], unpack(seen))
if mode == 'try' and over > 0 then
  -- the one object whose limit was reached (the others only carried the message)
  local hit = ids[over] .. ':limit_hit'
  redis.call('HINCRBY', KEYS[3], hit, '1')
  redis.call('HINCRBY', KEYS[4], hit, '1')
end
if fresh_h then redis.call('EXPIRE', KEYS[3], '__HOUR_TTL__') end
if fresh_d then redis.call('EXPIRE', KEYS[4], '__DAY_TTL__') end
local dryflag = 0
if dry then dryflag = 1 end
return {over, over_count, over_limit, over_kind, outcome, dryflag, weight, folded}
""".replace("__HOUR_TTL__", str(STATS_KEEP_S + 3600)).replace("__DAY_TTL__", str(STATS_KEEP_S + 86400))


#: An account's overflow objects (overflow_object names them with three UUIDv5s), kept per process as its objects.
_overflow = functools.lru_cache(maxsize=4 * CACHED_SENDERS)(overflow_object)


@functools.lru_cache(maxsize=4 * CACHED_SENDERS)
def _registry_entry(obj: SenderObject) -> str:
    """An object's entry in the registry hash (sent with every message it counts, so encoded once per process)."""
    return json.dumps(obj.to_dict(), separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Decision:
    """What the limits decided for one message."""

    outcome: str  # sent | ratelimited | held | rejected (the last two only recorded)
    over: SenderObject | None = None  # the first object whose limit the message would exceed
    count: int = 0  # that object's count in its window before this message
    limit: int = 0
    window: str = ""  # "hour" or "day"
    dry_run: bool = False
    weight: int = 1

    @property
    def held(self) -> bool:
        """True if the message must be quarantined with reason ratelimit."""
        return self.outcome == RATELIMITED

    def describe(self) -> str:
        """One line for logs and the quarantine record."""
        if self.over is None:
            return ""
        per = "hour" if self.window == "hour" else "24 hours"
        return (f"{self.over.type.value} {self.over.name} reached its limit of {self.limit} per {per} "
                f"({self.count} counted){' (dry run: not held)' if self.dry_run else ''}")


@dataclass(frozen=True, slots=True)
class LimitCall:
    """One run of the limits script, prepared: its keys and arguments, and the objects it counts."""

    keys: list[str]
    args: list[Any]
    objects: list[SenderObject]
    overflows: list[SenderObject]  # each object's overflow object (itself for the account)

    def counted(self, answer: list[Any]) -> list[SenderObject]:
        """The objects as the script counted them: some folded into their overflow object."""
        return [spill if int(flag) else o
                for o, spill, flag in zip(self.objects, self.overflows, answer[7], strict=True)]


def decision(answer: list[Any], counted: list[SenderObject]) -> Decision:
    """What the script's answer to a "try" decided."""
    over, count, limit, window, outcome, dry, weight = answer[:7]
    over = int(over)
    return Decision(outcome=outcome.decode() if isinstance(outcome, bytes) else str(outcome),
                    over=counted[over - 1] if over else None, count=int(count), limit=int(limit),
                    window=window.decode() if isinstance(window, bytes) else str(window), dry_run=bool(dry),
                    weight=int(weight))


@dataclass(slots=True)
class ObjectStats:
    """Counts of one object over a time frame: each message once by outcome, and finer counters beside them."""

    counts: dict[str, int] = field(default_factory=dict)  # OUTCOMES: every message the object carried, once
    details: dict[str, int] = field(default_factory=dict)  # LIMIT_HIT, held_<reason>, incoming_<spam|ham>

    def get(self, name: str) -> int:
        """An outcome's or a detail counter's count (0 if none)."""
        return self.counts.get(name, 0) if name in OUTCOMES else self.details.get(name, 0)


class LimitStore:
    """Decide, count and report: the one owner of the Activity Monitor's Redis keys."""

    def __init__(self, client: redis.Redis, defaults: LimitDefaults, *,
                 max_objects: int = MAX_OBJECTS_PER_TYPE) -> None:
        self.client = client
        self.defaults = defaults
        self.max_objects = max_objects
        self._defaults_json = json.dumps({k: int(v) for k, v in defaults.to_dict().items()})
        self._script = client.register_script(_ACCOUNT_LUA)

    # ---- the scan path -----------------------------------------------------------------------------------------
    def plan(self, objects: list[SenderObject], recipients: int, mode: str, now: float | None,
             extra: str = "-") -> LimitCall:
        """The script's keys and arguments for one message (run by _call, or inside core.store.scan_effects')."""
        now = time.time() if now is None else now
        hour = int(now // 3600)
        ks = [keys.am_settings(), keys.am_overrides(), keys.am_stats_hour(hour), keys.am_stats_day(hour // 24),
              keys.am_objects(), keys.am_seen()]
        overflow_domain = _overflow(SoType.DOMAIN, objects[0].account)
        args: list[Any] = [repr(now), max(int(recipients), 0), extra, mode, len(objects), self._defaults_json,
                           self.max_objects, overflow_domain.id, _registry_entry(overflow_domain)]
        overflows: list[SenderObject] = []
        for o in objects:
            # an account object is never folded: its overflow slots repeat its own keys and are never read
            spill = o if o.type is SoType.ACCOUNT else _overflow(o.type, o.account)
            overflows.append(spill)
            ks += [keys.am_window(o.id), keys.am_daily(o.id), keys.am_window(spill.id), keys.am_daily(spill.id),
                   keys.am_account_objects(o.account_id, o.type.value)]
            args += [o.id, o.type.value, _registry_entry(o), spill.id, _registry_entry(spill)]
        return LimitCall(ks, args, objects, overflows)

    def _call(self, objects: list[SenderObject], recipients: int, mode: str, now: float | None,
              extra: str = "-") -> tuple[list[Any], list[SenderObject]]:
        """Run the script; returns its answer and the objects as counted (some folded into their overflow)."""
        call = self.plan(objects, recipients, mode, now, extra)
        answer = self._script(keys=call.keys, args=call.args)
        return answer, call.counted(answer)

    def admit(self, objects: list[SenderObject], recipients: int, *, now: float | None = None) -> Decision:
        """Count a message that would be sent against every object's limits; held if any limit is reached."""
        if not objects:
            return Decision(SENT)
        answer, counted = self._call(objects, recipients, "try", now)
        return decision(answer, counted)

    @staticmethod
    def record_extra(outcome: str, reason: str) -> str:
        """The extra counter of a recorded outcome ("held_<reason>" for a hold with a reason, else "-")."""
        if outcome not in (SENT, HELD, REJECTED):
            raise ValueError(f"cannot record outcome {outcome!r}")
        if outcome == HELD and reason:
            if not reason.isalnum() or len(reason) > 20:
                raise ValueError(f"bad reason {reason!r}")
            return f"{HELD}_{reason}"
        return "-"

    def record(self, objects: list[SenderObject], outcome: str, *, reason: str = "",
               now: float | None = None) -> None:
        """Count a message that is not sent (held for spam/winexec, rejected) or bypassed limits (whitelisted).

        A hold also counts `held_<reason>` (held_spam, held_winexec, ...) for the statistics charts.
        """
        extra = self.record_extra(outcome, reason)
        if objects:
            self._call(objects, 0, outcome, now, extra)

    def series(self, account_ids: Iterable[str] | None, since_s: float, bucket: str, *,
               now: float | None = None) -> list[dict[str, Any]]:
        """Counts per hour or per UTC day, summed over the given account objects (None: every account)."""
        if bucket not in ("hour", "day"):
            raise ValidationError("bucket must be hour or day")
        now = time.time() if now is None else now
        width = 3600 if bucket == "hour" else 86400
        since_s = min(since_s, STATS_KEEP_S)  # nothing older is kept
        first, last = int((now - since_s) // width), int(now // width)
        wanted = set(account_ids) if account_ids is not None else {
            o.id for o in self.objects() if o.type == SoType.ACCOUNT}
        pipe = self.client.pipeline(transaction=False)
        for b in range(first, last + 1):
            pipe.hgetall(keys.am_stats_hour(b) if bucket == "hour" else keys.am_stats_day(b))
        out = []
        for b, data in zip(range(first, last + 1), pipe.execute(), strict=True):
            row: dict[str, Any] = {"start": b * width}
            for f, v in data.items():
                so_id, _, counter = f.decode().rpartition(":")
                # an account that only receives mail is no registered sender object: take its incoming counts too
                if so_id in wanted or (account_ids is None and counter.startswith("incoming_")):
                    row[counter] = row.get(counter, 0) + int(v)
            out.append(row)
        return out

    # ---- settings ----------------------------------------------------------------------------------------------
    def server_settings(self) -> dict[str, int | bool]:
        """Tier-1 settings in force: the settings file's values with run-time changes over them."""
        raw = self.client.hgetall(keys.am_settings())
        out: dict[str, int | bool] = dict(self.defaults.to_dict())
        for k, v in raw.items():
            name = k.decode()
            if name in SETTING_FIELDS:
                out[name] = bool(int(v)) if name == "dry_run" else int(v)
        return out

    def set_server_settings(self, changes: dict[str, int | bool | None]) -> dict[str, int | bool]:
        """Change tier-1 settings; None or -1 leaves a value as it is (the reference CLI's "not given")."""
        clean: dict[str, int] = {}
        for name, value in changes.items():
            if name not in SETTING_FIELDS:
                raise ValidationError(f"unknown server setting {name!r}")
            if value is None or (value == -1 and name != "dry_run"):
                continue
            if name == "dry_run":
                clean[name] = int(bool(value))
            elif name == "limit_mode":
                if value not in (1, 2):
                    raise ValidationError("limit_mode must be 1 (messages) or 2 (recipients)")
                clean[name] = int(value)
            else:
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    raise ValidationError(f"{name} must be 0 (unlimited) or a positive number, got {value!r}")
                clean[name] = value
        if clean:
            self.client.hset(keys.am_settings(), mapping=clean)
        return self.server_settings()

    def object(self, so_id: str) -> SenderObject:
        """A sender object seen in mail; NotFound if its id is unknown."""
        try:
            so_id = str(uuid.UUID(str(so_id)))
        except ValueError:
            raise ValidationError(f"invalid sender object id {so_id!r}: expected a UUID") from None
        raw = self.client.hget(keys.am_objects(), so_id)
        if raw is None:
            raise NotFound(f"no sender object with id {so_id} (ids come from `ie-cli am stats`)")
        return SenderObject.from_dict(json.loads(raw))

    def set_limit(self, so_id: str, so_type: str, limit: int) -> SenderObject:
        """Tier 2: one object's own hourly limit; 0 = unlimited, -1 = back to the server default."""
        try:
            wanted = SoType(so_type)
        except ValueError:
            raise ValidationError(f"so_type must be one of {', '.join(t.value for t in SoType)}, "
                                  f"got {so_type!r}") from None
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < -1:
            raise ValidationError(f"limit must be -1 (server default), 0 (unlimited) or positive, got {limit!r}")
        obj = self.object(so_id)
        if obj.type != wanted:
            raise ValidationError(f"sender object {obj.id} is a {obj.type.value}, not a {wanted.value}")
        if limit == -1:
            self.client.hdel(keys.am_overrides(), obj.id)
        else:
            self.client.hset(keys.am_overrides(), obj.id, limit)
        return obj

    def overrides(self) -> dict[str, int]:
        """Tier-2 limits by object id."""
        return {k.decode(): int(v) for k, v in self.client.hgetall(keys.am_overrides()).items()}

    def effective_limit(self, obj: SenderObject, settings: dict[str, int | bool] | None = None,
                        overrides: dict[str, int] | None = None) -> int:
        """The hourly limit in force for an object (0 = unlimited)."""
        overrides = self.overrides() if overrides is None else overrides
        if obj.id in overrides:
            return overrides[obj.id]
        settings = self.server_settings() if settings is None else settings
        return int(settings[obj.type.value])

    def window_count(self, so_id: str, *, now: float | None = None) -> int:
        """What an object sent in the sliding hour (the current minute and the 59 before it)."""
        now = time.time() if now is None else now
        minute = int(now // 60)
        vals = self.client.hmget(keys.am_window(so_id), [str(m) for m in range(minute - 59, minute + 1)])
        return sum(int(v) for v in vals if v)

    # ---- statistics --------------------------------------------------------------------------------------------
    def objects(self, ids: Iterable[str] | None = None) -> list[SenderObject]:
        """Registered objects (all, or those ids)."""
        if ids is None:
            raw = self.client.hvals(keys.am_objects())
        else:
            wanted = list(ids)
            raw = [r for r in self.client.hmget(keys.am_objects(), wanted) if r] if wanted else []
        return [SenderObject.from_dict(json.loads(r)) for r in raw]

    def counts(self, since_s: float, *, now: float | None = None) -> dict[str, ObjectStats]:
        """Per object id, the outcome and detail counts over the last since_s seconds (hour granularity)."""
        now = time.time() if now is None else now
        first, last = int((now - since_s) // 3600), int(now // 3600)
        hashes: list[str] = []
        h = first
        while h <= last:
            # whole UTC days inside the frame come from the day hash: at most ~31 + 48 reads for 30 days
            if h % 24 == 0 and h + 23 <= last:
                hashes.append(keys.am_stats_day(h // 24))
                h += 24
            else:
                hashes.append(keys.am_stats_hour(h))
                h += 1
        out: dict[str, ObjectStats] = {}
        pipe = self.client.pipeline(transaction=False)
        for k in hashes:
            pipe.hgetall(k)
        for data in pipe.execute():
            for f, v in data.items():
                so_id, _, name = f.decode().rpartition(":")
                st = out.setdefault(so_id, ObjectStats())
                into = st.counts if name in OUTCOMES else st.details
                into[name] = into.get(name, 0) + int(v)
        return out

    def prune(self, *, keep_s: float = STATS_KEEP_S, now: float | None = None) -> int:
        """Forget objects not seen for keep_s seconds (their stats have expired too); returns how many."""
        now = time.time() if now is None else now
        old = [i.decode() for i in self.client.zrangebyscore(keys.am_seen(), "-inf", now - keep_s)]
        if old:
            gone = self.objects(old)
            pipe = self.client.pipeline()
            for o in gone:  # each frees its place under its account's cap
                pipe.zrem(keys.am_account_objects(o.account_id, o.type.value), o.id)
            pipe.hdel(keys.am_objects(), *old)
            pipe.hdel(keys.am_overrides(), *old)
            pipe.zrem(keys.am_seen(), *old)
            pipe.execute()
        return len(old)
