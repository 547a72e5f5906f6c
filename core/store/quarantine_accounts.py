"""Per-account quarantine settings in Redis: the defaults, each account's overrides (size limit, releases,
blocked state), who may release each hold reason at run time, and the quota in force. QuarantineStore inherits it."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import redis

from core import keys
from core.errors import ValidationError
from core.models import AccountState
from core.names import valid_account
from core.store.json_field import read_json_field, update_json_field

#: A field set to this in set_account / set_defaults goes back to the default it would otherwise follow.
RESTORE_DEFAULT = -1
#: Fields of the defaults hash that hold the run-time release policy: `release_by:<reason>` -> account|admin.
RELEASE_BY_FIELD = "release_by:"


@dataclass(slots=True)
class AccountQuota:
    """An account's quarantine settings as in force (override or default)."""

    name: str
    limit_bytes: int
    releases_limit: int
    state: AccountState
    used_bytes: int = 0
    customized: bool = False
    messages: int = 0
    own_fields: tuple[str, ...] = ()  # which of limit_bytes, releases_limit are the account's own (not the default)


class QuarantineAccounts:
    """The settings half of QuarantineStore (see core/store/quarantine.py for the held mail itself)."""

    client: redis.Redis
    default_limit_bytes: int
    default_releases_limit: int
    state_ttl: float
    _blocked: tuple[float, frozenset[str]] | None

    def defaults(self) -> tuple[int, int]:
        """(limit_bytes, releases_limit) every account without its own value follows."""
        return self._defaults_from(self.client.hgetall(keys.quarantine_defaults()))

    def _defaults_from(self, raw: dict[bytes, bytes]) -> tuple[int, int]:
        limit = raw.get(b"limit_bytes")
        rel = raw.get(b"releases_limit")
        return (int(limit) if limit is not None else self.default_limit_bytes,
                int(rel) if rel is not None else self.default_releases_limit)

    def set_defaults(self, *, limit_bytes: int | None = None, releases_limit: int | None = None) -> tuple[int, int]:
        """Change the defaults; RESTORE_DEFAULT (-1) goes back to the common default of the settings file."""
        for name, value, low in (("limit_bytes", limit_bytes, 1), ("releases_limit", releases_limit, 0)):
            if value is not None and value != RESTORE_DEFAULT and value < low:
                raise ValidationError(f"{name} must be at least {low} (or -1 for the common default), got {value}")
        pipe = self.client.pipeline()
        for name, value in (("limit_bytes", limit_bytes), ("releases_limit", releases_limit)):
            if value == RESTORE_DEFAULT:
                pipe.hdel(keys.quarantine_defaults(), name)
            elif value is not None:
                pipe.hset(keys.quarantine_defaults(), name, int(value))
        pipe.execute()
        return self.defaults()

    def release_overrides(self) -> dict[str, str]:
        """Run-time changes to who may release each hold reason (account, reseller, admin), over the settings file's."""
        raw = self.client.hgetall(keys.quarantine_defaults())
        out: dict[str, str] = {}
        for k, v in raw.items():
            name = k.decode()
            if name.startswith(RELEASE_BY_FIELD):
                out[name[len(RELEASE_BY_FIELD):]] = v.decode()
        return out

    def set_release_overrides(self, changes: Mapping[str, str]) -> None:
        """Set who may release a reason (account, reseller, admin); "default" goes back to the settings file's value."""
        pipe = self.client.pipeline()
        for name, who in changes.items():
            if who == "default":
                pipe.hdel(keys.quarantine_defaults(), RELEASE_BY_FIELD + name)
            elif who in ("account", "reseller", "admin"):
                pipe.hset(keys.quarantine_defaults(), RELEASE_BY_FIELD + name, who)
            else:
                raise ValidationError(f"release_by.{name} must be account, reseller, admin or default, got {who!r}")
        pipe.execute()

    def quota(self, account: str) -> AccountQuota:
        """The account's settings in force and its used bytes."""
        valid_account(account)
        pipe = self.client.pipeline(transaction=False)
        pipe.hget(keys.quarantine_accounts(), account)
        pipe.hget(keys.quarantine_used(), account)
        pipe.hgetall(keys.quarantine_defaults())
        pipe.zcard(keys.quarantine_by_account(account))
        raw, used, defaults, count = pipe.execute()
        over = read_json_field(raw)
        limit_default, releases_default = self._defaults_from(defaults)
        return AccountQuota(
            name=account,
            limit_bytes=int(over.get("limit_bytes", limit_default)),
            releases_limit=int(over.get("releases_limit", releases_default)),
            state=AccountState(over.get("state", AccountState.ACTIVE)),
            used_bytes=int(used or 0), customized="limit_bytes" in over or "releases_limit" in over,
            messages=int(count), own_fields=tuple(f for f in ("limit_bytes", "releases_limit") if f in over),
        )

    def set_account(self, account: str, *, limit_bytes: int | None = None, releases_limit: int | None = None,
                    state: AccountState | str | None = None) -> AccountQuota:
        """Override one account's settings; RESTORE_DEFAULT (-1) drops the override, None keeps what is there."""
        valid_account(account)
        if limit_bytes is not None and limit_bytes != RESTORE_DEFAULT and limit_bytes <= 0:
            raise ValidationError(f"limit_bytes must be positive (or -1 for the default), got {limit_bytes}")
        if releases_limit is not None and releases_limit != RESTORE_DEFAULT and releases_limit < 0:
            raise ValidationError(f"releases_limit must not be negative (or -1 for the default), got {releases_limit}")
        if state is not None:
            try:
                state = AccountState(state)
            except ValueError:
                raise ValidationError(f"state must be active or block, got {state!r}") from None
        def change(over: dict[str, Any]) -> dict[str, Any]:
            for name, value in (("limit_bytes", limit_bytes), ("releases_limit", releases_limit)):
                if value == RESTORE_DEFAULT:
                    over.pop(name, None)
                elif value is not None:
                    over[name] = int(value)
            if state is not None:
                over["state"] = state.value
            if over.get("state") == AccountState.ACTIVE:
                over.pop("state")  # active is the default: an edit back to it leaves no trace
            return over

        def blocked_set(pipe: redis.client.Pipeline, over: dict[str, Any]) -> None:
            if over.get("state") == AccountState.BLOCK:
                pipe.sadd(keys.quarantine_blocked(), account)
            else:
                pipe.srem(keys.quarantine_blocked(), account)

        update_json_field(self.client, keys.quarantine_accounts(), account, change, blocked_set)
        self._blocked = None
        return self.quota(account)

    def account_state(self, account: str) -> AccountState:
        """The account's state for the scan path: one cached read of the blocked set every state_ttl seconds."""
        now = time.monotonic()
        if self._blocked is None or now - self._blocked[0] > self.state_ttl:
            members = self.client.smembers(keys.quarantine_blocked())
            self._blocked = (now, frozenset(m.decode() for m in members))
        return AccountState.BLOCK if account in self._blocked[1] else AccountState.ACTIVE

    def evicted_last_hour(self, account: str) -> int:
        """Messages evicted for quota in the current and previous clock hour window."""
        hour = int(time.time() // 3600)
        vals = self.client.mget([keys.quarantine_evicted(account, hour), keys.quarantine_evicted(account, hour - 1)])
        return sum(int(v) for v in vals if v)
