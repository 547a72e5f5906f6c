"""Teaching the filter through the API: `learn` (admin), and releases of spam holds learned as ham."""

from __future__ import annotations

from core.store.campaigns import CampaignStore
from core.store.classifier import ClassifierStore
from tests.api.conftest import ApiEnv, Caller

BODY = ("Dear friend, our exclusive partner program pays out weekly. Join thousands of members who already "
        "earn from home with no experience needed. Reply today to claim your personal starter kit and bonus.")


def _raw(subject: str) -> bytes:
    return (f"From: <promo@shop.example>\r\nTo: <b@x.example>\r\nSubject: {subject}\r\n\r\n{BODY}\r\n").encode()


def _classifier(env: ApiEnv) -> ClassifierStore:
    return ClassifierStore(env.client, env.settings.scan)


def test_admin_learns_spam_and_ham_once_each_and_accounts_may_not(api_env: ApiEnv, alice: Caller) -> None:
    eid = api_env.hold("alice", body=_raw("partner program"))
    r = api_env.admin("POST", "/emails/learn", json={"ids": [eid], "spam": True})
    assert r.status_code == 200 and r.json["results"][0]["status"] == "learned", r.json
    again = api_env.admin("POST", "/emails/learn", json={"ids": [eid], "spam": True})
    assert again.json["results"][0]["status"] == "already"
    flip = api_env.admin("POST", "/emails/learn", json={"ids": [eid], "spam": False})
    assert flip.json["results"][0]["status"] == "relearned"
    assert _classifier(api_env).learn(_raw("partner program"), spam=False) == "already"
    denied = alice("POST", "/emails/learn", json={"ids": [eid], "spam": False})
    assert denied.status_code == 403
    bad = api_env.admin("POST", "/emails/learn", json={"ids": [eid]})
    assert bad.status_code == 422, "spam (true/false) is required"
    audit = api_env.admin("GET", "/audit?action=email.learn").json
    assert [e["details"]["as"] for e in audit["items"]] == ["ham", "spam", "spam"]


def test_confirmed_spam_fingerprint_is_stored(api_env: ApiEnv) -> None:
    eid = api_env.hold("alice", body=_raw("partner program"))
    campaigns = CampaignStore(api_env.client, api_env.settings)
    assert api_env.admin("POST", "/emails/learn", json={"ids": [eid], "spam": True}).status_code == 200
    assert campaigns.unconfirm(_raw("partner program")) > 0, "learn --spam confirmed the body's fingerprint"


def test_release_of_a_spam_hold_teaches_ham_for_the_admin_only(api_env: ApiEnv, alice: Caller) -> None:
    by_admin = api_env.hold("alice", body=_raw("admin released"))
    assert api_env.admin("POST", f"/emails/{by_admin}/release").status_code == 200
    assert _classifier(api_env).learn(_raw("admin released"), spam=False) == "already"

    by_owner = api_env.hold("alice", body=_raw("owner released"))
    assert alice("POST", f"/emails/{by_owner}/release").status_code == 200
    assert _classifier(api_env).learn(_raw("owner released"), spam=False) == "learned", \
        "an account's own release does not teach the shared model by default"

    limited = api_env.hold("alice", body=_raw("rate limited"), reasons=("ratelimit",))
    assert api_env.admin("POST", f"/emails/{limited}/release").status_code == 200
    assert _classifier(api_env).learn(_raw("rate limited"), spam=False) == "learned", \
        "a ratelimit hold says nothing about the words"
