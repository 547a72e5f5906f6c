"""Stand-ins for external engines on loopback: canned replies, hangs, drips, and ports nobody listens on."""

from __future__ import annotations

import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)")


def request_complete(data: bytes) -> bool:
    """Whether a whole engine request arrived: INSTREAM up to its zero chunk, or a head plus Content-length body."""
    if data.startswith(b"zINSTREAM\0"):
        pos = 10
        while pos + 4 <= len(data):
            size = struct.unpack(">I", data[pos:pos + 4])[0]
            if size == 0:
                return True
            pos += 4 + size
        return False
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return False
    match = _CONTENT_LENGTH.search(data[:end])
    return len(data) - end - 4 >= (int(match.group(1)) if match else 0)


def read_instream(sock: socket.socket) -> None:
    """Read one clamd INSTREAM request off sock, up to its zero-length chunk (ConnectionError if cut short)."""

    def exactly(n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("peer closed")
            data += chunk
        return data

    exactly(len(b"zINSTREAM\0"))
    while size := struct.unpack(">I", exactly(4))[0]:
        exactly(size)


def instream_payload(data: bytes) -> bytes:
    """The bytes an INSTREAM request carried, chunks joined."""
    out, pos = bytearray(), 10
    while True:
        size = struct.unpack(">I", data[pos:pos + 4])[0]
        if size == 0:
            return bytes(out)
        out += data[pos + 4:pos + 4 + size]
        pos += 4 + size


class FakeEngine:
    """Answers every connection with `reply` once the request is in; "hang" reads and never answers.

    `drip` sends the reply a byte at a time with that pause between bytes; "close" hangs up without a word.
    """

    def __init__(self, reply: bytes | str = b"", *, drip: float = 0.0, unix_path: Path | None = None) -> None:
        self.reply = reply
        self.drip = drip
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        if unix_path is not None:
            self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self._listener.bind(str(unix_path))
            self.address = str(unix_path)
        else:
            self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._listener.bind(("127.0.0.1", 0))
            self.address = f"127.0.0.1:{self._listener.getsockname()[1]}"
        self._listener.listen(16)
        self._listener.settimeout(0.05)
        self._accepter = threading.Thread(target=self._accept_loop, daemon=True)
        self._accepter.start()

    @property
    def connections(self) -> int:
        return len(self._conns)

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            self._conns.append(conn)
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(t)
            t.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        try:
            if self.reply == "close":
                conn.close()
                return
            data = b""
            while not request_complete(data):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
            self.requests.append(data)
            if self.reply == "hang":
                self._stop.wait(30)
                return
            assert isinstance(self.reply, bytes)
            if self.drip:
                for i in range(len(self.reply)):
                    if self._stop.wait(self.drip):
                        return
                    conn.sendall(self.reply[i:i + 1])
            else:
                conn.sendall(self.reply)
            conn.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def stop(self) -> None:
        self._stop.set()
        self._accepter.join(5)
        self._listener.close()
        for conn in self._conns:
            conn.close()
        for t in self._threads:
            t.join(5)


@contextmanager
def fake_engine(reply: bytes | str = b"", **kw: object) -> Iterator[FakeEngine]:
    """A FakeEngine for the duration of a with-block."""
    engine = FakeEngine(reply, **kw)  # type: ignore[arg-type]
    try:
        yield engine
    finally:
        engine.stop()


@contextmanager
def silent_listener() -> Iterator[str]:
    """A port whose backlog accepts connections that nobody ever reads or answers: the hung engine."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    try:
        yield f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


def dead_address() -> str:
    """A loopback port that was free a moment ago: connecting to it is refused (the engine is down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"


def elapsed(fn: Callable[[], object]) -> tuple[object, float]:
    """fn()'s result (or the exception it raised) and the seconds it took."""
    start = time.monotonic()
    try:
        result: object = fn()
    except Exception as exc:  # the caller asserts on it
        result = exc
    return result, time.monotonic() - start
