"""Sender history in Redis: one read-only Lua call per scan, one Lua call per verdict, bounded per account.

Per sender object one HASH (keys.history_object) holds its counters (core.learning.sender_history.Counters, field
names in FIELDS): totals, first and last times, taint, the hourly baselines, the pending clock hour's counts, decayed
recent counts, and the sliding hour as BUCKETS ring slots (`wb<i>` the bucket, `w<i>` messages, `wr<i>` new recipients),
so its size never grows. Sender addresses and scripts also keep two ZSETs scored by last use: recipient domains
(in clear, shown by `baseline`) and recipients (48-bit digests), each capped, the least recently used dropped first.
Each account keeps a ZSET of its objects by last message (keys.history_account): past
history.max_objects_per_account the least recently used object's keys are deleted. Every key expires
history.ttl_days after its last write.

`record` runs in one Lua script, so two workers on two hosts never read-then-write the same counter; the script
deletes evicted objects' keys by name (built from the key prefixes it is given), which a single Redis (Mailward's
deployment) allows and Redis Cluster would not.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import redis

from core import keys
from core.identity.sender_objects import SenderObject, SoType
from core.learning.sender_history import (
    BUCKET_S,
    BUCKETS,
    DAY_S,
    RECENT_TAU_S,
    TRACKS_RECIPIENTS,
    Counters,
    HistoryView,
    ObjectHistory,
    assess,
    decay,
    display,
    fold_hour,
    message_recipients,
)
from core.settings import HistorySettings, Settings
from core.store.connection import run_script

#: Envelope recipients of one message that history looks at (a Bcc blast of 5,000 counts its first 100).
MAX_RECIPIENTS_PER_MESSAGE = 100
#: Hash fields read per object, in Counters' order (the ring slots follow).
FIELDS = ("c", "h", "s", "f", "l", "fc", "lc", "t", "b", "bn", "n", "hr", "hc", "hn", "rc", "rh", "rt", "sc")
RING = tuple(f"{p}{i}" for i in range(BUCKETS) for p in ("wb", "w", "wr"))
#: Fields a confirmed spam wipes: the clean history and what was learned from it.
CLEAN_FIELDS = ("c", "fc", "lc", "b", "bn", "n", "hc", "hn", "rc", "rt", "sc")

# KEYS: 1 the account's registry zset, then per object: history hash, recipient-domain zset, recipient zset.
# ARGV: 1 now, 2 delivered (1|0), 3 ttl (s), 4 max objects, 5 max domains, 6 max recipients, 7 alpha floor,
#       8 spike factor, 9 spike min, 10 burst factor, 11 burst min, 12 tau (s), 13 buckets, 14 bucket width (s),
#       15-17 key prefixes of the three per-object keys (to delete evicted objects), 18 n objects, 19 n domains,
#       20 n recipients, then per object: id, kind (a account, t sender address, s script, o other), then the
#       recipient domains, then the recipient digests.
_RECORD_LUA = """
local now, delivered = tonumber(ARGV[1]), ARGV[2] == '1'
local ttl, max_objects, max_domains, max_rcpts = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]),
  tonumber(ARGV[6])
local alpha_floor, sfactor, smin = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local rfactor, rmin, tau = tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12])
local nb, width = tonumber(ARGV[13]), tonumber(ARGV[14])
local hp, dp, rp = ARGV[15], ARGV[16], ARGV[17]
local n, nd, nr = tonumber(ARGV[18]), tonumber(ARGV[19]), tonumber(ARGV[20])
local first = 21 + 2 * n
local domains, rcpts = {}, {}
for j = 1, nd do domains[j] = ARGV[first + j - 1] end
for j = 1, nr do rcpts[j] = ARGV[first + nd + j - 1] end
local hour, bucket = math.floor(now / 3600), math.floor(now / width)
local slot = tostring(bucket % nb)

local function num(v) return tonumber(v) or 0 end

