"""`limit.reached` from the scan path against a real Redis: once per sender object and window, never per message."""

from __future__ import annotations

import time
from pathlib import Path

import redis

from core import keys
from core.models import Action, Envelope, Reason
from core.scan.scanner import Scanner
from core.settings import load_settings
from core.store.events import Event, EventStore
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer

MESSAGE = b"From: <a@{domain}>\r\nTo: <x@y.example>\r\nSubject: hello\r\n\r\nSee you at lunch tomorrow.\r\n"


def _scanner(tmp_path: Path, redis_client: redis.Redis, server: RedisServer, **limits: object) -> Scanner:
    root = make_cpanel_tree(tmp_path / "cpanel", {"alice": "alice.example", "bob": "bob.example"})
    settings = load_settings(environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"), "MAILWARD_REDIS_URL": server.url},
                             overrides={"cpanel": {"root": str(root)}, "limits": limits})
    scanner = Scanner(settings, redis_client)
    scanner.spool.ensure()
    return scanner


def _send(scanner: Scanner, account: str) -> Action:
    domain = f"{account}.example"
    sid = scanner.spool.write(MESSAGE.replace(b"{domain}", domain.encode()))
    verdict = scanner.scan_spooled(sid, Envelope(sender=f"a@{domain}", recipients=["x@y.example"], user=account))
    assert verdict is not None
    return verdict.action


def _reached(client: redis.Redis) -> list[Event]:
    return [e for e in reversed(EventStore(client).latest(100)) if e.type == "limit.reached"]


def _next_window(client: redis.Redis, name: str) -> None:
    """What the end of the window does to the once-key (it expires), without waiting an hour."""
    client.pexpire(keys.event_once(name), 1)
    deadline = time.monotonic() + 5
    while client.exists(keys.event_once(name)) and time.monotonic() < deadline:
        time.sleep(0.01)


def test_first_over_limit_message_emits_once_per_object_and_window(tmp_path: Path, redis_client: redis.Redis,
                                                                   redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server, account=2)
    assert [_send(scanner, "alice") for _ in range(2)] == [Action.ACCEPT, Action.ACCEPT]
    assert _reached(redis_client) == []  # at the limit is not over it
    assert _send(scanner, "alice") == Action.QUARANTINE
    events = _reached(redis_client)
    assert len(events) == 1
    data = events[0].data
    so_id = data["object"]["id"]
    assert data == {"account": "alice", "object": {"type": "account", "name": "alice", "id": so_id}, "limit": 2,
                    "count": 2, "window": "hour", "held": True, "dry_run": False}
    name = f"limit:{so_id}:hour"
    assert 3500 < redis_client.ttl(keys.event_once(name)) <= 3600  # the window is the hour limit's

    assert [_send(scanner, "alice") for _ in range(3)] == [Action.QUARANTINE] * 3  # still held, no new event
    assert len(_reached(redis_client)) == 1

    for _ in range(3):  # another object over its own limit has its own event
        _send(scanner, "bob")
    events = _reached(redis_client)
    assert [e.data["object"]["name"] for e in events] == ["alice", "bob"]

    _next_window(redis_client, name)
    held = scanner.quarantine.list("alice", limit=100)[0]
    assert held and all(Reason.RATELIMIT.value in r.reasons for r in held)
    assert _send(scanner, "alice") == Action.QUARANTINE  # still over the limit in the next window: emitted again
    assert _send(scanner, "alice") == Action.QUARANTINE
    events = _reached(redis_client)
    assert [e.data["object"]["name"] for e in events] == ["alice", "bob", "alice"]
    assert events[-1].data["object"]["id"] == so_id


def test_daily_limit_and_dry_run_emit_once_per_day(tmp_path: Path, redis_client: redis.Redis,
                                                   redis_server: RedisServer) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server, daily_account=1, dry_run=True)
    assert [_send(scanner, "alice") for _ in range(4)] == [Action.ACCEPT] * 4  # dry run: counted, nothing held
    events = _reached(redis_client)
    assert len(events) == 1
    data = events[0].data
    assert (data["window"], data["limit"], data["held"], data["dry_run"]) == ("day", 1, False, True)
    assert 86000 < redis_client.ttl(keys.event_once(f"limit:{data['object']['id']}:day")) <= 86400
