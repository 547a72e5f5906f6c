"""The audit trail: every change made through the API, who made it, when and how (a capped Redis stream)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import redis

from core import keys
from core.errors import ValidationError
from core.identity import Identity

#: Entries kept (the stream is trimmed approximately to this length).
MAX_ENTRIES = 200_000
#: A filtered listing reads at most this many entries to count matches (newest first).
SCAN_CAP = 100_000


@dataclass(slots=True)
class AuditEntry:
    """One change: who did what to which account/object, through which interface, and how it ended."""

    action: str
    actor: dict[str, Any]
    via: str
    interface: str
    account: str = ""
    target: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    result: str = "ok"
    time: float = 0.0
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "time": self.time, "actor": self.actor, "via": self.via, "interface": self.interface,
                "action": self.action, "account": self.account, "target": self.target, "details": self.details,
                "result": self.result}


class AuditStore:
    """Append and read audit entries."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def record(self, identity: Identity, action: str, *, interface: str = "api", account: str = "",
               target: str = "", details: dict[str, Any] | None = None, result: str = "ok") -> AuditEntry:
        """Append one entry; returns it with its id and time."""
        entry = AuditEntry(action=action, actor={k: v for k, v in identity.to_dict().items() if k != "via"},
                           via=identity.via, interface=interface, account=account, target=target,
                           details=details or {}, result=result, time=round(time.time(), 3))
        data = entry.to_dict()
        data.pop("id")
        entry.id = self.client.xadd(keys.audit_log(), {"e": json.dumps(data, separators=(",", ":"))},
                                    maxlen=MAX_ENTRIES, approximate=True).decode()
        return entry

    def list(self, *, account: str | None = None, action: str = "", since: float = 0.0, limit: int = 50,
             offset: int = 0) -> tuple[list[AuditEntry], int]:
        """Entries newest first, filtered by account (None: all) and action; and how many match."""
        if limit < 0 or offset < 0:
            raise ValidationError("limit and offset must not be negative")
        low = f"{int(since * 1000)}-0" if since > 0 else "-"
        out: list[AuditEntry] = []
        total, read, high = 0, 0, "+"
        while read < SCAN_CAP:
            chunk = self.client.xrevrange(keys.audit_log(), max=high, min=low, count=1000)
            if not chunk:
                break
            for sid, fields in chunk:
                read += 1
                entry = _decode(sid, fields)
                if entry is None or (account is not None and entry.account != account) or (
                        action and entry.action != action):
                    continue
                if offset <= total < offset + limit:
                    out.append(entry)
                total += 1
            high = "(" + chunk[-1][0].decode()
        return out, total


def _decode(sid: bytes, fields: dict[bytes, bytes]) -> AuditEntry | None:
    try:
        d = json.loads(fields[b"e"])
        return AuditEntry(action=str(d["action"]), actor=dict(d.get("actor") or {}), via=str(d.get("via", "")),
                          interface=str(d.get("interface", "")), account=str(d.get("account", "")),
                          target=str(d.get("target", "")), details=dict(d.get("details") or {}),
                          result=str(d.get("result", "ok")), time=float(d.get("time", 0.0)), id=sid.decode())
    except (KeyError, ValueError, TypeError):
        return None
