"""The gunicorn worker the API runs in: gthread, hardened so that one local user cannot stall every API call.

gunicorn's gthread worker hands each accepted connection to a thread that blocks until the request head is
complete, so a few dozen half-sent requests take every thread. This worker
- asks the kernel who connected (SO_PEERCRED) when it accepts on the unix socket, and refuses a uid that is
  neither root, Mailward's own user nor a cPanel account with a 403 written at once, reading nothing;
- caps open connections per peer (uid on the unix socket, address on TCP), root and Mailward's user excepted;
- closes a connection whose request head is not complete within api.header_timeout seconds (a watchdog on the
  worker's main loop shuts the socket, which ends the thread's blocking read), and bounds each later read and
  write of the request by a socket timeout.
Used as `gunicorn --worker-class api.gunicorn_worker.GuardedThreadWorker` (workers/service.py).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from gunicorn.workers.gthread import TConn, ThreadWorker

from api.auth import connect_refusal
from core.identity.cpanel import CpanelAccounts
from core.net.peer_credentials import unix_peer_uid
from core.settings import load_settings

#: Each read of a request body and each write of a response, once the head is in.
IO_TIMEOUT_S = 60.0
#: A refused socket stays open this long (unread) so the client can send its request and read the refusal
#: instead of failing on a closed socket; at most MAX_LINGERING of them at a time.
LINGER_S = 1.0
MAX_LINGERING = 1024


def _canned(status: int, reason: str, word: str, message: str) -> bytes:
    """A complete HTTP response in the API's error shape, written without having read the request."""
    body = json.dumps({"code": status, "status": word, "message": message, "errors": {}}).encode()
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n")
    return head.encode() + body


class GuardedConn(TConn):
    """A gthread connection that knows its peer and when its request head is due."""

    def __init__(self, cfg: Any, sock: socket.socket, client: Any, server: Any, peer: str,
                 on_close: Callable[[GuardedConn], None]) -> None:
        super().__init__(cfg, sock, client, server)
        self.peer = peer
        self.head_deadline: float | None = None
        self._on_close: Callable[[GuardedConn], None] | None = on_close

    def close(self, graceful: bool = False) -> None:
        """Close once and count the connection out of its peer's cap."""
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close(self)
        super().close(graceful)


class GuardedThreadWorker(ThreadWorker):
    """gthread with peer checks at accept, per-peer connection caps and a request-head deadline."""

    def init_process(self) -> None:
        settings = load_settings()
        self.accounts = CpanelAccounts(settings.cpanel_root)
        self.max_per_peer = settings.api.max_connections_per_uid
        self.header_timeout = settings.api.header_timeout
        self.uncapped = {"uid=0", f"uid={os.getuid()}"}  # root-equivalent callers: capping them protects nothing
        self.open_by_peer: dict[str, int] = {}
        self.peer_lock = threading.Lock()
        self.in_flight: set[GuardedConn] = set()
        self.lingering: deque[tuple[float, socket.socket]] = deque()
        super().init_process()  # runs the worker's loop

    # ---- accept --------------------------------------------------------------------------------------------
    def accept(self, listener: socket.socket) -> None:
        """Accept one connection and decide about it before anything is read from it."""
        try:
            client_sock, client_addr = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        peer, refusal = self._admit(client_sock, client_addr)
        if refusal:
            self._refuse(client_sock, refusal)
            return
        self.nr_conns += 1
        client_sock.setblocking(True)
        conn = GuardedConn(self.cfg, client_sock, client_addr, listener.getsockname(), peer, self._count_out)
        self.enqueue_req(conn)

    def _admit(self, sock: socket.socket, client_addr: Any) -> tuple[str, bytes]:
        """(peer, "") if the connection may go on, else (peer, the response that refuses it); counts it in."""
        if sock.family == socket.AF_UNIX:
            try:
                uid: int | None = unix_peer_uid(sock)
            except OSError:
                uid = None
            peer = f"uid={uid}"
            why = connect_refusal(uid, self.accounts)
            if why:
                self.log.warning("api: refused connection from %s (%s); closed unread", peer, why)
                return peer, _canned(403, "Forbidden", "forbidden", why)
        else:
            peer = f"host={client_addr[0] if isinstance(client_addr, tuple) else client_addr}"
        if peer in self.uncapped:
            return peer, b""
        with self.peer_lock:
            mine = self.open_by_peer.get(peer, 0)
            if mine >= self.max_per_peer:
                why = f"too many open connections from {peer} (api.max_connections_per_uid={self.max_per_peer})"
                self.log.warning("api: refused connection: %s; closed unread", why)
                return peer, _canned(503, "Service Unavailable", "service_unavailable", why)
            self.open_by_peer[peer] = mine + 1
        return peer, b""

    def _count_out(self, conn: GuardedConn) -> None:
        if conn.peer in self.uncapped:
            return
        with self.peer_lock:
            left = self.open_by_peer.get(conn.peer, 0) - 1
            if left > 0:
                self.open_by_peer[conn.peer] = left
            else:
                self.open_by_peer.pop(conn.peer, None)

    def _refuse(self, sock: socket.socket, response: bytes) -> None:
        """Write the refusal without blocking, then keep the socket a moment, unread, before closing it."""
        with contextlib.suppress(OSError):
            sock.setblocking(False)
            sock.send(response)  # a fresh socket's buffer takes these few hundred bytes at once
            sock.shutdown(socket.SHUT_WR)
        if len(self.lingering) >= MAX_LINGERING:
            self.lingering.popleft()[1].close()
        self.lingering.append((time.monotonic() + LINGER_S, sock))

    # ---- the head deadline ---------------------------------------------------------------------------------
    def enqueue_req(self, conn: GuardedConn) -> None:  # type: ignore[override]
        self.in_flight.add(conn)
        super().enqueue_req(conn)

    def finish_request(self, conn: GuardedConn, fs: Any) -> None:  # type: ignore[override]
        self.in_flight.discard(conn)
        super().finish_request(conn, fs)

    def handle(self, conn: GuardedConn) -> Any:  # type: ignore[override]
        # Runs in a pool thread: from here until the head is parsed, the watchdog may cut the connection.
        conn.head_deadline = time.monotonic() + self.header_timeout
        return super().handle(conn)

    def handle_request(self, req: Any, conn: GuardedConn) -> bool:  # type: ignore[override]
        conn.head_deadline = None
        conn.sock.settimeout(IO_TIMEOUT_S)  # a client that stops reading or sending mid-request is let go
        return super().handle_request(req, conn)

    def murder_pending(self) -> None:
        """gthread's per-tick housekeeping, plus: cut heads past their deadline, close lingering refusals."""
        super().murder_pending()
        now = time.monotonic()
        for conn in list(self.in_flight):
            due = conn.head_deadline
            if due is not None and now > due:
                conn.head_deadline = None
                self.log.warning("api: request head from %s not complete within %gs (api.header_timeout); "
                                 "closed", conn.peer, self.header_timeout)
                with contextlib.suppress(OSError):
                    conn.sock.shutdown(socket.SHUT_RDWR)  # the thread's blocking read returns: no more data
        while self.lingering and self.lingering[0][0] <= now:
            self.lingering.popleft()[1].close()
