"""A small client of rspamd's normal worker for benches: POST /checkv2 with the envelope in request headers (as
rspamc and Exim's `variant=rspamd` hand it over), the JSON reply reduced to action, score and symbols."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RspamdReply:
    """What rspamd answered: its action ("reject", "add header", "rewrite subject", "greylist", "no action",
    "soft reject"), score, the reject threshold and the symbols that hit."""

    action: str
    score: float
    required: float
    symbols: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RspamdEnvelope:
    """The envelope rspamd is told about: what Exim knows when it asks (empty fields are left out)."""

    mail_from: str = ""
    recipients: tuple[str, ...] = ()
    ip: str = ""
    helo: str = ""
    user: str = ""
    queue_id: str = ""


def _clean(value: str) -> str:
    """A header value without line breaks (the envelope comes from generated mail, never trusted as a header)."""
    return value.replace("\r", " ").replace("\n", " ").strip()


def check_request(message: bytes, env: RspamdEnvelope) -> bytes:
    """The HTTP request of one scan."""
    head = ["POST /checkv2 HTTP/1.0", f"Content-Length: {len(message)}"]
    if env.mail_from:
        head.append(f"From: {_clean(env.mail_from)}")
    head += [f"Rcpt: {_clean(r)}" for r in env.recipients if r]
    for name, value in (("IP", env.ip), ("Helo", env.helo), ("User", env.user), ("Queue-Id", env.queue_id)):
        if value:
            head.append(f"{name}: {_clean(value)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + message


def parse_check_reply(reply: bytes) -> RspamdReply:
    """The reply of /checkv2; ValueError unless it is a 200 with a scan result."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0].split()
    if not sep or len(status) < 2 or status[1] != b"200":
        raise ValueError(f"rspamd error: {reply[:160]!r}")
    data = json.loads(body)
    if not isinstance(data, dict) or "action" not in data:
        raise ValueError(f"rspamd reply without an action: {body[:160]!r}")
    return RspamdReply(str(data["action"]), float(data.get("score", 0.0)), float(data.get("required_score", 0.0)),
                       tuple(sorted(data.get("symbols") or {})))


def rspamd_check(address: str, message: bytes, env: RspamdEnvelope, timeout: float = 120.0) -> RspamdReply:
    """One scan by the rspamd normal worker at host:port, on a fresh connection."""
    host, _, port = address.rpartition(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(check_request(message, env))
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return parse_check_reply(b"".join(chunks))
