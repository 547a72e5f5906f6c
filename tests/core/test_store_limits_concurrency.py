"""LimitStore against a real Redis: exact enforcement under concurrency, recipients mode, the sliding hour, the
daily limit, dry run, recorded outcomes, tier-2 overrides and pruning (explicit `now`, no waiting)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
import redis

from core import keys
from core.errors import NotFound, ValidationError
from core.identity.sender_objects import SenderObject, SoType, object_id, sender_objects
from core.models import ScriptHeader, Sender
from core.settings import LimitDefaults, Settings
from core.store.limits import (
    DRY_RATELIMITED,
    HELD,
    LIMIT_HIT,
    RATELIMITED,
    REJECTED,
    SENT,
    STATS_KEEP_S,
    WINDOW_S,
    Decision,
    LimitStore,
)

# a fixed instant in the middle of a clock hour: 2026-11-21 10:30:00 UTC
T0 = 1_795_170_600.0
HOUR = 3600.0


def defaults(**values: int | bool) -> LimitDefaults:
    """File defaults (tier 1 as the settings file gives it): unlimited unless given."""
    base: dict[str, int | bool] = {"limit_mode": 1, "account": 0, "domain": 0, "sender_email": 0, "script": 0,
                                   "daily_account": 0, "daily_domain": 0, "daily_sender_email": 0,
                                   "daily_script": 0, "dry_run": False}
    base.update(values)
    return LimitDefaults(**base)  # type: ignore[arg-type]


def objects_of(email: str = "alice@acme.example", account: str = "acme", script: str = "") -> list[SenderObject]:
    """The sender objects of a message from email (and a PHP script path, if given)."""
    header = ScriptHeader(raw=script, domain=email.rpartition("@")[2], path=script) if script else ScriptHeader()
    return sender_objects(Sender(account=account, domain=email.rpartition("@")[2], email=email, script=header))


def by_type(objects: list[SenderObject], so_type: SoType) -> SenderObject:
    return next(o for o in objects if o.type == so_type)


def in_parallel(threads: int, per_thread: int, fn: Callable[[int], Decision]) -> list[Decision]:
    """Run fn threads*per_thread times from `threads` threads released together; every decision, in any order."""
    start = threading.Barrier(threads)
    out: list[Decision] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(t: int) -> None:
        try:
            start.wait(30)
            mine = [fn(t * per_thread + i) for i in range(per_thread)]
        except BaseException as exc:
            with lock:
                errors.append(exc)
            return
        with lock:
            out.extend(mine)

    workers = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert not errors, errors
    assert not any(w.is_alive() for w in workers)
    return out


def stats(store: LimitStore, obj: SenderObject, *, now: float = T0, since: float = HOUR) -> Counter[str]:
    """An object's outcome counts over the last `since` seconds (limit_hit is a detail: see test_limit_hit_*)."""
    found = store.counts(since, now=now).get(obj.id)
    return Counter(found.counts) if found else Counter()


def test_limit_hit_counts_only_the_object_whose_limit_was_reached(redis_client: redis.Redis,
                                                                   settings: Settings) -> None:
    store = LimitStore(redis_client, settings.limits)
    store.set_server_settings({"sender_email": 1})
    objs = objects_of()
    assert [store.admit(objs, 1, now=T0 + i).outcome for i in range(3)] == ["sent", "ratelimited", "ratelimited"]
    counts = store.counts(HOUR, now=T0 + 5)
    hit = {o.type.value: counts[o.id].get(LIMIT_HIT) for o in objs}
    assert hit["sender_email"] == 2 and hit["account"] == hit["domain"] == 0
    assert all(counts[o.id].get("ratelimited") == 2 for o in objs), "every object counts the held message"


# ------------------------------------------------------------------------------------------- concurrency


