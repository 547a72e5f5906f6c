"""Helpers of the sender-history tests: a message's sender objects and a few weeks of clean mail, quickly."""

from __future__ import annotations

from core.identity.sender_objects import SenderObject, SoType, sender_objects
from core.learning.sender_history import HistoryView, SenderHistory
from core.models import ScriptHeader, Sender
from core.settings import load_settings
from core.store.sender_history import MemorySenderHistoryStore

# a fixed instant in the middle of a clock hour: 2026-11-21 10:30:00 UTC
T0 = 1_795_170_600.0
HOUR = 3600.0
DAY = 86400.0
#: Where an established sender's mail usually goes.
CUSTOMERS = tuple(f"client{i}@customer{i % 5}.example" for i in range(10))


def objects_of(email: str = "alice@acme.example", account: str = "acme", script: str = "") -> list[SenderObject]:
    """The sender objects of a message from email (and a PHP script path, if given)."""
    domain = email.rpartition("@")[2]
    header = ScriptHeader(raw=script, domain=domain, path=script) if script else ScriptHeader()
    return sender_objects(Sender(account=account, domain=domain, email=email, script=header))


def by_type(objects: list[SenderObject], so_type: SoType) -> SenderObject:
    return next(o for o in objects if o.type is so_type)


def grow(store: SenderHistory, objects: list[SenderObject], *, days: int = 20, per_hour: int = 4,
         start: float = T0 - 21 * DAY, recipients: tuple[str, ...] = CUSTOMERS) -> float:
    """`days` days of clean mail, `per_hour` messages in one hour a day, to the usual recipients; returns the end."""
    t = start
    for d in range(days):
        t = start + d * DAY
        for m in range(per_hour):
            store.record(objects, [recipients[(d * per_hour + m) % len(recipients)]], True, now=t + m)
    return t + per_hour


def fixture_history(state: dict[str, object]) -> HistoryView:
    """The history an .eml fixture is scanned with (expected.toml's `history` table), built in the stub twin.

    The account `shop` and its address alice@shop.example sent `per_hour` messages in one hour a day for `days`
    days (through the script /contact.php if `script_history`); then `hour` more in the last 20 minutes and
    `new_recipients_hour` to recipients never written to; the fixture goes to `new_domains` domains never written
    to (else to a usual customer; after new recipients, to one more), from `script` if given.
    """
    store = MemorySenderHistoryStore(load_settings(environ={}))
    known = objects_of("alice@shop.example", account="shop",
                       script="/contact.php" if state.get("script_history") else "")
    grow(store, known, days=int(state.get("days", 20)), per_hour=int(state.get("per_hour", 4)))
    for i in range(int(state.get("hour", 0))):
        store.record(known, [CUSTOMERS[i % len(CUSTOMERS)]], True, now=T0 - 1200 + i)
    for i in range(int(state.get("new_recipients_hour", 0))):
        store.record(known, [f"lead{i}@{CUSTOMERS[0].partition('@')[2]}"], True, now=T0 - 900 + i)
    new_domains = int(state.get("new_domains", 0))
    recipients = [f"x@fresh{i}.example" for i in range(new_domains)] if new_domains else [CUSTOMERS[0]]
    if state.get("new_recipients_hour"):
        recipients = [f"lead-next@{CUSTOMERS[0].partition('@')[2]}"]
    scanned = objects_of("alice@shop.example", account="shop", script=str(state.get("script", "")))
    return store.view(scanned, recipients, now=T0)
