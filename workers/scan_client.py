"""A client of the scan gateway speaking RSPAMC/1.3 (as Exim does) or HTTP /checkv2 (as rspamc does)."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field

from core.models import Envelope


@dataclass(slots=True)
class ScanReply:
    """What the gateway answered."""

    action: str
    score: float
    required: float
    symbols: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    @property
    def quarantine_id(self) -> str:
        for line in self.lines:
            if line.startswith("X-Mailward-Quarantine-Id:"):
                return line.split(":", 1)[1].strip()
        return str(self.raw.get("mailward", {}).get("quarantine_id", ""))


def _connect(address: str, timeout: float) -> socket.socket:
    if address.startswith("/"):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(timeout)
        s.connect(address)
        return s
    host, _, port = address.rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)


def _envelope_lines(env: Envelope) -> list[str]:
    lines = []
    if env.queue_id:
        lines.append(f"Queue-Id: {env.queue_id}")
    lines.append(f"From: <{env.sender}>")
    lines.append(f"Recipient-Number: {len(env.recipients)}")
    lines += [f"Rcpt: <{r}>" for r in env.recipients]
    if env.helo:
        lines.append(f"Helo: {env.helo}")
    if env.ip:
        lines.append(f"IP: {env.ip}")
    if env.user:
        lines.append(f"User: {env.user}")
    return lines


def _recv_all(s: socket.socket) -> bytes:
    chunks = []
    while True:
        b = s.recv(65536)
        if not b:
            return b"".join(chunks)
        chunks.append(b)


def check_legacy(address: str, message: bytes, env: Envelope, *, timeout: float = 60.0) -> ScanReply:
    """Scan a message the way Exim's `variant=rspamd` does and parse the reply."""
    head = "\r\n".join(["CHECK RSPAMC/1.3", f"Content-length: {len(message)}", *_envelope_lines(env), "", ""])
    with _connect(address, timeout) as s:
        s.sendall(head.encode() + message)
        data = _recv_all(s)
    lines = data.decode("utf-8", "replace").split("\r\n")
    if not lines or not lines[0].startswith("RSPAMD/1.3 0"):
        raise RuntimeError(f"gateway error: {lines[:3]}")
    action, score, required, symbols = "", 0.0, 0.0, []
    for line in lines[1:]:
        if line.startswith("Metric:"):
            parts = line.split(";")[2].split("/")
            score, required = float(parts[0]), float(parts[1])
        elif line.startswith("Action:"):
            action = line.split(":", 1)[1].strip()
        elif line.startswith("Symbol:"):
            symbols.append(line.split(":", 1)[1].strip().split("(", 1)[0])
    return ScanReply(action, score, required, symbols, lines)


def check_http(address: str, message: bytes, env: Envelope, *, timeout: float = 60.0) -> ScanReply:
    """Scan a message the way `rspamc` does (POST /checkv2) and parse the JSON reply."""
    head = "\r\n".join(["POST /checkv2 HTTP/1.1", "Host: localhost", f"Content-Length: {len(message)}",
                        *[x for x in _envelope_lines(env) if not x.startswith("Recipient-Number")], "", ""])
    with _connect(address, timeout) as s:
        s.sendall(head.encode() + message)
        data = _recv_all(s)
    status_line, _, rest = data.partition(b"\r\n")
    _, _, body = rest.partition(b"\r\n\r\n")
    if b" 200 " not in status_line:
        raise RuntimeError(f"gateway error: {status_line!r} {body[:200]!r}")
    reply = json.loads(body)
    return ScanReply(reply["action"], float(reply["score"]), float(reply["required_score"]),
                     sorted(reply.get("symbols", {})), raw=reply)
