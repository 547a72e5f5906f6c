"""Sender history's rules (core.learning.sender_history) on the stub twin: established, new, tainted, anomalies,
the baseline.

The Redis store keeps the same fields by the same rules (tests/core/test_store_sender_history.py holds the two
together), so these scenarios run in memory.
"""

from __future__ import annotations

import pytest

from core.detection.checks.sender_history import CHECK
from core.errors import ConfigError
from core.identity.sender_objects import SoType
from core.learning.sender_history import (
    ANOMALY_SYMBOLS,
    ESTABLISHED,
    NEW_RCPT_DOMAINS,
    NEW_SCRIPT,
    RCPT_BURST,
    VOLUME_SPIKE,
    Counters,
    HistoryView,
    delivered_outcome,
    ewma_step,
    fold_hour,
    held_objects,
    history_symbols,
)
from core.models import Action, Direction, Envelope, QuarantineRecord, Reason, ScriptHeader, Sender, Verdict
from core.settings import Settings
from core.store.sender_history import MemorySenderHistoryStore
from tests.core.history_support import CUSTOMERS, DAY, HOUR, T0, by_type, grow, objects_of
from tests.core.scan_support import context, settings

SCRIPT = "/home/acme/public_html/contact.php"


@pytest.fixture
def st() -> Settings:
    return settings()


@pytest.fixture
def store(st: Settings) -> MemorySenderHistoryStore:
    return MemorySenderHistoryStore(st)


def symbols(store: MemorySenderHistoryStore, st: Settings, objects: list, recipients: list[str],
            now: float = T0) -> dict[str, list[str]]:
    """The symbols of one message (name -> options), as the check would give them."""
    return {s.name: s.options for s in history_symbols(store.view(objects, recipients, now=now), st)}


# ----------------------------------------------------------------------------------------- established or not


