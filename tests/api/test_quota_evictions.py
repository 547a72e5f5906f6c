"""A lowered storage capacity applies at once, with progress for a large eviction (issue 18 item 18), and the
threshold each held message's score is judged against (item 11), on a real Redis."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import redis

from api.app import create_app
from api.quota_evictions import jobs
from core import keys
from core.identity.caller import admin
from core.settings import load_settings
from core.store.spool import SpoolStore
from tests.api.conftest import ENV_KEY, ApiEnv, Caller, StubReinjector
from tests.cpanel_tree import memory_accounts
from tests.redis_server import RedisServer

DEADLINE_S = 30.0


def wait_for(check: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def fill(api_env: ApiEnv, account: str, n: int) -> tuple[list[str], int]:
    """n messages for account, oldest first; and the size of one."""
    now = time.time()
    ids = [api_env.hold(account, received=now - 1000 + i) for i in range(n)]
    return ids, api_env.admin("GET", f"/accounts/{account}").json["used_bytes"] // n


def finished(api_env: ApiEnv, job_id: str, caller: Caller | None = None) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        r = (caller or api_env.admin)("GET", f"/quota-evictions/{job_id}")
        assert r.status_code == 200, r.json
        return r.json if r.json["state"] != "running" else None
    return wait_for(done, f"eviction {job_id}")


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "INLINE_EVICTIONS", 2)
    monkeypatch.setattr(jobs, "JOB_BATCH", 2)


def test_a_large_eviction_goes_on_as_a_job_whose_progress_can_be_followed(
        api_env: ApiEnv, small_batches: None, monkeypatch: pytest.MonkeyPatch, alice: Caller, bob: Caller) -> None:
    store = api_env.app.extensions["mailward.services"].quarantine
    first_batch, go = threading.Event(), threading.Event()
    enforce = store.enforce_quota

    def gated(account: str, progress: Any = None, **kw: Any) -> int:
        if not threading.current_thread().name.startswith("quota-eviction"):
            return enforce(account, progress, **kw)

        def step(total: int, over: int) -> None:
            progress(total, over)
            first_batch.set()
            assert go.wait(DEADLINE_S), "the test lets the job go on"
        return enforce(account, step, **kw)

    monkeypatch.setattr(store, "enforce_quota", gated)
    shape = set(api_env.admin("GET", "/accounts/bob").json)
    _, bob_size = fill(api_env, "bob", 3)
    small = api_env.admin("PATCH", "/accounts/bob", json={"limit_bytes": bob_size})
    assert set(small.json) == shape and small.json["messages"] == 1, "a small eviction: done, the usual shape"
    ids, size = fill(api_env, "alice", 9)
    r = api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": 2 * size})
    assert r.status_code == 200, r.json
    job = r.json["eviction"]
    assert job["state"] == "running" and job["evicted"] == 2, "the request evicted its share itself"
    assert job["single_account"] == "alice" and job["accounts"] == 1 and job["bytes_to_free"] == 7 * size
    assert job["bytes_freed"] in (2 * size, 4 * size), "the request's own share is counted"
    assert r.json["messages"] in (5, 7), "its first batch may already be done"
    assert first_batch.wait(DEADLINE_S)
    mid = api_env.admin("GET", f"/quota-evictions/{job['id']}").json
    assert mid["state"] == "running" and mid["evicted"] == 4 and mid["bytes_freed"] == 4 * size, mid
    assert mid["account"] == "alice" and mid["finished"] is None
    assert bob("GET", f"/quota-evictions/{job['id']}").status_code == 404, "another account's job is not bob's"
    assert alice("GET", f"/quota-evictions/{job['id']}").status_code == 200, "alice may follow her own"
    go.set()
    done = finished(api_env, job["id"])
    assert done["state"] == "done" and done["evicted"] == 7 and done["bytes_freed"] == 7 * size
    assert done["accounts_done"] == 1 and done["finished"] and done["error"] is None
    assert [i["email_id"] for i in api_env.admin("GET", "/emails?account=alice").json["items"]] == ids[:6:-1]
    (edit, *_) = api_env.admin("GET", "/audit?action=account.edit&account=alice").json["items"]
    assert edit["details"]["evicted"] == 2 and edit["details"]["eviction_job"] == job["id"]
    (evict, *_) = api_env.admin("GET", "/audit?action=quota.evict&account=alice").json["items"]
    assert evict["details"]["evicted"] == 7 and evict["target"] == job["id"]
    assert api_env.admin("GET", "/quota-evictions/" + "0" * 32).status_code == 404
    assert api_env.admin("GET", "/quota-evictions/not-a-job").status_code == 404


def test_a_lowered_default_runs_one_job_over_every_account_that_follows_it(api_env: ApiEnv,
                                                                           small_batches: None) -> None:
    _, size = fill(api_env, "alice", 6)
    fill(api_env, "bob", 6)
    api_env.admin("PATCH", "/accounts/bob", json={"limit_bytes": 10 * size})  # bob's own: kept
    fill(api_env, "carol", 4)
    r = api_env.admin("PATCH", "/quarantine-defaults", json={"limit_bytes": 1 * size})
    assert r.status_code == 200 and r.json["eviction"]["accounts"] in (1, 2), r.json
    done = finished(api_env, r.json["eviction"]["id"])
    assert done["state"] == "done" and done["evicted"] == 5 + 3
    counts = {a: api_env.admin("GET", f"/accounts/{a}").json["messages"] for a in ("alice", "bob", "carol")}
    assert counts == {"alice": 1, "bob": 6, "carol": 1}
    (entry, *_) = api_env.admin("GET", "/audit?action=defaults.set").json["items"]
    assert entry["details"]["eviction_job"] == done["id"]


def test_a_job_whose_process_went_away_is_resumed_by_the_next_look(api_env: ApiEnv, small_batches: None,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The API process running it was restarted: its lease runs out, and the next GET finishes the job."""
    spawned: list[str] = []
    monkeypatch.setattr(jobs, "_spawn", lambda svc, job_id, token, who: spawned.append(job_id))
    _, size = fill(api_env, "alice", 7)
    job = api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": 2 * size}).json["eviction"]
    assert spawned == [job["id"]]
    assert api_env.admin("GET", f"/quota-evictions/{job['id']}").json["state"] == "running"
    assert spawned == [job["id"]], "its lease still holds: nobody else runs it"
    api_env.client.delete(keys.quota_eviction_lease(job["id"]))  # the process died; the lease ran out
    monkeypatch.undo()
    monkeypatch.setattr(jobs, "INLINE_EVICTIONS", 2)
    monkeypatch.setattr(jobs, "JOB_BATCH", 2)
    done = finished(api_env, job["id"])
    assert done["state"] == "done" and done["evicted"] == 5
    assert api_env.admin("GET", "/accounts/alice").json["messages"] == 2


