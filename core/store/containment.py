"""Contained sender objects: a script, sender address or domain whose mail is held (or refused) while the rest of its
account's mail flows.

One Redis hash (id -> JSON) holds every containment, with a version counter bumped on each change. A worker keeps
the hash in memory and asks for the counter at most every `containment.cache_s` seconds (re-reading the hash only
when it moved), so the scan path costs no Redis round trip of its own between those reads. The automatic policy
counts an object's holds in a sliding window and contains it in the same Lua call once they reach the threshold.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

import redis

from core import keys
from core.errors import Forbidden, LimitExceeded, ValidationError
from core.identity.caller import Identity
from core.identity.sender_objects import OVERFLOW_NAMES, SenderObject, SoType, overflow_object, sender_objects
from core.models import Action, Direction, Envelope, Sender, Verdict
from core.settings import ContainmentSettings
from core.store.events import EventStore

log = logging.getLogger("mailward.containment")

#: Objects that may be contained: an account has its own switch (its state, `block`).
CONTAINABLE = frozenset({SoType.SCRIPT, SoType.SENDER_EMAIL, SoType.DOMAIN})
ACTIONS = ("hold", "reject")
#: Who set a containment, weakest first: a containment is lifted only by its setter's rank or above.
RANKS = {"account": 1, "reseller": 2, "admin": 3}
MAX_NOTE = 200

# KEYS: 1 the hash, 2 the version counter. ARGV: 1 id, 2 JSON, 3 max objects, 4 replace (1: update an existing one).
# Returns {created (1/0), the JSON now stored} or {-1} when the cap is reached.
_CONTAIN_LUA = """
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old and ARGV[4] ~= '1' then return {0, old} end
if not old and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return {-1, ''} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('INCR', KEYS[2])
if old then return {0, ARGV[2]} end
return {1, ARGV[2]}
"""

# KEYS: 1 the hash, 2 the version counter, then one holds ZSET per object. ARGV: 1 now, 2 window, 3 threshold,
# 4 max objects, 5 a unique member suffix, then (id, JSON) per object. Returns the ids contained by this call.
_NOTE_HOLD_LUA = """
local now, window, threshold, cap = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
for i = 3, #KEYS do
  local j = 6 + (i - 3) * 2
  local id, doc = ARGV[j], ARGV[j + 1]
  if redis.call('HEXISTS', KEYS[1], id) == 0 then
    redis.call('ZADD', KEYS[i], now, ARGV[5] .. ':' .. id)
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
    redis.call('EXPIRE', KEYS[i], window + 60)
    if redis.call('ZCARD', KEYS[i]) >= threshold and redis.call('HLEN', KEYS[1]) < cap then
      redis.call('HSET', KEYS[1], id, doc)
      redis.call('DEL', KEYS[i])
      redis.call('INCR', KEYS[2])
      table.insert(out, id)
    end
  end
