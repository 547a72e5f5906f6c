"""Forwarded copies (issue 14 item 8): inbound mail that a local forwarder sends on to a remote address is scanned
as the forwarding account's outgoing mail before that copy leaves the server.

Exim's DATA ACL sees only the envelope recipients; aliases, .forward files and cPanel's valiases are expanded later,
by the routers. So Mailward's router `mailward_forwarded` (exim_hook/routers.py), first in the router list, takes
every address that redirection generated (`$parent_domain` set) for a remote domain, in mail the DATA ACL marked
inbound (`$acl_m_mailward_dir` = incoming, kept in Exim's spool), and asks Mailward over a unix socket in the
state directory (`${readsocket}`):

    FORWARDED
    Id: <Exim message id>
    Rcpt: <the remote address>
    Parent: <the local address whose forwarder generated it>

and gets one line back, `mailward-forward: <word>`, which the router turns into its redirect data:

    deliver  the router declines; the next routers send the copy out
    hold     `:blackhole:` for this address only: the copy is held in the forwarding account's quarantine with this
             recipient alone (the message's other recipients, local or forwarded elsewhere, are routed as usual)
    fail     `:fail:` (the scan rejected it: a blocked account, or a score over the reject threshold); the sender
             gets a bounce, as a reject at SMTP time would have told it
    defer    `:defer:`; Exim routes the address again at its next retry

The message itself is read from Exim's spool (`exim -Mvh`/`-Mvb`, workers/exim_spool.py), never taken from the
request; the request only names which message and which address, and comes from Exim alone (the socket's peer is
checked by the kernel, as the gateway's are). The scan is billed to the account owning the forwarding address's
domain (core.identity.attribution, how=forwarded). Each copy has one outcome: it is recorded in Redis under the message
id and the address (core.keys.forwarded_copy) before it is answered, and a router retried for a deferred copy (remote
host down) is answered from that record without a second scan, a second count or a second hold.

When Mailward cannot answer (serve down, Redis down, the message unreadable), the fail mode decides, here and in
the router: open delivers the copy, closed defers it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import socket
import socketserver
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import redis

from core import keys
from core.models import Action, Direction, Envelope, Verdict
from core.settings import Settings
from workers.exim_spool import EximQueue, EximSpoolError, valid_message_id
from workers.peer_identity import PeerPolicy

log = logging.getLogger("mailward.forwarded")

#: The query socket's name in the state directory (0711, root's): no local user can bind a look-alike there.
QUERY_SOCKET = "exim-query.sock"
ANSWER_PREFIX = "mailward-forward: "
DELIVER, HOLD, FAIL, DEFER = "deliver", "hold", "fail", "defer"
WORDS = (DELIVER, HOLD, FAIL, DEFER)
PENDING = "pending"
#: A request is a few short lines; Exim sends it and shuts its side, within this long.
MAX_REQUEST = 8192
REQUEST_TIMEOUT_S = 10.0
#: Outcomes are kept longer than Exim retries an address (Debian's retry rules give up after 4 days) or keeps a
#: frozen message (7 days), so a router run again for the same copy always finds it.
OUTCOME_TTL_S = 8 * 86400
#: Queries answered at once; past this the fail mode answers (each query holds one scan at most).
MAX_CONCURRENT = 64
_OCTAL = re.compile(r"\\([0-3][0-7]{2})")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
MAX_ADDRESS = 1024


@dataclass(frozen=True, slots=True)
class ForwardQuery:
    """Which copy a router asks about: Exim's message id, the remote address, the forwarding local address."""

    message_id: str
    rcpt: str
    parent: str


class BadQuery(ValueError):
    """A request that is not a well-formed forwarded-copy query."""


def unescape(value: str) -> str:
    """Undo Exim's ${escape:} (non-printing and non-ASCII bytes as \\ooo); BadQuery on any control character."""
    raw = _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), value)
    try:
        text = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        text = value
    if _CONTROL.search(text) or len(text) > MAX_ADDRESS or "@" not in text:
        raise BadQuery(f"not an address: {value[:80]!r}")
    return text


