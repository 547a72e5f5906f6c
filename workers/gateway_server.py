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
#: Threads of one listener waiting in accept() at most: one finishing its connection beyond that exits.
MAX_WAITING = 4
#: Pause before accept() is tried again after an error that is not the listener stopping (EMFILE, ENOBUFS...).
ACCEPT_RETRY_S = 0.05


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


class Acceptors:
    """The threads of one listener, leader/followers: each waits in accept() itself and serves the connection it
    accepted in the same thread, first making sure another thread waits in accept() (an idle one, else a new one).

    Before, one thread polled the listening socket, accepted, admitted the peer and handed each admitted connection
    to a pool thread through a lock: a poll, a wake-up and a thread switch per connection, and the accepting thread
    took a third of the gateway's Python time under load. Now the kernel hands each connection to one thread blocked
    in accept() (it wakes one, not all), which admits the peer and serves it, or refuses it (unread, at once).
    Every connection still gets a thread the moment it arrives: there is always one thread waiting in accept() while
    the listener runs, so there are at most as many as connections were open at once (scan.max_connections, the
    guard's cap) plus that one; a thread that finds max_waiting others already waiting exits.
    Connections that arrive together are admitted in whichever order their threads reach the guard, not always in
    the order they were accepted: the caps hold at every moment, but which of two simultaneous connections is the
    one refused at a cap is not defined.
    stop() shuts the listening socket down, which wakes every thread blocked in accept() (EINVAL), and waits until
    none waits any more, so the socket is closed after, never under, a thread's accept().
    """

    def __init__(self, server: GuardedServer, thread_name: str = "gateway-connection",
                 max_waiting: int = MAX_WAITING) -> None:
        self.server = server
        self.thread_name = thread_name
        self.max_waiting = max_waiting
        self._lock = threading.Lock()
        self._none_waiting = threading.Condition(self._lock)
        self._waiting = 0  # threads in accept(), or on their way there
        self._stopping = False

    @property
    def waiting(self) -> int:
        """How many threads wait in accept() now (or are about to)."""
        return self._waiting

    def run(self) -> None:
        """Accept and serve until stop(); the calling thread is the first of the listener's threads."""
        with self._lock:
            if self._stopping:
                return
            self._waiting += 1
        self._loop(keep=True)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop accepting: wake the threads waiting in accept() and wait until none does (busy ones finish their
        connection and exit)."""
        with self._lock:
            self._stopping = True
        with contextlib.suppress(OSError):
            self.server.socket.shutdown(socket.SHUT_RDWR)  # type: ignore[attr-defined]
        with self._lock:
            self._none_waiting.wait_for(lambda: self._waiting == 0, timeout)

    def _loop(self, keep: bool = False) -> None:
        server = self.server
        while True:
            try:
                request, client_address = server.get_request()  # type: ignore[attr-defined]
            except OSError:
                with self._lock:
                    if self._stopping:
                        self._waiting -= 1
                        self._none_waiting.notify_all()
                        return
                time.sleep(ACCEPT_RETRY_S)  # EMFILE, ENOBUFS, ECONNABORTED...: try again shortly
                continue
            with self._lock:
                self._waiting -= 1
                spawn = not self._waiting and not self._stopping
                if spawn:
                    self._waiting += 1
                elif self._stopping and not self._waiting:
                    self._none_waiting.notify_all()
            if spawn:
                try:
                    threading.Thread(target=self._loop, name=self.thread_name, daemon=True).start()
                except RuntimeError:  # no thread to be had: this one goes back to accept() after its connection
                    with self._lock:
                        self._waiting -= 1
            server.serve_one(request, client_address)
            del request, client_address  # the connection's objects go now, not when the next one comes
            with self._lock:
                if self._stopping or (not keep and self._waiting >= self.max_waiting):
                    return
                self._waiting += 1


class GuardedServer:
    """Admission happens in the thread that accepted the connection, before anything is read; an admitted connection
    is served in that thread too, while another waits in accept() (Acceptors)."""

    request_queue_size = 128
    gateway: ScanGateway
    acceptors: Acceptors

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Serve until shutdown(), in this thread and as many more as connections are open (poll_interval unused)."""
        self.acceptors.run()

    def shutdown(self) -> None:
        """Stop accepting (in-flight connections are finished by their threads)."""
        self.acceptors.stop()

    def serve_one(self, request: socket.socket, client_address: object) -> None:
        """Admit, serve and close one accepted connection (what socketserver does for each, in one thread)."""
        try:
            if self.gateway.admit(request, client_address):
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
        self.acceptors = Acceptors(self)
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
        self.acceptors = Acceptors(self)
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
