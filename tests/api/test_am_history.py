"""Sender history through the API: `history` in GET /am/stats, GET /am/history, and learn --spam tainting senders."""

from __future__ import annotations

import time
import uuid

import pytest

from core.identity.sender_objects import SenderObject, SoType, sender_objects
from core.models import Sender
from core.store.limits import LimitStore
from core.store.sender_history import SenderHistoryStore
from tests.api.conftest import ApiEnv, Caller
from tests.core.history_support import DAY, by_type, grow

HISTORY_KEYS = ["active_hours", "clean", "clean_days", "confirmed_spam", "established", "first_seen", "held",
                "held_ratio", "last_seen", "recipient_domains", "tainted_until", "this_hour", "usual_per_hour"]


@pytest.fixture
def history(api_env: ApiEnv) -> SenderHistoryStore:
    return api_env.app.extensions["mailward.services"].history


@pytest.fixture
def shop(api_env: ApiEnv, history: SenderHistoryStore) -> list[SenderObject]:
    """alice's orders@alice.example: three weeks of clean mail, and a message in the last hour; bob: one message."""
    limits: LimitStore = api_env.app.extensions["mailward.services"].limits
    objs = sender_objects(Sender(account="alice", domain="alice.example", email="orders@alice.example"))
    grow(history, objs, start=time.time() - 22 * DAY)
    limits.admit(objs, 1)
    history.record(objs, ["maria@customer.example"], True)
    bob = sender_objects(Sender(account="bob", domain="bob.example", email="info@bob.example"))
    limits.admit(bob, 1)
    return objs


def test_stats_show_history_only_when_asked(api_env: ApiEnv, shop: list[SenderObject]) -> None:
    plain = api_env.admin("GET", "/am/stats").json
    assert "history" not in plain["accounts"][0], "the reference's document unchanged by default"
    r = api_env.admin("GET", "/am/stats?history=true")
    assert r.status_code == 200, r.json
    alice, bob = r.json["accounts"]
    assert list(alice) == ["domains", "exclusion", "history", "id", "limit", "messages", "name", "quarantined",
                           "rateLimited", "scripts", "whitelisted"]
    assert sorted(alice["history"]) == HISTORY_KEYS
    email = alice["domains"][0]["sender_emails"][0]
    h = email["history"]
    assert (h["established"], h["clean"], h["held"], h["usual_per_hour"], h["this_hour"]) == (True, 81, 0, 4.0, 1)
    assert h["recipient_domains"] == 6 and h["tainted_until"] is None and isinstance(h["first_seen"], int)
    assert alice["history"]["recipient_domains"] == 0, "accounts do not keep recipient domains"
    assert bob["history"] is None and bob["domains"][0]["sender_emails"][0]["history"] is None
    for bad in ("yes", "1", ""):
        assert api_env.admin("GET", f"/am/stats?history={bad}").status_code == 422, bad


def test_one_objects_history(api_env: ApiEnv, alice: Caller, bob: Caller, shop: list[SenderObject]) -> None:
    email = by_type(shop, SoType.SENDER_EMAIL)
    r = api_env.admin("GET", f"/am/history?id={email.id}")
    assert r.status_code == 200, r.json
    assert {k: r.json[k] for k in ("id", "so_type", "name", "account_name")} == {
        "id": email.id, "so_type": "sender_email", "name": "orders@alice.example", "account_name": "alice"}
    assert r.json["history"]["established"] is True and sorted(r.json["history"]) == HISTORY_KEYS
    assert r.json["recent_domains"][0] == "customer.example" and len(r.json["recent_domains"]) == 6
    assert alice("GET", f"/am/history?id={email.id}").status_code == 200
    assert bob("GET", f"/am/history?id={email.id}").status_code == 404, "another account's object does not exist"
    assert api_env.admin("GET", f"/am/history?id={uuid.uuid4()}").status_code == 404
    assert api_env.admin("GET", "/am/history?id=nope").status_code == 422
    # an object the limits know but history does not (history off, or expired): null, no domains
    bob_email = sender_objects(Sender(account="bob", domain="bob.example", email="info@bob.example"))[2]
    r = api_env.admin("GET", f"/am/history?id={bob_email.id}")
    assert (r.status_code, r.json["history"], r.json["recent_domains"]) == (200, None, [])


def test_learning_a_held_message_as_spam_taints_its_senders(api_env: ApiEnv, history: SenderHistoryStore) -> None:
    objs = sender_objects(Sender(account="alice", domain="shop.example", email="a@shop.example"))
    grow(history, objs, start=time.time() - 22 * DAY)
    assert history.baselines(objs)[objs[2].id]["established"]
    eid = api_env.hold("alice", sender="a@shop.example")  # a record without attribution: the envelope sender
    assert api_env.admin("POST", "/emails/learn", json={"ids": [eid], "spam": True}).status_code == 200
    shown = history.baselines(objs)
    for o in objs:
        assert (shown[o.id]["clean"], shown[o.id]["confirmed_spam"], shown[o.id]["established"]) == (0, 1, False)
        assert shown[o.id]["tainted_until"] > time.time() + 29 * DAY
    # learning ham, or an incoming hold, taints nobody
    other = sender_objects(Sender(account="alice", domain="shop.example", email="b@shop.example"))
    grow(history, other, start=time.time() - 22 * DAY)
    ham = api_env.hold("alice", sender="b@shop.example", subject="ham")
    incoming = api_env.hold("alice", sender="b@shop.example", subject="in", direction="incoming")
    api_env.admin("POST", "/emails/learn", json={"ids": [ham], "spam": False})
    api_env.admin("POST", "/emails/learn", json={"ids": [incoming], "spam": True})
    assert history.baselines(other)[other[2].id]["confirmed_spam"] == 0
