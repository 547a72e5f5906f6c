"""Activity Monitor statistics on the real Redis: the reference's nested shape, tiers, filters, scope, pages."""

from __future__ import annotations

from typing import Any

import pytest
import redis

from core import keys
from core.identity.sender_objects import SenderObject, sender_objects
from core.models import ScriptHeader, Sender
from core.settings import Settings
from core.store.activity_monitor import stats
from core.store.limits import HELD, REJECTED, SENT, LimitStore
from core.store.whitelist import WhitelistStore

T0 = 1_800_000_000.0
HOUR = 3600
ACCOUNT_KEYS = {"domains", "exclusion", "id", "limit", "messages", "name", "quarantined", "rateLimited", "scripts",
                "whitelisted"}
DOMAIN_KEYS = {"account_id", "exclusion", "id", "limit", "messages", "name", "quarantined", "rateLimited",
               "sender_emails", "whitelisted"}
EMAIL_KEYS = {"account_id", "domain_id", "exclusion", "id", "limit", "messages", "name", "quarantined",
              "rateLimited", "whitelisted"}


def objs(email: str, account: str = "alice", script: str = "") -> list[SenderObject]:
    domain, _, path = script.partition("/")
    header = ScriptHeader(raw=script, domain=domain, path="/" + path) if script else ScriptHeader()
    return sender_objects(Sender(account=account, domain=email.rpartition("@")[2], email=email, script=header))


@pytest.fixture
def store(redis_client: redis.Redis, settings: Settings) -> LimitStore:
    return LimitStore(redis_client, settings.limits)


@pytest.fixture
def whitelist(redis_client: redis.Redis) -> WhitelistStore:
    return WhitelistStore(redis_client, ttl=0.0)


def am(store: LimitStore, whitelist: WhitelistStore, since_s: float = HOUR, **kw: Any) -> dict[str, Any]:
    return stats(store, whitelist.matches, since_s=since_s, now=T0 + 60, **kw)


def names(result: dict[str, Any]) -> list[tuple[str, list[str], list[str]]]:
    """(account, [domain: emails...], [scripts]) per account, for terse assertions."""
    out = []
    for a in result["accounts"]:
        domains = [": ".join([d["name"], *([" ".join(e["name"] for e in d["sender_emails"])]
                                           if d["sender_emails"] else [])]) for d in a["domains"] or []]
        out.append((a["name"], domains, [s["name"] for s in a["scripts"] or []]))
    return out


def test_the_reference_shape_with_counts_and_parent_links(store: LimitStore, whitelist: WhitelistStore) -> None:
    acc, dom, mail = objs("test@domain.com", account="domain")
    store.admit([acc, dom, mail], 1, now=T0)
    store.record([acc, dom, mail], HELD, now=T0 + 1)
    store.record([acc, dom, mail], REJECTED, now=T0 + 2)  # neither sent nor quarantined
    result = am(store, whitelist, since_s=10 * HOUR)
    assert result == {"max_count": 1, "accounts": [{
        "domains": [{
            "account_id": acc.id, "exclusion": False, "id": dom.id, "limit": 0, "messages": 1, "name": "domain.com",
            "quarantined": 1, "rateLimited": False,
            "sender_emails": [{"account_id": acc.id, "domain_id": dom.id, "exclusion": False, "id": mail.id,
                               "limit": 0, "messages": 1, "name": "test@domain.com", "quarantined": 1,
                               "rateLimited": False, "whitelisted": False}],
            "whitelisted": False}],
        "exclusion": False, "id": acc.id, "limit": 0, "messages": 1, "name": "domain", "quarantined": 1,
        "rateLimited": False, "scripts": None, "whitelisted": False}]}
    account = result["accounts"][0]
    # the reference prints keys in alphabetical order (Go's JSON of its structs)
    assert list(account) == sorted(ACCOUNT_KEYS) and list(account["domains"][0]) == sorted(DOMAIN_KEYS)
    assert list(account["domains"][0]["sender_emails"][0]) == sorted(EMAIL_KEYS)


