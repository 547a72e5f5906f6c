"""A one-click link acts only as the account it names, on the one message it names: never as the admin, not even
a link for the root bucket's mail (in-process API, real Redis, the app's own key file)."""

from __future__ import annotations

from core.notify.notification_tokens import TokenSigner, ensure_signing_key, key_path
from tests.api.conftest import ApiEnv


def _signer(env: ApiEnv) -> TokenSigner:
    return TokenSigner(env.client, key=ensure_signing_key(key_path(env.settings.state_dir)), ttl_s=3600)


def test_a_root_link_is_not_an_admin_identity(api_env: ApiEnv) -> None:
    alices = api_env.hold("alice", subject="alice's held mail")
    web = api_env.app.test_client()  # nobody: the token is the only authority
    for action in ("release", "delete"):
        token = _signer(api_env).issue(alices, action, "root")
        assert web.get(f"/api/v1/actions/{token}").status_code == 404
        r = web.post(f"/api/v1/actions/{token}")
        assert r.status_code == 404, r.json
    assert api_env.store.get(alices).account == "alice" and api_env.reinjector.sent == []


def test_a_link_acts_on_its_own_account_and_message_only(api_env: ApiEnv) -> None:
    alices, bobs = api_env.hold("alice"), api_env.hold("bob")
    web = api_env.app.test_client()
    signer = _signer(api_env)
    assert web.post(f"/api/v1/actions/{signer.issue(bobs, 'delete', 'alice')}").status_code == 404
    assert web.post(f"/api/v1/actions/{signer.issue(alices, 'delete', 'bob')}").status_code == 404
    assert api_env.store.get(alices) and api_env.store.get(bobs)
    # The root bucket's own mail: its link works, as the account "root" (its release limit applies), not as admin.
    roots = api_env.hold("root", subject="nobody's")
    api_env.store.set_account("root", releases_limit=1)
    r = web.post(f"/api/v1/actions/{signer.issue(roots, 'release', 'root')}")
    assert r.status_code == 200 and r.json["status"] == "released"
    (entry, *_) = api_env.admin("GET", "/audit?action=email.release").json["items"]
    assert entry["target"] == roots and entry["actor"]["role"] == "account" and entry["actor"]["account"] == "root"
    second = api_env.hold("root")
    assert web.post(f"/api/v1/actions/{signer.issue(second, 'release', 'root')}").status_code == 429
