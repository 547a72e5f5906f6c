"""A refused bulk call costs the audit trail one entry, not one per id (issue 14, item 10)."""

from __future__ import annotations

import uuid

from tests.api.conftest import ApiEnv, Caller


def test_a_refused_bulk_call_is_one_summary_entry(api_env: ApiEnv, alice: Caller) -> None:
    mine, theirs = api_env.hold("alice"), api_env.hold("bob")
    made_up = [str(uuid.uuid4()) for _ in range(497)]
    r = alice("POST", "/emails/remove", json={"ids": [mine, theirs, *made_up, "nope"], "account": "bob"})
    assert r.status_code == 200 and r.json["succeeded"] == 0 and r.json["failed"] == 500  # naming bob: refused
    r = alice("POST", "/emails/remove", json={"ids": [mine, theirs, *made_up, "nope"]})
    assert r.status_code == 200 and r.json["succeeded"] == 1 and r.json["failed"] == 499
    page = api_env.admin("GET", "/audit?limit=1000").json
    assert page["max_count"] == 3, [e["target"] for e in page["items"]]
    summary, removed, forbidden = page["items"]
    assert removed["target"] == mine and removed["result"] == "ok" and removed["account"] == "alice"
    assert summary["target"] == "bulk" and summary["action"] == "email.remove" and summary["account"] == "alice"
    assert summary["result"] == "refused" and summary["actor"]["account"] == "alice"
    assert summary["details"]["requested"] == 500 and summary["details"]["refused"] == 499
    assert summary["details"]["statuses"] == {"not_found": 498, "invalid_argument": 1}
    assert summary["details"]["ids"][:1] == [theirs] and len(summary["details"]["ids"]) == 20
    # filed under alice, not under the account she named: nothing lands in bob's trail
    assert forbidden["account"] == "alice" and forbidden["result"] == "refused"
    assert forbidden["details"]["statuses"] == {"forbidden": 499, "invalid_argument": 1}
    assert api_env.admin("GET", "/audit?account=bob").json["max_count"] == 0
    assert alice("GET", "/audit").json["max_count"] == 3


def test_an_admin_bulk_call_keeps_its_changes_and_summarises_refusals(api_env: ApiEnv) -> None:
    held = [api_env.hold("alice") for _ in range(2)]
    r = api_env.admin("POST", "/emails/release", json={"ids": [*held, str(uuid.uuid4())]})
    assert r.json["succeeded"] == 2 and r.json["failed"] == 1
    items = api_env.admin("GET", "/audit?action=email.release").json["items"]
    assert [(e["target"], e["result"]) for e in items] == [("bulk", "not_found"), (held[1], "ok"), (held[0], "ok")]
    assert items[0]["actor"]["role"] == "admin" and items[0]["account"] == ""