@pytest.mark.parametrize("threads", [1, 8, 32])
def test_exactly_the_limit_passes_under_concurrency(redis_client: redis.Redis, threads: int) -> None:
    limit, total = 40, 320
    store = LimitStore(redis_client, defaults(sender_email=limit))
    objs = objects_of(script="/home/acme/public_html/contact.php")
    assert len(objs) == 4
    decisions = in_parallel(threads, total // threads, lambda i: store.admit(objs, 1, now=T0 + i / 1000))
    outcomes = Counter(d.outcome for d in decisions)
    assert outcomes == {SENT: limit, RATELIMITED: total - limit}
    email = by_type(objs, SoType.SENDER_EMAIL)
    for d in decisions:
        assert d.held == (d.outcome == RATELIMITED)
        if d.held:
            assert d.over == email and d.limit == limit and d.count == limit and d.window == "hour"
    assert store.window_count(email.id, now=T0 + 1) == limit
    for obj in objs:  # every object counts each message once, under one outcome
        assert stats(store, obj, now=T0 + 1) == {SENT: limit, RATELIMITED: total - limit}, obj.type
    # unlimited objects keep a window too, so a limit set later applies to what they already sent
    assert store.window_count(by_type(objs, SoType.ACCOUNT).id, now=T0 + 1) == limit


def test_concurrent_senders_of_one_account_share_its_limit(redis_client: redis.Redis) -> None:
    limit = 25
    store = LimitStore(redis_client, defaults(account=limit, sender_email=1000))
    senders = [objects_of(f"user{n}@acme.example") for n in range(8)]
    decisions = in_parallel(32, 10, lambda i: store.admit(senders[i % 8], 1, now=T0))
    assert Counter(d.outcome for d in decisions) == {SENT: limit, RATELIMITED: 320 - limit}
    account = by_type(senders[0], SoType.ACCOUNT)
    assert all(d.over == account for d in decisions if d.held)
    sent_by_email = sum(stats(store, by_type(s, SoType.SENDER_EMAIL))[SENT] for s in senders)
    assert sent_by_email == limit
    # another account is not touched by acme's limit
    assert store.admit(objects_of("bob@beta.example", account="beta"), 1, now=T0).outcome == SENT


def test_recipients_mode_under_concurrency_never_exceeds_the_limit(redis_client: redis.Redis) -> None:
    limit = 100
    store = LimitStore(redis_client, defaults(limit_mode=2, sender_email=limit))
    objs = objects_of()
    decisions = in_parallel(32, 8, lambda i: store.admit(objs, 3, now=T0))
    sent = [d for d in decisions if d.outcome == SENT]
    assert len(sent) == limit // 3 and all(d.weight == 3 for d in decisions)
    assert store.window_count(by_type(objs, SoType.SENDER_EMAIL).id, now=T0) == 3 * (limit // 3)
    # a 3-recipient message would cross the limit and is held whole; one recipient still fits
    held = store.admit(objs, 3, now=T0)
    assert held.held and held.count == 99 and held.limit == limit
    assert store.admit(objs, 1, now=T0).outcome == SENT
    assert store.admit(objs, 1, now=T0).held
    assert store.window_count(by_type(objs, SoType.SENDER_EMAIL).id, now=T0) == limit


# ----------------------------------------------------------------------------------------- limit modes


def test_recipients_mode_weights_by_envelope_recipients(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(limit_mode=2, sender_email=10))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    assert store.admit(objs, 4, now=T0).weight == 4
    assert store.admit(objs, 4, now=T0).outcome == SENT
    over = store.admit(objs, 3, now=T0)  # 8 + 3 > 10: the whole message is held, none of its recipients count
    assert over.held and over.count == 8 and over.weight == 3
    assert store.window_count(email.id, now=T0) == 8
    assert store.admit(objs, 0, now=T0).weight == 1  # no recipients still counts as one
    assert store.admit(objs, 1, now=T0).outcome == SENT
    assert store.window_count(email.id, now=T0) == 10
    assert stats(store, email) == {SENT: 4, RATELIMITED: 1}  # stats count messages, not recipients


def test_a_message_larger_than_the_limit_never_passes(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(limit_mode=2, sender_email=5))
    objs = objects_of()
    assert store.admit(objs, 6, now=T0).held
    assert store.admit(objs, 5, now=T0).outcome == SENT


def test_message_mode_ignores_recipients(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(limit_mode=1, sender_email=2))
    objs = objects_of()
    assert [store.admit(objs, 50, now=T0).outcome for _ in range(3)] == [SENT, SENT, RATELIMITED]
    assert store.window_count(by_type(objs, SoType.SENDER_EMAIL).id, now=T0) == 2


def test_switching_mode_at_run_time_applies_to_the_next_message(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(limit_mode=1, sender_email=4))
    objs = objects_of()
    assert store.admit(objs, 3, now=T0).weight == 1
    store.set_server_settings({"limit_mode": 2})
    assert store.admit(objs, 3, now=T0).outcome == SENT  # 1 + 3 = 4
    assert store.admit(objs, 1, now=T0).held


# ----------------------------------------------------------------------------------------------- windows


def test_the_hour_slides_rather_than_resetting_on_the_clock(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=3))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    top = (T0 // HOUR + 1) * HOUR  # the next clock hour
    times = [top - 1200, top - 600, top - 60]
    assert [store.admit(objs, 1, now=t).outcome for t in times] == [SENT] * 3
    # a new clock hour frees nothing: all three are within the last 60 minutes
    held = store.admit(objs, 1, now=top + 60)
    assert held.held and held.count == 3
    assert store.window_count(email.id, now=top + 60) == 3
    # 60 minutes after the first message one slot frees up, and only one
    assert store.admit(objs, 1, now=top - 1200 + WINDOW_S - 1).held
    assert store.admit(objs, 1, now=top - 1200 + WINDOW_S + 1).outcome == SENT
    assert store.admit(objs, 1, now=top - 1200 + WINDOW_S + 2).held
    assert store.window_count(email.id, now=top - 1200 + WINDOW_S + 2) == 3
    # an hour after the last one everything has slid out
    later = top - 1200 + 2 * WINDOW_S + 10
    assert store.window_count(email.id, now=later) == 0
    assert [store.admit(objs, 1, now=later).outcome for _ in range(4)] == [SENT, SENT, SENT, RATELIMITED]


def test_window_count_agrees_with_the_decision_at_the_edge(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=1))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    assert store.admit(objs, 1, now=T0).outcome == SENT
    assert store.window_count(email.id, now=T0 + WINDOW_S - 0.5) == 1
    assert store.admit(objs, 1, now=T0 + WINDOW_S - 0.5).held
    # exactly 60 minutes later the message has left the window, for the count as for the decision
    assert store.window_count(email.id, now=T0 + WINDOW_S) == 0
    assert store.admit(objs, 1, now=T0 + WINDOW_S).outcome == SENT


def test_the_windows_count_only_their_own_buckets_whatever_else_the_hash_holds(redis_client: redis.Redis) -> None:
    """A window hash may hold a bucket that just left the window (dropped only when a bucket starts) and one ahead
    of this host's clock (another host's); neither counts, for the decision as for window_count."""
    store = LimitStore(redis_client, defaults(sender_email=3, daily_sender_email=7))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    minute, hour = int(T0 // 60), int(T0 // HOUR)
    redis_client.hset(keys.am_window(email.id), mapping={minute - 60: 5, minute + 1: 5, minute - 59: 1, minute: 1})
    redis_client.hset(keys.am_daily(email.id), mapping={hour - 24: 9, hour + 1: 9, hour - 23: 2, hour: 2})
    assert store.window_count(email.id, now=T0) == 2
    assert store.admit(objs, 1, now=T0).outcome == SENT
    held = store.admit(objs, 1, now=T0)
    assert held.held and held.window == "hour" and held.count == 3
    store.set_server_settings({"sender_email": 0})
    assert [store.admit(objs, 1, now=T0).outcome for _ in range(3)] == [SENT, SENT, RATELIMITED]
    d = store.admit(objs, 1, now=T0)
    assert d.held and d.window == "day" and d.count == 7


def test_every_key_a_message_writes_outlives_what_it_counts(redis_client: redis.Redis) -> None:
    """Lifetimes are set when a key or bucket starts, not moved by every message: still, after messages within one
    bucket, each window outlives its window and the statistics their 31 days (Redis's clock: `now` is real)."""
    store = LimitStore(redis_client, defaults())
    objs = objects_of()
    for _ in range(3):
        assert store.admit(objs, 1).outcome == SENT
    store.record(objs, HELD, reason="spam")
    now = time.time()
    for o in objs:
        assert WINDOW_S < redis_client.ttl(keys.am_window(o.id)) <= WINDOW_S + 60
        assert 86400 < redis_client.ttl(keys.am_daily(o.id)) <= 90000
    for key in (keys.am_stats_hour(int(now // HOUR)), keys.am_stats_day(int(now // 86400))):
        assert redis_client.ttl(key) >= STATS_KEEP_S
    for t in (SoType.DOMAIN, SoType.SENDER_EMAIL):
        assert redis_client.ttl(keys.am_account_objects(objs[0].account_id, t.value)) > 0


def test_held_messages_do_not_use_up_the_window(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=2))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    store.admit(objs, 1, now=T0)
    store.admit(objs, 1, now=T0 + 10)
    for i in range(20):
        assert store.admit(objs, 1, now=T0 + 100 + i).held
    assert store.window_count(email.id, now=T0 + 200) == 2
    assert store.admit(objs, 1, now=T0 + WINDOW_S + 5).outcome == SENT
    assert redis_client.ttl(keys.am_window(email.id)) > 0  # a window expires once an object goes quiet


def test_daily_limit_holds_over_24_hours(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(daily_sender_email=5))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    assert [store.admit(objs, 1, now=T0 + i * 600).outcome for i in range(5)] == [SENT] * 5
    for later in (HOUR + 1, 6 * HOUR, 23 * HOUR):  # hours later, in a fresh sliding hour: still held
        d = store.admit(objs, 1, now=T0 + later)
        assert d.held and d.window == "day" and d.limit == 5 and d.count == 5 and d.over == email
        assert "per 24 hours" in d.describe()
    assert store.window_count(email.id, now=T0 + 4 * 600) == 5  # counted in the hour window too, unlimited
    # a day later (hourly buckets: the hour of the first message has left the last 24) it passes again
    assert store.admit(objs, 1, now=T0 + 24 * HOUR).outcome == SENT
    assert stats(store, email, now=T0 + 24 * HOUR, since=2 * 86400) == {SENT: 6, RATELIMITED: 3}


def test_hourly_and_daily_limits_together(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=3, daily_sender_email=5))
    objs = objects_of()
    assert [store.admit(objs, 1, now=T0).outcome for _ in range(4)] == [SENT, SENT, SENT, RATELIMITED]
    assert store.admit(objs, 1, now=T0).window == "hour"
    later = T0 + WINDOW_S + 1
    assert [store.admit(objs, 1, now=later).outcome for _ in range(2)] == [SENT, SENT]
    d = store.admit(objs, 1, now=later)
    assert d.held and d.window == "day" and d.count == 5


def test_daily_limit_in_recipients_mode_counts_recipients(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(limit_mode=2, daily_domain=10))
    objs = objects_of()
    assert store.admit(objs, 6, now=T0).outcome == SENT
    d = store.admit(objs, 5, now=T0 + 2 * HOUR)
    assert d.held and d.over == by_type(objs, SoType.DOMAIN) and d.count == 6 and d.window == "day"
    assert store.admit(objs, 4, now=T0 + 2 * HOUR).outcome == SENT


def test_daily_buckets_of_old_hours_do_not_pile_up(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(daily_sender_email=1000))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    for i in range(30):  # one message every 10 hours for 12.5 days
        assert store.admit(objs, 1, now=T0 + i * 10 * HOUR).outcome == SENT
    fields = redis_client.hkeys(keys.am_daily(email.id))
    assert len(fields) <= 24, sorted(int(f) for f in fields)


# ---------------------------------------------------------------------------------------------- dry run


def test_dry_run_passes_everything_and_counts_what_it_would_have_held(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=10))
    store.set_server_settings({"dry_run": True})
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    decisions = in_parallel(16, 4, lambda i: store.admit(objs, 1, now=T0))
    assert all(d.outcome == SENT and not d.held and d.dry_run for d in decisions)
    would = [d for d in decisions if d.over is not None]
    assert len(would) == 54 and all("dry run: not held" in d.describe() for d in would)
    assert stats(store, email) == {SENT: 64, DRY_RATELIMITED: 54}
    assert stats(store, by_type(objs, SoType.ACCOUNT)) == {SENT: 64, DRY_RATELIMITED: 54}
    # dry run off: the window is full of what dry run let through, so the next message is held
    store.set_server_settings({"dry_run": False})
    assert store.server_settings()["dry_run"] is False
    assert store.admit(objs, 1, now=T0).held


def test_dry_run_from_the_settings_file(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=1, dry_run=True))
    objs = objects_of()
    assert [store.admit(objs, 1, now=T0).outcome for _ in range(3)] == [SENT] * 3
    assert stats(store, by_type(objs, SoType.SENDER_EMAIL))[DRY_RATELIMITED] == 2


# --------------------------------------------------------------------------------------- recorded outcomes


def test_record_counts_outcomes_without_touching_the_window(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=2, daily_sender_email=2))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    for outcome in (HELD, HELD, REJECTED, SENT):
        store.record(objs, outcome, now=T0)
    assert stats(store, email) == {HELD: 2, REJECTED: 1, SENT: 1}
    assert store.window_count(email.id, now=T0) == 0
    assert not redis_client.exists(keys.am_daily(email.id))
    assert [store.admit(objs, 1, now=T0).outcome for _ in range(3)] == [SENT, SENT, RATELIMITED]
    assert stats(store, email) == {HELD: 2, REJECTED: 1, SENT: 3, RATELIMITED: 1}
    # the objects are registered for `am stats` whatever the outcome
    assert {o.id for o in store.objects()} == {o.id for o in objs}
    assert store.object(email.id) == email


