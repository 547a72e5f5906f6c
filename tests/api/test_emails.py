"""/emails through the Flask test client: scope, filters, show, release exactly once, limits, remove, bulk."""

from __future__ import annotations

import threading
import time

from tests.api.conftest import ApiEnv, Caller


def test_admin_lists_every_account_newest_first_and_an_account_only_its_own(
        api_env: ApiEnv, alice: Caller, bob: Caller) -> None:
    a1 = api_env.hold("alice", received=time.time() - 50)
    b1 = api_env.hold("bob", received=time.time() - 40)
    a2 = api_env.hold("alice", received=time.time() - 30)
    r = api_env.admin("GET", "/emails")
    assert r.status_code == 200
    assert [i["email_id"] for i in r.json["items"]] == [a2, b1, a1] and r.json["max_count"] == 3
    assert [i["email_id"] for i in api_env.admin("GET", "/emails?account=root").json["items"]] == [a2, b1, a1]
    assert [i["email_id"] for i in api_env.admin("GET", "/emails?account=bob").json["items"]] == [b1]
    assert [i["email_id"] for i in alice("GET", "/emails").json["items"]] == [a2, a1]
    assert [i["email_id"] for i in alice("GET", "/emails?account=alice").json["items"]] == [a2, a1]
    r = alice("GET", "/emails?account=bob")
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    assert alice("GET", "/emails?account=root").status_code == 403
    item = r = api_env.admin("GET", "/emails?limit=1&offset=1").json
    assert [i["email_id"] for i in item["items"]] == [b1] and item["max_count"] == 3
    one = api_env.admin("GET", "/emails?account=bob").json["items"][0]
    assert set(one) >= {"email_id", "size_bytes", "account_name", "recipients", "subject", "script_header",
                        "sender", "received_date", "reasons", "direction", "status"}
    assert one["recipients"] == ["b@x.example", "hidden-bcc@y.example"]


def test_filters_since_reason_sender_recipient_subject_direction(api_env: ApiEnv) -> None:
    old = api_env.hold("alice", subject="old news", received=time.time() - 3 * 86400)
    exe = api_env.hold("alice", subject="Invoice attached", reasons=("winexec",), sender="billing@corp.example")
    inc = api_env.hold("bob", subject="VIAGRA deal", recipients=("ceo@bob.example",), direction="incoming")

    def ids(query: str) -> list[str]:
        r = api_env.admin("GET", "/emails?" + query)
        assert r.status_code == 200, r.json
        return [i["email_id"] for i in r.json["items"]]

    assert ids("since=2d") == [inc, exe]
    assert set(ids("since=400000")) == {old, exe, inc}
    assert ids("reason=winexec") == [exe]
    assert ids("sender=BILLING@") == [exe]
    assert ids("recipient=ceo@") == [inc]
    assert ids("subject=viagra") == [inc]
    assert ids("direction=incoming") == [inc]
    assert ids("subject=invoice&reason=spam") == []
    r = api_env.admin("GET", "/emails?reason=spam&limit=1")
    assert r.json["max_count"] == 2 and len(r.json["items"]) == 1
    bad = api_env.admin("GET", "/emails?since=yesterday")
    assert bad.status_code == 400 and "since" in bad.json["message"]
    assert api_env.admin("GET", "/emails?limit=-1").status_code == 422
    assert api_env.admin("GET", "/emails?direction=sideways").status_code == 422


def test_show_gives_headers_and_text_body_and_raw_bytes_only_to_the_owner(
        api_env: ApiEnv, alice: Caller, bob: Caller) -> None:
    eid = api_env.hold("alice", subject="Hello there")
    r = alice("GET", f"/emails/{eid}")
    assert r.status_code == 200
    assert r.json["subject"] == "Hello there"
    assert ["Subject", "Hello there"] in r.json["headers"]
    assert "Buy now" in r.json["body"].replace("\n", " ") and "<b>" not in r.json["body"]
    raw = alice("GET", f"/emails/{eid}/raw")
    assert raw.status_code == 200 and raw.mimetype == "message/rfc822" and b"<b>now</b>" in raw.data
    for path in (f"/emails/{eid}", f"/emails/{eid}/raw"):
        r = bob("GET", path)
        assert r.status_code == 404, "another account's mail does not exist for bob"
    assert bob("GET", f"/emails/{eid}?account=alice").status_code == 403
    assert api_env.admin("GET", f"/emails/{eid}?account=root").status_code == 200
    assert api_env.admin("GET", f"/emails/{eid}?account=bob").status_code == 404
    for bad in ("0001", "..%2F..%2Fetc%2Fpasswd", "x" * 40):
        r = api_env.admin("GET", f"/emails/{bad}")
        assert r.status_code in (400, 404), bad
    r = api_env.admin("GET", "/emails/0001")
    assert r.status_code == 400 and r.json["status"] == "invalid_argument"
    r = api_env.admin("GET", "/emails/6f1c2a9e-0d7b-4a53-9d6e-3c1b2a4f5e60")
    assert r.status_code == 404 and r.json["status"] == "not_found"


