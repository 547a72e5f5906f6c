"""The audit trail on a real Redis: an account's flood never evicts admin entries and is summarised, not lost."""

from __future__ import annotations

import time

import redis

from core import keys
from core.identity.caller import account, admin
from core.store.audit import SUPPRESSED, AuditEntry, AuditStore

ALICE, BOB, ROOT = account("alice", 1001), account("bob", 1002), admin(0)


def _until(what: str, check: object, timeout: float = 10.0) -> None:
    """Poll `check()` until true, failing after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _entries(store: AuditStore, **kw: object) -> list[AuditEntry]:
    return store.list(limit=1000, **kw)[0]  # type: ignore[arg-type]


def test_an_account_flood_never_evicts_admin_entries(redis_client: redis.Redis) -> None:
    store = AuditStore(redis_client, max_entries=50, rate_limit=0)
    for n in range(3):
        store.record(ROOT, "account.edit", account="bob", target=f"admin-{n}")
    for n in range(2000):
        store.record(ALICE, "email.remove", account="alice", target=f"nope-{n}", result="not_found")
    assert redis_client.xlen(keys.audit_log()) < 500, "the accounts' stream stays capped"
    admin_entries = [e for e in _entries(store) if e.actor["role"] == "admin"]
    assert [e.target for e in admin_entries] == ["admin-2", "admin-1", "admin-0"]
    assert store.list(action="account.edit")[1] == 3


def test_listing_merges_both_streams_newest_first_with_paging(redis_client: redis.Redis) -> None:
    store = AuditStore(redis_client)
    written = []
    for n in range(6):
        who = ROOT if n % 2 else ALICE
        written.append(store.record(who, "whitelist.add", account="alice", target=str(n)).target)
    newest_first = list(reversed(written))
    items, total = store.list(limit=2, offset=1)
    assert total == 6 and [e.target for e in items] == newest_first[1:3]
    assert [e.target for e in _entries(store, account="alice")] == newest_first
    assert [e.target for e in _entries(store, since=time.time() + 60)] == []


def test_entries_over_an_accounts_rate_are_summarised_never_dropped(redis_client: redis.Redis) -> None:
    store = AuditStore(redis_client, rate_limit=5, rate_window_s=1)
    for n in range(20):
        store.record(ALICE, "email.remove", account="alice", target=f"x{n}", result="not_found")
    store.record(ALICE, "email.release", account="alice", target="y", result="not_found")
    for n in range(3):
        store.record(BOB, "email.remove", account="bob", target=f"b{n}")  # bob's budget is his own
        store.record(ROOT, "account.edit", account="alice", target=f"r{n}")  # the admin has none
    alice = [e for e in _entries(store, account="alice") if e.actor["role"] == "account"]
    written = [e for e in alice if e.action != SUPPRESSED]
    assert 0 < len(written) <= 10, "at most two windows' worth was written"

    def summarised() -> bool:
        entries = [e for e in _entries(store, account="alice") if e.actor["role"] == "account"]
        suppressed = sum(int(e.details["suppressed"]) for e in entries if e.action == SUPPRESSED)
        return len([e for e in entries if e.action != SUPPRESSED]) + suppressed == 21

    _until("the suppressed entries' summary after the window", summarised)
    summaries = [e for e in _entries(store, account="alice", action=SUPPRESSED)]
    assert summaries and all(e.actor == {"role": "account", "account": "alice", "uid": 1001, "token": None}
                             for e in summaries)
    actions: dict[str, int] = {}
    for e in summaries:
        assert "further entries suppressed" in e.details["message"] and e.result == "suppressed"
        for name, count in e.details["actions"].items():
            actions[name] = actions.get(name, 0) + int(count)
    assert actions.get("email.release") == 1 and sum(actions.values()) == 21 - len(written)
    assert len(_entries(store, account="bob")) == 3
    assert len([e for e in _entries(store) if e.actor["role"] == "admin"]) == 3
    assert redis_client.hlen(keys.audit_suppressed()) == 0, "every summary was written out"
