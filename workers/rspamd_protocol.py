"""rspamd's two wire protocols: the legacy RSPAMC/1.3 text protocol (Exim) and HTTP /checkv2 (rspamc)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import BinaryIO

from core.errors import ProtocolError
from core.models import Action, Envelope, Verdict

MAX_LINE = 8192
#: Heads are capped in bytes and lines: Exim sends one `Rcpt:` line per recipient (recipients_max is 50,000 by
#: default), so 1 MiB still takes about 25,000 recipients of ordinary length while bounding the memory one
#: connection can make the gateway hold.
MAX_HEAD_BYTES = 1 << 20
MAX_HEAD_LINES = 100_000
#: Header names kept in ScanRequest.headers (first value only); recipients go to the envelope alone.
MAX_KEPT_HEADERS = 64
LEGACY_COMMANDS = {"CHECK", "SYMBOLS", "REPORT", "REPORT_IFSPAM", "PROCESS", "PING", "SKIP"}
HTTP_SCAN_PATHS = {"/checkv2", "/check", "/symbols"}


@dataclass(slots=True)
class ScanRequest:
    """A parsed request head; the body (content_length bytes) follows on the stream."""

    protocol: str  # "rspamc" or "http"
    command: str  # legacy command, or HTTP method + path
    content_length: int = 0
    envelope: Envelope = field(default_factory=Envelope)
    headers: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_ping(self) -> bool:
        return self.command in ("PING", "GET /ping", "GET /ping/")


@dataclass(frozen=True, slots=True)
class HeadLimits:
    """How much of a request head the gateway reads before giving up on it."""

    max_bytes: int = MAX_HEAD_BYTES
    max_lines: int = MAX_HEAD_LINES


class _HeadReader:
    """Reads head lines from the stream, never past the byte cap (the rest is left unread)."""

    def __init__(self, rfile: BinaryIO, limits: HeadLimits) -> None:
        self.rfile = rfile
        self.limits = limits
        self.left = limits.max_bytes

    def line(self) -> str:
        raw = self.rfile.readline(min(MAX_LINE, self.left) + 1)
        if len(raw) > self.left:
            raise ProtocolError(f"request head larger than {self.limits.max_bytes} bytes")
        if len(raw) > MAX_LINE:
            raise ProtocolError("request line too long")
        self.left -= len(raw)
        return raw.decode("latin-1").rstrip("\r\n")


def _strip_angle(v: str) -> str:
    v = v.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    return v.strip()


def read_request(rfile: BinaryIO, limits: HeadLimits = HeadLimits()) -> ScanRequest:
    """Read and parse a request head line by line, telling the protocols apart by the first line.

    ProtocolError once the head passes limits (bytes or lines): nothing beyond the cap is read.
    """
    head = _HeadReader(rfile, limits)
    first = head.line()
    if not first:
        raise ProtocolError("empty request")
    parts = first.split()
    if len(parts) == 2 and parts[1].upper().startswith("RSPAMC/"):
        cmd = parts[0].upper()
        if cmd not in LEGACY_COMMANDS:
            raise ProtocolError(f"unknown RSPAMC command {parts[0]!r}")
        req = ScanRequest(protocol="rspamc", command=cmd)
    elif len(parts) == 3 and parts[2].upper().startswith("HTTP/1."):
        method, path = parts[0].upper(), parts[1].split("?", 1)[0]
        req = ScanRequest(protocol="http", command=f"{method} {path}")
    else:
        raise ProtocolError(f"not RSPAMC/1.3 nor HTTP: {first[:80]!r}")

    env = req.envelope
    for _ in range(limits.max_lines):
        line = head.line()
        if line == "":
            break
        name, sep, value = line.partition(":")
        if not sep:
            raise ProtocolError(f"malformed header line {line[:80]!r}")
        key = name.strip().lower()
        value = value.strip()
        if key != "rcpt" and key not in req.headers and len(req.headers) < MAX_KEPT_HEADERS:
            req.headers[key] = [value]  # one value per name: a flood of lines must not become a flood of objects
        if key == "content-length":
            if not value.isdigit():
                raise ProtocolError(f"bad Content-length {value[:40]!r}")
            req.content_length = int(value)
        elif key == "from":
            env.sender = _strip_angle(value)
        elif key == "rcpt":
            env.recipients.append(_strip_angle(value))
        elif key == "queue-id":
            env.queue_id = value[:64]
        elif key == "helo":
            env.helo = value[:255]
        elif key == "ip":
            env.ip = value[:64]
        elif key == "user":
            env.user = value[:255]
    else:
        raise ProtocolError(f"request head has more than {limits.max_lines} lines")
    if req.protocol == "http" and req.command.startswith("POST") and "content-length" not in req.headers:
        raise ProtocolError("HTTP scan requests need a Content-Length")
    return req


def _fmt(x: float) -> str:
    return f"{x:.2f}"


def _reject_score(verdict: Verdict) -> float:
    """The reject threshold to report; with rejection off, a figure above both the threshold and the score."""
    return verdict.reject_score or max(verdict.required_score * 2, verdict.score + 1)


def legacy_reply(verdict: Verdict) -> bytes:
    """The RSPAMC/1.3 answer Exim's `variant=rspamd` parses: Metric, then Action, then symbols."""
    is_spam = verdict.action in (Action.QUARANTINE, Action.REJECT, Action.DEFER, Action.SPAM)
    reject = _reject_score(verdict)
    lines = [
        "RSPAMD/1.3 0 EX_OK",
        f"Metric: default; {'True' if is_spam else 'False'}; {_fmt(verdict.score)} / "
        f"{_fmt(verdict.required_score)} / {_fmt(reject)}",
        f"Action: {verdict.action.value}",
    ]
    for sym in verdict.symbols:
        opts = f"; {','.join(o.replace(',', ' ') for o in sym.options)[:200]}" if sym.options else ""
        lines.append(f"Symbol: {sym.name}({_fmt(sym.score)}){opts}")
    if verdict.message:
        lines.append(f"Message: {verdict.message}")
    if verdict.quarantine_id:
        lines.append(f"X-Mailward-Quarantine-Id: {verdict.quarantine_id}")
    return ("\r\n".join(_clean(x) for x in lines) + "\r\n\r\n").encode("utf-8", "replace")


