"""Quota eviction jobs: a lowered storage capacity applies at once, with progress for a large eviction (issue 18).

The request that lowers a capacity (PATCH /accounts/{name}, PATCH /quarantine-defaults) evicts up to
INLINE_EVICTIONS messages itself, so a small eviction is done when it answers, in the answer's usual shape. What is
left runs as a job in a thread of the API process, JOB_BATCH messages at a time (one Redis script each), its
progress in Redis (keys.quota_eviction) so that any API process answers GET /quota-evictions/{id}.

The process running a job holds a lease (keys.quota_eviction_lease) renewed after every batch. If that process
goes away (an API restart or reload), the lease runs out and the next GET of the job resumes it in the process
that answers. Evicting is idempotent (an account is brought under the limit in force, oldest mail first), so a
resumed run deletes nothing a single run would not; and should nobody ask, the account's next hold evicts the
rest, as it always did.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import threading
import time
import uuid
from typing import Any

import redis

from core import keys
from core.errors import NotFound
from core.identity.caller import Identity

log = logging.getLogger("mailward.api")

#: Messages a request evicts itself before it hands the rest to a job (keeps the request short).
INLINE_EVICTIONS = 200
#: Messages per batch of a job: one Redis script, then the job's progress is written.
JOB_BATCH = 200
#: Seconds a job's lease lasts without a renewal (a batch takes far less).
LEASE_S = 60
#: Seconds a job's record is kept after its last change.
KEEP_S = 86400

JOB_ID = re.compile(r"[0-9a-f]{32}")

_RENEW_LUA = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
_RELEASE_LUA = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class LeaseLost(Exception):
    """Another process took the job over (this one was too slow to renew): stop without touching the record."""


def apply_quota(svc: Any, who: Identity, names: list[str], interface: str) -> tuple[int, dict[str, Any] | None]:
    """Bring the accounts under their limits in force: up to INLINE_EVICTIONS now, the rest as a job.

    Returns (messages evicted now, the job's view or None when nothing is left)."""
    store = svc.quarantine
    budget = INLINE_EVICTIONS
    evicted = freed = 0
    left: list[str] = []
    for i, name in enumerate(names):
        over = store.over_bytes(name)
        if not over:
            continue
        if budget > 0:
            n = store.enforce_quota(name, batch=budget, max_batches=1)
            evicted += n
            budget -= n
            still = store.over_bytes(name)
            freed += max(0, over - still)
            if not still:
                continue
        left = [a for a in names[i:] if store.over_bytes(a)]
        break
    if not left:
        return evicted, None
    return evicted, start(svc, who, left, interface, evicted_before=evicted, freed_before=freed)


def start(svc: Any, who: Identity, accounts: list[str], interface: str, *, evicted_before: int = 0,
          freed_before: int = 0) -> dict[str, Any]:
    """Record a job for these accounts (each still over its limit) and run it in a thread; returns its view. What
    the request evicted itself counts in the job's figures, so a progress bar starts where the request left it."""
    job_id = uuid.uuid4().hex
    now = time.time()
    key = keys.quota_eviction(job_id)
    to_free = freed_before + sum(svc.quarantine.over_bytes(a) for a in accounts)
    record = {"state": "running", "accounts": json.dumps(accounts), "done": 0, "account": accounts[0],
              "evicted": evicted_before, "bytes_to_free": to_free, "bytes_freed": freed_before,
              "started": now, "updated": now, "finished": 0, "error": "",
              "started_by": who.label(), "interface": interface}
    token = uuid.uuid4().hex
    pipe = svc.redis.pipeline()
    pipe.hset(key, mapping=record)
    pipe.expire(key, KEEP_S)
    pipe.set(keys.quota_eviction_lease(job_id), token, px=LEASE_S * 1000)
    pipe.execute()
    _spawn(svc, job_id, token, who)
    return view(job_id, _read(svc, job_id))


def status(svc: Any, who: Identity, job_id: str) -> dict[str, Any]:
    """A job's progress for a caller who may see every account it evicts from; a job whose process went away is
    resumed here first."""
    doc = _read(svc, job_id) if JOB_ID.fullmatch(job_id) else {}
    if not doc or not all(who.may_touch(a) for a in json.loads(doc["accounts"])):
        raise NotFound(f"no quota eviction {job_id}")
    if doc["state"] == "running":
        token = uuid.uuid4().hex
        if svc.redis.set(keys.quota_eviction_lease(job_id), token, nx=True, px=LEASE_S * 1000):
            log.warning("quota eviction %s: its process went away; resumed here", job_id)
            _spawn(svc, job_id, token, who)
    return view(job_id, doc)


def view(job_id: str, doc: dict[str, str]) -> dict[str, Any]:
    """A job in the API's QuotaEviction shape."""
    accounts = json.loads(doc["accounts"])
    finished = float(doc.get("finished") or 0)
    return {"id": job_id, "state": doc["state"], "evicted": int(doc["evicted"]),
            "accounts": len(accounts), "accounts_done": int(doc["done"]),
            "account": doc.get("account") or None, "single_account": accounts[0] if len(accounts) == 1 else None,
            "bytes_to_free": int(doc["bytes_to_free"]), "bytes_freed": int(doc["bytes_freed"]),
            "started": int(float(doc["started"])), "finished": int(finished) if finished else None,
            "error": doc.get("error") or None}


def _read(svc: Any, job_id: str) -> dict[str, str]:
    raw = svc.redis.hgetall(keys.quota_eviction(job_id))
    return {(k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
            for k, v in raw.items()}


def _spawn(svc: Any, job_id: str, token: str, who: Identity) -> None:
    threading.Thread(target=run, args=(svc, job_id, token, who), name=f"quota-eviction-{job_id[:8]}",
                     daemon=True).start()


def run(svc: Any, job_id: str, token: str, who: Identity) -> None:
    """Run (or resume) a job while holding its lease; the record says how far it got."""
    r = svc.redis
    key, lease = keys.quota_eviction(job_id), keys.quota_eviction_lease(job_id)
    renew, release = r.register_script(_RENEW_LUA), r.register_script(_RELEASE_LUA)
    store = svc.quarantine
    try:
        doc = _read(svc, job_id)
        accounts = json.loads(doc["accounts"])
        for i in range(int(doc["done"]), len(accounts)):
            name = accounts[i]
            r.hset(key, mapping={"account": name, "updated": time.time()})
            seen = {"evicted": 0, "over": store.over_bytes(name)}

            def progress(total: int, over: int, seen: dict[str, int] = seen) -> None:
                if not renew(keys=[lease], args=[token, LEASE_S * 1000]):
                    raise LeaseLost(job_id)
                pipe = r.pipeline()
                pipe.hincrby(key, "evicted", total - seen["evicted"])
                pipe.hincrby(key, "bytes_freed", max(0, seen["over"] - over))
                pipe.hset(key, "updated", time.time())
                pipe.expire(key, KEEP_S)
                pipe.execute()
                seen.update(evicted=total, over=over)

            store.enforce_quota(name, progress, batch=JOB_BATCH)
            r.hset(key, "done", i + 1)
        r.hset(key, mapping={"state": "done", "account": "", "finished": time.time(), "updated": time.time()})
        done = _read(svc, job_id)
        svc.audit.record(who, "quota.evict", interface=doc.get("interface") or "api",
                         account=accounts[0] if len(accounts) == 1 else "", target=job_id,
                         details={"evicted": int(done["evicted"]), "accounts": len(accounts),
                                  "started_by": doc.get("started_by", "")})
    except LeaseLost:
        log.warning("quota eviction %s: taken over by another process", job_id)
        return
    except Exception as exc:  # the record says so; the account's next hold evicts what is left
        log.exception("quota eviction %s failed", job_id)
        with contextlib.suppress(redis.RedisError):
            r.hset(key, mapping={"state": "failed", "error": f"{type(exc).__name__}: {exc}"[:300],
                                 "finished": time.time(), "updated": time.time()})
    finally:
        with contextlib.suppress(redis.RedisError):
            release(keys=[lease], args=[token])
