"""Whitelists of authenticated users, senders and recipients (Redis sets), with a short per-process cache."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import redis

from core import keys
from core.errors import ValidationError

KINDS = ("authuser", "sender", "recipient")

_DOMAIN_RE = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")
_LOCAL_RE = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$")


def normalize_entry(kind: str, value: str) -> tuple[str, str]:
    """Validate a whitelist value; return ("email"|"domain", canonical lowercase value)."""
    if kind not in KINDS:
        raise ValidationError(f"unknown whitelist {kind!r}: expected one of {', '.join(KINDS)}")
    v = str(value).strip().lower().rstrip(".")
    if "@" in v:
        local, _, domain = v.rpartition("@")
        if not _LOCAL_RE.fullmatch(local) or not _DOMAIN_RE.fullmatch(domain):
            raise ValidationError(f"{value!r} is not a valid email address")
        return "email", v
    if kind == "authuser":
        raise ValidationError(f"{value!r}: the authuser whitelist takes email addresses only")
    if not _DOMAIN_RE.fullmatch(v):
        raise ValidationError(f"{value!r} is not a valid domain name or email address")
    return "domain", v


@dataclass(slots=True)
class _Snapshot:
    at: float
    entries: dict[str, frozenset[str]]


class WhitelistStore:
    """Add/list/remove whitelist entries; `matches` answers from a cache refreshed every `ttl` seconds."""

    def __init__(self, client: redis.Redis, *, ttl: float = 5.0) -> None:
        self.client = client
        self.ttl = ttl
        self._snap: _Snapshot | None = None

    def add(self, kind: str, values: list[str]) -> list[tuple[str, str]]:
        """Add validated values; returns (type, value) for each. Validates all before writing any."""
        return self._change(self.client.sadd, kind, values)

    def remove(self, kind: str, values: list[str]) -> list[tuple[str, str]]:
        """Remove values; returns (type, value) for each. Validates all before writing any."""
        return self._change(self.client.srem, kind, values)

    def _change(self, op: Callable[..., object], kind: str, values: list[str]) -> list[tuple[str, str]]:
        entries = [normalize_entry(kind, v) for v in values]
        if entries:
            op(keys.whitelist(kind), *[v for _, v in entries])
        self._snap = None
        return entries

    def list(self, kind: str) -> tuple[list[str], list[str]]:
        """(emails, domains), sorted."""
        if kind not in KINDS:
            raise ValidationError(f"unknown whitelist {kind!r}")
        vals = sorted(v.decode() for v in self.client.smembers(keys.whitelist(kind)))
        return [v for v in vals if "@" in v], [v for v in vals if "@" not in v]

    def _entries(self) -> dict[str, frozenset[str]]:
        now = time.monotonic()
        if self._snap is None or now - self._snap.at > self.ttl:
            pipe = self.client.pipeline(transaction=False)
            for kind in KINDS:
                pipe.smembers(keys.whitelist(kind))
            res = pipe.execute()
            self._snap = _Snapshot(now, {k: frozenset(v.decode() for v in r) for k, r in zip(KINDS, res, strict=True)})
        return self._snap.entries

    def matches(self, kind: str, address: str) -> bool:
        """True if the address, its domain or a parent domain is whitelisted under kind."""
        entries = self._entries().get(kind, frozenset())
        if not entries or not address:
            return False
        a = address.strip().lower()
        if a in entries:
            return True
        if kind == "authuser":
            return False
        domain = a.rpartition("@")[2]
        labels = domain.split(".")
        return any(".".join(labels[i:]) in entries for i in range(len(labels) - 1))
