"""Webhooks: which URLs are allowed (SSRF guard), how a delivery is signed, and the one HTTP POST that sends it."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from core.errors import ValidationError

#: Events a webhook may subscribe to; `ping` is only ever sent to the one webhook being tested.
EVENT_KINDS = ("email.quarantined", "email.released", "email.deleted", "limit.reached", "account.blocked",
               "account.unblocked", "sender.contained", "sender.uncontained")
PING = "ping"
MAX_URL_LENGTH = 2048
USER_AGENT = "Mailward-Webhook/1"


def check_url(url: str, *, allow_private: bool) -> str:
    """A webhook URL that may be stored: http(s), a host, and (unless allowed) not a loopback/private literal."""
    url = url.strip()
    if not url or len(url) > MAX_URL_LENGTH:
        raise ValidationError(f"a webhook url must be 1 to {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a bad port
    except ValueError as exc:
        raise ValidationError(f"invalid webhook url {url!r}: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise ValidationError(f"a webhook url must be http:// or https://, got {url!r}")
    host = parts.hostname or ""
    if not host or any(c.isspace() for c in url) or parts.username or parts.password:
        raise ValidationError(f"a webhook url needs a host and no credentials or spaces, got {url!r}")
    if port == 0:
        raise ValidationError(f"invalid port in webhook url {url!r}")
    if not allow_private:
        # Names are resolved (and checked again) when a delivery connects; literals and localhost fail here.
        if host.lower() == "localhost" or host.lower().endswith(".localhost"):
            raise ValidationError("webhooks to localhost are refused (set webhooks.allow_private = true)")
        try:
            addr = ipaddress.ip_address(host)
        except ValueError:
            addr = None
        if addr is not None and not is_public(addr):
            raise ValidationError(f"webhooks to {host} (not a public address) are refused "
                                  f"(set webhooks.allow_private = true)")
    return url


def check_events(events: list[str]) -> list[str]:
    """Known event kinds, deduplicated in their documented order; empty means every event."""
    unknown = sorted(set(events) - set(EVENT_KINDS))
    if unknown:
        raise ValidationError(f"unknown event(s) {', '.join(unknown)}; known: {', '.join(EVENT_KINDS)}")
    return [k for k in EVENT_KINDS if k in events]


#: IPv6 forms whose last 32 bits are the IPv4 address a packet really goes to: IPv4-compatible (::a.b.c.d,
#: deprecated but still routed by some stacks) and the well-known NAT64 prefix (RFC 6052).
_LAST32_FORMS = (ipaddress.IPv6Network("::/96"), ipaddress.IPv6Network("64:ff9b::/96"))
#: The local-use NAT64 prefix (RFC 8215): where an operator's translator puts the IPv4 address inside it varies with
#: the prefix length, so no one mapping is safe; it is never a public destination anyway.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


def embedded_ipv4(addr: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo server and client)."""
    out: list[ipaddress.IPv4Address] = []
    if addr.ipv4_mapped is not None:
        out.append(addr.ipv4_mapped)
    if any(addr in net for net in _LAST32_FORMS):
        out.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    if addr.sixtofour is not None:
        out.append(addr.sixtofour)
    if addr.teredo is not None:
        out.extend(addr.teredo)
    return out


def is_public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet (not loopback, private, link-local, reserved...).

    An IPv6 address that carries an IPv4 one is judged by that IPv4 address too: `::127.0.0.1`,
    `64:ff9b::7f00:1` and `2002:7f00:1::` all reach 127.0.0.1 through a translator or tunnel.
    """
    if isinstance(addr, ipaddress.IPv6Address):
        if addr in _LOCAL_NAT64:
            return False
        inner = embedded_ipv4(addr)
        if inner:
            if not all(is_public(a) for a in inner):
                return False
            if addr.ipv4_mapped is not None or any(addr in net for net in _LAST32_FORMS):
                return True  # a pure translation form: the IPv4 address is the destination
    return addr.is_global and not addr.is_multicast


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 over `<timestamp>.<body>` with the webhook's secret."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does: recompute the signature and compare in constant time."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def event_body(event_id: str, kind: str, when: float, data: dict[str, Any]) -> bytes:
    """The JSON a webhook receives."""
    return json.dumps({"id": event_id, "type": kind, "time": when, "data": data}, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class PostResult:
    """How one POST ended: an HTTP status, or 0 with the network error."""

    status: int
    error: str = ""
    refused: bool = False  # our own SSRF guard said no: another try would say no again

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def retryable(self) -> bool:
        """Network errors, 5xx and 429 are worth another try; other answers would be the same next time."""
        return not self.refused and (self.status == 0 or self.status >= 500 or self.status == 429)


class _PinnedConnection(http.client.HTTPSConnection):
    """HTTP(S) to one already checked IP address, with the URL's host name for Host and TLS (no second lookup)."""

    def __init__(self, host: str, port: int, ip: str, timeout: float, tls: bool) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip
        self._tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host) if self._tls else sock  # type: ignore[attr-defined]


def resolve(host: str, port: int, *, allow_private: bool) -> str:
    """One address to connect to; refuses names that resolve to a non-public address unless allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise OSError(f"cannot resolve {host}: {exc}") from None
    addrs = [ipaddress.ip_address(str(i[4][0]).split("%")[0]) for i in infos]
    if not allow_private and any(not is_public(a) for a in addrs):
        raise PermissionError(f"{host} resolves to a non-public address; refused (webhooks.allow_private)")
    return str(addrs[0])


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float, allow_private: bool) -> PostResult:
    """POST a signed event; never raises for network trouble (the result says what happened)."""
    parts = urlsplit(url)
    tls = parts.scheme == "https"
    host = parts.hostname or ""
    port = parts.port or (443 if tls else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + timeout
    try:
        ip = resolve(host, port, allow_private=allow_private)
    except PermissionError as exc:
        return PostResult(0, str(exc), refused=True)
    except OSError as exc:
        return PostResult(0, str(exc))
    conn = _PinnedConnection(host, port, ip, max(0.5, deadline - time.monotonic()), tls)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json",
                                                       "User-Agent": USER_AGENT, **headers})
        resp = conn.getresponse()
        resp.read(65536)  # a receiver's answer is not ours to store; bounded so it cannot stall us
        return PostResult(resp.status, "" if 200 <= resp.status < 300 else f"HTTP {resp.status} {resp.reason}")
    except (OSError, http.client.HTTPException) as exc:
        return PostResult(0, f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()
