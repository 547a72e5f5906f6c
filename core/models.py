"""Plain data holders shared by the gateway, the pipeline and the stores."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any


class Action(enum.StrEnum):
    """What the gateway tells Exim to do with a message (the rspamd `Action:` word)."""

    ACCEPT = "no action"
    ADD_HEADER = "add header"
    QUARANTINE = "quarantine"
    REJECT = "reject"
    DEFER = "soft reject"
    UNSCANNED = "unscanned"
    SPAM = "spam"  # incoming spam: delivered with the spam header (and filed in the spam folder)


class Reason(enum.StrEnum):
    """Why a message was quarantined."""

    SPAM = "spam"
    WINEXEC = "winexec"
    RATELIMIT = "ratelimit"
    VIRUS = "virus"  # beyond the reference: an optional antivirus engine (ClamAV) found malware
    CONTAINED = "contained"  # beyond the reference: its sender object (script, address, domain) is contained


class Direction(enum.StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


@dataclass(slots=True)
class Envelope:
    """What the MTA knows about a message besides its bytes."""

    sender: str = ""
    recipients: list[str] = field(default_factory=list)
    queue_id: str = ""
    helo: str = ""
    ip: str = ""
    user: str = ""  # $authenticated_id for SMTP AUTH, the caller's login for local submission
    direction: Direction = Direction.OUTGOING
    # The local address whose forwarder (alias, .forward, valiases) sent this copy on to a remote address, as Exim
    # routed it; set only by Mailward's own routing-time check (workers/forwarded_copies.py), never from a request.
    forwarded_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        # Field by field, not dataclasses.asdict (a recursive deep copy: a tenth of the gateway's CPU per scan).
        return {"sender": self.sender, "recipients": list(self.recipients), "queue_id": self.queue_id,
                "helo": self.helo, "ip": self.ip, "user": self.user, "direction": str(self.direction),
                "forwarded_by": self.forwarded_by}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Envelope:
        return cls(
            sender=str(d.get("sender", "")),
            recipients=[str(r) for r in d.get("recipients", [])],
            queue_id=str(d.get("queue_id", "")),
            helo=str(d.get("helo", "")),
            ip=str(d.get("ip", "")),
            user=str(d.get("user", "")),
            direction=Direction(d.get("direction", Direction.OUTGOING)),
            forwarded_by=str(d.get("forwarded_by", "")),
        )


@dataclass(slots=True)
class ScriptHeader:
    """The PHP script that sent a message, from X-PHP-Script / X-PHP-Originating-Script."""

    raw: str = ""
    domain: str = ""
    path: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"raw": self.raw, "domain": self.domain, "path": self.path}


@dataclass(slots=True)
class Sender:
    """Who sent a message, as attributed by core.identity.attribution."""

    account: str = "root"
    domain: str = ""
    email: str = ""
    script: ScriptHeader = field(default_factory=ScriptHeader)
    how: str = "fallback"  # which rule attributed it: see core.identity.attribution.How


@dataclass(slots=True)
class Symbol:
    """One check's finding: a name from settings' score table, with optional detail."""

    name: str
    score: float = 0.0
    description: str = ""
    options: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "score": self.score, "description": self.description,
                "options": list(self.options)}


@dataclass(slots=True)
class Verdict:
    """The outcome of scanning one message."""

    action: Action
    score: float = 0.0
    required_score: float = 0.0
    reject_score: float = 0.0
    reasons: list[Reason] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)
    message: str = ""  # human text for reject/defer replies
    quarantine_id: str = ""
    sender: Sender = field(default_factory=Sender)
    whitelisted: bool = False
    bounce: bool = False  # the MTA's own delivery report: no account's mail, never counted or limited
    evidence: list[str] = field(default_factory=list)  # what the verdict policy found (core.verdict_policy)

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": str(self.action),
            "score": round(self.score, 2),
            "required_score": self.required_score,
            "reject_score": self.reject_score,
            "reasons": [str(r) for r in self.reasons],
            "symbols": [s.to_dict() for s in self.symbols],
            "message": self.message,
            "quarantine_id": self.quarantine_id,
            "account": self.sender.account,
            "whitelisted": self.whitelisted,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Verdict:
        return cls(
            action=Action(d["action"]),
            score=float(d.get("score", 0.0)),
            required_score=float(d.get("required_score", 0.0)),
            reject_score=float(d.get("reject_score", 0.0)),
            reasons=[Reason(r) for r in d.get("reasons", [])],
            symbols=[Symbol(**s) for s in d.get("symbols", [])],
            message=str(d.get("message", "")),
            quarantine_id=str(d.get("quarantine_id", "")),
            sender=Sender(account=str(d.get("account", "root"))),
            whitelisted=bool(d.get("whitelisted", False)),
        )


class AccountState(enum.StrEnum):
    ACTIVE = "active"
    BLOCK = "block"


@dataclass(slots=True)
class QuarantineRecord:
    """Metadata of one held message; stored beside the message file and indexed in Redis."""

    email_id: str
    account: str
    received: float
    sender: str
    recipients: list[str]
    subject: str
    reasons: list[str]
    score: float
    symbols: list[str]
    size: int
    direction: str = Direction.OUTGOING.value
    queue_id: str = ""
    script: ScriptHeader = field(default_factory=ScriptHeader)
    sender_domain: str = ""
    sender_email: str = ""
    status: str = "quarantined"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["script"] = self.script.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> QuarantineRecord:
        s = d.get("script") or {}
        return cls(
            email_id=str(d["email_id"]), account=str(d["account"]), received=float(d["received"]),
            sender=str(d.get("sender", "")), recipients=[str(r) for r in d.get("recipients", [])],
            subject=str(d.get("subject", "")), reasons=[str(r) for r in d.get("reasons", [])],
            score=float(d.get("score", 0.0)), symbols=[str(x) for x in d.get("symbols", [])],
            size=int(d.get("size", 0)), direction=str(d.get("direction", Direction.OUTGOING.value)),
            queue_id=str(d.get("queue_id", "")),
            script=ScriptHeader(raw=str(s.get("raw", "")), domain=str(s.get("domain", "")),
                                path=str(s.get("path", ""))),
            sender_domain=str(d.get("sender_domain", "")), sender_email=str(d.get("sender_email", "")),
            status=str(d.get("status", "quarantined")),
        )
