"""The scan gateway: Exim (RSPAMC/1.3) and rspamc (HTTP) clients in, Dramatiq scan jobs out."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import BinaryIO, TypeVar

import dramatiq
import redis
from dramatiq.results import ResultFailure

from core.errors import MailwardError, ProtocolError
from core.mail.mime import strip_scan_preamble
from core.models import Action, Direction, Envelope, Verdict
from core.settings import Settings
from core.store.connection import connect, connection_lost, never_ran
from core.store.pending_answers import PendingAnswers
from core.store.scan_bodies import HELD, READY, ScanBodies
from core.store.scan_claims import COMMITTED, ScanClaims
from core.store.spool import SpoolStore
from workers.broker import results_backend
from workers.gateway_server import (
    ConnectionGuard,
    DeadlineReader,
    GuardedServer,
    Lingerer,
    bind,
    close,
    handler_class,
    refuse,
)
from workers.peer_identity import PeerPolicy
from workers.rspamd_protocol import (
    HTTP_SCAN_PATHS,
    HeadLimits,
    ScanRequest,
    http_reply,
    legacy_error,
    legacy_pong,
    legacy_reply,
    read_request,
    verdict_json,
)
from workers.scan_enqueue import ClaimedEnqueue, WaitBroken
from workers.spool_reuse import SpoolReuse

log = logging.getLogger("mailward.gateway")
T = TypeVar("T")

CHUNK = 256 * 1024
#: The start of a body held in memory to strip Exim's preamble (its X-Envelope-To names every recipient, as the
#: head's Rcpt: lines do, so twice the head cap is room enough); never less than this.
PREAMBLE_WINDOW = 2 * 1024 * 1024
#: Pause between tries while Redis is unreachable (restarting), within the scan's deadline.
REDIS_RETRY_S = 0.1
#: How long the last step of a scan whose body is in Redis (settling it) rides through a Redis restart.
SETTLE_RIDE_S = 2.0
#: How long a body in Redis outlives the gateway's last deadline (only a gateway that died leaves one behind).
BODY_GRACE_S = 60.0


class ScanGateway:
    """Accepts scan requests on TCP and/or unix sockets and answers each with a worker's verdict."""

    #: Class defaults so a bare instance (unit tests) parses heads as configured by default.
    head_limits = HeadLimits()

    def __init__(self, settings: Settings, broker: dramatiq.Broker, scan_actor: dramatiq.Actor,
                 wait_client: redis.Redis) -> None:
        self.settings = settings
        self.broker = broker
        self.scan_actor = scan_actor
        self.backend = results_backend(broker)
        self.wait_client = wait_client  # no socket timeout shorter than scan.timeout: it blocks on results
        # Its own client: claims are quick commands, and a hung Redis must cost no more than the scan's deadline
        # (wait_client's timeout is longer than a whole scan, for the blocking wait on results).
        self._quick_timeout = min(5.0, settings.scan.timeout)
        self.claims = ScanClaims(connect(settings, timeout=self._quick_timeout))
        self.bodies = ScanBodies(self.claims.client)  # messages the spool could not take (disk full)
        self.answers = PendingAnswers(self.claims.client)  # holds waiting for this answer (issue 15)
        self.enqueuer = ClaimedEnqueue(self.claims.client, broker, scan_actor)  # type: ignore[arg-type]
        self._redis_bytes = 0  # of those bodies, in Redis right now (scan.redis_body_total_bytes)
        self._redis_lock = threading.Lock()
        self._in_redis: dict[str, int] = {}  # spool id -> its body's size, while in Redis
        self.lingerer = Lingerer()
        self._refused: set[int] = set()  # ids of sockets admit() refused, until the server lets go of them
        self.spool = SpoolStore(settings.spool_dir)
        sc = settings.scan
        self.reuse = SpoolReuse(self.spool, keep=min(sc.max_connections, 32))  # answered files, used again
        self.slots = threading.BoundedSemaphore(sc.max_connections)
        self.peers = PeerPolicy(sc.allowed_users, sc.allowed_hosts)
        self.guard = ConnectionGuard(sc.max_connections, sc.max_connections_per_peer)
        self.head_limits = HeadLimits(sc.max_head_bytes, sc.max_head_lines)
        self._servers: list[GuardedServer] = []
        self._threads: list[threading.Thread] = []

    # ---- lifecycle ---------------------------------------------------------------------------------------
    def start(self) -> list[str]:
        """Bind every configured listener and serve in background threads; returns the bound addresses."""
        self.spool.ensure()
        self.reuse.ensure()
        # Exim asks for incoming scans on the incoming listeners only: the listener is the direction marker (the
        # RSPAMC head of Exim's spam= condition has no field the ACL could set).
        outgoing, incoming = handler_class(self, Direction.OUTGOING), handler_class(self, Direction.INCOMING)
        listeners = [(a, outgoing) for a in self.settings.scan.listen]
        listeners += [(a, incoming) for a in self.settings.incoming.listen]
        bound = []
        for addr, handler in listeners:
            server, where = bind(addr, handler, self)
            bound.append(where)
            t = threading.Thread(target=server.serve_forever, name=f"gateway {addr}", daemon=True)
            t.start()
            self._servers.append(server)
            self._threads.append(t)
        sc = self.settings.scan
        log.info("gateway listening on %s (fail_mode=%s; local peers allowed: %s; connections: %d, %d per peer; "
                 "head: %d bytes, %d lines, %gs)", ", ".join(bound), self.settings.fail_mode,
                 "any" if self.peers.any_local else sorted(self.peers.uids), sc.max_connections,
                 sc.max_connections_per_peer, sc.max_head_bytes, sc.max_head_lines, sc.head_timeout)
        return bound

    def stop(self) -> None:
        """Stop accepting, let in-flight scans finish (each is bounded by scan.timeout), close listeners."""
        for server in self._servers:
            server.shutdown()
        for server in self._servers:
            close(server)
        self._servers.clear()
        self.reuse.close()

    # ---- one connection -----------------------------------------------------------------------------------
    def admit(self, sock: socket.socket, client_address: object) -> bool:
        """Check the peer and the connection caps right after accept, before anything is read.

        A refused connection gets a one-line RSPAMC error (Exim then applies its fail mode) and is closed by the
        caller unread, so a peer that may not scan costs neither a thread nor a buffer.
        """
        try:
            peer = self.peers.check(sock, client_address)
        except OSError as exc:
            log.warning("gateway: refused connection: cannot identify the peer: %s", exc)
            return False
        if not peer.allowed:
            log.warning("gateway: refused scan request from %s (not in scan.allowed_users/allowed_hosts); "
                        "closed unread", peer.who)
            refuse(sock, "peer not allowed to use the scan gateway")
            self._refused.add(id(sock))
            return False
        why = self.guard.admit(sock, peer)
        if why:
            log.warning("gateway: refused connection from %s: %s; closed unread", peer.who, why)
            refuse(sock, "too many connections to the scan gateway")
            self._refused.add(id(sock))
            return False
        return True

    def refused_now(self, sock: socket.socket) -> bool:
        """Whether admit() refused this socket (asked once, as the server lets go of it)."""
        try:
            self._refused.remove(id(sock))
        except KeyError:
            return False
        return True

    # ---- one request -------------------------------------------------------------------------------------
    def handle(self, rfile: BinaryIO, wfile: BinaryIO, *, direction: Direction = Direction.OUTGOING,
               reader: DeadlineReader | None = None) -> None:
        """Serve one admitted connection: parse the head (capped, with a deadline), scan, answer, close."""
        try:
            req = read_request(rfile, self.head_limits)
            req.envelope.direction = direction
        except (ProtocolError, OSError, TimeoutError) as exc:
            log.warning("gateway: bad request, closed: %s", exc)
            with contextlib.suppress(OSError):
                wfile.write(legacy_error(str(exc)))
            return
        if reader is not None:
            reader.deadline = None  # the body is bounded by its length and the idle timeout per read
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

    def _spool_body(self, rfile: BinaryIO, n: int, preamble: bool) -> tuple[str, bool]:
        """Stream n body bytes into a new spool file (never the whole body in memory); return (spool id, in Redis).

        Exim's scanner preamble (mbox From_ line, X-Envelope-* pseudo-headers) sits at the very start: only the
        first window (PREAMBLE_WINDOW, or twice the head cap) is held to strip it. Every later chunk goes straight
        to disk, so a connection costs at most that much memory whatever the message's size. When the spool cannot
        be written (disk full, EIO), a body within that window and scan.redis_body_max_bytes goes to Redis for
        its scan instead (core.store.scan_bodies); a larger one raises _NotSpooled (the fail mode answers).
        """
        window = max(PREAMBLE_WINDOW, 2 * self.settings.scan.max_head_bytes)
        first = self._read_exactly(rfile, min(n, window), n)
        body = strip_scan_preamble(first) if preamble else first
        left = n - len(first)
        whole = not left  # the whole body is in memory: Redis can still take it if the spool cannot
        try:
            with self.reuse.create() as (spool_id, fh):
                fh.write(body)
                while left:
                    chunk = self._read_exactly(rfile, min(CHUNK, left), n)
                    left -= len(chunk)
                    fh.write(chunk)
            return spool_id, False
        except OSError as exc:
            # Only the spool's writes raise OSError here (a client's read errors are ProtocolError): read what is
            # left of the body, so the client gets its answer, then try Redis.
            self._discard_body(rfile, left)
            return self._body_to_redis(body if whole else None, n, exc), True

    def _body_to_redis(self, body: bytes | None, n: int, spool_error: OSError) -> str:
        """Put a body the spool refused into Redis for its scan; its spool id, or _NotSpooled saying why not."""
        sc = self.settings.scan
        cap = min(sc.redis_body_max_bytes, max(PREAMBLE_WINDOW, 2 * sc.max_head_bytes))
        if body is None or len(body) > cap:
            raise _NotSpooled(f"cannot spool ({spool_error}) and the message ({n} bytes) is over "
                              f"scan.redis_body_max_bytes={sc.redis_body_max_bytes} for the Redis fallback")
        with self._redis_lock:
            if self._redis_bytes + len(body) > sc.redis_body_total_bytes:
                raise _NotSpooled(f"cannot spool ({spool_error}) and {self._redis_bytes} bytes of bodies are in "
                                  f"Redis already (scan.redis_body_total_bytes={sc.redis_body_total_bytes})")
            self._redis_bytes += len(body)
        spool_id = str(uuid.uuid4())
        ttl_ms = int((sc.timeout + sc.commit_grace + BODY_GRACE_S) * 1000)
        try:
            self.bodies.put(spool_id, body, ttl_ms)
        except redis.RedisError as exc:
            self._unreserve(len(body))
            raise _NotSpooled(f"cannot spool ({spool_error}), nor put the body in Redis ({exc})") from None
        self._in_redis[spool_id] = len(body)
        log.warning("gateway: cannot spool (%s); spool %s (%d bytes) goes through Redis for its scan",
                    spool_error, spool_id, len(body))
        return spool_id

    def _unreserve(self, nbytes: int) -> None:
        with self._redis_lock:
            self._redis_bytes -= nbytes

    def _discard(self, spool_id: str, in_redis: bool, answered: bool = False) -> None:
        """Remove a scan's message after the answer (a hold moved or took it already); answered: a worker's result
        came back, so no job reads its file any more and it may be used again (workers.spool_reuse)."""
        if not in_redis:
            self.reuse.discard(spool_id, answered=answered)
            return
        try:
            self.bodies.discard(spool_id)
        except redis.RedisError as exc:  # it expires on its own shortly after the deadline
            log.warning("gateway: cannot remove the body of spool %s from Redis: %s", spool_id, exc)
        self._unreserve(self._in_redis.pop(spool_id, 0))

    @staticmethod
    def _read_exactly(rfile: BinaryIO, size: int, total: int) -> bytes:
        chunks, left = [], size
        while left:
            try:
                chunk = rfile.read(min(CHUNK, left))
            except OSError as exc:  # TimeoutError too: the client, not the spool
                raise ProtocolError(f"reading the message body: {exc or type(exc).__name__}") from None
            if not chunk:
                raise ProtocolError(f"connection closed with body bytes missing (expected {total})")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _discard_body(self, rfile: BinaryIO, n: int) -> None:
        left = n
        while left:
            try:
                chunk = rfile.read(min(CHUNK, left))
            except OSError:
                return
            if not chunk:
                return
            left -= len(chunk)

    def _oversize(self, env: Envelope, size: int) -> Verdict:
        s = self.settings
        action = {"accept": Action.UNSCANNED, "reject": Action.REJECT, "defer": Action.DEFER}[s.scan.oversize_action]
        log.info("scan queue_id=%s sender=%s verdict=%s why=oversize size=%d max=%d", env.queue_id or "-",
                 env.sender or "<>", action.value.replace(" ", "_"), size, s.scan.max_message_bytes)
        return Verdict(action, required_score=s.thresholds.quarantine,
                       message="message too large to scan" if action != Action.UNSCANNED else "")

    def _scan_request(self, req: ScanRequest, rfile: BinaryIO) -> Verdict:
        env = req.envelope
        if req.content_length > self.settings.scan.max_message_bytes:
            self._discard_body(rfile, req.content_length)
            return self._oversize(env, req.content_length)
        try:
            # Exim prepends an mbox From_ line and X-Envelope-* pseudo-headers to what it sends a scanner.
            spool_id, in_redis = self._spool_body(rfile, req.content_length, preamble=req.protocol == "rspamc")
        except _NotSpooled as exc:
            return self._fail(env, exc.why)
        return self._scan_spooled(spool_id, env, in_redis)

    def scan_bytes(self, raw: bytes, env: Envelope, *, slot_wait_s: float = 0.0) -> Verdict:
        """Scan a whole message Mailward holds itself (a frozen local submission, a forwarded copy) exactly as Exim's
        requests are: the spool, or Redis when the spool cannot take it; the fail mode for what cannot be scanned.

        slot_wait_s: how long to wait for a scan slot (Exim's own scans, which never wait, come first).
        """
        if len(raw) > self.settings.scan.max_message_bytes:
            return self._oversize(env, len(raw))
        try:
            spool_id, in_redis = self.spool.write(raw), False
        except OSError as exc:
            try:
                spool_id, in_redis = self._body_to_redis(raw, len(raw), exc), True
            except _NotSpooled as why:
                return self._fail(env, why.why)
        try:
            # Before the job exists: no Exim waits on a socket for this verdict (the caller acts on it), so the
            # sweep of unanswered holds must never withdraw its holds (core.store.pending_answers).
            self._ride(lambda: self.answers.mark_direct(spool_id), time.monotonic() + SETTLE_RIDE_S)
        except redis.RedisError as exc:
            self._discard(spool_id, in_redis)
            return self._fail(env, f"cannot record the scan (Redis): {exc}")
        return self._scan_spooled(spool_id, env, in_redis, slot_wait_s)

    def _scan_spooled(self, spool_id: str, env: Envelope, in_redis: bool, slot_wait_s: float = 0.0) -> Verdict:
        """_scan within one of the gateway's scan slots (the fail mode when none is free in time)."""
        free = self.slots.acquire(timeout=slot_wait_s) if slot_wait_s > 0 else self.slots.acquire(blocking=False)
        if not free:
            self._discard(spool_id, in_redis)
            return self._fail(env, "too many concurrent scans")
        try:
            verdict = self._scan(spool_id, env, in_redis)
        finally:
            self.slots.release()
        return self._answering(spool_id, env, verdict)

    def _scan(self, spool_id: str, env: Envelope, in_redis: bool = False) -> Verdict:
        """Queue the scan under an open claim and wait for its verdict; at the deadline, the claim decides.

        A worker that had not committed by the deadline is dropped (it changes nothing) and the fail mode answers.
        One that had committed is waited for scan.commit_grace more. Whatever the fail mode answers, the spool file
        (or the body in Redis) is taken first: if a worker already moved it into the quarantine, the answer is that
        hold instead.
        """
        sc = self.settings.scan
        deadline = time.monotonic() + sc.timeout

        def fail(why: str) -> Verdict:
            return self._fail_unless_held(env, spool_id, why, in_redis)

        answered = False
        try:
            key, data = self._enqueue(spool_id, env, deadline)
            if data is None:
                data = self._wait(key, deadline)
            if data is None:
                if self._abandon(spool_id) != COMMITTED:
                    return fail(f"no verdict within {sc.timeout:g}s; the scan was dropped")
                data = self._wait(key, deadline + sc.commit_grace)
                if data is None:
                    return fail("the worker committed to a verdict but did not answer within "
                                f"{sc.timeout + sc.commit_grace:g}s")
            result = self.backend.unwrap_result(self.backend.encoder.decode(data))
            if result is None:
                return fail("worker found no spooled message")
            verdict = Verdict.from_dict(result)
            answered = True
            return verdict
        except _Unanswered as exc:
            return fail(exc.why)
        except ResultFailure as exc:
            return fail(f"scan failed in worker: {exc.orig_exc_type}: {exc.orig_exc_msg}")
        except MailwardError as exc:
            return fail(str(exc))
        finally:
            # answered either way; a quarantined copy was moved out already
            self._discard(spool_id, in_redis, answered)

    def _enqueue(self, spool_id: str, env: Envelope, deadline: float) -> tuple[str, bytes | None]:
        """Open the scan's claim, queue its job and start waiting for its result, in one exchange with Redis,
        retrying while Redis is unreachable (restarting): the result's key, and the result if it came in that first
        wait (else None: _wait goes on)."""
        ttl_ms = int(self.settings.scan.timeout * 1000)
        message = self.enqueuer.message(spool_id, env.to_dict())
        key = self.backend.build_message_key(message)
        while True:
            wait_s = max(0.01, min(deadline - time.monotonic(), 5.0))
            try:
                return key, self.enqueuer.send_and_wait(self.wait_client, spool_id, message, ttl_ms, key, wait_s,
                                                        reply_timeout=self._quick_timeout)
            except WaitBroken:
                return key, None  # queued: _wait rides through the rest
            except redis.RedisError as exc:
                # Redis restarting (the embedded one is restarted by serve within a second or two): retry within
                # the deadline. Safe even when the first attempt may have run (a connection reset after the
                # command was sent): claim and job are written together and only if the claim is absent, so a
                # retry after a try that ran queues nothing more (workers.scan_enqueue).
                if not connection_lost(exc) or time.monotonic() + REDIS_RETRY_S >= deadline:
                    raise _Unanswered(f"cannot queue scan (Redis): {exc}") from None
                time.sleep(REDIS_RETRY_S)

    def _wait(self, key: str, until: float) -> bytes | None:
        """The worker's result, or None once `until` (monotonic) has passed; rides through a Redis restart."""
        while True:
            left = until - time.monotonic()
            if left <= 0:
                return None
            try:
                popped = self.wait_client.blpop([key], timeout=max(0.01, min(left, 5.0)))
            except redis.RedisError as exc:
                # The job and its result outlive a Redis restart (append-only file): keep waiting.
                if time.monotonic() + REDIS_RETRY_S >= until:
                    raise _Unanswered(f"Redis error while waiting: {exc}") from None
                time.sleep(REDIS_RETRY_S)
                continue
            if popped:
                return bytes(popped[1])

    def _abandon(self, spool_id: str) -> str:
        """Stop waiting: ABANDONED or COMMITTED (see core.store.scan_claims); COMMITTED when Redis cannot say."""
        try:
            return self.claims.abandon(spool_id)
        except redis.RedisError as exc:
            # The claim may have been committed just before Redis went away: wait the grace like for a commit;
            # the spool file taken at the end settles it either way.
            log.warning("gateway: cannot settle the claim of spool %s (Redis): %s", spool_id, exc)
            return COMMITTED

    def _fail_unless_held(self, env: Envelope, spool_id: str, why: str, in_redis: bool = False) -> Verdict:
        """The fail mode, unless a worker already moved the message into the quarantine: then that hold."""
        if not in_redis:
            if self.spool.take(spool_id):  # from now on no worker can hold it: the fail mode is the only outcome
                return self._fail(env, why)
            return self._held_late(env, why)
        state = self._settle(spool_id)
        if state == READY:  # taken back from Redis: no worker can hold it now
            return self._fail(env, why)
        if state == HELD:
            return self._held_late(env, why)
        # A hold under way (or cut short by its worker's death), or Redis cannot say: Exim keeps the message and
        # tries again later, so it is neither delivered unscanned nor lost.
        s = self.settings
        log.warning("scan queue_id=%s sender=%s rcpts=%d verdict=soft_reject why=the message (in Redis) was being "
                    "held when the scan was answered (%s; body state %s)", env.queue_id or "-", env.sender or "<>",
                    len(env.recipients), why, state or "unknown")
        return Verdict(Action.DEFER, required_score=s.thresholds.quarantine,
                       message="mail scanner unavailable, try again later")

    def _answering(self, spool_id: str, env: Envelope, verdict: Verdict) -> Verdict:
        """Record that a hold is being answered, right BEFORE the caller writes it to Exim (never after: a sweep
        would then withdraw a hold Exim honoured; see core.store.pending_answers). The fail mode instead if the
        sweep already withdrew the holds; a deferral if Redis cannot say (the sweep withdraws them later)."""
        if verdict.action != Action.QUARANTINE:
            return verdict  # nothing held is answered: a hold made anyway (a copy before a failed one) is withdrawn
        try:
            answered = self._ride(lambda: self.answers.answering(spool_id), time.monotonic() + SETTLE_RIDE_S)
        except redis.RedisError as exc:
            s = self.settings
            log.warning("scan queue_id=%s sender=%s rcpts=%d verdict=soft_reject why=cannot record the answer of "
                        "spool %s (Redis: %s); its hold is withdrawn later", env.queue_id or "-",
                        env.sender or "<>", len(env.recipients), spool_id, exc)
            return Verdict(Action.DEFER, required_score=s.thresholds.quarantine,
                           message="mail scanner unavailable, try again later")
        if answered:
            return verdict
        return self._fail(env, "the hold was withdrawn before the answer (the gateway stopped past its deadline)")

    @staticmethod
    def _ride(step: Callable[[], T], until: float) -> T:
        """One quick Redis step, again while Redis restarts (a lost connection), until `until` (monotonic)."""
        while True:
            try:
                return step()
            except redis.RedisError as exc:
                if not connection_lost(exc) or time.monotonic() + REDIS_RETRY_S >= until:
                    raise
                time.sleep(REDIS_RETRY_S)

    def _held_late(self, env: Envelope, why: str) -> Verdict:
        s = self.settings
        log.warning("scan queue_id=%s sender=%s rcpts=%d verdict=quarantine why=held by a worker that answered "
                    "late (%s)", env.queue_id or "-", env.sender or "<>", len(env.recipients), why)
        return Verdict(Action.QUARANTINE, required_score=s.thresholds.quarantine)

    def _settle(self, spool_id: str) -> str | None:
        """Take a body back from Redis (core.store.scan_bodies.ScanBodies.settle), riding a Redis restart briefly;
        None when Redis cannot say."""
        until = time.monotonic() + SETTLE_RIDE_S
        while True:
            try:
                return self.bodies.settle(spool_id)
            except redis.RedisError as exc:
                if not never_ran(exc) or time.monotonic() + REDIS_RETRY_S >= until:
                    log.warning("gateway: cannot settle the body of spool %s (Redis): %s", spool_id, exc)
                    return None
                time.sleep(REDIS_RETRY_S)

    def _fail(self, env: Envelope, why: str) -> Verdict:
        """Apply the configured fail mode: accept unscanned (open) or ask Exim to retry later (closed)."""
        s = self.settings
        action = Action.UNSCANNED if s.fail_mode == "open" else Action.DEFER
        log.warning("scan queue_id=%s sender=%s rcpts=%d verdict=%s why=fail_mode_%s: %s", env.queue_id or "-",
                    env.sender or "<>", len(env.recipients), action.value.replace(" ", "_"), s.fail_mode, why)
        message = "" if action == Action.UNSCANNED else "mail scanner unavailable, try again later"
        return Verdict(action, required_score=s.thresholds.quarantine, message=message)


class _NotSpooled(Exception):
    """Neither the spool nor Redis can take the message: the fail mode answers, with why."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


class _Unanswered(Exception):
    """The scan cannot get a worker's verdict (Redis unreachable): the fail mode answers, with why."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why
