"""ie-cli stats against a fake API (query, table, --json) and against the real API on a real Redis."""

from __future__ import annotations

import time
from typing import Any

from core.identity.sender_objects import sender_objects
from core.models import ScriptHeader, Sender
from core.store.incoming import IncomingStore
from core.store.limits import HELD, LimitStore
from tests.api.conftest import ApiEnv
from tests.cli.conftest import FakeTransport, Run, error

DAY = 86400
D0 = 1_767_225_600  # 2026-01-01T00:00:00Z


def _bucket(start: int, **counts: int) -> dict[str, int]:
    row = dict.fromkeys(("sent", "held_spam", "held_winexec", "held_virus", "held_other", "ratelimited", "rejected",
                         "incoming_spam", "incoming_ham"), 0)
    return {"start": start, **row, **counts}


ANSWER = {"bucket": "day", "series": [_bucket(D0, sent=5, held_spam=2, ratelimited=1, rejected=9, incoming_spam=3),
                                      _bucket(D0 + DAY, sent=1, held_winexec=1, held_virus=1, held_other=1,
                                              incoming_ham=7)],
          "top_senders": [{"name": "a@alice.example", "account": "alice", "sent": 6, "quarantined": 3}]}


def test_plain_table_has_a_row_per_day_and_totals(fake: FakeTransport, run: Run) -> None:
    fake.on("GET", "/stats", ANSWER)
    r = run("stats")
    assert r.code == 0, r.err
    assert fake.calls[-1].query == {"since": "7d", "bucket": "day"}
    lines = r.out.splitlines()
    assert lines[0].split() == ["Period", "(UTC)", "Sent", "Held", "Incoming", "spam", "Incoming", "ham"]
    assert [ln.split() for ln in lines[1:]] == [["2026-01-01", "5", "3", "3", "0"],  # held: spam + rate limit
                                                ["2026-01-02", "1", "3", "0", "7"],
                                                ["Total", "6", "6", "3", "7"]]


def test_periods_account_and_json(fake: FakeTransport, run: Run) -> None:
    fake.on("GET", "/stats", lambda c: {**ANSWER, "bucket": c.query["bucket"]})
    r = run("stats", "-a", "alice", "--period", "24h")
    assert fake.calls[-1].query == {"since": "24h", "bucket": "hour", "account": "alice"}
    assert r.out.splitlines()[1].split()[:2] == ["2026-01-01", "00:00"]  # hourly rows show the hour
    assert run("stats", "--period", "30d", "--json").json == {**ANSWER, "bucket": "day"}  # the API's shape
    assert fake.calls[-1].query == {"since": "30d", "bucket": "day"}
    calls = len(fake.calls)
    for argv in (("--period", "90d"), ("--period", "1h"), ("-a", ""), ("--bucket", "day")):
        assert run("stats", *argv).code == 2, argv
    assert len(fake.calls) == calls
    fake.on("GET", "/stats", {"bucket": "day", "series": [], "top_senders": []})
    assert run("stats").out.splitlines()[1].split() == ["Total", "0", "0", "0", "0"]
    fake.on("GET", "/stats", error(403, "forbidden", "account alice may not see account bob"))
    r = run("stats", "-a", "bob")
    assert r.code == 1 and "may not see" in r.err
    assert "--period string" in run("stats", "--help").out


def _objs(email: str, account: str) -> Any:
    return sender_objects(Sender(account=account, domain=email.rpartition("@")[2], email=email,
                                 script=ScriptHeader()))


def test_against_the_api_an_account_sees_its_own(api_env: ApiEnv, as_root: Any,
                                                 as_alice: Any) -> None:
    limits = LimitStore(api_env.client, api_env.settings.limits)
    incoming = IncomingStore(api_env.client)
    now = time.time()
    for _ in range(3):
        limits.admit(_objs("news@alice.example", "alice"), 1, now=now)
    limits.record(_objs("news@alice.example", "alice"), HELD, reason="spam", now=now)
    limits.admit(_objs("x@bob.example", "bob"), 1, now=now)
    for spam in (True, True, False):
        incoming.count("alice", spam, now=now)
    incoming.count("bob", False, now=now)

    def total(r: Any) -> list[str]:
        assert r.code == 0, r.err
        return r.out.splitlines()[-1].split()

    assert total(as_alice("stats")) == ["Total", "3", "1", "2", "1"]
    assert total(as_alice("stats", "--period", "24h")) == ["Total", "3", "1", "2", "1"]
    assert total(as_root("stats", "-a", "bob", "--period", "30d")) == ["Total", "1", "0", "0", "1"]
    assert total(as_root("stats")) == ["Total", "4", "1", "2", "2"]
    assert as_alice("stats", "-a", "bob").code == 1  # the API refuses; the CLI only passes -a on
    doc = as_alice("stats", "--json").json
    assert doc["bucket"] == "day" and sum(b["incoming_spam"] for b in doc["series"]) == 2
    assert [t["account"] for t in doc["top_senders"]] == ["alice"]
