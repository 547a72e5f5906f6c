"""/webhooks: admin only, the secret shown once, audited; events from releases, removals and blocks."""

from __future__ import annotations

from api.services import Services
from core.store.events import EventStore
from core.store.webhooks import WebhookStore
from tests.api.conftest import ApiEnv, Caller


def _events(env: ApiEnv) -> list[tuple[str, dict]]:
    return [(e.type, e.data) for e in reversed(EventStore(env.client).latest(50))]


def test_only_the_admin_manages_webhooks(api_env: ApiEnv, alice: Caller) -> None:
    assert alice("GET", "/webhooks").status_code == 403
    assert alice("POST", "/webhooks", json={"url": "https://hooks.example.com/x"}).status_code == 403
    hook = api_env.admin("POST", "/webhooks", json={"url": "https://hooks.example.com/x"}).json
    for method, path in (("GET", f"/webhooks/{hook['id']}"), ("PATCH", f"/webhooks/{hook['id']}"),
                         ("DELETE", f"/webhooks/{hook['id']}"), ("POST", f"/webhooks/{hook['id']}/test")):
        assert alice(method, path, json={}).status_code == 403, (method, path)


def test_secret_is_shown_once_and_changes_are_audited(api_env: ApiEnv) -> None:
    r = api_env.admin("POST", "/webhooks", json={"url": "https://hooks.example.com/x",
                                                 "events": ["email.quarantined", "account.blocked"]})
    assert r.status_code == 201, r.json
    hook = r.json
    assert len(hook["secret"]) == 64 and hook["enabled"] and hook["last_delivery"] is None
    listed = api_env.admin("GET", "/webhooks").json
    assert listed["max_count"] == 1 and "secret" not in listed["items"][0]
    assert "secret" not in api_env.admin("GET", f"/webhooks/{hook['id']}").json
    r = api_env.admin("PATCH", f"/webhooks/{hook['id']}", json={"enabled": False, "events": []})
    assert r.status_code == 200 and r.json["enabled"] is False and r.json["events"] == [] and "secret" not in r.json
    r = api_env.admin("POST", f"/webhooks/{hook['id']}/test")
    assert r.status_code == 202 and r.json["webhook_id"] == hook["id"]
    assert ("ping", {"webhook_id": hook["id"], "by": "uid 0 (admin)"}) in _events(api_env)
    assert api_env.admin("DELETE", f"/webhooks/{hook['id']}").status_code == 200
    assert api_env.admin("GET", f"/webhooks/{hook['id']}").status_code == 404
    actions = [e["action"] for e in api_env.admin("GET", "/audit", query_string={"limit": 10}).json["items"]]
    assert actions[:4] == ["webhook.remove", "webhook.test", "webhook.edit", "webhook.create"]


def test_bad_urls_and_events_are_refused(api_env: ApiEnv) -> None:
    for body in ({"url": "ftp://hooks.example.com/"}, {"url": "http://127.0.0.1:8080/"}, {"url": "http://10.0.0.1/"},
                 {"url": "https://hooks.example.com/", "events": ["email.exploded"]}, {}):
        r = api_env.admin("POST", "/webhooks", json=body)
        assert r.status_code in (400, 422), (body, r.json)
    assert api_env.admin("GET", "/webhooks").json["max_count"] == 0
    assert api_env.admin("PATCH", "/webhooks/0123456789abcdef", json={}).status_code == 404


def test_edit_changes_url_and_events_through_the_same_guard(api_env: ApiEnv) -> None:
    hook = api_env.admin("POST", "/webhooks", json={"url": "https://hooks.example.com/x"}).json
    path = f"/webhooks/{hook['id']}"
    r = api_env.admin("PATCH", path, json={"url": "https://other.example.com/y", "events": ["email.deleted"]})
    assert r.status_code == 200, r.json
    assert (r.json["url"], r.json["events"], r.json["enabled"]) == ("https://other.example.com/y",
                                                                    ["email.deleted"], True)
    assert "secret" not in r.json
    for body in ({"url": "http://127.0.0.1:8080/"}, {"url": "http://169.254.169.254/"}, {"url": "ftp://a.example/"},
                 {"url": ""}, {"events": ["email.exploded"]}, {"url": "https://a.example/", "secret": "mine"}):
        r = api_env.admin("PATCH", path, json=body)
        assert r.status_code in (400, 422), (body, r.json)
    kept = api_env.admin("GET", path).json
    assert (kept["url"], kept["events"]) == ("https://other.example.com/y", ["email.deleted"])
    assert WebhookStore(api_env.client).get(hook["id"]).secret == hook["secret"]  # an edit never re-keys
    audit = api_env.admin("GET", "/audit", query_string={"action": "webhook.edit"}).json["items"]
    assert [e["details"] for e in audit] == [{"url": "https://other.example.com/y", "events": ["email.deleted"]}]


def test_release_remove_and_block_emit_events(api_env: ApiEnv) -> None:
    one = api_env.hold("alice")
    two = api_env.hold("alice")
    assert api_env.admin("POST", f"/emails/{one}/release").status_code == 200
    assert api_env.admin("DELETE", f"/emails/{two}").status_code == 200
    assert api_env.admin("PATCH", "/accounts/bob", json={"state": "block"}).status_code == 200
    assert api_env.admin("PATCH", "/accounts/bob", json={"state": "block"}).status_code == 200  # no change
    assert api_env.admin("PATCH", "/accounts/bob", json={"state": "active"}).status_code == 200
    got = _events(api_env)
    assert [t for t, _ in got] == ["email.released", "email.deleted", "account.blocked", "account.unblocked"]
    released = got[0][1]
    assert released["email_id"] == one and released["account"] == "alice" and released["recipients"] == 2
    assert released["by"] == "uid 0 (admin)" and got[2][1] == {"account": "bob", "by": "uid 0 (admin)"}
    assert got[1][1]["email_id"] == two and got[1][1]["why"] == "removed" and got[1][1]["by"] == "uid 0 (admin)"


def test_purge_emits_one_deleted_event_per_message(api_env: ApiEnv, alice: Caller) -> None:
    held = [api_env.hold("alice") for _ in range(3)]
    assert alice("DELETE", "/accounts/alice/emails", query_string={"batch": 2}).status_code == 200
    assert api_env.admin("DELETE", "/accounts/alice/emails").status_code == 200
    got = _events(api_env)
    assert [(t, d["email_id"], d["why"]) for t, d in got] == [("email.deleted", i, "purged") for i in held]
    assert {d["account"] for _, d in got} == {"alice"}
    assert [d["by"] for _, d in got] == ["uid 1001 (account alice)"] * 2 + ["uid 0 (admin)"]
    svc: Services = api_env.app.extensions["mailward.services"]
    assert svc.quarantine.events is svc.events


def test_services_have_the_event_stores(api_env: ApiEnv) -> None:
    svc: Services = api_env.app.extensions["mailward.services"]
    assert svc.actions.events is svc.events
