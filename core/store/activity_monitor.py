"""The Activity Monitor's statistics: sender objects active in a time frame, nested as `ie-cli am stats` prints them.

Shape (the reference's keys, alphabetical as Imunify's Go JSON is):
`{"accounts": [{"domains": [{..., "sender_emails": [...]}] | null, ..., "scripts": [...] | null}], "max_count": N}`.
Per object: messages = sent (ham), quarantined = held + held for the rate limit, limit = the hourly limit in force
(0 = unlimited), exclusion = it has its own limit (tier 2), whitelisted = its domain or address is on the sender
whitelist (tier 3; never an account or a script), rateLimited = its own limit held mail in the frame (or would
have, in a dry run), or it is at its hourly limit right now.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable
from typing import Any

from core.identity.sender_objects import WHITELISTABLE, SenderObject, SoType, object_id
from core.store.limits import HELD, LIMIT_HIT, RATELIMITED, SENT, LimitStore, ObjectStats

#: The one question stats asks the whitelist: whitelisted(kind, value), e.g. WhitelistStore.matches.
Whitelisted = Callable[[str, str], bool]
#: Sender history's baselines of objects by id, e.g. SenderHistoryStore.baselines (objects without one: absent).
Baselines = Callable[[list[SenderObject]], dict[str, dict[str, Any]]]
DEFAULT_PAGE = 25


def _parent_guess(obj: SenderObject) -> SenderObject | None:
    """The domain of a sender email or script whose domain object is not registered, if its id proves the name."""
    if not obj.domain_id:
        return None
    if obj.type is SoType.SENDER_EMAIL:
        name = obj.name.rpartition("@")[2]
    elif obj.type is SoType.SCRIPT:
        name = obj.name.partition("/")[0]
    else:
        return None
    if not name or object_id(SoType.DOMAIN, obj.account, name) != obj.domain_id:
        return None
    return SenderObject(SoType.DOMAIN, obj.account, name, obj.domain_id, obj.account_id)


def _with_ancestors(limits: LimitStore, found: dict[str, SenderObject], ids: Iterable[str]) -> None:
    """Add the account and domain of every object in `ids` to `found` (registered, or rebuilt from the child)."""
    wanted = {p for i in ids for p in (found[i].account_id, found[i].domain_id) if p and p not in found}
    if wanted:
        for o in limits.objects(sorted(wanted)):
            found[o.id] = o
    # Objects are registered together with their parents, so this is only for a parent pruned or lost on its own.
    for i in list(ids):
        obj = found[i]
        if obj.account_id and obj.account_id not in found:
            found[obj.account_id] = SenderObject(SoType.ACCOUNT, obj.account, obj.account, obj.account_id,
                                                 obj.account_id)
        if obj.domain_id and obj.domain_id not in found:
            guess = _parent_guess(obj)
            if guess is not None:
                found[guess.id] = guess


def _lineage(obj: SenderObject, found: dict[str, SenderObject]) -> list[SenderObject]:
    """The object itself, then its domain and account (those known)."""
    out = [obj]
    for parent in (obj.domain_id, obj.account_id):
        if parent and parent != obj.id and parent in found:
            out.append(found[parent])
    return out


def stats(limits: LimitStore, whitelisted: Whitelisted, *, since_s: float, account: str | Collection[str] | None = None,
          account_name: str = "", domain: str = "", script_name: str = "", sender_email: str = "",
          limit: int = DEFAULT_PAGE, offset: int = 0, now: float | None = None,
          history: Baselines | None = None, window: bool = False) -> dict[str, Any]:
    """The Activity Monitor's nested statistics for the last since_s seconds; account=None covers every account,
    a collection of names those accounts (a reseller's).

    With `history`, every object also has Mailward's own key `history`: its sender-history baseline, or null.
    With `window`, Mailward's own key `window`: {"sent": what it sent in the sliding hour its hourly limit counts,
    "held_for_limit": how often its own limit held mail in the frame}, so a page can tell "at its limit now" from
    "was held earlier" (a limit raised since then).
    """
    now = time.time() if now is None else now
    counts = limits.counts(since_s, now=now)
    active = [i for i, st in counts.items() if any(st.counts.values())]
    found = {o.id: o for o in limits.objects(active)}
    within = None if account is None else {account} if isinstance(account, str) else set(account)
    shown = [i for i in active if i in found and (within is None or found[i].account in within)]
    _with_ancestors(limits, found, shown)

    filters = _filters(account_name, domain, script_name, sender_email)
    matched = [i for i in shown if all(any(f(o) for o in _lineage(found[i], found)) for f in filters)]
    visible: set[str] = set()
    for i in matched:
        visible.update(o.id for o in _lineage(found[i], found))

    account_ids = sorted((i for i in visible if found[i].type is SoType.ACCOUNT),
                         key=lambda i: (found[i].name, i))
    page = account_ids[offset:offset + limit] if limit > 0 else []
    on_page = set(page)
    members = [found[i] for i in visible if found[i].account_id in on_page]
    settings, overrides = limits.server_settings(), limits.overrides()
    rows = {o.id: _row(limits, o, counts.get(o.id), whitelisted, settings, overrides, now) for o in members}
    if history is not None:
        baselines = history(members)
        rows = {i: dict(sorted({**row, "history": baselines.get(i)}.items())) for i, row in rows.items()}
    if window:
        rows = {i: dict(sorted({**row, "window": {"sent": limits.window_count(i, now=now),
                                                  "held_for_limit": (counts.get(i) or ObjectStats()).get(LIMIT_HIT)}
                                }.items())) for i, row in rows.items()}

    accounts_out: list[dict[str, Any]] = []
    for acc_id in page:
        domains = sorted((o for o in members if o.type is SoType.DOMAIN and o.account_id == acc_id),
                         key=lambda o: o.name)
        emails = [o for o in members if o.type is SoType.SENDER_EMAIL and o.account_id == acc_id]
        scripts = sorted((o for o in members if o.type is SoType.SCRIPT and o.account_id == acc_id),
                         key=lambda o: o.name)
        domain_rows = []
        for d in domains:
            mine = sorted((e for e in emails if e.domain_id == d.id), key=lambda o: o.name)
            domain_rows.append(_nest(rows[d.id], "sender_emails", [rows[e.id] for e in mine]))
        account_row = _nest(rows[acc_id], "domains", domain_rows)
        accounts_out.append(_nest(account_row, "scripts", [rows[s.id] for s in scripts]))
    return {"accounts": accounts_out, "max_count": len(account_ids)}


def _filters(account_name: str, domain: str, script_name: str,
             sender_email: str) -> list[Callable[[SenderObject], bool]]:
    """One test per filter given; an object passes a filter if it or one of its parents meets it.

    So `--account-name` shows the whole account, `--domain` the domain and its addresses (and scripts sending as
    them), `--sender-email` one address, `--script-name` the scripts whose name contains the text; the parents of
    what matches are always shown, with their own totals.
    """
    tests: list[Callable[[SenderObject], bool]] = []
    if account_name:
        tests.append(lambda o: o.type is SoType.ACCOUNT and o.name == account_name)
    if domain:
        d = domain.strip().lower().rstrip(".")
        tests.append(lambda o: o.type is SoType.DOMAIN and o.name == d)
    if script_name:
        tests.append(lambda o: o.type is SoType.SCRIPT and script_name in o.name)
    if sender_email:
        e = sender_email.strip().lower()
        tests.append(lambda o: o.type is SoType.SENDER_EMAIL and o.name == e)
    return tests


def _nest(row: dict[str, Any], key: str, children: list[dict[str, Any]]) -> dict[str, Any]:
    """The row with its children under `key`, keys in alphabetical order; no children is null (as Imunify's)."""
    return dict(sorted({**row, key: children or None}.items()))


def _row(limits: LimitStore, obj: SenderObject, st: ObjectStats | None, whitelisted: Whitelisted,
         settings: dict[str, int | bool], overrides: dict[str, int], now: float) -> dict[str, Any]:
    """One object's keys (without its children)."""
    st = st or ObjectStats()
    lim = limits.effective_limit(obj, settings, overrides)
    # Only the object whose own limit was reached is rate limited (every object of a held message counts it held).
    rate_limited = lim > 0 and (st.get(LIMIT_HIT) > 0 or limits.window_count(obj.id, now=now) >= lim)
    row: dict[str, Any] = {
        "exclusion": obj.id in overrides,
        "id": obj.id,
        "limit": lim,
        "messages": st.get(SENT),
        "name": obj.name,
        "quarantined": st.get(HELD) + st.get(RATELIMITED),
        "rateLimited": rate_limited,
        "whitelisted": obj.type in WHITELISTABLE and whitelisted("sender", obj.name),
    }
    if obj.type is not SoType.ACCOUNT:
        row["account_id"] = obj.account_id
    if obj.type in (SoType.SENDER_EMAIL, SoType.SCRIPT):
        row["domain_id"] = obj.domain_id
    return dict(sorted(row.items()))
