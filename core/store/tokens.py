"""Bearer tokens for the API's optional TCP listener: only their SHA-256 is stored, the secret is shown once."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass

import redis

from core import keys
from core.errors import Conflict, NotFound, Unauthorized, ValidationError
from core.identity.caller import Identity, account, admin
from core.names import valid_account

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
PREFIX = "mwt_"


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A token as listed: its name and scope, never its secret."""

    name: str
    account: str | None  # None: an admin token
    created: float

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "account": self.account, "role": "admin" if self.account is None else "account",
                "created": self.created}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


class TokenStore:
    """Create, list, revoke and resolve API tokens."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def create(self, name: str, account_name: str | None = None) -> str:
        """Make a token (admin when account_name is None); returns the secret, which is not kept."""
        if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
            raise ValidationError(f"token name {name!r}: use letters, digits, '.', '_' or '-' (at most 64)")
        if account_name is not None:
            valid_account(account_name)
        if any(t.name == name for t in self.list()):
            raise Conflict(f"a token named {name!r} exists; revoke it first")
        secret = PREFIX + secrets.token_urlsafe(32)
        info = {"name": name, "account": account_name, "created": round(time.time(), 3)}
        self.client.hset(keys.api_tokens(), _digest(secret), json.dumps(info))
        return secret

    def list(self) -> list[TokenInfo]:
        """Every token, by name."""
        out = []
        for raw in self.client.hvals(keys.api_tokens()):
            d = json.loads(raw)
            out.append(TokenInfo(str(d["name"]), d.get("account"), float(d.get("created", 0))))
        return sorted(out, key=lambda t: t.name)

    def revoke(self, name: str) -> None:
        """Delete the token called name; NotFound if there is none."""
        for digest, raw in self.client.hgetall(keys.api_tokens()).items():
            if json.loads(raw).get("name") == name:
                self.client.hdel(keys.api_tokens(), digest)
                return
        raise NotFound(f"no token named {name!r}")

    def resolve(self, token: str) -> Identity:
        """The identity a presented token stands for; Unauthorized if it is unknown."""
        if not token or not token.startswith(PREFIX) or len(token) > 200:
            raise Unauthorized("a valid bearer token is required")
        # looked up by digest: the time taken reveals nothing about the secret
        raw = self.client.hget(keys.api_tokens(), _digest(token))
        if raw is None:
            raise Unauthorized("unknown or revoked token")
        d = json.loads(raw)
        if d.get("account") is None:
            return admin(None, token=str(d["name"]), via="tcp")
        return account(str(d["account"]), None, token=str(d["name"]), via="tcp")