def test_record_refuses_outcomes_it_cannot_record(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults())
    for outcome in (RATELIMITED, DRY_RATELIMITED, "try", "bogus"):
        with pytest.raises(ValueError, match="cannot record"):
            store.record(objects_of(), outcome, now=T0)
    store.record([], HELD, now=T0)
    assert store.admit([], 1, now=T0).outcome == SENT
    assert redis_client.dbsize() == 0


# ---------------------------------------------------------------------------------------- tiers 1 and 2


def test_run_time_settings_override_the_file(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=5, domain=7))
    assert store.server_settings()["sender_email"] == 5
    after = store.set_server_settings({"sender_email": 2, "domain": -1, "account": None})
    assert after["sender_email"] == 2 and after["domain"] == 7 and after["account"] == 0
    objs = objects_of()
    assert [store.admit(objs, 1, now=T0).outcome for _ in range(3)] == [SENT, SENT, RATELIMITED]
    store.set_server_settings({"sender_email": 0})  # 0 = unlimited
    assert [store.admit(objs, 1, now=T0).outcome for _ in range(5)] == [SENT] * 5
    for bad in ({"limit_mode": 3}, {"sender_email": -5}, {"sender_email": "10"}, {"nonsense": 1}):
        with pytest.raises(ValidationError):
            store.set_server_settings(bad)  # type: ignore[arg-type]


