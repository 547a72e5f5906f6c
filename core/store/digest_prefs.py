"""Account owners' own digest choices: how often their digest of held mail comes (or never) and where it goes.

Where it goes is limited to the account's own domains and its cPanel contact addresses (CONTACTEMAIL,
CONTACTEMAIL2): a digest names senders, recipients and subjects of held mail, so an account (or whoever took it
over) must not be able to point Mailward's mail at a stranger. The contact address is one cPanel already mails,
and the account's domains are its own; that needs no confirmation round trip (a confirmation link would itself be
mail to an address of the account's choosing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import redis

from core import keys
from core.errors import MailwardError, ValidationError
from core.identity.caller import ROOT
from core.mail.exim_reinject import safe_address
from core.names import valid_account
from core.store.json_field import read_json_field, update_json_field

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


#: cPanel user-file keys holding the account's contact addresses.
CONTACT_KEYS = ("CONTACTEMAIL", "CONTACTEMAIL2")


def contact_addresses(user_settings: Mapping[str, str]) -> list[str]:
    """The sendable addresses of a cPanel user file's CONTACTEMAIL and CONTACTEMAIL2 (`,` or `;` separated)."""
    out: list[str] = []
    for key in CONTACT_KEYS:
        for part in str(user_settings.get(key, "")).replace(";", ",").split(","):
            part = part.strip()
            try:
                if "@" in part and safe_address(part, "contact") and part not in out:
                    out.append(part)
            except MailwardError:
                continue
    return out


def digest_address_allowed(address: str, account: str, accounts: Any) -> bool:
    """Whether account's digest may go to address: one of its own domains, or one of its cPanel contacts."""
    if account == ROOT:
        return True  # the admin's own bucket: only the admin can choose its address
    domain = address.rpartition("@")[2].rstrip(".").lower()
    try:
        if domain in {d.lower() for d in accounts.domains_of(account)}:
            return True
        contacts = contact_addresses(accounts.user_settings(account))
    except (OSError, ValueError):
        return False
    return address.lower() in {c.lower() for c in contacts}


def check_digest_address(address: str, account: str, accounts: Any) -> str:
    """address if account's digest may go there ("" always may: the contact address); else ValidationError."""
    if address and not digest_address_allowed(address, account, accounts):
        raise ValidationError(f"digest address {address!r} is not on a domain of account {account} nor its cPanel "
                              "contact email: use an address of the account's own domains, or change the contact "
                              "email in cPanel")
    return address


class DigestPrefsStore:
    """Per-account digest choices in one Redis hash (account -> JSON), as the quarantine keeps its overrides.

    With an account directory (core.identity.cpanel), an address outside the account's domains and contacts is refused.
    """

    def __init__(self, client: redis.Redis, *, accounts: Any = None) -> None:
        self.client = client
        self.accounts = accounts

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
            if self.accounts is not None:
                check_digest_address(address, account, self.accounts)

        def change(stored: dict[str, Any]) -> dict[str, Any]:
            now = DigestPrefs.from_dict(stored)
            return DigestPrefs(digest=now.digest if digest is None else digest,
                               address=now.address if address is None else address).to_dict()

        return DigestPrefs.from_dict(update_json_field(self.client, keys.notify_prefs(), account, change))


# --- the stub twin ----------------------------------------------------------------------------------------


class MemoryDigestPrefs:
    """In-memory twin of `DigestPrefsStore` for unit tests: the same rules, in a dict."""

    def __init__(self, *, accounts: Any = None) -> None:
        self.prefs: dict[str, DigestPrefs] = {}
        self.accounts = accounts

    def get(self, account: str) -> DigestPrefs:
        """One account's choices (the defaults when it has made none)."""
        return self.prefs.get(valid_account(account), DigestPrefs())

    def all(self) -> dict[str, DigestPrefs]:
        """Every account that has made a choice."""
        return dict(self.prefs)

    def set(self, account: str, *, digest: str | None = None, address: str | None = None) -> DigestPrefs:
        """Change one account's choices; None keeps what is there, "default" and "" go back to the defaults."""
        now = self.get(account)
        if address is not None and self.accounts is not None:
            check_digest_address(valid_digest_address(address), account, self.accounts)
        new = DigestPrefs(digest=now.digest if digest is None else valid_frequency(digest),
                          address=now.address if address is None else valid_digest_address(address))
        if new.to_dict():
            self.prefs[account] = new
        else:
            self.prefs.pop(account, None)
        return new