def parse_query(data: bytes) -> ForwardQuery:
    """Parse a router's request; BadQuery if it is not one."""
    lines = data.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    if lines[0].strip() != "FORWARDED":
        raise BadQuery("not a FORWARDED query")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise BadQuery(f"malformed line {line[:80]!r}")
        fields.setdefault(name.strip().lower(), value.strip())
    try:
        mid = valid_message_id(fields.get("id", ""))
    except EximSpoolError as exc:
        raise BadQuery(str(exc)) from None
    return ForwardQuery(mid, unescape(fields.get("rcpt", "")), unescape(fields.get("parent", "")))


def _word(verdict: Verdict) -> str:
    if verdict.action == Action.QUARANTINE:
        return HOLD
    if verdict.action == Action.REJECT:
        return FAIL
    if verdict.action == Action.DEFER:
        return DEFER
    return DELIVER  # accept, add header, and the fail-open "unscanned"


class ForwardedCopies:
    """Answers the router: reads the message from Exim's spool, scans the copy once, records its outcome."""

    def __init__(self, settings: Settings, client: redis.Redis, queue: EximQueue,
                 scan: Callable[[bytes, Envelope], Verdict]) -> None:
        self.settings = settings
        self.client = client
        self.queue = queue
        self.scan = scan
        sc = settings.scan
        # A pending mark outlives the longest a scan can take, then lapses: a copy whose query died is asked again.
        self.pending_ttl_s = int(sc.timeout + sc.commit_grace + 30)

    def fail_mode_word(self) -> str:
        """What a copy gets when Mailward cannot scan it: delivered (open) or deferred (closed)."""
        return DELIVER if self.settings.fail_mode == "open" else DEFER

    def answer(self, q: ForwardQuery) -> str:
        """The outcome of one forwarded copy: from its record if it has one, else from a scan now."""
        key = keys.forwarded_copy(q.message_id, hashlib.sha256(q.rcpt.lower().encode()).hexdigest()[:32])
        try:
            if not self.client.set(key, PENDING, nx=True, ex=self.pending_ttl_s):
                prev = (self.client.get(key) or b"").decode()
                if prev in WORDS:
                    log.info("forwarded copy queue_id=%s rcpt=%s by=%s outcome=%s (already decided)",
                             q.message_id, q.rcpt, q.parent, prev)
                    return prev
                return DEFER  # another query for it is under way (or died): Exim asks again later
        except redis.RedisError as exc:
            log.warning("forwarded copy queue_id=%s rcpt=%s: Redis unreachable (%s): fail mode %s", q.message_id,
                        q.rcpt, exc, self.settings.fail_mode)
            return self.fail_mode_word()
        word = ""
        try:
            word = self._decide(q)
        finally:
            self._record(key, q, word)
        return word

    def _decide(self, q: ForwardQuery) -> str:
        try:
            msg = self.queue.read(q.message_id)
        except EximSpoolError as exc:
            log.warning("forwarded copy queue_id=%s rcpt=%s: cannot read it from Exim's spool (%s): fail mode %s",
                        q.message_id, q.rcpt, exc, self.settings.fail_mode)
            return self.fail_mode_word()
        if msg.acl_vars.get("acl_m_mailward_dir") != "incoming":
            # Exim's own record says the message was not inbound: it was scanned as outgoing when it came in.
            log.info("forwarded copy queue_id=%s rcpt=%s: not inbound mail, scanned when received", q.message_id,
                     q.rcpt)
            return DELIVER
        env = Envelope(sender=msg.sender, recipients=[q.rcpt], queue_id=q.message_id, ip=msg.host_address,
                       helo=msg.options.get("helo_name", "")[:255], direction=Direction.OUTGOING,
                       forwarded_by=q.parent)
        verdict = self.scan(msg.message_bytes(), env)
        word = _word(verdict)
        log.info("forwarded copy queue_id=%s rcpt=%s by=%s account=%s verdict=%s outcome=%s id=%s", q.message_id,
                 q.rcpt, q.parent, verdict.sender.account, verdict.action.value.replace(" ", "_"), word,
                 verdict.quarantine_id or "-")
        return word

    def _record(self, key: str, q: ForwardQuery, word: str) -> None:
        """Keep a final outcome (a deferred or unanswered one is asked again); the pending mark goes otherwise."""
        try:
            if word in (DELIVER, HOLD, FAIL):
                self.client.set(key, word, ex=OUTCOME_TTL_S)
            else:
                self.client.delete(key)
        except redis.RedisError as exc:
            # The pending mark lapses by itself; until then a retry is deferred, never scanned twice.
            log.warning("forwarded copy queue_id=%s rcpt=%s: cannot record outcome %s: %s", q.message_id, q.rcpt,
                        word or "-", exc)