def test_tier2_override_beats_the_default_and_minus_one_restores_it(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=2))
    mine, other = objects_of("alice@acme.example"), objects_of("bob@acme.example")
    assert store.admit(mine, 1, now=T0).outcome == SENT  # seen once: now it has an id to set a limit on
    email = by_type(mine, SoType.SENDER_EMAIL)
    assert email.id == object_id(SoType.SENDER_EMAIL, "acme", "alice@acme.example")
    assert store.set_limit(email.id, "sender_email", 6) == email
    assert store.overrides() == {email.id: 6} and store.effective_limit(email) == 6
    assert [store.admit(mine, 1, now=T0).outcome for _ in range(6)] == [SENT] * 5 + [RATELIMITED]
    assert [store.admit(other, 1, now=T0).outcome for _ in range(3)] == [SENT, SENT, RATELIMITED]
    store.set_limit(email.id, "sender_email", 0)  # unlimited
    assert [store.admit(mine, 1, now=T0).outcome for _ in range(10)] == [SENT] * 10
    assert store.window_count(email.id, now=T0) == 16  # unlimited mail is counted too
    store.set_limit(email.id, "sender_email", -1)  # back to the server default of 2
    assert store.overrides() == {} and store.effective_limit(email) == 2
    assert store.admit(mine, 1, now=T0).held
    # a limit set on an object the server leaves unlimited applies at once to what it already sent this hour
    account = by_type(mine, SoType.ACCOUNT)
    assert store.window_count(account.id, now=T0) == 18
    store.set_limit(account.id, "account", 20)
    carol = objects_of("carol@acme.example")
    assert [store.admit(carol, 1, now=T0).outcome for _ in range(3)] == [SENT, SENT, RATELIMITED]
    d = store.admit(carol, 1, now=T0)
    assert d.held and d.over is not None and d.over.type == SoType.ACCOUNT and d.limit == 20 and d.count == 20


