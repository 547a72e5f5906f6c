"""The webhook SSRF guard sees through IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4,
Teredo), both in a stored URL and in every address a name resolves to; real Redis for the store."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
from collections.abc import Iterator

import pytest
import redis

from core.errors import ValidationError
from core.net.webhooks import check_url, embedded_ipv4, is_public, post, resolve
from core.store.webhooks import WebhookStore

#: Each reaches 127.0.0.1, 10.0.0.1, 169.254.169.254 or 192.168.1.1 through a translator or tunnel.
EMBEDDED_PRIVATE = [
    "::127.0.0.1",  # IPv4-compatible
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "64:ff9b::7f00:1",  # NAT64 well-known prefix
    "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::a00:1",  # NAT64 local-use prefix
    "2002:7f00:1::",  # 6to4
    "2002:c0a8:101::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    "::a00:1",
]
#: The same forms carrying a public address stay public (the guard must not refuse the internet).
EMBEDDED_PUBLIC = ["::ffff:93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::1", "::93.184.216.34"]


@pytest.mark.parametrize("literal", EMBEDDED_PRIVATE)
def test_embedded_private_ipv4_is_not_public(literal: str) -> None:
    assert not is_public(ipaddress.ip_address(literal))
    with pytest.raises(ValidationError, match="not a public address"):
        check_url(f"http://[{literal}]:8080/hook", allow_private=False)


@pytest.mark.parametrize("literal", EMBEDDED_PUBLIC)
def test_embedded_public_ipv4_stays_public(literal: str) -> None:
    assert is_public(ipaddress.ip_address(literal))
    assert check_url(f"https://[{literal}]/hook", allow_private=False)


def test_embedded_forms_map_to_their_ipv4() -> None:
    v4 = ipaddress.IPv4Address
    assert embedded_ipv4(ipaddress.IPv6Address("::127.0.0.1")) == [v4("127.0.0.1")]
    assert embedded_ipv4(ipaddress.IPv6Address("64:ff9b::7f00:1")) == [v4("127.0.0.1")]
    assert embedded_ipv4(ipaddress.IPv6Address("2002:7f00:1::")) == [v4("127.0.0.1")]
    assert v4("127.0.0.1") in embedded_ipv4(ipaddress.IPv6Address("2001:0:4136:e378:8000:63bf:80ff:fffe"))
    assert embedded_ipv4(ipaddress.IPv6Address("2606:4700::1111")) == []


@pytest.mark.parametrize("literal", ["::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::"])
def test_the_store_refuses_them(redis_client: redis.Redis, literal: str) -> None:
    store = WebhookStore(redis_client)
    with pytest.raises(ValidationError):
        store.create(f"http://[{literal}]/hook")
    hook = store.create("https://hooks.example.com/x")
    with pytest.raises(ValidationError):
        store.update(hook.id, url=f"http://[{literal}]:9/")
    assert [h.url for h in store.all()] == ["https://hooks.example.com/x"]


@pytest.fixture
def receiver() -> Iterator[tuple[int, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every request path (none may arrive)."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_a_name_with_any_embedded_loopback_address_is_refused_before_connecting(
        receiver: tuple[int, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    port, seen = receiver
    real = socket.getaddrinfo

    def fake(host: str, *args: object, **kw: object) -> list:
        if host == "hooks.attacker.test":  # a public address first, the loopback one hidden behind it
            return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2606:4700::1111", port, 0, 0)),
                    (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("64:ff9b::7f00:1", port, 0, 0))]
        return real(host, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(PermissionError):
        resolve("hooks.attacker.test", port, allow_private=False)
    got = post(f"http://hooks.attacker.test:{port}/h", b"{}", {}, timeout=2.0, allow_private=False)
    assert got.refused and not got.retryable and "non-public" in got.error
    # The real resolver on a literal: ::127.0.0.1 is refused too, and nothing reached the receiver.
    got = post(f"http://[::127.0.0.1]:{port}/h", b"{}", {}, timeout=2.0, allow_private=False)
    assert got.refused
    assert seen == []
    # The guard is what said no: allowed, the receiver is reachable on its plain loopback address.
    assert post(f"http://127.0.0.1:{port}/ok", b"{}", {}, timeout=5.0, allow_private=True).status == 204
    assert seen == ["/ok"]
