"""Account owners' own digest choices: how often their digest of held mail comes (or never) and where it goes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import redis

from core import keys
from core.errors import MailwardError, ValidationError
from core.exim_reinject import safe_address
from core.names import valid_account
from core.store_json_field import read_json_field, update_json_field

#: Digest frequencies an account may choose (the server's `notifications.digest` takes the same words).
FREQUENCIES = ("hourly", "daily", "weekly", "off")
#: The choice that follows the server's `notifications.digest`.
DEFAULT = "default"
CHOICES = (*FREQUENCIES, DEFAULT)


@dataclass(frozen=True, slots=True)
class DigestPrefs:
    """One account's choices: a frequency or "default" (the server's), and an address or "" (cPanel's contact)."""

    digest: str = DEFAULT
    address: str = ""

    def frequency(self, server_default: str) -> str:
        """The frequency in force: the account's own, else the server's."""
        return server_default if self.digest == DEFAULT else self.digest

    def to_dict(self) -> dict[str, str]:
        """What is stored: only what differs from the defaults."""
        out = {"digest": self.digest} if self.digest != DEFAULT else {}
        return {**out, "address": self.address} if self.address else out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DigestPrefs:
        """The stored form back; anything unreadable counts as the defaults."""
        digest = str(data.get("digest", DEFAULT))
        return cls(digest=digest if digest in CHOICES else DEFAULT, address=str(data.get("address", "")))


def valid_frequency(value: str) -> str:
    """hourly, daily, weekly, off or default; else ValidationError."""
    if value not in CHOICES:
        raise ValidationError(f"digest must be one of {', '.join(CHOICES)}, got {value!r}")
    return value


def valid_digest_address(value: str) -> str:
    """"" (cPanel's contact address) or one address the re-injector can send to, as local@domain."""
    if value == "":
        return value
    try:
        # Mailer.send checks every recipient with safe_address: accept exactly what it will send to.
        sendable = safe_address(value, "digest address") == value
    except MailwardError:
        sendable = False
    local, _, domain = value.partition("@") if isinstance(value, str) else ("", "", "")
    if not (sendable and local and domain):
        raise ValidationError(f"digest address must be one email address (local@domain), got {value!r}")
    return value


class DigestPrefsStore:
    """Per-account digest choices in one Redis hash (account -> JSON), as the quarantine keeps its overrides."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def get(self, account: str) -> DigestPrefs:
        """One account's choices (the defaults when it has made none)."""
        return DigestPrefs.from_dict(read_json_field(self.client.hget(keys.notify_prefs(), valid_account(account))))

    def all(self) -> dict[str, DigestPrefs]:
        """Every account that has made a choice."""
        stored = self.client.hgetall(keys.notify_prefs())
        return {k.decode(): DigestPrefs.from_dict(read_json_field(v)) for k, v in stored.items()}

    def set(self, account: str, *, digest: str | None = None, address: str | None = None) -> DigestPrefs:
        """Change one account's choices; None keeps what is there, "default" and "" go back to the defaults."""
        valid_account(account)
        if digest is not None:
            valid_frequency(digest)
        if address is not None:
            address = valid_digest_address(address)
        def change(stored: dict[str, Any]) -> dict[str, Any]:
            now = DigestPrefs.from_dict(stored)
            return DigestPrefs(digest=now.digest if digest is None else digest,
                               address=now.address if address is None else address).to_dict()

        return DigestPrefs.from_dict(update_json_field(self.client, keys.notify_prefs(), account, change))


# --- the stub twin ----------------------------------------------------------------------------------------


class MemoryDigestPrefs:
    """In-memory twin of `DigestPrefsStore` for unit tests: the same rules, in a dict."""

    def __init__(self) -> None:
        self.prefs: dict[str, DigestPrefs] = {}

    def get(self, account: str) -> DigestPrefs:
        """One account's choices (the defaults when it has made none)."""
        return self.prefs.get(valid_account(account), DigestPrefs())

    def all(self) -> dict[str, DigestPrefs]:
        """Every account that has made a choice."""
        return dict(self.prefs)

    def set(self, account: str, *, digest: str | None = None, address: str | None = None) -> DigestPrefs:
        """Change one account's choices; None keeps what is there, "default" and "" go back to the defaults."""
        now = self.get(account)
        new = DigestPrefs(digest=now.digest if digest is None else valid_frequency(digest),
                          address=now.address if address is None else valid_digest_address(address))
        if new.to_dict():
            self.prefs[account] = new
        else:
            self.prefs.pop(account, None)
        return new