def test_set_limit_validates(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults())
    objs = objects_of()
    store.record(objs, SENT, now=T0)
    email = by_type(objs, SoType.SENDER_EMAIL)
    with pytest.raises(NotFound):
        store.set_limit(object_id(SoType.SENDER_EMAIL, "acme", "never@acme.example"), "sender_email", 3)
    with pytest.raises(ValidationError, match="UUID"):
        store.set_limit("not-a-uuid", "sender_email", 3)
    with pytest.raises(ValidationError, match="not a domain"):
        store.set_limit(email.id, "domain", 3)
    with pytest.raises(ValidationError, match="so_type"):
        store.set_limit(email.id, "mailbox", 3)
    for bad in (-2, True, 1.5):
        with pytest.raises(ValidationError):
            store.set_limit(email.id, "sender_email", bad)  # type: ignore[arg-type]
    assert store.set_limit(email.id.upper(), "sender_email", 3) == email  # any UUID spelling
    assert store.overrides() == {email.id: 3}


def test_concurrent_override_changes_apply_to_the_next_message(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults(sender_email=1000))
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    store.record(objs, SENT, now=T0)
    store.set_limit(email.id, "sender_email", 30)
    decisions = in_parallel(32, 4, lambda i: store.admit(objs, 1, now=T0))
    assert sum(d.outcome == SENT for d in decisions) == 30


