"""ScanEffects.commit_and_count and read_ahead send their scripts' arguments as one JSON string (decoded by the
script in Redis): every argument must reach the scripts exactly as when each script ran alone, non-ASCII names,
numbers and the registry's JSON entries included. Real Redis; the answers and the state both ways are compared."""

from __future__ import annotations

import redis

from core.identity.sender_objects import sender_objects
from core.learning.fingerprint import fingerprint_message
from core.mail.mime import parse_message
from core.models import Sender
from core.settings import load_settings
from core.store.campaigns import CampaignStore
from core.store.limits import LimitStore
from core.store.scan_claims import ScanClaims
from core.store.scan_effects import ScanEffects
from core.store.sender_history import SenderHistoryStore

NOW = 1_796_664_959.7471867
RCPTS = ["jürgen@müller.example", "a@b.example", "\u00e9l\u00e8ve@\u00e9cole.example"]


def _state(client: redis.Redis) -> dict[bytes, object]:
    out: dict[bytes, object] = {}
    for key in sorted(client.keys("*")):
        kind = client.type(key)
        if kind == b"hash":
            out[key] = client.hgetall(key)
        elif kind == b"zset":
            out[key] = client.zrange(key, 0, -1, withscores=True)
        elif kind == b"string":
            out[key] = client.get(key)
        else:
            out[key] = kind
    return out


def _run(client: redis.Redis, batched: bool) -> dict[bytes, object]:
    client.flushall()
    settings = load_settings(environ={})
    limits, history = LimitStore(client, settings.limits), SenderHistoryStore(client, settings)
    sender = Sender(account="zoë", domain="zoë.example", email="zoë@zoë.example", how="auth")
    objects = sender_objects(sender)
    for n in range(3):  # try, then recorded outcomes with an extra counter
        mode, extra = (("try", "-"), ("held", "held_spam"), ("rejected", "-"))[n]
        now = NOW + n * 61.5
        if batched:
            claims = ScanClaims(client)
            sid = f"00000000-0000-4000-8000-00000000000{n}"
            client.set(f"mw:scan:claim:{sid}", "open")
            claims_key = client.keys("*claim*")
            assert claims_key
            token = claims.start(sid)
            assert token is not None
            done = ScanEffects(client).commit_and_count(
                (sid, token, "host:1"), limits.plan(objects, len(RCPTS), mode, now, extra),
                history.record_plan(objects, RCPTS, n == 0, now))
            assert done.committed
            client.delete(*claims_key)
        else:
            call = limits.plan(objects, len(RCPTS), mode, now, extra)
            limits._script(keys=call.keys, args=call.args)
            plan = history.record_plan(objects, RCPTS, n == 0, now)
            assert plan is not None
            history._record(keys=plan[0], args=plan[1])
    return _state(client)


def test_batched_effects_leave_exactly_the_state_of_the_scripts_run_alone(redis_client: redis.Redis) -> None:
    alone = _run(redis_client, batched=False)
    batched = _run(redis_client, batched=True)
    assert alone, "the scripts wrote nothing"
    assert batched == alone
    members = [m for v in alone.values() if isinstance(v, list) for m, _ in v]
    assert "müller.example".encode() in members  # a non-ASCII argument reached Redis as its UTF-8 bytes


BODY = ("Dear reader, this week we visited the old harbour and the market by the river, talked with the "
        "fishermen about the season, tasted the new bread from the bakery on the corner and walked back "
        "along the coast before the rain. See you next week with more stories from the town.")


def _ahead(client: redis.Redis, together: bool) -> tuple[list[object], dict[bytes, object]]:
    """Three messages' campaign counts and history views, the two scripts alone or in read_ahead (no claim)."""
    client.flushall()
    settings = load_settings(environ={})
    campaigns, history = CampaignStore(client, settings), SenderHistoryStore(client, settings)
    objects = sender_objects(Sender(account="zoë", domain="zoë.example", email="zoë@zoë.example", how="auth"))
    raw = f"From: <zoë@zoë.example>\r\nTo: <x@müller.example>\r\nSubject: news\r\n\r\n{BODY}\r\n".encode()
    fp = fingerprint_message(parse_message(raw, settings.scan),
                             min_words=int(settings.check_param("campaign_min_words")))
    assert fp is not None
    answers: list[object] = []
    for n in range(3):
        now = NOW + n
        plan = campaigns.observe_plan(fp, account="zoë", recipients=RCPTS[: n + 1], message_id=f"m{n}", now=now)
        read = history.view_plan(objects, RCPTS[: n + 1], now)
        assert plan is not None and read is not None
        history.record(objects, RCPTS[:n], True, now)  # something for the view to see
        if together:
            got = ScanEffects(client).read_ahead(None, plan, (read.keys, read.args))
            assert got is not None and got.token is None
            answers.append((got.counted, got.viewed))
        else:
            answers.append((campaigns._observe(keys=plan[0], args=plan[1]),
                            history._view(keys=read.keys, args=read.args)))
    return answers, _state(client)


def test_read_ahead_answers_and_counts_as_the_two_scripts_alone(redis_client: redis.Redis) -> None:
    alone, alone_state = _ahead(redis_client, together=False)
    together, together_state = _ahead(redis_client, together=True)
    assert [tuple(a) for a in together] == [tuple(a) for a in alone]
    assert together_state == alone_state
