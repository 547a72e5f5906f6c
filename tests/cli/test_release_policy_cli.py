"""`ie-cli emails release-policy` against the real API in-process: who may release each hold reason."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import ApiEnv


def test_everyone_sees_the_policy_and_only_root_changes_it(api_env: ApiEnv, as_root: Any, as_alice: Any) -> None:
    shown = as_alice("emails", "release-policy")
    assert shown.code == 0, shown.err
    assert shown.out.splitlines()[0].split() == ["Reason", "MayRelease"]
    assert ["ratelimit", "admin"] in [line.split() for line in shown.out.splitlines()]
    assert as_alice("emails", "release-policy", "--json").json == api_env.settings.release_by

    denied = as_alice("emails", "release-policy", "--set", "ratelimit=account")
    assert denied.code != 0 and "server administrator only" in denied.err

    changed = as_root("emails", "release-policy", "--set", "ratelimit=account,spam=admin", "--json")
    assert changed.code == 0, changed.err
    assert changed.json["ratelimit"] == "account" and changed.json["spam"] == "admin"
    eid = api_env.hold("alice", reasons=("ratelimit",))
    assert as_alice("emails", "release", "--ids", eid).code == 0  # the new policy applies at once
    assert as_root("emails", "release-policy", "--set", "ratelimit=default,spam=default", "--json").json == \
        api_env.settings.release_by

    bad = as_root("emails", "release-policy", "--set", "ratelimit=everyone")
    assert bad.code == 2 and "REASON=account, REASON=reseller, REASON=admin or REASON=default" in bad.err
    unknown = as_root("emails", "release-policy", "--set", "phishing=admin")
    assert unknown.code != 0 and "phishing" in unknown.err


def test_a_refused_release_says_why_in_words(api_env: ApiEnv, as_alice: Any) -> None:
    eid = api_env.hold("alice", reasons=("virus",))
    res = as_alice("emails", "release", "--ids", eid)
    assert res.code == 1
    assert f"{eid}: email {eid} was held for malware (virus): the release policy lets only the server " \
           "administrator release such mail" in res.err
