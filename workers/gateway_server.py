"""The scan gateway's socket servers: listeners that admit a peer before reading anything, read with deadlines,
and close refused connections without a reset; workers.gateway.ScanGateway decides what each connection gets."""

from __future__ import annotations

import contextlib
import io
import os
import selectors
import socket
import socketserver
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.models import Direction
from workers.peer_identity import Peer
from workers.rspamd_protocol import legacy_error

if TYPE_CHECKING:
    from workers.gateway import ScanGateway

READ_TIMEOUT_S = 60.0
#: How long a refused connection may stay open for its peer to read the refusal, and how many may at once.
LINGER_S = 1.0
LINGER_MAX = 256
#: Read buffer per connection: small, because every open connection holds one.
RBUF = 64 * 1024
#: How long a connection thread waits for the next connection before it exits.
POOL_IDLE_S = 60.0


class ConnectionGuard:
    """Counts open gateway connections, in total and per peer, across every listener; refuses past the caps."""

    def __init__(self, max_total: int, max_per_peer: int) -> None:
        self.max_total = max_total
        self.max_per_peer = max_per_peer
        self._lock = threading.Lock()
        self._total = 0
        self._per_peer: dict[str, int] = {}
        self._held: dict[socket.socket, str] = {}

    def admit(self, sock: socket.socket, peer: Peer) -> str:
        """Count the connection in; "" if admitted, else why not (nothing is counted then)."""
        with self._lock:
            if self._total >= self.max_total:
                return f"{self._total} connections open (scan.max_connections={self.max_total})"
            mine = self._per_peer.get(peer.key, 0)
            if mine >= self.max_per_peer:
                return f"{mine} connections open from {peer.key} (scan.max_connections_per_peer={self.max_per_peer})"
            self._total += 1
            self._per_peer[peer.key] = mine + 1
            self._held[sock] = peer.key
            return ""

    def release(self, sock: socket.socket) -> None:
        """Count a closed connection out (a no-op for one that was never admitted)."""
        with self._lock:
            key = self._held.pop(sock, None)
            if key is None:
                return
            self._total -= 1
            left = self._per_peer[key] - 1
            if left:
                self._per_peer[key] = left
            else:
                del self._per_peer[key]

    @property
    def open_connections(self) -> int:
        """Connections admitted and not yet closed."""
        with self._lock:
            return self._total


class DeadlineReader(io.RawIOBase):
    """A socket's read side where each recv waits at most the idle timeout and never past `deadline`.

    A per-recv timeout alone lets a client trickle one byte at a time forever (slowloris); the deadline bounds
    the head as a whole.
    """

    def __init__(self, sock: socket.socket, idle_timeout: float = READ_TIMEOUT_S) -> None:
        super().__init__()
        self.sock = sock
        self.idle_timeout = idle_timeout
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        timeout = self.idle_timeout
        if self.deadline is not None:
            timeout = min(timeout, self.deadline - time.monotonic())
        try:
            if timeout <= 0:
                raise TimeoutError
            self.sock.settimeout(timeout)
            return self.sock.recv_into(buffer)
        except TimeoutError:
            if self.deadline is None:
                raise TimeoutError(f"no data for {self.idle_timeout:g}s") from None
            raise TimeoutError("request head not complete in time (scan.head_timeout)") from None


