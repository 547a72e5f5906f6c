"""ie-cli webhooks against a fake API (requests sent, plain and --json output) and against the real API."""

from __future__ import annotations

from typing import Any

from core.store.webhooks import WebhookStore
from tests.api.conftest import ApiEnv
from tests.cli.conftest import FakeTransport, Run, error

HOOK = {"id": "0123456789abcdef", "url": "https://hooks.example.com/x", "events": ["email.quarantined"],
        "enabled": True, "created": 1.0, "delivered": 3, "failed": 0,
        "last_delivery": {"event_id": "1-0", "event_type": "ping", "ok": True, "status": 200, "error": "",
                          "time": 2.0}}


def test_list_plain_and_json(fake: FakeTransport, run: Run) -> None:
    fake.on("GET", "/webhooks", {"items": [HOOK], "max_count": 1})
    r = run("webhooks", "list")
    assert r.code == 0 and "0123456789abcdef" in r.out and "email.quarantined" in r.out and "200 at" in r.out
    assert run("webhooks", "list", "--json").json["items"][0]["id"] == HOOK["id"]


def test_add_sends_url_and_events_and_shows_the_secret(fake: FakeTransport, run: Run) -> None:
    fake.on("POST", "/webhooks", {**HOOK, "secret": "ab" * 32})
    r = run("webhooks", "add", "--url", "https://hooks.example.com/x", "--events", "email.quarantined,limit.reached")
    assert r.code == 0 and "ab" * 32 in r.out
    assert fake.calls[-1].body == {"url": "https://hooks.example.com/x",
                                   "events": ["email.quarantined", "limit.reached"]}
    assert run("webhooks", "add", "--url", "https://h.example/", "--json").json["secret"] == "ab" * 32
    assert fake.calls[-1].body == {"url": "https://h.example/"}
    assert run("webhooks", "add").code == 2


def test_remove_enable_disable_test(fake: FakeTransport, run: Run) -> None:
    path = f"/webhooks/{HOOK['id']}"
    fake.on("DELETE", path, HOOK).on("PATCH", path, lambda c: {**HOOK, "enabled": c.body["enabled"]})
    fake.on("POST", path + "/test", {"webhook_id": HOOK["id"], "event_id": "5-0"})
    assert run("webhooks", "remove", "--id", HOOK["id"]).out.strip() == "OK"
    assert run("webhooks", "disable", "--id", HOOK["id"], "--json").json["enabled"] is False
    assert fake.calls[-1].body == {"enabled": False}
    assert run("webhooks", "enable", "--id", HOOK["id"]).code == 0 and fake.calls[-1].body == {"enabled": True}
    assert "5-0" in run("webhooks", "test", "--id", HOOK["id"]).out
    assert run("webhooks", "test").code == 2


def test_edit_sends_only_what_changes(fake: FakeTransport, run: Run) -> None:
    path = f"/webhooks/{HOOK['id']}"
    fake.on("PATCH", path, lambda c: {**HOOK, **c.body})
    r = run("webhooks", "edit", "--id", HOOK["id"], "--url", "https://new.example.com/h")
    assert r.code == 0 and "https://new.example.com/h" in r.out and "email.quarantined" in r.out
    assert fake.calls[-1].method == "PATCH" and fake.calls[-1].body == {"url": "https://new.example.com/h"}
    r = run("webhooks", "edit", "--id", HOOK["id"], "-e", "email.deleted, limit.reached", "--json")
    assert r.json["events"] == ["email.deleted", "limit.reached"]
    assert fake.calls[-1].body == {"events": ["email.deleted", "limit.reached"]}
    assert run("webhooks", "edit", "--id", HOOK["id"], "-u", "https://a.example/", "--events", "all").code == 0
    assert fake.calls[-1].body == {"url": "https://a.example/", "events": []}  # all: the API's empty list
    calls = len(fake.calls)
    for argv in (("--id", HOOK["id"]), ("--url", "https://a.example/"), ("--id", HOOK["id"], "--url", " "),
                 ("--id", HOOK["id"], "--enabled", "true")):
        assert run("webhooks", "edit", *argv).code == 2, argv
    assert len(fake.calls) == calls  # refused before any request
    assert "--events" in run("webhooks", "edit", "--help").out


def test_edit_against_the_api_keeps_the_guard_and_the_secret(api_env: ApiEnv, as_root: Any,
                                                             as_alice: Any) -> None:
    hook = as_root("webhooks", "add", "--url", "https://hooks.example.com/x", "--json").json
    secret = WebhookStore(api_env.client).get(hook["id"]).secret
    r = as_root("webhooks", "edit", "--id", hook["id"], "--url", "https://other.example.com/y",
                "--events", "email.deleted,account.blocked", "--json")
    assert r.code == 0, r.err
    assert (r.json["url"], r.json["events"]) == ("https://other.example.com/y", ["email.deleted", "account.blocked"])
    r = as_root("webhooks", "edit", "--id", hook["id"], "--url", "http://127.0.0.1:8080/")
    assert r.code == 1 and "127.0.0.1" in r.err
    r = as_root("webhooks", "edit", "--id", hook["id"], "--events", "email.exploded")
    assert r.code == 1
    assert as_alice("webhooks", "edit", "--id", hook["id"], "--url", "https://evil.example/").code == 1
    kept = WebhookStore(api_env.client).get(hook["id"])
    assert (kept.url, kept.events, kept.secret) == ("https://other.example.com/y",
                                                    ["email.deleted", "account.blocked"], secret)


def test_api_errors_become_exit_1(fake: FakeTransport, run: Run) -> None:
    fake.on("POST", "/webhooks", error(400, "invalid_argument", "webhooks to 127.0.0.1 are refused"))
    r = run("webhooks", "add", "--url", "http://127.0.0.1/")
    assert r.code == 1 and "refused" in r.err


def test_webhook_id_cannot_escape_its_resource(fake: FakeTransport, run: Run) -> None:
    run("webhooks", "remove", "--id", "../accounts/alice")
    run("webhooks", "disable", "--id", "../accounts/alice")
    run("webhooks", "test", "--id", "../accounts/alice")
    run("webhooks", "edit", "--id", "../accounts/alice", "--url", "https://a.example/")
    assert [c.path for c in fake.calls] == ["/api/v1/webhooks/..%2Faccounts%2Falice"] * 2 + [
        "/api/v1/webhooks/..%2Faccounts%2Falice/test", "/api/v1/webhooks/..%2Faccounts%2Falice"]
