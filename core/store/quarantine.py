"""The quarantine: held messages on disk per account, indexed in Redis, rebuildable from disk."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis

from core import durable_files, keys
from core.errors import NotFound, ValidationError
from core.identity.sender_objects import script_name
from core.models import QuarantineRecord
from core.names import valid_account, valid_email_id
from core.store.events import EMIT_BATCH, EventStore
from core.store.quarantine_accounts import QuarantineAccounts
from core.store.quarantine_recovery import RECOVER_LUA, RECOVER_MIN_AGE_S, QuarantineRecovery

log = logging.getLogger("mailward.quarantine")

#: The event of every message leaving the quarantine other than by release; its data says why.
DELETED = "email.deleted"

#: The eviction both scripts below share: delete an account's oldest held mail (never `keep`, at most `most`
#: messages, 0: no cap) until its used bytes fit `limit`; counts the evictions. Returns the ids and the bytes used.
_EVICT_OLDEST = """
local function evict_oldest(acct_z, all_z, used_h, evicted_k, account, used, limit, prefix, keep, most)
  local evicted = {}
  while used > limit and (most <= 0 or #evicted < most) do
    local oldest = redis.call('ZRANGE', acct_z, 0, 0)
    if #oldest == 0 or oldest[1] == keep then break end
    local old = oldest[1]
    local m = redis.call('GET', prefix .. old)
    local sz = 0
    if m then sz = tonumber(cjson.decode(m)['size']) or 0 end
    redis.call('ZREM', acct_z, old)
    redis.call('ZREM', all_z, old)
    redis.call('DEL', prefix .. old)
    used = redis.call('HINCRBY', used_h, account, -sz)
    table.insert(evicted, old)
  end
  if #evicted > 0 then
    redis.call('INCRBY', evicted_k, #evicted)
    redis.call('EXPIRE', evicted_k, 7200)
  end
  return evicted, used
end
"""

# Adds one message to the index, then evicts the account's oldest messages (never the new one) until the
# account is within its byte limit. One script, so concurrent workers never over- or under-count.
_HOLD_LUA = _EVICT_OLDEST + """
local acct_z, all_z, used_h, evicted_k = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, ts, meta, size, account, limit, prefix = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5],
  tonumber(ARGV[6]), ARGV[7]
redis.call('ZADD', acct_z, ts, id)
redis.call('ZADD', all_z, ts, id)
redis.call('SET', prefix .. id, meta)
local used = redis.call('HINCRBY', used_h, account, size)
local evicted, used = evict_oldest(acct_z, all_z, used_h, evicted_k, account, used, limit, prefix, id, 0)
return evicted
"""

# Removes one message from the index; returns 1 if it was there.
_DROP_LUA = """
local acct_z, all_z, used_h = KEYS[1], KEYS[2], KEYS[3]
local id, account, prefix = ARGV[1], ARGV[2], ARGV[3]
local m = redis.call('GET', prefix .. id)
if not m then return 0 end
local sz = tonumber(cjson.decode(m)['size']) or 0
redis.call('ZREM', acct_z, id)
redis.call('ZREM', all_z, id)
redis.call('DEL', prefix .. id)
redis.call('HINCRBY', used_h, account, -sz)
return 1
"""

# Removes one message from the index for retention and counts it for its account; returns 1 if it was there.
# An id whose metadata is gone (a half-removed message) leaves the all-accounts index so the sweep moves on.
_EXPIRE_LUA = """
local acct_z, all_z, used_h, expired_k = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, account, prefix, keep = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local m = redis.call('GET', prefix .. id)
if not m then
  redis.call('ZREM', all_z, id)
  return 0
end
local sz = tonumber(cjson.decode(m)['size']) or 0
redis.call('ZREM', acct_z, id)
redis.call('ZREM', all_z, id)
redis.call('DEL', prefix .. id)
redis.call('HINCRBY', used_h, account, -sz)
redis.call('INCR', expired_k)
redis.call('EXPIRE', expired_k, keep)
return 1
"""

#: Evicts an account's oldest held mail until its used bytes fit its limit (at most ARGV[4] messages, 0: no cap);
#: returns {evicted ids, used bytes after}. The same bookkeeping as a hold's eviction above.
_EVICT_LUA = _EVICT_OLDEST + """
local acct_z, all_z, used_h, evicted_k = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local account, limit, prefix, most = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local used = tonumber(redis.call('HGET', used_h, account) or '0')
local evicted, used = evict_oldest(acct_z, all_z, used_h, evicted_k, account, used, limit, prefix, '', most)
return {evicted, used}
"""
#: Messages evicted per call of _EVICT_LUA when a lowered quota is applied (each call is one short Redis script).
EVICT_BATCH = 500

#: Seconds a daily retention counter lives: long enough for "the current and previous UTC day".
EXPIRED_KEEP_S = 2 * 86400


@dataclass(frozen=True, slots=True)
class EmailFilter:
    """Optional conditions on a listing; every given condition must hold."""

    direction: str = ""
    reason: str = ""
    sender: str = ""  # case-insensitive substring of the envelope sender
    recipient: str = ""  # case-insensitive substring of any envelope recipient
    subject: str = ""  # case-insensitive substring of the subject
    script: str = ""  # case-insensitive substring of the sending script (domain/path, or its raw header)

    def __bool__(self) -> bool:
        return any((self.direction, self.reason, self.sender, self.recipient, self.subject, self.script))

    def matches(self, r: QuarantineRecord) -> bool:
        """True if the record satisfies every condition."""
        if self.direction and r.direction != self.direction:
            return False
        if self.reason and self.reason not in r.reasons:
            return False
        if self.sender and self.sender.lower() not in r.sender.lower():
            return False
        if self.recipient and not any(self.recipient.lower() in x.lower() for x in r.recipients):
            return False
        if self.script and not _script_matches(self.script.casefold(), r):
            return False
        return not (self.subject and self.subject.casefold() not in r.subject.casefold())


def _script_matches(wanted: str, r: QuarantineRecord) -> bool:
    """Whether a held message was sent by a script whose name (domain/path, or raw header) contains `wanted`."""
    s = r.script
    if not (s.raw or s.path):
        return False
    return wanted in script_name(s).casefold() or wanted in s.raw.casefold()


def _deleted(why: str, meta: Mapping[str, Any], by: str = "") -> dict[str, Any]:
    """The data of an `email.deleted` event for a message whose metadata (QuarantineRecord.to_dict) is at hand."""
    data: dict[str, Any] = {"email_id": str(meta["email_id"]), "account": str(meta["account"]),
                            "sender": str(meta.get("sender", "")), "recipients": len(meta.get("recipients") or []),
                            "reasons": list(meta.get("reasons") or []), "why": why}
    if by:
        data["by"] = by
    return data


class QuarantineStore(QuarantineAccounts, QuarantineRecovery):
    """Per-account quarantine: `<root>/<account>/<id>.eml` + `<id>.json`, indexed in Redis by time."""

    def __init__(self, root: Path, client: redis.Redis, *, default_limit_bytes: int,
                 default_releases_limit: int, state_ttl: float = 5.0, events: EventStore | None = None) -> None:
        self.root = root
        # Evictions, purges and retention emit `email.deleted` here; None (tools, tests) emits nothing.
        self.events = events
        self.state_ttl = state_ttl
        self._blocked: tuple[float, frozenset[str]] | None = None
        self.client = client
        self.default_limit_bytes = default_limit_bytes
        self.default_releases_limit = default_releases_limit
        self._hold = client.register_script(_HOLD_LUA)
        self._evict = client.register_script(_EVICT_LUA)
        self._drop = client.register_script(_DROP_LUA)
        self._expire = client.register_script(_EXPIRE_LUA)
        self._recover = client.register_script(RECOVER_LUA)

    # ---- paths -------------------------------------------------------------------------------------------
    def _account_dir(self, account: str) -> Path:
        return self.root / valid_account(account)

    def message_path(self, account: str, email_id: str) -> Path:
        """Path of the held message file; both parts validated so no id can escape the quarantine."""
        return self._account_dir(account) / f"{valid_email_id(email_id)}.eml"

    def _meta_path(self, account: str, email_id: str) -> Path:
        return self._account_dir(account) / f"{valid_email_id(email_id)}.json"

    # ---- writing -----------------------------------------------------------------------------------------
    def hold(self, spool_path: Path, record: QuarantineRecord, *, keep_source: bool = False) -> list[str]:
        """Move a spooled message into the quarantine durably, index it, evict over-quota; return evicted ids.

        The metadata sidecar is written before the message file, so a message file in the quarantine always has
        its metadata beside it; `recover` and `rebuild_index` index it again after a crash. If indexing fails (or
        the worker is interrupted, e.g. by its time limit) the hold is undone and the error raised, so the caller
        applies its failure path and the message is never both held and answered otherwise. keep_source copies
        instead of moving (one message held as several copies, one per recipient account).
        """
        valid_email_id(record.email_id)
        adir = self._account_dir(record.account)
        adir.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = adir / f"{record.email_id}.eml"
        meta_path = adir / f"{record.email_id}.json"
        data = b""
        if keep_source:
            data = Path(spool_path).read_bytes()
            record.size = len(data)
        else:
            with open(spool_path, "rb") as fh:
                os.fsync(fh.fileno())
                record.size = os.fstat(fh.fileno()).st_size
        meta = json.dumps(record.to_dict(), separators=(",", ":")).encode()
        durable_files.write_atomic(meta_path, meta)
        moved = False
        try:
            if keep_source:
                durable_files.write_atomic(target, data)
            else:
                os.replace(spool_path, target)  # same filesystem: spool lives under the state dir
                moved = True
            durable_files.fsync_dir(adir)
            evicted = self._index(record, meta)
        except BaseException:
            if moved:
                # Give the message back to the spool, where the caller (and the gateway, which takes the spool file
                # before its fail mode answers) still finds it: undone, a hold must never lose the message.
                with contextlib.suppress(OSError):
                    os.replace(target, spool_path)
            self._undo_hold(record)
            raise
        for old in evicted:
            self._unlink(record.account, old)
        # The script returns the ids alone (an eviction stays one cheap call), so these events carry no sender.
        self._emit_deleted([{"email_id": old, "account": record.account, "why": "evicted"} for old in evicted])
        return evicted

    def _index(self, record: QuarantineRecord, meta: bytes) -> list[str]:
        quota = self.quota(record.account)
        hour = int(time.time() // 3600)
        evicted = self._hold(
            keys=[keys.quarantine_by_account(record.account), keys.quarantine_all(), keys.quarantine_used(),
                  keys.quarantine_evicted(record.account, hour)],
            args=[record.email_id, record.received, meta, record.size, record.account, quota.limit_bytes,
                  keys.quarantine_meta("")],
        )
        return [e.decode() for e in evicted]

    def _undo_hold(self, record: QuarantineRecord) -> None:
        """Take back a hold whose indexing failed: files first (message before sidecar), then any index entry."""
        with contextlib.suppress(OSError):
            self._unlink(record.account, record.email_id)
        # The script may have run with its reply lost; a dead Redis leaves the entry to read_message / expire,
        # which drop index entries whose file is gone.
        with contextlib.suppress(redis.RedisError, OSError):
            self._drop(keys=[keys.quarantine_by_account(record.account), keys.quarantine_all(),
                             keys.quarantine_used()],
                       args=[record.email_id, record.account, keys.quarantine_meta("")])

    def _unlink(self, account: str, email_id: str) -> None:
        for p in (self.message_path(account, email_id), self._meta_path(account, email_id)):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    def remove(self, email_id: str) -> QuarantineRecord:
        """Delete a held message from disk and index; raises NotFound if it is not held."""
        record = self.get(email_id)
        self._unlink(record.account, record.email_id)
        self._drop(keys=[keys.quarantine_by_account(record.account), keys.quarantine_all(),
                         keys.quarantine_used()],
                   args=[record.email_id, record.account, keys.quarantine_meta("")])
        return record

    def claim(self, email_id: str, ttl: float) -> bool:
        """Take the exclusive right to release or remove one message (SET NX); False if someone holds it."""
        ms = max(int(ttl * 1000), 1)
        return bool(self.client.set(keys.quarantine_claim(valid_email_id(email_id)), "1", nx=True, px=ms))

    def unclaim(self, email_id: str) -> None:
        """Give a claim back."""
        self.client.delete(keys.quarantine_claim(valid_email_id(email_id)))

    def mark_released(self, record: QuarantineRecord, *, by: str, at: float, keep_s: int = 30 * 86400) -> None:
        """Remember a released message (metadata only, expiring) after it left the quarantine."""
        d = record.to_dict()
        d.update(status="released", released_at=at, released_by=by)
        self.client.set(keys.quarantine_released(record.email_id), json.dumps(d), ex=keep_s)

    def released(self, email_id: str) -> dict | None:
        """The release record of a message released in the last 30 days, or None."""
        raw = self.client.get(keys.quarantine_released(valid_email_id(email_id)))
        return json.loads(raw) if raw else None

    def purge_account(self, account: str, progress: Callable[[int, int], None] | None = None,
                      batch: int | None = None, *, by: str = "") -> int:
        """Delete the held messages of one account (oldest first, at most `batch`); returns how many.

        Each message removed emits `email.deleted` (why "purged"; `by` names who asked, when the caller knows).
        """
        end = -1 if batch is None else max(batch, 1) - 1
        ids = [i.decode() for i in self.client.zrange(keys.quarantine_by_account(valid_account(account)), 0, end)]
        gone: list[dict[str, Any]] = []
        for n, email_id in enumerate(ids, 1):
            with contextlib.suppress(NotFound):
                gone.append(_deleted("purged", self.remove(email_id).to_dict(), by))
            if progress:
                progress(n, len(ids))
            if len(gone) >= EMIT_BATCH:
                self._emit_deleted(gone)
                gone = []
        self._emit_deleted(gone)
        return len(ids)

    def enforce_quota(self, account: str, progress: Callable[[int, int], None] | None = None, *,
                      batch: int = EVICT_BATCH, max_batches: int = 0) -> int:
        """Evict the account's oldest held mail until it fits its limit in force (a lowered quota applies at once,
        not at the next hold); returns how many were evicted. progress(evicted so far, bytes still over) after each
        batch of `batch`; each eviction emits `email.deleted` (why "evicted") as a hold's eviction does.
        max_batches > 0 stops after that many batches even if the account is still over (a caller with a time
        budget, such as an API request, hands the rest to a job); over_bytes tells what is left.
        """
        valid_account(account)
        if batch < 1:
            raise ValidationError(f"batch must be at least 1, got {batch}")
        total = 0
        batches = 0
        while not max_batches or batches < max_batches:
            quota = self.quota(account)
            if quota.used_bytes <= quota.limit_bytes:
                return total
            hour = int(time.time() // 3600)
            ids, used = self._evict(
                keys=[keys.quarantine_by_account(account), keys.quarantine_all(), keys.quarantine_used(),
                      keys.quarantine_evicted(account, hour)],
                args=[account, quota.limit_bytes, keys.quarantine_meta(""), batch])
            batches += 1
            evicted = [i.decode() if isinstance(i, bytes) else str(i) for i in ids]
            for old in evicted:
                self._unlink(account, old)
            self._emit_deleted([{"email_id": old, "account": account, "why": "evicted"} for old in evicted])
            total += len(evicted)
            if progress:
                progress(total, max(0, int(used) - quota.limit_bytes))
            if not evicted:
                return total
        return total

    def over_bytes(self, account: str) -> int:
        """How many bytes the account's held mail is over its limit in force (0 when it fits)."""
        quota = self.quota(account)
        return max(0, quota.used_bytes - quota.limit_bytes)

    def _emit_deleted(self, items: list[dict[str, Any]]) -> None:
        if items and self.events is not None:  # emit_many logs and swallows Redis errors: the mail is gone anyway
            self.events.emit_many(DELETED, items)

    def expire(self, older_than: float, batch: int = 500, progress: Callable[[int], None] | None = None, *,
               now: float | None = None) -> dict[str, int]:
        """Delete held mail received before `older_than` (epoch), every account, `batch` at a time; removed per account.

        Messages another request has claimed (a release or removal in flight) are left to it. Held files a
        killed worker left unindexed (older than RECOVER_MIN_AGE_S) are indexed first, so retention sees them.
        """
        if batch < 1:
            raise ValidationError(f"batch must be at least 1, got {batch}")
        try:
            self.recover(min_age_s=RECOVER_MIN_AGE_S)
        except OSError as exc:  # retention of what is indexed goes on
            log.error("quarantine recovery before retention failed: %s", exc)
        day = int((time.time() if now is None else now) // 86400)
        removed: dict[str, int] = {}
        skipped = 0
        while True:
            # Removed ids leave the index, so the next batch starts again at the oldest left (after the skipped).
            ids = [i.decode() for i in self.client.zrangebyscore(keys.quarantine_all(), "-inf", f"({older_than}",
                                                                 start=skipped, num=batch)]
            if not ids:
                return removed
            metas = self.client.mget([keys.quarantine_meta(i) for i in ids])
            claims = self.client.mget([keys.quarantine_claim(i) for i in ids])
            gone_now: list[dict[str, Any]] = []
            for email_id, meta, claim in zip(ids, metas, claims, strict=True):
                if claim is not None:
                    skipped += 1
                    continue
                parsed = json.loads(meta) if meta is not None else {}
                account = parsed["account"] if meta is not None else ""
                if account:
                    self._unlink(account, email_id)
                    acct_key = keys.quarantine_by_account(account)
                else:  # no metadata: only the all-accounts entry is left to drop
                    acct_key = keys.quarantine_by_account("_")
                gone = self._expire(keys=[acct_key, keys.quarantine_all(), keys.quarantine_used(),
                                          keys.quarantine_expired(account or "_", day)],
                                    args=[email_id, account, keys.quarantine_meta(""), EXPIRED_KEEP_S])
                if gone:
                    removed[account] = removed.get(account, 0) + 1
                    if parsed:
                        gone_now.append(_deleted("expired", {**parsed, "email_id": email_id}))
            self._emit_deleted(gone_now)
            if progress:
                progress(sum(removed.values()))

    def expired_last_day(self, account: str) -> int:
        """Messages deleted for age (retention) in the current and previous UTC day."""
        day = int(time.time() // 86400)
        vals = self.client.mget([keys.quarantine_expired(account, day), keys.quarantine_expired(account, day - 1)])
        return sum(int(v) for v in vals if v)

    # ---- reading -----------------------------------------------------------------------------------------
    def get(self, email_id: str) -> QuarantineRecord:
        """Metadata of a held message; NotFound if unknown."""
        email_id = valid_email_id(email_id)
        raw = self.client.get(keys.quarantine_meta(email_id))
        if raw is None:
            raise NotFound(f"email {email_id} is not in the quarantine")
        return QuarantineRecord.from_dict(json.loads(raw))

    def read_message(self, record: QuarantineRecord) -> bytes:
        """The held message's bytes; NotFound if the file vanished (index entry then dropped)."""
        try:
            return self.message_path(record.account, record.email_id).read_bytes()
        except FileNotFoundError:
            self._drop(keys=[keys.quarantine_by_account(record.account), keys.quarantine_all(),
                             keys.quarantine_used()],
                       args=[record.email_id, record.account, keys.quarantine_meta("")])
            raise NotFound(f"email {record.email_id} is indexed but its file is gone; index entry dropped") \
                from None

    def list(self, account: str | None = None, *, since: float = 0.0, limit: int = 25, offset: int = 0,
             where: EmailFilter | None = None) -> tuple[list[QuarantineRecord], int]:
        """Held messages, newest first, and how many match in all; account None means every account."""
        if limit < 0 or offset < 0:
            raise ValidationError("limit and offset must not be negative")
        key = keys.quarantine_all() if account is None else keys.quarantine_by_account(valid_account(account))
        if not where:
            total = self.client.zcount(key, since, "+inf")
            ids = self.client.zrevrangebyscore(key, "+inf", since, start=offset, num=limit)
            return self._records(ids), total
        # Filters read every candidate's metadata in batches: a quarantine is bounded by its byte quota, so
        # this stays in the thousands of small JSON strings; the total is exact.
        out: list[QuarantineRecord] = []
        total, start, batch = 0, 0, 500
        while True:
            ids = self.client.zrevrangebyscore(key, "+inf", since, start=start, num=batch)
            if not ids:
                break
            start += len(ids)
            for rec in self._records(ids):
                if where.matches(rec):
                    if offset <= total < offset + limit:
                        out.append(rec)
                    total += 1
        return out, total

    def _records(self, ids: list[bytes]) -> list[QuarantineRecord]:
        if not ids:
            return []
        metas = self.client.mget([keys.quarantine_meta(i.decode()) for i in ids])
        return [QuarantineRecord.from_dict(json.loads(m)) for m in metas if m is not None]

    def accounts(self) -> list[str]:
        """Accounts that have a quarantine subspace (held mail now or customized settings)."""
        names = {k.decode() for k in self.client.hkeys(keys.quarantine_used())}
        names |= {k.decode() for k in self.client.hkeys(keys.quarantine_accounts())}
        return sorted(names)

def sweep_on_start(quarantine_dir: Path, client: redis.Redis) -> int:
    """Start-up sweep of `mailward serve`: index held files a crash left unindexed; never stops the start."""
    store = QuarantineStore(quarantine_dir, client, default_limit_bytes=1, default_releases_limit=0)
    try:
        return store.recover()
    except (OSError, redis.RedisError) as exc:
        log.error("quarantine start-up sweep failed (run `mailward reindex`): %s", exc)
        return 0
