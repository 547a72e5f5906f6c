"""Per-account release policy: who may release each hold reason for one account, over the server's policy.

The server's policy is `[quarantine.release_by]` with the admin's run-time changes (core.quarantine.actions); an
account's own entries replace single reasons of it. The admin sets them; a reseller may too for the accounts it owns
when root lets it (`[resellers] may_change` has release_by), but never looser than the server's policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import redis

from core import keys
from core.errors import ValidationError
from core.names import valid_account
from core.settings import RELEASERS

#: How strict each releaser is: a reseller may only keep or raise the server's choice for its accounts.
STRICTNESS = {"account": 0, "reseller": 1, "admin": 2}
DEFAULT = "default"


class ReleasePolicyStore:
    """One hash per account (reason -> releaser) in Redis."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def of(self, account: str) -> dict[str, str]:
        """An account's own entries (reasons it does not name follow the server)."""
        raw = self.client.hgetall(keys.release_by_account(valid_account(account)))
        return {k.decode(): v.decode() for k, v in raw.items() if v.decode() in RELEASERS}

    def of_many(self, accounts: Iterable[str]) -> dict[str, dict[str, str]]:
        """Several accounts' own entries in one round trip."""
        names = sorted(set(accounts))
        if not names:
            return {}
        pipe = self.client.pipeline(transaction=False)
        for name in names:
            pipe.hgetall(keys.release_by_account(valid_account(name)))
        return {name: {k.decode(): v.decode() for k, v in raw.items() if v.decode() in RELEASERS}
                for name, raw in zip(names, pipe.execute(), strict=True)}

    def set(self, account: str, changes: Mapping[str, str], known: Iterable[str]) -> dict[str, str]:
        """Set an account's entries ("default": follow the server again); its entries after the change."""
        reasons = set(known)
        unknown = sorted(set(changes) - reasons)
        if unknown:
            raise ValidationError(f"unknown hold reason(s) {', '.join(unknown)} in release_by: expected "
                                  f"{', '.join(sorted(reasons))}")
        bad = {k: v for k, v in changes.items() if v not in (*RELEASERS, DEFAULT)}
        if bad:
            raise ValidationError(f"release_by values must be account, reseller, admin or default: {bad}")
        key = keys.release_by_account(valid_account(account))
        pipe = self.client.pipeline()
        for reason, who in changes.items():
            if who == DEFAULT:
                pipe.hdel(key, reason)
            else:
                pipe.hset(key, reason, who)
        pipe.execute()
        return self.of(account)


def merged(server: Mapping[str, str], own: Mapping[str, str]) -> dict[str, str]:
    """The policy in force for one account: the server's, with the account's own entries over it."""
    return {**server, **{k: v for k, v in own.items() if k in server}}
