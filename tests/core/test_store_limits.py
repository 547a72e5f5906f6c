"""Sender objects and the limit store on the real Redis: tiers, modes, windows, stats, settings validation."""

from __future__ import annotations

import pytest
import redis

from core.errors import NotFound, ValidationError
from core.identity.sender_objects import SoType, object_id, script_name, sender_objects
from core.models import ScriptHeader, Sender
from core.settings import Settings
from core.store.limits import HELD, LimitStore

T0 = 1_800_000_000.0


def _objs(email: str = "news@shop.example", account: str = "alice", script: ScriptHeader | None = None):
    return sender_objects(Sender(account=account, domain=email.rpartition("@")[2], email=email,
                                 script=script or ScriptHeader()))


def test_objects_have_stable_scoped_ids_and_parent_links() -> None:
    acc, dom, mail, scr = _objs(script=ScriptHeader(raw="x", domain="shop.example", path="/wp/send.php"))
    assert [o.type for o in (acc, dom, mail, scr)] == [SoType.ACCOUNT, SoType.DOMAIN, SoType.SENDER_EMAIL,
                                                      SoType.SCRIPT]
    assert scr.name == "shop.example/wp/send.php"
    assert dom.account_id == acc.id == mail.account_id and mail.domain_id == dom.id
    assert acc.id == object_id("account", "alice", "alice") == _objs()[0].id  # stable
    assert _objs(account="bob")[1].id != dom.id  # the same domain under another account is another object
    assert script_name(ScriptHeader(raw="1000:mailer.php", path="mailer.php")) == "mailer.php"
    assert [o.type for o in sender_objects(Sender(account="root"))] == [SoType.ACCOUNT]


def test_tier_one_limit_by_messages_then_recipients(redis_client: redis.Redis, settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits)
    store.set_server_settings({"sender_email": 3})
    objs = _objs()
    got = [store.admit(objs, 1, now=T0 + i).outcome for i in range(5)]
    assert got == ["sent", "sent", "sent", "ratelimited", "ratelimited"]
    d = store.admit(objs, 1, now=T0 + 10)
    assert d.over is not None and d.over.type is SoType.SENDER_EMAIL and d.limit == 3 and d.count == 3
    assert "sender_email news@shop.example reached its limit of 3 per hour" in d.describe()
    other = _objs("other@shop.example")
    assert store.admit(other, 1, now=T0).outcome == "sent"  # limits are per object

    store.set_server_settings({"limit_mode": 2, "sender_email": 5})
    fresh = _objs("bulk@shop.example")
    assert store.admit(fresh, 3, now=T0).outcome == "sent"
    held = store.admit(fresh, 3, now=T0 + 1)
    assert held.held and held.count == 3 and held.weight == 3, "a message crossing the limit is held whole"
    assert store.admit(fresh, 2, now=T0 + 2).outcome == "sent"
    assert store.window_count(fresh[2].id, now=T0 + 3) == 5


def test_window_slides_and_is_not_a_clock_hour(redis_client: redis.Redis, settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits)
    store.set_server_settings({"account": 2})
    objs = _objs()
    assert store.admit(objs, 1, now=T0).outcome == "sent"
    assert store.admit(objs, 1, now=T0 + 1800).outcome == "sent"
    assert store.admit(objs, 1, now=T0 + 3599).held
    assert store.admit(objs, 1, now=T0 + 3601).outcome == "sent"  # the first one left the window
    assert store.admit(objs, 1, now=T0 + 3700).held


def test_overrides_zero_unlimited_minus_one_default(redis_client: redis.Redis, settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits)
    store.set_server_settings({"domain": 1})
    objs = _objs()
    assert store.admit(objs, 1, now=T0).outcome == "sent"  # registers the objects
    dom = objs[1]
    store.set_limit(dom.id, "domain", 0)
    assert [store.admit(objs, 1, now=T0 + i).outcome for i in range(1, 4)] == ["sent"] * 3
    assert store.effective_limit(dom) == 0
    store.set_limit(dom.id, "domain", -1)
    assert store.effective_limit(dom) == 1 and store.admit(objs, 1, now=T0 + 5).held
    with pytest.raises(ValidationError, match="is a domain, not a account"):
        store.set_limit(dom.id, "account", 5)
    with pytest.raises(NotFound):
        store.set_limit(object_id("domain", "zed", "nowhere.example"), "domain", 5)
    with pytest.raises(ValidationError):
        store.set_limit("0001", "domain", 5)


def test_daily_limit_and_dry_run(redis_client: redis.Redis, settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits)
    store.set_server_settings({"daily_account": 3})
    objs = _objs()
    hours = [T0 + h * 3600 for h in (0, 5, 10, 20)]
    assert [store.admit(objs, 1, now=t).outcome for t in hours] == ["sent", "sent", "sent", "ratelimited"]
    assert store.admit(objs, 1, now=T0 + 25 * 3600).outcome == "sent"  # the first hour left the 24 h window
    store.set_server_settings({"dry_run": True, "account": 1})
    dry = _objs("x@y.example", account="carol")
    outcomes = [store.admit(dry, 1, now=T0 + i) for i in range(3)]
    assert [d.outcome for d in outcomes] == ["sent"] * 3
    assert outcomes[2].over is not None and outcomes[2].dry_run and "dry run" in outcomes[2].describe()
    found = store.counts(3600, now=T0 + 10)[dry[0].id]
    assert (found.counts, found.details) == ({"sent": 3, "dry_ratelimited": 2}, {"limit_hit": 2})


def test_record_and_counts_over_hours_and_days(redis_client: redis.Redis, settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits)
    objs = _objs()
    now = T0 + 40 * 86400
    for i in range(30):  # one message a day for 30 days, plus held ones now
        store.admit(objs, 1, now=now - i * 86400)
    store.record(objs, HELD, now=now)
    found = store.counts(3600, now=now)[objs[0].id]
    assert (found.counts, found.details) == ({"sent": 1, "held": 1}, {})
    assert store.counts(30 * 86400, now=now)[objs[0].id].get("sent") == 30
    assert store.counts(10 * 86400, now=now)[objs[0].id].get("sent") in (10, 11)  # hour/day granularity
    with pytest.raises(ValueError):
        store.record(objs, "ratelimited")
    assert store.prune(now=now + 32 * 86400) == 3
    assert store.objects() == []


def test_server_settings_validation(redis_client: redis.Redis, settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits)
    assert store.server_settings()["limit_mode"] == 1
    s = store.set_server_settings({"limit_mode": 2, "domain": 100, "account": -1, "script": None})
    assert s["limit_mode"] == 2 and s["domain"] == 100 and s["account"] == 0
    for bad in ({"limit_mode": 3}, {"domain": -5}, {"nope": 1}, {"account": "5"}):
        with pytest.raises(ValidationError):
            store.set_server_settings(bad)