class QueryServer:
    """The unix socket Exim's routers ask (`${readsocket}`); only Exim's users, root and Mailward's may connect."""

    def __init__(self, path: Path, copies: ForwardedCopies, peers: PeerPolicy) -> None:
        self.path = path
        self.copies = copies
        self.peers = peers
        self.slots = threading.BoundedSemaphore(MAX_CONCURRENT)
        self._server: socketserver.UnixStreamServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Bind (replacing a dead serve's socket file) and serve in a background thread."""
        owner = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                owner.handle(self.request)

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

            def verify_request(self, request: socket.socket, client_address: object) -> bool:  # type: ignore[override]
                peer = owner.peers.check(request, client_address)
                if not peer.allowed:
                    log.warning("exim query socket: refused %s (not in scan.allowed_users)", peer.who)
                return peer.allowed

        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self._server = Server(str(self.path), Handler)
        os.chmod(self.path, 0o666)  # Exim's user connects; the kernel-reported peer uid decides (verify_request)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="exim-query", daemon=True)
        self._thread.start()
        log.info("exim query socket listening on %s (forwarded copies)", self.path)

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def handle(self, sock: socket.socket) -> None:
        """Read one query (bounded, with a deadline), answer one line, close."""
        try:
            data = _read_request(sock)
            query = parse_query(data)
        except BadQuery as exc:
            log.warning("exim query socket: bad forwarded-copy query (%s): answered fail", exc)
            _send(sock, FAIL)  # an address no scan can be billed for never leaves unscanned
            return
        except OSError as exc:
            log.warning("exim query socket: %s", exc)
            return
        if not self.slots.acquire(blocking=False):
            log.warning("forwarded copy queue_id=%s: %d queries at once: fail mode", query.message_id, MAX_CONCURRENT)
            _send(sock, self.copies.fail_mode_word())
            return
        try:
            word = self.copies.answer(query)
        except Exception:
            log.exception("forwarded copy queue_id=%s rcpt=%s: unexpected error", query.message_id, query.rcpt)
            word = self.copies.fail_mode_word()
        finally:
            self.slots.release()
        _send(sock, word)


def _read_request(sock: socket.socket) -> bytes:
    """Everything the client sends until it shuts its side (Exim's readsocket does) or a blank line."""
    deadline = time.monotonic() + REQUEST_TIMEOUT_S
    data = b""
    while b"\n\n" not in data and len(data) <= MAX_REQUEST:
        left = deadline - time.monotonic()
        if left <= 0:
            raise OSError("query not complete in time")
        sock.settimeout(left)
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    if len(data) > MAX_REQUEST:
        raise BadQuery(f"query longer than {MAX_REQUEST} bytes")
    return data


def _send(sock: socket.socket, word: str) -> None:
    with contextlib.suppress(OSError):
        sock.sendall(f"{ANSWER_PREFIX}{word}\n".encode())