class SocketWriter(io.BufferedIOBase):
    """Unbuffered writes that send everything (what socketserver's StreamRequestHandler uses)."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.sock.sendall(data)
        return len(data)


def refuse(sock: socket.socket, why: str) -> None:
    """Send a refusal without reading anything or waiting on a slow peer; the server then closes the socket."""
    with contextlib.suppress(OSError):
        sock.setblocking(False)
        sock.send(legacy_error(why))  # a fresh socket's send buffer takes these hundred bytes at once
        sock.shutdown(socket.SHUT_WR)


class Lingerer:
    """Closes refused connections from one thread once the peer has read the refusal and hung up (or after
    LINGER_S): closing a socket with unread bytes makes the kernel reset the connection, which can destroy the
    refusal before a client that spoke first reads it. Bounded: past LINGER_MAX sockets, the oldest close at once."""

    def __init__(self) -> None:
        self._sel = selectors.DefaultSelector()
        self._lock = threading.Lock()
        self._until: dict[socket.socket, float] = {}
        self._thread: threading.Thread | None = None
        self._wake = threading.Event()

    def add(self, sock: socket.socket) -> None:
        """Let sock linger (it was answered and shut for writing); it is closed later, never by the caller."""
        with self._lock:
            if len(self._until) >= LINGER_MAX:
                oldest = min(self._until, key=self._until.__getitem__)
                self._drop(oldest)
            try:
                self._sel.register(sock, selectors.EVENT_READ)
            except (ValueError, OSError):
                sock.close()
                return
            self._until[sock] = time.monotonic() + LINGER_S
            self._wake.set()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="gateway-linger", daemon=True)
                self._thread.start()

    def _drop(self, sock: socket.socket) -> None:
        self._until.pop(sock, None)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self._sel.unregister(sock)
        sock.close()

    def _run(self) -> None:
        while True:
            with self._lock:
                empty = not self._until
                if empty:
                    self._wake.clear()
            if empty:
                self._wake.wait()  # idle until add(): no polling while nothing lingers
                continue
            ready = self._sel.select(timeout=0.1)
            with self._lock:
                for key, _ in ready:
                    sock = key.fileobj
                    assert isinstance(sock, socket.socket)
                    try:
                        done = not sock.recv(65536)  # the peer's request, unread and dropped; b"": it hung up
                    except OSError:
                        done = True
                    if done:
                        self._drop(sock)
                now = time.monotonic()
                for sock in [s for s, t in self._until.items() if t <= now]:
                    self._drop(sock)


class _Waiting:
    """One idle thread's hand-off slot: submit() puts the job in and releases `ready`, which the thread waits on."""

    __slots__ = ("job", "ready")

    def __init__(self) -> None:
        self.job: tuple[Callable[..., None], tuple] | None = None  # None when close() lets the thread go
        self.ready = threading.Lock()
        self.ready.acquire()


class HandlerPool:
    """The threads that serve admitted connections, each kept for the next connection once it is done.

    A new thread per connection (socketserver.ThreadingMixIn) cost about 50 us of CPU per scan to start and tear
    down. Every connection still gets a thread the moment it is admitted (one waiting, or a new one), so there are
    as many as connections were open at once (at most scan.max_connections, the guard's cap); a thread left idle for
    idle_s exits.

    Each idle thread waits on a lock of its own, handed the job by submit() under the pool's lock. (A shared
    queue.SimpleQueue with get(timeout) was used before: under CPython 3.11 one of many threads timing out on it at
    once could stay blocked on the empty queue for good, and a connection handed to it would have waited forever.)
    The thread idle the shortest time takes the next connection, so the others can time out and go.
    """

    def __init__(self, idle_s: float = POOL_IDLE_S, thread_name: str = "gateway-connection") -> None:
        self.idle_s = idle_s
        self.thread_name = thread_name
        self._lock = threading.Lock()
        self._waiting: list[_Waiting] = []  # the idle threads' slots, most recently idle last

    @property
    def idle(self) -> int:
        """How many threads wait for a connection now."""
        return len(self._waiting)

    def submit(self, fn: Callable[..., None], *args: object) -> None:
        """Run fn(*args) in a thread now: an idle one, else a new one."""
        with self._lock:
            if self._waiting:
                slot = self._waiting.pop()
                slot.job = (fn, args)
                slot.ready.release()
                return
        threading.Thread(target=self._run, args=(fn, args), name=self.thread_name, daemon=True).start()

    def close(self) -> None:
        """Let the idle threads go now (busy ones finish their connection, then wait idle_s at most)."""
        with self._lock:
            for slot in self._waiting:
                slot.ready.release()  # its job stays None: go
            self._waiting.clear()

    def _run(self, fn: Callable[..., None], args: tuple) -> None:
        while True:
            fn(*args)
            del fn, args  # the connection's objects go now, not when the next job comes
            job = self._next()
            if job is None:
                return
            fn, args = job

    def _next(self) -> tuple[Callable[..., None], tuple] | None:
        slot = _Waiting()
        with self._lock:
            self._waiting.append(slot)
        if not slot.ready.acquire(timeout=self.idle_s):
            with self._lock:
                if slot in self._waiting:  # nobody took it: go
                    self._waiting.remove(slot)
                    return None
            slot.ready.acquire()  # submit() or close() took the slot under the lock, so it is released already
        return slot.job


