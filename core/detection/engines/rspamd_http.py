"""rspamd's HTTP protocol: POST /checkv2 with the envelope in headers, a JSON verdict back."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from core.detection.engines.transport import content_length_complete, exchange, header_value
from core.errors import EngineError
from core.models import Envelope

#: Longest reply read: a verdict with every symbol and its options stays far below this.
MAX_REPLY = 1 << 20
#: Envelope recipients passed on; rspamd only counts them (RCPT_COUNT_*), and a Bcc blast must not bloat the head.
MAX_RCPTS = 1000


@dataclass(frozen=True, slots=True)
class RspamdResult:
    """What rspamd decided: its score and threshold, its action, and each symbol's score."""

    score: float
    required_score: float
    action: str
    symbols: dict[str, float] = field(default_factory=dict)
    skipped: bool = False  # rspamd took a shortcut (GTUBE, a pre-filter) instead of running every rule

    def top_symbols(self, count: int) -> list[str]:
        """The `count` symbols that weigh most, as "NAME(score)", for a symbol's options."""
        ranked = sorted(self.symbols.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
        return [f"{name}({score:g})" for name, score in ranked if score > 0]


def build_request(message: bytes, envelope: Envelope, host: str = "localhost") -> bytes:
    """The request head of POST /checkv2 for this message and envelope (the body follows it)."""
    lines = ["POST /checkv2 HTTP/1.1", f"Host: {header_value(host)}", f"Content-Length: {len(message)}",
             "Connection: close", f"From: <{header_value(envelope.sender)}>"]
    lines += [f"Rcpt: <{header_value(r)}>" for r in envelope.recipients[:MAX_RCPTS]]
    for name, value in (("Queue-Id", envelope.queue_id), ("IP", envelope.ip), ("Helo", envelope.helo),
                        ("User", envelope.user)):
        if value:
            lines.append(f"{name}: {header_value(value)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape")


def check(address: str, message: bytes, envelope: Envelope, *, deadline: float) -> RspamdResult:
    """Ask the rspamd normal worker at `address` for its verdict on one message, before `deadline`."""
    host = "localhost" if address.startswith("/") else address.rpartition(":")[0]
    reply = exchange(address, (build_request(message, envelope, host), message), deadline, max_reply=MAX_REPLY,
                     complete=content_length_complete)
    return parse_reply(reply)


def parse_reply(reply: bytes) -> RspamdResult:
    """Parse an HTTP reply to /checkv2; EngineError for anything but a 200 with a well-formed verdict."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    if not sep:
        raise EngineError("truncated HTTP reply")
    status = head.split(b"\r\n", 1)[0].split()
    if len(status) < 2 or not status[0].startswith(b"HTTP/"):
        raise EngineError("not an HTTP reply")
    if status[1] != b"200":
        raise EngineError(f"HTTP status {status[1][:3].decode('ascii', 'replace')}")
    if b"\r\ntransfer-encoding:" in head.lower():
        raise EngineError("unsupported transfer encoding")
    try:
        doc = json.loads(body, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise EngineError("reply is not JSON") from None
    if not isinstance(doc, dict):
        raise EngineError("reply is not a JSON object")
    if "error" in doc:
        raise EngineError(f"rspamd error: {str(doc['error'])[:100]}")
    action = doc.get("action")
    if not isinstance(action, str):
        raise EngineError("reply has no action")
    symbols = doc.get("symbols", {})
    if not isinstance(symbols, dict):
        raise EngineError("reply symbols are not an object")
    scores = {str(name)[:64]: _number(sym.get("score", 0.0), "symbol score") if isinstance(sym, dict) else 0.0
              for name, sym in symbols.items()}
    return RspamdResult(score=_number(doc.get("score"), "score"),
                        required_score=_number(doc.get("required_score", 0.0), "required_score"),
                        action=action[:32], symbols=scores, skipped=doc.get("is_skipped") is True)


def _number(value: Any, what: str) -> float:
    try:
        number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
    except OverflowError:
        number = math.nan
    if not math.isfinite(number):
        raise EngineError(f"reply {what} is not a number")
    return number


def _no_constant(name: str) -> float:
    raise ValueError(name)