def test_scripts_and_several_domains_are_nested_and_sorted(store: LimitStore, whitelist: WhitelistStore) -> None:
    store.admit(objs("zed@shop.example", script="shop.example/wp/mail.php"), 1, now=T0)
    store.admit(objs("amy@shop.example"), 1, now=T0)
    store.admit(objs("info@blog.example"), 1, now=T0)
    store.admit(objs("x@bob.example", account="bob"), 1, now=T0)
    result = am(store, whitelist)
    assert names(result) == [
        ("alice", ["blog.example: info@blog.example", "shop.example: amy@shop.example zed@shop.example"],
         ["shop.example/wp/mail.php"]),
        ("bob", ["bob.example: x@bob.example"], []),
    ]
    alice = result["accounts"][0]
    script = alice["scripts"][0]
    assert set(script) == EMAIL_KEYS and script["domain_id"] == alice["domains"][1]["id"]
    assert (alice["messages"], alice["domains"][1]["messages"], script["messages"]) == (3, 2, 1)


def test_only_objects_active_in_the_frame_are_listed(store: LimitStore, whitelist: WhitelistStore) -> None:
    store.admit(objs("old@shop.example"), 1, now=T0 - 5 * HOUR)
    store.admit(objs("new@shop.example"), 1, now=T0)
    assert names(am(store, whitelist)) == [("alice", ["shop.example: new@shop.example"], [])]
    wide = am(store, whitelist, since_s=6 * HOUR)
    assert names(wide) == [("alice", ["shop.example: new@shop.example old@shop.example"], [])]
    assert wide["accounts"][0]["messages"] == 2 and am(store, whitelist)["accounts"][0]["messages"] == 1
    assert am(store, whitelist, since_s=60)["accounts"] != [], "the frame is whole clock hours"


def test_limits_overrides_and_whitelisting_are_reported(store: LimitStore, whitelist: WhitelistStore) -> None:
    acc, dom, mail = objs("news@shop.example")
    store.admit([acc, dom, mail], 1, now=T0)
    store.set_server_settings({"account": 500, "domain": 100, "sender_email": 10})
    store.set_limit(mail.id, "sender_email", 0)  # tier 2: unlimited for this address
    store.set_limit(acc.id, "account", 1000)
    whitelist.add("sender", ["shop.example"])  # tier 3 lifts the domain and its addresses
    a = am(store, whitelist)["accounts"][0]
    d = a["domains"][0]
    e = d["sender_emails"][0]
    assert (a["limit"], a["exclusion"], a["whitelisted"]) == (1000, True, False)
    assert (d["limit"], d["exclusion"], d["whitelisted"]) == (100, False, True)
    assert (e["limit"], e["exclusion"], e["whitelisted"]) == (0, True, True)
    store.set_limit(mail.id, "sender_email", -1)  # back to the server default
    e = am(store, whitelist)["accounts"][0]["domains"][0]["sender_emails"][0]
    assert (e["limit"], e["exclusion"]) == (10, False)


def test_a_script_named_like_a_whitelisted_domain_is_not_whitelisted(
        store: LimitStore, whitelist: WhitelistStore) -> None:
    # a script without a domain is named by its path alone, which may well look like a domain
    header = ScriptHeader(raw="1000:mail.shop.example", path="mail.shop.example")
    store.admit(sender_objects(Sender(account="alice", domain="x.example", email="a@x.example", script=header)), 1,
                now=T0)
    whitelist.add("sender", ["shop.example"])
    assert whitelist.matches("sender", "mail.shop.example")
    a = am(store, whitelist)["accounts"][0]
    assert a["scripts"][0]["name"] == "mail.shop.example" and a["scripts"][0]["whitelisted"] is False


def test_rate_limited_objects(store: LimitStore, whitelist: WhitelistStore) -> None:
    store.set_server_settings({"sender_email": 1, "domain": 5})
    ok = objs("ok@shop.example")
    busy = objs("busy@shop.example")
    store.admit(ok, 1, now=T0)
    assert store.admit(busy, 1, now=T0).outcome == SENT
    assert store.admit(busy, 1, now=T0 + 1).held
    d = am(store, whitelist)["accounts"][0]["domains"][0]
    got = {e["name"]: (e["rateLimited"], e["messages"], e["quarantined"]) for e in d["sender_emails"]}
    assert got == {"busy@shop.example": (True, 1, 1), "ok@shop.example": (True, 1, 0)}, \
        "ok@ is at its limit of 1 right now"
    assert d["rateLimited"] is False and d["quarantined"] == 1, \
        "the domain counts the held message, but its own limit (5) was not what held it"
    assert am(store, whitelist)["accounts"][0]["rateLimited"] is False, "an unlimited object is never rate limited"


