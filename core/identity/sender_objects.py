"""Sender objects of the Activity Monitor: the account, domain, sender email and script a message is sent as.

Ids are UUIDv5 of (type, account, name): stable across restarts and hosts without a table to keep in sync, and
scoped by account, so the same domain or script name under two accounts is two objects.
"""

from __future__ import annotations

import enum
import functools
import uuid
from dataclasses import dataclass

from core.models import ScriptHeader, Sender

#: Namespace of sender-object ids (a fixed random UUID: changing it would change every id).
NAMESPACE = uuid.UUID("3c9b1f0e-6a4d-4f7e-9a51-2d8e0c7b5a13")


class SoType(enum.StrEnum):
    ACCOUNT = "account"
    DOMAIN = "domain"
    SENDER_EMAIL = "sender_email"
    SCRIPT = "script"


#: Only these can be whitelisted (tier 3); accounts and scripts cannot.
WHITELISTABLE = frozenset({SoType.DOMAIN, SoType.SENDER_EMAIL})
#: Longest object name kept: names come from what the sender wrote (addresses, script paths) and each names keys
#: kept for weeks; an address is at most 64 + 1 + 255 characters.
MAX_NAME = 320
#: What an account's overflow object of each type is called: the one object that new domains, addresses or
#: scripts beyond the per-account cap count as (core.store.limits), so they stay limited and counted.
OVERFLOW_NAMES = {SoType.DOMAIN: "(other domains)", SoType.SENDER_EMAIL: "(other sender emails)",
                  SoType.SCRIPT: "(other scripts)"}


def object_id(so_type: SoType | str, account: str, name: str) -> str:
    """The stable id of one sender object."""
    return str(uuid.uuid5(NAMESPACE, f"{SoType(so_type).value}\x00{account}\x00{name}"))


@dataclass(frozen=True, slots=True)
class SenderObject:
    """One object a message counts against; parent links as in `ie-cli am stats`."""

    type: SoType
    account: str
    name: str
    id: str
    account_id: str
    domain_id: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type.value, "account": self.account, "name": self.name, "id": self.id,
                "account_id": self.account_id, "domain_id": self.domain_id}

    @classmethod
    def from_dict(cls, d: dict[str, str]) -> SenderObject:
        return cls(type=SoType(d["type"]), account=str(d["account"]), name=str(d["name"]), id=str(d["id"]),
                   account_id=str(d.get("account_id", "")), domain_id=str(d.get("domain_id", "")))


def overflow_object(so_type: SoType, account: str) -> SenderObject:
    """The one object of an account that its `so_type` objects beyond the cap are counted as."""
    acc_id = object_id(SoType.ACCOUNT, account, account)
    # named by the empty name, which no real object has (empty domains, addresses and scripts make no object)
    so_id = object_id(so_type, account, "")
    domain_id = object_id(SoType.DOMAIN, account, "") if so_type is SoType.SENDER_EMAIL else ""
    return SenderObject(SoType(so_type), account, OVERFLOW_NAMES[SoType(so_type)], so_id, acc_id, domain_id)


def script_name(script: ScriptHeader) -> str:
    """The script as the Activity Monitor names it: `domain/path` (X-PHP-Script) or the path alone."""
    path = script.path.strip()
    if not path:
        return ""
    return f"{script.domain}{path if path.startswith('/') else '/' + path}" if script.domain else path


def sender_objects(sender: Sender) -> list[SenderObject]:
    """Every object a message from `sender` counts against: account first, then domain, email, script."""
    return list(_objects(sender.account, sender.email, sender.domain, script_name(sender.script)))


#: Senders whose objects are kept per process: a worker sees the same senders over and over, and each object
#: costs a UUIDv5 (SHA-1) to name.
CACHED_SENDERS = 4096


@functools.lru_cache(maxsize=CACHED_SENDERS)
def _objects(account: str, email: str, domain: str, script: str) -> tuple[SenderObject, ...]:
    acc_id = object_id(SoType.ACCOUNT, account, account)
    out = [SenderObject(SoType.ACCOUNT, account, account, acc_id, acc_id)]
    email = email.strip().lower()[:MAX_NAME]
    domain = (email.rpartition("@")[2] if "@" in email else domain).strip().lower().rstrip(".")[:MAX_NAME]
    script = script[:MAX_NAME]
    dom_id = ""
    if domain:
        dom_id = object_id(SoType.DOMAIN, account, domain)
        out.append(SenderObject(SoType.DOMAIN, account, domain, dom_id, acc_id))
    if email and "@" in email:
        out.append(SenderObject(SoType.SENDER_EMAIL, account, email, object_id(SoType.SENDER_EMAIL, account, email),
                                acc_id, dom_id))
    if script:
        out.append(SenderObject(SoType.SCRIPT, account, script, object_id(SoType.SCRIPT, account, script), acc_id,
                                dom_id))
    return tuple(out)