class GuardedServer:
    """Admission happens in the accepting thread: a refused peer never gets a handler thread. An admitted
    connection is served in a thread of the gateway's HandlerPool."""

    request_queue_size = 128
    gateway: ScanGateway

    def verify_request(self, request: socket.socket, client_address: object) -> bool:
        return self.gateway.admit(request, client_address)

    def process_request(self, request: socket.socket, client_address: object) -> None:
        self.gateway.handlers.submit(self._serve, request, client_address)

    def _serve(self, request: socket.socket, client_address: object) -> None:
        # what socketserver.ThreadingMixIn.process_request_thread does in its thread
        try:
            self.finish_request(request, client_address)  # type: ignore[attr-defined]
        except Exception:
            self.handle_error(request, client_address)  # type: ignore[attr-defined]
        finally:
            self.shutdown_request(request)

    def shutdown_request(self, request: socket.socket) -> None:
        self.gateway.guard.release(request)
        if self.gateway.refused_now(request):
            self.gateway.lingerer.add(request)  # answered and shut for writing by refuse: closed once read
            return
        super().shutdown_request(request)  # type: ignore[misc]


class GatewayTCPServer(GuardedServer, socketserver.TCPServer):
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type[socketserver.BaseRequestHandler], *,
                 gateway: ScanGateway) -> None:
        self.gateway = gateway
        super().__init__(address, handler)

    def server_bind(self) -> None:
        if ":" in self.server_address[0]:
            self.address_family = socket.AF_INET6
            self.socket = socket.socket(self.address_family, self.socket_type)
        super().server_bind()


class GatewayUnixServer(GuardedServer, socketserver.UnixStreamServer):
    def __init__(self, address: str, handler: type[socketserver.BaseRequestHandler], *,
                 gateway: ScanGateway) -> None:
        self.gateway = gateway
        super().__init__(address, handler)


def handler_class(gateway: ScanGateway, direction: Direction) -> type[socketserver.StreamRequestHandler]:
    """The request handler of a listener: every connection is one scan request of `direction` for the gateway."""

    class Handler(socketserver.StreamRequestHandler):
        def setup(self) -> None:
            self.connection = self.request
            self.reader = DeadlineReader(self.connection)
            self.reader.deadline = time.monotonic() + gateway.settings.scan.head_timeout
            self.rfile = io.BufferedReader(self.reader, RBUF)
            self.wfile = SocketWriter(self.connection)

        def handle(self) -> None:
            gateway.handle(self.rfile, self.wfile, direction=direction, reader=self.reader)

    return Handler


def bind(addr: str, handler: type[socketserver.BaseRequestHandler], gateway: ScanGateway) -> tuple[GuardedServer, str]:
    """A listening server on `addr` (host:port, or a unix socket path made 0666); the server and its bound address."""
    if addr.startswith("/"):
        path = Path(addr)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        server: GuardedServer = GatewayUnixServer(addr, handler, gateway=gateway)
        os.chmod(addr, 0o666)  # Exim (Debian-exim / mailnull) must connect
        return server, addr
    host, _, port = addr.rpartition(":")
    tcp = GatewayTCPServer((host.strip("[]"), int(port)), handler, gateway=gateway)
    h, p = tcp.server_address[:2]
    return tcp, f"{h}:{p}"


def close(server: GuardedServer) -> None:
    """Close a stopped server's listening socket (and remove its unix socket file)."""
    server.server_close()  # type: ignore[attr-defined]
    if isinstance(server, GatewayUnixServer):
        with contextlib.suppress(FileNotFoundError, TypeError):
            os.unlink(server.server_address)  # type: ignore[arg-type]
