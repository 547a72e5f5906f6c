"""SenderHistoryStore on a real Redis, beside its stub twin: round trip, caps, expiry, taint, the same answers."""

from __future__ import annotations

import random
from dataclasses import asdict

import pytest
import redis

from core import keys
from core.identity.sender_objects import SoType
from core.learning.sender_history import ESTABLISHED, HistoryView, history_symbols
from core.settings import Settings
from core.store.sender_history import MAX_RECIPIENTS_PER_MESSAGE, MemorySenderHistoryStore, SenderHistoryStore
from tests.core.history_support import CUSTOMERS, DAY, HOUR, T0, by_type, grow, objects_of
from tests.core.scan_support import settings

Store = SenderHistoryStore | MemorySenderHistoryStore
SCRIPT = "/home/acme/public_html/contact.php"


@pytest.fixture(params=["redis", "memory"])
def make(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Builds the store under test (real Redis or the stub twin) from settings."""
    def build(st: Settings | None = None) -> Store:
        st = st or settings()
        if request.param == "memory":
            return MemorySenderHistoryStore(st)
        return SenderHistoryStore(request.getfixturevalue("redis_client"), st)
    return build


def test_record_then_view(make) -> None:  # type: ignore[no-untyped-def]
    store = make()
    objs = objects_of(script=SCRIPT)
    store.record(objs, ["b@x.example", "c@y.example"], True, now=T0)
    store.record(objs, ["b@x.example"], False, now=T0 + 60)
    view = store.view(objs, ["b@x.example", "d@x.example", "e@z.example"], now=T0 + 120)
    assert [o.type for o in view.objects] == [SoType.ACCOUNT, SoType.DOMAIN, SoType.SENDER_EMAIL, SoType.SCRIPT]
    for o in view.objects:
        assert (o.clean_total, o.held_total, o.first_seen, o.last_seen) == (1, 1, T0, T0 + 60), o.type
        assert o.this_hour == 3, "both recorded, and the message being scanned"
        assert not o.has_baseline and not o.established
    email = view.of(SoType.SENDER_EMAIL)
    assert email is not None and (email.recipient_domains, email.new_recipient_domains) == (2, 1)  # z is new
    assert (email.new_recipients, email.new_recipients_this_hour) == (2, 2 + 0 + 2)  # b was known when held
    assert view.of(SoType.DOMAIN).recipient_domains == 0  # type: ignore[union-attr]  # only senders and scripts
    assert view.of(SoType.SCRIPT).is_new_script is False  # type: ignore[union-attr]
    assert view.of(SoType.ACCOUNT).script_clean == 1  # type: ignore[union-attr]
    # the sliding hour lets go of old buckets; the totals stay
    later = store.view(objs, [], now=T0 + HOUR + 700)
    assert all(o.this_hour == 1 and o.clean_total == 1 for o in later.objects)


def test_view_writes_nothing(redis_client: redis.Redis) -> None:
    store = SenderHistoryStore(redis_client, settings())
    objs = objects_of(script=SCRIPT)
    store.view(objs, ["b@x.example"], now=T0)
    assert redis_client.dbsize() == 0
    store.record(objs, ["b@x.example"], True, now=T0)
    before = {k: redis_client.dump(k) for k in redis_client.keys("*")}
    store.view(objs, ["b@x.example", "c@y.example"], now=T0 + 5000)
    assert {k: redis_client.dump(k) for k in redis_client.keys("*")} == before


def test_keys_expire_after_ttl_days(redis_client: redis.Redis) -> None:
    st = settings()
    store = SenderHistoryStore(redis_client, st)
    objs = objects_of(script=SCRIPT)
    store.record(objs, ["b@x.example"], True, now=T0)
    found = redis_client.keys("mw:hist:*")
    # 4 hashes, domains and recipients of the address and the script, the account's registry
    assert len(found) == 4 + 2 * 2 + 1
    ttl = st.history.ttl_days * DAY
    for k in found:
        assert ttl - 10 <= redis_client.ttl(k) <= ttl, k
    store.confirm_spam(objs, now=T0)
    assert all(0 < redis_client.ttl(k) <= ttl for k in redis_client.keys("mw:hist:*"))


def test_recipient_domains_per_sender_are_capped(make) -> None:  # type: ignore[no-untyped-def]
    store = make(settings(history={"max_domains_per_sender": 5, "max_recipients_per_sender": 7}))
    objs = objects_of()
    for i in range(8):
        store.record(objs, [f"r{i}@d{i}.example"], True, now=T0 + i)
    email = by_type(objs, SoType.SENDER_EMAIL)
    shown = store.baseline(email, now=T0 + 10)
    assert shown is not None and shown["recipient_domains"] == 5
    assert shown["recent_domains"] == [f"d{i}.example" for i in range(7, 2, -1)]
    old = store.view(objs, ["r0@d0.example", "r1@d1.example", "r2@d2.example"], now=T0 + 10).of(SoType.SENDER_EMAIL)
    assert old is not None and old.new_recipient_domains == 3, "the least recently used are forgotten"
    recent = store.view(objs, ["r7@d7.example"], now=T0 + 10).of(SoType.SENDER_EMAIL)
    assert recent is not None and (recent.new_recipient_domains, recent.new_recipients) == (0, 0)
    still = store.view(objs, ["r0@d0.example", "r1@d1.example"], now=T0 + 10).of(SoType.SENDER_EMAIL)
    assert still is not None and still.new_recipients == 1, "7 recipients kept: r1..r7"
    # one message's recipients are bounded too
    many = [f"u{i}@many.example" for i in range(MAX_RECIPIENTS_PER_MESSAGE + 50)]
    assert store.view(objs, many, now=T0).of(SoType.SENDER_EMAIL).new_recipients == MAX_RECIPIENTS_PER_MESSAGE  # type: ignore[union-attr]


def test_objects_per_account_are_capped_least_recently_used_first(make) -> None:  # type: ignore[no-untyped-def]
    store = make(settings(history={"max_objects_per_account": 4}))
    senders = [objects_of(f"user{i}@acme.example") for i in range(6)]
    for i, objs in enumerate(senders):  # the domain and six addresses: seven objects under acme
        store.record(objs, ["b@x.example"], True, now=T0 + i)
    kept = {o.id for objs in senders for o in objs if store.baselines([o], now=T0 + 10)}
    account, domain = by_type(senders[0], SoType.ACCOUNT), by_type(senders[0], SoType.DOMAIN)
    emails = [by_type(objs, SoType.SENDER_EMAIL).id for objs in senders]
    assert kept == {account.id, domain.id, *emails[3:]}, "the account itself is never evicted"
    gone = store.view(senders[0], [], now=T0 + 10).of(SoType.SENDER_EMAIL)
    assert gone is not None and gone.clean_total == 0 and gone.first_seen == 0
    if isinstance(store, SenderHistoryStore):
        assert not store.client.exists(keys.history_object(emails[0]), keys.history_domains(emails[0]),
                                       keys.history_recipients(emails[0]))
        assert store.client.zcard(keys.history_account(account.id)) == 4
    # another account has its own room
    store.record(objects_of("bob@beta.example", account="beta"), ["b@x.example"], True, now=T0 + 20)
    assert store.baselines([by_type(senders[5], SoType.SENDER_EMAIL)], now=T0 + 20)


def test_confirm_spam_wipes_and_taints(make) -> None:  # type: ignore[no-untyped-def]
    st = settings()
    store = make(st)
    objs = objects_of()
    grow(store, objs)
    assert [s.name for s in history_symbols(store.view(objs, [CUSTOMERS[0]], now=T0), st)] == [ESTABLISHED]
    store.confirm_spam(objs, now=T0)
    shown = store.baseline(by_type(objs, SoType.SENDER_EMAIL), now=T0 + 1)
    assert shown is not None
    wiped = (shown["clean"], shown["confirmed_spam"], shown["established"], shown["recipient_domains"])
    assert wiped == (0, 1, False, 0)
    assert shown["tainted_until"] == T0 + st.history.taint_days * DAY and shown["usual_per_hour"] == 0
    view = store.view(objs, [CUSTOMERS[0]], now=T0 + 2)
    assert history_symbols(view, st) == []  # tainted: no attenuation
    assert view.of(SoType.SENDER_EMAIL).confirmed_spam == 1  # type: ignore[union-attr]


def test_baselines_for_display(make) -> None:  # type: ignore[no-untyped-def]
    store = make()
    objs = objects_of()
    grow(store, objs)
    shown = store.baselines(objs + objects_of("nobody@acme.example")[2:], now=T0)
    assert set(shown) == {o.id for o in objs}
    email = shown[by_type(objs, SoType.SENDER_EMAIL).id]
    assert email == {"established": True, "clean": 80, "held": 0, "confirmed_spam": 0, "usual_per_hour": 4.0,
                     "this_hour": 0, "active_hours": 20, "clean_days": 19.0, "held_ratio": 0.0,
                     "first_seen": T0 - 21 * DAY, "last_seen": T0 - 2 * DAY + 3, "tainted_until": None,
                     "recipient_domains": 5}


def test_one_message_one_account(make) -> None:  # type: ignore[no-untyped-def]
    store = make()
    with pytest.raises(ValueError, match="one account"):
        store.record(objects_of() + objects_of("b@beta.example", account="beta"), [], True, now=T0)
    store.record([], ["b@x.example"], True, now=T0)
    assert store.view([], [], now=T0) == HistoryView()


def test_history_off_touches_nothing(redis_client: redis.Redis) -> None:
    store = SenderHistoryStore(redis_client, settings(history={"enabled": False}))
    store.record(objects_of(), ["b@x.example"], True, now=T0)
    assert redis_client.dbsize() == 0 and store.view(objects_of(), [], now=T0) == HistoryView()


def test_the_lua_script_and_the_stub_twin_agree(redis_client: redis.Redis) -> None:
    """A random month of mail through both stores: every view field the same (the baselines to float precision)."""
    st = settings(history={"max_domains_per_sender": 20, "max_recipients_per_sender": 40,
                           "max_objects_per_account": 6})
    real, twin = SenderHistoryStore(redis_client, st), MemorySenderHistoryStore(st)
    rng = random.Random(13)
    senders = [objects_of(f"u{i}@acme.example", script=SCRIPT if i % 3 == 0 else "") for i in range(5)]
    t = T0 - 30 * DAY
    for step in range(1500):
        t += rng.choice((1, 30, 400, 3000, 20000))
        objs = rng.choice(senders)
        rcpts = [f"r{rng.randrange(60)}@d{rng.randrange(30)}.example" for _ in range(rng.randrange(1, 4))]
        if step % 97 == 0:
            real.confirm_spam(objs, now=t)
            twin.confirm_spam(objs, now=t)
            continue
        delivered = rng.random() > 0.1
        real.record(objs, rcpts, delivered, now=t)
        twin.record(objs, rcpts, delivered, now=t)
        if step % 50 == 0:
            probe = [f"r{rng.randrange(60)}@d{rng.randrange(30)}.example" for _ in range(5)]
            for objs in senders:
                _same(real.view(objs, probe, now=t + 1), twin.view(objs, probe, now=t + 1))
    everything = [o for objs in senders for o in objs]
    shown, expected = real.baselines(everything, now=t), twin.baselines(everything, now=t)
    assert shown.keys() == expected.keys() and len(shown) >= 6
    for so_id, fields in shown.items():
        assert fields == {k: pytest.approx(v) if isinstance(v, float) else v for k, v in expected[so_id].items()}


def _same(a: HistoryView, b: HistoryView) -> None:
    for x, y in zip(a.objects, b.objects, strict=True):
        dx, dy = asdict(x), asdict(y)
        for k, v in dx.items():
            assert (v == pytest.approx(dy[k], rel=1e-9)) if isinstance(v, float) else v == dy[k], (x.type, k)