-- core.learning.sender_history.ewma_step
local function ewma(value, hours, count, factor, floor)
  local alpha = math.max(1 / math.max(hours, 1), alpha_floor)
  local clipped = math.min(count, math.max(value * factor, floor))
  return value + alpha * (clipped - value)
end

local function remember(key, members, cap)
  if #members == 0 then return end
  local args = {}
  for _, m in ipairs(members) do
    args[#args + 1] = ARGV[1]
    args[#args + 1] = m
  end
  redis.call('ZADD', key, unpack(args))
  local extra = redis.call('ZCARD', key) - cap
  if extra > 0 then redis.call('ZREMRANGEBYRANK', key, 0, extra - 1) end
  redis.call('EXPIRE', key, ARGV[3])
end

-- Per object one HMGET of what the update reads and one HSET of what it changes (values as the per-field
-- commands wrote them: counters as integers, times and averages through tostring).
local wbf, wf, wrf = 'wb' .. slot, 'w' .. slot, 'wr' .. slot
local account_hash, script_delivered, registered = nil, false, {}
for i = 1, n do
  local id, kind = ARGV[19 + 2 * i], ARGV[20 + 2 * i]
  local h, dk, rk = KEYS[3 * i - 1], KEYS[3 * i], KEYS[3 * i + 1]
  local tracks = kind == 't' or kind == 's'
  local v = redis.call('HMGET', h, 'hr', 'hc', 'hn', 'b', 'bn', 'n', wbf, wf, wrf, 'f', 'l', 'c', 'fc', 'lc', 'rc',
    'rh', 'rt', 'h')
  local set = {}
  -- a finished clock hour with delivered mail moves the baselines (core.learning.sender_history.fold_hour)
  local hc, hn = v[2], v[3]
  local hr = tonumber(v[1])
  if not hr or hr < hour then
    local c = num(hc)
    if c > 0 then
      local hours = num(v[6]) + 1
      set.b = tostring(ewma(num(v[4]), hours, c, sfactor, smin))
      set.bn = tostring(ewma(num(v[5]), hours, num(hn), rfactor, rmin))
      set.n = hours
    end
    set.hr, hc, hn = hour, 0, 0
    set.hc, set.hn = 0, 0
  end
  local new_r = 0
  if tracks and nr > 0 then
    local known = redis.call('ZMSCORE', rk, unpack(rcpts))
    for j = 1, nr do
      if not known[j] then new_r = new_r + 1 end
    end
  end
  local cur = tonumber(v[7])
  if not cur or cur < bucket then
    set[wbf], set[wf], set[wrf] = bucket, 1, new_r
  else
    set[wf] = num(v[8]) + 1
    if new_r > 0 then set[wrf] = num(v[9]) + new_r end
  end
  if not v[10] then set.f = tostring(now) end
  set.l = tostring(math.max(now, num(v[11])))
  local add_clean, add_held = 0, 1
  if delivered then
    add_clean, add_held = 1, 0
    set.c = num(v[12]) + 1
    set.hc = num(hc) + 1
    if new_r > 0 then set.hn = num(hn) + new_r end
    if not v[13] then set.fc = tostring(now) end
    set.lc = tostring(math.max(now, num(v[14])))
  else
    set.h = num(v[18]) + 1
  end
  local f = 1
  if v[17] then f = math.exp(-math.max(now - tonumber(v[17]), 0) / tau) end
  set.rc, set.rh = tostring(num(v[15]) * f + add_clean), tostring(num(v[16]) * f + add_held)
  set.rt = tostring(math.max(now, num(v[17])))
  local args = {}
  for k, x in pairs(set) do
    args[#args + 1] = k
    args[#args + 1] = x
  end
  redis.call('HSET', h, unpack(args))
  if delivered then
    if tracks then
      remember(dk, domains, max_domains)
      remember(rk, rcpts, max_rcpts)
    end
    if kind == 's' then script_delivered = true end
  end
  if kind == 'a' then
    account_hash = h
  else
    registered[#registered + 1] = ARGV[1]
    registered[#registered + 1] = id
  end
  redis.call('EXPIRE', h, ARGV[3])
end
if script_delivered and account_hash then redis.call('HINCRBY', account_hash, 'sc', 1) end
if #registered > 0 then redis.call('ZADD', KEYS[1], unpack(registered)) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
local extra = redis.call('ZCARD', KEYS[1]) - max_objects
local evicted = 0
if extra > 0 then
  local old = redis.call('ZPOPMIN', KEYS[1], extra)
  for j = 1, #old, 2 do
    redis.call('DEL', hp .. old[j], dp .. old[j], rp .. old[j])
    evicted = evicted + 1
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return evicted
"""


# A read-only script: per object its hash fields (FIELDS then RING, spliced in below) joined by commas (a missing
# field is empty), then how many of the message's recipient domains and recipients it never delivered to (-1 for
# objects that keep none). One short string per object: a pipelined HMGET of every field cost the worker three
# times as much CPU in redis-py's reply parser.
# KEYS: per object: history hash, recipient-domain zset, recipient zset.
# ARGV: 1 n domains, 2 n recipients, then per object its kind (t/s keep recipients), then domains, recipients.
_VIEW_LUA = """
local fields = {__FIELDS__}
local n, nd, nr = #KEYS / 3, tonumber(ARGV[1]), tonumber(ARGV[2])
local domains, rcpts = {}, {}
for j = 1, nd do domains[j] = ARGV[2 + n + j] end
for j = 1, nr do rcpts[j] = ARGV[2 + n + nd + j] end
local function unknown(key, members)
  if #members == 0 then return 0 end
  local c = 0
  for _, v in ipairs(redis.call('ZMSCORE', key, unpack(members))) do
    if not v then c = c + 1 end
  end
  return c
end
local out = {}
for i = 1, n do
  -- read the hash whole (cheaper than naming each of its fields) and lay the fields out in order
  local raw, have = redis.call('HGETALL', KEYS[3 * i - 2]), {}
  for j = 1, #raw, 2 do have[raw[j]] = raw[j + 1] end
  local vals = {}
  for j = 1, #fields do vals[j] = have[fields[j]] or '' end
  local kind = ARGV[2 + i]
  local new_d, new_r = -1, -1
  if kind == 't' or kind == 's' then
    new_d, new_r = unknown(KEYS[3 * i - 1], domains), unknown(KEYS[3 * i], rcpts)
  end
  out[i] = table.concat(vals, ',') .. ',' .. new_d .. ',' .. new_r
end
return out
""".replace("__FIELDS__", ", ".join(f"'{f}'" for f in FIELDS + RING))


@dataclass(frozen=True, slots=True)
class HistoryRead:
    """One run of the read-only script, prepared: its keys and arguments, and what its answer is read with."""

    keys: list[str]
    args: list[Any]
    objects: tuple[SenderObject, ...]
    domains: int  # the message's distinct recipient domains
    now: float


def _kind(obj: SenderObject) -> str:
    if obj.type is SoType.ACCOUNT:
        return "a"
    if obj.type is SoType.SCRIPT:
        return "s"
    return "t" if obj.type in TRACKS_RECIPIENTS else "o"


def _float(v: Any) -> float:
    return float(v) if v is not None else 0.0


#: The values counters() names, picked by their field names out of FIELDS (whatever FIELDS' order), in the order
#: it unpacks them; and each ring slot's (wb<i>, w<i>, wr<i>) positions after FIELDS.
_PICK = itemgetter(*map(FIELDS.index, ("c", "h", "s", "f", "l", "fc", "lc", "t", "b", "bn", "n", "hr", "hc", "hn", "rc",
                                        "rh", "rt", "sc")))
_SLOTS = tuple((len(FIELDS) + RING.index(f"wb{i}"), len(FIELDS) + RING.index(f"w{i}"),
                len(FIELDS) + RING.index(f"wr{i}")) for i in range(BUCKETS))


def counters(values: Sequence[Any], now: float) -> Counters:
    """Counters from one object's hash values (FIELDS then RING, as HMGET returns them)."""
    if len(values) != len(FIELDS) + len(RING):
        raise ValueError(f"expected {len(FIELDS) + len(RING)} values, got {len(values)}")
    c, h, s, f, last, fc, lc, t, b, bn, n, hr, hc, hn, rc, rh, rt, sc = _PICK(values)
    bucket = int(now // BUCKET_S)
    window = new_rcpts = 0
    for at_bucket, at_count, at_new in _SLOTS:
        wb = values[at_bucket]
        if wb is not None and int(wb) > bucket - BUCKETS:
            window += int(values[at_count] or 0)
            new_rcpts += int(values[at_new] or 0)
    return Counters(
        clean=int(c or 0), held=int(h or 0), spam=int(s or 0), first_seen=_float(f), last_seen=_float(last),
        first_clean=_float(fc), last_clean=_float(lc), taint_until=_float(t), baseline=_float(b),
        baseline_new_rcpts=_float(bn), active_hours=int(n or 0), hour=int(hr) if hr is not None else -1,
        hour_clean=int(hc or 0), hour_new_rcpts=int(hn or 0), recent_clean=_float(rc), recent_held=_float(rh),
        recent_at=_float(rt), script_clean=int(sc or 0), window=window, window_new_rcpts=new_rcpts,
    )


def _one_account(objects: Sequence[SenderObject]) -> str:
    """The account id all objects of one message share."""
    ids = {o.account_id for o in objects}
    if len(ids) != 1:
        raise ValueError("sender objects of one message must belong to one account")
    return ids.pop()


class SenderHistoryStore:
    """Sender history in Redis: the one owner of the `hist` keys."""

    def __init__(self, client: redis.Redis, settings: Settings | HistorySettings) -> None:
        self.client = client
        self.hs = settings.history if isinstance(settings, Settings) else settings
        self._record = client.register_script(_RECORD_LUA)
        self._view = client.register_script(_VIEW_LUA)

    # ---- the scan path -----------------------------------------------------------------------------------------
    def view_plan(self, objects: Sequence[SenderObject], recipients: Sequence[str],
                  now: float | None = None) -> HistoryRead | None:
        """The read-only script's keys and arguments for one message; None when there is nothing to read."""
        if not self.hs.enabled or not objects:
            return None
        now = time.time() if now is None else now
        domains, members = message_recipients(recipients, MAX_RECIPIENTS_PER_MESSAGE)
        ks: list[str] = []
        for o in objects:
            ks += [keys.history_object(o.id), keys.history_domains(o.id), keys.history_recipients(o.id)]
        args = [len(domains), len(members), *(_kind(o) for o in objects), *domains, *members]
        return HistoryRead(ks, args, tuple(objects), len(domains), now)

    def view_answer(self, read: HistoryRead, answer: Sequence[Any]) -> HistoryView:
        """What the read-only script's answer says about the objects."""
        out: list[ObjectHistory] = []
        for o, raw in zip(read.objects, answer, strict=True):
            *values, new_domains, new_rcpts = (raw.decode() if isinstance(raw, bytes) else raw).split(",")
            tracks = o.type in TRACKS_RECIPIENTS
            out.append(assess(o, counters([v or None for v in values], read.now), self.hs, now=read.now,
                              recipient_domains=read.domains if tracks else 0,
                              new_domains=max(int(new_domains), 0), new_recipients=max(int(new_rcpts), 0)))
        return HistoryView(tuple(out))

    def view(self, objects: Sequence[SenderObject], recipients: Sequence[str],
             now: float | None = None) -> HistoryView:
        """What history knows about a message's objects and recipients, this message included; one read-only
        round trip."""
        read = self.view_plan(objects, recipients, now)
        if read is None:
            return HistoryView()
        return self.view_answer(read, run_script(self._view, read.keys, read.args))

    def record_plan(self, objects: Sequence[SenderObject], recipients: Sequence[str], delivered: bool,
                    now: float | None = None) -> tuple[list[str], list[Any]] | None:
        """The record script's keys and arguments (ARGV[2] is `delivered`); None when nothing is recorded."""
        if not self.hs.enabled or not objects:
            return None
        now = time.time() if now is None else now
        hs = self.hs
        domains, members = message_recipients(recipients, MAX_RECIPIENTS_PER_MESSAGE)
        ks = [keys.history_account(_one_account(objects))]
        args: list[Any] = [repr(now), int(bool(delivered)), int(hs.ttl_days * DAY_S), hs.max_objects_per_account,
                           hs.max_domains_per_sender, hs.max_recipients_per_sender, 1.0 / hs.baseline_hours,
                           hs.spike_factor, hs.spike_min, hs.rcpt_burst_factor, hs.rcpt_burst_min, RECENT_TAU_S,
                           BUCKETS, BUCKET_S, keys.history_object(""), keys.history_domains(""),
                           keys.history_recipients(""), len(objects), len(domains), len(members)]
        for o in objects:
            ks += [keys.history_object(o.id), keys.history_domains(o.id), keys.history_recipients(o.id)]
            args += [o.id, _kind(o)]
        return ks, [*args, *domains, *members]

    def record(self, objects: Sequence[SenderObject], recipients: Sequence[str], delivered: bool,
               now: float | None = None) -> None:
        """Learn a verdict: delivered mail grows the clean history; held or rejected mail only the hour and holds."""
        plan = self.record_plan(objects, recipients, delivered, now)
        if plan is not None:
            self._record(keys=plan[0], args=plan[1])

    # ---- the learn path ----------------------------------------------------------------------------------------
    def confirm_spam(self, objects: Sequence[SenderObject], now: float | None = None) -> None:
        """An admin confirmed a held message as spam: wipe its senders' clean history and taint them."""
        if not objects:
            return
        now = time.time() if now is None else now
        ttl = int(self.hs.ttl_days * DAY_S)
        registry = keys.history_account(_one_account(objects))
        pipe = self.client.pipeline(transaction=True)  # blind writes only: nothing read, nothing to race
        for o in objects:
            h = keys.history_object(o.id)
            pipe.hdel(h, *CLEAN_FIELDS)
            pipe.hincrby(h, "s", 1)
            pipe.hset(h, mapping={"t": repr(now + self.hs.taint_days * DAY_S)})
            pipe.hsetnx(h, "f", repr(now))
            pipe.expire(h, ttl)
            pipe.delete(keys.history_domains(o.id), keys.history_recipients(o.id))
            if o.type is not SoType.ACCOUNT:
                pipe.zadd(registry, {o.id: now})
        pipe.expire(registry, ttl)
        pipe.execute()

    # ---- display -----------------------------------------------------------------------------------------------
    def baselines(self, objects: Sequence[SenderObject], now: float | None = None) -> dict[str, dict[str, Any]]:
        """Per object id with a history, its baseline for display (core.learning.sender_history.display); one round
        trip."""
        now = time.time() if now is None else now
        pipe = self.client.pipeline(transaction=False)
        for o in objects:
            pipe.hmget(keys.history_object(o.id), FIELDS + RING)
            pipe.zcard(keys.history_domains(o.id))
        results = pipe.execute()
        out: dict[str, dict[str, Any]] = {}
        for i, o in enumerate(objects):
            c = counters(results[2 * i], now)
            if c.seen:
                shown = display(assess(o, c, self.hs, now=now, this_message=False))
                shown["recipient_domains"] = int(results[2 * i + 1])
                out[o.id] = shown
        return out

    def baseline(self, obj: SenderObject, now: float | None = None) -> dict[str, Any] | None:
        """One object's baseline, with the recipient domains it delivered to most recently; None if no history."""
        found = self.baselines([obj], now).get(obj.id)
        if found is not None:
            recent = self.client.zrevrange(keys.history_domains(obj.id), 0, 9)
            found["recent_domains"] = [d.decode() for d in recent]
        return found


class MemorySenderHistoryStore:
    """SenderHistoryStore's stub twin for unit tests and benchmarks: the same fields and rules, in process memory."""

    def __init__(self, settings: Settings | HistorySettings) -> None:
        self.hs = settings.history if isinstance(settings, Settings) else settings
        self.hashes: dict[str, dict[str, Any]] = {}  # object id -> its fields, as the Redis hash
        self.domains: dict[str, dict[str, float]] = {}  # object id -> domain -> last use
        self.recipients: dict[str, dict[str, float]] = {}
        self.registry: dict[str, dict[str, float]] = {}  # account id -> object id -> last message
        self.expires: dict[str, float] = {}  # object id -> when its keys expire

    def _fields(self, so_id: str, now: float) -> dict[str, Any]:
        if self.expires.get(so_id, now + 1) <= now:
            self._drop(so_id)
        return self.hashes.get(so_id, {})

    def _drop(self, so_id: str) -> None:
        for store in (self.hashes, self.domains, self.recipients, self.expires):
            store.pop(so_id, None)

    def view(self, objects: Sequence[SenderObject], recipients: Sequence[str],
             now: float | None = None) -> HistoryView:
        """As SenderHistoryStore.view."""
        if not self.hs.enabled or not objects:
            return HistoryView()
        now = time.time() if now is None else now
        domains, members = message_recipients(recipients, MAX_RECIPIENTS_PER_MESSAGE)
        out = []
        for o in objects:
            f = self._fields(o.id, now)
            c = counters([f.get(k) for k in FIELDS + RING], now)
            tracks = o.type in TRACKS_RECIPIENTS
            known_d, known_r = self.domains.get(o.id, {}), self.recipients.get(o.id, {})
            out.append(assess(o, c, self.hs, now=now, recipient_domains=len(domains) if tracks else 0,
                              new_domains=sum(d not in known_d for d in domains) if tracks else 0,
                              new_recipients=sum(m not in known_r for m in members) if tracks else 0))
        return HistoryView(tuple(out))

    def record(self, objects: Sequence[SenderObject], recipients: Sequence[str], delivered: bool,
               now: float | None = None) -> None:
        """As SenderHistoryStore.record (the Lua script, line for line)."""
        if not self.hs.enabled or not objects:
            return
        now = time.time() if now is None else now
        hs = self.hs
        domains, members = message_recipients(recipients, MAX_RECIPIENTS_PER_MESSAGE)
        account_id = _one_account(objects)
        registry = self.registry.setdefault(account_id, {})
        hour, bucket = int(now // 3600), int(now // BUCKET_S)
        slot = bucket % BUCKETS
        script_delivered, account_fields = False, None
        for o in objects:
            f = self.hashes.setdefault(o.id, self._fields(o.id, now))
            self._fold(f, hour)
            tracks = o.type in TRACKS_RECIPIENTS
            known = self.recipients.setdefault(o.id, {})
            new_r = sum(m not in known for m in members) if tracks else 0
            if f.get(f"wb{slot}") is None or int(f[f"wb{slot}"]) < bucket:
                f.update({f"wb{slot}": bucket, f"w{slot}": 1, f"wr{slot}": new_r})
            else:
                f[f"w{slot}"] += 1
                f[f"wr{slot}"] += new_r
            f.setdefault("f", now)
            f["l"] = max(now, float(f.get("l", 0)))
            if delivered:
                f["c"] = f.get("c", 0) + 1
                f["hc"] = f.get("hc", 0) + 1
                f["hn"] = f.get("hn", 0) + new_r
                f.setdefault("fc", now)
                f["lc"] = max(now, float(f.get("lc", 0)))
                self._recent(f, now, 1, 0)
                if tracks:
                    self._remember(self.domains.setdefault(o.id, {}), domains, now, hs.max_domains_per_sender)
                    self._remember(known, members, now, hs.max_recipients_per_sender)
                script_delivered = script_delivered or o.type is SoType.SCRIPT
            else:
                f["h"] = f.get("h", 0) + 1
                self._recent(f, now, 0, 1)
            if o.type is SoType.ACCOUNT:
                account_fields = f
            else:
                registry[o.id] = now
            self.expires[o.id] = now + hs.ttl_days * DAY_S
        if script_delivered and account_fields is not None:
            account_fields["sc"] = account_fields.get("sc", 0) + 1
        for so_id, seen in list(registry.items()):
            if seen < now - hs.ttl_days * DAY_S:
                del registry[so_id]
        extra = len(registry) - hs.max_objects_per_account
        for so_id, _ in sorted(registry.items(), key=lambda kv: (kv[1], kv[0]))[:max(extra, 0)]:
            del registry[so_id]
            self._drop(so_id)

    def _fold(self, f: dict[str, Any], hour: int) -> None:
        if f.get("hr") is not None and int(f["hr"]) >= hour:
            return
        c = Counters(baseline=float(f.get("b", 0)), baseline_new_rcpts=float(f.get("bn", 0)),
                     active_hours=int(f.get("n", 0)), hour_clean=int(f.get("hc", 0)),
                     hour_new_rcpts=int(f.get("hn", 0)))
        if c.hour_clean > 0:
            f["b"], f["bn"], f["n"] = fold_hour(c, self.hs)
        f.update({"hr": hour, "hc": 0, "hn": 0})

    @staticmethod
    def _recent(f: dict[str, Any], now: float, add_clean: int, add_held: int) -> None:
        since = now - float(f["rt"]) if "rt" in f else 0.0
        f["rc"] = decay(float(f.get("rc", 0)), since) + add_clean
        f["rh"] = decay(float(f.get("rh", 0)), since) + add_held
        f["rt"] = max(now, float(f.get("rt", 0)))

    @staticmethod
    def _remember(known: dict[str, float], members: Sequence[str], now: float, cap: int) -> None:
        for m in members:
            known[m] = now
        extra = len(known) - cap
        for m, _ in sorted(known.items(), key=lambda kv: (kv[1], kv[0]))[:max(extra, 0)]:
            del known[m]

    def confirm_spam(self, objects: Sequence[SenderObject], now: float | None = None) -> None:
        """As SenderHistoryStore.confirm_spam."""
        if not objects:
            return
        now = time.time() if now is None else now
        account_id = _one_account(objects)
        for o in objects:
            f = self.hashes.setdefault(o.id, self._fields(o.id, now))
            for k in CLEAN_FIELDS:
                f.pop(k, None)
            f["s"] = f.get("s", 0) + 1
            f["t"] = now + self.hs.taint_days * DAY_S
            f.setdefault("f", now)
            self.expires[o.id] = now + self.hs.ttl_days * DAY_S
            self.domains.pop(o.id, None)
            self.recipients.pop(o.id, None)
            if o.type is not SoType.ACCOUNT:
                self.registry.setdefault(account_id, {})[o.id] = now

    def baselines(self, objects: Sequence[SenderObject], now: float | None = None) -> dict[str, dict[str, Any]]:
        """As SenderHistoryStore.baselines."""
        now = time.time() if now is None else now
        out: dict[str, dict[str, Any]] = {}
        for o in objects:
            f = self._fields(o.id, now)
            c = counters([f.get(k) for k in FIELDS + RING], now)
            if c.seen:
                shown = display(assess(o, c, self.hs, now=now, this_message=False))
                shown["recipient_domains"] = len(self.domains.get(o.id, {}))
                out[o.id] = shown
        return out

    def baseline(self, obj: SenderObject, now: float | None = None) -> dict[str, Any] | None:
        """As SenderHistoryStore.baseline."""
        found = self.baselines([obj], now).get(obj.id)
        if found is not None:
            known = self.domains.get(obj.id, {})
            found["recent_domains"] = sorted(known, key=lambda d: (-known[d], d))[:10]
        return found
