"""/accounts/{name} digest_address: only the account's own domains or its cPanel contact address, whoever asks
(in-process API, real Redis)."""

from __future__ import annotations

from core.store.digest_prefs import DigestPrefsStore
from tests.api.conftest import ApiEnv, Caller


def test_the_api_refuses_a_stranger_address_for_the_account_and_the_admin(api_env: ApiEnv, alice: Caller) -> None:
    r = alice("PATCH", "/accounts/alice", json={"digest_address": "victim@elsewhere.example"})
    assert r.status_code == 400 and "not on a domain of account alice" in r.json["message"], r.json
    r = api_env.admin("PATCH", "/accounts/bob", json={"digest_address": "me@alice.example"})
    assert r.status_code == 400, r.json
    assert DigestPrefsStore(api_env.client).all() == {}
    assert alice("PATCH", "/accounts/alice", json={"digest_address": "me@alice.example"}).status_code == 200
