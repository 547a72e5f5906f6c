"""The claim taken in the campaign count's call (ScanEffects.read_ahead, Scanner._decide) on real Redis.

A scan that counts a campaign takes its claim in that same call: the answers and the state must be those of
ScanClaims.start, the campaign script and the history view run one after the other, and a claim that is gone must
leave Redis exactly as it was (nothing counted, nothing read into the verdict, the scan dropped).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import redis

from core import keys
from core.identity.sender_objects import sender_objects
from core.learning.fingerprint import fingerprint_message
from core.mail.mime import parse_message
from core.models import Direction, Envelope, Sender
from core.settings import load_settings
from core.store.campaigns import CampaignStore
from core.store.scan_claims import COMMITTED, OPEN, ScanClaims
from core.store.scan_effects import ScanEffects
from core.store.sender_history import SenderHistoryStore
from tests.core.test_scan_effects_args import BODY, NOW, RCPTS, _state
from tests.core.test_scan_history import ENV, NOTE, _scanner
from tests.redis_server import RedisServer

SPOOL = "6f1c2a9e-0d7b-4a53-9d6e-3c1b2a4f5e6{}"
OBJECTS = sender_objects(Sender(account="zoë", domain="zoë.example", email="zoë@zoë.example", how="auth"))
LONG = (b"From: <alice@alice.example>\r\nTo: <x@customer.example>\r\nSubject: news\r\n\r\n"
        + BODY.encode() + b"\r\n")


def _plans(client: redis.Redis, n: int) -> tuple[CampaignStore, SenderHistoryStore, object, object]:
    settings = load_settings(environ={})
    campaigns, history = CampaignStore(client, settings), SenderHistoryStore(client, settings)
    raw = f"From: <zoë@zoë.example>\r\nTo: <x@müller.example>\r\nSubject: news\r\n\r\n{BODY}\r\n".encode()
    fp = fingerprint_message(parse_message(raw, settings.scan),
                             min_words=int(settings.check_param("campaign_min_words")))
    assert fp is not None
    plan = campaigns.observe_plan(fp, account="zoë", recipients=RCPTS[: n + 1], message_id=f"m{n}", now=NOW + n)
    read = history.view_plan(OBJECTS, RCPTS[: n + 1], NOW + n)
    assert plan is not None and read is not None
    return campaigns, history, plan, read


def _claimed(client: redis.Redis, merged: bool, with_count: bool,
             with_view: bool) -> tuple[list[object], dict[bytes, object]]:
    """Three scans' claims, campaign counts (with_count) and history views (with_view): in one call each, or one
    by one."""
    client.flushall()
    answers: list[object] = []
    for n in range(3):
        campaigns, history, plan, read = _plans(client, n)
        history.record(OBJECTS, RCPTS[:n], True, NOW + n)  # something for the view to see
        sid = SPOOL.format(n)
        ScanClaims(client).open(sid, 60_000)
        if merged:
            got = ScanEffects(client).read_ahead(sid, plan if with_count else None,
                                                 (read.keys, read.args) if with_view else None)
            assert got is not None and got.token is not None and client.get(keys.scan_claim(sid)) == got.token.encode()
            answers.append((got.counted, got.viewed))
        else:
            token = ScanClaims(client).start(sid)
            assert token is not None
            answers.append((campaigns._observe(keys=plan[0], args=plan[1]) if with_count else None,
                            history._view(keys=read.keys, args=read.args) if with_view else None))
        assert 0 < client.pttl(keys.scan_claim(sid)) <= 60_000  # the start kept the gateway's deadline
        client.set(keys.scan_claim(sid), "w:x", keepttl=True)  # the tokens are random: compare the rest
    return answers, _state(client)


@pytest.mark.parametrize(("with_count", "with_view"), [(True, True), (True, False), (False, True)])
def test_the_merged_call_answers_and_counts_as_start_then_the_scripts_alone(redis_client: redis.Redis,
                                                                             with_count: bool, with_view: bool) -> None:
    alone, alone_state = _claimed(redis_client, merged=False, with_count=with_count, with_view=with_view)
    merged, merged_state = _claimed(redis_client, merged=True, with_count=with_count, with_view=with_view)
    assert merged == alone
    assert merged_state == alone_state
    counted = any(k.startswith(keys.campaign_band("").encode()) for k in merged_state)
    assert counted == with_count


@pytest.mark.parametrize("claim", ["never opened", "abandoned", "committed by a live worker"])
def test_a_gone_claim_counts_and_changes_nothing_in_the_merged_call(redis_client: redis.Redis, claim: str) -> None:
    claims = ScanClaims(redis_client)
    sid = SPOOL.format(0)
    if claim != "never opened":
        claims.open(sid, 60_000)
    if claim == "abandoned":
        claims.abandon(sid)
    elif claim == "committed by a live worker":
        token = claims.start(sid)
        assert token is not None and claims.commit(sid, token, "host:1")
    _, history, plan, read = _plans(redis_client, 2)
    history.record(OBJECTS, RCPTS[:1], True, NOW)
    before = _state(redis_client)
    got = ScanEffects(redis_client).read_ahead(sid, plan, (read.keys, read.args))
    assert got is None
    assert _state(redis_client) == before


def _counters(client: redis.Redis) -> dict[bytes, object]:
    """What the scans counted, without their times and random ids: each key's members (zsets) or fields (hashes)."""
    out: dict[bytes, object] = {}
    for key in sorted(client.keys("*")):
        if key.startswith((keys.scan_claim("").encode(), b"mw:q:", b"mw:ans:")):  # random ids
            continue
        kind = client.type(key)
        if kind == b"zset":
            out[key] = sorted(client.zrange(key, 0, -1))
        elif kind == b"hash":
            out[key] = sorted(client.hkeys(key))
        else:
            out[key] = kind
    return out


