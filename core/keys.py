"""Every Redis key name Mailward uses, in one place (prefix `mw:`)."""

from __future__ import annotations

PREFIX = "mw"


def quarantine_meta(email_id: str) -> str:
    """HASH-less JSON string: the metadata of one quarantined message."""
    return f"{PREFIX}:q:meta:{email_id}"


def quarantine_by_account(account: str) -> str:
    """ZSET of email ids of one account, scored by received time."""
    return f"{PREFIX}:q:acct:{account}"


def quarantine_all() -> str:
    """ZSET of all email ids, scored by received time."""
    return f"{PREFIX}:q:all"


def quarantine_used() -> str:
    """HASH account -> bytes used in the quarantine."""
    return f"{PREFIX}:q:used"


def quarantine_accounts() -> str:
    """HASH account -> JSON of per-account overrides (limit_bytes, releases_limit, state)."""
    return f"{PREFIX}:q:accounts"


def quarantine_blocked() -> str:
    """SET of accounts whose state is block (kept beside the overrides so scans read only this small set)."""
    return f"{PREFIX}:q:blocked"


def quarantine_evicted(account: str, hour: int) -> str:
    """Counter of messages evicted for quota in one clock hour (epoch // 3600)."""
    return f"{PREFIX}:q:evicted:{account}:{hour}"


def whitelist(kind: str) -> str:
    """SET of whitelisted entries; kind is authuser, sender or recipient."""
    return f"{PREFIX}:wl:{kind}"


def filter_settings() -> str:
    """HASH of runtime filter toggles (e.g. allow_winexec) that override the file settings."""
    return f"{PREFIX}:filter"


def worker_heartbeats() -> str:
    """ZSET "<host>:<pid>" -> last heartbeat (epoch seconds) of each scan worker process."""
    return f"{PREFIX}:workers"