def test_dry_run_would_have_rate_limited(store: LimitStore, whitelist: WhitelistStore) -> None:
    store.set_server_settings({"sender_email": 5, "dry_run": True})
    mail = objs("bulk@shop.example")
    for i in range(3):
        assert store.admit(mail, 1, now=T0 - 2 * HOUR + i).outcome == SENT
    store.set_server_settings({"sender_email": 2})
    assert store.admit(mail, 1, now=T0 - 2 * HOUR + 5).dry_run
    e = am(store, whitelist, since_s=3 * HOUR)["accounts"][0]["domains"][0]["sender_emails"][0]
    assert (e["rateLimited"], e["messages"], e["quarantined"]) == (True, 4, 0)


def test_filters_keep_matches_and_their_parents(store: LimitStore, whitelist: WhitelistStore) -> None:
    store.admit(objs("amy@shop.example", script="shop.example/wp/mail.php"), 1, now=T0)
    store.admit(objs("zed@shop.example"), 1, now=T0)
    store.admit(objs("info@blog.example", script="blog.example/contact.php"), 1, now=T0)
    store.admit(objs("x@bob.example", account="bob"), 1, now=T0)
    everything = names(am(store, whitelist))
    assert names(am(store, whitelist, account_name="alice")) == everything[:1]
    assert names(am(store, whitelist, account_name="ali")) == [], "account names match exactly"
    assert names(am(store, whitelist, domain="Shop.Example")) == [
        ("alice", ["shop.example: amy@shop.example zed@shop.example"], ["shop.example/wp/mail.php"])]
    assert names(am(store, whitelist, sender_email="ZED@shop.example")) == [
        ("alice", ["shop.example: zed@shop.example"], [])]
    assert names(am(store, whitelist, script_name="contact")) == [
        ("alice", ["blog.example"], ["blog.example/contact.php"])]
    assert names(am(store, whitelist, domain="shop.example", sender_email="info@blog.example")) == []
    assert names(am(store, whitelist, account_name="bob", domain="bob.example")) == [
        ("bob", ["bob.example: x@bob.example"], [])]
    filtered = am(store, whitelist, sender_email="zed@shop.example")["accounts"][0]
    assert filtered["messages"] == 3, "a parent shown for a match keeps its own totals"


def test_scope_limits_to_one_account(store: LimitStore, whitelist: WhitelistStore) -> None:
    store.admit(objs("a@alice.example"), 1, now=T0)
    store.admit(objs("b@bob.example", account="bob"), 1, now=T0)
    assert [a["name"] for a in am(store, whitelist, account="bob")["accounts"]] == ["bob"]
    assert am(store, whitelist, account="bob", account_name="alice")["accounts"] == []
    assert am(store, whitelist, account="carol") == {"accounts": [], "max_count": 0}


def test_pagination_is_over_accounts_by_name(store: LimitStore, whitelist: WhitelistStore) -> None:
    for name in ("dave", "bob", "carol", "alice"):
        store.admit(objs(f"{name}@{name}.example", account=name), 1, now=T0)
        store.admit(objs(f"{name}2@{name}.example", account=name), 1, now=T0)
    page = am(store, whitelist, limit=2, offset=1)
    assert [a["name"] for a in page["accounts"]] == ["bob", "carol"] and page["max_count"] == 4
    assert [a["name"] for a in am(store, whitelist, offset=3)["accounts"]] == ["dave"]
    assert am(store, whitelist, offset=10)["accounts"] == [] and am(store, whitelist, limit=0)["accounts"] == []
    assert len(page["accounts"][0]["domains"][0]["sender_emails"]) == 2, "the limit counts accounts only"


def test_a_parent_lost_from_the_registry_is_rebuilt(store: LimitStore, whitelist: WhitelistStore,
                                                    redis_client: redis.Redis) -> None:
    acc, dom, mail = objs("a@shop.example")
    store.admit([acc, dom, mail], 1, now=T0)
    redis_client.hdel(keys.am_objects(), acc.id, dom.id)
    # only the address was counted in the frame: its account and domain come back from its own record
    redis_client.delete(keys.am_stats_hour(int(T0 // HOUR)))
    store.record([mail], SENT, now=T0)
    a = am(store, whitelist)["accounts"][0]
    assert (a["id"], a["name"], a["messages"]) == (acc.id, "alice", 0)
    assert (a["domains"][0]["id"], a["domains"][0]["name"]) == (dom.id, "shop.example")
    assert a["domains"][0]["sender_emails"][0]["messages"] == 1