def _clean(line: str) -> str:
    """Keep reply lines single-line: CR/LF in a symbol option must not inject protocol lines."""
    return line.replace("\r", " ").replace("\n", " ")


def legacy_error(text: str) -> bytes:
    """An RSPAMC error answer (Exim then defers the condition and its fail mode applies)."""
    return f"RSPAMD/1.3 1 EX_ERROR\r\nError: {_clean(text)[:200]}\r\n\r\n".encode()


def legacy_pong() -> bytes:
    return b"RSPAMD/1.3 0 PONG\r\n\r\n"


def verdict_json(verdict: Verdict) -> dict:
    """rspamd's /checkv2 JSON reply shape."""
    reject = _reject_score(verdict)
    symbols = {
        s.name: {"name": s.name, "score": round(s.score, 2), "metric_score": round(s.score, 2),
                 "description": s.description, "options": list(s.options)}
        for s in verdict.symbols
    }
    messages = {"smtp_message": verdict.message} if verdict.message else {}
    out = {
        "is_skipped": False,
        "score": round(verdict.score, 2),
        "required_score": verdict.required_score,
        "action": verdict.action.value,
        "thresholds": {"reject": reject, "quarantine": verdict.required_score},
        "symbols": symbols,
        "messages": messages,
        "mailward": {"reasons": [str(r) for r in verdict.reasons], "quarantine_id": verdict.quarantine_id,
                     "account": verdict.sender.account, "whitelisted": verdict.whitelisted},
    }
    return out


def http_reply(status: int, body: dict | str, *, reason: str = "") -> bytes:
    """A complete HTTP/1.1 response that closes the connection."""
    if isinstance(body, dict):
        payload, ctype = json.dumps(body).encode(), "application/json"
    else:
        payload, ctype = body.encode(), "text/plain"
    reason = reason or {200: "OK", 400: "Bad Request", 404: "Not Found", 413: "Payload Too Large",
                        500: "Internal Server Error", 503: "Service Unavailable"}.get(status, "OK")
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {len(payload)}\r\n"
            "Connection: close\r\nServer: mailward\r\n\r\n")
    return head.encode() + payload