# --------------------------------------------------------------------------------------- stats and prune


def test_counts_span_hours_and_days(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults())
    objs = objects_of()
    email = by_type(objs, SoType.SENDER_EMAIL)
    ages = [0, 30 * 60, 2 * HOUR, 26 * HOUR, 3 * 86400, 10 * 86400]
    for age in ages:
        store.record(objs, SENT, now=T0 - age)
    for since, expected in ((HOUR, 2), (3 * HOUR, 3), (86400, 3), (2 * 86400, 4), (7 * 86400, 5),
                            (30 * 86400, 6)):
        assert stats(store, email, since=since)[SENT] == expected, since


def test_prune_forgets_objects_gone_quiet(redis_client: redis.Redis) -> None:
    store = LimitStore(redis_client, defaults())
    old, new = objects_of("old@acme.example"), objects_of("new@acme.example")
    store.record(old, SENT, now=T0 - 40 * 86400)
    store.record(new, SENT, now=T0)
    assert store.prune(now=T0) == 1  # old's sender email; the account and domain are still in use by new
    ids = {o.id for o in store.objects()}
    assert ids == {o.id for o in new}
    with pytest.raises(NotFound):
        store.object(by_type(old, SoType.SENDER_EMAIL).id)
    assert store.prune(now=T0) == 0
    assert store.prune(keep_s=0, now=T0 + 1) == len(new)
    assert store.objects() == []
