"""The scan path's Redis work, batched (core.store.scan_effects), against a real Redis with two worker processes
scanning at once: the same counters, limits, sender history, campaign counts, events and quarantine index as the
rules give (this test passes unchanged on the code from before the batching, where each was its own call).

Workload: one authenticated account sends 40 ordinary messages (one newsletter-like body, long enough for a
campaign fingerprint) and 10 GTUBE messages, under an account limit of 25 an hour, through claims the "gateway"
(this test) opened; 4 more scans whose claims the gateway had abandoned must change nothing.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest
import redis

from core import keys
from core.identity.sender_objects import SoType, sender_objects
from core.learning.fingerprint import fingerprint_message
from core.mail.mime import parse_message
from core.models import Envelope, Sender
from core.scan.scanner import Scanner
from core.settings import load_settings
from core.store.connection import connect
from core.store.limits import LimitStore
from core.store.scan_claims import ScanClaims
from core.store.scan_effects import ScanEffects
from core.store.spool import SpoolStore
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer

ACCOUNT, DOMAIN = "alice", "alice.example"
SENDER = f"news@{DOMAIN}"
LIMIT = 25
CLEAN, SPAM, ABANDONED = 40, 10, 4
BODY = ("Dear reader, this week we visited the old harbour and the market by the river, talked with the "
        "fishermen about the season, tasted the new bread from the bakery on the corner and walked back "
        "along the coast before the rain. See you next week with more stories from the town.")
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"


def _message(i: int, body: str) -> bytes:
    return (f"From: <{SENDER}>\r\nTo: <reader{i}@customer.example>\r\nSubject: Harbour news {i}\r\n"
            f"Message-ID: <{i}@{DOMAIN}>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n{body}\r\n").encode()


def _envelope(i: int) -> Envelope:
    return Envelope(sender=SENDER, recipients=[f"reader{i}@customer.example"], user=SENDER, ip="192.0.2.1",
                    queue_id=f"Q{i:04d}")


def _worker(environ: dict[str, str], overrides: dict[str, Any], jobs: list[tuple[str, dict]], start: Any,
            results: Any) -> None:
    """One worker process: its own Scanner and Redis connection, scanning its jobs once both are ready."""
    settings = load_settings(environ=environ, overrides=overrides)
    scanner = Scanner(settings, connect(settings), worker_id=f"test:{os.getpid()}")
    start.wait(60)
    out = []
    for spool_id, env in jobs:
        verdict = scanner.scan_spooled(spool_id, Envelope.from_dict(env), claimed=True)
        out.append((spool_id, None if verdict is None else verdict.to_dict()))
    results.put(out)


@pytest.fixture
def setup(tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis) -> tuple[dict, dict]:
    root = make_cpanel_tree(tmp_path / "cpanel", {ACCOUNT: DOMAIN})
    environ = {"MAILWARD_STATE_DIR": str(tmp_path / "state"), "MAILWARD_REDIS_URL": redis_server.url}
    return environ, {"cpanel": {"root": str(root)}}


def test_two_workers_count_exactly_what_the_rules_say(setup: tuple[dict, dict], redis_client: redis.Redis) -> None:
    environ, overrides = setup
    settings = load_settings(environ=environ, overrides=overrides)
    LimitStore(redis_client, settings.limits).set_server_settings({"account": LIMIT})
    spool = SpoolStore(settings.spool_dir)
    spool.ensure()
    claims = ScanClaims(redis_client)
    jobs: list[tuple[str, dict]] = []
    for i in range(CLEAN + SPAM + ABANDONED):
        spool_id = spool.write(_message(i, BODY if i < CLEAN or i >= CLEAN + SPAM else f"{BODY} {GTUBE}"))
        claims.open(spool_id, 120_000)
        if i >= CLEAN + SPAM:
            assert claims.abandon(spool_id) == "abandoned"  # the gateway gave up on these before any worker began
        jobs.append((spool_id, _envelope(i).to_dict()))

    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(environ, overrides, jobs[n::2], start, results)) for n in range(2)]
    for p in procs:
        p.start()
    start.set()
    by_spool = dict(pair for _ in procs for pair in results.get(timeout=120))
    for p in procs:
        p.join(60)
        assert p.exitcode == 0

    assert set(by_spool) == {s for s, _ in jobs}
    done = [v for v in by_spool.values() if v is not None]
    assert len(done) == CLEAN + SPAM
    assert all(by_spool[s] is None for s, _ in jobs[CLEAN + SPAM:])  # the abandoned ones changed nothing
    reasons = sorted(tuple(v["reasons"]) for v in done)
    assert reasons.count(("ratelimit",)) == CLEAN - LIMIT
    assert reasons.count(("spam",)) == SPAM
    assert reasons.count(()) == LIMIT

    objects = sender_objects(Sender(account=ACCOUNT, domain=DOMAIN, email=SENDER))
    account = objects[0]
    assert account.type is SoType.ACCOUNT
    limits = LimitStore(redis_client, settings.limits)
    stats = limits.counts(3 * 86400)
    for o in objects:
        got = stats[o.id]
        assert got.counts == {"sent": LIMIT, "ratelimited": CLEAN - LIMIT, "held": SPAM}, (o.type, got)
        expected_details = {"held_spam": SPAM}
        if o.id == account.id:  # the account's own limit was the one reached
            expected_details["limit_hit"] = CLEAN - LIMIT
        assert got.details == expected_details, (o.type, got)
        assert limits.window_count(o.id) == LIMIT

    # sender history: the delivered ones grew the clean history, the held ones (spam or by the limit) did not
    for o in objects:
        shown = Scanner(settings, redis_client).history.baselines([o])[o.id]
        assert shown["clean"] == LIMIT, (o.type, shown)
        assert shown["held"] == CLEAN - LIMIT + SPAM, (o.type, shown)

    # the campaign count saw every scanned message once (the GTUBE ones are near-duplicates of the newsletter),
    # and none of the abandoned
    fp = fingerprint_message(parse_message(_message(0, BODY), settings.scan),
                             min_words=int(settings.check_param("campaign_min_words")))
    assert fp is not None
    view = Scanner(settings, redis_client).campaigns.observe(fp, account=ACCOUNT, recipients=[], record=False)
    assert max(b.messages for b in view.bands) == CLEAN + SPAM

    # quarantine index: every hold indexed once, on disk once; events: each hold, and the limit reached once
    held_ids = {v["quarantine_id"] for v in done if v["action"] == "quarantine"}
    assert len(held_ids) == CLEAN - LIMIT + SPAM
    assert redis_client.zcard(keys.quarantine_by_account(ACCOUNT)) == len(held_ids)
    assert {m.decode() for m in redis_client.zrange(keys.quarantine_by_account(ACCOUNT), 0, -1)} == held_ids
    assert len(list((settings.quarantine_dir / ACCOUNT).glob("*.eml"))) == len(held_ids)
    kinds = [fields[b"t"].decode() for _, fields in redis_client.xrange(keys.events())]
    assert kinds.count("email.quarantined") == len(held_ids)
    assert kinds.count("limit.reached") == 1
    # each held message moved out of the spool; the others stay for their gateway to discard
    held_spools = {s for s, v in by_spool.items() if v is not None and v["action"] == "quarantine"}
    assert set(settings.spool_dir.iterdir()) == {spool.path(s) for s, _ in jobs if s not in held_spools}


def test_a_commit_that_does_not_stand_counts_nothing(setup: tuple[dict, dict], redis_client: redis.Redis) -> None:
    environ, overrides = setup
    settings = load_settings(environ=environ, overrides=overrides)
    limits = LimitStore(redis_client, settings.limits)
    scanner = Scanner(settings, redis_client)
    objects = sender_objects(Sender(account=ACCOUNT, domain=DOMAIN, email=SENDER, how="auth"))
    claims = ScanClaims(redis_client)
    claims.open("s1", 60_000)
    token = claims.start("s1")
    assert token is not None
    effects = ScanEffects(redis_client)
    plan = limits.plan(objects, 1, "try", None)
    history = scanner.history.record_plan(objects, ["x@customer.example"], True)
    assert claims.abandon("s1") == "abandoned"  # the gateway stopped waiting first
    assert not effects.commit_and_count(("s1", token, "w"), plan, history).committed
    assert limits.counts(86400) == {} and scanner.history.baselines(objects) == {}
    claims.open("s2", 60_000)
    token = claims.start("s2")
    assert token is not None
    done = effects.commit_and_count(("s2", token, "w"), limits.plan(objects, 1, "try", None),
                                    scanner.history.record_plan(objects, ["x@customer.example"], True))
    assert done.committed and done.decision is not None and done.decision.outcome == "sent"
    assert redis_client.get(keys.scan_claim("s2")) == b"c:w"
    assert limits.counts(86400)[objects[0].id].counts == {"sent": 1}
    assert scanner.history.baselines(objects)[objects[0].id]["clean"] == 1
