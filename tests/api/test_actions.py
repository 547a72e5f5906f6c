"""/actions/{token}: public one-click links from digests; release as the account within its limit, once."""

from __future__ import annotations

from core.notify.notification_tokens import TokenSigner, ensure_signing_key, key_path
from tests.api.conftest import ApiEnv


def _signer(env: ApiEnv, ttl: int = 3600) -> TokenSigner:
    """Signs with the app's own key file (the one the API verifies with)."""
    return TokenSigner(env.client, key=ensure_signing_key(key_path(env.settings.state_dir)), ttl_s=ttl)


def test_get_shows_without_acting_and_post_releases_once_as_the_account(api_env: ApiEnv) -> None:
    eid = api_env.hold("alice", subject="<script>x</script>")
    token = _signer(api_env).issue(eid, "release", "alice")
    web = api_env.app.test_client()  # no identity at all: the token is the authority
    r = web.get(f"/api/v1/actions/{token}")
    assert r.status_code == 200 and r.json["status"] == "pending" and r.json["account_name"] == "alice"
    page = web.get(f"/api/v1/actions/{token}", headers={"Accept": "text/html"})
    assert page.mimetype == "text/html" and b"<script>" not in page.data and b'method="post"' in page.data
    assert api_env.reinjector.sent == []
    r = web.post(f"/api/v1/actions/{token}")
    assert r.status_code == 200 and r.json["status"] == "released"
    assert [rec.email_id for rec, _ in api_env.reinjector.sent] == [eid]
    again = web.post(f"/api/v1/actions/{token}")
    assert again.status_code == 403 and again.json["status"] == "token_refused"
    audit = api_env.admin("GET", "/audit").json
    entries = audit["items"] if isinstance(audit, dict) else audit
    assert any(e.get("action") == "email.release" and e.get("target") == eid for e in entries)


def test_release_links_count_against_the_accounts_hourly_limit(api_env: ApiEnv) -> None:
    api_env.store.set_account("alice", releases_limit=1)
    signer = _signer(api_env)
    first, second = api_env.hold("alice"), api_env.hold("alice")
    web = api_env.app.test_client()
    assert web.post(f"/api/v1/actions/{signer.issue(first, 'release', 'alice')}").status_code == 200
    token = signer.issue(second, "release", "alice")
    r = web.post(f"/api/v1/actions/{token}")
    assert r.status_code == 429
    assert web.get(f"/api/v1/actions/{token}").status_code == 200  # refused for now, not used up


def test_delete_link_and_refused_tokens(api_env: ApiEnv) -> None:
    eid = api_env.hold("bob")
    web = api_env.app.test_client()
    expired = _signer(api_env, ttl=-1).issue(eid, "delete", "bob")
    r = web.post(f"/api/v1/actions/{expired}")
    assert r.status_code == 403 and "expired" in r.json["message"]
    assert web.post("/api/v1/actions/abc.def").status_code == 403
    wrong = _signer(api_env).issue(eid, "delete", "alice")  # signed, but bob's mail does not exist for alice
    assert web.post(f"/api/v1/actions/{wrong}").status_code == 404
    r = web.post(f"/api/v1/actions/{_signer(api_env).issue(eid, 'delete', 'bob')}")
    assert r.status_code == 200 and r.json["status"] == "removed"
    assert api_env.store.list("bob")[1] == 0 and api_env.reinjector.sent == []
