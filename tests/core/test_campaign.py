"""Campaign detection against a real Redis: bursts, several accounts, confirmed spam, the sliding hour, concurrency."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import redis

from core import keys
from core.detection.checks import campaign
from core.detection.checks.base import ScanContext
from core.identity.cpanel import MemoryCpanelAccounts
from core.learning.fingerprint import Fingerprint, fingerprint_text
from core.models import AccountState, Action, Envelope, Reason, Sender, Symbol
from core.scan.pipeline import Pipeline, Policy
from core.settings import Settings, load_settings
from core.store import campaigns as store_campaigns
from core.store.campaigns import CONFIRMED_TTL_S, WINDOW_S, BandCounts, CampaignStore, CampaignView

T0 = 1_800_000_000.0
ACCOUNTS = ("alice", "bob", "carol", "dave")
BODY = """Dear {name},

Your mailbox has been selected for our premium storage upgrade. Upgraded mailboxes keep every message for ten
years, get priority delivery and a dedicated support line. The upgrade is free for a limited time only: confirm
your details at {url} within the next two days, or the offer goes to the next customer on the list.

Regards,
Mail Services
"""
OTHER = """Hello team, the quarterly report is ready for review. I moved the budget tables to the appendix, added
the hiring plan for the second half of the year and rewrote the section about the data centre move, which now
starts in October. Comments by Thursday, please, so that the final version can go out on Monday."""


def message(account: str, name: str = "Maria", *, body: str = BODY, to: str = "maria@dest.example") -> bytes:
    text = body.format(name=name, url=f"https://upgrade-mail.example/c?u={name.lower()}&k=77")
    return (f"From: <info@{account}.example>\nTo: {name} <{to}>\nSubject: Storage upgrade\n"
            f"Message-ID: <{name}.{account}@{account}.example>\nDate: Sat, 21 Nov 2026 10:00:00 +0000\n\n"
            f"{text}").encode()


def envelope(account: str, recipients: list[str]) -> Envelope:
    sender = f"info@{account}.example"
    return Envelope(sender=sender, recipients=recipients, user=sender, ip="192.0.2.1")


@pytest.fixture
def st() -> Settings:
    return load_settings(environ={})


@pytest.fixture
def store(redis_client: redis.Redis, st: Settings) -> CampaignStore:
    return CampaignStore(redis_client, st)


def pipeline(st: Settings) -> Pipeline:
    accounts = MemoryCpanelAccounts()
    for name in ACCOUNTS:
        accounts.add_account(name, f"{name}.example")
    return Pipeline(st, accounts, (campaign.CHECK,))


def policy(store: CampaignStore, now: Callable[[], float] = lambda: T0) -> Policy:
    def count(fp: Fingerprint, env: Envelope, sender: Sender) -> CampaignView:
        return store.observe(fp, account=sender.account, recipients=env.recipients, now=now())

    return Policy(allow_winexec=False, whitelisted=lambda kind, value: False,
                  account_state=lambda account: AccountState.ACTIVE, campaign=count)


def fp_of(text: str) -> Fingerprint:
    found = fingerprint_text(text)
    assert found is not None
    return found


def names(symbols: list[Symbol]) -> set[str]:
    return {s.name for s in symbols}


# ------------------------------------------------------------------------------------------------ the check

def view(recipients: int, accounts: int = 1, confirmed: int = 0, agreeing: int = 8) -> CampaignView:
    bands = [BandCounts(recipients, recipients, accounts)] * agreeing + [BandCounts(1, 1, 1)] * (8 - agreeing)
    return CampaignView(bands=tuple(bands), confirmed=confirmed)


@pytest.mark.parametrize(("v", "expected"), [
    (view(1), set()),
    (view(19), set()),
    (view(20), {"CAMPAIGN_BURST_LOW"}),
    (view(100), {"CAMPAIGN_BURST_MEDIUM"}),
    (view(5000), {"CAMPAIGN_BURST_HIGH"}),
    (view(500, agreeing=2), set()),  # two shared band keys can be chance
    (view(500, agreeing=3), {"CAMPAIGN_BURST_HIGH"}),
    (view(3, accounts=3), {"CAMPAIGN_MULTI_ACCOUNT"}),
    (view(1, confirmed=3), set()),  # confirmed spam holds mail on its own: it needs more agreement
    (view(1, confirmed=4), {"CAMPAIGN_CONFIRMED_SPAM"}),
    (CampaignView(bands=(), confirmed=0), set()),
])
def test_check_grades(st: Settings, v: CampaignView, expected: set[str]) -> None:
    ctx = ScanContext(settings=st, envelope=Envelope(), sender=Sender(), campaign=v)
    assert names(campaign.CHECK.run(None, ctx)) == expected  # type: ignore[arg-type]


def test_counts_alone_never_hold_mail(st: Settings) -> None:
    worst = st.score("CAMPAIGN_BURST_HIGH") + st.score("CAMPAIGN_MULTI_ACCOUNT")
    assert worst < st.thresholds.quarantine <= st.score("CAMPAIGN_CONFIRMED_SPAM")


def test_without_counts_the_check_finds_nothing(st: Settings) -> None:
    ctx = ScanContext(settings=st, envelope=Envelope(), sender=Sender())
    assert campaign.CHECK.run(None, ctx) == []  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------ through the pipeline

def test_a_burst_to_many_recipients_raises_the_score(st: Settings, store: CampaignStore) -> None:
    pipe, pol = pipeline(st), policy(store)
    scores = []
    for i in range(120):
        verdict, _ = pipe.evaluate(message("alice", f"Name{i}", to=f"user{i}@dest.example"),
                                   envelope("alice", [f"user{i}@dest.example"]), pol)
        scores.append((verdict.score, names(verdict.symbols)))
    assert scores[0] == (0.0, set())
    assert scores[18] == (0.0, set())
    assert scores[19] == (st.score("CAMPAIGN_BURST_LOW"), {"CAMPAIGN_BURST_LOW"})
    assert scores[99] == (st.score("CAMPAIGN_BURST_MEDIUM"), {"CAMPAIGN_BURST_MEDIUM"})
    assert verdict.action == Action.ACCEPT  # a burst alone only adds to the score


def test_one_recipient_many_times_is_no_burst(st: Settings, store: CampaignStore) -> None:
    pipe, pol = pipeline(st), policy(store)
    for _ in range(40):
        verdict, _ = pipe.evaluate(message("alice"), envelope("alice", ["admin@dest.example"]), pol)
    assert names(verdict.symbols) == set()
    fp = fp_of(BODY.format(name="Maria", url="https://upgrade-mail.example/"))
    counts = store.observe(fp, account="alice", recipients=[], record=False, now=T0)
    assert counts.agreed("messages", 3) == 40 and counts.agreed("recipients", 3) == 1


def test_one_message_to_many_recipients_counts_each(st: Settings, store: CampaignStore) -> None:
    pipe, pol = pipeline(st), policy(store)
    rcpts = [f"u{i}@dest.example" for i in range(25)]
    verdict, _ = pipe.evaluate(message("alice"), envelope("alice", rcpts), pol)
    assert names(verdict.symbols) == {"CAMPAIGN_BURST_LOW"}
    assert "recipients=25" in verdict.symbols[0].options


def test_the_same_body_from_three_accounts(st: Settings, store: CampaignStore) -> None:
    pipe, pol = pipeline(st), policy(store)
    seen = []
    for i, account in enumerate(("alice", "bob", "carol")):
        verdict, _ = pipe.evaluate(message(account, f"Person{i}"), envelope(account, [f"p{i}@dest.example"]), pol)
        assert verdict.sender.account == account
        seen.append(names(verdict.symbols))
    assert seen == [set(), set(), {"CAMPAIGN_MULTI_ACCOUNT"}]


def test_confirmed_spam_blocks_a_variant_from_another_account(st: Settings, store: CampaignStore) -> None:
    pipe, pol = pipeline(st), policy(store)
    assert store.confirm_spam(message("alice", "Maria"), now=T0) == 8
    variant = message("dave", "Joao", to="joao@elsewhere.example").replace(b"ten\nyears", b"twelve\nyears")
    verdict, _ = pipe.evaluate(variant, envelope("dave", ["joao@elsewhere.example"]), pol)
    assert verdict.sender.account == "dave"
    assert names(verdict.symbols) == {"CAMPAIGN_CONFIRMED_SPAM"}
    assert (verdict.action, verdict.reasons) == (Action.QUARANTINE, [Reason.SPAM])
    # a different text from the same account is not touched
    other, _ = pipe.evaluate(message("alice", body=OTHER), envelope("alice", ["x@dest.example"]), pol)
    assert other.action == Action.ACCEPT

    assert store.unconfirm(message("bob", "Someone")) == 8
    again, _ = pipe.evaluate(variant, envelope("dave", ["joao@elsewhere.example"]), pol)
    assert again.action == Action.ACCEPT


def test_confirmed_spam_expires(st: Settings, store: CampaignStore) -> None:
    fp = fp_of(BODY)
    store.confirm_fingerprint(fp, now=T0)
    assert store.observe(fp, account="a", recipients=[], record=False, now=T0 + CONFIRMED_TTL_S - 1).confirmed == 8
    assert store.observe(fp, account="a", recipients=[], record=False, now=T0 + CONFIRMED_TTL_S).confirmed == 0
    assert store.confirmed_count(now=T0) == 8
    store.confirm_fingerprint(fp_of(OTHER), now=T0 + CONFIRMED_TTL_S + 1)  # pruned on the next confirmation
    assert store.client.zcard(keys.campaign_confirmed()) == 8


def test_short_bodies_and_bounces_are_not_counted(st: Settings, store: CampaignStore) -> None:
    calls: list[Fingerprint] = []
    pol = policy(store)
    counter = pol.campaign
    assert counter is not None
    pol.campaign = lambda fp, env, sender: calls.append(fp) or counter(fp, env, sender)
    pipe = pipeline(st)
    pipe.evaluate(b"From: <a@alice.example>\nSubject: x\n\nSee the attached file, thanks.\n",
                  envelope("alice", ["b@dest.example"]), pol)
    bounce = Envelope(sender="", recipients=["b@dest.example"], user="Debian-exim")
    verdict, _ = pipe.evaluate(message("alice"), bounce, pol)
    assert verdict.bounce and calls == []


def test_a_redis_failure_is_a_check_error_not_a_lost_message(st: Settings) -> None:
    def down(fp: Fingerprint, env: Envelope, sender: Sender) -> CampaignView:
        raise redis.ConnectionError("Redis is down")

    pol = policy(CampaignStore(redis.Redis(), st))
    pol.campaign = down
    verdict, _ = pipeline(st).evaluate(message("alice"), envelope("alice", ["b@dest.example"]), pol)
    assert verdict.action == Action.ACCEPT
    assert [(s.name, s.options) for s in verdict.symbols] == [("CHECK_ERROR", ["campaign"])]


# ------------------------------------------------------------------------------------------------ the store

def test_sliding_hour(store: CampaignStore) -> None:
    fp = fp_of(BODY)
    for i in range(30):
        store.observe(fp, account="alice", recipients=[f"a{i}@x"], now=T0)
    for i in range(10):
        store.observe(fp, account="bob", recipients=[f"b{i}@x"], now=T0 + 1800)
    at = store.observe(fp, account="alice", recipients=[], record=False, now=T0 + WINDOW_S - 1)
    assert set(at.bands) == {BandCounts(messages=40, recipients=40, accounts=2)}
    later = store.observe(fp, account="alice", recipients=[], record=False, now=T0 + WINDOW_S)
    assert set(later.bands) == {BandCounts(messages=10, recipients=10, accounts=1)}
    # a write prunes what left the window; the key expires an hour after its last write
    store.observe(fp, account="carol", recipients=["c@x"], now=T0 + WINDOW_S + 1)
    key = keys.campaign_band(fp.bands[0])
    assert store.client.zcard(key) == 11 * 2 + 2
    assert 0 < store.client.ttl(key) <= WINDOW_S + 60
    gone = store.observe(fp, account="alice", recipients=[], record=False, now=T0 + 2 * WINDOW_S + 2)
    assert set(gone.bands) == {BandCounts(0, 0, 0)}


def test_record_false_only_reads(store: CampaignStore) -> None:
    fp = fp_of(BODY)
    first = store.observe(fp, account="alice", recipients=["a@x"], record=False, now=T0)
    assert set(first.bands) == {BandCounts(0, 0, 0)}
    assert not store.client.keys(keys.campaign_band("*"))


def test_recipients_are_distinct_and_capped(store: CampaignStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_campaigns, "MAX_RECIPIENTS", 10)
    monkeypatch.setattr(store_campaigns, "MAX_ACCOUNTS", 2)
    fp = fp_of(BODY)
    for i in range(15):
        got = store.observe(fp, account=f"acct{i % 3}", recipients=[f"u{i}@x", f"U{i}@X ", "same@x"], now=T0 + i)
    assert set(got.bands) == {BandCounts(messages=15, recipients=10, accounts=2)}


def test_counts_are_exact_under_threads(redis_server: object, redis_client: redis.Redis, st: Settings) -> None:
    fp = fp_of(BODY)
    threads, per_thread = 8, 40
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run(t: int) -> None:
        client = redis_server.client()  # type: ignore[attr-defined]
        store = CampaignStore(client, st)
        start.wait(10)
        try:
            for i in range(per_thread):
                store.observe(fp, account=f"acct{t}", recipients=[f"t{t}.{i}@x"], now=T0)
        except BaseException as exc:  # reported below: a thread's exception would otherwise vanish
            errors.append(exc)
        finally:
            client.close()

    workers = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert not errors
    total = threads * per_thread
    got = CampaignStore(redis_client, st).observe(fp, account="x", recipients=[], record=False, now=T0)
    assert set(got.bands) == {BandCounts(messages=total, recipients=total, accounts=threads)}


def test_a_reply_quoting_confirmed_spam_does_not_match_it(st: Settings, store: CampaignStore) -> None:
    spam = BODY.format(name="Maria", url="https://upgrade-mail.example/c")
    store.confirm_fingerprint(fp_of(spam), now=T0)
    quoted = "\n".join("> " + line for line in spam.splitlines())
    reply = ("Hello Maria, this message reached me from your address: I think your mailbox was hacked. You may\n"
             "want to change your password and tell the people in your address book not to open it.\n\n")
    for body in (reply + quoted, reply + "-----Original Message-----\n" + spam):
        found = store.observe(fp_of(body), account="bob", recipients=["maria@x"], record=False, now=T0)
        assert found.confirmed == 0


def test_different_bodies_do_not_count_together(store: CampaignStore) -> None:
    for i in range(25):
        store.observe(fp_of(BODY), account="alice", recipients=[f"u{i}@x"], now=T0)
    got = store.observe(fp_of(OTHER), account="alice", recipients=["v@x"], now=T0)
    assert set(got.bands) == {BandCounts(1, 1, 1)}


def test_a_band_key_holds_its_hour_by_kind(store: CampaignStore) -> None:
    """What a band key stores, new or known: each message, distinct recipient and account once, scored by when it
    was last seen (recipients and accounts offset by KIND_OFFSET); stale ones are never counted and are dropped by
    the first write that finds them outnumbering the live ones."""
    off = store_campaigns.KIND_OFFSET
    fp = fp_of(BODY)
    key = keys.campaign_band(fp.bands[0])
    rcpt = store_campaigns.recipient_member
    first = store.observe(fp, account="alice", recipients=["a@x", "b@x"], message_id="q1", now=T0)
    assert set(first.bands) == {BandCounts(messages=1, recipients=2, accounts=1)}  # a new key
    assert dict(store.client.zrange(key, 0, -1, withscores=True)) == {
        b"mq1": T0, rcpt("a@x").encode(): T0 + off, rcpt("b@x").encode(): T0 + off, b"aalice": T0 + 2 * off}
    assert 0 < store.client.ttl(key) <= WINDOW_S + 60
    # a known key, an hour later: the first message's members went stale, "b@x" and alice came back; the two stale
    # members (q1, a@x) do not count and, fewer than the four live ones, stay for now
    later = store.observe(fp, account="alice", recipients=["b@x", "c@x"], message_id="q2", now=T0 + WINDOW_S)
    assert set(later.bands) == {BandCounts(messages=1, recipients=2, accounts=1)}
    live = {b"mq2": T0 + WINDOW_S, rcpt("b@x").encode(): T0 + WINDOW_S + off,
            rcpt("c@x").encode(): T0 + WINDOW_S + off, b"aalice": T0 + WINDOW_S + 2 * off}
    assert dict(store.client.zrange(key, 0, -1, withscores=True)) == {
        **live, b"mq1": T0, rcpt("a@x").encode(): T0 + off}
    # and within the hour everything counts, the same recipient and account once
    again = store.observe(fp, account="bob", recipients=["c@x"], message_id="q3", now=T0 + WINDOW_S + 5)
    assert set(again.bands) == {BandCounts(messages=2, recipients=2, accounts=2)}
    # an hour on again, one message: its three members are live, the eight others stale (an hour old to the
    # second), so they go
    last = store.observe(fp, account="carol", recipients=["d@x"], message_id="q4", now=T0 + 2 * WINDOW_S + 5)
    assert set(last.bands) == {BandCounts(messages=1, recipients=1, accounts=1)}
    assert dict(store.client.zrange(key, 0, -1, withscores=True)) == {
        b"mq4": T0 + 2 * WINDOW_S + 5, rcpt("d@x").encode(): T0 + 2 * WINDOW_S + 5 + off,
        b"acarol": T0 + 2 * WINDOW_S + 5 + 2 * off}