def _scan_all(tmp_path: Path, client: redis.Redis, server: RedisServer, claimed: bool) -> dict[bytes, object]:
    client.flushall()
    scanner = _scanner(tmp_path / ("claimed" if claimed else "unclaimed"), client, server)
    for n, raw in enumerate([LONG, NOTE, LONG, LONG.replace(b"Dear reader", b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-"
                                                                             b"STANDARD-ANTI-UBE-TEST-EMAIL*C.34X")]):
        env = Envelope(sender=ENV.sender, recipients=ENV.recipients, user=ENV.user, ip=ENV.ip, queue_id=f"q{n}")
        sid = scanner.spool.write(raw)
        if claimed:
            scanner.claims.open(sid, 60_000)
        assert scanner.scan_spooled(sid, env, claimed=claimed) is not None
        if claimed:
            assert scanner.claims.abandon(sid) == COMMITTED
    assert scanner.quarantine.list(None)[1] == 1
    return _counters(client)


def test_claimed_scans_count_what_unclaimed_ones_do(tmp_path: Path, redis_client: redis.Redis,
                                                    redis_server: RedisServer) -> None:
    unclaimed = _scan_all(tmp_path, redis_client, redis_server, claimed=False)
    claimed = _scan_all(tmp_path, redis_client, redis_server, claimed=True)
    assert any(k.startswith(keys.campaign_band("").encode()) for k in claimed)
    assert any(k.startswith(keys.history_object("").encode()) for k in claimed)
    assert claimed == unclaimed


def test_a_scans_first_count_or_read_takes_its_claim_in_that_call(tmp_path: Path, redis_client: redis.Redis,
                                                                    redis_server: RedisServer,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    started: list[str] = []
    real = scanner.claims.start
    monkeypatch.setattr(scanner.claims, "start", lambda sid: started.append(sid) or real(sid))
    incoming = Envelope(sender="x@customer.example", recipients=["alice@alice.example"], ip="192.0.2.9",
                        direction=Direction.INCOMING)
    ids = {}
    for name, raw, env in (("campaign", LONG, ENV), ("history", NOTE, ENV), ("neither", NOTE, incoming)):
        ids[name] = sid = scanner.spool.write(raw)
        scanner.claims.open(sid, 60_000)
        assert scanner.scan_spooled(sid, env, claimed=True) is not None
        assert scanner.claims.abandon(sid) == COMMITTED
    # an account's short note (too short for a fingerprint) takes it with its history read; incoming mail too
    # short for a fingerprint reads and counts nothing before the verdict: it takes the claim after the checks
    assert started == [ids["neither"]]


@pytest.mark.parametrize("raw", [LONG, NOTE], ids=["campaign counted", "no campaign count"])
@pytest.mark.parametrize("direction", [Direction.OUTGOING, Direction.INCOMING])
def test_a_scan_whose_claim_is_gone_counts_nothing(tmp_path: Path, redis_client: redis.Redis,
                                                   redis_server: RedisServer, raw: bytes, direction: Direction,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    sid = scanner.spool.write(raw)
    scanner.claims.open(sid, 60_000)
    scanner.claims.abandon(sid)  # the gateway gave up before the worker took the job
    before = _state(redis_client)
    env = ENV if direction == Direction.OUTGOING else Envelope(
        sender="x@customer.example", recipients=["alice@alice.example"], ip="192.0.2.9", direction=direction)
    with caplog.at_level(logging.INFO, logger="mailward.scan"):
        assert scanner.scan_spooled(sid, env, claimed=True) is None
    assert "dropped: the gateway stopped waiting" in caplog.text  # read and evaluated, found gone, dropped
    assert _state(redis_client) == before
    assert scanner.spool.path(sid).exists()  # the gateway's to discard


def test_a_scan_whose_spool_is_gone_tells_a_gone_claim_from_an_answered_scan(
        tmp_path: Path, redis_client: redis.Redis, redis_server: RedisServer,
        caplog: pytest.LogCaptureFixture) -> None:
    scanner = _scanner(tmp_path, redis_client, redis_server)
    abandoned, answered = scanner.spool.write(LONG), scanner.spool.write(LONG)
    for sid in (abandoned, answered):
        scanner.claims.open(sid, 60_000)
        scanner.spool.discard(sid)
    scanner.claims.abandon(abandoned)
    with caplog.at_level(logging.INFO, logger="mailward.scan"):
        assert scanner.scan_spooled(abandoned, ENV, claimed=True) is None
        assert "skipped: the gateway no longer waits for it" in caplog.text
        caplog.clear()
        assert scanner.scan_spooled(answered, ENV, claimed=True) is None
        assert "skipped: already answered" in caplog.text
    assert redis_client.get(keys.scan_claim(answered)) != OPEN.encode()  # taken, as before the merged call
