"""One request/reply exchange with an engine over TCP or a unix socket, under a deadline and a reply bound."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Callable, Iterable

from core.errors import EngineError

#: Says whether the reply read so far is whole (an engine may keep the connection open after it).
Complete = Callable[[bytearray], bool]

_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d{1,12})[ \t]*\r?$")
_UNSAFE_IN_HEADER = dict.fromkeys([*range(32), 127])


def remaining(deadline: float) -> float:
    """Seconds left until `deadline` (time.monotonic()); EngineError when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise EngineError("timed out")
    return left


def split_address(address: str) -> tuple[str, int]:
    """("host", port) of "host:port" or "[v6]:port"; ValueError when it is neither."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{address!r} is not host:port")
    return host.strip("[]"), int(port)


def connect(address: str, deadline: float) -> socket.socket:
    """A socket connected to "host:port" or to an absolute unix socket path before `deadline`."""
    if address.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(remaining(deadline))
            sock.connect(address)
        except BaseException:
            sock.close()
            raise
        return sock
    try:
        host, port = split_address(address)
    except ValueError as exc:
        raise EngineError(str(exc)) from None
    # Settings only allow IP literals and "localhost" here, so no slow DNS lookup escapes the deadline.
    return socket.create_connection((host, port), timeout=remaining(deadline))


def exchange(address: str, request: Iterable[bytes | memoryview], deadline: float, *, max_reply: int,
             complete: Complete) -> bytes:
    """Send the request's pieces, then read the reply until `complete` says so or the engine closes."""
    try:
        with connect(address, deadline) as sock:
            try:
                for piece in request:
                    sock.settimeout(remaining(deadline))
                    sock.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the engine stopped reading (e.g. clamd's size limit): its reply may say why
            return _read_reply(sock, deadline, max_reply, complete)
    except EngineError:
        raise
    except TimeoutError:
        raise EngineError("timed out") from None
    except ConnectionRefusedError:
        raise EngineError("connection refused") from None
    except OSError as exc:
        raise EngineError(exc.strerror or type(exc).__name__) from None


def _read_reply(sock: socket.socket, deadline: float, max_reply: int, complete: Complete) -> bytes:
    data = bytearray()
    while True:
        sock.settimeout(remaining(deadline))
        try:
            chunk = sock.recv(min(65536, max_reply + 1 - len(data)))
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            if not data:
                raise EngineError("connection closed without a reply")
            return bytes(data)
        data += chunk
        if len(data) > max_reply:
            raise EngineError(f"reply larger than {max_reply} bytes")
        if complete(data):
            return bytes(data)


def content_length_complete(data: bytearray) -> bool:
    """Whole when the header block has ended and a Content-Length body has arrived (no length: wait for EOF)."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return False
    match = _CONTENT_LENGTH.search(data, 0, end + 2)
    return match is not None and len(data) - (end + 4) >= int(match.group(1))


def header_value(text: str, limit: int = 512) -> str:
    """Text safe to put in one request header: no line breaks or control characters, bounded in length."""
    return text.translate(_UNSAFE_IN_HEADER)[:limit]
