"""The scan gateway: Exim (RSPAMC/1.3) and rspamc (HTTP) clients in, Dramatiq scan jobs out."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import socketserver
import threading
import time
from pathlib import Path
from typing import BinaryIO

import dramatiq
import redis
from dramatiq.results import ResultFailure

from core.errors import MailwardError, ProtocolError
from core.mime import strip_scan_preamble
from core.models import Action, Direction, Envelope, Verdict
from core.settings import Settings
from core.store_spool import SpoolStore
from workers.broker import results_backend
from workers.peer_identity import PeerPolicy
from workers.rspamd_protocol import (
    HTTP_SCAN_PATHS,
    ScanRequest,
    http_reply,
    legacy_error,
    legacy_pong,
    legacy_reply,
    read_request,
    verdict_json,
)

log = logging.getLogger("mailward.gateway")

READ_TIMEOUT_S = 60.0
CHUNK = 256 * 1024


class ScanGateway:
    """Accepts scan requests on TCP and/or unix sockets and answers each with a worker's verdict."""

    def __init__(self, settings: Settings, broker: dramatiq.Broker, scan_actor: dramatiq.Actor,
                 wait_client: redis.Redis, *, max_connections: int = 512) -> None:
        self.settings = settings
        self.broker = broker
        self.scan_actor = scan_actor
        self.backend = results_backend(broker)
        self.wait_client = wait_client  # no socket timeout shorter than scan.timeout: it blocks on results
        self.spool = SpoolStore(settings.spool_dir)
        self.slots = threading.BoundedSemaphore(max_connections)
        self.peers = PeerPolicy(settings.scan.allowed_users, settings.scan.allowed_hosts)
        self._servers: list[socketserver.BaseServer] = []
        self._threads: list[threading.Thread] = []

    # ---- lifecycle ---------------------------------------------------------------------------------------
    def start(self) -> list[str]:
        """Bind every configured listener and serve in background threads; returns the bound addresses."""
        self.spool.ensure()
        gateway = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = READ_TIMEOUT_S
            direction = Direction.OUTGOING

            def handle(self) -> None:
                gateway.handle(self.rfile, self.wfile, self.request, self.client_address, direction=self.direction)

        class IncomingHandler(Handler):
            # Exim asks for incoming scans on the incoming listeners only: the listener is the direction marker
            # (the RSPAMC head of Exim's spam= condition has no field the ACL could set).
            direction = Direction.INCOMING

        bound = []
        listeners = [(a, Handler) for a in self.settings.scan.listen]
        listeners += [(a, IncomingHandler) for a in self.settings.incoming.listen]
        for addr, handler in listeners:
            server: socketserver.BaseServer
            if addr.startswith("/"):
                path = Path(addr)
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                path.parent.mkdir(parents=True, exist_ok=True)
                server = _UnixServer(addr, handler)
                os.chmod(addr, 0o666)  # Exim (Debian-exim / mailnull) must connect
                bound.append(addr)
            else:
                host, _, port = addr.rpartition(":")
                server = _TCPServer((host.strip("[]"), int(port)), handler)
                h, p = server.server_address[:2]
                bound.append(f"{h}:{p}")
            t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                 name=f"gateway {addr}", daemon=True)
            t.start()
            self._servers.append(server)
            self._threads.append(t)
        log.info("gateway listening on %s (fail_mode=%s; local peers allowed: %s)", ", ".join(bound),
                 self.settings.fail_mode, "any" if self.peers.any_local else sorted(self.peers.uids))
        return bound

    def stop(self) -> None:
        """Stop accepting, let in-flight scans finish (each is bounded by scan.timeout), close listeners."""
        for server in self._servers:
            server.shutdown()
        for server in self._servers:
            server.server_close()
            if isinstance(server, _UnixServer):
                with contextlib.suppress(FileNotFoundError, TypeError):
                    os.unlink(server.server_address)  # type: ignore[arg-type]
        self._servers.clear()

    # ---- one request -------------------------------------------------------------------------------------
    def handle(self, rfile: BinaryIO, wfile: BinaryIO, sock: socket.socket | None = None,
               client_address: object = None, *, direction: Direction = Direction.OUTGOING) -> None:
        """Serve one connection: parse the head, check the peer, scan, answer, close."""
        try:
            req = read_request(rfile)
            req.envelope.direction = direction
        except (ProtocolError, OSError, TimeoutError) as exc:
            log.warning("gateway: bad request: %s", exc)
            with contextlib.suppress(OSError):
                wfile.write(legacy_error(str(exc)))
            return
        if sock is not None:
            allowed, who = self.peers.check(sock, client_address)
            if not allowed:
                log.warning("gateway: refused scan request from %s (not in scan.allowed_users/allowed_hosts) "
                            "queue_id=%s", who, req.envelope.queue_id or "-")
                refusal = "peer not allowed to use the scan gateway"
                with contextlib.suppress(OSError):
                    wfile.write(legacy_error(refusal) if req.protocol == "rspamc"
                                else http_reply(403, {"error": refusal}, reason="Forbidden"))
                return
        if req.is_ping:
            wfile.write(legacy_pong() if req.protocol == "rspamc" else http_reply(200, "pong\r\n"))
            return
        if req.protocol == "http" and req.command.split(" ", 1)[1] not in HTTP_SCAN_PATHS:
            wfile.write(http_reply(404, {"error": f"unknown endpoint {req.command}"}))
            return
        try:
            verdict = self._scan_request(req, rfile)
        except (OSError, TimeoutError, ProtocolError) as exc:
            log.warning("gateway: client error queue_id=%s: %s", req.envelope.queue_id or "-", exc)
            with contextlib.suppress(OSError):
                err = legacy_error(str(exc)) if req.protocol == "rspamc" else http_reply(400, {"error": str(exc)})
                wfile.write(err)
            return
        out = legacy_reply(verdict) if req.protocol == "rspamc" else http_reply(200, verdict_json(verdict))
        with contextlib.suppress(OSError):
            wfile.write(out)

    def _read_body(self, rfile: BinaryIO, n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = rfile.read(min(CHUNK, left))
            if not chunk:
                raise ProtocolError(f"connection closed with {left} of {n} body bytes missing")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _discard_body(self, rfile: BinaryIO, n: int) -> None:
        left = n
        while left:
            chunk = rfile.read(min(CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)

    def _scan_request(self, req: ScanRequest, rfile: BinaryIO) -> Verdict:
        s = self.settings
        env = req.envelope
        if req.content_length > s.scan.max_message_bytes:
            self._discard_body(rfile, req.content_length)
            action = {"accept": Action.UNSCANNED, "reject": Action.REJECT, "defer": Action.DEFER}[
                s.scan.oversize_action]
            log.info("scan queue_id=%s sender=%s verdict=%s why=oversize size=%d max=%d", env.queue_id or "-",
                     env.sender or "<>", action.value.replace(" ", "_"), req.content_length, s.scan.max_message_bytes)
            return Verdict(action, required_score=s.thresholds.quarantine,
                           message="message too large to scan" if action != Action.UNSCANNED else "")
        body = self._read_body(rfile, req.content_length)
        if req.protocol == "rspamc":
            # Exim prepends an mbox From_ line and X-Envelope-* pseudo-headers to what it sends a scanner.
            body = strip_scan_preamble(body)
        if not self.slots.acquire(blocking=False):
            return self._fail(env, "too many concurrent scans")
        try:
            return self._scan(body, env)
        finally:
            self.slots.release()

    def _scan(self, body: bytes, env: Envelope) -> Verdict:
        deadline = time.monotonic() + self.settings.scan.timeout
        try:
            spool_id = self.spool.write(body)
        except OSError as exc:
            return self._fail(env, f"cannot spool: {exc}")
        try:
            try:
                message = self.scan_actor.send(spool_id, env.to_dict())
            except (redis.RedisError, dramatiq.errors.ConnectionError) as exc:
                return self._fail(env, f"cannot queue scan (Redis): {exc}")
            key = self.backend.build_message_key(message)
            try:
                data = None
                while data is None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return self._fail(env, f"no verdict within {self.settings.scan.timeout:g}s")
                    popped = self.wait_client.blpop([key], timeout=min(left, 5.0))
                    data = popped[1] if popped else None
                result = self.backend.unwrap_result(self.backend.encoder.decode(data))
            except ResultFailure as exc:
                return self._fail(env, f"scan failed in worker: {exc.orig_exc_type}: {exc.orig_exc_msg}")
            except redis.RedisError as exc:
                return self._fail(env, f"Redis error while waiting: {exc}")
            if result is None:
                return self._fail(env, "worker found no spooled message")
            return Verdict.from_dict(result)
        except MailwardError as exc:
            return self._fail(env, str(exc))
        finally:
            self.spool.discard(spool_id)  # answered either way; a quarantined copy was moved out already

    def _fail(self, env: Envelope, why: str) -> Verdict:
        """Apply the configured fail mode: accept unscanned (open) or ask Exim to retry later (closed)."""
        s = self.settings
        action = Action.UNSCANNED if s.fail_mode == "open" else Action.DEFER
        log.warning("scan queue_id=%s sender=%s rcpts=%d verdict=%s why=fail_mode_%s: %s", env.queue_id or "-",
                    env.sender or "<>", len(env.recipients), action.value.replace(" ", "_"), s.fail_mode, why)
        message = "" if action == Action.UNSCANNED else "mail scanner unavailable, try again later"
        return Verdict(action, required_score=s.thresholds.quarantine, message=message)


class _TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 128

    def server_bind(self) -> None:
        if ":" in self.server_address[0]:
            self.address_family = socket.AF_INET6
            self.socket = socket.socket(self.address_family, self.socket_type)
        super().server_bind()


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    request_queue_size = 128
