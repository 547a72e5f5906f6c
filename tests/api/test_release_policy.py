"""Who may release a hold (the release policy) and what an account's release counts against (its sender limits)."""

from __future__ import annotations

import pytest

from core.errors import ConfigError
from core.identity.sender_objects import sender_objects
from core.models import Sender
from core.settings import load_settings
from core.store.limits import LimitStore
from tests.api.conftest import ApiEnv, Caller

ALICE_SENDER = "shop@alice.example"


def _hold(api_env: ApiEnv, *reasons: str, recipients: tuple[str, ...] = ("b@x.example", "c@y.example"),
          direction: str = "outgoing", subject: str = "held") -> str:
    return api_env.hold("alice", reasons=reasons, recipients=recipients, sender=ALICE_SENDER, direction=direction,
                        subject=subject)


def _sent_subjects(api_env: ApiEnv) -> list[str]:
    return [rec.subject for rec, _ in api_env.reinjector.sent]


@pytest.mark.parametrize(("reasons", "words"), [
    (("ratelimit",), "reaching a sending limit (ratelimit)"),
    (("virus",), "malware (virus)"),
    (("winexec",), "a Windows executable attachment (winexec)"),
    (("spam", "winexec"), "a Windows executable attachment (winexec)"),
])
def test_an_account_cannot_release_admin_only_holds_by_default(api_env: ApiEnv, alice: Caller,
                                                               reasons: tuple[str, ...], words: str) -> None:
    eid = _hold(api_env, *reasons)
    r = alice("POST", f"/emails/{eid}/release")
    assert r.status_code == 403, r.json
    assert r.json["status"] == "forbidden" and r.json["code"] == 403
    assert r.json["message"] == (f"email {eid} was held for {words}: the release policy lets only the server "
                                 "administrator release such mail; ask your hosting provider to review it")
    assert api_env.reinjector.sent == []
    assert alice("GET", f"/emails/{eid}").json["status"] == "quarantined"
    assert api_env.admin("GET", "/accounts/alice").json["releases_last_hour"] == 0  # a refusal uses no release
    assert api_env.admin("POST", f"/emails/{eid}/release").status_code == 200  # the admin may
    assert len(api_env.reinjector.sent) == 1


def test_spam_and_incoming_spam_stay_the_accounts_to_release(api_env: ApiEnv, alice: Caller) -> None:
    out = _hold(api_env, "spam")
    inc = _hold(api_env, "spam", recipients=("me@alice.example",), direction="incoming")
    assert alice("POST", f"/emails/{out}/release").status_code == 200
    assert alice("POST", f"/emails/{inc}/release").status_code == 200
    assert len(api_env.reinjector.sent) == 2


def test_bulk_release_reports_each_refusal_in_words(api_env: ApiEnv, alice: Caller) -> None:
    spam, rate, virus = _hold(api_env, "spam"), _hold(api_env, "ratelimit"), _hold(api_env, "virus")
    r = alice("POST", "/emails/release", json={"ids": [spam, rate, virus]})
    assert r.status_code == 200, r.json
    assert r.json["succeeded"] == 1 and r.json["failed"] == 2
    by_id = {item["email_id"]: item for item in r.json["results"]}
    assert by_id[spam]["ok"] and by_id[spam]["status"] == "released"
    for eid, words in ((rate, "reaching a sending limit"), (virus, "malware")):
        assert not by_id[eid]["ok"] and by_id[eid]["status"] == "forbidden"
        assert f"was held for {words}" in by_id[eid]["message"]
        assert "only the server administrator" in by_id[eid]["message"]
    assert len(api_env.reinjector.sent) == 1


