"""Sender objects from names the sender chooses stay bounded per account (issue 14, item 13), on a real Redis."""

from __future__ import annotations

import time

import redis

from core import keys
from core.identity.script_header import MAX_SCRIPT_PATH, parse_script_headers
from core.identity.sender_objects import MAX_NAME, SoType, overflow_object, sender_objects
from core.models import ScriptHeader, Sender
from core.settings import Settings
from core.store.activity_monitor import stats
from core.store.limits import RATELIMITED, SENT, LimitStore


def _sender(account: str, email: str, script: str = "") -> Sender:
    return Sender(account=account, domain=email.rpartition("@")[2], email=email,
                  script=ScriptHeader(raw=script, domain="", path=script), how="auth")


def test_objects_past_the_cap_fold_into_one_overflow_object_that_stays_limited(
        redis_client: redis.Redis, settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits, max_objects=3)
    store.set_server_settings({"sender_email": 2})
    now = time.time()
    outcomes = [store.admit(sender_objects(_sender("alice", f"u{n}@alice.example")), 1, now=now) for n in range(10)]
    # the first three addresses are objects of their own, each under its own limit of 2
    assert [d.outcome for d in outcomes[:3]] == [SENT] * 3
    # every later one counts as alice's one overflow address: two pass, then its limit holds the rest
    overflow = overflow_object(SoType.SENDER_EMAIL, "alice")
    assert [d.outcome for d in outcomes[3:]] == [SENT, SENT] + [RATELIMITED] * 5
    assert {d.over for d in outcomes[5:]} == {overflow} and overflow.name == "(other sender emails)"
    assert "(other sender emails) reached its limit of 2" in outcomes[5].describe()
    # a known address still counts as itself; another account has its own cap
    assert store.admit(sender_objects(_sender("alice", "u0@alice.example")), 1, now=now).outcome == SENT
    assert store.admit(sender_objects(_sender("bob", "x@bob.example")), 1, now=now).outcome == SENT
    names = sorted(o.name for o in store.objects() if o.account == "alice")
    assert names == ["(other domains)", "(other sender emails)", "alice", "alice.example", "u0@alice.example",
                     "u1@alice.example", "u2@alice.example"]
    assert store.counts(3600, now=now)[overflow.id].counts == {SENT: 2, RATELIMITED: 5}
    # the admin can give the overflow object a limit of its own, as any other (tier 2)
    assert store.set_limit(overflow.id, "sender_email", 0).id == overflow.id
    assert store.admit(sender_objects(_sender("alice", "u99@alice.example")), 1, now=now).outcome == SENT
    # the Activity Monitor shows it nested under alice's overflow domain
    shown = stats(store, lambda kind, value: False, since_s=3600, account="alice", now=now)
    emails = [e["name"] for d in shown["accounts"][0]["domains"] or [] for e in d["sender_emails"] or []]
    assert "(other sender emails)" in emails


def test_an_accounts_made_up_scripts_and_addresses_stay_bounded(redis_client: redis.Redis,
                                                                settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits)  # the default cap
    now = time.time()
    for n in range(1500):
        store.admit(sender_objects(_sender("alice", f"r{n}@d{n}.example", f"/tmp/x{n}.php")), 1, now=now)
    per_type: dict[SoType, int] = {}
    for o in store.objects():
        per_type[o.type] = per_type.get(o.type, 0) + 1
    assert max(per_type.values()) <= 1001, per_type  # the cap, plus the one overflow object
    assert redis_client.hlen(keys.am_stats_day(int(now // 86400))) < 4 * 3 * 1001
    counted = store.counts(3600, now=now)
    overflow = overflow_object(SoType.SCRIPT, "alice")
    assert counted[overflow.id].counts[SENT] == 1500 - 1000, "the folded messages are all counted"


def test_pruning_an_object_frees_its_place(redis_client: redis.Redis, settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits, max_objects=2)
    then = time.time() - 40 * 86400
    for n in range(2):
        store.admit(sender_objects(_sender("alice", f"old{n}@alice.example")), 1, now=then)
    assert store.prune() >= 2
    d = store.admit(sender_objects(_sender("alice", "new@alice.example")), 1)
    assert "new@alice.example" in {o.name for o in store.objects()} and d.outcome == SENT


def test_script_names_and_object_names_are_capped() -> None:
    script, _ = parse_script_headers("example.com/" + "a" * 900 + ".php for 203.0.113.5", None)
    assert script.domain == "example.com" and len(script.path) == MAX_SCRIPT_PATH
    script, _ = parse_script_headers(None, "1001:" + "b" * 900)
    assert len(script.path) == MAX_SCRIPT_PATH
    long_email = "x" * 600 + "@alice.example"
    objects = sender_objects(Sender(account="alice", email=long_email, script=ScriptHeader(path="/" + "c" * 2000)))
    assert all(len(o.name) <= MAX_NAME for o in objects)