end
return out
"""


@dataclass(frozen=True, slots=True)
class Containment:
    """One contained sender object and who contained it."""

    id: str
    so_type: str
    name: str
    account: str
    action: str  # "hold" or "reject"
    since: float
    by: str  # the identity's label, or "auto"
    rank: str  # "account", "reseller" or "admin": who may lift it (that rank or above)
    auto: bool = False
    note: str = ""
    holds: int = 0  # automatic: the holds within the window that crossed the threshold

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["since"] = int(self.since)
        return out

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: bytes | str) -> Containment:
        d = json.loads(raw)
        return cls(id=str(d["id"]), so_type=str(d["so_type"]), name=str(d["name"]), account=str(d["account"]),
                   action=str(d.get("action", "hold")), since=float(d.get("since", 0)), by=str(d.get("by", "")),
                   rank=str(d.get("rank", "admin")), auto=bool(d.get("auto", False)), note=str(d.get("note", "")),
                   holds=int(d.get("holds", 0)))


def rank_of(identity: Identity) -> str:
    """The containment rank an identity acts with."""
    return "admin" if identity.is_admin else "reseller" if identity.is_reseller else "account"


def check_containable(obj: SenderObject) -> None:
    """ValidationError unless obj is a script, address or domain with a name of its own."""
    if obj.type not in CONTAINABLE:
        raise ValidationError(f"a {obj.type.value} cannot be contained (only a script, sender email or domain; "
                              "an account is stopped with its state: ie-cli accounts edit --state block)")
    if obj.type in OVERFLOW_NAMES and obj.id == overflow_object(obj.type, obj.account).id:
        raise ValidationError(f"{obj.name} of account {obj.account} stands for many objects and cannot be contained")


class ContainmentStore:
    """Containments in Redis, and the worker's cached view of them."""

    def __init__(self, client: redis.Redis, settings: ContainmentSettings, *, clock: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.settings = settings
        self.clock = clock
        self.monotonic = monotonic
        self._contain = client.register_script(_CONTAIN_LUA)
        self._note = client.register_script(_NOTE_HOLD_LUA)
        self._lock = threading.Lock()
        self._cache: dict[str, Containment] = {}
        self._version: bytes | None = None
        self._checked_at: float | None = None

    # -- changes (API) --

    def contain(self, obj: SenderObject, identity: Identity, *, action: str = "", note: str = "") -> \
            tuple[Containment, bool]:
        """Contain obj (or change the action of its containment); (the containment, whether it is new)."""
        check_containable(obj)
        action = action or self.settings.action
        if action not in ACTIONS:
            raise ValidationError(f"action must be hold or reject, got {action!r}")
        existing = self.get(obj.id)
        if existing is not None and not may_lift(identity, existing, self.settings):
            raise Forbidden(f"{obj.type.value} {obj.name} was contained by {existing.by}; only the same rank or "
                            "above may change it")
        item = Containment(id=obj.id, so_type=obj.type.value, name=obj.name, account=obj.account, action=action,
                           since=existing.since if existing else self.clock(), by=identity.label(),
                           rank=rank_of(identity), note=note[:MAX_NOTE])
        created, stored = self._contain(keys=[keys.contained(), keys.contained_version()],
                                        args=[obj.id, item.to_json(), self.settings.max_objects, 1])
        if int(created) < 0:
            raise LimitExceeded(f"{self.settings.max_objects} sender objects are contained already "
                                "(containment.max_objects); lift some first")
        return Containment.from_json(stored), bool(int(created))

    def uncontain(self, so_id: str, identity: Identity) -> Containment | None:
        """Lift a containment; None if the object was not contained."""
        existing = self.get(so_id)
        if existing is None:
            return None
        if not may_lift(identity, existing, self.settings):
            who = "an automatic containment" if existing.auto else f"a containment set by {existing.rank}"
            by = "the server administrator" if lift_rank(existing, self.settings) == "admin" else \
                "the account's reseller or the server administrator"
            raise Forbidden(f"{who} of {existing.so_type} {existing.name} can be lifted only by {by}")
        pipe = self.client.pipeline()
        pipe.hdel(keys.contained(), so_id)
        pipe.incr(keys.contained_version())
        pipe.delete(keys.contained_holds(so_id))
        removed, _, _ = pipe.execute()
        return existing if removed else None

    # -- reads --

    def get(self, so_id: str) -> Containment | None:
        raw = self.client.hget(keys.contained(), so_id)
        return Containment.from_json(raw) if raw is not None else None

    def many(self, ids: Iterable[str]) -> dict[str, Containment]:
        """The containments of these ids (those contained)."""
        wanted = list(ids)
        if not wanted:
            return {}
        raws = self.client.hmget(keys.contained(), wanted)
        return {i: Containment.from_json(r) for i, r in zip(wanted, raws, strict=True) if r is not None}

    def listing(self, accounts: frozenset[str] | None = None) -> list[Containment]:
        """Every containment (of these accounts), newest first."""
        items = [Containment.from_json(r) for r in self.client.hvals(keys.contained())]
        return sorted((c for c in items if accounts is None or c.account in accounts),
                      key=lambda c: (-c.since, c.account, c.name))

    # -- the scan path --

    def lookup(self, sender: Sender) -> Containment | None:
        """The containment that applies to mail from `sender` (its most specific contained object), or None."""
        objects = [o for o in sender_objects(sender) if o.type in CONTAINABLE]
        if not objects:
            return None
        current = self._current(objects)
        hits = [current[o.id] for o in reversed(objects) if o.id in current]  # script, address, then domain
        return hits[0] if hits else None

    def _current(self, objects: list[SenderObject]) -> dict[str, Containment]:
        if self.settings.cache_s <= 0:
            return self.many(o.id for o in objects)
        now = self.monotonic()
        with self._lock:
            if self._checked_at is not None and now - self._checked_at < self.settings.cache_s:
                return self._cache
        version = self.client.get(keys.contained_version())
        with self._lock:
            if version != self._version or self._checked_at is None:
                self._cache = {k.decode(): Containment.from_json(v)
                               for k, v in self.client.hgetall(keys.contained()).items()}
                self._version = version
            self._checked_at = now
            return self._cache

    def note_hold(self, sender: Sender, reasons: Iterable[str]) -> list[Containment]:
        """Count one hold of sender's objects for the automatic policy; the containments it created (usually none)."""
        s = self.settings
        if not s.auto or not set(reasons) & set(s.reasons):
            return []
        # the most specific object counts (a script over the address it sends as, an address over its domain)
        objects = [o for o in sender_objects(sender) if o.type.value in s.types][-1:]
        if not objects:
            return []
        now = self.clock()
        docs = {o.id: Containment(id=o.id, so_type=o.type.value, name=o.name, account=o.account, action=s.action,
                                  since=now, by="auto", rank=s.auto_lift_by, auto=True,
                                  note=f"{s.threshold} holds ({', '.join(sorted(set(reasons) & set(s.reasons)))}) "
                                       f"within {s.window_s} s", holds=s.threshold)
                for o in objects}
        args: list[object] = [now, s.window_s, s.threshold, s.max_objects, os.urandom(6).hex()]
        for o in objects:
            args += [o.id, docs[o.id].to_json()]
        made = self._note(keys=[keys.contained(), keys.contained_version(),
                                *(keys.contained_holds(o.id) for o in objects)], args=args)
        return [docs[i.decode() if isinstance(i, bytes) else str(i)] for i in made]


def contained_event(item: Containment, *, by: str) -> dict[str, object]:
    """The data of a sender.contained / sender.uncontained event."""
    return {"account": item.account, "object": {"type": item.so_type, "name": item.name, "id": item.id},
            "action": item.action, "auto": item.auto, "note": item.note, "by": by}


def auto_contain(store: ContainmentStore, verdict: Verdict, envelope: Envelope, events: EventStore) -> None:
    """After a scan: count an outgoing hold for the automatic policy, and announce what it contained (never fails
    the scan: the message is held already)."""
    if not store.settings.auto or verdict.action != Action.QUARANTINE or envelope.direction != Direction.OUTGOING \
            or verdict.bounce:
        return
    try:
        made = store.note_hold(verdict.sender, [str(r) for r in verdict.reasons])
    except redis.RedisError as exc:
        log.warning("automatic containment not counted for queue_id=%s: %s", envelope.queue_id or "-", exc)
        return
    for item in made:
        log.warning("containment auto account=%s %s=%r id=%s action=%s after %s", item.account, item.so_type,
                    item.name, item.id, item.action, item.note)
        events.emit("sender.contained", contained_event(item, by="auto"))


def lift_rank(item: Containment, settings: ContainmentSettings) -> str:
    """The lowest rank that may lift (or change) a containment: its setter's; automatic ones: auto_lift_by."""
    return settings.auto_lift_by if item.auto else item.rank


def may_lift(identity: Identity, item: Containment, settings: ContainmentSettings) -> bool:
    """Whether identity may lift item (it must also be allowed to touch the item's account: the caller's check)."""
    return RANKS[rank_of(identity)] >= RANKS.get(lift_rank(item, settings), RANKS["admin"])
