"""/stats: hourly/daily series (held split by reason) and top senders, scoped to the caller."""

from __future__ import annotations

import time

from core.identity.sender_objects import sender_objects
from core.models import ScriptHeader, Sender
from core.store.limits import HELD, LimitStore
from tests.api.conftest import ApiEnv, Caller


def _objs(email: str, account: str):
    return sender_objects(Sender(account=account, domain=email.rpartition("@")[2], email=email,
                                 script=ScriptHeader()))


def test_series_and_top_senders_for_admin_and_account(api_env: ApiEnv, alice: Caller) -> None:
    store = LimitStore(api_env.client, api_env.settings.limits)
    now = time.time()
    for _ in range(3):
        store.admit(_objs("news@alice.example", "alice"), 1, now=now)
    store.record(_objs("news@alice.example", "alice"), HELD, reason="spam", now=now)
    store.record(_objs("x@bob.example", "bob"), HELD, reason="winexec", now=now)
    store.admit(_objs("x@bob.example", "bob"), 1, now=now - 2 * 86400)

    r = api_env.admin("GET", "/stats?since=3d&bucket=day")
    assert r.status_code == 200, r.json
    total = {k: sum(b[k] for b in r.json["series"]) for k in ("sent", "held_spam", "held_winexec", "held_other")}
    assert total == {"sent": 4, "held_spam": 1, "held_winexec": 1, "held_other": 0}
    assert [t["name"] for t in r.json["top_senders"]] == ["news@alice.example", "x@bob.example"]
    hourly = api_env.admin("GET", "/stats?since=1h&bucket=hour").json
    assert sum(b["sent"] for b in hourly["series"]) == 3 and len(hourly["series"]) in (1, 2)

    mine = alice("GET", "/stats?since=3d").json
    assert sum(b["sent"] for b in mine["series"]) == 3
    assert [t["account"] for t in mine["top_senders"]] == ["alice"]
    assert alice("GET", "/stats?account=bob").status_code == 403
    long = api_env.admin("GET", "/stats?since=90d&bucket=day").json
    assert len(long["series"]) == 32, "cut to the 31 days kept (plus today)"
    assert api_env.admin("GET", "/stats?bucket=week").status_code == 422
    empty = api_env.admin("GET", "/stats?since=")  # the document allows an empty since: the default frame
    assert empty.status_code == 200 and empty.json["top_senders"] == api_env.admin("GET", "/stats").json["top_senders"]
