"""One-click action tokens for digests: HMAC-SHA256 signed, expiring, usable once; the token is the authority.

The signing key lives in a root-only file in the state dir, never in Redis: whoever can read Redis (an external
one, shared by several hosts) must not be able to mint links. Every process that signs or verifies (the API
workers, the digest sender) reads the same file; a host that joins a cluster gets a copy of it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import redis

from core import keys
from core.errors import ConfigError, Forbidden
from core.names import is_valid_email_id, valid_account

ACTIONS = ("release", "delete")
#: Bounds what the API parses before the signature is checked.
MAX_TOKEN_CHARS = 600
#: The signing key's file name in the state dir.
KEY_FILE = "link-signing.key"
_KEY_RE = re.compile(rb"^[0-9a-f]{64}\n?$")


def key_path(state_dir: Path) -> Path:
    """Where the link-signing key of a state dir lives."""
    return state_dir / KEY_FILE


def read_signing_key(path: Path) -> bytes:
    """The key in path; ConfigError if it is missing, malformed, not a plain file or readable by anyone else."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        raise ConfigError(f"the link-signing key {path} does not exist (`mailward serve` creates it; on another "
                          "host, copy it from the first one)") from None
    except OSError as exc:
        raise ConfigError(f"cannot read the link-signing key {path}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(f"the link-signing key {path} is not a regular file")
        # Anyone else who can read it can mint release links for every account.
        if st.st_mode & 0o077 or st.st_uid not in (0, os.geteuid()):
            raise ConfigError(f"the link-signing key {path} must be owned by root or the service user and have "
                              f"mode 0600 (it has owner uid {st.st_uid}, mode {stat.S_IMODE(st.st_mode):04o})")
        raw = os.read(fd, 200)
    finally:
        os.close(fd)
    if not _KEY_RE.match(raw):
        raise ConfigError(f"the link-signing key {path} is not 64 hex digits; delete it to make a new one "
                          "(links already sent stop working)")
    return raw.strip()


def ensure_signing_key(path: Path) -> bytes:
    """The key in path, created first (mode 0600, atomically: concurrent starters all end up with one key)."""
    if not os.path.lexists(path):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, secrets.token_hex(32).encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # fails if another process got there first: then its key is the key
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return read_signing_key(path)


class TokenRefused(Forbidden):
    """The link is malformed, tampered with, expired or already used."""

    code = "token_refused"


@dataclass(frozen=True, slots=True)
class ActionToken:
    """What a valid token allows: one action on one held message of one account, until exp."""

    token_id: str
    email_id: str
    action: str
    account: str
    exp: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenSigner:
    """Issues and checks tokens with the key from the key file; Redis only remembers which tokens were used."""

    def __init__(self, client: redis.Redis, *, key: bytes, ttl_s: int, clock: Callable[[], float] = time.time) -> None:
        if len(key) < 32:
            raise ValueError("a link-signing key needs at least 32 bytes")
        self.client = client
        self.ttl_s = ttl_s
        self.clock = clock
        self._key = key

    def __repr__(self) -> str:
        return f"TokenSigner(ttl_s={self.ttl_s})"  # never the key, should a signer end up in a log line

    def issue(self, email_id: str, action: str, account: str) -> str:
        """A token allowing `action` on `email_id` as `account`, for ttl_s seconds."""
        if action not in ACTIONS or not is_valid_email_id(email_id):
            raise ValueError(f"cannot issue a token for {action!r} on {email_id!r}")
        payload = {"i": secrets.token_urlsafe(12), "e": email_id, "a": action, "u": valid_account(account),
                   "x": int(self.clock()) + self.ttl_s}
        body = _b64(json.dumps(payload, separators=(",", ":")).encode())
        return f"{body}.{self._sign(body)}"

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())

    def verify(self, token: str) -> ActionToken:
        """The token's content if its signature holds and it has not expired (use is checked by `burn`)."""
        if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS or token.count(".") != 1:
            raise TokenRefused("this link is not valid")
        body, sig = token.split(".")
        if not hmac.compare_digest(sig, self._sign(body)):
            raise TokenRefused("this link is not valid")
        try:
            p = json.loads(_unb64(body))
            tok = ActionToken(token_id=str(p["i"]), email_id=str(p["e"]), action=str(p["a"]),
                              account=str(p["u"]), exp=int(p["x"]))
        except (ValueError, KeyError, TypeError, binascii.Error):
            raise TokenRefused("this link is not valid") from None
        if tok.action not in ACTIONS or not is_valid_email_id(tok.email_id):
            raise TokenRefused("this link is not valid")
        if tok.exp <= self.clock():
            raise TokenRefused("this link has expired")
        if self.client.exists(keys.notify_token_used(tok.token_id)):
            raise TokenRefused("this link was already used")
        return tok

    def burn(self, tok: ActionToken) -> bool:
        """Mark the token used (SET NX, kept until it would expire anyway); False if it already was."""
        ttl = max(1, int(tok.exp - self.clock()) + 60)
        return bool(self.client.set(keys.notify_token_used(tok.token_id), "1", nx=True, ex=ttl))

    def unburn(self, tok: ActionToken) -> None:
        """Give the token back (the action failed for a passing reason, e.g. the hourly release limit)."""
        self.client.delete(keys.notify_token_used(tok.token_id))