def test_the_admin_changes_the_policy_at_run_time_and_accounts_cannot(api_env: ApiEnv, alice: Caller) -> None:
    got = alice("GET", "/quarantine-defaults").json
    assert got["release_by"] == {"spam": "account", "winexec": "admin", "virus": "admin", "ratelimit": "admin",
                                 "incoming": "account", "contained": "reseller"}
    assert {"limit_bytes", "releases_limit"} <= set(got)
    denied = alice("PATCH", "/quarantine-defaults", json={"release_by": {"ratelimit": "account"}})
    assert denied.status_code == 403 and "server administrator only" in denied.json["message"]

    rate = _hold(api_env, "ratelimit")
    assert alice("POST", f"/emails/{rate}/release").status_code == 403
    edit = api_env.admin("PATCH", "/quarantine-defaults", json={"release_by": {"ratelimit": "account",
                                                                               "spam": "admin"}})
    assert edit.status_code == 200, edit.json
    assert edit.json["release_by"]["ratelimit"] == "account" and edit.json["release_by"]["spam"] == "admin"
    assert alice("POST", f"/emails/{rate}/release").status_code == 200
    spam = _hold(api_env, "spam")
    r = alice("POST", f"/emails/{spam}/release")
    assert r.status_code == 403 and "held for spam (spam)" in r.json["message"]

    back = api_env.admin("PATCH", "/quarantine-defaults", json={"release_by": {"ratelimit": "default",
                                                                               "spam": "default"}})
    assert back.json["release_by"]["ratelimit"] == "admin" and back.json["release_by"]["spam"] == "account"
    assert alice("POST", f"/emails/{spam}/release").status_code == 200

    bad = api_env.admin("PATCH", "/quarantine-defaults", json={"release_by": {"phishing": "account"},
                                                               "releases_limit": 9})
    assert bad.status_code == 422 and "release_by.phishing: Unknown field" in bad.json["message"], bad.json
    assert api_env.admin("GET", "/quarantine-defaults").json["releases_limit"] != 9  # nothing of it applied
    worse = api_env.admin("PATCH", "/quarantine-defaults", json={"release_by": {"spam": "everyone"}})
    assert worse.status_code == 422
    audit = api_env.admin("GET", "/audit?action=defaults.set").json["items"]
    assert any(e["details"].get("release_by", {}).get("to", {}).get("ratelimit") == "account" for e in audit)


def test_the_settings_file_sets_the_policy(api_env: ApiEnv) -> None:
    s = load_settings(environ={"MAILWARD_QUARANTINE__RELEASE_BY__VIRUS": "account"})
    assert s.release_by["virus"] == "account" and s.release_by["ratelimit"] == "admin"
    with pytest.raises(ConfigError, match=r"quarantine\.release_by\.spam must be 'account', 'reseller' or 'admin'"):
        load_settings(environ={"MAILWARD_QUARANTINE__RELEASE_BY__SPAM": "anyone"})
    with pytest.raises(ConfigError, match="unknown setting 'phishing'"):
        load_settings(overrides={"quarantine": {"release_by": {"phishing": "account"}}})


def test_an_accounts_releases_count_against_its_sender_limits(api_env: ApiEnv, alice: Caller) -> None:
    limits = LimitStore(api_env.client, api_env.settings.limits)
    limits.set_server_settings({"limit_mode": 2, "account": 3})  # recipients per hour
    first = _hold(api_env, "spam", subject="first")
    second = _hold(api_env, "spam", subject="second")
    assert alice("POST", f"/emails/{first}/release").status_code == 200  # 2 of 3 recipients

    r = alice("POST", f"/emails/{second}/release")  # 2 more would make 4
    assert r.status_code == 429, r.json
    assert r.json["status"] == "limit_exceeded"
    assert r.json["message"].startswith(f"releasing email {second} to 2 recipient(s) would exceed a sending limit: "
                                        "account alice reached its limit of 3 per hour (2 counted)")
    assert r.json["message"].endswith("it stays in the quarantine")
    assert alice("GET", f"/emails/{second}").json["status"] == "quarantined"
    assert api_env.admin("GET", "/accounts/alice").json["releases_last_hour"] == 1  # the refused try is free
    assert _sent_subjects(api_env) == ["first"]

    # mail the account then sends finds the released recipients in its window: one more fits, then none
    objects = sender_objects(Sender(account="alice", domain="alice.example", email=ALICE_SENDER))
    assert not limits.admit(objects, 1).held
    assert limits.admit(objects, 1).held

    # the admin is held to no account's limit
    assert api_env.admin("POST", f"/emails/{second}/release").status_code == 200
    assert _sent_subjects(api_env) == ["first", "second"]


def test_release_counts_messages_in_message_mode(api_env: ApiEnv, alice: Caller) -> None:
    LimitStore(api_env.client, api_env.settings.limits).set_server_settings({"sender_email": 1})
    first, second = _hold(api_env, "spam", subject="one"), _hold(api_env, "spam", subject="two")
    assert alice("POST", f"/emails/{first}/release").status_code == 200
    r = alice("POST", "/emails/release", json={"ids": [second]})
    (item,) = r.json["results"]
    assert item["status"] == "limit_exceeded"
    assert f"sender_email {ALICE_SENDER} reached its limit of 1 per hour" in item["message"]
    assert _sent_subjects(api_env) == ["one"]
