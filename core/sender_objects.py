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
    email = email.strip().lower()
    domain = (email.rpartition("@")[2] if "@" in email else domain).strip().lower().rstrip(".")
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