def test_release_reinjects_to_envelope_recipients_once_and_marks_it_released(
        api_env: ApiEnv, alice: Caller) -> None:
    eid = api_env.hold("alice")
    r = alice("POST", f"/emails/{eid}/release")
    assert r.status_code == 200 and r.json["status"] == "released"
    (rec, raw), = api_env.reinjector.sent
    assert rec.recipients == ["b@x.example", "hidden-bcc@y.example"] and rec.sender == "a@shop.example"
    assert b"Subject: cheap pills" in raw
    assert alice("GET", "/emails").json["max_count"] == 0
    again = alice("POST", f"/emails/{eid}/release")
    assert again.status_code == 409 and "already released" in again.json["message"]
    assert len(api_env.reinjector.sent) == 1
    acct = alice("GET", "/accounts/alice").json
    assert acct["used_bytes"] == 0 and acct["releases_last_hour"] == 1


def test_two_concurrent_releases_send_once(api_env: ApiEnv) -> None:
    eid = api_env.hold("alice")
    gate = threading.Event()
    slow_calls: list[int] = []
    stub = api_env.reinjector
    real = stub.reinject

    def slow(record, message) -> None:  # type: ignore[no-untyped-def]
        slow_calls.append(1)
        gate.wait(5)
        real(record, message)

    stub.reinject = slow  # type: ignore[method-assign]
    codes: list[int] = []
    threads = [threading.Thread(target=lambda: codes.append(api_env.admin("POST", f"/emails/{eid}/release")
                                                            .status_code)) for _ in range(2)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 5
    while not (slow_calls and len(codes) == 1) and time.monotonic() < deadline:
        time.sleep(0.01)
    gate.set()
    for t in threads:
        t.join(10)
    assert sorted(codes) == [200, 409]
    assert len(stub.sent) == 1


def test_release_limit_per_hour_for_accounts_not_for_the_admin(api_env: ApiEnv, alice: Caller) -> None:
    api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": 2})
    ids = [api_env.hold("alice") for _ in range(4)]
    assert alice("POST", f"/emails/{ids[0]}/release").status_code == 200
    assert alice("POST", f"/emails/{ids[1]}/release").status_code == 200
    r = alice("POST", f"/emails/{ids[2]}/release")
    assert r.status_code == 429 and r.json["status"] == "limit_exceeded"
    assert "2 release(s) per hour" in r.json["message"] and "next release" in r.json["message"]
    assert alice("GET", "/emails").json["max_count"] == 2, "a refused release leaves the mail held"
    assert api_env.admin("POST", f"/emails/{ids[2]}/release").status_code == 200, "root is not limited"
    api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": -1})
    assert alice("GET", "/accounts/alice").json["releases_limit"] == 5
    assert alice("POST", f"/emails/{ids[3]}/release").status_code == 200


def test_failed_reinjection_keeps_the_message_and_does_not_use_up_the_limit(api_env: ApiEnv, alice: Caller) -> None:
    api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": 1})
    eid = api_env.hold("alice")
    api_env.reinjector.fail = "sendmail exited 1: exim: spool directory is full"
    r = alice("POST", f"/emails/{eid}/release")
    assert r.status_code == 503 and "spool directory is full" in r.json["message"]
    assert alice("GET", f"/emails/{eid}").json["status"] == "quarantined"
    api_env.reinjector.fail = ""
    assert alice("POST", f"/emails/{eid}/release").status_code == 200


def test_remove_and_bulk_results_per_message(api_env: ApiEnv, alice: Caller) -> None:
    mine = [api_env.hold("alice") for _ in range(3)]
    theirs = api_env.hold("bob")
    r = alice("DELETE", f"/emails/{mine[0]}")
    assert r.status_code == 200 and r.json["status"] == "removed"
    assert alice("DELETE", f"/emails/{mine[0]}").status_code == 404
    r = alice("POST", "/emails/remove", json={"ids": [mine[1], theirs, "nope"]})
    assert r.status_code == 200
    assert [(x["ok"], x["status"]) for x in r.json["results"]] == [
        (True, "removed"), (False, "not_found"), (False, "invalid_argument")]
    assert r.json["succeeded"] == 1 and r.json["failed"] == 2
    assert api_env.admin("GET", f"/emails/{theirs}").status_code == 200, "bob's mail untouched"
    r = api_env.admin("POST", "/emails/release", json={"ids": [mine[2], theirs]})
    assert r.json["succeeded"] == 2 and len(api_env.reinjector.sent) == 2
    assert api_env.admin("POST", "/emails/release", json={"ids": []}).status_code == 422
    assert api_env.admin("POST", "/emails/release", json={"ids": ["x"] * 501}).status_code == 422


def test_every_change_is_audited_with_who_how_and_result(api_env: ApiEnv, alice: Caller) -> None:
    eid = api_env.hold("alice")
    alice("POST", f"/emails/{eid}/release")
    alice("POST", f"/emails/{eid}/release")
    api_env.admin("PATCH", "/accounts/bob", json={"limit_bytes": 1 << 20})
    r = api_env.admin("GET", "/audit")
    actions = [(e["action"], e["result"], e["actor"]["role"]) for e in r.json["items"]]
    assert actions == [("account.edit", "ok", "admin"), ("email.release", "conflict", "account"),
                       ("email.release", "ok", "account")]
    release = r.json["items"][2]
    assert release["actor"] == {"role": "account", "account": "alice", "uid": 1001, "token": None}
    assert release["interface"] == "pytest" and release["via"] == "unix" and release["target"] == eid
    assert release["details"]["recipients"] == ["b@x.example", "hidden-bcc@y.example"]
    mine = alice("GET", "/audit").json
    assert {e["account"] for e in mine["items"]} == {"alice"} and mine["max_count"] == 2
    assert alice("GET", "/audit?account=bob").status_code == 403
    assert api_env.admin("GET", "/audit?action=account.edit").json["max_count"] == 1
