"""The link-signing key: a root-only file created once (atomically, whoever starts first), never kept in Redis, so
whoever reads or writes Redis cannot mint one-click links (real Redis)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import multiprocessing
import os
import stat
import time
import uuid
from pathlib import Path

import pytest
import redis

from core import keys
from core.errors import ConfigError
from core.notify.notification_tokens import TokenRefused, TokenSigner, ensure_signing_key, key_path, read_signing_key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _forge(secret: bytes, email_id: str, action: str, account: str) -> str:
    """A token signed the way links are, with a secret of the attacker's choosing."""
    body = _b64(json.dumps({"i": "forged-token", "e": email_id, "a": action, "u": account,
                            "x": int(time.time()) + 3600}, separators=(",", ":")).encode())
    return f"{body}.{_b64(hmac.new(secret, body.encode(), hashlib.sha256).digest())}"


def _all_redis_values(client: redis.Redis) -> list[bytes]:
    out = []
    for name in client.scan_iter(count=1000):
        if client.type(name) == b"string":
            out.append(client.get(name) or b"")
        elif client.type(name) == b"hash":
            out += list(client.hvals(name))
    return out


def test_the_key_is_a_0600_file_made_once_and_never_in_redis(tmp_path: Path, redis_client: redis.Redis) -> None:
    path = key_path(tmp_path / "state")
    key = ensure_signing_key(path)
    st = path.stat()
    assert stat.S_IMODE(st.st_mode) == 0o600 and st.st_uid == os.geteuid() and len(key) == 64
    assert ensure_signing_key(path) == key == read_signing_key(path)  # kept, not remade
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    signer = TokenSigner(redis_client, key=key, ttl_s=3600)
    eid = str(uuid.uuid4())
    tok = signer.verify(signer.issue(eid, "release", "alice"))
    assert (tok.email_id, tok.account) == (eid, "alice")
    assert redis_client.exists(keys.notify_secret()) == 0
    assert not any(key in value for value in _all_redis_values(redis_client))
    assert key.decode() not in repr(signer)


def test_a_secret_planted_in_redis_mints_nothing(tmp_path: Path, redis_client: redis.Redis) -> None:
    signer = TokenSigner(redis_client, key=ensure_signing_key(key_path(tmp_path)), ttl_s=3600)
    # What someone with Redis access did before: take (or set) the shared secret and sign a link for the admin.
    redis_client.set(keys.notify_secret(), "a" * 64, nx=True)
    secret = redis_client.get(keys.notify_secret())
    assert secret is not None
    forged = _forge(secret, str(uuid.uuid4()), "release", "root")
    with pytest.raises(TokenRefused):
        signer.verify(forged)


def _make_key(path: str) -> bytes:
    return ensure_signing_key(Path(path))


def test_concurrent_first_starts_agree_on_one_key(tmp_path: Path) -> None:
    path = key_path(tmp_path / "state")
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        got = pool.map(_make_key, [str(path)] * 12)
    assert len(set(got)) == 1 and got[0] == read_signing_key(path)
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_key_file_anyone_else_may_read_or_that_is_not_a_key_is_refused(tmp_path: Path) -> None:
    path = key_path(tmp_path)
    ensure_signing_key(path)
    path.chmod(0o640)
    with pytest.raises(ConfigError, match="mode 0600"):
        ensure_signing_key(path)
    path.chmod(0o600)
    path.write_bytes(b"short\n")
    with pytest.raises(ConfigError, match="64 hex digits"):
        read_signing_key(path)
    path.unlink()
    other = tmp_path / "elsewhere.key"
    ensure_signing_key(other)
    path.symlink_to(other)  # a link could point at any file: never followed
    with pytest.raises(ConfigError):
        ensure_signing_key(path)
    with pytest.raises(ConfigError, match="does not exist"):
        read_signing_key(tmp_path / "missing.key")
    with pytest.raises(ValueError):
        TokenSigner(redis.Redis(), key=b"", ttl_s=1)