def test_a_brand_new_sender_is_neutral(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    assert symbols(store, st, objs, ["x@new.example"]) == {}
    # a first burst is no anomaly: nothing to compare it with
    for i in range(200):
        store.record(objs, [f"r{i}@d{i}.example"], True, now=T0 + i)
    view = store.view(objs, [f"z{i}@z{i}.example" for i in range(10)], now=T0 + 300)
    assert view.of(SoType.SENDER_EMAIL).this_hour == 201  # type: ignore[union-attr]
    assert history_symbols(view, st) == []


def test_a_long_clean_history_is_established(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)
    found = history_symbols(store.view(objs, [CUSTOMERS[0]], now=T0), st)
    assert [(s.name, s.score) for s in found] == [(ESTABLISHED, st.score(ESTABLISHED))]
    assert st.score(ESTABLISHED) < 0
    assert found[0].options == ["clean=80", "days=19", "held=0.0%", "account_clean=80"]


@pytest.mark.parametrize(("days", "per_hour"), [(20, 2), (10, 8)], ids=["too-few-messages", "too-few-days"])
def test_established_needs_enough_mail_over_enough_days(store: MemorySenderHistoryStore, st: Settings,
                                                        days: int, per_hour: int) -> None:
    objs = objects_of()
    grow(store, objs, days=days, per_hour=per_hour)  # 40 messages over 19 days; 80 over 9 days
    view = store.view(objs, [CUSTOMERS[0]], now=T0)
    assert not any(o.established for o in view.objects)
    assert history_symbols(view, st) == []


def test_every_sender_object_must_be_established(store: MemorySenderHistoryStore, st: Settings) -> None:
    old = objects_of("alice@acme.example")
    grow(store, old)
    newcomer = objects_of("bob@acme.example")  # same account and domain, an address never seen
    assert symbols(store, st, newcomer, [CUSTOMERS[0]]) == {}
    # a known address sending through a script with little history is not attenuated either
    via_script = objects_of("alice@acme.example", script=SCRIPT)
    store.record(via_script, [CUSTOMERS[0]], True, now=T0 - 60)
    assert symbols(store, st, via_script, [CUSTOMERS[0]]) == {}


def test_recent_holds_take_attenuation_away(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)
    for i in range(6):
        store.record(objs, [CUSTOMERS[0]], False, now=T0 - 3600 + i)
    view = store.view(objs, [CUSTOMERS[0]], now=T0)
    sender = view.of(SoType.SENDER_EMAIL)
    assert sender is not None and sender.held_total == 6 and sender.clean_total == 80
    assert sender.held_ratio > st.history.max_held_ratio and sender.has_baseline and not sender.established
    assert history_symbols(view, st) == []
    # holds fade (decayed over about a week): weeks of clean mail later the sender is established again
    grow(store, objs, start=T0 + DAY, days=30)
    assert ESTABLISHED in symbols(store, st, objs, [CUSTOMERS[0]], now=T0 + 32 * DAY)


def test_confirmed_spam_wipes_the_history_and_taints(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)
    store.confirm_spam(objs, now=T0)
    view = store.view(objs, [CUSTOMERS[0]], now=T0 + 60)
    sender = view.of(SoType.SENDER_EMAIL)
    assert sender is not None and sender.clean_total == 0 and sender.confirmed_spam == 1
    assert sender.tainted_until == T0 + st.history.taint_days * DAY and sender.new_recipient_domains == 1
    assert history_symbols(view, st) == []
    # the clean history grows again, but the taint holds attenuation back until it ends
    end = grow(store, objs, start=T0 + HOUR, days=25)
    assert end < T0 + st.history.taint_days * DAY
    view = store.view(objs, [CUSTOMERS[0]], now=end + 60)
    assert all(o.has_baseline and not o.established for o in view.objects)
    assert history_symbols(view, st) == []
    later = T0 + (st.history.taint_days + 1) * DAY
    assert ESTABLISHED in symbols(store, st, objs, [CUSTOMERS[0]], now=later)


def test_history_off_says_nothing(store: MemorySenderHistoryStore) -> None:
    off = settings(history={"enabled": False})
    objs = objects_of()
    grow(store, objs)
    assert history_symbols(store.view(objs, [CUSTOMERS[0]], now=T0), off) == []
    quiet = MemorySenderHistoryStore(off)
    quiet.record(objs, [CUSTOMERS[0]], True, now=T0)
    assert quiet.hashes == {} and quiet.view(objs, [], now=T0) == HistoryView()


# ---------------------------------------------------------------------------------------------------- anomalies


def test_volume_spike_against_the_usual_hour(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)  # 4 an hour
    for i in range(39):
        store.record(objs, [CUSTOMERS[i % 10]], True, now=T0 - 1200 + i)
    found = symbols(store, st, objs, [CUSTOMERS[0]])  # the 40th in the sliding hour
    assert set(found) == {VOLUME_SPIKE}, "an anomaly takes attenuation away"
    assert "hour=40" in found[VOLUME_SPIKE] and "usual=4.0" in found[VOLUME_SPIKE]
    assert 0 < st.score(VOLUME_SPIKE) < st.thresholds.add_header


def test_no_spike_below_the_floor_or_the_factor(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)
    for i in range(24):  # 25 with this one: six times the usual hour, but under spike_min
        store.record(objs, [CUSTOMERS[i % 10]], True, now=T0 - 600 + i)
    assert set(symbols(store, st, objs, [CUSTOMERS[0]])) == {ESTABLISHED}
    big = objects_of("news@shop.example", account="shop")
    grow(store, big, per_hour=40)  # a newsletter sender: 40 an hour is its usual hour
    for i in range(99):
        store.record(big, [CUSTOMERS[i % 10]], True, now=T0 - 600 + i)
    assert VOLUME_SPIKE not in symbols(store, st, big, [CUSTOMERS[0]])


def test_held_mail_counts_in_the_hour_but_not_in_the_clean_history(store: MemorySenderHistoryStore,
                                                                    st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)
    for i in range(50):
        store.record(objs, [CUSTOMERS[0]], False, now=T0 - 600 + i)
    view = store.view(objs, [CUSTOMERS[0]], now=T0)
    sender = view.of(SoType.SENDER_EMAIL)
    assert sender is not None and sender.clean_total == 80 and sender.held_total == 50 and sender.this_hour == 51
    assert VOLUME_SPIKE in {s.name for s in history_symbols(view, st)}


def test_new_recipient_domains(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)
    news = [f"x@fresh{i}.example" for i in range(4)]
    found = symbols(store, st, objs, news)
    assert set(found) == {NEW_RCPT_DOMAINS} and "new=4/4" in found[NEW_RCPT_DOMAINS]
    assert symbols(store, st, objs, news[:2]) == symbols(store, st, objs, [CUSTOMERS[0]]), "2 < new_rcpt_domains_min"
    mixed = news[:3] + list(CUSTOMERS[:5])  # 3 new of 8 domains: not most
    assert NEW_RCPT_DOMAINS not in symbols(store, st, objs, mixed)
    # a new sender writing to new domains is no anomaly
    assert symbols(store, st, objects_of("bob@acme.example"), news) == {}


def test_a_burst_of_new_recipients(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)
    for i in range(24):  # one known domain, recipients never written to
        store.record(objs, [f"lead{i}@customer1.example"], True, now=T0 - 900 + i)
    found = symbols(store, st, objs, ["lead99@customer1.example"])
    assert set(found) == {RCPT_BURST} and "new_this_hour=25" in found[RCPT_BURST]
    # the usual recipients are no burst however many messages go to them
    assert RCPT_BURST not in symbols(store, st, objs, [CUSTOMERS[0]])


def test_a_new_script_of_an_account_that_sends_through_scripts(store: MemorySenderHistoryStore,
                                                              st: Settings) -> None:
    form = objects_of(script=SCRIPT)
    grow(store, form)
    assert ESTABLISHED in symbols(store, st, form, [CUSTOMERS[0]])
    dropped = objects_of(script="/home/acme/public_html/wp-content/uploads/x.php")
    found = symbols(store, st, dropped, [CUSTOMERS[0]])
    assert found == {NEW_SCRIPT: ["script=acme.example/home/acme/public_html/wp-content/uploads/x.php",
                                  "account_script_clean=80"]}
    # an account that never sent through scripts: its first script is no anomaly
    other = objects_of("carol@beta.example", account="beta")
    grow(store, other)
    assert symbols(store, st, objects_of("carol@beta.example", account="beta", script=SCRIPT), [CUSTOMERS[0]]) == {}


def test_anomalies_are_small_and_attenuation_negative(st: Settings) -> None:
    for name in ANOMALY_SYMBOLS:
        assert 0 < st.score(name) <= 1.5, name
    assert st.score(ESTABLISHED) == -2.0


# --------------------------------------------------------------------------------------------------- baseline


def test_baseline_is_the_usual_active_hour() -> None:
    hs = settings().history
    c = Counters()
    for hour, count in enumerate([4] * 20):
        c = Counters(baseline=c.baseline, active_hours=c.active_hours, hour_clean=count, hour=hour)
        b, _, n = fold_hour(c, hs)
        c = Counters(baseline=b, active_hours=n)
    assert c.baseline == pytest.approx(4.0) and c.active_hours == 20
    # idle hours are not folded; a burst counts only up to the spike threshold
    b, _, n = fold_hour(Counters(baseline=4.0, active_hours=20, hour_clean=500), hs)
    assert n == 21 and b == pytest.approx(4.0 + (30 - 4.0) / 21)
    assert fold_hour(Counters(baseline=4.0, active_hours=20, hour_clean=0), hs) == (4.0, 0.0, 20)
    # after many hours the weight stays at 1 / baseline_hours
    assert ewma_step(10.0, 1000, 20, factor=5, floor=30, alpha_floor=1 / 48) == pytest.approx(10 + 10 / 48)


def test_an_unfolded_hour_is_counted_when_read(store: MemorySenderHistoryStore) -> None:
    objs = objects_of()
    for i in range(6):
        store.record(objs, [CUSTOMERS[0]], True, now=T0 + i)
    before = store.view(objs, [], now=T0 + 60).of(SoType.ACCOUNT)
    after = store.view(objs, [], now=T0 + 2 * HOUR).of(SoType.ACCOUNT)
    assert before is not None and after is not None
    assert (before.baseline_per_hour, before.active_hours) == (0.0, 0)
    assert (after.baseline_per_hour, after.active_hours) == (6.0, 1)


# --------------------------------------------------------------------------------------- the check and the scan


def test_the_check_reads_the_view(store: MemorySenderHistoryStore, st: Settings) -> None:
    objs = objects_of()
    grow(store, objs)
    ctx = context(st)
    assert CHECK.run(None, ctx) == []  # type: ignore[arg-type]
    ctx.history = store.view(objs, [CUSTOMERS[0]], now=T0)
    assert [s.name for s in CHECK.run(None, ctx)] == [ESTABLISHED]  # type: ignore[arg-type]
    assert CHECK.name == "sender_history" and CHECK.description


@pytest.mark.parametrize(("action", "expected"), [
    (Action.ACCEPT, True), (Action.ADD_HEADER, True), (Action.QUARANTINE, False), (Action.REJECT, False),
    (Action.DEFER, None)])
def test_what_a_verdict_teaches(action: Action, expected: bool | None) -> None:
    out = Envelope(sender="a@acme.example", recipients=["b@x.example"])
    assert delivered_outcome(Verdict(action), out) is expected
    assert delivered_outcome(Verdict(action, bounce=True), out) is None
    assert delivered_outcome(Verdict(action), Envelope(direction=Direction.INCOMING)) is None


def test_a_held_message_names_its_sender_objects() -> None:
    record = QuarantineRecord(email_id="e1", account="acme", received=T0, sender="alice@acme.example",
                              recipients=["b@x.example"], subject="s", reasons=[Reason.SPAM.value], score=9.0,
                              symbols=[], size=1, sender_email="alice@acme.example", sender_domain="acme.example",
                              script=ScriptHeader(raw=SCRIPT, domain="acme.example", path=SCRIPT))
    assert held_objects(record) == objects_of(script=SCRIPT)
    assert by_type(held_objects(record), SoType.SCRIPT).name == "acme.example" + SCRIPT
    record.direction = Direction.INCOMING.value
    assert held_objects(record) == []
    assert Sender()  # the default sender (root) has only an account object


@pytest.mark.parametrize(("change", "message"), [
    ({"enabled": "yes"}, "history.enabled must be true or false"),
    ({"spike_factor": 0}, "history.spike_factor must be positive"),
    ({"max_held_ratio": 1.5}, "at most 1"),
    ({"max_objects_per_account": 3}, "at least 4"),
    ({"taint_days": 120}, "must not exceed history.ttl_days"),
    ({"spike_floor": 3}, "unknown setting 'spike_floor'"),
])
def test_history_settings_are_checked(change: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings(history=change)
    assert settings(history={"established_min_days": 7}).history.established_min_days == 7.0
