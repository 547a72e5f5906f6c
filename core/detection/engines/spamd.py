"""SpamAssassin's spamd protocol (SPAMC/1.5): the SYMBOLS command, answered by a score line and rule names."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from core.detection.engines.transport import content_length_complete, exchange, header_value
from core.errors import EngineError

#: Longest reply read: SYMBOLS answers with a score line and a comma-separated list of rule names.
MAX_REPLY = 256 << 10
#: Rule names kept from one reply.
MAX_RULES = 200

_SPAM_LINE = re.compile(rb"(?im)^spam:[ \t]*(true|false|yes|no)[ \t]*;[ \t]*(-?\d{1,9}(?:\.\d+)?)[ \t]*/"
                        rb"[ \t]*(-?\d{1,9}(?:\.\d+)?)[ \t]*\r?$")
_RULE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


@dataclass(frozen=True, slots=True)
class SpamdResult:
    """SpamAssassin's verdict: spam or not, its score and threshold, and the rules that hit."""

    is_spam: bool
    score: float
    threshold: float
    rules: list[str] = field(default_factory=list)


def build_request(message: bytes, user: str = "") -> bytes:
    """The SYMBOLS request head for this message (the body follows it)."""
    lines = ["SYMBOLS SPAMC/1.5", f"Content-length: {len(message)}"]
    if user:
        lines.append(f"User: {header_value(user, 64)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape")


def check(address: str, message: bytes, *, deadline: float, user: str = "") -> SpamdResult:
    """Ask spamd at `address` for SpamAssassin's verdict on one message, before `deadline`."""
    reply = exchange(address, (build_request(message, user), message), deadline, max_reply=MAX_REPLY,
                     complete=content_length_complete)
    return parse_reply(reply)


def parse_reply(reply: bytes) -> SpamdResult:
    """Parse spamd's reply to SYMBOLS (or CHECK); EngineError for an error code or a malformed reply."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    status, _, _ = head.partition(b"\r\n")
    parts = status.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"SPAMD/"):
        raise EngineError("not a spamd reply")
    if parts[1] != b"0":
        text = b" ".join(parts[1:]).decode("ascii", "replace")[:100]
        raise EngineError(f"spamd error: {text}")
    match = _SPAM_LINE.search(head)
    if not sep or match is None:
        raise EngineError("spamd reply has no Spam: line")
    score, threshold = float(match.group(2)), float(match.group(3))
    if not (math.isfinite(score) and math.isfinite(threshold)):
        raise EngineError("spamd score is not a number")
    rules = [r for r in (p.strip() for p in body.decode("ascii", "replace").split(",")) if _RULE.fullmatch(r)]
    return SpamdResult(is_spam=match.group(1).lower() in (b"true", b"yes"), score=score, threshold=threshold,
                       rules=rules[:MAX_RULES])