def test_a_failed_job_says_so(api_env: ApiEnv, small_batches: None, monkeypatch: pytest.MonkeyPatch) -> None:
    store = api_env.app.extensions["mailward.services"].quarantine
    enforce = store.enforce_quota

    def broken(account: str, progress: Any = None, **kw: Any) -> int:
        if threading.current_thread().name.startswith("quota-eviction"):
            raise redis.ConnectionError("Redis went away")
        return enforce(account, progress, **kw)

    monkeypatch.setattr(store, "enforce_quota", broken)
    _, size = fill(api_env, "alice", 6)
    job = api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": 1 * size}).json["eviction"]
    done = finished(api_env, job["id"])
    assert done["state"] == "failed" and "Redis went away" in done["error"] and done["evicted"] == 2


def test_each_message_says_the_threshold_its_score_is_judged_against(redis_server: RedisServer,
                                                                      redis_client: redis.Redis,
                                                                      tmp_path: Path) -> None:
    settings = load_settings(environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"),
                                      "MAILWARD_REDIS_URL": redis_server.url,
                                      "MAILWARD_THRESHOLDS__QUARANTINE": "7.5", "MAILWARD_INCOMING__SPAM": "5"})
    client = redis_client
    app = create_app(settings, identify=lambda environ: environ[ENV_KEY], reinjector=StubReinjector(),
                     accounts=memory_accounts({"alice": "alice.example"}), client=client)
    spool = SpoolStore(settings.spool_dir)
    spool.ensure()
    env = ApiEnv(app, settings, app.extensions["mailward.services"].quarantine, spool, StubReinjector(), client)
    out = env.hold("alice", subject="out")
    inc = env.hold("alice", subject="in", direction="incoming")
    root = Caller(app, admin(0))
    items = {i["email_id"]: i for i in root("GET", "/emails?account=alice").json["items"]}
    assert items[out]["hold_threshold"] == 7.5 and items[inc]["hold_threshold"] == 5.0
    assert root("GET", f"/emails/{out}").json["hold_threshold"] == 7.5
    assert items[out]["score"] == 9.5
